package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A feature that varies within sequences but whose one value fills every step of (nearly) every training sequence of one
 * label, and appears at no step of any sequence of the other labels: a value that says "does not apply to this class",
 * which is the label in the input. A trial's {@code hours_to_death} was -1 (pandas' {@code fillna(-1)}) at every hour of
 * every survivor's stay and counted down for those who died: test ROC AUC 0.9996 against 0.786 without it, and no warning,
 * since the leak check judged only features constant within each sequence.
 *
 * <p>The rule, and why it spares strong honest features: a value fills a whole sequence of one label for {@value
 * #MIN_SHARE_PERCENT}% or more of that label's sequences (at least {@value #MIN_FILLED}), while the other labels'
 * sequences ({@value #MIN_OTHERS} or more) never hold it at any step. An honest signal that is flat for one class is
 * flat at its baseline, and the other class's sequences pass through that baseline too: a defect trace is 0 for good parts
 * and 0 but for its peak for defective ones, a dose 0 for most survivors is 0 before it starts for the others. A value
 * the other labels never reach, at any step, while it fills one label's sequences entirely, is the marker of that label.
 * Features constant within every sequence are the constant check's ({@code CsvSequenceDataset}).
 *
 * @param feature  the feature's position
 * @param value    the value that fills the sequences
 * @param label    the label whose sequences it fills
 * @param filled   how many of that label's sequences it fills
 * @param ofLabel  how many sequences of that label were judged
 * @param others   how many sequences of the other labels were judged (none holds the value at any step)
 */
public record LabelSentinels(int feature, float value, String label, int filled, int ofLabel, int others) {

    /** Share of one label's sequences a value must fill, in percent. */
    static final int MIN_SHARE_PERCENT = 90;
    /** Fewest sequences a value must fill. */
    static final int MIN_FILLED = 10;
    /** Fewest sequences of the other labels. */
    static final int MIN_OTHERS = 5;

    /**
     * The features of {@code judged} (labelled training sequences of 2 steps or more, filled values) that a value fills for
     * one label only, by the rule above, leaving out the features at {@code skip} (those the constant check judges).
     */
    public static List<LabelSentinels> find(List<CsvSequence> judged, int width, java.util.Set<Integer> skip) {
        List<LabelSentinels> found = new ArrayList<>();
        Map<String, Integer> perLabel = new HashMap<>();
        judged.forEach(q -> perLabel.merge(q.label(), 1, Integer::sum));
        for (int f = 0; f < width; f++) {
            if (skip.contains(f)) {
                continue;
            }
            // value -> label -> sequences it fills
            Map<Float, Map<String, Integer>> fills = new HashMap<>();
            for (CsvSequence q : judged) {
                float[][] v = q.values();
                float first = v[0][f];
                boolean whole = !Float.isNaN(first);
                for (int t = 1; t < v.length && whole; t++) {
                    whole = Float.compare(v[t][f], first) == 0;
                }
                if (whole) {
                    fills.computeIfAbsent(first, x -> new HashMap<>()).merge(q.label(), 1, Integer::sum);
                }
            }
            for (Map.Entry<Float, Map<String, Integer>> e : fills.entrySet()) {
                if (e.getValue().size() != 1) {
                    continue; // it fills sequences of two labels: no marker of one
                }
                String label = e.getValue().keySet().iterator().next();
                int filled = e.getValue().get(label);
                int ofLabel = perLabel.get(label);
                int others = judged.size() - ofLabel;
                if (filled < MIN_FILLED || filled * 100L < (long) MIN_SHARE_PERCENT * ofLabel || others < MIN_OTHERS
                        || heldByOthers(judged, f, e.getKey(), label)) {
                    continue;
                }
                found.add(new LabelSentinels(f, e.getKey(), label, filled, ofLabel, others));
                break; // one value per feature: at most one can fill 90% of a label's sequences
            }
        }
        return found;
    }

    /** Whether a sequence of another label than {@code label} holds {@code value} at any step. */
    private static boolean heldByOthers(List<CsvSequence> judged, int f, float value, String label) {
        for (CsvSequence q : judged) {
            if (q.label().equals(label)) {
                continue;
            }
            for (float[] step : q.values()) {
                if (Float.compare(step[f], value) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The warning, naming {@code file} and the feature ({@code names}); its words "feature 'x' fills whole sequences of one
     * label only, which gives the label" mark the result line and results.json' labelLeak as the constant check's do.
     */
    public String warning(Object file, List<String> names) {
        String v = value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value) : Float.toString(value);
        return String.format(Locale.ROOT, "csv %s: feature '%s' fills whole sequences of one label only, which gives the label: "
                + "the value %s at every step of %d of the %d training sequences of label '%s' (%.0f%%), and at no step of any of "
                + "the %d sequences of the other labels. A value that marks one class only (a time to an event, blank or filled "
                + "with %s where it did not happen; anything known only after the sequence) leaks the label into the input and "
                + "the scores are optimistic; leave it out of --set features", file, names.get(feature), v, filled, ofLabel, label,
                100.0 * filled / ofLabel, others, v);
    }
}
