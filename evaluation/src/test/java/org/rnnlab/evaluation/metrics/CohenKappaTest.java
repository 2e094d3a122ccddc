package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cohen's kappa ({@link Metric#COHEN_KAPPA}) against golden values: each one worked by hand below as
 * {@code (n sum_c C[c][c] - sum_c r_c q_c) / (n^2 - sum_c r_c q_c)} (rows r: true classes, columns q: predicted), and the
 * same number as scikit-learn 1.9.1's {@code cohen_kappa_score(y_true, y_pred)} printed for the examples each matrix counts.
 * A sleep trial computed kappa from evaluate's JSON by hand; these are the numbers it would have got.
 */
class CohenKappaTest {

    static List<Arguments> golden() {
        return List.of(
                // every sequence right: p_o = 1, p_e = (25 + 9 + 4) / 100; 1
                Arguments.of("perfect", new long[][] {{5, 0, 0}, {0, 3, 0}, {0, 0, 2}}, 1.0),
                // predictions independent of the truth: each cell = r_a q_p / n (r = 60, 40; q = 30, 70): p_o = p_e = 0.46; 0
                Arguments.of("chance level", new long[][] {{18, 42}, {12, 28}}, 0.0),
                // scikit-learn's own test case: n 100, diagonal 70, r = 40, 60, q = 30, 70: (7000 - 5400) / (10000 - 5400) = 8/23
                Arguments.of("scikit-learn's test", new long[][] {{20, 20}, {10, 50}}, 8.0 / 23),
                // class c never predicted: n 27, diagonal 17, r = 12, 10, 5, q = 17, 10, 0: (459 - 304) / (729 - 304) = 31/85
                Arguments.of("a class never predicted", new long[][] {{10, 2, 0}, {3, 7, 0}, {4, 1, 0}}, 31.0 / 85),
                // every sequence wrong with balanced marginals: p_o 0, p_e 0.5; -1
                Arguments.of("complete disagreement", new long[][] {{0, 5}, {5, 0}}, -1.0),
                // a class neither present nor predicted changes nothing: n 14, diagonal 11, r = q = 7, 7 (q = 8, 6):
                // (154 - (56 + 42)) / (196 - 98) = 56/98 = 4/7
                Arguments.of("an absent class", new long[][] {{6, 1, 0}, {2, 5, 0}, {0, 0, 0}}, 4.0 / 7),
                // one true class, predictions split: p_o = p_e = 4/7 (the only row holds everything); 0, not undefined
                Arguments.of("one true class, predicted two ways", new long[][] {{4, 3}, {0, 0}}, 0.0),
                // a hypnogram of 5 stages W, N1, N2, N3, REM (N1 rare and confused): 76215 / 99147 = 25405/33049
                Arguments.of("five sleep stages", new long[][] {{90, 3, 2, 0, 5}, {6, 10, 8, 0, 6}, {2, 4, 110, 6, 3}, {0, 0, 9, 50, 0},
                        {3, 2, 4, 0, 41}}, 25405.0 / 33049),
                // the same with N1 never predicted (its 30 sequences called W, N2 or REM): 70553/93273
                Arguments.of("five sleep stages, N1 never predicted", new long[][] {{90, 0, 2, 0, 5}, {6, 0, 14, 0, 10},
                        {2, 0, 110, 6, 3}, {0, 0, 9, 50, 0}, {3, 0, 4, 0, 41}}, 70553.0 / 93273));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void kappaOfAConfusionMatrixIsTheHandComputedValue(String name, long[][] confusion, double expected) {
        assertThat(Evaluator.cohenKappa(confusion)).isCloseTo(expected, within(1e-15));
        List<String> labels = List.of("W", "N1", "N2", "N3", "REM").subList(0, confusion.length);
        EvaluationResult r = Evaluator.fromConfusion(labels, confusion, List.of(), 0);
        assertThat(r.cohenKappa()).isEqualTo(Evaluator.cohenKappa(confusion));
        assertThat(r.metrics()).containsKey(Metric.COHEN_KAPPA);
        // symmetric in the two raters, as scikit-learn's
        long[][] transposed = new long[confusion.length][confusion.length];
        for (int a = 0; a < confusion.length; a++) {
            for (int p = 0; p < confusion.length; p++) {
                transposed[p][a] = confusion[a][p];
            }
        }
        assertThat(Evaluator.cohenKappa(transposed)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void scikitLearnsPrintedValuesAgree() {
        // the floats scikit-learn 1.9.1 printed for the hypnograms and the matrix with a class never predicted
        assertThat(Evaluator.cohenKappa(new long[][] {{90, 3, 2, 0, 5}, {6, 10, 8, 0, 6}, {2, 4, 110, 6, 3}, {0, 0, 9, 50, 0},
                {3, 2, 4, 0, 41}})).isCloseTo(0.7687070713183455, within(1e-15));
        assertThat(Evaluator.cohenKappa(new long[][] {{90, 0, 2, 0, 5}, {6, 0, 14, 0, 10}, {2, 0, 110, 6, 3}, {0, 0, 9, 50, 0},
                {3, 0, 4, 0, 41}})).isCloseTo(0.7564139676004846, within(1e-15));
        assertThat(Evaluator.cohenKappa(new long[][] {{10, 2, 0}, {3, 7, 0}, {4, 1, 0}})).isCloseTo(0.3647058823529412, within(1e-15));
    }

    @Test
    void undefinedWhereChanceAgreementIsCertainAbsentFromTheMetrics() {
        // p_e = 1: every sequence of one class and predicted as it (scikit-learn: nan, UndefinedMetricWarning); no sequence
        for (long[][] confusion : List.of(new long[][] {{7, 0}, {0, 0}}, new long[][] {{0, 0, 0}, {0, 0, 0}, {0, 0, 4}},
                new long[][] {{0, 0}, {0, 0}})) {
            assertThat(Evaluator.cohenKappa(confusion)).isNaN();
            EvaluationResult r = Evaluator.fromConfusion(List.of("a", "b", "c").subList(0, confusion.length), confusion, List.of(), 0);
            assertThat(r.metrics()).doesNotContainKey(Metric.COHEN_KAPPA);
            assertThat(r.cohenKappa()).isNaN();
        }
    }

    @Test
    void theBootstrapGivesKappaAnIntervalFromTheSameResamples() {
        long[][] confusion = {{90, 3, 2, 0, 5}, {6, 10, 8, 0, 6}, {2, 4, 110, 6, 3}, {0, 0, 9, 50, 0}, {3, 2, 4, 0, 41}};
        EvaluationResult r = Evaluator.fromConfusion(List.of("W", "N1", "N2", "N3", "REM"), confusion, List.of(), 0);
        ScoreIntervals i = ScoreIntervals.of(r, 2);
        assertThat(i.kappaLow()).isLessThan(r.cohenKappa()).isGreaterThan(0.6);
        assertThat(i.kappaHigh()).isGreaterThan(r.cohenKappa()).isLessThan(0.9);
        // seeded: the same interval again
        ScoreIntervals again = ScoreIntervals.of(r, 2);
        assertThat(again.kappaLow()).isEqualTo(i.kappaLow());
        assertThat(again.kappaHigh()).isEqualTo(i.kappaHigh());
        // a rare class never falsely predicted: the few resamples without it have no kappa, and the interval is taken over the
        // others (a review: {{95,0},{1,4}} had kappa 0.884 and no interval)
        EvaluationResult rare = Evaluator.fromConfusion(List.of("ok", "fault"), new long[][] {{95, 0}, {1, 4}}, List.of(), 0);
        ScoreIntervals rareIntervals = ScoreIntervals.of(rare, 0);
        assertThat(rareIntervals.kappaLow()).isLessThan(rare.cohenKappa()).isGreaterThan(0);
        assertThat(rareIntervals.kappaHigh()).isEqualTo(1.0);
        // one class that every sequence holds and gets: every resample undefined, so no interval
        EvaluationResult one = Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{9, 0}, {0, 0}}, List.of(), 0);
        assertThat(ScoreIntervals.of(one, 0).kappaLow()).isNaN();
        assertThat(ScoreIntervals.of(one, 0).kappaHigh()).isNaN();
    }
}
