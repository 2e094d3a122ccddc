package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Calibration} and {@link CalibrationSlope} against values computed by hand, and the slope and intercept recovered
 * from outcomes drawn with known miscalibration (a trial's ICU model: class weights shifted its probabilities, and rnnlab
 * said so only in words).
 */
class CalibrationTest {

    /** Two classes, positive '1': scores 0.82, 0.33, 0.85, 0.95 of outcomes 1, 0, 1, 0. */
    @Test
    void brierAndEceOfAPositiveClassByHand() {
        int[] actual = {1, 0, 1, 0};
        double[][] p = {{0.18, 0.82}, {0.67, 0.33}, {0.15, 0.85}, {0.05, 0.95}};
        Calibration c = Calibration.of(List.of("0", "1"), actual, p, 1);
        // binary: (0.18^2 + 0.33^2 + 0.15^2 + 0.95^2) / 4
        assertThat(c.brierPositive()).isCloseTo((0.0324 + 0.1089 + 0.0225 + 0.9025) / 4, within(1e-12));
        assertThat(c.brier()).isCloseTo(2 * c.brierPositive(), within(1e-12)); // two classes: twice the binary score
        // bin 8 holds 0.82 and 0.85 (mean 0.835, both 1): |0.835 - 1| twice; bin 3: 0.33 against 0; bin 9: 0.95 against 0
        assertThat(c.ece()).isCloseTo((2 * 0.165 + 0.33 + 0.95) / 4, within(1e-12));
        assertThat(c.eceOf()).isEqualTo("positive class");
        assertThat(c.bins()).hasSize(10);
        assertThat(c.bins().get(8).count()).isEqualTo(2);
        assertThat(c.bins().get(8).meanPredicted()).isCloseTo(0.835, within(1e-12));
        assertThat(c.bins().get(8).observedShare()).isEqualTo(1.0);
        assertThat(c.bins().get(3).observedShare()).isEqualTo(0.0);
        assertThat(c.bins().get(0).count()).isZero();
        assertThat(c.bins().get(0).meanPredicted()).isNaN();
        assertThat(c.meanPredicted()).isCloseTo((0.82 + 0.33 + 0.85 + 0.95) / 4, within(1e-12));
        assertThat(c.observedShare()).isEqualTo(0.5);
        assertThat(c.slope()).isNotNull();
    }

    /** Three classes, no positive class: the ECE of the top-class probability, right or wrong. */
    @Test
    void brierAndEceOfTheTopClassByHand() {
        int[] actual = {0, 1, 2, 2};
        double[][] p = {{0.5, 0.3, 0.2}, {0.1, 0.6, 0.3}, {0.4, 0.35, 0.25}, {0.15, 0.15, 0.7}};
        Calibration c = Calibration.of(List.of("a", "b", "c"), actual, p, -1);
        // (0.25+0.09+0.04) + (0.01+0.16+0.09) + (0.16+0.1225+0.5625) + (0.0225+0.0225+0.09), over 4
        assertThat(c.brier()).isCloseTo(1.62 / 4, within(1e-12));
        // top classes 0.5 right, 0.6 right, 0.4 wrong, 0.7 right, each alone in its bin
        assertThat(c.ece()).isCloseTo((0.5 + 0.4 + 0.4 + 0.3) / 4, within(1e-12));
        assertThat(c.eceOf()).isEqualTo("top class");
        assertThat(c.bins().get(4).observedShare()).isEqualTo(0.0);
        assertThat(c.bins().get(6).observedShare()).isEqualTo(1.0);
        assertThat(c.positive()).isNull();
        assertThat(c.brierPositive()).isNaN();
        assertThat(c.slope()).isNull();
    }

    @Test
    void aProbabilityOfOneFallsInTheLastBin() {
        List<Calibration.Bin> bins = Calibration.reliability(new double[] {1.0, 0.0, 0.1}, new boolean[] {true, false, false});
        assertThat(bins.get(9).count()).isEqualTo(1);
        assertThat(bins.get(0).count()).isEqualTo(1);
        assertThat(bins.get(1).count()).isEqualTo(1);
    }

