package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ScoreIntervals}: golden values of the Wilson interval and McNemar's exact test (from Python's exact binomial
 * sums, {@code math.comb}), and the bootstrap's behaviour: seeded, degenerate where nothing varies, and a paired difference
 * that excludes 0 for a model far above the baseline and is exactly 0 for the baseline itself.
 */
class ScoreIntervalsTest {

    private static final List<String> LABELS = List.of("up", "down", "flat");

    @Test
    void wilsonOfAShareEqualsWilsonOfItsCount() {
        // a trial's cross-validated gru: 63 of 72 batches right pooled over 6 folds, [0.779, 0.933] by scipy
        assertThat(ScoreIntervals.wilson(63 / 72.0, 72)).containsExactly(ScoreIntervals.wilson(63, 72), within(1e-12));
        assertThat(ScoreIntervals.wilson(63, 72)).containsExactly(new double[] {0.779, 0.933}, within(5e-4));
        // summed over 2 seeds (127 of 144 predictions of 72 batches): the interval of 72, not of 144
        assertThat(ScoreIntervals.wilson(127 / 144.0, 72)[0]).isLessThan(ScoreIntervals.wilson(127, 144)[0]);
    }

    @Test
    void wilsonAndMcNemarMatchExactValues() {
        assertThat(ScoreIntervals.wilson(8, 10)).containsExactly(new double[] {0.49016247153664183, 0.9433178485456247}, within(1e-12));
        assertThat(ScoreIntervals.wilson(150, 200)).containsExactly(new double[] {0.6856590168795417, 0.8049183199318249}, within(1e-12));
        assertThat(ScoreIntervals.wilson(0, 5)[0]).isZero();
        assertThat(ScoreIntervals.mcnemar(10, 2)).isCloseTo(0.03857421875, within(1e-12));
        assertThat(ScoreIntervals.mcnemar(7, 1)).isCloseTo(0.0703125, within(1e-12));
        assertThat(ScoreIntervals.mcnemar(3000, 2800)).as("thousands of discordant examples, no underflow")
                .isCloseTo(0.008969436001193416, within(1e-9));
        assertThat(ScoreIntervals.mcnemar(0, 0)).isEqualTo(1);
        assertThat(ScoreIntervals.mcnemar(5, 5)).isEqualTo(1);
    }

    @Test
    void theBootstrapIsSeededAndPairsTheBaseline() {
        // a good model: 60 'flat' (the majority), 30 'up', 30 'down', mostly right
        long[][] good = {{25, 3, 2}, {2, 26, 2}, {3, 3, 54}};
        EvaluationResult r = Evaluator.fromConfusion(LABELS, good, List.of(), 0);
        ScoreIntervals a = ScoreIntervals.of(r, 2);
        ScoreIntervals b = ScoreIntervals.of(r, 2);
        assertThat(a).isEqualTo(b);
        assertThat(a.resamples()).isEqualTo(1000);
        assertThat(a.macroF1Low()).isLessThan(r.macroF1()).isGreaterThan(0.7);
        assertThat(a.macroF1High()).isGreaterThan(r.macroF1()).isLessThanOrEqualTo(1);
        assertThat(a.accuracyLow()).isLessThan(r.accuracy());
        // right only by the model: the 'up' and 'down' it got (25 + 26); only by the baseline: the 6 'flat' it missed
        assertThat(a.modelOnlyRight()).isEqualTo(51);
        assertThat(a.baselineOnlyRight()).isEqualTo(6);
        assertThat(a.mcnemarP()).isLessThan(1e-6);
        assertThat(a.macroF1DifferenceLow()).isGreaterThan(0.3);

        // the baseline itself: no difference at all
        long[][] always = {{0, 0, 30}, {0, 0, 30}, {0, 0, 60}};
        ScoreIntervals same = ScoreIntervals.of(Evaluator.fromConfusion(LABELS, always, List.of(), 0), 2);
        assertThat(same.mcnemarP()).isEqualTo(1);
        assertThat(same.macroF1DifferenceLow()).isZero();
        assertThat(same.macroF1DifferenceHigh()).isZero();

        // a perfect model: nothing varies in its macro-F1
        long[][] perfect = {{30, 0, 0}, {0, 30, 0}, {0, 0, 60}};
        ScoreIntervals all = ScoreIntervals.of(Evaluator.fromConfusion(LABELS, perfect, List.of(), 0), -1);
        assertThat(all.macroF1Low()).isEqualTo(1);
        assertThat(all.macroF1High()).isEqualTo(1);
        assertThat(all.baselineClass()).isEqualTo(-1);
        assertThat(all.mcnemarP()).isNaN();
        assertThat(ScoreIntervals.of(Evaluator.fromConfusion(LABELS, new long[3][3], List.of(), 0), 0)).isNull();
    }

    @Test
    void resamplingGroupsWidensTheIntervalOfClusteredSequences() {
        // 10 groups of 40 sequences each; within a group the model is all right or mostly wrong: what it gets right is a
        // property of the group, so the 400 sequences are worth about 10 examples
        int n = 400;
        int[] actual = new int[n];
        int[] predicted = new int[n];
        List<String> group = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int g = i / 40;
            actual[i] = i % 3;
            predicted[i] = g % 3 == 0 && i % 4 != 0 ? (actual[i] + 1) % 3 : actual[i];
            group.add("g" + g);
        }
        long[][] confusion = new long[3][3];
        for (int i = 0; i < n; i++) {
            confusion[actual[i]][predicted[i]]++;
        }
        EvaluationResult r = Evaluator.fromConfusion(LABELS, confusion, List.of(), 0);
        ScoreIntervals alone = ScoreIntervals.of(r, 0);
        ScoreIntervals.ByGroup byGroup = ScoreIntervals.byGroup(LABELS, actual, predicted, group, 0);
        assertThat(byGroup.groups()).isEqualTo(10);
        assertThat(byGroup.accuracy()[0]).isLessThan(r.accuracy()).isLessThan(alone.accuracyLow());
        assertThat(byGroup.accuracy()[1] - byGroup.accuracy()[0]).as("wider than taking the 400 as independent")
                .isGreaterThan(2 * (alone.accuracyHigh() - alone.accuracyLow()));
        assertThat(ScoreIntervals.byGroup(LABELS, actual, predicted, group, 0).accuracy()).containsExactly(byGroup.accuracy());
    }

    @Test
    void manyExamplesAreResampledByCellCounts() {
        // 3 million examples: each resample draws the 9 cells' counts (Poisson), not 3 million examples
        long[][] big = {{500_000, 60_000, 40_000}, {30_000, 520_000, 50_000}, {90_000, 110_000, 1_600_000}};
        EvaluationResult r = Evaluator.fromConfusion(LABELS, big, List.of(), 0);
        ScoreIntervals i = ScoreIntervals.of(r, 2);
        assertThat(i.resamples()).isEqualTo(200);
        assertThat(i.macroF1Low()).isLessThan(r.macroF1()).isGreaterThan(r.macroF1() - 0.002);
        assertThat(i.macroF1High()).isGreaterThan(r.macroF1()).isLessThan(r.macroF1() + 0.002);
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (long lambda : new long[] {3, 1000}) {
            double sum = 0;
            for (int k = 0; k < 20_000; k++) {
                sum += ScoreIntervals.poisson(lambda, random);
            }
            assertThat(sum / 20_000).isCloseTo(lambda, within(lambda * 0.02 + 0.05));
        }
    }
}
