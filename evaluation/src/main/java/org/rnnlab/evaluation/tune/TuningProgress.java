package org.rnnlab.evaluation.tune;

/**
 * Where an architecture's tuning stands after one of its trials ended ({@link
 * org.rnnlab.evaluation.compare.Comparison.Listener#onTuningProgress}): a trial of a long sequence may train for minutes without
 * a line, and nothing said how many were left (trial 81f F5).
 *
 * @param architecture   architecture id
 * @param rung           the rung the trial belongs to
 * @param rungTrials     the architecture's trials planned in this rung
 * @param trained        of them, trained (or kept from an earlier attempt) so far
 * @param rungSeconds    training seconds of those trained in this rung
 * @param spentSeconds   training seconds of all the architecture's trials so far, what {@code --tune-budget} counts
 * @param budgetSeconds  the {@code --tune-budget} per architecture (0: none)
 * @param elapsedSeconds wall seconds since the tuning began
 */
public record TuningProgress(String architecture, SuccessiveHalving.Rung rung, int rungTrials, int trained, double rungSeconds,
                             double spentSeconds, double budgetSeconds, double elapsedSeconds) {

    /** The architecture's trials of this rung not trained yet. */
    public int remaining() {
        return Math.max(0, rungTrials - trained);
    }

    /** Whether the budget is spent: no further trial of the architecture starts (on an engine that runs them one at a time). */
    public boolean budgetSpent() {
        return budgetSeconds > 0 && spentSeconds >= budgetSeconds;
    }
}
