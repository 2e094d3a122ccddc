package org.rnnlab.core.bptt;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the BPTT gradient of a {@link VanillaRnn} apart for one input sequence, step by step.
 *
 * <p>For every t, with d = T-1-t, it reports ||dL/dh_t||, the Jacobian product
 * <pre>
 *   J_t = dh_{T-1}/dh_t = prod_{j=t+1}^{T-1} diag(f'(u_j)) W_h      (J_{T-1} = I)
 * </pre>
 * and its spectral norm, its two factors separately (||W_h^d||_2 and the element-wise product of the
 * activation derivatives prod_j f'(u_j)), the bound ||J_t|| &lt;= (max|f'| sigma_max(W_h))^d of Pascanu,
 * Mikolov and Bengio (2013; Bengio, Simard and Frasconi 1994 for the vanishing case; the per-step bound itself goes
 * back to Hochreiter 1991 and Hochreiter, Bengio, Frasconi and Schmidhuber 2001, "Gradient flow in recurrent nets") and the size
 * of step t's term delta_t h_{t-1}^T in dL/dW_h, i.e. how much the weight update listens to step t.
 *
 * <p>The forward pass and BPTT of the one sequence are recomputed here in plain Java on double[]
 * (the same equations as {@link VanillaRnn}, which the tests check against): at batch 1 the per-call
 * overhead of ND4J made {@link VanillaRnn#lossAndGradients} take seconds at T = 1000, this takes
 * milliseconds.
 *
 * <p>Cost: the products are built incrementally, J_t = J_{t+1} diag(f'(u_{t+1})) W_h and
 * W_h^{d+1} = W_h^d W_h, both in one BLAS call per step (2 T H^3 multiply-adds in all; at H = 128 this
 * measured about 3x faster than a vectorised plain-Java loop); each is
 * renormalised by its norm, with the logarithm of the scale carried along, so nothing underflows at
 * T = 1000. Spectral norms come from power iteration warm-started from the previous step's left
 * singular vector (the leading left direction of a product that grows on the right converges, so few
 * iterations are needed), not from an SVD per step. The power-iteration estimate approaches sigma_max
 * from below; {@link #DEFAULT_TOLERANCE} is its relative stopping tolerance.
 *
 * <p>A forward state that leaves the double range (ReLU or linear units at a large spectral radius: a user's try, ReLU
 * at radius 50 over 400 steps) is reported as such, {@link AnalysisResult#forwardOverflowStep()}: past it W_h times
 * Infinity gives NaN, and the Jacobian rows that take f' from a NaN pre-activation are NaN (see {@link RnnActivation#RELU}),
 * never an exact 0 that would read as a vanished gradient.
 */
public final class GradientAnalysis {
    private static final Logger LOG = LoggerFactory.getLogger(GradientAnalysis.class);

    /** Relative change of the power-iteration estimate at which it stops. */
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** Upper limit of power iterations per matrix. */
    public static final int MAX_ITERATIONS = 2_000;

    private GradientAnalysis() {
    }

    /**
     * Analyses one sequence.
     *
     * @param net    the network (its loss mode decides where the loss is; the Jacobians are always to the last step)
     * @param x      one input sequence [1, D, T] (or [D, T])
     * @param labels one-hot labels in the layout {@link VanillaRnn#lossAndGradients} expects, batch 1
     */
    public static AnalysisResult analyse(VanillaRnn net, INDArray x, INDArray labels) {
        INDArray x3 = x.rank() == 2 ? x.reshape(1, x.size(0), x.size(1)) : x;
        if (x3.rank() != 3 || x3.size(0) != 1) {
            throw new IllegalArgumentException("x must be one sequence [1, D, T] or [D, T], got " + Arrays.toString(x.shape()));
        }
        INDArray y = labels;
        if (net.lossMode() == LossMode.LAST_STEP && labels.rank() == 1) {
            y = labels.reshape(1, labels.length());
        }
        int hidden = net.params().hidden();
        int steps = (int) x3.size(2);
        RnnActivation act = net.activation();
        SingleSequence r = SingleSequence.run(net, x3, y);
        double[][] fprime = r.fprime;
        double[][] hs = r.h;
        double[][] dh = r.dh;
        double[][] du = r.du;

        double[] whRowMajor = net.params().recurrentRowMajor();
        double rho = Spectral.spectralRadius(whRowMajor, hidden);
        // sigma_max of W_h / max|W_h|, then scaled back in log10: a user's try, --spectral-radius 1e-300, squared entries of
        // 1e-600 in the power iteration and got sigma 0, so the bound's log10 was -Infinity at d > 0 and NaN (0 * -Infinity) at d = 0
        double largest = 0;
        for (double w : whRowMajor) {
            largest = Math.max(largest, Math.abs(w));
        }
        double log10Sigma = Double.NEGATIVE_INFINITY;
        double sigma = 0;
        if (largest > 0 && Double.isFinite(largest)) {
            double[] scaled = new double[whRowMajor.length];
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = whRowMajor[i] / largest;
            }
            double unit = Spectral.spectralNorm(scaled, hidden, hidden);
            double product = unit * largest;
            sigma = product;
            log10Sigma = product > Double.MIN_NORMAL && Double.isFinite(product) ? Math.log10(product)
                    : Math.log10(unit) + Math.log10(largest);
        } else if (!Double.isFinite(largest)) {
            log10Sigma = Double.NaN;
            sigma = Double.NaN;
        }
        double log10Base = Math.log10(act.maxDerivative()) + log10Sigma;

        StepAnalysis[] rows = new StepAnalysis[steps];
        Products products = new Products(net.params().wh(), hidden);
        double[] actProduct = new double[hidden];
        Arrays.fill(actProduct, 1.0);
        for (int t = steps - 1; t >= 0; t--) {
            int d = steps - 1 - t;
            if (d > 0) {
                products.step(fprime[t + 1]);
                for (int i = 0; i < hidden; i++) {
                    actProduct[i] *= fprime[t + 1][i];
                }
            }
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            double sum = 0;
            for (double v : actProduct) {
                max = Math.max(max, v);
                min = Math.min(min, v);
                sum += v;
            }
            double contribution = t == 0 ? 0.0 : Spectral.norm(du[t], hidden) * Spectral.norm(hs[t - 1], hidden);
            double log10Bound = d == 0 ? 0 : d * log10Base; // the empty product: 1 (d * log10Base is NaN when log10Base is infinite)
            rows[t] = new StepAnalysis(t, d, Spectral.norm(dh[t], hidden),
                    Math.pow(10, products.log10Jacobian), products.log10Jacobian,
                    Math.pow(10, products.log10Power), products.log10Power,
                    max, min, sum / hidden, Math.pow(10, log10Bound), log10Bound, contribution);
        }
        LOG.debug("analysed T={} H={} ({}): rho={} sigma_max={}, mean power iterations {}", steps, hidden, act, rho, sigma,
                products.meanIterations());
        if (r.overflowStep >= 0) {
            LOG.debug("the forward state left the double range at step {} of {} ({}, rho={})", r.overflowStep, steps, act, rho);
        }
        return new AnalysisResult(act, hidden, steps, r.loss, rho, sigma, List.of(rows), r.overflowStep);
    }

    /** Convenience for {@link LossMode#LAST_STEP}: the class index of the sequence instead of a one-hot row. */
    public static AnalysisResult analyse(VanillaRnn net, INDArray x, int label) {
        int c = net.params().classes();
        if (label < 0 || label >= c) {
            throw new IllegalArgumentException("label must be in [0, " + (c - 1) + "], got " + label);
        }
        if (net.lossMode() != LossMode.LAST_STEP) {
            throw new IllegalArgumentException("a single label needs LossMode.LAST_STEP, the network has " + net.lossMode());
        }
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 1, c);
        y.putScalar(0, label, 1.0);
        return analyse(net, x, y);
    }

    /** Forward pass and BPTT of one sequence in plain Java, with the per-step arrays the analysis needs. */
    private static final class SingleSequence {
        double loss;
        double[][] fprime;
        double[][] h;
        double[][] dh;
        double[][] du;
        /** The first step whose pre-activation or state is not finite, -1 for none. */
        int overflowStep = -1;

        static SingleSequence run(VanillaRnn net, INDArray x3, INDArray labels) {
            RnnParameters p = net.params();
            int n = p.hidden();
            int dIn = p.inputs();
            int c = p.classes();
            int steps = (int) x3.size(2);
            if (x3.size(1) != dIn) {
                throw new IllegalArgumentException("x must have D=" + dIn + " features, got " + Arrays.toString(x3.shape()));
            }
            boolean every = net.lossMode() == LossMode.EVERY_STEP;
            long[] expected = every ? new long[] {1, c, steps} : new long[] {1, c};
            if (!Arrays.equals(labels.shape(), expected)) {
                throw new IllegalArgumentException("labels must be one-hot " + Arrays.toString(expected) + " for "
                        + net.lossMode() + ", got " + Arrays.toString(labels.shape()));
            }
            double[][] y = every ? labels.castTo(DataType.DOUBLE).reshape(c, steps).transpose().dup('c').toDoubleMatrix()
                    : new double[][] {labels.castTo(DataType.DOUBLE).reshape(c).toDoubleVector()};
            double[] wh = p.recurrentRowMajor();
            double[] wx = p.wx().dup('c').data().asDouble();
            double[] b = p.b().toDoubleVector();
            double[] wy = p.wy().dup('c').data().asDouble();
            double[] by = p.by().toDoubleVector();
            double[][] xs = x3.castTo(DataType.DOUBLE).reshape(dIn, steps).transpose().dup('c').toDoubleMatrix();
            RnnActivation act = net.activation();

            SingleSequence s = new SingleSequence();
            double[][] u = new double[steps][n];
            s.h = new double[steps][n];
            s.fprime = new double[steps][n];
            double[][] probs = new double[steps][];
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < n; i++) {
                    double v = b[i];
                    int row = i * n;
                    if (t > 0) {
                        double[] hp = s.h[t - 1];
                        for (int j = 0; j < n; j++) {
                            v += wh[row + j] * hp[j];
                        }
                    }
                    int rowx = i * dIn;
                    for (int j = 0; j < dIn; j++) {
                        v += wx[rowx + j] * xs[t][j];
                    }
                    u[t][i] = v;
                    s.h[t][i] = act.apply(v);
                    s.fprime[t][i] = act.derivative(v);
                    if (s.overflowStep < 0 && !(Double.isFinite(v) && Double.isFinite(s.h[t][i]))) {
                        s.overflowStep = t;
                    }
                }
                if (every || t == steps - 1) {
                    double[] z = new double[c];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < c; k++) {
                        double v = by[k];
                        for (int j = 0; j < n; j++) {
                            v += wy[k * n + j] * s.h[t][j];
                        }
                        z[k] = v;
                        max = Math.max(max, v);
                    }
                    double sum = 0;
                    for (int k = 0; k < c; k++) {
                        sum += Math.exp(z[k] - max);
                    }
                    double logSum = max + Math.log(sum);
                    double[] yt = every ? y[t] : y[0];
                    probs[t] = new double[c];
                    for (int k = 0; k < c; k++) {
                        probs[t][k] = Math.exp(z[k] - logSum);
                        s.loss -= yt[k] * (z[k] - logSum);
                    }
                }
            }
            s.dh = new double[steps][n];
            s.du = new double[steps][n];
            for (int t = steps - 1; t >= 0; t--) {
                double[] g = s.dh[t];
                if (t < steps - 1) {
                    double[] next = s.du[t + 1];
                    for (int i = 0; i < n; i++) {
                        double ni = next[i];
                        int row = i * n;
                        for (int j = 0; j < n; j++) {
                            g[j] += wh[row + j] * ni;
                        }
                    }
                }
                if (probs[t] != null) {
                    double[] yt = every ? y[t] : y[0];
                    for (int k = 0; k < c; k++) {
                        double dz = probs[t][k] - yt[k];
                        for (int j = 0; j < n; j++) {
                            g[j] += wy[k * n + j] * dz;
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    s.du[t][i] = g[i] * s.fprime[t][i];
                }
            }
            return s;
        }
    }

    /**
     * The two running products J (Jacobian) and P = W_h^d, stacked as one [2H, H] row-major matrix
     * [J; P] so that one BLAS call, [J diag(f'); P] W_h, advances both. The stack lives in a Java
     * double[] (power iteration and renormalisation run there) and is copied in and out of the ND4J
     * buffers with one memcpy each. Each half is divided by its spectral norm after every step and the
     * log10 of that scale is accumulated.
     */
    private static final class Products {
        private final INDArray wh;
        private final int n;
        private final double[] stack;
        private final double[] transposed;
        private final INDArray in;
        private final INDArray out;
        private final DoublePointer inPtr;
        private final DoublePointer outPtr;
        double log10Jacobian = 0;
        double log10Power = 0;
        private final double[] uJac;
        private final double[] uPow;
        private final Spectral.PowerIteration power;
        private long iterations;
        private long calls;

        Products(INDArray wh, int n) {
            this.wh = wh.castTo(DataType.DOUBLE).dup('c');
            this.n = n;
            this.stack = new double[2 * n * n];
            this.transposed = new double[n * n];
            for (int i = 0; i < n; i++) {
                stack[i * n + i] = 1.0;
                stack[n * n + i * n + i] = 1.0;
            }
            this.in = Nd4j.create(DataType.DOUBLE, new long[] {2L * n, n}, 'c');
            this.out = Nd4j.create(DataType.DOUBLE, new long[] {2L * n, n}, 'c');
            // Fast path: copy through the host pointers of the CPU backend; elsewhere go through ND4J's API.
            boolean cpu = Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");
            this.inPtr = cpu && in.data().pointer() instanceof DoublePointer p ? p : null;
            this.outPtr = cpu && out.data().pointer() instanceof DoublePointer p ? p : null;
            this.uJac = start(n);
            this.uPow = start(n);
            this.power = new Spectral.PowerIteration(n, n);
        }

        private static double[] start(int n) {
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = 1.0 + 0.1 * Math.sin(1.0 + 7.0 * i);
            }
            return u;
        }

        /** Appends diag(fp) W_h to the Jacobian and W_h to the power. */
        void step(double[] fp) {
            for (int i = 0; i < n; i++) {
                int off = i * n;
                for (int k = 0; k < n; k++) {
                    stack[off + k] *= fp[k];
                }
            }
            if (inPtr != null && outPtr != null) {
                inPtr.position(0).put(stack);
                Nd4j.gemm(in, wh, out, false, false, 1.0, 0.0);
                outPtr.position(0).get(stack);
            } else {
                INDArray product = Nd4j.create(stack, new long[] {2L * n, n}, DataType.DOUBLE).mmul(wh);
                System.arraycopy(product.dup('c').data().asDouble(), 0, stack, 0, stack.length);
            }
            if (log10Jacobian != Double.NEGATIVE_INFINITY) {
                log10Jacobian = renormalise(0, uJac, log10Jacobian);
            }
            if (log10Power != Double.NEGATIVE_INFINITY) {
                log10Power = renormalise(n * n, uPow, log10Power);
            }
        }

        private double renormalise(int offset, double[] u, double log10Scale) {
            // entries far from 1 are brought to a largest |entry| of 1 first: the power iteration squares them (a user's try,
            // radius 1e-300: entries of 1e-301 squared to 0 and the Jacobian's log10 read -Infinity after one step); within
            // 1e-100..1e100 nothing changes, so ordinary sweeps keep their values to the last bit
            double largest = 0;
            for (int i = offset; i < offset + n * n; i++) {
                largest = Math.max(largest, Math.abs(stack[i]));
            }
            if (largest > 0 && Double.isFinite(largest) && (largest < 1e-100 || largest > 1e100)) {
                double inv = 1.0 / largest;
                for (int i = offset; i < offset + n * n; i++) {
                    stack[i] = Double.isFinite(inv) ? stack[i] * inv : stack[i] / largest;
                }
                log10Scale += Math.log10(largest);
            }
            // blocked transpose of this half, so both power-iteration passes vectorise
            for (int ib = 0; ib < n; ib += 32) {
                for (int jb = 0; jb < n; jb += 32) {
                    int iEnd = Math.min(n, ib + 32);
                    int jEnd = Math.min(n, jb + 32);
                    for (int i = ib; i < iEnd; i++) {
                        int row = offset + i * n;
                        for (int j = jb; j < jEnd; j++) {
                            transposed[j * n + i] = stack[row + j];
                        }
                    }
                }
            }
            double s = power.sigmaSquare(stack, offset, transposed, u, DEFAULT_TOLERANCE, MAX_ITERATIONS);
            iterations += power.lastIterations();
            calls++;
            if (s == 0 || !Double.isFinite(s)) {
                return s == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
            }
            double inv = 1.0 / s;
            for (int i = offset; i < offset + n * n; i++) {
                stack[i] *= inv;
            }
            return log10Scale + Math.log10(s);
        }

        double meanIterations() {
            return calls == 0 ? 0 : (double) iterations / calls;
        }
    }
}
