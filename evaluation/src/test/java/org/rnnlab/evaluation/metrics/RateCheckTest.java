package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trial 80e F6: on 900 beats of new patients (11 'A'), a prior-corrected model's mean p_A was 0.0025, a fifth of the share
 * 0.0122, with a calibration slope of -0.50, and evaluate said nothing. Generated probabilities: a class 5 times too rare in
 * the probabilities, and one anti-calibrated, are warned of; calibrated ones and a gap on too few sequences are not.
 */
class RateCheckTest {

    @Test
    void theExactBinomialTestMatchesScipy() {
        // scipy 1.x: binomtest(11, 900, 0.00248).pvalue = 2.1674329992270833e-05, binomtest(3, 10, 0.5) = 0.34375,
        // binomtest(2, 20, 0.02) = 0.05989897854894854
        assertThat(RateCheck.binomialTwoSided(3, 10, 0.5)).isCloseTo(0.34375, within(1e-12));
        assertThat(RateCheck.binomialTwoSided(11, 900, 0.00248)).isCloseTo(2.1674329992270833e-05, within(1e-10));
        assertThat(RateCheck.binomialTwoSided(2, 20, 0.02)).isCloseTo(0.05989897854894854, within(1e-10));
        // none where 0.09 are expected: the most likely count, p = 1 (scipy: binomtest(0, 900, 0.0001).pvalue = 1.0)
        assertThat(RateCheck.binomialTwoSided(0, 900, 0.0001)).isEqualTo(1.0);
    }

    /** 900 sequences, 11 of class 'A' (the first 11), probabilities of 'A' given per sequence; the rest 'N'. */
    private static double[][] probabilities(java.util.function.IntToDoubleFunction pA) {
        double[][] p = new double[900][];
        for (int i = 0; i < 900; i++) {
            double a = pA.applyAsDouble(i);
            p[i] = new double[] {a, 1 - a};
        }
        return p;
    }

    private static int[] actual() {
        int[] a = new int[900];
        for (int i = 0; i < 900; i++) {
            a[i] = i < 11 ? 0 : 1;
        }
        return a;
    }

    @Test
    void aMeanProbabilityFiveTimesTooLowAndANegativeSlopeAreWarnedOf() {
        // 'A' sequences get 0.001, the others 0.0025 on average (0.0015 to 0.0035): mean about 0.0025 against 0.0122, and a
        // higher p_A goes with fewer 'A': a negative slope
        // (two 'A' at 0.003, among the others: not separated perfectly, so that a slope is fitted)
        double[][] p = probabilities(i -> i < 9 ? 0.001 : i < 11 ? 0.003 : 0.0015 + 0.002 * ((i * 37) % 100) / 100.0);
        List<String> w = RateCheck.warnings(List.of("A", "N"), actual(), p);
        assertThat(w).hasSize(2); // 'N' is off by the same sequences, the other way (its mean 0.9975 against 0.9878 is no 2x gap,
        // but its slope is the mirror image of 'A''s)
        assertThat(w.get(0)).startsWith("the probabilities of class 'A' do not estimate its rate on these data: its mean "
                + "probability 0.0025 is 0.2 times its share 0.0122 (11 of 900; exact binomial test p = ")
                .contains("and its calibration slope is -").contains("read p_A as a score");
        assertThat(w.get(1)).startsWith("the probabilities of class 'N' do not estimate its rate on these data: its calibration "
                + "slope is -");
    }

    @Test
    void calibratedProbabilitiesAndAGapOnFewSequencesAreNot() {
        // each sequence's p_A the class's share in its band: 11 'A' at 0.5 of 22 sequences, the rest at 0 (calibrated)
        java.util.Random random = new java.util.Random(3);
        int[] actual = new int[900];
        double[][] p = new double[900][];
        for (int i = 0; i < 900; i++) {
            double a = i % 10 == 0 ? 0.3 : 0.02;
            actual[i] = random.nextDouble() < a ? 0 : 1;
            p[i] = new double[] {a, 1 - a};
        }
        assertThat(RateCheck.warnings(List.of("A", "N"), actual, p)).isEmpty();
        // 2 of 20 'A' where the probabilities say 0.02: 5 times, but the binomial p is about 0.06, not below 0.01
        int[] few = new int[20];
        double[][] q = new double[20][];
        for (int i = 0; i < 20; i++) {
            few[i] = i < 2 ? 0 : 1;
            q[i] = new double[] {0.02, 0.98};
        }
        assertThat(RateCheck.binomialTwoSided(2, 20, 0.02)).isGreaterThan(RateCheck.ALPHA);
        assertThat(RateCheck.warnings(List.of("A", "N"), few, q)).isEmpty();
    }
}
