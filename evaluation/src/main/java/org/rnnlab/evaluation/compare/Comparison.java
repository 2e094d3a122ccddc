package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.engine.DataSource;
import org.rnnlab.evaluation.engine.InProcessEngine;
import org.rnnlab.evaluation.engine.RunEngine;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.tune.Trial;
import org.rnnlab.evaluation.tune.Tuner;
import org.rnnlab.evaluation.tune.TuningResult;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.TrainedModel;
import org.rnnlab.training.Trainer;

/**
 * Trains every architecture x clip setting of a {@link ComparisonConfig} with each seed on the same
 * dataset and budget, evaluates each on the test split, probes its gradient flow, and summarises
 * across seeds.
 */
public final class Comparison {

    /** Measures how the loss gradient reaches each time step of a trained network. */
    @FunctionalInterface
    public interface GradientProbe {
        /**
         * Mean L2 norm of dLoss/dx_t by distance from the last step (index 0 = last step).
         *
         * @param trained    the trained model
         * @param data       the dataset
         * @param examples   how many test examples to average over
         */
        List<Double> probe(TrainedModel trained, SequenceDataset data, int examples);
    }

    /** Progress callbacks. */
    public interface Listener extends Trainer.Listener {
        /** Before a run; {@code index} counts from 0 to {@code total - 1}. */
        default void onRunStart(int index, int total, String configuration, long seed) {
        }

        /**
         * Before a run, with the part of the data it trains on ({@link #part}: {@code " fold 1"}, {@code ", distance 1-4"}, or
         * ""): runs of one configuration and seed differ by it (a Spark trial's --cv printed three identical "submitted"
         * lines, and their times mixed up). Calls {@link #onRunStart(int, int, String, long)} unless overridden.
         */
        default void onRunStart(int index, int total, String configuration, long seed, String part) {
            onRunStart(index, total, configuration, seed);
        }

        /** After a run. */
        default void onRunEnd(RunResult result) {
        }

        /**
         * A status of the runs on an engine whose runs send no progress of their own (Spark: every 30 s), counted as
         * {@link #onRunStart} numbers them ({@code total} as there, runs finished before a {@code --resume} among the
         * {@code finished}): {@code submitted} runs were started and have not ended, {@code active} of them are running on
         * an executor now (the others are queued there), and the rest wait to be submitted. Logged by default, as
         * {@code spark: 9 of 12 runs finished, 1 submitted (1 running on executors), 2 waiting (30 s elapsed)}.
         */
        default void onRunsStatus(String engine, int finished, int total, int submitted, int active, long seconds) {
            org.slf4j.LoggerFactory.getLogger(Comparison.class).info("{}", runsStatus(engine, finished, total, submitted, active, seconds));
        }

        /** After each tuning trial's {@link #onRunEnd}: where its architecture's tuning stands (trial k of N, time, budget). */
        default void onTuningProgress(org.rnnlab.evaluation.tune.TuningProgress progress) {
        }

        /**
         * What the {@code --tune-budget} did to an architecture's tuning, when it was reached ({@code gru: --tune-budget 30 s
         * exceeded ...}, as tuning.json's {@code budgetNote}); logged as a warning by default.
         */
        default void onTuningNote(String note) {
            org.slf4j.LoggerFactory.getLogger(Comparison.class).warn("{}", note);
        }
    }

    /** The line of {@link Listener#onRunsStatus}. */
    public static String runsStatus(String engine, int finished, int total, int submitted, int active, long seconds) {
        return engine + ": " + finished + " of " + total + " runs finished, " + submitted + " submitted (" + active + " running on "
                + "executors), " + Math.max(0, total - finished - submitted) + " waiting (" + seconds + " s elapsed)";
    }

    /**
     * Forwards every callback of {@link Listener} (and of {@link Trainer.Listener}) to another listener; a
     * wrapper overrides the ones it adds to. A callback added to either interface is forwarded here, once.
     */
    public static class ForwardingListener implements Listener {
        /** The listener every callback goes on to. */
        protected final Listener delegate;

