package org.rnnlab.evaluation.compare;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * One configuration summarised over its runs: its seeds, and the folds or bands of each seed.
 *
 * @param configuration    architecture and clip setting
 * @param architecture     architecture id
 * @param clip             clip setting id
 * @param seeds            number of distinct seeds among the runs
 * @param runs             number of runs (seeds x folds or bands)
 * @param metrics          mean, sd, min and max of each test metric ({@link Metric#WHERE_DEFINED} only where every run has it)
 * @param trainSeconds     statistics of the training time
 * @param samplesPerSecond statistics of the training throughput
 * @param parameters       trainable parameters (equal for all seeds)
 * @param runMemoryMb      largest memory one run added ({@link RunResult#runMemoryMb()}), MiB; null when no run measured it
 * @param validationAccuracy statistics of the runs' validation accuracy at their kept epochs ({@link RunResult#keptValidation});
 *                         null when a run has none (no validation data; results written before it was summarised)
 * @param validationMacroF1  the same of validation macro-F1
 * @param validationLogLoss  the same of validation log-loss (lower is better); null also for runs written before it was recorded
 * @param validationRocAuc   the same of validation macro ROC AUC (null also where undefined: one class)
 * @param validationAveragePrecision the same of validation macro average precision
 */
public record Aggregate(String configuration, String architecture, String clip, int seeds, int runs, Map<Metric, Stats> metrics,
                        Stats trainSeconds, Stats samplesPerSecond, long parameters, Long runMemoryMb, Stats validationAccuracy,
                        Stats validationMacroF1,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Stats validationLogLoss,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Stats validationRocAuc,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Stats validationAveragePrecision) {

    /** An aggregate without validation scores. */
    public Aggregate(String configuration, String architecture, String clip, int seeds, int runs, Map<Metric, Stats> metrics,
                     Stats trainSeconds, Stats samplesPerSecond, long parameters, Long runMemoryMb) {
        this(configuration, architecture, clip, seeds, runs, metrics, trainSeconds, samplesPerSecond, parameters, runMemoryMb, null, null,
                null, null, null);
    }

    public Aggregate {
        metrics = java.util.Collections.unmodifiableMap(new EnumMap<>(metrics)); // in Metric order, so two runs' JSON files diff line by line
    }

    /**
     * Mean, sample standard deviation, minimum and maximum. The sd of one value is null (undefined: the spread of a
     * single run is unknown, not 0), written as null in JSON and an empty cell in CSV, as the table and report show no ±.
     */
    public record Stats(double mean, Double sd, double min, double max) {

        /** The sd, or 0 where one value's undefined sd must be drawn as no spread (a chart's whisker or band). */
        public double sdOrZero() {
            return sd == null ? 0 : sd;
        }

        /** Statistics of the given values (at least one). */
        public static Stats of(double[] values) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double mean = sum / values.length;
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            Double sd = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : null;
            return new Stats(mean, sd, min, max);
        }
    }

    /** Summarises the runs of one configuration. */
    public static Aggregate of(List<RunResult> runs) {
        RunResult first = runs.get(0);
        Map<Metric, Stats> metrics = new EnumMap<>(Metric.class);
        for (Metric m : Metric.ALWAYS) {
            metrics.put(m, stats(runs, r -> r.test().metric(m)));
        }
        for (Metric m : Metric.WHERE_DEFINED) { // only where every run has it (undefined, or runs of an older rnnlab resumed)
            if (runs.stream().noneMatch(r -> Double.isNaN(r.test().metric(m)))) {
                metrics.put(m, stats(runs, r -> r.test().metric(m)));
            }
        }
        return new Aggregate(first.configuration(), first.architecture(), first.clip(),
                (int) runs.stream().mapToLong(RunResult::seed).distinct().count(), runs.size(), metrics,
                stats(runs, RunResult::trainSeconds), stats(runs, RunResult::samplesPerSecond), first.parameters(),
                runs.stream().map(RunResult::runMemoryMb).filter(m -> m != null).max(Long::compare).orElse(null),
                validation(runs, org.rnnlab.training.EpochSelection.ACCURACY), validation(runs, org.rnnlab.training.EpochSelection.MACRO_F1),
                validation(runs, org.rnnlab.training.EpochSelection.LOG_LOSS), validation(runs, org.rnnlab.training.EpochSelection.ROC_AUC),
                validation(runs, org.rnnlab.training.EpochSelection.AVERAGE_PRECISION));
    }

    /** Statistics of the kept epochs' validation scores, or null when a run has none. */
    private static Stats validation(List<RunResult> runs, org.rnnlab.training.EpochSelection selection) {
        double[] values = runs.stream().mapToDouble(r -> r.keptValidation(selection)).toArray();
        return java.util.Arrays.stream(values).anyMatch(Double::isNaN) ? null : Stats.of(values);
    }

    /**
     * The validation statistics {@code selection} judges by, as measured (a log-loss: lower is better, compare through
     * {@link org.rnnlab.training.EpochSelection#oriented}), or null when a run has no validation score.
     */
    public Stats validation(org.rnnlab.training.EpochSelection selection) {
        return switch (selection) {
            case ACCURACY -> validationAccuracy;
            case MACRO_F1 -> validationMacroF1;
            case LOG_LOSS -> validationLogLoss;
            case ROC_AUC -> validationRocAuc;
            case AVERAGE_PRECISION -> validationAveragePrecision;
        };
    }

    private static Stats stats(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        return Stats.of(runs.stream().mapToDouble(f).toArray());
    }

    /** Mean of one metric. */
    public double mean(Metric m) {
        Stats s = metrics.get(m);
        return s == null ? Double.NaN : s.mean();
    }
}
