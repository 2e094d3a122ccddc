package org.rnnlab.core.layers;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What DL4J asks of the parameter initializer of a recurrent layer of rnnlab's, given its keys, its size
 * and its views of a flat parameter (or gradient) vector; subclasses add the initialisation
 * ({@link LstmParamInitializer}, {@link GruParamInitializer}).
 */
abstract class RecurrentParamInitializer implements ParamInitializer {

    private final List<String> paramKeys;
    private final List<String> weightKeys;
    private final List<String> biasKeys;

    RecurrentParamInitializer(List<String> weightKeys, List<String> biasKeys) {
        this.weightKeys = List.copyOf(weightKeys);
        this.biasKeys = List.copyOf(biasKeys);
        this.paramKeys = Stream.concat(weightKeys.stream(), biasKeys.stream()).toList();
    }

    /** Number of parameters of a layer with {@code nIn} inputs and {@code h} units. */
    abstract long size(long nIn, long h);

    /** Views, by key, of the blocks of a flat row vector of {@link #size} elements. */
    abstract Map<String, INDArray> views(INDArray flat, long nIn, long h);

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FeedForwardLayer l = (FeedForwardLayer) layer;
        return size(l.getNIn(), l.getNOut());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return paramKeys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return weightKeys;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return biasKeys;
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys.contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys.contains(key);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        FeedForwardLayer l = (FeedForwardLayer) conf.getLayer();
        return views(gradientView, l.getNIn(), l.getNOut());
    }

    /** Registers the parameter keys with the configuration (as DL4J's initializers do) and returns {@code views}. */
    Map<String, INDArray> registered(NeuralNetConfiguration conf, Map<String, INDArray> views) {
        for (String key : paramKeys) {
            conf.addVariable(key);
        }
        return views;
    }

    /** Fails unless {@code flat} has the {@link #size} of the layer. */
    void checkSize(INDArray flat, String layer, long nIn, long h) {
        long expected = size(nIn, h);
        if (flat.length() != expected) {
            throw new IllegalArgumentException(layer + "(nIn=" + nIn + ", nOut=" + h + ") needs " + expected
                    + " parameters, got a view of " + flat.length());
        }
    }
}
