package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The official number format: %.7e, three-digit exponent, 16 characters a value. */
class UciHarNumberFormatTest {

    @Test
    void formatsLikeTheOfficialFiles() {
        assertThat(HarNumberFormat.format(0.25717778)).isEqualTo("  2.5717778e-001");
        assertThat(HarNumberFormat.format(-0.012345670)).isEqualTo(" -1.2345670e-002");
        assertThat(HarNumberFormat.format(1.0)).isEqualTo("  1.0000000e+000");
        assertThat(HarNumberFormat.format(0.0)).isEqualTo("  0.0000000e+000");
        assertThat(HarNumberFormat.format(9.999999999)).isEqualTo("  1.0000000e+001");
        assertThat(HarNumberFormat.format(123456.785)).isEqualTo("  1.2345679e+005");
        assertThat(HarNumberFormat.format(1.8085150e-4)).isEqualTo("  1.8085150e-004");
        assertThatThrownBy(() -> HarNumberFormat.format(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTripsToEightSignificantDigits() {
        Random r = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(12) - 8);
            String s = HarNumberFormat.format(v);
            assertThat(s).hasSize(16);
            assertThat(Double.parseDouble(s.trim())).isCloseTo(v, within(Math.abs(v) * 6e-8 + 1e-300));
        }
    }
}
