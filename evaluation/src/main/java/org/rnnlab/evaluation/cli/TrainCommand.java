package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.evaluation.compare.ClipSetting;
import org.rnnlab.evaluation.train.TrainOutcome;
import org.rnnlab.evaluation.train.TrainRequest;
import org.rnnlab.evaluation.train.TrainRun;
import org.rnnlab.training.RunDirectory;
import org.rnnlab.training.TrainingConfig;
import org.rnnlab.training.TrainingDivergedException;
import org.rnnlab.training.TrainingInterruptedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab train}: one model, with checkpoints, evaluation and a reusable bundle. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains one model and writes runs/<timestamp>-train-<dataset>/ (or --out): config.json, provenance.json, "
                + "checkpoints/, model.rnnlab and results.json. Ctrl-C writes a checkpoint first; --resume DIR continues.",
                "Exit codes: 0 done, 1 error, 2 usage, 3 training diverged (NaN/Inf), 130 interrupted."})
public final class TrainCommand implements Callable<Integer> {
    static final int EXIT_DIVERGED = 3;
    static final int EXIT_INTERRUPTED = 130;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    DatasetOptionsMixin data;

    @Spec
    CommandSpec spec;

    @Option(names = "--cell", defaultValue = "lstm", description = "Cell: rnn, lstm or gru (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--impl", paramLabel = "IMPL", defaultValue = "rnnlab",
            description = RuntimeOptions.IMPL_HELP)
    String impl;

    @Option(names = "--bidirectional", description = "Read sequences in both directions (default: off).")
    boolean bidirectional;

    @Option(names = "--layers", defaultValue = "1", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--hidden", defaultValue = "64", description = "Units per recurrent layer (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--clip", paramLabel = "MODE[:THRESHOLD]", defaultValue = "none",
            description = "Gradient normalization: none, l2:T, l2param:T, value:T, renorm, renormparam (default: ${DEFAULT-VALUE}).")
    String clip;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout between layers (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.005", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--updater", defaultValue = "ADAM", description = "Updater: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    UpdaterKind updater;

    @Option(names = "--lr-schedule", paramLabel = "SCHEDULE", defaultValue = "constant",
            description = "Learning-rate schedule: constant, cosine (to 0 at the last epoch) or step:EVERY:FACTOR, e.g. step:10:0.5 "
                    + "(default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights and data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--patience", defaultValue = "0",
            description = "Stop after this many epochs without validation gain, 0 = never (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--time-budget", paramLabel = "DURATION", defaultValue = "0",
            description = "Stop after the epoch that reaches this training time, e.g. 5m; 0 = none (default: ${DEFAULT-VALUE}).")
    String timeBudget;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
            description = "Checkpoint every N minibatches, besides each epoch end; 0 = epoch ends only (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--checkpoint-minutes", paramLabel = "M", defaultValue = "10",
            description = "Also checkpoint when M minutes passed since the last one; 0 = off (default: ${DEFAULT-VALUE}).")
    double checkpointMinutes;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<timestamp>-train-<dataset>).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its last checkpoint, with its config.json (other options are ignored).")
    Path resume;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Option(names = "--ui", description = "Show DL4J's training UI in a browser on localhost while training (default: off).")
    boolean ui;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "9000",
            description = "Port of the training UI (default: ${DEFAULT-VALUE}).")
    int uiPort;

    @Override
    public Integer call() throws Exception {
        runtime.apply();
        PrintWriter err = spec.commandLine().getErr();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(120, TimeUnit.SECONDS); // let the training loop write its checkpoint
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rnnlab-sigint");
        Runtime.getRuntime().addShutdownHook(hook);
        List<String> command = new ArrayList<>(List.of("rnnlab", "train"));
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        try (Progress progress = new Progress("train", quiet); TrainingUi trainingUi = ui ? new TrainingUi(uiPort) : null) {
            if (trainingUi != null) {
                err.printf("train: training UI at %s (stops with the run)%n", trainingUi.url());
            }
            java.util.function.Consumer<org.deeplearning4j.nn.multilayer.MultiLayerNetwork> attach =
                    trainingUi == null ? null : trainingUi::attach;
            TrainOutcome outcome;
            if (resume != null) {
                Path dir = resume.toAbsolutePath();
                err.printf("train: resuming %s%n", dir);
                err.flush();
                outcome = TrainRun.resume(dir, command, new org.rnnlab.training.Trainer.Options(progress, dir.resolve("checkpoints"),
                        stop, attach));
            } else {
                TrainRequest request = request();
                Path dir = RunDirectory.create(out, "train-" + data.name());
                err.printf("train: %s on %s -> %s%n", request.spec().label(), data.name(), dir);
                err.flush();
                outcome = TrainRun.run(request, dir, command, new org.rnnlab.training.Trainer.Options(progress, dir.resolve("checkpoints"),
                        stop, attach));
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf(java.util.Locale.ROOT, "%s: best epoch %d of %d, validation accuracy %.4f, test accuracy %.4f, macro-F1 %.4f, "
                            + "train %s%nmodel: %s%n", outcome.modelLabel(), outcome.bestEpoch(), outcome.history().size(),
                    outcome.validation().accuracy(), outcome.test().accuracy(), outcome.test().macroF1(),
                    Progress.duration(outcome.trainSeconds()), outcome.model());
            o.flush();
            return 0;
        } catch (TrainingDivergedException e) {
            err.println("rnnlab train: " + e.getMessage() + ". The last good checkpoint is kept; no model was written.");
            return EXIT_DIVERGED;
        } catch (TrainingInterruptedException e) {
            err.println("rnnlab train: " + e.getMessage() + ". Continue with: rnnlab train --resume <run folder>");
            return EXIT_INTERRUPTED;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C: the hook is running and has been released
            }
        }
    }

    TrainRequest request() {
        ModelSpec model = ClipSetting.parse(clip).applyTo(ModelSpec.of(CellType.parse(cell))
                .withBidirectional(bidirectional)
                .withHiddenSizes(Collections.nCopies(layers, hidden))
                .withDropout(dropout)
                .withUpdater(updater, lr)
                .withSeed(seed)
                .withImplementation(org.rnnlab.core.Implementation.parse(impl)));
        TrainingConfig training = TrainingConfig.defaults().withEpochs(epochs).withBatchSize(batch).withSeed(seed)
                .withEarlyStopping(patience, 0.0).withTimeBudgetSeconds(Durations.seconds(timeBudget))
                .withCheckpoints(checkpointEvery, checkpointMinutes)
                .withSchedule(org.rnnlab.training.LearningRateSchedule.parse(lrSchedule));
        return new TrainRequest(data.name(), data.options(java.util.Map.of()), model, training, runtime.threads());
    }
}
