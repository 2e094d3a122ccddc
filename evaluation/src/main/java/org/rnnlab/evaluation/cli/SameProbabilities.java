package org.rnnlab.evaluation.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Many sequences of new data, of different values, that got one identical set of probabilities to 6 digits: the model's
 * output saturated for them (their inputs drive its units to their limits, as values far outside the training data do),
 * so their label says nothing of each sequence. A trial's station logging pressure in kPa for bar: all 200 of its
 * sequences got p_yes 0.203579 (sd 1.4e-7), none marked low_confidence, its 9 failures all missed at the 0.3 cut-off, and
 * the headline accuracy rose because a whole station was called 'no'; neither predict nor evaluate said so.
 *
 * <p>Said by {@code predict} and {@code evaluate} as a {@code note:} when the largest such set holds {@value #MIN} sequences
 * or more and {@value #SHARE_PERCENT}% of them or more, from {@value #MIN} different inputs or more (copies of one sequence
 * get one answer by right), and its most probable class's probability is under {@value #CONFIDENT} (a model certain of
 * many sequences rounds them all to 1.000000, which is no saturation to point out).
 *
 * @param sequences how many sequences got these probabilities
 * @param total     how many sequences were predicted
 * @param inputs    how many different inputs those sequences are
 * @param probabilities the shared probabilities, rounded to 6 digits, in the model's label order
 * @param examples  up to 3 of those sequences' names, in input order
 */
record SameProbabilities(int sequences, int total, int inputs, double[] probabilities, List<String> examples) {

    /** At least this many sequences, and as many different inputs, share the probabilities. */
    static final int MIN = 10;

    /** And at least this share of the sequences, in percent. */
    static final int SHARE_PERCENT = 5;

    /** Shared probabilities whose top class's is this or more are a confident model's, not named. */
    static final double CONFIDENT = 0.999;

    /**
     * The largest set of sequences with the same probabilities to 6 digits, when it is large enough to say.
     *
     * @param probabilities each sequence's class probabilities
     * @param inputs        each sequence's values (aligned with probabilities), to count different inputs by; null to take
     *                      every sequence as different
     * @param names         each sequence's name in the message (its id)
     */
    static Optional<SameProbabilities> find(List<double[]> probabilities, List<?> inputs, List<String> names) {
        Map<String, List<Integer>> byProbabilities = new HashMap<>();
        for (int i = 0; i < probabilities.size(); i++) {
            StringBuilder key = new StringBuilder();
            for (double p : probabilities.get(i)) {
                key.append(String.format(Locale.ROOT, "%.6f,", p));
            }
            byProbabilities.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(i);
        }
        List<Integer> largest = List.of();
        for (List<Integer> same : byProbabilities.values()) {
            double top = 0;
            for (double p : probabilities.get(same.get(0))) {
                top = Math.max(top, p);
            }
            if (top < CONFIDENT && (same.size() > largest.size() || same.size() == largest.size() && !same.isEmpty()
                    && !largest.isEmpty() && same.get(0) < largest.get(0))) {
                largest = same;
            }
        }
        if (largest.size() < MIN || largest.size() * 100L < (long) SHARE_PERCENT * probabilities.size()) {
            return Optional.empty();
        }
        Set<Object> different = new HashSet<>();
        for (int i : largest) {
            different.add(inputs == null ? i : key(inputs.get(i)));
        }
        if (different.size() < MIN) {
            return Optional.empty();
        }
        double[] shared = probabilities.get(largest.get(0)).clone();
        for (int c = 0; c < shared.length; c++) {
            shared[c] = Math.round(shared[c] * 1e6) / 1e6;
        }
        List<String> examples = largest.subList(0, Math.min(3, largest.size())).stream().map(names::get).toList();
        return Optional.of(new SameProbabilities(largest.size(), probabilities.size(), different.size(), shared, examples));
    }

    /** A float[][] by its values (arrays compare by identity), anything else as it is. */
    private static Object key(Object input) {
        return input instanceof float[][] values ? java.util.Arrays.deepHashCode(values) : input;
    }

    /** The note, without a "note:" prefix, naming the shared probabilities by the model's labels. */
    String note(List<String> labels) {
        StringBuilder p = new StringBuilder();
        for (int c = 0; c < probabilities.length; c++) {
            p.append(c == 0 ? "" : ", ").append("p_").append(labels.get(c)).append(String.format(Locale.ROOT, " %.6f", probabilities[c]));
        }
        return String.format(Locale.ROOT, "%d of the %d sequences got the same probabilities to 6 digits (%s), from %d different "
                + "inputs, e.g. %s: a saturated model? Inputs far from the training data (another unit, a failed sensor) can drive "
                + "its units to their limits, where the answer no longer depends on the sequence; look at these sequences' values "
                + "before trusting their label (or the scores over them)", sequences, total, p, inputs,
                String.join(", ", examples.stream().map(org.rnnlab.datasets.LabelCheck::quoted).toList()));
    }
}
