package org.rnnlab.core.bptt;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * tanh saturation: the same tanh network (W_h at a fixed spectral radius) reads the same input sequence
 * multiplied by growing scales. Larger inputs push the pre-activations u_t into the flat tails of tanh,
 * where f'(u) = 1 - tanh(u)^2 is near 0; each Jacobian factor diag(f'(u_j)) W_h then shrinks and the
 * gradient decays faster with distance, even though W_h is unchanged (Pascanu, Mikolov and Bengio 2013;
 * Bengio et al. 1994). Deterministic by seed.
 */
public final class SaturationExperiment {

    /** Input features of the experiment's network. */
    public static final int INPUTS = 4;
    /** |f'(u)| below this counts as saturated. */
    public static final double SATURATED_BELOW = 0.1;

    /**
     * @param hidden         H, in [1, 1024]
     * @param length         T, in [2, 100000]
     * @param spectralRadius rho(W_h), finite and &gt; 0
     * @param inputScales    multipliers of the unit-variance inputs, each finite and &gt;= 0, at least one
     * @param seed           seed of the weights and inputs
     */
    public record Config(int hidden, int length, double spectralRadius, List<Double> inputScales, long seed) {
        public Config {
            require(hidden >= 1 && hidden <= 1024, "hidden must be in [1, 1024], got " + hidden);
            require(length >= 2 && length <= 100_000, "length must be in [2, 100000], got " + length);
            require(Double.isFinite(spectralRadius) && spectralRadius > 0, "spectralRadius must be finite and > 0, got " + spectralRadius);
            require(inputScales != null && !inputScales.isEmpty(), "inputScales must hold at least one scale, got " + inputScales);
            inputScales = List.copyOf(inputScales);
            for (double s : inputScales) {
                require(Double.isFinite(s) && s >= 0, "inputScales must be finite and >= 0, got " + s);
            }
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("SaturationExperiment.Config." + message);
            }
        }

        /** H 32, T 50, rho 1.0, scales 0.1, 0.5, 1, 2, 5, 10, seed 42. */
        public static Config defaults() {
            return new Config(32, 50, 1.0, List.of(0.1, 0.5, 1.0, 2.0, 5.0, 10.0), 42);
        }
    }

    /**
     * One input scale.
     *
     * @param inputScale           the multiplier of the inputs
     * @param meanAbsPreActivation mean |u_{t,i}| over steps and units
     * @param meanDerivative       mean f'(u_{t,i}) over steps and units
     * @param saturatedFraction    fraction of (t, i) with f'(u) &lt; {@link #SATURATED_BELOW}
     * @param distance             d = T-1, the longest distance
     * @param jacobianNorm         ||dh_{T-1}/dh_0||_2
     * @param decayPerStep         jacobianNorm^(1/d): the geometric mean shrink factor per step
     */
    public record Row(double inputScale, double meanAbsPreActivation, double meanDerivative, double saturatedFraction,
                      int distance, double jacobianNorm, double decayPerStep) {
        /** The CSV header of {@link #toCsvRow()}. */
        public static final String CSV_HEADER =
                "input_scale,mean_abs_preactivation,mean_derivative,saturated_fraction,distance,jacobian_norm,decay_per_step";

        public String toCsvRow() {
            return inputScale + "," + meanAbsPreActivation + "," + meanDerivative + "," + saturatedFraction + ","
                    + distance + "," + jacobianNorm + "," + decayPerStep;
        }
    }

    private SaturationExperiment() {
    }

    public static List<Row> run(Config c) {
        RnnParameters p = RnnParameters.random(c.hidden(), INPUTS, 2, c.seed()).withSpectralRadius(c.spectralRadius());
        VanillaRnn net = new VanillaRnn(p, RnnActivation.TANH, LossMode.LAST_STEP);
        SplittableRandom rnd = new SplittableRandom(c.seed() + 1);
        double[] v = new double[INPUTS * c.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Gaussian.next(rnd);
        }
        INDArray unit = Nd4j.create(v, new long[] {1, INPUTS, c.length()}, DataType.DOUBLE);
        List<Row> rows = new ArrayList<>();
        int d = c.length() - 1;
        for (double s : c.inputScales()) {
            INDArray x = unit.mul(s);
            ForwardPass f = net.forward(x);
            INDArray fp = RnnActivation.TANH.derivative(f.preActivations(), f.hidden());
            double meanAbsU = f.preActivations().ameanNumber().doubleValue();
            double meanFp = fp.meanNumber().doubleValue();
            double saturated = fp.lt(SATURATED_BELOW).castTo(DataType.DOUBLE).meanNumber().doubleValue();
            StepAnalysis far = GradientAnalysis.analyse(net, x, 0).atDistance(d);
            rows.add(new Row(s, meanAbsU, meanFp, saturated, d, far.jacobianNorm(), Math.pow(10, far.log10JacobianNorm() / d)));
        }
        return rows;
    }
}