        public ForwardingListener(Listener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onRunStart(int index, int total, String configuration, long seed) {
            delegate.onRunStart(index, total, configuration, seed);
        }

        @Override
        public void onRunStart(int index, int total, String configuration, long seed, String part) {
            delegate.onRunStart(index, total, configuration, seed, part);
        }

        @Override
        public void onStart(org.rnnlab.training.TrainingConfig config) {
            delegate.onStart(config);
        }

        @Override
        public void onResumed(List<org.rnnlab.training.EpochStats> finished) {
            delegate.onResumed(finished);
        }

        @Override
        public void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
            delegate.onIteration(epoch, batch, batchesPerEpoch, loss);
        }

        @Override
        public void onEpoch(org.rnnlab.training.EpochStats stats) {
            delegate.onEpoch(stats);
        }

        @Override
        public void onCheckpoint(org.rnnlab.training.TrainingState state) {
            delegate.onCheckpoint(state);
        }

        @Override
        public void onRunEnd(RunResult result) {
            delegate.onRunEnd(result);
        }

        @Override
        public void onRunsStatus(String engine, int finished, int total, int submitted, int active, long seconds) {
            delegate.onRunsStatus(engine, finished, total, submitted, active, seconds);
        }

        @Override
        public void onTuningProgress(org.rnnlab.evaluation.tune.TuningProgress progress) {
            delegate.onTuningProgress(progress);
        }

        @Override
        public void onTuningNote(String note) {
            delegate.onTuningNote(note);
        }
    }

    private Comparison() {
    }

    /** Runs the comparison in this process; {@code probe} may be null for no gradient probe. */
    public static ComparisonResult run(ComparisonConfig config, SequenceDataset data, GradientProbe probe, Listener listener) {
        return run(config, data, probe, listener, Map.of(), null);
    }

    /**
     * Runs the runs of the comparison that are not in {@code finished} (keyed by {@link #runKey}) in this
     * process, and returns all. {@code listener.onRunEnd} sees each new run as soon as it ends, so a caller
     * can keep it.
     *
     * @param stop set to stop: the run in progress ends with a {@link org.rnnlab.training.TrainingInterruptedException}
     */
    public static ComparisonResult run(ComparisonConfig config, SequenceDataset data, GradientProbe probe, Listener listener,
                                       Map<String, RunResult> finished, AtomicBoolean stop) {
        return run(config, data, new DataSource(data.name(), DatasetOptions.defaults(), config.crossValidation(),
                data.provenance().checksum(), config.bands()), new InProcessEngine(probe), listener, finished, stop);
    }

    /** The part of the data a run trains on, as progress lines name it: {@code " fold 1"}, {@code ", distance 1-4"}, or "". */
    public static String part(Integer fold, String band) {
        return (fold == null ? "" : " fold " + fold) + (band == null ? "" : ", " + band);
    }

    /**
     * Runs the runs of the comparison that are not in {@code finished} on {@code engine}, and returns all,
     * in the order of {@link #tasks} whatever order they ended in.
     *
     * @param source where a worker reopens {@code data}
     */
    public static ComparisonResult run(ComparisonConfig config, SequenceDataset data, DataSource source, RunEngine engine,
                                       Listener listener, Map<String, RunResult> finished, AtomicBoolean stop) {
        long t0 = System.nanoTime();
        TuningResult tuning = config.tuning() == null ? null
                : Tuner.tune(config, config.tuning(), data, source, engine, listener, finished, stop);
        List<RunTask> all = tuning == null ? tasks(config) : tasks(config, tuning);
        List<RunTask> todo = all.stream().filter(t -> !finished.containsKey(t.key())).toList();
        Map<String, RunResult> done = new HashMap<>(finished);
        engine.run(source, data, todo, new ForwardingListener(listener) {
            @Override
            public void onRunStart(int index, int total, String configuration, long seed) {
                RunTask task = todo.get(index);
                delegate.onRunStart(all.indexOf(task), all.size(), configuration, seed, part(task.fold(), task.bandLabel())); // its place in the whole comparison
            }

            @Override
            public void onRunsStatus(String engine, int finishedHere, int total, int submitted, int active, long seconds) {
                // in the whole comparison's numbering, as onRunStart: a resume's "[9/12] ... submitted" then said "0 of 4 runs finished"
                delegate.onRunsStatus(engine, all.size() - todo.size() + finishedHere, all.size(), submitted, active, seconds);
            }

            @Override
            public void onRunEnd(RunResult result) {
                done.put(result.key(), result);
                delegate.onRunEnd(result);
            }
        }, stop);
        List<RunResult> runs = new ArrayList<>();
        for (RunTask t : all) {
            RunResult r = done.get(t.key());
            if (r == null) {
                throw new IllegalStateException("engine " + engine.describe() + " returned no result for " + t.key());
            }
            runs.add(r);
        }
        ComparisonResult result = partial(config, data, runs, (System.nanoTime() - t0) / 1e9);
        return new ComparisonResult(result.dataset(), result.labelNames(), result.data(), config, result.runs(), result.aggregates(),
                result.seconds(), tuning, result.baseline(), result.foldGroups(), result.foldUntrainedClasses(),
                result.summaryBaseline());
    }

