package org.rnnlab.evaluation.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.LabelCheck;

/**
 * Scores by sequence length, in bins of steps (1, 2, 3-4, 5-9, 10-19, 20-49, 50-99, 100-199, ...), when the scored
 * sequences' lengths span a factor of {@value #SPAN} or more: a web trial's sessions of 1 to 300 events scored well
 * overall, while its 1-event sessions, none of which converted, were predicted 'yes' up to p 0.889 (5 of the 16 false
 * alarms were sessions of 1 or 2 events), which no overall score showed.
 *
 * @param positive the positive class whose actual and predicted shares each bin gives, or null (several classes, none
 *                 chosen)
 * @param shortest the shortest scored sequence's steps
 * @param longest  the longest's
 * @param bins     the bins holding sequences, shortest first
 */
public record LengthTable(String positive, int shortest, int longest, List<Bin> bins) {

    /** Smallest ratio of the longest scored sequence to the shortest for which the table is given. */
    public static final int SPAN = 10;

    /** The lower ends of the bins; the last bin is open. Beyond them, 1-2-5 steps on. */
    private static final int[] EDGES = {1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000};

    /**
     * One bin's scores.
     *
     * @param from              its shortest length
     * @param to                its longest length (inclusive)
     * @param sequences         the sequences of a length in it
     * @param right             those classified right
     * @param macroF1           macro-F1 within the bin, over the classes its sequences hold or were predicted as
     * @param actualPositive    its sequences of the positive class (0 without one)
     * @param predictedPositive its sequences predicted as the positive class (0 without one)
     */
    public record Bin(int from, int to, int sequences, int right, double macroF1, int actualPositive, int predictedPositive) {

        /** The share classified right. */
        public double accuracy() {
            return (double) right / sequences;
        }

        /** The bin in words: {@code 1}, {@code 3-4}. */
        public String steps() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    /**
     * The table of sequences of {@code lengths} steps, with their actual and predicted classes (indices into {@code labels});
     * empty when the lengths span less than {@value #SPAN} times, or fill one bin only.
     *
     * @param positive the index of the positive class, or -1 for none
     */
    public static Optional<LengthTable> of(int[] lengths, List<String> labels, int[] actual, int[] predicted, int positive) {
        if (lengths.length == 0 || lengths.length != actual.length || actual.length != predicted.length) {
            return Optional.empty();
        }
        int min = java.util.Arrays.stream(lengths).min().orElse(0);
        int max = java.util.Arrays.stream(lengths).max().orElse(0);
        if (min < 1 || max < (long) SPAN * min) {
            return Optional.empty();
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < EDGES.length; b++) {
            int from = EDGES[b];
            int to = b + 1 < EDGES.length ? EDGES[b + 1] - 1 : Integer.MAX_VALUE;
            int k = labels.size();
            int[] trueCounts = new int[k];
            int[] predCounts = new int[k];
            int[] hits = new int[k];
            int n = 0;
            int longest = 0;
            for (int i = 0; i < lengths.length; i++) {
                if (lengths[i] >= from && lengths[i] <= to) {
                    n++;
                    longest = Math.max(longest, lengths[i]);
                    trueCounts[actual[i]]++;
                    predCounts[predicted[i]]++;
                    hits[actual[i]] += actual[i] == predicted[i] ? 1 : 0;
                }
            }
            if (n == 0) {
                continue;
            }
            bins.add(new Bin(from, to == Integer.MAX_VALUE ? longest : to, n, java.util.Arrays.stream(hits).sum(),
                    GroupTable.macroF1(trueCounts, predCounts, hits),
                    positive < 0 ? 0 : trueCounts[positive], positive < 0 ? 0 : predCounts[positive]));
        }
        return bins.size() < 2 ? Optional.empty() : Optional.of(new LengthTable(positive < 0 ? null : labels.get(positive), min,
                max, bins));
    }

    /** The table's lines, headed by what they are. */
    public String lines() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "scores by sequence length (steps; the lengths span %d "
                + "to %d: short sequences may behave otherwise; --json: byLength):%n", shortest, longest));
        String p = positive == null ? null : LabelCheck.quoted(positive);
        sb.append(String.format(Locale.ROOT, "  %-9s %9s %8s %8s%s%n", "steps", "sequences", "accuracy", "macroF1",
                p == null ? "" : String.format(Locale.ROOT, "   %s actual  %s predicted", p, p)));
        for (Bin b : bins) {
            sb.append(String.format(Locale.ROOT, "  %-9s %9d %8.4f %8.4f%s%n", b.steps(), b.sequences(), b.accuracy(), b.macroF1(),
                    p == null ? "" : String.format(Locale.ROOT, "   %" + (p.length() + 7) + "d  %" + (p.length() + 10) + "d",
                            b.actualPositive(), b.predictedPositive())));
        }
        return sb.toString();
    }

    /** The table as {@code evaluate --json} gives it ({@code byLength}): the positive class and one object per bin. */
    @com.fasterxml.jackson.annotation.JsonValue
    public ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode().put("shortest", shortest).put("longest", longest);
        if (positive == null) {
            node.putNull("positive");
        } else {
            node.put("positive", positive);
        }
        ArrayNode array = node.putArray("bins");
        bins.forEach(b -> {
            ObjectNode o = array.addObject().put("from", b.from()).put("to", b.to()).put("sequences", b.sequences())
                    .put("accuracy", b.accuracy()).put("macroF1", b.macroF1());
            if (positive != null) {
                o.put("actualPositive", b.actualPositive()).put("predictedPositive", b.predictedPositive());
            }
        });
        return node;
    }
}
