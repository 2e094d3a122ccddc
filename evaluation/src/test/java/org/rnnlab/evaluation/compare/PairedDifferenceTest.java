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

    /**
     * Golden ends computed independently (sign-flip-interval-golden.py in this package's test resources: exact fractions,
     * brute force over all 2^n sign assignments at every root of |S(delta)| = |T(delta)|, checked on a grid of 1001 shifts).
     */
    @Test
    void theIntervalInvertsTheSignFlipTest() {
        assertInterval(new double[] {-0.05, -0.12, -0.31, -0.02, -0.26, -0.2}, -0.31, -0.02);   // p(0) = 1/32
        assertInterval(new double[] {0.3, 0.1, -0.05, 0.2, 0.15, 0.25, 0.05}, 0.025, 0.25);      // p(0) = 3/64
        assertInterval(new double[] {0.01, -0.02, 0.03, 0.005, 0.012, 0.004, -0.001, 0.008, 0.002}, -0.013 / 3, 0.046 / 3);
        assertInterval(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, 0.1, 0.1);
        // p(0) = 1/16: the interval reaches just past 0, where a percentile bootstrap would leave it out
        assertInterval(new double[] {-0.1598, 0.012, -0.06, -0.27, 0.03, -0.09, -0.15, 0.004}, -0.5198 / 3, 0.008);
        // an end at a smallest difference of 0 (p(0) = 1/8): exactly 0, not printed -0.0000 from the test's rounding tolerance
        double[] zeros = {0, 0, 0.0033, 0.0067, 0, 0.0033, 0, 0.0033, 0};
        assertInterval(zeros, 0, 0.00335);
        assertThat(PairedDifference.interval(zeros, PairedDifference.RESAMPLES, PairedDifference.BOOTSTRAP_SEED)[0]).isEqualTo(0.0);
        // runs that came out the same (a clip that never engaged): [0, 0] exactly, not [-0.0000, +0.0000] (a review's find)
        assertThat(PairedDifference.interval(new double[6], PairedDifference.RESAMPLES, PairedDifference.BOOTSTRAP_SEED))
                .containsExactly(0.0, 0.0);
        assertThatThrownBy(() -> PairedDifference.interval(new double[0], 10, 1)).hasMessageContaining("at least one pair");
    }

    private static void assertInterval(double[] d, double low, double high) {
        double[] ci = PairedDifference.interval(d, PairedDifference.RESAMPLES, PairedDifference.BOOTSTRAP_SEED);
        assertThat(ci[0]).as("low of %s", java.util.Arrays.toString(d)).isCloseTo(low, within(1e-8));
        assertThat(ci[1]).as("high of %s", java.util.Arrays.toString(d)).isCloseTo(high, within(1e-8));
    }

    @Test
    void fewerThanSixPairsHaveNoInterval() {
        // every shift has p >= 2/32: no finite 95% interval
        double[] ci = PairedDifference.interval(new double[] {0.1, 0.2, 0.2, 0.3, 0.25}, 10_000, 5);
        assertThat(ci[0]).isNaN();
        assertThat(ci[1]).isNaN();
        assertThat(PairedDifference.interval(new double[] {0.1}, 10_000, 5)[1]).isNaN();
    }

    private static double[] shift(double[] d, double delta) {
        return java.util.Arrays.stream(d).map(x -> x - delta).toArray();
    }

    @Test
    void theIntervalExcludesZeroExactlyWhenPIsBelowFivePercent() {
        java.util.Random random = new java.util.Random(42);
        int excluded = 0;
        int drawn = 0;
        for (int trial = 0; trial < 400; trial++) {
            int n = PairedDifference.MIN_PAIRS + random.nextInt(trial % 10 == 0 ? 20 : 7); // some beyond EXACT_PAIRS (drawn)
            double[] d = new double[n];
            double shift = (random.nextDouble() - 0.3) * 0.08;
            for (int i = 0; i < n; i++) {
                // metric differences on 300 test examples: multiples of 1/300, many ties
                d[i] = Math.round((shift + random.nextGaussian() * 0.05) * 300) / 300.0;
            }
            double[] ci = PairedDifference.interval(d, 2_000, 7);
            double p = PairedDifference.signFlipP(d, 2_000, 7);
            boolean excludes = ci[0] > 0 || ci[1] < 0;
            assertThat(excludes).as("%s: [%s, %s] p=%s", java.util.Arrays.toString(d), ci[0], ci[1], p).isEqualTo(p < 0.05);
            assertThat(ci[0]).isLessThanOrEqualTo(ci[1]);
            // the ends are where the test of the shifted differences, computed on its own, steps from accepting to rejecting
            assertThat(PairedDifference.signFlipP(shift(d, ci[0]), 2_000, 7)).isGreaterThanOrEqualTo(0.05);
            assertThat(PairedDifference.signFlipP(shift(d, ci[1]), 2_000, 7)).isGreaterThanOrEqualTo(0.05);
            assertThat(PairedDifference.signFlipP(shift(d, ci[0] - 1e-6), 2_000, 7)).isLessThan(0.05);
            assertThat(PairedDifference.signFlipP(shift(d, ci[1] + 1e-6), 2_000, 7)).isLessThan(0.05);
            double mean = java.util.Arrays.stream(d).average().orElseThrow();
            assertThat(mean).isBetween(ci[0], ci[1]);
            excluded += excludes ? 1 : 0;
            drawn += n > PairedDifference.EXACT_PAIRS ? 1 : 0;
        }
        assertThat(excluded).isBetween(40, 360); // both outcomes were tried
        assertThat(drawn).isPositive();
    }

    @Test
    void pairsAreMatchedBySeedAndTheVerdictNeedsEnoughPairs() {
        List<RunResult> a = new ArrayList<>();
        List<RunResult> b = new ArrayList<>();
        for (int seed = 1; seed <= 6; seed++) {
            a.add(run("lstm", seed, null, 0.80 + 0.03 * seed));   // seeds differ a lot ...
            b.add(run("rnn", seed, null, 0.70 + 0.03 * seed + (seed % 2 == 0 ? 0.002 : -0.002))); // ... the pair little
        }
        b.add(run("rnn", 9, null, 0.1)); // no partner: not paired
        PairedDifference d = PairedDifference.of("lstm", a, "rnn", b, Metric.ACCURACY);
        assertThat(d.pairs()).isEqualTo(6);
        assertThat(d.unit()).isEqualTo(PairedDifference.SEED);
        assertThat(d.nText()).isEqualTo("n=6");
        assertThat(d.meanDifference()).isCloseTo(0.10, within(1e-12));
        // the ends are the smallest and largest difference (where the test's p steps from 4/64 to 2/64), give or take the
        // 1e-9 by which the test counts ties within rounding as extreme
        assertThat(d.low()).isCloseTo(0.098, within(1e-8));
        assertThat(d.high()).isCloseTo(0.102, within(1e-8));
        assertThat(d.reliable()).isTrue();
        assertThat(d.verdict()).isEqualTo("reliably better");
        assertThat(PairedDifference.of("rnn", b, "lstm", a, Metric.ACCURACY).verdict()).isEqualTo("reliably worse");

        // same differences but only 3 pairs: too few pairs for a verdict, and no finite interval
        PairedDifference few = PairedDifference.of("lstm", a.subList(0, 3), "rnn", b.subList(0, 3), Metric.ACCURACY);
        assertThat(few.pairs()).isEqualTo(3);
        assertThat(few.hasInterval()).isFalse();
        assertThat(few.intervalText()).isEqualTo("n/a");
        assertThat(d.intervalText()).isEqualTo("[+0.0980, +0.1020]");
        // a value that rounds to zero prints as +0.0000 (an end of -2e-7, the bisection's resolution at 0, was -0.0000)
        assertThat(PairedDifference.signed(-2e-7)).isEqualTo("+0.0000");
        assertThat(PairedDifference.signed(-0.0)).isEqualTo("+0.0000");
        assertThat(PairedDifference.signed(-0.00005)).isEqualTo("-0.0001");
        assertThat(PairedDifference.signed(0.00264)).isEqualTo("+0.0026");
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
        assertThat(four.low()).isNaN(); // the test inverted rejects no shift at 5%: no finite interval
        assertThat(four.high()).isNaN();
        assertThat(four.pValue()).isCloseTo(0.125, within(1e-12));
        assertThat(four.reliable()).isFalse();
        assertThat(four.verdict()).isEqualTo("too few pairs (4 < 6)");
    }

    /**
     * The bioacoustics trial's 2 seeds x 4 site folds: every (seed, fold) difference negative, which paired run by run gives
     * p = 2/256 and "reliably worse"; the seeds of a fold share its test examples, so the pairs are the 4 fold means, whose
     * smallest possible p is 2/16 = 0.125: no verdict.
     */
    @Test
    void theSeedsOfAFoldAreAveragedNotCountedAsPairs() {
        double[] foldDifference = {-0.238, -0.039, -0.194, -0.111};
        List<RunResult> a = new ArrayList<>();
        List<RunResult> b = new ArrayList<>();
        List<Double> runByRun = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            for (int fold = 0; fold < foldDifference.length; fold++) {
                double d = foldDifference[fold] + (seed == 1 ? 0.02 : -0.02);
                a.add(run("lstm", seed, fold, 0.3 + 0.05 * fold + 0.01 * seed + d));
                b.add(run("bigru", seed, fold, 0.3 + 0.05 * fold + 0.01 * seed));
                runByRun.add(d);
            }
        }
        double[] seedLevel = runByRun.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(PairedDifference.signFlipP(seedLevel, PairedDifference.RESAMPLES, PairedDifference.BOOTSTRAP_SEED))
                .as("the old pairing, run by run").isCloseTo(2.0 / 256, within(1e-12)).isLessThan(0.05);
        PairedDifference d = PairedDifference.of("lstm", a, "bigru", b, Metric.ACCURACY);
        assertThat(d.unit()).isEqualTo(PairedDifference.FOLD);
        assertThat(d.pairs()).isEqualTo(4);
        assertThat(d.seedsPerUnit()).isEqualTo(2);
        assertThat(d.meanDifference()).isCloseTo(java.util.Arrays.stream(foldDifference).average().orElseThrow(), within(1e-12));
        assertThat(d.pValue()).isCloseTo(0.125, within(1e-12));
        assertThat(d.reliable()).isFalse();
        assertThat(d.hasInterval()).isFalse();
        assertThat(d.verdict()).isEqualTo("too few folds (4 < 6)");
        assertThat(d.nText()).isEqualTo("n=4 folds, each the mean of 2 seeds");

        // 6 folds of one sign: a verdict at n = 6 folds (p = 2/64), whatever the seeds
        List<RunResult> a6 = new ArrayList<>();
        List<RunResult> b6 = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            for (int fold = 0; fold < 6; fold++) {
                a6.add(run("lstm", seed, fold, 0.5 - 0.02 * (fold + 1) + 0.001 * seed));
                b6.add(run("bigru", seed, fold, 0.5));
            }
        }
        PairedDifference six = PairedDifference.of("lstm", a6, "bigru", b6, Metric.ACCURACY);
        assertThat(six.pairs()).isEqualTo(6);
        assertThat(six.seedsPerUnit()).isEqualTo(3);
        assertThat(six.pValue()).isCloseTo(2.0 / 64, within(1e-12));
        assertThat(six.verdict()).isEqualTo("reliably worse");
        // one seed per fold: the folds are the pairs, as before, said as folds
        PairedDifference one = PairedDifference.of("lstm", a6.subList(0, 6), "bigru", b6.subList(0, 6), Metric.ACCURACY);
        assertThat(one.pairs()).isEqualTo(6);
        assertThat(one.nText()).isEqualTo("n=6 folds");
        assertThat(one.pValue()).isCloseTo(2.0 / 64, within(1e-12));
    }

    @Test
    void noCommonPairsIsNotAVerdict() {
        PairedDifference d = PairedDifference.of("a", List.of(run("a", 1, null, 0.5)), "b", List.of(run("b", 2, null, 0.5)),
                Metric.ACCURACY);
        assertThat(d.pairs()).isZero();
        assertThat(d.meanDifference()).isNaN();
        assertThat(d.reliable()).isFalse();
    }

    @Test
    void aMissingIntervalIsNullInJson() throws Exception {
        PairedDifference d = new PairedDifference("a", "b", Metric.ACCURACY, 3, 0.1, Double.NaN, Double.NaN, 0.25, false);
        String json = org.rnnlab.core.Json.writeCompact(d);
        assertThat(json).contains("\"low\":null").contains("\"high\":null").doesNotContain("NaN");
        PairedDifference back = org.rnnlab.core.Json.mapper().readValue(json, PairedDifference.class);
        assertThat(back.low()).isNaN();
        assertThat(back.meanDifference()).isEqualTo(0.1);
        assertThat(org.rnnlab.core.Json.mapper().readValue(json.replace("null", "\"NaN\""), PairedDifference.class).high()).isNaN();
    }
}
