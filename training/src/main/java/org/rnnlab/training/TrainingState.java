package org.rnnlab.training;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;

/**
 * Where a training run stands, as stored in a checkpoint: with the network's parameters and updater
 * state it determines the rest of the run exactly (the data order and the random state of each step
 * are functions of the seed and the position).
 *
 * <p>The components have pairwise different types, so no two of them can be swapped. The counters are
 * grouped by meaning in small records ({@link Progress}, {@link EpochTotals}, {@link BestEpoch}), which
 * the trainer changes only through named steps ({@link #start}, {@link #afterBatch}, {@link #afterEpoch},
 * {@link BestEpoch#at}, ...), never by listing their fields.
 *
 * <p>In {@code state.json} the state is one flat object, as checkpoints of format 2 have always stored
 * it: {@code spec, config, dataset, datasetChecksum, epoch, batchesDone, iteration, epochLossSum,
 * epochSamples, epochSeconds, epochClipped (since the clip count; optional on reading), history, hasBest, bestEpoch, bestScore, sinceImprovement, trainSeconds,
 * finished}, in that order.
 *
 * @param spec       model spec (adapted to the dataset)
 * @param config     training settings
 * @param data       the dataset trained on, checked on resume
 * @param progress   position in the run and training time so far
 * @param epochSoFar sums over the minibatches of the epoch in progress
 * @param best       the best epoch so far and the epochs since it (early stopping)
 * @param history    finished epochs
 * @param finished   whether training ended (all epochs, early stop or budget)
 */
