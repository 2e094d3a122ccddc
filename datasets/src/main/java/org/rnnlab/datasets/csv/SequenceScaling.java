package org.rnnlab.datasets.csv;

import java.util.Locale;

/**
 * Scaling of each sequence by its own statistics, per feature, after missing values are handled and before the model's
 * standardisation over the training data ({@code --set sequenceScaling=...}). Chosen at training time, stored in the
 * model's {@link CsvSchema} and applied the same way by {@code evaluate}, {@code predict} and {@code serve}.
 *
 * <p>For data whose offsets differ between recordings more than between classes: a sensor worn a little differently by
 * each subject, a baseline that drifts from day to day (a trial's sleep lab: subjects' skin temperatures apart by more than
 * any sleep stage moved them). Centring removes what the level of a channel says about the class too (an accelerometer's
 * gravity component tells lying from standing), so it is an option, not a default.
 */
public enum SequenceScaling {
    /** The values as read (the default). */
    NONE,
    /** Each feature minus its mean over the sequence's steps: {@code x - mean_t(x)}. */
    CENTER,
    /**
     * Each feature minus its mean over the sequence's steps, divided by its standard deviation over them (population, 1/T):
     * {@code (x - mean_t(x)) / std_t(x)}; a feature constant within the sequence (std at most {@link #CONSTANT_SD} times its
     * largest magnitude in the sequence) is only centred, to 0.
     */
    STANDARDIZE;

    /**
     * Under {@link #STANDARDIZE}, a feature whose population sd over the sequence is at most this times its largest absolute
     * value there is constant (rounding, not a signal) and read as 0 at every step. Relative, so that a band stuck at a -90 dB
     * floor with one frame at -89.9999 (sd 1.3e-5) is constant and not blown up to 7.68 at that frame; stated with this
     * value in the ONNX metadata and the guide for those who scale outside rnnlab (trial 76b: a literal port of "constant set
     * to 0" put 7.68 there).
     */
    public static final double CONSTANT_SD = 1e-6;

    /**
     * The rule of {@link #STANDARDIZE} in words, exactly as {@link #apply} computes it, for the ONNX metadata and messages:
     * one sentence without a final period.
     */
    public static final String STANDARDIZE_RULE = "each feature minus its mean over the sequence's valid steps, divided by its "
            + "standard deviation over them (population, 1/T); a feature whose standard deviation is at most 1e-6" // CONSTANT_SD
            + " x the largest absolute value it takes in those steps (constant up to rounding) is set to 0 at every step; the "
            + "mean, the standard deviation and that largest value computed in float64 from the float32 values, the result "
            + "rounded to float32";

    /** The choices as {@code --set sequenceScaling=} takes them, for messages. */
    public static final String CHOICES = "none, center or standardize";

    /** Parses {@code none|center|standardize}, case-insensitively (also {@code centre}, {@code standardise}). */
    public static SequenceScaling parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "none" -> NONE;
            case "center", "centre" -> CENTER;
            case "standardize", "standardise" -> STANDARDIZE;
            default -> throw new IllegalArgumentException("sequenceScaling '" + s + "' is unknown (expected " + CHOICES + ")");
        };
    }

    /**
     * Scales one sequence in place ({@code values[t][f]}, no value missing). Sums in double, so that long sequences of large
     * values keep their precision.
     */
    public void apply(float[][] values) {
        if (this == NONE || values.length == 0) {
            return;
        }
        int features = values[0].length;
        for (int f = 0; f < features; f++) {
            double sum = 0;
            for (float[] step : values) {
                sum += step[f];
            }
            double mean = sum / values.length;
            double scale = 1;
            if (this == STANDARDIZE) {
                scale = scaleOf(values, f, mean);
            }
            for (float[] step : values) {
                step[f] = (float) ((step[f] - mean) / scale);
            }
        }
    }

    /**
     * Feature {@code f}'s population sd about {@code mean}, or +infinity when the feature is constant (an sd at most
     * {@link #CONSTANT_SD} of its largest magnitude: rounding, not a signal), so that dividing by it reads the feature as 0
     * throughout.
     */
    private static double scaleOf(float[][] values, int f, double mean) {
        double squares = 0;
        double largest = 0;
        for (float[] step : values) {
            double d = step[f] - mean;
            squares += d * d;
            largest = Math.max(largest, Math.abs(step[f]));
        }
        double std = Math.sqrt(squares / values.length);
        return std > CONSTANT_SD * Math.max(largest, Double.MIN_NORMAL) ? std : Double.POSITIVE_INFINITY;
    }

    /**
     * Whether this scaling leaves nothing of a sequence ({@code values[t][f]}, as written or already scaled): under
     * {@link #STANDARDIZE}, one of two steps or more in which every feature is constant (as {@link #apply} judges it), such
     * as a flat spectrum of a dead or saturated detector, is divided by a standard deviation of 0 and read as 0 at every
     * step, whatever its value, so the model answers as for any flat line (trial 69f: a constant spectrum was predicted
     * with 0.84 and no word). False for the other scalings, a single step, and a sequence with a missing value (NaN).
     */
    public boolean flattens(float[][] values) {
        if (this != STANDARDIZE || values.length < 2) {
            return false;
        }
        for (int f = 0; f < values[0].length; f++) {
            double sum = 0;
            for (float[] step : values) {
                if (Float.isNaN(step[f])) {
                    return false;
                }
                sum += step[f];
            }
            if (scaleOf(values, f, sum / values.length) != Double.POSITIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
