package org.rnnlab.evaluation.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.TagBands;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.evaluation.train.TestPredictions;
import org.rnnlab.evaluation.tune.Trial;
import org.rnnlab.evaluation.tune.TuningResult;
import org.rnnlab.training.EpochSelection;

/**
 * Writes a comparison's machine-readable results: {@code results.json} (the whole
 * {@link ComparisonResult}: per seed and aggregated), {@code results.csv} (one row per
 * configuration and seed), {@code per-class.csv} ({@link PerClassResults}), {@code by-group.csv} where the data have a group
 * column ({@link ByGroupResults}) and {@code summary.csv}/{@code summary.md} (one
 * row per configuration, {@link ComparisonSummary}). Atomically, like every file rnnlab writes.
 */
public final class ComparisonFiles {
    /**
     * Columns of {@code results.csv}. The last, {@code test_groups}, names the groups a run's fold tested on when
     * cross-validation folds by group ({@link FoldGroups#text}: joined with ';', the first {@value FoldGroups#SHOWN} and a
     * count of the rest; folds.csv has every sequence's group); empty without cross-validation and for folds not by group
     * (walk-forward by time, stratified by example). After {@code layers} and {@code hidden}, the model's other settings that a
     * tuning chooses, {@code learning_rate} (exact), {@code dropout}, {@code head} and {@code residual} (true/false), filled
     * for every run, tuned or not ({@link Comparison#specs}), at the end so that readers of the earlier columns keep working;
     * empty where unknown (a tuned comparison stopped before its tuning ended).
     */
    public static final String CSV_HEADER = "configuration,architecture,clip,seed,accuracy,macro_f1,macro_precision,macro_recall,"
            + "best_epoch,train_seconds,samples_per_s,parameters,run_memory_mb,fold,band,clipped,epochs_trained,stopped_by,"
            + "validation_accuracy,validation_macro_f1,macro_roc_auc,macro_average_precision,cohen_kappa,"
            + "validation_log_loss,validation_roc_auc,validation_average_precision,log_loss,average_precision,test_groups,"
            + "macro_f1_present_or_predicted,layers,hidden,learning_rate,dropout,head,residual";

    private ComparisonFiles() {
    }

    /**
     * Columns of {@code differences.csv}; the last three say what the test ran on: {@code unit} {@code seed}, {@code seed x band}
     * or {@code fold} ({@link PairedDifference#unit}), {@code n} the number of them (the same as {@code pairs}, kept where it
     * was), {@code seeds_per_unit} how many seeds a fold's difference averages (1 otherwise); then {@code unfinished}, empty
     * unless a or b kept the last epoch of the budget in half or more of its runs, still improving when it ended ({@link
     * TrainingLengths#unfinishedWords}): then the difference, whatever its verdict, may be the budget's; {@code scope}, what a
     * verdict covers; last {@code p_holm}, the Holm-adjusted p over the metric's pairs with a verdict ({@link
     * PairedDifference#pHolm}; empty for a pair without one), where {@code reliable} and the p before it are uncorrected and
     * {@code verdict} says so where the correction does not keep a "reliably" (trial 79j F1); after it {@code definition},
     * which figure of the metric was compared: {@value #PRESENT_OR_PREDICTED} on the {@code macro_f1} rows (scikit-learn's
     * {@code f1_score(average='macro')}, results.csv's {@code macro_f1_present_or_predicted}, which differs from its {@code
     * macro_f1} where a run predicted a class its test data hold none of: {@link PresentOrPredicted}), empty on the others.
     */
    public static final String DIFFERENCES_HEADER = "a,b,metric,pairs,mean_difference,ci_low,ci_high,p_value,reliable,verdict,unit,n,"
            + "seeds_per_unit,unfinished,scope,p_holm,definition";

    /** differences.csv's {@code definition} of its {@code macro_f1} rows: the figure results.csv calls {@code macro_f1_present_or_predicted}. */
    public static final String PRESENT_OR_PREDICTED = "present_or_predicted";

    /**
     * The file of a comparison's folder with the warnings of its finished runs ({@link ComparisonResult#warnings}), one per
     * line, as {@code data-warnings.txt} keeps those of its data; not written (and removed) when there are none.
     */
    public static final String WARNINGS = "result-warnings.txt";

