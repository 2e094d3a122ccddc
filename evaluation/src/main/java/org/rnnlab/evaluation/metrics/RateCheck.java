package org.rnnlab.evaluation.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a calibrated model's probabilities estimate the classes' rates on labelled data: each class's mean probability
 * against its share (an exact two-sided binomial test of the class's count against n times the mean probability) and its
 * calibration slope. A trial's model, prior-corrected and calibrated on a validation split holding one 'A' beat, gave new
 * patients a mean p_A of 0.0025 where 'A' was 0.0122 of the beats (11 of 900), with a slope of -0.50, and the only word was
 * the note that its probabilities "estimate the classes' rates" (trial 80e F6).
 *
 * <p>Thresholds, chosen to flag only what is both far and not chance: a mean probability at least {@value #RATIO} times the
 * share or at most 1/{@value #RATIO} of it, with a binomial p below {@value #ALPHA} (under calibration a class's count is a
 * sum of independent Bernoulli draws of the sequences' probabilities, whose variance is at most the binomial's of their mean:
 * the test is conservative); a calibration slope below 0 beyond chance (a higher probability of the class goes with fewer of
 * it: slope plus {@value #Z_ONE_SIDED} Wald standard errors below 0, one-sided p below {@value #ALPHA}; before, any fitted
 * slope at or below 0 was warned of, about half of the seeds of a model without signal, review 80b R1), for two classes of
 * the rarer class only (the other's is the same fit mirrored), and only where the class has {@value ScoreIntervals#FEW_SEQUENCES} or more sequences and as many of the others, so that a slope is fitted on
 * something.
 */
public final class RateCheck {
    /** How many times the share (or its inverse) a mean probability must be to be called far. */
    public static final double RATIO = 2;
    /** The binomial test's two-sided p below which the gap is not put down to chance. */
    public static final double ALPHA = 0.01;

    private RateCheck() {
    }

    /**
     * The calibration a model's card holds, for the cause {@link #warnings(List, int[], double[][], Method)} gives where the
     * rates miss on the validation split the calibration was fitted on (review 81a R1: "one temperature after the prior
     * correction" was said of a temperature alone and of a prior correction alone).
     */
    public enum Method {
        /** {@code --calibrate temperature}. */
        TEMPERATURE("one temperature scales every class alike and cannot set each class's rate"),
        /** {@code --calibrate prior}. */
        PRIOR("dividing by the training weights does not fit the rates"),
        /** {@code --calibrate prior,temperature}. */
        PRIOR_TEMPERATURE("one temperature after the prior correction cannot set each class's rate");

        private final String cause;

        Method(String cause) {
            this.cause = cause;
        }

        /** Why the calibration may not give each class's rate even on the split it was fitted on. */
        public String cause() {
            return cause;
        }

        /** The method of a calibration with ({@code prior}) or without a prior correction and with or without a temperature. */
        public static Method of(boolean prior, boolean temperature) {
            return !prior ? TEMPERATURE : temperature ? PRIOR_TEMPERATURE : PRIOR;
        }
    }

    /**
     * The warnings of {@code labels}' classes whose probabilities do not estimate their rate on sequences of true classes
     * {@code actual} with {@code probabilities[i][c]}; empty when none (or nothing scored). The data are other than the
     * validation split the calibration was fitted on, and nothing is known of the rates there.
     */
    public static List<String> warnings(List<String> labels, int[] actual, double[][] probabilities) {
        return warnings(labels, actual, probabilities, -1);
    }

    /**
     * As {@link #warnings(List, int[], double[][])} on data other than the validation split, for a model whose card says that
     * {@code offOnValidation} classes' rates already missed on that split (-1: not known). From 1 on, the warning does not
     * say the calibration "does not carry over": train found it off on the split it was fitted on (review 81a R1).
     */
    public static List<String> warnings(List<String> labels, int[] actual, double[][] probabilities, long offOnValidation) {
        return warnings(labels, actual, probabilities, offOnValidation >= 1
                ? String.format(Locale.ROOT, "the calibration already missed the rates of %d class%s on the validation split "
                + "it was fitted on (train's warning named %s; the card's %s), so the gap may not be these data's", offOnValidation,
                offOnValidation == 1 ? "" : "es", offOnValidation == 1 ? "it" : "them", OFF_ON_VALIDATION)
                : "the calibration fitted on the validation split does not carry over (that split may hold few sequences of the "
                + "class, or these data differ from it)");
    }

    /**
     * As {@link #warnings(List, int[], double[][])} on the validation split the calibration of {@code method} was fitted on,
     * where the warning cannot blame data that differ from it (trial 80h F2) and gives the method's cause instead.
     */
    public static List<String> warnings(List<String> labels, int[] actual, double[][] probabilities, Method method) {
        return warnings(labels, actual, probabilities, "these are the validation split the calibration was fitted on, and even "
                + "here it does not give the class's rate (" + method.cause() + ")");
    }

    /** The card metric that counts the classes whose rates missed on the validation split (TrainRun's CLASSES_RATE_OFF). */
    public static final String OFF_ON_VALIDATION = "validation_classes_rate_not_estimated";

    private static List<String> warnings(List<String> labels, int[] actual, double[][] probabilities, String context) {
        List<String> out = new ArrayList<>();
        int n = actual.length;
        if (n == 0 || probabilities.length != n) {
            return out;
        }
        // two classes: one slope only, the rarer class's here (the second where as many): the other's is the same fit
        // mirrored, and review 80b R1 had both warned of, word for word
        int slopeOfTwo = 1;
        if (labels.size() == 2) {
            long first = java.util.Arrays.stream(actual).filter(a -> a == 0).count();
            slopeOfTwo = first < n - first ? 0 : 1;
        }
        for (int c = 0; c < labels.size(); c++) {
            double sum = 0;
            long count = 0;
            boolean[] hit = new boolean[n];
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                score[i] = probabilities[i][c];
                hit[i] = actual[i] == c;
                sum += score[i];
                count += hit[i] ? 1 : 0;
            }
            double mean = sum / n;
            double share = (double) count / n;
            List<String> why = new ArrayList<>();
            boolean far = mean >= RATIO * share || mean <= share / RATIO; // a class absent here: any mean, judged by the test
            double p = binomialTwoSided(count, n, mean);
            if (far && p < ALPHA) {
                why.add(String.format(Locale.ROOT, "its mean probability %.4f is %s its share %.4f (%d of %d; exact binomial "
                        + "test p = %.2g)", mean, count == 0 ? "far from" : String.format(Locale.ROOT, "%.2f times", mean / share),
                        share, count, n, p));
            }
            boolean slopeOfThis = labels.size() != 2 || c == slopeOfTwo;
            if (slopeOfThis && count >= ScoreIntervals.FEW_SEQUENCES && n - count >= ScoreIntervals.FEW_SEQUENCES) {
                CalibrationSlope fit = CalibrationSlope.fit(hit, score);
                if (fit != null && fit.why() == null) {
                    double se = slopeStandardError(hit, score, fit);
                    if (Double.isFinite(se) && fit.slope() + Z_ONE_SIDED * se < 0) {
                        why.add(String.format(Locale.ROOT, "its calibration slope is %.4f (standard error %.2g: below 0 beyond "
                                + "chance, one-sided p < %s; a higher probability of it goes with fewer sequences of it)",
                                fit.slope(), se, ALPHA));
                    }
                }
            }
            if (!why.isEmpty()) {
                out.add(String.format(Locale.ROOT, "the probabilities of class %s do not estimate its rate on these data: %s; %s: "
                        + "read p_%s as a score, and choose a cut-off on labelled data like these",
                        org.rnnlab.datasets.LabelCheck.quoted(labels.get(c)), String.join(", and ", why), context, labels.get(c)));
            }
        }
        return out;
    }

    /** The one-sided normal quantile of {@link #ALPHA}: a slope is below 0 beyond chance when slope + z·SE is. */
    static final double Z_ONE_SIDED = 2.3263478740408408;

    /**
     * The Wald standard error of {@code fit}'s slope: the square root of the slope's entry in the inverse of the logistic
     * log-likelihood's information matrix at the fit; NaN where it is singular.
     */
    static double slopeStandardError(boolean[] hit, double[] score, CalibrationSlope fit) {
        double h00 = 0;
        double h01 = 0;
        double h11 = 0;
        for (int i = 0; i < hit.length; i++) {
            double x = CalibrationSlope.logit(score[i]);
            double mu = CalibrationSlope.sigmoid(fit.intercept() + fit.slope() * x);
            double w = mu * (1 - mu);
            h00 += w;
            h01 += w * x;
            h11 += w * x * x;
        }
        double det = h00 * h11 - h01 * h01;
        return det > 0 ? Math.sqrt(h00 / det) : Double.NaN;
    }

    /**
     * The two-sided exact binomial p of {@code k} successes in {@code n} trials of probability {@code p}: the summed
     * probability of every count no more likely than {@code k} (scipy's {@code binomtest}), computed in logs.
     */
    public static double binomialTwoSided(long k, long n, double p) {
        if (p <= 0) {
            return k == 0 ? 1 : 0;
        }
        if (p >= 1) {
            return k == n ? 1 : 0;
        }
        double[] log = new double[(int) n + 1];
        double logChoose = 0;
        for (int i = 0; i <= n; i++) {
            if (i > 0) {
                logChoose += Math.log((double) (n - i + 1) / i);
            }
            log[i] = logChoose + i * Math.log(p) + (n - i) * Math.log1p(-p);
        }
        double sum = 0;
        for (double l : log) {
            if (l <= log[(int) k] + FisherExact.RELATIVE_TIE) { // ties within R's relative 1e-7 count as no more likely
                sum += Math.exp(l);
            }
        }
        return Math.min(1, sum);
    }
}
