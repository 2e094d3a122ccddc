package org.rnnlab.evaluation.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says when a measurement's numbers cannot be trusted, at the moment they are printed: a bench under a 1-minute load
 * of 5-11 on 2 cores gave two threads 1.04-1.15x one instead of the documented 1.76-1.89x, with repeats 2.4x apart
 * inside one process, and nothing in its output said so (docs/RESULTS.md says that ratios fall with neighbours; the
 * tool said nothing). Two signs: the 1-minute load average above the processors the JVM has (other processes then
 * share the cores), and repeats (or rounds) of the same work more than {@link #MAX_SPREAD} apart.
 */
public final class NoiseWarning {

    /** Largest max/min of the repeats of one measurement taken as steady. */
    public static final double MAX_SPREAD = 1.5;

    private NoiseWarning() {
    }

    /**
     * Values of one measurement's repeats (or rounds).
     *
     * @param name   what they are, e.g. {@code training} ("its repeats" in the message when empty)
     * @param values the values; non-finite ones are skipped
     */
    public record Series(String name, List<Double> values) {
        public Series {
            values = values.stream().filter(v -> v != null && Double.isFinite(v)).toList();
        }
    }

    /**
     * The warning for one measurement, or empty when neither sign is there.
     *
     * @param what       what was measured, e.g. {@code lstm}
     * @param unit       the values' unit, e.g. {@code samples/s}
     * @param loadStart  1-minute load average before (NaN or null if unknown)
     * @param loadEnd    1-minute load average after (NaN or null if unknown)
     * @param processors processors the JVM has
     * @param series     the repeats of each rate measured
     */
    public static Optional<String> check(String what, String unit, Double loadStart, Double loadEnd, int processors,
                                         Series... series) {
        List<String> signs = new ArrayList<>();
        for (Series s : series) {
            double min = s.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = s.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            if (min > 0 && max / min > MAX_SPREAD) {
                signs.add(String.format(Locale.ROOT, "%s range %.1f-%.1f %s (max/min %.2f, above %.1f)",
                        s.name().isEmpty() ? "its repeats" : "the " + s.name(), min, max, unit, max / min, MAX_SPREAD));
            }
        }
        double start = loadStart == null ? Double.NaN : loadStart;
        double end = loadEnd == null ? Double.NaN : loadEnd;
        if (Math.max(Double.isNaN(start) ? Double.NEGATIVE_INFINITY : start, Double.isNaN(end) ? Double.NEGATIVE_INFINITY : end)
                > processors) {
            signs.add(String.format(Locale.ROOT, "the 1-minute load was %.2f->%.2f on %d processor(s): other processes shared "
                    + "the cores", start, end, processors));
        }
        if (signs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("rnnlab: warning: " + what + ": " + String.join(", ", signs) + "; these numbers are unreliable: "
                + "measure again when the machine is quiet (load below its processors)");
    }
}