    /**
     * Writes results.json, results.csv and the paired differences of accuracy and macro-F1 between every two
     * configurations (differences.json, differences.csv; see {@link PairedDifference}) into {@code dir}.
     */
    public static void write(ComparisonResult result, Path dir) throws IOException {
        Json.writeFile(dir.resolve("results.json"), result.withoutPredictions()); // they are in test-predictions.csv
        AtomicFiles.writeString(dir.resolve("results.csv"), csv(result));
        String predictions = testPredictionsCsv(result);
        if (predictions == null) {
            java.nio.file.Files.deleteIfExists(dir.resolve(TestPredictions.FILE));
        } else {
            AtomicFiles.writeString(dir.resolve(TestPredictions.FILE), predictions);
        }
        String validationPredictions = validationPredictionsCsv(result);
        if (validationPredictions == null) {
            java.nio.file.Files.deleteIfExists(dir.resolve(TestPredictions.VALIDATION_FILE));
        } else {
            AtomicFiles.writeString(dir.resolve(TestPredictions.VALIDATION_FILE), validationPredictions);
        }
        AtomicFiles.writeString(dir.resolve("per-class.csv"), PerClassResults.csv(result));
        List<ByGroupResults.Row> byGroup = ByGroupResults.of(result); // where the data have a group column
        if (!byGroup.isEmpty()) {
            AtomicFiles.writeString(dir.resolve(ByGroupResults.CSV), ByGroupResults.csv(byGroup));
        }
        AtomicFiles.writeString(dir.resolve(ComparisonSummary.CSV), ComparisonSummary.csv(result)); // one row per configuration
        AtomicFiles.writeString(dir.resolve(ComparisonSummary.MARKDOWN), ComparisonSummary.markdown(result));
        if (result.runs().stream().anyMatch(r -> !r.test().buckets().isEmpty())) {
            AtomicFiles.writeString(dir.resolve(BUCKETS_CSV), bucketsCsv(result));
        }
        List<PairedDifference> differences = differences(result);
        Map<String, int[]> unfinished = TrainingLengths.stillImprovingCounts(result);
        java.util.Optional<String> scope = ComparisonCaveats.verdictScope(result);
        Json.writeFile(dir.resolve("differences.json"), differencesJson(differences, unfinished, scope.orElse(null)));
        StringBuilder sb = new StringBuilder(DIFFERENCES_HEADER).append('\n');
        for (PairedDifference d : differences) {
            sb.append(quote(d.a())).append(',').append(quote(d.b())).append(',').append(d.metric().name().toLowerCase(Locale.ROOT))
                    .append(',').append(d.pairs()).append(',').append(fmtOrEmpty(d.meanDifference())).append(',').append(fmtOrEmpty(d.low()))
                    .append(',').append(fmtOrEmpty(d.high())).append(',').append(fmtOrEmpty(d.pValue())).append(',').append(d.reliable()).append(',').append(quote(d.verdict()))
                    .append(',').append(d.unit() == null ? "" : d.unit()).append(',').append(d.pairs()).append(',').append(d.seedsPerUnit())
                    .append(',').append(quote(TrainingLengths.unfinishedWords(unfinished, d.a(), d.b()).orElse("")))
                    .append(',').append(quote(scope.orElse(""))) // what any verdict of the pair covers (trial 76g F1)
                    .append(',').append(d.pHolm() == null ? "" : fmtOrEmpty(d.pHolm())) // trial 79j F1
                    .append(',').append(d.metric() == Metric.MACRO_F1 ? PRESENT_OR_PREDICTED : "") // PresentOrPredicted.compared
                    .append('\n');
        }
        AtomicFiles.writeString(dir.resolve("differences.csv"), sb.toString());
        List<String> warnings = result.warnings(); // beside the scores they qualify, not on the terminal only
        if (warnings.isEmpty()) {
            java.nio.file.Files.deleteIfExists(dir.resolve(WARNINGS)); // a resumed comparison's earlier warnings no longer hold
        } else {
            AtomicFiles.writeString(dir.resolve(WARNINGS), String.join("\n", warnings) + "\n");
        }
        if (result.tuning() != null) {
            Json.writeFile(dir.resolve("tuning.json"), result.tuning());
            AtomicFiles.writeString(dir.resolve("trials.csv"), trialsCsv(result.tuning(), result.config().training().selection()));
            recordTuned(dir.resolve("config.json"), result.tuning());
        }
    }

    /**
     * The rows of {@code differences.json}: each {@link PairedDifference} as results.json holds it ({@code metric} the enum name,
     * {@code ACCURACY}, kept for existing readers), plus the columns that only differences.csv had (trial 80d F2):
     * {@code metricKey} (the CSV's {@code metric}, {@code accuracy} or {@code macro_f1}), {@code verdict}, {@code unfinished}
     * {@code scope} and {@code definition} (null where the CSV cell is empty). Read back as a {@link PairedDifference}, the five
     * are ignored.
     */
    static com.fasterxml.jackson.databind.node.ArrayNode differencesJson(List<PairedDifference> differences, Map<String, int[]> unfinished,
                                                                         String scope) {
        com.fasterxml.jackson.databind.node.ArrayNode out = Json.mapper().createArrayNode();
        for (PairedDifference d : differences) {
            com.fasterxml.jackson.databind.node.ObjectNode row = Json.mapper().valueToTree(d);
            row.put("metricKey", d.metric().key());
            row.put("verdict", d.verdict());
            row.put("unfinished", TrainingLengths.unfinishedWords(unfinished, d.a(), d.b()).orElse(null));
            row.put("scope", scope);
            row.put("definition", d.metric() == Metric.MACRO_F1 ? PRESENT_OR_PREDICTED : null);
            out.add(row);
        }
        return out;
    }

