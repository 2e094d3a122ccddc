package org.rnnlab.core.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The recurrent kernels' per-step product {@code C = A B} ({@link StepProduct}) on arrays of one's own, for measuring
 * it ({@code rnnlab bench --gemm}): {@code B} fixed, then any number of products with the same shape, through the
 * route the kernels take for that shape (oneDNN's {@code matmul} on {@code B} kept in its blocked layout, or OpenBLAS's
 * {@code cblas_sgemm} below {@link StepProduct#MIN_WEIGHTS} and {@link StepProduct#MIN_MULTIPLY_ADDS}, with
 * {@code -Drnnlab.onednn=off} or where oneDNN does not load), on the calling thread, as one kernel part calls it; for
 * the LSTM's step product, as wide as the kernel computes it ({@link StepProduct#paddedWidth}).
 */
public final class StepProductRoute {

    private final StepProduct product = new StepProduct(false);
    private final long k;
    private final long n;
    private final long width;
    private final INDArray b;
    private final INDArray weights; // b, or b with zero columns appended (padded)
    private final INDArray out;     // [m, width]: where the products go
    private final HostArray.Matrix outMatrix;
    /** The last {@code a} of {@link #multiply(INDArray)} and its matrix, wrapped once as a kernel wraps its arrays once a sweep. */
    private INDArray lastA;
    private HostArray.Matrix lastAMatrix;

    /**
     * Fixes {@code b} ({@code [k, n]}, 'c'-order FLOAT, not a view) for products with {@code m} rows in {@code A}; it
     * must not change while this route is used.
     */
    public StepProductRoute(long m, INDArray b) {
        this(m, b, false);
    }

    /**
     * As {@link #StepProductRoute(long, INDArray)}; with {@code asLstmStep}, the product is computed as the LSTM kernel
     * computes its per-step product, {@link StepProduct#paddedWidth} columns wide ({@code b} with zero columns appended).
     */
    public StepProductRoute(long m, INDArray b, boolean asLstmStep) {
        requireDense(b, "b");
        this.b = b;
        this.k = b.rows();
        this.n = b.columns();
        this.width = asLstmStep ? StepProduct.paddedWidth(n) : n;
        if (width == n) {
            weights = b;
        } else {
            weights = Nd4j.zeros(DataType.FLOAT, k, width);
            weights.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n)).assign(b);
        }
        out = Nd4j.zeros(DataType.FLOAT, m, width);
        outMatrix = HostArray.of(out).matrix(0, width);
        product.prepare(m, k, width, HostArray.of(weights).matrix(0, width));
    }

    /** Whether the products go through oneDNN's {@code matmul} (else OpenBLAS's {@code cblas_sgemm}). */
    public boolean byOneDnn() {
        return product.byOneDnn();
    }

    /** The number of columns the products are computed with: {@code b}'s, or more when padded ({@link StepProduct#paddedWidth}). */
    public long width() {
        return Math.max(width, product.width());
    }

    /**
     * {@code a b} for {@code a} ({@code [m, k]}, 'c'-order FLOAT, not a view), into this route's own output, preallocated
     * (for timing). The host-memory views of {@code a} and of the output are made once, not on each call of the same
     * {@code a}: a kernel makes them once a sweep, and {@code bench --gemm}'s OpenBLAS column calls {@code cblas_sgemm} on
     * pointers made once; making them on every call added 4-10 µs per call on a loaded machine, beside a square 64
     * product of about 11 µs on a quiet core.
     */
    public void multiply(INDArray a) {
        if (a != lastA) {
            requireDense(a, "a");
            lastAMatrix = HostArray.of(a).matrix(0, k);
            lastA = a;
        }
        product.multiply(lastAMatrix, outMatrix);
        java.lang.ref.Reference.reachabilityFence(weights);
    }

    /** {@code c = a b} for {@code a} ({@code [m, k]}) and {@code c} ({@code [m, n]}), 'c'-order FLOAT arrays, not views. */
    public void multiply(INDArray a, INDArray c) {
        requireDense(c, "c");
        multiply(a);
        c.assign(width == n ? out : out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n)));
        java.lang.ref.Reference.reachabilityFence(b);
    }

    private static void requireDense(INDArray x, String name) {
        if (x.rank() != 2 || x.isView() || x.ordering() != 'c' || x.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("StepProductRoute: " + name + " must be a fresh 'c'-order FLOAT matrix, got "
                    + x.dataType() + " " + java.util.Arrays.toString(x.shape()) + " order " + x.ordering()
                    + (x.isView() ? " (a view)" : ""));
        }
    }
}
