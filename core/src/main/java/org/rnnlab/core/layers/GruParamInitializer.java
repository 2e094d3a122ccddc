package org.rnnlab.core.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of a {@link Gru} layer with {@code nIn} inputs and {@code H = nOut} units. The three gate
 * blocks of every parameter are in PyTorch's order r, z, n (columns {@code [0, H)}, {@code [H, 2H)},
 * {@code [2H, 3H)}):
 * <table>
 *   <caption>Parameters and their PyTorch counterparts ({@code nn.GRU}, layer 0)</caption>
 *   <tr><th>key</th><th>shape</th><th>PyTorch</th></tr>
 *   <tr><td>{@code W}</td><td>[nIn, 3H]</td><td>{@code weight_ih_l0.T} ([W_ir; W_iz; W_in] transposed)</td></tr>
 *   <tr><td>{@code RW}</td><td>[H, 3H]</td><td>{@code weight_hh_l0.T} ([W_hr; W_hz; W_hn] transposed)</td></tr>
 *   <tr><td>{@code b}</td><td>[1, 3H]</td><td>{@code bias_ih_l0} (b_ir, b_iz, b_in)</td></tr>
 *   <tr><td>{@code rb}</td><td>[1, 3H]</td><td>{@code bias_hh_l0} (b_hr, b_hz, b_hn)</td></tr>
 * </table>
 * Both bias vectors are kept (as in PyTorch) because b_hn sits inside the reset gate's product and cannot be
 * folded into b_in; so the count is {@code 3 (nIn H + H H + 2 H)}, exactly PyTorch's. In the flattened
 * parameter vector the blocks follow in the order W, RW, b, rb, each in column-major ('f') order.
 *
 * <p>Initialisation: W with the layer's weight init (fan-in nIn, fan-out H), RW with the recurrent weight
 * init if one is set, otherwise the layer's (fan-in H, fan-out H); both biases with the layer's bias init.
 */
public final class GruParamInitializer extends RecurrentParamInitializer {

    /** Input weights W, [nIn, 3H]. */
    public static final String INPUT_WEIGHT_KEY = "W";
    /** Recurrent weights RW, [H, 3H]. */
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    /** Input bias b (b_ir, b_iz, b_in), [1, 3H]. */
    public static final String BIAS_KEY = "b";
    /** Recurrent bias rb (b_hr, b_hz, b_hn), [1, 3H]. */
    public static final String RECURRENT_BIAS_KEY = "rb";

    private static final GruParamInitializer INSTANCE = new GruParamInitializer();

    private GruParamInitializer() {
        super(List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY), List.of(BIAS_KEY, RECURRENT_BIAS_KEY));
    }

    /** The shared (stateless) instance. */
    public static GruParamInitializer getInstance() {
        return INSTANCE;
    }

    /** Number of parameters of a GRU with {@code nIn} inputs and {@code h} units: 3 (nIn h + h h + 2 h). */
    public static long count(long nIn, long h) {
        return 3 * (nIn * h + h * h + 2 * h);
    }

    @Override
    long size(long nIn, long h) {
        return count(nIn, h);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Gru gru = (Gru) conf.getLayer();
        long nIn = gru.getNIn();
        long h = gru.getNOut();
        Map<String, INDArray> views = views(paramsView, nIn, h);
        if (initializeParams) {
            IWeightInit inputInit = gru.getWeightInitFn();
            IWeightInit recurrentInit = gru.getWeightInitFnRecurrent() != null ? gru.getWeightInitFnRecurrent() : inputInit;
            INDArray w = views.get(INPUT_WEIGHT_KEY);
            INDArray rw = views.get(RECURRENT_WEIGHT_KEY);
            inputInit.init(nIn, h, w.shape(), 'f', w);
            recurrentInit.init(h, h, rw.shape(), 'f', rw);
            views.get(BIAS_KEY).assign(gru.getBiasInit());
            views.get(RECURRENT_BIAS_KEY).assign(gru.getBiasInit());
        }
        return registered(conf, views);
    }

    /** Views of the four blocks of a flat row vector of {@link #count} elements. */
    @Override
    Map<String, INDArray> views(INDArray flat, long nIn, long h) {
        checkSize(flat, "Gru", nIn, h);
        long expected = count(nIn, h);
        INDArray row = flat.reshape(flat.length());
        long wEnd = nIn * 3 * h;
        long rwEnd = wEnd + h * 3 * h;
        long bEnd = rwEnd + 3 * h;
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(INPUT_WEIGHT_KEY, row.get(NDArrayIndex.interval(0, wEnd)).reshape('f', nIn, 3 * h));
        out.put(RECURRENT_WEIGHT_KEY, row.get(NDArrayIndex.interval(wEnd, rwEnd)).reshape('f', h, 3 * h));
        out.put(BIAS_KEY, row.get(NDArrayIndex.interval(rwEnd, bEnd)).reshape('f', 1, 3 * h));
        out.put(RECURRENT_BIAS_KEY, row.get(NDArrayIndex.interval(bEnd, expected)).reshape('f', 1, 3 * h));
        return out;
    }
}
