package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.training.Decision;

/**
 * {@link Alarm}'s cut-offs for a target recall or precision, and {@link TopK}. An e-commerce trial's {@code --target-recall
 * 0.6} put the cut-off exactly on one buyer's probability (0.2693723440170288, "recall 21/34"); the same sequences scored
 * in other minibatches moved it by 1e-7, and {@code --threshold} at that cut-off caught 20/34.
 */
class AlarmTest {

    /** 300 sequences, a third of the class, with distinct probabilities at least 1e-4 apart (float-like, as a model's). */
    private static double[][] data(long seed) {
        Random random = new Random(seed);
        java.util.TreeSet<Integer> grid = new java.util.TreeSet<>();
        while (grid.size() < 300) {
            grid.add(1 + random.nextInt(9998)); // probabilities k / 10^4 plus a float's noise
        }
        double[] score = new double[300];
        double[] positive = new double[300];
        int i = 0;
        for (int k : grid) {
            score[i] = (float) (k / 1e4 + random.nextDouble() * 1e-5);
            // the class more probable higher up, not separated
            positive[i] = random.nextDouble() < 0.15 + 0.6 * k / 1e4 ? 1 : 0;
            i++;
        }
        return new double[][] {score, positive};
    }

    private static boolean[] flags(double[] x) {
        boolean[] out = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] == 1;
        }
        return out;
    }

    /** {@code score} with each value moved up or down by {@code by}, by a seeded coin. */
    private static double[] perturbed(double[] score, double by, long seed) {
        Random random = new Random(seed);
        double[] out = score.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += random.nextBoolean() ? by : -by;
        }
        return out;
    }

    /** The cut-off as evaluate prints it, parsed back as --threshold parses it. */
    private static double givenBack(double t) {
        return Double.parseDouble(BigDecimal.valueOf(t).stripTrailingZeros().toPlainString());
    }

    private static void assertSameCounts(Alarm a, Alarm b) {
        assertThat(b.caught()).isEqualTo(a.caught());
        assertThat(b.falseAlarms()).isEqualTo(a.falseAlarms());
        assertThat(b.positives()).isEqualTo(a.positives());
    }

    @Test
    void aTargetRecallsCutOffGivenBackAsThresholdCountsTheSameAlsoWithProbabilitiesMovedBy1e6() {
        for (long seed = 1; seed <= 5; seed++) {
            double[][] d = data(seed);
            boolean[] positive = flags(d[1]);
            double[] score = d[0];
            for (double target : new double[] {0.1, 0.5, 0.6, 0.8, 0.95, 1.0}) {
                Alarm recommended = Alarm.forRecall(positive, score, target);
                assertThat(recommended.recall()).isGreaterThanOrEqualTo(target - 1e-12);
                double t = givenBack(recommended.threshold());
                assertThat(t).isEqualTo(recommended.threshold());
                // short: a few significant digits, not the 17 of a probability
                assertThat(BigDecimal.valueOf(t).stripTrailingZeros().precision()).isLessThanOrEqualTo(6);
                // on no probability, and at least a quarter of the gap from each (1e-4 / 4 here)
                assertThat(Alarm.margin(score, t)).isGreaterThan(1e-6);
                assertSameCounts(recommended, Alarm.at(positive, score, t));
                for (long s = 0; s < 3; s++) {
                    assertSameCounts(recommended, Alarm.at(positive, perturbed(score, 1e-6, seed * 10 + s), t));
                }
                // predict's and evaluate's rule: the class at p >= t
                long caught = 0;
                for (int i = 0; i < score.length; i++) {
                    caught += positive[i] && Decision.cutOff(1, t).choose(new double[] {1 - score[i], score[i]}) == 1 ? 1 : 0;
                }
                assertThat(caught).isEqualTo(recommended.caught());
            }
        }
    }

    @Test
    void theTrialsCaseTheCutOffLiesBelowTheBuyersProbabilityNotOnIt() {
        // the buyer that decides recall 0.6 at 0.2693723440170288 on one path, 0.26937228441238403 on the other
        double buyer = 0.2693723440170288;
        boolean[] positive = {true, true, false, true, false, true, false};
        double[] score = {0.91, 0.55, 0.41, buyer, 0.2612, 0.12, 0.05};
        Alarm a = Alarm.forRecall(positive, score, 0.6); // 3 of 4 buyers: the 3rd highest is the buyer above
        assertThat(a.caught()).isEqualTo(3);
        assertThat(a.threshold()).isGreaterThan(0.2612).isLessThan(buyer);
        assertThat(BigDecimal.valueOf(a.threshold()).toPlainString()).isEqualTo("0.265"); // the middle, 0.26529, made short
        score[3] = 0.26937228441238403;
        assertThat(Alarm.at(positive, score, a.threshold()).caught()).isEqualTo(3);
        Alarm all = Alarm.forRecall(positive, score, 1.0);
        assertThat(all.caught()).isEqualTo(4);
        assertThat(all.falseAlarms()).isEqualTo(2);
        assertThat(all.threshold()).isGreaterThan(0.05).isLessThan(0.12);
        // the lowest probability of all: the cut-off lies between it and 0
        Alarm lowest = Alarm.forRecall(new boolean[] {true, false}, new double[] {0.01, 0.5}, 1.0);
        assertThat(lowest.falseAlarms()).isEqualTo(1);
        assertThat(lowest.threshold()).isGreaterThan(0).isLessThan(0.01);
    }

    @Test
    void cutBelowReadsShortAndStaysInTheMiddleOfTheGap() {
        assertThat(Alarm.cutBelow(new double[] {0.2, 0.3}, 0.3)).isEqualTo(0.25);
        assertThat(Alarm.cutBelow(new double[] {0.2693, 0.2694}, 0.2694)).isEqualTo(0.26935);
        // probabilities saturated at 1 (float): a cut-off below 1 still raises only those
        double belowOne = (double) Math.nextDown(1f);
        double t = Alarm.cutBelow(new double[] {belowOne, 1.0}, 1.0);
        assertThat(t).isGreaterThan(belowOne).isLessThan(1.0);
        // nothing below a level of 0: no cut-off in (0, 1) raises it
        assertThat(Alarm.cutBelow(new double[] {0.0, 0.5}, 0.0)).isEqualTo(0.0);
    }

    @Test
    void aTargetPrecisionFindsTheLowestCutOffThatReachesIt() {
        // from the highest: P P N P N N P N; precision 1, 1, 2/3, 3/4, 3/5, 3/6, 4/7, 4/8
        boolean[] positive = {true, true, false, true, false, false, true, false};
        double[] score = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2};
        Alarm sixty = Alarm.forPrecision(positive, score, 0.6);
        assertThat(sixty.caught()).isEqualTo(3);
        assertThat(sixty.falseAlarms()).isEqualTo(2);
        assertThat(sixty.threshold()).isEqualTo(0.45);
        assertThat(sixty.precision()).isEqualTo(0.6);
        assertThat(sixty.precisionInterval()).containsExactly(ScoreIntervals.wilson(3, 5));
        assertThat(sixty.describe()).contains("5 raised, precision 0.6000 [");
        // 3/4 at 0.6 is the lowest reaching 0.7 (3/5 below it is not)
        assertThat(Alarm.forPrecision(positive, score, 0.7).threshold()).isEqualTo(0.55);
        assertThat(Alarm.forPrecision(positive, score, 1.0).threshold()).isEqualTo(0.75);
        assertThat(Alarm.forPrecision(positive, score, 0.5).caught()).isEqualTo(4); // 4/8 at the lowest
        // none reaches 0.9 here: no cut-off; the highest precision, 1/2, is at the lowest of its cut-offs
        boolean[] rare = {false, true, false, false};
        double[] s = {0.9, 0.8, 0.7, 0.6};
        assertThat(Alarm.forPrecision(rare, s, 0.9)).isNull();
        Alarm best = Alarm.bestPrecision(rare, s);
        assertThat(best.caught()).isEqualTo(1);
        assertThat(best.falseAlarms()).isEqualTo(1);
        assertThat(best.threshold()).isEqualTo(0.75);
        assertThat(Alarm.forPrecision(new boolean[] {false, false}, new double[] {0.2, 0.3}, 0.5)).isNull();
    }

    @Test
    void topKCountsTiesAtTheirShareWhateverTheOrder() {
        boolean[] positive = {true, false, true, false, true, false, false, false, true, false};
        double[] score = {0.9, 0.8, 0.8, 0.8, 0.8, 0.3, 0.2, 0.1, 0.05, 0.01};
        TopK three = TopK.of(positive, score, 3, null);
        // 0.9 (a positive) above, then 2 places for the 4 tied at 0.8, 2 of them positive: 1 + 2 x 2/4
        assertThat(three.truePositives()).isEqualTo(2.0);
        assertThat(three.precision()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(three.recall()).isCloseTo(2 / 4.0, within(1e-12));
        assertThat(three.lift()).isCloseTo((2 / 3.0) / 0.4, within(1e-12));
        assertThat(three.tied()).isEqualTo(4);
        // the same data in another order: the same counts
        boolean[] p2 = positive.clone();
        double[] s2 = score.clone();
        for (int i = 0; i < 5; i++) { // reverse the first five
            boolean b = p2[i];
            p2[i] = p2[9 - i];
            p2[9 - i] = b;
            double x = s2[i];
            s2[i] = s2[9 - i];
            s2[9 - i] = x;
        }
        assertThat(TopK.of(p2, s2, 3, null)).isEqualTo(three);
        // a boundary at a change of probability: no tie, whole counts
        TopK five = TopK.of(positive, score, 5, null);
        assertThat(five.truePositives()).isEqualTo(3.0);
        assertThat(five.tied()).isZero();
    }

    @Test
    void theTopKTableTakesSharesOfTheSequencesAndTheCountsGivenOnce() {
        double[][] d = data(3);
        boolean[] positive = flags(d[1]);
        List<TopK> rows = TopK.table(positive, d[0], List.of(50L, 6L, 500L));
        assertThat(rows).extracting(TopK::k).containsExactly(3L, 6L, 15L, 30L, 50L, 60L); // 1% ... 20% of 300, then 50; 500 > 300
        assertThat(rows).extracting(TopK::share).containsExactly("1%", "2%", "5%", "10%", null, "20%");
        // the top 30 counted directly (distinct probabilities)
        Integer[] order = new Integer[300];
        for (int i = 0; i < 300; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(d[0][b], d[0][a]));
        long tp = 0;
        long all = 0;
        for (int i = 0; i < 300; i++) {
            all += positive[i] ? 1 : 0;
            tp += i < 30 && positive[order[i]] ? 1 : 0;
        }
        TopK ten = rows.get(3);
        assertThat(ten.truePositives()).isEqualTo(tp);
        assertThat(ten.recall()).isCloseTo((double) tp / all, within(1e-12));
        assertThat(ten.lift()).isCloseTo((tp / 30.0) / (all / 300.0), within(1e-12));
    }
}