    /** Outcomes drawn from sigmoid(a + b logit(q)): the fit of the outcomes on logit(q) finds b and a. */
    private static CalibrationSlope drawn(double a, double b, long seed) {
        Random random = new Random(seed);
        int n = 20000;
        double[] q = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            q[i] = 0.02 + 0.96 * random.nextDouble();
            y[i] = random.nextDouble() < CalibrationSlope.sigmoid(a + b * CalibrationSlope.logit(q[i]));
        }
        CalibrationSlope fit = CalibrationSlope.fit(y, q);
        // the maximum-likelihood equations hold at the fit: sum (y - mu) = 0 and sum (y - mu) logit(q) = 0
        double g0 = 0;
        double g1 = 0;
        for (int i = 0; i < n; i++) {
            double r = (y[i] ? 1 : 0) - CalibrationSlope.sigmoid(fit.intercept() + fit.slope() * CalibrationSlope.logit(q[i]));
            g0 += r;
            g1 += r * CalibrationSlope.logit(q[i]);
        }
        assertThat(g0).isCloseTo(0, within(1e-6));
        assertThat(g1).isCloseTo(0, within(1e-6));
        return fit;
    }

    @Test
    void slopeAndInterceptRecoverKnownMiscalibration() {
        CalibrationSlope fit = drawn(0.5, 2, 11);
        assertThat(fit.why()).isNull();
        assertThat(fit.slope()).isCloseTo(2.0, within(0.1));
        assertThat(fit.intercept()).isCloseTo(0.5, within(0.1));

        CalibrationSlope extreme = drawn(-1, 0.5, 12); // probabilities too extreme and too high: slope below 1
        assertThat(extreme.slope()).isCloseTo(0.5, within(0.05));
        assertThat(extreme.intercept()).isCloseTo(-1, within(0.1));
    }

    @Test
    void calibratedProbabilitiesGiveSlopeOneAndInterceptZero() {
        CalibrationSlope fit = drawn(0, 1, 13);
        assertThat(fit.slope()).isCloseTo(1.0, within(0.06));
        assertThat(fit.intercept()).isCloseTo(0.0, within(0.06));
    }

    @Test
    void noSlopeForOneClassOneProbabilityOrPerfectSeparation() {
        assertThat(CalibrationSlope.fit(new boolean[] {true, true}, new double[] {0.2, 0.7}).why()).contains("every sequence");
        assertThat(CalibrationSlope.fit(new boolean[] {true, false}, new double[] {0.4, 0.4}).why()).contains("same probability");
        CalibrationSlope separated = CalibrationSlope.fit(new boolean[] {false, false, true, true}, new double[] {0.1, 0.2, 0.8, 0.9});
        assertThat(separated.slope()).isNaN();
        assertThat(separated.why()).contains("separate");
        // a trial's 3-class model: p_fault 0.966-0.999 for the 21 faults, 0.01-0.795 for the 39 others; Newton's steps had
        // stalled along the ridge at slope 55.5, intercept -149.6
        boolean[] fault = new boolean[60];
        double[] p = new double[60];
        for (int i = 0; i < 60; i++) {
            fault[i] = i < 21;
            p[i] = fault[i] ? 0.966 + 0.033 * i / 20.0 : 0.01 + 0.785 * (i - 21) / 38.0;
        }
        CalibrationSlope ridge = CalibrationSlope.fit(fault, p);
        assertThat(ridge.slope()).as("slope %s", ridge.slope()).isNaN();
        assertThat(ridge.why()).contains("separate");
        // quasi-complete separation (a tie at the boundary) has no finite maximum either; reversed order too
        assertThat(CalibrationSlope.fit(new boolean[] {false, false, true, true}, new double[] {0.1, 0.5, 0.5, 0.9}).why())
                .contains("separate");
        assertThat(CalibrationSlope.fit(new boolean[] {true, true, false, false}, new double[] {0.1, 0.2, 0.8, 0.9}).why())
                .contains("separate");
        // saturated float probabilities (0 and 1) are clipped, not infinite
        CalibrationSlope saturated = CalibrationSlope.fit(new boolean[] {false, true, true, false, true},
                new double[] {0.0, 1.0, 0.3, 0.6, 0.5});
        assertThat(saturated.why()).isNull();
        assertThat(Double.isFinite(saturated.slope())).isTrue();
    }
}
