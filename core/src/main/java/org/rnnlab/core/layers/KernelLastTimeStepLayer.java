package org.rnnlab.core.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer of {@link KernelLastTimeStep}: DL4J's {@link LastTimeStepLayer}, whose back-propagation, around a kernel
 * layer that computes here ({@link KernelDirection#kernelAvailable()}, NCW), hands the kernel the output gradient
 * {@code [mb, H]} with the step each example's row belongs to ({@link SequenceView#lastSteps}): its last step, or
 * with a feature mask its last step whose mask is not zero, the step DL4J's forward pass read
 * ({@code TimeSeriesUtils.pullLastTimeSteps}). The kernel reads every other step's gradient as zero, as it was in
 * DL4J's {@code [mb, H, T]} array; the gradients are the same ({@code KernelLastTimeStepTest}).
 */
public class KernelLastTimeStepLayer extends LastTimeStepLayer {

    /** DL4J's threshold for a mask value that is not zero ({@code Conditions.epsNotEquals(0)}). */
    private static final double MASK_EPS = 1e-5;

    /** Backward passes that took the last steps' gradient alone (for tests: that the path they compare ran). */
    static final java.util.concurrent.atomic.AtomicLong LAST_STEP_PASSES = new java.util.concurrent.atomic.AtomicLong();

    /** Wraps {@code underlying}. */
    public KernelLastTimeStepLayer(Layer underlying) {
        super(underlying);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Layer inner = getUnderlying();
        INDArray input = inner.input();
        if (!(inner instanceof KernelDirection k) || !k.kernelAvailable() || !k.driver().readsNcw() || input == null
                || input.rank() != 3 || epsilon.rank() != 2 || epsilon.size(0) != input.size(0)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        int[] steps = lastSteps(inner.getMaskArray(), (int) input.size(0), (int) input.size(2));
        if (steps == null) { // an example with no valid step, or another mask: DL4J's own path (which refuses the first)
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        LAST_STEP_PASSES.incrementAndGet();
        return k.driver().backpropLastSteps(epsilon, steps, workspaceMgr);
    }

    /**
     * Each example's last step whose mask is not zero (all {@code T - 1} without a mask), or null when an example has
     * none or the mask is not {@code [mb, T]}.
     */
    static int[] lastSteps(INDArray mask, int mb, int steps) {
        int[] last = new int[mb];
        if (mask == null) {
            java.util.Arrays.fill(last, steps - 1);
            return last;
        }
        if (mask.length() != (long) mb * steps) {
            return null; // not a [mb, T] feature mask: DL4J's own path
        }
        double[][] rows = mask.castTo(DataType.DOUBLE).reshape(mb, steps).toDoubleMatrix();
        for (int e = 0; e < mb; e++) {
            int t = steps - 1;
            while (t >= 0 && Math.abs(rows[e][t]) <= MASK_EPS) {
                t--;
            }
            if (t < 0) {
                return null;
            }
            last[e] = t;
        }
        return last;
    }
}
