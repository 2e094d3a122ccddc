package org.rnnlab.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
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
 * best validation epoch kept, optional early stopping and time budget, and a guard that stops at the
 * first NaN or infinite loss.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** Embedding size used when a token dataset meets a spec with dense input. */
    public static final int DEFAULT_EMBEDDING_SIZE = 32;

    /** Receives progress; all methods are optional. */
    public interface Listener {
        /** After each minibatch. */
        default void onIteration(int epoch, int iteration, int batchesPerEpoch, double loss) {
        }

        /** After each epoch (and its validation). */
        default void onEpoch(EpochStats stats) {
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

    /** Trains without progress callbacks. */
    public static TrainedModel train(ModelSpec spec, TrainingConfig config, SequenceDataset data) {
        return train(spec, config, data, new Listener() {
        });
    }

    /** Trains and returns the best model by validation accuracy. */
    public static TrainedModel train(ModelSpec spec, TrainingConfig config, SequenceDataset data, Listener listener) {
        ModelSpec adapted = adaptTo(spec, data);
        MultiLayerNetwork net = NetworkFactory.build(adapted, data.input().featureCount(), data.classCount());
        Optional<NormalizerStandardize> normalizer = data.fitNormalizer();
        SequenceBatchIterator train = data.iterator(Split.TRAIN, config.batchSize(), config.seed());
        SequenceBatchIterator validation = data.iterator(Split.VALIDATION, Math.max(config.batchSize(), 128), config.seed());
        normalizer.ifPresent(n -> {
            train.setPreProcessor(n);
            validation.setPreProcessor(n);
        });
        boolean hasValidation = data.split(Split.VALIDATION).size() > 0;

        List<EpochStats> history = new ArrayList<>();
        INDArray best = null;
        int bestEpoch = 0;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        int sinceImprovement = 0;
        double trainSeconds = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            train.setEpoch(epoch - 1);
            long t0 = System.nanoTime();
            double lossSum = 0;
            int batches = 0;
            long samples = 0;
            while (train.hasNext()) {
                DataSet batch = train.next();
                net.fit(batch);
                double loss = net.score();
                batches++;
                samples += batch.numExamples();
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, batches, "loss is " + loss);
                }
                lossSum += loss;
                listener.onIteration(epoch, batches, train.batchesPerEpoch(), loss);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            trainSeconds += seconds;
            double accuracy = hasValidation ? accuracy(net, validation) : Double.NaN;
            EpochStats stats = new EpochStats(epoch, lossSum / Math.max(1, batches), accuracy, seconds, samples / seconds);
            history.add(stats);
            listener.onEpoch(stats);
            LOG.debug("{} epoch {}: loss {} validation accuracy {}", adapted.label(), epoch, stats.trainLoss(), accuracy);

            double score = hasValidation ? accuracy : -stats.trainLoss();
            if (best == null || score > bestAccuracy + config.minImprovement()) {
                best = net.params().dup();
                bestAccuracy = score;
                bestEpoch = epoch;
                sinceImprovement = 0;
            } else if (config.patience() > 0 && ++sinceImprovement >= config.patience()) {
                LOG.info("{}: early stop after epoch {} (no validation gain for {} epochs)", adapted.label(), epoch, sinceImprovement);
                break;
            }
            if (config.timeBudgetSeconds() > 0 && trainSeconds >= config.timeBudgetSeconds()) {
                LOG.info("{}: time budget of {} s reached after epoch {}", adapted.label(), config.timeBudgetSeconds(), epoch);
                break;
            }
        }
        net.setParams(best);
        return new TrainedModel(adapted, config, net, normalizer, data.labelNames(), data.input(), history, bestEpoch,
                hasValidation ? bestAccuracy : Double.NaN, trainSeconds);
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
