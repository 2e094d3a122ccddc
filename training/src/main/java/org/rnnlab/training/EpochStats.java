package org.rnnlab.training;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.rnnlab.core.NanAsNull;

/**
 * One epoch of training.
 *
 * @param epoch              epoch number, 1 first
 * @param trainLoss          mean minibatch loss over the epoch
 * @param validationAccuracy accuracy on the validation split after the epoch (NaN when it is empty; {@code null} in JSON)
 * @param seconds            training time of the epoch (without validation)
 * @param samplesPerSecond   training throughput of the epoch
 */
public record EpochStats(int epoch, double trainLoss,
                         @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                         double validationAccuracy,
                         double seconds, double samplesPerSecond) {
}
