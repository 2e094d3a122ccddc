package org.rnnlab.evaluation.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.training.HeldOutConfidence;

/**
 * How predict's {@code low_confidence} and {@code --reject-below} would sort a labelled file whose labels include some the
 * model does not know ({@code evaluate --unknown-labels report|count}): for each of the card's held-out quantiles
 * ({@link HeldOutConfidence#NAMES}, compared per predicted class where the card records it, as predict does), the share of
 * the sequences of unknown labels below it (caught) and the share of those of the model's labels below it (false
 * rejections), with counts. The guide says to choose {@code --reject-below} this way, and a trial had to join predict's
 * output with the labels in Python to get these figures.
 *
 * @param split    the held-out split the quantiles are of
 * @param perClass whether a class's own quantiles set its cut-off for some class: the card records quantiles per predicted
 *                 class and some class was predicted for {@value HeldOutConfidence#MIN_PER_CLASS} held-out sequences or more
 *                 (trial 80c F6: {@code true} where every class, each predicted under 10 times, fell back to the quantiles over
 *                 all classes)
 * @param ownCutOff the classes whose own quantiles set their cut-off, in label order (the others use those over all classes)
 * @param classes  the model's classes
 * @param rows     one per quantile name, in the order of {@link HeldOutConfidence#NAMES}
 */
record RejectionRates(String split, boolean perClass, List<String> ownCutOff, int classes, List<Row> rows) {

    /**
     * One cut-off.
     *
     * @param name           the quantile's name (p05)
     * @param unknownFlagged sequences of labels the model does not know below it
     * @param unknown        sequences of labels the model does not know
     * @param knownFlagged   sequences of the model's labels below it (false rejections)
     * @param known          sequences of the model's labels
     */
    record Row(String name, int unknownFlagged, int unknown, int knownFlagged, int known) {
    }

    /**
     * The table, or empty for a card without held-out quantiles (older models) or without sequences of unknown labels.
     *
     * @param held    the card's held-out confidence quantiles
     * @param labels  the model's labels, in the order of the probabilities
     * @param unknown the class probabilities of each sequence of a label the model does not know (temperature applied)
     * @param known   the class probabilities of each sequence of the model's labels
     */
    static Optional<RejectionRates> of(Optional<HeldOutConfidence> held, String split, List<String> labels, List<double[]> unknown,
                                       List<double[]> known) {
        if (held.isEmpty() || unknown.isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        for (String name : HeldOutConfidence.NAMES) {
            double[] cutOffs = held.get().cutOffs(name, labels);
            rows.add(new Row(name, flagged(unknown, cutOffs), unknown.size(), flagged(known, cutOffs), known.size()));
        }
        List<String> own = labels.stream().filter(l -> held.get().byClass().containsKey(l)
                && held.get().byClass().get(l).sequences() >= HeldOutConfidence.MIN_PER_CLASS).toList();
        return Optional.of(new RejectionRates(split, !own.isEmpty(), own, labels.size(), rows));
    }

    /** How many of {@code probabilities} have a top-class probability below the cut-off of the class predicted. */
    private static int flagged(List<double[]> probabilities, double[] cutOffs) {
        int n = 0;
        for (double[] p : probabilities) {
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            n += p[best] < cutOffs[best] ? 1 : 0;
        }
        return n;
    }

    private static String share(int k, int n) {
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.4f", (double) k / n);
    }

    /** The table as text, a heading line first. */
    String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nlow confidence at each --reject-below cut-off (the top-class "
                + "probability below the %s quantile%s, as predict's low_confidence): sequences of labels the model does not know "
                + "flagged (caught), and of its own labels (false rejections)%n", split, perClass
                ? " of the class predicted for " + String.join(", ", ownCutOff.stream().map(org.rnnlab.datasets.LabelCheck::quoted)
                .toList()) + (ownCutOff.size() == classes ? "" : ", over all classes for the others (predicted under "
                + HeldOutConfidence.MIN_PER_CLASS + " times there)") : " over all classes (no class was predicted "
                + HeldOutConfidence.MIN_PER_CLASS + " times or more there to have quantiles of its own)"));
        sb.append(String.format(Locale.ROOT, "%-8s %22s %22s%n", "cut-off", "unknown labels flagged", "known labels flagged"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-8s %22s %22s%n", r.name(),
                    share(r.unknownFlagged(), r.unknown()) + " (" + r.unknownFlagged() + "/" + r.unknown() + ")",
                    share(r.knownFlagged(), r.known()) + " (" + r.knownFlagged() + "/" + r.known() + ")"));
        }
        return sb.toString();
    }

    /** The table for {@code --json}: {@code lowConfidence}, an object with the split and one entry per cut-off. */
    void to(ObjectNode node) {
        ObjectNode o = node.putObject("lowConfidence");
        o.put("split", split);
        o.put("perClass", perClass);
        o.putPOJO("classesWithOwnCutOff", ownCutOff);
        ArrayNode a = o.putArray("cutOffs");
        for (Row r : rows) {
            ObjectNode e = a.addObject().put("quantile", r.name());
            e.put("unknownFlagged", r.unknownFlagged()).put("unknown", r.unknown());
            if (r.unknown() > 0) {
                e.put("unknownShare", (double) r.unknownFlagged() / r.unknown());
            }
            e.put("knownFlagged", r.knownFlagged()).put("known", r.known());
            if (r.known() > 0) {
                e.put("knownShare", (double) r.knownFlagged() / r.known());
            }
        }
    }

}
