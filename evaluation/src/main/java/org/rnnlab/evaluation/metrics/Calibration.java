package org.rnnlab.evaluation.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.core.NanAsNull;

/**
 * Whether the predicted probabilities can be read as probabilities: the Brier score, the expected calibration error (ECE)
 * with its reliability table, and for a positive class the calibration-in-the-large (mean predicted probability against
 * the observed share) and the calibration slope and intercept ({@link CalibrationSlope}). A trial (ICU mortality, 9.5%
 * deaths) found none of these: a class-weighted model's mean probability was 0.318, and only the trial's own script showed
 * it; ranking metrics (ROC AUC) do not see it, as a shift keeps the order.
 *
 * <p>The Brier score is the mean over sequences of the squared error of the probability vector against the one-hot true
 * class, summed over the classes (Brier 1950; 0 to 2; for two classes twice the binary Brier). With a positive class its
 * binary Brier, mean (p - y)^2, is given too. The ECE bins the sequences into {@value #BINS} equal-width bins of [0, 1]
 * (the last one closed) by the top-class probability, whether the most probable class is the true one (Guo et al. 2017),
 * or with a positive class by that class's probability, whether the sequence is of it; it is the mean over sequences of
 * |mean predicted - observed share| of their bin.
 *
 * @param brier             the multi-class Brier score
 * @param positive          the positive class's label, or null (the ECE is then of the top class)
 * @param brierPositive     the positive class's binary Brier score (NaN without one)
 * @param ece               the expected calibration error
 * @param bins              the reliability table, {@value #BINS} rows from [0, 0.1) to [0.9, 1]
 * @param meanPredicted     the positive class's mean predicted probability (NaN without one)
 * @param observedShare     the share of sequences of the positive class (NaN without one)
 * @param slope             the positive class's calibration slope and intercept, or null without one
 */
public record Calibration(@JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class) double brier,
                          String positive,
                          @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                          double brierPositive,
                          @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class) double ece,
                          List<Bin> bins,
                          @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                          double meanPredicted,
                          @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                          double observedShare,
                          @JsonIgnore CalibrationSlope slope) {

    /** The ECE's and the reliability table's number of equal-width bins. */
    public static final int BINS = 10;

    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * One bin of the reliability table: the sequences whose probability lies in [lower, upper) ([0.9, 1] for the last).
     *
     * @param lower         the bin's lower end
     * @param upper         the bin's upper end
     * @param count         sequences in it
     * @param meanPredicted their mean probability (NaN, null in JSON, when empty)
     * @param observedShare the share of them that are right (top class) or of the positive class (NaN when empty)
     */
    public record Bin(double lower, double upper, long count,
                      @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                      double meanPredicted,
                      @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                      double observedShare) {
    }

    /** What the ECE and the table bin: "top class" or "positive class". */
    public String eceOf() {
        return positive == null ? "top class" : "positive class";
    }

    /**
     * Above this ECE evaluate says in words which way the probabilities are off ({@link #binnedMean}, {@link #binnedObserved}):
     * a trial's 3-class model gave its top class 0.35 to 0.62 at an accuracy of 0.925 on new data, printed as "ECE 0.4770"
     * alone, and an engineer read p_in_spec 0.44 as a coin flip (trial 76d F13).
     */
    public static final double ECE_WORDS = 0.1;

    /** The mean of the binned probability over all sequences: the mean top-class (or positive-class) probability; NaN for none. */
    public double binnedMean() {
        long n = bins.stream().mapToLong(Bin::count).sum();
        return n == 0 ? Double.NaN : bins.stream().filter(b -> b.count() > 0).mapToDouble(b -> b.count() * b.meanPredicted()).sum() / n;
    }

    /** The share of all sequences that are right (top class: the accuracy) or of the positive class; NaN for none. */
    public double binnedObserved() {
        long n = bins.stream().mapToLong(Bin::count).sum();
        return n == 0 ? Double.NaN : bins.stream().filter(b -> b.count() > 0).mapToDouble(b -> b.count() * b.observedShare()).sum() / n;
    }

    /**
     * The calibration of {@code probabilities[i][c]} (sequence i's probability of class c) against the true classes
     * {@code actual[i]}; {@code positive} a class index or -1, {@code labels} the class names.
     */
    public static Calibration of(List<String> labels, int[] actual, double[][] probabilities, int positive) {
        int n = actual.length;
        if (n != probabilities.length) {
            throw new IllegalArgumentException(n + " classes but " + probabilities.length + " rows of probabilities");
        }
        double brier = 0;
        double brierPositive = 0;
        double[] score = new double[n];
        boolean[] hit = new boolean[n];
        double sumPositive = 0;
        long positives = 0;
        for (int i = 0; i < n; i++) {
            double[] p = probabilities[i];
            int top = 0;
            for (int c = 0; c < p.length; c++) {
                double e = p[c] - (c == actual[i] ? 1 : 0);
                brier += e * e;
                top = p[c] > p[top] ? c : top;
            }
            if (positive >= 0) {
                boolean y = actual[i] == positive;
                double e = p[positive] - (y ? 1 : 0);
                brierPositive += e * e;
                score[i] = p[positive];
                hit[i] = y;
                sumPositive += p[positive];
                positives += y ? 1 : 0;
            } else {
                score[i] = p[top];
                hit[i] = top == actual[i];
            }
        }
        List<Bin> bins = reliability(score, hit);
        double ece = Double.NaN;
        if (n > 0) {
            ece = 0;
            for (Bin b : bins) {
                ece += b.count() == 0 ? 0 : b.count() * Math.abs(b.meanPredicted() - b.observedShare()) / n;
            }
        }
        double mean = n == 0 ? Double.NaN : 1.0 / n;
        if (positive < 0) {
            return new Calibration(brier * mean, null, Double.NaN, ece, bins, Double.NaN, Double.NaN, null);
        }
        return new Calibration(brier * mean, labels.get(positive), brierPositive * mean, ece, bins, sumPositive * mean,
                positives * mean, n == 0 ? null : CalibrationSlope.fit(hit, score));
    }

    /** The {@value #BINS} equal-width bins of {@code score}, each with its mean score and share of {@code hit}. */
    public static List<Bin> reliability(double[] score, boolean[] hit) {
        long[] count = new long[BINS];
        double[] sum = new double[BINS];
        long[] hits = new long[BINS];
        for (int i = 0; i < score.length; i++) {
            int b = Math.min(BINS - 1, Math.max(0, (int) Math.floor(score[i] * BINS)));
            count[b]++;
            sum[b] += score[i];
            hits[b] += hit[i] ? 1 : 0;
        }
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            out.add(new Bin(b / (double) BINS, (b + 1) / (double) BINS, count[b], count[b] == 0 ? Double.NaN : sum[b] / count[b],
                    count[b] == 0 ? Double.NaN : (double) hits[b] / count[b]));
        }
        return out;
    }
}
