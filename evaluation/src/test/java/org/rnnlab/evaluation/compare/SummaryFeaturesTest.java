package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.Sequence;

/** The summary-feature baseline's model ({@link SummaryFeatures}): its features, and its fit against a case solved by hand. */
class SummaryFeaturesTest {

    @Test
    void eachFeaturesMeanThenItsPopulationSdOverTheStepsThatAreNumbers() {
        Sequence s = new Sequence(new float[][] {{1, 10}, {3, Float.NaN}, {5, 30}}, 0);
        double[] f = SummaryFeatures.of(s);
        assertThat(f).hasSize(4);
        assertThat(f[0]).isCloseTo(3, within(1e-9));
        assertThat(f[1]).isCloseTo(20, within(1e-9)); // the NaN step left out of the second feature's
        assertThat(f[2]).isCloseTo(Math.sqrt(8 / 3.0), within(1e-6));
        assertThat(f[3]).isCloseTo(10, within(1e-6));
        assertThat(SummaryFeatures.of(new Sequence(new float[][] {{7}}, 0))).containsExactly(7, 0);
    }

    /**
     * Two rows, x = +1 of class 1 and x = -1 of class 0 (already standardised: mean 0, sd 1), L2 1/n = 1/2. By symmetry the
     * biases are 0 and the two classes' weights are -a and +a; the objective, mean cross-entropy log(1 + e^(-2a)) plus
     * (1/2)(1/2)(2 a^2) = a^2/2, is least where a = 2 sigma(-2a). Solved by bisection here; the fit must give
     * p(class 1 | x = +1) = sigma(2a).
     */
    @Test
    void theFitMeetsTheHandSolvedOptimumOfATwoPointProblem() {
        double lo = 0;
        double hi = 2;
        for (int i = 0; i < 200; i++) {
            double a = (lo + hi) / 2;
            if (a - 2 * sigmoid(-2 * a) < 0) {
                lo = a;
            } else {
                hi = a;
            }
        }
        double a = (lo + hi) / 2;
        double expected = sigmoid(2 * a); // about 0.73: far from the 1.0 an unpenalised fit would run to
        assertThat(expected).isBetween(0.6, 0.9);
        SummaryFeatures fit = SummaryFeatures.fit(new double[][] {{1}, {-1}}, new int[] {1, 0}, 2);
        double[][] p = fit.probabilities(new double[][] {{1}, {-1}, {0}});
        assertThat(p[0][1]).isCloseTo(expected, within(2e-3));
        assertThat(p[1][0]).isCloseTo(expected, within(2e-3));
        assertThat(p[2][0]).isCloseTo(0.5, within(2e-3));
        // the same data give the same numbers: nothing random
        double[][] again = SummaryFeatures.fit(new double[][] {{1}, {-1}}, new int[] {1, 0}, 2).probabilities(new double[][] {{1}});
        assertThat(again[0][1]).isEqualTo(p[0][1]);
    }

    /**
     * Three classes whose means are well apart (all 90 rows classified right), so the optimum has large weights (up to 3.0): the case
     * where 300 Adam steps stopped short (trial 79j F4, probabilities up to 0.065 off; here 0.034). The expected probabilities are
     * scikit-learn 1.2.1's, computed once with:
     * <pre>
     * import math, numpy as np
     * from sklearn.linear_model import LogisticRegression
     * from sklearn.preprocessing import StandardScaler
     * X = np.array([[1.6*(i%3) + 0.5*math.sin(1.7*i), 0.5*(i%3) + 0.4*math.cos(2.3*i), 1 + 0.3*math.sin(0.9*i)]
     *               for i in range(90)]); y = np.array([i % 3 for i in range(90)])
     * s = StandardScaler().fit(X)
     * m = LogisticRegression(C=1.0, tol=1e-12, max_iter=100000).fit(s.transform(X), y)
     * print(m.predict_proba(s.transform([[0.5, 0.25, 1.0], [1.5, 0.75, 1.0], [0.9, 0.5, 1.2], [2.0, 1.0, 0.8]])))
     * </pre>
     */
    @Test
    void theFitMeetsScikitLearnsOptimumOnWellSeparatedClasses() {
        double[][] x = new double[90][];
        int[] y = new int[90];
        for (int i = 0; i < 90; i++) {
            int c = i % 3;
            x[i] = new double[] {1.6 * c + 0.5 * Math.sin(1.7 * i), 0.5 * c + 0.4 * Math.cos(2.3 * i), 1 + 0.3 * Math.sin(0.9 * i)};
            y[i] = c;
        }
        double[][] expected = {
            {0.653337, 0.345240, 0.001422},
            {0.049457, 0.840992, 0.109552},
            {0.290415, 0.696652, 0.012934},
            {0.005906, 0.573297, 0.420797}};
        double[][] p = SummaryFeatures.fit(x, y, 3).probabilities(
                new double[][] {{0.5, 0.25, 1.0}, {1.5, 0.75, 1.0}, {0.9, 0.5, 1.2}, {2.0, 1.0, 0.8}});
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < 3; c++) {
                assertThat(p[i][c]).as("row %d class %d", i, c).isCloseTo(expected[i][c], within(1e-3));
            }
        }
    }

    /**
     * The cost stated in SummaryFeatures' javadoc: 10,000 sequences of 16 summaries, 3 well-separated classes. Printed, and
     * bounded loosely (a shared 2-core machine) so that a fit that runs to its iteration cap would show.
     */
    @Test
    void aLargeFitIsCheap() {
        int n = 10_000;
        double[][] x = new double[n][16];
        int[] y = new int[n];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 16; j++) {
                x[i][j] = (j < 8 ? y[i] : 0) + random.nextGaussian();
            }
        }
        long start = System.nanoTime();
        SummaryFeatures.fit(x, y, 3);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("summary-feature fit, 10,000 x 16, 3 classes: %.2f s%n", seconds);
        assertThat(seconds).isLessThan(20);
    }

    @Test
    void aConstantColumnIsCentredNotDividedByZero() {
        // sequences each at one value: every sd summary is 0 in training, a column of one value
        List<Sequence> train = List.of(seq(1, 1), seq(-1, 0), seq(2, 1), seq(-2, 0));
        SummaryFeatures fit = SummaryFeatures.fit(train, 2);
        double[][] p = fit.probabilities(new double[][] {{3, 0}, {-3, 0}});
        assertThat(p[0][1]).isGreaterThan(0.8).isLessThanOrEqualTo(1);
        assertThat(p[1][0]).isGreaterThan(0.8);
        assertThat(fit.predict(List.of(seq(3, 0), seq(-3, 1)))).containsExactly(1, 0);
    }

    private static Sequence seq(float value, int label) {
        return new Sequence(new float[][] {{value}, {value}, {value}}, label);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
