package org.rnnlab.core.layers;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Bulk copies and BLAS on the host memory of an ND4J array, for the recurrent kernels ({@link CellKernel},
 * {@link GruKernel}) and {@link SequenceView}. Elements are addressed by their position in memory
 * (0 to {@code length - 1}), whatever the array's shape; matrix products take row-major
 * operands described by an element offset and a leading dimension, and go straight to OpenBLAS
 * ({@code cblas_sgemm}/{@code cblas_dgemm}), which costs about a third of {@code Nd4j.gemm} on the
 * small per-step products of a recurrent layer.
 *
 * <p>The two implementations are {@link F32} and {@link F64}, copying to and from {@code float[]} and
 * {@code double[]}. Only the CPU backend keeps arrays in host memory: {@link KernelSupport} decides
 * whether a layer can use this class.
 */
abstract sealed class HostArray permits HostArray.F32, HostArray.F64 {

    /** The wrapped array (kept so that its memory stays alive). */
    final INDArray array;
    /** Number of elements. */
    final long length;

    private HostArray(INDArray array) {
        this(array, array.length());
    }

    private HostArray(INDArray array, long length) {
        this.array = array;
        this.length = length;
    }

    /**
     * Wraps a contiguous array (no gaps between elements: a fresh array, or a view of a contiguous
     * range of one) of type FLOAT or DOUBLE.
     */
    static HostArray of(INDArray array) {
        if (!isContiguous(array)) {
            throw new IllegalArgumentException("HostArray needs a contiguous array, got shape "
                    + Arrays.toString(array.shape()) + " strides " + Arrays.toString(array.stride()));
        }
        return switch (array.dataType()) {
            case FLOAT -> new F32(array);
            case DOUBLE -> new F64(array);
            default -> throw new IllegalArgumentException("rnnlab's recurrent kernels compute in FLOAT or DOUBLE, got "
                    + array.dataType());
        };
    }

    /** Whether the array's elements occupy one gap-free range of memory (in 'c' or 'f' order). */
    static boolean isContiguous(INDArray a) {
        if (a.isView()) {
            long[] shape = a.shape();
            long[] stride = a.stride();
            return denseIn(shape, stride, 'c') || denseIn(shape, stride, 'f');
        }
        return true;
    }

