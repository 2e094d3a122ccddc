package org.rnnlab.core.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of an {@link Lstm} layer with {@code nIn} inputs and {@code H = nOut} units: DL4J's
 * {@code LSTMParamInitializer} layout, so that the parameter vector of a network is the same for
 * rnnlab's and DL4J's LSTM:
 * <table>
 *   <caption>Parameters (blocks of H columns: candidate, forget, output, input gate)</caption>
 *   <tr><th>key</th><th>shape</th></tr>
 *   <tr><td>{@code W}</td><td>[nIn, 4H]</td></tr>
 *   <tr><td>{@code RW}</td><td>[H, 4H]</td></tr>
 *   <tr><td>{@code b}</td><td>[1, 4H]</td></tr>
 * </table>
 * In the flattened vector they follow in the order W, RW, b, each in column-major ('f') order.
 * Initialisation as DL4J's: W with the layer's weight init and RW with the recurrent weight init (the
 * layer's if none), both with DL4J's fan-in H and fan-out nIn + H, drawn in that order; the bias zero
 * except the forget-gate block, which gets the forget-gate bias. With the same seed both
 * implementations therefore start from the same parameters.
 */
public final class LstmParamInitializer extends RecurrentParamInitializer {

    /** Input weights W, [nIn, 4H]. */
    public static final String INPUT_WEIGHT_KEY = "W";
    /** Recurrent weights RW, [H, 4H]. */
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    /** Bias b, [1, 4H]. */
    public static final String BIAS_KEY = "b";

    private static final LstmParamInitializer INSTANCE = new LstmParamInitializer();

    private LstmParamInitializer() {
        super(List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY), List.of(BIAS_KEY));
    }

    /** The shared (stateless) instance. */
    public static LstmParamInitializer getInstance() {
        return INSTANCE;
    }

    /** Number of parameters of an LSTM with {@code nIn} inputs and {@code h} units: 4 (nIn h + h h + h). */
    public static long count(long nIn, long h) {
        return 4 * (nIn * h + h * h + h);
    }

    @Override
    long size(long nIn, long h) {
        return count(nIn, h);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Lstm lstm = (Lstm) conf.getLayer();
        long nIn = lstm.getNIn();
        long h = lstm.getNOut();
        Map<String, INDArray> views = views(paramsView, nIn, h);
        if (initializeParams) {
            IWeightInit inputInit = lstm.getWeightInitFn();
            IWeightInit recurrentInit = lstm.getWeightInitFnRecurrent() != null ? lstm.getWeightInitFnRecurrent() : inputInit;
            INDArray w = views.get(INPUT_WEIGHT_KEY);
            INDArray rw = views.get(RECURRENT_WEIGHT_KEY);
            inputInit.init(h, nIn + h, w.shape(), 'f', w);
            recurrentInit.init(h, nIn + h, rw.shape(), 'f', rw);
            INDArray b = views.get(BIAS_KEY);
            b.assign(0);
            b.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h)).assign(lstm.getForgetGateBiasInit());
        }
        return registered(conf, views);
    }

    /** Views of the three blocks of a flat row vector of {@link #count} elements. */
    @Override
    Map<String, INDArray> views(INDArray flat, long nIn, long h) {
        checkSize(flat, "Lstm", nIn, h);
        long expected = count(nIn, h);
        INDArray row = flat.reshape(flat.length());
        long wEnd = nIn * 4 * h;
        long rwEnd = wEnd + h * 4 * h;
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(INPUT_WEIGHT_KEY, row.get(NDArrayIndex.interval(0, wEnd)).reshape('f', nIn, 4 * h));
        out.put(RECURRENT_WEIGHT_KEY, row.get(NDArrayIndex.interval(wEnd, rwEnd)).reshape('f', h, 4 * h));
        out.put(BIAS_KEY, row.get(NDArrayIndex.interval(rwEnd, expected)).reshape('f', 1, 4 * h));
        return out;
    }
}
