package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@link FisherExact} against SciPy 1.17.1's {@code scipy.stats.fisher_exact(table)[1]} (two-sided). */
class FisherExactTest {

    @Test
    void matchesScipyTwoSided() {
        // trial 80c F3: the model's 60 of 60 test sequences right, a month's 30 of 60
        assertThat(FisherExact.twoSided(60, 0, 30, 30)).isCloseTo(1.3934349938036929e-11, within(1e-11 * 1e-9));
        assertThat(FisherExact.twoSided(57, 3, 52, 8)).isCloseTo(0.20434284572075123, within(1e-12));
        assertThat(FisherExact.twoSided(15, 0, 0, 15)).isCloseTo(1.28934500757877e-08, within(1e-8 * 1e-9));
        assertThat(FisherExact.twoSided(48, 2, 400, 100)).isCloseTo(0.003546210767935744, within(1e-12));
        assertThat(FisherExact.twoSided(10, 5, 5, 10)).isCloseTo(0.1431109780507063, within(1e-12));
        // counts past the table of log factorials (Stirling's series)
        double p = FisherExact.twoSided(5000, 100, 4800, 300);
        assertThat(p / 3.369293021816823e-25).isCloseTo(1, within(1e-6));
    }

    @Test
    void anEmptyRowOrColumnGivesOneAndANegativeCountIsRefused() {
        assertThat(FisherExact.twoSided(0, 0, 5, 3)).isEqualTo(1);
        assertThat(FisherExact.twoSided(4, 0, 6, 0)).isEqualTo(1);
        assertThat(FisherExact.twoSided(3, 3, 3, 3)).isCloseTo(1, within(1e-12));
        assertThatThrownBy(() -> FisherExact.twoSided(-1, 2, 3, 4)).hasMessageContaining("counts of 0 or more");
    }
}
