package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link MissingValues#fill} of each filling policy on golden sequences (NaN marks a missing value), above all
 * {@link MissingValues#INTERPOLATE}: linear in the step index between the observed values around a gap, as pandas'
 * {@code interpolate(limit_direction="both")}, with the nearest observed value at a sequence's start and end.
 */
class MissingValuesFillTest {

    private static final float N = Float.NaN;

    @Test
    void interpolateDrawsTheLineBetweenObservedValuesAndHoldsTheEnds() {
        float[][] v = {
                {N, 10}, // a leading gap: the first observed value (2); 10 observed
                {2, N},  // 10 -> 40 over three steps: 20, 30
                {N, N},
                {N, 40},
                {8, N},  // a trailing gap: the last observed value (40)
                {N, N},  // x: between 8 and -2 two steps on: 3
                {-2, N},
        };
        MissingValues.Filled done = MissingValues.INTERPOLATE.fill(v);
        assertThat(done).isEqualTo(new MissingValues.Filled(9, false, -1));
        assertThat(v).isDeepEqualTo(new float[][] {{2, 10}, {2, 20}, {4, 30}, {6, 40}, {8, 40}, {3, 40}, {-2, 40}});
    }

    @Test
    void aLongGapIsExactlyLinear() {
        int steps = 10_001;
        float[][] v = new float[steps][1];
        for (int t = 1; t < steps - 1; t++) {
            v[t][0] = N;
        }
        v[steps - 1][0] = 10_000;
        assertThat(MissingValues.INTERPOLATE.fill(v).filled()).isEqualTo(steps - 2);
        for (int t = 0; t < steps; t++) {
            assertThat(v[t][0]).as("step %d", t).isCloseTo(t, org.assertj.core.data.Offset.offset(1e-3f));
        }
    }

    @Test
    void valuesNearTheEndsOfTheFloatRangeDoNotOverflow() {
        float[][] v = {{-3e38f}, {N}, {3e38f}};
        MissingValues.INTERPOLATE.fill(v);
        assertThat(v[1][0]).isEqualTo(0f);
    }

    @Test
    void aFeatureWithNoValueCannotBeInterpolatedOrForwardFilled() {
        for (MissingValues policy : new MissingValues[] {MissingValues.INTERPOLATE, MissingValues.FFILL}) {
            float[][] v = {{1, N}, {2, N}};
            assertThat(policy.fill(v).emptyFeature()).as(policy.toString()).isEqualTo(1);
        }
    }

    @Test
    void theOtherPoliciesKeepTheirMeaning() {
        float[][] ffill = {{N}, {1}, {N}, {3}, {N}};
        MissingValues.FFILL.fill(ffill);
        assertThat(ffill).isDeepEqualTo(new float[][] {{1}, {1}, {1}, {3}, {3}});
        float[][] zero = {{N}, {1}, {N}};
        MissingValues.ZERO.fill(zero);
        assertThat(zero).isDeepEqualTo(new float[][] {{0}, {1}, {0}});
        assertThat(MissingValues.DROP.fill(new float[][] {{1}, {N}}).dropped()).isTrue();
        assertThatThrownBy(() -> MissingValues.TRIM.fill(new float[][] {{N}})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parsedAndNamedAsTheCommandLineWritesIt() {
        assertThat(MissingValues.parse(" Interpolate ")).isEqualTo(MissingValues.INTERPOLATE);
        assertThat(MissingValues.INTERPOLATE).hasToString("interpolate");
        assertThat(MissingValues.INTERPOLATE.fillsIn()).isTrue();
        assertThat(MissingValues.TRIM.fillsIn()).isFalse();
        assertThatThrownBy(() -> MissingValues.parse("linear")).hasMessageContaining("interpolate");
    }
}
