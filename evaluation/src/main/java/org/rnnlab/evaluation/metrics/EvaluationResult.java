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

    /** This evaluation with {@code more} metrics added (or replaced), e.g. the top-k accuracies ({@link TopKAccuracy}). */
    public EvaluationResult withMetrics(Map<Metric, Double> more) {
        Map<Metric, Double> all = new EnumMap<>(metrics);
        all.putAll(more);
        return new EvaluationResult(labelNames, all, perClass, confusion, buckets, examples, seconds);
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

    /**
     * Macro-F1 over the classes present in the data or predicted, a class predicted but absent counted as F1 0 (scikit-learn's
     * {@code f1_score(average='macro')}), or null when no class is predicted but absent (then it equals {@link #macroF1}, the
     * mean over the classes present). A trial scored one month without the class its model predicted 225 times there and got
     * 0.38 where scikit-learn said 0.26; a wind-farm trial's train line read 0.3397 against the baseline's 0.3266 where
     * scikit-learn said 0.2548 (26 false alarms of a fault absent from the test period counted for nothing).
     */
    public Double macroF1PresentOrPredicted() {
        double sum = 0;
        int classes = 0;
        boolean predictedAbsent = false;
        for (int k = 0; k < perClass.size(); k++) {
            ClassMetrics c = perClass.get(k);
            long predicted = 0;
            for (long[] row : confusion) {
                predicted += k < row.length ? row[k] : 0;
            }
            if (c.support() > 0) {
                sum += c.f1();
                classes++;
            } else if (predicted > 0) {
                predictedAbsent = true;
                classes++;
            }
        }
        return predictedAbsent ? sum / classes : null;
    }

    /**
     * The words {@code evaluate} gives {@link #macroF1PresentOrPredicted} in: {@code macro-F1 0.2548 counting the class(es)
     * predicted here but absent, F1 0 each, as scikit-learn's f1_score(average='macro') does; rnnlab's macro-F1 averages the
     * classes present}.
     */
    public static String presentOrPredictedWords(double macroF1PresentOrPredicted) {
        return String.format(java.util.Locale.ROOT, "macro-F1 %.4f counting the class(es) predicted here but absent, F1 0 each, as "
                + "scikit-learn's f1_score(average='macro') does; rnnlab's macro-F1 averages the classes present",
                macroF1PresentOrPredicted);
    }

    /**
     * The classes predicted here but absent, each with how often it was predicted, e.g. {@code 'generator_bearing' (26
     * predictions)}; empty when there are none.
     */
    public List<String> predictedAbsent() {
        List<String> out = new java.util.ArrayList<>();
        for (int k = 0; k < perClass.size(); k++) {
            long predicted = 0;
            for (long[] row : confusion) {
                predicted += k < row.length ? row[k] : 0;
            }
            if (perClass.get(k).support() == 0 && predicted > 0) {
                out.add(org.rnnlab.datasets.LabelCheck.quoted(labelNames.get(k)) + " (" + predicted + " prediction"
                        + (predicted == 1 ? "" : "s") + ")");
            }
        }
        return out;
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
     * user's model, trained with balanced weights, was told to use them for its majority class). Without the training
     * counts: {@link #neverPredictedWarning(String, boolean, Map)} judges rarity by them, as compare does.
     */
    public java.util.Optional<String> neverPredictedWarning(String what, boolean weighted) {
        return neverPredictedWarning(what, weighted, null);
    }

    /**
     * As {@link #neverPredictedWarning(String, boolean)}, with the model's training sequences per class ({@code
     * trainingCounts}, the model card's {@code trainingClassCounts}, by label): where they are known for every class, a
     * class never predicted is rare by {@link RareInTraining} (under half the largest class's training sequences), as
     * compare judges it, and where none of them is, the hint of class weights gives way to a sentence saying so (a trial of
     * 120 speakers, 1-2 test sequences each, was told to weigh up classes tied for the largest in training, as rare by their
     * test counts). Null or incomplete counts (a model file written before they were recorded): the test counts, rare
     * under the mean of the classes present here.
     */
    public java.util.Optional<String> neverPredictedWarning(String what, boolean weighted, Map<String, Long> trainingCounts) {
        List<String> never = neverPredicted();
        if (never.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Long> counts = trainingCounts == null || !trainingCounts.keySet().containsAll(labelNames) ? null
                : labelNames.stream().map(trainingCounts::get).toList();
        long total = 0;
        int present = 0;
        for (long[] row : confusion) {
            long n = Arrays.stream(row).sum();
            total += n;
            present += n > 0 ? 1 : 0;
        }
        boolean rare = false;
        for (int c = 0; c < labelNames.size() && c < confusion.length; c++) {
            rare |= neverPredicts(c) && (counts == null ? Arrays.stream(confusion[c]).sum() * (double) present < total
                    : RareInTraining.rare(counts, c));
        }
        String hint = weighted ? "" : rare ? "; --class-weights balanced weighs rare classes up in training"
                : counts == null ? ""
                : String.format(java.util.Locale.ROOT, "; %s rare in training (each at least half the largest class's %d training "
                        + "sequences), so class weights are no cure: a class the model has not yet told apart from what it was "
                        + "taken for needs more epochs (--epochs), or a model that reads the part of the sequence that differs",
                        never.size() == 1 ? "it is not" : "none of them is", RareInTraining.largest(counts));
        return java.util.Optional.of("the model never predicted class "
                + String.join(", class ", never) + " of " + what + ": " + (never.size() == 1 ? "its recall is 0" : "their recall is 0")
                + ", which accuracy hides (macro-F1 counts it)" + hint);
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
