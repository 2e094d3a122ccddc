package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Training sequences in which a feature reads as a running total among sequences in which it goes up and down: a
 * cumulative meter reading (an energy register, an odometer) exported by one system among interval values from the
 * others. A smart-meter trial left 20 of 200 households as their kWh registers (8,000-60,000 and rising) among kW values
 * (about 0.5): test macro-F1 0.11, under always predicting the commonest class, and no warning named those households.
 *
 * <p>A feature is named when, in 3 or more sequences of 8 or more steps but no more than half of those judged, it runs up
 * like a running total, and the median magnitude of its values there is 10 times or more that of the other sequences: 3 or
 * more sequences in which it falls at some step (a sequence in which it stays flat, or only rises, is neither). It runs up
 * like a running total when it does not fall at 90% or more of its steps (a meter reset is one fall), rises at half of them
 * or more, and sits far above what the sequence itself adds: in a stretch of 4 or more values between falls, the smallest
 * value is 5 times or more the sum of the sequence's rises (an 8,000 kWh register adding 12 a day; not a day warming from 8
 * to 25 °C, nor an error counter climbing from 2 to 40). All conditions: a smooth signal may rise through a short sequence
 * (a warm-up), a counter may climb in one class only, and a class may hold larger values, but a running total among
 * interval values is all of these. Judged on the values as read, so not after a sequence's own scaling; a feature that
 * rises in every sequence is a time stamp's or counter's case, warned of elsewhere.
 */
public final class CumulativeSequences {

    /** Fewest steps of a sequence judged. */
    static final int MIN_STEPS = 8;

    /** Fewest sequences in which the feature falls at some step, to compare with. */
    static final int MIN_OTHERS = 3;

    /** A running total's smallest value is this many times or more what its sequence adds. */
    static final double LEVEL_OVER_RISE = 5;

    /** Fewest values of a stretch between falls judged for that. */
    static final int MIN_STRETCH = 4;

    private CumulativeSequences() {
    }

    /**
     * A feature found so.
     *
     * @param feature   its name
     * @param rising    the sequences in which it runs up
     * @param judged    the sequences judged (8 steps or more)
     * @param examples  up to 3 of their ids
     * @param groups    the groups they come from (empty without a group column)
     * @param level     the median magnitude of its values there
     * @param elsewhere the median magnitude in the other sequences
     */
    public record Found(String feature, int rising, int judged, List<String> examples, Set<String> groups, double level,
                        double elsewhere) {
    }

    /** The features of {@code train} ({@code featureNames} in the values' order) that run up in some sequences only. */
    public static List<Found> find(List<CsvSequence> train, List<String> featureNames) {
        List<Found> out = new ArrayList<>();
        for (int f = 0; f < featureNames.size(); f++) {
            List<CsvSequence> rising = new ArrayList<>();
            List<float[][]> others = new ArrayList<>();
            int judged = 0;
            for (CsvSequence s : train) {
                float[][] v = s.values();
                if (v.length < MIN_STEPS) {
                    continue;
                }
                judged++;
                if (runsUp(v, f) && farAboveItsRise(v, f)) {
                    rising.add(s);
                } else if (falls(v, f)) {
                    others.add(v);
                }
            }
            if (rising.size() < 3 || rising.size() * 2 > judged || others.size() < MIN_OTHERS) {
                continue;
            }
            double level = medianMagnitude(rising.stream().map(CsvSequence::values).toList(), f);
            double elsewhere = medianMagnitude(others, f);
            if (!(level >= 10 * elsewhere) || !(elsewhere > 0)) {
                continue;
            }
            Set<String> groups = new LinkedHashSet<>();
            for (CsvSequence s : rising) {
                if (s.group() != null) {
                    groups.add(s.group());
                }
            }
            out.add(new Found(featureNames.get(f), rising.size(), judged, rising.stream().limit(3).map(CsvSequence::id).toList(),
                    groups, level, elsewhere));
        }
        return out;
    }

