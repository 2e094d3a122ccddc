package org.rnnlab.evaluation.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Single-precision matrix-product rate of one shape, {@code C[m x n] = A[m x k] B[k x n]}, through OpenBLAS's
 * {@code cblas_sgemm} (row-major, no transposes) and through the route rnnlab's recurrent kernels take for it.
 *
 * @param shape      what the shape stands for, e.g. {@code square 512} or {@code lstm step b64 h256}
 * @param m          rows of A and C
 * @param n          columns of B and C
 * @param k          columns of A, rows of B
 * @param threads    BLAS threads ({@code --threads})
 * @param flops      floating-point operations of one product, {@code 2 m n k}
 * @param iterations products per timed repeat
 * @param gflopPerS  GFLOP/s, median of the repeats
 * @param runs       GFLOP/s of each repeat
 * @param kernelRoute what computes this shape in rnnlab's kernels' per-step products: {@code oneDNN matmul} (B kept
 *                    in its blocked layout) or {@code OpenBLAS} (small shapes, {@code -Drnnlab.onednn=off}), with
 *                    {@code (N wide)} where the product is computed N columns wide (zero columns appended, {@code
 *                    StepProduct.paddedWidth}): by the LSTM kernel straight into its wider rows (its step shapes), else
 *                    into StepProduct's own output, whose first columns a oneDNN reorder copies out (timed too)
 * @param kernelGflopPerS GFLOP/s through that route on one thread, median of the repeats (the shape's own FLOPs)
 * @param kernelRuns  GFLOP/s of each repeat through that route
 * @param backend     the ND4J backend and what computes the layers, as train's provenance.json records it
 */
public record GemmResult(String shape, int m, int n, int k, int threads, long flops, int iterations,
                         @JsonProperty("gflop_per_s") double gflopPerS,
                         List<Double> runs,
                         @JsonProperty("kernel_route") String kernelRoute,
                         @JsonProperty("kernel_gflop_per_s") double kernelGflopPerS,
                         @JsonProperty("kernel_runs") List<Double> kernelRuns,
                         String backend) {

    public GemmResult {
        runs = List.copyOf(runs);
        kernelRuns = List.copyOf(kernelRuns);
    }
}
