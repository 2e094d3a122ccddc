package org.rnnlab.evaluation.metrics;

/**
 * The calibration slope and intercept of a class's predicted probabilities: the logistic regression of the outcome (the
 * sequence is of the class) on logit(p), {@code P(y) = sigmoid(intercept + slope * logit(p))}, fitted by Newton's method
 * (Van Calster et al. 2019, "Calibration: the Achilles heel of predictive analytics", BMC Medicine). Slope 1 and
 * intercept 0 are perfect; a slope below 1 says the probabilities are too extreme (overfitting), above 1 too timid. A trial
 * (ICU mortality, 9.5% deaths) had to compute these itself to see that a class-weighted model's probabilities, mean 0.318,
 * could not be shown to staff.
 *
 * <p>The intercept is that of the joint fit; it equals the calibration-in-the-large only where the slope is 1, which is
 * why {@link Calibration} also gives the mean predicted probability against the observed share. Probabilities are clipped to
 * [{@value #EPSILON}, 1 - {@value #EPSILON}] before the logit, as a float softmax reaches 0 and 1.
 *
 * @param slope     the coefficient of logit(p), or NaN when it cannot be fitted
 * @param intercept the constant, or NaN when it cannot be fitted
 * @param why       null when fitted; else why not (one class only, one probability only, perfectly separated)
 */
public record CalibrationSlope(double slope, double intercept, String why) {

    /** The clipping of probabilities before the logit. */
    public static final double EPSILON = 1e-15;

    private static final int MAX_ITERATIONS = 100;

    /** The fit of {@code outcome[i]} (of the class or not) on logit({@code p[i]}). */
    public static CalibrationSlope fit(boolean[] outcome, double[] p) {
        int n = outcome.length;
        long events = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            events += outcome[i] ? 1 : 0;
            x[i] = logit(p[i]);
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
        }
        if (events == 0 || events == n) {
            return new CalibrationSlope(Double.NaN, Double.NaN, events == 0 ? "no sequence of the class" : "every sequence of the class");
        }
        if (max - min < 1e-12) {
            return new CalibrationSlope(Double.NaN, Double.NaN, "every sequence has the same probability");
        }
        // complete or quasi-complete separation: every sequence of the class at or above every other one's logit (or at or
        // below): the likelihood has no maximum at a finite slope, and Newton's steps stall somewhere along the ridge (a
        // trial's 3-class model, p_fault >= 0.966 for every fault and <= 0.795 for the rest, gave slope 55.5)
        double minEvent = Double.POSITIVE_INFINITY;
        double maxEvent = Double.NEGATIVE_INFINITY;
        double minOther = Double.POSITIVE_INFINITY;
        double maxOther = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (outcome[i]) {
                minEvent = Math.min(minEvent, x[i]);
                maxEvent = Math.max(maxEvent, x[i]);
            } else {
                minOther = Math.min(minOther, x[i]);
                maxOther = Math.max(maxOther, x[i]);
            }
        }
        if (minEvent >= maxOther || maxEvent <= minOther) {
            return separated();
        }
        double a = 0; // start at perfect calibration
        double b = 1;
        double ll = logLikelihood(outcome, x, a, b);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double g0 = 0;
            double g1 = 0;
            double h00 = 0;
            double h01 = 0;
            double h11 = 0;
            for (int i = 0; i < n; i++) {
                double mu = sigmoid(a + b * x[i]);
                double r = (outcome[i] ? 1 : 0) - mu;
                double w = mu * (1 - mu);
                g0 += r;
                g1 += r * x[i];
                h00 += w;
                h01 += w * x[i];
                h11 += w * x[i] * x[i];
            }
            double det = h00 * h11 - h01 * h01;
            if (!(det > 1e-300)) {
                return separated();
            }
            double da = (h11 * g0 - h01 * g1) / det;
            double db = (h00 * g1 - h01 * g0) / det;
            // step halving keeps the log-likelihood from falling where a full Newton step overshoots
            double step = 1;
            double next = logLikelihood(outcome, x, a + da, b + db);
            while (next < ll - 1e-12 && step > 1e-6) {
                step /= 2;
                next = logLikelihood(outcome, x, a + step * da, b + step * db);
            }
            a += step * da;
            b += step * db;
            ll = next;
            if (Math.abs(a) > 1e6 || Math.abs(b) > 1e6) {
                return separated();
            }
            if (Math.abs(step * da) < 1e-10 && Math.abs(step * db) < 1e-10) {
                return new CalibrationSlope(b, a, null);
            }
        }
        return separated();
    }

    private static CalibrationSlope separated() {
        return new CalibrationSlope(Double.NaN, Double.NaN,
                "not fitted: the probabilities separate the class perfectly (no finite slope)");
    }

    /** logit(p), p clipped to [{@value #EPSILON}, 1 - {@value #EPSILON}]. */
    public static double logit(double p) {
        double q = Math.min(1 - EPSILON, Math.max(EPSILON, p));
        return Math.log(q / (1 - q));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double logLikelihood(boolean[] y, double[] x, double a, double b) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double z = a + b * x[i];
            // log sigmoid(z) and log(1 - sigmoid(z)) without overflow
            double log1pExp = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            s += y[i] ? z - log1pExp : -log1pExp;
        }
        return s;
    }
}
