package org.rnnlab.evaluation.compare;

import java.util.List;
import org.rnnlab.datasets.Sequence;

/**
 * The {@link SummaryBaseline}'s model: each sequence reduced to the mean and the standard deviation (population, over its
 * steps) of each feature, standardised with the training sequences' mean and sd of those summaries, then a multinomial
 * logistic regression with an L2 penalty. What a sequence model adds to this is what the order of the steps says: a trial
 * (79a F3) found such a regression on 8 features as good as a GRU the majority baseline made look like a clear win.
 *
 * <p>The objective is scikit-learn's {@code LogisticRegression(C=1.0)} for 3 or more classes (multinomial): the mean
 * cross-entropy over the training sequences plus {@code 1/(2n)} times the squared weights (not the biases), n training
 * sequences. It is convex, with (2f+1)k parameters for f features and k classes, so it is minimised here in plain Java on
 * {@code double[]} by L-BFGS ({@value #MEMORY} pairs, a backtracking line search) from zero weights until the largest
 * component of the gradient is below {@value #TOLERANCE} (or after {@value #MAX_ITERATIONS} iterations): no randomness
 * and a fixed order of the sums, so the same data give the same scores. Before (trial 79j F4, review 79b R3) it was 300
 * full-batch Adam steps of a DL4J network: 1.5 s for 120 sequences, 8-16 s for 20,000, uninterruptible, once per fold of
 * every train and compare, and short of the optimum on well-separated classes (weights about 10% short, test
 * probabilities up to 0.065 off scikit-learn's, one test sequence of 67 on the other side). Now the probabilities agree
 * with scikit-learn's to 1e-4 (SummaryFeaturesTest's golden cases, on separable and on weak data) and a fit takes
 * milliseconds on typical data: measured on a 2-core machine at a load average of 15, features included, 18 ms for 120
 * sequences of 8 features (3 classes, 28 evaluations of the objective) and 0.3-0.45 s for 20,000 sequences of 16 features
 * (3 classes); an ill-conditioned case, 10 classes in a row along one feature, 20,000 x 16, took 211 evaluations, 3.4 s.
 */
public final class SummaryFeatures {
    /** The largest gradient component (of the mean objective) at which the fit stops: far below what moves a probability. */
    static final double TOLERANCE = 1e-6;
    /** A bound on the iterations, so that a degenerate problem still ends (the fits measured below needed 7-211 evaluations). */
    static final int MAX_ITERATIONS = 2_000;
    /** The curvature pairs L-BFGS keeps. */
    static final int MEMORY = 30;

    private final double[] centre;
    private final double[] scale;
    /** The weights, row-major {@code d x k}, then the {@code k} biases. */
    private final double[] parameters;
    private final int classes;

    private SummaryFeatures(double[] centre, double[] scale, double[] parameters, int classes) {
        this.centre = centre;
        this.scale = scale;
        this.parameters = parameters;
        this.classes = classes;
    }

