package org.rnnlab.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The smallest and largest value of each feature in a model's training split, as the model reads them (after each sequence's
 * own scaling, before the standardiser), kept in the {@link ModelCard} ({@code trainingRange}) so that {@link FarFromTraining}
 * never calls a value the training data held "far outside the training data". A glove trial's gyroscope was about 0 for the
 * 22 static letters and up to 180 deg/s for the moving J: the pooled training sd was 16, so J's ordinary wrist rotation lay
 * "over 10 training sd" out, and evaluate called 28 of the model's own 40 training J recordings far outside the training data.
 *
 * @param low  per feature, in the card's feature order, the smallest training value
 * @param high per feature, the largest
 */
public record TrainingRange(float[] low, float[] high) {

    /**
     * How far beyond the training range, as a share of its width, a value must lie to count as outside it
     * ({@link #holds}): a quarter. A new subject's somewhat stronger movement than any training subject's stays within it
     * (a J rotation of 220 deg/s for a training range of -8 to 190); another unit or scale (x100, °F for °C, kPa for bar), a
     * mirrored axis or a code for a missing value do not. For a feature spread like a bell the training range over thousands
     * of values is about ±4.5 sd and a quarter of its width about 2.3 sd, so that range and margin end inside 10 sd and
     * {@link FarFromTraining#FAR}'s rule alone decides, as before: the range decides only for a feature whose training data
     * themselves reach 10 sd out or near it.
     */
    public static final double MARGIN = 0.25;

    public TrainingRange {
        if (low == null || high == null) {
            throw new IllegalArgumentException("'trainingRange' needs both 'low' and 'high' (expected the smallest and the "
                    + "largest training value of each feature, in the order of the card's features)");
        }
        if (low.length != high.length) {
            throw new IllegalArgumentException("'trainingRange' has " + low.length + " 'low' and " + high.length + " 'high' values "
                    + "(expected one of each per feature)");
        }
        for (int f = 0; f < low.length; f++) {
            if (!Float.isFinite(low[f]) || !Float.isFinite(high[f]) || low[f] > high[f]) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "'trainingRange' of feature %d is %s to %s (expected "
                        + "two finite numbers, the smallest training value first)", f + 1, low[f], high[f]));
            }
        }
        low = low.clone();
        high = high.clone();
    }

    @JsonCreator
    static TrainingRange fromJson(@JsonProperty("low") float[] low, @JsonProperty("high") float[] high) {
        return new TrainingRange(low, high);
    }

    /**
     * The range of each of {@code features} features over {@code sequences} ({@code [time][feature]} each); missing values
     * (NaN) are skipped, and a feature without any value gets 0 to 0 (the standardiser finds it constant, and it is not
     * judged).
     */
    public static TrainingRange of(List<float[][]> sequences, int features) {
        float[] low = new float[features];
        float[] high = new float[features];
        Arrays.fill(low, Float.POSITIVE_INFINITY);
        Arrays.fill(high, Float.NEGATIVE_INFINITY);
        for (float[][] sequence : sequences) {
            for (float[] step : sequence) {
                for (int f = 0; f < features; f++) {
                    float x = step[f];
                    if (x < low[f]) {
                        low[f] = x;
                    }
                    if (x > high[f]) {
                        high[f] = x; // NaN compares false both ways: skipped
                    }
                }
            }
        }
        for (int f = 0; f < features; f++) {
            if (low[f] > high[f]) {
                low[f] = 0;
                high[f] = 0;
            }
        }
        return new TrainingRange(low, high);
    }

    /** The number of features. */
    public int size() {
        return low.length;
    }

    /** The smallest training values (a copy). */
    @Override
    public float[] low() {
        return low.clone();
    }

    /** The largest training values (a copy). */
    @Override
    public float[] high() {
        return high.clone();
    }

    /**
     * Whether {@code x} lies within feature {@code f}'s training range widened on each side by {@link #MARGIN} of its width:
     * a value the training data held, or about as far out.
     */
    public boolean holds(int f, double x) {
        double margin = MARGIN * ((double) high[f] - low[f]);
        return x >= low[f] - margin && x <= high[f] + margin;
    }

    /** {@code -8 to 190} for feature {@code f}, as messages give it. */
    public String text(int f) {
        return String.format(Locale.ROOT, "%.4g to %.4g", low[f], high[f]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingRange r && Arrays.equals(low, r.low) && Arrays.equals(high, r.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "TrainingRange[low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + "]";
    }
}
