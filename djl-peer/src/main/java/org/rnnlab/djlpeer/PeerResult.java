package org.rnnlab.djlpeer;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One measured cell: bench/peer_pytorch.py's JSON keys, plus the inference rate (as rnnlab's BenchResult
 * has it) and the process's peak resident memory.
 *
 * @param peer                 what ran, {@code djl-0.36.0/libtorch-2.7.1}
 * @param cell                 the cell's name
 * @param threads              libtorch intra-op threads
 * @param shape                the measured shape
 * @param samplesPerS          training samples/s, median of the repeats
 * @param runs                 training samples/s of each repeat
 * @param gflopPerS            recurrent matrix-product GFLOP/s at that rate (the peer script's formula)
 * @param inferenceSamplesPerS forward-only samples/s (no gradient), median of the repeats
 * @param peakRssKib           the process's peak resident memory (VmHWM) when measured, KiB (0 if unknown)
 */
public record PeerResult(String peer, String cell, int threads, PeerShape shape, double samplesPerS, List<Double> runs,
                         double gflopPerS, double inferenceSamplesPerS, long peakRssKib) {

    public PeerResult {
        runs = List.copyOf(runs);
    }

    /** The same result with another peak memory. */
    public PeerResult withPeakRssKib(long kib) {
        return new PeerResult(peer, cell, threads, shape, samplesPerS, runs, gflopPerS, inferenceSamplesPerS, kib);
    }

    /** One JSON object on one line, keys in the peer script's order, then inference_samples_per_s and peak_rss_kib. */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"peer\": \"%s\", \"cell\": \"%s\", \"threads\": %d, \"batch\": %d, \"steps\": %d, "
                        + "\"features\": %d, \"hidden\": %d, \"layers\": %d, \"classes\": %d, \"samples_per_s\": %s, "
                        + "\"runs\": [%s], \"gflop_per_s\": %s, \"inference_samples_per_s\": %s, \"peak_rss_kib\": %d}",
                peer, cell, threads, shape.batch(), shape.steps(), shape.features(), shape.hidden(), shape.layers(),
                shape.classes(), number(samplesPerS), runs.stream().map(PeerResult::number).collect(Collectors.joining(", ")),
                number(gflopPerS), number(inferenceSamplesPerS), peakRssKib);
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
