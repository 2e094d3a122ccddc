package org.rnnlab.training;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a run after the epoch in which its training time reached {@code seconds}; 0 means no budget.
 * Training time counts the minibatches only, not validation, and the epoch in progress is always
 * finished, so a run may overshoot the budget by up to one epoch.
 *
 * @param model   the model's label, for the log
 * @param seconds the budget ({@link TrainingConfig#timeBudgetSeconds()})
 */
record TimeBudget(String model, double seconds) {
    /** The trainer's log, where this line has always been. */
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** The budget of a run. */
    static TimeBudget of(TrainingConfig config, String model) {
        return new TimeBudget(model, config.timeBudgetSeconds());
    }

    /** Whether the run should stop after epoch {@code epoch}, having trained {@code trainSeconds} in all. */
    boolean exhaustedAfter(int epoch, double trainSeconds) {
        if (seconds <= 0 || trainSeconds < seconds) {
            return false;
        }
        LOG.info("{}: time budget of {} s reached after epoch {}", model, seconds, epoch);
        return true;
    }
}
