package org.rnnlab.evaluation.compare;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.rnnlab.evaluation.tune.TuningResult;
import org.rnnlab.datasets.DatasetProvenance;

/**
 * Everything a comparison produced.
 *
 * @param dataset    dataset name
 * @param labelNames its classes
 * @param data       its provenance
 * @param config     the comparison's settings
 * @param runs       one entry per configuration and seed, in run order
 * @param aggregates one entry per configuration, in the order of the config
 * @param seconds    wall time of the comparison's runs (of this session's, when resumed), not of reading the data
 * @param tuning     what the tuning chose per architecture, or null without tuning
 * @param baseline   what always predicting the most frequent training class scores on the same test data, or null when
 *                   not measured (results written before it was)
 * @param foldGroups each cross-validation fold's test groups (index = fold) when the folds are by group ({@link FoldGroups#of}),
 *                   the names results.csv's {@code test_groups} and the report's per-fold table give; null without folds by
 *                   group (and in results written before they were recorded)
 * @param foldUntrainedClasses each cross-validation fold's test classes that none of its training examples has (index = fold,
 *                   {@link org.rnnlab.datasets.CrossValidation#untrainedTestClasses}): a run never predicting such a class is
 *                   put down to the fold, not to class weights ({@link PerClassResults#neverPredicted}); null without folds
 *                   (and in results written before they were recorded)
 * @param summaryBaseline what a logistic regression on each sequence's mean and sd of each feature scores on the same test
 *                   data (each fold's or band's test part after fitting on its training part; {@link SummaryBaseline}), or
 *                   null when it does not apply (text) or was not measured (results written before it was)
 */
@JsonIgnoreProperties(value = {"complete", "runsPlanned", "best", "clipping", "byGroup", "differences", "warnings", "pooledAccuracy",
        "pooledAccuracyCaveat"}, allowGetters = true)
