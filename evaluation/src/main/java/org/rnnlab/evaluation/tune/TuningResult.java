package org.rnnlab.evaluation.tune;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Comparator;
import java.util.List;
import org.rnnlab.core.Json;

/**
 * What a tuning found, per architecture.
 *
 * @param config        the tuning's settings
 * @param rungs         the planned rungs
 * @param architectures one entry per architecture, in the comparison's order
 * @param seconds       wall time of the tuning
 * @param selection     the validation score the trials were ranked and chosen by (each architecture's {@code chosenScore}); null
 *                      in results made before it was recorded
 */
public record TuningResult(TuningConfig config, List<SuccessiveHalving.Rung> rungs, List<ArchitectureTuning> architectures,
                           double seconds,
                           @JsonInclude(JsonInclude.Include.NON_NULL) org.rnnlab.training.EpochSelection selection) {

    public TuningResult {
        rungs = List.copyOf(rungs);
        architectures = List.copyOf(architectures);
    }

    /** Reads a result; {@code selection} is absent in files written before it was recorded. */
    @JsonCreator
    static TuningResult fromJson(@JsonProperty("config") TuningConfig config, @JsonProperty("rungs") List<SuccessiveHalving.Rung> rungs,
                                 @JsonProperty("architectures") List<ArchitectureTuning> architectures,
                                 @JsonProperty("seconds") double seconds,
                                 @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("selection") org.rnnlab.training.EpochSelection selection) {
        return new TuningResult(config, rungs, architectures, seconds, selection);
    }

    /** A result without the selection it was ranked by (made before it was recorded). */
    public TuningResult(TuningConfig config, List<SuccessiveHalving.Rung> rungs, List<ArchitectureTuning> architectures,
                        double seconds) {
        this(config, rungs, architectures, seconds, null);
    }


    /**
     * One architecture's tuning.
     *
     * @param architecture     architecture id
     * @param chosen           the trial chosen: best validation score (accuracy, or macro-F1, log-loss (lowest), ROC AUC or
     *                         average precision when the runs keep their epoch by it:
     *                         {@link TrialScore#score}) in the last rung it reached; of tied scores the one of lower
     *                         validation log-loss, then of lower index ({@link TrialScore#ranking})
     * @param chosenAccuracy   its validation accuracy there
     * @param trials           every trial trained, by rung
     * @param trainSeconds     training time of all its trials
     * @param stoppedByBudget  true when the time budget ended it before the last planned rung, or before every trial of a
     *                         rung had trained
     * @param chosenScore      the chosen trial's validation score by {@link TuningResult#selection}, the score it was chosen
     *                         by (null in results made before it was recorded)
     * @param chosenEpochs     the epochs the chosen trial trained in that rung (null in results made before it was
     *                         recorded): fewer than the runs' when the budget stopped the tuning early
     * @param budgetNote       what the {@code --tune-budget} did, when it was reached, e.g. {@code --tune-budget 30s
     *                         exceeded: rung 0 (9 trials x 1 epoch) took 57 s; the choice rests on trials of 1 epoch, the runs
     *                         train 9}; null when it was not reached
     */
    public record ArchitectureTuning(String architecture, Trial chosen, double chosenAccuracy, List<TrialScore> trials,
                                     double trainSeconds, boolean stoppedByBudget,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Double chosenScore,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Integer chosenEpochs,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) String budgetNote) {
        public ArchitectureTuning {
            trials = List.copyOf(trials);
        }

        /** Reads a tuning; the chosen score, epochs and budget note are absent in files written before they were recorded. */
        @JsonCreator
        static ArchitectureTuning fromJson(@JsonProperty("architecture") String architecture, @JsonProperty("chosen") Trial chosen,
                                           @JsonProperty("chosenAccuracy") double chosenAccuracy,
                                           @JsonProperty("trials") List<TrialScore> trials,
                                           @JsonProperty("trainSeconds") double trainSeconds,
                                           @JsonProperty("stoppedByBudget") boolean stoppedByBudget,
                                           @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("chosenScore") Double chosenScore,
                                           @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("chosenEpochs") Integer chosenEpochs,
                                           @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("budgetNote") String budgetNote) {
            return new ArchitectureTuning(architecture, chosen, chosenAccuracy, trials, trainSeconds, stoppedByBudget, chosenScore,
                    chosenEpochs, budgetNote);
        }

        /** A tuning without its chosen score, epochs and budget note (made before they were recorded). */
        public ArchitectureTuning(String architecture, Trial chosen, double chosenAccuracy, List<TrialScore> trials,
                                  double trainSeconds, boolean stoppedByBudget) {
            this(architecture, chosen, chosenAccuracy, trials, trainSeconds, stoppedByBudget, null, null, null);
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
     * @param promoted           true when it was selected for the next rung and trained there (false for one selected that a
     *                           spent --tune-budget did not let train: {@code notRunByBudget})
     * @param validationMacroF1  validation macro-F1 of its best epoch (null in files written before it was recorded)
     * @param validationSelected its best epoch's validation value of a threshold-free selection (log-loss, ROC AUC, average
     *                           precision: {@link org.rnnlab.training.EpochSelection#thresholdFree}), which ranks the trials;
     *                           null for accuracy and macro-F1, and in files written before such selections existed
     * @param validationLogLoss  its best epoch's validation log-loss, which breaks ties of the ranking score ({@link #ranking});
     *                           null where not recorded
     * @param notRunByBudget     true when it was selected for the next rung and did not train there because the
     *                           {@code --tune-budget} was spent; null otherwise
     */
    public record TrialScore(Trial trial, int rung, int epochs, double validationAccuracy, double trainSeconds, boolean promoted,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Double validationMacroF1,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Double validationSelected,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Double validationLogLoss,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Boolean notRunByBudget) {

        /** Reads a score; the fields after {@code promoted} are absent in files written before they were recorded. */
        @JsonCreator
        static TrialScore fromJson(@JsonProperty("trial") Trial trial, @JsonProperty("rung") int rung, @JsonProperty("epochs") int epochs,
                                   @JsonProperty("validationAccuracy") double validationAccuracy,
                                   @JsonProperty("trainSeconds") double trainSeconds, @JsonProperty("promoted") boolean promoted,
                                   @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("validationMacroF1") Double validationMacroF1,
                                   @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("validationSelected") Double validationSelected,
                                   @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("validationLogLoss") Double validationLogLoss,
                                   @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("notRunByBudget") Boolean notRunByBudget) {
            return new TrialScore(trial, rung, epochs, validationAccuracy, trainSeconds, promoted, validationMacroF1, validationSelected,
                    validationLogLoss, notRunByBudget);
        }

        /** A trial's score without a threshold-free value (ranked by accuracy or macro-F1). */
        public TrialScore(Trial trial, int rung, int epochs, double validationAccuracy, double trainSeconds, boolean promoted,
                          Double validationMacroF1) {
            this(trial, rung, epochs, validationAccuracy, trainSeconds, promoted, validationMacroF1, null, null, null);
        }

        /** A trial's score without its log-loss and budget mark. */
        public TrialScore(Trial trial, int rung, int epochs, double validationAccuracy, double trainSeconds, boolean promoted,
                          Double validationMacroF1, Double validationSelected) {
            this(trial, rung, epochs, validationAccuracy, trainSeconds, promoted, validationMacroF1, validationSelected, null, null);
        }

        /**
         * The order trials are ranked in by {@code selection}: the higher {@link #rankingScore} first; of equal scores the
         * lower validation log-loss first (as a run breaks ties of its epochs, {@link
         * org.rnnlab.training.SelectionTies#LOWER_LOG_LOSS}; one without it after those with it), then the lower trial index.
         */
        public static Comparator<TrialScore> ranking(org.rnnlab.training.EpochSelection selection) {
            return Comparator.comparingDouble((TrialScore s) -> -s.rankingScore(selection))
                    .thenComparingDouble(s -> s.validationLogLoss == null || s.validationLogLoss.isNaN() ? Double.POSITIVE_INFINITY
                            : s.validationLogLoss)
                    .thenComparingInt(s -> s.trial().index());
        }

        /**
         * The order of a comparison made before ties of trials were broken by log-loss (its runs' {@link
         * org.rnnlab.training.SelectionTies#FIRST}): the higher ranking score, then the lower trial index.
         */
        public static Comparator<TrialScore> rankingByIndex(org.rnnlab.training.EpochSelection selection) {
            return Comparator.comparingDouble((TrialScore s) -> -s.rankingScore(selection)).thenComparingInt(s -> s.trial().index());
        }

        /** This score with {@code promoted} and {@code notRunByBudget} set as the next rung turned out. */
        TrialScore withPromotion(boolean trainedInNextRung, boolean notRunByBudget) {
            return new TrialScore(trial, rung, epochs, validationAccuracy, trainSeconds, trainedInNextRung, validationMacroF1,
                    validationSelected, validationLogLoss, notRunByBudget ? Boolean.TRUE : null);
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
