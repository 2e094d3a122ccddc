package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
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

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "IMPL", defaultValue = "rnnlab",
            description = RuntimeOptions.IMPL_HELP)
    String impl;

    @Option(names = "--cells", defaultValue = "rnn,lstm,gru,bilstm",
            description = "Architectures, comma-separated: rnn, lstm, gru, birnn, bilstm, bigru (default: ${DEFAULT-VALUE}).")
    String cells;

    @Option(names = "--layers", defaultValue = "1", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--hidden", defaultValue = "24", description = "Units per recurrent layer (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--clip", defaultValue = "none",
            description = "Gradient normalization settings to compare, comma-separated: none, l2:T, l2param:T, value:T, renorm, "
                    + "renormparam (default: ${DEFAULT-VALUE}).")
    String clips;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per configuration (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seed", defaultValue = "1", description = "First model seed; seed i is this + i (default: ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(names = "--epochs", defaultValue = "6", description = "Epochs per run (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.02", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout between layers (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--time-budget", paramLabel = "DURATION", defaultValue = "0",
            description = "Training time per run, e.g. 30s or 2m; the run stops after the epoch that reaches it; 0 = epochs only "
                    + "(default: ${DEFAULT-VALUE}).")
    String timeBudget;

    @Option(names = "--probe", paramLabel = "N", defaultValue = "128",
            description = "Test examples for the gradient-flow probe, 0 for none (default: ${DEFAULT-VALUE}).")
    int probe;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<timestamp>-compare-<dataset>).")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary on standard output instead of the table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    /** The settings of a comparison run, written to config.json. */
    record CompareSettings(String dataset, DatasetOptions datasetOptions, ComparisonConfig comparison, int threads) {
    }

    @Override
    public Integer call() throws Exception {
        runtime.apply();
        ModelSpec base = ModelSpec.of(Architecture.parseList(cells).get(0))
                .withHiddenSizes(Collections.nCopies(layers, hidden))
                .withUpdater(UpdaterKind.ADAM, lr)
                .withDropout(dropout)
                .withImplementation(org.rnnlab.core.Implementation.parse(impl));
        TrainingConfig training = TrainingConfig.defaults().withEpochs(epochs).withBatchSize(batch)
                .withTimeBudgetSeconds(Durations.seconds(timeBudget)).withCheckpoints(0, 0);
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList(cells), ClipSetting.parseList(clips), base, training,
                seeds, firstSeed, probe);
        Map<String, String> defaults = DATASET_DEFAULTS.getOrDefault(data.name(), Map.of());
        DatasetOptions options = data.options(defaults);
        PrintWriter err = spec.commandLine().getErr();
        err.printf("compare: loading dataset %s%n", data.name());
        err.flush();
        SequenceDataset dataset = data.open(defaults);
        Path dir = RunDirectory.create(out, "compare-" + data.name());
        List<String> command = commandLine();
        Provenance provenance = Provenance.capture(command, dataset.name(), dataset.provenance().checksum(),
                java.util.stream.LongStream.range(firstSeed, firstSeed + seeds).boxed().toList());
        Json.writeFile(dir.resolve("config.json"), new CompareSettings(data.name(), options, config, runtime.threads()));
        Json.writeFile(dir.resolve("provenance.json"), provenance);
        err.printf("compare: %d runs (%s x clip %s x %d seeds) on %s: %d train / %d validation / %d test examples -> %s%n",
                config.runs(), cells, clips, seeds, dataset.name(), dataset.split(org.rnnlab.datasets.Split.TRAIN).size(),
                dataset.split(org.rnnlab.datasets.Split.VALIDATION).size(), dataset.split(org.rnnlab.datasets.Split.TEST).size(), dir);
        err.flush();

        ComparisonResult result = Comparison.run(config, dataset, new InputGradientProbe(), new RunProgress(err));
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

    private List<String> commandLine() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        List<String> all = new java.util.ArrayList<>(List.of("rnnlab", "compare"));
        all.addAll(args);
        return all;
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
        private Progress bar;
        private long t0;

        RunProgress(PrintWriter err) {
            this.err = err;
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
            err.printf(java.util.Locale.ROOT, "  %-22s seed %d: test accuracy %.4f, macro-F1 %.4f, best epoch %d, train %s (%s total)%n",
                    r.configuration(), r.seed(), r.test().accuracy(), r.test().macroF1(), r.bestEpoch(),
                    Progress.duration(r.trainSeconds()), Progress.duration((System.nanoTime() - t0) / 1e9));
            err.flush();
        }
    }
}
