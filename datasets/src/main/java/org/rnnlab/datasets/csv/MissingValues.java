package org.rnnlab.datasets.csv;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What to do with a missing feature value: an empty cell or one of {@link #MARKERS} ({@code ?},
 * {@code NA}, {@code NaN}, ...). Chosen at training time, stored in the model's {@link CsvSchema}, and
 * applied the same way by {@code evaluate} and {@code predict}.
 */
public enum MissingValues {
    /** An error naming file, line and column (the default: nothing is filled in silently). */
    ERROR,
    /** The last observed value of the same feature in the same sequence; leading gaps take the first observed one. */
    FFILL,
    /** Zero (in the raw units, before standardisation). */
    ZERO,
    /** The whole sequence is dropped, with a warning that counts them. */
    DROP,
    /**
     * The time steps at the end of a sequence whose every feature is missing are removed, and any other missing value is an
     * error as with {@link #ERROR}. That is end padding: UEA/sktime exports of series of unequal length pad every shorter
     * series with NaN rows up to the longest (a trial's file: 49,095 of its values), and each of the other policies changed
     * those data: ffill and zero made every series as long as the longest, half its values invented (the same 40 steps
     * were classed 8 with ffill, 1 with zero and 7 without the padding rows), drop kept only the longest series.
     */
    TRIM,
    /**
     * Linear interpolation in the step index between the nearest observed values of the same feature before and after the
     * gap (pandas' {@code interpolate(limit_direction="both")}); leading gaps take the first observed value, trailing gaps
     * the last, as {@link #FFILL}. For sensor channels sampled at several rates and merged into one table, where
     * {@link #FFILL} makes a staircase of each slower channel (a trial's sleep data: skin temperature at 1/4 the rate).
     */
    INTERPOLATE,
    /**
     * Every time step holding a missing value (in any feature) is removed from its sequence, which is kept with its other
     * steps ({@code --missing drop-steps}, pandas' {@code dropna()} per sequence): frames to skip, as librosa writes NaN for
     * frames it cannot compute (a bird-song trial: interpolate made those frames up, drop left out whole clips, trim removed
     * only the end). A sequence left with no step is dropped, as {@link #DROP} drops one. Written {@code drop-steps}.
     */
    DROP_STEPS;

    /**
     * The written markers, in the order messages name them. Besides NaN as Java, numpy and R write it, the signed and
     * tagged forms C libraries print: glibc's {@code printf} writes {@code -nan} for a NaN whose sign bit is set (what
     * {@code 0.0/0.0} gives on x86), and MSVC's {@code nan(ind)}/{@code -nan(ind)} (also {@code nan(snan)}); they are the
     * same missing value, so they take the same warning and {@code --missing} path (a user's try: {@code -nan} from a C
     * logger was refused as "not a number" beside {@code NaN} read as missing). Other spellings of a database null
     * ({@code Null}, {@code \N}, {@code (null)}) are not markers, as the markers are also what labels are checked against (a
     * class named {@code Null} is common in activity data); a value so written gets a hint to write it as a marker.
     */
    private static final List<String> NAMED = List.of("?", "NA", "N/A", "NaN", "nan", "NAN", "-nan", "-NaN", "-NAN",
            "nan(ind)", "-nan(ind)", "nan(snan)", "-nan(snan)", "<NA>", "NaT", "null", "NULL", "None");
    /** Cell values read as missing (compared after trimming, case-sensitively): the empty cell and {@link #NAMED}. */
    public static final Set<String> MARKERS = Stream.concat(Stream.of(""), NAMED.stream()).collect(Collectors.toUnmodifiableSet());

    /** The cell values read as missing, in the order messages name them: the empty cell, then {@link #NAMED}'s. */
    public static List<String> markers() {
        return Stream.concat(Stream.of(""), NAMED.stream()).toList();
    }

    /** The markers as a message names them (all of {@link #MARKERS}): {@code empty, ?, NA, ... and None}. */
    public static String markersText() {
        return "empty, " + String.join(", ", NAMED.subList(0, NAMED.size() - 1)) + " and " + NAMED.get(NAMED.size() - 1);
    }

    /**
     * Whether a number is written as codes for a missing value are: all nines of two digits or more (99, -9999: a lone 9 is
     * a count, a gap of 9 minutes, a grade, which a trial's training data held hundreds of times before predict called it a
     * code and advised --na-values 9), a negative whole number from
     * -99 on (-999), or the largest value of a 16-bit integer, as sensors and loggers write an error or an empty register
     * (65535, 32767: a trial's power meter's 65535 spikes were not named; the 32-bit ones have no exact float). Such a value,
     * frequent and far from the rest, is named as the code it may be.
     */
    public static boolean codeLike(float v) {
        if (v != Math.rint(v)) {
            return false;
        }
        long a = Math.abs((long) v);
        return v <= -99 || a >= 99 && Long.toString(a).chars().allMatch(c -> c == '9')
                || v == 65535f || v == 32767f;
    }

