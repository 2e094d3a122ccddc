package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Metric;

class PairedDifferenceTest {

    private static RunResult run(String configuration, long seed, Integer fold, double accuracy) {
        EvaluationResult test = new EvaluationResult(List.of("a", "b"), Map.of(Metric.ACCURACY, accuracy, Metric.MACRO_F1, accuracy,
                Metric.MACRO_PRECISION, accuracy, Metric.MACRO_RECALL, accuracy), List.of(), new long[2][2], List.of(), 10, 0.1);
        return new RunResult(configuration, configuration, "none", seed, test, 1, 1, 1, 1, 1L, List.of(), List.of(), fold, null);
    }

    @Test
    void twoDifferencesGiveTheExactBootstrapPercentiles() {
        // resampled means of (0.1, 0.3) are 0.1 (p 1/4), 0.2 (1/2), 0.3 (1/4): 2.5th percentile 0.1, 97.5th 0.3
        double[] ci = PairedDifference.interval(new double[] {0.1, 0.3}, 10_000, 5);
        assertThat(ci[0]).isCloseTo(0.1, within(1e-12));
        assertThat(ci[1]).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void threeDifferencesByHand() {
        // (0, 0, 0.3): means 0 (8/27 = .296), 0.1 (12/27), 0.2 (6/27: cumulative .963 < .975), 0.3 (1/27): interval [0, 0.3]
        double[] ci = PairedDifference.interval(new double[] {0, 0, 0.3}, 10_000, 5);
        assertThat(ci[0]).isCloseTo(0.0, within(1e-12));
        assertThat(ci[1]).isCloseTo(0.3, within(1e-12));
        // (0.1, 0.2, 0.2, 0.3) resampled has the median inside, and the interval inside [0.1, 0.3]
        double[] four = PairedDifference.interval(new double[] {0.1, 0.2, 0.2, 0.3}, 10_000, 5);
        assertThat(four[0]).isBetween(0.1, 0.2);
        assertThat(four[1]).isBetween(0.2, 0.3);
        assertThat(PairedDifference.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.025)).isEqualTo(1);
        assertThat(PairedDifference.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.975)).isEqualTo(10);
        assertThat(PairedDifference.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.5)).isEqualTo(5);
        assertThatThrownBy(() -> PairedDifference.interval(new double[0], 10, 1)).hasMessageContaining("at least one pair");
    }

    @Test
    void pairsAreMatchedBySeedAndFoldAndTheVerdictNeedsEnoughPairs() {
        List<RunResult> a = new ArrayList<>();
        List<RunResult> b = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            for (int fold = 0; fold < 2; fold++) {
                a.add(run("lstm", seed, fold, 0.80 + 0.05 * seed + 0.01 * fold));   // seeds differ a lot ...
                b.add(run("rnn", seed, fold, 0.70 + 0.05 * seed + 0.01 * fold + (fold == 0 ? 0.002 : -0.002))); // ... the pair little
            }
        }
        b.add(run("rnn", 9, 0, 0.1)); // no partner: not paired
        PairedDifference d = PairedDifference.of("lstm", a, "rnn", b, Metric.ACCURACY);
        assertThat(d.pairs()).isEqualTo(6);
        assertThat(d.meanDifference()).isCloseTo(0.10, within(1e-12));
        assertThat(d.low()).isBetween(0.098, 0.1);
        assertThat(d.high()).isBetween(0.1, 0.102);
        assertThat(d.reliable()).isTrue();
        assertThat(d.verdict()).isEqualTo("reliably better");
        assertThat(PairedDifference.of("rnn", b, "lstm", a, Metric.ACCURACY).verdict()).isEqualTo("reliably worse");

        // same differences but only 3 pairs: interval excludes 0, yet too few pairs for a verdict
        PairedDifference few = PairedDifference.of("lstm", a.subList(0, 3), "rnn", b.subList(0, 3), Metric.ACCURACY);
        assertThat(few.pairs()).isEqualTo(3);
        assertThat(few.reliable()).isFalse();
        assertThat(few.verdict()).startsWith("too few pairs");

        // differences of both signs: the interval contains 0
        List<RunResult> c = new ArrayList<>();
        for (RunResult r : a) {
            c.add(run("gru", r.seed(), r.fold(), r.test().accuracy() + (r.seed() % 2 == 0 ? 0.03 : -0.02)));
        }
        PairedDifference mixed = PairedDifference.of("gru", c, "lstm", a, Metric.ACCURACY);
        assertThat(mixed.low()).isNegative();
        assertThat(mixed.high()).isPositive();
        assertThat(mixed.verdict()).isEqualTo("not reliably different");
    }

    @Test
    void theSignFlipTestByHand() {
        // (0.5, 0.1, 0.1): the 8 sign assignments sum to ±0.7, ±0.5 (twice), ±0.3; two are as far from 0 as 0.7
        assertThat(PairedDifference.signFlipP(new double[] {0.5, 0.1, 0.1}, 10, 1)).isCloseTo(0.25, within(1e-12));
        // four differences of one sign: 2 of the 16 assignments, whatever their sizes
        assertThat(PairedDifference.signFlipP(new double[] {-0.017, -0.033, -0.083, -0.083}, 10, 1)).isCloseTo(0.125, within(1e-12));
        // a mean of 0 is as far from 0 as every assignment
        assertThat(PairedDifference.signFlipP(new double[] {1, -1}, 10, 1)).isEqualTo(1.0);
        assertThat(PairedDifference.signFlipP(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, 10, 1)).isCloseTo(2.0 / 64, within(1e-12));
        // beyond EXACT_PAIRS, drawn assignments: 20 differences of one sign are rarer than 1 in 10^5 (the observed one counts)
        double[] twenty = new double[20];
        java.util.Arrays.fill(twenty, 0.01);
        assertThat(PairedDifference.signFlipP(twenty, 10_000, 3)).isCloseTo(1.0 / 10_001, within(1e-12));
        double[] mixed = new double[20];
        for (int i = 0; i < 20; i++) {
            mixed[i] = i % 2 == 0 ? 0.01 : -0.01;
        }
        assertThat(PairedDifference.signFlipP(mixed, 10_000, 3)).isEqualTo(1.0);
    }

    @Test
    void fourPairsOfOneSignAreNoVerdict() {
        // the four differences of a user's comparison of two models at chance: the bootstrap interval [-0.083, -0.025] left
        // out 0, and the verdict was "reliably worse", which two alike configurations give 2 times in 16
        double[] d = {-0.017, -0.033, -0.083, -0.083};
        List<RunResult> a = new ArrayList<>();
        List<RunResult> b = new ArrayList<>();
        for (int seed = 0; seed < d.length; seed++) {
            a.add(run("rnn", seed, null, 0.5 + d[seed]));
            b.add(run("gru", seed, null, 0.5));
        }
        PairedDifference four = PairedDifference.of("rnn", a, "gru", b, Metric.ACCURACY);
        assertThat(four.high()).isNegative();
        assertThat(four.pValue()).isCloseTo(0.125, within(1e-12));
        assertThat(four.reliable()).isFalse();
        assertThat(four.verdict()).isEqualTo("too few pairs (4 < 6)");
    }

    @Test
    void noCommonPairsIsNotAVerdict() {
        PairedDifference d = PairedDifference.of("a", List.of(run("a", 1, null, 0.5)), "b", List.of(run("b", 2, null, 0.5)),
                Metric.ACCURACY);
        assertThat(d.pairs()).isZero();
        assertThat(d.meanDifference()).isNaN();
        assertThat(d.reliable()).isFalse();
    }
}
