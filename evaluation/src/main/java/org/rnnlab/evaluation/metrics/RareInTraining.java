package org.rnnlab.evaluation.metrics;

import java.util.List;

/**
 * The one rule by which {@code train}, {@code evaluate} and {@code compare} call a class rare in training, for the hint of
 * {@code --class-weights balanced}: fewer training sequences than {@value #SHARE} of the largest class's. A trial of 120
 * speakers with 1-2 test sequences each was told by train and evaluate (which judged by the test counts) that classes tied
 * for the largest in training were rare, while compare, by this rule, said "not rare in training".
 */
public final class RareInTraining {

    /** A class is rare in training under this share of the largest class's training sequences. */
    public static final double SHARE = 0.5;

    private RareInTraining() {
    }

    /** Whether class {@code c} is rare in {@code counts} (training sequences per class, in label order). */
    public static boolean rare(List<Long> counts, int c) {
        return counts.get(c) < SHARE * largest(counts);
    }

    /** The largest class's training sequences, 0 for none. */
    public static long largest(List<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
