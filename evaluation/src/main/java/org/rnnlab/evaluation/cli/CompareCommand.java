package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rnnlab.training.Provenance;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.datasets.CrossValidation;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.TagBands;
import org.rnnlab.evaluation.compare.ClipSetting;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.ComparisonFiles;
import org.rnnlab.evaluation.compare.ComparisonResult;
import org.rnnlab.evaluation.compare.MajorityBaseline;
import org.rnnlab.evaluation.compare.TrainAgain;
import org.rnnlab.evaluation.compare.PairedDifference;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.engine.EngineOptions;
import org.rnnlab.evaluation.engine.RunEngine;
import org.rnnlab.evaluation.engine.RunEngines;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.evaluation.run.CompareOutcome;
import org.rnnlab.evaluation.run.CompareRequest;
import org.rnnlab.evaluation.run.CompareRun;
import org.rnnlab.evaluation.train.RunDefaults;
import org.rnnlab.evaluation.tune.SearchSpace;
import org.rnnlab.evaluation.tune.SuccessiveHalving;
import org.rnnlab.evaluation.tune.Trial;
import org.rnnlab.evaluation.tune.TuningConfig;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.RunDirectory;
import org.rnnlab.training.RunLock;
import org.rnnlab.training.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnlab compare}: architectures side by side, with seeds, gradient flow and an HTML report. Parses
 * and checks the options, builds a {@link CompareRequest} (or reads the one of --resume), runs it as a
 * {@link CompareRun} with progress on standard error, and prints the table or the JSON summary; exit 130
 * when stopped with Ctrl-C.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, "1:error: a run failed, the data are unreadable or the report could not be written", ExitCodes.USAGE, ExitCodes.NOT_A_REPEAT, ExitCodes.COMPARE_SIGNALS, ExitCodes.PIPE}, sortOptions = false,
        description = {"Trains every architecture x clip setting (x depth, --layers 1,2) with each seed on the same data and training budget, "
                + "evaluates them on the test split, probes their gradient flow, and writes results.json, results.csv, "
                + "test-predictions.csv (each run's test predictions), PNG charts and index.html to runs/<timestamp>-compare-<dataset>/ (or --out).",
                "With no options: the embedded subject-verb agreement task, rnn, lstm and gru, 3 seeds, one model per band of subject-verb "
                        + "distance (1-4, 5-8, 9-12): up to which distance each architecture learns the agreement."})
