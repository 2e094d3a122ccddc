package org.rnnlab.evaluation.compare;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.List;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.training.EpochStats;

/**
 * One trained configuration with one seed.
 *
 * @param configuration    architecture and clip setting, e.g. {@code lstm clip=none}
 * @param architecture     architecture id
 * @param clip             clip setting id
 * @param seed             seed of weights and data order
 * @param test             evaluation on the test split
 * @param bestEpoch        epoch whose parameters were kept
 * @param trainSeconds     training time
 * @param samplesPerSecond training throughput
 * @param parameters       trainable parameters
 * @param runMemoryMb      memory the run added to its process at its peak, MiB: JVM heap in use after collections plus
 *                         ND4J's off-heap arrays and workspaces, over the level at the run's start ({@link RunMemory});
 *                         null in files written before it was measured (they held the process's peak resident memory,
 *                         {@code peakRssMb}, which grows over a comparison and is read and dropped)
 * @param history          per-epoch loss and validation accuracy
 * @param gradientNorms    mean L2 norm of dLoss/dx_t by distance from the last step (index = distance), empty without probe
 * @param fold             cross-validation fold (0-based) whose test part {@code test} is, or null without cross-validation
 * @param evaluatedOn      the split {@code test} was measured on: TEST for the runs of a comparison, VALIDATION for
 *                         the trials of a tuning (which never look at test data)
 * @param band             the band of a tag whose examples the run was trained and tested on, e.g. {@code distance 1-4}
 *                         ({@link org.rnnlab.datasets.TagBands#label}), or null for all examples
 * @param machine          the machine that trained the run, host name, CPU and cores ({@code Provenance#machine}): on Spark
 *                         an executor's, which the comparison's provenance (the driver's) does not say; null when not
 *                         recorded (files written before it was)
 * @param stoppedBy        why the run's training ended, as a train run's results.json says it
 *                         ({@link org.rnnlab.evaluation.train.TrainOutcome#stoppedBy}): {@code epochs}, {@code early stopping}
 *                         or {@code time budget} (a run a --time-budget stopped depends on the machine's speed and load, and
 *                         is not repeated exactly); null in files written before it was recorded
 * @param groups           each group's scores on the evaluated split, where the data have a group column ({@code --set
 *                         group=COL}, CSV or text; {@link org.rnnlab.evaluation.metrics.GroupTable#rows}, one group too): the rows
 *                         of the comparison's {@code by-group.csv} ({@link ByGroupResults}); empty without a group column, null in
 *                         files written before they were recorded
 * @param predictions      each test sequence's prediction and probabilities, the rows of the comparison's
 *                         test-predictions.csv ({@link RunPredictions}); null for a tuning trial, in files written before
 *                         they were recorded and in results.json, which leaves them out
 * @param validationPredictions each validation sequence's prediction and probabilities by the kept epoch's model, the rows
 *                         of the comparison's validation-predictions.csv, whose accuracy is the run's validation accuracy,
 *                         the score the best configuration is chosen by (trial 78d F5: the choice could not be recomputed
 *                         from prediction files); null for a tuning trial, without validation data, in files written
 *                         before they were recorded and in results.json
 * @param attempts         how many times the engine started the run's task, where more than once: on Spark a task whose
 *                         executor was lost or that failed is retried ({@code spark.task.maxFailures}), and the result is the
 *                         last attempt's (trial 80d F1: a retry left no trace); null, and not written, for a run that took
 *                         one attempt, in-process runs and files written before it was recorded
 */
