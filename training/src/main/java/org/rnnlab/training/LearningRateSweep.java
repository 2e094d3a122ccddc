package org.rnnlab.training;

import java.util.List;

/**
 * The result of a learning-rate range test ({@link LearningRateFinder}): the rates tried, one per minibatch in
 * increasing order, the loss after each, its exponentially smoothed (bias-corrected) value, the suggested rate
 * and the rule that chose it.
 */
public record LearningRateSweep(List<Double> rates, List<Double> losses, List<Double> smoothedLosses, double suggested,
                                String reason) {
    public LearningRateSweep {
        rates = List.copyOf(rates);
        losses = List.copyOf(losses);
        smoothedLosses = List.copyOf(smoothedLosses);
        if (rates.size() != losses.size() || rates.size() != smoothedLosses.size()) {
            throw new IllegalArgumentException("rates, losses and smoothedLosses differ in length: " + rates.size() + ", "
                    + losses.size() + ", " + smoothedLosses.size());
        }
    }
}
