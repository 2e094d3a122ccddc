package org.rnnlab.core.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise part of a {@link CellKernel} step, on Java arrays that keep what the backward sweep
 * needs: {@link LstmMath} (gates, cell) and {@link RnnMath} (tanh). The matrix products stay with the
 * kernel; a step's block of pre-activations is copied in and out with one {@code memcpy} each way.
 */
abstract class CellMath {

    /** Hidden size H. */
    final int h;
    int mb;
    int steps;

    CellMath(int h) {
        this.h = h;
    }

    /** Refuses a row width of {@code z} other than {@code width} (cells that do not take padded rows). */
    static void requireWidth(int zWidth, int width) {
        if (zWidth != width) {
            throw new IllegalArgumentException("pre-activation rows of " + zWidth + " elements, expected " + width);
        }
    }

    /** Whether this computes in FLOAT (else DOUBLE). */
    abstract boolean singlePrecision();

    /**
     * Prepares for a sequence: sizes, the row width of the kernel's pre-activations {@code z} ({@code zWidth}, at
     * least the cell's blocks x H; only the LSTM's single precision takes more, {@link StepProduct#paddedWidth}), the
     * mask ({@link SequenceView#ofMask}, or null) and the initial cell ({@code [mb, H]}, or null for zero; cells
     * without one ignore it).
     */
    abstract void begin(int steps, int mb, int zWidth, SequenceView mask, HostArray initialCell);

    /** Step t: reads the pre-activations of block t of {@code z}, keeps what backward needs, writes the output into block t of {@code out}. */
    abstract void forwardStep(int t, HostArray z, HostArray out);

    /** Before a backward sweep: reads dL/d(output) of all steps ({@code [mb, H, T]}) and resets carried gradients. */
    abstract void beginBackward(SequenceView epsilon);

    /**
     * Step t backwards: total output gradient = that of step t read by {@link #beginBackward} + the
     * recurrent part in {@code recurrent} ({@code [mb, H]}, or null at the last step); writes the
     * pre-activation gradients into block t of {@code z}.
     */
    abstract void backwardStep(int t, HostArray recurrent, HostArray z);

    /** The cell of the last step, {@code [mb, H]}, outside any workspace, or null for a cell without one (RNN). */
    INDArray lastCell() {
        return null;
    }

    /**
     * Writes (or with {@code accumulate} adds) the outputs of all steps into {@code target} {@code [mb, H, T]}:
     * {@code outputs} is the kernel's time-major {@code [T·mb, H]} array that {@link #forwardStep} wrote them into (single
     * precision copies from it: a time-major target or the last steps' outputs a classifier keeps take native copies,
     * without another Java array of every step's outputs).
     */
    abstract void writeOutput(SequenceView target, HostArray outputs, boolean accumulate);
}
