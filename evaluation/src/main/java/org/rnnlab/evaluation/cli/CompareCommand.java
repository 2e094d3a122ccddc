package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.compare.ClipSetting;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.ComparisonFiles;
import org.rnnlab.evaluation.compare.ComparisonResult;
import org.rnnlab.evaluation.compare.InputGradientProbe;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.train.RunDefaults;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.evaluation.report.ComparisonReport;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.RunDirectory;
import org.rnnlab.training.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab compare}: architectures side by side, with seeds, gradient flow and an HTML report. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains every architecture x clip setting with each seed on the same data and training budget, "
                + "evaluates them on the test split, probes their gradient flow, and writes results.json, results.csv, "
                + "PNG charts and index.html to runs/<timestamp>-compare-<dataset>/ (or --out).",
                "With no options: the embedded subject-verb agreement task, rnn, lstm, gru and bilstm, 3 seeds."})
public final class CompareCommand implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CompareCommand.class);

    /**
     * Dataset settings compare uses unless --set overrides them. For agreement: sized, with the default
     * budget below (6 epochs of batch 64, Adam 0.02, 24 units), so that the 12 default runs take under
     * three minutes on a 2-core machine and show the phenomenon robustly (measured over seeds 1-3: the
     * vanilla RNN stays near chance at every distance while LSTM, GRU and BiLSTM exceed 0.95).
     */
    static final Map<String, Map<String, String>> DATASET_DEFAULTS = Map.of(
            "agreement", Map.of("trainSize", "2400", "validationSize", "300", "testSize", "1200", "maxDistance", "24"));

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

    @Option(names = "--cells", defaultValue = "rnn,lstm,gru,bilstm",
            description = "Architectures, comma-separated: rnn, lstm, gru, birnn, bilstm, bigru (default: ${DEFAULT-VALUE}).")
    String cells;

    @Option(names = "--clip", defaultValue = "none",
            description = "Gradient normalization settings to compare, comma-separated: none, l2:T, l2param:T, value:T, renorm, "
                    + "renormparam (default: ${DEFAULT-VALUE}).")
    String clips;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per configuration (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seed", description = "First model seed; seed i is this + i (default: 1).")
    Long firstSeed;

    @Option(names = "--probe", paramLabel = "N", defaultValue = "128",
            description = "Test examples for the gradient-flow probe, 0 for none (default: ${DEFAULT-VALUE}).")
    int probe;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<timestamp>-compare-<dataset>).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the earlier run in a non-empty --out folder (default: refuse).")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Finish the comparison in RUN_DIR (interrupted with Ctrl-C or killed): runs only what is missing, with its "
                    + "config.json; the data must be the same (checked by content).")
    Path resume;

    @Option(names = "--json", description = "Print a JSON summary on standard output instead of the table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    /** The settings of a comparison run, written to config.json. */
    record CompareSettings(String dataset, DatasetOptions datasetOptions, ComparisonConfig comparison, int threads) {
    }

    /** Folder of the finished runs, one JSON file each, inside the run folder. */
    static final String RUNS_DIR = "runs";

    @Override
    public Integer call() throws Exception {
        runtime.apply();
        PrintWriter err = spec.commandLine().getErr();
        CompareSettings settings;
        SequenceDataset dataset;
        Path dir;
        Map<String, RunResult> finished = new java.util.LinkedHashMap<>();
        if (resume != null) {
            if (spec.commandLine().getParseResult().matchedOptions().stream().anyMatch(o -> !RESUME_OPTIONS.contains(o.longestName()))) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--resume continues with the run's own config.json: "
                        + "only --quiet, --json and --threads may be given with it");
            }
            dir = resume.toAbsolutePath().normalize();
            Path config = dir.resolve("config.json");
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("cannot resume " + resume + ": no config.json there (is it a run folder of "
                        + "'rnnlab compare'?)");
            }
            try {
                settings = Json.readFile(config, CompareSettings.class);
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot resume " + resume + ": its config.json is not that of a 'rnnlab compare' run ("
                        + "a train run continues with 'rnnlab train --resume')");
            }
            err.printf("compare: resuming %s: loading dataset %s%n", dir, settings.dataset());
            err.flush();
            dataset = org.rnnlab.datasets.Datasets.open(settings.dataset(), settings.datasetOptions());
            Provenance before = Json.readFile(dir.resolve("provenance.json"), Provenance.class);
            if (!before.datasetChecksum().equals(dataset.provenance().checksum())) {
                throw new IllegalStateException("cannot resume " + resume + ": the data differ from the data it started with "
                        + "(dataset checksum " + dataset.provenance().checksum() + ", expected " + before.datasetChecksum() + ")");
            }
            finished.putAll(readFinished(dir));
            err.printf("compare: %d of %d runs already finished%n", finished.size(), settings.comparison().runs());
        } else {
            picocli.CommandLine cl = spec.commandLine();
            budget.check(cl);
            OptionChecks.range(cl, "--seeds", seeds, 1, 1000);
            OptionChecks.range(cl, "--probe", probe, 0, Integer.MAX_VALUE);
            RunDefaults d = RunDefaults.forDataset(data.name());
            List<Architecture> architectures = OptionChecks.parse(cl, "--cells", cells, Architecture::parseList);
            List<ClipSetting> clipSettings = OptionChecks.parse(cl, "--clip", clips, ClipSetting::parseList);
            ModelSpec base = budget.applyTo(ModelSpec.of(architectures.get(0)), d, UpdaterKind.ADAM)
                    .withImplementation(org.rnnlab.core.Implementation.parse(impl));
            Map<String, String> defaults = DATASET_DEFAULTS.getOrDefault(data.name(), Map.of());
            DatasetOptions options = data.options(defaults);
            RunDirectory.check(out, overwrite, options.inputs());
            err.printf("compare: loading dataset %s%n", data.name());
            err.flush();
            dataset = data.open(defaults);
            TrainingConfig training = budget.fitTo(budget.training(d).withCheckpoints(0, 0), d, dataset, err, "compare");
            long first = firstSeed != null ? firstSeed : d.seed();
            ComparisonConfig config = new ComparisonConfig(architectures, clipSettings, base, training,
                    seeds, first, probe);
            settings = new CompareSettings(data.name(), options, config, runtime.threads());
            dir = RunDirectory.create(out, "compare-" + data.name(), overwrite, options.inputs());
            Provenance provenance = Provenance.capture(commandLine(), dataset.name(), dataset.provenance().checksum(),
                    java.util.stream.LongStream.range(first, first + seeds).boxed().toList());
            Json.writeFile(dir.resolve("config.json"), settings);
            Json.writeFile(dir.resolve("provenance.json"), provenance);
        }
        ComparisonConfig config = settings.comparison();
        err.printf("compare: %d runs (%s x clip %s x %d seeds) on %s: %d train / %d validation / %d test examples -> %s%n",
                config.runs(), config.architectures(), config.clips().stream().map(ClipSetting::id).toList(), config.seeds(), dataset.name(),
                dataset.split(org.rnnlab.datasets.Split.TRAIN).size(), dataset.split(org.rnnlab.datasets.Split.VALIDATION).size(),
                dataset.split(org.rnnlab.datasets.Split.TEST).size(), dir);
        err.flush();
        Provenance provenance = Json.readFile(dir.resolve("provenance.json"), Provenance.class);

        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(60, java.util.concurrent.TimeUnit.SECONDS); // let the finished runs and a partial report be written
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }, "rnnlab-compare-sigint");
        Runtime.getRuntime().addShutdownHook(hook);
        org.rnnlab.evaluation.report.Charts.prepare(); // so a partial report can still be drawn during shutdown (Ctrl-C)
        long t0 = System.nanoTime();
        List<RunResult> kept = new java.util.ArrayList<>(finished.values());
        ComparisonResult result;
        try {
            RunProgress progress = new RunProgress(err, dir, kept);
            result = Comparison.run(config, dataset, new InputGradientProbe(), progress, finished, stop);
        } catch (org.rnnlab.training.TrainingInterruptedException ex) {
            err.printf("rnnlab compare: interrupted; %d of %d runs finished and kept in %s. Continue with: rnnlab compare --resume %s%n",
                    kept.size(), config.runs(), dir.resolve(RUNS_DIR), dir);
            err.flush();
            if (!kept.isEmpty()) {
                try {
                    ComparisonResult partial = Comparison.partial(config, dataset, kept, (System.nanoTime() - t0) / 1e9);
                    ComparisonFiles.write(partial, dir);
                    ComparisonReport.write(partial, provenance, dir);
                    err.printf("rnnlab compare: partial results of the finished runs: %s%n", dir.resolve("index.html"));
                } catch (java.io.IOException | RuntimeException e) {
                    err.printf("rnnlab compare: the partial report could not be written (%s); the finished runs are kept%n",
                            e.getMessage());
                }
                err.flush();
            }
            return TrainCommand.EXIT_INTERRUPTED;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C: the hook is running and has been released
            }
        }
        ComparisonFiles.write(result, dir);
        ComparisonReport.write(result, provenance, dir);

        PrintWriter outWriter = spec.commandLine().getOut();
        if (json) {
            outWriter.println(Json.writeCompact(new Summary(dir.toString(), result.dataset(), result.seconds(), result.aggregates().stream()
                    .map(a -> new SummaryRow(a.configuration(), a.seeds(), a.mean(Metric.ACCURACY), a.metrics().get(Metric.ACCURACY).sd(),
                            a.mean(Metric.MACRO_F1), a.trainSeconds().mean(), a.parameters())).toList())));
        } else {
            outWriter.print(ComparisonFiles.table(result));
            outWriter.printf("%nreport: %s (wall time %s)%n", dir.resolve("index.html"), Progress.duration(result.seconds()));
        }
        outWriter.flush();
        return 0;
    }

    /** Options that may go with --resume. */
    private static final java.util.Set<String> RESUME_OPTIONS = java.util.Set.of("--resume", "--quiet", "--json", "--threads");

    /** The runs kept in {@code dir/runs/}, by {@link Comparison#runKey}. */
    static Map<String, RunResult> readFinished(Path dir) throws java.io.IOException {
        Map<String, RunResult> out = new java.util.LinkedHashMap<>();
        Path runs = dir.resolve(RUNS_DIR);
        if (!Files.isDirectory(runs)) {
            return out;
        }
        try (java.util.stream.Stream<Path> files = Files.list(runs)) {
            for (Path f : files.sorted().toList()) {
                if (!f.getFileName().toString().matches(".*-seed-?\\d+\\.json")) {
                    LOG.warn("{} is not a run file of rnnlab (name <configuration>-seed<N>.json): left alone", f);
                    continue;
                }
                RunResult r;
                try {
                    r = Json.readFile(f, RunResult.class);
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.warn("{} is not a complete run result (cut short when the process was stopped?): that run is trained again", f);
                    Files.delete(f);
                    continue;
                }
                out.put(Comparison.runKey(r.configuration(), r.seed()), r);
            }
        }
        return out;
    }

    /** The file a finished run is kept in. */
    static Path runFile(Path dir, RunResult r) {
        String name = (r.configuration() + "-seed" + r.seed()).replaceAll("[^A-Za-z0-9._=-]+", "_");
        return dir.resolve(RUNS_DIR).resolve(name + ".json");
    }

    private List<String> commandLine() {
        return CommandLines.of(spec);
    }

    /** The JSON summary printed with --json. */
    record Summary(String run, String dataset, double seconds, List<SummaryRow> configurations) {
    }

    /** One configuration in the JSON summary. */
    record SummaryRow(String configuration, int seeds, double accuracyMean, double accuracySd, double macroF1Mean,
                      double trainSecondsMean, long parameters) {
    }

    /** Prints one line per run and a progress bar per epoch. */
    private final class RunProgress implements Comparison.Listener {
        private final PrintWriter err;
        private final Path dir;
        private final List<RunResult> kept;
        private Progress bar;
        private long t0;

        RunProgress(PrintWriter err, Path dir, List<RunResult> kept) {
            this.err = err;
            this.dir = dir;
            this.kept = kept;
        }

        @Override
        public void onRunStart(int index, int total, String configuration, long seed) {
            bar = new Progress(String.format("[%d/%d] %s seed %d", index + 1, total, configuration, seed), quiet);
            t0 = System.nanoTime();
        }

        @Override
        public void onIteration(int epoch, int b, int batchesPerEpoch, double loss) {
            bar.onIteration(epoch, b, batchesPerEpoch, loss);
        }

        @Override
        public void onEpoch(org.rnnlab.training.EpochStats stats) {
            bar.close();
        }

        @Override
        public void onRunEnd(RunResult r) {
            bar.close();
            try {
                Files.createDirectories(dir.resolve(RUNS_DIR));
                Json.writeFile(runFile(dir, r), r);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot keep the finished run in " + dir.resolve(RUNS_DIR), e);
            }
            kept.add(r);
            err.printf(java.util.Locale.ROOT, "  %-22s seed %d: test accuracy %.4f, macro-F1 %.4f, best epoch %d, train %s (%s total)%n",
                    r.configuration(), r.seed(), r.test().accuracy(), r.test().macroF1(), r.bestEpoch(),
                    Progress.duration(r.trainSeconds()), Progress.duration((System.nanoTime() - t0) / 1e9));
            err.flush();
        }
    }
}
