package org.rnnlab.training;

/**
 * One epoch of training.
 *
 * @param epoch              epoch number, 1 first
 * @param trainLoss          mean minibatch loss over the epoch
 * @param validationAccuracy accuracy on the validation split after the epoch (NaN when it is empty)
 * @param seconds            training time of the epoch (without validation)
 * @param samplesPerSecond   training throughput of the epoch
 */
public record EpochStats(int epoch, double trainLoss, double validationAccuracy, double seconds, double samplesPerSecond) {
}
