package org.rnnlab.evaluation.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.compare.PresentOrPredicted;
import org.rnnlab.evaluation.metrics.ClassMetrics;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.FisherExact;
import org.rnnlab.evaluation.train.TestCounts;
import org.rnnlab.training.ModelCard;

/**
 * {@code evaluate --input}'s scores against the model's own test split at training, as its card keeps them (trial 80c F3:
 * "does the model still hold?" was left to the user, a month at accuracy 0.50 against the card's 1.00 not said to be a
 * drop). The accuracy's difference is judged by {@link FisherExact Fisher's exact test}, two-sided, of the 2x2 table right /
 * wrong by test split / these data: the two are independent samples of sequences (no sequence in both, so McNemar's paired
 * test does not apply), and the test is exact where a two-proportion z-test is not (a test accuracy of 1.0, a few dozen
 * sequences). It says whether these data's sequences are classified right less (or more) often than the test split's
 * beyond chance, both splits' sampling counted; not why: another class mix moves accuracy too, so each class's recall is
 * given beside it, and what the test split's recalls would score at these data's class shares. Each class's recall is
 * tested the same way, its p adjusted over the classes by Holm's method; macro-F1 is given without a test (the card keeps
 * the test split's scores, not its predictions, which a resampling test would need). Where rnnlab's macro-F1 (over the
 * classes present) and scikit-learn's (present or predicted, {@link EvaluationResult#macroF1PresentOrPredicted}) differ, here
 * or on the test split, both are given, each named (trial 80g F3: on a month without 'run', still predicted 30 times, the
 * line read "macro-F1 1.0000 -> 0.2121", rnnlab's figure, a line below the summary baseline's scikit-learn 0.1591, unnamed).
 * Where the data hold classes the test split never held, the headline and its verdict are over the classes both hold,
 * the all-class figures beside them ({@link HeldOutSharedClasses}, trial 81c F1). Cards written before the counts were
 * kept ({@link TestCounts}) get the scores without a test, and say so; cards without test scores, that there are none.
 *
 * @param status      {@code compared}; {@code noCounts} (test scores, but not their counts: an older card); {@code noTestScores}
 * @param card        the card's test accuracy, macro-F1 and scikit-learn's macro-F1 ({@link
 *                    ModelCard#TEST_MACRO_F1_PRESENT_OR_PREDICTED}, the macro-F1 where the card does not hold it: equal then)
 *                    (null without)
 * @param counts      the card's counts (null without)
 * @param here        the scores on the data evaluated
 * @param hereCorrect the sequences classified right here
 * @param p           Fisher's two-sided p of the accuracies (NaN without counts)
 * @param classP      each class's Holm-adjusted p of its recall (NaN where a split holds none of it, or without counts)
 * @param cutOff      whether the data here were scored at a {@code --threshold} (the test split at argmax)
 */
