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
 * <p>It also keeps, per feature, the mean and the sd of the training sequences' own means ({@code sequenceMeanMean},
 * {@code sequenceMeanSd}: the spread of the levels between sequences), by which {@link FeatureDrift} judges a new file's
 * or group's level where the pooled sd is the signal itself (an industrial trial's vibration axis: the pooled sd of acc_z
 * was the vibration, 0.022 g, so a remounted sensor's +0.05 g offset was 2.25 sd and unnamed, while the 250 training windows'
 * means lay within 0.00094 g of one another). Both are null in cards written before them.
 *
 * <p>And, per feature, the share of the training sequences of {@value #CONSTANT_STEPS} or more values of it in which it
 * holds one value throughout ({@code constantShare}), by which {@link #constantFeatures} names a new sequence's feature
 * held at one value that training never held so: a radar trial's frozen tracker (one frame repeated 60 times) and a dead
 * range channel (0.0 throughout) were answered confidently, by serve and predict alike, without a mark. Null in older cards.
 * Steps that are 0 in every feature (empty frames, placeholder rows written as zeros) are not counted in judging a feature
 * constant, at training and on new data: one such row hid a frozen humidity probe (a reefer trial's 72.4 throughout with one
 * row of zeros).
 *
 * <p>And, per class (the card's labels, in order) and feature, the mean and sd of the training sequences' own means of that
 * class ({@code sequenceMeanMeanByClass}, {@code sequenceMeanSdByClass}) and the number of those sequences
 * ({@code sequencesByClass}), by which {@link FeatureDrift#judgeByClass} judges a new file's or group's level against the
 * classes the model predicted for its sequences: a reefer trial's +2 %RH humidity calibration offset lay 4.9 sds of all
 * training sequences' means out (under the 6 that a group of one class may lie) and turned every 'ok' window into a fault.
 * Null in older cards and when the labels were not given.
 *
 * <p>And, per feature, the 1st and 99th percentiles of the training values ({@code p01}, {@code p99}: the bulk, as {@link
 * org.rnnlab.datasets.csv.FarValues} judges the training file by), by which new data's far values are told a decimal point
 * slip when, divided or multiplied by 10, they all fall within them ({@link FarFromTraining#farCells}): a greenhouse trial's
 * CO2 typed 10 times too large in 112 cells of 4 test days (25-52 training sd out) was named in 2 of them only, never as a
 * slip. Null in older cards.
 *
 * <p>And, per feature, the spread within the training sequences ({@code sequenceSd}: the root mean square of each training
 * sequence's own sd), by which {@link FeatureDrift} tells a new file whose spread is narrower than the pooled training sd
 * (which holds every sequence's and device's level) from one narrower than the training sequences themselves: a marine
 * trial's new file of two ships had a lube-oil sd of 0.083, under a third of the pooled training sd 0.276 of twelve ships'
 * offsets, while each training ship's own sd was 0.062 to 0.068, and it was warned of as data "at another place". Null in
 * older cards, which keep the pooled sd alone.
 *
 * @param low              per feature, in the card's feature order, the smallest training value
 * @param high             per feature, the largest
 * @param sequenceMeanMean per feature, the mean of the training sequences' means (each over its values not missing); null
 *                         in older cards
 * @param sequenceMeanSd   per feature, the (population) sd of those sequence means; null in older cards
 * @param constantShare    per feature, the share of training sequences (of {@value #CONSTANT_STEPS} or more values of it)
 *                         holding one value throughout; null in older cards
 * @param sequenceMeanMeanByClass per class and feature ({@code [class][feature]}), the mean of the means of the training
 *                         sequences of that class; null in older cards
 * @param sequenceMeanSdByClass per class and feature, the (population) sd of those means; null in older cards
 * @param sequencesByClass per class and feature, the number of training sequences of that class with a value of the feature
 *                         (the means above are over them); null in older cards
 * @param p01              per feature, the 1st percentile of the training values (not missing); null in older cards
 * @param p99              per feature, the 99th percentile; null in older cards
 * @param sequenceSd       per feature, the square root of the mean over the training sequences (of 2 values of it or more)
 *                         of each one's own (population) variance of its values not missing: the spread within one sequence,
 *                         without the levels between them; null in older cards
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record TrainingRange(float[] low, float[] high, float[] sequenceMeanMean, float[] sequenceMeanSd, float[] constantShare,
                            float[][] sequenceMeanMeanByClass, float[][] sequenceMeanSdByClass, int[][] sequencesByClass,
                            float[] p01, float[] p99, float[] sequenceSd) {

    /** The fewest values of a feature in a sequence for its being one value throughout to count ({@link #constantShare}). */
    public static final int CONSTANT_STEPS = 5;

    /**
     * The largest share of training sequences holding a feature constant for a new sequence's constant feature to be named
     * ({@link #constantFeatures}): 1%, so that a feature constant in some training sequences (a gyroscope at rest in the
     * static gestures) is no news.
     */
    public static final double RARELY_CONSTANT = 0.01;

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
        if ((sequenceMeanMean == null) != (sequenceMeanSd == null) || sequenceMeanMean != null
                && (sequenceMeanMean.length != low.length || sequenceMeanSd.length != low.length)) {
            throw new IllegalArgumentException("'trainingRange' has " + (sequenceMeanMean == null ? "no" : sequenceMeanMean.length)
                    + " 'sequenceMeanMean' and " + (sequenceMeanSd == null ? "no" : sequenceMeanSd.length) + " 'sequenceMeanSd' values "
                    + "(expected both or neither, one of each per feature: " + low.length + ")");
        }
        if (sequenceMeanSd != null) {
            for (int f = 0; f < low.length; f++) {
                if (!Float.isFinite(sequenceMeanMean[f]) || !Float.isFinite(sequenceMeanSd[f]) || sequenceMeanSd[f] < 0) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "'trainingRange' of feature %d has sequenceMeanMean "
                            + "%s and sequenceMeanSd %s (expected finite numbers, the sd 0 or more)", f + 1, sequenceMeanMean[f],
                            sequenceMeanSd[f]));
                }
            }
            sequenceMeanMean = sequenceMeanMean.clone();
            sequenceMeanSd = sequenceMeanSd.clone();
        }
        if (constantShare != null) {
            if (constantShare.length != low.length) {
                throw new IllegalArgumentException("'trainingRange' has " + constantShare.length + " 'constantShare' values "
                        + "(expected one per feature: " + low.length + ")");
            }
            for (int f = 0; f < low.length; f++) {
                if (!(constantShare[f] >= 0 && constantShare[f] <= 1)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "'trainingRange' of feature %d has constantShare %s "
                            + "(expected a share, 0 to 1)", f + 1, constantShare[f]));
                }
            }
            constantShare = constantShare.clone();
        }
        if ((sequenceMeanMeanByClass == null) != (sequenceMeanSdByClass == null)
                || (sequenceMeanMeanByClass == null) != (sequencesByClass == null)) {
            throw new IllegalArgumentException("'trainingRange' has only some of 'sequenceMeanMeanByClass', 'sequenceMeanSdByClass' "
                    + "and 'sequencesByClass' (expected all three or none)");
        }
        if (sequenceMeanMeanByClass != null) {
            int classes = sequenceMeanMeanByClass.length;
            if (sequenceMeanSdByClass.length != classes || sequencesByClass.length != classes) {
                throw new IllegalArgumentException("'trainingRange' has " + classes + " 'sequenceMeanMeanByClass', "
                        + sequenceMeanSdByClass.length + " 'sequenceMeanSdByClass' and " + sequencesByClass.length
                        + " 'sequencesByClass' rows (expected one per class each)");
            }
            float[][] m = new float[classes][];
            float[][] sd = new float[classes][];
            int[][] n = new int[classes][];
            for (int c = 0; c < classes; c++) {
                if (sequenceMeanMeanByClass[c] == null || sequenceMeanSdByClass[c] == null || sequencesByClass[c] == null
                        || sequenceMeanMeanByClass[c].length != low.length || sequenceMeanSdByClass[c].length != low.length
                        || sequencesByClass[c].length != low.length) {
                    throw new IllegalArgumentException("'trainingRange' class " + (c + 1) + "'s row of 'sequenceMeanMeanByClass', "
                            + "'sequenceMeanSdByClass' or 'sequencesByClass' is missing or not of one value per feature (" + low.length + ")");
                }
                for (int f = 0; f < low.length; f++) {
                    if (!Float.isFinite(sequenceMeanMeanByClass[c][f]) || !Float.isFinite(sequenceMeanSdByClass[c][f])
                            || sequenceMeanSdByClass[c][f] < 0 || sequencesByClass[c][f] < 0) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT, "'trainingRange' of class %d, feature %d has "
                                + "sequenceMeanMeanByClass %s, sequenceMeanSdByClass %s and sequencesByClass %d (expected finite "
                                + "numbers, the sd and the count 0 or more)", c + 1, f + 1, sequenceMeanMeanByClass[c][f],
                                sequenceMeanSdByClass[c][f], sequencesByClass[c][f]));
                    }
                }
                m[c] = sequenceMeanMeanByClass[c].clone();
                sd[c] = sequenceMeanSdByClass[c].clone();
                n[c] = sequencesByClass[c].clone();
            }
            sequenceMeanMeanByClass = m;
            sequenceMeanSdByClass = sd;
            sequencesByClass = n;
        }
        if ((p01 == null) != (p99 == null) || p01 != null && (p01.length != low.length || p99.length != low.length)) {
            throw new IllegalArgumentException("'trainingRange' has " + (p01 == null ? "no" : p01.length) + " 'p01' and "
                    + (p99 == null ? "no" : p99.length) + " 'p99' values (expected both or neither, one of each per feature: "
                    + low.length + ")");
        }
        if (p01 != null) {
            for (int f = 0; f < low.length; f++) {
                if (!Float.isFinite(p01[f]) || !Float.isFinite(p99[f]) || p01[f] > p99[f]) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "'trainingRange' of feature %d has p01 %s and "
                            + "p99 %s (expected two finite numbers, the 1st percentile first)", f + 1, p01[f], p99[f]));
                }
            }
            p01 = p01.clone();
            p99 = p99.clone();
        }
        if (sequenceSd != null) {
            if (sequenceSd.length != low.length) {
                throw new IllegalArgumentException("'trainingRange' has " + sequenceSd.length + " 'sequenceSd' values (expected one "
                        + "per feature: " + low.length + ")");
            }
            for (int f = 0; f < low.length; f++) {
                if (!Float.isFinite(sequenceSd[f]) || sequenceSd[f] < 0) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "'trainingRange' of feature %d has sequenceSd %s "
                            + "(expected a finite number, 0 or more)", f + 1, sequenceSd[f]));
                }
            }
            sequenceSd = sequenceSd.clone();
        }
        low = low.clone();
        high = high.clone();
    }

    /** A range without the spread within sequences (as cards before it hold it). */
    public TrainingRange(float[] low, float[] high, float[] sequenceMeanMean, float[] sequenceMeanSd, float[] constantShare,
                         float[][] sequenceMeanMeanByClass, float[][] sequenceMeanSdByClass, int[][] sequencesByClass,
                         float[] p01, float[] p99) {
        this(low, high, sequenceMeanMean, sequenceMeanSd, constantShare, sequenceMeanMeanByClass, sequenceMeanSdByClass,
                sequencesByClass, p01, p99, null);
    }

    /** A range without the percentiles (as cards before them hold it). */
    public TrainingRange(float[] low, float[] high, float[] sequenceMeanMean, float[] sequenceMeanSd, float[] constantShare,
                         float[][] sequenceMeanMeanByClass, float[][] sequenceMeanSdByClass, int[][] sequencesByClass) {
        this(low, high, sequenceMeanMean, sequenceMeanSd, constantShare, sequenceMeanMeanByClass, sequenceMeanSdByClass,
                sequencesByClass, null, null);
    }

    /** A range without the sequences' means (as older cards hold it). */
    public TrainingRange(float[] low, float[] high) {
        this(low, high, null, null, null);
    }

    /** A range without the per-class sequence means (as cards before them hold it). */
    public TrainingRange(float[] low, float[] high, float[] sequenceMeanMean, float[] sequenceMeanSd, float[] constantShare) {
        this(low, high, sequenceMeanMean, sequenceMeanSd, constantShare, null, null, null);
    }

    /** A range with the sequences' means, without the constant shares. */
    public TrainingRange(float[] low, float[] high, float[] sequenceMeanMean, float[] sequenceMeanSd) {
        this(low, high, sequenceMeanMean, sequenceMeanSd, null);
    }

    @JsonCreator
    static TrainingRange fromJson(@JsonProperty("low") float[] low, @JsonProperty("high") float[] high,
                                  @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                          useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                  @JsonProperty("sequenceMeanMean") float[] sequenceMeanMean,
                                  @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                          useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                  @JsonProperty("sequenceMeanSd") float[] sequenceMeanSd,
                                  @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                          useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                  @JsonProperty("constantShare") float[] constantShare,
                                  @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                          useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                  @JsonProperty("sequenceMeanMeanByClass") float[][] sequenceMeanMeanByClass,
                                  @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                          useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                  @JsonProperty("sequenceMeanSdByClass") float[][] sequenceMeanSdByClass,
                                  @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                          useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                  @JsonProperty("sequencesByClass") int[][] sequencesByClass,
                                  @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                          useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                  @JsonProperty("p01") float[] p01,
                                  @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                          useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                  @JsonProperty("p99") float[] p99,
                                  @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                          useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                  @JsonProperty("sequenceSd") float[] sequenceSd) {
        return new TrainingRange(low, high, sequenceMeanMean, sequenceMeanSd, constantShare, sequenceMeanMeanByClass,
                sequenceMeanSdByClass, sequencesByClass, p01, p99, sequenceSd);
    }

    /**
     * The range of each of {@code features} features over {@code sequences} ({@code [time][feature]} each); missing values
     * (NaN) are skipped, and a feature without any value gets 0 to 0 (the standardiser finds it constant, and it is not
     * judged). With the mean and sd of the sequences' own means (a sequence without a value of the feature left out; 0 and
     * 0 when none has one).
     */
    public static TrainingRange of(List<float[][]> sequences, int features) {
        return of(sequences, null, 0, features);
    }

    /**
     * As {@link #of(List, int)}, with the per-class sequence means ({@link #sequenceMeanMeanByClass}) of the sequences'
     * {@code labels} (aligned with them, each 0 to {@code classes} - 1; null: none kept). A class without a sequence (or
     * without a value of a feature) gets 0, 0 and a count of 0, and is not judged by.
     */
    public static TrainingRange of(List<float[][]> sequences, int[] labels, int classes, int features) {
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
        float[] meanOfMeans = new float[features];
        float[] sdOfMeans = new float[features];
        for (int f = 0; f < features; f++) {
            double[] means = sequenceMeans(sequences, f);
            if (means.length > 0) {
                double m = java.util.Arrays.stream(means).average().orElse(0);
                double squares = 0;
                for (double x : means) {
                    squares += (x - m) * (x - m);
                }
                meanOfMeans[f] = (float) m;
                sdOfMeans[f] = (float) Math.sqrt(squares / means.length);
            }
        }
        float[] constant = new float[features];
        for (int f = 0; f < features; f++) {
            int judged = 0;
            int held = 0;
            for (float[][] sequence : sequences) {
                int kind = constancy(sequence, f);
                if (kind >= 0) {
                    judged++;
                    held += kind;
                }
            }
            constant[f] = judged == 0 ? 0 : (float) held / judged;
        }
        float[] p01 = new float[features];
        float[] p99 = new float[features];
        for (int f = 0; f < features; f++) {
            float[] bulk = percentiles(sequences, f);
            p01[f] = bulk[0];
            p99[f] = bulk[1];
        }
        float[] within = new float[features];
        for (int f = 0; f < features; f++) {
            within[f] = (float) sequenceSd(sequences, f);
        }
        if (labels == null || labels.length != sequences.size() || classes <= 0) {
            return new TrainingRange(low, high, meanOfMeans, sdOfMeans, constant, null, null, null, p01, p99, within);
        }
        float[][] byClassMean = new float[classes][features];
        float[][] byClassSd = new float[classes][features];
        int[][] byClassCount = new int[classes][features];
        for (int c = 0; c < classes; c++) {
            List<float[][]> own = new java.util.ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    own.add(sequences.get(i));
                }
            }
            for (int f = 0; f < features; f++) {
                double[] means = sequenceMeans(own, f);
                if (means.length > 0) {
                    double m = Arrays.stream(means).average().orElse(0);
                    double squares = 0;
                    for (double x : means) {
                        squares += (x - m) * (x - m);
                    }
                    byClassMean[c][f] = (float) m;
                    byClassSd[c][f] = (float) Math.sqrt(squares / means.length);
                    byClassCount[c][f] = means.length;
                }
            }
        }
        return new TrainingRange(low, high, meanOfMeans, sdOfMeans, constant, byClassMean, byClassSd, byClassCount, p01, p99,
                within);
    }

    /**
     * The spread of feature {@code f} within {@code sequences}: the square root of the mean over the sequences with 2 values
     * of it or more (missing ones skipped) of each one's own population variance; 0 without such a sequence.
     */
    public static double sequenceSd(List<float[][]> sequences, int f) {
        double sum = 0;
        int judged = 0;
        for (float[][] sequence : sequences) {
            double s = 0;
            int n = 0;
            for (float[] step : sequence) {
                if (!Float.isNaN(step[f])) {
                    s += step[f];
                    n++;
                }
            }
            if (n < 2) {
                continue;
            }
            double m = s / n;
            double squares = 0; // two passes, as the levels of raw counts would cancel in a sum of squares
            for (float[] step : sequence) {
                if (!Float.isNaN(step[f])) {
                    squares += (step[f] - m) * (step[f] - m);
                }
            }
            sum += squares / n;
            judged++;
        }
        return judged == 0 ? 0 : Math.sqrt(sum / judged);
    }

    /** Whether the card holds the spread within the training sequences ({@link #sequenceSd}): not in older cards. */
    public boolean hasSequenceSd() {
        return sequenceSd != null;
    }

    /** The spread within the training sequences of each feature (a copy), null in older cards. */
    @Override
    public float[] sequenceSd() {
        return sequenceSd == null ? null : sequenceSd.clone();
    }

    /**
     * The 1st and 99th percentiles of feature {@code f}'s values (missing ones skipped) over {@code sequences}, as {@link
     * org.rnnlab.datasets.csv.FarValues} takes them (the values at sorted positions floor(0.01 (n - 1)) and ceil(0.99 (n - 1)));
     * 0 and 0 without a value.
     */
    static float[] percentiles(List<float[][]> sequences, int f) {
        int n = 0;
        for (float[][] sequence : sequences) {
            for (float[] step : sequence) {
                n += Float.isNaN(step[f]) ? 0 : 1;
            }
        }
        if (n == 0) {
            return new float[] {0, 0};
        }
        float[] x = new float[n];
        int k = 0;
        for (float[][] sequence : sequences) {
            for (float[] step : sequence) {
                if (!Float.isNaN(step[f])) {
                    x[k++] = step[f];
                }
            }
        }
        Arrays.sort(x);
        return new float[] {x[(int) Math.floor(0.01 * (n - 1))], x[(int) Math.ceil(0.99 * (n - 1))]};
    }

    /** Whether the card holds the training percentiles ({@link #p01}, {@link #p99}): not in older cards. */
    public boolean hasPercentiles() {
        return p01 != null;
    }

    /** The 1st percentile of each feature's training values (a copy), null in older cards. */
    @Override
    public float[] p01() {
        return p01 == null ? null : p01.clone();
    }

    /** The 99th percentile of each feature's training values (a copy), null in older cards. */
    @Override
    public float[] p99() {
        return p99 == null ? null : p99.clone();
    }

    /**
     * Whether feature {@code f} of {@code sequence} holds one value throughout: 1, 0 when it varies, -1 when the sequence has
     * fewer than {@value #CONSTANT_STEPS} values of it (not judged). Missing values (NaN) are skipped, and so are steps that
     * are 0 in every feature ({@link #allZero}: an empty frame or placeholder row, which would otherwise make a frozen
     * sensor's one value two).
     */
    static int constancy(float[][] sequence, int f) {
        int n = 0;
        float first = Float.NaN;
        boolean same = true;
        for (float[] step : sequence) {
            float x = step[f];
            if (Float.isNaN(x) || allZero(step)) {
                continue;
            }
            if (n++ == 0) {
                first = x;
            } else if (x != first) {
                same = false;
            }
        }
        return n < CONSTANT_STEPS ? -1 : same ? 1 : 0;
    }

    /** Whether every feature of {@code step} is exactly 0 (a missing value is not 0): a placeholder row. */
    static boolean allZero(float[] step) {
        for (float x : step) {
            if (x != 0) {
                return false; // NaN != 0 too
            }
        }
        return step.length > 0;
    }

    /**
     * The features of {@code sequence} ({@code [time][feature]}) that hold one value over {@value #CONSTANT_STEPS} or more
     * steps where under {@link #RARELY_CONSTANT} of the training sequences did: a frozen sensor, a dead channel, a repeated
     * frame; empty for a card without the shares (older cards).
     */
    public List<Integer> constantFeatures(float[][] sequence) {
        return constantFeatures(sequence, java.util.Set.of());
    }

    /**
     * As {@link #constantFeatures(float[][])}, leaving out the features {@code categories} (a recorded one-hot group's
     * columns and 0/1 flags, {@link SequenceClassifier#categoryFeatures}): a category not in use over a sequence holds its
     * column at 0 by nature (a greenhouse trial's vent_mode_auto = 0 over 2-hour night days, when the vents are closed, was
     * called a frozen sensor), as the training data's flat-sequence check leaves features of few values alone.
     */
    public List<Integer> constantFeatures(float[][] sequence, java.util.Set<Integer> categories) {
        if (constantShare == null) {
            return List.of();
        }
        List<Integer> out = new java.util.ArrayList<>();
        for (int f = 0; f < constantShare.length; f++) {
            if (constantShare[f] < RARELY_CONSTANT && !categories.contains(f) && constancy(sequence, f) == 1) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The 0/1 flags among the features: training values 0 to 1, with the variance of a 0/1 column, mean · (1 − mean), in the
     * standardiser's {@code mean} and {@code std} (as {@link FarFromTraining} tells a flag).
     */
    public java.util.Set<Integer> flagFeatures(float[] mean, float[] std) {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (int f = 0; f < Math.min(low.length, Math.min(mean.length, std.length)); f++) {
            double variance = (double) std[f] * std[f];
            if (low[f] == 0 && high[f] == 1 && Math.abs(variance - mean[f] * (1.0 - mean[f])) <= 1e-3) {
                out.add(f);
            }
        }
        return out;
    }

    /** Whether the card holds the constant shares ({@link #constantShare}): not in older cards. */
    public boolean hasConstantShares() {
        return constantShare != null;
    }

    /** The share of training sequences holding each feature constant (a copy), null in older cards. */
    @Override
    public float[] constantShare() {
        return constantShare == null ? null : constantShare.clone();
    }

    /** Each sequence's mean of feature {@code f} over its values not missing; sequences without one left out. */
    public static double[] sequenceMeans(List<float[][]> sequences, int f) {
        double[] out = new double[sequences.size()];
        int k = 0;
        for (float[][] sequence : sequences) {
            double sum = 0;
            int n = 0;
            for (float[] step : sequence) {
                if (!Float.isNaN(step[f])) {
                    sum += step[f];
                    n++;
                }
            }
            if (n > 0) {
                out[k++] = sum / n;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Whether the card holds the per-class sequence means ({@link #sequenceMeanMeanByClass}): not in older cards. */
    public boolean hasClassSequenceMeans() {
        return sequenceMeanMeanByClass != null;
    }

    /** The number of classes of the per-class sequence means, 0 without them. */
    public int classCount() {
        return sequenceMeanMeanByClass == null ? 0 : sequenceMeanMeanByClass.length;
    }

    /** Per class and feature, the mean of the training sequences' means of that class (a copy), null in older cards. */
    @Override
    public float[][] sequenceMeanMeanByClass() {
        return sequenceMeanMeanByClass == null ? null : Arrays.stream(sequenceMeanMeanByClass).map(float[]::clone).toArray(float[][]::new);
    }

    /** Per class and feature, the sd of the training sequences' means of that class (a copy), null in older cards. */
    @Override
    public float[][] sequenceMeanSdByClass() {
        return sequenceMeanSdByClass == null ? null : Arrays.stream(sequenceMeanSdByClass).map(float[]::clone).toArray(float[][]::new);
    }

    /** Per class and feature, the number of training sequences of that class with a value of it (a copy), null in older cards. */
    @Override
    public int[][] sequencesByClass() {
        return sequencesByClass == null ? null : Arrays.stream(sequencesByClass).map(int[]::clone).toArray(int[][]::new);
    }

    /** Class {@code c}'s mean of its training sequences' means of feature {@code f} (no copy); only with {@link #hasClassSequenceMeans}. */
    public float classMean(int c, int f) {
        return sequenceMeanMeanByClass[c][f];
    }

    /** Class {@code c}'s sd of its training sequences' means of feature {@code f}; only with {@link #hasClassSequenceMeans}. */
    public float classSd(int c, int f) {
        return sequenceMeanSdByClass[c][f];
    }

    /** Class {@code c}'s number of training sequences with a value of feature {@code f}; only with {@link #hasClassSequenceMeans}. */
    public int classSequences(int c, int f) {
        return sequencesByClass[c][f];
    }

    /** Whether the card holds the sequences' means ({@link #sequenceMeanMean}, {@link #sequenceMeanSd}): not in older cards. */
    public boolean hasSequenceMeans() {
        return sequenceMeanSd != null;
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

    /** The mean of the training sequences' means (a copy), null in older cards. */
    @Override
    public float[] sequenceMeanMean() {
        return sequenceMeanMean == null ? null : sequenceMeanMean.clone();
    }

    /** The sd of the training sequences' means (a copy), null in older cards. */
    @Override
    public float[] sequenceMeanSd() {
        return sequenceMeanSd == null ? null : sequenceMeanSd.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingRange r && Arrays.equals(low, r.low) && Arrays.equals(high, r.high)
                && Arrays.equals(sequenceMeanMean, r.sequenceMeanMean) && Arrays.equals(sequenceMeanSd, r.sequenceMeanSd)
                && Arrays.equals(constantShare, r.constantShare) && Arrays.deepEquals(sequenceMeanMeanByClass, r.sequenceMeanMeanByClass)
                && Arrays.deepEquals(sequenceMeanSdByClass, r.sequenceMeanSdByClass) && Arrays.deepEquals(sequencesByClass, r.sequencesByClass)
                && Arrays.equals(p01, r.p01) && Arrays.equals(p99, r.p99) && Arrays.equals(sequenceSd, r.sequenceSd);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(low) + Arrays.hashCode(high)) + Arrays.hashCode(sequenceMeanMean))
                + Arrays.hashCode(sequenceMeanSd) + 37 * Arrays.hashCode(constantShare) + 41 * Arrays.deepHashCode(sequenceMeanMeanByClass)
                + 43 * Arrays.hashCode(p01) + 47 * Arrays.hashCode(p99) + 53 * Arrays.hashCode(sequenceSd);
    }

    @Override
    public String toString() {
        return "TrainingRange[low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + (sequenceMeanSd == null ? ""
                : ", sequenceMeanMean=" + Arrays.toString(sequenceMeanMean) + ", sequenceMeanSd=" + Arrays.toString(sequenceMeanSd))
                + (constantShare == null ? "" : ", constantShare=" + Arrays.toString(constantShare))
                + (sequenceMeanMeanByClass == null ? "" : ", sequenceMeanMeanByClass=" + Arrays.deepToString(sequenceMeanMeanByClass)
                + ", sequenceMeanSdByClass=" + Arrays.deepToString(sequenceMeanSdByClass) + ", sequencesByClass="
                + Arrays.deepToString(sequencesByClass)) + (p01 == null ? "" : ", p01=" + Arrays.toString(p01) + ", p99="
                + Arrays.toString(p99)) + (sequenceSd == null ? "" : ", sequenceSd=" + Arrays.toString(sequenceSd)) + "]";
    }
}