    /**
     * Adds to a tuned comparison's {@code config} (its config.json, when there) {@code comparison.tuned}: each architecture's
     * chosen settings, as tuning.json's {@code architectures[].chosen}, beside {@link ComparisonConfig#tunedFields}, the base
     * fields they replace (trial 78d F2: config.json's base, hidden 64 and lr 0.005, was read as what the runs used). Read
     * back as nothing: the tuning's settings and kept trials give the same choice.
     */
    static void recordTuned(Path config, TuningResult tuning) throws IOException {
        if (!java.nio.file.Files.isRegularFile(config)) {
            return;
        }
        com.fasterxml.jackson.databind.JsonNode root = Json.mapper().readTree(config.toFile());
        if (!(root.get("comparison") instanceof com.fasterxml.jackson.databind.node.ObjectNode comparison)) {
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode tuned = Json.mapper().createObjectNode();
        for (TuningResult.ArchitectureTuning a : tuning.architectures()) {
            tuned.set(a.architecture(), Json.mapper().valueToTree(a.chosen()));
        }
        if (tuned.equals(comparison.get(ComparisonConfig.TUNED))) {
            return; // a resumed comparison's report written again: the file as it is
        }
        comparison.set(ComparisonConfig.TUNED, tuned);
        Json.writeFile(config, root);
    }

    /**
     * The comparison's {@value TestPredictions#FILE}: each run's test predictions ({@link RunResult#predictions}), the columns
     * of train's file ({@link TestPredictions}) after {@code configuration}, {@code seed}, {@code fold} (with folds),
     * {@code band} (with bands) and {@code group} (with a group column); the runs in the order of the configurations, then
     * band, seed and fold, each run's sequences in its test split's order. With {@code --cv} every sequence is there once per
     * configuration and seed, predicted by a model that did not train on it (trial 75d F4: a cut-off for a rare class had to
     * be chosen on 2 validation sequences while the comparison had scored all 24 out-of-fold). Null when no run kept them
     * (runs of files written before they were, or no test split).
     */
    public static String testPredictionsCsv(ComparisonResult result) {
        return predictionsCsv(result, RunResult::predictions);
    }

    /**
     * The comparison's {@value TestPredictions#VALIDATION_FILE}: each run's predictions of its validation split by the kept
     * epoch's model ({@link RunResult#validationPredictions}), in the columns and order of {@link #testPredictionsCsv}; the
     * accuracy of a run's rows is its {@code validation_accuracy} in results.csv, the score the best configuration is chosen
     * by (trial 78d F5). With {@code --cv} each fold's own validation carve. Null when no run kept them (no validation data,
     * or runs of files written before they were).
     */
    public static String validationPredictionsCsv(ComparisonResult result) {
        return predictionsCsv(result, RunResult::validationPredictions);
    }

    /** The rows of each run's {@code which} predictions ({@link #testPredictionsCsv}), or null when no run has them. */
    private static String predictionsCsv(ComparisonResult result, java.util.function.Function<RunResult, RunPredictions> which) {
        List<String> order = result.aggregates().stream().map(Aggregate::configuration).toList();
        List<RunResult> runs = result.runs().stream().filter(r -> which.apply(r) != null && r.evaluatedOn() == Split.TEST)
                .sorted(java.util.Comparator.comparingInt((RunResult r) -> order.indexOf(r.configuration()))
                        .thenComparing(r -> r.band() == null ? "" : r.band()).thenComparingLong(RunResult::seed)
                        .thenComparingInt(r -> r.fold() == null ? -1 : r.fold()))
                .toList();
        if (runs.isEmpty()) {
            return null;
        }
        boolean folds = runs.stream().anyMatch(r -> r.fold() != null);
        boolean bands = runs.stream().anyMatch(r -> r.band() != null);
        boolean groups = runs.stream().anyMatch(r -> !which.apply(r).groups().isEmpty());
        List<String> header = new ArrayList<>(List.of("configuration", "seed"));
        if (folds) {
            header.add("fold");
        }
        if (bands) {
            header.add("band");
        }
        if (groups) {
            header.add("group");
        }
        List<List<String>> leading = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        List<Integer> predicted = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        for (RunResult r : runs) {
            RunPredictions p = which.apply(r);
            for (int i = 0; i < p.ids().size(); i++) {
                List<String> row = new ArrayList<>(List.of(r.configuration(), String.valueOf(r.seed())));
                if (folds) {
                    row.add(r.fold() == null ? "" : String.valueOf(r.fold()));
                }
                if (bands) {
                    row.add(r.band() == null ? "" : r.band());
                }
                if (groups) {
                    row.add(p.groups().isEmpty() ? "" : p.groups().get(i));
                }
                leading.add(row);
                ids.add(p.ids().get(i));
                truth.add(p.actual().get(i));
                predicted.add(p.predicted().get(i));
                probabilities.add(p.probabilities().get(i).stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return TestPredictions.csv(result.labelNames(), header, leading, ids, truth.stream().mapToInt(Integer::intValue).toArray(),
                predicted.stream().mapToInt(Integer::intValue).toArray(), probabilities.toArray(double[][]::new));
    }

    /** The test accuracy of every run at every value of every example tag (distance, attractors, ...). */
    public static final String BUCKETS_CSV = "accuracy-by-tag.csv";

    /** Columns of {@link #BUCKETS_CSV}. */
    public static final String BUCKETS_HEADER = "configuration,seed,fold,band,tag,value,examples,accuracy";

    /**
     * One row per run, tag and tag value: the numbers behind the report's accuracy-by-TAG charts, for tables of one's own
     * (a user looked for the README's accuracy-by-distance table in the command's outputs: it was only in runs/*.json).
     */
    public static String bucketsCsv(ComparisonResult result) {
        StringBuilder sb = new StringBuilder(BUCKETS_HEADER).append('\n');
        for (RunResult r : result.runs()) {
            for (org.rnnlab.evaluation.metrics.BucketAccuracy b : r.test().buckets()) {
                sb.append(quote(r.configuration())).append(',').append(r.seed()).append(',').append(r.fold() == null ? "" : r.fold())
                        .append(',').append(r.band() == null ? "" : quote(r.band())).append(',').append(quote(b.tag())).append(',')
                        .append(b.value()).append(',').append(b.count()).append(',').append(fmt(b.accuracy())).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Columns of {@code trials.csv} of a tuning ranked by validation accuracy: {@code promoted} is true for a trial that trained
     * in the next rung, {@code not_run_by_budget} for one selected for it that the spent {@code --tune-budget} did not let train
     * (trial 81f F2: such trials were marked promoted, with no row of the next rung).
     */
    public static final String TRIALS_HEADER = "architecture,trial,rung,epochs,validation_accuracy,train_seconds,promoted,chosen,"
            + "not_run_by_budget,"
            + "learning_rate,hidden,layers,dropout,clip,head,residual";

    /**
     * Columns of {@code trials.csv} of a tuning ranked by {@code selection}: {@link #TRIALS_HEADER}, and for a selection other
     * than accuracy last its column, {@code validation_macro_f1}, {@code validation_log_loss} (lower is better), {@code
     * validation_roc_auc} or {@code validation_average_precision}, as results.csv names them: the score the trials were ranked
     * and promoted by (a review: only accuracy was there, which a log-loss ranking need not follow).
     */
    public static String trialsHeader(EpochSelection selection) {
        return selection == EpochSelection.ACCURACY ? TRIALS_HEADER : TRIALS_HEADER + "," + selectedColumn(selection);
    }

    /** The column of {@code selection}'s validation score, e.g. {@code validation_log_loss}. */
    static String selectedColumn(EpochSelection selection) {
        return "validation_" + selection.option().replace('-', '_');
    }

    /** One row per trial and rung of a tuning ranked by validation accuracy. */
    public static String trialsCsv(TuningResult tuning) {
        return trialsCsv(tuning, EpochSelection.ACCURACY);
    }

    /**
     * One row per trial and rung of a tuning ranked by {@code selection} ({@link #trialsHeader}); the selected score's cell is
     * empty where it was not recorded (trials of an older rnnlab resumed).
     */
    public static String trialsCsv(TuningResult tuning, EpochSelection selection) {
        StringBuilder sb = new StringBuilder(trialsHeader(selection)).append('\n');
        for (TuningResult.ArchitectureTuning a : tuning.architectures()) {
            int lastRung = a.trials().stream().mapToInt(TuningResult.TrialScore::rung).max().orElse(0);
            for (TuningResult.TrialScore t : a.trials()) {
                Trial x = t.trial();
                sb.append(a.architecture()).append(',').append(x.index()).append(',').append(t.rung()).append(',').append(t.epochs())
                        .append(',').append(fmt(t.validationAccuracy())).append(',').append(fmt(t.trainSeconds())).append(',')
                        .append(t.promoted()).append(',').append(t.rung() == lastRung && x.equals(a.chosen())).append(',')
                        .append(Boolean.TRUE.equals(t.notRunByBudget())).append(',')
                        .append(fmt(x.learningRate())).append(',').append(x.hidden()).append(',').append(x.layers()).append(',')
                        .append(fmt(x.dropout())).append(',').append(quote(x.clip())).append(',').append(x.head()).append(',')
                        .append(x.residual());
                if (selection != EpochSelection.ACCURACY) {
                    Double selected = selection == EpochSelection.MACRO_F1 ? t.validationMacroF1() : t.validationSelected();
                    sb.append(',').append(selected == null ? "" : orEmpty(selected));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Paired differences of accuracy, then of macro-F1, between every two configurations; then of the threshold-free score
     * the comparison selected by (log-loss, ROC AUC, average precision), where every configuration has it.
     */
    public static List<PairedDifference> differences(ComparisonResult result) {
        List<PairedDifference> out = new ArrayList<>(PairedDifference.all(result, Metric.ACCURACY));
        out.addAll(PairedDifference.all(result, Metric.MACRO_F1));
        Metric paired = ComparisonSummary.selectedPaired(result);
        if (paired != null) {
            out.addAll(PairedDifference.all(result, paired));
        }
        return out;
    }

    /**
     * For models of more than {@value org.rnnlab.evaluation.metrics.TopKAccuracy#MIN_CLASSES} classes, each configuration's
     * mean test top-k accuracy over its runs ({@link Metric#TOP_3_ACCURACY}, {@link Metric#TOP_5_ACCURACY}; in results.json's
     * aggregates with their sd), e.g. {@code test top-k accuracy (mean over runs; the true class among the 3 or 5 most
     * probable of 120): gru top-3 0.8904, top-5 0.9247; lstm top-3 0.8630, top-5 0.9110}; empty where no configuration has
     * them (fewer classes, or runs of an older rnnlab).
     */
    static java.util.Optional<String> topKLine(ComparisonResult result) {
        List<Metric> ks = List.of(Metric.TOP_3_ACCURACY, Metric.TOP_5_ACCURACY);
        List<String> parts = new ArrayList<>();
        java.util.Set<String> measured = new java.util.LinkedHashSet<>();
        for (Aggregate a : result.aggregates()) {
            List<String> mine = new ArrayList<>();
            for (Metric m : ks) {
                if (!Double.isNaN(a.mean(m))) {
                    String k = m == Metric.TOP_3_ACCURACY ? "3" : "5";
                    measured.add(k);
                    mine.add(String.format(Locale.ROOT, "top-%s %.4f", k, a.mean(m)));
                }
            }
            if (!mine.isEmpty()) {
                parts.add(a.configuration() + " " + String.join(", ", mine));
            }
        }
        if (parts.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "test top-k accuracy (mean over runs; the true class among the %s most "
                + "probable of %d): %s", String.join(" or ", measured), result.labelNames().size(), String.join("; ", parts)));
    }

    /** A score, or an empty cell for NaN (no validation data). */
    private static String orEmpty(double v) {
        return Double.isNaN(v) ? "" : fmt(v);
    }

    /**
     * The CSV text; {@code validation_*} are the kept epoch's validation scores, empty without validation data; the ranking
     * metrics and {@code cohen_kappa} (added after the others so that their positions hold) are empty where undefined or not
     * measured (runs of an older rnnlab resumed); so are the kept epoch's threshold-free validation scores added last,
     * {@code validation_log_loss} (lower is better), {@code validation_roc_auc}, {@code validation_average_precision}; then
     * the test scores of the same kind, {@code log_loss} and {@code average_precision} (of two classes the class the comparison fixed
     * from its training pool, {@code config.training.averagePrecisionClass}, as {@code --select average-precision} judges and {@code evaluate} ranks; {@link Metric#AVERAGE_PRECISION}), so that a
     * comparison chosen by one of them is read by it on the test data too; after {@code test_groups}, {@code
     * macro_f1_present_or_predicted}: the macro-F1 counting a class predicted but absent from the run's test data at F1 0, as
     * scikit-learn's {@code f1_score(average='macro')} does ({@link PresentOrPredicted}), equal to {@code macro_f1} where no
     * class is predicted but absent.
     */
    public static String csv(ComparisonResult result) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        Map<String, List<Integer>> sizes = result.hiddenSizes();
        Map<String, org.rnnlab.core.ModelSpec> specs = Comparison.specs(result.config(), result.tuning());
        for (RunResult r : result.runs()) {
            sb.append(quote(r.configuration())).append(',').append(r.architecture()).append(',').append(r.clip()).append(',')
                    .append(r.seed());
            for (Metric m : Metric.ALWAYS) {
                sb.append(',').append(fmt(r.test().metric(m)));
            }
            sb.append(',').append(r.bestEpoch()).append(',').append(fmt(r.trainSeconds())).append(',')
                    .append(fmt(r.samplesPerSecond())).append(',').append(r.parameters()).append(',').append(r.runMemoryMb() == null ? "" : r.runMemoryMb())
                    .append(',').append(r.fold() == null ? "" : r.fold()).append(',').append(r.band() == null ? "" : quote(r.band()))
                    .append(',').append(r.clippedShare() == null ? "" : fmt(r.clippedShare()))
                    .append(',').append(r.epochsTrained()).append(',').append(r.stoppedBy() == null ? "" : quote(r.stoppedBy()))
                    .append(',').append(orEmpty(r.keptValidation(EpochSelection.ACCURACY)))
                    .append(',').append(orEmpty(r.keptValidation(EpochSelection.MACRO_F1)))
                    .append(',').append(orEmpty(r.test().metric(Metric.MACRO_ROC_AUC)))
                    .append(',').append(orEmpty(r.test().metric(Metric.MACRO_AVERAGE_PRECISION)))
                    .append(',').append(orEmpty(r.test().metric(Metric.COHEN_KAPPA)))
                    .append(',').append(orEmpty(r.keptValidation(EpochSelection.LOG_LOSS)))
                    .append(',').append(orEmpty(r.keptValidation(EpochSelection.ROC_AUC)))
                    .append(',').append(orEmpty(r.keptValidation(EpochSelection.AVERAGE_PRECISION)))
                    .append(',').append(orEmpty(r.test().metric(Metric.LOG_LOSS)))
                    .append(',').append(orEmpty(r.test().metric(Metric.AVERAGE_PRECISION)))
                    .append(',').append(quote(result.testGroups(r)))
                    .append(',').append(orEmpty(PresentOrPredicted.of(r)))
                    .append(',').append(ComparisonResult.layersAndHidden(sizes, r.configuration()))
                    .append(',').append(settings(specs.get(r.configuration())))
                    .append('\n');
        }
        return sb.toString();
    }

    /**
     * Beside a tuned architecture's trial score, which is one seed's (the tuning's) and the highest of its trials on that seed,
     * the mean validation score of its runs over the comparison's seeds (and folds), which chooses the best configuration, and
     * whether the trial's seed is one of them (then that run is in the mean, and holds the trial's luck): trial 78d F6, where
     * the trial's 0.7593 on seed 1 was the same run as seed 1's of three whose mean was 0.7407. Empty when no run has it.
     */
    static String tunedRunsValidation(ComparisonResult result, String architecture, EpochSelection selection) {
        ComparisonConfig config = result.config();
        Aggregate aggregate = result.aggregates().stream().filter(g -> g.configuration().equals(architecture)).findFirst().orElse(null);
        Aggregate.Stats stats = aggregate == null ? null : aggregate.validation(selection);
        if (stats == null) {
            return "";
        }
        long tuningSeed = config.tuning().seed();
        boolean among = tuningSeed >= config.firstSeed() && tuningSeed < config.firstSeed() + config.seeds();
        String runs = config.folds() > 1 ? config.seeds() * config.folds() + " runs (" + config.seeds() + " seed(s) x "
                + config.folds() + " folds)" : config.seeds() == 1 ? "1 run" : config.seeds() + " runs";
        // a trial the budget stopped short trained fewer epochs than the runs: its seed's run is then not the trial (trial 81f F1)
        Integer trialEpochs = result.tuning() == null ? null : result.tuning().architectures().stream()
                .filter(t -> t.architecture().equals(architecture)).map(TuningResult.ArchitectureTuning::chosenEpochs)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        int runEpochs = config.training().epochs();
        String shorter = trialEpochs == null || trialEpochs >= runEpochs ? null : String.format(Locale.ROOT, ", seed %d among them "
                + "trained for %d epochs where the trial trained %d", tuningSeed, runEpochs, trialEpochs);
        return String.format(Locale.ROOT, " of its trial, with seed %d only; mean of its %s %.4f%s", tuningSeed, runs, stats.mean(),
                among ? (config.folds() > 1 ? ", seed " + tuningSeed + " among them (on folds, not the trial's split)"
                        : shorter != null ? shorter : ", the trial's seed " + tuningSeed + " one of them") : "");
    }

    /** The {@code learning_rate,dropout,head,residual} cells of a configuration's model; empty cells where unknown (null). */
    private static String settings(org.rnnlab.core.ModelSpec spec) {
        return spec == null ? ",,," : Double.toString(spec.learningRate()) + ',' + spec.dropout() + ',' + spec.head().id() + ','
                + spec.residual();
    }

    /**
     * A terminal table: one row per configuration with mean +- sd over seeds (and folds) of test accuracy and macro-F1,
     * each row whose accuracy is not above the {@link MajorityBaseline} marked, and the baseline; then the paired accuracy
     * and macro-F1 differences with their 95% intervals (the sign-flip test inverted) when there are two or more configurations.
     */
    public static String table(ComparisonResult result) {
        return table(result, null);
    }

    /**
     * {@link #table(ComparisonResult)} whose line on keeping a model names the comparison's config.json as {@code config}, a
     * shell word (quoted where needed), so that its train command can be pasted as printed; null names it in words.
     */
    public static String table(ComparisonResult result, String config) {
        return table(result, config, List.of());
    }

    /** {@link #table(ComparisonResult, String)}, the best line qualified by the data warnings ({@link TrainAgain#hint}). */
    public static String table(ComparisonResult result, String config, List<String> dataWarnings) {
        StringBuilder sb = new StringBuilder();
        if (result.config().crossValidation() != null) {
            sb.append("cross-validation: ").append(result.config().crossValidation().describe()).append(", every row over seeds x folds\n");
        }
        if (result.config().bands() != null) {
            sb.append("bands of ").append(result.config().bands().tag()).append(": every configuration and seed trained and tested once per band ")
                    .append(result.config().bands().describe()).append(" on that band's examples only; every row over seeds x bands\n");
        }
        if (result.tuning() != null) {
            // the score the tuner ranked by: macro-F1 where the runs keep their epoch by it (a trial read "accuracy" of a
            // tuning that ranked by macro-F1)
            EpochSelection selection = result.config().training().selection();
            sb.append(String.format(Locale.ROOT, "tuned: %d trials per architecture, successive halving (eta %d) on validation %s%n",
                    result.tuning().config().trials(), result.tuning().config().eta(), selection.label()));
            for (TuningResult.ArchitectureTuning a : result.tuning().architectures()) {
                double score = a.trials().stream().filter(t -> t.trial().equals(a.chosen()))
                        .max(java.util.Comparator.comparingInt(TuningResult.TrialScore::rung)).map(t -> t.score(selection))
                        .orElse(a.chosenAccuracy());
                // the exact settings beside the rounded ones: a user's retraining with "lr 0.00736" gave other numbers
                sb.append(String.format(Locale.ROOT, "  %-8s %s (validation %s %.4f%s%s)%n  %-8s exactly: %s%n", a.architecture(),
                        a.chosen().describe(), selection.label(), score, tunedRunsValidation(result, a.architecture(), selection),
                        a.budgetNote() != null ? "; " + a.budgetNote() : a.stoppedByBudget() ? ", stopped by --tune-budget" : "", "",
                        String.join(" ", a.chosen().trainOptions())));
            }
            sb.append('\n');
        }
        // the ranking of the probabilities, where every configuration has it: for a rare class what accuracy hides
        boolean ranked = !result.aggregates().isEmpty()
                && result.aggregates().stream().allMatch(a -> a.metrics().containsKey(Metric.MACRO_ROC_AUC));
        // the score chosen by, where it is not one of the table's (a purchase trial's average precision of its 4% class)
        Metric selected = ComparisonSummary.selectedColumn(result);
        String selectedHeader = selected == null ? "" : ComparisonSummary.label(result, selected);
        sb.append(String.format(Locale.ROOT, "%-26s %5s %18s %18s%s%s %10s %10s %9s%n", "configuration", "runs", "test accuracy",
                "macro-F1", ranked ? String.format(Locale.ROOT, " %18s", "ROC AUC (macro)") : "",
                selected == null ? "" : String.format(Locale.ROOT, " %18s", selectedHeader.length() > 18
                        ? selectedHeader.replace("average precision", "AP") : selectedHeader), "train s", "smp/s", "params"));
        List<String> notAbove = MajorityBaseline.notAbove(result);
        for (Aggregate a : result.aggregates()) {
            sb.append(String.format(Locale.ROOT, "%-26s %5d %s %s%s%s %10.1f %10.0f %9d%s%n", a.configuration(), a.runs(),
                    meanSd(a.metrics().get(Metric.ACCURACY), a.runs()), meanSd(a.metrics().get(Metric.MACRO_F1), a.runs()),
                    ranked ? " " + meanSd(a.metrics().get(Metric.MACRO_ROC_AUC), a.runs()) : "",
                    selected == null ? "" : " " + meanSd(a.metrics().get(selected), a.runs()),
                    a.trainSeconds().mean(), a.samplesPerSecond().mean(), a.parameters(),
                    notAbove.contains(a.configuration()) ? "  accuracy not above the baseline" : ""));
        }
        sb.append(PresentOrPredicted.tableLines(result)); // a class predicted but absent: the lower, scikit-learn macro-F1 too
        topKLine(result).ifPresent(l -> sb.append(l).append('\n')); // many classes: top-3 and top-5 accuracy (trial 81c F3)
        briefRunsNote(result).ifPresent(n -> sb.append("(").append(n).append(")\n"));
        if (result.aggregates().stream().anyMatch(a -> a.runs() > 1)) { // what the spread is (a trial checked it by hand)
            sb.append("(").append(ComparisonSummary.sdNote(result)).append("; these rows are in ").append(ComparisonSummary.CSV)
                    .append(" and ").append(ComparisonSummary.MARKDOWN).append(")\n");
        }
        List<String> pooled = ComparisonSummary.pooledAccuracy(result);
        if (!pooled.isEmpty()) { // a trial read 0.8750 +- 0.1149 as an interval of the estimate
            sb.append(ComparisonSummary.pooledNote(result)).append(":\n");
            pooled.forEach(l -> sb.append("  ").append(l).append('\n'));
            ComparisonSummary.groupCaveat(result).ifPresent(c -> sb.append("  (").append(c).append(")\n"));
        }
        if (result.baseline() != null) {
            // a user's try read gru 0.8667 as good: it was the share of the majority class in the test split
            sb.append("majority-class baseline: ").append(result.baseline().describe()).append('\n');
            MajorityBaseline.warning(result).ifPresent(w -> sb.append("  (").append(w).append(")\n"));
        }
        if (result.summaryBaseline() != null) { // once, beside the majority's: the bar the order of the steps must clear (79a F3)
            sb.append("summary-feature baseline: ").append(result.summaryBaseline().describe()).append('\n');
            SummaryBaseline.warning(result).ifPresent(w -> sb.append("  (").append(w).append(")\n"));
        }
        ByGroupResults.lowestLine(result, ByGroupResults.of(result), dataWarnings).ifPresent(l -> sb.append(l).append('\n'));
        sb.append(clippingLines(result));
        if (result.config().bands() != null) {
            sb.append(bandTable(result));
        }
        sb.append(PerClassResults.table(result));
        List<PairedDifference> differences = PairedDifference.all(result, Metric.ACCURACY);
        if (!differences.isEmpty()) {
            sb.append(differenceLines(result, "accuracy", differences));
            // on imbalanced classes accuracy moves with the majority class; macro-F1 with the rare ones (a user's try)
            sb.append(differenceLines(result, ComparisonSummary.label(result, Metric.MACRO_F1), PairedDifference.all(result, Metric.MACRO_F1)));
            Metric paired = ComparisonSummary.selectedPaired(result);
            if (paired != null) { // the score chosen by, paired as the two above
                sb.append(differenceLines(result, ComparisonSummary.label(result, paired), PairedDifference.all(result, paired)));
            }
            ComparisonCaveats.tooFewPairs(differences).ifPresent(w -> sb.append("  (").append(w).append(")\n"));
            ComparisonCaveats.sizesDiffer(result, differences).ifPresent(w -> sb.append("  (").append(w).append(")\n"));
            // with --cv, where it says that no correction is made (manyPairs then gives the Holm-adjusted p only), as
            // summary.md and the report do: the console said nothing of it with folds (trial 79g F9)
            ComparisonCaveats.foldsShareTestData(result, differences).ifPresent(w -> sb.append("  (").append(w).append(")\n"));
            ComparisonCaveats.manyPairs(result, differences).ifPresent(w -> sb.append("  (").append(w).append(")\n"));
        }
        TrainAgain.hint(result, config, dataWarnings).ifPresent(h -> sb.append("\nto keep a model: compare saves none; best: ").append(h).append('\n'));
        return sb.toString();
    }

    /** Below this many seconds of training a run's {@code train s} and {@code smp/s} are noise ({@link #briefRunsNote}). */
    public static final double BRIEF_RUN_SECONDS = 2;

    /**
     * Under the console table, when some runs trained under {@value #BRIEF_RUN_SECONDS} s: their {@code train s} and
     * {@code smp/s} are noise (trial 76g F2: two LSTM configurations that did the same computation, a clip that never
     * engaged, showed 5889 and 8301 smp/s at 0.1 s, read as "clipping halves the throughput"); empty otherwise.
     */
    static java.util.Optional<String> briefRunsNote(ComparisonResult result) {
        long brief = result.runs().stream().filter(r -> r.trainSeconds() < BRIEF_RUN_SECONDS).count();
        if (brief == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "train s and smp/s: %d of %d runs trained under %.0f s, and the "
                + "timings of runs that short are noise (the machine's load and other processes weigh more than the work), not a property "
                + "of the configuration: compare speeds on runs of several seconds, or with rnnlab bench", brief, result.runs().size(),
                BRIEF_RUN_SECONDS));
    }

    /**
     * What the interval of the paired differences is, in their headers: the shifts common to every pair that the sign-flip
     * test does not reject at 5%, not an interval around the mean (trial 79g F2: "95% interval of the mean" was read as one,
     * where the main job's pairs of three bands share no shift).
     */
    static final String INTERVAL_WORDS = "95% interval of a shift common to all pairs (the sign-flip test inverted)";

    /**
     * The terminal lines of the paired differences of one metric, {@code what} (e.g. "accuracy"); with bands, under each pair
     * of accuracy its mean difference by band ({@link SignFlipNotes#byBand}); then the ties and the 6-pairs notes of this metric.
     */
    private static String differenceLines(ComparisonResult result, String what, List<PairedDifference> differences) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%npaired %s differences (a - b, %s; %s, n/a below %d %s; p of that test):%n", what, pairing(result),
                INTERVAL_WORDS, PairedDifference.MIN_PAIRS, result.config().crossValidation() != null ? "folds" : "pairs"));
        for (PairedDifference d : ComparisonCaveats.oneFactorFirst(result, differences)) {
            sb.append(String.format(Locale.ROOT, "  %-22s - %-22s %s %s %s p=%.3f  %s%n", d.a(), d.b(),
                    d.meanText(), d.intervalText(), ComparisonCaveats.pairsText(result, d), d.pValue(),
                    TrainingLengths.qualifiedVerdict(result, d)));
            if (d.metric() == Metric.ACCURACY) { // the bands' own differences once, under the accuracy lines
                SignFlipNotes.byBand(result, d).ifPresent(n -> sb.append("    (").append(n).append(")\n"));
            }
        }
        SignFlipNotes.ties(result, differences).ifPresent(n -> sb.append("  (").append(n).append(")\n"));
        SignFlipNotes.sixPairs(differences).ifPresent(n -> sb.append("  (").append(n).append(")\n"));
        return sb.toString();
    }

    /**
     * What the paired differences pair, in words: {@code same seed}, {@code same seed and band}, or with folds {@code paired by
     * fold} (with several seeds: each configuration's mean over the seeds of a fold, which share its test examples).
     */
    public static String pairing(ComparisonResult result) {
        if (result.config().crossValidation() != null) {
            return result.config().seeds() > 1 ? "paired by fold: each configuration's mean over the " + result.config().seeds()
                    + " seeds of a fold, which share its test examples" : "paired by fold";
        }
        return result.config().bands() != null ? "same seed and band" : "same seed";
    }

    /**
     * The paired differences as Markdown for {@value ComparisonSummary#MARKDOWN}: one table per metric and what the pairs
     * are; empty with one configuration.
     */
    static String differencesMarkdown(ComparisonResult result) {
        List<PairedDifference> accuracy = PairedDifference.all(result, Metric.ACCURACY);
        if (accuracy.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\nPaired differences (a - b, ").append(pairing(result))
                .append("; ").append(INTERVAL_WORDS).append(", n/a below ").append(PairedDifference.MIN_PAIRS)
                .append(result.config().crossValidation() != null ? " folds" : " pairs").append("):\n\n")
                .append("| metric | a | b | a - b | 95% interval | n | p | verdict |\n|---|---|---|---:|---:|---|---:|---|\n");
        for (PairedDifference d : differences(result)) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.3f | %s |%n",
                    ComparisonSummary.label(result, d.metric()).replace("|", "\\|"), d.a().replace("|", "\\|"), d.b().replace("|", "\\|"),
                    d.meanText(), d.intervalText(), d.nText().substring(2), d.pValue(),
                    TrainingLengths.qualifiedVerdict(result, d).replace("|", "\\|")));
        }
        ComparisonCaveats.foldsShareTestData(result, accuracy).ifPresent(w -> sb.append("\nNote: ").append(w).append(".\n"));
        ComparisonCaveats.tooFewPairs(accuracy).ifPresent(w -> sb.append("\n").append(Character.toUpperCase(w.charAt(0)))
                .append(w.substring(1)).append(".\n"));
        ComparisonCaveats.sizesDiffer(result, accuracy).ifPresent(w -> sb.append("\nNote: ").append(w).append(".\n"));
        ComparisonCaveats.manyPairs(result, accuracy).ifPresent(w -> sb.append("\nNote: ").append(w).append(".\n"));
        for (Metric m : List.of(Metric.ACCURACY, Metric.MACRO_F1)) {
            List<PairedDifference> ofMetric = PairedDifference.all(result, m);
            SignFlipNotes.ties(result, ofMetric).ifPresent(w -> sb.append("\nNote: ").append(w).append(".\n"));
        }
        SignFlipNotes.sixPairs(accuracy).ifPresent(w -> sb.append("\nNote: ").append(w).append(".\n"));
        for (PairedDifference d : accuracy) {
            SignFlipNotes.byBand(result, d).ifPresent(w -> sb.append("\nNote: accuracy ").append(w).append(".\n"));
        }
        return sb.toString();
    }

    /**
     * For each configuration with a clip threshold, in the order of the configurations: the share of its runs' updates
     * that clipping changed, {mean, lowest, highest} over its runs ({@link RunResult#clippedShare}).
     */
    public static Map<String, double[]> clippedShares(ComparisonResult result) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Aggregate a : result.aggregates()) {
            double[] shares = result.runs().stream().filter(r -> r.configuration().equals(a.configuration()))
                    .map(RunResult::clippedShare).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
            if (shares.length > 0) {
                out.put(a.configuration(), new double[] {java.util.Arrays.stream(shares).average().orElseThrow(),
                        java.util.Arrays.stream(shares).min().orElseThrow(), java.util.Arrays.stream(shares).max().orElseThrow()});
            }
        }
        return out;
    }

    /**
     * The share of one configuration's updates that clipping changed, as results.json ({@code clipping}) and
     * {@code compare --json} carry it beside the table's lines.
     *
     * @param configuration the configuration (with a clip threshold)
     * @param mean          mean share over its runs
     * @param lowest        lowest share of a run
     * @param highest       highest share of a run
     * @param note          {@link #clippingNote}, or empty
     */
    public record ClipShare(String configuration, double mean, double lowest, double highest, String note) {
    }

    /**
     * {@link #clippedShares} and {@link #adaptiveUpdaterNote} as data: what the table's clipping lines say.
     *
     * @param configurations one entry per configuration with a clip threshold
     * @param updaterNote    what an adaptive updater does to clipping, or null
     */
    public record Clipping(List<ClipShare> configurations, String updaterNote) {
        public Clipping {
            configurations = List.copyOf(configurations);
        }
    }

    /** The clipping summary of a comparison, or null when no configuration has a clip threshold. */
    public static Clipping clipping(ComparisonResult result) {
        Map<String, double[]> shares = clippedShares(result);
        if (shares.isEmpty()) {
            return null;
        }
        List<ClipShare> rows = new ArrayList<>();
        shares.forEach((configuration, s) -> rows.add(new ClipShare(configuration, s[0], s[1], s[2], clippingNote(s))));
        return new Clipping(rows, adaptiveUpdaterNote(result).orElse(null));
    }

    /** What a configuration's clip shares say: a threshold that never engaged trained as none; one that always did. */
    public static String clippingNote(double[] share) {
        return share[2] == 0 ? "never engaged: trained as without clipping" : share[1] == 1 ? "every update" : "";
    }

    /**
     * With clip thresholds and an updater that scales each parameter's step by the running size of its own gradients (Adam,
     * RMSProp), what clipping can and cannot change (a user compared none against l2:0.001, clipped in every update, and got
     * the same losses to 4 digits): rescaling a layer's gradient by a factor rescales Adam's first moment and the root of its
     * second alike, so the step is unchanged where the factor is steady, and only its changes from update to update act.
     */
    public static Optional<String> adaptiveUpdaterNote(ComparisonResult result) {
        org.rnnlab.core.UpdaterKind u = result.config().base().updater();
        if (clippedShares(result).isEmpty() || (u != org.rnnlab.core.UpdaterKind.ADAM && u != org.rnnlab.core.UpdaterKind.RMSPROP)) {
            return Optional.empty();
        }
        return Optional.of("the updater is " + u.name().toLowerCase(Locale.ROOT) + ", which divides each parameter's step by the running "
                + "size of its own gradients: a layer's gradient scaled down by clipping is scaled back up, so clipping changes these runs "
                + "only where its factor changes from update to update, and clipped and unclipped runs can train almost alike (unless the "
                + "threshold is so small, e.g. 1e-10, that the updater's epsilon outweighs the clipped gradient and the steps vanish); "
                + "--updater sgd (with its own --lr) lets the clip threshold bound the step itself");
    }

    /** The terminal lines of {@link #clippedShares}, or nothing without a clip threshold. */
    static String clippingLines(ComparisonResult result) {
        Map<String, double[]> shares = clippedShares(result);
        if (shares.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nupdates changed by gradient clipping (mean over runs [range]):%n"));
        shares.forEach((configuration, s) -> {
            String note = clippingNote(s);
            sb.append(String.format(Locale.ROOT, "  %-24s %5.1f%% [%.1f-%.1f%%]%s%n", configuration, 100 * s[0], 100 * s[1], 100 * s[2],
                    note.isEmpty() ? "" : "  " + note));
        });
        adaptiveUpdaterNote(result).ifPresent(n -> sb.append("  (").append(n).append(")\n"));
        return sb.toString();
    }

    /**
     * Test accuracy of each configuration in each band of a comparison with bands, over its seeds (null where it has no
     * finished run in that band), in the order of the configurations and of the bands.
     */
    public static Map<String, List<Aggregate.Stats>> accuracyByBand(ComparisonResult result) {
        TagBands bands = result.config().bands();
        Map<String, List<Aggregate.Stats>> out = new LinkedHashMap<>();
        if (bands == null) {
            return out;
        }
        for (Aggregate a : result.aggregates()) {
            List<Aggregate.Stats> row = new ArrayList<>();
            for (int b = 0; b < bands.size(); b++) {
                String label = bands.label(b);
                double[] values = result.runs().stream().filter(r -> r.configuration().equals(a.configuration()) && label.equals(r.band()))
                        .mapToDouble(r -> r.test().metric(Metric.ACCURACY)).toArray();
                row.add(values.length == 0 ? null : Aggregate.Stats.of(values));
            }
            out.put(a.configuration(), row);
        }
        return out;
    }

    /** The terminal table of {@link #accuracyByBand}: one row per configuration, one column per band. */
    static String bandTable(ComparisonResult result) {
        TagBands bands = result.config().bands();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%ntest accuracy by band of %s (mean +- sd over seeds; each model trained and tested on its band only):%n", bands.tag()));
        sb.append(String.format(Locale.ROOT, "%-26s", "configuration"));
        for (TagBands.Band b : bands.bands()) {
            sb.append(String.format(Locale.ROOT, " %18s", b.describe()));
        }
        sb.append('\n');
        for (Map.Entry<String, List<Aggregate.Stats>> e : accuracyByBand(result).entrySet()) {
            sb.append(String.format(Locale.ROOT, "%-26s", e.getKey()));
            for (Aggregate.Stats st : e.getValue()) {
                sb.append(st == null ? String.format(Locale.ROOT, " %18s", "-")
                        : " " + meanSd(st, result.config().seeds()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {@code mean +- sd} in 18 characters; the mean alone for one run, whose spread is unknown (not 0). */
    static String meanSd(Aggregate.Stats st, int runs) {
        return runs < 2 || st.sd() == null ? String.format(Locale.ROOT, "%8.4f %9s", st.mean(), "")
                : String.format(Locale.ROOT, "%8.4f +- %.4f", st.mean(), st.sd());
    }

    static String fmt(double v) {
        return Double.toString(v);
    }

    /** A value of differences.csv: empty when undefined (no interval below 6 pairs, nothing without pairs), as CSV readers take it. */
    private static String fmtOrEmpty(double v) {
        return Double.isNaN(v) ? "" : fmt(v);
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
