package org.rnnlab.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.InputSpec;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.SequenceBatchIterator;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link ModelSpec} on a {@link SequenceDataset}: standardisation fitted on the training
 * split, minibatches in a seeded order, validation accuracy after each epoch, the parameters of the
 * best validation epoch kept, optional early stopping and time budget, a guard that stops at the
 * first NaN or infinite loss or gradient, and checkpoints from which {@link #resume} continues.
 *
 * <p>The loop itself only trains and counts; after each minibatch and each epoch it asks small
 * policies, in this order, each doing one thing (as the listeners of DJL's trainer do):
 * <ul>
 *   <li>per epoch, before it: the {@link LearningRateSchedule} sets the learning rate;</li>
 *   <li>per minibatch: {@link DivergenceGuard} (NaN or infinite loss or gradient ends the run),
 *       {@link Listener#onIteration}, {@link StopRequest} (Ctrl-C), {@link Checkpointing}
 *       (every N minibatches or minutes, and before a stop);</li>
 *   <li>per epoch, after validation: {@link Listener#onEpoch}, {@link EarlyStopping} (best epoch kept,
 *       patience), {@link TimeBudget}, then {@link Checkpointing} at the epoch's end.</li>
 * </ul>
 * Where the run stands is one immutable {@link TrainingState}, which is also what a checkpoint stores.
 *
 * <p>Training minibatches (never validation data) are augmented by {@link Augmenter} when the config's
 * {@link Augmentation} is on (dense input only), after standardisation and before the update.
 *
 * <p>Determinism: the order of epoch e is a function of (seed, e), the augmentation of its minibatch b a
 * function of (seed, e, b), and the random state of iteration
 * i (dropout) is reset to a function of (seed, i) before it; with one ND4J thread the same seed gives
 * the same parameters, and a run resumed from any checkpoint ends exactly like an uninterrupted one.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /**
     * The datasets (by identity: no dataset class defines equals; held weakly, so a dataset trained on and dropped is not
     * kept) and patiences {@link #warnPatienceWithoutValidation} has warned of. Review 81a R8: keyed by the dataset's name,
     * a program training on several in-memory datasets of one name was warned once only.
     */
    private static final java.util.Map<SequenceDataset, java.util.Set<Integer>> PATIENCE_WARNED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    /** Embedding size used when a token dataset meets a spec with dense input. */
    public static final int DEFAULT_EMBEDDING_SIZE = 32;

    /** Receives progress; all methods are optional. */
    public interface Listener {
        /** Before the first minibatch of a run (new or resumed), with its settings: what the epoch lines show ({@link TrainingConfig#selection}). */
        default void onStart(TrainingConfig config) {
        }

        /**
         * After {@link #onStart} of a resumed run, with the epochs it finished before (the checkpoint's history, oldest first;
         * empty when it stopped in its first epoch): a listener that words each epoch against the best so far (the epoch
         * lines' tie note and whether early stopping may still end the run) sees the run as an uninterrupted one would.
         */
        default void onResumed(List<EpochStats> finished) {
        }

        /** After each minibatch. */
        default void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
        }

        /** After each epoch (and its validation). */
        default void onEpoch(EpochStats stats) {
        }

        /** After a checkpoint was written. */
        default void onCheckpoint(TrainingState state) {
        }
    }

    /**
     * How a run is watched and kept.
     *
     * @param listener      progress callbacks
     * @param checkpointDir folder for checkpoints, or null for none
     * @param stop          set to true to stop after the current minibatch, or null: {@code train} then throws
     *                      {@link TrainingInterruptedException}. With a checkpoint folder a checkpoint is written first,
     *                      from which {@link Trainer#resume} continues; without one (null) the run's work is lost: no
     *                      model is returned and nothing is kept. Interrupting the training thread (e.g.
     *                      {@code Future.cancel(true)}) stops the run the same way, with or without this flag
     * @param onNetwork     called with the network before training starts (e.g. to attach DL4J listeners), or null
     * @param provenance    the provenance the {@link TrainedModel} carries (e.g. one already written to a run folder),
     *                      or null to capture it when training starts ({@link Trainer#provenance}, no command line)
     */
    public record Options(Listener listener, Path checkpointDir, AtomicBoolean stop, Consumer<MultiLayerNetwork> onNetwork,
                          Provenance provenance) {
        public Options {
            listener = listener == null ? new Listener() { } : listener;
            onNetwork = onNetwork == null ? net -> { } : onNetwork;
        }

        /** Callbacks, checkpoints, a stop flag and a hook on the network; provenance captured when training starts. */
        public Options(Listener listener, Path checkpointDir, AtomicBoolean stop, Consumer<MultiLayerNetwork> onNetwork) {
            this(listener, checkpointDir, stop, onNetwork, null);
        }

        /** Callbacks, checkpoints and a stop flag, nothing attached to the network. */
        public Options(Listener listener, Path checkpointDir, AtomicBoolean stop) {
            this(listener, checkpointDir, stop, null, null);
        }

        /** No callbacks, no checkpoints. */
        public static Options none() {
            return new Options(null, null, null, null, null);
        }

        /** The same options with the provenance the trained model should carry. */
        public Options withProvenance(Provenance v) {
            return new Options(listener, checkpointDir, stop, onNetwork, v);
        }

        private Provenance provenanceOr(ModelSpec spec, TrainingConfig config, SequenceDataset data) {
            return provenance != null ? provenance : Trainer.provenance(spec, config, data, List.of());
        }
    }

    private Trainer() {
    }

    private static void notNull(Object value, String argument, String expected) {
        if (value == null) {
            throw new IllegalArgumentException("Trainer.train: '" + argument + "' is null (expected " + expected + ")");
        }
    }

    /** The spec adapted to the dataset's input: token datasets get an embedding of the vocabulary. */
    public static ModelSpec adaptTo(ModelSpec spec, SequenceDataset data) {
        InputDescription in = data.input();
        if (in.kind() == InputDescription.Kind.TOKENS) {
            int embedding = spec.input().kind() == InputSpec.Kind.TOKENS ? spec.input().embeddingSize() : DEFAULT_EMBEDDING_SIZE;
            return spec.withInput(InputSpec.tokens(in.vocabularySize(), embedding));
        }
        return spec.withInput(InputSpec.dense());
    }

    /**
     * The provenance of training {@code spec} with {@code config} on {@code data}, captured now: environment,
     * {@code commandLine} (empty from the API), the dataset's name and checksum, and the seeds of the weights
     * and of the data order.
     */
    public static Provenance provenance(ModelSpec spec, TrainingConfig config, SequenceDataset data, List<String> commandLine) {
        return Provenance.capture(commandLine, data.name(), data.provenance().checksum(), List.of(spec.seed(), config.seed()))
                .withFeatureStandardisation(featureStandardisation(data, "the training split (" + data.split(Split.TRAIN).size()
                        + " sequences)").orElse(null));
    }

    /**
     * How training standardises {@code data}'s features ({@link SequenceDataset#fitNormalizer}), in a few words for the
     * console and provenance.json: {@code mean and standard deviation of each of the 6 features, fitted on the training
     * split (96 sequences)}; empty for token input, which is not standardised.
     *
     * @param fittedOn the split the statistics are fitted on, as the reader should see it
     */
    public static Optional<String> featureStandardisation(SequenceDataset data, String fittedOn) {
        if (data.input().kind() != InputDescription.Kind.DENSE) {
            return Optional.empty();
        }
        int n = data.input().featureCount();
        return Optional.of("mean and standard deviation of each of the " + n + (n == 1 ? " feature" : " features") + ", fitted on "
                + fittedOn);
    }

    /** Trains without callbacks or checkpoints. */
    public static TrainedModel train(ModelSpec spec, TrainingConfig config, SequenceDataset data) {
        return train(spec, config, data, Options.none());
    }

    /** Trains with progress callbacks. */
    public static TrainedModel train(ModelSpec spec, TrainingConfig config, SequenceDataset data, Listener listener) {
        return train(spec, config, data, new Options(listener, null, null));
    }

    /**
     * Trains from scratch and returns the best model by validation accuracy, with the run's provenance.
     *
     * <p>Stopping: the {@link Options#stop} flag and the thread's interrupt ({@link Thread#interrupt()},
     * {@code Future.cancel(true)}) are both checked after every minibatch; either ends the run with a
     * {@link TrainingInterruptedException} after writing a checkpoint when {@link Options#checkpointDir} is set. An interrupt
     * stays set on the thread when the exception is thrown. A minibatch under way finishes first (DL4J's native code does
     * not see interrupts), and validation at an epoch's end is not cut short.
     *
     * @throws TrainingInterruptedException when stopped by the flag or an interrupt
     * @throws TrainingDivergedException    at the first NaN or infinite loss or gradient
     */
    public static TrainedModel train(ModelSpec spec, TrainingConfig config, SequenceDataset data, Options options) {
        notNull(spec, "spec", "a ModelSpec, e.g. ModelSpec.of(CellType.GRU)");
        notNull(config, "config", "a TrainingConfig, e.g. TrainingConfig.defaults()");
        notNull(data, "data", "a SequenceDataset, e.g. an InMemorySequenceDataset");
        notNull(options, "options", "Trainer.Options, e.g. Options.none()");
        requireTwoTrainingClasses(data);
        warnPatienceWithoutValidation(config, data);
        ModelSpec adapted = adaptTo(spec, data);
        MultiLayerNetwork net = NetworkFactory.build(adapted, data.input().featureCount(), data.classCount());
        return run(TrainingState.start(adapted, config, data), net, null, data, options,
                options.provenanceOr(adapted, config, data));
    }

    /**
     * Refuses a training split whose sequences hold fewer than 2 distinct labels, as {@code rnnlab train} refuses such a file
     * (a trial's Java program trained a "classifier" on one class without a word: 81d F3): the network would learn to
     * answer that class whatever it reads.
     *
     * @throws IllegalArgumentException naming the dataset, the label(s) that occur and how many training sequences there are
     */
    static void requireTwoTrainingClasses(SequenceDataset data) {
        List<org.rnnlab.datasets.Sequence> train = data.split(Split.TRAIN).examples();
        java.util.BitSet seen = new java.util.BitSet();
        for (org.rnnlab.datasets.Sequence s : train) {
            seen.set(s.label());
        }
        if (seen.cardinality() < 2) {
            List<String> labels = seen.stream().mapToObj(c -> c < data.labelNames().size() ? data.labelNames().get(c) : "#" + c)
                    .toList();
            throw new IllegalArgumentException("dataset " + data.name() + ": " + (train.isEmpty() ? "the training split is empty"
                    : "only the label(s) " + org.rnnlab.datasets.LabelCheck.listed(labels) + " occur in the training split ("
                    + train.size() + " sequence(s))") + ": expected sequences of at least 2 distinct labels of "
                    + org.rnnlab.datasets.LabelCheck.listed(data.labelNames()) + " to train a classifier on (rnnlab train "
                    + "refuses such data too)");
        }
    }

    /**
     * Warns when the config asks for early stopping ({@code patience > 0}) and the dataset has no validation split: early
     * stopping counts epochs without validation gain, so with none it never stops the run; every epoch trains and the epoch
     * of the lowest training loss is kept (81d F3: the patience was ignored without a word). A warning, not a refusal:
     * {@code rnnlab train --set validationFraction=0} (a final model on all the labelled data) runs so with its default
     * patience. Said once per dataset name and patience in a JVM: a comparison trains many runs on the same splits.
     */
    static void warnPatienceWithoutValidation(TrainingConfig config, SequenceDataset data) {
        if (config.patience() > 0 && data.split(Split.VALIDATION).size() == 0
                && PATIENCE_WARNED.computeIfAbsent(data, d -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                .add(config.patience())) {
            LOG.warn("dataset {} has no validation split, so early stopping (patience {}) is ignored: all {} epochs train and the "
                    + "epoch of the lowest training loss is kept; give the dataset validation sequences to stop early, or set "
                    + "the patience to 0 (TrainingConfig.withEarlyStopping(0, 0), rnnlab train --patience 0) to say so",
                    data.name(), config.patience(), config.epochs());
        }
    }

    /**
     * Continues the run whose checkpoint is in {@code checkpointDir} on the same dataset; the model spec
     * and training settings come from the checkpoint, which rebuilds the network as {@link #train} does.
     *
     * @throws BundleException if the checkpoint cannot be loaded (corrupt, or written by rnnlab 0.1)
     */
    public static TrainedModel resume(Path checkpointDir, SequenceDataset data, Options options) throws IOException {
        Checkpoint.Loaded loaded = Checkpoint.read(checkpointDir);
        TrainingState state = loaded.state();
        if (!state.data().matches(data)) {
            throw new IllegalArgumentException("checkpoint in " + checkpointDir + " was made on dataset " + state.data().name()
                    + " with checksum " + state.data().checksum() + ", but the data given has checksum "
                    + data.provenance().checksum() + ": resume with the same data and options");
        }
        LOG.info("resuming {} at epoch {}, batch {} (iteration {})", state.spec().label(), state.progress().epoch(),
                state.progress().batchesDone(), state.progress().iteration());
        if (!loaded.exactStandardization()) {
            LOG.info("the checkpoint predates exact standardisation: resuming with ND4J's standardiser, as the run began");
        }
        return run(state, loaded.network(), loaded.bestParams(), data, options,
                options.provenanceOr(state.spec(), state.config(), data), loaded.exactStandardization());
    }

    private static TrainedModel run(TrainingState start, MultiLayerNetwork net, INDArray bestParameters, SequenceDataset data,
                                    Options options, Provenance provenance) {
        return run(start, net, bestParameters, data, options, provenance, true);
    }

    private static TrainedModel run(TrainingState start, MultiLayerNetwork net, INDArray bestParameters, SequenceDataset data,
                                    Options options, Provenance provenance, boolean exactStandardization) {
        TrainingConfig config = start.config();
        ModelSpec spec = start.spec();
        requireAugmentableInput(spec, config, data);
        Batches batches = Batches.of(data, config, exactStandardization);
        options.onNetwork().accept(net);
        DivergenceGuard guard = new DivergenceGuard();
        EarlyStopping earlyStopping = new EarlyStopping(config, spec.label(), start.best(), bestParameters).withBestLogLoss(
                start.history().stream().filter(e -> start.best().found() && e.epoch() == start.best().epoch())
                        .map(EpochStats::validationLogLoss).filter(java.util.Objects::nonNull).findFirst().orElse(null));
        TimeBudget budget = TimeBudget.of(config, spec.label());
        StopRequest stop = new StopRequest(options.stop());
        Checkpointing checkpoints = new Checkpointing(options.checkpointDir(), config, data.input().featureCount(), data.classCount(),
                options.listener(), System::nanoTime, exactStandardization);

        // a listener only where a clip threshold is set: the epochs' clip share (EpochStats.clipped)
        ClipMonitor clipMonitor = new ClipMonitor();
        boolean counting = ClipMonitor.clips(spec.gradientNormalization());
        if (counting) {
            net.addListeners(clipMonitor);
        }
        TrainingState state = start;
        options.listener().onStart(config);
        if (start.progress().iteration() > 0) { // a resumed run (a new one starts at iteration 0)
            options.listener().onResumed(start.history());
        }
        try {
            while (!state.finished() && state.progress().epoch() <= config.epochs()) {
                int epoch = state.progress().epoch();
                NetworkFactory.setLearningRate(net, config.schedule().rate(spec.learningRate(), epoch, config.epochs()));
                batches.train().setEpoch(epoch - 1);
                batches.train().skipBatches(state.progress().batchesDone());
                while (batches.train().hasNext()) {
                    Nd4j.getRandom().setSeed(iterationSeed(config.seed(), state.progress().iteration()));
                    DataSet batch = batches.train().next();
                    Augmenter.apply(config.augmentation(), batch, config.seed(), epoch, state.progress().batchesDone());
                    long t0 = System.nanoTime();
                    // DL4J's score adds the regularization penalty (weight decay, L2) of the parameters it was computed at, those
                    // before the update: the reported loss is the cross-entropy alone, comparable across --weight-decay settings
                    double penalty = net.calcRegularizationScore(true);
                    net.fit(batch);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double loss = net.score() - penalty;
                    guard.check(net, loss, epoch, state.progress().batchesDone() + 1);
                    state = state.afterBatch(loss, batch.numExamples(), seconds, clipMonitor.clippedLastUpdate());
                    options.listener().onIteration(epoch, state.progress().batchesDone(), batches.train().batchesPerEpoch(), loss);
                    boolean stopping = stop.requested();
                    // the checkpoint is written with the interrupt cleared and set again (Checkpointing), so that the caller still sees it
                    boolean interrupted = stopping && Thread.currentThread().isInterrupted();
                    checkpoints.afterBatch(state, net, earlyStopping.bestParameters(), stopping);
                    if (stopping) {
                        throw stop.interruption(state.progress(), checkpoints, interrupted);
                    }
                }
                EpochStats stats = state.epochStats(batches.validationScores(net), batches.hasValidation());
                options.listener().onEpoch(stats);
                boolean noLongerImproving = earlyStopping.afterEpoch(epoch,
                        EarlyStopping.score(stats, batches.hasValidation(), config.selection()),
                        // the rule a run made before the tie-break replays with (config.json's selectionTies): no tie-break
                        batches.hasValidation() && config.selectionTies() != SelectionTies.FIRST
                                ? stats.validation(EpochSelection.LOG_LOSS) : Double.NaN, net,
                        batches.hasValidation() && epoch < config.epochs());
                boolean outOfTime = budget.exhaustedAfter(epoch, state.progress().trainSeconds());
                state = state.afterEpoch(stats, earlyStopping.best(), noLongerImproving || outOfTime);
                checkpoints.afterEpoch(state, net, earlyStopping.bestParameters());
                if (Thread.currentThread().isInterrupted()) { // interrupted during validation or the last minibatch's end
                    throw stop.interruption(state.progress(), checkpoints, true);
                }
            }
        } finally {
            if (counting) {
                net.getListeners().remove(clipMonitor);
            }
        }
        earlyStopping.restoreBest(net);
        int bestEpoch = state.best().epoch();
        // the kept epoch's accuracy, whichever score chose it (macro-F1: the score is not an accuracy)
        double bestAccuracy = !batches.hasValidation() ? Double.NaN : state.history().stream().filter(e -> e.epoch() == bestEpoch)
                .mapToDouble(EpochStats::validationAccuracy).findFirst().orElse(state.best().score());
        return new TrainedModel(spec, config, net, batches.normalizer(), data.labelNames(), data.input(), state.history(),
                bestEpoch, bestAccuracy, state.progress().trainSeconds(), provenance);
    }

    /**
     * Refuses an augmentation of token input: the transforms change numbers, and token ids are not numbers one may
     * scale or interpolate.
     */
    static void requireAugmentableInput(ModelSpec spec, TrainingConfig config, SequenceDataset data) {
        if (config.augmentation().enabled() && spec.input().kind() == InputSpec.Kind.TOKENS) {
            throw new IllegalArgumentException("TrainingConfig.augmentation (" + config.augmentation() + ") transforms dense "
                    + "(numeric) inputs only, but dataset " + data.name() + " is read as token ids; train it without augmentation");
        }
        // DL4J's own bidirectional LSTM reads padding into its backward direction, so predict feeds it sequences of one length;
        // a prefix cut by the mask would train it on what predict of a real prefix never computes (a review)
        if (config.augmentation().prefix() < 1 && spec.needsEqualLengthBatches()) {
            throw new IllegalArgumentException("--augment prefix=" + config.augmentation().prefix() + " cuts sequences by masking "
                    + "their later steps, and DL4J's bidirectional LSTM (--impl dl4j) reads masked steps into its backward direction: "
                    + "train it with rnnlab's layers (the default --impl), or without prefix");
        }
        // a prefix cut after each sequence was scaled by its own whole statistics would train on what predict of a real
        // prefix cannot see (a review; streams refuse such models for the same reason)
        if (config.augmentation().prefix() < 1 && data.csvSchema().map(s -> s.sequenceScaling() != null
                && s.sequenceScaling() != org.rnnlab.datasets.csv.SequenceScaling.NONE).orElse(false)) {
            throw new IllegalArgumentException("--augment prefix=" + config.augmentation().prefix() + " cuts sequences after "
                    + "--set sequenceScaling=" + data.csvSchema().orElseThrow().sequenceScaling() + " scaled each by the statistics "
                    + "of all its steps, which a prefix at prediction time does not have: give one of them (prefix training "
                    + "with the training split's standardisation, or per-sequence scaling without prefix)");
        }
    }

    /** The seed of the random state (dropout) of iteration {@code iteration}: a function of the run's seed and the position only. */
    static long iterationSeed(long seed, long iteration) {
        return seed * 0x9E3779B97F4A7C15L + iteration;
    }

    /**
     * What the loop reads: minibatches of the training split in the run's order, the validation split,
     * both standardised by the normaliser fitted on the training split (dense input).
     */
    record Batches(Optional<NormalizerStandardize> normalizer, SequenceBatchIterator train, SequenceBatchIterator validation,
                           boolean hasValidation, Integer averagePrecisionClass) {

        static Batches of(SequenceDataset data, TrainingConfig config) {
            return of(data, config, true);
        }

        /**
         * @param exact whether the normaliser divides by the deviations exactly, else as ND4J's (deviations below about 1e-5
         *              by 1): for a run resumed from a checkpoint written before exact standardisation, which began so
         */
        static Batches of(SequenceDataset data, TrainingConfig config, boolean exact) {
            Optional<NormalizerStandardize> normalizer = data.fitNormalizer()
                    .map(n -> exact ? n : new NormalizerStandardize(n.getMean().dup(), n.getStd().dup()));
            SequenceBatchIterator train = data.iterator(Split.TRAIN, config.batchSize(), config.seed(), config.lengthBatches());
            SequenceBatchIterator validation = data.iterator(Split.VALIDATION, Math.max(config.batchSize(), 128), config.seed());
            normalizer.ifPresent(n -> {
                train.setPreProcessor(n);
                validation.setPreProcessor(n);
            });
            return new Batches(normalizer, train, validation, data.split(Split.VALIDATION).size() > 0,
                    config.averagePrecisionClass());
        }

        /** The scores of the validation split ({@link ValidationScores}), NaN when it is empty. */
        ValidationScores validationScores(MultiLayerNetwork net) {
            return hasValidation ? ValidationScores.of(net, validation, averagePrecisionClass) : ValidationScores.none();
        }
    }

    /** Accuracy and macro-F1 of a network on an iterator (from its start): {@link ValidationScores}. */
    static double[] scores(MultiLayerNetwork net, DataSetIterator it) {
        ValidationScores v = ValidationScores.of(net, it);
        return new double[] {v.accuracy(), v.macroF1()};
    }

    /** Accuracy of a network on an iterator (from its start). */
    public static double accuracy(MultiLayerNetwork net, DataSetIterator it) {
        return scores(net, it)[0];
    }
}