record HeldOutComparison(String status, double[] card, TestCounts counts, EvaluationResult here, long hereCorrect, double p,
                         double[] classP, boolean cutOff) {

    /** The level below which a difference is called beyond chance. */
    static final double ALPHA = 0.05;

    /** The comparison of {@code here} (scored from the model of {@code card}) with the card's test split. */
    static HeldOutComparison of(ModelCard card, EvaluationResult here, boolean cutOff) {
        long right = 0;
        for (int c = 0; c < here.confusion().length; c++) {
            right += here.confusion()[c][c];
        }
        Double accuracy = card.metrics().get("test_accuracy");
        Double macroF1 = card.metrics().get("test_macro_f1");
        double[] classP = new double[here.labelNames().size()];
        java.util.Arrays.fill(classP, Double.NaN);
        if (accuracy == null) {
            return new HeldOutComparison("noTestScores", null, null, here, right, Double.NaN, classP, cutOff);
        }
        Double withPredicted = card.metrics().get(ModelCard.TEST_MACRO_F1_PRESENT_OR_PREDICTED); // written only where it differs
        double[] scores = {accuracy, macroF1 == null ? Double.NaN : macroF1, withPredicted != null ? withPredicted
                : macroF1 == null ? Double.NaN : macroF1};
        Optional<TestCounts> counts = TestCounts.of(card);
        if (counts.isEmpty()) {
            return new HeldOutComparison("noCounts", scores, null, here, right, Double.NaN, classP, cutOff);
        }
        TestCounts t = counts.get();
        double p = FisherExact.twoSided(t.correct(), t.sequences() - t.correct(), right, here.examples() - right);
        if (t.perClass()) {
            List<Integer> tested = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            for (int c = 0; c < classP.length; c++) {
                long support = here.perClass().get(c).support();
                if (t.support()[c] > 0 && support > 0) {
                    long recalled = here.confusion()[c][c];
                    tested.add(c);
                    raw.add(FisherExact.twoSided(t.recalled()[c], t.support()[c] - t.recalled()[c], recalled, support - recalled));
                }
            }
            double[] adjusted = holm(raw.stream().mapToDouble(Double::doubleValue).toArray());
            for (int k = 0; k < tested.size(); k++) {
                classP[tested.get(k)] = adjusted[k];
            }
        }
        return new HeldOutComparison("compared", scores, t, here, right, p, classP, cutOff);
    }

    /** Holm's step-down adjustment of {@code p} (Holm 1979), in their order. */
    static double[] holm(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        double[] out = new double[p.length];
        double running = 0;
        for (int k = 0; k < order.length; k++) {
            running = Math.max(running, Math.min(1, (p.length - k) * p[order[k]]));
            out[order[k]] = running;
        }
        return out;
    }

    /** scikit-learn's macro-F1 here (classes present or predicted): rnnlab's where no class is predicted but absent. */
    double herePresentOrPredicted() {
        return here.macroF1PresentOrPredicted() != null ? here.macroF1PresentOrPredicted() : here.macroF1();
    }

    /**
     * Whether rnnlab's and scikit-learn's macro-F1 differ, to the 4 digits printed, here or on the test split: then the line
     * gives both, each named (as {@link SummaryBaselineScore#differs} names the summary baseline's).
     */
    boolean macroF1Differs() {
        return card != null && !Double.isNaN(card[1]) && (round4(card[2]) != round4(card[1])
                || round4(herePresentOrPredicted()) != round4(here.macroF1()));
    }

    private static double round4(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }

    private double hereAccuracy() {
        return here.examples() == 0 ? Double.NaN : (double) hereCorrect / here.examples();
    }

    /**
     * The accuracy the test split's recall of each class would give at these data's class shares: where it is far from
     * the test accuracy, another class mix, not the model, moves the accuracy. NaN without each class's recall.
     */
    double atTheseShares() {
        if (counts == null || !counts.perClass()) {
            return Double.NaN;
        }
        double sum = 0;
        long n = 0;
        for (int c = 0; c < here.perClass().size(); c++) {
            long support = here.perClass().get(c).support();
            if (support == 0) {
                continue;
            }
            if (counts.support()[c] <= 0) {
                return Double.NaN; // a class the test split did not hold: its recall there is unknown
            }
            sum += support * (double) counts.recalled()[c] / counts.support()[c];
            n += support;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The lines evaluate prints after its tables. */
    String lines() {
        StringBuilder sb = new StringBuilder();
        if (status.equals("noTestScores")) {
            return "against the model's test split at training: nothing to compare with (the model file holds no test scores: "
                    + "trained without a test split, --set testFraction=0, or saved without them)\n";
        }
        String noTest = status.equals("compared") ? " (no test: the model file keeps the test split's scores, not its predictions)" : "";
        String f1 = Double.isNaN(card[1]) ? "" : !macroF1Differs()
                ? String.format(Locale.ROOT, ", macro-F1 %.4f -> %.4f%s", card[1], here.macroF1(), noTest)
                : String.format(Locale.ROOT, ", macro-F1 (classes present) %.4f -> %.4f; %s %.4f -> %.4f%s", card[1], here.macroF1(),
                PresentOrPredicted.LABEL, card[2], herePresentOrPredicted(), noTest);
        String at = cutOff ? "; here at --threshold, there at the most probable class" : "";
        if (status.equals("noCounts")) {
            return String.format(Locale.ROOT, "against the model's test split at training: accuracy %.4f -> %.4f (%+.4f)%s%s (the "
                    + "model file keeps the test split's scores but not its size, as files trained before rnnlab kept it do: no "
                    + "test of the difference; train the model again to have it)%n", card[0], hereAccuracy(), hereAccuracy() - card[0],
                    f1, at);
        }
        String verdict = p < ALPHA ? (hereAccuracy() < card[0] ? "lower here beyond chance" : "higher here beyond chance")
                : "no evidence of a difference";
        Optional<HeldOutSharedClasses> shared = HeldOutSharedClasses.of(counts, here);
        if (shared.isPresent()) { // classes here that the test split never held: the verdict over those both hold (trial 81c F1)
            // the macro-F1 here is over every class here, the untested ones too, the test split's over the classes it held:
            // named so (review 81a R3)
            String allF1 = f1.isEmpty() ? "" : f1.substring(1).startsWith(" macro-F1 (classes present)")
                    ? f1.substring(1).replaceFirst("^ macro-F1 \\(classes present\\)", " macro-F1 (all classes here, classes present)")
                    : f1.substring(1).replaceFirst("^ macro-F1", " macro-F1 (all classes here)");
            sb.append(shared.get().headline(counts.sequences(), pWords(p), hereCorrect, here.examples(), card[0]))
                    .append(allF1.isEmpty() ? "" : ";" + allF1).append(at).append('\n');
        } else {
            sb.append(String.format(Locale.ROOT, "against the model's test split at training (%d sequences, in the model file): "
                            + "accuracy %.4f -> %.4f (%+.4f; %d of %d right there, %d of %d here; Fisher's exact p %s, two-sided: %s "
                            + "at 5%%)%s%s%n", counts.sequences(), card[0], hereAccuracy(), hereAccuracy() - card[0],
                    counts.correct(), counts.sequences(), hereCorrect, here.examples(), pWords(p), verdict, f1, at));
        }
        if (counts.perClass()) {
            List<String> classes = new ArrayList<>();
            List<Double> change = new ArrayList<>();
            for (int c = 0; c < here.perClass().size(); c++) {
                ClassMetrics m = here.perClass().get(c);
                long there = counts.support()[c];
                String before = there == 0 ? "none there" : String.format(Locale.ROOT, "%.2f (%d/%d)",
                        (double) counts.recalled()[c] / there, counts.recalled()[c], there);
                String now = m.support() == 0 ? "none here" : String.format(Locale.ROOT, "%.2f (%d/%d)", m.recall(),
                        here.confusion()[c][c], m.support());
                String mark = Double.isNaN(classP[c]) || classP[c] >= ALPHA ? ""
                        : String.format(Locale.ROOT, " <- %s, p %s", m.recall() < (double) counts.recalled()[c] / there ? "lower"
                        : "higher", pWords(classP[c]));
                classes.add(org.rnnlab.datasets.LabelCheck.quoted(m.label()) + " " + before + " -> " + now + mark);
                // the order of a cut list: the marked classes first, then the largest drops, classes held on one side only last
                change.add(!mark.isEmpty() ? Double.NEGATIVE_INFINITY : there == 0 || m.support() == 0 ? Double.POSITIVE_INFINITY
                        : m.recall() - (double) counts.recalled()[c] / there);
            }
            String order = "";
            if (org.rnnlab.evaluation.metrics.NamedList.cut(classes)) {
                // 120 classes made a line of 4 KB (trial 81c F4): the first 12 in that order, the rest counted
                List<Integer> byChange = java.util.stream.IntStream.range(0, classes.size()).boxed()
                        .sorted(java.util.Comparator.comparingDouble(change::get)).toList();
                classes = byChange.stream().map(classes::get).toList();
                order = String.format(Locale.ROOT, "; of the %d classes, those marked or of the largest drop first", classes.size());
            }
            sb.append("recall by class, test split at training -> here (Fisher's exact test per class, Holm-adjusted over the "
                    + "classes; marked below 5%" + order + "): ").append(org.rnnlab.evaluation.metrics.NamedList.join(classes, "; ",
                    "--json: heldOutComparison.perClass")).append('\n');
            double shares = atTheseShares();
            if (!Double.isNaN(shares) && Math.abs(shares - card[0]) >= 0.005) {
                sb.append(String.format(Locale.ROOT, "(at these data's class shares the test split's recall of each class would "
                        + "give accuracy %.4f, not %.4f: part of the difference is the class mix, not the model)%n", shares, card[0]));
            }
            // a class here that the test split did not hold: the test accuracy covers none of it (review 80b R3: a test split
            // of 'low' only against a month half 'high' read "lower here beyond chance" and nothing else)
            List<String> absent = new ArrayList<>();
            for (int c = 0; c < here.perClass().size(); c++) {
                if (here.perClass().get(c).support() > 0 && counts.support()[c] == 0) {
                    absent.add(String.format(Locale.ROOT, "%s, %d of the %d here", org.rnnlab.datasets.LabelCheck.quoted(
                            here.perClass().get(c).label()), here.perClass().get(c).support(), here.examples()));
                }
            }
            if (!absent.isEmpty()) {
                // their names only: the headline (HeldOutSharedClasses) counts them and compares the classes both hold, and
                // 16 of them made one long line again (review 81a R3, trial 81c F4)
                sb.append("(the classes the test split never held: ").append(org.rnnlab.evaluation.metrics.NamedList.join(absent,
                        "; ", "--json: heldOutComparison.sharedClasses.untestedLabels")).append(")\n");
            }
        }
        return sb.toString();
    }

    static String pWords(double p) {
        return p < 1e-300 ? "< 1e-300" : String.format(Locale.ROOT, "= %.3g", p);
    }

    /** {@code heldOutComparison} of {@code evaluate --json}. */
    ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("status", status);
        if (card == null) {
            node.put("reason", "the model file holds no test scores (trained without a test split, or saved without them)");
            return node;
        }
        ObjectNode accuracy = node.putObject("accuracy");
        accuracy.put("test", card[0]);
        accuracy.put("here", hereAccuracy());
        accuracy.put("difference", hereAccuracy() - card[0]);
        accuracy.put("hereCorrect", hereCorrect);
        accuracy.put("hereSequences", here.examples());
        ObjectNode f1 = node.putObject("macroF1");
        putNumber(f1, "test", card[1]);
        f1.put("here", here.macroF1());
        putNumber(f1, "difference", here.macroF1() - card[1]);
        // scikit-learn's figures beside rnnlab's (over the classes present), as summaryBaseline has them: equal where no
        // class is predicted but absent (on the test split: the card's test_macro_f1_present_or_predicted)
        putNumber(f1, "testPresentOrPredicted", card[2]);
        f1.put("herePresentOrPredicted", herePresentOrPredicted());
        putNumber(f1, "differencePresentOrPredicted", herePresentOrPredicted() - card[2]);
        f1.put("definitionsDiffer", macroF1Differs());
        node.put("atThreshold", cutOff);
        if (counts == null) {
            node.put("reason", "the model file keeps the test split's scores but not its size (a model trained before it was "
                    + "kept): no test of the difference");
            return node;
        }
        accuracy.put("testCorrect", counts.correct());
        accuracy.put("testSequences", counts.sequences());
        accuracy.put("method", "Fisher's exact test, two-sided, of right/wrong by test split/these data");
        accuracy.put("p", p);
        accuracy.put("differs", p < ALPHA);
        Optional<HeldOutSharedClasses> shared = HeldOutSharedClasses.of(counts, here);
        shared.ifPresent(s -> node.set("sharedClasses", s.json()));
        // the line's verdict, over the classes both hold where the file holds untested ones (review 81a R3: a script reading
        // accuracy.differs got the all-class verdict, which trial 81c F1 cited)
        ObjectNode verdict = node.putObject("verdict");
        boolean overShared = shared.isPresent() && shared.get().classes() > 0;
        verdict.put("over", overShared ? "sharedClasses" : "allClasses");
        verdict.put("differs", overShared ? shared.get().differs() : p < ALPHA);
        putNumber(verdict, "p", overShared ? shared.get().p() : p);
        putNumber(node, "accuracyAtTheseShares", atTheseShares());
        ArrayNode classes = node.putArray("perClass");
        if (counts.perClass()) {
            for (int c = 0; c < here.perClass().size(); c++) {
                ClassMetrics m = here.perClass().get(c);
                ObjectNode row = classes.addObject();
                row.put("label", m.label());
                row.put("testSupport", counts.support()[c]);
                row.put("testRecalled", counts.recalled()[c]);
                putNumber(row, "testRecall", counts.support()[c] == 0 ? Double.NaN
                        : (double) counts.recalled()[c] / counts.support()[c]);
                row.put("support", m.support());
                row.put("recalled", here.confusion()[c][c]);
                putNumber(row, "recall", m.support() == 0 ? Double.NaN : m.recall());
                putNumber(row, "pHolm", classP[c]);
            }
        }
        return node;
    }

    /** {@code key}: {@code v}, or null where it is NaN (undefined); also for {@link HeldOutSharedClasses}. */
    static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isNaN(v)) {
            node.putNull(key);
        } else {
            node.put(key, v);
        }
    }
}
