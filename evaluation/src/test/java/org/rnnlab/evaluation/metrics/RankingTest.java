package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.training.Decision;

/**
 * ROC AUC and average precision against values computed by hand (scikit-learn's definitions: {@code roc_auc_score},
 * {@code average_precision_score}), ties included, and why ND4J's exact {@code ROC} is not used for them.
 */
class RankingTest {

    private static boolean[] positives(int... y) {
        boolean[] out = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] == 1;
        }
        return out;
    }

    @Test
    void scikitLearnsDocumentationExample() {
        // y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8]: 3 of the 4 (positive, negative) pairs ordered right; from the top,
        // 0.8 (positive: precision 1, recall 1/2), 0.4 (negative), 0.35 (positive: precision 2/3, recall 1)
        boolean[] y = positives(0, 0, 1, 1);
        double[] s = {0.1, 0.4, 0.35, 0.8};
        assertThat(Ranking.rocAuc(y, s)).isEqualTo(0.75);
        assertThat(Ranking.averagePrecision(y, s)).isCloseTo(0.5 * 1 + 0.5 * 2.0 / 3, within(1e-15)); // 0.8333
    }

    @Test
    void aPerfectRankingHasAnAveragePrecisionOfExactlyOne() {
        // 9 positives ranked above 3 negatives: 1/9 added 9 times was 1.0000000000000002 (a trial's evaluate --json)
        for (int positives : new int[] {9, 11, 21, 39}) {
            boolean[] positive = new boolean[positives + 3];
            double[] score = new double[positives + 3];
            for (int i = 0; i < positive.length; i++) {
                positive[i] = i < positives;
                score[i] = 1.0 - i * 0.01;
            }
            assertThat(Ranking.averagePrecision(positive, score)).as("%d positives", positives).isEqualTo(1.0);
            assertThat(Ranking.rocAuc(positive, score)).isEqualTo(1.0);
        }
    }

    @Test
    void tiesCountHalfAndAreOneCutOff() {
        // positives at 0.9, 0.5, 0.1; negatives at 0.9, 0.5. Pairs: (0.9, 0.9) 1/2, (0.9, 0.5) 1, (0.5, 0.9) 0, (0.5, 0.5) 1/2,
        // (0.1, *) 0: 2 of 6. Cut-offs 0.9: 1 of 2 positive, recall 1/3; 0.5: 2 of 4, recall 2/3; 0.1: 3 of 5, recall 1
        boolean[] y = positives(1, 0, 1, 0, 1);
        double[] s = {0.9, 0.9, 0.5, 0.5, 0.1};
        assertThat(Ranking.rocAuc(y, s)).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(Ranking.averagePrecision(y, s)).isCloseTo((0.5 + 0.5 + 0.6) / 3, within(1e-15));
        // the order of tied examples changes nothing
        boolean[] swapped = positives(0, 1, 0, 1, 1);
        assertThat(Ranking.rocAuc(swapped, s)).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(Ranking.averagePrecision(swapped, s)).isCloseTo((0.5 + 0.5 + 0.6) / 3, within(1e-15));
        // one positive and one negative at the same probability: a coin toss
        assertThat(Ranking.rocAuc(positives(1, 0), new double[] {0.5, 0.5})).isEqualTo(0.5);
        assertThat(Ranking.rocAuc(positives(0, 1), new double[] {0.5, 0.5})).isEqualTo(0.5);
        assertThat(Ranking.averagePrecision(positives(0, 1), new double[] {0.5, 0.5})).isEqualTo(0.5);
    }

    /** ND4J's exact ROC (thresholdSteps 0) on one positive and one negative at the same probability, in that order. */
    private static double nd4jAuc(int first, int second) {
        ROC roc = new ROC(0);
        double[][] labels = new double[2][2];
        labels[0][first] = 1;
        labels[1][second] = 1;
        roc.eval(Nd4j.create(labels), Nd4j.create(new double[][] {{0.5, 0.5}, {0.5, 0.5}}));
        return roc.calculateAUC();
    }

    @Test
    void nd4jsExactRocDependsOnTheOrderOfTiedExamplesWhichIsWhyItIsNotUsed() {
        // measured on 1.0.0-M2.1: 1.0 with the positive first, 0.0 with the negative first (scikit-learn: 0.5 both)
        assertThat(nd4jAuc(1, 0)).isNotEqualTo(nd4jAuc(0, 1));
        assertThat(nd4jAuc(1, 0) + nd4jAuc(0, 1)).isEqualTo(1.0);
    }

    @Test
    void withoutTiesTheRocAucIsNd4jsExactOne() {
        Random random = new Random(3);
        int n = 300;
        int[] actual = new int[n];
        double[][] p = new double[n][3];
        double[][] labels = new double[n][3];
        for (int i = 0; i < n; i++) {
            actual[i] = random.nextInt(3);
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                p[i][c] = random.nextDouble() + (c == actual[i] ? 0.5 : 0);
                sum += p[i][c];
            }
            for (int c = 0; c < 3; c++) {
                p[i][c] /= sum;
            }
            labels[i][actual[i]] = 1;
        }
        ROCMultiClass nd4j = new ROCMultiClass(0);
        nd4j.eval(Nd4j.create(labels), Nd4j.create(p));
        Ranking r = Ranking.of(List.of("a", "b", "c"), actual, p);
        for (int c = 0; c < 3; c++) {
            assertThat(r.perClass().get(c).rocAuc()).as("class %d", c).isCloseTo(nd4j.calculateAUC(c), within(1e-12));
        }
        assertThat(r.macroRocAuc()).isCloseTo(nd4j.calculateAverageAUC(), within(1e-12));
    }

    @Test
    void everyClassAgainstTheRestWithAnAbsentClassUndefinedAndLeftOutOfTheMacroAverages() {
        // classes a, b, c; the data hold a (sequences 0, 1) and b (2, 3), no c
        int[] actual = {0, 0, 1, 1};
        double[][] p = {{0.7, 0.2, 0.1}, {0.3, 0.6, 0.1}, {0.4, 0.5, 0.1}, {0.1, 0.8, 0.1}};
        Ranking r = Ranking.of(List.of("a", "b", "c"), actual, p);
        // a: positives at 0.7, 0.3, negatives at 0.4, 0.1: (0.7 > both) 2, (0.3 > 0.1) 1: 3 of 4; from the top 0.7 (P 1, R 1/2),
        // 0.4 (negative), 0.3 (P 2/3, R 1)
        assertThat(r.perClass().get(0).rocAuc()).isEqualTo(0.75);
        assertThat(r.perClass().get(0).averagePrecision()).isCloseTo(0.5 + 0.5 * 2.0 / 3, within(1e-15));
        // b: positives at 0.5, 0.8, negatives at 0.2, 0.6: 0.5 > 0.2, 0.8 > both: 3 of 4; 0.8 (P 1, R 1/2), 0.6 (negative),
        // 0.5 (P 2/3, R 1)
        assertThat(r.perClass().get(1).rocAuc()).isEqualTo(0.75);
        assertThat(r.perClass().get(1).averagePrecision()).isCloseTo(0.5 + 0.5 * 2.0 / 3, within(1e-15));
        assertThat(r.perClass().get(2).rocAuc()).isNaN();
        assertThat(r.perClass().get(2).averagePrecision()).isNaN();
        assertThat(r.perClass().get(2).positives()).isZero();
        assertThat(r.perClass().get(2).negatives()).isEqualTo(4);
        assertThat(r.macroRocAuc()).isEqualTo(0.75);
        assertThat(r.rocAucClasses()).isEqualTo(2);
        assertThat(r.macroAveragePrecision()).isCloseTo(0.5 + 0.5 * 2.0 / 3, within(1e-15));
        String json = org.rnnlab.core.Json.write(r);
        assertThat(json).contains("\"label\" : \"c\",\n    \"positives\" : 0,\n    \"negatives\" : 4,\n    \"rocAuc\" : null,\n"
                + "    \"averagePrecision\" : null").doesNotContain("NaN");
        // a class that every sequence belongs to has an average precision (1) but no ROC AUC: nothing to rank below it
        Ranking one = Ranking.of(List.of("a", "b"), new int[] {0, 0}, new double[][] {{0.6, 0.4}, {0.2, 0.8}});
        assertThat(one.perClass().get(0).rocAuc()).isNaN();
        assertThat(one.perClass().get(0).averagePrecision()).isEqualTo(1.0);
        assertThat(one.macroRocAuc()).isNaN();
        // and is left out of the macro average precision, which it would make 1 for any model (a review)
        assertThat(one.macroAveragePrecision()).isNaN();
        assertThat(one.averagePrecisionClasses()).isZero();
        assertThat(org.rnnlab.core.Json.write(one)).contains("\"macroRocAuc\" : null").doesNotContain("NaN");
    }

    @Test
    void precisionAndRecallAtCutOffsCountTheCutOffItself() {
        boolean[] y = positives(1, 0, 1, 0, 1);
        double[] s = {0.9, 0.9, 0.5, 0.5, 0.1};
        List<CutOff> table = Ranking.cutOffs(y, s, new double[] {0.5, 0.95, 0.05});
        assertThat(table.get(0)).isEqualTo(new CutOff(0.5, 4, 2, 0.5, 2.0 / 3));
        assertThat(table.get(1).predicted()).isZero();
        assertThat(table.get(1).precision()).as("nothing predicted: undefined").isNaN();
        assertThat(table.get(1).recall()).isZero();
        assertThat(table.get(2)).isEqualTo(new CutOff(0.05, 5, 3, 0.6, 1.0));
    }

    @Test
    void aCutOffPredictsThePositiveClassFromItsProbabilityUp() {
        Decision d = Decision.cutOff(0, 0.3);
        assertThat(d.choose(new double[] {0.3, 0.7})).isZero();
        assertThat(d.choose(new double[] {0.29, 0.71})).isEqualTo(1);
        assertThat(Decision.cutOff(1, 0.8).choose(new double[] {0.25, 0.75})).isZero();
        assertThat(Decision.ARGMAX.argmax()).isTrue();
        assertThatThrownBy(() -> Decision.cutOff(0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decision.cutOff(0, 0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decision.cutOff(-2, 0.5)).isInstanceOf(IllegalArgumentException.class);
        // one class of several against the rest: below the cut-off the most probable of the others (a maintenance trial)
        Decision failure = Decision.cutOff(2, 0.3);
        assertThat(failure.choose(new double[] {0.5, 0.2, 0.3})).isEqualTo(2);
        assertThat(failure.choose(new double[] {0.2, 0.55, 0.25})).isEqualTo(1);
        assertThat(failure.choose(new double[] {0.45, 0.45, 0.1})).isZero(); // ties: the first
        assertThatThrownBy(() -> failure.choose(new double[] {0.5, 0.5})).isInstanceOf(IllegalStateException.class);
    }
}
