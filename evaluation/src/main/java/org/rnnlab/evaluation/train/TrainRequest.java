package org.rnnlab.evaluation.train;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.training.TrainingConfig;

/**
 * Everything a training run needs, written as the run's {@code config.json} (every default spelled
 * out) and read back by {@code --resume}.
 *
 * @param dataset        dataset name
 * @param datasetOptions how the dataset is opened (files, seed, settings)
 * @param spec           the model
 * @param training       the training settings
 * @param threads        {@code --threads} (the kernels' threads; see Nd4jRuntime.configureThreads)
 * @param calibrate      {@code --calibrate}: {@value #TEMPERATURE} (temperature scaling fitted on the validation split after
 *                       training), or null for none (not written, so the config.json of an uncalibrated run is as before)
 */
public record TrainRequest(String dataset, DatasetOptions datasetOptions, ModelSpec spec, TrainingConfig training, int threads,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           String calibrate) {

    /** {@code --calibrate temperature}: {@link org.rnnlab.training.TemperatureScaling}. */
    public static final String TEMPERATURE = "temperature";

    /** A request without calibration. */
    public TrainRequest(String dataset, DatasetOptions datasetOptions, ModelSpec spec, TrainingConfig training, int threads) {
        this(dataset, datasetOptions, spec, training, threads, null);
    }

    public TrainRequest {
        if (calibrate != null && !calibrate.equals(TEMPERATURE)) {
            throw new IllegalArgumentException("'calibrate' is '" + calibrate + "' (expected '" + TEMPERATURE + "', or none)");
        }
    }

    /** The {@code bidirectionalLast} of files written since the bidirectional {@code last} head reads each direction's final state. */
    public static final String PER_DIRECTION_LAST = "per-direction";

    /**
     * What {@code last} means for a bidirectional spec in this file: {@value #PER_DIRECTION_LAST}, written by every
     * file since the head reads each direction's final state. A file without it was written before, when {@code last} read
     * both directions at the last step: its spec is read as {@code last-step}, so {@code train --config} and {@code --resume}
     * train what it trained.
     */
    @JsonProperty("bidirectionalLast")
    public String bidirectionalLast() {
        return PER_DIRECTION_LAST;
    }

    @JsonCreator
    static TrainRequest fromJson(@JsonProperty("dataset") String dataset, @JsonProperty("datasetOptions") DatasetOptions datasetOptions,
                                 @JsonProperty("spec") ModelSpec spec, @JsonProperty("training") TrainingConfig training,
                                 @JsonProperty("threads") int threads,
                                 @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                 @JsonProperty("bidirectionalLast") String bidirectionalLast,
                                 @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                 @JsonProperty("calibrate") String calibrate) {
        return new TrainRequest(dataset, datasetOptions, bidirectionalLast == null && spec != null
                ? spec.asBuiltBeforeBidirectionalLastHead() : spec, training, threads, calibrate);
    }
}
