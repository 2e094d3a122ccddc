package org.rnnlab.core.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The recurrent kernels' per-step product {@code C = A B} ({@link StepProduct}) on arrays of one's own, for measuring
 * it ({@code rnnlab bench --gemm}): {@code B} fixed, then any number of products with the same shape, through the
 * route the kernels take for that shape (oneDNN's {@code matmul} on {@code B} kept in its blocked layout, or OpenBLAS's
 * {@code cblas_sgemm} below {@link StepProduct#MIN_WEIGHTS} and {@link StepProduct#MIN_MULTIPLY_ADDS}, with
 * {@code -Drnnlab.onednn=off} or where oneDNN does not load), on the calling thread, as one kernel part calls it.
 */
public final class StepProductRoute {

    private final StepProduct product = new StepProduct(false);
    private final long k;
    private final long n;
    private final INDArray b;

    /**
     * Fixes {@code b} ({@code [k, n]}, 'c'-order FLOAT, not a view) for products with {@code m} rows in {@code A}; it
     * must not change while this route is used.
     */
    public StepProductRoute(long m, INDArray b) {
        requireDense(b, "b");
        this.b = b;
        this.k = b.rows();
        this.n = b.columns();
        product.prepare(m, k, n, HostArray.of(b).matrix(0, n));
    }

    /** Whether the products go through oneDNN's {@code matmul} (else OpenBLAS's {@code cblas_sgemm}). */
    public boolean byOneDnn() {
        return product.byOneDnn();
    }

    /** {@code c = a b} for {@code a} ({@code [m, k]}) and {@code c} ({@code [m, n]}), 'c'-order FLOAT arrays, not views. */
    public void multiply(INDArray a, INDArray c) {
        requireDense(a, "a");
        requireDense(c, "c");
        product.multiply(HostArray.of(a).matrix(0, k), HostArray.of(c).matrix(0, n));
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
