package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameter layout of a {@link Residual} layer: the wrapped layer's parameters first, laid out by its
 * own initializer under its own keys, then the projection {@value Residual#PROJECTION_KEY}
 * ({@code [nIn, nOut]}, Fortran order, as DL4J stores weight matrices) when the widths differ.
 */
public final class ResidualParamInitializer implements ParamInitializer {

    private static final ResidualParamInitializer INSTANCE = new ResidualParamInitializer();

    private ResidualParamInitializer() {
    }

    public static ResidualParamInitializer getInstance() {
        return INSTANCE;
    }

    private static Residual residual(Layer layer) {
        if (!(layer instanceof Residual r)) {
            throw new IllegalArgumentException("ResidualParamInitializer lays out Residual layers only, got " + layer);
        }
        return r;
    }

    /** Number of the wrapped layer's parameters (the projection follows them). */
    static long wrappedParams(Residual r) {
        return r.getUnderlying().initializer().numParams(r.getUnderlying());
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        Residual r = residual(layer);
        return wrappedParams(r) + r.projectionParams();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        Residual r = residual(layer);
        List<String> keys = new ArrayList<>(r.getUnderlying().initializer().paramKeys(r.getUnderlying()));
        if (r.projected()) {
            keys.add(Residual.PROJECTION_KEY);
        }
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        Residual r = residual(layer);
        List<String> keys = new ArrayList<>(r.getUnderlying().initializer().weightKeys(r.getUnderlying()));
        if (r.projected()) {
            keys.add(Residual.PROJECTION_KEY);
        }
        return keys;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        Residual r = residual(layer);
        return r.getUnderlying().initializer().biasKeys(r.getUnderlying());
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        Residual r = residual(layer);
        return Residual.PROJECTION_KEY.equals(key) ? r.projected()
                : r.getUnderlying().initializer().isWeightParam(r.getUnderlying(), key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        Residual r = residual(layer);
        return !Residual.PROJECTION_KEY.equals(key) && r.getUnderlying().initializer().isBiasParam(r.getUnderlying(), key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Residual r = residual(conf.getLayer());
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(r.getUnderlying());
        INDArray row = paramsView.reshape(paramsView.length());
        long wrapped = wrappedParams(r);
        Map<String, INDArray> out = new LinkedHashMap<>(r.getUnderlying().initializer()
                .init(inner, row.get(interval(0, wrapped)), initializeParams));
        if (r.projected()) {
            INDArray p = projectionView(r, row);
            if (initializeParams) {
                r.initProjection(p);
            }
            out.put(Residual.PROJECTION_KEY, p);
        }
        return out;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Residual r = residual(conf.getLayer());
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(r.getUnderlying());
        INDArray row = gradientView.reshape(gradientView.length());
        long wrapped = wrappedParams(r);
        Map<String, INDArray> out = new LinkedHashMap<>(r.getUnderlying().initializer()
                .getGradientsFromFlattened(inner, row.get(interval(0, wrapped))));
        if (r.projected()) {
            out.put(Residual.PROJECTION_KEY, projectionView(r, row));
        }
        return out;
    }

    /** The projection's part {@code [nIn, nOut]} (Fortran order) of a layer's row view of parameters or gradients. */
    static INDArray projectionView(Residual r, INDArray row) {
        long wrapped = wrappedParams(r);
        return row.get(interval(wrapped, wrapped + r.projectionParams())).reshape('f', r.getNIn(), r.getNOut());
    }
}
