package org.rnnlab.evaluation.compare;

/**
 * The objective {@link SummaryFeatures} minimises, and its minimiser: the mean cross-entropy of a multinomial logistic
 * regression over n rows plus {@code 1/(2n)} times its squared weights (not its biases), which is scikit-learn's
 * {@code LogisticRegression(C=1.0)}. Minimised by L-BFGS in plain double arithmetic, a fixed order of operations and no
 * randomness, so the same rows give the same parameters. Its own class so that the model stays a model and this the
 * arithmetic: parameters are the weights row-major [feature][class], then one bias per class.
 */
final class LogisticObjective {
    private final double[][] z;
    private final int[] y;
    private final int classes;
    private final int d;

    private LogisticObjective(double[][] z, int[] y, int classes) {
        this.z = z;
        this.y = y;
        this.classes = classes;
        this.d = z[0].length;
    }

    /**
     * The parameters minimising the objective for rows {@code z} (standardised) of classes {@code y}, from zero; stopped
     * when no gradient component exceeds {@link SummaryFeatures#TOLERANCE}, when a step no longer lowers the objective
     * (the optimum to double precision), or after {@link SummaryFeatures#MAX_ITERATIONS}.
     */
    static double[] minimise(double[][] z, int[] y, int classes) {
        LogisticObjective f = new LogisticObjective(z, y, classes);
        int p = (f.d + 1) * classes;
        int m = SummaryFeatures.MEMORY;
        double[] w = new double[p];
        double[] g = new double[p];
        double value = f.valueAndGradient(w, g);
        double[][] s = new double[m][];
        double[][] t = new double[m][];
        double[] rho = new double[m];
        int stored = 0;
        for (int iteration = 0; iteration < SummaryFeatures.MAX_ITERATIONS && maxAbs(g) > SummaryFeatures.TOLERANCE;
                iteration++) {
            // two-loop recursion: direction = -H g, H the inverse-Hessian estimate of the stored pairs
            double[] q = g.clone();
            double[] alpha = new double[m];
            for (int k = stored - 1; k >= 0; k--) {
                alpha[k] = rho[k] * dot(s[k], q);
                axpy(-alpha[k], t[k], q);
            }
            double gamma = stored == 0 ? 1 / Math.max(1, Math.sqrt(dot(g, g))) : dot(s[stored - 1], t[stored - 1])
                    / dot(t[stored - 1], t[stored - 1]);
            for (int i = 0; i < p; i++) {
                q[i] *= gamma;
            }
            for (int k = 0; k < stored; k++) {
                double beta = rho[k] * dot(t[k], q);
                axpy(alpha[k] - beta, s[k], q);
            }
            for (int i = 0; i < p; i++) {
                q[i] = -q[i];
            }
            double slope = dot(g, q);
            if (slope >= 0) { // not a descent direction (rounding): start again from the gradient
                stored = 0;
                for (int i = 0; i < p; i++) {
                    q[i] = -g[i] / Math.max(1, Math.sqrt(dot(g, g)));
                }
                slope = dot(g, q);
            }
            // backtracking until the objective falls enough (Armijo)
            double step = 1;
            double[] next = new double[p];
            double[] nextGradient = new double[p];
            double nextValue = Double.NaN;
            boolean lowered = false;
            for (int tries = 0; tries < 60; tries++) {
                for (int i = 0; i < p; i++) {
                    next[i] = w[i] + step * q[i];
                }
                nextValue = f.valueAndGradient(next, nextGradient);
                if (nextValue <= value + 1e-4 * step * slope) {
                    lowered = true;
                    break;
                }
                step /= 2;
            }
            if (!lowered || !(nextValue < value)) {
                break; // no step lowers it any more: the optimum to the arithmetic's precision
            }
            double[] sk = new double[p];
            double[] tk = new double[p];
            for (int i = 0; i < p; i++) {
                sk[i] = next[i] - w[i];
                tk[i] = nextGradient[i] - g[i];
            }
            double st = dot(sk, tk);
            if (st > 1e-300) { // the pair keeps the estimate positive definite only when its curvature is positive
                if (stored == m) {
                    System.arraycopy(s, 1, s, 0, m - 1);
                    System.arraycopy(t, 1, t, 0, m - 1);
                    System.arraycopy(rho, 1, rho, 0, m - 1);
                    stored--;
                }
                s[stored] = sk;
                t[stored] = tk;
                rho[stored] = 1 / st;
                stored++;
            }
            w = next;
            g = nextGradient;
            value = nextValue;
        }
        return w;
    }

    /** The class probabilities of one standardised row under parameters {@code w}. */
    static double[] softmax(double[] w, double[] row, int classes) {
        int d = row.length;
        double[] out = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double a = w[d * classes + c];
            for (int j = 0; j < d; j++) {
                a += row[j] * w[j * classes + c];
            }
            out[c] = a;
            max = Math.max(max, a);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
        return out;
    }

    /** The objective at {@code w}, its gradient written into {@code gradient}. */
    private double valueAndGradient(double[] w, double[] gradient) {
        int n = z.length;
        java.util.Arrays.fill(gradient, 0);
        double value = 0;
        for (int i = 0; i < n; i++) {
            double[] prob = softmax(w, z[i], classes);
            value -= Math.log(Math.max(prob[y[i]], Double.MIN_NORMAL));
            for (int c = 0; c < classes; c++) {
                double r = (prob[c] - (c == y[i] ? 1 : 0)) / n;
                for (int j = 0; j < d; j++) {
                    gradient[j * classes + c] += r * z[i][j];
                }
                gradient[d * classes + c] += r;
            }
        }
        value /= n;
        for (int k = 0; k < d * classes; k++) {
            value += w[k] * w[k] / (2.0 * n);
            gradient[k] += w[k] / n;
        }
        return value;
    }

    private static double maxAbs(double[] v) {
        double out = 0;
        for (double x : v) {
            out = Math.max(out, Math.abs(x));
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double out = 0;
        for (int i = 0; i < a.length; i++) {
            out += a[i] * b[i];
        }
        return out;
    }

    private static void axpy(double a, double[] x, double[] into) {
        for (int i = 0; i < x.length; i++) {
            into[i] += a * x[i];
        }
    }
}
