package org.rnnlab.evaluation.compare;

import java.util.List;
import java.util.Optional;

/**
 * What a comparison's numbers cannot claim, said where they are shown (the terminal, the report): conditions of the
 * comparison's design, not of its data.
 */
public final class ComparisonCaveats {

    private ComparisonCaveats() {
    }

    /**
     * With {@code --tune} and {@code --cv}: the tuner chose each architecture's settings on the validation split of the
     * dataset's own carve, and the folds pool every example, so those validation examples are also in the test parts of
     * the folds: the cross-validated scores of the tuned configurations are optimistic (nested cross-validation, tuning
     * inside each fold's training part, would not be). Empty otherwise.
     */
    public static Optional<String> tuningSawFoldTestData(ComparisonResult result) {
        if (result.tuning() == null || result.config().crossValidation() == null) {
            return Optional.empty();
        }
        return Optional.of("--tune chose each architecture's settings on the validation examples of the dataset's own split, "
                + "and --cv pooled every example into the folds, so those examples are also in the folds' test parts: the "
                + "cross-validated scores of the tuned settings are optimistic, and more so for an architecture whose tuning "
                + "fitted those examples better. For scores the tuning never saw, tune without --cv and cross-validate the "
                + "chosen settings (tuning.json) on data it did not use");
    }

    /**
     * With --cv and several seeds, what the verdicts rest on: the pairs of one fold share its test examples, so with K folds
     * they say a difference is beyond the seeds' noise on these K folds, not that it would hold on other data; and each pair
     * of configurations is tested on its own (a keyword trial read "reliably worse" at p = 0.031 from 2 seeds x 3 folds, the
     * smallest p 6 pairs give, and two configurations of equal accuracy got different verdicts against a third). Empty
     * otherwise, or when no pair has a verdict.
     */
    public static Optional<String> foldsShareTestData(ComparisonResult result, List<PairedDifference> differences) {
        if (result.config().crossValidation() == null || result.config().seeds() < 2
                || differences.stream().noneMatch(d -> d.pairs() >= PairedDifference.MIN_PAIRS)) {
            return Optional.empty();
        }
        int folds = result.config().crossValidation().folds();
        return Optional.of("the verdicts pair each seed's run of a fold with the other configuration's: the " + result.config().seeds()
                + " seeds of a fold share its test examples, so a reliable difference is one beyond the seeds' noise on these "
                + folds + " folds, not " + folds * result.config().seeds() + " independent samples of other data; and each of the "
                + differences.size() + " pairs of configurations is tested on its own, with no correction for how many are tested "
                + "(borderline p values, near 0.05, may disagree between configurations that score alike); for a claim about "
                + "other data, compare the configurations' fold means (results.csv), one per fold");
    }

    /**
     * When no two configurations have {@link PairedDifference#MIN_PAIRS} pairs (the default 3 seeds without folds or
     * bands), how to get a verdict; empty when some pair has enough, or there is one configuration.
     */
    public static Optional<String> tooFewPairs(List<PairedDifference> differences) {
        if (differences.isEmpty() || differences.stream().anyMatch(d -> d.pairs() >= PairedDifference.MIN_PAIRS)) {
            return Optional.empty();
        }
        int most = differences.stream().mapToInt(PairedDifference::pairs).max().orElse(0);
        return Optional.of("no pair of configurations has the " + PairedDifference.MIN_PAIRS + " paired runs a verdict needs (at most "
                + most + " here): give --seeds " + PairedDifference.MIN_PAIRS + " or more, or --cv 5 with --seeds 2, to learn "
                + "which differences are reliable");
    }
}
