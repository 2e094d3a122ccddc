package org.rnnlab.training;

/**
 * Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks", ICML): one T > 0 that divides the
 * logits before the softmax, fitted on validation data by minimising their log-loss. It changes no predicted class (the
 * order of a sequence's logits stays), only how sure the probabilities are. A trial (ICU mortality) had a model whose
 * probabilities it could not show to staff and no way in rnnlab to recalibrate them ({@code train --calibrate temperature}).
 *
 * <p>It works on the softmax's probabilities: softmax(z / T) = softmax(log p / T), as log p differs from z by a constant
 * per sequence, so the stored network is left as it is and {@link SequenceClassifier} applies T to its output. A probability
 * that underflowed to 0 stays 0 (its log is clipped to {@value #LOG_FLOOR}).
 */
public final class TemperatureScaling {

    /** The range searched for T. */
    public static final double LOWEST = 0.05;
    public static final double HIGHEST = 20;

    private static final double LOG_FLOOR = -745;

    private TemperatureScaling() {
    }

    /** {@code p} (one sequence's probabilities) as softmax(logits / {@code t}); {@code p} itself when t is 1. */
    public static double[] apply(double[] p, double t) {
        if (t == 1) {
            return p;
        }
        return softmaxOfLogs(p, null, t);
    }

    /**
     * softmax((log p - shift) / t), the log of a probability that underflowed to 0 read as {@value #LOG_FLOOR}: what a
     * temperature ({@code shift} null) and {@link PriorCorrection} ({@code t} 1, {@code shift} the log weights) do to one
     * sequence's probabilities.
     */
    static double[] softmaxOfLogs(double[] p, double[] shift, double t) {
        double[] z = new double[p.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < p.length; c++) {
            z[c] = ((p[c] > 0 ? Math.max(LOG_FLOOR, Math.log(p[c])) : LOG_FLOOR) - (shift == null ? 0 : shift[c])) / t;
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < p.length; c++) {
            z[c] /= sum;
        }
        return z;
    }

    /**
     * The mean log-loss of {@code probabilities} scaled by {@code t} against the true classes {@code actual}, each probability
     * clipped at {@link OneVsRest#EPSILON} as the validation log-loss of {@code --select log-loss} is (a review: a true
     * class's float probability that underflowed to 0 cost 745 / T here, pulling T to its upper bound, and the "before" this
     * printed differed from the run's own validation log-loss).
     */
    public static double logLoss(double[][] probabilities, int[] actual, double t) {
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            double p = apply(probabilities[i], t)[actual[i]];
            s -= Math.log(Math.max(OneVsRest.EPSILON, p));
        }
        return s / actual.length;
    }

    /**
     * The T in [{@value #LOWEST}, {@value #HIGHEST}] that minimises {@link #logLoss}: a golden-section search on log T (the
     * log-loss is convex in 1/T, so it has one minimum there).
     *
     * @throws IllegalArgumentException without sequences
     */
    public static double fit(double[][] probabilities, int[] actual) {
        if (actual.length == 0) {
            throw new IllegalArgumentException("temperature scaling needs validation sequences: there are none");
        }
        double lo = Math.log(LOWEST);
        double hi = Math.log(HIGHEST);
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = logLoss(probabilities, actual, Math.exp(a));
        double fb = logLoss(probabilities, actual, Math.exp(b));
        while (hi - lo > 1e-6) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = logLoss(probabilities, actual, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = logLoss(probabilities, actual, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }
}
