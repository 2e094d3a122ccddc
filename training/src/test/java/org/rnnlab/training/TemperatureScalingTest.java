package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TemperatureScaling}: the T that generated the labels is found again, a calibrated model keeps T near 1, and
 * applying T to probabilities is the softmax of the logits divided by T.
 */
class TemperatureScalingTest {

    private static double[] softmax(double[] z, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v / t);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] / t - max);
            sum += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** 20000 sequences of 3 classes, logits N(0, 3^2), labels drawn from softmax(z / t0); the model says softmax(z). */
    private static double fitted(double t0, long seed) {
        Random random = new Random(seed);
        int n = 20000;
        double[][] p = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double[] z = {3 * random.nextGaussian(), 3 * random.nextGaussian(), 3 * random.nextGaussian()};
            p[i] = softmax(z, 1);
            double[] truth = softmax(z, t0);
            double u = random.nextDouble();
            y[i] = u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2;
        }
        double t = TemperatureScaling.fit(p, y);
        // the fit is the minimum: a little either side is worse
        assertThat(TemperatureScaling.logLoss(p, y, t)).isLessThan(TemperatureScaling.logLoss(p, y, t * 1.05))
                .isLessThan(TemperatureScaling.logLoss(p, y, t / 1.05))
                .isLessThanOrEqualTo(TemperatureScaling.logLoss(p, y, 1));
        return t;
    }

    @Test
    void anOverConfidentModelGetsTheTemperatureThatMadeItsLabels() {
        assertThat(fitted(2.5, 3)).isCloseTo(2.5, within(0.15));
        assertThat(fitted(0.5, 4)).isCloseTo(0.5, within(0.05));
    }

    @Test
    void aCalibratedModelKeepsATemperatureNearOne() {
        assertThat(fitted(1, 5)).isCloseTo(1, within(0.06));
    }

    @Test
    void applyingItIsTheSoftmaxOfTheLogitsOverT() {
        double[] z = {2.0, -1.0, 0.5};
        double[] p = softmax(z, 1);
        double[] scaled = TemperatureScaling.apply(p, 1.7);
        double[] expected = softmax(z, 1.7);
        for (int c = 0; c < 3; c++) {
            assertThat(scaled[c]).isCloseTo(expected[c], within(1e-12));
        }
        assertThat(TemperatureScaling.apply(p, 1)).isSameAs(p);
        // a probability that underflowed to 0 stays 0, and the others still sum to 1
        double[] saturated = TemperatureScaling.apply(new double[] {0.0, 1.0}, 2);
        assertThat(saturated[1]).isCloseTo(1, within(1e-12));
    }
}
