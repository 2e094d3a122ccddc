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
    // where a step's rows lie in the kernel's arrays ({@link #layout}): row strides (0: rows packed) and first columns
    private int zStride;
    private int zColumn;
    private int outStride;
    private int outColumn;

    CellMath(int h) {
        this.h = h;
    }

    /**
     * Places this math's H units inside wider rows, as {@link UnitSplitKernel} gives each thread a range of a layer's
     * units: a step's pre-activations (or their gradients) are read from and written to rows {@code zStride} elements
     * apart from column {@code zColumn} of {@code z}, its outputs written to rows {@code outStride} apart from column
     * {@code outColumn} of {@code out}. By default (stride 0) a step's rows are packed, as {@link CellKernel} keeps them.
     */
    void layout(int zStride, int zColumn, int outStride, int outColumn) {
        this.zStride = zStride;
        this.zColumn = zColumn;
        this.outStride = outStride;
        this.outColumn = outColumn;
    }

    /** Reads step t's {@code mb} rows of {@code width} pre-activations into {@code target[at..]}, packed. */
    final void readZ(HostArray z, int t, int width, float[] target, int at) {
        int stride = zStride == 0 ? width : zStride;
        ((HostArray.F32) z).readRows((long) t * mb * stride + zColumn, stride, mb, width, target, at);
    }

    final void readZ(HostArray z, int t, int width, double[] target, int at) {
        int stride = zStride == 0 ? width : zStride;
        ((HostArray.F64) z).readRows((long) t * mb * stride + zColumn, stride, mb, width, target, at);
    }

    /** Writes step t's {@code mb} packed rows of {@code width} pre-activation gradients from {@code source[at..]}. */
    final void writeZ(HostArray z, int t, int width, float[] source, int at) {
        int stride = zStride == 0 ? width : zStride;
        ((HostArray.F32) z).writeRows((long) t * mb * stride + zColumn, stride, mb, width, source, at);
    }

    final void writeZ(HostArray z, int t, int width, double[] source, int at) {
        int stride = zStride == 0 ? width : zStride;
        ((HostArray.F64) z).writeRows((long) t * mb * stride + zColumn, stride, mb, width, source, at);
    }

    /** Writes step t's {@code mb} packed rows of H outputs from {@code source[at..]}. */
    final void writeOut(HostArray out, int t, float[] source, int at) {
        int stride = outStride == 0 ? h : outStride;
        ((HostArray.F32) out).writeRows((long) t * mb * stride + outColumn, stride, mb, h, source, at);
    }

    final void writeOut(HostArray out, int t, double[] source, int at) {
        int stride = outStride == 0 ? h : outStride;
        ((HostArray.F64) out).writeRows((long) t * mb * stride + outColumn, stride, mb, h, source, at);
    }

    /** Whether this computes in FLOAT (else DOUBLE). */
    abstract boolean singlePrecision();

    /**
     * Prepares for a sequence: sizes, the mask ({@link SequenceView#ofMask}, or null) and the initial
     * cell ({@code [mb, H]}, or null for zero; cells without one ignore it).
     */
    abstract void begin(int steps, int mb, SequenceView mask, HostArray initialCell);

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

    /** Writes (or with {@code accumulate} adds) the outputs of all steps into {@code target} {@code [mb, H, T]}. */
    abstract void writeOutput(SequenceView target, boolean accumulate);
}
