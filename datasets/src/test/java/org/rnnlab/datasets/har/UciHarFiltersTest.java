package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The median and Butterworth filters of the UCI HAR pre-processing. */
class UciHarFiltersTest {
    private static final double FS = 50.0;

    private static double[] signal(int n, IntToDoubleFunction f) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = f.applyAsDouble(i);
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(HarFilters.Phase.class)
    void gravityLowPassOfConstantPlusFastSinusoidKeepsTheConstant(HarFilters.Phase phase) {
        double[] total = signal(2000, i -> 0.98 + 0.5 * Math.sin(2 * Math.PI * 5.0 * i / FS));
        double[] gravity = HarFilters.lowPass(total, 3, FS, 0.3, phase);
        for (int i = 500; i < 1500; i++) {
            assertThat(gravity[i]).as("gravity at %d", i).isCloseTo(0.98, within(2e-3));
        }
    }

    @ParameterizedTest
    @EnumSource(HarFilters.Phase.class)
    void aConstantPassesUnchangedFromTheFirstSample(HarFilters.Phase phase) {
        double[] x = signal(300, i -> 1.0);
        double[] y = HarFilters.lowPass(x, 3, FS, 0.3, phase);
        for (double v : y) {
            assertThat(v).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void noiseLowPassKeepsSlowMotionAndDampsNearNyquist() {
        double[] slow = signal(1000, i -> Math.sin(2 * Math.PI * 2.0 * i / FS));
        double[] fast = signal(1000, i -> Math.sin(2 * Math.PI * 24.0 * i / FS));
        double[] ys = HarFilters.lowPass(slow, 3, FS, 20, HarFilters.Phase.ZERO_PHASE);
        double[] yf = HarFilters.lowPass(fast, 3, FS, 20, HarFilters.Phase.ZERO_PHASE);
        for (int i = 200; i < 800; i++) {
            assertThat(ys[i]).isCloseTo(slow[i], within(1e-3));
            assertThat(Math.abs(yf[i])).isLessThan(0.1);
        }
    }

    @Test
    void zeroPhaseHasNoLagAndCausalLags() {
        // a smooth pulse centred at sample 500
        double[] pulse = signal(1000, i -> Math.exp(-Math.pow((i - 500) / 40.0, 2)));
        assertThat(argMax(HarFilters.lowPass(pulse, 3, FS, 0.3, HarFilters.Phase.ZERO_PHASE))).isBetween(499, 501);
        assertThat(argMax(HarFilters.lowPass(pulse, 3, FS, 0.3, HarFilters.Phase.CAUSAL))).isGreaterThan(520);
    }

    @Test
    void bodyIsTotalMinusGravityAndGyroIsDenoisedGyro() {
        int n = 1500;
        double[][] acc = new double[n][3];
        double[][] gyro = new double[n][3];
        for (int i = 0; i < n; i++) {
            double motion = 0.3 * Math.sin(2 * Math.PI * 1.0 * i / FS);
            acc[i] = new double[] {0.2 + motion, -0.1, 0.97 - motion};
            gyro[i] = new double[] {0.5, -0.25, motion};
        }
        RawRecordings.Config config = RawRecordings.Config.official();
        double[][] ch = RawRecordings.preprocess(acc, gyro, config);
        assertThat(ch).hasNumberOfRows(9);
        for (int axis = 0; axis < 3; axis++) {
            double[] gravity = HarFilters.lowPass(ch[6 + axis], 3, FS, 0.3, config.phase());
            for (int i = 0; i < n; i++) {
                assertThat(ch[axis][i]).isCloseTo(ch[6 + axis][i] - gravity[i], within(1e-12));
            }
        }
        for (int i = 400; i < 1100; i++) {
            assertThat(ch[0][i]).as("body_acc_x").isCloseTo(0.3 * Math.sin(2 * Math.PI * 1.0 * i / FS), within(0.005));
            assertThat(ch[6][i] - ch[0][i]).as("gravity x").isCloseTo(0.2, within(0.005));
            assertThat(ch[3][i]).as("body_gyro_x").isCloseTo(0.5, within(1e-9));
            assertThat(ch[4][i]).as("body_gyro_y").isCloseTo(-0.25, within(1e-9));
        }
    }

    @Test
    void medianOfThreeRemovesSingleSpikesAndKeepsTheEnds() {
        double[] x = {9, 0, 0, 5, 0, 0, 1, 2, 3, -7};
        assertThat(HarFilters.median(x, 3)).containsExactly(9, 0, 0, 0, 0, 0, 1, 2, 2, -7);
        assertThat(HarFilters.median(x, 1)).containsExactly(x);
        assertThat(HarFilters.median(new double[] {1, 5, 2, 8, 3}, 5)).containsExactly(1, 2, 3, 3, 3);
        assertThatThrownBy(() -> HarFilters.median(x, 2)).hasMessageContaining("odd");
    }

    @Test
    void invalidFilterSettingsAreRejected() {
        assertThatThrownBy(() -> HarFilters.lowPass(new double[3], 3, FS, 25, HarFilters.Phase.CAUSAL))
                .hasMessageContaining("cutoff must be in (0, 25.0)");
        assertThatThrownBy(() -> HarFilters.lowPass(new double[3], 0, FS, 1, HarFilters.Phase.CAUSAL))
                .hasMessageContaining("order");
    }

    private static int argMax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }
}