    /** The warning for {@code found}, naming {@code idColumn} and the group column {@code group} (null: none). */
    public static String warning(Found found, String idColumn, String group) {
        List<String> shownGroups = found.groups().stream().limit(5).map(g -> "'" + g + "'").toList();
        return String.format(Locale.ROOT, "feature '%s' runs up like a running total in %d of the %d training sequences of %d steps or "
                        + "more (e.g. %s%s), at a median magnitude of %.4g there against %.4g in the others, where it goes up and "
                        + "down: a cumulative reading (an energy register, an odometer) among interval values? Take the differences "
                        + "within each sequence first (pandas: df['%s'] = df.groupby('%s')['%s'].diff()), or leave those sequences out",
                found.feature(), found.rising(), found.judged(), MIN_STEPS, String.join(", ", found.examples().stream()
                        .map(id -> "'" + id + "'").toList()), found.groups().isEmpty() ? "" : "; from " + found.groups().size()
                        + " group(s) of group column " + group + ": " + String.join(", ", shownGroups)
                        + (found.groups().size() > shownGroups.size() ? ", ..." : ""),
                found.level(), found.elsewhere(), found.feature(), idColumn, found.feature());
    }

    /**
     * Does not fall at 90% or more of its steps with two values (a meter reset is one fall) and rises at half of them or
     * more (a flat stretch does not run up).
     */
    private static boolean runsUp(float[][] v, int f) {
        int pairs = 0;
        int notDown = 0;
        int up = 0;
        float previous = Float.NaN;
        for (float[] step : v) {
            float x = step[f];
            if (Float.isNaN(x)) {
                continue;
            }
            if (!Float.isNaN(previous)) {
                pairs++;
                notDown += x >= previous ? 1 : 0;
                up += x > previous ? 1 : 0;
            }
            previous = x;
        }
        return pairs >= MIN_STEPS - 1 && notDown >= 0.9 * pairs && up * 2 >= pairs;
    }

    /** Falls at some step (NaN skipped). */
    private static boolean falls(float[][] v, int f) {
        float previous = Float.NaN;
        for (float[] step : v) {
            float x = step[f];
            if (Float.isNaN(x)) {
                continue;
            }
            if (x < previous) {
                return true;
            }
            previous = x;
        }
        return false;
    }

    /**
     * A stretch of {@link #MIN_STRETCH} or more values between falls (a meter reset starts a new one) whose smallest value
     * is {@link #LEVEL_OVER_RISE} times or more the sum of the sequence's rises: a register far above what it adds.
     */
    private static boolean farAboveItsRise(float[][] v, int f) {
        double added = 0;
        float previous = Float.NaN;
        for (float[] step : v) {
            float x = step[f];
            if (Float.isNaN(x)) {
                continue;
            }
            if (x > previous) {
                added += (double) x - previous;
            }
            previous = x;
        }
        if (!(added > 0)) {
            return false;
        }
        double smallest = Double.POSITIVE_INFINITY;
        int values = 0;
        previous = Float.NaN;
        for (float[] step : v) {
            float x = step[f];
            if (Float.isNaN(x)) {
                continue;
            }
            if (x < previous) {
                if (values >= MIN_STRETCH && smallest >= LEVEL_OVER_RISE * added) {
                    return true;
                }
                smallest = Double.POSITIVE_INFINITY;
                values = 0;
            }
            smallest = Math.min(smallest, x);
            values++;
            previous = x;
        }
        return values >= MIN_STRETCH && smallest >= LEVEL_OVER_RISE * added;
    }

    private static double medianMagnitude(List<float[][]> sequences, int f) {
        int n = 0;
        for (float[][] v : sequences) {
            for (float[] step : v) {
                n += Float.isNaN(step[f]) ? 0 : 1;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double[] all = new double[n];
        int i = 0;
        for (float[][] v : sequences) {
            for (float[] step : v) {
                if (!Float.isNaN(step[f])) {
                    all[i++] = Math.abs(step[f]);
                }
            }
        }
        Arrays.sort(all);
        return all[n / 2];
    }
}
