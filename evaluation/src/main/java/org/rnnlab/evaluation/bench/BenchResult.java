package org.rnnlab.evaluation.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Throughput of one architecture, with the same keys as the PyTorch peer's JSON lines so the two can
 * be compared line by line.
 *
 * @param impl               what ran, e.g. {@code rnnlab-0.1.0/dl4j-1.0.0-M2.1/rnnlab} (last part: whose
 *                           recurrent layer, rnnlab's kernel or DL4J's)
 * @param backend            the ND4J backend and what computes the layers, as train's provenance.json records it
 *                           ({@code Nd4jRuntime.backend()}: {@code CpuBackend (oneDNN ...)}, {@code CudaBackend}), so that a
 *                           GPU build's numbers say whether the GPU ran
 * @param cell               architecture name
 * @param threads            {@code --threads} (the kernels' threads)
 * @param batch              minibatch size
 * @param steps              sequence length
 * @param features           inputs per step
 * @param hidden             units per layer
 * @param layers             stacked layers
 * @param classes            classes
 * @param samplesPerS        training samples per second, median of the repeats
 * @param runs               samples per second of each repeat
 * @param gflopPerS          matrix-product GFLOP/s of the recurrent layers at that rate (peer's formula)
 * @param inferenceSamplesPerS inference (forward only) samples per second, median
 * @param inferenceRuns      inference samples per second of each repeat
 * @param peakRssMb          peak resident memory of the process so far, MiB
 * @param parameters         trainable parameters of the network
 * @param loadStart          1-minute load average before the cell's measurement (NaN, null in JSON, without /proc/loadavg)
 * @param loadEnd            1-minute load average after it
 */
public record BenchResult(String impl, String backend, String cell, int threads, int batch, int steps, int features, int hidden,
                          int layers, int classes,
                          @JsonProperty("samples_per_s") double samplesPerS,
                          List<Double> runs,
                          @JsonProperty("gflop_per_s") double gflopPerS,
                          @JsonProperty("inference_samples_per_s") double inferenceSamplesPerS,
                          @JsonProperty("inference_runs") List<Double> inferenceRuns,
                          @JsonProperty("peak_rss_mb") long peakRssMb,
                          long parameters,
                          @JsonProperty("load_1m_start") Double loadStart,
                          @JsonProperty("load_1m_end") Double loadEnd) {

    public BenchResult {
        runs = runs == null ? List.of() : List.copyOf(runs);
        inferenceRuns = inferenceRuns == null ? List.of() : List.copyOf(inferenceRuns);
    }

    /** This result with the 1-minute load averages before and after its measurement (null where unknown). */
    public BenchResult withLoad(double start, double end) {
        return new BenchResult(impl, backend, cell, threads, batch, steps, features, hidden, layers, classes, samplesPerS, runs,
                gflopPerS, inferenceSamplesPerS, inferenceRuns, peakRssMb, parameters, finite(start), finite(end));
    }

    /**
     * This result with its rates replaced by {@code samplesPerS} and {@code inferenceSamplesPerS} (the GFLOP/s scaled with
     * the training rate): {@code --vs-peer --json}'s {@code rnnlab} object for an even {@code --rounds}, whose median is
     * the mean of two rounds and so no round's own.
     */
    public BenchResult withRates(double samplesPerS, double inferenceSamplesPerS) {
        double gflop = this.samplesPerS > 0 ? Math.round(gflopPerS * samplesPerS / this.samplesPerS * 100) / 100.0 : gflopPerS;
        return new BenchResult(impl, backend, cell, threads, batch, steps, features, hidden, layers, classes,
                Math.round(samplesPerS * 10) / 10.0, runs, gflop, Math.round(inferenceSamplesPerS * 10) / 10.0, inferenceRuns,
                peakRssMb, parameters, loadStart, loadEnd);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null;
    }
}
