package org.rnnlab.evaluation.metrics;

/**
 * How a sequence's class is chosen from its predicted probabilities: the most probable class (argmax, what every model
 * predicts by default), or, for a two-class model, the {@code positive} class when its probability is {@code threshold} or
 * more and the other class otherwise. A cut-off is what a user of a rare class needs (a fraud team flags accounts above
 * a probability it picked on validation data, not at the 0.5 that argmax amounts to for two classes).
 *
 * @param positive  index of the class the cut-off applies to, or -1 for argmax
 * @param threshold the cut-off in (0, 1), or NaN for argmax
 */
public record Decision(int positive, double threshold) {

    /** The most probable class (ties: the first of them, as ND4J's {@code argMax}). */
    public static final Decision ARGMAX = new Decision(-1, Double.NaN);

    public Decision {
        if (positive < 0 ? !Double.isNaN(threshold) : positive > 1 || !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("a cut-off needs class 0 or 1 and a threshold in (0, 1), got class " + positive
                    + " and " + threshold);
        }
    }

    /** Class {@code positive} of a two-class model when its probability is {@code threshold} or more. */
    public static Decision cutOff(int positive, double threshold) {
        return new Decision(positive, threshold);
    }

    /** Whether this is the argmax rule. */
    public boolean argmax() {
        return positive < 0;
    }

    /** The class chosen for {@code probabilities} under a cut-off (two classes); not for argmax. */
    public int choose(double[] probabilities) {
        if (argmax() || probabilities.length != 2) {
            throw new IllegalStateException("a cut-off chooses between two classes, got " + probabilities.length + " probabilities");
        }
        return probabilities[positive] >= threshold ? positive : 1 - positive;
    }
}
