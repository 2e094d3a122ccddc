package org.rnnlab.evaluation.train;

import java.nio.file.Path;
import java.util.List;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.training.EpochStats;

/**
 * What a training run produced; also written as the run's {@code results.json}.
 *
 * @param runDir       the run folder
 * @param model        the saved bundle
 * @param modelLabel   short name of the model
 * @param bestEpoch    epoch whose parameters were kept
 * @param trainSeconds training time
 * @param history      per-epoch loss and validation accuracy
 * @param validation   evaluation on the validation split, or null without validation data
 * @param test         evaluation on the test split, or null without test data ({@code --set testFraction=0})
 * @param stoppedBy    why training ended: {@code epochs} (all of --epochs ran), {@code early stopping} (no validation gain
 *                     for --patience epochs) or {@code time budget} (--time-budget reached)
 * @param keptBy       how the kept epoch was chosen: {@code highest validation accuracy}, {@code highest validation macro-F1}
 *                     (--select) or {@code lowest training loss} (no validation data)
 * @param majorityBaseline what always predicting the most frequent training class scores on the same test split, as
 *                     compare's baseline; null without test data
 * @param testHoldsTrainingData whether the run's data warnings say the test data hold training data (copies, overlapping
 *                     windows), so that the test scores are optimistic
 * @param testSharesGroups whether the run's data warnings say groups of the group column have sequences in the training
 *                     file and in the test file: the test scores are optimistic for new groups, though no test sequence is a
 *                     training one ({@code testHoldsTrainingData} is false for that alone)
 * @param testRanking  the ranking metrics of the test split's probabilities (ROC AUC and average precision of each class
 *                     against the rest, as {@code evaluate} gives them), null without test data
 * @param labelLeak    the features (bare header names) that the run's data warnings say give the label by their value alone, so that
 *                     the test scores rest on them (a trial's next-hour sign as a feature: 0.99 accuracy); empty when none
 *                     or without test data
 * @param groups       each group's test scores against its own majority class, as {@code evaluate --json} gives them
 *                     ({@link org.rnnlab.evaluation.metrics.GroupTable#json}), where the data have a group column
 *                     ({@code --set group=COL}, CSV or text) and the test split holds 2 or more groups; else null
 * @param summaryBaseline what a logistic regression on each sequence's mean and sd of each feature, fitted on the training
 *                     split, scores on the same test (and validation) split ({@link
 *                     org.rnnlab.evaluation.compare.SummaryBaseline}): a model not above it has not shown that it uses the
 *                     order of the steps (trial 79a F3); null without test data, for text, and in results written before it
 * @param priorEffect  with {@code --calibrate prior}: what the correction did to the validation split's argmax decisions
 *                     (sequences moved to the right or a wrong class; accuracy, macro-F1 and recall before and after: trial
 *                     80e F2); {@code validation} holds the corrected scores, {@code history} the uncorrected ones the epoch
 *                     was chosen by; null otherwise, and in results written before it
 * @param calibrationWarnings with {@code --calibrate}: each class whose calibrated probabilities did not estimate its rate on
 *                     the validation split they were fitted on ({@link org.rnnlab.evaluation.metrics.RateCheck}; trial 80h F1:
 *                     only the class weighted up most had been checked); empty otherwise
 */