    private static boolean denseIn(long[] shape, long[] stride, char order) {
        long expected = 1;
        int n = shape.length;
        for (int j = 0; j < n; j++) {
            int d = order == 'c' ? n - 1 - j : j;
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * Wraps the memory spanned by an array of any strides (non-negative), element {@code Σ index_d · stride_d}
     * being the array's element at those indices; element 0 is the array's first element.
     */
    static HostArray spanning(INDArray array) {
        long span = span(array);
        return switch (array.dataType()) {
            case FLOAT -> new F32(array, span);
            case DOUBLE -> new F64(array, span);
            default -> throw new IllegalArgumentException("rnnlab's recurrent kernels compute in FLOAT or DOUBLE, got "
                    + array.dataType());
        };
    }

    /** Number of elements from an array's first to its last in memory (0 when empty); strides must be non-negative. */
    static long span(INDArray array) {
        if (array.length() == 0) {
            return 0;
        }
        long span = 1;
        for (int d = 0; d < array.rank(); d++) {
            if (array.stride(d) < 0) {
                throw new IllegalArgumentException("negative strides are not supported: " + Arrays.toString(array.stride()));
            }
            span += (array.size(d) - 1) * array.stride(d);
        }
        return span;
    }

    /**
     * Elements {@code [from, from + span)} of this array as an array of their own (element 0 is element
     * {@code from} here), sharing the memory.
     */
    abstract HostArray range(long from, long span);

    /** A pointer to element {@code offset}, for BLAS. */
    abstract Pointer at(long offset);

    /**
     * An untyped pointer to element {@code offset}, for native functions that take {@code void*} (oneDNN's memory
     * handles, {@code memcpy}): JavaCPP adds an untyped pointer's position in bytes, a typed one's in elements.
     */
    Pointer bytesAt(long offset) {
        Pointer typed = at(offset);
        return new Pointer(typed).position(typed.position() * typed.sizeof());
    }

    /**
     * Copies the vector {@code source} into the vector {@code target} of the same length and type (any shapes with at
     * most one dimension above 1: {@code [1, n]}, {@code [n]}, {@code [n, 1]}), as one native copy where both are
     * contiguous, else through a reshape and {@code assign}.
     */
    static void copyVector(INDArray source, INDArray target) {
        if (source.length() == target.length() && source.dataType() == target.dataType() && source.length() > 0
                && (source.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT
                || source.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                && isVector(source) && isVector(target) && isContiguous(source) && isContiguous(target)) {
            of(target).copyFrom(of(source), source.length());
            return;
        }
        target.assign(source.reshape(target.shape()));
    }

    private static boolean isVector(INDArray a) {
        int above1 = 0;
        for (int i = 0; i < a.rank(); i++) { // a loop, not a stream over shape(): called for every bias of every pass
            if (a.size(i) > 1) {
                above1++;
            }
        }
        return above1 <= 1;
    }

    /**
     * {@code a.assign(0)} for a contiguous array ({@link #isContiguous}) as one native {@code memset}, without ND4J's
     * per-operation cost; other arrays through {@code assign}. Returns {@code a}.
     */
    static INDArray zero(INDArray a) {
        if (a.length() > 0 && (a.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT
                || a.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE) && isContiguous(a)) {
            Pointer.memset(of(a).bytesAt(0), 0, a.length() * a.dataType().width());
            return a;
        }
        return a.assign(0);
    }

    /** Copies elements {@code [0, n)} of {@code source} (same precision) into elements {@code [0, n)} of this array. */
    void copyFrom(HostArray source, long n) {
        if (source.getClass() != getClass() || n > length || n > source.length) {
            throw new IllegalArgumentException("copy of " + n + " elements from " + source.getClass().getSimpleName() + "["
                    + source.length + "] into " + getClass().getSimpleName() + "[" + length + "]");
        }
        Pointer.memcpy(bytesAt(0), source.bytesAt(0), n * at(0).sizeof());
    }

    private static final ThreadScratch TRANSPOSE_IN = new ThreadScratch();
    private static final ThreadScratch TRANSPOSE_OUT = new ThreadScratch();
    /** Side of the square tiles the transposing copy moves at a time (two tiles of floats stay in L1). */
    private static final int TILE = 32;

    /**
     * {@code target.assign(source)}, fast where a kernel meets DL4J's parameter and gradient views: a 'c'-order matrix
     * (rows contiguous) copied into an 'f'-order one (columns contiguous) of the same shape, or the reverse, is a
     * transposition of memory, which ND4J's {@code assign} does element by element with index arithmetic (1.7-2.3 ms
     * for a [256 x 1024] float matrix here) and this method tiles in Java through two thread-local arrays (0.7-0.9 ms,
     * copies in and out included). Other layouts, types or ranks go to {@code assign}.
     */
    static void assignAcrossOrders(INDArray source, INDArray target) {
        assignAcrossOrders(source, target, false);
    }

    /**
     * {@link #assignAcrossOrders(INDArray, INDArray)} into the first {@code source.columns()} columns of a wider
     * {@code target} ({@code [rows, stride]}, rows contiguous and one after the other: a fresh array, or a {@link
     * KernelBuffers} buffer, which may be the front of a larger one), whose other columns are set to 0: a kernel's
     * weights with padded rows ({@link StepProduct#paddedWidth}).
     */
    static void assignPadded(INDArray source, INDArray target) {
        if (target.columns() == source.columns()) {
            assignAcrossOrders(source, target);
        } else if (target.rank() != 2 || target.rows() != source.rows() || target.columns() < source.columns()
                || target.ordering() != 'c' || target.stride(0) != target.columns() || target.stride(1) != 1) {
            throw new IllegalArgumentException("padded copy of " + Arrays.toString(source.shape()) + " into "
                    + Arrays.toString(target.shape()) + " order " + target.ordering());
        } else {
            assignAcrossOrders(source, target, true);
        }
    }

    private static void assignAcrossOrders(INDArray source, INDArray target, boolean padded) {
        if (padded && !isDense(source, 'f')) {
            target.get(NDArrayIndex.all(), NDArrayIndex.interval(source.columns(), target.columns())).assign(0);
            target.get(NDArrayIndex.all(), NDArrayIndex.interval(0, source.columns())).assign(source);
            return;
        }
        if (padded) {
            // the source's memory is the [cols x rows] transpose; the target's rows are target.columns() apart
            transposeMemory(of(source), of(target), (int) source.size(1), (int) source.size(0), (int) target.size(1));
            return;
        }
        if (sameLayout(source, target)) {
            of(target).copyFrom(of(source), source.length()); // the same order in memory: one native copy
            return;
        }
        if (source.rank() != 2 || target.rank() != 2 || !Arrays.equals(source.shape(), target.shape())
                || source.dataType() != target.dataType() || !source.dataType().isFPType()
                || source.dataType().width() < 4 || source.length() > Integer.MAX_VALUE || source.length() == 0) {
            target.assign(source);
            return;
        }
        int rows = (int) source.size(0);
        int cols = (int) source.size(1);
        if (isDense(source, 'c') && isDense(target, 'f')) {
            transposeMemory(of(source), of(target), rows, cols, rows);
        } else if (isDense(source, 'f') && isDense(target, 'c')) {
            transposeMemory(of(source), of(target), cols, rows, cols); // the source's memory is the [cols x rows] transpose
        } else {
            target.assign(source);
        }
    }

    /**
     * Whether two arrays of one shape and floating-point type hold their elements in the same order in gap-free memory
     * (both dense in 'c' order, or both in 'f', or a vector: at most one dimension above 1).
     */
    private static boolean sameLayout(INDArray source, INDArray target) {
        if (source.dataType() != target.dataType() || !source.dataType().isFPType() || source.dataType().width() < 4
                || source.length() == 0 || !Arrays.equals(source.shape(), target.shape())) {
            return false;
        }
        long above1 = Arrays.stream(source.shape()).filter(d -> d > 1).count();
        return above1 <= 1 ? isContiguous(source) && isContiguous(target)
                : isDense(source, 'c') && isDense(target, 'c') || isDense(source, 'f') && isDense(target, 'f');
    }

    /**
     * Writes the row-major {@code rows x cols} matrix in {@code from}'s memory into {@code to} as its row-major transpose,
     * whose rows lie {@code toStride} ({@code >= rows}) elements apart, the elements between them set to 0.
     */
    private static void transposeMemory(HostArray from, HostArray to, int rows, int cols, int toStride) {
        int n = rows * cols;
        int outLength = cols * toStride;
        if (from instanceof F32 f && to instanceof F32 t) {
            float[] in = TRANSPOSE_IN.floats(n);
            float[] out = TRANSPOSE_OUT.floats(outLength);
            f.read(0, in, 0, n);
            for (int i0 = 0; i0 < rows; i0 += TILE) {
                int i1 = Math.min(rows, i0 + TILE);
                for (int j0 = 0; j0 < cols; j0 += TILE) {
                    int j1 = Math.min(cols, j0 + TILE);
                    for (int i = i0; i < i1; i++) {
                        for (int j = j0, at = i * cols + j0; j < j1; j++, at++) {
                            out[j * toStride + i] = in[at];
                        }
                    }
                }
            }
            for (int j = 0; toStride > rows && j < cols; j++) {
                Arrays.fill(out, j * toStride + rows, (j + 1) * toStride, 0);
            }
            t.write(0, out, 0, outLength);
        } else {
            F64 f = (F64) from;
            F64 t = (F64) to;
            double[] in = TRANSPOSE_IN.doubles(n);
            double[] out = TRANSPOSE_OUT.doubles(outLength);
            f.read(0, in, 0, n);
            for (int i0 = 0; i0 < rows; i0 += TILE) {
                int i1 = Math.min(rows, i0 + TILE);
                for (int j0 = 0; j0 < cols; j0 += TILE) {
                    int j1 = Math.min(cols, j0 + TILE);
                    for (int i = i0; i < i1; i++) {
                        for (int j = j0, at = i * cols + j0; j < j1; j++, at++) {
                            out[j * toStride + i] = in[at];
                        }
                    }
                }
            }
            for (int j = 0; toStride > rows && j < cols; j++) {
                Arrays.fill(out, j * toStride + rows, (j + 1) * toStride, 0);
            }
            t.write(0, out, 0, outLength);
        }
    }

    /** Whether a 2-D array is dense in {@code order}: 'c' rows contiguous, 'f' columns contiguous, no gaps. */
    private static boolean isDense(INDArray a, char order) {
        return a.size(0) > 1 && a.size(1) > 1 && denseIn(a.shape(), a.stride(), order);
    }

    /**
     * A row-major matrix inside this array, for {@link #gemm}: its first element is element {@code offset}
     * and its rows are {@code rowStride} elements apart (BLAS's leading dimension).
     */
    Matrix matrix(long offset, long rowStride) {
        return new Matrix(this, offset, rowStride);
    }

    /**
     * A gemm operand: a row-major matrix inside {@code data}, from element {@code offset}, rows
     * {@code rowStride} elements apart.
     */
    record Matrix(HostArray data, long offset, long rowStride) {
    }

    /**
     * {@code C = alpha op(A) op(B) + beta C} for row-major matrices: {@code op(A)} is m × k,
     * {@code op(B)} k × n, {@code C} m × n. All three must have the same element type.
     */
    static void gemm(boolean transA, boolean transB, long m, long n, long k, double alpha, Matrix a, Matrix b,
                     double beta, Matrix c) {
        if (m == 0 || n == 0) {
            return;
        }
        int ta = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (c.data() instanceof F32) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, (float) alpha,
                    (FloatPointer) a.data().at(a.offset()), (int) a.rowStride(),
                    (FloatPointer) b.data().at(b.offset()), (int) b.rowStride(), (float) beta,
                    (FloatPointer) c.data().at(c.offset()), (int) c.rowStride());
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, alpha,
                    (DoublePointer) a.data().at(a.offset()), (int) a.rowStride(),
                    (DoublePointer) b.data().at(b.offset()), (int) b.rowStride(), beta,
                    (DoublePointer) c.data().at(c.offset()), (int) c.rowStride());
        }
    }

