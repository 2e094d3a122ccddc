package org.rnnlab.core.bptt;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spectral quantities of small dense matrices, without a full SVD or eigen-decomposition:
 * <ul>
 *   <li>the spectral radius rho(A) = max |lambda_i| by Gelfand's formula rho(A) = lim ||A^n||^(1/n),
 *       with n = 2^m reached by m repeated squarings, renormalised at every squaring so nothing
 *       over- or underflows;</li>
 *   <li>the spectral norm sigma_max(A) = ||A||_2 by power iteration on A A^T, which can be warm-started
 *       from the previous left singular vector (used by {@link GradientAnalysis} along a product of
 *       matrices, whose leading singular direction changes slowly).</li>
 * </ul>
 * Matrices are row-major {@code double[]} unless they are INDArrays.
 */
public final class Spectral {

    /** Repeated squarings for the spectral radius: n = 2^40, so a constant c in ||A^n|| ~ c rho^n costs c^(1/n) - 1 ~ 1e-12 ln c. */
    static final int SQUARINGS = 40;

    private Spectral() {
    }

    /** Spectral radius (largest |eigenvalue|) of a square row-major matrix. */
    public static double spectralRadius(double[] a, int n) {
        if (a.length != n * n) {
            throw new IllegalArgumentException("a must hold n*n = " + (n * n) + " values, got " + a.length);
        }
        INDArray m = Nd4j.create(a.clone(), new long[] {n, n}, DataType.DOUBLE);
        double logRho = 0; // log ||A^(2^k)||_F / 2^k so far
        double weight = 1.0;
        for (int k = 0; k <= SQUARINGS; k++) {
            double f = m.norm2Number().doubleValue();
            if (f == 0 || !Double.isFinite(f)) {
                return f == 0 ? 0.0 : Double.NaN;
            }
            m.divi(f);
            logRho += Math.log(f) * weight;
            if (k < SQUARINGS) {
                m = m.mmul(m);
                weight /= 2;
            }
        }
        return Math.exp(logRho);
    }

    /** Largest singular value of a row-major [rows, cols] matrix, by power iteration from a fixed start to full convergence. */
    public static double spectralNorm(double[] a, int rows, int cols) {
        double[] u = new double[rows];
        // A start with components along every direction (no exact orthogonality to the top vector).
        for (int i = 0; i < rows; i++) {
            u[i] = 1.0 + 0.1 * Math.sin(1.0 + 7.0 * i);
        }
        return new PowerIteration(rows, cols).sigma(a, u, 1e-14, 10_000);
    }

    /** Largest singular value of a 2-d INDArray, by {@link #spectralNorm(double[], int, int)}. */
    public static double spectralNorm(INDArray a) {
        INDArray c = a.castTo(DataType.DOUBLE).dup('c');
        return spectralNorm(c.data().asDouble(), (int) c.rows(), (int) c.columns());
    }

    /**
     * Power iteration for the top singular value of a [rows, cols] row-major matrix, with work arrays
     * reused between calls. Each iteration: w = A^T u, v = A w, estimate ||A w|| / ||w|| (a lower bound
     * of sigma_max that increases towards it), u = v / ||v||.
     */
    public static final class PowerIteration {
        private final int rows;
        private final int cols;
        private final double[] w;
        private final double[] v;
        private int lastIterations;

        public PowerIteration(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.w = new double[cols];
            this.v = new double[rows];
        }

        /** Iterations used by the last call. */
        public int lastIterations() {
            return lastIterations;
        }

        /**
         * sigma_max(A), starting from (and updating in place) the left vector {@code u}.
         *
         * @param a        row-major [rows, cols]
         * @param u        start vector of length rows (any non-zero vector; overwritten with the converged left vector)
         * @param tol      stop when the estimate changes by less than tol (relative)
         * @param maxIters upper limit of iterations
         */
        public double sigma(double[] a, double[] u, double tol, int maxIters) {
            return sigma(a, 0, u, tol, maxIters);
        }

