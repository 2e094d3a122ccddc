package org.rnnlab.evaluation.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.ClassShareDrift;
import org.rnnlab.training.ModelCard;

/**
 * New data's class shares against the training split's, kept in the model card ({@code trainingClassCounts}): what
 * {@code evaluate} says of the labels it scores and {@code predict} of the classes the model predicts, by the rule the CSV
 * reader applies to a test split ({@link ClassShareDrift}: total variation distance 0.10 or more and chi-square p below
 * 0.001). A weld-QA trial (stop 65): evaluate on a new month's labelled welds, a far larger share of them defective,
 * scored an accuracy that could not be compared with training's, and nothing said the shares had moved, since the
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

    /** The note of a model file whose card predates the training class counts: the comparison is skipped. */
    static String predates(Path model, String what) {
        return model + " predates rnnlab's record of the training data's class counts (its model card has no "
                + "trainingClassCounts), so the class shares of " + what + " are not compared with training's; a model trained "
                + "again with this rnnlab has them";
    }

    /** evaluate's warning when the labels scored have clearly other class shares than training's, or empty. */
    static Optional<String> evaluateWarning(List<String> labels, Optional<ClassShareDrift.Comparison> c) {
        return c.filter(ClassShareDrift.Comparison::differs).map(d -> "the class shares of these data differ from the training data's "
                + d.details(labels, "scored", "these data") + "; accuracy and the majority baseline move with the shares, so "
                + "compare per-class recall and precision with training's rather than accuracy, and these data may come from "
                + "another period, line or population than the training data");
    }

    /**
     * predict's warning when the classes the model found most probable have clearly other shares than the training data's
     * true classes (only from {@value #MIN_PREDICTED} sequences on), or empty. Predicted shares are not true ones: the
     * words say both causes, and a model trained with class weights predicts its weighted classes more by design.
     */
    static Optional<String> predictWarning(List<String> labels, Optional<ClassShareDrift.Comparison> c, boolean weighted) {
        return c.filter(d -> d.otherTotal() >= MIN_PREDICTED && d.differs()).map(d -> "the shares of the classes the model "
                + "predicted (its most probable class per sequence) differ from the training data's class shares "
                + d.details(labels, "predicted", "the predictions") + "; these are predicted shares, not true ones: the true "
                + "shares may have moved, or these inputs differ from training's so that the model reads them otherwise, or both"
                + (weighted ? " (and this model's class weights move its predictions toward the classes weighted up)" : "")
                + "; score a labelled sample of them with evaluate to tell");
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
