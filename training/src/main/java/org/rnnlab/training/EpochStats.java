package org.rnnlab.training;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.rnnlab.core.Json;
import org.rnnlab.core.NanAsNull;

/**
 * One epoch of training.
 *
 * @param epoch              epoch number, 1 first
 * @param trainLoss          mean minibatch loss over the epoch
 * @param validationAccuracy accuracy on the validation split after the epoch (NaN when it is empty; {@code null} in JSON)
 * @param seconds            training time of the epoch (without validation)
 * @param samplesPerSecond   training throughput of the epoch
 * @param clipped            the share of the epoch's updates whose gradient clipping changed ({@code l2:T}, {@code
 *                           l2param:T}, {@code value:T}: {@link ClipMonitor}), from 0 to 1; null without a clip threshold
 *                           (no clipping, or a renormalizing mode), and for an epoch resumed from a checkpoint of a
 *                           version that did not count it
 * @param validationMacroF1  macro-F1 on the validation split after the epoch; null without validation data, and for epochs
 *                           of files written before it was recorded
 */
public record EpochStats(int epoch, double trainLoss,
                         @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                         double validationAccuracy,
                         double seconds, double samplesPerSecond,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double clipped,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double validationMacroF1) {

    /** An epoch without a clip count. */
    public EpochStats(int epoch, double trainLoss, double validationAccuracy, double seconds, double samplesPerSecond) {
        this(epoch, trainLoss, validationAccuracy, seconds, samplesPerSecond, null, null);
    }

    /** An epoch without its validation macro-F1. */
    public EpochStats(int epoch, double trainLoss, double validationAccuracy, double seconds, double samplesPerSecond, Double clipped) {
        this(epoch, trainLoss, validationAccuracy, seconds, samplesPerSecond, clipped, null);
    }

    /** The validation score {@code selection} judges the epoch by (NaN when it is not known). */
    public double validation(EpochSelection selection) {
        return selection == EpochSelection.MACRO_F1 ? (validationMacroF1 == null ? Double.NaN : validationMacroF1) : validationAccuracy;
    }

    /** Reads an epoch; {@code clipped} is absent in files written before it was counted, and without a threshold. */
    @JsonCreator
    static EpochStats fromJson(@JsonProperty("epoch") int epoch, @JsonProperty("trainLoss") double trainLoss,
                               @JsonDeserialize(using = NanAsNull.Reader.class) @JsonProperty("validationAccuracy")
                               double validationAccuracy,
                               @JsonProperty("seconds") double seconds, @JsonProperty("samplesPerSecond") double samplesPerSecond,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("clipped") Double clipped,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("validationMacroF1") Double validationMacroF1) {
        return new EpochStats(epoch, trainLoss, validationAccuracy, seconds, samplesPerSecond, clipped, validationMacroF1);
    }
}