    /**
     * The summaries of one sequence: the mean of each of its {@code f} features, then their population sd, over the steps
     * whose value is a number (a NaN step is left out of that feature's two; a feature without one has 0 and 0).
     */
    public static double[] of(Sequence s) {
        int f = s.values()[0].length;
        double[] out = new double[2 * f];
        for (int j = 0; j < f; j++) {
            double sum = 0;
            int n = 0;
            for (float[] step : s.values()) {
                if (!Float.isNaN(step[j])) {
                    sum += step[j];
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            double squares = 0;
            for (float[] step : s.values()) {
                if (!Float.isNaN(step[j])) {
                    squares += (step[j] - mean) * (step[j] - mean);
                }
            }
            out[j] = mean;
            out[f + j] = n == 0 ? 0 : Math.sqrt(squares / n);
        }
        return out;
    }

    /** {@link #fit(double[][], int[], int)} on the summaries of the given training sequences. */
    public static SummaryFeatures fit(List<Sequence> train, int classes) {
        return fit(train.stream().map(SummaryFeatures::of).toArray(double[][]::new),
                train.stream().mapToInt(Sequence::label).toArray(), classes);
    }

    /**
     * The regression fitted on rows {@code x} (one per training sequence) of classes {@code y}, after standardising each
     * column with its mean and population sd over these rows (a column of one value: centred only, so 0).
     */
    public static SummaryFeatures fit(double[][] x, int[] y, int classes) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("summary-feature baseline: " + x.length + " training rows and " + y.length
                    + " labels (expected as many, at least 1)");
        }
        int d = x[0].length;
        double[] centre = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (double[] row : x) {
                sum += row[j];
            }
            centre[j] = sum / x.length;
            double squares = 0;
            for (double[] row : x) {
                squares += (row[j] - centre[j]) * (row[j] - centre[j]);
            }
            double sd = Math.sqrt(squares / x.length);
            scale[j] = sd > 1e-12 * Math.max(1, Math.abs(centre[j])) ? sd : 1;
        }
        SummaryFeatures unfitted = new SummaryFeatures(centre, scale, null, classes);
        double[][] z = unfitted.standardised(x);
        return new SummaryFeatures(centre, scale, new Objective(z, y, classes).minimise(), classes);
    }

    /** The class probabilities of each row of summaries (rows as {@link #of} gives them). */
    public double[][] probabilities(double[][] x) {
        double[][] z = standardised(x);
        double[][] out = new double[z.length][classes];
        for (int i = 0; i < z.length; i++) {
            Objective.softmax(z[i], parameters, classes, out[i]);
        }
        return out;
    }

    /** The most probable class of each sequence (the first on a tie). */
    public int[] predict(List<Sequence> sequences) {
        double[][] p = probabilities(sequences.stream().map(SummaryFeatures::of).toArray(double[][]::new));
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int c = 1; c < p[i].length; c++) {
                if (p[i][c] > p[i][out[i]]) {
                    out[i] = c;
                }
            }
        }
        return out;
    }

    private double[][] standardised(double[][] x) {
        double[][] z = new double[x.length][centre.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < centre.length; j++) {
                z[i][j] = (x[i][j] - centre[j]) / scale[j];
            }
        }
        return z;
    }

    /**
     * The mean cross-entropy of the standardised rows {@code z} plus {@code 1/(2n)} times the squared weights, and its
     * gradient, over the parameters as {@link #parameters} holds them; and its L-BFGS minimisation.
     */
    private static final class Objective {
        private final double[][] z;
        private final int[] y;
        private final int k;
        private final int d;
        private final double[] p;

        Objective(double[][] z, int[] y, int k) {
            this.z = z;
            this.y = y;
            this.k = k;
            this.d = z[0].length;
            this.p = new double[k];
        }

        /** The class probabilities of one standardised row into {@code out}, by a softmax of its logits (overflow-safe). */
        static void softmax(double[] row, double[] w, int k, double[] out) {
            int d = row.length;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double logit = w[d * k + c];
                for (int j = 0; j < d; j++) {
                    logit += row[j] * w[j * k + c];
                }
                out[c] = logit;
                max = Math.max(max, logit);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                out[c] = Math.exp(out[c] - max);
                sum += out[c];
            }
            for (int c = 0; c < k; c++) {
                out[c] /= sum;
            }
        }

        /** The objective at {@code w}, its gradient written into {@code g}. */
        double value(double[] w, double[] g) {
            int n = z.length;
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            for (int i = 0; i < n; i++) {
                softmax(z[i], w, k, p);
                loss -= Math.log(Math.max(p[y[i]], Double.MIN_NORMAL));
                p[y[i]] -= 1;
                for (int j = 0; j < d; j++) {
                    double v = z[i][j];
                    if (v != 0) {
                        for (int c = 0; c < k; c++) {
                            g[j * k + c] += v * p[c];
                        }
                    }
                }
                for (int c = 0; c < k; c++) {
                    g[d * k + c] += p[c];
                }
            }
            double squares = 0;
            for (int q = 0; q < d * k; q++) {
                squares += w[q] * w[q];
                g[q] = (g[q] + w[q]) / n;
            }
            for (int c = 0; c < k; c++) {
                g[d * k + c] /= n;
            }
            return (loss + squares / 2) / n;
        }

        /** L-BFGS from zero weights, to {@link #TOLERANCE} on the gradient's largest component. */
        double[] minimise() {
            int m = (d + 1) * k;
            double[] w = new double[m];
            double[] g = new double[m];
            double f = value(w, g);
            double[][] s = new double[MEMORY][];
            double[][] yy = new double[MEMORY][];
            double[] rho = new double[MEMORY];
            double[] alpha = new double[MEMORY];
            int stored = 0;
            int newest = -1;
            double[] next = new double[m];
            double[] nextG = new double[m];
            for (int iteration = 0; iteration < MAX_ITERATIONS && largest(g) > TOLERANCE; iteration++) {
                // the search direction: minus the inverse-Hessian estimate times the gradient (two-loop recursion)
                double[] dir = new double[m];
                for (int q = 0; q < m; q++) {
                    dir[q] = -g[q];
                }
                for (int h = 0; h < stored; h++) {
                    int at = Math.floorMod(newest - h, MEMORY);
                    alpha[at] = rho[at] * dot(s[at], dir);
                    axpy(-alpha[at], yy[at], dir);
                }
                double gamma = stored == 0 ? 1 / Math.max(1, Math.sqrt(dot(g, g)) * 10)
                        : dot(s[newest], yy[newest]) / dot(yy[newest], yy[newest]);
                for (int q = 0; q < m; q++) {
                    dir[q] *= gamma;
                }
                for (int h = stored - 1; h >= 0; h--) {
                    int at = Math.floorMod(newest - h, MEMORY);
                    double beta = rho[at] * dot(yy[at], dir);
                    axpy(alpha[at] - beta, s[at], dir);
                }
                double slope = dot(g, dir);
                if (slope >= 0) { // not a descent direction (rounding): start again from the gradient
                    stored = 0;
                    for (int q = 0; q < m; q++) {
                        dir[q] = -g[q] / Math.max(1, Math.sqrt(dot(g, g)) * 10);
                    }
                    slope = dot(g, dir);
                }
                // backtracking to a sufficient decrease (Armijo)
                double step = 1;
                double nextF = Double.NaN;
                for (int tries = 0; tries < 60; tries++) {
                    for (int q = 0; q < m; q++) {
                        next[q] = w[q] + step * dir[q];
                    }
                    nextF = value(next, nextG);
                    if (nextF <= f + 1e-4 * step * slope) {
                        break;
                    }
                    step /= 2;
                }
                if (!(nextF <= f)) { // no decrease at any step: as far as doubles go
                    break;
                }
                double[] sNew = new double[m];
                double[] yNew = new double[m];
                for (int q = 0; q < m; q++) {
                    sNew[q] = next[q] - w[q];
                    yNew[q] = nextG[q] - g[q];
                }
                double sy = dot(sNew, yNew);
                if (sy > 1e-300) { // the objective is convex, so this holds but for rounding
                    newest = (newest + 1) % MEMORY;
                    s[newest] = sNew;
                    yy[newest] = yNew;
                    rho[newest] = 1 / sy;
                    stored = Math.min(stored + 1, MEMORY);
                }
                double[] swap = w;
                w = next;
                next = swap;
                swap = g;
                g = nextG;
                nextG = swap;
                f = nextF;
            }
            return w;
        }

        private static double largest(double[] v) {
            double max = 0;
            for (double e : v) {
                max = Math.max(max, Math.abs(e));
            }
            return max;
        }

        private static double dot(double[] a, double[] b) {
            double sum = 0;
            for (int q = 0; q < a.length; q++) {
                sum += a[q] * b[q];
            }
            return sum;
        }

        private static void axpy(double a, double[] x, double[] y) {
            for (int q = 0; q < x.length; q++) {
                y[q] += a * x[q];
            }
        }
    }
}