public record ComparisonResult(String dataset, List<String> labelNames, DatasetProvenance data, ComparisonConfig config,
                               List<RunResult> runs, List<Aggregate> aggregates, double seconds, TuningResult tuning,
                               MajorityBaseline baseline, List<List<String>> foldGroups, List<List<String>> foldUntrainedClasses,
                               SummaryBaseline summaryBaseline) {

    /** A result without a summary-feature baseline. */
    public ComparisonResult(String dataset, List<String> labelNames, DatasetProvenance data, ComparisonConfig config,
                            List<RunResult> runs, List<Aggregate> aggregates, double seconds, TuningResult tuning,
                            MajorityBaseline baseline, List<List<String>> foldGroups, List<List<String>> foldUntrainedClasses) {
        this(dataset, labelNames, data, config, runs, aggregates, seconds, tuning, baseline, foldGroups, foldUntrainedClasses, null);
    }

    /** A result whose folds' untrained classes are not recorded. */
    public ComparisonResult(String dataset, List<String> labelNames, DatasetProvenance data, ComparisonConfig config,
                            List<RunResult> runs, List<Aggregate> aggregates, double seconds, TuningResult tuning,
                            MajorityBaseline baseline, List<List<String>> foldGroups) {
        this(dataset, labelNames, data, config, runs, aggregates, seconds, tuning, baseline, foldGroups, null);
    }

    /** A result without folds by group. */
    public ComparisonResult(String dataset, List<String> labelNames, DatasetProvenance data, ComparisonConfig config,
                            List<RunResult> runs, List<Aggregate> aggregates, double seconds, TuningResult tuning,
                            MajorityBaseline baseline) {
        this(dataset, labelNames, data, config, runs, aggregates, seconds, tuning, baseline, null);
    }

    /** A result without a measured baseline. */
    public ComparisonResult(String dataset, List<String> labelNames, DatasetProvenance data, ComparisonConfig config,
                            List<RunResult> runs, List<Aggregate> aggregates, double seconds, TuningResult tuning) {
        this(dataset, labelNames, data, config, runs, aggregates, seconds, tuning, null);
    }

    /** A result without tuning. */
    public ComparisonResult(String dataset, List<String> labelNames, DatasetProvenance data, ComparisonConfig config,
                            List<RunResult> runs, List<Aggregate> aggregates, double seconds) {
        this(dataset, labelNames, data, config, runs, aggregates, seconds, null, null);
    }

    public ComparisonResult {
        labelNames = List.copyOf(labelNames);
        runs = List.copyOf(runs);
        aggregates = List.copyOf(aggregates);
        foldGroups = foldGroups == null ? null : foldGroups.stream().map(List::copyOf).toList();
        foldUntrainedClasses = foldUntrainedClasses == null ? null : foldUntrainedClasses.stream().map(List::copyOf).toList();
    }

    /**
     * This result with its runs' test predictions left out ({@link RunResult#withoutPredictions}): results.json, which they
     * would swell (one row per test sequence and run); test-predictions.csv holds them.
     */
    public ComparisonResult withoutPredictions() {
        return new ComparisonResult(dataset, labelNames, data, config, runs.stream().map(RunResult::withoutPredictions).toList(),
                aggregates, seconds, tuning, baseline, foldGroups, foldUntrainedClasses, summaryBaseline);
    }

    /** The test groups of a run's fold as results.csv's {@code test_groups} gives them ({@link FoldGroups#text}); "" without. */
    public String testGroups(RunResult run) {
        return FoldGroups.text(foldGroups, run.fold());
    }

    /** The runs of one configuration, in the order they were run. */
    public List<RunResult> runsOf(String configuration) {
        return runs.stream().filter(r -> r.configuration().equals(configuration)).toList();
    }

    /** Whether every planned run finished (false for the partial results of a stopped comparison); in results.json. */
    @JsonProperty("complete")
    public boolean complete() {
        return runs.size() >= config.runs();
    }

    /**
     * The best configuration (on validation, else test), its best seed and the {@code train} options that repeat that run
     * ({@link TrainAgain#best}), or null (with bands); in results.json, as the table's "to keep a model" line.
     */
    @JsonProperty("best")
    public TrainAgain.Best best() {
        return TrainAgain.best(this).orElse(null);
    }

    /**
     * The share of updates that clipping changed per configuration with a clip threshold ({@link ComparisonFiles#clipping}),
     * or null without one; in results.json, as the table's clipping lines.
     */
    @JsonProperty("clipping")
    public ComparisonFiles.Clipping clipping() {
        return ComparisonFiles.clipping(this);
    }

    /**
     * Each configuration's test scores in each group of the data's group column, over its runs ({@link ByGroupResults}, the
     * rows of by-group.csv); empty without a group column; in results.json.
     */
    @JsonProperty("byGroup")
    public List<ByGroupResults.Row> byGroup() {
        return ByGroupResults.of(this);
    }

    /**
     * The paired differences of test accuracy, then macro-F1, between every two configurations ({@link PairedDifference}:
     * each with its {@code unit}, seed, seed x band or fold, and its n), as differences.json holds them; in results.json.
     */
    @JsonProperty("differences")
    public List<PairedDifference> differences() {
        return ComparisonFiles.differences(this);
    }

    /**
     * Each configuration's hidden sizes, one per recurrent layer ({@link Comparison#hiddenSizes}): summary.csv's and
     * results.csv's {@code layers} and {@code hidden} columns. Not in results.json, whose config holds the base and layers.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.util.Map<String, List<Integer>> hiddenSizes() {
        return Comparison.hiddenSizes(config, tuning);
    }

    /**
     * The {@code layers} and {@code hidden} cells of {@code configuration} in summary.csv and results.csv: the depth and the
     * width of its layers ({@code 32;16} where they differ); empty where unknown (a tuned comparison stopped before its
     * tuning ended).
     */
    public static String layersAndHidden(java.util.Map<String, List<Integer>> sizes, String configuration) {
        List<Integer> h = sizes.get(configuration);
        if (h == null || h.isEmpty()) {
            return ",";
        }
        return h.size() + "," + (h.stream().distinct().count() == 1 ? String.valueOf(h.get(0))
                : String.join(";", h.stream().map(String::valueOf).toList()));
    }

    /**
     * With {@code --cv}, each configuration's test accuracy pooled over its folds, its Wilson interval and, with folds by
     * group, the mean of the folds' accuracies with its t interval ({@link ComparisonSummary.Pooled}); empty without; in
     * results.json, as the lines under the table.
     */
    @JsonProperty("pooledAccuracy")
    public List<ComparisonSummary.Pooled> pooledAccuracy() {
        return ComparisonSummary.pooled(this);
    }

    /**
     * With folds by group, why the pooled accuracy's Wilson interval is too narrow ({@link ComparisonSummary#groupCaveat}), else
     * null; in results.json.
     */
    @JsonProperty("pooledAccuracyCaveat")
    public String pooledAccuracyCaveat() {
        return ComparisonSummary.groupCaveat(this).orElse(null);
    }

    /** The runs the comparison plans ({@link ComparisonConfig#runs()}); in results.json beside {@code runs}. */
    @JsonProperty("runsPlanned")
    public int runsPlanned() {
        return config.runs();
    }

    /**
     * The warnings of the finished runs, as the terminal gives them after the runs ({@code compare: warning: ...}): how long
     * they trained ({@link TrainingLengths#warnings}: stopped while learning, an early epoch kept, still improving at the end
     * of the budget, a jump of the training loss), a tuning that saw the folds' test data, classes never predicted or pooled
     * below the mean; in results.json, result-warnings.txt, summary.md and the report (a trial found the warning that lstm
     * was still improving on the terminal only, beside a saved verdict "reliably better").
     */
    @JsonProperty("warnings")
    public List<String> warnings() {
        return warnings(null);
    }

    /**
     * {@link #warnings()} with the lists of classes cut to the first {@value org.rnnlab.evaluation.metrics.NamedList#SHOWN}
     * and {@code and N more (cutTo)} when {@code cutTo} names where the full list is (the terminal's, {@link
     * ComparisonFiles#WARNINGS}); every class when it is null.
     */
    public List<String> warnings(String cutTo) {
        List<String> out = new java.util.ArrayList<>(TrainingLengths.warnings(this));
        ComparisonCaveats.tuningSawFoldTestData(this).ifPresent(out::add);
        out.addAll(PerClassResults.neverPredicted(this, cutTo));
        out.addAll(PerClassResults.weightSideEffects(this));
        out.addAll(PerClassResults.pooledBelowMean(this));
        return out;
    }
}
