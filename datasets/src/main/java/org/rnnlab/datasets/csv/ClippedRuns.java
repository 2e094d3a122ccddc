package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sequences whose feature is clipped at a ceiling: held at one exact value, its largest, over a run of several consecutive
 * steps. A detector or an ADC cannot report more than its full scale (a spectrometer's 65535 counts, a 12-bit ADC's 4095, a
 * phone's accelerometer at 2 g): the values that would have been above it are all written as it, and the shape there (a
 * band's peak) is lost. A chemist's trial: 37 training spectra clipped at 65535 and a new batch of 150 all clipped were
 * read without a word. {@link FlatSequences} names a feature held at one value over a whole sequence and spares one held
 * at its limit for a whole sequence; this names a feature that varies within a sequence but is flat at its top.
 *
 * <p>The rule, per sequence of {@value FlatSequences#MIN_STEPS} steps or more in which the feature varies: its own largest
 * value is held over a run of {@value #MIN_RUN} or more consecutive steps, and on {@value #PILE_UP} times or more as many
 * steps as the sequence's next largest value (a pile-up at the top: a smooth peak of a continuous signal is reached once; a
 * quantised one, as whole degrees or beats per minute, spends about as many steps on the value below its top as on its
 * top). Only features of {@value FlatSequences#MIN_DISTINCT} or more distinct values (signals; a flag or a state holds its
 * largest value by nature; after each sequence's own scaling, that many in one sequence, as a 0/1 flag scaled per sequence
 * takes many values across sequences but two in each), and only when {@value #MIN_SEQUENCES} or more sequences are so clipped. With the values as
 * written the sequences must be clipped at one value, the feature's largest over all the sequences judged (a ceiling is
 * common to the recordings of one instrument), in new data too (predict and evaluate say it against the training data's
 * largest value, the model card's {@code trainingRange}: a new device of a smaller range clips below it); a top that is the feature's most common value, as written, is a scale's
 * maximum (a Glasgow coma score of 15), not a ceiling, unless it is an ADC's full scale. A feature held at its top in more than half of the sequences judged is not
 * named (a limit of normal operation, as a wind turbine's rated power on every windy day, which the model sees throughout),
 * unless that top is an ADC's full scale, 2^n - 1 (255, 4095, 65535). After each sequence's own scaling (sequenceScaling) values are no longer
 * as written: each sequence is judged at its own top alone. A sine, a random walk or noise never holds its top over three
 * steps; a calm day held at 0 kW (a minimum) is not judged. Steps of 0 in every feature are left out ({@link
 * PlaceholderRows}: a radar's empty frames written as zeros are no ceiling of its signal power).
 *
 * <p>The same rule finds a floor, on the values negated, where that floor is below 0 (a +-8 g accelerometer clips at -8 as
 * at +8; a quantity's own zero is no floor), and, with a group column, each group's own ceiling and floor where other groups
 * reach beyond them (one device of a smaller range among others: {@link #find(List, List, List, int, boolean, int)}).
 *
 * <p>A running count ({@link #counter}, {@link RunningCount}: whole numbers that never fall within any sequence, as a trip's stop count) is
 * not judged: it stays at its last value for the rest of a sequence by nature, and a group whose sequences happen to count
 * less has a lower top (a fleet trial's driver of fewer stops was told to leave out 2 good trips as clipped, trial 77c F1).
 */
public final class ClippedRuns {

    /** Consecutive steps at the top that make a run. */
    public static final int MIN_RUN = 3;
    /** How many times the steps at the next largest value a sequence's top must be held on. */
    static final int PILE_UP = 3;
    /** Clipped sequences a feature needs to be named. */
    static final int MIN_SEQUENCES = 2;

    private ClippedRuns() {
    }

    /**
     * What was found for one feature.
     *
     * @param feature   the feature's index
     * @param value     the value the runs are held at (the ceiling, or the floor), NaN when each sequence was judged at its
     *                  own top
     * @param count     the sequences so clipped
     * @param longest   the longest run, in steps
     * @param named     the first of those sequences' ids
     * @param bottom    whether the runs are at the smallest value (a floor), not the largest
     * @param group     the group (a value of the group column) whose own extreme this is, null for the whole file
     * @param judged    the sequences judged: the group's, or the file's
     * @param beyond    for a group, the value the other groups' sequences reach beyond it (their largest, or smallest)
     */
    public record Found(int feature, float value, int count, int longest, List<String> named, boolean bottom, String group,
                        int judged, float beyond) {

        /**
         * E.g. {@code feature 'I': 34 of 1574 sequences hold runs of >= 3 steps at exactly its largest value 65535 (up to 19
         * steps; e.g. '20', '80'): a detector or ADC ceiling? clipped values carry no shape there}.
         *
         * @param features  the feature names
         * @param sequences the number of sequences judged
         * @param above     said after the value (e.g. {@code ", at or above the training data's largest, 65535"}), or null
         */
        public String describe(List<String> features, int sequences, String above) {
            return describe(features, sequences, above, null);
        }

        /**
         * As {@link #describe(List, int, String)}; a group's own extreme named with its column {@code groupColumn} (e.g.
         * {@code feature 'acc_y': 2 of the 40 sequences of participant 'P07' hold runs of >= 3 steps at exactly its largest
         * value there, 8, where sequences of other participant values reach 18.2 (...)}).
         */
        public String describe(List<String> features, int sequences, String above, String groupColumn) {
            String side = bottom ? "smallest" : "largest";
            String at;
            if (group != null) {
                String column = groupColumn == null ? "group" : groupColumn;
                at = String.format(Locale.ROOT, "at exactly its %s value there, %s, where sequences of other %s values reach %s",
                        side, number(value), column, number(beyond));
            } else {
                at = Float.isNaN(value) ? "at exactly their own " + side + " value (judged after each sequence's own scaling)"
                        : "at exactly its " + side + " value " + number(value) + (above == null ? "" : above);
            }
            String what = group != null ? "one device's (or subject's) " + (bottom ? "floor" : "ceiling") + " among others of a "
                    + "wider range, as a +-8 g sensor among +-16 g ones?" : bottom ? "a detector or ADC floor (a +-range sensor "
                    + "clips at both ends)?" : "a detector or ADC ceiling?";
            return String.format(Locale.ROOT, "feature '%s': %d of %s%d sequences%s hold runs of >= %d steps %s (up to %d steps; e.g. "
                            + "%s): %s clipped values carry no shape there", features.get(feature), count, group != null ? "the " : "",
                    group != null ? judged : sequences, group != null ? " of " + (groupColumn == null ? "group" : groupColumn) + " '"
                            + group + "'" : "", MIN_RUN, at, longest, String.join(", ", named.stream().map(n -> "'" + n + "'").toList()),
                    what);
        }
    }

    /**
     * The features clipped in {@code sequences}, at their top and, with the values as written, at their bottom: over the
     * whole file at its own largest and smallest values (a +-8 g accelerometer clips at +8 and at -8: a fall-detection
     * trial's -8 g runs were judged by no rule), and, with {@code groups} (each sequence's value of a group column, aligned;
     * null or empty for none) of two groups or more, each group at its own (a wearables study mixing +-8 g and +-16 g
     * devices: a trial's one participant clipped at +-8 g among 39 reaching 16-18 g was invisible, as the file's largest
     * value was another's). The whole file first, then the groups.
     *
     * <p>A bottom is judged only where it lies below 0: a quantity's own zero (a calm day at 0 kW, no rain, no counts) is held
     * over long runs by nature, and a +-range sensor's floor is negative. A group's extreme is judged only where the other
     * groups' sequences reach beyond it (else it is the file's, judged as such), and only where the group's steps at it are
     * {@value #PILE_UP} times or more as many as at its next value over all its sequences (a quantised signal such as whole
     * beats per minute holds a patient's top as often as the value below it; a clipped one piles up at it). Not judged
     * per group nor at the bottom after each sequence's own scaling, which leaves no value as written.
     *
     * @param groups     each sequence's group, or null
     * @param withValues false for values after each sequence's own scaling: each sequence judged at its own top alone
     * @param shown      at most this many ids named per finding
     */
    public static List<Found> find(List<float[][]> sequences, List<String> ids, List<String> groups, int features,
                                   boolean withValues, int shown) {
        // steps of 0 in every feature are placeholders for steps without a reading (PlaceholderRows), not values at a
        // ceiling: a radar's empty frames made 0 dB the largest signal power, named as an ADC ceiling (a trial)
        sequences = sequences.stream().map(PlaceholderRows::without).toList();
        List<float[][]> flipped = withValues ? sequences.stream().map(ClippedRuns::negated).toList() : null;
        List<Found> out = new ArrayList<>();
        boolean[] counters = new boolean[features];
        for (int f = 0; f < features; f++) {
            counters[f] = counter(sequences, f, withValues);
        }
        for (int f = 0; f < features; f++) {
            if (counters[f]) {
                continue;
            }
            Found top = judge(sequences, ids, f, withValues, shown, false);
            if (top != null) {
                out.add(top);
            }
            Found bottom = withValues ? judge(flipped, ids, f, true, shown, false) : null;
            if (bottom != null && bottom.value() > 0) { // a floor below 0
                out.add(flip(bottom, null, bottom.judged(), Float.NaN));
            }
        }
        if (!withValues || groups == null || groups.size() != sequences.size() || groups.stream().distinct().count() < 2) {
            return out;
        }
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            byGroup.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(i);
        }
        for (int f = 0; f < features; f++) {
            CheckProgress.at("clipped runs by group", f, features, "features");
            if (counters[f]) {
                continue;
            }
            // each group's largest value (of the values flipped for a bottom), once per feature: the other groups' largest is
            // the largest of theirs (before, each group went over every sequence again: 40 groups x 12 features x 2 passes
            // over all the steps took 12 s of a 600,000-row file's checks, trial 78c F2)
            Map<String, float[]> groupTops = new java.util.HashMap<>();
            for (int i = 0; i < sequences.size(); i++) {
                if (sequences.get(i).length >= FlatSequences.MIN_STEPS) {
                    float[] tops = groupTops.computeIfAbsent(groups.get(i), g -> new float[] {Float.NEGATIVE_INFINITY,
                            Float.NEGATIVE_INFINITY});
                    tops[0] = Math.max(tops[0], own(sequences.get(i), f));
                    tops[1] = Math.max(tops[1], own(flipped.get(i), f));
                }
            }
            for (Map.Entry<String, List<Integer>> g : byGroup.entrySet()) {
                if (g.getKey() == null) {
                    continue;
                }
                List<Integer> in = g.getValue();
                List<String> groupIds = in.stream().map(ids::get).toList();
                for (boolean bottom : new boolean[] {false, true}) {
                    List<float[][]> all = bottom ? flipped : sequences;
                    float others = Float.NEGATIVE_INFINITY; // the other groups' largest (of the values flipped for a bottom)
                    for (Map.Entry<String, float[]> t : groupTops.entrySet()) {
                        if (!g.getKey().equals(t.getKey())) {
                            others = Math.max(others, t.getValue()[bottom ? 1 : 0]);
                        }
                    }
                    Found found = judge(in.stream().map(all::get).toList(), groupIds, f, true, shown, true);
                    if (found == null || !(found.value() < others) || bottom && !(found.value() > 0)) {
                        continue;
                    }
                    out.add(bottom ? flip(found, g.getKey(), found.judged(), -others)
                            : new Found(f, found.value(), found.count(), found.longest(), found.named(), false, g.getKey(),
                            found.judged(), others));
                }
            }
        }
        return out;
    }

    /**
     * Whether feature {@code f} is a running count ({@link RunningCount}'s rule, which resampling's code uses too): whole
     * numbers, as written ({@code withValues}), that never fall within any sequence (missing values skipped), rising in one
     * and held from one reading to the next somewhere, its largest no ADC's full scale (a ramp up to 4095 counts is a
     * clipped one). Such a count stays at its last value to the end of a sequence (a trip's stops after the last stop), a
     * plateau of its nature, not a sensor's ceiling (trial 77c F1). After each sequence's own scaling the numbers are no
     * longer whole: never falling is then judged without them.
     */
    static boolean counter(List<float[][]> sequences, int f, boolean withValues) {
        return RunningCount.of(sequences, f, withValues);
    }

    /** A finding on the negated values as one at the bottom of the values as written. */
    private static Found flip(Found found, String group, int judged, float beyond) {
        return new Found(found.feature(), -found.value(), found.count(), found.longest(), found.named(), true, group, judged, beyond);
    }

    /** A copy of {@code q} with every value negated: its bottom judged as a top. */
    private static float[][] negated(float[][] q) {
        float[][] out = new float[q.length][];
        for (int t = 0; t < q.length; t++) {
            out[t] = new float[q[t].length];
            for (int f = 0; f < q[t].length; f++) {
                out[t][f] = -q[t][f];
            }
        }
        return out;
    }

    /**
     * Feature {@code f} of {@code sequences} judged at its top (see the class comment); null when not clipped there. {@code
     * pooled} asks also for the pile-up over all the sequences' steps together (a group's own top).
     */
    private static Found judge(List<float[][]> sequences, List<String> ids, int f, boolean withValues, int shown, boolean pooled) {
        Set<Float> distinct = new HashSet<>();
        float top = Float.NEGATIVE_INFINITY;
        int mostInOne = 0; // the most distinct values in one sequence
        for (float[][] q : sequences) {
            if (q.length < FlatSequences.MIN_STEPS) {
                continue;
            }
            Set<Float> own = withValues || mostInOne >= FlatSequences.MIN_DISTINCT ? null : new HashSet<>();
            for (float[] step : q) {
                if (!Float.isNaN(step[f])) {
                    top = Math.max(top, step[f]);
                    if (distinct.size() < FlatSequences.MIN_DISTINCT) {
                        distinct.add(step[f]);
                    }
                    if (own != null && own.size() < FlatSequences.MIN_DISTINCT) {
                        own.add(step[f]);
                    }
                }
            }
            mostInOne = own == null ? mostInOne : Math.max(mostInOne, own.size());
        }
        // after each sequence's own scaling, a 0/1 flag takes other values in every sequence (many across them), but
        // still two in each: the values of a sequence are counted within it (a scaling keeps them apart), as a
        // trial's valve flag was named a detector ceiling under sequenceScaling=standardize
        if (distinct.size() < FlatSequences.MIN_DISTINCT || !withValues && mostInOne < FlatSequences.MIN_DISTINCT) {
            return null;
        }
        if (withValues && !fullScale(top) && mostCommon(sequences, f, top)) {
            return null; // the top of a scale most steps hold (a GCS of 15), no ceiling a signal is cut at (a clinical trial)
        }
        if (pooled && !pilesUp(sequences, f, top)) {
            return null;
        }
        int count = 0;
        int judged = 0;
        int longest = 0;
        List<String> named = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            float[][] q = sequences.get(i);
            if (q.length < FlatSequences.MIN_STEPS) {
                continue;
            }
            judged++;
            int run = clippedRun(q, f);
            if (run > 0 && (!withValues || Float.compare(own(q, f), top) == 0)) {
                count++;
                longest = Math.max(longest, run);
                if (named.size() < shown) {
                    named.add(ids.get(i));
                }
            }
        }
        // held at its top in most sequences: a limit of normal operation (a turbine's rated power), which the model sees
        // throughout, unless the value is an ADC's full scale (2^n - 1)
        if (count >= MIN_SEQUENCES && (count * 2 <= judged || withValues && fullScale(top))) {
            return new Found(f, withValues ? top : Float.NaN, count, longest, named, false, null, judged, Float.NaN);
        }
        return null;
    }

    /**
     * Whether the steps of {@code sequences} at feature {@code f}'s {@code top} are {@value #PILE_UP} times or more as many
     * as those at its next largest value, over all of them together.
     */
    static boolean pilesUp(List<float[][]> sequences, int f, float top) {
        float second = Float.NEGATIVE_INFINITY;
        for (float[][] q : sequences) {
            for (float[] step : q) {
                if (step[f] < top && step[f] > second) {
                    second = step[f];
                }
            }
        }
        long atTop = 0;
        long atSecond = 0;
        for (float[][] q : sequences) {
            for (float[] step : q) {
                atTop += Float.compare(step[f], top) == 0 ? 1 : 0;
                atSecond += Float.compare(step[f], second) == 0 ? 1 : 0;
            }
        }
        return atTop >= PILE_UP * atSecond;
    }

    /**
     * Whether {@code top} is feature {@code f}'s most common value over the steps of {@code sequences} (NaN left out): a
     * scale's maximum that most patients hold (a Glasgow coma score of 15), where a detector's ceiling cuts the rarer peaks
     * of a signal that varies.
     */
    static boolean mostCommon(List<float[][]> sequences, int f, float top) {
        long atTop = 0;
        long steps = 0;
        for (float[][] q : sequences) {
            for (float[] step : q) {
                if (!Float.isNaN(step[f])) {
                    steps++;
                    atTop += Float.compare(step[f], top) == 0 ? 1 : 0;
                }
            }
        }
        if (atTop * 100 < steps) {
            return false; // under 1% of the steps: not the most common of 20 or more values worth counting
        }
        java.util.Map<Float, Long> counts = new java.util.HashMap<>();
        for (float[][] q : sequences) {
            for (float[] step : q) {
                if (!Float.isNaN(step[f]) && counts.merge(step[f], 1L, Long::sum) > atTop) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code v} is 2^n - 1 for n of 8 to 24 (255, 1023, 4095, 65535, ...): an ADC's or a detector's full scale. */
    static boolean fullScale(float v) {
        for (int n = 8; n <= 24; n++) {
            if (v == (1 << n) - 1) {
                return true;
            }
        }
        return false;
    }

    /** The sequence's largest value of feature {@code f} (NaN skipped). */
    private static float own(float[][] q, int f) {
        float top = Float.NEGATIVE_INFINITY;
        for (float[] step : q) {
            if (step[f] > top) {
                top = step[f];
            }
        }
        return top;
    }

    /** The longest run at the sequence's own top of feature {@code f} if the sequence is clipped there (see the class comment), else 0. */
    static int clippedRun(float[][] q, int f) {
        float top = own(q, f);
        float second = Float.NEGATIVE_INFINITY;
        for (float[] step : q) {
            if (step[f] < top && step[f] > second) {
                second = step[f];
            }
        }
        if (second == Float.NEGATIVE_INFINITY) {
            return 0; // constant (or all missing): FlatSequences' case
        }
        int atTop = 0;
        int atSecond = 0;
        int run = 0;
        int longest = 0;
        for (float[] step : q) {
            if (Float.compare(step[f], top) == 0) {
                atTop++;
                longest = Math.max(longest, ++run);
            } else {
                run = 0;
                if (Float.compare(step[f], second) == 0) {
                    atSecond++;
                }
            }
        }
        return longest >= MIN_RUN && atTop >= PILE_UP * atSecond ? longest : 0;
    }

    /** {@code v} as written: a whole number without a fraction. */
    public static String number(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Float.toString(v);
    }
}
