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
 * @param validationLogLoss  validation log-loss after the epoch ({@link ValidationScores}); null without validation data,
 *                           and for epochs of files written before it was recorded
 * @param validationRocAuc   validation macro ROC AUC; null without validation data, where undefined (one class only), and
 *                           before it was recorded
 * @param validationAveragePrecision validation macro average precision; null as {@code validationRocAuc}
 */
public record EpochStats(int epoch, double trainLoss,
                         @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                         double validationAccuracy,
                         double seconds, double samplesPerSecond,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double clipped,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double validationMacroF1,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double validationLogLoss,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double validationRocAuc,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double validationAveragePrecision) {

    /** An epoch without a clip count. */
    public EpochStats(int epoch, double trainLoss, double validationAccuracy, double seconds, double samplesPerSecond) {
        this(epoch, trainLoss, validationAccuracy, seconds, samplesPerSecond, null, null, null, null, null);
    }

    /** An epoch without its validation macro-F1. */
    public EpochStats(int epoch, double trainLoss, double validationAccuracy, double seconds, double samplesPerSecond, Double clipped) {
        this(epoch, trainLoss, validationAccuracy, seconds, samplesPerSecond, clipped, null);
    }

    /** An epoch without its threshold-free validation scores (as recorded before they were). */
    public EpochStats(int epoch, double trainLoss, double validationAccuracy, double seconds, double samplesPerSecond, Double clipped,
                      Double validationMacroF1) {
        this(epoch, trainLoss, validationAccuracy, seconds, samplesPerSecond, clipped, validationMacroF1, null, null, null);
    }

    /**
     * The validation score {@code selection} judges the epoch by, as measured (a log-loss, lower better: compare through
     * {@link EpochSelection#oriented}); NaN when it is not known.
     */
    public double validation(EpochSelection selection) {
        Double v = switch (selection) {
            case ACCURACY -> validationAccuracy;
            case MACRO_F1 -> validationMacroF1;
            case LOG_LOSS -> validationLogLoss;
            case ROC_AUC -> validationRocAuc;
            case AVERAGE_PRECISION -> validationAveragePrecision;
        };
        return v == null ? Double.NaN : v;
    }

    /**
     * Reads an epoch; {@code clipped} is absent in files written before it was counted, and without a threshold; the
     * validation macro-F1 and the threshold-free scores in files written before they were recorded.
     */
    @JsonCreator
    static EpochStats fromJson(@JsonProperty("epoch") int epoch, @JsonProperty("trainLoss") double trainLoss,
                               @JsonDeserialize(using = NanAsNull.Reader.class) @JsonProperty("validationAccuracy")
                               double validationAccuracy,
                               @JsonProperty("seconds") double seconds, @JsonProperty("samplesPerSecond") double samplesPerSecond,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("clipped") Double clipped,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("validationMacroF1") Double validationMacroF1,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("validationLogLoss") Double validationLogLoss,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("validationRocAuc") Double validationRocAuc,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("validationAveragePrecision") Double validationAveragePrecision) {
        return new EpochStats(epoch, trainLoss, validationAccuracy, seconds, samplesPerSecond, clipped, validationMacroF1,
                validationLogLoss, validationRocAuc, validationAveragePrecision);
    }
}
