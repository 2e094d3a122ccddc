package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A ratio within the tolerance of two unit factors is named by the nearer: the first found was taken, in {@code Map.of}'s
 * order, which is salted per JVM, so one file's level was milli- in one run and KiB in the next.
 */
class UnitFactorsTest {

    @Test
    void aRatioNearTwoFactorsIsNamedByTheNearer() {
        assertThat(UnitFactors.named(1010, 1.12)).hasValueSatisfying(n -> assertThat(n).contains("milli-"));
        assertThat(UnitFactors.named(1020, 1.12)).hasValueSatisfying(n -> assertThat(n).contains("KiB against bytes"));
        assertThat(UnitFactors.named(1 / 1020.0, 1.12)).hasValueSatisfying(n -> assertThat(n).contains("KiB against bytes"));
        // 8.8 and 8.93 are within 12% of both 8 and 9.80665
        assertThat(UnitFactors.named(8.8, 1.12)).hasValueSatisfying(n -> assertThat(n).contains("bits against bytes"));
        assertThat(UnitFactors.named(8.93, 1.12)).hasValueSatisfying(n -> assertThat(n).contains("acceleration in g"));
        assertThat(UnitFactors.named(5.0, 1.12)).isEmpty();
    }
}
