package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.Sequence;

/** The summary-feature baseline's model ({@link SummaryFeatures}): its features, and its fit against a case solved by hand and scikit-learn's. */
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
        assertThat(p[0][1]).isCloseTo(expected, within(1e-7));
        assertThat(p[1][0]).isCloseTo(expected, within(1e-7));
        assertThat(p[2][0]).isCloseTo(0.5, within(1e-7));
        // the same data give the same numbers: nothing random
        double[][] again = SummaryFeatures.fit(new double[][] {{1}, {-1}}, new int[] {1, 0}, 2).probabilities(new double[][] {{1}});
        assertThat(again[0][1]).isEqualTo(p[0][1]);
    }

    /**
     * Trial 79j F4: 300 Adam steps stopped about 10% short of scikit-learn's weights on well-separated classes (test
     * probabilities up to 0.065 off). Golden numbers from scikit-learn 1.2.1, computed once with /usr/bin/python3:
     * <pre>
     * import numpy as np
     * from sklearn.linear_model import LogisticRegression
     * def data(sep):
     *     i = np.arange(60); c = i % 3
     *     if sep:
     *         x = np.c_[3.0 * c + np.sin(1.7 * i), 0.5 * c + np.cos(2.3 * i)]
     *     else:
     *         x = np.c_[0.3 * c + 1.5 * np.sin(1.7 * i), np.cos(2.3 * i)]
     *     return x, c
     * j = np.arange(5)
     * q = np.c_[3 * np.sin(0.9 * j) + 2, 2 * np.cos(1.1 * j)]
     * for sep in (True, False):
     *     x, y = data(sep)
     *     mu, sd = x.mean(0), x.std(0)
     *     m = LogisticRegression(C=1.0, tol=1e-12, max_iter=100000).fit((x - mu) / sd, y)
     *     print(np.abs(m.coef_).max(), m.predict_proba((q - mu) / sd))
     * </pre>
     * (largest weight 2.83 on the separated data, 0.36 on the weak.)
     */
    @Test
    void theFitMeetsScikitLearnsLogisticRegressionOnSeparatedAndOnWeakData() {
        assertProbabilities(data(true), new double[][] {
                {0.15881182, 0.74957517, 0.09161301},
                {0.01574081, 0.51216721, 0.47209198},
                {0.03286124, 0.6026214, 0.36451737},
                {0.32463468, 0.63264997, 0.04271535},
                {0.79978281, 0.1986857, 0.00153149}});
        assertProbabilities(data(false), new double[][] {
                {0.14719573, 0.30947297, 0.5433313},
                {0.04906687, 0.20090494, 0.75002818},
                {0.04302175, 0.18186338, 0.77511487},
                {0.10991927, 0.26101256, 0.62906817},
                {0.29911379, 0.34238838, 0.35849783}});
    }

    private static void assertProbabilities(double[][] x, double[][] expected) {
        int[] y = new int[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3;
        }
        double[][] q = new double[5][];
        for (int j = 0; j < q.length; j++) {
            q[j] = new double[] {3 * Math.sin(0.9 * j) + 2, 2 * Math.cos(1.1 * j)};
        }
        double[][] p = SummaryFeatures.fit(x, y, 3).probabilities(q);
        for (int j = 0; j < q.length; j++) {
            for (int c = 0; c < 3; c++) {
                assertThat(p[j][c]).as("query %d class %d: %s", j, c, java.util.Arrays.deepToString(p)).isCloseTo(expected[j][c],
                        within(1e-4));
            }
        }
    }

    /** The golden cases' 60 training rows: class i % 3, its level set apart (separated) or only a little (weak). */
    private static double[][] data(boolean separated) {
        double[][] x = new double[60][];
        for (int i = 0; i < x.length; i++) {
            int c = i % 3;
            x[i] = separated ? new double[] {3.0 * c + Math.sin(1.7 * i), 0.5 * c + Math.cos(2.3 * i)}
                    : new double[] {0.3 * c + 1.5 * Math.sin(1.7 * i), Math.cos(2.3 * i)};
        }
        return x;
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
