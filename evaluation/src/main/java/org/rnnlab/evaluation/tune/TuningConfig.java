package org.rnnlab.evaluation.tune;

/**
 * How each architecture of a comparison is tuned before its runs: {@code trials} configurations drawn
 * from {@code space} with {@code seed} (the same trials for every architecture, so each gets the same
 * chances), raced by successive halving ({@link SuccessiveHalving}) on the validation split, with at
 * most {@code budgetSeconds} of training per architecture (0: no limit).
 *
 * @param trials        configurations drawn per architecture, in [1, 1000]
 * @param eta           halving rate: each rung keeps the best 1/eta of the trials and gives them eta times the epochs, in [2, 10]
 * @param budgetSeconds training seconds per architecture for all its trials; when spent, no further rung starts and the
 *                      best trial of the last finished rung is chosen (0 = no limit). A budget that is reached makes the
 *                      choice depend on the machine's speed.
 * @param seed          seed of the trials' draws and of their training
 * @param space         what is drawn
 */
public record TuningConfig(int trials, int eta, double budgetSeconds, long seed, SearchSpace space) {

    /** Default halving rate, as in Li et al. (Hyperband, JMLR 2018) and ASHA (MLSys 2020). */
    public static final int DEFAULT_ETA = 3;

    public TuningConfig {
        if (trials < 1 || trials > 1000) {
            throw new IllegalArgumentException("--tune must be in [1, 1000] trials, got " + trials);
        }
        if (eta < 2 || eta > 10) {
            throw new IllegalArgumentException("tuning eta must be in [2, 10], got " + eta);
        }
        if (!(budgetSeconds >= 0 && Double.isFinite(budgetSeconds))) {
            throw new IllegalArgumentException("--tune-budget must be a duration >= 0, got " + budgetSeconds + " s");
        }
        if (space == null) {
            space = SearchSpace.defaults();
        }
    }
}
