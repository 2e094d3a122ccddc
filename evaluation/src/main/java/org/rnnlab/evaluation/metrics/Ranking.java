package org.rnnlab.evaluation.metrics;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.core.NanAsNull;

/**
 * The ranking metrics of predicted probabilities, each class against the rest: ROC AUC and average precision per class
 * and their macro averages. Unlike accuracy and F1 they need no decision rule: they say how well the probabilities order
 * the sequences, which is what a user of a rare class (3% fraud) chooses a cut-off from.
 *
 * <p>Computed exactly here, not with ND4J's {@code ROC}/{@code ROCMultiClass} (exact mode, {@code thresholdSteps} 0): those
 * sort the examples one by one without grouping equal probabilities, so a tie between a sequence of the class and another
 * counts as 1 or 0 by input order instead of one half (a positive and a negative both at 0.5 give AUC 1.0 in one order,
 * 0.0 in the other; {@code RankingTest}), and float probabilities that saturate tie often. Their AUPRC is moreover the
 * trapezoidal area under the precision-recall curve, which is not scikit-learn's average precision. Here ties are grouped,
 * as scikit-learn groups them: the ROC AUC is the Mann-Whitney statistic with mid-ranks ({@code roc_auc_score}), the
 * average precision sums, over the distinct probabilities from the highest, the recall each adds times the precision there
 * ({@code average_precision_score}).
 *
 * @param perClass                one row per class, in label order
 * @param macroRocAuc             mean ROC AUC over the classes where it is defined (NaN when none)
 * @param macroAveragePrecision   mean average precision over the classes where it is defined and some sequence is of another
 *                                class (NaN when none): a class of every sequence has 1 whatever the probabilities
 * @param rocAucClasses           how many classes the macro ROC AUC averages
 * @param averagePrecisionClasses how many classes the macro average precision averages
 */
public record Ranking(List<ClassRanking> perClass,
                      @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                      double macroRocAuc,
                      @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                      double macroAveragePrecision,
                      int rocAucClasses, int averagePrecisionClasses) {

    /** The cut-offs {@link #cutOffs} reports by default: where a rare class's or a re-weighted model's threshold may lie. */
    public static final double[] CUT_OFFS = {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};

    public Ranking {
        perClass = List.copyOf(perClass);
    }

    /**
     * The ranking of {@code probabilities[i][c]} (sequence i's probability of class c) against the true classes
     * {@code actual[i]}, one class against the rest for each of {@code labels}.
     */
    public static Ranking of(List<String> labels, int[] actual, double[][] probabilities) {
        if (actual.length != probabilities.length) {
            throw new IllegalArgumentException(actual.length + " classes but " + probabilities.length + " rows of probabilities");
        }
        List<ClassRanking> rows = new ArrayList<>();
        double sumAuc = 0;
        double sumAp = 0;
        int aucs = 0;
        int aps = 0;
        for (int c = 0; c < labels.size(); c++) {
            boolean[] positive = new boolean[actual.length];
            double[] score = new double[actual.length];
            long positives = 0;
            for (int i = 0; i < actual.length; i++) {
                positive[i] = actual[i] == c;
                score[i] = probabilities[i][c];
                positives += positive[i] ? 1 : 0;
            }
            double auc = rocAuc(positive, score);
            double ap = averagePrecision(positive, score);
            rows.add(new ClassRanking(labels.get(c), positives, actual.length - positives, auc, ap));
            if (!Double.isNaN(auc)) {
                sumAuc += auc;
                aucs++;
            }
            // a class every sequence belongs to has an average precision of 1 whatever the probabilities: nothing ranked below
            // it; left out of the macro average, which it would lift for any model (a review: a one-class test split or fold
            // gave an untrained model a perfect macro average precision)
            if (!Double.isNaN(ap) && positives < actual.length) {
                sumAp += ap;
                aps++;
            }
        }
        // means of values in [0, 1], kept there against rounding
        return new Ranking(rows, aucs == 0 ? Double.NaN : Math.min(1.0, sumAuc / aucs), aps == 0 ? Double.NaN : Math.min(1.0, sumAp / aps),
                aucs, aps);
    }

    /** The area under the ROC curve of {@code score} for the examples marked {@code positive}: {@link org.rnnlab.training.OneVsRest#rocAuc}. */
    public static double rocAuc(boolean[] positive, double[] score) {
        return org.rnnlab.training.OneVsRest.rocAuc(positive, score);
    }

    /** Average precision of {@code score} for the examples marked {@code positive}: {@link org.rnnlab.training.OneVsRest#averagePrecision}. */
    public static double averagePrecision(boolean[] positive, double[] score) {
        return org.rnnlab.training.OneVsRest.averagePrecision(positive, score);
    }

    /**
     * Precision and recall of the class marked {@code positive} when it is predicted at {@code score >= t}, for each
     * {@code t} of {@code thresholds}.
     */
    public static List<CutOff> cutOffs(boolean[] positive, double[] score, double[] thresholds) {
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        List<CutOff> out = new ArrayList<>();
        for (double t : thresholds) {
            long predicted = 0;
            long tp = 0;
            for (int i = 0; i < score.length; i++) {
                if (score[i] >= t) {
                    predicted++;
                    tp += positive[i] ? 1 : 0;
                }
            }
            out.add(new CutOff(t, predicted, tp, predicted == 0 ? Double.NaN : (double) tp / predicted,
                    positives == 0 ? Double.NaN : (double) tp / positives));
        }
        return out;
    }
}
