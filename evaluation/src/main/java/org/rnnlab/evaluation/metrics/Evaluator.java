package org.rnnlab.evaluation.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.ConfusionMatrix;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceBatchIterator;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.training.Decision;

/**
 * Evaluates a network on a split: DL4J's {@link Evaluation} gathers the confusion matrix (of the argmax; a two-class
 * model's cut-off, {@link Decision}, is counted here); precision, recall and F1 per class and their macro averages are
 * derived from it; examples that carry tags are also bucketed by tag value; the probabilities can be kept for the
 * ranking metrics ({@link Ranking}).
 */
public final class Evaluator {
    private static final int BATCH = 256;

    private Evaluator() {
    }

    /**
     * Evaluates {@code net} (with its normaliser, if any) on one split of {@code data}; a network whose outputs padding
     * changes ({@link NetworkFactory#paddingChangesOutputs}) is fed minibatches of one length, as its predictions are.
     */
    public static EvaluationResult evaluate(MultiLayerNetwork net, DataNormalization normalizer, SequenceDataset data, Split split) {
        return evaluate(net, normalizer, data, split, data.sequenceIds().getOrDefault(split, List.of()));
    }

    /**
     * {@link #evaluate(MultiLayerNetwork, DataNormalization, SequenceDataset, Split)} with the split's sequences named by
     * {@code ids} (in the split's order; empty to name them by their place) in its errors.
     */
    public static EvaluationResult evaluate(MultiLayerNetwork net, DataNormalization normalizer, SequenceDataset data, Split split,
                                            List<String> ids) {
        return evaluate(net, normalizer, data, split, ids, null);
    }

    /**
     * {@link #evaluate(MultiLayerNetwork, DataNormalization, SequenceDataset, Split, List)} that also writes each sequence's
     * predicted class, in the split's order, into {@code predictedOut} (when not null; as long as the split).
     */
    public static EvaluationResult evaluate(MultiLayerNetwork net, DataNormalization normalizer, SequenceDataset data, Split split,
                                            List<String> ids, int[] predictedOut) {
        return evaluate(net, normalizer, data, split, ids, predictedOut, Decision.ARGMAX, null);
    }

    /**
     * {@link #evaluate(MultiLayerNetwork, DataNormalization, SequenceDataset, Split, List, int[])} with each sequence's class
     * chosen by {@code decision} (argmax, or a two-class model's cut-off: then every metric is that of the cut-off), and
     * each sequence's probabilities written, in the split's order, into {@code probabilitiesOut} (when not null; as long as
     * the split), for the ranking metrics ({@link Ranking}).
     */
    public static EvaluationResult evaluate(MultiLayerNetwork net, DataNormalization normalizer, SequenceDataset data, Split split,
                                            List<String> ids, int[] predictedOut, Decision decision, double[][] probabilitiesOut) {
        return evaluate(net, normalizer, data, split, ids, predictedOut, decision, probabilitiesOut, null);
    }

    /**
     * {@link #evaluate(MultiLayerNetwork, DataNormalization, SequenceDataset, Split, List, int[], Decision, double[][])} with
     * each sequence's probabilities put through {@code calibration} (a model of {@code train --calibrate}: its card's
     * {@link org.rnnlab.training.ModelCard#calibrated(double[])}, the prior correction and T, as
     * {@link org.rnnlab.training.SequenceClassifier} applies them; null for none), so that evaluate scores what predict
     * writes: the classes of an argmax are then those of the calibrated probabilities (a prior correction moves them).
     */
    public static EvaluationResult evaluate(MultiLayerNetwork net, DataNormalization normalizer, SequenceDataset data, Split split,
                                            List<String> ids, int[] predictedOut, Decision decision, double[][] probabilitiesOut,
                                            java.util.function.UnaryOperator<double[]> calibration) {
        return evaluate(net, normalizer, data, split, ids, predictedOut, decision, probabilitiesOut, calibration, null);
    }

