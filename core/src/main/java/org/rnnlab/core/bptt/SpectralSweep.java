package org.rnnlab.core.bptt;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One random W_h, rescaled to several spectral radii rho: how ||dh_{T-1}/dh_t|| depends on the distance
 * d = T-1-t. For the LINEAR activation the Jacobian is exactly W_h^d, whose norm behaves like rho^d
 * (Gelfand), so it vanishes for rho &lt; 1 and explodes for rho &gt; 1 (Pascanu, Mikolov and Bengio
 * 2013). With tanh the factors diag(f'(u_j)) &lt;= 1 pull it down: a large rho drives the
 * units into saturation and the explosion is limited. Deterministic by seed.
 *
 * <p>With ReLU (or linear) units at a large radius the forward state itself can leave the double range (ReLU at radius 50
 * over 400 steps); every row of that radius then carries the step where it did ({@link Row#forwardOverflowStep()}), and
 * the Jacobian norms that could not be computed are NaN, not 0: the gradient exploded beyond doubles, it did not vanish.
 */
public final class SpectralSweep {
    private static final Logger LOG = LoggerFactory.getLogger(SpectralSweep.class);

    /** Input features of the sweep's network. */
    public static final int INPUTS = 4;

    /**
     * @param hidden     H, in [1, 1024]
     * @param length     T, in [2, 100000]
     * @param radii      spectral radii to rescale W_h to, each finite and &gt; 0, at least one
     * @param activation the non-linearity
     * @param inputScale standard deviation of the Gaussian inputs, &gt;= 0
     * @param seed       seed of W_h, the other weights and the input sequence
     */
    public record Config(int hidden, int length, List<Double> radii, RnnActivation activation, double inputScale, long seed) {
        /** The largest H the sweep takes (its eigenvalue and singular-value computations on [H, H] matrices). */
        public static final int MAX_HIDDEN = 1024;

        public Config {
            require(hidden >= 1 && hidden <= MAX_HIDDEN, "hidden must be in [1, " + MAX_HIDDEN + "], got " + hidden);
            require(length >= 2 && length <= 100_000, "length must be in [2, 100000], got " + length);
            require(radii != null && !radii.isEmpty(), "radii must hold at least one spectral radius, got " + radii);
            radii = List.copyOf(radii);
            for (double r : radii) {
                require(Double.isFinite(r) && r > 0, "radii must be finite and > 0, got " + r);
            }
            require(activation != null, "activation must be one of TANH, RELU, LINEAR, got null");
            require(Double.isFinite(inputScale) && inputScale >= 0, "inputScale must be finite and >= 0, got " + inputScale);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("SpectralSweep.Config." + message);
            }
        }

        /** H 32, T 100, radii 0.5, 0.9, 1.0, 1.1, 1.5, the given activation, unit inputs, seed 42. */
        public static Config defaults(RnnActivation activation) {
            return new Config(32, 100, List.of(0.5, 0.9, 1.0, 1.1, 1.5), activation, 1.0, 42);
        }
    }

    /**
     * One point of the sweep.
     *
     * @param spectralRadius rho(W_h) after rescaling
     * @param distance       d = T-1-t
     * @param jacobianNorm   ||dh_{T-1}/dh_t||_2 (0 where it is below the double range, far back at small radii; Infinity
     *                       where it is above it, far back at large radii)
     * @param bound          (max|f'| sigma_max(W_h))^d, 1 at d = 0; 0 or Infinity beyond the double range likewise
     * @param log10JacobianNorm log10 of jacobianNorm, exact also where the norm under- or overflows a double
     * @param log10Bound     log10 of bound, likewise
     * @param forwardOverflowStep the first step of the sweep's sequence whose forward state left the double range at this
     *                       radius (the same in every row of the radius), -1 when it stayed finite; jacobianNorm and its
     *                       log10 are then NaN where the product took f' from a NaN pre-activation
     */
    public record Row(double spectralRadius, int distance, double jacobianNorm, double bound, double log10JacobianNorm,
                      double log10Bound, int forwardOverflowStep) {
        /** The CSV header of {@link #toCsvRow()}. */
        public static final String CSV_HEADER = "spectral_radius,distance,jacobian_norm,bound,log10_jacobian_norm,log10_bound,"
                + "forward_overflow_step";

        /** A row of a radius whose forward state stayed finite. */
        public Row(double spectralRadius, int distance, double jacobianNorm, double bound, double log10JacobianNorm,
                   double log10Bound) {
            this(spectralRadius, distance, jacobianNorm, bound, log10JacobianNorm, log10Bound, -1);
        }

        /** Whether the forward state of this row's radius left the double range. */
        public boolean forwardOverflowed() {
            return forwardOverflowStep >= 0;
        }

        /** A row whose norms are within the double range (their log10 computed from them). */
        public Row(double spectralRadius, int distance, double jacobianNorm, double bound) {
            this(spectralRadius, distance, jacobianNorm, bound, Math.log10(jacobianNorm), Math.log10(bound));
        }

        /**
         * The row as CSV; a plain column whose value lies beyond the double range (it reads 0 or Infinity while its log10 is
         * finite) is left empty, its log10 column holds it (a user's try: jacobian_norm=Infinity beside a log10 of 381.2, at
         * radius 1000 over 128 steps). The last column, forward_overflow_step, is the step where the forward state left the
         * double range (its Jacobian norms then read NaN, not 0), empty where it stayed finite.
         */
        public String toCsvRow() {
            return spectralRadius + "," + distance + "," + plain(jacobianNorm, log10JacobianNorm) + "," + plain(bound, log10Bound)
                    + "," + log10JacobianNorm + "," + log10Bound + "," + (forwardOverflowed() ? Integer.toString(forwardOverflowStep) : "");
        }

        /** Whether a value given with its log10 lies beyond the range of a double (it reads 0 or Infinity). */
        public static boolean beyondDoubleRange(double value, double log10) {
            return Double.isFinite(log10) && (value == 0 || Double.isInfinite(value));
        }

        private static String plain(double value, double log10) {
            return beyondDoubleRange(value, log10) ? "" : Double.toString(value);
        }
    }

    private SpectralSweep() {
    }

    /** Runs the sweep: for every radius, rows for d = 0 .. T-1. */
    public static List<Row> run(Config c) {
        RnnParameters base = RnnParameters.random(c.hidden(), INPUTS, 2, c.seed());
        SplittableRandom rnd = new SplittableRandom(c.seed() + 1);
        double[] v = new double[INPUTS * c.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.inputScale() * Gaussian.next(rnd);
        }
        INDArray x = Nd4j.create(v, new long[] {1, INPUTS, c.length()}, DataType.DOUBLE);
        List<Row> rows = new ArrayList<>();
        for (double r : c.radii()) {
            VanillaRnn net = new VanillaRnn(base.withSpectralRadius(r), c.activation(), LossMode.LAST_STEP);
            AnalysisResult a = GradientAnalysis.analyse(net, x, 0);
            for (int d = 0; d < c.length(); d++) {
                StepAnalysis s = a.atDistance(d);
                rows.add(new Row(r, d, s.jacobianNorm(), s.bound(), s.log10JacobianNorm(), s.log10Bound(), a.forwardOverflowStep()));
            }
            if (a.forwardOverflowed()) {
                LOG.debug("spectral sweep, radius {} ({}): the forward state overflowed the double range at step {} of {}: exploding "
                        + "(its Jacobian norms beyond are NaN in the sweep, not 0)", r, c.activation(), a.forwardOverflowStep(), c.length());
            }
            LOG.debug("sweep rho={} ({}): sigma_max={}, ||J|| at d={} is {}", r, c.activation(), a.largestSingularValue(),
                    c.length() - 1, a.atDistance(c.length() - 1).jacobianNorm());
        }
        return rows;
    }
}
