package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sequences in which a feature holds one value over every step while it varies within most other sequences: a flat
 * line, an electrode off, a dead sensor. A model reads such a sequence as any other and predicts something plausible (a
 * trial: all-zero ECG segments were classed "normal" without a word in predict, and 20 of them in training were called
 * copies of each other under two labels). Only features of {@value #MIN_DISTINCT} or more distinct values are judged: one of
 * a few values (flags, states) holds one value over a sequence by nature.
 *
 * <p>Nor is a feature judged at a value it holds on more than half of all its steps (its baseline: a quiz score, 0 on every
 * event but a quiz; an amount, 0 on most days): a sequence all at that value is expected there, not a dead sensor (a trial's
 * enrolments without a quiz were called flat lines at {@code score = 0}). Half is out of reach of flat sequences alone: a
 * feature is judged only where at most a quarter of the sequences are flat, so a value on more than half of the steps is
 * held mostly by sequences in which the feature varies, as a baseline is and a dead lead's 0 or a stuck sensor's 41.3 is
 * not. A sequence flat at another value (a score stuck at 73) is still named. After each sequence's own scaling a value no
 * longer says which it was; the baseline is then a value held on more than half of its sequence's steps, for more than half
 * of all the steps, and the feature's flat sequences are not judged.
 *
 * <p>Nor is a sequence named whose feature is held at the feature's minimum or maximum over the sequences in which it
 * varies (within {@value #AT_LIMIT} of that range): a limit the feature reaches in normal operation, which it can hold for
 * a whole sequence by physics (a wind-turbine trial: a day at rated rotor speed, 14.8 rpm, the training maximum, and a calm
 * day at 0 kW, the minimum, were called "a dead sensor?" on every run). These are left out rather than noted: the data
 * reach that value elsewhere, so the model has seen it, and a note on every run of such data would ask nothing of the user.
 * A value beyond that range (a stuck sensor's 41.3 among 36-38) or inside it (a dead lead's 0 in a signal about 0) is still
 * named. The range is that of the data judged (training's in training; in predict the new data's own, as the model card
 * keeps no feature range); after each sequence's own scaling there is no value to judge, and this does not apply.
 */
public final class FlatSequences {

    /** Steps a sequence needs for one value throughout to say something. */
    static final int MIN_STEPS = 10;
    /** Distinct values a feature needs over the sequences judged to be a signal that can go flat. */
    static final int MIN_DISTINCT = 20;
    /** How near, as a share of the range of a feature's varying sequences, a flat value must be to an end of it to be held at a limit. */
    static final double AT_LIMIT = 0.001;

    private FlatSequences() {
    }

    /**
     * The sequences of {@code sequences} with a flat feature, as {@code 'id' (lead1 = 0 over 500 steps)}, at most
     * {@code shown} of them named, with the count first; empty when there are none or fewer than 3 sequences of
     * {@value #MIN_STEPS} steps or more to judge by.
     *
     * @param ids      each sequence's name
     * @param features the feature names
     */
    public static Found find(List<float[][]> sequences, List<String> ids, List<String> features, int shown) {
        return find(sequences, ids, features, shown, true);
    }

    /**
     * As {@link #find(List, List, List, int)}; with {@code withValues} false a flat feature is described as {@code lead1
     * constant} without its value: for values after each sequence's own scaling, whose 0 is not the file's value (a trial's
     * {@code mag_err = 0} of a file that held 0.015 throughout).
     */
    public static Found find(List<float[][]> sequences, List<String> ids, List<String> features, int shown, boolean withValues) {
        return find(sequences, ids, features, shown, withValues, (q, f) -> false);
    }

    /**
     * As {@link #find(List, List, List, int, boolean)}, not naming feature {@code f} of sequence {@code q} where {@code
     * filled.test(q, f)}: a feature written whole by a fill ({@code --set emptyFeature}), constant by that fill.
     */
    public static Found find(List<float[][]> sequences, List<String> ids, List<String> features, int shown, boolean withValues,
                             java.util.function.BiPredicate<float[][], Integer> filled) {
        int judged = 0;
        int[] varying = new int[features.size()]; // sequences in which each feature varies
        float[] low = new float[features.size()]; // each feature's range over the sequences in which it varies
        float[] high = new float[features.size()];
        java.util.Arrays.fill(low, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(high, Float.NEGATIVE_INFINITY);
        List<java.util.Set<Float>> values = new ArrayList<>(); // each feature's distinct values, up to MIN_DISTINCT
        for (int f = 0; f < features.size(); f++) {
            values.add(new java.util.HashSet<>());
        }
        for (float[][] q : sequences) {
            if (q.length < MIN_STEPS) {
                continue;
            }
            judged++;
            for (int f = 0; f < features.size(); f++) {
                if (!constant(q, f)) {
                    varying[f]++;
                    for (float[] step : q) {
                        if (!Float.isNaN(step[f])) {
                            low[f] = Math.min(low[f], step[f]);
                            high[f] = Math.max(high[f], step[f]);
                        }
                    }
                }
                for (int t = 0; t < q.length && values.get(f).size() < MIN_DISTINCT; t++) {
                    values.get(f).add(q[t][f]);
                }
            }
        }
        List<String> named = new ArrayList<>();
        int count = 0;
        if (judged < 3) {
            return new Found(0, List.of());
        }
        // each feature's baseline (see the class comment): its value, or, after each sequence's own scaling, any value
        Float[] baseline = new Float[features.size()];
        boolean[] anyBaseline = new boolean[features.size()];
        for (int f = 0; f < features.size(); f++) {
            if (withValues) {
                baseline[f] = majority(sequences, f);
            } else {
                anyBaseline[f] = ownMajorities(sequences, f);
            }
        }
        for (int i = 0; i < sequences.size(); i++) {
            float[][] q = sequences.get(i);
            if (q.length < MIN_STEPS) {
                continue;
            }
            List<String> flat = new ArrayList<>();
            for (int f = 0; f < features.size(); f++) {
                // a feature that varies within three quarters or more of the sequences (a per-sequence setting varies in none)
                // and takes many values (a signal): a feature of a few values (flags, states, counts) is constant over some
                // sequences by nature (a trial's TCP flags of every UDP flow were called a dead sensor)
                // nor at a value held on most of the feature's steps (a baseline: a trial's score = 0 of enrolments without
                // a quiz)
                if (varying[f] * 4 >= judged * 3 && values.get(f).size() >= MIN_DISTINCT && constant(q, f)
                        && !anyBaseline[f] && !(baseline[f] != null && Float.compare(q[0][f], baseline[f]) == 0)
                        && !(withValues && atLimit(q[0][f], low[f], high[f])) && !filled.test(q, f)) {
                    flat.add(withValues ? String.format(Locale.ROOT, "%s = %s", features.get(f), number(q[0][f]))
                            : features.get(f) + " constant");
                }
            }
            if (!flat.isEmpty()) {
                count++;
                if (named.size() < shown) {
                    named.add("'" + ids.get(i) + "' (" + String.join(", ", flat) + " over " + q.length + " steps)");
                }
            }
        }
        return new Found(count, named);
    }

    /**
     * What {@link #find} found.
     *
     * @param count the sequences with a flat feature
     * @param named the first of them, described
     */
    public record Found(int count, List<String> named) {
    }

    /**
     * The value feature {@code f} holds on more than half of the steps of the sequences judged ({@value #MIN_STEPS} steps or
     * more), or null (a majority vote: one pass for the candidate, one to count it).
     */
    private static Float majority(List<float[][]> sequences, int f) {
        float candidate = Float.NaN;
        long votes = 0;
        for (float[][] q : sequences) {
            if (q.length >= MIN_STEPS) {
                for (float[] step : q) {
                    if (votes == 0) {
                        candidate = step[f];
                        votes = 1;
                    } else {
                        votes += Float.compare(step[f], candidate) == 0 ? 1 : -1;
                    }
                }
            }
        }
        long held = 0;
        long steps = 0;
        for (float[][] q : sequences) {
            if (q.length >= MIN_STEPS) {
                steps += q.length;
                for (float[] step : q) {
                    held += Float.compare(step[f], candidate) == 0 ? 1 : 0;
                }
            }
        }
        return held * 2 > steps ? candidate : null;
    }

    /**
     * Whether the steps at each sequence's own majority value of feature {@code f} (a value on more than half of its steps)
     * are more than half of all the steps of the sequences judged: a baseline, whatever each sequence's scaling made of it.
     */
    private static boolean ownMajorities(List<float[][]> sequences, int f) {
        long held = 0;
        long steps = 0;
        for (float[][] q : sequences) {
            if (q.length < MIN_STEPS) {
                continue;
            }
            steps += q.length;
            Float own = majority(List.<float[][]>of(q), f);
            if (own != null) {
                for (float[] step : q) {
                    held += Float.compare(step[f], own) == 0 ? 1 : 0;
                }
            }
        }
        return held * 2 > steps;
    }

    /** Whether {@code v} is at {@code low} or {@code high} (a feature's range where it varies), within {@value #AT_LIMIT} of it. */
    private static boolean atLimit(float v, float low, float high) {
        if (!(high > low)) {
            return false;
        }
        double near = AT_LIMIT * ((double) high - low);
        return Math.abs((double) v - low) <= near || Math.abs((double) v - high) <= near;
    }

    private static boolean constant(float[][] q, int f) {
        for (float[] step : q) {
            if (Float.compare(step[f], q[0][f]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static String number(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Float.toString(v);
    }
}
