package org.rnnlab.evaluation.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One cut-off of the positive class's precision-recall and ROC curve: the sequences whose probability of the class is
 * {@code probability} or more raised, the others not. A fall-detection trial's class-weighted probabilities of falls lay
 * bunched between 0.87 and 0.96, between two rows of evaluate's fixed table (0.9, 0.95); it wrote the split's windows to a
 * file, ran predict and scikit-learn's {@code precision_recall_curve} for the rows in between. {@link #curve} gives every
 * distinct cut-off instead, each placed as {@link Alarm#forRecall} places its own: a short decimal {@code threshold}
 * between this probability and the next lower one, which given back as {@code --threshold} raises the same sequences also
 * when a probability moves by 1e-7 in another minibatch.
 *
 * @param threshold   a cut-off that raises exactly these sequences: between {@code probability} and the next lower one
 * @param probability the lowest probability raised (scikit-learn's threshold of the row)
 * @param tp          the class's sequences raised
 * @param fp          other sequences raised (false alarms)
 * @param fn          the class's sequences not raised
 * @param tn          other sequences not raised
 */
public record CurvePoint(double threshold, double probability, long tp, long fp, long fn, long tn) {

    /** The file's header: evaluate's {@code --curve}. */
    public static final String HEADER = "threshold,probability,tp,fp,fn,tn,precision,recall,false_alarm_rate";

    /**
     * Every distinct cut-off of {@code score} for the sequences marked {@code positive}, from the highest probability down:
     * each row raises the sequences of one more distinct probability, the last every sequence. Ties are one row, as
     * scikit-learn groups them, so that the average precision and ROC AUC of {@link Ranking} follow from the rows.
     */
    public static List<CurvePoint> curve(boolean[] positive, double[] score) {
        if (positive.length != score.length) {
            throw new IllegalArgumentException(positive.length + " classes but " + score.length + " probabilities");
        }
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        long negatives = score.length - positives;
        List<CurvePoint> out = new ArrayList<>();
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < order.length; i++) {
            if (positive[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            double level = score[order[i]];
            if (i + 1 == order.length || score[order[i + 1]] != level) {
                double lower = i + 1 == order.length ? 0 : Math.max(0, score[order[i + 1]]);
                out.add(new CurvePoint(Alarm.cutBetween(level, lower), level, tp, fp, positives - tp, negatives - fp));
            }
        }
        return out;
    }

    /** The class's sequences among those raised (never undefined: a row raises at least one sequence). */
    public double precision() {
        return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    }

    /** The class's sequences raised over all of them; NaN when the data hold none. */
    public double recall() {
        return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
    }

    /** Other sequences raised over all of them (the ROC curve's false-positive rate); NaN when the data hold none. */
    public double falseAlarmRate() {
        return fp + tn == 0 ? Double.NaN : (double) fp / (fp + tn);
    }

    /**
     * The rows as CSV ({@link #HEADER}): the cut-offs as short decimals, the probabilities and rates at full precision
     * (as Java prints a double), an undefined rate empty.
     */
    public static String csv(List<CurvePoint> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (CurvePoint r : rows) {
            sb.append(java.math.BigDecimal.valueOf(r.threshold).stripTrailingZeros().toPlainString()).append(',')
                    .append(r.probability).append(',').append(r.tp).append(',').append(r.fp).append(',').append(r.fn).append(',')
                    .append(r.tn).append(',').append(rate(r.precision())).append(',').append(rate(r.recall())).append(',')
                    .append(rate(r.falseAlarmRate())).append('\n');
        }
        return sb.toString();
    }

    private static String rate(double x) {
        return Double.isNaN(x) ? "" : Double.toString(x);
    }
}
