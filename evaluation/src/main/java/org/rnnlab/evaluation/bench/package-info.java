/**
 * Throughput benchmarks: {@link org.rnnlab.evaluation.bench.TrainingBenchmark} measures training and
 * inference samples per second on the same work as the PyTorch peer script, for side-by-side ratios.
 */
package org.rnnlab.evaluation.bench;
