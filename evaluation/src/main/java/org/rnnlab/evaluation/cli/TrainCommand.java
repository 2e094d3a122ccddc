package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.train.RunDefaults;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.evaluation.compare.ClipSetting;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.RunTask;
import org.rnnlab.evaluation.run.CompareRequest;
import org.rnnlab.evaluation.train.TrainOutcome;
import org.rnnlab.evaluation.train.TrainRequest;
import org.rnnlab.evaluation.train.TrainRun;
import org.rnnlab.evaluation.train.LrFindRun;
import org.rnnlab.evaluation.run.RunFiles;
import org.rnnlab.training.LearningRateFinder;
import org.rnnlab.training.LearningRateSweep;
import org.rnnlab.training.RunDirectory;
import org.rnnlab.training.RunLock;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;
import org.rnnlab.training.TrainingDivergedException;
import org.rnnlab.training.TrainingInterruptedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab train}: one model, with checkpoints, evaluation and a reusable bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.ERROR, ExitCodes.USAGE, ExitCodes.DIVERGED, ExitCodes.NOT_A_REPEAT, ExitCodes.TRAIN_SIGNALS, ExitCodes.PIPE}, sortOptions = false,
        description = {"Trains one model and writes runs/<timestamp>-train-<dataset>/ (or --out): config.json, provenance.json, "
                + "checkpoints/, model.rnnlab, results.json, test-predictions.csv and validation-predictions.csv (the validation split's, the one a cut-off is chosen on). Ctrl-C writes a checkpoint first; --resume DIR continues. "
                + "--set testFraction=0 fits a final model without a test split or test scores (with --set "
                + "validationFraction=0 too, on every labelled sequence), also with --config of a run or comparison."})
public final class TrainCommand implements Callable<Integer> {
    static final int EXIT_DIVERGED = 3;
    /** A {@code --config} replay with {@code --require-repeat} that would not repeat its run ({@link #notRepeated}). */
    static final int EXIT_NOT_A_REPEAT = 5;
    static final int EXIT_INTERRUPTED = 130;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    DatasetOptionsMixin data;

    @Mixin
    BudgetOptions budget;

    @Spec
    CommandSpec spec;

    @Option(names = "--cell", defaultValue = "lstm",
            description = "Architecture, as in compare: rnn, lstm, gru, or bidirectional birnn, bilstm, bigru (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--impl", paramLabel = "IMPL", defaultValue = "rnnlab",
            description = RuntimeOptions.IMPL_HELP)
    String impl;

    @Option(names = "--bidirectional", description = "Read sequences in both directions, like --cell bi... (default: off).")
    boolean bidirectional;

    @Option(names = "--clip", paramLabel = "MODE[:THRESHOLD]", defaultValue = "none",
            description = "Gradient normalization: " + ClipSetting.MODES + " (default: ${DEFAULT-VALUE}).")
    String clip;

