package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The positive class's every distinct cut-off ({@link CurvePoint}, evaluate's {@code --curve}): counted by hand on a small
 * example with ties, and on random data equal to {@link Ranking}'s average precision and ROC AUC, which the rows give again,
 * and to {@link Alarm#at} at each row's threshold (trial 75c F4: the fixed table's rows 0.9 and 0.95 left the falls' 0.87-0.96
 * unseen).
 */
class CurvePointTest {

    @Test
    void everyDistinctProbabilityIsOneRowCountedByHand() {
        boolean[] positive = {true, false, true, true, false, true, false};
        double[] score = {0.9, 0.8, 0.8, 0.6, 0.3, 0.3, 0.1};
        List<CurvePoint> rows = CurvePoint.curve(positive, score);
        // 4 of the class, 3 others; the ties at 0.8 and 0.3 are one row each
        assertThat(rows).containsExactly(
                new CurvePoint(0.85, 0.9, 1, 0, 3, 3),
                new CurvePoint(0.7, 0.8, 2, 1, 2, 2),
                new CurvePoint(0.4, 0.6, 3, 1, 1, 2),
                new CurvePoint(0.2, 0.3, 4, 2, 0, 1),
                new CurvePoint(0.05, 0.1, 4, 3, 0, 0));
        assertThat(rows.get(2).precision()).isEqualTo(0.75);
        assertThat(rows.get(2).recall()).isEqualTo(0.75);
        assertThat(rows.get(3).falseAlarmRate()).isEqualTo(2.0 / 3);
        assertThat(CurvePoint.csv(rows).lines().toList()).containsExactly(
                "threshold,probability,tp,fp,fn,tn,precision,recall,false_alarm_rate",
                "0.85,0.9,1,0,3,3,1.0,0.25,0.0",
                "0.7,0.8,2,1,2,2,0.6666666666666666,0.5,0.3333333333333333",
                "0.4,0.6,3,1,1,2,0.75,0.75,0.3333333333333333",
                "0.2,0.3,4,2,0,1,0.6666666666666666,1.0,0.6666666666666666",
                "0.05,0.1,4,3,0,0,0.5714285714285714,1.0,1.0");
    }

    @Test
    void theRowsGiveRankingsAveragePrecisionAndRocAucAndTheirThresholdsRaiseTheirCounts() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            int n = 300;
            boolean[] positive = new boolean[n];
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                positive[i] = random.nextDouble() < 0.05;
                double logit = -1 + 1.5 * (positive[i] ? 1 : 0) + random.nextGaussian();
                // rounded to 3 decimals: many ties, as saturated float probabilities tie
                score[i] = Math.round(1000 / (1 + Math.exp(-logit))) / 1000.0;
            }
            List<CurvePoint> rows = CurvePoint.curve(positive, score);
            assertThat(rows).hasSize((int) java.util.Arrays.stream(score).distinct().count());
            double ap = 0;
            double auc = 0;
            double recall = 0;
            double falseAlarms = 0;
            for (CurvePoint r : rows) {
                ap += (r.recall() - recall) * r.precision();
                auc += (r.falseAlarmRate() - falseAlarms) * (r.recall() + recall) / 2; // trapezoids from (0, 0)
                recall = r.recall();
                falseAlarms = r.falseAlarmRate();
                Alarm at = Alarm.at(positive, score, r.threshold());
                assertThat(at.caught()).isEqualTo(r.tp());
                assertThat(at.falseAlarms()).isEqualTo(r.fp());
                assertThat(r.threshold()).isLessThanOrEqualTo(r.probability());
                assertThat(r.tp() + r.fn() + r.fp() + r.tn()).isEqualTo(n);
            }
            assertThat(ap).isCloseTo(Ranking.averagePrecision(positive, score), within(1e-12));
            assertThat(auc).isCloseTo(Ranking.rocAuc(positive, score), within(1e-12));
            CurvePoint last = rows.get(rows.size() - 1);
            assertThat(last.fn() + last.tn()).as("the last row raises every sequence").isZero();
        }
    }
}
