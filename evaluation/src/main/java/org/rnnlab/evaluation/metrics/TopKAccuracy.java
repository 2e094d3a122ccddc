package org.rnnlab.evaluation.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Top-k accuracy: the share of sequences whose true class is among the k classes of highest probability, the headline of
 * identification with many classes (a trial of 120 speakers: accuracy 0.68, top-3 0.89, top-5 0.92, which no command gave).
 * Measured for k = 3 and 5 ({@link Metric#TOP_3_ACCURACY}, {@link Metric#TOP_5_ACCURACY}) for models of more than {@value
 * #MIN_CLASSES} classes, each where k is under the number of classes.
 *
 * <p>Ties are broken as scikit-learn's {@code top_k_accuracy_score} breaks them: of classes given equal probabilities the
 * one of the higher index (later in label order) ranks first, so a sequence counts when fewer than k classes have a
 * higher probability than its true class or an equal one at a higher index. Not {@code evaluate --top-k}, which is the
 * precision of one class's top k sequences ({@link TopK}).
 */
public final class TopKAccuracy {

    /** Top-k accuracy is measured for models of more than this many classes. */
    public static final int MIN_CLASSES = 10;

    /** The k measured, each with its metric. */
    static final Map<Metric, Integer> KS = Map.of(Metric.TOP_3_ACCURACY, 3, Metric.TOP_5_ACCURACY, 5);

    private TopKAccuracy() {
    }

    /**
     * The share of {@code actual} (class indices) whose class is among the top {@code k} of its row of {@code
     * probabilities}, ties broken as scikit-learn does; NaN for no sequence, or a row missing.
     */
    public static double of(int[] actual, double[][] probabilities, int k) {
        if (actual.length == 0) {
            return Double.NaN;
        }
        long hits = 0;
        for (int i = 0; i < actual.length; i++) {
            double[] row = probabilities[i];
            if (row == null) {
                return Double.NaN;
            }
            int c = actual[i];
            int ahead = 0;
            for (int j = 0; j < row.length; j++) {
                ahead += row[j] > row[c] || row[j] == row[c] && j > c ? 1 : 0;
            }
            hits += ahead < k ? 1 : 0;
        }
        return hits / (double) actual.length;
    }

    /** The top-k accuracies this many {@code classes} get measured, by metric: empty for {@value #MIN_CLASSES} classes or fewer. */
    public static Map<Metric, Double> all(int classes, int[] actual, double[][] probabilities) {
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        if (classes <= MIN_CLASSES) {
            return out;
        }
        KS.forEach((m, k) -> {
            if (k < classes) {
                double v = of(actual, probabilities, k);
                if (!Double.isNaN(v)) {
                    out.put(m, v);
                }
            }
        });
        return out;
    }

    /**
     * The summary line of {@code result}'s top-k accuracies, e.g. {@code top-k accuracy: top-3 0.8904, top-5 0.9247 (the
     * true class among the 3 or 5 most probable of 120; accuracy is top-1 0.6781)}; empty where none was measured.
     */
    public static java.util.Optional<String> line(EvaluationResult result) {
        List<Metric> measured = List.of(Metric.TOP_3_ACCURACY, Metric.TOP_5_ACCURACY).stream()
                .filter(m -> !Double.isNaN(result.metric(m))).toList();
        if (measured.isEmpty()) {
            return java.util.Optional.empty();
        }
        StringBuilder sb = new StringBuilder("top-k accuracy:");
        for (Metric m : measured) {
            sb.append(String.format(Locale.ROOT, "%s top-%d %.4f", m == measured.get(0) ? "" : ",", KS.get(m), result.metric(m)));
        }
        String ks = String.join(" or ", measured.stream().map(m -> Integer.toString(KS.get(m))).toList());
        return java.util.Optional.of(sb.append(String.format(Locale.ROOT, " (the true class among the %s most probable of %d; "
                + "accuracy is top-1 %.4f)", ks, result.labelNames().size(), result.accuracy())).toString());
    }
}
