package org.rnnlab.evaluation.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rnnlab.evaluation.metrics.ClassMetrics;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.training.ModelCard;

/**
 * The counts behind a model's test scores, kept in its card's {@code metrics} beside {@code test_accuracy}: the test split's
 * size ({@value #SEQUENCES}) and each class's support and recall there ({@value #SUPPORT}{@code <label>},
 * {@value #RECALL}{@code <label>}). {@code evaluate} tests a new file's accuracy against the test split's with them (trial 80c
 * F3: a month at accuracy 0.50 against the model's 1.00 at training was not said to be a drop, and a test of a drop needs
 * the counts, not only the shares). Cards written before they were kept have none: {@link #of} is then empty.
 *
 * @param sequences the test split's sequences
 * @param correct   those the model classified right (accuracy times sequences, rounded)
 * @param accuracy  the card's {@code test_accuracy}
 * @param support   each class's test sequences, in the order of the card's labels
 * @param recalled  each class's test sequences classified right, in the same order
 */
public record TestCounts(long sequences, long correct, double accuracy, long[] support, long[] recalled) {

    /** The key of the test split's size. */
    public static final String SEQUENCES = "test_sequences";
    /** The prefix of a class's test support key, the label after it: {@code test_support.sit}. */
    public static final String SUPPORT = "test_support.";
    /** The prefix of a class's test recall key: {@code test_recall.sit}. */
    public static final String RECALL = "test_recall.";

    /** The card keys of {@code test} (the run's test split's scores): its size and each class's support and recall. */
    public static Map<String, Double> metrics(EvaluationResult test) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(SEQUENCES, (double) test.examples());
        for (ClassMetrics c : test.perClass()) {
            out.put(SUPPORT + c.label(), (double) c.support());
            if (c.support() > 0) {
                out.put(RECALL + c.label(), c.recall());
            }
        }
        return out;
    }

    /** The counts {@code card} keeps, or empty for a card without test scores or without their counts (older cards). */
    public static Optional<TestCounts> of(ModelCard card) {
        Map<String, Double> m = card.metrics();
        Double accuracy = m.get("test_accuracy");
        Double sequences = m.get(SEQUENCES);
        if (accuracy == null || sequences == null || !(sequences > 0)) {
            return Optional.empty();
        }
        List<String> labels = card.labelNames();
        long[] support = new long[labels.size()];
        long[] recalled = new long[labels.size()];
        for (int c = 0; c < labels.size(); c++) {
            Double s = m.get(SUPPORT + labels.get(c));
            Double r = m.get(RECALL + labels.get(c));
            support[c] = s == null ? -1 : Math.round(s);
            recalled[c] = s == null ? -1 : s == 0 ? 0 : r == null ? -1 : Math.round(r * s); // no recall key where support is 0
        }
        long n = Math.round(sequences);
        return Optional.of(new TestCounts(n, Math.round(accuracy * n), accuracy, support, recalled));
    }

    /** Whether each class's support and recall are known (every label has its keys). */
    public boolean perClass() {
        for (long s : support) {
            if (s < 0) {
                return false;
            }
        }
        return true;
    }
}