    /** Single precision. */
    static final class F32 extends HostArray {
        private final FloatPointer base;

        private final FloatPointer transfer;

        F32(INDArray array) {
            this(array, array.length());
        }

        F32(INDArray array, long span) {
            super(array);
            // a view's data buffer is itself a view: its address is the array's first element (offset included)
            FloatPointer p = new FloatPointer(array.data().addressPointer());
            p.capacity(span).limit(span).position(0);
            this.base = p;
            this.transfer = new FloatPointer(p);
        }

        private F32(INDArray array, FloatPointer base, long from, long span) {
            super(array, span);
            if (from < 0 || from + span > base.limit() - base.position()) {
                throw new IndexOutOfBoundsException("range [" + from + ", " + (from + span) + ") of " + (base.limit() - base.position()));
            }
            FloatPointer p = new FloatPointer(base).position(base.position() + from);
            p.limit(p.position() + span);
            this.base = p;
            this.transfer = new FloatPointer(p);
        }

        @Override
        HostArray range(long from, long span) {
            return new F32(array, base, from, span);
        }

        /** Copies {@code n} elements from element {@code from} into {@code target[at..]}. */
        void read(long from, float[] target, int at, int n) {
            transfer.position(base.position() + from).get(target, at, n);
        }

        /** Copies {@code n} elements of {@code source[at..]} to element {@code to} on. */
        void write(long to, float[] source, int at, int n) {
            transfer.position(base.position() + to).put(source, at, n);
        }