    /**
     * The model of {@code arch} in a comparison of base {@code base}: its cell and direction, and the implementation that
     * computes it, as recorded in each run's config (a GRU is rnnlab's whatever {@code --impl} says: DL4J M2.1 has none).
     */
    public static ModelSpec specOf(ModelSpec base, Architecture arch) {
        ModelSpec spec = base.withCell(arch.cell()).withBidirectional(arch.bidirectional());
        return arch.cell() == CellType.GRU ? spec.withImplementation(Implementation.RNNLAB) : spec;
    }

    /**
     * The runs of a tuned comparison: each architecture with the trial its tuning chose (named by the
     * architecture alone), with every seed and fold.
     */
    public static List<RunTask> tasks(ComparisonConfig config, TuningResult tuning) {
        List<RunTask> out = new ArrayList<>();
        for (Architecture arch : config.architectures()) {
            Trial chosen = tuning.architectures().stream().filter(t -> t.architecture().equals(arch.id())).findFirst().orElseThrow()
                    .chosen();
            for (int s = 0; s < config.seeds(); s++) {
                long seed = config.firstSeed() + s;
                ModelSpec spec = chosen.apply(specOf(config.base(), arch)).withSeed(seed);
                for (int f = 0; f < config.folds(); f++) {
                    Integer fold = config.crossValidation() == null ? null : f;
                    out.add(new RunTask(arch.id(), arch.id(), chosen.clip(), seed, fold, config.withFoldWeights(spec, fold),
                            config.training().withSeed(seed), config.probeExamples(), Split.TEST));
                }
            }
        }
        return out;
    }

    /**
     * The runs of a comparison, in order: architecture, depth ({@link ComparisonConfig#depths}), clip setting, seed, then
     * fold or band. Each has its model (base with the architecture's cell and direction, the depth, the clip setting, the seed, and a fold's class weights where they
     * are per fold, {@link ComparisonConfig#foldClassWeights}) and training settings.
     */
    public static List<RunTask> tasks(ComparisonConfig config) {
        List<RunTask> out = new ArrayList<>();
        for (Architecture arch : config.architectures()) {
            for (int depth : config.depths()) {
            for (ClipSetting clip : config.clips()) {
                String name = configurationName(arch, depth, clip, config.namesDepth(depth));
                for (int s = 0; s < config.seeds(); s++) {
                    long seed = config.firstSeed() + s;
                    ModelSpec spec = clip.applyTo(specOf(config.atDepth(config.base(), depth), arch))
                            .withSeed(seed);
                    for (int f = 0; f < config.folds(); f++) {
                        if (config.bands() == null) {
                            Integer fold = config.crossValidation() == null ? null : f;
                            out.add(new RunTask(name, arch.id(), clip.id(), seed, fold, config.withFoldWeights(spec, fold),
                                    config.training().withSeed(seed), config.probeExamples(), Split.TEST));
                            continue;
                        }
                        for (int b = 0; b < config.bands().size(); b++) {
                            out.add(new RunTask(name, arch.id(), clip.id(), seed, null, spec, config.training().withSeed(seed),
                                    config.probeExamples(), Split.TEST, b, config.bands().label(b)));
                        }
                    }
                }
            }
            }
        }
        return out;
    }

