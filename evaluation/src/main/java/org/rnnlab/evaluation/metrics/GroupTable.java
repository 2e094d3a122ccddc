package org.rnnlab.evaluation.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.rnnlab.datasets.LabelCheck;

/**
 * Each group's scores (a text file's group column, {@code --set group=lang}): its accuracy and macro-F1 against always
 * predicting the group's own most frequent class. A trial's multilingual reviews scored 0.85 overall, "reliably" above the
 * majority baseline, while Japanese (0.438 against a majority of 0.469) and Thai (0.447 against 0.447) were no better than
 * always saying 'positive', which no overall score showed.
 *
 * <p>Macro-F1 is scikit-learn's {@code f1_score(average='macro')} within the group: over the classes its texts hold or were
 * predicted as; the baseline's over the classes they hold.
 *
 * @param column the group column's name
 * @param rows   one per group, in sorted order of the group's value
 */
public record GroupTable(String column, List<Row> rows) {

    /** The fewest examples a group needs for its being no better than its majority baseline to be warned of. */
    public static final int FEWEST = 5;

    /**
     * One group's scores.
     *
     * @param group            the group's value
     * @param examples         its examples
     * @param right            those classified right
     * @param macroF1          the model's macro-F1 within the group
     * @param majority         the group's most frequent class (ties: the first in label order)
     * @param majorityAccuracy always predicting it: its share of the group
     * @param majorityMacroF1  always predicting it: its F1 over the number of the group's classes
     */
    public record Row(String group, int examples, int right, double macroF1, String majority, double majorityAccuracy,
                      double majorityMacroF1) {
        public double accuracy() {
            return (double) right / examples;
        }

        /** Whether the model's accuracy is not above the majority's (as printed, to 4 digits). */
        public boolean noBetter() {
            return Math.round(accuracy() * 10_000) <= Math.round(majorityAccuracy * 10_000);
        }
    }

    /**
     * The table of the examples' groups, or empty when there are no groups (a list not aligned with the examples, a blank
     * group) or only one.
     */
    public static Optional<GroupTable> of(String column, List<String> labels, List<String> groups, int[] actual, int[] predicted) {
        if (column == null || groups.size() != actual.length || actual.length != predicted.length
                || groups.stream().anyMatch(g -> g == null || g.isEmpty())) {
            return Optional.empty();
        }
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (String g : new TreeSet<>(groups)) {
            byGroup.put(g, new ArrayList<>());
        }
        for (int i = 0; i < actual.length; i++) {
            byGroup.get(groups.get(i)).add(i);
        }
        if (byGroup.size() < 2) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        int k = labels.size();
        byGroup.forEach((g, idx) -> {
            int[] trueCounts = new int[k];
            int[] predCounts = new int[k];
            int[] hits = new int[k];
            for (int i : idx) {
                trueCounts[actual[i]]++;
                predCounts[predicted[i]]++;
                hits[actual[i]] += actual[i] == predicted[i] ? 1 : 0;
            }
            int right = java.util.Arrays.stream(hits).sum();
            int majority = 0;
            for (int c = 1; c < k; c++) {
                majority = trueCounts[c] > trueCounts[majority] ? c : majority;
            }
            double f1Sum = 0;
            int present = 0;
            int held = 0;
            for (int c = 0; c < k; c++) {
                if (trueCounts[c] > 0) {
                    held++;
                }
                if (trueCounts[c] == 0 && predCounts[c] == 0) {
                    continue;
                }
                present++;
                f1Sum += 2.0 * hits[c] / (trueCounts[c] + predCounts[c]);
            }
            double share = (double) trueCounts[majority] / idx.size();
            rows.add(new Row(g, idx.size(), right, f1Sum / present, labels.get(majority), share, 2 * share / (1 + share) / held));
        });
        return Optional.of(new GroupTable(column, List.copyOf(rows)));
    }

    /** The table's lines, headed by what they are ({@code what}: "test scores", or "scores" of the data scored). */
    public String lines(String what) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s by group column %s (each against always its "
                + "most frequent class):%n", what, column));
        int width = Math.max(5, rows.stream().mapToInt(r -> r.group().length()).max().orElse(5));
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %8s %8s %8s   %s%n", "group", "examples", "accuracy", "macroF1",
                "majority class: accuracy, macroF1"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %8d %8.4f %8.4f   %s: %.4f, %.4f%s%n", r.group(), r.examples(),
                    r.accuracy(), r.macroF1(), LabelCheck.quoted(r.majority()), r.majorityAccuracy(), r.majorityMacroF1(),
                    r.noBetter() ? "  <- no better than its majority class" : ""));
        }
        return sb.toString();
    }

    /**
     * The warning of groups of {@value #FEWEST} examples or more whose accuracy is not above always predicting their most
     * frequent class, or empty when there are none.
     */
    public Optional<String> warning(String split) {
        List<Row> weak = rows.stream().filter(r -> r.examples() >= FEWEST && r.noBetter()).toList();
        if (weak.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%d of the %d groups of group column %s score no better on the %s data than "
                + "always predicting their most frequent class: %s; the overall scores hide them: does the model read these "
                + "texts as it reads the others (another script, unsegmented words, another vocabulary)?", weak.size(),
                rows.size(), column, split, weak.stream().map(r -> String.format(Locale.ROOT, "%s accuracy %.4f against %.4f "
                        + "(always %s), macro-F1 %.4f against %.4f, %d examples", LabelCheck.quoted(r.group()), r.accuracy(),
                        r.majorityAccuracy(), LabelCheck.quoted(r.majority()), r.macroF1(), r.majorityMacroF1(), r.examples()))
                        .collect(Collectors.joining("; "))));
    }
}
