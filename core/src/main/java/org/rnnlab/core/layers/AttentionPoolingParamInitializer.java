package org.rnnlab.core.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of an {@link AttentionPooling} layer over {@code n = nIn} input features with attention size
 * {@code a}:
 * <table>
 *   <caption>Parameters of the attention pooling layer</caption>
 *   <tr><th>key</th><th>shape</th><th>role in {@code e_t = u · tanh(W h_t + b)}</th></tr>
 *   <tr><td>{@code W}</td><td>[n, a]</td><td>projection of each step's input (stored transposed: the
 *       projection of the row {@code h_t} is {@code h_t W})</td></tr>
 *   <tr><td>{@code b}</td><td>[1, a]</td><td>bias of the projection</td></tr>
 *   <tr><td>{@code u}</td><td>[a, 1]</td><td>the learned query ("context vector" of Yang et al. 2016)</td></tr>
 * </table>
 * So the count is {@code n a + 2 a}. In the flattened parameter vector the blocks follow in the order
 * W, b, u, each in column-major ('f') order. W and u are weights (weight decay applies to them), b a bias.
 *
 * <p>Initialisation: W with the layer's weight init (fan-in n, fan-out a), u with the layer's weight init
 * (fan-in a, fan-out 1), b with the layer's bias init. u must not start at zero: with {@code u = 0} every
 * score is 0, the weights are uniform and W and b get no gradient until u has moved.
 *
 * <p>The class name and package are not stored in saved models (the configuration names
 * {@link AttentionPooling} only), but the keys are: never rename them.
 */
public final class AttentionPoolingParamInitializer implements ParamInitializer {

    /** Projection weights W, [n, a]. */
    public static final String WEIGHT_KEY = "W";
    /** Projection bias b, [1, a]. */
    public static final String BIAS_KEY = "b";
    /** The query u, [a, 1]. */
    public static final String QUERY_KEY = "u";

    private static final List<String> PARAM_KEYS = List.of(WEIGHT_KEY, BIAS_KEY, QUERY_KEY);
    private static final List<String> WEIGHT_KEYS = List.of(WEIGHT_KEY, QUERY_KEY);
    private static final List<String> BIAS_KEYS = List.of(BIAS_KEY);

    private static final AttentionPoolingParamInitializer INSTANCE = new AttentionPoolingParamInitializer();

    private AttentionPoolingParamInitializer() {
    }

    /** The shared (stateless) instance. */
    public static AttentionPoolingParamInitializer getInstance() {
        return INSTANCE;
    }

    /** Number of parameters of attention pooling over {@code n} features with attention size {@code a}: n a + 2 a. */
    public static long count(long n, long a) {
        return n * a + 2 * a;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        AttentionPooling att = (AttentionPooling) layer;
        return count(att.getNIn(), att.getAttentionSize());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return PARAM_KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return WEIGHT_KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return BIAS_KEYS;
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEYS.contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEYS.contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        AttentionPooling att = (AttentionPooling) conf.getLayer();
        long n = att.getNIn();
        long a = att.getAttentionSize();
        Map<String, INDArray> views = views(paramsView, n, a);
        if (initializeParams) {
            IWeightInit init = att.getWeightInitFn();
            INDArray w = views.get(WEIGHT_KEY);
            INDArray u = views.get(QUERY_KEY);
            init.init(n, a, w.shape(), 'f', w);
            init.init(a, 1, u.shape(), 'f', u);
            views.get(BIAS_KEY).assign(att.getBiasInit());
        }
        for (String key : PARAM_KEYS) {
            conf.addVariable(key);
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        AttentionPooling att = (AttentionPooling) conf.getLayer();
        return views(gradientView, att.getNIn(), att.getAttentionSize());
    }

    /** Views of the three blocks W, b, u of a flat row vector of {@link #count} elements. */
    static Map<String, INDArray> views(INDArray flat, long n, long a) {
        long expected = count(n, a);
        if (flat.length() != expected) {
            throw new IllegalArgumentException("AttentionPooling(nIn=" + n + ", attentionSize=" + a + ") needs " + expected
                    + " parameters, got a view of " + flat.length());
        }
        INDArray row = flat.reshape(flat.length());
        long wEnd = n * a;
        long bEnd = wEnd + a;
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(WEIGHT_KEY, row.get(NDArrayIndex.interval(0, wEnd)).reshape('f', n, a));
        out.put(BIAS_KEY, row.get(NDArrayIndex.interval(wEnd, bEnd)).reshape('f', 1, a));
        out.put(QUERY_KEY, row.get(NDArrayIndex.interval(bEnd, expected)).reshape('f', a, 1));
        return out;
    }
}
