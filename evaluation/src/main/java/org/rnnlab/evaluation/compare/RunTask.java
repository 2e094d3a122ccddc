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
 * @param band           index of the comparison's band ({@link org.rnnlab.datasets.TagBands}) whose examples the run trains
 *                       and tests on, or null for all examples
 * @param bandLabel      that band's name, e.g. {@code distance 1-4} (null without a band)
 */
public record RunTask(String configuration, String architecture, String clip, long seed, Integer fold, ModelSpec spec,
                      TrainingConfig training, int probeExamples, Split evaluateOn, Integer band, String bandLabel) {

    /** A task on all examples (no band). */
    public RunTask(String configuration, String architecture, String clip, long seed, Integer fold, ModelSpec spec,
                   TrainingConfig training, int probeExamples, Split evaluateOn) {
        this(configuration, architecture, clip, seed, fold, spec, training, probeExamples, evaluateOn, null, null);
    }

    public RunTask {
        if (evaluateOn == null || evaluateOn == Split.TRAIN) {
            throw new IllegalArgumentException("RunTask.evaluateOn must be TEST or VALIDATION, got " + evaluateOn);
        }
        if (fold != null && fold < 0) {
            throw new IllegalArgumentException("RunTask.fold must be >= 0 or null, got " + fold);
        }
        if ((band == null) != (bandLabel == null) || band != null && band < 0) {
            throw new IllegalArgumentException("RunTask.band must be >= 0 with its label, or both null; got " + band + ", " + bandLabel);
        }
    }

    /** The key of this run: {@link Comparison#runKey}. */
    public String key() {
        return Comparison.runKey(configuration, seed, fold, bandLabel);
    }
}
