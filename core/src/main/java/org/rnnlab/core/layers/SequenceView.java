package org.rnnlab.core.layers;


import java.util.Arrays;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sequence array {@code [mb, n, T]} (NCW, any non-negative strides) in host memory, as the recurrent
 * kernels read and write it: copied to and from their time-major layout, where row {@code t·mb + e}
 * (of {@code width ≥ n} columns) holds example {@code e} at step {@code t}, optionally with time
 * reversed ({@link #reversed()}: step {@code t} of the view is step {@code T − 1 − t} of the array), which
 * is how the backward direction of {@link KernelBidirectional} reads its input and writes its output
 * without a reversed copy.
 *
 * <p>A copy moves the whole memory range the array spans in one bulk transfer and transposes on a Java
 * array, with the loops ordered so that the innermost one walks the array's memory contiguously
 * whatever its layout; an element-by-element pointer access, or a fixed loop order, costs several times
 * more on the strided layouts DL4J hands to recurrent layers ('f'-ordered gradients, halves of a
 * concatenation).
 */
sealed class SequenceView permits SequenceView.LastSteps, SequenceView.LastStepOutputs {

    private static final ThreadScratch SCRATCH = new ThreadScratch();
    /** Second scratch arrays, for the time-major side of {@link #gatherInto} and {@link #scatterFrom}. */
    private static final ThreadScratch ROWS = new ThreadScratch();

    private final INDArray array;
    private final HostArray memory;
    final int mb;
    final int n;
    final int steps;
    private final int s0;
    private final int s1;
    private final int s2;
    /** Element index, within the spanned range, of position [0, 0, 0] of the view. */
    private final int origin;
    private final int span;
    /** Whether every element of the spanned range belongs to the array (no gaps). */
    private final boolean dense;

    private SequenceView(INDArray array, HostArray memory, int mb, int n, int steps, int s0, int s1, int s2,
                         int origin, int span, boolean dense) {
        this.array = array;
        this.memory = memory;
        this.mb = mb;
        this.n = n;
        this.steps = steps;
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.origin = origin;
        this.span = span;
        this.dense = dense;
    }

    /** The view of {@code array} ({@code [mb, n, T]}, FLOAT or DOUBLE, in host memory). */
    static SequenceView of(INDArray array) {
        if (array.rank() != 3) {
            throw new IllegalArgumentException("expected a sequence array [minibatch, size, steps], got shape "
                    + Arrays.toString(array.shape()));
        }
        HostArray memory = HostArray.spanning(array);
        long span = HostArray.span(array);
        if (span > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("sequence array spans " + span + " elements, more than 2^31 - 17");
        }
        return new SequenceView(array, memory, (int) array.size(0), (int) array.size(1), (int) array.size(2),
                (int) array.stride(0), (int) array.stride(1), (int) array.stride(2), 0, (int) span, span == array.length());
    }

    /**
     * A new NCW array {@code [mb, n, T]} laid out time-major in memory (a permuted view of a 'c' array
     * {@code [T, mb, n]}): the kernels' own layout, so that writing their outputs or input gradients into it
     * is a straight copy, and the last step (what {@code LastTimeStep} reads) is one contiguous block.
     */
    static INDArray createTimeMajor(LayerWorkspaceMgr mgr,
                                    ArrayType arrayType, DataType type,
                                    long mb, long n, long steps) {
        return mgr.createUninitialized(arrayType, type, new long[] {steps, mb, n}, 'c').permute(1, 2, 0);
    }

    /**
     * The view's strides in time-major order {@code [T, mb, n]} (elements), for a native copy that reads the view in
     * place ({@link OneDnnLstm}); null when time runs backwards ({@link #reversed}).
     */
    long[] timeMajorStrides() {
        return s2 < 0 || s0 < 0 || s1 < 0 ? null : new long[] {s2, s0, s1};
    }

    /** An untyped pointer to the view's element {@code [0, 0, 0]}. */
    org.bytedeco.javacpp.Pointer firstElement() {
        return memory.bytesAt(origin);
    }

    /** Whether the view is exactly the time-major layout of rows {@code n} wide (not reversed). */
    boolean timeMajor(int width) {
        return dense && width == n && origin == 0 && (n == 1 || s1 == 1) && (mb == 1 || s0 == n) && (steps == 1 || s2 == mb * n);
    }

    /**
     * Whether each example's {@code n} elements of a step lie next to each other in memory (NCW arrays laid out
     * time-major, the halves of such an array's concatenation, and examples {@code [from, to)} of either): then
     * {@link #write} copies one block per step (when the step's rows are adjacent too, {@link #writesStepBlocks()})
     * or per row, and touches no element outside the view. (Otherwise a write copies its whole span back, other
     * examples' elements included.)
     */
    boolean writesOwnRows() {
        return n == 1 || s1 == 1;
    }

    /**
     * Whether {@link #write} copies one block per step ({@link #writesOwnRows()} and a step's rows adjacent): a
     * time-major array or examples {@code [from, to)} of one. {@link BatchSplitKernel} writes such views of disjoint
     * examples of one array concurrently; row by row (the halves of a concatenation) it does not, as two threads
     * writing rows were slower at hidden 64 than one after the other (docs/PERFORMANCE.md, *Two threads*).
     */
    boolean writesStepBlocks() {
        return writesOwnRows() && (mb == 1 || s0 == n);
    }

    /** How many values a {@link #write} of the whole view writes: {@code mb·n·T} (one row per example for the last steps' outputs). */
    long writtenValues() {
        return (long) mb * n * steps;
    }

    /** A view of {@code mask} ({@code [mb, T]}) as a sequence of size 1. */
    static SequenceView ofMask(INDArray mask) {
        return of(mask.reshape(mask.size(0), 1, mask.size(1)));
    }

    /**
     * The view of an output gradient {@code [mb, n, T]} that is zero but at one step per example: {@code last}
     * ({@code [mb, n]}) holds example {@code e}'s values at step {@code steps[e]} ({@link KernelLastTimeStepLayer}'s
     * gradient). It is only read ({@link #read}, {@link #gatherInto}), and costs a fill of zeros and {@code mb} rows
     * instead of a copy and transposition of {@code T} times as many values.
     */
    static SequenceView lastSteps(INDArray last, int[] steps, int length) {
        if (last.rank() != 2 || last.size(0) != steps.length) {
            throw new IllegalArgumentException("expected a last-step gradient [" + steps.length + ", n], got shape "
                    + Arrays.toString(last.shape()));
        }
        requireSteps(steps, length);
        boolean f32 = last.dataType() == DataType.FLOAT;
        int n = (int) last.size(1);
        Object values;
        if (last.ordering() == 'c' && HostArray.isContiguous(last) && (f32 || last.dataType() == DataType.DOUBLE)) {
            // read straight from the array's memory (rows in order), without a copy through ND4J
            values = f32 ? new float[steps.length * n] : new double[steps.length * n];
            if (f32) {
                ((HostArray.F32) HostArray.of(last)).read(0, (float[]) values, 0, steps.length * n);
            } else {
                ((HostArray.F64) HostArray.of(last)).read(0, (double[]) values, 0, steps.length * n);
            }
        } else {
            INDArray rows = last.dup('c');
            values = f32 ? rows.data().asFloat() : rows.data().asDouble();
        }
        return new LastSteps(steps.length, n, length, values, steps.clone(), false);
    }

    private static void requireSteps(int[] steps, int length) {
        for (int t : steps) {
            if (t < 0 || t >= length) {
                throw new IllegalArgumentException("last step " + t + " outside a sequence of " + length + " steps");
            }
        }
    }

    /**
     * {@link #lastSteps} of rows already in a Java array: {@code rows} ({@code [mb·n]}, example order) holds example
     * {@code e}'s values at step {@code steps[e]} (a bidirectional layer's last-step gradient, {@link
     * KernelBidirectionalLayer#takeLastStepGradient}). The array is kept, not copied.
     */
    static SequenceView lastSteps(float[] rows, int n, int[] steps, int length) {
        if (rows.length != steps.length * n) {
            throw new IllegalArgumentException("expected " + steps.length + " rows of " + n + " values, got " + rows.length);
        }
        requireSteps(steps, length);
        return new LastSteps(steps.length, n, length, rows, steps.clone(), false);
    }

    /**
     * A write-only view of a layer's outputs {@code [mb, n, T]} that keeps one step per example: example {@code e}'s
     * values at step {@code steps[e]} go to row {@code e} of {@code target} ({@code [mb, n]}, contiguous), the other
     * steps nowhere ({@link KernelLastTimeStepLayer}'s forward pass, which needs nothing else). Writing into it costs
     * {@code mb} row copies instead of a copy of {@code T} times as many values into an array of the whole output.
     */
    static SequenceView lastStepOutputs(INDArray target, int[] steps, int length) {
        if (target.rank() != 2 || target.size(0) != steps.length || !HostArray.isContiguous(target) || target.ordering() != 'c') {
            throw new IllegalArgumentException("expected a contiguous 'c' array [" + steps.length + ", n] for the last steps' "
                    + "outputs, got shape " + Arrays.toString(target.shape()) + " order " + target.ordering());
        }
        requireSteps(steps, length);
        return new LastStepOutputs(steps.length, (int) target.size(1), length, HostArray.of(target), steps.clone(), false);
    }

    /** The same memory with time reversed. */
    SequenceView reversed() {
        return new SequenceView(array, memory, mb, n, steps, s0, s1, -s2, origin + (steps - 1) * s2, span, dense);
    }

    /**
     * Examples {@code [from, to)} of this view (same time order), over the memory those examples span only:
     * how {@link BatchSplitKernel} hands each part of a minibatch its examples. Reading from several such
     * views at once is safe; writing is not when their spans overlap (e.g. halves of a time-major array):
     * a write copies its whole span back. Computed from the strides (no ND4J view: {@code INDArray.get} of
     * an interval of a view's examples gave an empty scalar in ND4J M2.1 for a truncated-BPTT segment).
     */
    SequenceView examples(int from, int to) {
        if (from == 0 && to == mb) {
            return this;
        }
        if (from < 0 || to > mb || from >= to) {
            throw new IllegalArgumentException("examples [" + from + ", " + to + ") of a minibatch of " + mb);
        }
        // positions origin + e·s0 + i·s1 + t·s2; s0, s1 >= 0, s2 < 0 only when reversed
        long timeLow = Math.min(0, (long) (steps - 1) * s2);
        long timeHigh = Math.max(0, (long) (steps - 1) * s2);
        long low = origin + (long) from * s0 + timeLow;
        long high = origin + (long) (to - 1) * s0 + (long) (n - 1) * s1 + timeHigh;
        int partSpan = (int) (high - low + 1);
        return new SequenceView(array, memory.range(low, partSpan), to - from, n, steps, s0, s1, s2,
                (int) (origin + (long) from * s0 - low), partSpan, partSpan == (long) (to - from) * n * steps);
    }

    /** Whether time runs backwards in this view ({@link #reversed} of an array's own order). */
    boolean timeReversed() {
        return s2 < 0;
    }

    /** {@code this} reversed if {@code reverse}. */
    SequenceView reversedIf(boolean reverse) {
        return reverse ? reversed() : this;
    }

    /**
     * The three loops of a copy between the view and a time-major array of row width {@code width}: the
     * view's dimensions ordered by decreasing stride, so the innermost loop walks the view's memory
     * contiguously (or nearly) whatever its layout ('c', 'f', a half of a concatenation, reversed).
     * For each loop: its size ({@code n}), step in the view ({@code v}), in the time-major array
     * ({@code m}) and in a time-major per-row array ({@code r}).
     */
    private record Loops(int na, int va, int ma, int ra, int nb, int vb, int mb, int rb, int nc, int vc, int mc, int rc) {
    }

    /**
     * Side of the tiles over the two inner loops of {@link #read} and {@link #write}: the innermost loop runs along the
     * view's smallest stride, where the time-major side's stride is usually the largest ({@code mb·width} for NCW's
     * time), so untiled every element landed on another cache line; in tiles of 16 x 16 each line is used whole.
     * Reading an NCW {@code [64, 128, 128]} float sequence took 15-38 ms untiled on a loaded 2-core machine.
     */
    private static final int TILE = 16;

    private Loops loops(int width) {
        // dimension d: size, view stride, time-major stride, per-row stride (rows are t·mb + e)
        int[][] dims = {
                {mb, s0, width, 1},
                {n, s1, 1, 0},
                {steps, s2, mb * width, mb},
        };
        Arrays.sort(dims, (x, y) -> Integer.compare(weight(y), weight(x)));
        return new Loops(dims[0][0], dims[0][1], dims[0][2], dims[0][3], dims[1][0], dims[1][1], dims[1][2], dims[1][3],
                dims[2][0], dims[2][1], dims[2][2], dims[2][3]);
    }

    /** Sort key of a dimension: its |stride| in the view, a dimension of size 1 outermost. */
    private static int weight(int[] dim) {
        return dim[0] == 1 ? Integer.MAX_VALUE : Math.abs(dim[1]);
    }

    // ---- float ----

    /** {@code target[(t·mb + e)·width + i] = view[e, i, t]} for {@code i < n} (FLOAT memory). */
    void read(float[] target, int width) {
        if (timeMajor(width)) {
            ((HostArray.F32) memory).read(0, target, 0, span);
            return;
        }
        float[] src = floatScratch(span);
        ((HostArray.F32) memory).read(0, src, 0, span);
        Loops l = loops(width);
        for (int a = 0; a < l.na; a++) {
            for (int b0 = 0; b0 < l.nb; b0 += TILE) {
                for (int c0 = 0; c0 < l.nc; c0 += TILE) {
                    int bEnd = Math.min(l.nb, b0 + TILE);
                    for (int c = c0, cEnd = Math.min(l.nc, c0 + TILE); c < cEnd; c++) {
                        int v = origin + a * l.va + c * l.vc;
                        int m = a * l.ma + c * l.mc;
                        for (int b = b0; b < bEnd; b++) {
                            target[m + b * l.mb] = src[v + b * l.vb];
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code view[e, i, t] = scale_row · source[from + (t·mb + e)·width + i]} for {@code i < n}, or
     * {@code +=} with {@code accumulate}; {@code rowScale} ({@code [T·mb]} time-major, or null for 1)
     * multiplies each row (FLOAT memory).
     */
    void write(float[] source, int from, int width, float[] rowScale, boolean accumulate) {
        if (rowScale == null && !accumulate && timeMajor(width)) {
            ((HostArray.F32) memory).write(0, source, from, span);
            return;
        }
        if (writesOwnRows()) {
            writeStepBlocks(source, from, width, rowScale, accumulate);
            return;
        }
        float[] dst = floatScratch(span);
        if (accumulate || !dense) {
            ((HostArray.F32) memory).read(0, dst, 0, span);
        }
        Loops l = loops(width);
        for (int a = 0; a < l.na; a++) {
            for (int b0 = 0; b0 < l.nb; b0 += TILE) {
                for (int c0 = 0; c0 < l.nc; c0 += TILE) {
                    int cEnd = Math.min(l.nc, c0 + TILE);
                    for (int b = b0, bEnd = Math.min(l.nb, b0 + TILE); b < bEnd; b++) {
                        int v = origin + a * l.va + b * l.vb;
                        int m = from + a * l.ma + b * l.mb;
                        int r = a * l.ra + b * l.rb;
                        if (rowScale == null && !accumulate) {
                            for (int c = c0; c < cEnd; c++) {
                                dst[v + c * l.vc] = source[m + c * l.mc];
                            }
                        } else {
                            for (int c = c0; c < cEnd; c++) {
                                float x = source[m + c * l.mc] * (rowScale == null ? 1f : rowScale[r + c * l.rc]);
                                int k = v + c * l.vc;
                                dst[k] = accumulate ? dst[k] + x : x;
                            }
                        }
                    }
                }
            }
        }
        ((HostArray.F32) memory).write(0, dst, 0, span);
    }

    // ---- double ----

    /** {@code target[(t·mb + e)·width + i] = view[e, i, t]} for {@code i < n} (DOUBLE memory). */
    void read(double[] target, int width) {
        if (timeMajor(width)) {
            ((HostArray.F64) memory).read(0, target, 0, span);
            return;
        }
        double[] src = doubleScratch(span);
        ((HostArray.F64) memory).read(0, src, 0, span);
        Loops l = loops(width);
        for (int a = 0; a < l.na; a++) {
            for (int b0 = 0; b0 < l.nb; b0 += TILE) {
                for (int c0 = 0; c0 < l.nc; c0 += TILE) {
                    int bEnd = Math.min(l.nb, b0 + TILE);
                    for (int c = c0, cEnd = Math.min(l.nc, c0 + TILE); c < cEnd; c++) {
                        int v = origin + a * l.va + c * l.vc;
                        int m = a * l.ma + c * l.mc;
                        for (int b = b0; b < bEnd; b++) {
                            target[m + b * l.mb] = src[v + b * l.vb];
                        }
                    }
                }
            }
        }
    }

    /** As {@link #write(float[], int, int, float[], boolean)}, for DOUBLE memory. */
    void write(double[] source, int from, int width, double[] rowScale, boolean accumulate) {
        if (rowScale == null && !accumulate && timeMajor(width)) {
            ((HostArray.F64) memory).write(0, source, from, span);
            return;
        }
        if (writesOwnRows()) {
            writeStepBlocks(source, from, width, rowScale, accumulate);
            return;
        }
        double[] dst = doubleScratch(span);
        if (accumulate || !dense) {
            ((HostArray.F64) memory).read(0, dst, 0, span);
        }
        Loops l = loops(width);
        for (int a = 0; a < l.na; a++) {
            for (int b0 = 0; b0 < l.nb; b0 += TILE) {
                for (int c0 = 0; c0 < l.nc; c0 += TILE) {
                    for (int b = b0, bEnd = Math.min(l.nb, b0 + TILE); b < bEnd; b++) {
                        int v = origin + a * l.va + b * l.vb;
                        int m = from + a * l.ma + b * l.mb;
                        int r = a * l.ra + b * l.rb;
                        for (int c = c0, cEnd = Math.min(l.nc, c0 + TILE); c < cEnd; c++) {
                            double x = source[m + c * l.mc] * (rowScale == null ? 1 : rowScale[r + c * l.rc]);
                            int k = v + c * l.vc;
                            dst[k] = accumulate ? dst[k] + x : x;
                        }
                    }
                }
            }
        }
        ((HostArray.F64) memory).write(0, dst, 0, span);
    }

    /** {@link #write} by blocks of a step's rows (or single rows), where {@link #writesOwnRows()} (FLOAT memory; source rows {@code width} wide). */
    private void writeStepBlocks(float[] source, int from, int width, float[] rowScale, boolean accumulate) {
        HostArray.F32 mem = (HostArray.F32) memory;
        int rows = mb == 1 || s0 == n ? mb : 1; // rows per block: a step's rows, or one
        int len = rows * n;
        boolean straight = width == n && rowScale == null && !accumulate;
        float[] block = straight ? null : floatScratch(len);
        for (int t = 0; t < steps; t++) {
            for (int e0 = 0; e0 < mb; e0 += rows) {
                long at = origin + (long) t * s2 + (long) e0 * s0;
                int src = from + (t * mb + e0) * width;
                if (straight) {
                    mem.write(at, source, src, len);
                    continue;
                }
                if (accumulate) {
                    mem.read(at, block, 0, len);
                }
                for (int e = 0; e < rows; e++) {
                    float scale = rowScale == null ? 1f : rowScale[t * mb + e0 + e];
                    int row = src + e * width;
                    for (int i = 0; i < n; i++) {
                        float x = source[row + i] * scale;
                        block[e * n + i] = accumulate ? block[e * n + i] + x : x;
                    }
                }
                mem.write(at, block, 0, len);
            }
        }
    }



    /** {@link #write} by blocks of a step's rows (or single rows), where {@link #writesOwnRows()} (DOUBLE memory; source rows {@code width} wide). */
    private void writeStepBlocks(double[] source, int from, int width, double[] rowScale, boolean accumulate) {
        HostArray.F64 mem = (HostArray.F64) memory;
        int rows = mb == 1 || s0 == n ? mb : 1; // rows per block: a step's rows, or one
        int len = rows * n;
        boolean straight = width == n && rowScale == null && !accumulate;
        double[] block = straight ? null : doubleScratch(len);
        for (int t = 0; t < steps; t++) {
            for (int e0 = 0; e0 < mb; e0 += rows) {
                long at = origin + (long) t * s2 + (long) e0 * s0;
                int src = from + (t * mb + e0) * width;
                if (straight) {
                    mem.write(at, source, src, len);
                    continue;
                }
                if (accumulate) {
                    mem.read(at, block, 0, len);
                }
                for (int e = 0; e < rows; e++) {
                    double scale = rowScale == null ? 1 : rowScale[t * mb + e0 + e];
                    int row = src + e * width;
                    for (int i = 0; i < n; i++) {
                        double x = source[row + i] * scale;
                        block[e * n + i] = accumulate ? block[e * n + i] + x : x;
                    }
                }
                mem.write(at, block, 0, len);
            }
        }
    }



    // ---- time-major host arrays (the kernels' input and input-gradient buffers) ----

    /**
     * Fills the contiguous time-major {@code target} ({@code [T·mb, width]}) with the view in its first
     * {@code n} columns and 1 in the others (the ones column that folds a bias into a matrix product).
     */
    void gatherInto(HostArray target, int width) {
        int rows = steps * mb;
        if (target instanceof HostArray.F32 f) {
            float[] buf = ROWS.floats(rows * width);
            read(buf, width);
            for (int r = 0; r < rows; r++) {
                Arrays.fill(buf, r * width + n, (r + 1) * width, 1f);
            }
            f.write(0, buf, 0, rows * width);
        } else {
            double[] buf = ROWS.doubles(rows * width);
            read(buf, width);
            for (int r = 0; r < rows; r++) {
                Arrays.fill(buf, r * width + n, (r + 1) * width, 1.0);
            }
            ((HostArray.F64) target).write(0, buf, 0, rows * width);
        }
    }

    /** Writes (or adds) the first {@code n} columns of the time-major {@code source} ({@code [T·mb, width]}) into the view. */
    void scatterFrom(HostArray source, int width, boolean accumulate) {
        int len = steps * mb * width;
        if (!accumulate && timeMajor(width) && source.getClass() == memory.getClass()) {
            memory.copyFrom(source, len); // the view is exactly the source's layout: one native copy
            return;
        }
        if (source instanceof HostArray.F32 f) {
            float[] buf = ROWS.floats(len);
            f.read(0, buf, 0, len);
            write(buf, 0, width, null, accumulate);
        } else {
            double[] buf = ROWS.doubles(len);
            ((HostArray.F64) source).read(0, buf, 0, len);
            write(buf, 0, width, null, accumulate);
        }
    }

    private static float[] floatScratch(int n) {
        return SCRATCH.floats(n);
    }

    private static double[] doubleScratch(int n) {
        return SCRATCH.doubles(n);
    }

    /**
     * {@link #lastSteps}: rows {@code [mb, n]} in example order (floats or doubles, as the kernels' data type), each at
     * its own step, zero everywhere else; with time reversed when {@code reversed}.
     */
    static final class LastSteps extends SequenceView {

        /** The rows, {@code float[]} or {@code double[]}. */
        private final Object rows;
        /** Each example's step, in the array's time order. */
        private final int[] stepOf;
        private final boolean reversed;

        private LastSteps(int mb, int n, int steps, Object rows, int[] stepOf, boolean reversed) {
            super(null, null, mb, n, steps, 0, 0, reversed ? -1 : 1, 0, 0, false);
            this.rows = rows;
            this.stepOf = stepOf;
            this.reversed = reversed;
        }

        /** Row of example {@code e}'s values in a time-major array of row width {@code width}. */
        private int row(int e, int width) {
            int t = reversed ? steps - 1 - stepOf[e] : stepOf[e];
            return (t * mb + e) * width;
        }

        @Override
        void read(float[] target, int width) {
            copyInto(target, width);
        }

        @Override
        void read(double[] target, int width) {
            copyInto(target, width);
        }

        /** {@link #read} into a {@code float[]} or {@code double[]} of the rows' own type. */
        private void copyInto(Object target, int width) {
            if (target.getClass() != rows.getClass()) {
                throw new IllegalStateException("a " + (rows instanceof float[] ? "single" : "double") + "-precision gradient "
                        + "read into another precision");
            }
            zero(target, width);
            for (int e = 0; e < mb; e++) {
                System.arraycopy(rows, e * n, target, row(e, width), n);
            }
        }

        /**
         * Into a native time-major array of the rows' own width: zeros its memory natively and copies the {@code mb}
         * rows, without the Java array of {@code T·mb} rows {@link SequenceView#gatherInto} fills and copies.
         */
        @Override
        void gatherInto(HostArray target, int width) {
            if (!gathersNatively(target, width)) {
                super.gatherInto(target, width);
                return;
            }
            gatherIntoZeroBut(target, null);
        }

        /** Whether {@link #gatherIntoZeroBut} can write into {@code target}: rows of the view's own width and type. */
        boolean gathersNatively(HostArray target, int width) {
            return width == n && (rows instanceof float[]) == (target instanceof HostArray.F32);
        }

        /**
         * {@link #gatherInto} a native time-major {@code [T·mb, n]} array ({@link #gathersNatively}) that is zero but
         * at the rows {@code written} (element offsets a previous call returned, for the same array): zeros only those
         * rows and copies this view's, instead of filling the whole array with zeros; with {@code written} null, fills
         * it. Returns the offsets of the rows it wrote, for the next call. Nothing else may have written into the array
         * in between ({@link CellKernel} keeps the record with the buffer it belongs to).
         */
        long[] gatherIntoZeroBut(HostArray target, long[] written) {
            boolean f32 = rows instanceof float[];
            long bytes = f32 ? Float.BYTES : Double.BYTES;
            if (written == null) {
                long len = (long) steps * mb * n;
                org.bytedeco.javacpp.Pointer.memset(target.bytesAt(0), 0, len * bytes);
            } else {
                for (long at : written) {
                    org.bytedeco.javacpp.Pointer.memset(target.bytesAt(at), 0, n * bytes);
                }
            }
            long[] offsets = new long[mb];
            for (int e = 0; e < mb; e++) {
                offsets[e] = row(e, n);
                if (f32) {
                    ((HostArray.F32) target).write(offsets[e], (float[]) rows, e * n, n);
                } else {
                    ((HostArray.F64) target).write(offsets[e], (double[]) rows, e * n, n);
                }
            }
            return offsets;
        }

        /** Whether the rows are single precision ({@code float[]}). */
        boolean singlePrecision() {
            return rows instanceof float[];
        }

        /**
         * Adds the rows of the examples whose step, in this view's time order, is {@code t} into {@code target}
         * ({@code [mb, n]} of one step, example-major): {@code target[e·n + i] += view[e, i, t]} (single precision).
         */
        void addRowsAt(int t, float[] target) {
            float[] values = (float[]) rows;
            for (int e = 0; e < mb; e++) {
                if ((reversed ? steps - 1 - stepOf[e] : stepOf[e]) == t) {
                    int at = e * n;
                    for (int i = 0; i < n; i++) {
                        target[at + i] += values[at + i];
                    }
                }
            }
        }

        /** Zeros the first {@code n} columns of every row, as {@link #read} writes only those. */
        private void zero(Object target, int width) {
            int rows = steps * mb;
            if (width == n) {
                fill(target, 0, rows * width);
                return;
            }
            for (int r = 0; r < rows; r++) {
                fill(target, r * width, r * width + n);
            }
        }

        private static void fill(Object target, int from, int to) {
            if (target instanceof float[] f) {
                Arrays.fill(f, from, to, 0f);
            } else {
                Arrays.fill((double[]) target, from, to, 0.0);
            }
        }

        @Override
        SequenceView reversed() {
            return new LastSteps(mb, n, steps, rows, stepOf, !reversed);
        }

        @Override
        SequenceView examples(int from, int to) {
            if (from == 0 && to == mb) {
                return this;
            }
            if (from < 0 || to > mb || from >= to) {
                throw new IllegalArgumentException("examples [" + from + ", " + to + ") of a minibatch of " + mb);
            }
            Object part = rows instanceof float[] f ? Arrays.copyOfRange(f, from * n, to * n)
                    : Arrays.copyOfRange((double[]) rows, from * n, to * n);
            return new LastSteps(to - from, n, steps, part, Arrays.copyOfRange(stepOf, from, to), reversed);
        }

        @Override
        boolean timeReversed() {
            return reversed;
        }

        @Override
        long[] timeMajorStrides() {
            return null;
        }

        @Override
        boolean timeMajor(int width) {
            return false;
        }

        @Override
        org.bytedeco.javacpp.Pointer firstElement() {
            throw new UnsupportedOperationException("a last-step gradient has no memory of its own");
        }

        @Override
        void write(float[] source, int from, int width, float[] rowScale, boolean accumulate) {
            throw new UnsupportedOperationException("a last-step gradient is only read");
        }

        @Override
        void write(double[] source, int from, int width, double[] rowScale, boolean accumulate) {
            throw new UnsupportedOperationException("a last-step gradient is only read");
        }

        @Override
        void scatterFrom(HostArray source, int width, boolean accumulate) {
            throw new UnsupportedOperationException("a last-step gradient is only read");
        }
    }

    /**
     * {@link #lastStepOutputs}: writes go to one row per example of a {@code [mb, n]} array (example {@code e}'s values
     * at its step, in the array's time order; with time reversed when {@code reversed}); it is never read.
     */
    static final class LastStepOutputs extends SequenceView {

        private final HostArray rows;
        /** Each example's step, in the array's time order. */
        private final int[] stepOf;
        private final boolean reversed;

        private LastStepOutputs(int mb, int n, int steps, HostArray rows, int[] stepOf, boolean reversed) {
            super(null, null, mb, n, steps, 0, 0, reversed ? -1 : 1, 0, 0, false);
            this.rows = rows;
            this.stepOf = stepOf;
            this.reversed = reversed;
        }

        /** Row of example {@code e}'s values in a time-major array ({@code t·mb + e}). */
        private int sourceRow(int e) {
            int t = reversed ? steps - 1 - stepOf[e] : stepOf[e];
            return t * mb + e;
        }

        @Override
        void write(float[] source, int from, int width, float[] rowScale, boolean accumulate) {
            HostArray.F32 target = (HostArray.F32) rows;
            float[] row = accumulate || rowScale != null ? new float[n] : null;
            for (int e = 0; e < mb; e++) {
                int r = sourceRow(e);
                int at = from + r * width;
                if (row == null) {
                    target.write((long) e * n, source, at, n);
                    continue;
                }
                float scale = rowScale == null ? 1f : rowScale[r];
                if (accumulate) {
                    target.read((long) e * n, row, 0, n);
                }
                for (int i = 0; i < n; i++) {
                    float x = source[at + i] * scale;
                    row[i] = accumulate ? row[i] + x : x;
                }
                target.write((long) e * n, row, 0, n);
            }
        }

        @Override
        void write(double[] source, int from, int width, double[] rowScale, boolean accumulate) {
            HostArray.F64 target = (HostArray.F64) rows;
            double[] row = accumulate || rowScale != null ? new double[n] : null;
            for (int e = 0; e < mb; e++) {
                int r = sourceRow(e);
                int at = from + r * width;
                if (row == null) {
                    target.write((long) e * n, source, at, n);
                    continue;
                }
                double scale = rowScale == null ? 1.0 : rowScale[r];
                if (accumulate) {
                    target.read((long) e * n, row, 0, n);
                }
                for (int i = 0; i < n; i++) {
                    double x = source[at + i] * scale;
                    row[i] = accumulate ? row[i] + x : x;
                }
                target.write((long) e * n, row, 0, n);
            }
        }

        /** One native copy per example where nothing is added, else through {@link #write}. */
        @Override
        void scatterFrom(HostArray source, int width, boolean accumulate) {
            if (!accumulate && source.getClass() == rows.getClass()) {
                long bytes = (long) n * (rows instanceof HostArray.F32 ? Float.BYTES : Double.BYTES);
                for (int e = 0; e < mb; e++) {
                    org.bytedeco.javacpp.Pointer.memcpy(rows.bytesAt((long) e * n), source.bytesAt((long) sourceRow(e) * width), bytes);
                }
                return;
            }
            for (int e = 0; e < mb; e++) {
                long at = (long) sourceRow(e) * width;
                if (source instanceof HostArray.F32 f) {
                    float[] buf = new float[width];
                    f.read(at, buf, 0, width);
                    new LastStepOutputs(1, n, 1, rows.range((long) e * n, n), new int[] {0}, false).write(buf, 0, width, null, accumulate);
                } else {
                    double[] buf = new double[width];
                    ((HostArray.F64) source).read(at, buf, 0, width);
                    new LastStepOutputs(1, n, 1, rows.range((long) e * n, n), new int[] {0}, false).write(buf, 0, width, null, accumulate);
                }
            }
        }

        @Override
        SequenceView reversed() {
            return new LastStepOutputs(mb, n, steps, rows, stepOf, !reversed);
        }

        @Override
        SequenceView examples(int from, int to) {
            if (from == 0 && to == mb) {
                return this;
            }
            if (from < 0 || to > mb || from >= to) {
                throw new IllegalArgumentException("examples [" + from + ", " + to + ") of a minibatch of " + mb);
            }
            return new LastStepOutputs(to - from, n, steps, rows.range((long) from * n, (long) (to - from) * n),
                    Arrays.copyOfRange(stepOf, from, to), reversed);
        }

        @Override
        boolean timeReversed() {
            return reversed;
        }

        @Override
        long[] timeMajorStrides() {
            return null;
        }

        @Override
        boolean timeMajor(int width) {
            return false;
        }

        @Override
        long writtenValues() {
            return (long) mb * n;
        }

        /** Each example's row is its own: parts of a minibatch may write theirs at once. */
        @Override
        boolean writesOwnRows() {
            return true;
        }

        @Override
        boolean writesStepBlocks() {
            return true;
        }

        @Override
        org.bytedeco.javacpp.Pointer firstElement() {
            throw new UnsupportedOperationException("the last steps' outputs are written, not read");
        }

        @Override
        void read(float[] target, int width) {
            throw new UnsupportedOperationException("the last steps' outputs are written, not read");
        }

        @Override
        void read(double[] target, int width) {
            throw new UnsupportedOperationException("the last steps' outputs are written, not read");
        }

        @Override
        void gatherInto(HostArray target, int width) {
            throw new UnsupportedOperationException("the last steps' outputs are written, not read");
        }
    }
}
