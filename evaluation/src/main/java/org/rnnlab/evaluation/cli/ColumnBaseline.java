package org.rnnlab.evaluation.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.compare.PairedDifference;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.ScoreIntervals;

/**
 * {@code evaluate --baseline-column COLUMN}: the labels another method gave the same sequences (persistence, a rule, another
 * model), read from a column of the scored file, scored beside the model and compared with it sequence by sequence by
 * McNemar's exact test (McNemar 1947, Psychometrika 12: 153-157). A quant's trial: a GRU "reliably higher" than the
 * majority class at p = 4.6e-127 was level with persistence ("the next hour looks like this hour", p = 0.14), which no
 * option of rnnlab could say.
 *
 * @param column            the column's name as given
 * @param accuracy          the baseline's accuracy on the scored sequences
 * @param macroF1           its macro-F1 (over the classes the data hold, as the model's)
 * @param modelAccuracy     the model's accuracy on the same sequences
 * @param modelMacroF1      the model's macro-F1
 * @param modelOnlyRight    sequences the model got right and the baseline wrong
 * @param baselineOnlyRight sequences the baseline got right and the model wrong
 * @param mcnemarP          two-sided exact McNemar p of the accuracy difference
 * @param sequences         sequences compared
 * @param unknown           labels of the column that the model does not know, counted as wrong answers of the column
 */
record ColumnBaseline(String column, double accuracy, double macroF1, double modelAccuracy, double modelMacroF1,
                      long modelOnlyRight, long baselineOnlyRight, double mcnemarP, int sequences, List<String> unknown) {

    /**
     * The comparison on the scored sequences.
     *
     * @param file      the scored file, for messages
     * @param labels    the model's classes
     * @param ids       the scored sequences' ids, in order
     * @param given     the column's value of each, in the same order
     * @param actual    each sequence's class (index of {@code labels})
     * @param predicted the model's class of each
     * @throws org.rnnlab.datasets.DatasetFormatException naming the sequence of a blank value
     */
    static ColumnBaseline of(String column, Path file, List<String> labels, List<String> ids, List<String> given, int[] actual,
                             int[] predicted) {
        int k = labels.size();
        // a label the model does not know (a persistence column carries a new class into the next sequence) is a wrong answer of
        // the column's, counted in a last column "other" (a review: it refused the whole evaluation)
        long[][] confusion = new long[k + 1][k + 1];
        long columnRight = 0;
        long[][] modelConfusion = new long[k][k];
        long modelOnly = 0;
        long baselineOnly = 0;
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < actual.length; i++) {
            String value = given.get(i) == null ? "" : given.get(i).strip();
            if (value.isEmpty()) {
                throw new org.rnnlab.datasets.DatasetFormatException(file, "sequence '" + ids.get(i) + "' has no value in --baseline-column "
                        + column + " (expected one of the model's classes " + labels + " for every scored sequence)");
            }
            int b = labels.indexOf(value);
            if (b < 0) {
                if (!unknown.contains(value)) {
                    unknown.add(value);
                }
                b = k;
            }
            confusion[actual[i]][b]++;
            columnRight += b == actual[i] ? 1 : 0;
            modelConfusion[actual[i]][predicted[i]]++;
            boolean modelRight = predicted[i] == actual[i];
            boolean baselineRight = b == actual[i];
            if (modelRight && !baselineRight) {
                modelOnly++;
            } else if (baselineRight && !modelRight) {
                baselineOnly++;
            }
        }
        List<String> withOther = new ArrayList<>(labels);
        withOther.add("(a label the model does not know)");
        EvaluationResult base = Evaluator.fromConfusion(withOther, confusion, List.of(), 0); // macro-F1 over the classes present
        EvaluationResult model = Evaluator.fromConfusion(labels, modelConfusion, List.of(), 0);
        return new ColumnBaseline(column, actual.length == 0 ? Double.NaN : (double) columnRight / actual.length, base.macroF1(),
                model.accuracy(), model.macroF1(), modelOnly, baselineOnly, ScoreIntervals.mcnemar(modelOnly, baselineOnly),
                actual.length, List.copyOf(unknown));
    }

    /** Whether the accuracies differ at 5% by McNemar's test. */
    boolean reliable() {
        return mcnemarP < 0.05;
    }

    /**
     * One line of evaluate's text, e.g. {@code against --baseline-column persistence (the labels it holds, on the same 2560
     * sequences): accuracy 0.6406, macro-F1 0.6211; the model's accuracy +0.0074, McNemar's exact p = 0.137 (83 sequences
     * right only by the model, 64 only by the column): not reliably different at 5%}.
     */
    String line() {
        // the test is of accuracy: said so, beside the macro-F1 difference (a review: a model that never predicted the rare
        // class was "reliably higher" at 0.21 lower macro-F1)
        String verdict = !reliable() ? "accuracy not reliably different at 5%: no evidence here that the model beats it"
                : modelAccuracy > accuracy ? "the model's accuracy reliably higher at 5%" : "the model's accuracy reliably lower at 5%";
        if (reliable() && (modelAccuracy > accuracy) != (modelMacroF1 > macroF1) && modelMacroF1 != macroF1) {
            verdict += ", but its macro-F1 " + (modelMacroF1 > macroF1 ? "higher" : "lower") + " (read the classes' scores)";
        }
        return String.format(Locale.ROOT, "against --baseline-column %s (the labels it holds, on the same %d sequences): accuracy "
                        + "%.4f, macro-F1 %.4f; the model's accuracy %s, macro-F1 %s, McNemar's exact p %s (%d sequences right only by "
                        + "the model, %d only by the column): %s",
                column, sequences, accuracy, macroF1, PairedDifference.signed(modelAccuracy - accuracy),
                PairedDifference.signed(modelMacroF1 - macroF1),
                mcnemarP < 1e-300 ? "< 1e-300" : String.format(Locale.ROOT, "= %.3g", mcnemarP), modelOnlyRight, baselineOnlyRight,
                verdict) + (unknown.isEmpty() ? "" : "; the column's labels the model does not know, counted as wrong: "
                + String.join(", ", unknown.stream().limit(5).map(u -> "'" + u + "'").toList()) + (unknown.size() > 5 ? ", ..." : ""));
    }

    /**
     * The comparison as {@code --json}'s {@code baselineColumn}; {@code accuracyDifference} and {@code macroF1Difference} are
     * the model's minus the column's, as the text line's signed differences.
     */
    com.fasterxml.jackson.databind.node.ObjectNode json() {
        com.fasterxml.jackson.databind.node.ObjectNode node = Json.mapper().createObjectNode();
        node.put("column", column).put("sequences", sequences).put("accuracy", accuracy).put("macroF1", macroF1)
                .put("modelOnlyRight", modelOnlyRight).put("baselineOnlyRight", baselineOnlyRight).put("mcnemarP", mcnemarP)
                .put("reliablyDifferent", reliable()).put("modelAccuracyHigher", modelAccuracy > accuracy)
                .put("modelMacroF1", modelMacroF1).put("modelAccuracy", modelAccuracy)
                // the model's minus the column's, signed as the text line's (a review: no difference and no direction in JSON)
                .put("accuracyDifference", modelAccuracy - accuracy).put("macroF1Difference", modelMacroF1 - macroF1);
        node.putPOJO("unknownLabels", unknown);
        return node;
    }
}