    @Option(names = "--updater", defaultValue = "ADAM", description = "Updater: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    UpdaterKind updater;

    @Option(names = "--seed", description = "Seed of weights and data order (default: 1).")
    Long seed;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
            description = "Checkpoint every N minibatches, besides each epoch end; 0 = epoch ends only (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--checkpoint-minutes", paramLabel = "M", defaultValue = "10",
            description = "Also checkpoint when M minutes passed since the last one; 0 = off (default: ${DEFAULT-VALUE}).")
    double checkpointMinutes;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<timestamp>-train-<dataset>).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the earlier run in a non-empty --out folder (default: refuse). Its files "
            + "are removed when the new run starts: its model is gone while the new one trains, and for good if that fails; to "
            + "keep a model in place while retraining, train into a folder of its own and then switch a link to it (docs/guide/your-data.md, Run folders).")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its last checkpoint, with its config.json (refused if it was edited "
                    + "since: the checkpoint trains what the run started with); only --quiet, --ui and --ui-port may be given with "
                    + "it, and --threads if it is the run's own thread count.")
    Path resume;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Train again what a run's config.json describes (its data, model, training and seed) into a new run "
                    + "folder: the same numbers, as each run records every setting there (its --threads too, unless --threads "
                    + "is given); only --out, --overwrite, --quiet, --threads, --ui, --ui-port, --calibrate (recalibrates the "
                    + "probabilities after training: no other training) and, for a csv or text run read from files, --train, "
                    + "--validation and --test may be given with it: each replaces the data file config.json records for that "
                    + "role (said; the new run's config.json records the file given; a validation or test file where the run "
                    + "carved that split is refused). Data that "
                    + "changed since (checksum of dataset-provenance.json beside it) are warned of and the run is no repeat: it exits "
                    + "0 all the same, and its repeat-of.json says \"sameData\": false (true for a repeat) and which file changed. "
                    + "The epoch kept among tied validation scores is chosen by the rule config.json records (selectionTies); "
                    + "of a config.json written before it was recorded, by the rule its results.json shows the run was made by "
                    + "or by its provenance.json's commit (the first tied epoch, before 2026-12-06; the lower log-loss without a "
                    + "gain for --patience, from 62dd0b01 to 35658db4: said). "
                    + "Balanced class weights (config.json's classWeightPolicy) are always computed again from the training split "
                    + "in hand: the recorded numbers when equal, else the new ones, said. "
                    + "A comparison's config.json with --cell, --clip and --seed (each needed when the comparison has several) trains "
                    + "that run of the comparison again, with its scores (unless a --time-budget may stop it at another epoch: "
                    + "warned of), and saves its model: the command compare's best line "
                    + "prints (not for comparisons with bands). Of a tuned comparison it also takes the tuned settings (--lr, --hidden, "
                    + "--layers, --dropout, --clip, --head, --residual: the best line prints them exactly); each left out is the "
                    + "value tuning.json beside the config.json records for the cell, and one given that differs from it (--lr by "
                    + "more than a relative 1e-9) trains another configuration: warned of, naming each, and no repeat "
                    + "(repeat-of.json: \"repeat\": false, \"trainingChange\"); of a --cv comparison "
                    + "it trains the configuration on the dataset's own split, not a fold. With --set testFraction=0 it fits a "
                    + "final model without a test split or test scores: validation is carved anew by the data seed (with equal "
                    + "fractions, the run's test sequences) and all others train; --set validationFraction=0 as well trains on "
                    + "every labelled sequence for all the configuration's epochs.")
    Path config;

    @Option(names = "--require-repeat",
            description = "With --config: refuse to train, exit 5 and write no run folder, when this run would not repeat the run "
                    + "of the config.json (repeat-of.json's \"repeat\" not true: the data differ, cannot be checked, or this "
                    + "version trains them otherwise), for a script that checks a replay; said why. The code (sameCode: rnnlab's "
                    + "commit and version, DL4J's version) is warned of, not refused, and so is a --time-budget (the epoch it stops "
                    + "after depends on the machine's speed and load: such a replay may not repeat, and exits 0).")
    boolean requireRepeat;

    @Option(names = "--calibrate", paramLabel = "METHOD",
            description = "After training, recalibrate the probabilities: temperature (temperature scaling, Guo et al. 2017: one "
                    + "T > 0 dividing the logits, fitted on the validation split by its log-loss; no predicted class changes), prior "
                    + "(for a model trained with --class-weights: each class's probability divided by its weight, the logits less "
                    + "log w, which undoes the shift of the classes' shares the weights put in; Elkan 2001, Saerens et al. 2002; "
                    + "predicted classes move toward the classes weighted down), or prior,temperature (also prior+temperature: the "
                    + "correction, then T fitted on the corrected probabilities). Stored in the model card and applied by predict, "
                    + "evaluate, serve, the Java API and the ONNX export; reported with the validation log-loss before and after. "
                    + "temperature needs validation data, prior needs class weights (default: none).")
    String calibrate;

    @Option(names = "--quiet", description = "No progress bars, epoch lines nor time-left estimates; warnings and results are printed as without it.")
    boolean quiet;

    @Option(names = "--ui", description = "Show DL4J's training UI in a browser on localhost while training (default: off).")
    boolean ui;

    @Option(names = "--ui-port", paramLabel = "PORT",
            description = "Port of the training UI, with --ui (default: 9000).")
    Integer uiPort;

    @Option(names = "--find-lr",
            description = "Instead of training, run a learning-rate range test (Smith 2017) on the same model and data: write "
                    + "lr-find.csv, lr-find.json and lr-find.png into the run folder and suggest a --lr (default: off).")
    boolean findLr;

    @Option(names = "--find-lr-steps", paramLabel = "N",
            description = "Minibatches of the --find-lr sweep, cycling the training data if needed (default: 100).")
    Integer findLrSteps;

    @Option(names = "--find-lr-range", paramLabel = "MIN:MAX",
            description = "Learning rates the --find-lr sweep grows through exponentially (default: 1e-5:1).")
    String findLrRange;

    /** Options of training that mean nothing to a --find-lr sweep. */
    static final Set<String> TRAINING_ONLY = Set.of("--resume", "--checkpoint-every", "--checkpoint-minutes", "--ui", "--ui-port",
            "--epochs", "--patience", "--time-budget", "--lr", "--lr-schedule");

    /** Options that may go with --resume. */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--quiet", "--threads", "--ui", "--ui-port");
    /** Options that may go with --config. */
    private static final Set<String> CONFIG_OPTIONS = Set.of("--config", "--out", "--overwrite", "--quiet", "--threads", "--ui",
            "--ui-port", "--calibrate", "--train", "--validation", "--test", "--require-repeat");

    /**
     * The options train takes with a comparison's config.json: those of {@link #CONFIG_OPTIONS} and the run to train; with the
     * data files in place of those the comparison read (trial 75a F5: after a comparison on one file and its units fixed as
     * the warning said, the winner's model on the fixed file took the whole command line typed again).
     */
    private static final Set<String> COMPARISON_CONFIG_OPTIONS = Set.of("--config", "--out", "--overwrite", "--quiet", "--threads",
            "--ui", "--ui-port", "--cell", "--clip", "--seed", "--calibrate", "--train", "--validation", "--test", "--require-repeat");

    /** The settings a tuning chooses, which {@code --config} of a tuned comparison takes too (its best line prints them). */
    private static final Set<String> TUNED_OPTIONS = Set.of("--lr", "--hidden", "--layers", "--dropout", "--head", "--residual");

    /**
     * Continues a run with the {@code --threads} its config.json records, as {@code compare --resume} does: the split of a
     * minibatch over threads changes results in their last bits, and the run's records name one thread count. A
     * different {@code --threads} is refused (before, it was used unsaid while the records kept the first one).
     */
    private void resumeThreads(Path dir, PrintWriter err) {
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            return; // resume says what is missing
        }
        int recorded;
        try {
            recorded = Json.readFile(configFile, TrainRequest.class).threads();
        } catch (IOException | RuntimeException e) {
            return; // resume says what is wrong with it
        }
        if (recorded < 1) {
            return; // not a thread count (a hand-edited file): the session's own --threads applies
        }
        runtime.resumeWith(recorded, spec, err, "train", "this run was", "or train a new run (--config "
                + CommandLines.quote(configFile.toString()) + " --threads " + runtime.threads() + ")");
    }

    @Override
    @SuppressWarnings("try") // the run folder's lock is held by the try, not used in it
    public Integer call() throws Exception {
        runtime.apply();
        PrintWriter err = spec.commandLine().getErr();
        runtime.warnIfIgnored(impl, err);
        OptionRanges.UI_PORT.check(spec.commandLine(), uiPort);
        if (uiPort != null && !ui) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ui-port is an option of --ui: give --ui too");
        }
        if (config != null && resume != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config and --resume both given: --resume continues "
                    + "a run in its folder, --config trains its config.json again into a new one; give one");
        }
        if (config == null && (findLr || findLrSteps != null || findLrRange != null)) {
            return findLearningRate(err);
        }
        ShutdownStop shutdown = ShutdownStop.install("rnnlab-sigint", 120); // 120 s for the training loop to write its checkpoint
        AtomicBoolean stop = shutdown.flag();
        List<String> command = CommandLines.of(spec);
        try (Progress progress = new Progress("train", quiet); TrainingUi trainingUi = ui ? new TrainingUi(uiPort == null ? 9000 : uiPort) : null) {
            if (trainingUi != null) {
                err.printf("train: training UI at %s (stops with the run)%n", trainingUi.url());
            }
            Consumer<MultiLayerNetwork> attach =
                    trainingUi == null ? null : trainingUi::attach;
            TrainOutcome outcome;
            SequenceDataset trainedOn = null; // a new run's data (a resumed run loads its own): for the calibration split's check
            if (resume != null) {
                List<String> others = OptionChecks.givenBesides(spec.commandLine(), RESUME_OPTIONS);
                if (!others.isEmpty()) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--resume continues with the run's own "
                            + "config.json: " + String.join(", ", others) + " cannot be given with it");
                }
                Path dir = resume.toAbsolutePath();
                err.printf("train: resuming %s%n", dir);
                resumeThreads(dir, err);
                err.flush();
                try (RunLock lock = Files.isDirectory(dir) ? RunLock.acquire(dir) : null) { // else resume says what is missing
                    outcome = TrainRun.resume(dir, command, new Trainer.Options(progress, dir.resolve("checkpoints"),
                            stop, attach));
                } catch (IOException e) {
                    throw resumable(dir, e);
                } catch (java.io.UncheckedIOException e) { // its next checkpoint not written: the one resumed from is kept
                    throw resumable(dir, e);
                }
            } else {
                if (requireRepeat && (config == null || finalFit())) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--require-repeat checks that a --config "
                            + "replay repeats its run: " + (config == null ? "give --config RUN/config.json with it"
                            : "a final fit (--set testFraction=0) changes the split on purpose and is no repeat"));
                }
                TrainRequest request = config != null ? fromConfig(err) : request();
                if (config != null) {
                    ConfigPaths.requireRecordedFiles(spec.commandLine(), config, request.datasetOptions(), "train",
                            !isComparison(config) && (Datasets.CSV.equals(request.dataset()) || "text".equals(request.dataset())));
                }
                refuseCalibrationWithoutValidation(request);
                RunFiles.RepeatOf repeat = null;
                RunDirectory.check(out, overwrite, RunDirectory.inputs(request.datasetOptions().inputs(), config));
                List<String> dataWarnings = new ArrayList<>();
                TrainRequest opening = request;
                SequenceDataset dataset;
                // Ctrl-C while the data are read and checked ends them at the loops' next poll (LoadStop), said at once (trial
                // 78c F3: the stop waited for the checks' end, 51 s on a 600,000-row file)
                try (AutoCloseable watching = org.rnnlab.datasets.LoadStop.watching(stop);
                     AutoCloseable said = shutdown.announce(err, "train: stop requested: ending the data's reading and checks; "
                             + "no run folder is written")) {
                    dataset = org.rnnlab.evaluation.run.DataWarnings.capture(
                            () -> org.rnnlab.evaluation.run.HeldOutValues.checked(Datasets.open(opening.dataset(),
                                    opening.datasetOptions())), dataWarnings);
                } catch (org.rnnlab.datasets.LoadStop.Stopped e) {
                    err.println("rnnlab train: interrupted while loading the data; nothing was written");
                    return EXIT_INTERRUPTED;
                }
                if (config == null) {
                    request = withBudget(request, dataset, err); // a config.json holds the budget its run chose
                    dataWarnings.addAll(budget.classWarnings()); // classes without test or validation sequences, as compare keeps them
                } else {
                    // a final fit changes the split on purpose: no repeat, and its data are not compared with the run's
                    RunDefaults.requireTrainAndTest(dataset, finalFit());
                    refusePositionalWeightsOfTextOrder(request, dataset);
                    repeat = finalFit() ? null : checkRepeat(dataset, err);
                    List<Double> recordedWeights = request.spec().classWeights();
                    request = replayedClassWeights(request, dataset, repeat, err);
                    if (repeat != null && Boolean.TRUE.equals(repeat.sameData()) && repeat.trainingChange() == null
                            && !recordedWeights.equals(request.spec().classWeights())) {
                        // balanced weights computed again on the same data to other numbers: no repeat, said
                        repeat = repeat.withTrainingChange("the balanced class weights computed again from the training split "
                                + "differ from the numbers config.json records, so this run trains with other class weights");
                        err.printf("train: warning: %s%n", notARepeatByTraining(repeat));
                    }
                    Optional<String> notRepeated = requireRepeat ? notRepeated(repeat) : Optional.empty();
                    if (notRepeated.isPresent()) { // before a run folder is made: a script's gate, nothing trained
                        err.printf("rnnlab train: --require-repeat: %s; nothing trained, no run folder written%n", notRepeated.get());
                        return EXIT_NOT_A_REPEAT;
                    }
                    if (!finalFit()) { // the same words of its split as the run it repeats said (a trial's 2 test homes)
                        List<String> classWarnings = new ArrayList<>();
                        BudgetOptions.warnUncoveredClasses(dataset, err, "train", classWarnings);
                        dataWarnings.addAll(classWarnings);
                    }
                    BudgetOptions.requireEqualLengths(spec.commandLine(), List.of(request.spec()), dataset, false);
                    patienceOutlastsBudget(request.training(), dataset.split(Split.VALIDATION).size() > 0)
                            .ifPresent(n -> err.printf("train: note: %s%n", n));
                }
                trainedOn = dataset;
                if (TrainRequest.corrects(request.calibrate()) && request.spec().classWeights().stream().distinct().count() < 2) {
                    // before a run folder is made: with equal weights (or none) the weighted loss's optimum is the plain one
                    throw new CommandLine.ParameterException(spec.commandLine(), "--calibrate " + request.calibrate() + " undoes "
                            + "the shift --class-weights put into the probabilities (each class's probability divided by its "
                            + "weight), and this model is trained " + (request.spec().classWeights().isEmpty() ? "without class "
                            + "weights" : "with equal class weights " + request.spec().classWeights()) + ": there is nothing to "
                            + "undo; give --class-weights (balanced, or a file), or calibrate with --calibrate temperature");
                }
                if (TrainRequest.fitsTemperature(request.calibrate()) && dataset.split(Split.VALIDATION).size() == 0) {
                    // before a run folder is made: the temperature is fitted on validation data, never on the test split
                    // its advice as the carve's rules allow: with splitBy=time and a group column a larger fraction gives
                    // none, and led to another refusal (trial 68e, finding 5)
                    throw new CommandLine.ParameterException(spec.commandLine(), "--calibrate " + request.calibrate() + " fits its "
                            + "temperature on the validation split, and " + EmptyValidation.asked(dataset, false)
                            .filter(w -> EmptyValidation.timeWithGroups(dataset.provenance().parameters()))
                            .orElse("these data give none") + ": " + EmptyValidation.remedy(dataset.provenance().parameters())
                            + ", or train without --calibrate");
                }
                if (stop.get()) { // Ctrl-C while the data loaded: it was deferred and a run was created anyway
                    err.println("rnnlab train: interrupted while loading the data; nothing was written");
                    return EXIT_INTERRUPTED;
                }
                Path dir = RunDirectory.create(out, "train-" + request.dataset(), overwrite,
                        RunDirectory.inputs(request.datasetOptions().inputs(), config));
                err.printf("train: %s%s on %s (%d train / %d validation / %d test sequences) -> %s%n", request.spec().label(),
                        comparisonName == null ? "" : " (the comparison's " + comparisonName + ")", request.dataset(),
                        dataset.split(Split.TRAIN).size(), dataset.split(Split.VALIDATION).size(), dataset.split(Split.TEST).size(), dir);
                org.rnnlab.training.Trainer.featureStandardisation(dataset, "the training split (" + dataset.split(Split.TRAIN).size()
                        + " sequences)").ifPresent(s -> err.printf("train: features standardised: %s, and applied to every split "
                        + "and to new data (provenance.json: featureStandardisation)%n", s));
                if (dataset.split(Split.TEST).size() == 0) { // --set testFraction=0 (else refused above)
                    int held = dataset.split(Split.VALIDATION).size();
                    err.printf("train: note: no test split (testFraction=0): the model is fitted on all the labelled sequences%s "
                            + "and gets no test scores (results.json: \"test\": null); score it on labelled data it has not seen "
                            + "with rnnlab evaluate --model %s --input FILE%n", held == 0 ? "" : " but the " + held + " for validation",
                            CommandLines.quote(dir.resolve(TrainRun.MODEL_FILE).toString()));
                }
                // long sequences read at their last step: said before the epochs, and kept with the run's data warnings (trial
                // 77a: a last-head GRU on 5,000-step engine logs read only the last few dozen steps; "try --head max" came
                // after training, and only beside a verdict of nothing learned)
                org.rnnlab.evaluation.compare.MajorityBaseline.lastHeadWarning(
                        org.rnnlab.evaluation.compare.MajorityBaseline.medianSteps(dataset), request.spec().head(),
                        request.spec().bidirectional()).ifPresent(w -> {
                            err.printf("train: warning: %s%n", w);
                            dataWarnings.add(w);
                        });
                err.flush();
                // kept beside the scores they qualify (test ids also in training, shared groups, repeated texts), as compare does
                if (repeat != null) { // --config: whether it repeats its run, for scripts (and the warning beside the scores)
                    Json.writeFile(dir.resolve(RunFiles.REPEAT_OF), repeat);
                    if (repeat.dataDiffer()) {
                        dataWarnings.add(notARepeat(repeat, "trained on", "run trains", "run"));
                    } else if (repeat.trainingChange() != null) {
                        dataWarnings.add(notARepeatByTraining(repeat));
                    }
                    codeWarning(repeat).ifPresent(dataWarnings::add);
                }
                org.rnnlab.evaluation.run.DataWarnings.write(dir, dataWarnings);
                try (RunLock lock = RunLock.acquire(dir)) { // a refused lock is another command's folder: nothing is removed
                    try {
                        outcome = TrainRun.run(request, dataset, dir, command, new Trainer.Options(progress,
                                dir.resolve("checkpoints"), stop, attach));
                    } catch (RuntimeException | OutOfMemoryError e) { // out of memory too: its folder could not be resumed either
                        if (!(e instanceof TrainingInterruptedException) && !(e instanceof TrainingDivergedException)
                                && RunDirectory.removeIfUnfinished(dir)) {
                            err.printf("train: removed %s: the run failed before its first checkpoint%n", dir);
                        }
                        if (e instanceof java.io.UncheckedIOException u) { // a checkpoint not written (a full disk): an earlier one continues
                            throw resumable(dir, u);
                        }
                        throw e;
                    } catch (IOException e) { // a full disk, say: a run with a checkpoint continues once space is freed
                        if (RunDirectory.removeIfUnfinished(dir)) {
                            err.printf("train: removed %s: the run failed before its first checkpoint%n", dir);
                        }
                        throw resumable(dir, e);
                    }
                }
            }
            if (stop.get()) { // Ctrl-C after the last epoch: the run is complete, and says so (it exited 130 without a word)
                err.println("train: stopped after training had finished: the model and results are complete");
            }
            PrintWriter o = spec.commandLine().getOut();
            boolean validated = outcome.validation() != null && outcome.validation().examples() > 0;
            // a leak into the test split (the run's data warnings) makes its scores optimistic: said on the line and in
            // results.json (a trial's script read those, not the log)
            Optional<String> leaked = org.rnnlab.evaluation.compare.TrainAgain.leakWords(outcome.testHoldsTrainingData(),
                    outcome.labelLeak() == null ? List.of() : outcome.labelLeak());
            List<String> runWarnings = org.rnnlab.evaluation.run.DataWarnings.read(outcome.runDir());
            String groupLike = org.rnnlab.evaluation.compare.TrainAgain.sharedGroupsWords(runWarnings).orElse(
                    org.rnnlab.evaluation.compare.TrainAgain.groupLikeWords(
                    org.rnnlab.evaluation.compare.TrainAgain.sharedGroupLikeColumns(runWarnings)));
            // and of dates carved at random over months: the test holds dates before training ones (a parcel carrier's trial)
            String carved = org.rnnlab.evaluation.compare.TrainAgain.randomCarveWords(runWarnings).map(w -> "; " + w).orElse("");
            String qualified = leaked.isPresent() ? leaked.get() + carved : groupLike.isEmpty() ? carved.replaceFirst("^; ", "")
                    : groupLike + carved;
            // a text model is tested on texts, as its interval line and evaluate say (a trial's text run said "on 44 sequences")
            String examples = org.rnnlab.training.ModelBundle.readCard(outcome.model()).encoder().isPresent() ? "texts" : "sequences";
            String tested = outcome.test() == null ? "no test split (testFraction=0)" : String.format(Locale.ROOT,
                    "test accuracy %.4f, macro-F1 %.4f%s%s on %d %s%s", outcome.test().accuracy(), outcome.test().macroF1(),
                    presentOrPredictedPart(outcome.test()), kappaPart(outcome.test()), outcome.test().examples(), examples,
                    qualified.isEmpty() ? "" : " (" + qualified + ")");
            o.printf(Locale.ROOT, "%s: kept epoch %d of %d (%s), %s, %s, train %s%nmodel: %s%n", outcome.modelLabel(),
                    outcome.bestEpoch(), outcome.history().size(),
                    validated ? outcome.keptBy() : "lowest training loss: no validation data",
                    validated ? keptValidationPart(outcome) + keptThresholdFree(outcome) : "no validation accuracy", tested,
                    Progress.duration(outcome.trainSeconds()), outcome.model());
            tieBroken(outcome).ifPresent(t -> o.printf("(%s)%n", t));
            if (outcome.majorityBaseline() != null) { // what the test scores are to be read against (as compare and evaluate say)
                o.printf("baseline: %s%n", outcome.majorityBaseline().describe());
                // with a class predicted but absent, judged by the lower, scikit-learn macro-F1 (a wind-farm trial's 0.3397
                // over the classes present read as beating the baseline's 0.3266; scikit-learn's 0.2548 did not)
                if (outcome.test() != null && outcome.majorityBaseline().notAbove(outcome.test().accuracy(),
                        outcome.test().macroF1(), outcome.test().macroF1PresentOrPredicted(), false).isPresent()) {
                    // a verdict, as compare and evaluate give one (a trial's 0.1429 under the baseline's 0.6000 had none)
                    boolean weighted = !org.rnnlab.training.ModelBundle.readCard(outcome.model()).spec().classWeights().isEmpty();
                    outcome.majorityBaseline().notAbove(outcome.test().accuracy(), outcome.test().macroF1(),
                            outcome.test().macroF1PresentOrPredicted(), weighted).ifPresent(n -> o.printf("(%s)%n", n));
                    // and on long sequences read at their last step, the head to try (a fermentation trial's 240-336 steps)
                    if (trainedOn != null) {
                        org.rnnlab.evaluation.compare.MajorityBaseline.longSequenceHint(
                                org.rnnlab.evaluation.compare.MajorityBaseline.medianSteps(trainedOn),
                                org.rnnlab.training.ModelBundle.readCard(outcome.model()).spec().head(), false)
                                .ifPresent(h -> o.printf("(%s)%n", h));
                    }
                }
            }
            if (outcome.summaryBaseline() != null) { // after the majority's line and verdict: a bar the order of the steps must
                // clear (a trial's GRU looked a clear win over always 'walk', and each sequence's mean and sd did as well: 79a F3)
                o.printf("baseline: %s%n", outcome.summaryBaseline().describe());
                if (outcome.test() != null) {
                    // scikit-learn's macro-F1 on both sides, as the majority verdict above judges it (a music trial's
                    // two verdicts a line apart were on different macro-F1s of the same run)
                    outcome.summaryBaseline().notAbove(outcome.test().accuracy(), outcome.test().macroF1(),
                            outcome.test().macroF1PresentOrPredicted(), outcome.test().examples()).ifPresent(n -> o.printf("(%s)%n", n));
                }
            }
            org.rnnlab.training.ModelCard savedCard = org.rnnlab.training.ModelBundle.readCard(outcome.model());
            // a text model's test split is of texts, as evaluate names them (a text run's interval line said "test sequences")
            boolean texts = savedCard.encoder().isPresent();
            testIntervalLine(outcome.test(), runWarnings, texts).ifPresent(o::println);
            rareClassLine(outcome.test(), texts).ifPresent(o::println);
            if (outcome.test() != null) { // the classes of under 10 test sequences, with their recall's interval, as evaluate says
                EvaluateCommand.fewSequences(outcome.test()).ifPresent(o::println);
            }
            rankingLine(outcome.testRanking()).ifPresent(o::println);
            if (outcome.test() != null) { // many classes: top-3 and top-5 accuracy, as evaluate gives them (trial 81c F3)
                org.rnnlab.evaluation.metrics.TopKAccuracy.line(outcome.test()).ifPresent(l -> o.println("test " + l));
            }
            calibrationLine(savedCard, outcome.priorEffect()).ifPresent(o::println);
            o.flush();
            calibrationAtBound(savedCard).ifPresent(w -> err.printf("train: warning: %s%n", w));
            outcome.calibrationWarnings().forEach(w -> err.printf("train: warning: calibration: %s%n", w));
            if (savedCard.temperature() != null && trainedOn != null) {
                calibrationSplitLacks(trainedOn).ifPresent(w -> err.printf("train: warning: %s%n", w));
            }
            repeatVerdict(outcome.runDir()).ifPresent(v -> err.printf("train: %s%n", v));
            earlyKept(outcome).ifPresent(w -> err.printf("train: warning: %s%n", w));
            stoppedWhileFalling(outcome, savedCard.training()).ifPresent(w -> err.printf("train: warning: %s%n", w));
            stillImproving(outcome, savedCard.training()).ifPresent(w -> err.printf("train: warning: %s%n", w));
            lossJumped(outcome, savedCard.spec().gradientNormalization()).ifPresent(w -> err.printf("train: warning: %s%n", w));
            if (outcome.test() != null && !outcome.test().neverPredicted().isEmpty()) {
                // the class-weights hint only for a model trained without them, and for a class rare in training (the card's counts)
                boolean weighted = !savedCard.spec().classWeights().isEmpty();
                outcome.test().neverPredictedWarning("the test split", weighted, savedCard.trainingClassCounts())
                        .ifPresent(w -> err.printf("train: warning: %s%n", w));
            }
            if (stop.get()) {
                // Ctrl-C after the last epoch: the JVM is exiting with 130, which says "interrupted, --resume continues", and
                // --resume refuses a finished run (a trial's script): the run is complete, so the process ends with 0
                err.flush();
                System.out.flush();
                System.err.flush();
                // halt while the hook still holds the JVM's exit: releasing it first (close) raced the exit with 130
                Runtime.getRuntime().halt(0);
            }
            return 0;
        } catch (TrainingDivergedException e) {
            err.println("rnnlab train: " + e.getMessage() + ". The last good checkpoint is kept; no model was written.");
            return EXIT_DIVERGED;
        } catch (TrainingInterruptedException e) {
            err.println("rnnlab train: " + e.getMessage() + ". Continue with: " + CommandLines.launcher() + " train --resume "
                    + (resume != null ? CommandLines.quote(resume.toAbsolutePath().toString())
                    : out != null ? CommandLines.quote(out.toAbsolutePath().toString()) : "<run folder>"));
            return EXIT_INTERRUPTED;
        } finally {
            shutdown.close();
        }
    }

    /**
     * What a result line adds after a macro-F1 when the model predicted some class the split holds none of: the macro-F1
     * counting such a class at F1 0 (scikit-learn's), in {@code evaluate}'s words, and the class(es), e.g. {@code  (macro-F1
     * 0.2548 counting the class(es) predicted here but absent, ...; predicted here but absent: 'generator_bearing' (26
     * predictions))}; "" when there is none (the two figures are then equal).
     */
    static String presentOrPredictedPart(org.rnnlab.evaluation.metrics.EvaluationResult r) {
        Double withPredicted = r == null ? null : r.macroF1PresentOrPredicted();
        if (withPredicted == null) {
            return "";
        }
        return " (" + org.rnnlab.evaluation.metrics.EvaluationResult.presentOrPredictedWords(withPredicted) + "; predicted here but "
                + "absent: " + String.join(", ", r.predictedAbsent()) + ")";
    }

    /**
     * The test split's ranking metrics in one line (results.json: {@code testRanking}): for a two-class model those of the
     * rarer class in the test split (the one a user hunts: fraud, a fault; with equal counts the model's second label, as
     * {@code evaluate} chooses) with what a random ranking scores, else the macro averages over the classes where they are
     * defined; empty without a test split or when nothing is defined (one class only in the test split).
     */
    static java.util.Optional<String> rankingLine(org.rnnlab.evaluation.metrics.Ranking ranking) {
        if (ranking == null || ranking.perClass().isEmpty()) {
            return java.util.Optional.empty();
        }
        List<org.rnnlab.evaluation.metrics.ClassRanking> rows = ranking.perClass();
        if (rows.size() == 2) {
            org.rnnlab.evaluation.metrics.ClassRanking c = rows.get(0).positives() < rows.get(1).positives() ? rows.get(0) : rows.get(1);
            long n = c.positives() + c.negatives();
            if (n == 0 || Double.isNaN(c.rocAuc())) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(String.format(Locale.ROOT, "test ranking of %s (%s, %d of %d): ROC AUC %.4f, average "
                    + "precision %.4f (a random ranking scores 0.5 and %.4f); choose a cut-off P on validation data, not on these (evaluate "
                    + "... --split validation --threshold P --positive %s)",
                    org.rnnlab.datasets.LabelCheck.quoted(c.label()),
                    rows.get(0).positives() == rows.get(1).positives() ? "as frequent as the other: the model's second label"
                            : "the rarer class", c.positives(), n, c.rocAuc(), c.averagePrecision(), (double) c.positives() / n, CommandLines.quote(c.label())));
        }
        if (Double.isNaN(ranking.macroRocAuc()) && Double.isNaN(ranking.macroAveragePrecision())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "test ranking, each class against the rest: macro ROC AUC %s over %d "
                        + "classes, macro average precision %s over %d (per class: evaluate)",
                number(ranking.macroRocAuc()), ranking.rocAucClasses(), number(ranking.macroAveragePrecision()),
                ranking.averagePrecisionClasses()));
    }

    /**
     * {@code ", Cohen's kappa 0.9530"} for the result line, or nothing where kappa is undefined (one class held and got every
     * test sequence): the headline score of agreement on imbalanced classes (sleep stages), which a trial computed by hand.
     */
    static String kappaPart(org.rnnlab.evaluation.metrics.EvaluationResult test) {
        return Double.isNaN(test.cohenKappa()) ? "" : String.format(Locale.ROOT, ", Cohen's kappa %.4f", test.cohenKappa());
    }

    private static String number(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.4f", x);
    }

    /**
     * With a class under a fifth of the test split (a rare class: fraud, a fault), each class's test precision and recall, on
     * the line after the scores: accuracy and macro-F1 hide what a 3% class's precision and recall are (a fraud trial found
     * its 6 fraud accounts' only in results.json); empty without a test split or without such a class. The counts are of
     * texts for a text model ({@code texts}), as evaluate says them, else of sequences.
     */
    static java.util.Optional<String> rareClassLine(org.rnnlab.evaluation.metrics.EvaluationResult test, boolean texts) {
        if (test == null || test.examples() == 0 || test.perClass().stream().noneMatch(c -> c.support() > 0
                && c.support() * 5 < test.examples())) {
            return java.util.Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        List<org.rnnlab.evaluation.metrics.ClassMetrics> classes = test.perClass();
        boolean worst = classes.size() > 12;
        if (worst) {
            // the first 12 by name say nothing of which of 40 users fail (a keystroke trial): the lowest F1 first, classes
            // without a test sequence last
            classes = classes.stream().sorted(java.util.Comparator.<org.rnnlab.evaluation.metrics.ClassMetrics>comparingInt(
                    c -> c.support() > 0 ? 0 : 1).thenComparingDouble(c -> Double.isNaN(c.f1()) ? 0 : c.f1())
                    .thenComparingDouble(c -> Double.isNaN(c.recall()) ? 0 : c.recall())).toList();
        }
        // classes without a test sequence have no F1 to rank (a handwriting trial's "12 of 62" counted 26 such): with many
        // classes they are left out and counted, as the warning of classes without a test sequence names them
        long none = worst ? classes.stream().filter(c -> c.support() == 0).count() : 0;
        for (org.rnnlab.evaluation.metrics.ClassMetrics c : classes) {
            if (worst && c.support() == 0) {
                continue;
            }
            // with the recall's Wilson interval, as evaluate's few-sequences line gives it (trial 77f: 'pre_swarm' 1.00/1.00 (10)
            // of 3 hives was quoted as it stood; 10 of 10 recalled is [0.72, 1.00])
            String interval = "";
            if (c.support() > 0 && !Double.isNaN(c.recall())) {
                double[] w = org.rnnlab.evaluation.metrics.ScoreIntervals.wilson(Math.round(c.recall() * c.support()), c.support());
                interval = String.format(Locale.ROOT, "; [%.2f, %.2f]", w[0], w[1]);
            }
            parts.add(String.format(Locale.ROOT, "%s %s/%s (%d%s)", org.rnnlab.datasets.LabelCheck.quoted(c.label()),
                    Double.isNaN(c.precision()) ? "-" : String.format(Locale.ROOT, "%.2f", c.precision()),
                    Double.isNaN(c.recall()) ? "-" : String.format(Locale.ROOT, "%.2f", c.recall()), c.support(), interval));
        }
        String what = texts ? "texts" : "sequences";
        // the count NamedList names, fewer than 12 when the names are long (review 81b R4)
        String shown = org.rnnlab.evaluation.metrics.NamedList.named(parts, ", ") + " of " + (none == 0 ? parts.size() : "the " + parts.size()
                + " classes with test " + what + " (" + none + " ha" + (none == 1 ? "s" : "ve") + " none),");
        return java.util.Optional.of("test per class, precision/recall (" + what + "; the recall's 95% Wilson interval)" + (worst ? ", the " + shown
                + " with the lowest F1 first" : "") + ": " + org.rnnlab.evaluation.metrics.NamedList.join(parts, ", ", "results.json"));
    }

    /**
     * Why the kept epoch is not the first to reach its score, when an exact tie of the selection score was broken by the
     * lower validation log-loss (a trial's macro-F1 saturated at 0.9955 from epoch 1, log-loss 0.43, to epoch 6, 0.0076): the
     * epochs it tied and the log-losses; empty when no earlier epoch had the same score.
     */
    static Optional<String> tieBroken(TrainOutcome outcome) {
        org.rnnlab.training.EpochSelection selection = outcome.selection();
        if (selection == null || outcome.validation() == null) {
            return Optional.empty();
        }
        double kept = outcome.keptValidation(selection);
        List<org.rnnlab.training.EpochStats> tied = outcome.history().stream()
                .filter(e -> e.epoch() < outcome.bestEpoch() && e.validation(selection) == kept).toList();
        if (tied.isEmpty() || Double.isNaN(outcome.keptValidation(org.rnnlab.training.EpochSelection.LOG_LOSS))) {
            return Optional.empty();
        }
        org.rnnlab.training.EpochStats first = tied.get(0);
        return Optional.of(String.format(Locale.ROOT, "epoch %d kept: its validation %s %.4f equals that of epoch(s) %s; the tie "
                + "is broken by the lower validation log-loss, %.4f against %.4f at epoch %d", outcome.bestEpoch(), selection.label(),
                kept, String.join(", ", tied.stream().map(e -> Integer.toString(e.epoch())).toList()),
                outcome.keptValidation(org.rnnlab.training.EpochSelection.LOG_LOSS), first.validationLogLoss(), first.epoch()));
    }

    /**
     * The kept line's validation scores: {@code validation accuracy 0.9694, macro-F1 0.6045}; with {@code --calibrate prior},
     * which moves predicted classes after the epoch was chosen on the uncorrected probabilities, first the scores the epoch
     * was chosen by and then the corrected ones the model's predictions have ({@code validation accuracy 1.0000, macro-F1
     * 1.0000 before the prior correction (the epochs were scored on these), 0.9694 and 0.6045 after it}): a trial's line gave
     * only the corrected 0.6045, below the epoch line it said it kept (trial 80e F1).
     */
    static String keptValidationPart(TrainOutcome outcome) {
        double afterAccuracy = outcome.validation().accuracy();
        double afterMacroF1 = outcome.validation().macroF1();
        org.rnnlab.evaluation.train.PriorEffect effect = outcome.priorEffect();
        if (effect == null) {
            return String.format(Locale.ROOT, "validation accuracy %.4f, macro-F1 %.4f%s", afterAccuracy, afterMacroF1,
                    presentOrPredictedPart(outcome.validation()));
        }
        double accuracy = chosenBy(outcome, org.rnnlab.training.EpochSelection.ACCURACY, effect.accuracyBefore());
        double macroF1 = chosenBy(outcome, org.rnnlab.training.EpochSelection.MACRO_F1, effect.macroF1Before());
        return String.format(Locale.ROOT, "validation accuracy %.4f, macro-F1 %.4f before the prior correction (the epochs were "
                + "scored on these), %.4f and %.4f after it (the model's predictions)%s", accuracy, macroF1, afterAccuracy,
                afterMacroF1, presentOrPredictedPart(outcome.validation()));
    }

    /** The kept epoch's validation {@code score} as the history recorded it (what the epoch was chosen by), else {@code or}. */
    private static double chosenBy(TrainOutcome outcome, org.rnnlab.training.EpochSelection score, double or) {
        double v = outcome.keptValidation(score);
        return Double.isNaN(v) ? or : v;
    }

    /** {@code , log-loss 0.1234}: the kept epoch's value of a threshold-free selection, which chose it; else empty. */
    static String keptThresholdFree(TrainOutcome outcome) {
        org.rnnlab.training.EpochSelection selection = outcome.selection();
        if (selection == null || !selection.thresholdFree() || Double.isNaN(outcome.keptValidation(selection))) {
            return "";
        }
        return String.format(Locale.ROOT, ", %s %.4f", selection.label(), outcome.keptValidation(selection));
    }

    /**
     * A warning when the epoch kept is in the first fifth of a run of 5 or more epochs with an imperfect validation score: no
     * later epoch beat it on the validation split, so the model trained little (a trial's --config run kept epoch 1 of 16 with
     * no word, on a validation split of about three subjects); empty otherwise, and without validation data.
     */
    static Optional<String> earlyKept(TrainOutcome outcome) {
        if (outcome.validation() == null || outcome.validation().examples() == 0) {
            return Optional.empty();
        }
        org.rnnlab.training.EpochSelection selection = outcome.selection();
        boolean byMacroF1 = outcome.keptBy().endsWith("macro-F1");
        double argmaxScore = byMacroF1 ? outcome.validation().macroF1() : outcome.validation().accuracy();
        // a threshold-free selection: its value as the epoch was judged; imperfect judged by the argmax score (a log-loss is never 0)
        boolean thresholdFree = selection != null && selection.thresholdFree() && !Double.isNaN(outcome.keptValidation(selection));
        // with a prior correction the epochs were scored on the uncorrected probabilities, the validation result is of the
        // corrected ones: the value the epoch was chosen by is the history's (a trial's warning quoted the corrected 0.6045
        // as what no later epoch beat, where epochs 2, 5 and 6 scored 0.6615, 0.7591, 0.6853 and epoch 1 1.0000: 80e F1)
        org.rnnlab.evaluation.train.PriorEffect effect = outcome.priorEffect();
        double chosen = effect == null || thresholdFree ? Double.NaN : chosenBy(outcome, byMacroF1
                ? org.rnnlab.training.EpochSelection.MACRO_F1 : org.rnnlab.training.EpochSelection.ACCURACY,
                byMacroF1 ? effect.macroF1Before() : effect.accuracyBefore());
        double kept = thresholdFree ? outcome.keptValidation(selection) : Double.isNaN(chosen) ? argmaxScore : chosen;
        int epochs = outcome.history().size();
        // imperfect judged by the scores of the model's predictions (the corrected ones with a prior correction)
        if (!org.rnnlab.evaluation.compare.TrainingLengths.keptEarly(outcome.bestEpoch(), epochs,
                thresholdFree ? outcome.validation().accuracy() : argmaxScore)) {
            return Optional.empty();
        }
        String corrected = Double.isNaN(chosen) ? "" : String.format(Locale.ROOT, " (before the prior correction, as every epoch "
                + "was scored; %.4f after it, the score of the model's predictions)", argmaxScore);
        return Optional.of(String.format(Locale.ROOT, "the epoch kept is %d of %d: no later epoch scored a %s validation %s "
                + "than its %.4f%s on the %d validation sequences, so the model is one that trained little; with a small or noisy "
                + "validation split a larger one (--set validationFraction=0.25, or a --validation file) may serve better",
                outcome.bestEpoch(), epochs, selection != null && !selection.higherIsBetter() ? "lower" : "higher",
                outcome.keptBy().replaceFirst("^(highest|lowest) validation ", ""), kept, corrected, outcome.validation().examples()));
    }

    /**
     * A warning when early stopping ended the run while its training loss was still falling (the rule of compare's warning,
     * {@link org.rnnlab.evaluation.compare.TrainingLengths#stoppedWhileFalling}), with the losses and what lets it train on: a
     * larger {@code --patience}, and with a validation split of fewer than {@value BudgetOptions#SMALL_TEST} sequences a larger
     * one. A trial's run stopped at epoch 8 of 15, its loss 1.855, 1.783, ... 1.694, with only an INFO line (5 minibatches an
     * epoch: 40 updates), where compare warns of such runs. Empty otherwise, and when the model's card holds no settings.
     */
    static Optional<String> stoppedWhileFalling(TrainOutcome outcome, org.rnnlab.training.TrainingConfig training) {
        List<org.rnnlab.training.EpochStats> h = outcome.history();
        if (training == null || !org.rnnlab.evaluation.compare.TrainingLengths.stoppedWhileFalling(training, h)) {
            return Optional.empty();
        }
        List<String> losses = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            if (h.size() <= 12 || i < 3 || i >= h.size() - 6) {
                losses.add(String.format(Locale.ROOT, "%.4f", h.get(i).trainLoss()));
            } else if (i == 3) {
                losses.add("...");
            }
        }
        long validation = outcome.validation() == null ? 0 : outcome.validation().examples();
        return Optional.of("early stopping ended the run at epoch " + h.get(h.size() - 1).epoch() + " of " + training.epochs()
                + " (no validation gain for " + training.patience() + " epochs; epoch " + outcome.bestEpoch() + " kept) while its "
                + "training loss was still falling (" + String.join(", ", losses) + ", the last the lowest): the model kept "
                + "measures a shorter training; a larger --patience (" + 2 * training.patience() + ", say) lets it train on, "
                + "--patience 0 trains all " + training.epochs() + " epochs and keeps the best on validation"
                + (validation > 0 && validation < BudgetOptions.SMALL_TEST ? "; with a validation split of only " + validation
                + " sequences, a larger one (--set validationFraction=0.25, or a --validation file) judges the epochs more steadily"
                : ""));
    }

    /**
     * A warning when the run kept the last epoch of its whole budget and that epoch was a gain on the one before, or its
     * validation score is below 1 (compare's rule, {@link org.rnnlab.evaluation.compare.TrainingLengths#stillImproving}):
     * still improving when the budget ended, so the model kept measures an unfinished training. A trial's {@code --config}
     * run kept epoch 4 of 4, validation macro-F1 0.6480 at epoch 3 and 1.0000 at epoch 4, where compare had warned of its
     * runs and train said nothing. Empty otherwise, without validation data, and when the model's card holds no settings.
     */
    static Optional<String> stillImproving(TrainOutcome outcome, org.rnnlab.training.TrainingConfig training) {
        List<org.rnnlab.training.EpochStats> h = outcome.history();
        if (training == null || outcome.validation() == null || outcome.validation().examples() == 0 || h.size() < 2
                || h.size() < training.epochs() || outcome.bestEpoch() != h.size()) {
            return Optional.empty();
        }
        org.rnnlab.training.EpochSelection selection = outcome.selection() == null ? org.rnnlab.training.EpochSelection.ACCURACY
                : outcome.selection();
        double last = h.get(h.size() - 1).validation(selection);
        double before = h.get(h.size() - 2).validation(selection);
        boolean rose = selection.oriented(last) > selection.oriented(before);
        double argmax = outcome.keptBy().endsWith("macro-F1") ? outcome.validation().macroF1() : outcome.validation().accuracy();
        if (!rose && !(argmax < 1)) {
            return Optional.empty();
        }
        // a tie of the two epochs' scores was broken by the lower validation log-loss: that is the gain, said in the same
        // sentence (a trial read "still improving (validation accuracy 0.8235 at epoch 7, 0.8235 at epoch 8)" as a contradiction)
        Double lossBefore = h.get(h.size() - 2).validationLogLoss();
        Double lossLast = h.get(h.size() - 1).validationLogLoss();
        boolean lossBroke = lossBefore != null && lossLast != null && lossLast < lossBefore; // false where either is NaN
        String scores = last != before ? String.format(Locale.ROOT, "validation %s %.4f at epoch %d, %.4f at epoch %d",
                selection.label(), before, h.size() - 1, last, h.size())
                : String.format(Locale.ROOT, "validation %s %.4f at epochs %d and %d, ", selection.label(), last, h.size() - 1, h.size())
                + (lossBroke ? String.format(Locale.ROOT, "the tie broken by the lower validation log-loss, %.4f at epoch %d against "
                + "%.4f at epoch %d", lossLast, h.size(), lossBefore, h.size() - 1) : "the later kept");
        return Optional.of(String.format(Locale.ROOT, "the run kept epoch %d, the last of its %d-epoch budget, still improving when "
                + "it ended (%s): the model and its scores measure an unfinished training; more --epochs may give a better one",
                h.size(), training.epochs(), scores));
    }

    /**
     * The note that early stopping cannot end the run before its last epoch, in compare's words ({@link BudgetOptions}), for a
     * run trained from a config.json whose patience is as long as its budget (a trial's 4 epochs of patience 5: compare said
     * so, and train's epoch lines said "early stopping may end sooner"); empty without validation data or early stopping.
     */
    static Optional<String> patienceOutlastsBudget(org.rnnlab.training.TrainingConfig t, boolean validated) {
        if (!validated || t.patience() == 0 || t.patience() + 1 < t.epochs()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "early stopping cannot end a run of %d epoch%s before its last: config.json's "
                + "patience is %d epochs without validation gain; the run trains all %d epoch%s and keeps its best one",
                t.epochs(), t.epochs() == 1 ? "" : "s", t.patience(), t.epochs(), t.epochs() == 1 ? "" : "s"));
    }

    /**
     * The test accuracy's 95% Wilson interval over the test sequences (texts for a text model, {@code texts}, as evaluate
     * names them), as evaluate and compare give one, and when the data warnings say the test split comes from few groups,
     * that it is too narrow (a trial quoted a perfect 1.0000 on 90 days of 3 hives, where compare by hive found 0.9307);
     * empty without a test split.
     */
    static Optional<String> testIntervalLine(org.rnnlab.evaluation.metrics.EvaluationResult test, List<String> dataWarnings,
                                             boolean texts) {
        if (test == null || test.examples() == 0) {
            return Optional.empty();
        }
        double[] w = org.rnnlab.evaluation.metrics.ScoreIntervals.wilson(Math.round(test.accuracy() * test.examples()),
                test.examples());
        String groups = "";
        for (String d : dataWarnings) {
            java.util.regex.Matcher m = org.rnnlab.evaluation.compare.TrainAgain.FEW_TEST_GROUPS.matcher(d);
            if (m.find()) {
                groups = "; they come from only " + m.group(1) + " group(s) of " + m.group(2) + ", so it is too narrow: the "
                        + "score moves with which groups are held out (compare --cv K scores every group once)";
                break;
            }
        }
        return Optional.of(String.format(Locale.ROOT, "(95%% interval of the test accuracy: [%.4f, %.4f], Wilson over the %d test "
                + "%s%s)", w[0], w[1], test.examples(), texts ? "texts" : "sequences", groups));
    }

    /**
     * A warning when, with gradient clipping off ({@code clipping} None), an epoch's training loss rose more than twice the
     * previous epoch's ({@link org.rnnlab.evaluation.compare.TrainingLengths#lossJump}); empty otherwise. A trial's loss
     * went 0.157 to 0.759 in epoch 4 of 4 with no word ("kept epoch 3"), where {@code --clip l2:1} gave a test accuracy of
     * 0.998 against 0.952.
     */
    static Optional<String> lossJumped(TrainOutcome outcome, org.deeplearning4j.nn.conf.GradientNormalization clipping) {
        if (clipping != null && clipping != org.deeplearning4j.nn.conf.GradientNormalization.None) {
            return Optional.empty();
        }
        return org.rnnlab.evaluation.compare.TrainingLengths.lossJump(outcome.history()).map(j -> "the training loss rose " + j
                + " with no gradient clipping: a step too large (exploding gradients, common in recurrent networks) undid what "
                + "the model had learnt" + (outcome.bestEpoch() > 0 ? " (the epoch kept is " + outcome.bestEpoch() + ")" : "")
                + "; --clip l2:1 (each layer's gradient scaled down to L2 norm 1 where above it) or a lower --lr usually trains "
                + "smoothly");
    }

    /**
     * A failure to write a file of a run (a full disk: "cannot write DIR/model.rnnlab: No space left on device ...") that says,
     * when the run has a checkpoint, that it is kept and how to continue from it once the cause is fixed: the folder had a
     * checkpoint but no model, and nothing said it could be resumed.
     */
    static IOException resumable(Path dir, IOException e) {
        if (!Files.isRegularFile(dir.resolve("checkpoints").resolve(org.rnnlab.training.Checkpoint.FILE))) {
            return e;
        }
        return new IOException(e.getMessage() + "; the run's checkpoint is kept: once space is freed (or the cause is fixed), "
                + "continue with: " + CommandLines.launcher() + " train --resume " + CommandLines.quote(dir.toAbsolutePath().toString()), e);
    }

    /**
     * A failure to write during training, as the trainer reports it ("cannot write checkpoint to DIR/checkpoints: cannot write
     * .../checkpoint.zip: No space left on device ..."), that says, when an earlier checkpoint is in the run folder (a failed
     * write leaves it as it was), which --resume continues from it: a trial's full disk said only "free space there, or write
     * elsewhere" beside an epoch-2 checkpoint that its resume continued byte-identically.
     */
    static java.io.UncheckedIOException resumable(Path dir, java.io.UncheckedIOException e) {
        // only the checkpoint's own write (Checkpointing): another failure that reaches here is not worded as one (review79b R7)
        if (e.getMessage() == null || !e.getMessage().startsWith("cannot write checkpoint")
                || !Files.isRegularFile(dir.resolve("checkpoints").resolve(org.rnnlab.training.Checkpoint.FILE))) {
            return e;
        }
        java.io.UncheckedIOException said = new java.io.UncheckedIOException(e.getMessage() + "; the run's earlier checkpoint is "
                + "kept: once space is freed (or the cause is fixed), continue from it with: " + CommandLines.launcher() + " train --resume "
                + CommandLines.quote(dir.toAbsolutePath().toString()), e.getCause());
        said.addSuppressed(e); // the trainer's stack, where the write failed
        return said;
    }

    /** {@code --find-lr}: the learning-rate sweep instead of training. */
    private int findLearningRate(PrintWriter err) throws Exception {
        CommandLine cl = spec.commandLine();
        if (!findLr) {
            throw new CommandLine.ParameterException(cl, (findLrSteps != null ? "--find-lr-steps" : "--find-lr-range")
                    + " is an option of --find-lr: give --find-lr too");
        }
        List<String> training = cl.getParseResult().matchedOptions().stream().map(o -> o.longestName())
                .filter(TRAINING_ONLY::contains).distinct().toList();
        if (!training.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--find-lr sweeps the learning rate instead of training: "
                    + String.join(", ", training) + " cannot be given with it");
        }
        int steps = findLrSteps != null ? findLrSteps : LearningRateFinder.DEFAULT_STEPS;
        OptionRanges.FIND_LR_STEPS.check(cl, steps);
        LearningRateFinder.Range range = OptionChecks.parse(cl, "--find-lr-range",
                findLrRange != null ? findLrRange : LearningRateFinder.DEFAULT_MIN + ":" + LearningRateFinder.DEFAULT_MAX,
                v -> parseRange(v, steps));
        List<String> command = CommandLines.of(spec);
        TrainRequest request = request();
        RunDirectory.check(out, overwrite, request.datasetOptions().inputs());
        SequenceDataset dataset = Datasets.open(request.dataset(), request.datasetOptions());
        // the epoch budget and early stopping mean nothing to the sweep: their notes are not printed
        request = withBudget(request, dataset, new PrintWriter(Writer.nullWriter()), err);
        Path dir = RunDirectory.create(out, "lr-find-" + data.name(), overwrite, request.datasetOptions().inputs());
        err.printf(Locale.ROOT, "train --find-lr: %s on %s, %d minibatches of %d, rates %s to %s -> %s%n", request.spec().label(),
                data.name(), steps, request.training().batchSize(), LrFindRun.format(range.min()), LrFindRun.format(range.max()), dir);
        LearningRateFinder.fewStepsWarning(steps).ifPresent(w -> err.printf("train --find-lr: warning: %s%n", w));
        err.flush();
        LearningRateSweep sweep = LrFindRun.run(request, dataset, dir, command, range);
        PrintWriter o = cl.getOut();
        if (sweep.rates().size() < steps) {
            o.printf(Locale.ROOT, "train --find-lr: stopped after %d of %d minibatches at rate %s: the loss diverged%n",
                    sweep.rates().size(), steps, LrFindRun.format(sweep.rates().get(sweep.rates().size() - 1)));
        }
        o.printf(Locale.ROOT, "train --find-lr: suggested learning rate %s (%s); loss vs rate: %s%n", LrFindRun.format(sweep.suggested()),
                sweep.reason(), dir.resolve(LrFindRun.PNG));
        o.printf("train with it: %s%n", String.join(" ", trainCommand(command, LrFindRun.format(sweep.suggested()))));
        o.flush();
        return 0;
    }

    /** MIN:MAX as a range of {@code steps} steps. */
    static LearningRateFinder.Range parseRange(String value, int steps) {
        String[] parts = value.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected MIN:MAX, e.g. 1e-5:1, not '" + value + "'");
        }
        double min;
        double max;
        try {
            min = Double.parseDouble(parts[0].strip());
            max = Double.parseDouble(parts[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected two numbers MIN:MAX, e.g. 1e-5:1, not '" + value + "'");
        }
        if (!(min > 0) || !(max > min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("expected 0 < MIN < MAX, not '" + value + "'");
        }
        return new LearningRateFinder.Range(steps, min, max);
    }

    /** The command line without the --find-lr options and the run folder, with {@code --lr rate}: the training to run next. */
    static List<String> trainCommand(List<String> command, String rate) {
        return LrFindRun.trainCommand(command, rate);
    }

    /**
     * The request of {@code --config}: a run's config.json as it is (epochs and patience already fitted to its data), with
     * this command's {@code --threads}.
     */
    /**
     * Warns when the data a {@code --config} run reads differ from those its run was trained on (the run's
     * dataset-provenance.json beside the config.json): the new run is then not a repetition of that one. Not refused, and
     * exit 0: training the same settings on updated data is a reason to use --config; the new run records the check in
     * {@value RunFiles#REPEAT_OF} and data-warnings.txt ({@link RunFiles.RepeatOf}).
     */
    private RunFiles.RepeatOf checkRepeat(SequenceDataset dataset, PrintWriter err) {
        RunFiles.RepeatOf repeat = RunFiles.repeatOf(config, dataset);
        if (tunedChange != null) { // warned of when the settings were read
            repeat = repeat.withTrainingChange(tunedChange);
        }
        if (!repeat.dataDiffer()) {
            // the same data, trained otherwise by this version (a feature an older rnnlab's standardiser zeroed)
            java.util.Optional<String> change = RunFiles.trainingChange(config, dataset);
            if (change.isPresent()) {
                repeat = repeat.withTrainingChange(repeat.trainingChange() == null ? change.get()
                        : repeat.trainingChange() + "; " + change.get());
                err.printf("train: warning: %s%n", notARepeatByTraining(repeat));
            }
        }
        if (repeat.dataDiffer()) {
            err.printf("train: warning: %s%n", notARepeat(repeat, "trained on", "run trains", "run"));
        } else if (repeat.sameData() == null) {
            err.printf("train: note: whether the data are those %s was trained on is %s%n", config, repeat.dataChange());
        }
        return withCode(repeat, "train", err);
    }

    /**
     * {@code repeat} with this rnnlab's code and runtime compared with those of the provenance.json beside its config.json
     * ({@link org.rnnlab.evaluation.run.CodeCheck}), said on {@code err}: a warning when they differ, a note when the code
     * cannot be compared (trial 80b F1: a replay under another commit and DL4J version said nothing). {@code train --config}
     * and {@code compare --config} alike.
     */
    static RunFiles.RepeatOf withCode(RunFiles.RepeatOf repeat, String command, PrintWriter err) {
        RunFiles.RepeatOf checked = repeat.withCode(org.rnnlab.evaluation.run.CodeCheck.beside(Path.of(repeat.config()),
                org.rnnlab.training.Provenance.capture(List.of(), null, null, List.of())));
        java.util.Optional<String> warning = codeWarning(checked);
        if (warning.isPresent()) {
            err.printf("%s: warning: %s%n", command, warning.get());
        } else if (checked.sameCode() == null) {
            err.printf("%s: note: whether this rnnlab runs the code of the run of %s is %s (%s: \"sameCode\": null)%n", command,
                    checked.config(), checked.codeChange(), RunFiles.REPEAT_OF);
        }
        return checked;
    }

    /** The warning of a replay under other code or another runtime than its run's, for standard error and data-warnings.txt. */
    static java.util.Optional<String> codeWarning(RunFiles.RepeatOf repeat) {
        return repeat.code().replayWarning("the run of " + repeat.config(), RunFiles.REPEAT_OF);
    }

    /**
     * The class weights of a {@code --config} run, always said on {@code err} (a trial's replay trained with weights and said
     * nothing of them): those config.json records, unless they were {@code --class-weights balanced}
     * ({@link TrainRequest#BALANCED}), when they are always computed again from these data's training split (cheap and
     * exact), whatever is beside the config.json: numbers equal to the recorded ones (an exact repeat) are kept byte for
     * byte and said to be the same; others replace them, the recorded and the new numbers said (trial 72c: a retrain on
     * updated data kept the earlier data's numbers, silently; trial 73a F6: a config.json copied out of its run folder, with
     * nothing beside it to tell that the data had changed, trained 2.26/5.83/0.419 still called balanced where the data in
     * hand gave 1.34/3.47/0.508). A config.json of numbers alone (a file's weights, or written before the policy was
     * recorded) replays them, and on other data says they were set for the earlier data.
     */
    private TrainRequest replayedClassWeights(TrainRequest request, SequenceDataset dataset, RunFiles.RepeatOf repeat, PrintWriter err) {
        List<Double> recorded = request.spec().classWeights();
        List<String> labels = dataset.labelNames();
        if (recorded.isEmpty() || recorded.size() != labels.size()) { // a count that differs is refused naming both when built
            return request;
        }
        boolean balanced = TrainRequest.BALANCED.equals(request.classWeightPolicy());
        boolean differ = repeat != null && repeat.dataDiffer();
        if (balanced) {
            List<Double> now;
            try {
                now = org.rnnlab.evaluation.train.ClassWeights.balanced(dataset);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--config " + config + ": " + e.getMessage()
                        + " in these data (its class weights are balanced, computed again from the training split in hand)");
            }
            if (now.equals(recorded)) {
                err.printf("train: class weights %s (balanced, as config.json records them%s)%n",
                        org.rnnlab.evaluation.train.ClassWeights.describe(labels, recorded),
                        repeat != null && Boolean.TRUE.equals(repeat.sameData()) ? " from the same data"
                                : ": computed again from these data's training split, the same numbers");
                return request;
            }
            StringBuilder change = new StringBuilder();
            for (int c = 0; c < labels.size(); c++) {
                change.append(c == 0 ? "" : ", ").append(labels.get(c)).append(' ')
                        .append(String.format(Locale.ROOT, "%.3g -> %.3g", recorded.get(c), now.get(c)));
            }
            String why = differ ? "since the data differ from the run's"
                    : repeat != null && Boolean.TRUE.equals(repeat.sameData()) ? "which give other numbers than config.json "
                    + "records, on the same data" : repeat == null && finalFit() ? "the final fit's, which holds other "
                    + "sequences than the run's" : "which give other numbers than config.json records (whether the data are "
                    + "the run's is not checked)";
            err.printf("train: class weights balanced, computed again from these data's training split, %s: %s (the run's -> "
                    + "these data's; config.json: classWeightPolicy balanced)%n", why, change);
            return request.withSpec(request.spec().withClassWeights(now));
        }
        err.printf("train: class weights %s (%s)%n", org.rnnlab.evaluation.train.ClassWeights.describe(labels, recorded),
                differ ? "the numbers config.json records, set for the earlier data: it records no classWeightPolicy, so "
                + "balanced weights, if they were, are not computed again; train without --config with --class-weights balanced "
                + "to weigh these data" : "as config.json records them");
        return request;
    }

    /**
     * Refuses a {@code --config} whose class weights (kept by class position) were set for classes an older rnnlab ordered as
     * text (1, 10, 11, 2, ...) and this version orders by number: replayed, each weight would fall on another class (a review).
     */
    private void refusePositionalWeightsOfTextOrder(TrainRequest request, SequenceDataset dataset) {
        positionalWeightsOfTextOrder(config, request.spec().classWeights(), dataset).ifPresent(why -> {
            throw new CommandLine.ParameterException(spec.commandLine(), why);
        });
    }

    /**
     * Why a {@code --config} (of a training run or a comparison, {@code compare --config} as {@code train --config}) whose
     * class {@code weights} (kept by class position) were set for classes an older rnnlab ordered as text cannot be replayed
     * on {@code dataset}, which this version orders by number; empty when they can.
     */
    static java.util.Optional<String> positionalWeightsOfTextOrder(Path config, List<Double> weights, SequenceDataset dataset) {
        if (weights == null || weights.isEmpty() || !dataset.provenance().parameters().containsKey("labelOrder")) {
            return java.util.Optional.empty();
        }
        java.util.Optional<String> older = RunFiles.olderRules(RunFiles.repeatOf(config, dataset).checksumThen(), dataset.provenance());
        if (older.isPresent() && older.get().contains("ordered as text then")) {
            return java.util.Optional.of("--config " + config + ": its class weights " + weights
                    + " were set for the classes in the order an older rnnlab gave them (as text: 1, 10, 2, ...), and this version "
                    + "orders the classes " + dataset.labelNames() + " by number, so each weight would fall on another class: train "
                    + "without --config, giving --class-weights again (balanced, or a file by class name)");
        }
        return java.util.Optional.empty();
    }

    /**
     * The closing line of a {@code --config} run, from its {@value RunFiles#REPEAT_OF} ({@code runDir}): whether it repeated
     * the run it was given, and if not why ({@code dataChange}, {@code trainingChange}); empty without that file (not a
     * {@code --config} run). A person re-running an upgraded rnnlab reads the console, not the file (trial 78j F2: no line
     * said whether the replay was a repeat).
     */
    static Optional<String> repeatVerdict(Path runDir) {
        Path file = runDir.resolve(RunFiles.REPEAT_OF);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode r = Json.mapper().readTree(file.toFile());
            String of = r.path("config").asText("");
            com.fasterxml.jackson.databind.JsonNode repeat = r.path("repeat");
            // "repeat" is about the data and settings; other code is said beside it (trial 80b F1: a replay under another
            // commit and DL4J version was called a repeat, and nothing said the code differed)
            String code = r.path("sameCode").isBoolean() && !r.path("sameCode").asBoolean()
                    ? "; other code: " + r.path("codeChange").asText() : "";
            String codeField = code.isEmpty() ? "" : ", \"sameCode\": false";
            if (repeat.isBoolean() && repeat.asBoolean()) {
                return Optional.of(String.format("a repeat of the run of %s (same data, same settings%s): %s \"repeat\": true%s", of,
                        code, file, codeField));
            }
            if (repeat.isBoolean()) {
                List<String> why = new ArrayList<>();
                if (!r.path("dataChange").isNull() && !r.path("dataChange").isMissingNode()) {
                    why.add("the data differ: " + r.path("dataChange").asText());
                }
                if (!r.path("trainingChange").isNull() && !r.path("trainingChange").isMissingNode()) {
                    why.add(r.path("trainingChange").asText());
                }
                if (!code.isEmpty()) {
                    why.add(code.substring(2));
                }
                return Optional.of(String.format("not a repeat of the run of %s%s: %s \"repeat\": false%s", of,
                        why.isEmpty() ? "" : " (" + String.join("; ", why) + ")", file, codeField));
            }
            return Optional.of(String.format("whether this repeats the run of %s was not checked: %s \"repeat\": null", of, file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: the file itself is the record
        }
    }

    /**
     * Why a {@code --config} run does not repeat the run of its config.json, for {@code --require-repeat}; empty when it does
     * ({@code "repeat": true}). The code ({@code sameCode}) is not part of it.
     */
    static Optional<String> notRepeated(RunFiles.RepeatOf repeat) {
        if (Boolean.TRUE.equals(repeat.repeat())) {
            return Optional.empty();
        }
        List<String> why = new ArrayList<>();
        if (repeat.dataDiffer()) {
            why.add("the data differ: " + repeat.dataChange());
        } else if (repeat.sameData() == null) {
            why.add("whether the data are the same is " + repeat.dataChange());
        }
        if (repeat.trainingChange() != null) {
            why.add(repeat.trainingChange());
        }
        return Optional.of(String.format("this run would not repeat the run of %s (%s): %s \"repeat\" %s", repeat.config(),
                String.join("; ", why), RunFiles.REPEAT_OF, repeat.repeat()));
    }

    /** The warning of a {@code --config} run that trains the same data otherwise than its run did. */
    static String notARepeatByTraining(RunFiles.RepeatOf repeat) {
        return String.format("this run does not repeat the run of %s: %s (%s: \"repeat\": false, \"trainingChange\")",
                repeat.config(), repeat.trainingChange(), RunFiles.REPEAT_OF);
    }

    /** The warning of a {@code --config} run on other data than its run's, for standard error and data-warnings.txt. */
    static String notARepeat(RunFiles.RepeatOf repeat, String was, String thisDoes, String that) {
        return String.format("the data differ from those %s was %s (%s; dataset checksum %s then, %s now): this %s on the data as "
                + "they are now, so it does not repeat that %s (%s: \"sameData\": false)", repeat.config(), was, repeat.dataChange(),
                repeat.checksumThen(), repeat.checksumNow(), thisDoes, that, RunFiles.REPEAT_OF);
    }

    private TrainRequest fromConfig(PrintWriter err) throws IOException {
        if (Files.isRegularFile(config) && isComparison(config)) {
            return fromComparison(err);
        }
        List<String> others = OptionChecks.givenBesides(spec.commandLine(), finalFit() ? withSet(CONFIG_OPTIONS) : CONFIG_OPTIONS);
        if (!others.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config trains what the config.json describes: "
                    + String.join(", ", others) + " cannot be given with it (only --out, --overwrite, --quiet, --threads, --ui, "
                    + "--ui-port, --calibrate, --train, --validation and --test in place of the data files config.json records, "
                    + "and --set testFraction=0, with or without --set validationFraction=0 and --set split=none, for a "
                    + "final model)");
        }
        if (!Files.isRegularFile(config)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config " + config + ": no such file (expected the "
                    + "config.json of a 'rnnlab train' run)");
        }
        TrainRequest r;
        try {
            r = Json.readFile(config, TrainRequest.class);
        } catch (IOException | IllegalArgumentException e) {
            ConfigPaths.refuseWindowsPath(spec.commandLine(), config);
            throw new CommandLine.ParameterException(spec.commandLine(), "--config " + config + ": not the config.json of a "
                    + "'rnnlab train' run or a comparison (" + e.getMessage() + ")");
        }
        if (Files.isRegularFile(config.toAbsolutePath().resolveSibling(org.rnnlab.evaluation.train.LrFindRun.JSON))) {
            // a sweep's config.json holds its model and data, not the sweep (a user's try expected --config to sweep again)
            err.printf("train: %s is the config.json of a learning-rate sweep (%s beside it): --config trains a model with its "
                    + "settings (%d epochs at --lr %s); it does not sweep again (run train --find-lr with the sweep's options, "
                    + "which %s holds)%n", config, org.rnnlab.evaluation.train.LrFindRun.JSON, r.training().epochs(),
                    r.spec().learningRate(), org.rnnlab.evaluation.train.LrFindRun.JSON);
        }
        int threads = recordedThreads(r.threads(), "run", err);
        warnTimeBudget(r.training(), "it stops", "the run's", err);
        err.printf("train: training again what %s describes%n", config.toAbsolutePath().normalize()); // as repeat-of.json names it (trial 78j F1)
        // the epoch tie rule its run was made with, recorded in the new config.json (an older run's: from its results.json)
        org.rnnlab.evaluation.run.ReplayedTies ties = org.rnnlab.evaluation.run.ReplayedTies.of(r.training(), config);
        if (ties.note() != null) {
            err.printf("train: note: %s%n", ties.note());
        }
        return new TrainRequest(r.dataset(), finalFit(replacedFiles(r, err), err), r.spec(), r.training().withSelectionTies(ties.rule()), threads,
                calibration(r.calibrate(), err), r.classWeightPolicy());
    }

    /**
     * The data options of a {@code --config} run {@code r} with the files given by {@code --train}, {@code --validation} and
     * {@code --test} in place of those its config.json records ({@link ConfigPaths#replacedFiles}).
     */
    private org.rnnlab.datasets.DatasetOptions replacedFiles(TrainRequest r, PrintWriter err) {
        return ConfigPaths.replacedFiles(spec.commandLine(), config, "train", "run", r.dataset(), r.datasetOptions(), data.train,
                data.validation, data.test, err);
    }

    /**
     * The calibration of a {@code --config} run: {@code --calibrate} when given (it changes no training, only the
     * probabilities after it: a hydrologist's trial had to retype a comparison's every option to calibrate its best run),
     * else the {@code recorded} one.
     */
    private String calibration(String recorded, PrintWriter err) {
        if (calibrate == null) {
            return recorded;
        }
        String method = TrainRequest.canonical(calibrate);
        if (!TrainRequest.METHODS.contains(method)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--calibrate " + calibrate + ": " + TrainRequest.methods());
        }
        if (recorded == null) {
            err.printf("train: --calibrate %s: the probabilities of the run trained again are recalibrated after its training, "
                    + "which is as the config.json describes%n", method);
        }
        return method;
    }

    /**
     * The thread count of a {@code --config} run: the {@code recorded} one of its config.json (of a {@code whose}: "run" or
     * "comparison"), set for this process, unless --threads was given, as compare --config does: the split of a minibatch
     * changes the last bits. Says which, and when the two differ.
     */
    private int recordedThreads(int recorded, String whose, PrintWriter err) {
        int threads = runtime.threads();
        if (recorded >= 1 && recorded != threads && !spec.commandLine().getParseResult().hasMatchedOption("--threads")) {
            org.rnnlab.core.Nd4jRuntime.configureThreads(recorded);
            err.printf("train: with the %s's own --threads %d%n", whose, recorded);
            return recorded;
        }
        if (recorded != threads) {
            err.printf("train: %s recorded --threads %d, this run uses %d (the minibatch is split differently: results may differ "
                    + "slightly)%n", config, recorded, threads);
        }
        return threads;
    }

    /** Warns that a --config run under a time budget may stop at another epoch than the {@code repeated} one did. */
    private void warnTimeBudget(TrainingConfig training, String stops, String repeated, PrintWriter err) {
        if (training.timeBudgetSeconds() > 0) {
            err.printf(Locale.ROOT, "train: warning: %s has a time budget of %s: the epoch %s after depends on this machine's speed "
                    + "and load, so the results may differ from %s%n", config,
                    org.rnnlab.evaluation.compare.TrainAgain.seconds(training.timeBudgetSeconds()), stops, repeated);
        }
    }

    /** Whether {@code file} is a comparison's config.json (a JSON object with {@code comparison}). */
    private static boolean isComparison(Path file) {
        try {
            return Json.mapper().readTree(file.toFile()).has("comparison");
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    /**
     * {@code --config} of a comparison's config.json with {@code --cell}, {@code --clip} and {@code --seed}: one of its runs
     * trained again, with the comparison's data, model and training settings (what its best line prints, so that keeping
     * the winner's model is one command instead of every data and model option typed again), with {@code --train},
     * {@code --validation} and {@code --test} in place of the files it read ({@link ConfigPaths#replacedFiles}, as for a
     * run's config.json). Refused for comparisons whose runs train on a band of the data.
     */
    /**
     * With --config of a comparison, the comparison's name of the configuration trained again ({@code lstm x2 clip=l2:1.0}),
     * printed beside the model's own ({@code lstm-8x2-clip(l2:1.0)}): a trial met two names of one configuration; else null.
     */
    private String comparisonName;

    /**
     * With --config of a tuned comparison, why the settings given are not those its tuning chose (each option that differs),
     * for {@value RunFiles#REPEAT_OF}'s {@code trainingChange}; null when they are (trial 78d F1).
     */
    private String tunedChange;

    /**
     * The trial the tuning chose for each architecture, by id, from the tuning.json beside a tuned comparison's {@code config};
     * null when there is none (written when the comparison ends).
     *
     * @throws CommandLine.ParameterException when it cannot be read, naming it
     */
    private Map<String, org.rnnlab.evaluation.tune.Trial> tuningBeside(Path config) {
        Path file = config.toAbsolutePath().resolveSibling("tuning.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, org.rnnlab.evaluation.tune.Trial> chosen = new java.util.LinkedHashMap<>();
            for (com.fasterxml.jackson.databind.JsonNode a : Json.mapper().readTree(file.toFile()).get("architectures")) {
                chosen.put(a.get("architecture").asText(), Json.mapper().treeToValue(a.get("chosen"),
                        org.rnnlab.evaluation.tune.Trial.class));
            }
            return chosen;
        } catch (IOException | RuntimeException unreadable) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config " + config + ": " + file + ", which holds the "
                    + "settings the comparison's tuning chose, cannot be read (expected architectures[].architecture and "
                    + ".chosen): " + unreadable.getMessage());
        }
    }

    private TrainRequest fromComparison(PrintWriter err) throws IOException {
        CommandLine cl = spec.commandLine();
        String dir = CommandLines.quote(config.toAbsolutePath().getParent().toString());
        String again = "'rnnlab compare --config " + CommandLines.quote(config.toString()) + "' compares again into a new folder"
                + (RunDirectory.finishedComparison(config.toAbsolutePath().getParent()) ? ""
                : ", 'rnnlab compare --resume " + dir + "' finishes that comparison");
        CompareRequest c;
        try {
            c = Json.readFile(config, CompareRequest.class);
        } catch (IOException | RuntimeException e) {
            ConfigPaths.refuseWindowsPath(cl, config);
            throw new CommandLine.ParameterException(cl, "--config " + config + ": a comparison's config.json that cannot be read: "
                    + e.getMessage());
        }
        ComparisonConfig cc = c.comparison();
        boolean tuned = cc.tuning() != null;
        java.util.Set<String> allowed = new java.util.HashSet<>(finalFit() ? withSet(COMPARISON_CONFIG_OPTIONS)
                : COMPARISON_CONFIG_OPTIONS);
        if (tuned) {
            allowed.addAll(TUNED_OPTIONS);
        }
        boolean depths = !tuned && cc.depths().size() > 1; // compare --layers 1,2: the run's depth is named too
        if (depths) {
            allowed.add("--layers");
        }
        List<String> others = OptionChecks.givenBesides(cl, allowed);
        if (!others.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--config " + config + " is a comparison's config.json: train takes one "
                    + "of its runs with --cell, --clip" + (depths ? ", --layers" : "") + " and --seed" + (tuned ? " and the tuned settings (--lr, --hidden, --layers, "
                    + "--dropout, --head, --residual)" : "") + " (and --out, --overwrite, --quiet, --threads, --ui, --ui-port, "
                    + "--calibrate, --train, --validation and --test in place of the data files config.json records, "
                    + "and --set testFraction=0, with or without --set validationFraction=0 and --set split=none, for a final model), "
                    + "not " + String.join(", ", others) + " (" + again + ")");
        }
        if (cc.bands() != null) {
            throw new CommandLine.ParameterException(cl, "--config " + config + ": a comparison with bands: each run trains on one "
                    + "band of the examples (" + cc.bands().label(0) + ", ...), which a train run does not repeat (train with its data "
                    + "and model options and the settings you choose; " + again + ")");
        }
        Map<String, org.rnnlab.evaluation.tune.Trial> tuning = tuned ? tuningBeside(config) : null;
        if (tuned && tuning == null) { // tuning.json is written when the comparison ends: before, the options are all there is
            List<String> missingTuned = new ArrayList<>();
            for (String o : List.of("--lr", "--hidden", "--layers", "--dropout", "--clip", "--head")) {
                if (!cl.getParseResult().hasMatchedOption(o)) {
                    missingTuned.add(o);
                }
            }
            if (!missingTuned.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "--config " + config + " is a tuned comparison's config.json without "
                        + "tuning.json beside it (written when the comparison ends), which holds the settings its tuning chose: give "
                        + "the tuned settings to train with, " + String.join(", ", missingTuned) + " (and --residual if chosen); the "
                        + "comparison's best line prints them for its best configuration (" + again + ")");
            }
        }
        boolean cellGiven = cl.getParseResult().hasMatchedOption("--cell");
        boolean clipGiven = cl.getParseResult().hasMatchedOption("--clip");
        List<String> cells = cc.architectures().stream().map(Architecture::id).toList();
        List<String> clips = cc.clips().stream().map(ClipSetting::id).toList();
        long lastSeed = cc.firstSeed() + cc.seeds() - 1;
        String seeds = cc.seeds() == 1 ? Long.toString(cc.firstSeed()) : cc.firstSeed() + " to " + lastSeed;
        List<String> missing = new ArrayList<>();
        if (!cellGiven && cells.size() > 1) {
            missing.add("--cell (one of " + String.join(", ", cells) + ")");
        }
        if (!clipGiven && clips.size() > 1 && !tuned) {
            missing.add("--clip (one of " + String.join(", ", clips) + ")");
        }
        List<String> layerIds = cc.depths().stream().map(String::valueOf).toList();
        if (depths && !cl.getParseResult().hasMatchedOption("--layers")) {
            missing.add("--layers (one of " + String.join(", ", layerIds) + ")");
        }
        if (seed == null && cc.seeds() > 1) {
            missing.add("--seed (" + seeds + ")");
        }
        if (!missing.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--config " + config + " is a comparison's config.json: name the run to "
                    + "train again with " + String.join(", ", missing) + "; its best line prints them (" + again + ")");
        }
        String arch = cellGiven ? OptionChecks.parse(cl, "--cell", cell, Architecture::parse).id() : cells.get(0);
        String clipId = clipGiven ? OptionChecks.parse(cl, "--clip", clip, ClipSetting::parse).id() : clips.get(0);
        long s = seed != null ? seed : cc.firstSeed();
        if (!cells.contains(arch)) {
            throw new CommandLine.ParameterException(cl, "--cell " + cell + ": not a cell of the comparison in " + config + " ("
                    + String.join(", ", cells) + ")");
        }
        if (!tuned && !clips.contains(clipId)) {
            throw new CommandLine.ParameterException(cl, "--clip " + clip + ": not a clip setting of the comparison in " + config
                    + " (" + String.join(", ", clips) + ")");
        }
        if (depths) {
            budget.oneDepth(cl, "train");
        }
        int depth = depths ? budget.layers() : cc.depths().get(0);
        if (depths && !cc.depths().contains(depth)) {
            throw new CommandLine.ParameterException(cl, "--layers " + budget.layersText() + ": not a depth of the comparison in "
                    + config + " (" + String.join(", ", layerIds) + ")");
        }
        if (s < cc.firstSeed() || s > lastSeed) {
            throw new CommandLine.ParameterException(cl, "--seed " + s + ": not a seed of the comparison in " + config + " (" + seeds
                    + ")");
        }
        int threads = recordedThreads(c.threads(), "comparison", err);
        org.rnnlab.core.ModelSpec model;
        TrainingConfig training = cc.training().withSeed(s);
        String what;
        if (tuned) {
            OptionRanges.HIDDEN.check(cl, budget.hidden);
            budget.oneDepth(cl, "train");
            OptionRanges.LAYERS.check(cl, budget.layers());
            OptionRanges.DROPOUT.check(cl, budget.dropout);
            OptionRanges.LR.check(cl, budget.lr);
            boolean residualOn = Boolean.TRUE.equals(budget.residual);
            String headId = budget.head == null ? null
                    : OptionChecks.parse(cl, "--head", budget.head, org.rnnlab.core.SequenceHead::parse).id();
            org.rnnlab.evaluation.tune.Trial trial;
            org.rnnlab.evaluation.tune.Trial chosen = tuning == null ? null : tuning.get(arch);
            if (chosen == null && tuning != null) {
                throw new CommandLine.ParameterException(cl, "--config " + config + ": tuning.json beside it holds no choice for "
                        + arch + " (it has " + String.join(", ", tuning.keySet()) + ")");
            }
            if (chosen == null) { // every option given (refused above otherwise): trained as given, as before tuning.json
                trial = new org.rnnlab.evaluation.tune.Trial(0, budget.lr, budget.hidden, budget.layers(), budget.dropout, clipId,
                        headId, residualOn);
                what = "the comparison's tuned " + arch + " (" + trial.describe() + ") with seed " + s;
            } else {
                TunedSettings settings = TunedSettings.of(chosen, budget.lr, budget.hidden, budget.layers(), budget.dropout,
                        clipGiven ? clipId : null, headId, budget.residual);
                trial = settings.trial();
                if (!settings.filled().isEmpty()) {
                    err.printf("train: the tuned settings not given are those tuning.json records for %s: %s%n", arch,
                            String.join(" ", settings.filled()));
                }
                if (settings.same()) {
                    what = "the comparison's tuned " + arch + " (" + trial.describe() + ") with seed " + s;
                } else {
                    // another configuration than any run of the comparison: trained, but named as what it is (trial 78d F1)
                    tunedChange = "the settings given differ from those the comparison's tuning chose for " + arch
                            + " (tuning.json): " + String.join(", ", settings.differences()) + ", so this trains another "
                            + "configuration than its runs";
                    err.printf("train: warning: %s; it is no repeat of the comparison's run (%s: \"repeat\": false)%n",
                            tunedChange, RunFiles.REPEAT_OF);
                    what = arch + " (" + trial.describe() + ") with seed " + s + ", not the comparison's tuned " + arch + " ("
                            + chosen.describe() + "), with the data and training";
                }
            }
            if (trial.residual() && trial.layers() < 2) {
                throw new CommandLine.ParameterException(cl, "--residual needs --layers 2 or more (the skip connections go around "
                        + "stacked layers)");
            }
            model = trial.apply(Comparison.specOf(cc.base(), Architecture.parse(arch))).withSeed(s);
        } else {
            RunTask task = Comparison.tasks(cc).stream()
                    .filter(t -> t.architecture().equals(arch) && t.clip().equals(clipId) && t.seed() == s
                            && t.spec().hiddenSizes().size() == depth).findFirst().orElseThrow();
            model = task.spec();
            training = task.training();
            what = "the comparison's run " + Comparison.runKey(task.configuration(), s);
            comparisonName = task.configuration();
        }
        warnTimeBudget(training, "a run stops", "the comparison's run", err);
        if (cc.crossValidation() != null) {
            // a fold's run is not repeatable: the configuration is trained on the dataset's own split instead (the best line says so)
            err.printf("train: the comparison cross-validated (--cv %d): this trains %s on the dataset's own training split, not on "
                    + "a fold, so its test scores are not the folds' (their mean is the comparison's estimate)%n",
                    cc.crossValidation().folds(), what.replace("the comparison's run ", "the configuration of run "));
        } else if (tunedChange != null) {
            err.printf("train: training %s of %s%n", what, config.toAbsolutePath());
        } else {
            err.printf("train: training again %s of %s%n", what, config.toAbsolutePath());
        }
        org.rnnlab.datasets.DatasetOptions files = ConfigPaths.replacedFiles(cl, config, "train", "comparison", c.dataset(),
                c.datasetOptions(), data.train, data.validation, data.test, err);
        // the epoch tie rule the comparison's runs were made with (an older comparison's: from its runs), as compare --config
        org.rnnlab.evaluation.run.ReplayedTies ties = org.rnnlab.evaluation.run.ReplayedTies.ofComparison(training, config);
        if (ties.note() != null) {
            err.printf("train: note: %s%n", ties.note());
        }
        return new TrainRequest(c.dataset(), finalFit(files, err), oneHeadName(model), training.withSelectionTies(ties.rule()),
                threads, calibration(null, err));
    }

    /**
     * Whether this is a final fit of a {@code --config} run: {@code --set testFraction=0} and no other setting (a sleep-lab
     * user's trial: after a comparison the one way to a model on all the labelled data was to type every option again).
     */
    private boolean finalFit() {
        return config != null && RunDefaults.testFractionZero(data.settings) && data.settings.keySet().stream()
                .allMatch(k -> k.equals("testFraction") || k.equals("validationFraction") && "0".equals(data.settings.get(k).strip())
                        || k.equals("split") && "none".equals(data.settings.get(k).strip())); // a split column's rows pooled
    }

    /** {@code options} and {@code --set}. */
    private static Set<String> withSet(Set<String> options) {
        Set<String> all = new java.util.HashSet<>(options);
        all.add("--set");
        return all;
    }

    /**
     * The config.json's data options, with {@code testFraction=0} for a {@link #finalFit} (said on {@code err}); refused
     * when its test sequences come from a file or a split column, which testFraction does not carve.
     */
    private org.rnnlab.datasets.DatasetOptions finalFit(org.rnnlab.datasets.DatasetOptions recorded, PrintWriter err) {
        if (!finalFit()) {
            return recorded;
        }
        boolean pooled = data.settings.containsKey("split"); // --set split=none: the split column's rows carved anew
        if (recorded.testFile() != null || recorded.settings().containsKey("split") && !pooled
                && !"none".equals(recorded.settings().get("split").strip())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--set testFraction=0: the test sequences of " + config
                    + " come from " + (recorded.testFile() != null ? "the test file " + recorded.testFile() + ", not from testFraction; "
                    + "for a model on all the labelled data train on one file holding them all" : "its split column, not from "
                    + "testFraction; add --set split=none to pool the column's rows and carve a validation split anew"));
        }
        boolean noValidation = data.settings.containsKey("validationFraction");
        err.printf("train: a final fit (--set testFraction=0%s) of %s: no test split and no test scores, so no repeat of its "
                + "results (its data are not checked against the run's); %s%n", noValidation ? " validationFraction=0" : "",
                config.toAbsolutePath(), noValidation ? "every labelled sequence trains, for all the configuration's epochs (no "
                + "validation data: no early stopping, the epoch of the lowest training loss is kept)" : "the validation sequences "
                + "are carved anew by the data seed (with equal validation and test fractions, the ones the run held out for test) "
                + "and choose the epoch, all others train; add --set validationFraction=0 to train on every labelled sequence");
        org.rnnlab.datasets.DatasetOptions d = recorded.with("testFraction", "0");
        if (pooled) {
            d = d.with("split", "none");
        }
        return noValidation ? d.with("validationFraction", "0") : d;
    }

    /**
     * A comparison's spec of a one-directional cell with head {@code last-step} (a comparison's config.json written before the
     * per-direction last head reads with last-step for all its cells, for the sake of its bidirectional ones) as {@code last}:
     * for one direction they are the same network (its last valid step, NetworkFactory), and train refuses --head last-step
     * for such a cell, so the model gets the one name a new run of it has ({@code lstm-12}, not {@code lstm-12-last-step}).
     */
    static org.rnnlab.core.ModelSpec oneHeadName(org.rnnlab.core.ModelSpec spec) {
        return !spec.bidirectional() && spec.head() == org.rnnlab.core.SequenceHead.LAST_STEP
                ? spec.withHead(org.rnnlab.core.SequenceHead.LAST) : spec;
    }

    /** The request with the defaults of the dataset (epochs resolved by {@link #withBudget}). */
    TrainRequest request() {
        budget.check(spec.commandLine());
        RunDefaults d = RunDefaults.forDataset(data.name());
        Architecture architecture = OptionChecks.parse(spec.commandLine(), "--cell", cell, Architecture::parse);
        long s = seed != null ? seed : d.seed();
        if (clip.contains(",")) { // a user's --clip l2:1,value:1 read "threshold after ':' must be a number"
            // the suggestion without empty entries, which compare refuses (a trial's --clip 'none,')
            String list = java.util.Arrays.stream(clip.split(",")).map(String::trim).filter(e -> !e.isEmpty())
                    .collect(java.util.stream.Collectors.joining(","));
            throw new CommandLine.ParameterException(spec.commandLine(), "--clip takes one setting in train, got '" + clip
                    + "': " + (list.contains(",") ? "compare trains one configuration per setting of a list (rnnlab compare --clip "
                    + list + ")" : "give one setting" + (list.isEmpty() ? "" : ", e.g. --clip " + list)));
        }
        ClipSetting clipping = OptionChecks.parse(spec.commandLine(), "--clip", clip, ClipSetting::parse);
        OptionRanges.CHECKPOINT_EVERY.check(spec.commandLine(), checkpointEvery);
        OptionRanges.CHECKPOINT_MINUTES.check(spec.commandLine(), checkpointMinutes);
        Implementation implementation = OptionChecks.parse(spec.commandLine(), "--impl", impl, Implementation::parse);
        if (architecture.cell() == CellType.GRU && implementation == Implementation.DL4J) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--impl dl4j does not apply to --cell " + cell
                    + ": DL4J M2.1 has no GRU layer, a GRU is always rnnlab's (leave out --impl)");
        }
        if (bidirectional && architecture.bidirectional()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bidirectional and --cell " + cell + " say the same: "
                    + "give one (--cell " + cell + " alone, or --cell " + architecture.cell().name().toLowerCase(java.util.Locale.ROOT)
                    + " --bidirectional)");
        }
        budget.refuseEmbeddingFor(spec.commandLine(), data.name());
        budget.checkLastStep(spec.commandLine(), List.of(new Architecture(architecture.cell(), bidirectional || architecture.bidirectional())),
                "--cell " + cell, spec.commandLine().getErr(), "train");
        if (!findLr) { // a sweep grows the rate through --find-lr-range: the training rate, and --lr, mean nothing to it
            budget.sayDefaultRate(updater, d, spec.commandLine().getErr(), "train");
        }
        ClipSetting.tinyThreshold(List.of(clipping)).ifPresent(w -> spec.commandLine().getErr().printf("train: warning: %s%n", w));
        ModelSpec model = clipping.applyTo(budget.applyTo(ModelSpec.of(architecture.cell())
                .withBidirectional(bidirectional || architecture.bidirectional()), d, updater)
                .withSeed(s)
                .withImplementation(implementation));
        TrainingConfig training = budget.training(d).withSeed(s)
                .withCheckpoints(checkpointEvery, checkpointMinutes);
        if (calibrate != null && !TrainRequest.METHODS.contains(TrainRequest.canonical(calibrate))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--calibrate " + calibrate + ": " + TrainRequest.methods());
        }
        return new TrainRequest(data.name(), data.options(Map.of()), model, training, runtime.threads(), calibrate);
    }

    /**
     * Refuses {@code --calibrate} with {@code --set validationFraction=0} (given, or in the config.json trained again) and no
     * validation file, before the data are loaded: such options hold out no validation data, on which the temperature is
     * fitted (trial 67d #4: the whole file was read and "early stopping is off" printed before the refusal). Data that turn
     * out to have no validation split otherwise are refused after loading, as before.
     */
    private void refuseCalibrationWithoutValidation(TrainRequest request) {
        String fraction = request.datasetOptions().settings().get("validationFraction");
        if (!TrainRequest.fitsTemperature(request.calibrate()) || fraction == null || request.datasetOptions().validationFile() != null) {
            return;
        }
        double f;
        try {
            f = Double.parseDouble(fraction.trim());
        } catch (NumberFormatException notANumber) {
            return; // the data's reader names what it expected
        }
        if (f == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--calibrate " + request.calibrate() + " fits its "
                    + "temperature on the validation split, and validationFraction=" + fraction + " holds out none: "
                    + (EmptyValidation.timeWithGroups(request.datasetOptions().settings()) ? EmptyValidation.remedy(
                    request.datasetOptions().settings()) + " (with splitBy=time and a group column, a validation fraction keeps "
                    + "only groups without test sequences, often none)" : "give a validation fraction (--set validationFraction=0.2) or a "
                    + "validation file (--validation FILE)") + ", or train without --calibrate");
        }
    }

    /**
     * The line of {@code --calibrate temperature}: T and the validation log-loss before and after it (from the card's
     * metrics); empty for an uncalibrated model.
     */
    static Optional<String> calibrationLine(org.rnnlab.training.ModelCard card) {
        return calibrationLine(card, null);
    }

    /**
     * As {@link #calibrationLine(org.rnnlab.training.ModelCard)}; with a prior correction's {@code effect} on the validation
     * decisions (null: not known) its line says how many moved to the right class and to a wrong one, and the scores before
     * and after.
     */
    static Optional<String> calibrationLine(org.rnnlab.training.ModelCard card, org.rnnlab.evaluation.train.PriorEffect effect) {
        if (card.priorCorrection() != null) {
            return Optional.of(priorCalibrationLine(card, effect));
        }
        if (card.temperature() == null) {
            return Optional.empty();
        }
        Map<String, Double> m = card.metrics();
        return Optional.of(String.format(Locale.ROOT, "calibration: temperature T = %.4f fitted on the validation split "
                        + "(log-loss %.4f before, %.4f after; T > 1 softens over-confident probabilities, T < 1 sharpens them); "
                        + "applied by predict, evaluate and serve; the predicted classes are unchanged%s%s", card.temperature(),
                m.getOrDefault(org.rnnlab.evaluation.train.TrainRun.LOG_LOSS_BEFORE, Double.NaN),
                m.getOrDefault(org.rnnlab.evaluation.train.TrainRun.LOG_LOSS_AFTER, Double.NaN),
                weightedCalibration(card.spec().classWeights()),
                // a keystroke trial's T = 0.79 raised unenrolled typists' median top probability from 0.61 to 0.71
                card.temperature() < 1 ? "; fitted on the known classes only, it makes a sequence of a class the model never saw "
                        + "look more certain too: predict's low_confidence cut-off (the validation p05) is taken after it" : ""));
    }

    /**
     * The line of {@code --calibrate prior} (and {@code prior,temperature}): the weights the probabilities are divided by,
     * the temperature after them, and what that changed on the validation split (from the card's metrics): the mean
     * probability of the class weighted up most against its share, the log-loss before and after, and how many sequences
     * changed predicted class.
     */
    static String priorCalibrationLine(org.rnnlab.training.ModelCard card) {
        return priorCalibrationLine(card, null);
    }

    /**
     * As {@link #priorCalibrationLine(org.rnnlab.training.ModelCard)}, with what the correction did to the validation
     * decisions ({@code effect}, null: only the count of those moved): a trial's line gave the log-loss's fall, 0.5084 to
     * 0.0970, and "10 validation sequence(s) changed predicted class", all 10 from right to wrong (trial 80e F2).
     */
    static String priorCalibrationLine(org.rnnlab.training.ModelCard card, org.rnnlab.evaluation.train.PriorEffect effect) {
        Map<String, Double> m = card.metrics();
        List<String> labels = card.labelNames();
        List<Double> w = card.priorCorrection();
        List<String> each = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            each.add(org.rnnlab.datasets.LabelCheck.quoted(labels.get(c)) + " " + String.format(Locale.ROOT, "%.3g", w.get(c)));
        }
        String up = org.rnnlab.datasets.LabelCheck.quoted(labels.get(org.rnnlab.evaluation.train.TrainRun.weightedUp(w)));
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "calibration: prior correction for the class weights (%s): "
                + "each class's probability divided by its weight (the logits less log w)", String.join(", ", each)));
        if (card.temperature() != null) {
            b.append(String.format(Locale.ROOT, ", then temperature T = %.4f fitted on the corrected validation probabilities",
                    card.temperature()));
        }
        Double before = m.get(org.rnnlab.evaluation.train.TrainRun.MEAN_P_BEFORE);
        if (before == null) {
            b.append("; no validation split to show what it changed");
        } else {
            // the share the mean is checked against, qualified when it is of few sequences (trial 80e F6: 1 'A' beat in 327)
            String few = ClassWeightNote.fewChecked(card).map(note -> String.format(Locale.ROOT, " (%d validation sequence(s) of %s: "
                    + "its rate is not checked)", Math.round(m.get(org.rnnlab.evaluation.train.TrainRun.CLASS_SEQUENCES)), up))
                    .orElse("");
            b.append(String.format(Locale.ROOT, "; on the validation split the mean probability of %s went from %.4f to %.4f "
                            + "against its share %.4f%s, the log-loss from %.4f to %.4f", up, before,
                    m.get(org.rnnlab.evaluation.train.TrainRun.MEAN_P_AFTER), m.get(org.rnnlab.evaluation.train.TrainRun.CLASS_SHARE),
                    few, m.get(org.rnnlab.evaluation.train.TrainRun.LOG_LOSS_BEFORE),
                    m.get(org.rnnlab.evaluation.train.TrainRun.LOG_LOSS_AFTER)));
            Double prior = m.get(org.rnnlab.evaluation.train.TrainRun.LOG_LOSS_PRIOR);
            if (prior != null) {
                b.append(String.format(Locale.ROOT, " (%.4f after the correction alone)", prior));
            }
            long moved = Math.round(m.getOrDefault(org.rnnlab.evaluation.train.TrainRun.CLASSES_MOVED, 0.0));
            b.append(effect == null ? String.format(Locale.ROOT, ", and %d validation sequence(s) changed predicted class", moved)
                    : ", and " + effect.words());
            // a trial's under-fitted model: the correction overshot (1.43 to 0.55 times the share) and the log-loss rose
            ClassWeightNote.calibrationRaisedLogLoss(card).ifPresent(raised -> b.append("; warning: ").append(raised).append(" (the card "
                    + "keeps both; predict and evaluate say so): dividing by the weights undoes them exactly only for a model that "
                    + "fits its weighted loss, and this one may not; its probabilities are less trustworthy as rates than "
                    + "uncorrected ones here (" + (card.temperature() == null ? "--calibrate prior,temperature fits a temperature "
                    + "after the correction; " : "") + "more epochs or a larger model may fit better)"));
        }
        b.append("; applied by predict, evaluate, serve, the Java API and the ONNX export. The predicted classes are those of the "
                + "corrected probabilities, moved toward the classes weighted down" + (effect != null && effect.worseDecisions()
                ? " (here more validation decisions from right to wrong than from wrong to right: a lower log-loss does not make "
                + "the argmax decisions better)" : "") + ": for an alarm on " + up + " choose its cut-off "
                + "(evaluate --split validation --target-recall R --positive " + labels.get(org.rnnlab.evaluation.train.TrainRun
                .weightedUp(w)) + ", then predict --threshold P)");
        return b.toString();
    }

    /**
     * What the calibration line adds for a model trained with unequal class weights: one temperature divides every logit
     * alike, so it does not undo the shift the weights put into the probabilities (toward the classes weighted up); a trial
     * (67a #9) read "T = 0.2581 fitted" as calibrated, and the mean probability of 'normal' stayed 0.43 on data of 95.5%
     * 'normal'. Empty for an unweighted model.
     */
    static String weightedCalibration(List<Double> weights) {
        if (weights.stream().distinct().count() < 2) {
            return "";
        }
        return "; but this model was trained with --class-weights, and one temperature does not undo the shift of the "
                + "classes' shares the weights put into its probabilities (toward the classes weighted up): they stay scores, "
                + "not rates of the classes (--calibrate prior,temperature undoes it first)";
    }

    /**
     * The warning for a calibrated run whose validation split, on which T was fitted, holds no sequence of some class of
     * the training split (named with its training count): T is fitted without them (a trial's split lacked 'pitch_system',
     * and its calibration line said nothing of it). Empty otherwise.
     */
    static Optional<String> calibrationSplitLacks(SequenceDataset data) {
        return BudgetOptions.uncovered(data, Split.VALIDATION).map(classes -> "the validation split the temperature was fitted "
                + "on holds no sequence of class(es) " + classes + ": T is fitted without them, and says nothing of how well "
                + "their probabilities are calibrated; give them validation sequences (a larger validation fraction, or a "
                + "validation file) to calibrate for them");
    }

    /**
     * A temperature at an end of the search's range [{@value org.rnnlab.training.TemperatureScaling#LOWEST},
     * {@value org.rnnlab.training.TemperatureScaling#HIGHEST}]: the validation log-loss was still falling there, so the
     * validation split did not pin T down. At the low end it is the usual case of a validation split the model ranks
     * perfectly (every sequence's true class above the others'), where sharpening always lowers its log-loss: T = 0.05
     * turns nearly every probability into 0 or 1, which new data will not bear out (a trial's two-class model: log-loss
     * 0.2581 before, 0.0045 after). Empty otherwise.
     */
    static Optional<String> calibrationAtBound(org.rnnlab.training.ModelCard card) {
        Double t = card.temperature();
        if (t == null) {
            return Optional.empty();
        }
        double lo = org.rnnlab.training.TemperatureScaling.LOWEST;
        double hi = org.rnnlab.training.TemperatureScaling.HIGHEST;
        if (Math.abs(Math.log(t / lo)) < 1e-3) {
            return Optional.of(String.format(Locale.ROOT, "the temperature T = %.4f is the lowest the fit tries: the validation "
                    + "log-loss still fell as the probabilities were sharpened, as it does where the model ranks every validation "
                    + "sequence's class first; the validation split cannot calibrate this model, and T = %.4f makes nearly every "
                    + "probability 0 or 1, which new data will not bear out; calibrate on a larger validation split, or train "
                    + "without --calibrate", t, t));
        }
        if (Math.abs(Math.log(t / hi)) < 1e-3) {
            return Optional.of(String.format(Locale.ROOT, "the temperature T = %.4f is the highest the fit tries: the validation "
                    + "log-loss still fell as the probabilities were softened toward equal shares, so the probabilities carry "
                    + "little about the validation classes; look at the validation scores before using them", t));
        }
        return Optional.empty();
    }

    /** Parameters per training sequence beyond which a model is said to be able to learn its training data by heart. */
    static final long PARAMETERS_PER_SEQUENCE = 10_000;

    /**
     * A model of more than {@value #PARAMETERS_PER_SEQUENCE} parameters per training sequence (a keyword trial's --hidden 1024
     * GRU, 3.2 million parameters for 60 sequences, got no word): it can learn them by heart, and its validation scores are
     * then the ones to read. Empty otherwise.
     */
    static Optional<String> oversized(ModelSpec model, org.rnnlab.datasets.SequenceDataset dataset) {
        int sequences = dataset.split(org.rnnlab.datasets.Split.TRAIN).size();
        if (sequences == 0 || dataset.input().kind() == org.rnnlab.datasets.InputDescription.Kind.TOKENS) {
            return Optional.empty();
        }
        long parameters = org.rnnlab.core.NetworkFactory.parameterCount(model, dataset.input().featureCount(), dataset.classCount());
        if (parameters <= PARAMETERS_PER_SEQUENCE * sequences) {
            return Optional.empty();
        }
        boolean validated = dataset.split(org.rnnlab.datasets.Split.VALIDATION).size() > 0;
        return Optional.of(String.format(Locale.ROOT, "the model has %,d parameters for %,d training sequences (%,d per sequence): "
                + "it can learn them by heart, so a low training loss says little; %s, and consider a smaller --hidden (or "
                + "--layers), --dropout, or more data", parameters, sequences, parameters / sequences, validated
                ? "read its validation and test scores" : "without validation data nothing says how it does on others (hold some out: "
                + "--set validationFraction=0.2)"));
    }

    /** Scales the epochs to the data when --epochs was not given, and says what was chosen. */
    TrainRequest withBudget(TrainRequest r, SequenceDataset dataset, PrintWriter err) {
        return withBudget(r, dataset, err, err);
    }

    /** As {@link #withBudget(TrainRequest, SequenceDataset, PrintWriter)}, the training budget's notes on {@code budgetErr}. */
    private TrainRequest withBudget(TrainRequest r, SequenceDataset dataset, PrintWriter budgetErr, PrintWriter err) {
        budget.allowWithoutTest(RunDefaults.testFractionZero(r.datasetOptions().settings()));
        budget.classWeights(spec.commandLine(), dataset, err, "train"); // checked and said before the epoch selection it sets
        TrainingConfig t = budget.fitTo(r.training(), RunDefaults.forDataset(data.name()), dataset, budgetErr, "train");
        ModelSpec model = budget.fitModel(spec.commandLine(), r.spec(), dataset, err, "train");
        BudgetOptions.requireEqualLengths(spec.commandLine(), List.of(model), dataset, false);
        oversized(model, dataset).ifPresent(w -> err.printf("train: warning: %s%n", w));
        return new TrainRequest(r.dataset(), r.datasetOptions(), model, t, r.threads(), r.calibrate(), model.classWeights().isEmpty()
                ? null : budget.classWeightPolicy());
    }
}
