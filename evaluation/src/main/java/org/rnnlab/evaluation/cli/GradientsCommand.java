package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.rnnlab.core.bptt.ClippingExperiment;
import org.rnnlab.core.bptt.RnnActivation;
import org.rnnlab.core.bptt.SpectralSweep;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.evaluation.gradients.GradientDataSource;
import org.rnnlab.evaluation.gradients.GradientReport;
import org.rnnlab.evaluation.gradients.GradientStudy;
import org.rnnlab.evaluation.gradients.RandomFirstStepsData;
import org.rnnlab.evaluation.gradients.SequenceDatasetSource;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.RunDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code rnnlab gradients}: how much gradient reaches each input step, per architecture, plus the
 * spectral-radius sweep and the clipping experiment of the hand-written RNN; writes CSVs, PNG charts and
 * an index.html. Parses arguments, calls {@link GradientStudy#run}, prints a short table.
 */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.ERROR, ExitCodes.USAGE, "129, 130, 143:stopped by SIGHUP, Ctrl-C (SIGINT) or SIGTERM: the folder holds part of the study; run it again", ExitCodes.PIPE},
        description = "Measure gradient flow through time: per-step input-gradient norms of each model (loss at the "
                + "last step), a spectral-radius sweep and a gradient-clipping experiment on a hand-written vanilla RNN. "
                + "Writes gradient-flow.csv (per step the geometric mean over the batch, which the chart and table show, the "
                + "arithmetic mean, the lowest and the highest), spectral-sweep.csv, clipping.csv, a PNG per CSV and index.html, and "
                + "the hand-written RNN's weights (vanilla-bptt-weights.csv: W_x, W_h, b, W_y, b_y, one value a line; shapes in "
                + "vanilla-bptt.json), its first probe sequence (vanilla-bptt-probe.csv) and that sequence's per-step analysis "
                + "(vanilla-bptt-analysis.csv: ||dL/dh_t||, ||J||, ||W_h^d||, the bound), to recompute by hand.")