    /**
     * {@link #evaluate(MultiLayerNetwork, DataNormalization, SequenceDataset, Split)} of a comparison's run, whose two-class
     * {@link Metric#AVERAGE_PRECISION} is that of class {@code averagePrecisionClass} (fixed from the comparison's training
     * pool: {@link org.rnnlab.training.TrainingConfig#averagePrecisionClass}), null for the rarer class of the split.
     */
    public static EvaluationResult evaluate(MultiLayerNetwork net, DataNormalization normalizer, SequenceDataset data, Split split,
                                            Integer averagePrecisionClass) {
        return evaluate(net, normalizer, data, split, data.sequenceIds().getOrDefault(split, List.of()), null, Decision.ARGMAX,
                null, null, averagePrecisionClass);
    }

    /**
     * {@link #evaluate(MultiLayerNetwork, DataNormalization, SequenceDataset, Split, Integer)}, with each sequence's
     * predicted class in {@code predictedOut} (of the split's size; a comparison's run scores the groups of its test data by them).
     */
    public static EvaluationResult evaluate(MultiLayerNetwork net, DataNormalization normalizer, SequenceDataset data, Split split,
                                            Integer averagePrecisionClass, int[] predictedOut) {
        return evaluate(net, normalizer, data, split, data.sequenceIds().getOrDefault(split, List.of()), predictedOut,
                Decision.ARGMAX, null, null, averagePrecisionClass);
    }

    /**
     * {@link #evaluate(MultiLayerNetwork, DataNormalization, SequenceDataset, Split, Integer, int[])}, with each sequence's
     * probabilities in {@code probabilitiesOut} (of the split's size): a comparison keeps them for its test-predictions.csv.
     */
    public static EvaluationResult evaluate(MultiLayerNetwork net, DataNormalization normalizer, SequenceDataset data, Split split,
                                            Integer averagePrecisionClass, int[] predictedOut, double[][] probabilitiesOut) {
        return evaluate(net, normalizer, data, split, data.sequenceIds().getOrDefault(split, List.of()), predictedOut,
                Decision.ARGMAX, probabilitiesOut, null, averagePrecisionClass);
    }

