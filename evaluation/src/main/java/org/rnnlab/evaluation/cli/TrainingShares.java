package org.rnnlab.evaluation.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.ClassShareDrift;
import org.rnnlab.training.ModelCard;

/**
 * New data's class shares against those kept in the model card, by the rule the CSV reader applies to a test split
 * ({@link ClassShareDrift}: total variation distance 0.10 or more and chi-square p below 0.001): {@code evaluate} compares
 * the labels of an {@code --input} file with the training split's ({@code trainingClassCounts}), {@code predict} the classes
 * the model predicts with those it predicted on its held-out split ({@code heldOutPredictions}: predicted shares are not
 * true ones, and review 66a #1 saw an imperfect model on imbalanced classes "drift" on its own training file when they were
 * compared with the true training shares). A weld-QA trial (stop 65): evaluate on a new month's labelled welds, a far
 * larger share of them defective, scored an accuracy that could not be compared with training's, and nothing said the shares had moved, since the
 * model file kept no training class counts.
 */
final class TrainingShares {
    /**
     * The fewest predicted sequences predict compares: below, the chi-square test's small-count approximation and the
     * random spread of a few predictions say little.
     */
    static final int MIN_PREDICTED = 50;

    private TrainingShares() {
    }

    /** The comparison of {@code other} (counts in label order) with the card's training counts; empty for an older card or no data. */
    static Optional<ClassShareDrift.Comparison> compare(ModelCard card, long[] other) {
        return card.trainingCounts().flatMap(training -> ClassShareDrift.compare(training, other));
    }

    /** The counts per class of {@code classes} class indices (of a model of {@code k} classes). */
    static long[] counts(int[] classes, int k) {
        long[] counts = new long[k];
        for (int c : classes) {
            counts[c]++;
        }
        return counts;
    }

    /**
     * The note of a model file whose card has no training class counts: the comparison is skipped. A card made through the
     * Java API ({@link CardOrigin}) is not blamed on its age (trial 81d F1, left in review 81: evaluate still said "predates").
     */
    static String predates(Path model, ModelCard card, String what) {
        if (CardOrigin.javaApi(card)) {
            return model + " records no training class counts (trainingClassCounts: it was " + CardOrigin.JAVA_API + "), so the "
                    + "class shares of " + what + " are not compared with training's; " + CardOrigin.FILLED_BY;
        }
        return predates(model, what);
    }

    /** The note of a model file whose card predates the training class counts: the comparison is skipped. */
    static String predates(Path model, String what) {
        return model + " predates rnnlab's record of the training data's class counts (its model card has no "
                + "trainingClassCounts), so the class shares of " + what + " are not compared with training's; a model trained "
                + "again with this rnnlab has them";
    }

    /** evaluate's warning when the labels scored have clearly other class shares than training's, or empty. */
    static Optional<String> evaluateWarning(List<String> labels, Optional<ClassShareDrift.Comparison> c) {
        return evaluateWarning(labels, c, null, null);
    }

    /**
     * As above, after {@code --unknown-labels report} or {@code count} set aside the sequences of labels the model does not
     * know ({@code unknown}: each such label, the classes the model called its sequences and how many): that is said first,
     * since a label spelled otherwise ({@code LDPE} for the model's {@code PE-LD}) empties a class by itself (a chemist's trial:
     * {@code 'PE-LD' 16.7% of training, 0.0% of these data} was put down to "another period, line or population"). The class
     * the model called most of an unknown label's sequences is named with its share of {@code scored} (counts in label order).
     */
    static Optional<String> evaluateWarning(List<String> labels, Optional<ClassShareDrift.Comparison> c,
                                            java.util.Map<String, java.util.Map<String, Integer>> unknown, long[] scored) {
        String setAside = unknown == null || unknown.isEmpty() ? "" : setAside(labels, unknown, scored);
        return c.filter(ClassShareDrift.Comparison::differs).map(d -> setAside + (setAside.isEmpty() ? "the" : "; that alone "
                + "moves the class shares, and the") + " class shares of these data differ from the training data's "
                + d.details(labels, "scored", "these data") + "; accuracy and the majority baseline move with the shares, so "
                + "compare per-class recall and precision with training's rather than accuracy, and " + (setAside.isEmpty() ? ""
                : "if the labels set aside are not the model's spelled otherwise, ") + "these data may come from "
                + "another period, line or population than the training data");
    }

    /** The part of {@link #evaluateWarning} on the sequences set aside, its start. */
    private static String setAside(List<String> labels, java.util.Map<String, java.util.Map<String, Integer>> unknown, long[] scored) {
        long total = scored == null ? 0 : java.util.Arrays.stream(scored).sum();
        int n = 0;
        List<String> called = new java.util.ArrayList<>();
        for (var e : unknown.entrySet()) {
            int own = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            n += own;
            var most = e.getValue().entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow();
            int k = labels.indexOf(most.getKey());
            called.add(String.format(java.util.Locale.ROOT, "%s: %d of %d called %s%s",
                    org.rnnlab.datasets.LabelCheck.quoted(e.getKey()), most.getValue(), own,
                    org.rnnlab.datasets.LabelCheck.quoted(most.getKey()), k < 0 || total == 0 ? ""
                            : String.format(java.util.Locale.ROOT, ", a class at %.1f%% of these data", 100.0 * scored[k] / total)));
        }
        return String.format(java.util.Locale.ROOT, "%d sequence(s) with labels the model does not know (%s) were set aside: a "
                + "label spelled differently? (%s; if so, write it as the model's label and evaluate again)", n, String.join(", ", unknown.keySet().stream().map(org.rnnlab.datasets.LabelCheck::quoted)
                .toList()), String.join("; ", called));
    }

