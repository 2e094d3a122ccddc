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
 *                       training), {@value #PRIOR} (the class weights' prior correction, {@link org.rnnlab.training.PriorCorrection}),
 *                       {@value #PRIOR_TEMPERATURE} (the correction, then a temperature fitted on the corrected probabilities;
 *                       {@code prior+temperature} is read as it), or null for none (not written, so the config.json of an
 *                       uncalibrated run is as before)
 * @param classWeightPolicy how {@code spec}'s class weights were set: {@value #BALANCED} ({@code --class-weights balanced},
 *                       the numbers from the training split's counts, which {@code train --config} computes again on data that
 *                       differ), or null (none, a file's numbers, or a config.json written before the policy was recorded:
 *                       the numbers are replayed as they are)
 */
public record TrainRequest(String dataset, DatasetOptions datasetOptions, ModelSpec spec, TrainingConfig training, int threads,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           String calibrate,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           String classWeightPolicy) {

    /** {@code classWeightPolicy} of {@code --class-weights balanced}. */
    public static final String BALANCED = "balanced";

    /** {@code --calibrate temperature}: {@link org.rnnlab.training.TemperatureScaling}. */
    public static final String TEMPERATURE = "temperature";
    /** {@code --calibrate prior}: {@link org.rnnlab.training.PriorCorrection} of a model trained with class weights. */
    public static final String PRIOR = "prior";
    /** {@code --calibrate prior,temperature}: the prior correction, then a temperature fitted on the corrected probabilities. */
    public static final String PRIOR_TEMPERATURE = "prior,temperature";
    /** The values {@code --calibrate} takes, as written in config.json. */
    public static final java.util.List<String> METHODS = java.util.List.of(TEMPERATURE, PRIOR, PRIOR_TEMPERATURE);

    /**
     * {@code given} as config.json writes it: {@code prior+temperature} (and either order) as {@value #PRIOR_TEMPERATURE},
     * spaces dropped; null for null. A value of no method is returned as given (then refused, naming the methods).
     */
    public static String canonical(String given) {
        if (given == null) {
            return null;
        }
        String s = given.replace(" ", "").replace('+', ',').toLowerCase(java.util.Locale.ROOT);
        return s.equals("temperature,prior") || s.equals(PRIOR_TEMPERATURE) ? PRIOR_TEMPERATURE
                : METHODS.contains(s) ? s : given;
    }

    /** Whether {@code calibrate} corrects for the class weights ({@value #PRIOR} or {@value #PRIOR_TEMPERATURE}). */
    public static boolean corrects(String calibrate) {
        return PRIOR.equals(calibrate) || PRIOR_TEMPERATURE.equals(calibrate);
    }

    /** Whether {@code calibrate} fits a temperature on the validation split ({@value #TEMPERATURE} or {@value #PRIOR_TEMPERATURE}). */
    public static boolean fitsTemperature(String calibrate) {
        return TEMPERATURE.equals(calibrate) || PRIOR_TEMPERATURE.equals(calibrate);
    }

    /** What a refused {@code --calibrate} value is told: the methods there are. */
    public static String methods() {
        return "the methods are temperature (temperature scaling, fitted on the validation split), prior (undoes the shift "
                + "--class-weights put into the probabilities: the logits less log w) and prior,temperature (both, in that order)";
    }

    /** A request without calibration. */
    public TrainRequest(String dataset, DatasetOptions datasetOptions, ModelSpec spec, TrainingConfig training, int threads) {
        this(dataset, datasetOptions, spec, training, threads, null);
    }

    /** A request whose class weights (if any) are numbers to replay as they are ({@code classWeightPolicy} null). */
    public TrainRequest(String dataset, DatasetOptions datasetOptions, ModelSpec spec, TrainingConfig training, int threads,
                        String calibrate) {
        this(dataset, datasetOptions, spec, training, threads, calibrate, null);
    }

    /** The same request with {@code policy} as its {@link #classWeightPolicy}. */
    public TrainRequest withClassWeightPolicy(String policy) {
        return new TrainRequest(dataset, datasetOptions, spec, training, threads, calibrate, policy);
    }

    /** The same request with the model {@code model} (its class weights computed again, say). */
    public TrainRequest withSpec(ModelSpec model) {
        return new TrainRequest(dataset, datasetOptions, model, training, threads, calibrate, classWeightPolicy);
    }

    public TrainRequest {
        if (classWeightPolicy != null && !BALANCED.equals(classWeightPolicy)) {
            throw new IllegalArgumentException("'classWeightPolicy' is '" + classWeightPolicy + "' (expected '" + BALANCED
                    + "', or none)");
        }
        calibrate = canonical(calibrate);
        if (calibrate != null && !METHODS.contains(calibrate)) {
            throw new IllegalArgumentException("'calibrate' is '" + calibrate + "' (expected '" + String.join("', '", METHODS)
                    + "', or none)");
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
                                 @JsonProperty("calibrate") String calibrate,
                                 @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                 @JsonProperty("classWeightPolicy") String classWeightPolicy) {
        return new TrainRequest(dataset, datasetOptions, bidirectionalLast == null && spec != null
                ? spec.asBuiltBeforeBidirectionalLastHead() : spec, training, threads, calibrate, classWeightPolicy);
    }
}
