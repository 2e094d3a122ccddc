package org.rnnlab.core.layers;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The computation of an {@link AttentionPooling} layer (equations and citations there): input
 * {@code [mb, n, T]} (NCW) with an optional feature mask {@code [mb, T]}, output {@code [mb, n]}.
 *
 * <p><b>Forward.</b> The steps of all sequences are projected at once: with {@code X} the input as rows
 * {@code b·T + t} ({@code [mb·T, n]}), {@code A = tanh(X W + b)} ({@code [mb·T, a]}) and the scores
 * {@code e = A u} ({@code [mb, T]}); the weights α are the masked softmax of each row of e (maximum of the
 * valid scores subtracted, padded scores pushed down by {@value #PADDING_OFFSET} and their exponentials
 * multiplied by the mask, so they are exactly 0), and {@code y_b = Σ_t α_{b,t} h_{b,t}}.
 *
 * <p><b>Backward</b> (the forward pass is recomputed), for {@code g = dL/dy}:
 * <pre>
 *   dL/dα_t  = g · h_t
 *   dL/de_t  = α_t (dL/dα_t − Σ_s α_s dL/dα_s)          (softmax; 0 on padded steps, where α_t = 0)
 *   dL/du    = Aᵀ dL/de,   dL/dZ = (dL/de uᵀ) ⊙ (1 − A²),   dL/dW = Xᵀ dL/dZ,   dL/db = Σ_rows dL/dZ
 *   dL/dh_t  = α_t g + (dL/dZ Wᵀ)_t
 * </pre>
 * Padded steps receive exactly zero gradient. Input dropout (if configured) and weight noise are honoured as
 * in DL4J's own layers.
 */
public class AttentionPoolingLayer extends BaseLayer<AttentionPooling> {

    /** Subtracted from the scores of padded steps before the softmax: exp of it is exactly 0 in FLOAT and DOUBLE. */
    static final double PADDING_OFFSET = 1e30;

    public AttentionPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        Forward f = forward(in(), mask(), getParamWithNoise(AttentionPoolingParamInitializer.WEIGHT_KEY, training, workspaceMgr),
                getParamWithNoise(AttentionPoolingParamInitializer.BIAS_KEY, training, workspaceMgr),
                getParamWithNoise(AttentionPoolingParamInitializer.QUERY_KEY, training, workspaceMgr));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, f.output().shape(), 'c');
        return out.assign(f.output());
    }

    /**
     * The attention weights α {@code [mb, T]} this layer gives {@code input} {@code [mb, n, T]} under
     * {@code mask} ({@code [mb, T]} or null), with its current parameters (no dropout, no noise); for inspection
     * and tests, outside DL4J's workspaces.
     */
    public INDArray attentionWeights(INDArray input, INDArray mask) {
        INDArray h = checked(input.castTo(dataType));
        return forward(h, mask == null ? null : maskOf(mask, h), getParam(AttentionPoolingParamInitializer.WEIGHT_KEY),
                getParam(AttentionPoolingParamInitializer.BIAS_KEY), getParam(AttentionPoolingParamInitializer.QUERY_KEY))
                .alpha();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray w = getParamWithNoise(AttentionPoolingParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray b = getParamWithNoise(AttentionPoolingParamInitializer.BIAS_KEY, true, workspaceMgr);
        INDArray u = getParamWithNoise(AttentionPoolingParamInitializer.QUERY_KEY, true, workspaceMgr);
        INDArray h = in();
        Forward f = forward(h, mask(), w, b, u);
        long mb = h.size(0);
        long n = h.size(1);
        long steps = h.size(2);
        INDArray alpha = f.alpha();
        INDArray g = epsilon.castTo(dataType);
        if (g.rank() != 2 || g.size(0) != mb || g.size(1) != n) {
            throw new IllegalStateException("AttentionPooling layer " + layerId() + ": epsilon of shape "
                    + java.util.Arrays.toString(g.shape()) + ", expected [" + mb + ", " + n + "]");
        }

        // dL/dα [mb, T] = Σ_j g[b, j] h[b, j, t]
        INDArray gh = Nd4j.createUninitialized(dataType, mb, n, steps);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(h, g, gh, 0, 1));
        INDArray dAlpha = gh.sum(1);
        // softmax: dL/de = α ⊙ (dL/dα − Σ_s α_s dL/dα_s)
        INDArray dot = alpha.mul(dAlpha).sum(1).reshape(mb, 1);
        INDArray dE = dAlpha.subiColumnVector(dot).muli(alpha).reshape('c', mb * steps, 1);

        INDArray a = f.activations();
        INDArray wg = gradientViews.get(AttentionPoolingParamInitializer.WEIGHT_KEY);
        INDArray bg = gradientViews.get(AttentionPoolingParamInitializer.BIAS_KEY);
        INDArray ug = gradientViews.get(AttentionPoolingParamInitializer.QUERY_KEY);
        Nd4j.gemm(a, dE, ug, true, false, 1.0, 0.0);
        INDArray dZ = dE.mmul(u.reshape(1, u.length()));       // [mb·T, a]
        dZ.muli(a.mul(a).rsubi(1.0));                           // tanh' = 1 − A²
        Nd4j.gemm(f.rows(), dZ, wg, true, false, 1.0, 0.0);
        bg.assign(dZ.sum(0).reshape(bg.shape()));
        INDArray dRows = dZ.mmul(w.transpose());                // [mb·T, n]

        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {mb, n, steps}, 'c');
        epsOut.assign(dRows.reshape('c', mb, steps, n).permute(0, 2, 1));
        // the direct path y = Σ_t α_t h_t: dL/dh[b, j, t] += α[b, t] g[b, j]
        INDArray direct = Nd4j.zeros(dataType, mb, n, steps);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(direct.addi(1.0), alpha, direct, 0, 2));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(direct, g, direct, 0, 1));
        epsOut.addi(direct);

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(AttentionPoolingParamInitializer.WEIGHT_KEY, wg);
        gradient.gradientForVariable().put(AttentionPoolingParamInitializer.BIAS_KEY, bg);
        gradient.gradientForVariable().put(AttentionPoolingParamInitializer.QUERY_KEY, ug);
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
    }

    /** Keeps the feature mask for the pooling and passes none on: the mask is consumed here (as global pooling does). */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = null;
        return null;
    }

    /** The input in the layer's data type, checked to be {@code [mb, nIn, T]}. */
    private INDArray in() {
        return checked(input.castTo(dataType));
    }

    private INDArray checked(INDArray h) {
        if (h.rank() != 3) { // messages built only on failure: layerId() makes a string
            throw new IllegalStateException("AttentionPooling layer " + layerId() + " expects 3d input [mb, n, T], got shape "
                    + java.util.Arrays.toString(h.shape()));
        }
        if (h.size(1) != layerConf().getNIn()) {
            throw new IllegalStateException("AttentionPooling layer " + layerId() + " has nIn=" + layerConf().getNIn()
                    + " but got input of shape " + java.util.Arrays.toString(h.shape()));
        }
        return h;
    }

    /** The layer's feature mask as {@code [mb, T]} in the layer's data type, or null. */
    private INDArray mask() {
        return maskArray == null ? null : maskOf(maskArray, input);
    }

    private INDArray maskOf(INDArray mask, INDArray h) {
        long mb = h.size(0);
        long steps = h.size(2);
        Preconditions.checkState(mask.length() == mb * steps, "AttentionPooling layer %s: mask of shape %s for input of shape %s"
                + " (expected [mb, T])", layerId(), mask.shape(), h.shape());
        return mask.castTo(dataType).reshape('c', mb, steps);
    }

    /**
     * The forward pass on {@code h} {@code [mb, n, T]}: the rows X, the activations A, the weights α and the
     * output y. All arrays are new (in the current workspace, if any).
     */
    private static Forward forward(INDArray h, INDArray mask, INDArray w, INDArray b, INDArray u) {
        long mb = h.size(0);
        long n = h.size(1);
        long steps = h.size(2);
        INDArray rows = h.permute(0, 2, 1).dup('c').reshape('c', mb * steps, n);   // row b·T + t is h_{b,t}
        INDArray a = rows.mmul(w).addiRowVector(b.reshape(1, b.length()));
        Transforms.tanh(a, false);
        INDArray scores = a.mmul(u.reshape(u.length(), 1)).reshape('c', mb, steps);
        INDArray alpha = softmax(scores, mask);
        INDArray weighted = Nd4j.createUninitialized(h.dataType(), mb, n, steps);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(h, alpha, weighted, 0, 2));
        return new Forward(rows, a, alpha, weighted.sum(2));
    }

    /**
     * Softmax of each row of {@code scores} {@code [mb, T]} over the steps where {@code mask} is 1 (all if
     * null), numerically stable (maximum subtracted); exactly 0 where the mask is 0, and a row of zeros for a
     * row without valid steps. Overwrites {@code scores}.
     */
    static INDArray softmax(INDArray scores, INDArray mask) {
        long mb = scores.size(0);
        if (mask != null) {
            scores.addi(mask.sub(1.0).muli(PADDING_OFFSET));
        }
        INDArray max = scores.max(1).reshape(mb, 1);
        scores.subiColumnVector(max);
        Transforms.exp(scores, false);
        if (mask != null) {
            scores.muli(mask);
        }
        INDArray sum = scores.sum(1).reshape(mb, 1);
        BooleanIndexing.replaceWhere(sum, 1.0, Conditions.equals(0.0));
        return scores.diviColumnVector(sum);
    }

    /** Intermediates of a forward pass: X {@code [mb·T, n]}, A {@code [mb·T, a]}, α {@code [mb, T]}, y {@code [mb, n]}. */
    private record Forward(INDArray rows, INDArray activations, INDArray alpha, INDArray output) {
    }
}