    private static EvaluationResult evaluate(MultiLayerNetwork net, DataNormalization normalizer, SequenceDataset data, Split split,
                                             List<String> ids, int[] predictedOut, Decision decision, double[][] probabilitiesOut,
                                             java.util.function.UnaryOperator<double[]> calibration,
                                             Integer averagePrecisionClass) {
        long t0 = System.nanoTime();
        // DL4J's Evaluation counts the argmax of the network's own output: with a calibration (which a prior correction makes
        // move classes) the classes are taken from the calibrated probabilities and counted here, as for a cut-off
        boolean ownArgmax = decision.argmax() && calibration != null;
        if (!decision.argmax() && decision.positive() >= data.classCount()) {
            throw new IllegalArgumentException("a cut-off of class " + decision.positive() + " in a model of " + data.classCount() + " classes");
        }
        boolean equalLengthBatches = NetworkFactory.paddingChangesOutputs(net);
        SequenceSet set = data.split(split);
        int classes = data.classCount();
        Evaluation eval = new Evaluation(data.labelNames());
        int[] predicted = new int[set.size()];
        double[][] probabilities = probabilitiesOut != null ? probabilitiesOut : new double[set.size()][];
        // in order, or (padding changes the network's outputs) in minibatches of one length: the batches the split's iterator
        // gives, without shuffling, and the normaliser applied as it applies it
        for (List<Integer> chunk : SequenceBatchIterator.minibatches(set.examples(), BATCH, equalLengthBatches)) {
            DataSet ds = SequenceBatchIterator.batch(chunk.stream().map(set.examples()::get).toList(), data.input().featureCount(),
                    classes);
            if (normalizer != null) {
                normalizer.preProcess(ds);
            }
            INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            for (int i = 0; i < out.rows(); i++) { // DL4J's own message named no sequence, file or cause (a user's try)
                double[] row = out.getRow(i).toDoubleVector();
                if (calibration != null && java.util.Arrays.stream(row).allMatch(Double::isFinite)) {
                    row = calibration.apply(row);
                }
                probabilities[chunk.get(i)] = row;
                if (!decision.argmax()) {
                    predicted[chunk.get(i)] = decision.choose(row);
                } else if (ownArgmax) {
                    int best = 0;
                    for (int c = 1; c < row.length; c++) {
                        if (row[c] > row[best]) {
                            best = c;
                        }
                    }
                    predicted[chunk.get(i)] = best;
                }
                if (!java.util.Arrays.stream(row).allMatch(Double::isFinite)) {
                    int index = chunk.get(i);
                    throw new IllegalStateException("sequence " + (index < ids.size() ? org.rnnlab.datasets.LabelCheck.quoted(ids.get(index))
                            : (index + 1) + " of the " + split.name().toLowerCase(java.util.Locale.ROOT) + " split") + ": "
                            + org.rnnlab.training.SequenceClassifier.notANumber(ds.getFeatures().slice(i), normalizer != null,
                            data.input().featureNames()));
                }
            }
            if (decision.argmax() && !ownArgmax) {
                eval.eval(ds.getLabels(), out);
                INDArray argmax = out.argMax(1);
                for (int i = 0; i < out.rows(); i++) {
                    predicted[chunk.get(i)] = argmax.getInt(i);
                }
            }
        }
        if (predictedOut != null) {
            System.arraycopy(predicted, 0, predictedOut, 0, predicted.length);
        }
        List<Sequence> examples = set.examples();
        int[] actual = examples.stream().mapToInt(Sequence::label).toArray();
        long[][] confusion = new long[classes][classes];
        if (decision.argmax() && !ownArgmax) {
            ConfusionMatrix<Integer> cm = eval.getConfusionMatrix();
            for (int a = 0; a < classes; a++) {
                for (int p = 0; p < classes; p++) {
                    confusion[a][p] = cm == null ? 0 : cm.getCount(a, p);
                }
            }
        } else { // a cut-off: DL4J's Evaluation counts its own argmax, so the sequences' classes are counted here
            for (int i = 0; i < actual.length; i++) {
                confusion[actual[i]][predicted[i]]++;
            }
        }
        List<BucketAccuracy> buckets = buckets(examples, actual, predicted).stream()
                .filter(b -> !data.nominalTags().contains(b.tag())).toList(); // a group's number means nothing to the user
        // the ranking metrics need no cut-off: for a rare class they say what accuracy cannot (compare's runs carry them)
        Ranking ranking = Ranking.of(data.labelNames(), actual, probabilities);
        // and the threshold-free scores --select judges validation by, as it computes them (the test log-loss of a comparison
        // chosen by validation log-loss: a parcel carrier's trial)
        return fromConfusion(data.labelNames(), confusion, buckets, (System.nanoTime() - t0) / 1e9).withRanking(ranking)
                .withSelectionScores(org.rnnlab.training.ValidationScores.of(classes, actual, probabilities, averagePrecisionClass))
                .withMetrics(TopKAccuracy.all(classes, actual, probabilities)); // many classes: top-3 and top-5 accuracy
    }

