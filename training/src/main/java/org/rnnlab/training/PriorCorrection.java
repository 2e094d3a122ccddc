package org.rnnlab.training;

import java.util.List;

/**
 * Prior correction of a model trained with class weights ({@code train --calibrate prior}): weighing class c by w_c in the
 * cross-entropy moves the probabilities that minimise it to p'_c proportional to w_c p_c (Elkan 2001, "The foundations of
 * cost-sensitive learning", IJCAI; Saerens, Latinne and Decaestecker 2002, "Adjusting the outputs of a classifier to new a
 * priori probabilities", Neural Computation), so p_c proportional to p'_c / w_c undoes it: softmax(z - log w) of the
 * logits z. Two trials (70f, 71a) had class-weighted models whose mean probability of the rare class was two to three
 * times its share, which one temperature cannot undo (it divides every logit alike), and corrected them by hand.
 *
 * <p>As {@link TemperatureScaling}, it works on the softmax's probabilities (log p differs from z by a constant per
 * sequence), so the stored network is left as it is; {@link ModelCard#calibrated(double[])} applies it, then the card's
 * temperature. Unlike a temperature it can change the predicted class (toward the classes weighted down).
 */
public final class PriorCorrection {

    private PriorCorrection() {
    }

    /**
     * {@code p} (one sequence's probabilities) with each class's probability divided by its weight and normalised:
     * softmax(log p - log w); {@code p} itself without weights (null or empty). A probability that underflowed to 0 is read as e^-745, as there.
     */
    public static double[] apply(double[] p, List<Double> weights) {
        if (weights == null || weights.isEmpty()) {
            return p;
        }
        if (weights.size() != p.length) {
            throw new IllegalArgumentException(weights.size() + " class weights for " + p.length + " probabilities");
        }
        double[] logWeights = new double[p.length];
        for (int c = 0; c < p.length; c++) {
            logWeights[c] = Math.log(weights.get(c));
        }
        return TemperatureScaling.softmaxOfLogs(p, logWeights, 1);
    }
}