public record TrainingState(ModelSpec spec, TrainingConfig config, DatasetIdentity data, Progress progress, EpochTotals epochSoFar,
                            BestEpoch best, List<EpochStats> history, boolean finished) {

    public TrainingState {
        history = List.copyOf(history);
    }

    /**
     * The dataset a run trains on.
     *
     * @param name     dataset name
     * @param checksum its checksum ({@code DatasetProvenance.checksum()})
     */
    public record DatasetIdentity(String name, String checksum) {

        /** The identity of a dataset. */
        public static DatasetIdentity of(SequenceDataset data) {
            return new DatasetIdentity(data.name(), data.provenance().checksum());
        }

        /** Whether {@code data} has this checksum. */
        public boolean matches(SequenceDataset data) {
            // data read by an rnnlab before a rule that changes nothing in them are the same (DatasetProvenance.sameAs)
            return data.provenance().sameAs(checksum);
        }
    }

    /**
     * Position in the run.
     *
     * @param epoch        epoch in progress (1 first)
     * @param batchesDone  minibatches of that epoch already trained
     * @param iteration    minibatches trained in total
     * @param trainSeconds training time so far (minibatches only, without validation)
     */
    public record Progress(int epoch, int batchesDone, long iteration, double trainSeconds) {

        /** Before the first minibatch. */
        public static Progress start() {
            return new Progress(1, 0, 0, 0);
        }

        /** After one more minibatch that took {@code seconds}. */
        public Progress afterBatch(double seconds) {
            return new Progress(epoch, batchesDone + 1, iteration + 1, trainSeconds + seconds);
        }

        /** At the start of the next epoch. */
        public Progress nextEpoch() {
            return new Progress(epoch + 1, 0, iteration, trainSeconds);
        }
    }

    /**
     * Sums over the minibatches of the epoch in progress, from which its {@link EpochStats} are made.
     *
     * @param lossSum        sum of the minibatch losses
     * @param samples        examples trained
     * @param seconds        training time
     * @param clippedUpdates minibatches whose update gradient clipping changed ({@link ClipMonitor}); -1 when unknown (an
     *                       epoch resumed from a checkpoint of a version that did not count them)
     */
    public record EpochTotals(double lossSum, long samples, double seconds, long clippedUpdates) {

        /** Sums without a clip count. */
        public EpochTotals(double lossSum, long samples, double seconds) {
            this(lossSum, samples, seconds, 0);
        }

        /** No minibatch yet. */
        public static EpochTotals none() {
            return new EpochTotals(0, 0, 0, 0);
        }

        /** With one more minibatch of {@code examples} examples, loss {@code loss}, that took {@code seconds}. */
        public EpochTotals plus(double loss, int examples, double seconds) {
            return plus(loss, examples, seconds, false);
        }

        /** With one more minibatch, whose update clipping changed or not. */
        public EpochTotals plus(double loss, int examples, double seconds, boolean clipped) {
            return new EpochTotals(lossSum + loss, samples + examples, this.seconds + seconds,
                    clippedUpdates < 0 ? -1 : clippedUpdates + (clipped ? 1 : 0));
        }

        /** The statistics of epoch {@code epoch} after {@code batches} minibatches, with its validation accuracy. */
        public EpochStats stats(int epoch, int batches, double validationAccuracy) {
            return stats(epoch, batches, validationAccuracy, false);
        }

        /**
         * The statistics of epoch {@code epoch} after {@code batches} minibatches, with its validation accuracy and, when
         * {@code counted} (a clip threshold was set), the share of its updates that clipping changed.
         */
        public EpochStats stats(int epoch, int batches, double validationAccuracy, boolean counted) {
            return stats(epoch, batches, validationAccuracy, null, counted);
        }

        /** As {@link #stats(int, int, double, boolean)}, with the validation macro-F1 (null without validation data). */
        public EpochStats stats(int epoch, int batches, double validationAccuracy, Double validationMacroF1, boolean counted) {
            ValidationScores v = validationMacroF1 == null ? ValidationScores.none()
                    : new ValidationScores(validationAccuracy, validationMacroF1, Double.NaN, Double.NaN, Double.NaN);
            return stats(epoch, batches, validationAccuracy, v, validationMacroF1 != null, counted);
        }

        /**
         * As {@link #stats(int, int, double, boolean)}, with the validation scores {@code v} when {@code validated} (else
         * accuracy NaN and the others null); a score NaN (undefined: ROC AUC with one class) is recorded as null.
         */
        public EpochStats stats(int epoch, int batches, ValidationScores v, boolean validated, boolean counted) {
            return stats(epoch, batches, validated ? v.accuracy() : Double.NaN, v, validated, counted);
        }

        private EpochStats stats(int epoch, int batches, double validationAccuracy, ValidationScores v, boolean validated, boolean counted) {
            Double clipped = counted && clippedUpdates >= 0 && batches > 0 ? (double) clippedUpdates / batches : null;
            return new EpochStats(epoch, lossSum / Math.max(1, batches), validationAccuracy, seconds, seconds > 0 ? samples / seconds : 0,
                    clipped, validated ? orNull(v.macroF1()) : null, validated ? orNull(v.logLoss()) : null,
                    validated ? orNull(v.rocAuc()) : null, validated ? orNull(v.averagePrecision()) : null);
        }

        private static Double orNull(double v) {
            return Double.isNaN(v) ? null : v;
        }
    }

    /**
     * The best epoch so far, whose parameters are kept, and how many epochs have passed without improving on it.
     *
     * @param found                    whether an epoch has ended yet (the other fields are 0 until then)
     * @param epoch                    the best epoch
     * @param score                    its score (the validation score of {@link TrainingConfig#selection} turned so that higher
     *                                 is better, {@link EpochSelection#oriented}: minus a log-loss; or minus the training loss
     *                                 without validation)
     * @param epochsWithoutImprovement epochs since it that did not improve on it (counted only with early stopping)
     */
    public record BestEpoch(boolean found, int epoch, double score, int epochsWithoutImprovement) {

        /** Before the first epoch ends. */
        public static BestEpoch none() {
            return new BestEpoch(false, 0, 0, 0);
        }

        /** Epoch {@code epoch} with {@code score} is the new best. */
        public static BestEpoch at(int epoch, double score) {
            return new BestEpoch(true, epoch, score, 0);
        }

        /** The same best after one more epoch without improvement. */
        public BestEpoch oneMoreEpochWithoutImprovement() {
            return new BestEpoch(found, epoch, score, epochsWithoutImprovement + 1);
        }
    }

    /** A run about to start on {@code data}. */
    public static TrainingState start(ModelSpec spec, TrainingConfig config, SequenceDataset data) {
        return new TrainingState(spec, config, DatasetIdentity.of(data), Progress.start(), EpochTotals.none(), BestEpoch.none(),
                List.of(), false);
    }

    /** The state after one more minibatch of {@code examples} examples with loss {@code loss}, which took {@code seconds}. */
    public TrainingState afterBatch(double loss, int examples, double seconds) {
        return afterBatch(loss, examples, seconds, false);
    }

    /** The state after one more minibatch, whose update gradient clipping changed or not ({@link ClipMonitor}). */
    public TrainingState afterBatch(double loss, int examples, double seconds, boolean clipped) {
        return new TrainingState(spec, config, data, progress.afterBatch(seconds), epochSoFar.plus(loss, examples, seconds, clipped),
                best, history, finished);
    }

    /** The statistics of the epoch in progress, with its validation accuracy. */
    public EpochStats epochStats(double validationAccuracy) {
        return epochStats(validationAccuracy, null);
    }

    /** The statistics of the epoch in progress, with its validation accuracy and macro-F1 (null without validation data). */
    public EpochStats epochStats(double validationAccuracy, Double validationMacroF1) {
        return epochSoFar.stats(progress.epoch(), progress.batchesDone(), validationAccuracy, validationMacroF1,
                ClipMonitor.clips(spec.gradientNormalization()));
    }

    /** The statistics of the epoch in progress, with its validation scores when {@code validated} (there is validation data). */
    public EpochStats epochStats(ValidationScores validation, boolean validated) {
        return epochSoFar.stats(progress.epoch(), progress.batchesDone(), validation, validated,
                ClipMonitor.clips(spec.gradientNormalization()));
    }

    /**
     * The state at the start of the next epoch.
     *
     * @param stats       the statistics of the epoch that ended
     * @param bestNow     the best epoch after it
     * @param stopRequest whether a policy ended the run (early stop or time budget); it ends anyway after the last epoch
     */
    public TrainingState afterEpoch(EpochStats stats, BestEpoch bestNow, boolean stopRequest) {
        List<EpochStats> all = new ArrayList<>(history);
        all.add(stats);
        Progress next = progress.nextEpoch();
        return new TrainingState(spec, config, data, next, EpochTotals.none(), bestNow, all, stopRequest || next.epoch() > config.epochs());
    }

    /** The state of {@code state.json}: one flat object, in the order of checkpoint format 2. */
    @JsonValue
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("spec", spec);
        json.put("config", config);
        json.put("dataset", data.name());
        json.put("datasetChecksum", data.checksum());
        json.put("epoch", progress.epoch());
        json.put("batchesDone", progress.batchesDone());
        json.put("iteration", progress.iteration());
        json.put("epochLossSum", epochSoFar.lossSum());
        json.put("epochSamples", epochSoFar.samples());
        json.put("epochSeconds", epochSoFar.seconds());
        json.put("epochClipped", epochSoFar.clippedUpdates());
        json.put("history", history);
        json.put("hasBest", best.found());
        json.put("bestEpoch", best.epoch());
        json.put("bestScore", best.score());
        json.put("sinceImprovement", best.epochsWithoutImprovement());
        json.put("trainSeconds", progress.trainSeconds());
        json.put("finished", finished);
        return json;
    }

    /**
     * Reads the flat object of {@code state.json}; every field is required, as before, except {@code epochClipped}, which
     * checkpoints of earlier versions lack (the clip share of the epoch in progress is then unknown).
     */
    @JsonCreator
    static TrainingState fromJson(@JsonProperty("spec") ModelSpec spec, @JsonProperty("config") TrainingConfig config,
                                  @JsonProperty("dataset") String dataset, @JsonProperty("datasetChecksum") String datasetChecksum,
                                  @JsonProperty("epoch") int epoch, @JsonProperty("batchesDone") int batchesDone,
                                  @JsonProperty("iteration") long iteration, @JsonProperty("epochLossSum") double epochLossSum,
                                  @JsonProperty("epochSamples") long epochSamples, @JsonProperty("epochSeconds") double epochSeconds,
                                  @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                  @JsonProperty("epochClipped") Long epochClipped,
                                  @JsonProperty("history") List<EpochStats> history, @JsonProperty("hasBest") boolean hasBest,
                                  @JsonProperty("bestEpoch") int bestEpoch, @JsonProperty("bestScore") double bestScore,
                                  @JsonProperty("sinceImprovement") int sinceImprovement,
                                  @JsonProperty("trainSeconds") double trainSeconds, @JsonProperty("finished") boolean finished) {
        return new TrainingState(spec, config, new DatasetIdentity(dataset, datasetChecksum),
                new Progress(epoch, batchesDone, iteration, trainSeconds), new EpochTotals(epochLossSum, epochSamples, epochSeconds,
                        epochClipped == null ? -1 : epochClipped),
                new BestEpoch(hasBest, bestEpoch, bestScore, sinceImprovement), history, finished);
    }
}
