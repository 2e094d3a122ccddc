package org.rnnlab.core.layers;

import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The computation of a {@link SoftmaxOutput} head: DL4J's {@code OutputLayer}, whose inference pass
 * <pre>
 *   z = x W + b        (x [mb, nIn], W [nIn, K], b [1, K])
 *   p_k = exp(z_k - max_j z_j) / Σ_j exp(z_j - max_j z_j)
 * </pre>
 * runs as one single-precision BLAS product ({@code cblas_sgemm}, as ND4J's {@code mmul} computes it) straight into
 * the output array, then the bias and the softmax in a loop over its rows, in single precision like ND4J's softmax.
 * Training's loss and back-propagation with DL4J's cross-entropy ({@code LossMCXENT}, with or without class weights
 * {@code w}) run the same way ({@link #computeScore}, {@link #backpropGradient}):
 * <pre>
 *   score = (1/mb) Σ_i Σ_k -y_ik w_k log(clip(p_ik))      (clip to [ε, 1-ε], DL4J's softmaxClipEps, as DL4J's score)
 *   δ_i   = p_i (Σ_k y_ik w_k) - y_i ∘ w                  (= p_i - y_i without weights; DL4J's gradient, unclipped)
 *   dW = x^T δ,   db = Σ_i δ_i,   dL/dx = δ W^T
 * </pre>
 * three BLAS products and loops instead of about twenty ND4J operations on {@code [mb, K]} arrays (the head's training
 * took 12% of a default LSTM minibatch, async-profiler). The forward pass of {@code fit} (the probabilities DL4J's
 * {@code output} computes while training), the pass of an input or a configuration it does not take (not a
 * {@code [mb, nIn]} FLOAT matrix, a mask, dropout on the head's input, another loss) are DL4J's, inherited unchanged.
 * Built only where {@link SoftmaxOutput#fastInference} holds; not thread-safe (DL4J's layers are not).
 */
public class SoftmaxOutputLayer extends OutputLayer {

    /** Inference passes computed here in this process (tests check which route a pass took). */
    private static final AtomicLong PASSES = new AtomicLong();

    private float[] rows = new float[0];
    private float[] bias = new float[0];

    public SoftmaxOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = getParam(DefaultParamInitializer.BIAS_KEY);
        INDArray x = input;
        if (training || x == null || maskArray != null || x.rank() != 2 || x.dataType() != DataType.FLOAT
                || w.dataType() != DataType.FLOAT || x.size(1) != w.size(0) || x.size(0) == 0
                || !HostArray.isContiguous(w) || !HostArray.isContiguous(b)) {
            return super.activate(training, workspaceMgr);
        }
        int mb = (int) x.size(0);
        int k = (int) w.size(1);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {mb, k}, 'c');
        softmaxInto(out);
        ((HostArray.F32) HostArray.of(out)).write(0, rows, 0, mb * k);
        PASSES.incrementAndGet();
        return out;
    }

    /** Training passes (score or back-propagation) computed here in this process. */
    private static final AtomicLong TRAINING_PASSES = new AtomicLong();

    private float[] labelRows = new float[0];
    private float[] classWeights = new float[0];
    private float[] biasGradient = new float[0];

    /**
     * DL4J's score for the minibatch: the cross-entropy of the probabilities ({@code clip} as DL4J's {@code LossMCXENT}
     * clips them), summed, divided by the minibatch size, plus {@code fullNetRegTerm}.
     */
    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!fastTraining()) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        int mb = (int) input.size(0);
        int k = (int) getParam(DefaultParamInitializer.WEIGHT_KEY).size(1);
        probabilities(workspaceMgr);
        float[] w = weights(k);
        double eps = ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
        double sum = 0;
        for (int i = 0, at = 0; i < mb; i++, at += k) {
            for (int j = 0; j < k; j++) {
                float y = labelRows[at + j];
                if (y != 0 || eps <= 0) { // without clipping DL4J's 0 · log(0) is NaN, and so is this
                    float p = rows[at + j];
                    if (eps > 0) {
                        p = (float) Math.min(Math.max(p, eps), 1.0 - eps);
                    }
                    sum += (float) Math.log(p) * y * (w == null ? 1f : w[j]);
                }
            }
        }
        double score = -sum;
        if (conf().isMiniBatch()) {
            score /= getInputMiniBatchSize();
        }
        score += fullNetRegTerm;
        this.score = score;
        TRAINING_PASSES.incrementAndGet();
        return score;
    }

    /** The gradients of W and b (into DL4J's gradient views) and dL/dx, as DL4J's {@code BaseOutputLayer} computes them. */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fastTraining()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        int mb = (int) input.size(0);
        int nIn = (int) w.size(0);
        int k = (int) w.size(1);
        INDArray x = probabilities(workspaceMgr);
        float[] cw = weights(k);
        int n = mb * k;
        if (biasGradient.length != k) {
            biasGradient = new float[k];
        }
        float[] db = biasGradient;
        java.util.Arrays.fill(db, 0f);
        for (int i = 0, at = 0; i < mb; i++, at += k) {
            float col = 0;
            if (cw != null) {
                for (int j = 0; j < k; j++) {
                    col += labelRows[at + j] * cw[j];
                }
            }
            for (int j = 0; j < k; j++) {
                float d = cw == null ? rows[at + j] - labelRows[at + j] : rows[at + j] * col - labelRows[at + j] * cw[j];
                rows[at + j] = d;
                db[j] += d;
            }
        }
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {mb, k}, 'c');
        HostArray.F32 deltas = (HostArray.F32) HostArray.of(delta);
        deltas.write(0, rows, 0, n);
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        // dW = x^T δ into the view as it lies in memory: column-major [nIn, K] is row-major [K, nIn] = δ^T x
        HostArray xs = HostArray.of(x);
        if (weightGrad.stride(0) == 1 && nIn > 1) {
            HostArray.gemm(true, false, k, nIn, mb, 1, deltas.matrix(0, k), xs.matrix(0, nIn), 0, HostArray.of(weightGrad).matrix(0, nIn));
        } else {
            HostArray.gemm(true, false, nIn, k, mb, 1, xs.matrix(0, nIn), deltas.matrix(0, k), 0, HostArray.of(weightGrad).matrix(0, k));
        }
        ((HostArray.F32) HostArray.of(biasGrad)).write(0, db, 0, k);
        // dL/dx = δ W^T: W column-major is W^T row-major [K, nIn]
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, new long[] {mb, nIn}, 'c');
        boolean columnMajor = nIn > 1 && w.stride(0) == 1;
        HostArray.gemm(false, !columnMajor, mb, nIn, k, 1, deltas.matrix(0, k), HostArray.of(w).matrix(0, columnMajor ? nIn : k), 0,
                HostArray.of(epsilonNext).matrix(0, nIn));
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        TRAINING_PASSES.incrementAndGet();
        return new Pair<>(gradient, epsilonNext);
    }

    /**
     * Whether {@link #computeScore} and {@link #backpropGradient} compute here (training or not: without dropout and
     * weight noise DL4J's two passes are the same): DL4J's cross-entropy ({@code LossMCXENT}
     * itself, weights none or one per class), FLOAT input {@code [mb, nIn]} and labels {@code [mb, K]}, no mask, no
     * dropout on the head's input, a weight and bias of the shapes and strides this class reads.
     */
    private boolean fastTraining() {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = getParam(DefaultParamInitializer.BIAS_KEY);
        if (input == null || labels == null || maskArray != null || layerConf().getIDropout() != null
                || layerConf().getLossFn() == null || layerConf().getLossFn().getClass() != LossMCXENT.class
                || input.rank() != 2 || input.dataType() != DataType.FLOAT || labels.rank() != 2 || labels.dataType() != DataType.FLOAT
                || w.dataType() != DataType.FLOAT || input.size(1) != w.size(0) || input.size(0) == 0
                || labels.size(0) != input.size(0) || labels.size(1) != w.size(1)
                || !HostArray.isContiguous(w) || !HostArray.isContiguous(b) || gradientViews == null) {
            return false;
        }
        INDArray cw = ((LossMCXENT) layerConf().getLossFn()).getWeights();
        INDArray wg = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bg = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        return (cw == null || cw.length() == w.size(1)) && wg != null && bg != null && wg.dataType() == DataType.FLOAT
                && HostArray.isContiguous(wg) && HostArray.isContiguous(bg) && bg.dataType() == DataType.FLOAT;
    }

    /**
     * Computes the probabilities {@code softmax(x W + b)} of the current input into {@link #rows} and reads the labels
     * into {@link #labelRows}; returns the input as a row-major contiguous array (a copy if it was not).
     */
    private INDArray probabilities(LayerWorkspaceMgr workspaceMgr) {
        int mb = (int) input.size(0);
        int k = (int) getParam(DefaultParamInitializer.WEIGHT_KEY).size(1);
        INDArray in = softmaxInto(workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, DataType.FLOAT, new long[] {mb, k}, 'c'));
        int n = mb * k;
        if (labelRows.length < n) {
            labelRows = new float[n];
        }
        ((HostArray.F32) HostArray.of(rowMajor(labels, k))).read(0, labelRows, 0, n);
        return in;
    }

    /**
     * {@code softmax(x W + b)} of the current input into {@link #rows} (row-major {@code [mb, K]}), the product {@code x W}
     * computed into {@code logits} ({@code [mb, K]}, 'c'); returns the input as a row-major contiguous array (a copy if it
     * was not).
     */
    private INDArray softmaxInto(INDArray logits) {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = getParam(DefaultParamInitializer.BIAS_KEY);
        int mb = (int) input.size(0);
        int nIn = (int) w.size(0);
        int k = (int) w.size(1);
        INDArray in = rowMajor(input, nIn);
        // W as it lies in memory: DL4J's parameter view is column-major ([nIn, K], strides [1, nIn]), which row-major
        // BLAS reads as W^T [K, nIn]; a row-major W (strides [K, 1]) is read as it is
        boolean columnMajor = nIn > 1 && w.stride(0) == 1;
        HostArray.gemm(false, columnMajor, mb, k, nIn, 1, HostArray.of(in).matrix(0, nIn),
                HostArray.of(w).matrix(0, columnMajor ? nIn : k), 0, HostArray.of(logits).matrix(0, k));
        if (bias.length != k) {
            bias = new float[k];
        }
        ((HostArray.F32) HostArray.of(b)).read(0, bias, 0, k);
        int n = mb * k;
        if (rows.length < n) {
            rows = new float[n];
        }
        ((HostArray.F32) HostArray.of(logits)).read(0, rows, 0, n);
        softmaxRows(rows, bias, mb, k);
        return in;
    }

    /** {@code a} ({@code [rows, width]}) if it lies row-major and contiguous in memory, else a row-major copy. */
    static INDArray rowMajor(INDArray a, long width) {
        return HostArray.isContiguous(a) && (width == 1 || a.stride(1) == 1) && (a.size(0) == 1 || a.stride(0) == width) ? a : a.dup('c');
    }

    /** The loss's class weights, or null for none. */
    private float[] weights(int k) {
        INDArray cw = ((LossMCXENT) layerConf().getLossFn()).getWeights();
        if (cw == null) {
            return null;
        }
        if (classWeights.length != k) {
            classWeights = new float[k];
        }
        for (int j = 0; j < k; j++) {
            classWeights[j] = cw.getFloat(j);
        }
        return classWeights;
    }

    /** How many training passes (scores, back-propagations) this class computed in this process. */
    public static long trainingPasses() {
        return TRAINING_PASSES.get();
    }

    /** {@code z[r] <- softmax(z[r] + bias)} for each of the {@code mb} rows of {@code k} logits in {@code z}. */
    static void softmaxRows(float[] z, float[] bias, int mb, int k) {
        for (int r = 0, at = 0; r < mb; r++, at += k) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                float v = z[at + j] + bias[j];
                z[at + j] = v;
                max = Math.max(max, v);
            }
            float sum = 0;
            for (int j = 0; j < k; j++) {
                float e = (float) Math.exp(z[at + j] - max);
                z[at + j] = e;
                sum += e;
            }
            for (int j = 0; j < k; j++) {
                z[at + j] /= sum;
            }
        }
    }

    /** How many inference passes this class computed in this process. */
    public static long passes() {
        return PASSES.get();
    }
}
