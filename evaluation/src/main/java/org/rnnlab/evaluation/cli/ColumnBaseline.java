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
 * <p>A column whose values are in large part ({@link #MANY_UNKNOWN} of the sequences or more) not labels of the model is
 * compared over the sequences whose value is one only, with a warning of its own naming the other values: a parcel
 * carrier's prediction written {@code 0/1} by one system and {@code late/on_time} by another counted every {@code 0/1} as
 * wrong, and the model was "reliably higher" (p = 2.5e-95) than a rule it did not beat on consistent labels (p = 0.19).
 * A column of no model label at all is refused. A few such values (a persistence column carries a new class into the next
 * sequence) are still wrong answers of the column's, said at the end of its line.
 *
 * @param column            the column's name as given
 * @param accuracy          the baseline's accuracy on the compared sequences
 * @param macroF1           its macro-F1 (over the classes the data hold, as the model's)
 * @param modelAccuracy     the model's accuracy on the same sequences
 * @param modelMacroF1      the model's macro-F1
 * @param modelOnlyRight    sequences the model got right and the baseline wrong
 * @param baselineOnlyRight sequences the baseline got right and the model wrong
 * @param mcnemarP          two-sided exact McNemar p of the accuracy difference
 * @param sequences         sequences compared
 * @param unknown           labels of the column that the model does not know: counted as wrong answers of the column's when
 *                          few, else left out of the comparison ({@code knownOnly})
 * @param unknownCounts     how many sequences hold each of {@code unknown}, in the same order
 * @param scored            sequences scored (the compared ones and those left out)
 * @param knownOnly         whether the comparison is over the sequences whose value is a model label only
 */
record ColumnBaseline(String column, double accuracy, double macroF1, double modelAccuracy, double modelMacroF1,
                      long modelOnlyRight, long baselineOnlyRight, double mcnemarP, int sequences, List<String> unknown,
                      List<Long> unknownCounts, int scored, boolean knownOnly) {

    /**
     * The share of the scored sequences at or above which the column's values the model does not know are a different
     * encoding, not a few new classes: compared without them, with a warning.
     */
    static final double MANY_UNKNOWN = 0.05;

    /**
     * The comparison on the scored sequences.
     *
     * @param file      the scored file, for messages
     * @param labels    the model's classes
     * @param ids       the scored sequences' ids, in order
     * @param given     the column's value of each, in the same order
     * @param actual    each sequence's class (index of {@code labels})
     * @param predicted the model's class of each
     * @throws org.rnnlab.datasets.DatasetFormatException naming the sequence of a blank value, or the values when none is a
     *                                                   label of the model
     */
    static ColumnBaseline of(String column, Path file, List<String> labels, List<String> ids, List<String> given, int[] actual,
                             int[] predicted) {
        int k = labels.size();
        java.util.Map<String, Long> unknownCounts = new java.util.LinkedHashMap<>();
        String[] values = new String[actual.length];
        for (int i = 0; i < actual.length; i++) {
            String value = given.get(i) == null ? "" : given.get(i).strip();
            if (value.isEmpty()) {
                throw new org.rnnlab.datasets.DatasetFormatException(file, "sequence '" + ids.get(i) + "' has no value in --baseline-column "
                        + column + " (expected one of the model's classes " + labels + " for every scored sequence)");
            }
            values[i] = value;
            if (!labels.contains(value)) {
                unknownCounts.merge(value, 1L, Long::sum);
            }
        }
        long unknownSequences = unknownCounts.values().stream().mapToLong(Long::longValue).sum();
        if (actual.length > 0 && unknownSequences == actual.length) {
            throw new org.rnnlab.datasets.DatasetFormatException(file, "none of the " + actual.length + " sequences' values in "
                    + "--baseline-column " + column + " is a label of the model " + labels + ": " + counted(unknownCounts)
                    + "; map them to the model's labels in the file (another encoding of the same classes?) to compare with it");
        }
        boolean knownOnly = unknownSequences > 0 && unknownSequences >= MANY_UNKNOWN * actual.length;
        // a label the model does not know (a persistence column carries a new class into the next sequence) is a wrong answer of
        // the column's, counted in a last column "other" (a review: it refused the whole evaluation); many of them are another
        // encoding, whose sequences are left out (a trial: 0/1 beside late/on_time made the model "reliably higher")
        long[][] confusion = new long[k + 1][k + 1];
        long columnRight = 0;
        long[][] modelConfusion = new long[k][k];
        long modelOnly = 0;
        long baselineOnly = 0;
        int compared = 0;
        for (int i = 0; i < actual.length; i++) {
            int b = labels.indexOf(values[i]);
            if (b < 0 && knownOnly) {
                continue;
            }
            if (b < 0) {
                b = k;
            }
            compared++;
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
        return new ColumnBaseline(column, compared == 0 ? Double.NaN : (double) columnRight / compared, base.macroF1(),
                model.accuracy(), model.macroF1(), modelOnly, baselineOnly, ScoreIntervals.mcnemar(modelOnly, baselineOnly),
                compared, List.copyOf(unknownCounts.keySet()), List.copyOf(unknownCounts.values()), actual.length, knownOnly);
    }

    /** {@code '0' (200 sequences), '1' (129)}: the first 5 values with their counts. */
    private static String counted(java.util.Map<String, Long> counts) {
        List<String> out = new ArrayList<>();
        for (java.util.Map.Entry<String, Long> e : counts.entrySet()) {
            if (out.size() == 5) {
                out.add("and " + (counts.size() - 5) + " more");
                break;
            }
            out.add("'" + e.getKey() + "' (" + e.getValue() + (out.isEmpty() ? " sequence" + (e.getValue() == 1 ? "" : "s") : "") + ")");
        }
        return String.join(", ", out);
    }

    /**
     * The warning when the comparison leaves out the sequences of values the model does not know ({@link #knownOnly}), for a
     * line of its own: {@code --baseline-column carrier_raw: 329 of the 675 sequences hold values that are not labels of the
     * model ['late', 'on_time']: '0' (200 sequences), '1' (129); the comparison below is over the other 346 only ...}.
     */
    java.util.Optional<String> warning(List<String> labels) {
        if (!knownOnly) {
            return java.util.Optional.empty();
        }
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < unknown.size(); i++) {
            counts.put(unknown.get(i), unknownCounts.get(i));
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "--baseline-column %s: %d of the %d sequences hold values that are "
                        + "not labels of the model %s: %s; the comparison is over the other %d sequences only (counted as wrong "
                        + "answers, they would decide it); if they are the model's labels in another encoding, map them to those "
                        + "in the file to compare on every sequence", column, scored - sequences, scored,
                labels.stream().map(l -> "'" + l + "'").toList(), counted(counts), sequences));
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
        String on = knownOnly ? String.format(Locale.ROOT, "on the %d of the %d sequences whose value is a label of the model (see "
                + "the warning)", sequences, scored) : String.format(Locale.ROOT, "on the same %d sequences", sequences);
        return String.format(Locale.ROOT, "against --baseline-column %s (the labels it holds, %s): accuracy "
                        + "%.4f, macro-F1 %.4f; the model's accuracy %s, macro-F1 %s, McNemar's exact p %s (%d sequences right only by "
                        + "the model, %d only by the column): %s",
                column, on, accuracy, macroF1, PairedDifference.signed(modelAccuracy - accuracy),
                PairedDifference.signed(modelMacroF1 - macroF1),
                mcnemarP < 1e-300 ? "< 1e-300" : String.format(Locale.ROOT, "= %.3g", mcnemarP), modelOnlyRight, baselineOnlyRight,
                verdict) + (unknown.isEmpty() || knownOnly ? "" : "; the column's labels the model does not know, counted as wrong: "
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
        node.putPOJO("unknownLabelSequences", unknownCounts);
        node.put("scored", scored).put("knownLabelsOnly", knownOnly); // sequences holds the compared ones
        return node;
    }
}
