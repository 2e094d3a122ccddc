package org.rnnlab.core.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer of {@link KernelLastTimeStep}: DL4J's {@link LastTimeStepLayer}, whose forward pass, around a kernel layer
 * that computes here ({@link KernelDirection#kernelAvailable()}, NCW), has the kernel write each example's last step's
 * output alone into a {@code [mb, H]} array, and whose back-propagation hands the kernel the output gradient
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

    /** Forward passes that wrote the last steps' outputs alone (for tests). */
    static final java.util.concurrent.atomic.AtomicLong LAST_STEP_FORWARDS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The steps the last forward pass wrote when it took the last steps alone (leaving DL4J's own fields for its backward
     * pass unset), else null.
     */
    private int[] forwardSteps;

    /**
     * The underlying kernel layer's output at each example's last step, written by the kernel straight into a
     * {@code [mb, H]} array ({@link RecurrentDriver#activateLastSteps}): the values of DL4J's {@code pullLastTimeSteps}
     * without the {@code [mb, H, T]} output array it reads them from. Other layers and masks take DL4J's path.
     */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Layer inner = getUnderlying();
        int[] steps = kernelSteps(inner);
        if (steps == null) {
            forwardSteps = null;
            return super.activate(training, workspaceMgr);
        }
        LAST_STEP_FORWARDS.incrementAndGet();
        forwardSteps = steps;
        return ((KernelDirection) inner).driver().activateLastSteps(training, steps, workspaceMgr);
    }

    /** {@link #activate(boolean, LayerWorkspaceMgr)} of {@code input} (how a network's forward pass calls its layers). */
    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Layer inner = getUnderlying();
        INDArray input = inner.input();
        int[] steps = kernelSteps(inner);
        boolean sameSteps = steps != null && java.util.Arrays.equals(steps, forwardSteps);
        if (steps == null || epsilon.rank() != 2 || epsilon.size(0) != input.size(0) || forwardSteps != null && !sameSteps) {
            if (forwardSteps != null) {
                // DL4J's backward pass needs the fields its own forward pass sets; running that pass here would draw new
                // dropout masks and weight noise, so the gradient would not be the one of the pass that gave the score
                throw new IllegalStateException("KernelLastTimeStep: a backward pass whose input, mask or output gradient ("
                        + java.util.Arrays.toString(epsilon.shape()) + ") differs from its forward pass's; run the forward pass again");
            }
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        LAST_STEP_PASSES.incrementAndGet();
        return ((KernelDirection) inner).driver().backpropLastSteps(epsilon, steps, workspaceMgr);
    }

    /**
     * Each example's last step when the underlying layer is a kernel layer computing here on NCW input of rank 3 and
     * the mask (if any) gives every example a step; else null (DL4J's own path, which refuses an example without one).
     */
    private static int[] kernelSteps(Layer inner) {
        INDArray input = inner.input();
        if (!(inner instanceof KernelDirection k) || !k.kernelAvailable() || !k.driver().readsNcw() || input == null
                || input.rank() != 3) {
            return null;
        }
        return lastSteps(inner.getMaskArray(), (int) input.size(0), (int) input.size(2));
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
