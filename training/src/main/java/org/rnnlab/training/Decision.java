package org.rnnlab.training;

/**
 * How a sequence's class is chosen from its predicted probabilities: the most probable class (argmax, what every model
 * predicts by default), or the {@code positive} class when its probability is {@code threshold} or more and otherwise the
 * other class of a two-class model, the most probable of the others of a model of more classes (one class against the rest:
 * a maintenance trial's alarm on p(imminent_failure) of a 4-class model). A cut-off is what a user of a rare class needs (a fraud team flags accounts above
 * a probability it picked on validation data, not at the 0.5 that argmax amounts to for two classes).
 *
 * @param positive  index of the class the cut-off applies to, or -1 for argmax
 * @param threshold the cut-off in (0, 1), or NaN for argmax
 */
public record Decision(int positive, double threshold) {

    /** The most probable class (ties: the first of them, as ND4J's {@code argMax}). */
    public static final Decision ARGMAX = new Decision(-1, Double.NaN);

    public Decision {
        if (positive < 0 ? !Double.isNaN(threshold) : !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("a cut-off needs a class and a threshold in (0, 1), got class " + positive
                    + " and " + threshold);
        }
    }

    /** Class {@code positive} when its probability is {@code threshold} or more. */
    public static Decision cutOff(int positive, double threshold) {
        return new Decision(positive, threshold);
    }

    /** Whether this is the argmax rule. */
    public boolean argmax() {
        return positive < 0;
    }

    /**
     * The class chosen for {@code probabilities} under a cut-off: the positive class at or above the threshold, else the most
     * probable other class (ties: the first); not for argmax.
     */
    public int choose(double[] probabilities) {
        if (argmax() || positive >= probabilities.length) {
            throw new IllegalStateException("a cut-off of class " + positive + " chooses among " + probabilities.length + " probabilities");
        }
        if (probabilities[positive] >= threshold) {
            return positive;
        }
        int best = -1;
        for (int c = 0; c < probabilities.length; c++) {
            if (c != positive && (best < 0 || probabilities[c] > probabilities[best])) {
                best = c;
            }
        }
        return best;
    }
}