public final class CompareCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    DatasetOptionsMixin data;

    @Mixin
    BudgetOptions budget;

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "IMPL", defaultValue = "rnnlab",
            description = RuntimeOptions.IMPL_HELP)
    String impl;

    @Option(names = "--cells",
            description = "Architectures, comma-separated: rnn, lstm, gru, birnn, bilstm, bigru (default: " + CompareRequest.AGREEMENT_CELLS
                    + " for agreement, " + CompareRequest.DEFAULT_CELLS + " otherwise).")
    String cells;

    @Option(names = "--clip", defaultValue = "none",
            description = "Gradient normalization settings to compare, comma-separated: " + ClipSetting.MODES + " (default: ${DEFAULT-VALUE}).")
    String clips;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per configuration; the table's +- is the sd over them "
            + "(x folds or bands), not an interval: under it (without --bands) each configuration's test accuracy pooled over its seeds (and folds) "
            + "with its 95%% Wilson interval over the test sequences. A paired verdict of \"reliably\" needs 6 or more pairs "
            + "(seeds, seeds x bands, or folds) that do not tie: pairs of difference 0, as a band where every model scores 1.0, "
            + "add nothing, and m untied pairs give no p below 2/2^m; the default 3 seeds give no verdict without bands, "
            + "--seeds 6 does, uncorrected; with 3 configurations a verdict that Holm's correction keeps needs --seeds 7 or more "
            + "(default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seed", description = "First model seed; seed i is this + i (default: 1).")
    Long firstSeed;

    @Option(names = "--cv", paramLabel = "K",
            description = "K-fold cross-validation: pool the training, validation and test examples, cut them into K parts, and "
                    + "train every configuration and seed once per fold, testing on that fold's part (validation is carved from "
                    + "the rest in the dataset's proportion; by group, where validation was carved by group, about the share "
                    + "validationFraction asked for, the nearest count of whole groups, but at least one: with few groups a fold may train on one, "
                    + "which is warned of, and --set validationFraction=0 with a fixed --epochs trains each fold on all its other groups; "
                    + "each fold's train / validation / test sizes are printed); a --test or --validation file is pooled too (warned of: to keep it held "
                    + "out, leave it out and evaluate the chosen model on it afterwards). A fold whose test classes are far from the whole data's (total "
                    + "variation distance above 0.25) is warned of. With --set splitBy=time (CSV data with a time column) the folds "
                    + "are walk-forward: the sequences, ordered by their first time, are cut into K+1 blocks, fold k trains on the "
                    + "blocks before block k+1 and tests on it (the earliest block is never tested), and its validation is the "
                    + "latest of its training sequences. Under the table, each configuration's test accuracy pooled over the folds' test "
                    + "predictions with its 95%% Wilson interval (+- is the fold-to-fold sd, not an interval); with folds by group "
                    + "also the mean of the folds' accuracies with its 95%% t interval over the folds, since the Wilson interval "
                    + "takes each sequence as independent and is too narrow there. test-predictions.csv then holds out-of-fold "
                    + "predictions: every sequence once per configuration and seed, with its fold, group and p_<label> columns, "
                    + "to choose or check a cut-off on. Default: none, the dataset's own test split.")
    Integer cv;

    @Option(names = "--group-column", paramLabel = "NAME",
            description = "With --cv: keep all examples of one group (e.g. har's subject, a CSV column naming the volunteer, "
                    + "or a text file's column naming the author or imprint) in one fold, so no group is both trained and tested on; groups are dealt so that each fold's class mix "
                    + "stays close to the whole data's (as scikit-learn's StratifiedGroupKFold; shuffled by --data-seed; "
                    + "config.json records it as assignment stratified-groups, and a config.json without it, written before, "
                    + "replays its folds dealt by size). Default: the CSV or text data's group column when --set group names one (folds by its "
                    + "groups, and said so), else none: folds stratified by class.")
    String groupColumn;

    @Option(names = "--bands", paramLabel = "TAG:RANGES",
            description = "Train and test every configuration and seed once per band of an example tag, on only the examples "
                    + "whose tag lies in the band, e.g. distance:1-4,5-8,9-12,13-16: accuracy by band then says up to which "
                    + "distance an architecture learns the task at all. none = one model on all examples. Default: "
                    + CompareRequest.AGREEMENT_BANDS + " for agreement, none for other datasets.")
    String bands;

    @Option(names = "--tune", paramLabel = "N",
            description = "Tune every architecture before comparing: N trials drawn from the search space (the same N for each "
                    + "architecture), raced by successive halving on the validation split (rung epochs up to --epochs); the best "
                    + "trial is then trained with every seed (and fold) and tested. Default: none, every architecture with the "
                    + "same settings.")
    Integer tune;

    @Option(names = "--tune-budget", paramLabel = "DURATION", defaultValue = "0",
            description = "With --tune: training time per architecture for all its trials (e.g. 10m); once spent no further trial "
                    + "of it starts (the trial in progress ends; in-process, after at least one of the rung; a Spark engine runs its "
                    + "rung whole), no further rung starts, and the console and tuning.json say what the choice rests on. 0 = no "
                    + "limit (default: ${DEFAULT-VALUE}).")
    String tuneBudget;

    @Option(names = "--tune-eta", paramLabel = "ETA", defaultValue = "3",
            description = "With --tune: each rung keeps the best 1/ETA of the trials and trains them ETA times longer "
                    + "(default: ${DEFAULT-VALUE}).")
    int tuneEta;

    @Option(names = "--space", paramLabel = "FILE",
            description = "With --tune: a JSON search space; any field given replaces the default's: learningRate {min, max} "
                    + "(log-uniform; min = max fixes it), hidden, layers, dropout, clip, head, residual (lists, each trial drawing "
                    + "uniformly from each; with a fixed learning rate the trials are distinct combinations, drawn without "
                    + "replacement, and --tune may not exceed their number). Default: lr 3e-4..3e-2 (1e-2..1 with "
                    + "--updater sgd or nesterovs), hidden "
                    + "32/64/128, layers 1/2, dropout 0/0.2, clip none/l2:1.0, head last/mean, residual false/true.")
    Path space;

    @Option(names = "--updater", defaultValue = "ADAM",
            description = "Updater of every configuration: ${COMPLETION-CANDIDATES}. Adam and RMSProp scale each parameter's step "
                    + "by its own gradients' size, which undoes most of what norm clipping does; sgd lets --clip bound the step "
                    + "(give it its own --lr) (default: ${DEFAULT-VALUE}).")
    UpdaterKind updater;

    @Option(names = "--probe", paramLabel = "N", defaultValue = "128",
            description = "Test examples for the gradient-flow probe, 0 for none (default: ${DEFAULT-VALUE}).")
    int probe;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<timestamp>-compare-<dataset>).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the earlier run in a non-empty --out folder (default: refuse).")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Finish the comparison in RUN_DIR (interrupted with Ctrl-C or killed): runs only what is missing, with its "
                    + "config.json; the data must be the same (checked by content). Finished runs are kept; runs are not "
                    + "checkpointed, so a run in progress when it was stopped is trained again from the start (a stop loses at most "
                    + "the runs in flight).")
    Path resume;

    @Option(names = "--config", paramLabel = "CONFIG_JSON",
            description = "Compare again with the settings of an earlier comparison, its config.json (the same data options, "
                    + "configurations, seeds, budget, bands or folds and --threads), into a new run folder; only --out, --overwrite, "
                    + "--quiet, --json, --threads (another thread count than the recorded one is said: results may differ "
                    + "slightly), --engine, --master, and --train, --validation and --test (a csv or text comparison's data files in "
                    + "place of those config.json records, each replacement said; only files the comparison had: a validation or "
                    + "test file where it carved that split is refused) may be given with it. Data that changed since (checksum of "
                    + "dataset-provenance.json beside it) are warned of, at the top of the report too, and the comparison is no "
                    + "repeat: it exits 0 all the same, and its repeat-of.json says \"sameData\": false (true for a repeat) and "
                    + "which file changed; a comparison with a --time-budget is warned of too, its runs' stops depending on this "
                    + "machine's speed and load (default: none).")
    Path config;

    @Option(names = "--require-repeat",
            description = "With --config: refuse to compare, exit 5 and write no run folder, when this comparison would not "
                    + "repeat the one of the config.json (repeat-of.json's \"repeat\" not true: the data differ or cannot be "
                    + "checked), for a script that checks a replay; said why. The code (sameCode) is warned of, not refused, and so is a "
                    + "--time-budget (its runs' stops depend on the machine's speed and load: such a replay may not repeat, "
                    + "and exits 0).")
    boolean requireRepeat;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
            description = "Where the runs are trained, in any case: local (one after the other in this process) or spark (each run a Spark job, "
                    + "as many at a time as the cluster has cores / --threads; ./rnnlab adds the Spark module when this option is "
                    + "given). Results are the same; the engine is recorded in provenance.json with the command line "
                    + "(default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master with --engine spark: local[N], local[*] or spark://HOST:PORT (default: local[*], an "
                    + "embedded Spark using every core of this machine; spark.master when started by spark-submit).")
    String master;

    @Option(names = "--json", description = "Print a JSON summary on standard output instead of the table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bars nor time-left estimates; warnings and results are printed as without it.")
    boolean quiet;

    /** Options whose values {@code --tune} chooses, so they cannot be given with it (a recipe's are left out). */
    static final Set<String> TUNED = Set.of("--lr", "--hidden", "--layers", "--dropout", "--head", "--residual", "--clip");

    /** The --resume folder's config.json, as {@link #resumedThreads} read it (null until then, or if it could not). */
    private CompareRequest resumeRequest;

    /** The engine that trains the runs, as provenance records it. */
    private String engineDescription = org.rnnlab.training.Provenance.IN_PROCESS;

    /** Options that may go with --resume. */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--quiet", "--json", "--threads", "--engine", "--master");

    @Override
    public Integer call() throws Exception {
        engine = engine.strip().toLowerCase(Locale.ROOT); // any case, as --updater, --impl and --cells (--engine Local was refused)
        runtime.apply();
        runtime.warnIfIgnored(impl, spec.commandLine().getErr());
        int threads = resume != null ? resumedThreads(spec.commandLine().getErr())
                : config != null ? configThreads() : runtime.threads();
        try (RunEngine runEngine = RunEngines.create(new EngineOptions(engine, master, threads))) {
            return compare(runEngine);
        }
    }

    /**
     * The {@code --threads} of the comparison to resume, as its config.json records it, set before the engine is made (a
     * Spark engine gives each task its thread count): the runs of one comparison share one, recorded once, and the split of a
     * minibatch over threads changes results in their last bits. A different {@code --threads} is refused.
     */
    private int resumedThreads(PrintWriter err) {
        CompareRequest request;
        try {
            request = CompareRun.request(resume);
        } catch (RuntimeException e) {
            return runtime.threads(); // not a comparison's folder: resume() says what is wrong with it
        }
        resumeRequest = request; // read once: resume() continues with it
        runtime.resumeWith(request.threads(), spec, err, "compare", "this comparison's runs were", "or start a new comparison");
        return request.threads();
    }

    @SuppressWarnings("try") // the run folder's lock and the watches are held by the try, not used in it
    private Integer compare(RunEngine runEngine) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        engineDescription = runEngine.describe();
        if (resume != null && Files.isDirectory(resume)) {
            RunLock.acquire(resume.toAbsolutePath()).close(); // not a comparison still going there
        }
        // one hook for the whole command, as train has (a second one installed after a stop that came between the data's
        // last check and the first run would be refused: the JVM is shutting down then, review79 R1)
        if (requireRepeat && config == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--require-repeat checks that a --config replay repeats "
                    + "its comparison: give --config CMP/config.json with it");
        }
        try (ShutdownStop shutdown = ShutdownStop.install("rnnlab-compare-sigint", 60)) { // 60 s for the runs and a partial report
            CompareRun run;
            // Ctrl-C while the data are read and checked ends them at the loops' next poll, said at once, as train does
            // (before, compare's loading watched no flag: the JVM exited unsaid)
            try (AutoCloseable watching = org.rnnlab.datasets.LoadStop.watching(shutdown.flag());
                 AutoCloseable said = shutdown.announce(err, "compare: stop requested: ending the data's reading and checks; "
                         + "no run is started")) {
                run = resume != null ? resume(err) : config != null ? again(err) : start(err);
            } catch (org.rnnlab.datasets.LoadStop.Stopped e) {
                err.println("rnnlab compare: interrupted while loading the data; nothing was written");
                err.flush();
                return TrainCommand.EXIT_INTERRUPTED;
            }
            if (run == null) { // --require-repeat of a replay that would not repeat its comparison: said, nothing written
                err.flush();
                return TrainCommand.EXIT_NOT_A_REPEAT;
            }
            if (shutdown.flag().get()) { // stopped after the data's last check, while the comparison's folder was made
                // a resumed one has recorded this session's provenance and data warnings by then (review79c R2): both say the
                // --resume that goes on
                err.println("rnnlab compare: interrupted before " + (resume != null ? "this session's" : "its") + " first run; "
                        + run.dir() + " holds " + (resume != null ? "the runs finished before" : "its settings and no run")
                        + "; continue with: " + CommandLines.launcher() + " compare --resume " + CommandLines.quote(run.dir().toString()));
                err.flush();
                return TrainCommand.EXIT_INTERRUPTED;
            }
            try (RunLock lock = RunLock.acquire(run.dir())) {
                return compare(runEngine, run, err, shutdown);
            }
        }
    }

    private Integer compare(RunEngine runEngine, CompareRun run, PrintWriter err, ShutdownStop shutdown) throws IOException {
        ComparisonConfig config = run.request().comparison();
        SequenceDataset dataset = run.dataset();
        if (config.tuning() != null) {
            // the score the trials are ranked by, as the tuner ranks them (a trial's imbalanced data: said "accuracy", ranked by macro-F1)
            err.printf("compare: tuning first: %d trials per architecture, rungs %s (trials x epochs), scored on validation %s%n",
                    config.tuning().trials(), SuccessiveHalving.rungs(config.tuning().trials(), config.tuning().eta(),
                            config.training().epochs()).stream().map(r -> r.trials() + "x" + r.epochs()).toList(),
                    config.training().selection().label());
        }
        int train = dataset.split(Split.TRAIN).size();
        int validation = dataset.split(Split.VALIDATION).size();
        int test = dataset.split(Split.TEST).size();
        err.printf("compare: %d runs (%s%s x clip %s x %d seeds%s) on %s: %s -> %s%n",
                config.runs(), config.architectures(), config.depths().size() > 1 ? " x layers " + config.depths() : "",
                // tuned: the space's clip values, a one-value list being no choice (trial 78j F3: "clip tuned" for [none])
                config.tuning() != null ? (config.tuning().space().clip().size() == 1 ? config.tuning().space().clip()
                        : "tuned " + String.join("|", config.tuning().space().clip())) : config.clips().stream().map(ClipSetting::id).toList(), config.seeds(),
                config.crossValidation() != null ? " x " + config.folds() + " folds"
                        : config.bands() != null ? " x " + config.bands().size() + " bands of " + config.bands().tag() : "", dataset.name(),
                // cross-validation pools the splits into its folds: the carved sizes would describe no run
                config.crossValidation() != null ? (train + validation + test) + " examples pooled into the folds"
                        : train + " train / " + validation + " validation / " + test + " test examples", run.dir());
        err.printf("compare: every configuration: %s; %s%s%n", config.describeTunedModel(dataset.labelNames()), config.describeBudget(),
                validation == 0 ? "; no validation data: no early stopping, the epoch of the lowest training loss kept" : "");
        org.rnnlab.evaluation.run.CompareRun.featureStandardisation(config, dataset).ifPresent(s -> err.printf("compare: features "
                + "standardised: %s (provenance.json: featureStandardisation)%n", s));
        if (config.tuning() == null) { // tuning chooses the sizes: the base's would not be the runs'
            oversized(config, dataset).ifPresent(w -> err.printf("compare: warning: %s%n", w));
        }
        err.printf("compare: the runs are trained %s%n", org.rnnlab.evaluation.engine.RunEngine.where(runEngine.describe()));
        err.flush();

        // the hook holds a Ctrl-C's exit until the results are printed: one that comes as the last run ends still sees them
        { // the command's hook (see compare(RunEngine)) is held until the results are printed
            StopSignal.install(); // which signal it was, for the messages of a stop while the report is written
            boolean remote = !"local".equals(engine);
            String engineOptions = remote ? " --engine " + engine + (master == null ? "" : " --master " + CommandLines.quote(master)) : "";
            CompareOutcome outcome;
            try {
                outcome = run.run(new RunProgress(err, quiet, run, engineOptions, remote), shutdown.flag(), runEngine);
            } catch (RuntimeException e) {
                // the runs finished before the failure are kept: say so and how to go on (a Spark trial's failed grid said
                // only the error, where Ctrl-C names the resume command)
                err.printf("rnnlab compare: stopped by an error; %s. After fixing its cause, continue with: %s compare "
                        + "--resume %s%s%n", keptRuns(run.runsDir(), config.runs()), CommandLines.launcher(), CommandLines.quote(run.dir().toString()),
                        engineOptions);
                err.flush();
                throw e;
            }
            if (outcome.interrupted()) {
                if (!outcome.result().runs().isEmpty()) {
                    if (outcome.reportError() == null) {
                        err.printf("rnnlab compare: partial results of the finished runs: %s%n", outcome.report());
                    } else {
                        err.printf("rnnlab compare: the partial report could not be written (%s); the finished runs are kept%n",
                                outcome.reportError());
                    }
                    err.flush();
                }
                return TrainCommand.EXIT_INTERRUPTED;
            }
            org.rnnlab.evaluation.compare.ByGroupResults.missingNote(outcome.result(),
                    org.rnnlab.evaluation.metrics.GroupTable.column(run.dataset()) != null)
                    .ifPresent(n -> err.printf("compare: note: %s%n", n));
            return printResults(outcome, !run.finished().isEmpty(), err, shutdown.flag().get(), org.rnnlab.evaluation.compare.MajorityBaseline
                    .longSequenceHint(outcome.result(), run.dataset()));
        }
    }

    /**
     * train's warning before its first epoch of long sequences read at their last step ({@link
     * org.rnnlab.evaluation.compare.MajorityBaseline#lastHeadWarning}), for a comparison's head: a music trial's train warned
     * of its 305-step pieces, and compare on the same file, where the heads are compared side by side, said nothing (trial
     * 79k F3). Bidirectional wording only when every architecture is bidirectional; empty under {@code --tune}, which
     * searches the head.
     */
    static Optional<String> lastHeadWarning(org.rnnlab.evaluation.compare.ComparisonConfig comparison, SequenceDataset dataset) {
        if (comparison.tuning() != null || comparison.base() == null) {
            return Optional.empty();
        }
        return org.rnnlab.evaluation.compare.MajorityBaseline.lastHeadWarning(
                org.rnnlab.evaluation.compare.MajorityBaseline.medianSteps(dataset), comparison.base().head(),
                !comparison.architectures().isEmpty() && comparison.architectures().stream().allMatch(Architecture::bidirectional));
    }

    /** How many of {@code total} runs are kept in {@code runsDir} (finished runs, one JSON file each), in words. */
    static String keptRuns(Path runsDir, int total) {
        long kept = 0;
        if (Files.isDirectory(runsDir)) {
            try (java.util.stream.Stream<Path> files = Files.list(runsDir)) {
                kept = files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
            } catch (IOException | RuntimeException unreadable) {
                kept = 0;
            }
        }
        return kept + " of " + total + " runs finished" + (kept == 0 ? "" : " and are kept in " + runsDir);
    }

    /**
     * The table (or --json summary) and the report's path of a finished comparison; 1 if its report could not be written.
     *
     * @param stopped whether the JVM is being stopped (a signal): a report that failed then was stopped, not broken
     */
    private int printResults(CompareOutcome outcome, boolean resumed, PrintWriter err, boolean stopped, Optional<String> hint) {
        ComparisonResult result = outcome.result();
        Path dir = outcome.runDir();
        // training lengths, a tuning that saw the folds' tests, classes never predicted: the same list results.json,
        // result-warnings.txt, summary.md and index.html carry
        // (long lists of classes cut, the full ones in result-warnings.txt: trial 81c F4)
        result.warnings(org.rnnlab.evaluation.compare.ComparisonFiles.WARNINGS).forEach(w -> err.printf("compare: warning: %s%n", w));
        org.rnnlab.evaluation.compare.PerClassResults.fewSequences(result).forEach(w -> err.printf("compare: note: %s%n", w));
        // a trial's max-head comparison drew lstm alone in gradient-flow.png, and nothing said so (trial 77a F3)
        org.rnnlab.evaluation.report.ComparisonReport.gradientNotDrawn(result).ifPresent(n -> err.printf("compare: note: %s%n", n));
        org.rnnlab.evaluation.compare.ComparisonCaveats.foldsShareTestData(result, PairedDifference.all(result, Metric.ACCURACY))
                .ifPresent(w -> err.printf("compare: note: %s%n", w));
        PrintWriter outWriter = spec.commandLine().getOut();
        if (json) {
            hint.ifPresent(h -> err.printf("compare: note: every configuration is at or below the majority or the summary-feature baseline, and %s%n", h));
            outWriter.println(Json.writeCompact(new Summary(dir.toString(), result.dataset(), result.seconds(), result.aggregates().stream()
                    .map(a -> new SummaryRow(a.configuration(), a.seeds(), a.runs(), a.mean(Metric.ACCURACY), a.metrics().get(Metric.ACCURACY).sd(),
                            a.mean(Metric.MACRO_F1), a.metrics().get(Metric.MACRO_F1).sd(), a.trainSeconds().mean(), a.parameters(),
                            a.validationAccuracy() == null ? null : a.validationAccuracy().mean(),
                            a.validationMacroF1() == null ? null : a.validationMacroF1().mean(),
                            a.metrics().containsKey(Metric.COHEN_KAPPA) ? a.mean(Metric.COHEN_KAPPA) : null,
                            org.rnnlab.evaluation.compare.PresentOrPredicted.judged(result, a.configuration()))).toList(),
                    PairedDifference.all(result, Metric.ACCURACY),
                    result.tuning() == null ? List.of() : result.tuning().architectures().stream()
                            .map(t -> new SummaryTuning(t.architecture(), t.chosen(), t.chosenAccuracy())).toList(),
                    PairedDifference.all(result, Metric.MACRO_F1), result.baseline(), result.best(), result.clipping(),
                    result.pooledAccuracy(), result.pooledAccuracyCaveat(), result.summaryBaseline())));
        } else {
            outWriter.print(ComparisonFiles.table(result, CommandLines.quote(dir.resolve("config.json").toString()),
                    org.rnnlab.evaluation.run.DataWarnings.read(dir)));
            hint.ifPresent(h -> outWriter.printf("(every configuration is at or below the majority or the summary-feature baseline, and %s)%n", h));
            if (outcome.report() != null) {
                // the runs' time: reading and checking the data before them is not in it (a trial's 86k-row CSV took a
                // minute of a 2m26s command whose report said 57.2s)
                outWriter.printf("%nreport: %s (wall time of %s %s; reading the data before them not counted)%n", outcome.report(),
                        resumed ? "this session's runs" : "the runs", Progress.duration(result.seconds()));
            }
        }
        outWriter.flush();
        if (outcome.reportError() != null) {
            err.println(reportNotWritten(outcome.reportError(), stopped ? Optional.of(StopSignal.received().orElse("")) : Optional.empty(),
                    dir));
            err.flush();
            return 1;
        }
        outWriter.flush();
        TrainCommand.repeatVerdict(dir).ifPresent(v -> err.printf("compare: %s%n", v)); // trial 78j F2
        err.flush();
        return 0;
    }

    /**
     * What is said when a finished comparison's report was not written. Stopped by a signal while writing it, the writing
     * met whatever the shutdown left (a user read "the report could not be (closed)"): it says it was stopped, by which
     * signal, instead of that exception's text, which it gives for a real failure (a full disk).
     *
     * @param reportError the writing's failure
     * @param stoppedBy   present when the JVM is being stopped: the signal ("SIGTERM"), or "" when not known
     */
    static String reportNotWritten(String reportError, Optional<String> stoppedBy, Path dir) {
        String why = stoppedBy.map(s -> "it was stopped " + (s.isEmpty() ? "" : "by " + s + " ") + "while writing the report")
                .orElse("the report could not be (" + reportError + ")");
        return "rnnlab compare: every run finished and results.json is written, but " + why + "; write it with: " + CommandLines.launcher() + " compare --resume "
                + CommandLines.quote(dir.toString());
    }

    /** A new comparison from the options: checks them, loads the data, fits the budget, creates the run folder. */
    private CompareRun start(PrintWriter err) throws IOException {
        CommandLine cl = spec.commandLine();
        budget.allowDepthList(); // --layers 1,2: the depths side by side
        budget.check(cl);
        OptionRanges.SEEDS.check(cl, seeds);
        OptionRanges.PROBE.check(cl, probe);
        if (groupColumn != null && cv == null) {
            throw new CommandLine.ParameterException(cl, "--group-column applies with --cv only (it keeps each group in one fold)");
        }
        if (cv != null) {
            OptionRanges.CV.check(cl, cv);
        }
        TuningConfig tuning = tuning(cl);

        RunDefaults d = RunDefaults.forDataset(data.name());
        OptionChecks.noEmptyEntries(cl, "--cells", cells);
        OptionChecks.noEmptyEntries(cl, "--clip", clips);
        List<Architecture> architectures = OptionChecks.parse(cl, "--cells", cells != null ? cells : CompareRequest.defaultCells(data.name()),
                Architecture::parseList);
        List<ClipSetting> clipSettings = OptionChecks.parse(cl, "--clip", clips, ClipSetting::parseList);
        ClipSetting.tinyThreshold(clipSettings).ifPresent(w -> err.printf("compare: warning: %s%n", w));
        OptionChecks.distinct(cl, "--cells", architectures, Architecture::id);
        OptionChecks.distinct(cl, "--clip", clipSettings, ClipSetting::id);
        Implementation implementation = OptionChecks.parse(cl, "--impl", impl, Implementation::parse);
        if (implementation == Implementation.DL4J) {
            List<String> grus = architectures.stream().filter(a -> a.cell() == CellType.GRU).map(Architecture::id).toList();
            if (grus.size() == architectures.size()) {
                throw new CommandLine.ParameterException(cl, "--impl dl4j does not apply to --cells " + String.join(",", grus)
                        + ": DL4J M2.1 has no GRU layer, a GRU is always rnnlab's (leave out --impl)");
            }
            if (!grus.isEmpty()) {
                err.printf("compare: warning: --impl dl4j: DL4J M2.1 has no GRU layer, so %s run on rnnlab's (recorded so in "
                        + "their config); the LSTM and RNN layers are DL4J's%n", String.join(", ", grus));
            }
        }
        budget.checkLastStep(cl, architectures, "--cells " + architectures.stream().map(Architecture::id)
                .collect(java.util.stream.Collectors.joining(",")), err, "compare");
        if (tune == null) { // a tuning searches the rate (and refuses --lr): no word of a default rate
            budget.sayDefaultRate(updater, d, err, "compare");
        }
        ModelSpec base = budget.applyTo(ModelSpec.of(architectures.get(0)), d, updater)
                .withImplementation(implementation);
        Map<String, String> defaults = new LinkedHashMap<>(CompareRequest.datasetDefaults(data.name()));
        if (groupColumn != null && data.name().equals(Datasets.CSV) && data.options(defaults).settings().containsKey("labelFrom")) {
            throw new CommandLine.ParameterException(cl, "--group-column " + groupColumn + " names a column of the labels file, and "
                    + "--set labelFrom=" + data.options(defaults).settings().get("labelFrom") + " reads none: take each file's group "
                    + "from a folder level with --set groupFrom=folder:N (--cv then keeps each group in one fold)");
        }
        // a text file's group column is read alike (--set group=), each text tagged with its group (trial 77b: --group-column
        // of text was refused, its texts carrying no tags)
        boolean groupColumns = data.name().equals(Datasets.CSV) || data.name().equals(org.rnnlab.datasets.text.TextDataset.TSV_NAME);
        if (groupColumn != null && groupColumns) {
            defaults.put("group", groupColumn); // the CSV or text loader then keeps the column as each sequence's tag
        }
        DatasetOptions options = data.options(defaults);
        if (groupColumn != null && "time".equals(options.settings().get("splitBy"))) {
            throw new CommandLine.ParameterException(cl, "--group-column does not go with --set splitBy=time: --cv then folds "
                    + "walk-forward by time, each fold testing on sequences that start after all of its training ones whatever "
                    + "their group (for new groups: --group-column without splitBy)");
        }
        // the same request spelled --set group= (which README calls the same as --group-column): refused alike, before the
        // load, whose single carve by time of new groups (discarded by --cv) failed instead, asking for smaller fractions (a trial)
        if (cv != null && data.name().equals(Datasets.CSV) && options.settings().get("groupFrom") != null
                && "time".equals(options.settings().get("splitBy"))) { // groups from folders: the same as a group column
            throw new CommandLine.ParameterException(cl, "--set groupFrom=" + options.settings().get("groupFrom") + " does not go "
                    + "with --set splitBy=time under --cv: --cv then folds walk-forward by time, each fold testing on sequences "
                    + "that start after all of its training ones whatever their group (for later times: leave out groupFrom; for "
                    + "new groups: groupFrom without splitBy)");
        }
        if (cv != null && data.name().equals(Datasets.CSV) && options.settings().get("group") != null
                && "time".equals(options.settings().get("splitBy"))) {
            throw new CommandLine.ParameterException(cl, "--set group=" + options.settings().get("group") + " does not go with "
                    + "--set splitBy=time under --cv: --cv then folds walk-forward by time, each fold testing on sequences that "
                    + "start after all of its training ones whatever their group (for later times: leave out the group; for new "
                    + "groups: the group without splitBy)");
        }
        if (groupColumn != null && groupColumns && !groupColumn.equals(options.settings().get("group"))) {
            throw new CommandLine.ParameterException(cl, "--group-column " + groupColumn + " and --set group="
                    + options.settings().get("group") + " name different columns: give one");
        }
        RunDirectory.check(out, overwrite, RunDirectory.inputs(options.inputs(), config, space));
        budget.refuseEmbeddingFor(cl, data.name());
        err.printf("compare: loading dataset %s%n", data.name());
        err.flush();
        List<String> dataWarnings = new ArrayList<>();
        SequenceDataset dataset = org.rnnlab.evaluation.run.DataWarnings.capture(
                () -> org.rnnlab.evaluation.run.HeldOutValues.checked(data.open(defaults)), dataWarnings);
        boolean byTime = cv != null && data.name().equals(Datasets.CSV) && "time".equals(options.settings().get("splitBy"));
        boolean carveWarned = false;
        if (cv != null) { // --cv pools training, validation and test into folds: what was said of the carved splits does not apply
            List<String> carve = dataWarnings.stream().filter(org.rnnlab.datasets.csv.CsvSequenceDataset::isCarveWarning).toList();
            dataWarnings.removeAll(carve);
            // the test split's class shares against training's: each fold's test part is another (a quant's trial)
            List<String> shares = dataWarnings.stream().filter(org.rnnlab.datasets.csv.CsvSequenceDataset::isClassShareWarning).toList();
            dataWarnings.removeAll(shares);
            if (!shares.isEmpty()) {
                err.printf("compare: --cv %d: the warning of the test split's class shares does not apply to the folds%n", cv);
            }
            carveWarned = !carve.isEmpty(); // said once the folds are cut: their own validation carve may recreate the shortfall
            pooledFiles(cv, data.test, data.validation).ifPresent(w -> {
                err.printf("compare: warning: %s%n", w);
                dataWarnings.add(w);
            });
            if (dataset instanceof org.rnnlab.datasets.csv.CsvSequenceDataset csv && csv.schema().split() != null) {
                // a trial's date split (training before 2021-07, test from 2022) became random folds of overlapping price
                // windows, and the mean test score was called an unbiased estimate
                // folds by group keep each series in one fold: no leak of overlapping windows (a trial's folds by station were
                // called optimistic for the split column alone)
                String w = pooledSplitColumn(cv, csv.schema().split().toString(), groupColumn != null ? groupColumn
                        : options.settings().get("group"));
                err.printf("compare: warning: %s%n", w);
                dataWarnings.add(w);
            }
        }
        if (tuning != null && dataset.split(Split.VALIDATION).size() == 0) {
            // refused here, before the run folder exists: a folder made first could be neither resumed nor reused
            String name = data.name();
            String hint = switch (name) { // what gives validation data differs by dataset
                case Datasets.CSV, org.rnnlab.datasets.text.TextDataset.TSV_NAME ->
                        "give --validation FILE or --set validationFraction=F (above 0)";
                case org.rnnlab.datasets.synthetic.Agreement.NAME, org.rnnlab.datasets.synthetic.TemporalOrder.NAME ->
                        "give --set validationSize=N (above 0)";
                default -> "give --set validationFraction=F (above 0)";
            };
            throw new CommandLine.ParameterException(cl, "--tune scores trials on validation data, and dataset " + name
                    + " has none here: " + hint);
        }
        TagBands tagBands = bands(cl, dataset, cv != null, tuning != null);
        SequenceDataset smallestBand = dataset;
        if (tagBands != null) {
            List<SequenceDataset> selected;
            try {
                selected = tagBands.selectAll(dataset); // a missing tag or an empty band is a usage error, before the run folder exists
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--bands " + tagBands.describe() + ": " + e.getMessage());
            }
            List<String> sizes = new ArrayList<>();
            for (int b = 0; b < selected.size(); b++) {
                SequenceDataset band = selected.get(b);
                sizes.add(tagBands.bands().get(b).describe() + ": " + band.split(Split.TRAIN).size() + "/" + band.split(Split.VALIDATION).size()
                        + "/" + band.split(Split.TEST).size());
                if (band.split(Split.TRAIN).size() < smallestBand.split(Split.TRAIN).size()) {
                    smallestBand = band;
                }
            }
            err.printf("compare: one model per band of %s (train/validation/test examples) %s%n", tagBands.tag(), String.join(", ", sizes));
            String unequal = unequalBands(tagBands, selected);
            if (unequal != null) {
                err.println("compare: warning: " + unequal);
            }
        }
        long first = firstSeed != null ? firstSeed : d.seed();
        CrossValidation crossValidation = null;
        if (cv != null) {
            // a CSV or text group column given with --set group= keeps its groups in one fold, as it keeps them in one carved
            // split (a trial's blurbs by imprint were folded by class alone, while the advice for its 2-imprint test split was
            // "compare --cv K scores every group once"); the text loader tags its texts by the name stripped
            String groups = groupColumn != null ? groupColumn
                    : data.name().equals(Datasets.CSV) ? options.settings().get("group")
                    : data.name().equals(org.rnnlab.datasets.text.TextDataset.TSV_NAME) && options.settings().get("group") != null
                    ? options.settings().get("group").strip() : null;
            // groups from a folder level (--set groupFrom=folder:N) are the sequences' tag 'group', as a column of that name
            String groupFrom = groups == null && data.name().equals(Datasets.CSV) ? options.settings().get("groupFrom") : null;
            if (groupFrom != null) {
                groups = "group";
                err.printf("compare: --cv keeps each group of --set groupFrom=%s in one fold%n", groupFrom.strip());
            }
            if (groupColumn == null && groups != null && groupFrom == null) { // not by time: refused above
                err.printf("compare: --cv keeps each group of --set group=%s in one fold%n", groups);
            }
            java.util.Set<String> groupTags = new java.util.TreeSet<>(dataset.nominalTags());
            if (data.name().equals("har")) {
                groupTags.add("subject"); // UCI HAR's volunteer of each window
            }
            if (groups == null && !groupTags.isEmpty()) {
                // e.g. UCI HAR's subject: overlapping windows of one volunteer on both sides of a fold score memory
                String tag = groupTags.iterator().next();
                err.printf("compare: warning: --cv folds are stratified by class, and the examples of %s carry a %s: examples of "
                        + "one %s land in training and test folds; --group-column %s keeps each in one fold%n", data.name(), tag, tag, tag);
            }
            crossValidation = byTime ? CrossValidation.byTime(cv, options.seed()) : new CrossValidation(cv, groups, options.seed());
            if (!byTime && groups == null) {
                randomFoldsOfDates(dataset, data.validation != null && data.test != null)
                        .ifPresent(note -> err.printf("compare: %s%n", note));
            }
            try {
                crossValidation.parts(dataset); // a missing group or too few groups is a usage error, before the run folder exists
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--cv " + cv + (crossValidation.group() == null ? "" : " by group "
                        + crossValidation.group())
                        + ": " + e.getMessage());
            }
            if (crossValidation.byTime()) {
                walkForward(crossValidation, dataset).forEach(line -> err.printf("compare: %s%n", line));
            } else {
                err.printf("compare: %s cross-validation; test parts of %s examples%n", crossValidation.describe(),
                        foldSizes(crossValidation.parts(dataset), cv));
            }
            // each fold's warnings (test classes the fold never trains on) go to the report with the data's own, and are said
            // here once (the runs' folds do not repeat them)
            dataWarnings.addAll(crossValidation.foldWarnings(dataset));
        }
        SequenceDataset fitted = smallestBand;
        List<List<Double>> foldClassWeights = null;
        List<SequenceDataset> folds = new ArrayList<>();
        if (crossValidation != null) {
            // the folds, not the splits carved before them, are what the runs train on: the budget is fitted to the fold with
            // the fewest training sequences, and the classes' balance (the epoch selection) judged on the pooled data
            for (int k = 0; k < cv; k++) {
                SequenceDataset fold = crossValidation.fold(dataset, k);
                folds.add(fold);
                if (fitted == dataset || fold.split(Split.TRAIN).size() < fitted.split(Split.TRAIN).size()) {
                    fitted = fold;
                }
            }
            // what each fold trains, validates and tests on (a trial's 3 plants: each fold's validation took a whole plant, so
            // each fold trained on one, while this line said the carve warnings did not apply)
            String shortfall = foldCarveShortfall(crossValidation, folds);
            err.printf("compare: --cv %d pools the training, validation and test sequences into folds%s: the split sizes above%s do "
                    + "not apply (each fold's training part gives up its own validation sequences%s)%n", cv,
                    byTime ? " walk-forward by time" : "", carveWarned && shortfall == null ? " and the warning(s) about a carved split" : "",
                    carveWarned && shortfall != null ? ", by whole groups again: the shortfall of the carved split recurs in the folds, "
                            + "see below" : "");
            foldSizeLines(crossValidation, folds).forEach(line -> err.printf("compare: %s%n", line));
            if (shortfall != null) {
                err.printf("compare: warning: %s%n", shortfall);
                dataWarnings.add(shortfall);
            }
            // and --class-weights balanced from each fold's training part, not from the split carved before folding
            foldClassWeights = budget.foldClassWeights(cl, dataset, folds, err, "compare");
        }
        budget.classWeights(cl, dataset, err, "compare"); // checked and said before the epoch selection it sets
        TrainingConfig training = budget.fitTo(budget.training(d).withCheckpoints(0, 0), d, fitted, err, "compare", cv != null);
        if (training.selection() == org.rnnlab.training.EpochSelection.MACRO_F1) {
            foldsFewValidation(folds).ifPresent(w -> {
                err.printf("compare: warning: %s%n", w);
                dataWarnings.add(w);
            });
        }
        training = training.withAveragePrecisionClass(averagePrecisionClass(dataset, cv != null, err));
        base = budget.fitModel(cl, base, dataset, err, "compare");
        ModelSpec model = base;
        BudgetOptions.requireEqualLengths(cl, architectures.stream().map(a -> model.withCell(a.cell())
                .withBidirectional(a.bidirectional())).toList(), dataset, cv != null);
        CompareRequest request = new CompareRequest(data.name(), options,
                // the base model's and training's seeds are each run's own (first + i): recorded as the first, not left at the
                // default 42, which a reader of config.json took for a seed that was used
                new ComparisonConfig(architectures, clipSettings, base.withSeed(first), training.withSeed(first), seeds, first, probe,
                        crossValidation,
                        tuning == null ? null : new TuningConfig(tuning.trials(), tuning.eta(), tuning.budgetSeconds(), first, tuning.space()),
                        tagBands, foldClassWeights,
                        // every depth recorded (one too): the configurations' names then carry a depth other than 1
                        tuning != null ? null : budget.layers != null ? budget.layers : List.of(base.hiddenSizes().size())),
                runtime.threads());
        lastHeadWarning(request.comparison(), dataset).ifPresent(w -> {
            err.printf("compare: warning: %s%n", w);
            dataWarnings.add(w);
        });
        Path dir = RunDirectory.create(out, "compare-" + data.name(), overwrite, RunDirectory.inputs(options.inputs(), config, space));
        dataWarnings.addAll(budget.classWarnings()); // classes without test or validation sequences, as the terminal said
        org.rnnlab.evaluation.run.DataWarnings.write(dir, dataWarnings); // for the report, beside the scores they qualify
        if (crossValidation != null) {
            writeFolds(dir, crossValidation, dataset);
        }
        return CompareRun.start(request, dataset, dir, CommandLines.of(spec), engineDescription);
    }

    /**
     * One line per fold: {@code fold k: train N (G groups) / validation N (G groups) / test N (G groups)}, the sequences of
     * each part and, with folds by group, the groups they come from.
     */
    static List<String> foldSizeLines(CrossValidation cv, List<SequenceDataset> folds) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < folds.size(); k++) {
            List<String> parts = new ArrayList<>();
            for (Split s : Split.values()) {
                org.rnnlab.datasets.SequenceSet set = folds.get(k).split(s);
                int groups = groupsIn(cv, set).size();
                parts.add(s.name().toLowerCase(Locale.ROOT) + " " + set.size()
                        + (cv.group() == null ? "" : " (" + groups + (groups == 1 ? " group)" : " groups)")));
            }
            out.add("fold " + k + ": " + String.join(" / ", parts));
        }
        return out;
    }

    /**
     * With folds by group and validation carved in each fold, a warning naming the folds whose validation carve leaves their
     * training part fewer than two groups or takes half or more of the groups that are not the fold's test: each such fold
     * trains on few groups and is scored on transfer from them alone (a trial's 3 plants: every fold trained on 1 plant,
     * selected its epoch on the 2nd and tested on the 3rd). Null where no fold does.
     */
    static String foldCarveShortfall(CrossValidation cv, List<SequenceDataset> folds) {
        if (cv.group() == null || cv.byTime()) {
            return null;
        }
        List<String> short_ = new ArrayList<>();
        for (int k = 0; k < folds.size(); k++) {
            int train = groupsIn(cv, folds.get(k).split(Split.TRAIN)).size();
            int validation = groupsIn(cv, folds.get(k).split(Split.VALIDATION)).size();
            if (validation > 0 && (train < 2 || 2 * validation >= train + validation)) {
                short_.add(String.format(Locale.ROOT, "fold %d trains on %d and validates on %d of its %d", k, train, validation,
                        train + validation));
            }
        }
        if (short_.isEmpty()) {
            return null;
        }
        return String.format(Locale.ROOT, "each fold carves its validation sequences from its training part by whole groups of %s, "
                        + "and in %d of %d folds that takes half or more of the groups left for training (%s non-test groups): those "
                        + "folds train on few groups, so their test scores measure transfer from them alone and may be far below what "
                        + "training on all the other groups gives. --set validationFraction=0 with a fixed --epochs trains each fold "
                        + "on all its non-test groups (no early stopping)", cv.group(), short_.size(), folds.size(),
                String.join("; ", short_));
    }

    /** The distinct values of the folds' group tag among {@code set}'s sequences; empty without a group. */
    private static java.util.Set<Object> groupsIn(CrossValidation cv, org.rnnlab.datasets.SequenceSet set) {
        java.util.Set<Object> out = new java.util.HashSet<>();
        if (cv.group() == null) {
            return out;
        }
        for (int i = 0; i < set.size(); i++) {
            Object g = set.get(i).tags().get(cv.group());
            if (g != null) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * Of two classes, the class whose average precision the comparison's validation (--select average-precision), test and
     * every fold judge, said on {@code err}: the rarer in the whole training pool (the training split, or with
     * cross-validation all the pooled sequences), the model's second label on equal counts. Picked once: the rarer class of
     * each split, as before, could differ between validation and test and between folds when the classes are near-balanced.
     * Null for more classes (the macro average).
     */
    static Integer averagePrecisionClass(SequenceDataset dataset, boolean crossValidated, PrintWriter err) {
        if (dataset.classCount() != 2) {
            return null;
        }
        int[] counts = dataset.split(Split.TRAIN).classCounts(2);
        if (crossValidated) {
            for (Split other : List.of(Split.VALIDATION, Split.TEST)) {
                int[] more = dataset.split(other).classCounts(2);
                counts[0] += more[0];
                counts[1] += more[1];
            }
        }
        int positive = (long) counts[1] * 2 <= (long) counts[0] + counts[1] ? 1 : 0;
        err.printf("compare: average precision is that of %s in validation, test%s (the rarer class of the %d %s sequences, "
                        + "%d of them%s)%n", org.rnnlab.datasets.LabelCheck.quoted(dataset.labelNames().get(positive)),
                crossValidated ? " and every fold" : "", counts[0] + counts[1], crossValidated ? "pooled" : "training",
                counts[positive], counts[0] == counts[1] ? "; on equal counts the second label" : "");
        return positive;
    }

    /**
     * {@code folds.csv}: each pooled sequence's fold (0 to K-1, the fold whose test part it is, numbered as the console,
     * {@code results.csv} and {@code results.json} number folds: a trial joined a 1-based column to them), with its id and its group
     * where the data name them, so that scores per group or per fold can be rebuilt (a trial found the athletes of each
     * fold in no file).
     */
    static void writeFolds(Path dir, CrossValidation cv, SequenceDataset data) throws IOException {
        int[] part = cv.parts(data);
        List<String> ids = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (Split s : Split.values()) {
            ids.addAll(data.sequenceIds().getOrDefault(s, List.of()));
            groups.addAll(org.rnnlab.evaluation.metrics.GroupTable.groups(data, s)); // a CSV group column's or a text file's
        }
        boolean named = ids.size() == part.length;
        boolean grouped = groups.size() == part.length;
        StringBuilder csv = new StringBuilder((named ? "sequence_id," : "sequence,") + (grouped ? "group," : "") + "fold\n");
        // walk-forward folds: the earliest block (part -1) is in no fold's test part: its fold cell is empty
        for (int i = 0; i < part.length; i++) {
            csv.append(named ? PredictCommand.csv(ids.get(i)) : Integer.toString(i)).append(',');
            if (grouped) {
                csv.append(PredictCommand.csv(groups.get(i))).append(',');
            }
            csv.append(part[i] < 0 ? "" : Integer.toString(part[i])).append('\n');
        }
        org.rnnlab.core.AtomicFiles.writeString(dir.resolve("folds.csv"), csv.toString());
        writeFoldValidation(dir, cv, data, named ? ids : null);
    }

    /**
     * With {@code --cv} and an epoch selection by validation macro-F1: the folds whose validation carve holds under {@value
     * BudgetOptions#FEW_VALIDATION} sequences of a class ({@link BudgetOptions#fewValidation}, which the split carved before
     * folding no longer judges: trial 80e's few-validation warning was not given under --cv, where each fold's epoch turns on
     * its own carve), named with the first such fold's classes; empty when none.
     */
    static java.util.Optional<String> foldsFewValidation(List<SequenceDataset> folds) {
        List<Integer> few = new ArrayList<>();
        String first = null;
        for (int k = 0; k < folds.size(); k++) {
            java.util.Optional<String> w = BudgetOptions.fewValidation(folds.get(k), "compare");
            if (w.isPresent()) {
                few.add(k);
                first = first == null ? w.get() : first;
            }
        }
        if (few.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "the validation carve of fold%s %s (of %d; numbered as "
                + "in folds.csv, their sequences in fold-validation.csv) holds few sequences of a class; in fold %d, %s",
                few.size() == 1 ? "" : "s", few.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")),
                folds.size(), few.get(0), first));
    }

    /** The file of each fold's validation carve, beside {@code folds.csv}. */
    static final String FOLD_VALIDATION = "fold-validation.csv";

    /**
     * {@value #FOLD_VALIDATION}: the sequences each fold's validation carve took from its training part ({@code
     * fold,sequence_id}, or {@code fold,sequence} numbered as folds.csv numbers them without ids), in the fold's order; only
     * the header where the folds carve none. Fold k's training sequences are those of the other folds in folds.csv less
     * these rows of fold k: a trial (79a F4) fitted a baseline on folds.csv's other folds, 320 sequences where the fold
     * trained on 264, and had to take the carve from validation-predictions.csv. The folds are cut again here as each run
     * cuts them ({@link CrossValidation#fold}, seeded), on any engine.
     *
     * @param ids the pooled sequences' ids in the order of {@link CrossValidation#pool}, or null (numbered from 0)
     */
    static void writeFoldValidation(Path dir, CrossValidation cv, SequenceDataset data, List<String> ids) throws IOException {
        Map<org.rnnlab.datasets.Sequence, Integer> place = new java.util.IdentityHashMap<>();
        List<org.rnnlab.datasets.Sequence> pool = CrossValidation.pool(data);
        for (int i = 0; i < pool.size(); i++) {
            place.put(pool.get(i), i);
        }
        StringBuilder csv = new StringBuilder(ids != null ? "fold,sequence_id\n" : "fold,sequence\n");
        for (int k = 0; k < cv.folds(); k++) {
            for (org.rnnlab.datasets.Sequence s : cv.fold(data, k).split(Split.VALIDATION).examples()) {
                Integer i = place.get(s);
                if (i == null) { // a fold's sequences are the pool's own: anything else is a bug here
                    throw new IllegalStateException("fold " + k + ": a validation sequence that is not among the pooled ones");
                }
                csv.append(k).append(',').append(ids != null ? PredictCommand.csv(ids.get(i)) : Integer.toString(i)).append('\n');
            }
        }
        org.rnnlab.core.AtomicFiles.writeString(dir.resolve(FOLD_VALIDATION), csv.toString());
    }

    /** The bands the options (or the dataset's default) ask for, or null for none. */
    private TagBands bands(CommandLine cl, SequenceDataset dataset, boolean crossValidation, boolean tuned) {
        boolean given = cl.getParseResult().hasMatchedOption("--bands");
        if (given && bands.strip().equalsIgnoreCase("none")) {
            return null;
        }
        if (crossValidation || tuned) {
            if (!given) {
                return null; // the dataset's default bands give way to --cv and --tune
            }
            throw new CommandLine.ParameterException(cl, "--bands does not apply with " + (crossValidation ? "--cv" : "--tune")
                    + ": each band is its own training and test split (give --bands none, or leave out " + (crossValidation ? "--cv" : "--tune") + ")");
        }
        return given ? OptionChecks.parse(cl, "--bands", bands, TagBands::parse) : CompareRequest.defaultBands(dataset);
    }

    /** The tuning the options ask for, or null; with a placeholder seed (the first model seed, set by the caller). */
    private TuningConfig tuning(CommandLine cl) {
        List<String> tuneOnly = List.of("--tune-budget", "--tune-eta", "--space");
        if (tune == null) {
            for (String o : tuneOnly) {
                if (cl.getParseResult().hasMatchedOption(o)) {
                    throw new CommandLine.ParameterException(cl, o + " applies with --tune N only");
                }
            }
            return null;
        }
        OptionRanges.TUNE.check(cl, tune);
        OptionRanges.TUNE_ETA.check(cl, tuneEta);
        if (cl.getParseResult().hasMatchedOption("--clip")) {
            throw new CommandLine.ParameterException(cl, "--clip does not apply with --tune: clipping is tuned (list the settings "
                    + "to try as \"clip\" in a --space file)");
        }
        for (String o : TUNED) {
            if (o.equals("--clip")) {
                continue;
            }
            if (cl.getParseResult().hasMatchedOption(o)) {
                throw new CommandLine.ParameterException(cl, o + " does not apply with --tune: it is tuned (set what to try in a "
                        + "--space file)");
            }
        }
        SearchSpace s;
        try {
            // plain gradient steps need larger rates than Adam's range: a space without a learning rate gets theirs
            SearchSpace.Range rate = updater == UpdaterKind.SGD || updater == UpdaterKind.NESTEROVS
                    ? SearchSpace.PLAIN_GRADIENT_LEARNING_RATE : null;
            s = space == null ? (rate == null ? SearchSpace.defaults() : SearchSpace.defaults().withLearningRate(rate))
                    : SearchSpace.read(space, rate);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--space: " + e.getMessage());
        }
        if (s.finite() && tune > s.combinations().size()) { // drawn without replacement: no trial twice
            try {
                s.trials(tune, new java.util.Random(0));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--tune " + tune + (space == null ? "" : " with --space " + space) + ": "
                        + e.getMessage());
            }
        }
        double budgetSeconds = OptionChecks.parse(cl, "--tune-budget", tuneBudget, Durations::seconds);
        return new TuningConfig(tune, tuneEta, budgetSeconds, 0, s);
    }

    /**
     * What walk-forward folds train and test on: per fold, the count of training and test sequences and the first times
     * they span (a user checking that fold 1 trains on January to March and tests on April).
     */
    static List<String> walkForward(CrossValidation cv, SequenceDataset data) {
        int pooled = CrossValidation.pool(data).size();
        List<String> out = new ArrayList<>();
        out.add(cv.describe() + " cross-validation (expanding window): the " + pooled + " sequences ordered by their first "
                + "time in " + (cv.folds() + 1) + " blocks; fold k trains on the blocks before block k+1 and tests on it");
        for (int k = 0; k < cv.folds(); k++) {
            CrossValidation.TimeFold f = cv.timeFold(data, k);
            out.add(String.format(Locale.ROOT, "  fold %d: trains on %d sequences starting %s to %s%s%s, tests on %d starting %s "
                    + "to %s", k, f.train().size(), data.showTime(f.trainFirst()), data.showTime(f.trainLast()),
                    f.validation().isEmpty() ? "" : " (validation: the " + f.validation().size() + " after them)",
                    f.purged() == 0 ? "" : ", " + f.purged() + " reaching into the scored period left out", f.test().size(),
                    data.showTime(f.testFirst()), data.showTime(f.testLast())));
        }
        return out;
    }

    /**
     * The note of random folds of CSV sequences whose first dates span 30 days or more: each fold tests on dates among its
     * training ones, where {@code --set splitBy=time} folds walk-forward (a carrier's 18 months of shipments).
     */
    static Optional<String> randomFoldsOfDates(SequenceDataset data, boolean givenSplits) {
        if (!(data instanceof org.rnnlab.datasets.csv.CsvSequenceDataset csv) || !csv.startsAreDateTimes()
                || csv.schema().split() != null || givenSplits) {
            // a split column, or given validation and test files, refuse --set splitBy=time: the note would advise it
            return Optional.empty();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<Double> starts : csv.sequenceStarts().values()) {
            for (double t : starts) {
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        double days = (max - min) / 86400;
        if (!(days >= 30)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the sequences start from %s to %s (%.0f days) and the --cv folds are drawn "
                + "at random: each fold tests on dates among its training ones; --set splitBy=time folds walk-forward instead, "
                + "each fold testing on later sequences than it trains on", csv.showTime(min), csv.showTime(max), days));
    }

    private static String foldSizes(int[] parts, int folds) {
        int[] sizes = new int[folds];
        for (int p : parts) {
            sizes[p]++;
        }
        return java.util.Arrays.toString(sizes);
    }

    /** Options that may go with --config. */
    private static final Set<String> CONFIG_OPTIONS = Set.of("--config", "--out", "--overwrite", "--quiet", "--json", "--threads",
            "--engine", "--master", "--train", "--validation", "--test", "--require-repeat");

    /** The --config file's comparison, read once. */
    private CompareRequest configRequest;

    /** The comparison of --config, or a usage error naming what the file is. */
    private CompareRequest configRequest() {
        if (configRequest == null) {
            CommandLine cl = spec.commandLine();
            if (resume != null) {
                throw new CommandLine.ParameterException(cl, "--config starts a new comparison and --resume continues one: give one of them");
            }
            if (!OptionChecks.givenBesides(cl, CONFIG_OPTIONS).isEmpty()) {
                throw new CommandLine.ParameterException(cl, "--config compares again with the file's own settings: only --out, "
                        + "--overwrite, --quiet, --json, --threads, --engine, --master and the data files --train, --validation and "
                        + "--test (in place of those it records) may be given with it, not "
                        + String.join(", ", OptionChecks.givenBesides(cl, CONFIG_OPTIONS)));
            }
            if (!Files.isRegularFile(config)) {
                throw new CommandLine.ParameterException(cl, "--config " + config + ": no such file (expected the config.json of a "
                        + "comparison's run folder)");
            }
            try {
                configRequest = Json.readFile(config, CompareRequest.class);
            } catch (IOException | RuntimeException e) {
                ConfigPaths.refuseWindowsPath(cl, config);
                throw new CommandLine.ParameterException(cl, "--config " + config + ": not the config.json of a 'rnnlab compare' run "
                        + "(a training run's is given to 'rnnlab train --config'): " + e.getMessage());
            }
        }
        return configRequest;
    }

    /**
     * The --threads of --config's comparison, set for this one (its runs' results depend on it in their last bits), unless
     * --threads is given, as train --config takes it (trial 72c: a thread-sensitivity check had to retype the whole command):
     * then that one, a count other than the recorded one said.
     */
    private int configThreads() {
        int recorded = configRequest().threads();
        if (spec.commandLine().getParseResult().hasMatchedOption("--threads")) {
            if (recorded != runtime.threads()) {
                spec.commandLine().getErr().printf("compare: %s recorded --threads %d, this comparison uses %d (the minibatch is "
                        + "split differently: results may differ slightly)%n", config, recorded, runtime.threads());
            }
            return runtime.threads();
        }
        if (recorded != org.rnnlab.core.Nd4jRuntime.threads()) {
            org.rnnlab.core.Nd4jRuntime.configureThreads(recorded);
            spec.commandLine().getErr().printf("compare: with the comparison's own --threads %d%n", recorded);
        }
        return recorded;
    }

    /** A new comparison with the settings of --config, in a new run folder. */
    private CompareRun again(PrintWriter err) throws IOException {
        CompareRequest recorded = configRequest();
        int threads = spec.commandLine().getParseResult().hasMatchedOption("--threads") ? runtime.threads() : recorded.threads();
        // --train, --validation, --test in place of the recorded files, as train --config takes them (stop 73: compare refused them)
        org.rnnlab.datasets.DatasetOptions files = ConfigPaths.replacedFiles(spec.commandLine(), config, "compare", "comparison",
                recorded.dataset(), recorded.datasetOptions(), data.train, data.validation, data.test, err);
        // the epoch tie rule its runs were made with, recorded in the new config.json (an older comparison's: from its runs)
        org.rnnlab.evaluation.run.ReplayedTies ties = org.rnnlab.evaluation.run.ReplayedTies.ofComparison(
                recorded.comparison().training(), config);
        if (ties.note() != null) {
            err.printf("compare: note: %s%n", ties.note());
        }
        org.rnnlab.evaluation.compare.ComparisonConfig comparison = ties.rule() == recorded.comparison().training().selectionTies()
                ? recorded.comparison() : recorded.comparison().withTraining(recorded.comparison().training().withSelectionTies(ties.rule()));
        CompareRequest request = threads == recorded.threads() && files == recorded.datasetOptions() && comparison == recorded.comparison()
                ? recorded : new CompareRequest(recorded.dataset(), files, comparison, threads);
        ConfigPaths.requireRecordedFiles(spec.commandLine(), config, request.datasetOptions(), "compare",
                Datasets.CSV.equals(request.dataset()) || "text".equals(request.dataset()));
        err.printf("compare: the settings of %s: loading dataset %s%n", config.toAbsolutePath().normalize(), request.dataset());
        err.flush();
        List<String> dataWarnings = new ArrayList<>(); // kept for the report, as a new comparison keeps them
        SequenceDataset dataset = org.rnnlab.evaluation.run.DataWarnings.capture(
                () -> org.rnnlab.evaluation.run.HeldOutValues.checked(Datasets.open(request.dataset(), request.datasetOptions())),
                dataWarnings);
        // class weights kept by position, set for classes an older rnnlab ordered as text: refused as train --config refuses them
        TrainCommand.positionalWeightsOfTextOrder(config, request.comparison().base().classWeights(), dataset).ifPresent(why -> {
            throw new CommandLine.ParameterException(spec.commandLine(), why);
        });
        // changed data: said as train --config says it (this said nothing, and its README promised the same scores)
        org.rnnlab.evaluation.run.RunFiles.RepeatOf repeat = org.rnnlab.evaluation.run.RunFiles.repeatOf(config, dataset);
        String notARepeat = repeat.dataDiffer() ? TrainCommand.notARepeat(repeat, "compared on", "comparison runs", "comparison")
                : null;
        if (notARepeat != null) {
            err.printf("compare: warning: %s%n", notARepeat);
            dataWarnings.add(notARepeat); // at the top of the report
        } else if (repeat.sameData() == null) {
            err.printf("compare: note: whether the data are those %s was compared on is %s%n", config, repeat.dataChange());
        }
        repeat = TrainCommand.withCode(repeat, "compare", err); // other code or runtime than the comparison's (trial 80b F1)
        Optional<String> notRepeated = requireRepeat ? TrainCommand.notRepeated(repeat) : Optional.empty();
        if (notRepeated.isPresent()) { // before a run folder is made: a script's gate, nothing compared
            err.printf("rnnlab compare: --require-repeat: %s; nothing compared, no run folder written%n", notRepeated.get());
            return null;
        }
        TrainCommand.codeWarning(repeat).ifPresent(dataWarnings::add);
        if (request.comparison().crossValidation() == null) {
            // the split's size and groups, and classes without test or validation sequences, as the comparison said them
            // (trial 80b F2: a replay dropped "only 24 test sequences" and "only 4 group(s)", and its best line lost the caveat):
            // a new comparison says them while fitting its budget (BudgetOptions.fitTo), which a replay does not run
            BudgetOptions.warnUncoveredClasses(fittedData(request.comparison(), dataset), err, "compare", dataWarnings);
        }
        timeBudgetWarning(request, config + " has", "differ from the comparison's").ifPresent(w -> {
            err.printf("compare: warning: %s%n", w); // as train --config says it: repeat-of.json's sameData is about the data only
            dataWarnings.add(w); // at the top of the report
        });
        if (request.comparison().crossValidation() != null) { // as a new comparison keeps them (they reached the terminal only)
            dataWarnings.addAll(request.comparison().crossValidation().foldWarnings(dataset));
        }
        lastHeadWarning(request.comparison(), dataset).ifPresent(w -> {
            err.printf("compare: warning: %s%n", w);
            dataWarnings.add(w);
        });
        err.flush();
        Path dir = RunDirectory.create(out, "compare-" + request.dataset(), overwrite,
                RunDirectory.inputs(request.datasetOptions().inputs(), config));
        noteOtherEngine(err);
        CompareRun run = CompareRun.start(request, dataset, dir, CommandLines.of(spec), engineDescription);
        Json.writeFile(dir.resolve(org.rnnlab.evaluation.run.RunFiles.REPEAT_OF), repeat);
        org.rnnlab.evaluation.run.DataWarnings.write(dir, dataWarnings);
        return run;
    }

    /**
     * The data a comparison's budget is fitted to without {@code --cv}, whose splits {@link BudgetOptions#fitTo} warns of:
     * the band with the fewest training sequences with {@code --bands}, else the data themselves; as {@link #start} picks it.
     */
    static SequenceDataset fittedData(org.rnnlab.evaluation.compare.ComparisonConfig comparison, SequenceDataset dataset) {
        SequenceDataset smallest = dataset;
        if (comparison.bands() != null) {
            for (SequenceDataset band : comparison.bands().selectAll(dataset)) {
                if (band.split(Split.TRAIN).size() < smallest.split(Split.TRAIN).size()) {
                    smallest = band;
                }
            }
        }
        return smallest;
    }

    /**
     * The warning of a comparison replayed ({@code --config}) or continued ({@code --resume}) with a {@code --time-budget}:
     * the epoch a run stops after depends on the machine's speed and load, so its runs do not surely repeat (a user's
     * {@code compare --config} gave 0.9450 where the comparison had 0.8750, without a word); empty without a time budget.
     * As {@code train --config} says it ({@link TrainCommand}).
     *
     * @param has     the subject, e.g. "runs/x/config.json has"
     * @param differs what the results may differ from
     */
    static java.util.Optional<String> timeBudgetWarning(CompareRequest request, String has, String differs) {
        double seconds = request.comparison().training().timeBudgetSeconds();
        if (seconds <= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "%s a time budget of %s: the epoch each run stops after depends "
                + "on this machine's speed and load, so the results may %s (the same only for runs that stopped by --epochs or "
                + "early stopping first; results.csv's stopped_by says which)", has, TrainAgain.seconds(seconds), differs));
    }

    /**
     * Says so when the comparison of --config was trained by another engine than this one (config.json holds what is
     * compared, not where: a user's try replayed a Spark comparison in-process without a word).
     */
    private void noteOtherEngine(PrintWriter err) {
        Path recorded = config.toAbsolutePath().resolveSibling(org.rnnlab.evaluation.run.RunFiles.PROVENANCE);
        if (!Files.isRegularFile(recorded)) {
            return;
        }
        try {
            String before = Json.readFile(recorded, org.rnnlab.training.Provenance.class).engine();
            if (before != null && !before.equals(engineDescription)) {
                err.printf("compare: note: %s's runs were trained %s, these %s (results are the same; "
                        + "give --engine and --master to train where it did)%n", config.getFileName(),
                        org.rnnlab.evaluation.engine.RunEngine.where(before), org.rnnlab.evaluation.engine.RunEngine.where(engineDescription));
            }
        } catch (IOException | RuntimeException unreadable) { // the note is a courtesy: an unreadable provenance.json says nothing
        }
    }

    /**
     * The warning of a --cv that pools a user's own test (and validation) file into its folds (a user's try was told so only
     * by an INFO line): the file is then trained on and used to choose epochs and the best configuration, so it is no
     * longer held out; empty when neither file was given.
     */
    /** What --cv says of a split column it sets aside: its folds are drawn across it, and a split by time is lost. */
    static String pooledSplitColumn(int folds, String column, String group) {
        if (group != null) {
            return "--cv " + folds + " pools the training, validation and test rows of the split column '" + column + "' and "
                    + "draws the folds by group " + group + ", each group's sequences in one fold: a split by time does not "
                    + "survive (to score on the later data the split column keeps apart, compare without --cv)";
        }
        return "--cv " + folds + " sets aside the split column '" + column + "': its training, validation and test rows are "
                + "pooled and the folds drawn across them (stratified by class, by group with --group-column), so a split by "
                + "time does not survive, and windows that overlap in time fall into different folds; to score on the later "
                + "data the split column keeps apart, compare without --cv; to keep each series (a unit, an instrument: a column "
                + "with one value per sequence) in one fold, give it with --group-column";
    }

    static Optional<String> pooledFiles(int folds, Path test, Path validation) {
        if (test == null && validation == null) {
            return Optional.empty();
        }
        String files = test != null && validation != null ? "the test file " + test + " and the validation file " + validation
                : test != null ? "the test file " + test : "the validation file " + validation;
        return Optional.of("--cv " + folds + " pools " + files + " into the folds with the training data: "
                + (test != null && validation != null ? "their" : "its") + " examples are trained on in some folds and used for "
                + "selection (the kept epochs and the best configuration) in others, so " + (test != null ? "the test file is no "
                + "longer held-out test data" : "it is not kept for validation") + ". rnnlab has no option to cross-validate on "
                + "the training data alone; to keep " + (test != null ? "the test file" : "it") + " out of the folds, leave out "
                + (test != null && validation != null ? "--test and --validation" : test != null ? "--test" : "--validation")
                + " (--cv then pools --train alone), train the chosen configuration (the best line's rnnlab train --config ...) "
                + "and score its model on the file with rnnlab evaluate --model RUN/model.rnnlab --input FILE");
    }

    /**
     * How much of a resumed comparison is done: its final runs, and apart from them its tuning trials (a user's resume said
     * "6 of 4 runs already finished", counting the trials' files against the final runs), e.g. {@code 0 of 4 runs already
     * finished; tuning: 6 of up to 10 trial runs already finished (trials/)}.
     */
    static String finishedSoFar(java.util.Collection<RunResult> finished, org.rnnlab.evaluation.compare.ComparisonConfig c) {
        long trials = finished.stream().filter(r -> r.evaluatedOn() == Split.VALIDATION).count();
        String s = String.format(Locale.ROOT, "%d of %d runs already finished", finished.size() - trials, c.runs());
        if (c.tuning() != null) {
            int perArchitecture = SuccessiveHalving.rungs(c.tuning().trials(), c.tuning().eta(), c.training().epochs()).stream()
                    .mapToInt(SuccessiveHalving.Rung::trials).sum();
            s += String.format(Locale.ROOT, "; tuning: %d of up to %d trial runs already finished (%s/)", trials,
                    perArchitecture * c.architectures().size(), org.rnnlab.evaluation.run.CompareRun.TRIALS_DIR);
        }
        return s;
    }

    /** The comparison in the --resume folder, with its own config.json and the runs it kept. */
    private CompareRun resume(PrintWriter err) throws IOException {
        if (!OptionChecks.givenBesides(spec.commandLine(), RESUME_OPTIONS).isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume continues with the run's own config.json: "
                    + "only --quiet, --json, --threads, --engine and --master may be given with it");
        }
        CompareRequest request = resumeRequest != null ? resumeRequest : CompareRun.request(resume); // its --threads: resumedThreads
        err.printf("compare: resuming %s: loading dataset %s%n", resume.toAbsolutePath().normalize(), request.dataset());
        err.flush();
        CompareRun run = CompareRun.resume(resume, request);
        err.printf("compare: %s%n", finishedSoFar(run.finished().values(), request.comparison()));
        // this session's provenance beside the first one's, as train --resume keeps it: the runs trained now may come from
        // other code (a user's try: nothing recorded the commit the rest of a comparison was trained under)
        Provenance now = run.recordResume(CommandLines.of(spec), engineDescription);
        // rnnlab's commit and version, and DL4J's version (the same words as train --resume; kept with the data's warnings)
        java.util.Optional<String> otherCode = org.rnnlab.evaluation.run.CodeCheck.resumeWarning(run.provenance(), now,
                "the comparison", "the runs trained now come from other code than the kept ones");
        if (otherCode.isPresent()) {
            err.printf("compare: warning: %s%n", otherCode.get());
            List<String> kept = new ArrayList<>(org.rnnlab.evaluation.run.DataWarnings.read(run.dir()));
            if (!kept.contains(otherCode.get())) {
                kept.add(otherCode.get());
                org.rnnlab.evaluation.run.DataWarnings.write(run.dir(), kept);
            }
        }
        List<String> changes = org.rnnlab.evaluation.run.ResumeProvenance.environmentChanges(run.provenance(), now);
        if (!changes.isEmpty() && run.finished().size() < request.comparison().runs()) {
            // at the top of the report too, which otherwise names the first session's runtime only
            String said = "the comparison was resumed under " + String.join("; ", changes) + ": its runs ran under more than one "
                    + "runtime (each session's in " + org.rnnlab.evaluation.run.ResumeProvenance.FILE + ")";
            err.printf("compare: warning: %s%n", said);
            List<String> kept = new ArrayList<>(org.rnnlab.evaluation.run.DataWarnings.read(run.dir()));
            if (!kept.contains(said)) {
                kept.add(said);
                org.rnnlab.evaluation.run.DataWarnings.write(run.dir(), kept);
            }
        }
        if (run.finished().size() < request.comparison().runs()) {
            java.util.Optional<String> budget = timeBudgetWarning(request, "the comparison has",
                    "differ from what the runs would have given uninterrupted (the kept runs are as they were)");
            if (budget.isPresent()) {
                err.printf("compare: warning: %s%n", budget.get());
                List<String> kept = new ArrayList<>(org.rnnlab.evaluation.run.DataWarnings.read(run.dir()));
                if (!kept.contains(budget.get())) { // at the top of the report, once however often it is resumed
                    kept.add(budget.get());
                    org.rnnlab.evaluation.run.DataWarnings.write(run.dir(), kept);
                }
            }
        }
        String before = run.provenance().engine();
        if (before != null && !before.equals(engineDescription)) { // the engine does not change results: said, not refused
            err.printf("compare: note: the comparison's runs so far were trained %s, these %s "
                    + "(results are the same; give --engine and --master to go on where it started)%n",
                    org.rnnlab.evaluation.engine.RunEngine.where(before), org.rnnlab.evaluation.engine.RunEngine.where(engineDescription));
        }
        if (before != null) { // a complete comparison is not resumed: this session trains runs
            run.recordEngine(engineDescription); // provenance.json's engines: every engine that trained its runs
        }
        return run;
    }

    /**
     * The JSON summary printed with --json: what the table says, as data (a trial found the table's "to keep a model" line
     * and clipping summary missing from it).
     *
     * @param best     the best configuration, its best seed and the train options that repeat it, or null (bands)
     * @param clipping the share of updates clipping changed per configuration with a clip threshold, or null without one
     * @param pooledAccuracy with --cv, each configuration's pooled test accuracy, its Wilson interval and, with folds by group,
     *                 the folds' mean with its t interval (results.json's {@code pooledAccuracy}); empty without --cv
     * @param pooledAccuracyCaveat with folds by group, why the Wilson interval is too narrow; else null
     * @param summaryBaseline the logistic regression on each sequence's mean and sd of each feature, as results.json's
     *                 {@code summaryBaseline}; null for text
     */
    record Summary(String run, String dataset, double seconds, List<SummaryRow> configurations,
                   List<PairedDifference> accuracyDifferences, List<SummaryTuning> tuned,
                   List<PairedDifference> macroF1Differences, MajorityBaseline baseline, TrainAgain.Best best,
                   ComparisonFiles.Clipping clipping, List<org.rnnlab.evaluation.compare.ComparisonSummary.Pooled> pooledAccuracy,
                   String pooledAccuracyCaveat, org.rnnlab.evaluation.compare.SummaryBaseline summaryBaseline) {
    }

    /** One architecture's tuning in the JSON summary (empty list without --tune). */
    record SummaryTuning(String architecture, Trial chosen, double validationAccuracy) {
    }

    /**
     * One configuration in the JSON summary; {@code accuracySd} and {@code macroF1Sd} the sample sd (n-1) over its runs, null
     * for one run (a UCR trial found no macro-F1 sd here); {@code validationAccuracyMean} and {@code validationMacroF1Mean} are the mean
     * validation scores of the runs' kept epochs, null without validation data; {@code cohenKappaMean} the mean test Cohen's
     * kappa, null where a run has none (undefined, or a run of an older rnnlab resumed); {@code macroF1PresentOrPredictedMean}
     * the mean test macro-F1 as scikit-learn's {@code f1_score(average='macro')} computes it ({@link
     * org.rnnlab.evaluation.compare.PresentOrPredicted}), which {@code macroF1Differences} and the baseline verdicts compare;
     * equal to {@code macroF1Mean} unless a run predicted a class its test data hold none of.
     */
    record SummaryRow(String configuration, int seeds, int runs, double accuracyMean, Double accuracySd, double macroF1Mean,
                      Double macroF1Sd, double trainSecondsMean, long parameters, Double validationAccuracyMean, Double validationMacroF1Mean,
                      Double cohenKappaMean, double macroF1PresentOrPredictedMean) {
    }

    /** Prints one line per run and a progress bar per epoch, and where the finished runs are kept when stopped. */
    private static final class RunProgress implements CompareRun.Listener {
        private final PrintWriter err;
        private final boolean quiet;
        private final CompareRun run;
        private Progress bar;
        /** When each run started, by configuration and seed: an engine may run several at once. */
        private final Map<String, Long> started = new HashMap<>();
        /** Each run's {index, total} as {@link #onRunStart} numbers them, by the keys of {@link #started}. */
        private final Map<String, int[]> places = new HashMap<>();
        /**
         * The runs started and not ended, by the keys of {@link #started}, each with the epochs it finished (-1: not known, a
         * remote engine's): what an interruption loses ({@link #notKept}).
         */
        private final Map<String, Integer> inFlight = new LinkedHashMap<>();
        /** Whether the per-run lines end with the time left ({@link #timeLeft}): not quiet, a log, runs in this process. */
        private final boolean estimates;
        /** The comparison's runs (not tuning trials) ended in this session, and their wall seconds. */
        private int ended;
        /** The comparison's runs (not tuning trials) a --resume found finished: not among the runs left to train. */
        private final long finishedBefore;
        private double endedSeconds;

        /** The options of the engine a resume needs to train on it again ({@code --engine spark --master URL}), or empty. */
        private final String engineOptions;
        /** Whether the runs train elsewhere (Spark): no per-epoch progress comes back, so each run's start is said. */
        private final boolean remote;
        /** The test groups of each fold ({@code fold 5 (signer05)}), once known: empty without folds by group. */
        private java.util.Optional<List<List<String>>> foldGroups;

        RunProgress(PrintWriter err, boolean quiet, CompareRun run, String engineOptions, boolean remote) {
            this.err = err;
            this.quiet = quiet;
            this.run = run;
            this.engineOptions = engineOptions;
            this.remote = remote;
            this.estimates = !quiet && !remote && !Progress.standardErrorIsATerminal();
            this.finishedBefore = run.finished().values().stream().filter(r -> r.evaluatedOn() != Split.VALIDATION).count();
        }

        @Override
        public void onRunStart(int index, int total, String configuration, long seed) {
            onRunStart(index, total, configuration, seed, "");
        }

        @Override
        public void onRunStart(int index, int total, String configuration, long seed, String part) {
            bar = new Progress(String.format("[%d/%d] %s seed %d%s", index + 1, total, configuration, seed, part), quiet || remote);
            started.put(configuration + " seed " + seed + part, System.nanoTime());
            places.put(configuration + " seed " + seed + part, new int[] {index, total});
            synchronized (inFlight) {
                inFlight.put(configuration + " seed " + seed + part, remote ? -1 : 0);
            }
            if (remote && !quiet) {
                err.printf(Locale.ROOT, "  [%d/%d] %s seed %d%s: submitted%n", index + 1, total, configuration, seed, part);
                err.flush();
            }
        }

        @Override
        public void onIteration(int epoch, int b, int batchesPerEpoch, double loss) {
            bar.onIteration(epoch, b, batchesPerEpoch, loss);
        }

        @Override
        public void onEpoch(EpochStats stats) {
            bar.close();
            synchronized (inFlight) {
                if (inFlight.size() == 1) { // runs one after another (in this process): the epoch is the run's in flight
                    inFlight.replaceAll((run, epochs) -> epochs < 0 ? epochs : stats.epoch());
                }
            }
        }

        @Override
        public void onRunEnd(RunResult r) {
            bar.close();
            String key = r.configuration() + " seed " + r.seed() + org.rnnlab.evaluation.compare.Comparison.part(r.fold(), r.band());
            synchronized (inFlight) {
                inFlight.remove(key);
            }
            long t0 = started.getOrDefault(key, System.nanoTime());
            double seconds = (System.nanoTime() - t0) / 1e9;
            // a class predicted but absent from the run's test data: scikit-learn's lower macro-F1 beside rnnlab's
            Double withPredicted = r.test().macroF1PresentOrPredicted();
            err.printf(Locale.ROOT, "  %-22s seed %d%s%s: %s accuracy %.4f, macro-F1 %.4f%s, best epoch %d, train %s (%s total)%s%n",
                    r.configuration(), r.seed(), org.rnnlab.evaluation.compare.FoldGroups.label(foldGroups(), r.fold()),
                    r.band() == null ? "" : ", " + r.band(),
                    r.evaluatedOn() == Split.VALIDATION ? "validation" : "test", r.test().accuracy(), r.test().macroF1(),
                    withPredicted == null ? "" : String.format(Locale.ROOT, " (%.4f as scikit-learn counts it: %s predicted but "
                            + "absent here, F1 0)", withPredicted, String.join(", ", r.test().predictedAbsent())), r.bestEpoch(),
                    Progress.duration(r.trainSeconds()), Progress.duration(seconds), timeLeft(r, places.get(key), seconds));
            err.flush();
        }

        /**
         * {@code ; about 0:01:10 left for the remaining 20 runs}: the mean wall time of the comparison's runs ended in this session
         * times the runs still to train (the in-process engine runs them one after another; a --resume's runs found finished
         * are not among them: a trial's resume with 1 run left said "the remaining 8 runs", its place in the grid), where the
         * lines go to a log (a terminal has a bar per epoch with its time left) and not {@code --quiet}; empty after the last
         * run, for a tuning trial (shorter, and numbered apart) and on a remote engine (runs at once, and a status of its own).
         */
        private String timeLeft(RunResult r, int[] place, double seconds) {
            if (!estimates || place == null || r.evaluatedOn() != Split.TEST) {
                return "";
            }
            ended++;
            endedSeconds += seconds;
            int remaining = (int) (place[1] - finishedBefore - ended);
            return remaining <= 0 ? "" : "; " + Progress.timeLeft(endedSeconds / ended, remaining, remaining == 1 ? "run" : "runs");
        }

        @Override
        public void onTuningProgress(org.rnnlab.evaluation.tune.TuningProgress p) {
            if (!quiet) {
                err.printf("%s%n", tuningProgress(p, remote));
                err.flush();
            }
        }

        @Override
        public void onTuningNote(String note) {
            err.printf("compare: warning: tuning %s%n", note);
            err.flush();
        }

        /** Each fold's test groups with folds by group (null otherwise), worked out at the first run's end. */
        private List<List<String>> foldGroups() {
            if (foldGroups == null) {
                foldGroups = java.util.Optional.ofNullable(org.rnnlab.evaluation.compare.FoldGroups.of(
                        run.request().comparison().crossValidation(), run.dataset()));
            }
            return foldGroups.orElse(null);
        }

        @Override
        public void onInterrupted(int finished, int total) {
            String lost;
            synchronized (inFlight) {
                lost = notKept(inFlight);
            }
            err.printf("rnnlab compare: interrupted; %d of %d runs finished%s%s. Continue with: %s compare --resume %s%s%n",
                    finished, total, finished == 0 ? "" : " and kept in " + run.runsDir(), lost, CommandLines.launcher(),
                    CommandLines.quote(run.dir().toString()), engineOptions);
            err.flush();
        }
    }

    /**
     * The line after each tuning trial (trial 81f F5: a trial of long sequences trained for minutes with no word of how many
     * were left), e.g. {@code   tuning gru: 4 of 9 trials of rung 0 (1 epoch each) trained, 0:01:10 elapsed; --tune-budget
     * 0:00:30, 0:00:12 of it left; about 0:00:40 left for the remaining 5 gru trials of this rung}; without the estimate on a remote
     * engine (its trials run at once), and when the budget is spent saying that no further trial starts.
     */
    static String tuningProgress(org.rnnlab.evaluation.tune.TuningProgress p, boolean remote) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  tuning %s: %d of %d trial%s of rung %d (%d epoch%s each) "
                + "trained, %s elapsed", p.architecture(), p.trained(), p.rungTrials(), p.rungTrials() == 1 ? "" : "s", p.rung().index(),
                p.rung().epochs(), p.rung().epochs() == 1 ? "" : "s", Progress.clockTime(p.elapsedSeconds())));
        if (p.budgetSeconds() > 0) {
            sb.append(String.format(Locale.ROOT, "; --tune-budget %s, %s", Progress.clockTime(p.budgetSeconds()), p.budgetSpent()
                    ? "spent (" + Progress.clockTime(p.spentSeconds()) + " of trial training)" + (p.remaining() == 0 || remote ? ""
                    : ": no further " + p.architecture() + " trial starts")
                    : Progress.clockTime(p.budgetSeconds() - p.spentSeconds()) + " of it left"));
        }
        if (!remote && p.remaining() > 0 && p.trained() > 0 && !p.budgetSpent()) {
            sb.append("; ").append(Progress.timeLeft(p.rungSeconds() / p.trained(), p.remaining(), p.remaining() == 1
                    ? p.architecture() + " trial of this rung" : p.architecture() + " trials of this rung"));
        }
        return sb.toString();
    }

    /**
     * {@code ; the run in progress (lstm seed 2, 5 epochs trained) is not kept: --resume trains it again from the start}: what an
     * interruption loses, of the runs started and not ended with the epochs each finished ({@code -1}: not known, and not said;
     * several runs at once: their names only); empty when none was in flight. A comparison's runs are not checkpointed: a trial
     * on preemptible machines found nothing saying that the run in flight is lost, for long runs the number that matters.
     */
    static String notKept(Map<String, Integer> inFlight) {
        if (inFlight.isEmpty()) {
            return "";
        }
        if (inFlight.size() > 1) {
            return "; the runs in progress (" + String.join(", ", inFlight.keySet()) + ") are not kept: --resume trains them again "
                    + "from the start";
        }
        Map.Entry<String, Integer> run = inFlight.entrySet().iterator().next();
        int epochs = run.getValue();
        String trained = epochs < 0 ? "" : epochs == 0 ? ", in its first epoch" : epochs == 1 ? ", 1 epoch trained"
                : ", " + epochs + " epochs trained";
        return "; the run in progress (" + run.getKey() + trained + ") is not kept: --resume trains it again from the start";
    }

    /**
     * A warning when the bands' training sets differ by more than a quarter (null otherwise): every band's models train
     * for the same epochs, so a band with fewer examples gets fewer updates, and a difference between bands mixes the
     * tag's effect with the training budget (a user's try: maxDistance=10 gave the far band half the others' examples).
     */
    static String unequalBands(TagBands tagBands, List<SequenceDataset> selected) {
        int small = 0;
        int large = 0;
        for (int b = 1; b < selected.size(); b++) {
            int n = selected.get(b).split(Split.TRAIN).size();
            if (n < selected.get(small).split(Split.TRAIN).size()) {
                small = b;
            }
            if (n > selected.get(large).split(Split.TRAIN).size()) {
                large = b;
            }
        }
        int few = selected.get(small).split(Split.TRAIN).size();
        int many = selected.get(large).split(Split.TRAIN).size();
        if (many <= 1.25 * few) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "the bands hold unequal training sets: %d examples in %s against %d in %s. "
                + "Every band's models train for the same epochs, so the smaller band's get %.0f%% of the updates, and a "
                + "difference between the bands mixes the effect of %s with that of the training budget; give bands of equal "
                + "numbers of examples (--bands %s:...)%s.", few, tagBands.label(small), many, tagBands.label(large),
                100.0 * few / many, tagBands.tag(), tagBands.tag(),
                tagBands.tag().equals("distance") ? " or a range of distances that divides into them evenly" : "");
    }

    /**
     * The configurations whose model has more than {@link TrainCommand#PARAMETERS_PER_SEQUENCE} parameters per training
     * sequence, with train's words for the largest of them; empty when none has (train warned of it, compare did not).
     */
    static Optional<String> oversized(ComparisonConfig config, SequenceDataset dataset) {
        List<String> over = new ArrayList<>();
        String largest = null;
        String largestId = null;
        long most = -1;
        for (Architecture a : config.architectures()) {
            for (int depth : config.depths()) {
                ModelSpec spec = org.rnnlab.evaluation.compare.Comparison.specOf(config.atDepth(config.base(), depth), a);
                Optional<String> w = TrainCommand.oversized(spec, dataset);
                if (w.isPresent()) {
                    String id = org.rnnlab.evaluation.compare.Comparison.configurationName(a, depth, ClipSetting.none(),
                            config.namesDepth(depth));
                    over.add(id);
                    long parameters = org.rnnlab.core.NetworkFactory.parameterCount(spec, dataset.input().featureCount(), dataset.classCount());
                    if (parameters > most) {
                        most = parameters;
                        largest = w.get();
                        largestId = id;
                    }
                }
            }
        }
        if (over.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((over.size() == 1 ? over.get(0) : String.join(", ", over) + " (the largest: " + largestId + ")") + ": "
                + largest);
    }
}
