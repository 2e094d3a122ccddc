package org.rnnlab.evaluation.compare;

import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.Split;
import org.rnnlab.training.TrainingConfig;

/**
 * One training run of a comparison or a tuning, complete in itself: which model with which settings and
 * seed, on which fold, evaluated on which split. Tasks are independent of each other, so an engine may
 * run them in any order and in any process; they travel as JSON ({@link org.rnnlab.core.Json}), never as
 * Java serialization.
 *
 * @param configuration  display name, e.g. {@code lstm} or {@code lstm clip=l2:1.0}
 * @param architecture   architecture id
 * @param clip           clip setting id
 * @param seed           seed of weights and data order (already in {@code spec} and {@code training})
 * @param fold           cross-validation fold, or null to use the dataset's own splits
 * @param spec           the model
 * @param training       the training settings
 * @param probeExamples  test examples for the gradient-flow probe (0 = none)
 * @param evaluateOn     TEST for a comparison's runs, VALIDATION for tuning trials
 */
public record RunTask(String configuration, String architecture, String clip, long seed, Integer fold, ModelSpec spec,
                      TrainingConfig training, int probeExamples, Split evaluateOn) {

    public RunTask {
        if (evaluateOn == null || evaluateOn == Split.TRAIN) {
            throw new IllegalArgumentException("RunTask.evaluateOn must be TEST or VALIDATION, got " + evaluateOn);
        }
        if (fold != null && fold < 0) {
            throw new IllegalArgumentException("RunTask.fold must be >= 0 or null, got " + fold);
        }
    }

    /** The key of this run: {@link Comparison#runKey}. */
    public String key() {
        return Comparison.runKey(configuration, seed, fold);
    }
}
