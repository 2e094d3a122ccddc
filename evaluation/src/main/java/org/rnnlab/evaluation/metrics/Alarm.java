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
     * A cut-off whose recall is {@code target} or more and that raises as few sequences as such a cut-off can: every sequence
     * at or above the score of the class's ceil(target x positives)-th highest sequence is raised, and the cut-off lies in
     * the gap between that score and the next lower score of any sequence, at a short round value near the gap's middle
     * ({@link #cutBelow}), not on either; a cut-off above that score would miss the target; null when the data hold no
     * sequence of the class.
     *
     * <p>Not on the score itself: a sequence's probability moves by about 1e-7 with the other sequences of its padded
     * minibatch (float32 products of other shapes round otherwise), so a cut-off equal to one positive's probability
     * caught it on evaluate's split and missed it when predict scored the same sequences from a file (an e-commerce
     * trial: "recall 21/34" at p_1 >= 0.2693723440170288, 20/34 given back as --threshold).
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
        return at(positive, score, cutBelow(score, sorted[n - needed]));
    }

    /**
     * The lowest cut-off whose precision (the class's sequences among those raised) is {@code target} or more on these
     * data, the one that raises the most sequences with that precision, placed as {@link #forRecall} places its cut-off;
     * null when no cut-off reaches it (see {@link #bestPrecision}) or the data hold no sequence of the class.
     */
    public static Alarm forPrecision(boolean[] positive, double[] score, double target) {
        double level = Double.NaN;
        for (double[] step : levels(positive, score)) { // level, raised, caught
            if (step[2] > 0 && step[2] / step[1] >= target - 1e-12) {
                level = step[0];
            }
        }
        return Double.isNaN(level) ? null : at(positive, score, cutBelow(score, level));
    }

    /**
     * The cut-off of the highest precision on these data (of several, the lowest), placed as {@link #forRecall} places its
     * cut-off; null when the data hold no sequence of the class.
     */
    public static Alarm bestPrecision(boolean[] positive, double[] score) {
        double level = Double.NaN;
        double best = -1;
        for (double[] step : levels(positive, score)) {
            double precision = step[2] / step[1];
            if (step[2] > 0 && precision >= best) {
                best = precision;
                level = step[0];
            }
        }
        return Double.isNaN(level) ? null : at(positive, score, cutBelow(score, level));
    }

    /** Each distinct score from the highest, with the sequences at or above it and the class's among them. */
    private static java.util.List<double[]> levels(boolean[] positive, double[] score) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        java.util.List<double[]> out = new java.util.ArrayList<>();
        long raised = 0;
        long caught = 0;
        for (int i = 0; i < order.length; i++) {
            raised++;
            caught += positive[order[i]] ? 1 : 0;
            if (i + 1 == order.length || score[order[i + 1]] != score[order[i]]) {
                out.add(new double[] {score[order[i]], raised, caught});
            }
        }
        return out;
    }

    /**
     * A cut-off that raises every sequence scored {@code level} or more and no other: strictly between {@code level} and
     * the next lower score of {@code score} (0 when there is none), the middle of that gap rounded to the fewest significant
     * digits that stay within its middle half, so that it reads short (0.2694) and is at least a quarter of the gap from
     * either score; {@code level} itself when no cut-off in (0, 1) lies below it (a level of 0).
     */
    public static double cutBelow(double[] score, double level) {
        double lower = 0;
        for (double x : score) {
            if (x < level && x > lower) {
                lower = x;
            }
        }
        return cutBetween(level, lower);
    }

    /**
     * {@link #cutBelow} for a {@code level} whose next lower score, {@code lower} (0 when there is none), is known: the
     * short decimal strictly between them; {@code level} itself when none lies between (a level of 0).
     */
    public static double cutBetween(double level, double lower) {
        if (!(level > lower)) {
            return level;
        }
        double mid = lower + (level - lower) / 2;
        double quarter = (level - lower) / 4;
        for (int digits = 1; digits <= 17; digits++) {
            double r = new java.math.BigDecimal(mid).round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN))
                    .doubleValue();
            if (r >= mid - quarter && r <= mid + quarter && r > lower && r < level) {
                return r;
            }
        }
        return mid > lower && mid < level ? mid : level;
    }

    /** How far the cut-off lies from the nearest score of {@code score}: a gap of 1e-6 or less is no margin for scores that move by 1e-7. */
    public static double margin(double[] score, double t) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : score) {
            m = Math.min(m, Math.abs(x - t));
        }
        return m;
    }

    public double recall() {
        return positives == 0 ? Double.NaN : (double) caught / positives;
    }

    public double falseAlarmRate() {
        return negatives == 0 ? Double.NaN : (double) falseAlarms / negatives;
    }

    /** The class's sequences among those raised; NaN when none is raised. */
    public double precision() {
        long raised = caught + falseAlarms;
        return raised == 0 ? Double.NaN : (double) caught / raised;
    }

    /** Precision's 95% Wilson interval (of the class's sequences among those raised). */
    public double[] precisionInterval() {
        return ScoreIntervals.wilson(caught, caught + falseAlarms);
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
     * {@code recall 23/25 = 0.9200 [0.7503, 0.9778], false alarms 462/775 = 0.5961 [0.5611, 0.6302], 485 raised,
     * precision 0.0474 [0.0318, 0.0701] (95% Wilson intervals)}.
     */
    public String describe() {
        double[] r = recallInterval();
        double[] f = falseAlarmInterval();
        long raised = caught + falseAlarms;
        return String.format(Locale.ROOT, "recall %d/%d = %s [%.4f, %.4f], false alarms %d/%d = %s [%.4f, %.4f], %d raised, "
                        + "precision %s (95%% Wilson intervals)", caught, positives, number(recall()), r[0], r[1], falseAlarms, negatives,
                number(falseAlarmRate()), f[0], f[1], raised, raised == 0 ? "-" : String.format(Locale.ROOT, "%s [%.4f, %.4f]",
                        number(precision()), precisionInterval()[0], precisionInterval()[1]));
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