        /** As {@link #sigma(double[], double[], double, int)} for the matrix stored from {@code offset} in {@code a}. */
        public double sigma(double[] a, int offset, double[] u, double tol, int maxIters) {
            double nu = norm(u, rows);
            if (nu == 0 || !Double.isFinite(nu)) {
                Arrays.fill(u, 1.0);
                nu = Math.sqrt(rows);
            }
            scale(u, rows, 1.0 / nu);
            double est = 0;
            int it = 0;
            while (it < maxIters) {
                it++;
                // w = A^T u  (axpy over the rows of A)
                Arrays.fill(w, 0.0);
                for (int i = 0; i < rows; i++) {
                    double ui = u[i];
                    if (ui != 0) {
                        int off = offset + i * cols;
                        for (int j = 0; j < cols; j++) {
                            w[j] += ui * a[off + j];
                        }
                    }
                }
                double nw = norm(w, cols);
                if (nw == 0) {
                    // u is in the left null space; with a generic start this means A = 0 on our subspace.
                    if (allZero(a, offset, rows * cols)) {
                        lastIterations = it;
                        return 0.0;
                    }
                    for (int i = 0; i < rows; i++) {
                        u[i] = 1.0 + 0.1 * Math.sin(3.0 + 5.0 * i);
                    }
                    scale(u, rows, 1.0 / norm(u, rows));
                    continue;
                }
                // v = A w  (dot products with 4 accumulators)
                for (int i = 0; i < rows; i++) {
                    int off = offset + i * cols;
                    double s0 = 0;
                    double s1 = 0;
                    double s2 = 0;
                    double s3 = 0;
                    int j = 0;
                    for (; j + 3 < cols; j += 4) {
                        s0 += a[off + j] * w[j];
                        s1 += a[off + j + 1] * w[j + 1];
                        s2 += a[off + j + 2] * w[j + 2];
                        s3 += a[off + j + 3] * w[j + 3];
                    }
                    for (; j < cols; j++) {
                        s0 += a[off + j] * w[j];
                    }
                    v[i] = (s0 + s1) + (s2 + s3);
                }
                double nv = norm(v, rows);
                double next = nv / nw;
                for (int i = 0; i < rows; i++) {
                    u[i] = v[i] / nv;
                }
                boolean done = Math.abs(next - est) <= tol * next;
                est = next;
                if (done) {
                    break;
                }
            }
            lastIterations = it;
            return est;
        }

        /**
         * As {@link #sigma(double[], int, double[], double, int)} for a square matrix whose transpose is also
         * given (row-major, {@code at[j * n + i] = a[offset + i * n + j]}): both passes are then
         * row-by-row axpy loops, which the JIT vectorises, instead of one axpy and one dot-product pass.
         */
        public double sigmaSquare(double[] a, int offset, double[] at, double[] u, double tol, int maxIters) {
            if (rows != cols) {
                throw new IllegalStateException("sigmaSquare needs a square matrix, this iteration is " + rows + " x " + cols);
            }
            int n = rows;
            double nu = norm(u, n);
            if (nu == 0 || !Double.isFinite(nu)) {
                Arrays.fill(u, 1.0);
                nu = Math.sqrt(n);
            }
            scale(u, n, 1.0 / nu);
            double est = 0;
            int it = 0;
            while (it < maxIters) {
                it++;
                axpyRows(a, offset, u, w, n); // w = A^T u
                double nw = norm(w, n);
                if (nw == 0) {
                    lastIterations = it;
                    return sigma(a, offset, u, tol, maxIters); // degenerate start: the general routine handles it
                }
                axpyRows(at, 0, w, v, n); // v = (A^T)^T w = A w
                double nv = norm(v, n);
                double next = nv / nw;
                for (int i = 0; i < n; i++) {
                    u[i] = v[i] / nv;
                }
                boolean done = Math.abs(next - est) <= tol * next;
                est = next;
                if (done) {
                    break;
                }
            }
            lastIterations = it;
            return est;
        }

        /** out = M^T x for a row-major n x n matrix M stored from {@code offset}: sum over rows i of x[i] M[i, :]. */
        private static void axpyRows(double[] m, int offset, double[] x, double[] out, int n) {
            Arrays.fill(out, 0, n, 0.0);
            for (int i = 0; i < n; i++) {
                double xi = x[i];
                if (xi != 0) {
                    int off = offset + i * n;
                    for (int j = 0; j < n; j++) {
                        out[j] += xi * m[off + j];
                    }
                }
            }
        }

        private static boolean allZero(double[] a, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (a[i] != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    static double norm(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s);
    }

    static void scale(double[] x, int n, double f) {
        for (int i = 0; i < n; i++) {
            x[i] *= f;
        }
    }
}
