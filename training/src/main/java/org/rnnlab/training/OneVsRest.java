package org.rnnlab.training;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Threshold-free scores of predicted probabilities, each class against the rest: ROC AUC and average precision, exact with
 * ties grouped as scikit-learn groups them, and their macro averages; and the log-loss. Here, below the evaluation module,
 * so that training can judge its epochs by them ({@link EpochSelection#ROC_AUC}, {@link EpochSelection#AVERAGE_PRECISION},
 * {@link EpochSelection#LOG_LOSS}: a trial's rare defects never crossed p = 0.5, and the argmax criteria stayed flat) with
 * the same numbers {@code evaluate} reports ({@code org.rnnlab.evaluation.metrics.Ranking} uses these functions).
 */
public final class OneVsRest {
    /** Where probabilities are clipped before their log, as scikit-learn's {@code log_loss}: a confident miss costs 34.5, not infinity. */
    public static final double EPSILON = 1e-15;

    private OneVsRest() {
    }

    /**
     * The area under the ROC curve of {@code score} for the examples marked {@code positive}: the share of (positive,
     * negative) pairs the score orders right, a tie counted half (the Mann-Whitney statistic with mid-ranks, scikit-learn's
     * {@code roc_auc_score}); NaN without positives or without negatives.
     */
    public static double rocAuc(boolean[] positive, double[] score) {
        Integer[] order = ascending(score);
        long positives = 0;
        double rankSum = 0; // the positives' ranks, 1-based, a tied group's members each at the group's mean rank
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end < order.length && score[order[end]] == score[order[start]]) {
                end++;
            }
            double midRank = (start + 1 + end) / 2.0;
            for (int j = start; j < end; j++) {
                if (positive[order[j]]) {
                    positives++;
                    rankSum += midRank;
                }
            }
            start = end;
        }
        long negatives = order.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return Math.max(0.0, Math.min(1.0, (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives)));
    }

    /**
     * Average precision of {@code score} for the examples marked {@code positive}: over the distinct scores from the highest,
     * the precision among the examples at or above each times the recall it adds (scikit-learn's
     * {@code average_precision_score}); NaN without positives.
     */
    public static double averagePrecision(boolean[] positive, double[] score) {
        Integer[] order = ascending(score);
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long tp = 0;
        long seen = 0;
        for (int end = order.length; end > 0; ) {
            int start = end - 1;
            while (start > 0 && score[order[start - 1]] == score[order[end - 1]]) {
                start--;
            }
            long added = 0;
            for (int j = start; j < end; j++) {
                added += positive[order[j]] ? 1 : 0;
            }
            tp += added;
            seen += end - start;
            ap += added * ((double) tp / seen); // summed in positives, divided once: 1/9 added 9 times exceeded 1
            end = start;
        }
        // at most 1 (a trial's evaluate --json gave 1.0000000000000004 for a perfect ranking)
        return Math.min(1.0, ap / positives);
    }

    /** Whether example i is of class {@code c}, and its probability of it. */
    private static boolean[] positives(int[] actual, int c) {
        boolean[] positive = new boolean[actual.length];
        for (int i = 0; i < actual.length; i++) {
            positive[i] = actual[i] == c;
        }
        return positive;
    }

    private static double[] column(double[][] probabilities, int c) {
        double[] score = new double[probabilities.length];
        for (int i = 0; i < score.length; i++) {
            score[i] = probabilities[i][c];
        }
        return score;
    }

    /**
     * The mean ROC AUC of the {@code classes} classes, each against the rest, over those where it is defined (NaN when none):
     * {@code evaluate}'s macro ROC AUC. For two classes both have the same AUC, that of the positive class.
     */
    public static double macroRocAuc(int classes, int[] actual, double[][] probabilities) {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < classes; c++) {
            double auc = rocAuc(positives(actual, c), column(probabilities, c));
            if (!Double.isNaN(auc)) {
                sum += auc;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The mean average precision of the classes, each against the rest, over those where it is defined and some example is
     * of another class (a class of every example has 1 whatever the probabilities); NaN when none: {@code evaluate}'s macro
     * average precision.
     */
    public static double macroAveragePrecision(int classes, int[] actual, double[][] probabilities) {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < classes; c++) {
            boolean[] positive = positives(actual, c);
            double ap = averagePrecision(positive, column(probabilities, c));
            long count = 0;
            for (boolean p : positive) {
                count += p ? 1 : 0;
            }
            if (!Double.isNaN(ap) && count < actual.length) {
                sum += ap;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The mean over the examples of minus the natural log of the probability of their true class, clipped to
     * [{@link #EPSILON}, 1 - {@link #EPSILON}]; NaN without examples.
     */
    public static double logLoss(int[] actual, double[][] probabilities) {
        if (actual.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i][actual[i]]));
            sum -= Math.log(p);
        }
        return sum / actual.length;
    }

    private static Integer[] ascending(double[] score) {
        if (Arrays.stream(score).anyMatch(Double::isNaN)) {
            throw new IllegalArgumentException("a probability is NaN");
        }
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        return order;
    }
}
