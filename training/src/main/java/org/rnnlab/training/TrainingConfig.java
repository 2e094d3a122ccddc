package org.rnnlab.training;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import org.rnnlab.core.Json;

/**
 * How a model is trained. Every field has a default ({@link #defaults()}), is validated here, and is
 * written to the run's {@code config.json}.
 *
 * @param epochs            passes over the training split (at least 1)
 * @param batchSize         examples per minibatch
 * @param timeBudgetSeconds stop after the epoch in which this much training time has passed; 0 = no budget
 * @param patience          stop when the validation accuracy has not improved by {@code minImprovement}
 *                          for this many epochs; 0 = no early stopping
 * @param minImprovement    smallest validation-accuracy gain that counts as an improvement
 * @param seed              seed of the data order (weights are seeded by the model spec)
 * @param checkpointEveryIterations write a checkpoint every this many minibatches (0 = only at epoch ends)
 * @param checkpointEveryMinutes    write a checkpoint when this many minutes passed since the last (0 = off)
 * @param schedule          how the learning rate changes over the epochs
 * @param augmentation      random transforms of the training minibatches (dense input only; see {@link Augmentation});
 *                          {@link Augmentation#none()} for none, which is also what files written before this field
 *                          existed read as
 * @param selection         what the epoch kept and early stopping judge on the validation split ({@link EpochSelection});
 *                          files written before this field existed read as {@link EpochSelection#ACCURACY}, what they used
 * @param lengthBatches     whether each epoch's minibatches are drawn of similar lengths ({@code --batching by-length}:
 *                          {@link org.rnnlab.datasets.SequenceBatchIterator}), so that they pad little; false (random
 *                          minibatches) by default and in files written before this field existed
 * @param averagePrecisionClass of two classes, the class (its index in the model's label order) whose average precision
 *                          {@link EpochSelection#AVERAGE_PRECISION} judges and the test reports, fixed once for all splits and
 *                          folds (a comparison picks it from its whole training pool); null (the default, and what files
 *                          written before this field existed read as, left out of the JSON) for the rarer class of each
 *                          split scored ({@link ValidationScores})
 * @param selectionTies     which epoch is kept when later ones tie the best validation score exactly ({@link SelectionTies}):
 *                          {@link SelectionTies#LOWER_LOG_LOSS} for new runs; null (left out of the JSON) in files written
 *                          before it was recorded, which the trainer reads as the current rule and {@code train --config}
 *                          decides from the kept epoch its run recorded (runs made before 2026-12-06 kept the first)
 */
