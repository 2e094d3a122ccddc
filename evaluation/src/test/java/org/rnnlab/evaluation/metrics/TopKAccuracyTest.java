package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Top-k accuracy as scikit-learn's {@code top_k_accuracy_score} computes it, ties included (trial 81c F3). */
class TopKAccuracyTest {

    /** Twelve scores, {@code value} at each of {@code at}, 0 elsewhere. */
    private static double[] row(double value, int... at) {
        double[] r = new double[12];
        for (int c : at) {
            r[c] = value;
        }
        return r;
    }

    @Test
    void tiesAreBrokenAsScikitLearnBreaksThemTheHigherClassIndexFirst() {
        double[] equal = new double[12];
        Arrays.fill(equal, 1.0 / 12);
        double[] c = row(0.3, 5, 6, 7);
        c[0] = 0.4; // ahead of the true class 5: class 0 (higher) and 6 and 7 (equal, later in label order)
        double[] d = row(0.3, 2, 3, 5);
        d[0] = 0.1; // the true class 5 ties with 2 and 3, which come earlier: nothing ahead of it
        double[][] p = {equal, equal.clone(), c, d};
        int[] actual = {11, 0, 5, 5};
        // scikit-learn 1.9.1: top_k_accuracy_score([11, 0, 5, 5], p, k=3, labels=range(12)) = 0.5, k=5: 0.75
        assertThat(TopKAccuracy.of(actual, p, 3)).as("top-3 of the four rows").isEqualTo(0.5);
        assertThat(TopKAccuracy.of(actual, p, 5)).as("top-5 of the four rows").isEqualTo(0.75);
        assertThat(TopKAccuracy.of(actual, p, 1)).as("top-1 with the ties: row 1 (class 11 first) and row 4").isEqualTo(0.5);
    }

    @Test
    void withoutTiesItIsTheShareWhoseClassIsAmongTheKHighestAndTop1IsTheArgmaxAccuracy() {
        Random r = new Random(81);
        int n = 200;
        int classes = 15;
        double[][] p = new double[n][classes];
        int[] actual = new int[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                p[i][c] = r.nextDouble();
            }
            actual[i] = r.nextInt(classes);
        }
        for (int k : new int[] {1, 3, 5}) {
            long hits = 0;
            for (int i = 0; i < n; i++) { // the k highest by sorting, the way one would by hand
                double[] row = p[i];
                List<Integer> order = IntStream.range(0, classes).boxed().sorted((a, b) -> Double.compare(row[b], row[a])).toList();
                hits += order.subList(0, k).contains(actual[i]) ? 1 : 0;
            }
            assertThat(TopKAccuracy.of(actual, p, k)).as("top-%d of 200 random rows", k).isEqualTo(hits / (double) n);
        }
    }

    @Test
    void measuredForMoreThanTenClassesEachKUnderTheClassCount() {
        double[][] p = {row(1, 0), row(1, 1)};
        int[] actual = {0, 2};
        assertThat(TopKAccuracy.all(10, actual, new double[][] {new double[10], new double[10]})).as("10 classes: none").isEmpty();
        assertThat(TopKAccuracy.all(12, actual, p)).containsOnlyKeys(Metric.TOP_3_ACCURACY, Metric.TOP_5_ACCURACY);
        assertThat(TopKAccuracy.all(12, new int[0], new double[0][])).as("no sequence: undefined, absent").isEmpty();
    }

    @Test
    void theSummaryLineNamesBothKAndTheTop1Accuracy() {
        long[][] confusion = new long[12][12];
        confusion[0][0] = 3;
        confusion[1][0] = 1;
        EvaluationResult r = Evaluator.fromConfusion(IntStream.range(0, 12).mapToObj(c -> "c" + c).toList(), confusion, List.of(), 0.1)
                .withMetrics(java.util.Map.of(Metric.TOP_3_ACCURACY, 0.875, Metric.TOP_5_ACCURACY, 1.0));
        assertThat(TopKAccuracy.line(r)).hasValue("top-k accuracy: top-3 0.8750, top-5 1.0000 (the true class among the 3 or 5 "
                + "most probable of 12; accuracy is top-1 0.7500)");
        assertThat(TopKAccuracy.line(Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{1, 0}, {0, 1}}, List.of(), 0.1)))
                .as("a model of 2 classes: no line").isEmpty();
    }
}
