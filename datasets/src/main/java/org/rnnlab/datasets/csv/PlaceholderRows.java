package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Time steps written as 0 in every feature inside sequences that hold other values: placeholder rows for steps without a
 * reading. A radar's firmware writes a frame with no detection as a row of zeros (range 0 m, azimuth 0°, signal power 0 dB,
 * 0 points), which the model then reads as a real target at 0 m; a trial's 2759 such rows (6%, in 646 of 768 gesture
 * recordings) were named only by {@link ClippedRuns} as "a detector or ADC ceiling" on signal power (its largest value was
 * the placeholder's 0 dB), with the advice to leave 65 recordings out. {@code --set naValues=0} does not fit them: it would
 * blank every 0, the real ones too (an azimuth of 0°, a count of 0).
 *
 * <p>The rule: two features or more; steps where every feature is exactly 0, not counting sequences that are 0 throughout
 * (a sequence of its own kind) nor the rows of zeros at a sequence's ends only (padding, which the padding warning names);
 * at least {@value #MIN_SEQUENCES} sequences and {@value #MIN_SHARE_PERCENT}% of them hold such a step between two steps
 * with values; and at least one feature is 0 nowhere else, so that 0 is not one of its readings (rain and runoff on a dry
 * hour are both 0 on dry hours as on others).
 */
public final class PlaceholderRows {

    /** Sequences with a placeholder row inside that a warning needs. */
    static final int MIN_SEQUENCES = 3;
    /** The share of the sequences, in percent, that must hold one. */
    static final int MIN_SHARE_PERCENT = 5;

    private PlaceholderRows() {
    }

    /**
     * What was found.
     *
     * @param steps      the steps of 0 in every feature (inside sequences with other values)
     * @param sequences  the sequences holding one or more
     * @param judged     the sequences judged
     * @param allSteps   the steps of the sequences judged
     * @param markers    the features that are 0 in no other step (0 is not one of their readings)
     * @param examples   e.g. {@code 'r12' (step 5)}
     */
    public record Found(long steps, int sequences, int judged, long allSteps, List<String> markers, List<String> examples) {

        /**
         * The warning's text, after {@code csv FILE: }: what they look like, what the model makes of them and how to mark
         * them missing.
         *
         * @param features the feature names
         * @param reads    how the model uses them, e.g. {@code the model learns them as readings of 0}
         */
        public String describe(List<String> features, String reads) {
            String f = features.stream().map(n -> "'" + n.replace("'", "\\'") + "'").reduce((a, b) -> a + ", " + b).orElse("");
            return String.format(Locale.ROOT, "%d time step(s) (%s of %d) in %d of the %d sequences hold exactly 0 in every "
                            + "feature (e.g. %s), and %s %s 0 in no other step: placeholder rows for steps without a reading "
                            + "(empty frames written as zeros)? %s, not as missing, and they are no detector's ceiling; mark them "
                            + "missing: blank their feature cells, e.g. pandas df.loc[(df[F] == 0).all(axis=1), F] = float('nan') "
                            + "with F = [%s], then --missing drop-steps removes those steps (ffill or interpolate fill them), or "
                            + "drop those rows before training (--set naValues=0 does not fit: it blanks every 0, the real ones too)",
                    steps, percent(steps, allSteps), allSteps, sequences, judged, String.join(", ", examples),
                    String.join(", ", markers.stream().map(m -> "'" + m + "'").toList()), markers.size() == 1 ? "is" : "are", reads, f);
        }
    }

    /** Whether every value of the step is exactly 0 (a step of two features or more; NaN is not 0). */
    public static boolean allZero(float[] step) {
        if (step.length < 2) {
            return false;
        }
        for (float v : step) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The placeholder rows of {@code sequences} ({@code [time][feature]}, values as written), or null when the rule above
     * does not hold.
     *
     * @param shown at most this many examples
     */
    public static Found find(List<float[][]> sequences, List<String> ids, List<String> features, int shown) {
        int n = features.size();
        if (n < 2) {
            return null;
        }
        boolean[] zeroElsewhere = new boolean[n];
        long steps = 0;
        long allSteps = 0;
        int holding = 0;
        int judged = 0;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            float[][] q = sequences.get(i);
            int first = 0;
            while (first < q.length && allZero(q[first])) {
                first++;
            }
            if (first == q.length) {
                continue; // empty, or 0 throughout
            }
            int last = q.length - 1;
            while (allZero(q[last])) {
                last--;
            }
            judged++;
            allSteps += q.length;
            int inside = 0;
            for (int t = 0; t < q.length; t++) {
                if (allZero(q[t])) {
                    if (t > first && t < last) {
                        inside++;
                        if (inside == 1 && examples.size() < shown) {
                            examples.add("'" + ids.get(i) + "' (step " + t + ")");
                        }
                    }
                    continue;
                }
                for (int f = 0; f < n && f < q[t].length; f++) {
                    zeroElsewhere[f] |= q[t][f] == 0f;
                }
            }
            if (inside > 0) {
                holding++;
                for (float[] step : q) {
                    steps += allZero(step) ? 1 : 0;
                }
            }
        }
        List<String> markers = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            if (!zeroElsewhere[f]) {
                markers.add(features.get(f));
            }
        }
        if (holding < MIN_SEQUENCES || holding * 100L < (long) MIN_SHARE_PERCENT * judged || markers.isEmpty()) {
            return null;
        }
        return new Found(steps, holding, judged, allSteps, markers, examples);
    }

    /**
     * The sequence without its steps of 0 in every feature (the same array when it has none): what {@link ClippedRuns}
     * judges, so that a placeholder's 0 is never taken for a feature's ceiling.
     */
    public static float[][] without(float[][] q) {
        int kept = 0;
        for (float[] step : q) {
            kept += allZero(step) ? 0 : 1;
        }
        if (kept == q.length) {
            return q;
        }
        float[][] out = new float[kept][];
        int k = 0;
        for (float[] step : q) {
            if (!allZero(step)) {
                out[k++] = step;
            }
        }
        return out;
    }

    private static String percent(long part, long whole) {
        double p = 100.0 * part / Math.max(1, whole);
        return p >= 1 ? String.format(Locale.ROOT, "%.0f%%", p) : String.format(Locale.ROOT, "%.1f%%", p);
    }
}
