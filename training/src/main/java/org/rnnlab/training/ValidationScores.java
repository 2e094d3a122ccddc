package org.rnnlab.training;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * What one pass over the validation split measures after an epoch: the argmax scores (accuracy, macro-F1) and the
 * threshold-free ones ({@link OneVsRest}: log-loss, macro ROC AUC, macro average precision), from which the epoch is judged
 * by {@link EpochSelection}. The threshold-free ones are there for a model that will be ranked and thresholded: a trial's
 * rare defects (3%) never crossed p = 0.5, so the argmax scores stayed flat over six epochs of falling training loss.
 *
 * <p>Macro-F1 is the mean of the classes' F1 over the classes that have examples there (a class without any has undefined
 * recall and F1, whether or not it is predicted; its wrong predictions still lower the recall of the classes they belong
 * to), as the evaluation's macro-F1 counts it.
 *
 * @param accuracy         share classified right (0 without examples)
 * @param macroF1          mean F1 over the classes present
 * @param logLoss          mean cross-entropy of the true classes (NaN without examples)
 * @param rocAuc           macro ROC AUC, one class against the rest (NaN where no class has both kinds of example)
 * @param averagePrecision macro average precision (NaN where undefined)
 */
public record ValidationScores(double accuracy, double macroF1, double logLoss, double rocAuc, double averagePrecision) {

    /** No validation data: every score NaN. */
    public static ValidationScores none() {
        return new ValidationScores(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** The scores of a network on an iterator (from its start) of one-hot labelled examples. */
    public static ValidationScores of(MultiLayerNetwork net, DataSetIterator it) {
        return of(net, it, null);
    }

    /**
     * As {@link #of(MultiLayerNetwork, DataSetIterator)}, of two classes with the average precision of class {@code
     * averagePrecisionClass} (null: the rarer class in these data).
     */
    public static ValidationScores of(MultiLayerNetwork net, DataSetIterator it, Integer averagePrecisionClass) {
        it.reset();
        List<Integer> actual = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            INDArray truth = ds.getLabels().argMax(1);
            for (int i = 0; i < out.rows(); i++) {
                actual.add(truth.getInt(i));
                probabilities.add(out.getRow(i).toDoubleVector());
            }
        }
        return of(it.totalOutcomes(), actual.stream().mapToInt(Integer::intValue).toArray(), probabilities.toArray(double[][]::new),
                averagePrecisionClass);
    }

    /** The scores of {@code probabilities[i][c]} (example i's probability of class c) against the true classes {@code actual}. */
    public static ValidationScores of(int classes, int[] actual, double[][] probabilities) {
        return of(classes, actual, probabilities, null);
    }

    /**
     * As {@link #of(int, int[], double[][])}; of two classes the average precision is class {@code averagePrecisionClass}'s
     * (a comparison fixes it from its whole training pool, so that validation, test and every fold judge the same class:
     * near-balanced classes flipped "the rarer" between splits), or, null, the rarer class's in these data.
     */
    public static ValidationScores of(int classes, int[] actual, double[][] probabilities, Integer averagePrecisionClass) {
        long[][] confusion = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][argmax(probabilities[i])]++;
        }
        long correct = 0;
        double sumF1 = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            long support = 0;
            long predicted = 0;
            for (int j = 0; j < classes; j++) {
                support += confusion[c][j];
                predicted += confusion[j][c];
            }
            long right = confusion[c][c];
            correct += right;
            if (support > 0) {
                double precision = predicted == 0 ? 0 : (double) right / predicted;
                double recall = (double) right / support;
                sumF1 += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                present++;
            }
        }
        double accuracy = actual.length == 0 ? 0 : (double) correct / actual.length;
        // a NaN output (a diverged network): the threshold-free scores NaN, not OneVsRest's "a probability is NaN", which ended
        // a training run after every epoch whatever --select was, instead of the divergence guard's words (a review)
        if (java.util.Arrays.stream(probabilities).flatMapToDouble(java.util.Arrays::stream).anyMatch(Double::isNaN)) {
            return new ValidationScores(accuracy, sumF1 / Math.max(1, present), Double.NaN, Double.NaN, Double.NaN);
        }
        return new ValidationScores(accuracy, sumF1 / Math.max(1, present), OneVsRest.logLoss(actual, probabilities),
                actual.length == 0 ? Double.NaN : OneVsRest.macroRocAuc(classes, actual, probabilities),
                actual.length == 0 ? Double.NaN : classes == 2 ? averagePrecisionOf(
                        averagePrecisionClass != null ? averagePrecisionClass : rarer(actual), actual, probabilities)
                        : OneVsRest.macroAveragePrecision(classes, actual, probabilities));
    }

    /**
     * Two classes: the rarer class in {@code actual} (the model's second, 1, on equal counts), whose average precision is
     * judged, the class {@code evaluate} ranks by default; the mean over both classes diluted a rare defect's (a review:
     * 0.6613 kept an epoch whose defect average precision evaluate reported as 0.3853).
     */
    public static int rarer(int[] actual) {
        long ones = java.util.Arrays.stream(actual).filter(a -> a == 1).count();
        return ones * 2 <= actual.length ? 1 : 0;
    }

    /** Two classes: the average precision of class {@code positive}. */
    private static double averagePrecisionOf(int positive, int[] actual, double[][] probabilities) {
        boolean[] isPositive = new boolean[actual.length];
        double[] score = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            isPositive[i] = actual[i] == positive;
            score[i] = probabilities[i][positive];
        }
        return OneVsRest.averagePrecision(isPositive, score);
    }

    /** The first class of the highest probability, as DL4J's argmax picks it. */
    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