    /**
     * Each configuration's hidden sizes (one per recurrent layer), by name, as its runs build them: summary.csv's and
     * results.csv's {@code layers} and {@code hidden} ({@link ComparisonResult#hiddenSizes}), and the {@code --layers} of the
     * train command that repeats a run ({@link TrainAgain}). A tuned comparison's configurations are those of its chosen
     * trials, unknown (none here) while {@code tuning} is null.
     */
    public static Map<String, List<Integer>> hiddenSizes(ComparisonConfig config, TuningResult tuning) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        if (config.tuning() != null && tuning == null) {
            return out;
        }
        for (RunTask t : config.tuning() == null ? tasks(config) : tasks(config, tuning)) {
            out.putIfAbsent(t.configuration(), t.spec().hiddenSizes());
        }
        return out;
    }

    /**
     * Each configuration's model, by name, as its first run builds it (seed and fold class weights aside): results.csv's
     * {@code learning_rate}, {@code dropout}, {@code head} and {@code residual} (trial 78d F3: ranking a tuned comparison's
     * configurations by their settings took a join with trials.csv). A tuned comparison's are its chosen trials', unknown
     * (none here) while {@code tuning} is null.
     */
    public static Map<String, ModelSpec> specs(ComparisonConfig config, TuningResult tuning) {
        Map<String, ModelSpec> out = new LinkedHashMap<>();
        if (config.tuning() != null && tuning == null) {
            return out;
        }
        for (RunTask t : config.tuning() == null ? tasks(config) : tasks(config, tuning)) {
            out.putIfAbsent(t.configuration(), t.spec());
        }
        return out;
    }

    /** The key of one run: configuration and seed, e.g. {@code lstm clip=l2:1.0 seed 3}. */
    public static String runKey(String configuration, long seed) {
        return configuration + " seed " + seed;
    }

    /** The key of one run with its cross-validation fold (null: none), e.g. {@code lstm seed 3 fold 2}. */
    public static String runKey(String configuration, long seed, Integer fold) {
        return fold == null ? runKey(configuration, seed) : runKey(configuration, seed) + " fold " + fold;
    }

    /** The key of one run with its fold and band (null: none), e.g. {@code lstm seed 3 distance 1-4}. */
    public static String runKey(String configuration, long seed, Integer fold, String band) {
        return band == null ? runKey(configuration, seed, fold) : runKey(configuration, seed, fold) + " " + band;
    }

    /**
     * The data one task trains and tests on: its cross-validation fold or its band of {@code data}, or {@code data}
     * itself.
     */
    public static SequenceDataset dataOf(RunTask task, SequenceDataset data, DataSource source) {
        if (task.fold() != null) {
            return source.crossValidation().fold(data, task.fold());
        }
        return task.band() == null ? data : source.bands().select(data, task.band());
    }

    /**
     * The results of some of a comparison's runs (those finished so far), summarised like a whole one, with the
     * {@link MajorityBaseline} and {@link SummaryBaseline} of its data and the test groups of its folds by group ({@link FoldGroups}).
     * Without a run no summary baseline is fitted (null): compare's stop path, in the JVM's shutdown hook, throws that result
     * away, and a fit per fold there only delayed the exit (review 79b R3).
     */
    public static ComparisonResult partial(ComparisonConfig config, SequenceDataset data, List<RunResult> runs, double seconds) {
        Map<String, List<RunResult>> byConfiguration = new LinkedHashMap<>();
        for (RunResult r : runs) {
            byConfiguration.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r);
        }
        return new ComparisonResult(data.name(), data.labelNames(), data.provenance(), config, runs,
                byConfiguration.values().stream().map(Aggregate::of).toList(), seconds, null,
                MajorityBaseline.of(config, data).orElse(null), FoldGroups.of(config.crossValidation(), data),
                config.crossValidation() == null ? null : config.crossValidation().untrainedTestClasses(data),
                runs.isEmpty() ? null : SummaryBaseline.of(config, data).orElse(null));
    }

    /** The display name of a configuration, e.g. {@code lstm} or {@code lstm clip=l2:1.0}. */
    public static String configurationName(Architecture arch, ClipSetting clip) {
        return configurationName(arch, 1, clip, false);
    }

    /**
     * The display name of a configuration with its depth when {@code namesDepth}, e.g. {@code gru x2} or
     * {@code gru x2 clip=l2:1.0} ({@link ComparisonConfig#namesDepth}: a user's 1- and 2-layer GRUs were both {@code gru}).
     */
    public static String configurationName(Architecture arch, int depth, ClipSetting clip, boolean namesDepth) {
        String cell = namesDepth ? arch.id() + " x" + depth : arch.id();
        return clip.mode() == GradientNormalization.None ? cell : cell + " clip=" + clip.id();
    }

    /**
     * Each sequence of {@code data} (every split) and its group of the data's group column ({@code --set group=COL}, CSV or
     * text; {@link org.rnnlab.evaluation.metrics.GroupTable#groups}), by identity: a fold or band of the data holds the same
     * sequences, which keep their groups there. Empty without a group column.
     */
    public static Map<org.rnnlab.datasets.Sequence, String> groupLookup(SequenceDataset data) {
        Map<org.rnnlab.datasets.Sequence, String> out = new java.util.IdentityHashMap<>();
        for (Split s : Split.values()) {
            List<org.rnnlab.datasets.Sequence> examples = data.split(s).examples();
            List<String> groups = org.rnnlab.evaluation.metrics.GroupTable.groups(data, s);
            if (groups.size() != examples.size()) {
                continue;
            }
            for (int i = 0; i < examples.size(); i++) {
                out.put(examples.get(i), groups.get(i));
            }
        }
        return out;
    }

    /**
     * Trains and evaluates one task on {@code data} (already the task's fold, when it has one).
     *
     * @param probe null for no gradient probe
     */
    public static RunResult runTask(RunTask task, SequenceDataset data, GradientProbe probe, Trainer.Listener listener,
                                    AtomicBoolean stop) {
        return runTask(task, data, groupLookup(data), probe, listener, stop);
    }

    /**
     * Trains and evaluates one task on {@code data} (already the task's fold, when it has one), with each group's scores
     * on the evaluated split ({@link RunResult#groups}) by {@code groups} ({@link #groupLookup} of the whole data).
     *
     * @param probe null for no gradient probe
     */
    public static RunResult runTask(RunTask task, SequenceDataset data, Map<org.rnnlab.datasets.Sequence, String> groups,
                                    GradientProbe probe, Trainer.Listener listener, AtomicBoolean stop) {
        return runTask(task, data, groups, idLookup(data), probe, listener, stop);
    }

    /**
     * {@link #runTask(RunTask, SequenceDataset, Map, GradientProbe, Trainer.Listener, AtomicBoolean)} with the test
     * predictions' sequences named by {@code ids} ({@link #idLookup} of the whole data, which a fold's data lack).
     */
    public static RunResult runTask(RunTask task, SequenceDataset data, Map<org.rnnlab.datasets.Sequence, String> groups,
                                    Map<org.rnnlab.datasets.Sequence, String> ids, GradientProbe probe, Trainer.Listener listener,
                                    AtomicBoolean stop) {
        RunMemory memory = RunMemory.start();
        TrainedModel trained;
        EvaluationResult evaluation;
        List<Double> gradients;
        long memoryMb;
        List<org.rnnlab.datasets.Sequence> evaluated = data.split(task.evaluateOn()).examples();
        int[] predicted = new int[evaluated.size()];
        double[][] probabilities = new double[evaluated.size()][];
        try (memory) {
            trained = Trainer.train(task.spec(), task.training(), data, new Trainer.Options(listener, null, stop));
            evaluation = Evaluator.evaluate(trained.network(), trained.normalizer().orElse(null), data, task.evaluateOn(),
                    task.training().averagePrecisionClass(), predicted, probabilities);
            gradients = probe == null || task.probeExamples() == 0 || task.evaluateOn() != Split.TEST ? List.of()
                    : probe.probe(trained, data, task.probeExamples());
            memoryMb = memory.stopMb();
        }
        // the validation split's predictions, whose accuracy chooses the best configuration (not for a tuning trial, which
        // is scored on that split already and whose predictions no file holds)
        List<org.rnnlab.datasets.Sequence> validation = data.split(Split.VALIDATION).examples();
        RunPredictions validationPredictions = null;
        if (task.evaluateOn() == Split.TEST && !validation.isEmpty()) {
            int[] validationPredicted = new int[validation.size()];
            double[][] validationProbabilities = new double[validation.size()][];
            Evaluator.evaluate(trained.network(), trained.normalizer().orElse(null), data, Split.VALIDATION,
                    task.training().averagePrecisionClass(), validationPredicted, validationProbabilities);
            validationPredictions = predictions(validation, ids, groups.isEmpty() ? List.of()
                    : validation.stream().map(groups::get).toList(), validationPredicted, validationProbabilities);
        }
        List<String> evaluatedGroups = groups.isEmpty() ? List.of() : evaluated.stream().map(groups::get).toList();
        List<org.rnnlab.evaluation.metrics.GroupTable.Row> groupRows = evaluatedGroups.isEmpty() ? List.of()
                : org.rnnlab.evaluation.metrics.GroupTable.rows(data.labelNames(), evaluatedGroups,
                evaluated.stream().mapToInt(org.rnnlab.datasets.Sequence::label).toArray(), predicted);
        MultiLayerNetwork net = trained.network();
        return new RunResult(task.configuration(), task.architecture(), task.clip(), task.seed(), evaluation, trained.bestEpoch(),
                trained.trainSeconds(), trained.samplesPerSecond(), net.numParams(), memoryMb, trained.history(),
                gradients, task.fold(), task.evaluateOn(), task.bandLabel(), org.rnnlab.training.Provenance.machine(),
                org.rnnlab.evaluation.train.TrainOutcome.stoppedBy(task.training(), trained.history(), trained.bestEpoch(),
                        data.split(Split.VALIDATION).size() > 0), groupRows,
                task.evaluateOn() == Split.TEST ? predictions(evaluated, ids, evaluatedGroups, predicted, probabilities) : null,
                validationPredictions);
    }

    /**
     * A run's test predictions ({@link RunPredictions}), each sequence named by {@code ids} ({@link #idLookup} of the whole
     * data: a fold's data carry no ids of their own).
     */
    private static RunPredictions predictions(List<org.rnnlab.datasets.Sequence> evaluated, Map<org.rnnlab.datasets.Sequence, String> ids,
                                              List<String> groups, int[] predicted, double[][] probabilities) {
        List<String> named = new ArrayList<>();
        for (int i = 0; i < evaluated.size(); i++) {
            String id = ids.get(evaluated.get(i));
            named.add(id == null ? String.valueOf(i + 1) : id);
        }
        return new RunPredictions(named, groups.stream().map(g -> g == null ? "" : g).toList(),
                evaluated.stream().map(org.rnnlab.datasets.Sequence::label).toList(), java.util.Arrays.stream(predicted).boxed().toList(),
                java.util.Arrays.stream(probabilities).map(p -> java.util.Arrays.stream(p).boxed().toList()).toList());
    }

    /**
     * Each sequence's id in the whole data, for a run's test predictions: the dataset's ids, or for data without ids the
     * sequence's place in its split from 1, with the split's name before it outside the test split ({@code train 12}), so
     * that a fold's rows taken from several splits stay apart and the test split's are numbered as train's test-predictions.csv.
     */
    public static Map<org.rnnlab.datasets.Sequence, String> idLookup(SequenceDataset data) {
        Map<org.rnnlab.datasets.Sequence, String> out = new java.util.IdentityHashMap<>();
        for (Split s : Split.values()) {
            List<org.rnnlab.datasets.Sequence> examples = data.split(s).examples();
            List<String> ids = data.sequenceIds().getOrDefault(s, List.of());
            for (int i = 0; i < examples.size(); i++) {
                out.put(examples.get(i), ids.size() == examples.size() ? ids.get(i)
                        : (s == Split.TEST ? "" : s.name().toLowerCase(java.util.Locale.ROOT) + " ") + (i + 1));
            }
        }
        return out;
    }
}