    /**
     * The comparison of the classes predict found most probable ({@code predicted}, in label order) with those the model
     * predicted on its run's held-out split (the card's {@code heldOutPredictions}); empty for a card without them.
     */
    static Optional<ClassShareDrift.Comparison> comparePredicted(ModelCard card, long[] predicted) {
        return card.heldOutPredictedCounts().flatMap(heldOut -> ClassShareDrift.compare(heldOut, predicted));
    }

    /**
     * predict's note when the card keeps no held-out predictions, so nothing is compared: a card written before they were
     * recorded (it has validation or test metrics), or a run without validation and test data.
     */
    static String noHeldOutPredictions(Path model, ModelCard card) {
        if (CardOrigin.javaApi(card)) { // not its age: the Java API's card leaves them out (trial 81d F1)
            return model + " records no classes it predicted on held-out data (heldOutPredictions: it was " + CardOrigin.JAVA_API
                    + "), so the shares of the classes predicted are not compared; " + CardOrigin.FILLED_BY;
        }
        boolean heldOut = card.metrics().containsKey("validation_accuracy") || card.metrics().containsKey("test_accuracy");
        return model + (heldOut ? " predates rnnlab's record of the classes the model predicted on its held-out data (its model card "
                + "has no heldOutPredictions), so the shares of the classes predicted are not compared; a model trained again with "
                + "this rnnlab has them" : " was trained without validation or test data, so its model card records no classes it "
                + "predicted on held-out data (heldOutPredictions) and the shares of the classes predicted are not compared; hold "
                + "some data out (--set validationFraction=0.2) to have them");
    }

    /**
     * predict's warning when the classes the model found most probable have clearly other shares than the classes the same
     * model found most probable on its run's held-out split (only from {@value #MIN_PREDICTED} sequences on), or empty.
     * Predicted against predicted: the model's bias (toward the majority class, or toward classes weighted up) is on both
     * sides, so what is left is that these inputs differ from the held-out data's (review 66a #1: against the true training
     * shares, an imperfect model on imbalanced classes warned on its own training file).
     */
    static Optional<String> predictWarning(List<String> labels, String split, Optional<ClassShareDrift.Comparison> c) {
        return c.filter(d -> d.otherTotal() >= MIN_PREDICTED && d.differs()).map(d -> "the shares of the classes the model "
                + "predicted (its most probable class per sequence) differ from those it predicted on its " + split + " split "
                + d.details(labels, split + "-predicted", "the " + split + " predictions", "predicted", "these predictions")
                + "; the same model predicted both, so these inputs differ from the " + split + " data: the true class shares "
                + "may have moved, or the inputs have changed (another sensor, line or period) so that the model reads them "
                + "otherwise, or both; score a labelled sample of them with evaluate to tell");
    }

    /**
     * The qualification of {@link #predictWarning} for a model trained on random prefixes ({@code --augment prefix=R},
     * {@code prefix} below 1) when most of the {@code steps} (each input sequence's length) are shorter than the shortest
     * whole sequence it was trained on ({@code minLength}): its held-out predictions are of whole sequences, and shares
     * predicted on sequences still under way are expected to differ from them (a class may not show in the first steps);
     * empty otherwise. Starts with "; " to follow the warning.
     */
    static Optional<String> partialSequences(double prefix, int minLength, int[] steps) {
        if (!(prefix < 1) || minLength <= 0 || steps.length == 0) {
            return Optional.empty();
        }
        long shorter = java.util.Arrays.stream(steps).filter(s -> s < minLength).count();
        if (shorter * 2 <= steps.length) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "; but the model was trained with --augment prefix=%s and %d of "
                + "these %d sequences are shorter than the shortest whole sequence it was trained on (%d steps): its held-out "
                + "predictions are of whole sequences, and shares predicted on partial ones are expected to differ from them (a "
                + "class may not show yet in the first steps), so this difference alone does not say the data changed; compare "
                + "with the predictions on prefixes of the same length", org.rnnlab.core.ModelSpec.plain(prefix), shorter,
                steps.length, minLength));
    }

    /**
     * evaluate's {@code --json} record: {@code training} (counts by label, null for an older card), {@code scored} (counts
     * by label), {@code totalVariationDistance}, {@code chiSquareP} and {@code differ} (null when not compared).
     */
    static ObjectNode json(ModelCard card, long[] scored) {
        ObjectNode node = Json.mapper().createObjectNode();
        List<String> labels = card.labelNames();
        node.set("training", card.trainingClassCounts() == null ? null : Json.mapper().valueToTree(card.trainingClassCounts()));
        ObjectNode counts = node.putObject("scored");
        for (int k = 0; k < labels.size(); k++) {
            counts.put(labels.get(k), scored[k]);
        }
        Optional<ClassShareDrift.Comparison> c = compare(card, scored);
        if (c.isPresent()) {
            node.put("totalVariationDistance", c.get().distance());
            node.put("chiSquareP", c.get().p());
            node.put("differ", c.get().differs());
        } else {
            node.putNull("totalVariationDistance");
            node.putNull("chiSquareP");
            node.putNull("differ");
        }
        return node;
    }
}