public record TrainOutcome(Path runDir, Path model, String modelLabel, int bestEpoch, double trainSeconds,
                           List<EpochStats> history, EvaluationResult validation, EvaluationResult test, String stoppedBy,
                           String keptBy, org.rnnlab.evaluation.compare.MajorityBaseline majorityBaseline,
                           boolean testHoldsTrainingData, boolean testSharesGroups, org.rnnlab.evaluation.metrics.Ranking testRanking,
                           List<String> labelLeak, org.rnnlab.evaluation.metrics.GroupTable groups,
                           org.rnnlab.evaluation.compare.SummaryBaseline summaryBaseline, PriorEffect priorEffect,
                           List<String> calibrationWarnings) {

    public TrainOutcome {
        calibrationWarnings = calibrationWarnings == null ? List.of() : List.copyOf(calibrationWarnings);
    }

    /** An outcome without calibration warnings. */
    public TrainOutcome(Path runDir, Path model, String modelLabel, int bestEpoch, double trainSeconds,
                        List<EpochStats> history, EvaluationResult validation, EvaluationResult test, String stoppedBy,
                        String keptBy, org.rnnlab.evaluation.compare.MajorityBaseline majorityBaseline,
                        boolean testHoldsTrainingData, boolean testSharesGroups, org.rnnlab.evaluation.metrics.Ranking testRanking,
                        List<String> labelLeak, org.rnnlab.evaluation.metrics.GroupTable groups,
                        org.rnnlab.evaluation.compare.SummaryBaseline summaryBaseline, PriorEffect priorEffect) {
        this(runDir, model, modelLabel, bestEpoch, trainSeconds, history, validation, test, stoppedBy, keptBy, majorityBaseline,
                testHoldsTrainingData, testSharesGroups, testRanking, labelLeak, groups, summaryBaseline, priorEffect, List.of());
    }

    /** An outcome without a prior correction. */
    public TrainOutcome(Path runDir, Path model, String modelLabel, int bestEpoch, double trainSeconds,
                        List<EpochStats> history, EvaluationResult validation, EvaluationResult test, String stoppedBy,
                        String keptBy, org.rnnlab.evaluation.compare.MajorityBaseline majorityBaseline,
                        boolean testHoldsTrainingData, boolean testSharesGroups, org.rnnlab.evaluation.metrics.Ranking testRanking,
                        List<String> labelLeak, org.rnnlab.evaluation.metrics.GroupTable groups,
                        org.rnnlab.evaluation.compare.SummaryBaseline summaryBaseline) {
        this(runDir, model, modelLabel, bestEpoch, trainSeconds, history, validation, test, stoppedBy, keptBy, majorityBaseline,
                testHoldsTrainingData, testSharesGroups, testRanking, labelLeak, groups, summaryBaseline, null);
    }

    /** An outcome without a summary-feature baseline. */
    public TrainOutcome(Path runDir, Path model, String modelLabel, int bestEpoch, double trainSeconds,
                        List<EpochStats> history, EvaluationResult validation, EvaluationResult test, String stoppedBy,
                        String keptBy, org.rnnlab.evaluation.compare.MajorityBaseline majorityBaseline,
                        boolean testHoldsTrainingData, boolean testSharesGroups, org.rnnlab.evaluation.metrics.Ranking testRanking,
                        List<String> labelLeak, org.rnnlab.evaluation.metrics.GroupTable groups) {
        this(runDir, model, modelLabel, bestEpoch, trainSeconds, history, validation, test, stoppedBy, keptBy, majorityBaseline,
                testHoldsTrainingData, testSharesGroups, testRanking, labelLeak, groups, null);
    }

    /** An outcome without group scores. */
    public TrainOutcome(Path runDir, Path model, String modelLabel, int bestEpoch, double trainSeconds,
                        List<EpochStats> history, EvaluationResult validation, EvaluationResult test, String stoppedBy,
                        String keptBy, org.rnnlab.evaluation.compare.MajorityBaseline majorityBaseline,
                        boolean testHoldsTrainingData, boolean testSharesGroups, org.rnnlab.evaluation.metrics.Ranking testRanking,
                        List<String> labelLeak) {
        this(runDir, model, modelLabel, bestEpoch, trainSeconds, history, validation, test, stoppedBy, keptBy, majorityBaseline,
                testHoldsTrainingData, testSharesGroups, testRanking, labelLeak, null);
    }

    /** An outcome without a measured baseline. */
    public TrainOutcome(Path runDir, Path model, String modelLabel, int bestEpoch, double trainSeconds,
                        List<EpochStats> history, EvaluationResult validation, EvaluationResult test, String stoppedBy,
                        String keptBy) {
        this(runDir, model, modelLabel, bestEpoch, trainSeconds, history, validation, test, stoppedBy, keptBy, null, false, false, null,
                List.of());
    }

    /** How the kept epoch was chosen, in words ({@link #keptBy}): {@code highest validation macro-F1}, {@code lowest validation log-loss}. */
    static String keptBy(org.rnnlab.training.TrainingConfig config, boolean validated) {
        return validated ? config.selection().best() + " validation " + config.selection().label() : "lowest training loss";
    }

    /** The selection {@link #keptBy} names, or null (no validation data). */
    public org.rnnlab.training.EpochSelection selection() {
        for (org.rnnlab.training.EpochSelection e : org.rnnlab.training.EpochSelection.values()) {
            if (keptBy != null && keptBy.equals(e.best() + " validation " + e.label())) {
                return e;
            }
        }
        return null;
    }

    /** The kept epoch's validation value of {@code selection} as recorded in the history (NaN when not). */
    public double keptValidation(org.rnnlab.training.EpochSelection selection) {
        return history.stream().filter(e -> e.epoch() == bestEpoch).mapToDouble(e -> e.validation(selection)).findFirst()
                .orElse(Double.NaN);
    }

    /**
     * Why training ended, from what the run records: all of its epochs ran, or the epochs without validation gain after the
     * kept one reached the patience (early stopping), or else the time budget (the one other stop before the last epoch).
     * A comparison's runs record it too ({@code RunResult#stoppedBy}). Without a time budget early stopping is the one
     * stop before the last epoch, whatever epoch was kept: in runs of rnnlab before such a tie counted as a gain, an exact
     * tie of the validation score, broken by the lower validation log-loss, kept a later epoch than the one early stopping
     * counted from (a run stopped at epoch 4 of 12 with patience 3 kept epoch 4 and was recorded as stopped by a time budget
     * it did not have); since, a run early stopping ends has trained its patience after the epoch kept.
     */
    public static String stoppedBy(org.rnnlab.training.TrainingConfig config, List<EpochStats> history, int bestEpoch, boolean validated) {
        if (history.size() >= config.epochs()) {
            return "epochs";
        }
        int last = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
        boolean early = validated && config.patience() > 0;
        return early && (config.timeBudgetSeconds() <= 0 || last - bestEpoch >= config.patience()) ? "early stopping" : "time budget";
    }
}
