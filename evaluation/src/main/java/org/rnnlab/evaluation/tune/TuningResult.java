package org.rnnlab.evaluation.tune;

import java.util.List;

/**
 * What a tuning found, per architecture.
 *
 * @param config        the tuning's settings
 * @param rungs         the planned rungs
 * @param architectures one entry per architecture, in the comparison's order
 * @param seconds       wall time of the tuning
 */
public record TuningResult(TuningConfig config, List<SuccessiveHalving.Rung> rungs, List<ArchitectureTuning> architectures,
                           double seconds) {

    public TuningResult {
        rungs = List.copyOf(rungs);
        architectures = List.copyOf(architectures);
    }

    /**
     * One architecture's tuning.
     *
     * @param architecture     architecture id
     * @param chosen           the trial chosen: best validation score (accuracy, or macro-F1, log-loss (lowest), ROC AUC or
     *                         average precision when the runs keep their epoch by it:
     *                         {@link TrialScore#score}) in the last rung it reached (ties: lower index)
     * @param chosenAccuracy   its validation accuracy there
     * @param trials           every trial trained, by rung
     * @param trainSeconds     training time of all its trials
     * @param stoppedByBudget  true when the time budget ended it before the last planned rung
     */
    public record ArchitectureTuning(String architecture, Trial chosen, double chosenAccuracy, List<TrialScore> trials,
                                     double trainSeconds, boolean stoppedByBudget) {
        public ArchitectureTuning {
            trials = List.copyOf(trials);
        }
    }

    /**
     * One trial in one rung.
     *
     * @param trial              the configuration
     * @param rung               rung index
     * @param epochs             epochs it trained
     * @param validationAccuracy validation accuracy of its best epoch
     * @param trainSeconds       its training time
     * @param promoted           true when it was selected for the next rung (which a spent --tune-budget may not start)
     * @param validationMacroF1  validation macro-F1 of its best epoch (null in files written before it was recorded)
     * @param validationSelected its best epoch's validation value of a threshold-free selection (log-loss, ROC AUC, average
     *                           precision: {@link org.rnnlab.training.EpochSelection#thresholdFree}), which ranks the trials;
     *                           null for accuracy and macro-F1, and in files written before such selections existed
     */
    public record TrialScore(Trial trial, int rung, int epochs, double validationAccuracy, double trainSeconds, boolean promoted,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             Double validationMacroF1,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             Double validationSelected) {

        /** A trial's score without a threshold-free value (ranked by accuracy or macro-F1). */
        public TrialScore(Trial trial, int rung, int epochs, double validationAccuracy, double trainSeconds, boolean promoted,
                          Double validationMacroF1) {
            this(trial, rung, epochs, validationAccuracy, trainSeconds, promoted, validationMacroF1, null);
        }

        /**
         * The score trials are ranked by, as measured: validation accuracy, or macro-F1 or the threshold-free value when the
         * runs keep their epoch by it (a log-loss: lower is better, rank by {@link #rankingScore}).
         */
        public double score(org.rnnlab.training.EpochSelection selection) {
            if (selection.thresholdFree()) {
                return validationSelected != null ? validationSelected : Double.NaN;
            }
            return selection == org.rnnlab.training.EpochSelection.MACRO_F1 && validationMacroF1 != null ? validationMacroF1
                    : validationAccuracy;
        }

        /** {@link #score} turned so that higher is better ({@link org.rnnlab.training.EpochSelection#oriented}); NaN last. */
        public double rankingScore(org.rnnlab.training.EpochSelection selection) {
            double v = selection.oriented(score(selection));
            return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        }
    }
}