    /** Whether a (trimmed) cell is missing. */
    public static boolean isMissing(String cell) {
        return MARKERS.contains(cell);
    }

    /** The policies as {@code --missing} takes them, for messages: {@code error, trim, ffill, interpolate, zero, drop-steps or drop}. */
    public static final String CHOICES = "error, trim, ffill, interpolate, zero, drop-steps or drop";

    /** Whether this policy fills missing values in (ffill, interpolate, zero), rather than refusing, removing or dropping. */
    public boolean fillsIn() {
        return this == FFILL || this == INTERPOLATE || this == ZERO;
    }

    /** Parses {@code error|trim|ffill|interpolate|zero|drop-steps|drop}, case-insensitively ({@code drop_steps} too). */
    public static MissingValues parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("missing-value policy '" + s + "' is unknown (expected " + CHOICES + ")");
        }
    }

    /**
     * The number of time steps at the end of a sequence whose every feature is missing (NaN): its end padding, which
     * {@link #TRIM} removes. 0 for a sequence without features.
     */
    public static int trailingMissingSteps(float[][] values) {
        int t = values.length;
        while (t > 0 && values[t - 1].length > 0 && allMissing(values[t - 1])) {
            t--;
        }
        return values.length - t;
    }

    private static boolean allMissing(float[] step) {
        for (float v : step) {
            if (!Float.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    /** The missing values (NaN) of a sequence. */
    public static long missingCount(float[][] values) {
        long n = 0;
        for (float[] step : values) {
            for (float v : step) {
                n += Float.isNaN(v) ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * The sequence without its end padding ({@link #trailingMissingSteps}): the same array when it has none, else a shorter
     * copy holding the same step arrays (possibly of no steps at all). What {@link #TRIM} does before it checks that no
     * value is missing.
     */
    public static float[][] trimmed(float[][] values) {
        int trailing = trailingMissingSteps(values);
        return trailing == 0 ? values : Arrays.copyOf(values, values.length - trailing);
    }

    /**
     * The sequence without its steps that hold a missing value (NaN) in any feature: the same array when it has none, else a
     * shorter copy holding the same step arrays (possibly of no steps at all). What {@link #DROP_STEPS} does.
     */
    public static float[][] withoutMissingSteps(float[][] values) {
        int kept = 0;
        for (float[] step : values) {
            kept += hasMissing(step) ? 0 : 1;
        }
        if (kept == values.length) {
            return values;
        }
        float[][] out = new float[kept][];
        int k = 0;
        for (float[] step : values) {
            if (!hasMissing(step)) {
                out[k++] = step;
            }
        }
        return out;
    }

    private static boolean hasMissing(float[] step) {
        for (float v : step) {
            if (Float.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** The steps of a sequence whose every feature is missing, between its first and last step with a value: empty frames. */
    public static int interiorMissingSteps(float[][] values) {
        int first = 0;
        while (first < values.length && values[first].length > 0 && allMissing(values[first])) {
            first++;
        }
        int last = values.length - 1 - trailingMissingSteps(values);
        int n = 0;
        for (int t = first + 1; t < last; t++) {
            n += values[t].length > 0 && allMissing(values[t]) ? 1 : 0;
        }
        return n;
    }

    /** The first missing value of a sequence as {step, feature}, or null when none is. */
    public static int[] firstMissing(float[][] values) {
        for (int t = 0; t < values.length; t++) {
            for (int f = 0; f < values[t].length; f++) {
                if (Float.isNaN(values[t][f])) {
                    return new int[] {t, f};
                }
            }
        }
        return null;
    }

    /**
     * What {@link #fill} did to a sequence.
     *
     * @param filled       values filled in
     * @param dropped      whether the sequence is to be dropped ({@link #DROP}, a value was missing)
     * @param emptyFeature with {@link #FFILL} or {@link #INTERPOLATE}, a feature with no observed value in the sequence (nothing
     *                     to fill from) and no fallback for it, else -1
     * @param fellBack     the features with no observed value in the sequence that were filled with the fallback ({@link
     *                     #fill(float[][], float[])}, {@code --set emptyFeature}), in order; empty for none
     */
    public record Filled(long filled, boolean dropped, int emptyFeature, List<Integer> fellBack) {
        public Filled {
            fellBack = fellBack == null ? List.of() : List.copyOf(fellBack);
        }

        Filled(long filled, boolean dropped, int emptyFeature) {
            this(filled, dropped, emptyFeature, List.of());
        }
    }

    /**
     * {@link #fill(float[][])} with a fallback for the features with no observed value at all in the sequence, which {@link
     * #FFILL} and {@link #INTERPOLATE} have nothing to fill from ({@code --set emptyFeature=mean|zero}, {@link
     * EmptyFeatureFill}): each such feature takes {@code fallback[f]} at every step, counted in {@link Filled#filled} and named
     * in {@link Filled#fellBack}. A sequence with no value in any feature (an empty recording) is not filled so: it is
     * reported as without a fallback. {@code fallback} null: as {@link #fill(float[][])}.
     */
    public Filled fill(float[][] values, float[] fallback) {
        if (fallback == null || (this != FFILL && this != INTERPOLATE) || values.length == 0) {
            return fill(values);
        }
        int features = values[0].length;
        List<Integer> empty = new java.util.ArrayList<>();
        for (int f = 0; f < features; f++) {
            boolean observed = false;
            for (int t = 0; t < values.length && !observed; t++) {
                observed = !Float.isNaN(values[t][f]);
            }
            if (!observed) {
                empty.add(f);
            }
        }
        if (empty.isEmpty() || empty.size() == features) {
            return fill(values);
        }
        for (int f : empty) {
            for (float[] step : values) {
                step[f] = fallback[f];
            }
        }
        Filled rest = fill(values);
        return new Filled(rest.filled() + (long) empty.size() * values.length, rest.dropped(), rest.emptyFeature(), empty);
    }

    /**
     * Applies this policy (not {@link #ERROR}, {@link #TRIM} or {@link #DROP_STEPS}) to one sequence whose missing values are NaN, in place:
     * {@link #ZERO} writes 0, {@link #FFILL} the last observed value of the feature (leading gaps the first observed one),
     * {@link #INTERPOLATE} the straight line between the observed values around the gap (leading and trailing gaps as
     * {@link #FFILL}), {@link #DROP} marks the sequence dropped. The same for training data, {@code evaluate}, {@code predict} and
     * {@code serve}. {@link #TRIM} and {@link #DROP_STEPS} shorten the sequence, which cannot be done in place: {@link
     * #trimmed}, {@link #withoutMissingSteps}.
     */
    public Filled fill(float[][] values) {
        if (this == ERROR || this == TRIM || this == DROP_STEPS) {
            throw new IllegalStateException("the " + this + " policy fills nothing");
        }
        int features = values.length == 0 ? 0 : values[0].length;
        long filled = 0;
        for (int f = 0; f < features; f++) {
            int firstObserved = -1;
            for (int t = 0; t < values.length && firstObserved < 0; t++) {
                firstObserved = Float.isNaN(values[t][f]) ? -1 : t;
            }
            int next = -1; // INTERPOLATE: the next observed step after the current gap (values.length: none; -1: not looked for)
            int previous = -1; // INTERPOLATE: the observed step before the current gap
            for (int t = 0; t < values.length; t++) {
                if (!Float.isNaN(values[t][f])) {
                    continue;
                }
                switch (this) {
                    case DROP -> {
                        return new Filled(0, true, -1);
                    }
                    case ZERO -> values[t][f] = 0f;
                    default -> {
                        if (firstObserved < 0) {
                            return new Filled(filled, false, f);
                        }
                        if (this == INTERPOLATE && t > firstObserved && next < t) {
                            next = nextObserved(values, f, t);
                            previous = t - 1; // observed: the gap starts here
                        }
                        if (this == INTERPOLATE && t > firstObserved && next > t && next < values.length) {
                            // on the line between the observed values around the gap, from its two ends in double: no
                            // rounding carried from step to step, and no overflow between values of the float range's ends
                            double from = values[previous][f];
                            values[t][f] = (float) (from + (values[next][f] - from) * (t - previous) / (next - previous));
                        } else {
                            values[t][f] = t < firstObserved ? values[firstObserved][f] : values[t - 1][f];
                        }
                    }
                }
                filled++;
            }
        }
        return new Filled(filled, false, -1);
    }

    /** The first step at or after {@code from} where feature {@code f} is observed, or {@code values.length}. */
    private static int nextObserved(float[][] values, int f, int from) {
        for (int t = from; t < values.length; t++) {
            if (!Float.isNaN(values[t][f])) {
                return t;
            }
        }
        return values.length;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