public record TrainingConfig(int epochs, int batchSize, double timeBudgetSeconds, int patience, double minImprovement,
                             long seed, int checkpointEveryIterations, double checkpointEveryMinutes, LearningRateSchedule schedule,
                             Augmentation augmentation, EpochSelection selection, boolean lengthBatches,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             Integer averagePrecisionClass,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             SelectionTies selectionTies) {

    /** Settings with the current tie rule ({@link SelectionTies#LOWER_LOG_LOSS}). */
    public TrainingConfig(int epochs, int batchSize, double timeBudgetSeconds, int patience, double minImprovement,
                          long seed, int checkpointEveryIterations, double checkpointEveryMinutes, LearningRateSchedule schedule,
                          Augmentation augmentation, EpochSelection selection, boolean lengthBatches, Integer averagePrecisionClass) {
        this(epochs, batchSize, timeBudgetSeconds, patience, minImprovement, seed, checkpointEveryIterations,
                checkpointEveryMinutes, schedule, augmentation, selection, lengthBatches, averagePrecisionClass,
                SelectionTies.LOWER_LOG_LOSS);
    }

    /** Settings without a fixed average-precision class (the rarer class of each split scored). */
    public TrainingConfig(int epochs, int batchSize, double timeBudgetSeconds, int patience, double minImprovement,
                          long seed, int checkpointEveryIterations, double checkpointEveryMinutes, LearningRateSchedule schedule,
                          Augmentation augmentation, EpochSelection selection, boolean lengthBatches) {
        this(epochs, batchSize, timeBudgetSeconds, patience, minImprovement, seed, checkpointEveryIterations,
                checkpointEveryMinutes, schedule, augmentation, selection, lengthBatches, null);
    }

    public TrainingConfig {
        check(epochs >= 1 && epochs <= 100_000, "epochs must be in [1, 100000], got " + epochs);
        check(batchSize >= 1 && batchSize <= 65_536, "batchSize must be in [1, 65536], got " + batchSize);
        check(Double.isFinite(timeBudgetSeconds) && timeBudgetSeconds >= 0,
                "timeBudgetSeconds must be >= 0 (0 = none), got " + timeBudgetSeconds);
        check(patience >= 0, "patience must be >= 0 (0 = no early stopping), got " + patience);
        check(Double.isFinite(minImprovement) && minImprovement >= 0, "minImprovement must be >= 0, got " + minImprovement);
        check(checkpointEveryIterations >= 0, "checkpointEveryIterations must be >= 0 (0 = epoch ends only), got "
                + checkpointEveryIterations);
        check(Double.isFinite(checkpointEveryMinutes) && checkpointEveryMinutes >= 0,
                "checkpointEveryMinutes must be >= 0 (0 = off), got " + checkpointEveryMinutes);
        check(schedule != null, "schedule must be given (LearningRateSchedule.constant() for none), got null");
        check(augmentation != null, "augmentation must be given (Augmentation.none() for none), got null");
        check(selection != null, "selection must be given (an EpochSelection: ACCURACY, MACRO_F1, LOG_LOSS, ROC_AUC or AVERAGE_PRECISION), got null");
        check(averagePrecisionClass == null || averagePrecisionClass == 0 || averagePrecisionClass == 1,
                "averagePrecisionClass must be 0 or 1 (of two classes) or null (the rarer class of each split), got "
                        + averagePrecisionClass);
    }

    /** Reads a config from JSON; {@code augmentation} may be absent (files written before it existed): none. */
    @JsonCreator
    static TrainingConfig fromJson(@JsonProperty("epochs") int epochs, @JsonProperty("batchSize") int batchSize,
                                   @JsonProperty("timeBudgetSeconds") double timeBudgetSeconds, @JsonProperty("patience") int patience,
                                   @JsonProperty("minImprovement") double minImprovement, @JsonProperty("seed") long seed,
                                   @JsonProperty("checkpointEveryIterations") int checkpointEveryIterations,
                                   @JsonProperty("checkpointEveryMinutes") double checkpointEveryMinutes,
                                   @JsonProperty("schedule") LearningRateSchedule schedule,
                                   @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                   @JsonProperty("augmentation") Augmentation augmentation,
                                   @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                   @JsonProperty("selection") EpochSelection selection,
                                   @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                   @JsonProperty("lengthBatches") Boolean lengthBatches,
                                   @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                   @JsonProperty("averagePrecisionClass") Integer averagePrecisionClass,
                                   @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                   @JsonProperty("selectionTies") SelectionTies selectionTies) {
        return new TrainingConfig(epochs, batchSize, timeBudgetSeconds, patience, minImprovement, seed, checkpointEveryIterations,
                checkpointEveryMinutes, schedule, augmentation == null ? Augmentation.none() : augmentation,
                selection == null ? EpochSelection.ACCURACY : selection, lengthBatches != null && lengthBatches, averagePrecisionClass, selectionTies);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("TrainingConfig." + message);
        }
    }

    /**
     * 10 epochs of batch 32, no time budget, no early stopping, seed 42, checkpoints at epoch ends and every 10 minutes,
     * constant learning rate, no augmentation, the epoch of highest validation accuracy kept.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(10, 32, 0, 0, 0.0, 42, 0, 10.0, LearningRateSchedule.constant(), Augmentation.none(),
                EpochSelection.ACCURACY, false);
    }

    public TrainingConfig withEpochs(int v) {
        return new TrainingConfig(v, batchSize, timeBudgetSeconds, patience, minImprovement, seed, checkpointEveryIterations, checkpointEveryMinutes, schedule, augmentation, selection, lengthBatches, averagePrecisionClass, selectionTies);
    }

    public TrainingConfig withBatchSize(int v) {
        return new TrainingConfig(epochs, v, timeBudgetSeconds, patience, minImprovement, seed, checkpointEveryIterations, checkpointEveryMinutes, schedule, augmentation, selection, lengthBatches, averagePrecisionClass, selectionTies);
    }

    public TrainingConfig withTimeBudgetSeconds(double v) {
        return new TrainingConfig(epochs, batchSize, v, patience, minImprovement, seed, checkpointEveryIterations, checkpointEveryMinutes, schedule, augmentation, selection, lengthBatches, averagePrecisionClass, selectionTies);
    }

    public TrainingConfig withEarlyStopping(int patienceEpochs, double minGain) {
        return new TrainingConfig(epochs, batchSize, timeBudgetSeconds, patienceEpochs, minGain, seed, checkpointEveryIterations, checkpointEveryMinutes, schedule, augmentation, selection, lengthBatches, averagePrecisionClass, selectionTies);
    }

    public TrainingConfig withCheckpoints(int everyIterations, double everyMinutes) {
        return new TrainingConfig(epochs, batchSize, timeBudgetSeconds, patience, minImprovement, seed, everyIterations, everyMinutes, schedule, augmentation, selection, lengthBatches, averagePrecisionClass, selectionTies);
    }

    public TrainingConfig withSchedule(LearningRateSchedule v) {
        return new TrainingConfig(epochs, batchSize, timeBudgetSeconds, patience, minImprovement, seed, checkpointEveryIterations,
                checkpointEveryMinutes, v, augmentation, selection, lengthBatches, averagePrecisionClass, selectionTies);
    }

    public TrainingConfig withSeed(long v) {
        return new TrainingConfig(epochs, batchSize, timeBudgetSeconds, patience, minImprovement, v, checkpointEveryIterations, checkpointEveryMinutes, schedule, augmentation, selection, lengthBatches, averagePrecisionClass, selectionTies);
    }

    /** The same settings with {@code v} as the augmentation of the training minibatches ({@link Augmentation#none()}: none). */
    public TrainingConfig withAugmentation(Augmentation v) {
        return new TrainingConfig(epochs, batchSize, timeBudgetSeconds, patience, minImprovement, seed, checkpointEveryIterations,
                checkpointEveryMinutes, schedule, v, selection, lengthBatches, averagePrecisionClass, selectionTies);
    }

    /** The same settings with {@code v} judging the epoch kept and early stopping. */
    public TrainingConfig withSelection(EpochSelection v) {
        return new TrainingConfig(epochs, batchSize, timeBudgetSeconds, patience, minImprovement, seed, checkpointEveryIterations,
                checkpointEveryMinutes, schedule, augmentation, v, lengthBatches, averagePrecisionClass, selectionTies);
    }

    /** The same settings with minibatches of similar lengths ({@code true}) or random ones. */
    public TrainingConfig withLengthBatches(boolean v) {
        return new TrainingConfig(epochs, batchSize, timeBudgetSeconds, patience, minImprovement, seed, checkpointEveryIterations,
                checkpointEveryMinutes, schedule, augmentation, selection, v, averagePrecisionClass, selectionTies);
    }

    /**
     * The same settings with average precision judged and reported of class {@code v} (0 or 1, of two classes) in every
     * split, or null for the rarer class of each split.
     */
    public TrainingConfig withAveragePrecisionClass(Integer v) {
        return new TrainingConfig(epochs, batchSize, timeBudgetSeconds, patience, minImprovement, seed, checkpointEveryIterations,
                checkpointEveryMinutes, schedule, augmentation, selection, lengthBatches, v, selectionTies);
    }

    /** The same settings with {@code v} keeping an epoch among ties of the best score (null: not recorded, the current rule). */
    public TrainingConfig withSelectionTies(SelectionTies v) {
        return new TrainingConfig(epochs, batchSize, timeBudgetSeconds, patience, minImprovement, seed, checkpointEveryIterations,
                checkpointEveryMinutes, schedule, augmentation, selection, lengthBatches, averagePrecisionClass, v);
    }
}
