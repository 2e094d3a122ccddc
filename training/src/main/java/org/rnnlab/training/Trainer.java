package org.rnnlab.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
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
 * <p>Determinism: the order of epoch e is a function of (seed, e), and the random state of iteration
 * i (dropout) is reset to a function of (seed, i) before it; with one ND4J thread the same seed gives
 * the same parameters, and a run resumed from any checkpoint ends exactly like an uninterrupted one.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** Embedding size used when a token dataset meets a spec with dense input. */
    public static final int DEFAULT_EMBEDDING_SIZE = 32;

    /** Receives progress; all methods are optional. */
    public interface Listener {
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
     * @param stop          set to true to stop after the current minibatch (with a checkpoint), or null
     * @param onNetwork     called with the network before training starts (e.g. to attach DL4J listeners), or null
     */
    public record Options(Listener listener, Path checkpointDir, AtomicBoolean stop, Consumer<MultiLayerNetwork> onNetwork) {
        public Options {
            listener = listener == null ? new Listener() { } : listener;
            onNetwork = onNetwork == null ? net -> { } : onNetwork;
        }

        /** Callbacks, checkpoints and a stop flag, nothing attached to the network. */
        public Options(Listener listener, Path checkpointDir, AtomicBoolean stop) {
            this(listener, checkpointDir, stop, null);
        }

        /** No callbacks, no checkpoints. */
        public static Options none() {
            return new Options(null, null, null, null);
        }
    }

    private Trainer() {
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

    /** Trains without callbacks or checkpoints. */
    public static TrainedModel train(ModelSpec spec, TrainingConfig config, SequenceDataset data) {
        return train(spec, config, data, Options.none());
    }

    /** Trains with progress callbacks. */
    public static TrainedModel train(ModelSpec spec, TrainingConfig config, SequenceDataset data, Listener listener) {
        return train(spec, config, data, new Options(listener, null, null));
    }

    /** Trains from scratch and returns the best model by validation accuracy. */
    public static TrainedModel train(ModelSpec spec, TrainingConfig config, SequenceDataset data, Options options) {
        ModelSpec adapted = adaptTo(spec, data);
        MultiLayerNetwork net = NetworkFactory.build(adapted, data.input().featureCount(), data.classCount());
        TrainingState start = new TrainingState(adapted, config, data.name(), data.provenance().checksum(), 1, 0, 0, 0, 0, 0,
                List.of(), false, 0, 0, 0, 0, false);
        return run(start, net, null, data, options);
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
        if (!state.datasetChecksum().equals(data.provenance().checksum())) {
            throw new IllegalArgumentException("checkpoint in " + checkpointDir + " was made on dataset " + state.dataset()
                    + " with checksum " + state.datasetChecksum() + ", but the data given has checksum "
                    + data.provenance().checksum() + ": resume with the same data and options");
        }
        LOG.info("resuming {} at epoch {}, batch {} (iteration {})", state.spec().label(), state.epoch(), state.batchesDone(),
                state.iteration());
        return run(state, loaded.network(), loaded.bestParams(), data, options);
    }

    private static TrainedModel run(TrainingState s, MultiLayerNetwork net, INDArray best, SequenceDataset data, Options o) {
        TrainingConfig config = s.config();
        Optional<NormalizerStandardize> normalizer = data.fitNormalizer();
        SequenceBatchIterator train = data.iterator(Split.TRAIN, config.batchSize(), config.seed());
        SequenceBatchIterator validation = data.iterator(Split.VALIDATION, Math.max(config.batchSize(), 128), config.seed());
        normalizer.ifPresent(n -> {
            train.setPreProcessor(n);
            validation.setPreProcessor(n);
        });
        boolean hasValidation = data.split(Split.VALIDATION).size() > 0;
        o.onNetwork().accept(net);

        int epoch = s.epoch();
        int batchesDone = s.batchesDone();
        long iteration = s.iteration();
        double lossSum = s.epochLossSum();
        long samples = s.epochSamples();
        double epochSeconds = s.epochSeconds();
        List<EpochStats> history = new ArrayList<>(s.history());
        boolean hasBest = s.hasBest();
        int bestEpoch = s.bestEpoch();
        double bestScore = s.bestScore();
        int sinceImprovement = s.sinceImprovement();
        double trainSeconds = s.trainSeconds();
        boolean finished = s.finished();
        long lastCheckpoint = System.nanoTime();

        while (!finished && epoch <= config.epochs()) {
            net.setLearningRate(config.schedule().rate(s.spec().learningRate(), epoch, config.epochs()));
            train.setEpoch(epoch - 1);
            train.skipBatches(batchesDone);
            while (train.hasNext()) {
                Nd4j.getRandom().setSeed(config.seed() * 0x9E3779B97F4A7C15L + iteration);
                DataSet batch = train.next();
                long t0 = System.nanoTime();
                net.fit(batch);
                double dt = (System.nanoTime() - t0) / 1e9;
                double loss = net.score();
                guard(net, loss, epoch, batchesDone + 1);
                batchesDone++;
                iteration++;
                lossSum += loss;
                samples += batch.numExamples();
                epochSeconds += dt;
                trainSeconds += dt;
                o.listener().onIteration(epoch, batchesDone, train.batchesPerEpoch(), loss);
                boolean stopNow = o.stop() != null && o.stop().get();
                boolean due = (config.checkpointEveryIterations() > 0 && iteration % config.checkpointEveryIterations() == 0)
                        || (config.checkpointEveryMinutes() > 0
                            && (System.nanoTime() - lastCheckpoint) / 60e9 >= config.checkpointEveryMinutes());
                if ((due || stopNow) && o.checkpointDir() != null) {
                    checkpoint(o, new TrainingState(s.spec(), config, s.dataset(), s.datasetChecksum(), epoch, batchesDone, iteration,
                            lossSum, samples, epochSeconds, history, hasBest, bestEpoch, bestScore, sinceImprovement, trainSeconds,
                            false), data, net, best);
                    lastCheckpoint = System.nanoTime();
                }
                if (stopNow) {
                    throw new TrainingInterruptedException("training stopped at epoch " + epoch + ", batch " + batchesDone
                            + (o.checkpointDir() != null ? "; checkpoint written to " + Checkpoint.file(o.checkpointDir()) : ""));
                }
            }
            double accuracy = hasValidation ? accuracy(net, validation) : Double.NaN;
            EpochStats stats = new EpochStats(epoch, lossSum / Math.max(1, batchesDone), accuracy, epochSeconds,
                    epochSeconds > 0 ? samples / epochSeconds : 0);
            history.add(stats);
            o.listener().onEpoch(stats);
            double score = hasValidation ? accuracy : -stats.trainLoss();
            if (!hasBest || score > bestScore + config.minImprovement()) {
                best = net.params().dup();
                hasBest = true;
                bestScore = score;
                bestEpoch = epoch;
                sinceImprovement = 0;
            } else if (config.patience() > 0 && ++sinceImprovement >= config.patience()) {
                LOG.info("{}: early stop after epoch {} (no validation gain for {} epochs)", s.spec().label(), epoch, sinceImprovement);
                finished = true;
            }
            if (config.timeBudgetSeconds() > 0 && trainSeconds >= config.timeBudgetSeconds()) {
                LOG.info("{}: time budget of {} s reached after epoch {}", s.spec().label(), config.timeBudgetSeconds(), epoch);
                finished = true;
            }
            epoch++;
            finished |= epoch > config.epochs();
            batchesDone = 0;
            lossSum = 0;
            samples = 0;
            epochSeconds = 0;
            if (o.checkpointDir() != null) {
                checkpoint(o, new TrainingState(s.spec(), config, s.dataset(), s.datasetChecksum(), epoch, 0, iteration, 0, 0, 0,
                        history, hasBest, bestEpoch, bestScore, sinceImprovement, trainSeconds, finished), data, net, best);
                lastCheckpoint = System.nanoTime();
            }
        }
        net.setParams(best);
        return new TrainedModel(s.spec(), config, net, normalizer, data.labelNames(), data.input(), history, bestEpoch,
                hasValidation ? bestScore : Double.NaN, trainSeconds);
    }

    private static void checkpoint(Options o, TrainingState state, SequenceDataset data, MultiLayerNetwork net, INDArray best) {
        try {
            Checkpoint.write(o.checkpointDir(), state, data.input().featureCount(), data.classCount(), net, best);
            o.listener().onCheckpoint(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint to " + o.checkpointDir() + ": " + e.getMessage(), e);
        }
    }

    /** Stops at a non-finite loss or gradient, naming the layer with the largest gradient norm. */
    private static void guard(MultiLayerNetwork net, double loss, int epoch, int batch) {
        Gradient g = net.gradient();
        boolean gradientFinite = g == null || Double.isFinite(g.gradient().sumNumber().doubleValue());
        if (Double.isFinite(loss) && gradientFinite) {
            return;
        }
        throw new TrainingDivergedException(epoch, batch, "loss is " + loss + (gradientFinite ? "" : ", gradient is not finite")
                + worstLayer(g));
    }

    private static String worstLayer(Gradient g) {
        if (g == null) {
            return "";
        }
        Map<String, Double> byLayer = new TreeMap<>();
        for (Map.Entry<String, INDArray> e : g.gradientForVariable().entrySet()) {
            String layer = e.getKey().contains("_") ? e.getKey().substring(0, e.getKey().indexOf('_')) : e.getKey();
            double n = e.getValue().norm2Number().doubleValue();
            double v = Double.isNaN(n) ? Double.POSITIVE_INFINITY : n;
            byLayer.merge(layer, v, (a, b) -> Math.sqrt(a * a + b * b));
        }
        return byLayer.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> "; largest gradient norm in layer " + e.getKey() + " (" + e.getValue() + ")").orElse("");
    }

    /** Accuracy of a network on an iterator (from its start). */
    public static double accuracy(MultiLayerNetwork net, DataSetIterator it) {
        it.reset();
        Evaluation eval = new Evaluation(it.totalOutcomes());
        while (it.hasNext()) {
            DataSet ds = it.next();
            INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            eval.eval(ds.getLabels(), out);
        }
        return eval.accuracy();
    }
}
