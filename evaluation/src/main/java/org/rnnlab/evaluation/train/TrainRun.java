package org.rnnlab.evaluation.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.training.Decision;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.Ranking;
import org.rnnlab.evaluation.run.RunFiles;
import org.rnnlab.training.Checkpoint;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.PriorCorrection;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.TemperatureScaling;
import org.rnnlab.training.TrainedModel;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run in a run folder: {@code config.json}, {@code provenance.json}, {@code checkpoints/},
 * then {@code model.rnnlab}, {@code results.json} (validation and test evaluations), {@value TestPredictions#FILE} and
 * {@value TestPredictions#VALIDATION_FILE}. A run
 * interrupted at any point continues with {@link #resume}.
 */
public final class TrainRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainRun.class);
    /** Bundle file name in a run folder. */
    public static final String MODEL_FILE = "model.rnnlab";

    private TrainRun() {
    }

    /** Trains from scratch into {@code dir}. */
    public static TrainOutcome run(TrainRequest request, Path dir, List<String> commandLine, Trainer.Listener listener,
                                   AtomicBoolean stop) throws IOException {
        return run(request, dir, commandLine, new Trainer.Options(listener, dir.resolve("checkpoints"), stop));
    }

    /** Trains from scratch into {@code dir} with the given options (their checkpoint folder should be {@code dir/checkpoints}). */
    public static TrainOutcome run(TrainRequest request, Path dir, List<String> commandLine, Trainer.Options options)
            throws IOException {
        return run(request, Datasets.open(request.dataset(), request.datasetOptions()), dir, commandLine, options);
    }

    /** Trains from scratch into {@code dir} on a dataset already opened with the request's options. */
    public static TrainOutcome run(TrainRequest request, SequenceDataset data, Path dir, List<String> commandLine,
                                   Trainer.Options options) throws IOException {
        Provenance provenance = Trainer.provenance(request.spec(), request.training(), data, commandLine);
        RunFiles.start(dir, request, provenance);
        Json.writeFile(dir.resolve(RunFiles.DATASET_PROVENANCE), data.provenance());
        TrainedModel trained = Trainer.train(request.spec(), request.training(), data, options.withProvenance(provenance));
        return finish(trained, data, dir, request.calibrate());
    }

    /**
     * Continues the run in {@code dir} with the given options.
     *
     * @throws IllegalArgumentException when {@code dir} holds nothing this can continue (a usage error, exit 2): it is
     *         missing or a file, another command's folder ({@link #refuseOtherRun}), a run stopped before its config.json or
     *         a complete one
     */
    public static TrainOutcome resume(Path dir, List<String> commandLine, Trainer.Options options) throws IOException {
        refuseOtherRun(dir);
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            if (Files.isRegularFile(dir.resolve(AtomicFiles.RUN_MARKER))) {
                // a run killed while it read its data: nothing of it to continue (a user was asked whether it was a run folder)
                throw new IllegalArgumentException("cannot resume " + dir + ": the run there was stopped before it wrote its "
                        + "config.json, so there is nothing to continue: start it again with the same options and --out " + dir
                        + " --overwrite");
            }
            throw new IllegalArgumentException("cannot resume " + dir + ": no config.json there (is it a run folder of 'rnnlab "
                    + "train'?)");
        }
        TrainRequest request;
        try {
            request = Json.readFile(config, TrainRequest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot resume " + dir + ": its config.json is not that of a 'rnnlab train' run (a "
                    + "comparison continues with 'rnnlab compare --resume')");
        }
        if (Files.isRegularFile(dir.resolve(MODEL_FILE)) && Files.isRegularFile(dir.resolve("results.json"))) {
            // the folder given has nothing to continue: a wrong folder on the command line, as a missing one is (exit 2)
            throw new IllegalArgumentException("the run in " + dir + " is complete (" + MODEL_FILE + " and results.json are there): "
                    + "nothing to resume");
        }
        SequenceDataset data = Datasets.open(request.dataset(), request.datasetOptions());
        refuseOlderRules(dir, config, data);
        Optional<String> changed = RunFiles.dataChange(dir, data);
        if (changed.isPresent()) {
            throw new IllegalStateException("cannot resume " + dir + ": the data differ from those it started with: " + changed.get());
        }
        RunFiles.removeStaleTemporaryFiles(dir);
        RunFiles.removeStaleTemporaryFiles(dir.resolve("checkpoints"));
        if (!Checkpoint.exists(dir.resolve("checkpoints"))) {
            LOG.warn("{}: no checkpoint yet (the run was stopped before its first one was complete): starting it over from its "
                    + "config.json", dir);
            return run(request, data, dir, commandLine, options);
        }
        if (Checkpoint.isOldBidirectionalLastHead(dir.resolve("checkpoints"))) {
            // before the spec comparison below: config.json of such a run reads as last-step, and the comparison called that an edit
            throw new IllegalArgumentException("cannot resume " + dir + ": its checkpoint was written by an older rnnlab ("
                    + startedBy(dir).replaceAll("^ \\((.*)\\)$", "$1; ") + "checkpoint format 2) for a bidirectional model with head last, which "
                    + "then read both directions at the last valid step; this rnnlab's last head reads the backward direction at step 0, so the run cannot continue as it "
                    + "started. Finish it with the rnnlab it was started with, or start it again with this one: rnnlab train --config "
                    + quote(config.toString()) + " --out NEW_DIR trains the old head (last-step, as its config.json is read) from the "
                    + "start, and --head last the new one");
        }
        TrainingState state = Checkpoint.readState(dir.resolve("checkpoints"));
        List<String> edited = new ArrayList<>(differences("", state.spec(), request.spec()));
        edited.addAll(differences("", state.config(), request.training()));
        if (!edited.isEmpty()) {
            // the checkpoint trains what the run started with: a config.json edited since would describe a model never trained
            throw new IllegalStateException("cannot resume " + dir + ": its config.json differs from what the checkpoint trains ("
                    + String.join("; ", edited) + "). --resume continues the run as it started; to train with other settings, "
                    + "start a new run (rnnlab train --config " + config + " --out NEW_DIR)");
        }
        Provenance provenance = Trainer.provenance(request.spec(), request.training(), data, commandLine);
        org.rnnlab.evaluation.run.ResumeProvenance.append(dir, provenance);
        // the model's card keeps how the run was started (its command line names the data, --set and --data-seed options that
        // evaluate needs to carve the same test split); this session's is in provenance-resume.json
        Path started = dir.resolve(RunFiles.PROVENANCE);
        Provenance original = Files.isRegularFile(started) ? Json.readFile(started, Provenance.class) : provenance;
        List<String> changes = org.rnnlab.evaluation.run.ResumeProvenance.environmentChanges(original, provenance);
        if (!changes.isEmpty()) {
            LOG.warn("{}: resuming under {}; the rest of the training runs there (each session's runtime is in {})", dir,
                    String.join("; ", changes), org.rnnlab.evaluation.run.ResumeProvenance.FILE);
        }
        // other code than the session that started the run, as compare --resume says it, and kept with the run's warnings
        // (trial 80b F1: a run started at one commit and resumed by another checkout's rnnlab said nothing)
        Optional<String> otherCode = org.rnnlab.evaluation.run.CodeCheck.resumeWarning(original, provenance, "the run",
                "the epochs trained now come from other code than the earlier ones");
        if (otherCode.isPresent()) {
            LOG.warn("{}: {}", dir, otherCode.get());
            List<String> kept = new ArrayList<>(org.rnnlab.evaluation.run.DataWarnings.read(dir));
            if (!kept.contains(otherCode.get())) {
                kept.add(otherCode.get());
                org.rnnlab.evaluation.run.DataWarnings.write(dir, kept);
            }
        }
        TrainedModel trained = Trainer.resume(dir.resolve("checkpoints"), data, options.withProvenance(original));
        return finish(trained, data, dir, request.calibrate());
    }

    /**
     * Refuses, as a usage error (the folder is one this version cannot continue), a run started by an older rnnlab on the same
     * files and settings that this version reads by a rule added since which changes them (another carving of the splits,
     * normalization that changes texts): its checkpoint was trained on data this version does not give it.
     */
    static void refuseOlderRules(Path dir, Path config, SequenceDataset data) throws IOException {
        Path recorded = dir.resolve(RunFiles.DATASET_PROVENANCE);
        if (!Files.isRegularFile(recorded)) {
            return;
        }
        String then = Json.readFile(recorded, org.rnnlab.datasets.DatasetProvenance.class).checksum();
        Optional<String> older = RunFiles.olderRules(then, data.provenance());
        if (older.isPresent()) {
            String commit = startedBy(dir);
            throw new IllegalArgumentException("cannot resume " + dir + ": it was started by an older rnnlab" + commit + " on the "
                    + "same files and settings, which this version reads by a rule added since: " + older.get()
                    + ". Its checkpoint was trained on data this version reads otherwise, so it cannot continue "
                    + "here: finish it with the rnnlab it was started with" + commit + ", or start it again with this one "
                    + "(rnnlab train --config " + quote(config.toString()) + " --out NEW_DIR: a new run on the data as this "
                    + "version reads them)");
        }
    }

    /** {@code " (commit X)"} from the run's provenance.json, or empty when it does not say. */
    private static String startedBy(Path dir) {
        try {
            String commit = Json.mapper().readTree(dir.resolve(RunFiles.PROVENANCE).toFile()).path("gitCommit").asText("");
            return commit.isBlank() || commit.equals("unknown") ? "" : " (commit " + commit + ")";
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }

    /**
     * Refuses a folder that is missing, a file, or the folder of a command other than {@code train}'s training: a
     * learning-rate sweep ({@code train --find-lr}, which writes a config.json of the same form, so that --resume trained a
     * full model into a finished sweep's folder and called the sweep a crashed run), a comparison or a gradient study. The
     * folder's marker names the command that made it ({@code rnnlab lr-find-<dataset>}, {@code rnnlab compare-...},
     * {@code rnnlab gradients}); a sweep is also known by its lr-find.json or its recorded command line (a sweep stopped
     * before it wrote lr-find.json). Each refusal says what to do instead.
     */
    static void refuseOtherRun(Path dir) {
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("cannot resume " + dir + ": no such folder (expected the run folder of a "
                    + "'rnnlab train' run)");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("cannot resume " + dir + ": it is a file, not a folder (expected the run folder of a "
                    + "'rnnlab train' run)");
        }
        String made = "";
        try {
            Path marker = dir.resolve(AtomicFiles.RUN_MARKER);
            if (Files.isRegularFile(marker) && Files.size(marker) < 10_000) {
                made = Files.readString(marker, java.nio.charset.StandardCharsets.UTF_8).strip();
            }
        } catch (IOException | RuntimeException unreadable) {
            made = ""; // judged by its files below
        }
        String quoted = quote(dir.toString());
        if (made.startsWith("rnnlab lr-find") || Files.isRegularFile(dir.resolve(LrFindRun.JSON)) || sweptBy(dir)) {
            boolean finished = Files.isRegularFile(dir.resolve(LrFindRun.JSON));
            String rate = "RATE";
            try {
                if (finished) {
                    double r = Json.mapper().readTree(dir.resolve(LrFindRun.JSON).toFile()).path("suggested").asDouble(Double.NaN);
                    rate = Double.isFinite(r) ? LrFindRun.format(r) : rate;
                }
            } catch (IOException | RuntimeException unreadable) {
                rate = "RATE";
            }
            List<String> swept = sweepCommand(dir);
            String train = swept.isEmpty() ? "rnnlab train with the sweep's data and model options, --lr " + rate
                    : String.join(" ", LrFindRun.trainCommand(swept, rate).stream().map(TrainRun::quote).toList());
            throw new IllegalArgumentException("cannot resume " + dir + ": it is the folder of a learning-rate sweep (train "
                    + "--find-lr), " + (finished ? "finished (" + LrFindRun.JSON + " is there" + (rate.equals("RATE") ? ""
                    : ", suggesting --lr " + rate) + ")" : "stopped before it finished") + ": a sweep trains no model and has "
                    + "nothing to resume. To train a model with " + (rate.equals("RATE") ? "a rate" : "its rate") + ": " + train
                    + " --out NEW_DIR; to sweep again: train --find-lr with the same options and a new --out");
        }
        if (made.startsWith("rnnlab compare")) {
            throw new IllegalArgumentException("cannot resume " + dir + ": it is a comparison's folder (rnnlab compare), not a "
                    + "training run's: " + (org.rnnlab.training.RunDirectory.finishedComparison(dir)
                    ? "the comparison is finished, nothing to resume; 'rnnlab compare --config " + quote(dir.resolve("config.json")
                    .toString()) + " --out NEW_DIR' runs it again" : "'rnnlab compare --resume " + quoted + "' finishes it"));
        }
        if (made.startsWith("rnnlab gradients")) {
            throw new IllegalArgumentException("cannot resume " + dir + ": it is a gradient study's folder (rnnlab gradients), "
                    + "which has nothing to resume; 'rnnlab gradients --config " + quote(dir.resolve("config.json").toString())
                    + " --out NEW_DIR' runs the study again");
        }
        if (!made.isEmpty() && !made.startsWith("rnnlab train")) {
            throw new IllegalArgumentException("cannot resume " + dir + ": it is not the folder of a 'rnnlab train' run (its "
                    + AtomicFiles.RUN_MARKER + " names '" + made + "')");
        }
    }

    /** Whether the run's recorded command line (provenance.json) was a {@code train --find-lr} sweep. */
    private static boolean sweptBy(Path dir) {
        return !sweepCommand(dir).isEmpty();
    }

    /** The command line provenance.json records when it was a {@code train --find-lr} sweep, else empty. */
    private static List<String> sweepCommand(Path dir) {
        Path provenance = dir.resolve(RunFiles.PROVENANCE);
        if (!Files.isRegularFile(provenance)) {
            return List.of();
        }
        try {
            // read as a tree: the sweep's record need not be complete to say what made it
            List<String> command = new ArrayList<>();
            Json.mapper().readTree(provenance.toFile()).path("commandLine").forEach(a -> command.add(a.asText()));
            return command.stream().anyMatch(a -> a.equals("--find-lr") || a.startsWith("--find-lr="))
                    ? command : List.of();
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            best = p[c] > p[best] ? c : best;
        }
        return best;
    }

    /** A path as a shell word: single-quoted when it holds anything but safe characters. */
    private static String quote(String path) {
        return path.matches("[A-Za-z0-9_./:=@%+,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    /**
     * The record components in which {@code recorded} (the checkpoint's) and {@code given} (config.json's) differ, as
     * {@code name: config.json X, checkpoint Y}; nested records by their path ({@code input.featureCount}).
     */
    static List<String> differences(String prefix, Object recorded, Object given) {
        if (java.util.Objects.equals(recorded, given)) {
            return List.of();
        }
        if (recorded == null || given == null || !recorded.getClass().isRecord() || recorded.getClass() != given.getClass()) {
            return List.of((prefix.isEmpty() ? "settings" : prefix) + ": config.json " + given + ", checkpoint " + recorded);
        }
        List<String> out = new ArrayList<>();
        for (java.lang.reflect.RecordComponent c : recorded.getClass().getRecordComponents()) {
            try {
                c.getAccessor().setAccessible(true);
                Object a = c.getAccessor().invoke(recorded);
                Object b = c.getAccessor().invoke(given);
                out.addAll(differences(prefix.isEmpty() ? c.getName() : prefix + "." + c.getName(), a, b));
            } catch (ReflectiveOperationException e) {
                out.add(c.getName() + ": cannot be compared (" + e + ")");
            }
        }
        return out;
    }

    /** The card's metric of {@code --calibrate temperature}: T, and the validation log-loss before and after it. */
    public static final String TEMPERATURE_METRIC = "calibration_temperature";
    public static final String LOG_LOSS_BEFORE = "validation_log_loss_uncalibrated";
    public static final String LOG_LOSS_AFTER = "validation_log_loss_calibrated";
    /** With {@code --calibrate prior,temperature}: the validation log-loss after the prior correction, before the temperature. */
    public static final String LOG_LOSS_PRIOR = "validation_log_loss_prior_corrected";
    /**
     * With {@code --calibrate prior}: the validation mean probability of the class weighted up most (the largest class weight),
     * before and after the calibration, and that class's share of the validation sequences, which the mean probability of
     * calibrated probabilities is near.
     */
    public static final String MEAN_P_BEFORE = "validation_mean_p_weighted_class_uncalibrated";
    public static final String MEAN_P_AFTER = "validation_mean_p_weighted_class_calibrated";
    public static final String CLASS_SHARE = "validation_share_weighted_class";
    /**
     * With {@code --calibrate prior}: the validation sequences of the class weighted up most, on which its mean probability
     * was checked against its share (a trial's 1: trial 80e F6).
     */
    public static final String CLASS_SEQUENCES = "validation_sequences_weighted_class";
    /**
     * With {@code --calibrate}: how many classes' calibrated probabilities did not estimate their rate on the validation split
     * they were fitted on ({@link org.rnnlab.evaluation.metrics.RateCheck}; train warns of each).
     */
    public static final String CLASSES_RATE_OFF = org.rnnlab.evaluation.metrics.RateCheck.OFF_ON_VALIDATION;
    /** With {@code --calibrate prior}: how many validation sequences the correction moved to another predicted class. */
    public static final String CLASSES_MOVED = "validation_classes_moved_by_prior";

    /** The class of the largest weight in {@code weights} (label order; the first of equal ones). */
    public static int weightedUp(List<Double> weights) {
        int high = 0;
        for (int c = 1; c < weights.size(); c++) {
            high = weights.get(c) > weights.get(high) ? c : high;
        }
        return high;
    }

    private static TrainOutcome finish(TrainedModel trained, SequenceDataset data, Path dir, String calibrate) throws IOException {
        // without validation data there is no validation result: null in results.json and no validation metrics on the card,
        // rather than the scores of an empty set (0.0), which read as a model that got everything wrong
        SequenceSet validationSet = data.split(Split.VALIDATION);
        double[][] validationProbabilities = new double[validationSet.size()][];
        int[] validationPredicted = new int[validationSet.size()];
        EvaluationResult validation = validationSet.size() == 0 ? null
                : Evaluator.evaluate(trained.network(), trained.normalizer().orElse(null), data, Split.VALIDATION,
                data.sequenceIds().getOrDefault(Split.VALIDATION, List.of()), validationPredicted, Decision.ARGMAX,
                validationProbabilities);
        // --calibrate prior (trials 70f, 71a: class-weighted models' probabilities two to three times the rare class's share,
        // corrected by hand): each class's probability divided by its training weight, the logits less log w
        List<Double> weights = trained.spec().classWeights();
        boolean prior = TrainRequest.corrects(calibrate);
        if (prior && weights.stream().distinct().count() < 2) {
            throw new IllegalStateException("--calibrate " + calibrate + " undoes the shift class weights put into the "
                    + "probabilities, and this model was trained " + (weights.isEmpty() ? "without class weights"
                    : "with equal class weights " + weights) + ": there is nothing to undo (train with --class-weights, or "
                    + "calibrate with temperature)");
        }
        List<Double> correction = prior ? List.copyOf(weights) : null;
        // --calibrate temperature (a trial's ICU model had probabilities it could not show to staff): T fitted on validation
        // (on the corrected probabilities after a prior correction), applied to the test scores below and, through the card,
        // by predict, evaluate and serve
        double temperature = 1;
        Map<String, Double> calibration = new LinkedHashMap<>();
        if (TrainRequest.fitsTemperature(calibrate) && validation == null) {
            throw new IllegalStateException("--calibrate " + calibrate + " fits its temperature on the validation split, and "
                    + "this run has none: hold some out (--set validationFraction=0.2, or --validation FILE)");
        }
        if (calibrate != null && validation != null) {
            int[] actual = validationSet.examples().stream().mapToInt(s -> s.label()).toArray();
            double[][] corrected = java.util.Arrays.stream(validationProbabilities).map(p -> PriorCorrection.apply(p, correction))
                    .toArray(double[][]::new);
            if (TrainRequest.fitsTemperature(calibrate)) {
                temperature = TemperatureScaling.fit(corrected, actual);
                calibration.put(TEMPERATURE_METRIC, temperature);
            }
            calibration.put(LOG_LOSS_BEFORE, TemperatureScaling.logLoss(validationProbabilities, actual, 1));
            if (prior && TrainRequest.fitsTemperature(calibrate)) {
                calibration.put(LOG_LOSS_PRIOR, TemperatureScaling.logLoss(corrected, actual, 1));
            }
            calibration.put(LOG_LOSS_AFTER, TemperatureScaling.logLoss(corrected, actual, temperature));
            if (prior) { // what the correction changed: the weighted class's mean probability against its share
                int k = weightedUp(weights);
                final double t = temperature;
                double before = 0;
                double after = 0;
                int moved = 0;
                for (int i = 0; i < actual.length; i++) {
                    double[] c = TemperatureScaling.apply(corrected[i], t);
                    before += validationProbabilities[i][k];
                    after += c[k];
                    moved += argmax(c) != argmax(validationProbabilities[i]) ? 1 : 0;
                }
                calibration.put(MEAN_P_BEFORE, before / actual.length);
                calibration.put(MEAN_P_AFTER, after / actual.length);
                calibration.put(CLASS_SHARE, java.util.Arrays.stream(actual).filter(a -> a == k).count() / (double) actual.length);
                calibration.put(CLASS_SEQUENCES, (double) java.util.Arrays.stream(actual).filter(a -> a == k).count());
                calibration.put(CLASSES_MOVED, (double) moved);
            }
        }
        final double fitted = temperature;
        java.util.function.UnaryOperator<double[]> calibrated = calibrate == null ? null
                : p -> TemperatureScaling.apply(PriorCorrection.apply(p, correction), fitted);
        PriorEffect priorEffect = null;
        if (prior && validation != null) {
            int[] uncorrectedPredicted = validationPredicted.clone();
            EvaluationResult uncorrected = validation;
            // the correction moves predicted classes: the validation scores (the card's, results.json's) and the held-out
            // predictions predict compares new data's with are those of the corrected probabilities, as evaluate gives them
            validation = Evaluator.evaluate(trained.network(), trained.normalizer().orElse(null), data, Split.VALIDATION,
                    data.sequenceIds().getOrDefault(Split.VALIDATION, List.of()), validationPredicted, Decision.ARGMAX,
                    new double[validationSet.size()][], calibrated);
            // and what that did to the decisions, right and wrong (trial 80e F2: all 10 moved went from right to wrong)
            priorEffect = PriorEffect.of(data.labelNames(), validationSet.examples().stream().mapToInt(s -> s.label()).toArray(),
                    uncorrectedPredicted, validationPredicted, uncorrected.macroF1(), validation.macroF1());
        }
        // every class's calibrated rate on the validation split it was fitted on (trial 80h F1: the line checked the class
        // weighted up most only, while 'V' was at 0.48 times its share on 31 validation sequences, p = 0.00015, unsaid)
        List<String> rateWarnings = List.of();
        if (calibrated != null && validation != null) {
            int[] actual = validationSet.examples().stream().mapToInt(s -> s.label()).toArray();
            double[][] calibratedValidation = java.util.Arrays.stream(validationProbabilities).map(calibrated)
                    .toArray(double[][]::new);
            rateWarnings = org.rnnlab.evaluation.metrics.RateCheck.warnings(data.labelNames(), actual, calibratedValidation,
                    org.rnnlab.evaluation.metrics.RateCheck.Method.of(prior, TrainRequest.fitsTemperature(calibrate)));
            calibration.put(CLASSES_RATE_OFF, (double) rateWarnings.size());
        }
        // without test data (train's --set testFraction=0: a final model on all the labelled data) no test result: null in
        // results.json and no test metrics on the card
        SequenceSet testSet = data.split(Split.TEST);
        double[][] testProbabilities = new double[testSet.size()][];
        int[] testPredicted = new int[testSet.size()];
        EvaluationResult test = testSet.size() == 0 ? null
                : Evaluator.evaluate(trained.network(), trained.normalizer().orElse(null), data, Split.TEST,
                data.sequenceIds().getOrDefault(Split.TEST, List.of()), testPredicted, Decision.ARGMAX, testProbabilities, calibrated);
        // texts cut to the maximum length against those read whole (a trial's tickets: 0.468 against 0.987)
        TruncatedTexts.of(data, Split.TEST, testPredicted).ifPresent(v -> {
            if (v.worse()) {
                LOG.warn("{}: {}", data.name(), v.line());
            } else {
                LOG.info("{}: {}", data.name(), v.line());
            }
        });
        // a group column (a text file's or a CSV file's --set group=COL): each group's test scores against its own majority
        // class (a trial's overall 0.85 hid two languages at their majority baseline); printed for texts, in results.json for both
        org.rnnlab.evaluation.metrics.GroupTable groupTable = test == null ? null
                : org.rnnlab.evaluation.metrics.GroupTable.of(org.rnnlab.evaluation.metrics.GroupTable.column(data), data.labelNames(),
                        org.rnnlab.evaluation.metrics.GroupTable.groups(data, Split.TEST),
                        testSet.examples().stream().mapToInt(s -> s.label()).toArray(), testPredicted).orElse(null);
        if (groupTable != null && data instanceof org.rnnlab.datasets.text.TextDataset) {
            LOG.info("{}: {}", data.name(), groupTable.lines("test scores", "the run's results.json, \"groups\".\"byGroup\"")
                    .stripTrailing());
            groupTable.warning("test").ifPresent(w -> LOG.warn("{}: {}", data.name(), w));
        }
        // ranking metrics need no cut-off: for a rare class (3% fraud) they say more than accuracy does (a trial's train
        // reported accuracy only, and its user ran evaluate again on the same split for them)
        Ranking testRanking = test == null ? null : Ranking.of(data.labelNames(),
                testSet.examples().stream().mapToInt(s -> s.label()).toArray(), testProbabilities);
        org.rnnlab.evaluation.compare.MajorityBaseline baseline = test == null ? null
                : org.rnnlab.evaluation.compare.MajorityBaseline.of(data.labelNames(), List.of(data)).orElse(null);
        // the second baseline: each sequence's mean and sd of each feature in a logistic regression, fitted on the training
        // split (a trial's GRU, 0.6167 against the majority's 0.3667, was no better than such a regression's 0.7167, this
        // one's 0.7000: 79a F3); none for text (token ids have no mean to speak of). Its regression is kept in the model's
        // card, so that evaluate scores it on new data beside the model. Fitted before the model is saved, once: the fit
        // costs milliseconds to 0.5 s (10,000 sequences), where writing the bundle a second time after it cost 1.9 s for a
        // 3.2M-parameter LSTM (2026-12-07, 2 shared cores); a failure of the fit is caught and logged (the model is saved
        // without it, review 79b R3), and a stop while it runs waits for the save (the shutdown hook holds the exit 120 s)
        org.rnnlab.evaluation.compare.SummaryBaseline.Fitted summaryFit = test == null ? null
                : org.rnnlab.evaluation.compare.SummaryBaseline.fitted(data).orElse(null);
        org.rnnlab.evaluation.compare.SummaryBaseline summaryBaseline = summaryFit == null ? null : summaryFit.baseline();
        // the card, as TrainCard.of fills it for a model trained from Java, the held-out probabilities calibrated as predict
        // gives them
        ModelCard card = TrainCard.card(trained, data, data.csvSchema(), TrainCard.metrics(validation, calibration, test),
                validation == null ? null : new TrainCard.HeldOut(validationPredicted, calibrated == null ? validationProbabilities
                        : java.util.Arrays.stream(validationProbabilities).map(calibrated).toArray(double[][]::new)),
                test == null ? null : new TrainCard.HeldOut(testPredicted, testProbabilities), baseline, summaryFit);
        if (TrainRequest.fitsTemperature(calibrate)) {
            card = card.withTemperature(temperature);
        }
        if (prior) {
            card = card.withPriorCorrection(correction);
        }
        Path model = dir.resolve(MODEL_FILE);
        // which sequences (and groups) trained and selected the model: evaluate warns of them
        org.rnnlab.evaluation.run.RunFiles.writeSplits(dir, data);
        org.rnnlab.evaluation.run.RunFiles.writeFilled(dir, data); // and which the missing-value policy filled in
        if (test != null) { // and what it predicted for each test sequence, with its probabilities (trial 72c F4)
            org.rnnlab.core.AtomicFiles.writeString(dir.resolve(TestPredictions.FILE), TestPredictions.csv(data.labelNames(),
                    data.sequenceIds().getOrDefault(Split.TEST, List.of()), testSet.examples().stream().mapToInt(s -> s.label()).toArray(),
                    testPredicted, testProbabilities));
        }
        if (validation != null) { // the split a cut-off is chosen on, the same columns (trial 75c F5: it was joined by hand)
            double[][] heldOut = calibrated == null ? validationProbabilities
                    : java.util.Arrays.stream(validationProbabilities).map(calibrated).toArray(double[][]::new);
            org.rnnlab.core.AtomicFiles.writeString(dir.resolve(TestPredictions.VALIDATION_FILE), TestPredictions.csv(data.labelNames(),
                    data.sequenceIds().getOrDefault(Split.VALIDATION, List.of()),
                    validationSet.examples().stream().mapToInt(s -> s.label()).toArray(), validationPredicted, heldOut));
        }
        ModelBundle.save(trained.network(), trained.normalizer(), card, model);
        List<String> runWarnings = org.rnnlab.evaluation.run.DataWarnings.read(dir); // read once, for both of its verdicts
        TrainOutcome outcome = new TrainOutcome(dir, model, trained.spec().label(), trained.bestEpoch(), trained.trainSeconds(),
                trained.history(), validation, test, TrainOutcome.stoppedBy(trained.config(), trained.history(), trained.bestEpoch(),
                validation != null), TrainOutcome.keptBy(trained.config(), validation != null),
                baseline,
                test != null && org.rnnlab.evaluation.compare.TrainAgain.testHoldsTrainingData(runWarnings),
                test != null && org.rnnlab.evaluation.compare.TrainAgain.sharedGroupsWords(runWarnings).isPresent(), testRanking,
                test == null ? List.of() : org.rnnlab.evaluation.compare.TrainAgain.labelLeakFeatures(runWarnings), groupTable,
                summaryBaseline, priorEffect, rateWarnings);
        Json.writeFile(dir.resolve("results.json"), outcome);
        return outcome;
    }
}
