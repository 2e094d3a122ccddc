package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward sweep's whole-sequence products through oneDNN's matmul ({@link SweepProduct}) against OpenBLAS's
 * {@code cblas_sgemm} ({@link HostArray#gemm}): the shapes the kernels use (a transposed long left operand for the
 * weight gradients, a narrow right operand for the input gradient), operands inside wider rows (the kernels' {@code
 * [X 1]} and the GRU's {@code [h 1]} buffers), from an offset, replacing and accumulating ({@code beta} 1), and
 * several shapes in turn on one instance; and the route as documented.
 */
class SweepProductTest {

    @BeforeEach
    void requireOneDnn() {
        System.clearProperty(OneDnn.PROPERTY);
        assumeTrue(OneDnn.usable(), "oneDNN does not load on this machine: " + OneDnn.describe());
    }

    @AfterEach
    void restore() {
        System.clearProperty(OneDnn.PROPERTY);
    }

    /**
     * {@code C = op(A) B (+ C)}, A {@code [rows x lda]} (its first {@code m} or {@code k} columns used), B
     * {@code [k x ldb]}, C {@code [m x ldc]}, all from element {@code offset} of larger buffers.
     */
    @ParameterizedTest(name = "transA {0}, m {1}, n {2}, k {3}, lda {4}, ldb {5}, ldc {6}, beta {7}")
    @CsvSource({
        "true, 10, 256, 4096, 10, 256, 256, 0",     // [dW; db] = [X 1]ᵀ Z: LSTM of 64 units, 9 inputs
        "true, 256, 10, 4096, 256, 10, 10, 0",      // its transpose Zᵀ [X 1] (the form before 7b78f81)
        "true, 256, 64, 4032, 256, 64, 64, 0",      // dRWᵀ = Zᵀ H
        "true, 256, 64, 64, 256, 64, 64, 1",        // dRWᵀ += Zᵀ h0 (a carried state)
        "true, 192, 65, 4096, 192, 65, 65, 0",      // the GRU's dRWᵀ over [h 1] rows
        "false, 4096, 9, 256, 256, 10, 10, 0",      // dX = Z Wᵀ into the first 9 columns of [X 1]
        "false, 1000, 7, 300, 301, 8, 9, 1"})       // odd sizes, wider rows than used, accumulating
    void equalsOpenBlas(boolean transA, int m, int n, int k, int lda, int ldb, int ldc, int beta) {
        Nd4j.getRandom().setSeed(11);
        int offset = 37;
        int aRows = transA ? k : m;
        INDArray a = Nd4j.rand(DataType.FLOAT, 1, offset + (long) aRows * lda).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 1, offset + (long) k * ldb).subi(0.5);
        INDArray c0 = Nd4j.rand(DataType.FLOAT, 1, offset + (long) m * ldc);
        INDArray byOneDnn = c0.dup();
        INDArray byBlas = c0.dup();
        long before = SweepProduct.byOneDnnCount();
        new SweepProduct().multiply(transA, false, m, n, k, HostArray.of(a).matrix(offset, lda), HostArray.of(b).matrix(offset, ldb),
                beta, HostArray.of(byOneDnn).matrix(offset, ldc));
        assertThat(SweepProduct.byOneDnnCount() - before).as("through oneDNN").isEqualTo(1);
        HostArray.gemm(transA, false, m, n, k, 1, HostArray.of(a).matrix(offset, lda), HostArray.of(b).matrix(offset, ldb),
                beta, HostArray.of(byBlas).matrix(offset, ldc));
        assertThat(maxRelative(byOneDnn, byBlas)).isLessThan(1e-5);
        // the elements outside C's m x n block (the offset, the columns past n) are left as they were
        for (long i = 0; i < offset; i++) {
            assertThat(byOneDnn.getFloat(0, i)).isEqualTo(c0.getFloat(0, i));
        }
        for (long r = 0; r < m; r++) {
            for (long j = n; j < ldc; j++) {
                assertThat(byOneDnn.getFloat(0, offset + r * ldc + j)).as("row %d column %d", r, j).isEqualTo(c0.getFloat(0, offset + r * ldc + j));
            }
        }
        if (beta == 0) {
            assertThat(maxRelative(byOneDnn, c0)).as("replaced, not added to").isGreaterThan(1e-2);
        }
    }

    @Test
    void oneInstanceServesSeveralShapesInTurn() {
        SweepProduct product = new SweepProduct();
        for (int rows : new int[] {2048, 1024, 2048, 640, 4096}) { // e.g. padded text batches of different lengths
            INDArray z = Nd4j.rand(DataType.FLOAT, rows, 256).subi(0.5);
            INDArray h = Nd4j.rand(DataType.FLOAT, rows, 64).subi(0.5);
            INDArray c = Nd4j.zeros(DataType.FLOAT, 256, 64);
            product.multiply(true, false, 256, 64, rows, HostArray.of(z).matrix(0, 256), HostArray.of(h).matrix(0, 64), 0,
                    HostArray.of(c).matrix(0, 64));
            assertThat(maxRelative(c, z.transpose().mmul(h))).as("rows %d", rows).isLessThan(1e-5);
        }
    }

    @Test
    void doubleSmallProductsAndSwitchedOffStayOnOpenBlas() {
        assertRoute(DataType.DOUBLE, 256, 64, 4096, false);
        assertRoute(DataType.FLOAT, 32, 16, 1024, false);   // 2^19 multiply-adds: below SweepProduct.MIN_MULTIPLY_ADDS
        assertRoute(DataType.FLOAT, 256, 64, 4096, true);
        System.setProperty(OneDnn.PROPERTY, "off");
        assertRoute(DataType.FLOAT, 256, 64, 4096, false);
    }

    private static void assertRoute(DataType type, int m, int n, int k, boolean oneDnn) {
        INDArray a = Nd4j.rand(type, k, m);
        INDArray b = Nd4j.rand(type, k, n);
        INDArray c = Nd4j.zeros(type, m, n);
        long before = SweepProduct.byOneDnnCount();
        new SweepProduct().multiply(true, false, m, n, k, HostArray.of(a).matrix(0, m), HostArray.of(b).matrix(0, n), 0,
                HostArray.of(c).matrix(0, n));
        assertThat(SweepProduct.byOneDnnCount() - before).as("%s [%d x %d] x [%d x %d]", type, m, k, k, n).isEqualTo(oneDnn ? 1 : 0);
        assertThat(maxRelative(c, a.transpose().mmul(b))).isLessThan(type == DataType.DOUBLE ? 1e-12 : 1e-5);
    }

    /** max |a - b| / max(max |b|, tiny): the largest difference relative to the array's scale. */
    private static double maxRelative(INDArray a, INDArray b) {
        double scale = Math.max(b.amaxNumber().doubleValue(), 1e-30);
        return a.sub(b).amaxNumber().doubleValue() / scale;
    }
}
