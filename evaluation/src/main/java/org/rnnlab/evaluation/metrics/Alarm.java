package org.rnnlab.evaluation.metrics;

import java.util.Arrays;
import java.util.Locale;

/**
 * One class raised as an alarm at a cut-off of its probability: how many of its sequences it catches (recall) and how many
 * of the others it raises (the false-alarm rate, false positives over the other sequences), each with its 95% Wilson
 * interval (Wilson 1927, JASA 22: 209-212), and the cut-off that reaches a target recall. A plant's quality engineer (3%
 * defects) had only precision and recall at fixed cut-offs 0.05 ... 0.95, while 90% of a re-weighted model's scores lay
 * between 0.37 and 0.47; the operating point fell between two rows, and 23 of 25 defects caught came with no interval.
 *
 * @param threshold   the cut-off: the class is raised at probability {@code >= threshold}
 * @param positives   the class's sequences
 * @param caught      of those, raised
 * @param negatives   the other sequences
 * @param falseAlarms of those, raised
 */
public record Alarm(double threshold, long positives, long caught, long negatives, long falseAlarms) {

    /** The alarm at cut-off {@code t}. */
    public static Alarm at(boolean[] positive, double[] score, double t) {
        long p = 0;
        long caught = 0;
        long falseAlarms = 0;
        for (int i = 0; i < score.length; i++) {
            p += positive[i] ? 1 : 0;
            if (score[i] >= t) {
                if (positive[i]) {
                    caught++;
                } else {
                    falseAlarms++;
                }
            }
        }
        return new Alarm(t, p, caught, score.length - p, falseAlarms);
    }

    /**
     * The highest cut-off whose recall is {@code target} or more: the score of the class's ceil(target x positives)-th
     * highest sequence (every sequence at that score is raised); null when the data hold no sequence of the class.
     */
    public static Alarm forRecall(boolean[] positive, double[] score, double target) {
        double[] ofClass = new double[score.length];
        int n = 0;
        for (int i = 0; i < score.length; i++) {
            if (positive[i]) {
                ofClass[n++] = score[i];
            }
        }
        if (n == 0) {
            return null;
        }
        double[] sorted = Arrays.copyOf(ofClass, n);
        Arrays.sort(sorted);
        int needed = (int) Math.ceil(target * n - 1e-9);
        needed = Math.max(1, Math.min(n, needed));
        return at(positive, score, sorted[n - needed]);
    }

    public double recall() {
        return positives == 0 ? Double.NaN : (double) caught / positives;
    }

    public double falseAlarmRate() {
        return negatives == 0 ? Double.NaN : (double) falseAlarms / negatives;
    }

    /** Recall's 95% Wilson interval. */
    public double[] recallInterval() {
        return ScoreIntervals.wilson(caught, positives);
    }

    /** The false-alarm rate's 95% Wilson interval. */
    public double[] falseAlarmInterval() {
        return ScoreIntervals.wilson(falseAlarms, negatives);
    }

    /**
     * {@code recall 23/25 = 0.9200 [0.7503, 0.9778], false alarms 462/775 = 0.5961 [0.5611, 0.6302], precision 0.0474
     * (95% Wilson intervals)}.
     */
    public String describe() {
        double[] r = recallInterval();
        double[] f = falseAlarmInterval();
        long raised = caught + falseAlarms;
        return String.format(Locale.ROOT, "recall %d/%d = %s [%.4f, %.4f], false alarms %d/%d = %s [%.4f, %.4f], %d raised, "
                        + "precision %s (95%% Wilson intervals)", caught, positives, number(recall()), r[0], r[1], falseAlarms, negatives,
                number(falseAlarmRate()), f[0], f[1], raised, raised == 0 ? "-" : number((double) caught / raised));
    }

    /**
     * What recall the data can show at all: with every sequence of the class caught, the lower end of recall's 95% Wilson
     * interval; a target above it cannot be shown on these data, however good the model.
     */
    public static double bestShowable(long positives) {
        return ScoreIntervals.wilson(positives, positives)[0];
    }

    private static String number(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.4f", x);
    }
}
