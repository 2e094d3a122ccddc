package org.rnnlab.core.layers;

import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The computation of a {@link SoftmaxOutput} head: DL4J's {@code OutputLayer}, whose inference pass
 * <pre>
 *   z = x W + b        (x [mb, nIn], W [nIn, K], b [1, K])
 *   p_k = exp(z_k - max_j z_j) / Σ_j exp(z_j - max_j z_j)
 * </pre>
 * runs as one single-precision BLAS product ({@code cblas_sgemm}, as ND4J's {@code mmul} computes it) straight into
 * the output array, then the bias and the softmax in a loop over its rows, in single precision like ND4J's softmax.
 * Training (the forward pass of {@code fit}, the loss, the back-propagation) is DL4J's, inherited unchanged, and so is
 * the inference pass of an input it does not take (not a {@code [mb, nIn]} FLOAT matrix, or with a mask). Built only
 * where {@link SoftmaxOutput#fastInference} holds; not thread-safe (DL4J's layers are not).
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
        int nIn = (int) w.size(0);
        int k = (int) w.size(1);
        boolean rowMajor = HostArray.isContiguous(x) && (nIn == 1 || x.stride(1) == 1) && (mb == 1 || x.stride(0) == nIn);
        INDArray in = rowMajor ? x : x.dup('c');
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {mb, k}, 'c');
        HostArray outs = HostArray.of(out);
        // W as it lies in memory: DL4J's parameter view is column-major ([nIn, K], strides [1, nIn]), which row-major
        // BLAS reads as W^T [K, nIn]; a row-major W (strides [K, 1]) is read as it is
        boolean columnMajor = nIn > 1 && w.stride(0) == 1;
        HostArray.gemm(false, columnMajor, mb, k, nIn, 1, HostArray.of(in).matrix(0, nIn),
                HostArray.of(w).matrix(0, columnMajor ? nIn : k), 0, outs.matrix(0, k));
        if (bias.length != k) {
            bias = new float[k];
        }
        ((HostArray.F32) HostArray.of(b)).read(0, bias, 0, k);
        int n = mb * k;
        if (rows.length < n) {
            rows = new float[n];
        }
        HostArray.F32 o = (HostArray.F32) outs;
        o.read(0, rows, 0, n);
        softmaxRows(rows, bias, mb, k);
        o.write(0, rows, 0, n);
        PASSES.incrementAndGet();
        return out;
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
