package org.rnnlab.evaluation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GemmBenchmark computes the product it times and counts 2 m n k FLOPs per product; no timing is asserted. */
class GemmBenchmarkTest {

    /** {@code length} values in [-0.5, 0.5). */
    private static float[] uniform(Random r, int length) {
        float[] x = new float[length];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() - 0.5f;
        }
        return x;
    }

    /** C = A B (row-major) at every {@code step}-th row and column, against the product in double precision. */
    private static void assertProduct(float[] a, float[] b, float[] c, int m, int n, int k, int rowStep, int columnStep) {
        assertEquals(m * n, c.length);
        for (int i = 0; i < m; i += rowStep) {
            for (int j = 0; j < n; j += columnStep) {
                double expected = 0;
                for (int p = 0; p < k; p++) {
                    expected += (double) a[i * k + p] * b[p * n + j];
                }
                assertEquals(expected, c[i * n + j], 1e-4, "C[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void theTimedCallComputesTheProduct() {
        int m = 7;
        int n = 13;
        int k = 37;
        Random r = new Random(5);
        float[] a = uniform(r, m * k);
        float[] b = uniform(r, k * n);
        assertProduct(a, b, GemmBenchmark.multiply(a, b, m, n, k), m, n, k, 1, 1);
    }

    @Test
    void theKernelRouteComputesTheProduct() {
        // [64 x 128] x [128 x 512]: large enough for oneDNN's matmul (StepProduct.MIN_WEIGHTS, MIN_MULTIPLY_ADDS)
        int m = 64;
        int n = 512;
        int k = 128;
        Random r = new Random(6);
        float[] a = uniform(r, m * k);
        float[] b = uniform(r, k * n);
        assertProduct(a, b, GemmBenchmark.multiplyByKernelRoute(a, b, m, n, k), m, n, k, 7, 11);
        GemmResult timed = GemmBenchmark.measure(new GemmBenchmark.Shape("step", m, n, k), 1, 1);
        assertTrue(timed.kernelRoute().startsWith("oneDNN matmul"), timed.kernelRoute()); // "(528 wide)" below AVX-512
        assertEquals(1, timed.kernelRuns().size());
        assertTrue(timed.kernelGflopPerS() > 0);
        // a product below the kernels' thresholds stays on OpenBLAS, as in the kernels
        assertEquals("OpenBLAS", GemmBenchmark.measure(new GemmBenchmark.Shape("small", 3, 5, 4), 1, 1).kernelRoute());
        // as an LSTM's step product, 512 columns are computed 528 wide (StepProduct.paddedWidth), and said
        System.setProperty("rnnlab.padRows", "on"); // padded on any machine (by default only below AVX-512)
        GemmResult lstm;
        try {
            lstm = GemmBenchmark.measure(new GemmBenchmark.Shape("lstm step", m, n, k, true), 1, 1);
        } finally {
            System.clearProperty("rnnlab.padRows");
        }
        assertEquals("oneDNN matmul (528 wide)", lstm.kernelRoute());
        assertEquals(GemmBenchmark.flops(m, n, k), lstm.flops());
    }

    @Test
    void flopsAreTwoMNK() {
        assertEquals(2L * 64 * 1024 * 256, GemmBenchmark.flops(64, 1024, 256));
        assertEquals(2L * 1024 * 1024 * 1024, GemmBenchmark.flops(1024, 1024, 1024));
        GemmResult r = GemmBenchmark.measure(new GemmBenchmark.Shape("small", 3, 5, 4), 2, 1);
        assertEquals(2L * 3 * 5 * 4, r.flops());
        assertEquals(2, r.runs().size());
        assertTrue(r.gflopPerS() > 0);
        assertTrue(r.iterations() >= 1);
    }

    @Test
    void defaultShapesHoldTheSquaresAndTheLstmStep() {
        List<GemmBenchmark.Shape> shapes = GemmBenchmark.defaultShapes(64, 128, 9, List.of(256));
        assertEquals(GemmBenchmark.SQUARE_SIZES.size() + 2, shapes.size());
        GemmBenchmark.Shape step = shapes.get(GemmBenchmark.SQUARE_SIZES.size());
        assertEquals(List.of(64, 1024, 256), List.of(step.m(), step.n(), step.k()));
    }
}