public record RunResult(String configuration, String architecture, String clip, long seed, EvaluationResult test,
                        int bestEpoch, double trainSeconds, double samplesPerSecond, long parameters, Long runMemoryMb,
                        List<EpochStats> history, List<Double> gradientNorms, Integer fold, Split evaluatedOn, String band,
                        String machine, String stoppedBy, List<org.rnnlab.evaluation.metrics.GroupTable.Row> groups,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        RunPredictions predictions,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        RunPredictions validationPredictions,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Integer attempts) {

    /** A run whose task took one attempt (or whose attempts are not recorded). */
    public RunResult(String configuration, String architecture, String clip, long seed, EvaluationResult test,
                     int bestEpoch, double trainSeconds, double samplesPerSecond, long parameters, Long runMemoryMb,
                     List<EpochStats> history, List<Double> gradientNorms, Integer fold, Split evaluatedOn, String band,
                     String machine, String stoppedBy, List<org.rnnlab.evaluation.metrics.GroupTable.Row> groups,
                     RunPredictions predictions, RunPredictions validationPredictions) {
        this(configuration, architecture, clip, seed, test, bestEpoch, trainSeconds, samplesPerSecond, parameters, runMemoryMb,
                history, gradientNorms, fold, evaluatedOn, band, machine, stoppedBy, groups, predictions, validationPredictions, null);
    }

    /** This run as its task's {@code attempts}-th attempt computed it (null or 1: one attempt, not written). */
    public RunResult withAttempts(Integer attempts) {
        return new RunResult(configuration, architecture, clip, seed, test, bestEpoch, trainSeconds, samplesPerSecond, parameters,
                runMemoryMb, history, gradientNorms, fold, evaluatedOn, band, machine, stoppedBy, groups, predictions,
                validationPredictions, attempts);
    }

    /** A run whose validation predictions are not kept. */
    public RunResult(String configuration, String architecture, String clip, long seed, EvaluationResult test,
                     int bestEpoch, double trainSeconds, double samplesPerSecond, long parameters, Long runMemoryMb,
                     List<EpochStats> history, List<Double> gradientNorms, Integer fold, Split evaluatedOn, String band,
                     String machine, String stoppedBy, List<org.rnnlab.evaluation.metrics.GroupTable.Row> groups,
                     RunPredictions predictions) {
        this(configuration, architecture, clip, seed, test, bestEpoch, trainSeconds, samplesPerSecond, parameters, runMemoryMb,
                history, gradientNorms, fold, evaluatedOn, band, machine, stoppedBy, groups, predictions, null);
    }

    /** A run whose test predictions are not kept. */
    public RunResult(String configuration, String architecture, String clip, long seed, EvaluationResult test,
                     int bestEpoch, double trainSeconds, double samplesPerSecond, long parameters, Long runMemoryMb,
                     List<EpochStats> history, List<Double> gradientNorms, Integer fold, Split evaluatedOn, String band,
                     String machine, String stoppedBy, List<org.rnnlab.evaluation.metrics.GroupTable.Row> groups) {
        this(configuration, architecture, clip, seed, test, bestEpoch, trainSeconds, samplesPerSecond, parameters, runMemoryMb,
                history, gradientNorms, fold, evaluatedOn, band, machine, stoppedBy, groups, null);
    }

    /** This run without its test and validation predictions: as results.json holds it. */
    public RunResult withoutPredictions() {
        return predictions == null && validationPredictions == null ? this : new RunResult(configuration, architecture, clip, seed, test, bestEpoch, trainSeconds,
                samplesPerSecond, parameters, runMemoryMb, history, gradientNorms, fold, evaluatedOn, band, machine, stoppedBy, groups,
                null, null, attempts);
    }

    /** A run whose group scores are not recorded. */
    public RunResult(String configuration, String architecture, String clip, long seed, EvaluationResult test,
                     int bestEpoch, double trainSeconds, double samplesPerSecond, long parameters, Long runMemoryMb,
                     List<EpochStats> history, List<Double> gradientNorms, Integer fold, Split evaluatedOn, String band,
                     String machine, String stoppedBy) {
        this(configuration, architecture, clip, seed, test, bestEpoch, trainSeconds, samplesPerSecond, parameters, runMemoryMb,
                history, gradientNorms, fold, evaluatedOn, band, machine, stoppedBy, null);
    }

    /** A run whose stop reason is not recorded. */
    public RunResult(String configuration, String architecture, String clip, long seed, EvaluationResult test,
                     int bestEpoch, double trainSeconds, double samplesPerSecond, long parameters, Long runMemoryMb,
                     List<EpochStats> history, List<Double> gradientNorms, Integer fold, Split evaluatedOn, String band,
                     String machine) {
        this(configuration, architecture, clip, seed, test, bestEpoch, trainSeconds, samplesPerSecond, parameters, runMemoryMb,
                history, gradientNorms, fold, evaluatedOn, band, machine, null);
    }

    /** A run whose machine is not recorded. */
    public RunResult(String configuration, String architecture, String clip, long seed, EvaluationResult test,
                     int bestEpoch, double trainSeconds, double samplesPerSecond, long parameters, Long runMemoryMb,
                     List<EpochStats> history, List<Double> gradientNorms, Integer fold, Split evaluatedOn, String band) {
        this(configuration, architecture, clip, seed, test, bestEpoch, trainSeconds, samplesPerSecond, parameters, runMemoryMb,
                history, gradientNorms, fold, evaluatedOn, band, null);
    }

    /** A run on all examples (no band). */
    public RunResult(String configuration, String architecture, String clip, long seed, EvaluationResult test,
                     int bestEpoch, double trainSeconds, double samplesPerSecond, long parameters, Long runMemoryMb,
                     List<EpochStats> history, List<Double> gradientNorms, Integer fold, Split evaluatedOn) {
        this(configuration, architecture, clip, seed, test, bestEpoch, trainSeconds, samplesPerSecond, parameters, runMemoryMb,
                history, gradientNorms, fold, evaluatedOn, null);
    }

    public RunResult {
        history = List.copyOf(history);
        gradientNorms = List.copyOf(gradientNorms);
        groups = groups == null ? null : List.copyOf(groups);
        if (fold != null && fold < 0) {
            throw new IllegalArgumentException("RunResult.fold must be >= 0 or null, got " + fold);
        }
        if (evaluatedOn == null) {
            evaluatedOn = Split.TEST;
        }
        if (attempts != null && attempts <= 1) {
            attempts = null; // one attempt: as a run that never needed a retry, and as files written before
        }
    }

    /** A run on the test split without cross-validation. */
    public RunResult(String configuration, String architecture, String clip, long seed, EvaluationResult test,
                     int bestEpoch, double trainSeconds, double samplesPerSecond, long parameters, Long runMemoryMb,
                     List<EpochStats> history, List<Double> gradientNorms) {
        this(configuration, architecture, clip, seed, test, bestEpoch, trainSeconds, samplesPerSecond, parameters, runMemoryMb,
                history, gradientNorms, null, Split.TEST);
    }

    /**
     * Reads a result; {@code fold}, {@code evaluatedOn}, {@code runMemoryMb}, {@code band}, {@code machine},
     * {@code stoppedBy}, {@code groups}, {@code predictions}, {@code attempts} and {@code epochsTrained} are absent in files written before they existed (none, TEST, null, none,
     * null, null, null, the history's length). Such files hold {@code peakRssMb} instead, the process's resident memory, which is
     * not the run's: it is accepted and dropped.
     */
    @JsonCreator
    static RunResult fromJson(@JsonProperty("configuration") String configuration,
                              @JsonProperty("architecture") String architecture,
                              @JsonProperty("clip") String clip,
                              @JsonProperty("seed") long seed,
                              @JsonProperty("test") EvaluationResult test,
                              @JsonProperty("bestEpoch") int bestEpoch,
                              @JsonProperty("trainSeconds") double trainSeconds,
                              @JsonProperty("samplesPerSecond") double samplesPerSecond,
                              @JsonProperty("parameters") long parameters,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("runMemoryMb") Long runMemoryMb,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("peakRssMb") Long droppedPeakRssMb,
                              @JsonProperty("history") List<EpochStats> history,
                              @JsonProperty("gradientNorms") List<Double> gradientNorms,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("fold") Integer fold,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("evaluatedOn") Split evaluatedOn,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("band") String band,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("machine") String machine,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("stoppedBy") String stoppedBy,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("epochsTrained") Integer writtenEpochsTrained,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("groups") List<org.rnnlab.evaluation.metrics.GroupTable.Row> groups,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("predictions") RunPredictions predictions,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("validationPredictions") RunPredictions validationPredictions,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("attempts") Integer attempts) {
        // epochsTrained is written for readers of results.json; it is the history's length, which is read instead
        return new RunResult(configuration, architecture, clip, seed, test, bestEpoch, trainSeconds, samplesPerSecond, parameters,
                runMemoryMb, history, gradientNorms, fold, evaluatedOn, band, machine, stoppedBy, groups, predictions,
                validationPredictions, attempts);
    }

    /** The epochs the run trained: its history's length (results.json's {@code epochsTrained}, results.csv's epochs_trained). */
    @JsonProperty("epochsTrained")
    public int epochsTrained() {
        return history.size();
    }

    /**
     * The share of this run's updates that gradient clipping changed (the mean of its epochs' {@link EpochStats#clipped},
     * epochs having the same number of minibatches), or null without a clip threshold or where an epoch was not counted.
     */
    public Double clippedShare() {
        if (history.isEmpty() || history.stream().anyMatch(e -> e.clipped() == null)) {
            return null;
        }
        return history.stream().mapToDouble(EpochStats::clipped).average().orElseThrow();
    }

    /**
     * The validation score of the kept epoch ({@link #bestEpoch}) by {@code selection}: what a comparison ranks its
     * configurations by when every run has validation data ({@link TrainAgain#best}); NaN without validation data (the kept
     * epoch then has the lowest training loss) and for a score the run's files did not record (macro-F1 before it was).
     */
    public double keptValidation(org.rnnlab.training.EpochSelection selection) {
        for (EpochStats e : history) {
            if (e.epoch() == bestEpoch) {
                return e.validation(selection);
            }
        }
        return Double.NaN;
    }

    /** The key of this run in its comparison: {@link Comparison#runKey}. */
    public String key() {
        return Comparison.runKey(configuration, seed, fold, band);
    }
}
