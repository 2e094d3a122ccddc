/**
 * Throughput benchmarks: {@link org.rnnlab.evaluation.bench.TrainingBenchmark} measures training and
 * inference samples per second on the same work as the PyTorch peer script, for side-by-side ratios;
 * {@link org.rnnlab.evaluation.bench.LatencyBenchmark} one-sequence inference latency and the memory held along the
 * calls ({@code bench --latency}), or one sample's step of a stream ({@code bench --latency --stream}); {@link org.rnnlab.evaluation.bench.GemmBenchmark} the machine's single-precision
 * GEMM rate through the kernels' own {@code cblas_sgemm} call ({@code bench --gemm}).
 */
package org.rnnlab.evaluation.bench;