        @Override
        Pointer at(long offset) {
            return new FloatPointer(base).position(base.position() + offset);
        }
    }

    /** Double precision (gradient checks, equivalence tests). */
    static final class F64 extends HostArray {
        private final DoublePointer base;

        private final DoublePointer transfer;

        F64(INDArray array) {
            this(array, array.length());
        }

        F64(INDArray array, long span) {
            super(array);
            // a view's data buffer is itself a view: its address is the array's first element (offset included)
            DoublePointer p = new DoublePointer(array.data().addressPointer());
            p.capacity(span).limit(span).position(0);
            this.base = p;
            this.transfer = new DoublePointer(p);
        }

        private F64(INDArray array, DoublePointer base, long from, long span) {
            super(array, span);
            if (from < 0 || from + span > base.limit() - base.position()) {
                throw new IndexOutOfBoundsException("range [" + from + ", " + (from + span) + ") of " + (base.limit() - base.position()));
            }
            DoublePointer p = new DoublePointer(base).position(base.position() + from);
            p.limit(p.position() + span);
            this.base = p;
            this.transfer = new DoublePointer(p);
        }

        @Override
        HostArray range(long from, long span) {
            return new F64(array, base, from, span);
        }

        /** Copies {@code n} elements from element {@code from} into {@code target[at..]}. */
        void read(long from, double[] target, int at, int n) {
            transfer.position(base.position() + from).get(target, at, n);
        }

        /** Copies {@code n} elements of {@code source[at..]} to element {@code to} on. */
        void write(long to, double[] source, int at, int n) {
            transfer.position(base.position() + to).put(source, at, n);
        }

        @Override
        Pointer at(long offset) {
            return new DoublePointer(base).position(base.position() + offset);
        }
    }
}
