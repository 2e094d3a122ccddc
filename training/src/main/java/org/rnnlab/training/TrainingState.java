package org.rnnlab.training;

import java.util.List;
import org.rnnlab.core.ModelSpec;

/**
 * Where a training run stands, as stored in a checkpoint: with the network's parameters and updater
 * state it determines the rest of the run exactly (the data order and the random state of each step
 * are functions of the seed and the position).
 *
 * @param spec              model spec (adapted to the dataset)
 * @param config            training settings
 * @param dataset           dataset name
 * @param datasetChecksum   dataset checksum, checked on resume
 * @param epoch             epoch in progress (1 first)
 * @param batchesDone       minibatches of that epoch already trained
 * @param iteration         minibatches trained in total
 * @param epochLossSum      sum of the losses of this epoch so far
 * @param epochSamples      examples of this epoch so far
 * @param epochSeconds      training time of this epoch so far
 * @param history           finished epochs
 * @param hasBest           whether a best epoch exists yet
 * @param bestEpoch         best epoch so far
 * @param bestScore         its score (validation accuracy, or minus the training loss without validation)
 * @param sinceImprovement  epochs since the best one
 * @param trainSeconds      training time so far
 * @param finished          whether training ended (all epochs, early stop or budget)
 */
public record TrainingState(ModelSpec spec, TrainingConfig config, String dataset, String datasetChecksum, int epoch,
                            int batchesDone, long iteration, double epochLossSum, long epochSamples, double epochSeconds,
                            List<EpochStats> history, boolean hasBest, int bestEpoch, double bestScore, int sinceImprovement,
                            double trainSeconds, boolean finished) {

    public TrainingState {
        history = List.copyOf(history);
    }
}
