package org.rnnlab.evaluation.gradients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnlab.core.bptt.BpttResult;
import org.rnnlab.core.bptt.LossMode;
import org.rnnlab.core.bptt.RnnActivation;
import org.rnnlab.core.bptt.RnnParameters;
import org.rnnlab.core.bptt.VanillaRnn;

/**
 * How much of the loss gradient reaches each input step: the per-step input-gradient norm of a trained or
 * untrained classifier whose loss reads the last step only (as every {@code NetworkFactory} network does).
 *
 * <p>For a minibatch of B sequences the value at step t is (1/B) sum_b ||dl_b/dx_{b,t}||_2, the mean over
 * the batch of the gradient of example b's OWN loss l_b; each row also holds the geometric mean over the batch and the
 * smallest and largest example's norm ({@link GradientFlowRow}), which the {@code gradients} report draws. DL4J's {@code calculateGradients} returns the
 * input gradient of the SUMMED minibatch loss sum_b l_b, whose row b is exactly dl_b/dx_b (no other example's
 * loss depends on x_b), so its rows are used as they are; the gradient of the MEAN loss would be 1/B of it.
 * The hand-written {@link VanillaRnn} returns the gradient of the mean loss, so its rows are multiplied by
 * B to get the same per-example quantity. Works for every network {@code NetworkFactory} builds (SimpleRnn,
 * LSTM, GRU, bidirectional, stacked).
 */
public final class GradientFlow {

    private GradientFlow() {
    }

    /**
     * Per-step input-gradient norms of a DL4J network.
     *
     * @param model    name written in the rows
     * @param net      the network (its output layer reads the last step)
     * @param features inputs [B, nIn, T]
     * @param labels   one-hot labels [B, classes]
     * @param fMask    feature mask [B, T], or null; on a LastTimeStep network DL4J M2.1's calculateGradients
     *                 fails with a mask (docs/dl4j-findings.md): measure equal-length batches without one
     */
    public static List<GradientFlowRow> measure(String model, MultiLayerNetwork net, INDArray features, INDArray labels, INDArray fMask) {
        checkFeatures(features);
        DataType type = net.params().dataType();
        INDArray grad = net.calculateGradients(features.castTo(type), labels.castTo(type),
                fMask == null ? null : fMask.castTo(type), null).getSecond();
        if (grad == null || !Arrays.equals(grad.shape(), features.shape())) {
            throw new IllegalStateException("input gradient has shape " + (grad == null ? "null" : Arrays.toString(grad.shape()))
                    + ", expected the input's " + Arrays.toString(features.shape()));
        }
        return rows(model, grad.castTo(DataType.DOUBLE), 1.0);
    }

    /** The same curve for the hand-written RNN (loss mode {@link LossMode#LAST_STEP}). */
    public static List<GradientFlowRow> measure(String model, VanillaRnn rnn, INDArray features, INDArray labels) {
        checkFeatures(features);
        if (rnn.lossMode() != LossMode.LAST_STEP) {
            throw new IllegalArgumentException("the hand-written RNN must use LossMode.LAST_STEP, got " + rnn.lossMode());
        }
        BpttResult r = rnn.lossAndGradients(features, labels);
        return rows(model, r.dLdx(), features.size(0));
    }

    private static void checkFeatures(INDArray features) {
        if (features == null || features.rank() != 3) {
            throw new IllegalArgumentException("features must be [batch, features, time], got "
                    + (features == null ? "null" : Arrays.toString(features.shape())));
        }
    }

    /** Rows from a per-example gradient [B, D, T] (times {@code scale}). */
    static List<GradientFlowRow> rows(String model, INDArray grad, double scale) {
        int batch = (int) grad.size(0);
        int dims = (int) grad.size(1);
        int steps = (int) grad.size(2);
        double[] g = grad.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        List<GradientFlowRow> out = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            double sum = 0;
            double logSum = 0;
            int positive = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < batch; b++) {
                double n = norm(g, b * dims * steps + t, dims, steps) * scale; // ||g_{b,:,t}||_2
                sum += n;
                if (n != 0) { // an exact 0 (float32 underflow) is left out of the geometric mean; NaN stays NaN
                    logSum += Math.log(n);
                    positive++;
                }
                min = Math.min(min, n);
                max = Math.max(max, n);
            }
            out.add(new GradientFlowRow(model, t, steps - 1 - t, sum / batch, geoMean(logSum, positive), min, max));
        }
        return out;
    }

    /**
     * The geometric mean of the {@code positive} non-zero norms whose logarithms sum to {@code logSum}; 0 when every norm is
     * 0. Exact zeros are left out (review 78 R5): one sequence whose gradient underflowed to 0 in float32, far from the last
     * step where the saturated vanilla RNN's are, made the mean of all 32 exp(-inf) = 0, and the point dropped out of the
     * log-scale chart and read 0 in the tables although the other 31 sequences had a gradient. The row's {@code min} is 0
     * then, which the chart's band and the CSV show.
     */
    static double geoMean(double logSum, int positive) {
        return positive == 0 ? 0 : Math.exp(logSum / positive);
    }

    /**
     * The L2 norm of {@code n} values {@code stride} apart from {@code from}, scaled by their largest magnitude first, so a
     * gradient of 1e-164 (the vanilla RNN's, hundreds of steps back) keeps its size where the sum of squares underflows to 0.
     */
    static double norm(double[] v, int from, int n, int stride) {
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.abs(v[from + i * stride]));
        }
        if (largest == 0 || !Double.isFinite(largest)) {
            return largest;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = v[from + i * stride] / largest;
            sum += x * x;
        }
        return largest * Math.sqrt(sum);
    }

    /**
     * The hand-written RNN with the weights of a one-layer tanh {@code SimpleRnn} classifier built by
     * {@code NetworkFactory} (SimpleRnn in a LastTimeStep, then a softmax output layer). DL4J computes
     * x W + h RW + b with W [nIn, H] and RW [H, H], so W_x = W^T, W_h = RW^T, W_y = W_out^T.
     */
    public static VanillaRnn vanillaRnnFrom(MultiLayerNetwork net) {
        var confs = net.getLayerWiseConfigurations().getConfs();
        if (confs.size() != 2) {
            throw new IllegalArgumentException("expected a one-layer SimpleRnn classifier (2 layers), got " + confs.size() + " layers");
        }
        Layer l0 = confs.get(0).getLayer();
        Layer rnn = l0 instanceof LastTimeStep lts ? lts.getUnderlying() : l0;
        if (!(rnn instanceof SimpleRnn s) || !(s.getActivationFn() instanceof ActivationTanH)) {
            throw new IllegalArgumentException("layer 0 must be a tanh SimpleRnn, got " + rnn);
        }
        RnnParameters p = new RnnParameters(
                net.getParam("0_RW").castTo(DataType.DOUBLE).transpose(),
                net.getParam("0_W").castTo(DataType.DOUBLE).transpose(),
                net.getParam("0_b").castTo(DataType.DOUBLE).reshape(-1),
                net.getParam("1_W").castTo(DataType.DOUBLE).transpose(),
                net.getParam("1_b").castTo(DataType.DOUBLE).reshape(-1));
        return new VanillaRnn(p, RnnActivation.TANH, LossMode.LAST_STEP);
    }
}
