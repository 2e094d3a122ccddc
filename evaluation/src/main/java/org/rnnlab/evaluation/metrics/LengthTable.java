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
 * @param byQuartile whether the bins are the lengths' quartiles ({@code evaluate --by-length} where the fixed bins would
 *                 not show at least two), not the fixed 1-2-5 bins
 */
public record LengthTable(String positive, int shortest, int longest, List<Bin> bins, boolean byQuartile) {

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
        return of(lengths, labels, actual, predicted, positive, false);
    }

    /**
     * As {@link #of(int[], List, int[], int[], int)}; with {@code asked} ({@code evaluate --by-length}) also when the lengths
     * span less than {@value #SPAN} times or fill one fixed bin: then in bins at the lengths' quartiles (a greenhouse
     * trial's complete days of 288 steps against days with hours missing, 240-287, all in the fixed bin 200-499). Empty
     * only when every sequence has the same length.
     */
    public static Optional<LengthTable> of(int[] lengths, List<String> labels, int[] actual, int[] predicted, int positive,
                                           boolean asked) {
        if (lengths.length == 0 || lengths.length != actual.length || actual.length != predicted.length) {
            return Optional.empty();
        }
        int min = java.util.Arrays.stream(lengths).min().orElse(0);
        int max = java.util.Arrays.stream(lengths).max().orElse(0);
        if (min < 1 || min == max || (!asked && max < (long) SPAN * min)) {
            return Optional.empty();
        }
        List<Bin> bins = max >= (long) SPAN * min ? bins(lengths, labels, actual, predicted, positive, fixedRanges(max))
                : List.of();
        boolean quartiles = false;
        if (bins.size() < 2) {
            if (!asked) {
                return Optional.empty();
            }
            bins = bins(lengths, labels, actual, predicted, positive, quartileRanges(lengths));
            quartiles = true;
        }
        return bins.size() < 2 ? Optional.empty() : Optional.of(new LengthTable(positive < 0 ? null : labels.get(positive), min,
                max, bins, quartiles));
    }

    /** Whether the lengths differ, but too little for the table unless asked for (the note evaluate prints instead). */
    public static boolean leftOut(int[] lengths, List<String> labels, int[] actual, int[] predicted) {
        int min = java.util.Arrays.stream(lengths).min().orElse(0);
        int max = java.util.Arrays.stream(lengths).max().orElse(0);
        return min >= 1 && min < max && of(lengths, labels, actual, predicted, -1, false).isEmpty();
    }

    /** The fixed bins {@code [from, to]} up to {@code max}: 1, 2, 3-4, 5-9, 10-19, ..., the last open. */
    private static List<int[]> fixedRanges(int max) {
        List<int[]> ranges = new ArrayList<>();
        for (int b = 0; b < EDGES.length && EDGES[b] <= max; b++) {
            ranges.add(new int[] {EDGES[b], b + 1 < EDGES.length ? EDGES[b + 1] - 1 : Integer.MAX_VALUE});
        }
        return ranges;
    }

    /**
     * Up to four bins cut at the lengths' quartiles (the length of the sequence at each quarter of the sorted lengths
     * starts a bin), so that each holds about a quarter of the sequences; equal lengths never fall in two bins, and where
     * over three quarters share the shortest length, the longer ones make the second bin.
     */
    private static List<int[]> quartileRanges(int[] lengths) {
        int[] sorted = lengths.clone();
        java.util.Arrays.sort(sorted);
        java.util.TreeSet<Integer> starts = new java.util.TreeSet<>();
        starts.add(sorted[0]);
        for (int q = 1; q < 4; q++) {
            starts.add(sorted[(int) ((long) sorted.length * q / 4)]);
        }
        if (starts.size() == 1) { // over three quarters of one length: it apart from the longer ones
            java.util.Arrays.stream(sorted).filter(l -> l > sorted[0]).findFirst().ifPresent(starts::add);
        }
        List<int[]> ranges = new ArrayList<>();
        Integer[] s = starts.toArray(new Integer[0]);
        for (int i = 0; i < s.length; i++) {
            ranges.add(new int[] {s[i], i + 1 < s.length ? s[i + 1] - 1 : sorted[sorted.length - 1]});
        }
        return ranges;
    }

    private static List<Bin> bins(int[] lengths, List<String> labels, int[] actual, int[] predicted, int positive,
                                  List<int[]> ranges) {
        List<Bin> bins = new ArrayList<>();
        for (int[] range : ranges) {
            int from = range[0];
            int to = range[1];
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
        return bins;
    }

    /** The table's lines, headed by what they are. */
    public String lines() {
        StringBuilder sb = new StringBuilder(byQuartile
                ? String.format(Locale.ROOT, "scores by sequence length (steps, in bins at the quartiles of the lengths %d to %d, "
                        + "--by-length; --json: byLength):%n", shortest, longest)
                : String.format(Locale.ROOT, "scores by sequence length (steps; the lengths span %d "
                + "to %d: short sequences may behave otherwise; --json: byLength):%n", shortest, longest));
        String p = positive == null ? null : LabelCheck.quoted(positive);
        // the first column as wide as its widest label: a trial's "20000-49999" (11 characters) pushed its row's numbers out
        // of line under a fixed width of 9
        int width = Math.max(9, bins.stream().mapToInt(b -> b.steps().length()).max().orElse(0));
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %9s %8s %8s%s%n", "steps", "sequences", "accuracy", "macroF1",
                p == null ? "" : String.format(Locale.ROOT, "   %s actual  %s predicted", p, p)));
        for (Bin b : bins) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %9d %8.4f %8.4f%s%n", b.steps(), b.sequences(), b.accuracy(), b.macroF1(),
                    p == null ? "" : String.format(Locale.ROOT, "   %" + (p.length() + 7) + "d  %" + (p.length() + 10) + "d",
                            b.actualPositive(), b.predictedPositive())));
        }
        return sb.toString();
    }

    /** The table as {@code evaluate --json} gives it ({@code byLength}): the positive class and one object per bin. */
    @com.fasterxml.jackson.annotation.JsonValue
    public ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode().put("shortest", shortest).put("longest", longest)
                .put("binning", byQuartile ? "quartiles" : "fixed");
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