    /**
     * Derives all metrics from a confusion matrix {@code [actual][predicted]}. A class with no example in the data has
     * undefined recall and F1 (NaN; its precision is 0 when it was predicted, undefined too when it was not), and macro
     * recall and macro-F1 are the means over the classes present in the data (so macro recall is the balanced accuracy):
     * scoring a file that lacks some classes neither counts them as recall or F1 0 nor divides by them, while the wrong
     * predictions of an absent class still lower the recall of the classes those sequences belong to. Macro precision is
     * the mean over the classes present in the data or predicted (a class predicted without examples has precision 0);
     * classes neither present nor predicted are left out of every average.
     */
    public static EvaluationResult fromConfusion(List<String> labels, long[][] confusion, List<BucketAccuracy> buckets, double seconds) {
        int k = labels.size();
        long total = 0;
        long correct = 0;
        List<ClassMetrics> perClass = new ArrayList<>();
        double sumP = 0;
        double sumPPresent = 0; // over the classes present, as macro recall and macro-F1
        double sumR = 0;
        double sumF = 0;
        int scored = 0; // classes present or predicted: macro precision's
        int present = 0; // classes present in the data: macro recall's and macro-F1's
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long support = 0;
            long predictedAs = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predictedAs += confusion[j][c];
                total += confusion[c][j];
            }
            correct += tp;
            if (support == 0 && predictedAs == 0) { // nothing to score: undefined, not a class that failed; in no average
                perClass.add(new ClassMetrics(labels.get(c), Double.NaN, Double.NaN, Double.NaN, 0));
                continue;
            }
            double precision = predictedAs == 0 ? 0 : (double) tp / predictedAs;
            sumP += precision;
            scored++;
            if (support == 0) { // predicted but absent: precision 0, recall (and so F1) undefined, out of macro recall and F1
                perClass.add(new ClassMetrics(labels.get(c), precision, Double.NaN, Double.NaN, 0));
                continue;
            }
            sumPPresent += precision;
            double recall = (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassMetrics(labels.get(c), precision, recall, f1, support));
            sumR += recall;
            sumF += f1;
            present++;
        }
        Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        metrics.put(Metric.ACCURACY, total == 0 ? 0 : (double) correct / total);
        int n = Math.max(1, present);
        metrics.put(Metric.MACRO_F1, sumF / n);
        metrics.put(Metric.MACRO_PRECISION, sumP / Math.max(1, scored));
        metrics.put(Metric.MACRO_RECALL, sumR / n);
        if (present > 0) {
            metrics.put(Metric.MACRO_PRECISION_PRESENT, sumPPresent / present);
        }
        double kappa = cohenKappa(confusion);
        if (!Double.isNaN(kappa)) { // undefined: absent, as the ranking metrics where they are
            metrics.put(Metric.COHEN_KAPPA, kappa);
        }
        return new EvaluationResult(labels, metrics, perClass, confusion, buckets, total, seconds);
    }

    /**
     * Cohen's kappa, unweighted, of a confusion matrix {@code [actual][predicted]} ({@link Metric#COHEN_KAPPA}): with {@code n}
     * sequences, {@code r_c} of class c and {@code q_c} predicted as c, {@code p_o = sum_c confusion[c][c] / n} and
     * {@code p_e = sum_c r_c q_c / n^2}, kappa = {@code (p_o - p_e) / (1 - p_e)}, computed as
     * {@code (n sum_c confusion[c][c] - sum_c r_c q_c) / (n^2 - sum_c r_c q_c)} (the same value as scikit-learn's
     * {@code cohen_kappa_score}, {@code 1 - sum(w * C) / sum(w * E)} with {@code E} the outer product of the marginals over
     * {@code n} and {@code w} 1 off the diagonal). Classes with neither sequences nor predictions change nothing. NaN where
     * it is undefined, {@code p_e = 1}: no sequence, or one class holding every sequence and every prediction (then
     * {@code p_o = 1} too, 0/0; scikit-learn returns NaN with an {@code UndefinedMetricWarning}). The sums are of whole
     * numbers, exact in double below 2^53 (about 9.5e7 sequences), so that {@code p_e = 1} is told exactly, not by a rounded
     * difference.
     */
    public static double cohenKappa(long[][] confusion) {
        int k = confusion.length;
        double n = 0;
        double agreed = 0;
        double[] actual = new double[k];
        double[] predicted = new double[k];
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < confusion[a].length && p < k; p++) {
                long count = confusion[a][p];
                n += count;
                actual[a] += count;
                predicted[p] += count;
                if (a == p) {
                    agreed += count;
                }
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double chance = 0; // sum of r_c q_c: n^2 p_e
        for (int c = 0; c < k; c++) {
            if (actual[c] == n && predicted[c] == n) {
                return Double.NaN; // p_e = 1: every sequence of class c and predicted as c
            }
            chance += actual[c] * predicted[c];
        }
        return (n * agreed - chance) / (n * n - chance);
    }

    /** Accuracy per (tag, value), tags and values in increasing order. */
    static List<BucketAccuracy> buckets(List<Sequence> examples, int[] actual, int[] predicted) {
        Map<String, TreeMap<Integer, long[]>> counts = new TreeMap<>();
        for (int i = 0; i < examples.size(); i++) {
            for (Map.Entry<String, Integer> tag : examples.get(i).tags().entrySet()) {
                long[] c = counts.computeIfAbsent(tag.getKey(), t -> new TreeMap<>()).computeIfAbsent(tag.getValue(), v -> new long[2]);
                c[0]++;
                if (actual[i] == predicted[i]) {
                    c[1]++;
                }
            }
        }
        List<BucketAccuracy> out = new ArrayList<>();
        counts.forEach((tag, values) -> values.forEach((value, c) -> out.add(new BucketAccuracy(tag, value, c[0], (double) c[1] / c[0]))));
        return out;
    }
}
