package org.rnnlab.evaluation.train;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.text.TextDataset;
import org.rnnlab.datasets.text.TextEncoder;
import org.rnnlab.datasets.text.Truncation;

/**
 * A text model's test accuracy on the texts cut to its maximum length against that on the texts it read whole: a trial's
 * e-mail tickets, read by their last 64 tokens (the signature and quoted reply), scored 0.468 on the cut ones and 0.987 on
 * the rest, which no overall score showed.
 */
public final class TruncatedTexts {
    /** How much lower the cut texts' accuracy must be, at least, to be warned of (else it is said as information). */
    static final double WORSE_BY = 0.05;

    /** How many cut texts it takes, at least, for their accuracy to be warned of. */
    static final int FEWEST = 5;

    private TruncatedTexts() {
    }

    /**
     * What to say of the split's accuracy on cut and whole texts, and whether to warn of it; empty when the data are not
     * texts, or no text of the split (or every one) was cut.
     *
     * @param predicted the predicted class of each example of the split, aligned with its texts
     */
    public static Optional<Verdict> of(org.rnnlab.datasets.SequenceDataset data, Split split, int[] predicted) {
        if (!(data instanceof TextDataset text) || text.textEncoder().isEmpty() || predicted.length == 0) {
            return Optional.empty();
        }
        TextEncoder encoder = text.textEncoder().get();
        List<String> texts = text.texts(split);
        if (texts == null || texts.size() != predicted.length) {
            return Optional.empty();
        }
        boolean[] cut = new boolean[texts.size()];
        for (int i = 0; i < cut.length; i++) {
            cut[i] = encoder.tokenizer().tokenize(texts.get(i)).size() > encoder.maxLength();
        }
        int[] actual = data.split(split).examples().stream().mapToInt(s -> s.label()).toArray();
        return of(split.name().toLowerCase(Locale.ROOT), cut, actual, predicted, encoder.maxLength(), encoder.truncation());
    }

    /** As above, of texts marked {@code cut}, their labels and predictions. */
    static Optional<Verdict> of(String split, boolean[] cut, int[] actual, int[] predicted, int maxLength, Truncation truncation) {
        int cutN = 0;
        int cutRight = 0;
        int wholeRight = 0;
        for (int i = 0; i < cut.length; i++) {
            boolean right = actual[i] == predicted[i];
            if (cut[i]) {
                cutN++;
                cutRight += right ? 1 : 0;
            } else {
                wholeRight += right ? 1 : 0;
            }
        }
        int wholeN = cut.length - cutN;
        if (cutN == 0 || wholeN == 0) {
            return Optional.empty();
        }
        double onCut = (double) cutRight / cutN;
        double onWhole = (double) wholeRight / wholeN;
        boolean worse = cutN >= FEWEST && onCut <= onWhole - WORSE_BY;
        boolean tail = truncation == Truncation.KEEP_TAIL;
        String line = String.format(Locale.ROOT, "%s accuracy %.4f on the %d texts longer than maxLength %d (cut: %s, the %s %d "
                + "tokens read), %.4f on the %d read whole", split, onCut, cutN, maxLength, truncation, tail ? "last" : "first",
                maxLength, onWhole, wholeN);
        if (worse) {
            line += String.format(Locale.ROOT, ": the part cut off may hold what tells the classes apart; raise --set maxLength "
                    + "or read the other end with --set truncation=%s (the %s %d tokens%s)", tail ? "KEEP_HEAD" : "KEEP_TAIL",
                    tail ? "first" : "last", maxLength, tail ? ": the subject and opening lines of a message" : "");
        }
        return Optional.of(new Verdict(line, worse));
    }

    /**
     * What to say, and whether it is a warning.
     *
     * @param line  the accuracies, and with a warning the remedies
     * @param worse whether the cut texts scored clearly lower (a warning), else information
     */
    public record Verdict(String line, boolean worse) {
    }
}
