package org.rnnlab.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sequence lengths a model was trained on, and which lengths of new data lie so far outside them that its
 * predictions are untested: over twice the longest or under half the shortest (what a recurrent network does over so
 * many, or so few, steps was never trained nor tested). One judgement for every way a model is used: {@code rnnlab
 * predict} and {@code evaluate} warn of such sequences by id, {@code serve} flags their answers ({@code lengthUntested}),
 * and {@link SequenceClassifier#predict} logs them for Java programs; before, each of the first two had its own copy
 * and the Java API said nothing.
 *
 * @param minLength the shortest length trained on: the card's {@code minLength}, the shortest training sequence, or for a
 *                  model trained on prefixes ({@code --augment prefix=R}) ceil(R x that), as {@link #of} gives it
 * @param maxLength the longest training sequence; 0 for a card without lengths, which judges nothing untested
 */
public record TrainedLengths(int minLength, int maxLength) {

    /** At most this many sequences are named in a warning. */
    static final int EXAMPLES = 3;

    /**
     * The lengths of a model card: a model trained on random prefixes ({@code --augment prefix=R}) was trained on
     * sequences down to ceil(R x the shortest) steps (at least 1), so those are not untested.
     */
    public static TrainedLengths of(ModelCard card) {
        double prefix = card.training() == null ? 1 : card.training().augmentation().prefix();
        int shortest = prefix < 1 ? Math.max(1, (int) Math.ceil(prefix * card.minLength() - 1e-9)) : card.minLength();
        return new TrainedLengths(Math.min(shortest, card.minLength()), card.maxLength());
    }

    /** Whether a sequence of {@code steps} steps is over twice as long as the longest training sequence. */
    public boolean tooLong(int steps) {
        return maxLength > 0 && steps > 2L * maxLength;
    }

    /** Whether a sequence of {@code steps} steps is under half as long as the shortest training sequence. */
    public boolean tooShort(int steps) {
        return maxLength > 0 && steps * 2L < minLength;
    }

    /** Whether predictions over {@code steps} steps are untested ({@link #tooLong} or {@link #tooShort}). */
    public boolean untested(int steps) {
        return tooLong(steps) || tooShort(steps);
    }

    /**
     * The warnings for sequences of these lengths, without a "warning:" prefix: one sentence for those too long and one
     * for those too short, each with how many and up to {@value #EXAMPLES} of them named; empty when every length is
     * within the tested range.
     *
     * @param names what each sequence is called in the message ({@code s12}, {@code sequence 3}), aligned with steps
     * @param steps each sequence's length
     */
    public List<String> warnings(List<String> names, int[] steps) {
        List<String> longer = new ArrayList<>();
        List<String> shorter = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            if (tooLong(steps[i])) {
                longer.add(names.get(i) + " (" + steps[i] + (steps[i] == 1 ? " step)" : " steps)"));
            } else if (tooShort(steps[i])) {
                shorter.add(names.get(i) + " (" + steps[i] + (steps[i] == 1 ? " step)" : " steps)"));
            }
        }
        List<String> out = new ArrayList<>();
        if (!longer.isEmpty()) {
            out.add(String.format(Locale.ROOT, "%d sequence(s) are over twice as long as the longest the model was trained on (%d steps), e.g. "
                    + "%s: predictions over so many steps are untested", longer.size(), maxLength,
                    String.join(", ", longer.subList(0, Math.min(EXAMPLES, longer.size())))));
        }
        if (!shorter.isEmpty()) {
            out.add(String.format(Locale.ROOT, "%d sequence(s) are under half as long as the shortest the model was trained on (%d steps), e.g. "
                    + "%s: predictions over so few steps are untested", shorter.size(), minLength,
                    String.join(", ", shorter.subList(0, Math.min(EXAMPLES, shorter.size())))));
        }
        return out;
    }

    /**
     * Whether a sequence of {@code steps} steps lies outside the training lengths ({@code minLength} to {@code maxLength})
     * but within the tested range ({@link #untested} is false): predictions there extrapolate over lengths the model
     * saw no example of (a trial's sequence cut to 16 steps, against training lengths 30-80, flipped its class with no word).
     */
    public boolean outsideTrained(int steps) {
        return maxLength > 0 && !untested(steps) && (steps < minLength || steps > maxLength);
    }

    /**
     * A note for sequences {@link #outsideTrained}, without a "note:" prefix: how many and up to {@value #EXAMPLES} of
     * them named; empty when there are none.
     */
    public List<String> notes(List<String> names, int[] steps) {
        List<String> outside = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            if (outsideTrained(steps[i])) {
                outside.add(names.get(i) + " (" + steps[i] + (steps[i] == 1 ? " step)" : " steps)"));
            }
        }
        return outside.isEmpty() ? List.of() : List.of(String.format(Locale.ROOT, "%d sequence(s) are %s than any the model was "
                + "trained on (%s steps), e.g. %s: their predictions extrapolate; check them against labelled data of such lengths",
                outside.size(), lengthWord(steps), minLength == maxLength ? Integer.toString(minLength) : minLength + "-" + maxLength,
                String.join(", ", outside.subList(0, Math.min(EXAMPLES, outside.size())))));
    }

    private String lengthWord(int[] steps) {
        boolean shorter = false;
        boolean longer = false;
        for (int s : steps) {
            shorter |= outsideTrained(s) && s < minLength;
            longer |= outsideTrained(s) && s > maxLength;
        }
        return shorter && longer ? "shorter or longer" : shorter ? "shorter" : "longer";
    }
}
