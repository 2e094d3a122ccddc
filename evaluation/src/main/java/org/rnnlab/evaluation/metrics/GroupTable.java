package org.rnnlab.evaluation.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.LabelCheck;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.text.TextDataset;

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
     * @param classCounts      its examples of each class, in label order (a comparison pools them over its runs for the
     *                         group's majority baseline)
     */
    public record Row(String group, int examples, int right, double macroF1, String majority, double majorityAccuracy,
                      double majorityMacroF1, int[] classCounts) {
        public Row {
            classCounts = classCounts == null ? new int[0] : classCounts.clone();
        }

        @Override
        public int[] classCounts() {
            return classCounts.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && group.equals(r.group) && examples == r.examples && right == r.right
                    && Double.compare(macroF1, r.macroF1) == 0 && java.util.Objects.equals(majority, r.majority)
                    && Double.compare(majorityAccuracy, r.majorityAccuracy) == 0
                    && Double.compare(majorityMacroF1, r.majorityMacroF1) == 0 && java.util.Arrays.equals(classCounts, r.classCounts);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(group, examples, right, macroF1) * 31 + java.util.Arrays.hashCode(classCounts);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public double accuracy() {
            return (double) right / examples;
        }

        /** Whether the model's accuracy is not above the majority's (as printed, to 4 digits). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean noBetter() {
            return Math.round(accuracy() * 10_000) <= Math.round(majorityAccuracy * 10_000);
        }

        /**
         * Whether the group holds one class only and every example was classified right: no model can do better, and the
         * majority class matches it by definition, so it is not flagged (a trial's 17 of 25 patients of normal beats only,
         * all right, were flagged "no better than its majority class", hiding the 2 whose every 'A' beat was missed: 80e F4).
         */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean oneClassAllRight() {
            return right == examples && java.util.Arrays.stream(classCounts).filter(c -> c > 0).count() <= 1;
        }

        /** Whether the row is flagged: {@value #FEWEST} examples or more, no better than its majority, and not all right of one class. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean flagged() {
            return examples >= FEWEST && noBetter() && !oneClassAllRight();
        }
    }

    /**
     * The table of the examples' groups, or empty when there are no groups (a list not aligned with the examples, a blank
     * group) or only one.
     */
    public static Optional<GroupTable> of(String column, List<String> labels, List<String> groups, int[] actual, int[] predicted) {
        if (column == null) {
            return Optional.empty();
        }
        List<Row> rows = rows(labels, groups, actual, predicted);
        return rows.size() < 2 ? Optional.empty() : Optional.of(new GroupTable(column, rows));
    }

    /**
     * One row per group of the examples (one group too: a fold of a cross-validation by group tests one), in sorted order of
     * the groups; empty when there are no groups (a list not aligned with the examples, a blank group).
     */
    public static List<Row> rows(List<String> labels, List<String> groups, int[] actual, int[] predicted) {
        if (groups == null || groups.size() != actual.length || actual.length != predicted.length
                || groups.stream().anyMatch(g -> g == null || g.isEmpty())) {
            return List.of();
        }
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (String g : new TreeSet<>(groups)) {
            byGroup.put(g, new ArrayList<>());
        }
        for (int i = 0; i < actual.length; i++) {
            byGroup.get(groups.get(i)).add(i);
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
            int majority = majority(trueCounts);
            double share = (double) trueCounts[majority] / idx.size();
            rows.add(new Row(g, idx.size(), right, macroF1(trueCounts, predCounts, hits), labels.get(majority), share,
                    majorityMacroF1(trueCounts),
                    trueCounts));
        });
        return List.copyOf(rows);
    }

    /**
     * scikit-learn's {@code f1_score(average='macro')} of a subset from its per-class counts: the mean F1 over the classes it
     * holds or was predicted as ({@code trueCounts}, {@code predCounts}; {@code hits}: per class, those predicted right).
     */
    static double macroF1(int[] trueCounts, int[] predCounts, int[] hits) {
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < trueCounts.length; c++) {
            if (trueCounts[c] > 0 || predCounts[c] > 0) {
                present++;
                f1Sum += 2.0 * hits[c] / (trueCounts[c] + predCounts[c]);
            }
        }
        return f1Sum / present;
    }

    /** The most frequent class of {@code counts} (ties: the first in label order). */
    public static int majority(int[] counts) {
        int majority = 0;
        for (int c = 1; c < counts.length; c++) {
            majority = counts[c] > counts[majority] ? c : majority;
        }
        return majority;
    }

    /** Always predicting the most frequent class of {@code counts}: its F1 over the number of classes held. */
    public static double majorityMacroF1(int[] counts) {
        long total = java.util.Arrays.stream(counts).asLongStream().sum();
        long held = java.util.Arrays.stream(counts).filter(c -> c > 0).count();
        double share = (double) counts[majority(counts)] / total;
        return 2 * share / (1 + share) / held;
    }

    /**
     * The groups of a split's sequences, aligned with its examples: a CSV group column's ({@code --set group=COL},
     * {@link SequenceDataset#sequenceGroups}) or a text file's ({@link TextDataset#textGroups}); empty without.
     */
    public static List<String> groups(SequenceDataset data, Split split) {
        if (data instanceof TextDataset text) {
            return text.groupColumn() == null ? List.of() : text.textGroups(split);
        }
        return data.sequenceGroups().getOrDefault(split, List.of());
    }

    /** The name of the data's group column (a CSV file's or a text file's {@code --set group=COL}), or null. */
    public static String column(SequenceDataset data) {
        if (data instanceof TextDataset text) {
            return text.groupColumn();
        }
        return data.csvSchema().map(s -> s.group() == null ? null : s.group().name()).orElse(null);
    }

    /**
     * The table as {@code evaluate --json} and a train run's {@code results.json} give it ({@code groups}): the column and
     * one object per group with its examples, accuracy, macro-F1, majority class and that class's accuracy and macro-F1.
     */
    @com.fasterxml.jackson.annotation.JsonValue
    public ObjectNode json() {
        ObjectNode groups = Json.mapper().createObjectNode();
        groups.put("column", column);
        ArrayNode byGroup = groups.putArray("byGroup");
        rows.forEach(g -> byGroup.addObject().put("group", g.group()).put("examples", g.examples())
                .put("accuracy", g.accuracy()).put("macroF1", g.macroF1()).put("majorityClass", g.majority())
                .put("majorityAccuracy", g.majorityAccuracy()).put("majorityMacroF1", g.majorityMacroF1())
                .put("noBetterThanMajority", g.noBetter()));
        return groups;
    }

    /** Most groups printed one per line; with more, {@link #lines} summarises them and lists the worst ({@value #SHOWN}). */
    public static final int MANY = 30;
    /** The worst groups listed when there are more than {@value #MANY}. */
    public static final int SHOWN = 10;

    /** The table's lines, headed by what they are ({@code what}: "test scores", or "scores" of the data scored). */
    public String lines(String what) {
        return lines(what, "evaluate --json, \"groups\".\"byGroup\"");
    }

    /**
     * The table's lines, headed by what they are ({@code what}); with more than {@value #MANY} groups, a summary (their
     * number and sizes, how many are no better than their majority class, how many hold one class only) and the
     * {@value #SHOWN} worst groups of {@value #FEWEST} examples or more, pointing to the full table at {@code fullTable}
     * (a trial's 171 users of 1 to 6 sessions printed 171 lines, 155 of them flagged, nearly all groups of one class where
     * no model can beat always predicting it).
     */
    public String lines(String what, String fullTable) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s by group column %s (each against always its "
                + "most frequent class):%n", what, column));
        List<Row> shown = rows;
        if (rows.size() > MANY) {
            int[] sizes = rows.stream().mapToInt(Row::examples).sorted().toArray();
            long noBetter = rows.stream().filter(Row::noBetter).count();
            int fewest = Math.min(FEWEST, sizes[sizes.length - 1]);
            long enough = rows.stream().filter(r -> r.examples() >= fewest).count();
            shown = rows.stream().filter(r -> r.examples() >= fewest)
                    .sorted(java.util.Comparator.comparingDouble((Row r) -> r.accuracy() - r.majorityAccuracy())
                            .thenComparingDouble(Row::macroF1).thenComparing(Comparator.comparingInt(Row::examples).reversed()))
                    .limit(SHOWN).toList();
            sb.append(String.format(Locale.ROOT, "  %d groups of %d to %d examples (median %s, %d of %d or more); %d no better "
                    + "than their majority class, %d of them holding one class only (always it is then right on every example, "
                    + "which no model beats)%n", rows.size(), sizes[0], sizes[sizes.length - 1], median(sizes), enough, fewest,
                    noBetter, rows.stream().filter(r -> r.noBetter() && java.util.Arrays.stream(r.classCounts())
                            .filter(c -> c > 0).count() <= 1).count()));
            sb.append(String.format(Locale.ROOT, "  the %d worst of the %d groups of %d examples or more (accuracy against their "
                    + "majority class's); the full table: %s%n", shown.size(), enough, fewest, fullTable));
        }
        int width = Math.max(5, shown.stream().mapToInt(r -> r.group().length()).max().orElse(5));
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %8s %8s %8s   %s%n", "group", "examples", "accuracy", "macroF1",
                "majority class: accuracy, macroF1"));
        for (Row r : shown) {
            // a group of under FEWEST examples is not flagged: one of a single example is its own majority class, 1.0000 by
            // definition, so every such row was flagged, right or wrong (trial 77f: 6 hives of 1 day each, all 6 flagged)
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %8d %8.4f %8.4f   %s: %.4f, %.4f%s%n", r.group(), r.examples(),
                    r.accuracy(), r.macroF1(), LabelCheck.quoted(r.majority()), r.majorityAccuracy(), r.majorityMacroF1(),
                    r.flagged() ? "  <- no better than its majority class" : r.oneClassAllRight() && r.examples() >= FEWEST
                            ? "  (one class, all right)" : ""));
        }
        long small = shown.stream().filter(r -> r.examples() < FEWEST).count();
        if (small == shown.size()) {
            sb.append(String.format(Locale.ROOT, "  (every group here has under %d examples: the table says little of any group, "
                    + "and none is flagged against its majority class, which a group of one example matches by definition)%n",
                    FEWEST));
        } else if (small > 0) {
            sb.append(String.format(Locale.ROOT, "  (%d group%s of under %d examples %s not flagged against %s majority class, "
                    + "which a group of one example matches by definition)%n", small, small == 1 ? "" : "s", FEWEST,
                    small == 1 ? "is" : "are", small == 1 ? "its" : "their"));
        }
        return sb.toString();
    }

    /** The median of sorted {@code sizes}, as a whole number or with .5. */
    private static String median(int[] sizes) {
        int n = sizes.length;
        return n % 2 == 1 ? Integer.toString(sizes[n / 2]) : (sizes[n / 2 - 1] + sizes[n / 2]) % 2 == 0
                ? Integer.toString((sizes[n / 2 - 1] + sizes[n / 2]) / 2) : String.format(Locale.ROOT, "%.1f",
                (sizes[n / 2 - 1] + sizes[n / 2]) / 2.0);
    }

    /**
     * The warning of groups of {@value #FEWEST} examples or more whose accuracy is not above always predicting their most
     * frequent class, or empty when there are none.
     */
    public Optional<String> warning(String split) {
        List<Row> weak = rows.stream().filter(Row::flagged).toList();
        if (weak.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%d of the %d groups of group column %s score no better on the %s data than "
                + "always predicting their most frequent class: %s; the overall scores hide them: does the model read these "
                + "texts as it reads the others (another script, unsegmented words, another vocabulary)?", weak.size(),
                rows.size(), column, split, weak.stream().limit(SHOWN).map(r -> String.format(Locale.ROOT, "%s accuracy %.4f against %.4f "
                        + "(always %s), macro-F1 %.4f against %.4f, %d examples", LabelCheck.quoted(r.group()), r.accuracy(),
                        r.majorityAccuracy(), LabelCheck.quoted(r.majority()), r.macroF1(), r.majorityMacroF1(), r.examples()))
                        .collect(Collectors.joining("; ")) + (weak.size() > SHOWN ? "; and " + (weak.size() - SHOWN) + " more" : "")));
    }
}