public final class GradientsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cells", defaultValue = "rnn,lstm,gru,bilstm",
            description = "Architectures, comma-separated: rnn, lstm, gru, with a bi prefix for bidirectional (default: ${DEFAULT-VALUE}).")
    String cells;

    @Option(names = "--steps", defaultValue = "64", description = "Sequence length T (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--hidden", defaultValue = "32", description = "Hidden units per recurrent layer, 1-" + SpectralSweep.Config.MAX_HIDDEN
            + " (the spectral sweep's eigenvalues bound it; default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--features", defaultValue = "8", description = "Input features per step (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--batch", defaultValue = "32", description = "Sequences the gradient norms are averaged over (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--spectral-radius", defaultValue = "0.5,0.9,1.0,1.1,1.5", split = ",",
            description = "Spectral radii of the recurrent-matrix sweep (default: ${DEFAULT-VALUE}).")
    List<Double> radii;

    @Option(names = "--sweep-activation", defaultValue = "LINEAR",
            description = "Activation of the sweep's network, one of ${COMPLETION-CANDIDATES}: LINEAR shows the pure radius^d law, TANH its saturation (default: ${DEFAULT-VALUE}).")
    RnnActivation sweepActivation;

    @Option(names = "--trained", defaultValue = "false", description = "Train each model on the data before probing, --train-steps minibatches; a model whose training loss "
            + "does not end clearly below the loss of guessing is warned of, as its probe is of a model that has not learned (on "
            + "the random data at --steps 64 none learned within 10000 minibatches; at --steps 32, 1000 taught the LSTM only; at "
            + "--steps 16, rnn, lstm and gru) "
            + "(default: ${DEFAULT-VALUE}).")
    boolean trained;

    @Option(names = "--train-steps", defaultValue = "50", description = "Minibatches of that brief training (default: ${DEFAULT-VALUE}).")
    int trainSteps;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights and data, and of the clipping experiment's network "
            + "and task (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dataset", defaultValue = "random",
            description = "Data: random (Gaussian inputs, label decided by the first steps), or a dataset (agreement, "
                    + "temporal-order, har, sentiment, ...) whose training sequences of exactly --steps steps are used; token "
                    + "datasets are one-hot encoded (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder of the dataset (e.g. a UCI HAR folder for har).")
    Path data;

    @Option(names = "--train", paramLabel = "FILE",
            description = "Training data file of a dataset read from one (csv: the long layout, one row per time step; text: "
                    + "label<TAB>text lines), as compare and train take it.")
    Path train;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Dataset setting, repeatable (see rnnlab compare --help).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<timestamp>-gradients).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the earlier run in a non-empty --out folder (default: refuse).")
    boolean overwrite;

    @Option(names = "--config", paramLabel = "CONFIG_JSON",
            description = "Run the study of an earlier gradients run again, with the settings of its config.json (cells, steps, "
                    + "hidden, batch, radii, activation, training, seed, dataset with its --data/--train/--set, and --threads), into a "
                    + "new folder; only --out, --overwrite and --threads may be given with it (default: none).")
    Path config;

    @picocli.CommandLine.Mixin
    RuntimeOptions runtime;

    /** Options that may go with --config. */
    private static final java.util.Set<String> CONFIG_OPTIONS = java.util.Set.of("--config", "--out", "--overwrite", "--threads");

    @Override
    public Integer call() throws Exception {
        if (config != null) {
            fromConfig();
        }
        runtime.apply();
        DatasetOptionsMixin.refuseRepeatedKeys(spec);
        refuseInapplicable();
        CommandLine cl = spec.commandLine();
        OptionRanges.STEPS.check(cl, steps);
        OptionRanges.GRADIENTS_HIDDEN.check(cl, hidden);
        OptionRanges.FEATURES.check(cl, features);
        OptionRanges.GRADIENTS_BATCH.check(cl, batch);
        OptionRanges.TRAIN_STEPS.check(cl, trainSteps);
        for (double r : radii) {
            OptionRanges.SPECTRAL_RADIUS.check(cl, r);
        }
        List<Path> inputs = java.util.stream.Stream.of(data, train, config).filter(java.util.Objects::nonNull).toList();
        RunDirectory.check(out, overwrite, inputs); // before the data are read: a refused --out leaves nothing behind
        OptionChecks.noEmptyEntries(cl, "--cells", cells);
        List<Architecture> archs = Architecture.parseList(cells);
        // a repeat would compute the same rows twice (gradient-flow.csv, spectral-sweep.csv), as compare refuses it
        if (archs.stream().distinct().count() < archs.size()) {
            throw new CommandLine.ParameterException(cl, "--cells " + cells + " names an architecture twice");
        }
        if (radii.stream().distinct().count() < radii.size()) {
            throw new CommandLine.ParameterException(cl, "--spectral-radius " + String.join(",", radii.stream()
                    .map(r -> BigDecimal.valueOf(r).stripTrailingZeros().toPlainString()).toList()) + " names a radius twice");
        }
        GradientDataSource source;
        String checksum = "";
        if (dataset.equals(RandomFirstStepsData.NAME)) {
            source = GradientDataSource.byName(dataset, steps, features, seed);
        } else {
            var opened = Datasets.open(dataset, new DatasetOptions(data, train, null, seed, 0, null, settings, null));
            checksum = opened.provenance().checksum();
            source = new SequenceDatasetSource(opened, steps);
            // config.json records the features the dataset gave (e.g. agreement's 417), not an option: a replay checks them
            if (config != null && source.features() != features) {
                throw new CommandLine.ParameterException(cl, "--config " + config + ": its study read " + features + " features per step "
                        + "from " + dataset + ", the data read now have " + source.features() + " (the data or their settings changed)");
            }
        }
        Path dir = RunDirectory.create(out, "gradients", overwrite, inputs);
        GradientStudy.Config config = new GradientStudy.Config(archs, steps, hidden, source.features(), batch, radii, sweepActivation,
                trained, trainSteps, seed, dataset, inputs.isEmpty() ? null : String.join(", ", inputs.stream().map(p -> p.toAbsolutePath().toString()).toList()), settings);
        GradientStudy.Options given = new GradientStudy.Options(data == null ? null : data.toAbsolutePath().toString(),
                train == null ? null : train.toAbsolutePath().toString());
        GradientStudy.Result r;
        // Ctrl-C or SIGTERM while the study runs: the folder holds part of it (CSVs without config.json or index.html), which
        // was left without a word; say so and how to run it again. (Not removed here: the study goes on writing while
        // shutdown hooks run, and a folder removed under it could come back half-written.)
        PrintWriter stopErr = spec.commandLine().getErr();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Thread onStop = new Thread(() -> {
            if (!finished.get()) {
                stopErr.printf("rnnlab gradients: stopped before the study finished: %s holds only part of it (no index.html); a "
                        + "study has nothing to resume: run it again with --out %s --overwrite%n", dir.toAbsolutePath(),
                        CommandLines.quote(dir.toString()));
                stopErr.flush();
            }
        }, "rnnlab-gradients-stop");
        Runtime.getRuntime().addShutdownHook(onStop);
        try {
            r = GradientStudy.run(config, source, dir, given);
            finished.set(true);
        } catch (RuntimeException | OutOfMemoryError e) {
            RunDirectory.removeIfUnfinished(dir); // nothing to continue from: a re-run with the same --out is not refused
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OutOfMemoryError) {
                    throw new IllegalStateException("out of memory for the gradient study of " + steps + " steps x " + batch
                            + " sequences x " + hidden + " hidden units (it keeps every step's activations of the batch): lower "
                            + "--steps, --batch or --hidden, or give the JVM more heap (RNNLAB_JAVA_OPTS=-Xmx8g)", t);
                }
            }
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onStop);
            } catch (IllegalStateException shuttingDown) {
                // stopped: the hook is running
            }
        }
        List<String> command = CommandLines.of(spec);
        Json.writeFile(dir.resolve("provenance.json"),
                Provenance.capture(command, dataset, checksum, List.of(seed)));
        var outStream = spec.commandLine().getOut();
        outStream.print(GradientReport.terminalTable(r.flow()));
        outStream.print(GradientReport.sweepOverflowLines(r.sweep()));
        outStream.print(clippingTable(r.clipping()));
        outStream.println("report: " + dir.resolve(GradientReport.INDEX_HTML).toAbsolutePath());
        outStream.flush();
        return 0;
    }

    /**
     * Sets every study option from the {@code --config} file (a gradients run's config.json), refusing other options given
     * with it; the rest of {@link #call} then runs the study as the options would.
     */
    private void fromConfig() {
        CommandLine cl = spec.commandLine();
        List<String> besides = OptionChecks.givenBesides(cl, CONFIG_OPTIONS);
        if (!besides.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--config runs the study of the file's own settings again: only --out, "
                    + "--overwrite and --threads may be given with it, not " + String.join(", ", besides));
        }
        if (!java.nio.file.Files.isRegularFile(config)) {
            throw new CommandLine.ParameterException(cl, "--config " + config + ": no such file (expected the config.json of a "
                    + "gradients run's folder)");
        }
        GradientStudy.Settings recorded;
        try {
            recorded = Json.readFile(config, GradientStudy.Settings.class);
        } catch (java.io.IOException | RuntimeException e) {
            ConfigPaths.refuseWindowsPath(cl, config);
            throw new CommandLine.ParameterException(cl, "--config " + config + ": not the config.json of a 'rnnlab gradients' run "
                    + "(a training run's is given to 'rnnlab train --config', a comparison's to 'rnnlab compare --config'): " + e.getMessage());
        }
        GradientStudy.Config c = recorded.config();
        if (c == null) {
            throw new CommandLine.ParameterException(cl, "--config " + config + ": not the config.json of a 'rnnlab gradients' run "
                    + "(it has no \"config\" with the study's settings)");
        }
        if (c.data() != null && recorded.dataOption() == null && recorded.trainOption() == null) {
            // written before --data and --train were recorded apart: "data" joins them, and which was which is not known
            throw new CommandLine.ParameterException(cl, "--config " + config + ": it records its data as '" + c.data() + "' without "
                    + "saying which was --data and which --train (a config.json of an older rnnlab): give the options again instead");
        }
        cells = String.join(",", c.cells().stream().map(Architecture::id).toList());
        steps = c.steps();
        hidden = c.hidden();
        features = c.features(); // of the random data an option; of a dataset what it gave, checked against the data read now
        batch = c.batch();
        radii = c.radii();
        sweepActivation = c.sweepActivation();
        trained = c.trained();
        trainSteps = c.trainSteps();
        seed = c.seed();
        dataset = c.dataset();
        data = recorded.dataOption() == null ? null : Path.of(recorded.dataOption());
        train = recorded.trainOption() == null ? null : Path.of(recorded.trainOption());
        settings = new LinkedHashMap<>(c.datasetSettings());
        if (!cl.getParseResult().hasMatchedOption("--threads")) {
            runtime.threads = recorded.threads(); // the kernels' split changes results in their last bits: the study's own count
        } else if (runtime.threads != recorded.threads()) {
            cl.getErr().printf("gradients: note: --threads %d, the study of %s ran on %d (results may differ in their last bits)%n",
                    runtime.threads, config, recorded.threads());
            cl.getErr().flush();
        }
    }

    /** Refuses options that mean nothing with the others given (they were silently ignored). */
    private void refuseInapplicable() {
        CommandLine cl = spec.commandLine();
        ParseResult given = cl.getParseResult();
        boolean random = dataset.equals(RandomFirstStepsData.NAME);
        if (random && given.hasMatchedOption("--set")) {
            throw new CommandLine.ParameterException(cl, "--set applies to a dataset (--dataset NAME): the random data take no "
                    + "settings (--steps and --features shape them)");
        }
        if (random && given.hasMatchedOption("--train")) {
            throw new CommandLine.ParameterException(cl, "--train applies to a dataset read from files (--dataset csv or text), "
                    + "not to the random data");
        }
        if (random && given.hasMatchedOption("--data")) {
            throw new CommandLine.ParameterException(cl, "--data applies to a dataset read from files (--dataset csv, har, ...), "
                    + "not to the random data");
        }
        if (!random && given.hasMatchedOption("--features")) {
            throw new CommandLine.ParameterException(cl, "--features applies to --dataset random only: the sequences of " + dataset
                    + " have their own features");
        }
        if (!trained && given.hasMatchedOption("--train-steps")) {
            throw new CommandLine.ParameterException(cl, "--train-steps is the length of --trained's brief training: give --trained too");
        }
    }

    /** The clipping experiment's outcome per threshold, one line each. */
    static String clippingTable(ClippingExperiment.Result result) {
        List<ClippingExperiment.Summary> summaries = result.summaries();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nclipping experiment (hand-written RNN, clipping.csv; its own "
                + "network and task, seeded by --seed, not --hidden/--steps/--batch: %s):%n%-8s %10s %12s %12s %14s  %s%n", result.config().describe(), "clip", "steps run", "first loss", "final loss", "max loss jump", "outcome"));
        boolean stopped = false;
        for (ClippingExperiment.Summary s : summaries) {
            String stop = result.stopped(s.clip());
            stopped |= !stop.isEmpty();
            sb.append(String.format(Locale.ROOT, "%-8s %10d %12.4g %12.4g %14.4g  %s%n",
                    Double.isInfinite(s.clip()) ? "none" : Double.toString(s.clip()), s.stepsRun(), s.firstLoss(),
                    result.shownFinalLoss(s.clip()), s.maxLossJump(), s.outcome() + (stop.isEmpty() ? "" : ", " + stop)));
        }
        // what "final loss" is of a run that stopped (it read NaN beside a finite last loss in clipping.csv)
        sb.append(stopped ? "(final loss: the mean of the last 10 steps; of a run that stopped, its last finite loss; steps "
                + "count from 0 as in clipping.csv)\n" : "");
        return sb.toString();
    }
}
