package org.rnnlab.evaluation.metrics;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation of a classifier on one split.
 *
 * @param labelNames      class names, index = class
 * @param metrics         scalar metrics by typed key
 * @param perClass        precision, recall and F1 per class, in label order
 * @param confusion       {@code confusion[actual][predicted]} counts
 * @param buckets         accuracy per tag value, for datasets whose examples carry tags (distance, attractors, ...)
 * @param examples        number of examples evaluated
 * @param seconds         wall time of the evaluation
 */
public record EvaluationResult(List<String> labelNames, Map<Metric, Double> metrics, List<ClassMetrics> perClass,
                               long[][] confusion, List<BucketAccuracy> buckets, long examples, double seconds) {

    public EvaluationResult {
        labelNames = List.copyOf(labelNames);
        metrics = java.util.Collections.unmodifiableMap(new EnumMap<>(metrics)); // in Metric order, so two runs' JSON files diff line by line
        perClass = List.copyOf(perClass);
        confusion = Arrays.stream(confusion).map(long[]::clone).toArray(long[][]::new);
        buckets = List.copyOf(buckets);
    }

    /** One metric; NaN when absent (a ranking metric or Cohen's kappa that is undefined here, or not measured by an older rnnlab). */
    public double metric(Metric m) {
        Double v = metrics.get(m);
        return v == null ? Double.NaN : v;
    }

    /** This evaluation with the ranking metrics of {@code ranking} added, each where defined. */
    public EvaluationResult withRanking(Ranking ranking) {
        Map<Metric, Double> more = new EnumMap<>(metrics);
        if (!Double.isNaN(ranking.macroRocAuc())) {
            more.put(Metric.MACRO_ROC_AUC, ranking.macroRocAuc());
        }
        if (!Double.isNaN(ranking.macroAveragePrecision())) {
            more.put(Metric.MACRO_AVERAGE_PRECISION, ranking.macroAveragePrecision());
        }
        return new EvaluationResult(labelNames, more, perClass, confusion, buckets, examples, seconds);
    }

    /**
     * This evaluation with the threshold-free scores the epoch selection judges validation by ({@link Metric#LOG_LOSS},
     * {@link Metric#AVERAGE_PRECISION}, from {@code scores}), each where defined: a comparison reports the score it chose by
     * on the test data too.
     */
    public EvaluationResult withSelectionScores(org.rnnlab.training.ValidationScores scores) {
        Map<Metric, Double> more = new EnumMap<>(metrics);
        if (!Double.isNaN(scores.logLoss())) {
            more.put(Metric.LOG_LOSS, scores.logLoss());
        }
        if (!Double.isNaN(scores.averagePrecision())) {
            more.put(Metric.AVERAGE_PRECISION, scores.averagePrecision());
        }
        return new EvaluationResult(labelNames, more, perClass, confusion, buckets, examples, seconds);
    }

    public double accuracy() {
        return metric(Metric.ACCURACY);
    }

    public double macroF1() {
        return metric(Metric.MACRO_F1);
    }

    /** Cohen's kappa ({@link Metric#COHEN_KAPPA}), NaN where undefined or not measured. */
    public double cohenKappa() {
        return metric(Metric.COHEN_KAPPA);
    }

    /**
     * The classes this evaluation's examples hold but its predictions never name, each with its number of examples, e.g.
     * {@code 'legal' (2 test examples)}; empty when every class present was predicted at least once. Accuracy hides such a
     * class (a user's rare class behind 0.957), macro-F1 counts it at 0.
     */
    public List<String> neverPredicted() {
        List<String> out = new java.util.ArrayList<>();
        for (int c = 0; c < labelNames.size() && c < confusion.length; c++) {
            if (neverPredicts(c)) {
                long support = Arrays.stream(confusion[c]).sum();
                out.add(org.rnnlab.datasets.LabelCheck.quoted(labelNames.get(c)) + " (" + support + " example" + (support == 1 ? "" : "s") + ")");
            }
        }
        return out;
    }

    /** Whether class {@code c} has examples here but no prediction names it. */
    public boolean neverPredicts(int c) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += c < row.length ? row[c] : 0;
        }
        return c < confusion.length && Arrays.stream(confusion[c]).sum() > 0 && predicted == 0;
    }

    /** A warning naming {@link #neverPredicted} classes, for {@code what} (e.g. "the test split"); empty when there are none. */
    public java.util.Optional<String> neverPredictedWarning(String what) {
        return neverPredictedWarning(what, false);
    }

    /**
     * As {@link #neverPredictedWarning(String)}; the hint of {@code --class-weights balanced} only for a model trained
     * without class weights ({@code weighted} false) when a class never predicted is rarer than the average class here (a
     * user's model, trained with balanced weights, was told to use them for its majority class).
     */
    public java.util.Optional<String> neverPredictedWarning(String what, boolean weighted) {
        List<String> never = neverPredicted();
        if (never.isEmpty()) {
            return java.util.Optional.empty();
        }
        long total = 0;
        int present = 0;
        for (long[] row : confusion) {
            long n = Arrays.stream(row).sum();
            total += n;
            present += n > 0 ? 1 : 0;
        }
        boolean rare = false;
        for (int c = 0; c < labelNames.size() && c < confusion.length; c++) {
            rare |= neverPredicts(c) && Arrays.stream(confusion[c]).sum() * (double) present < total;
        }
        return java.util.Optional.of("the model never predicted class "
                + String.join(", class ", never) + " of " + what + ": " + (never.size() == 1 ? "its recall is 0" : "their recall is 0")
                + ", which accuracy hides (macro-F1 counts it)"
                + (!weighted && rare ? "; --class-weights balanced weighs rare classes up in training" : ""));
    }

    /** The buckets of one tag, in increasing value order. */
    public List<BucketAccuracy> buckets(String tag) {
        return buckets.stream().filter(b -> b.tag().equals(tag)).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationResult r && labelNames.equals(r.labelNames) && metrics.equals(r.metrics)
                && perClass.equals(r.perClass) && Arrays.deepEquals(confusion, r.confusion) && buckets.equals(r.buckets)
                && examples == r.examples;
    }

    @Override
    public int hashCode() {
        return labelNames.hashCode() * 31 + Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return "EvaluationResult" + metrics + " on " + examples + " examples";
    }
}
