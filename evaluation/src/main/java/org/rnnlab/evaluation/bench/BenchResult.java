package org.rnnlab.evaluation.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Throughput of one architecture, with the same keys as the PyTorch peer's JSON lines so the two can
 * be compared line by line.
 *
 * @param impl               what ran, e.g. {@code rnnlab-0.1.0/dl4j-1.0.0-M2.1/rnnlab} (last part: whose
 *                           recurrent layer, rnnlab's kernel or DL4J's)
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
 * @param peakRssMb          peak resident memory of the process so far, MiB
 * @param parameters         trainable parameters of the network
 */
public record BenchResult(String impl, String cell, int threads, int batch, int steps, int features, int hidden,
                          int layers, int classes,
                          @JsonProperty("samples_per_s") double samplesPerS,
                          List<Double> runs,
                          @JsonProperty("gflop_per_s") double gflopPerS,
                          @JsonProperty("inference_samples_per_s") double inferenceSamplesPerS,
                          @JsonProperty("peak_rss_mb") long peakRssMb,
                          long parameters) {
}
