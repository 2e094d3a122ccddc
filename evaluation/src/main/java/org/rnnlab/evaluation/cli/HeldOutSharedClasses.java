package org.rnnlab.evaluation.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.FisherExact;
import org.rnnlab.evaluation.train.TestCounts;

/**
 * {@link HeldOutComparison}'s accuracy over the classes both the test split and the data evaluated hold, where the data hold
 * classes the test split did not (trial 81c F1: a file of 120 speakers, 16 of them never in the test split as their 2-3
 * sequences were kept wholly in training, read "lower here beyond chance", p = 0.016, on the strength of those 16 classes'
 * 48 sequences at 0.27; on the 104 classes both held it was 188 of 312 against 99 of 146, p = 0.12). The test accuracy
 * covers none of an untested class, so the headline compares like with like: the test split's right ones of the shared
 * classes (each class's support and recall on the card, {@link TestCounts}) against these data's of the same classes, by
 * Fisher's exact test, two-sided, as the all-class comparison is. A class of the test split absent here is left out on both
 * sides. Where every class here had test sequences there is none ({@link #of} is empty) and the comparison is over all.
 *
 * @param classes           the classes both hold
 * @param testSequences     the test split's sequences of them
 * @param testCorrect       those classified right there (each class's recall times its support, rounded, summed)
 * @param hereSequences     these data's sequences of them
 * @param hereCorrect       those classified right here
 * @param p                 Fisher's two-sided p of the two (NaN where no class is shared)
 * @param untestedLabels    the classes here that had no test sequences, in label order
 * @param untestedSequences these data's sequences of them
 * @param untestedCorrect   those classified right here
 */
record HeldOutSharedClasses(int classes, long testSequences, long testCorrect, long hereSequences, long hereCorrect, double p,
                            List<String> untestedLabels, long untestedSequences, long untestedCorrect) {

    /** The comparison over the shared classes of {@code here} against {@code counts}; empty where every class here was tested. */
    static Optional<HeldOutSharedClasses> of(TestCounts counts, EvaluationResult here) {
        if (counts == null || !counts.perClass()) {
            return Optional.empty();
        }
        int classes = 0;
        long testSequences = 0;
        long testCorrect = 0;
        long hereSequences = 0;
        long hereCorrect = 0;
        List<String> untested = new ArrayList<>();
        long untestedSequences = 0;
        long untestedCorrect = 0;
        for (int c = 0; c < here.perClass().size(); c++) {
            long support = here.perClass().get(c).support();
            if (support == 0) {
                continue;
            }
            long right = here.confusion()[c][c];
            if (counts.support()[c] == 0) {
                untested.add(here.perClass().get(c).label());
                untestedSequences += support;
                untestedCorrect += right;
            } else {
                classes++;
                testSequences += counts.support()[c];
                testCorrect += counts.recalled()[c];
                hereSequences += support;
                hereCorrect += right;
            }
        }
        if (untested.isEmpty()) {
            return Optional.empty();
        }
        double p = classes == 0 ? Double.NaN
                : FisherExact.twoSided(testCorrect, testSequences - testCorrect, hereCorrect, hereSequences - hereCorrect);
        return Optional.of(new HeldOutSharedClasses(classes, testSequences, testCorrect, hereSequences, hereCorrect, p,
                List.copyOf(untested), untestedSequences, untestedCorrect));
    }

    double testAccuracy() {
        return testSequences == 0 ? Double.NaN : (double) testCorrect / testSequences;
    }

    double hereAccuracy() {
        return hereSequences == 0 ? Double.NaN : (double) hereCorrect / hereSequences;
    }

    /** Whether the shared classes' accuracies differ beyond chance at {@link HeldOutComparison#ALPHA}. */
    boolean differs() {
        return p < HeldOutComparison.ALPHA;
    }

    private String classesWord(long n) {
        return n == 1 ? "1 class" : n + " classes";
    }

    /**
     * The head of the held-out line: the comparison over the shared classes with its verdict, then the all-class figures
     * beside it ({@code allRight} of {@code allSequences} here, p {@code allP}) and how many sequences of untested classes they
     * hold.
     */
    String headline(long testAllSequences, String pAll, long allRight, long allSequences, double testAllAccuracy) {
        String all = String.format(Locale.ROOT, "all classes: accuracy %.4f -> %.4f (%d of %d here, Fisher's p %s), of which %d "
                        + "%s of %s the test split never held (%d right): the test accuracy does not cover them",
                testAllAccuracy, allSequences == 0 ? Double.NaN : (double) allRight / allSequences, allRight, allSequences, pAll,
                untestedSequences, untestedSequences == 1 ? "sequence" : "sequences", classesWord(untestedLabels.size()),
                untestedCorrect);
        if (classes == 0) {
            return String.format(Locale.ROOT, "against the model's test split at training (%d sequences, in the model file): not "
                    + "compared, no class here had test sequences; %s", testAllSequences, all);
        }
        String verdict = differs() ? (hereAccuracy() < testAccuracy() ? "lower here beyond chance" : "higher here beyond chance")
                : "no evidence of a difference";
        return String.format(Locale.ROOT, "against the model's test split at training (%d sequences, in the model file), on the %s "
                        + "both hold: accuracy %.4f -> %.4f (%+.4f; %d of %d right there, %d of %d here; Fisher's exact p %s, "
                        + "two-sided: %s at 5%%); %s", testAllSequences, classesWord(classes), testAccuracy(), hereAccuracy(),
                hereAccuracy() - testAccuracy(), testCorrect, testSequences, hereCorrect, hereSequences,
                HeldOutComparison.pWords(p), verdict, all);
    }

    /** {@code heldOutComparison.sharedClasses} of {@code evaluate --json}. */
    ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("classes", classes);
        HeldOutComparison.putNumber(node, "test", testAccuracy());
        HeldOutComparison.putNumber(node, "here", hereAccuracy());
        HeldOutComparison.putNumber(node, "difference", hereAccuracy() - testAccuracy());
        node.put("testCorrect", testCorrect);
        node.put("testSequences", testSequences);
        node.put("hereCorrect", hereCorrect);
        node.put("hereSequences", hereSequences);
        node.put("method", "Fisher's exact test, two-sided, of right/wrong by test split/these data, over the classes both hold");
        HeldOutComparison.putNumber(node, "p", p);
        node.put("differs", differs());
        node.put("untestedClasses", untestedLabels.size());
        node.put("untestedSequences", untestedSequences);
        node.put("untestedCorrect", untestedCorrect);
        untestedLabels.forEach(node.putArray("untestedLabels")::add);
        return node;
    }
}
