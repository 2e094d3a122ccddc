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
     * @param chosen           the trial chosen: best validation accuracy in the last rung it reached (ties: lower index)
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
     */
    public record TrialScore(Trial trial, int rung, int epochs, double validationAccuracy, double trainSeconds, boolean promoted) {
    }
}
