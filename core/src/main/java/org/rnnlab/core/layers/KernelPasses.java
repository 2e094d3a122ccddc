package org.rnnlab.core.layers;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Book-keeping the kernel layers ({@link LstmLayer}, {@link GruLayer}, {@link RnnLayer}) share: which
 * input, mask and direction the kernel's kept forward pass was computed from (a backward pass reuses it
 * only for the same three), and where a backward pass puts dL/d(input).
 */
final class KernelPasses {

    private INDArray input;
    private INDArray mask;
    private boolean reversed;

    /** After a forward pass: remember what it was computed from if it is kept for backprop, else nothing. */
    void ran(boolean keptForBackprop, INDArray input, INDArray mask, boolean reversed) {
        this.input = keptForBackprop ? input : null;
        this.mask = keptForBackprop ? mask : null;
        this.reversed = reversed;
    }

    /** Whether the kept forward pass (if {@code ready}) was computed from this input, mask and direction. */
    boolean reusable(boolean ready, INDArray input, INDArray mask, boolean reversed) {
        return ready && this.input == input && this.mask == mask && this.reversed == reversed;
    }

    /** After a backward pass: the kept forward pass is consumed. */
    void consumed() {
        input = null;
        mask = null;
    }

    /**
     * A layer's gradient as DL4J's layers return it: the flattened gradient view, with each parameter's block
     * ({@code gradientViews}, in parameter order) under its key.
     */
    static Gradient gradient(INDArray flattened, Map<String, INDArray> gradientViews) {
        Gradient g = new DefaultGradient(flattened);
        gradientViews.forEach(g.gradientForVariable()::put);
        return g;
    }

    /**
     * Whether the kernel writes (or adds) dL/d(input) straight into {@code target}: yes unless there is no
     * target or the gradient must first pass back through an input dropout mask before being added.
     */
    static boolean direct(INDArray target, boolean accumulate, boolean dropout) {
        return target != null && (!accumulate || !dropout);
    }

    /**
     * Completes dL/d(input) after the kernel wrote it into {@code epsOut} (NCW; it is {@code target} when
     * {@link #direct}): applies the input dropout's backward pass in the layer's data format (the dropout
     * mask was drawn on the input as the layer received it, NWC or NCW) and, into a target, adds it; returns
     * the array the layer hands back (without a target: {@code epsOut} in the layer's data format).
     *
     * @param toLayerFormat NCW -> the layer's format, as a view (DL4J's {@code permuteIfNWC})
     */
    static INDArray finishInputGradient(INDArray epsOut, INDArray target, boolean direct,
                                        UnaryOperator<INDArray> dropoutBackprop, UnaryOperator<INDArray> toLayerFormat) {
        if (target == null) {
            INDArray out = toLayerFormat.apply(epsOut);
            dropoutBackprop.apply(out);
            return out;
        }
        if (direct) {
            dropoutBackprop.apply(toLayerFormat.apply(target)); // in place; added directly only without dropout
        } else {
            dropoutBackprop.apply(toLayerFormat.apply(epsOut));
            target.addi(epsOut);
        }
        return target;
    }
}
