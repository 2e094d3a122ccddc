package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.datasets.SequenceDataset;

class LearningRateFinderTest {
    private static final ModelSpec SPEC = ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(6)).withUpdater(UpdaterKind.ADAM, 0.01);
    /** 40 training sequences in minibatches of 16: 3 per epoch, so 30 steps cycle the data 10 times. */
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withBatchSize(16).withSeed(7);

    private static SequenceDataset data() {
        return TrainerTest.firstStepSign(40, 3);
    }

    @Test
    void ratesAreGeometricFromMinToMaxAndTheListsAgree() {
        LearningRateFinder.Range range = new LearningRateFinder.Range(30, 1e-4, 1e-1);
        LearningRateSweep sweep = LearningRateFinder.sweep(SPEC, CONFIG, data(), range);

        List<Double> r = sweep.rates();
        assertThat(r).hasSizeGreaterThan(2).hasSizeLessThanOrEqualTo(30);
        assertThat(sweep.losses()).hasSameSizeAs(r);
        assertThat(sweep.smoothedLosses()).hasSameSizeAs(r);
        assertThat(r.get(0)).isEqualTo(1e-4);
        double ratio = Math.pow(1e3, 1.0 / 29);
        for (int i = 1; i < r.size(); i++) {
            assertThat(r.get(i)).isGreaterThan(r.get(i - 1));
            assertThat(r.get(i) / r.get(i - 1)).isCloseTo(ratio, within(1e-9));
        }
        if (r.size() == 30) {
            assertThat(r.get(29)).isEqualTo(1e-1);
        }
        // the smoothed loss by hand: bias-corrected exponential average with beta 0.98
        List<Double> l = sweep.losses();
        assertThat(sweep.smoothedLosses().get(0)).isCloseTo(l.get(0), within(1e-12));
        double avg1 = 0.02 * l.get(0);
        double avg2 = 0.98 * avg1 + 0.02 * l.get(1);
        double avg3 = 0.98 * avg2 + 0.02 * l.get(2);
        assertThat(sweep.smoothedLosses().get(1)).isCloseTo(avg2 / (1 - 0.98 * 0.98), within(1e-12));
        assertThat(sweep.smoothedLosses().get(2)).isCloseTo(avg3 / (1 - Math.pow(0.98, 3)), within(1e-12));

        assertThat(sweep.suggested()).isBetween(1e-5, 1e-1);
        assertThat(sweep.reason()).isEqualTo(LearningRateFinder.suggest(r, sweep.smoothedLosses()).reason()).startsWith(LearningRateFinder.MINIMUM);
        assertThat(sweep.suggested()).isEqualTo(LearningRateFinder.suggest(r, sweep.smoothedLosses()).rate());
    }

    @Test
    void theSameSeedGivesTheSameSweep() {
        LearningRateFinder.Range range = new LearningRateFinder.Range(12, 1e-4, 1e-2);
        LearningRateSweep a = LearningRateFinder.sweep(SPEC, CONFIG, data(), range);
        LearningRateSweep b = LearningRateFinder.sweep(SPEC, CONFIG, data(), range);
        assertThat(b).isEqualTo(a);
        LearningRateSweep other = LearningRateFinder.sweep(SPEC.withSeed(99), CONFIG.withSeed(99), data(), range);
        assertThat(other.losses()).isNotEqualTo(a.losses());
    }

    @Test
    void stopsEarlyWhenTheLossExplodes() {
        ModelSpec sgd = SPEC.withUpdater(UpdaterKind.SGD, 0.01);
        LearningRateSweep sweep = LearningRateFinder.sweep(sgd, CONFIG, data(), new LearningRateFinder.Range(60, 1e-3, 1e4));

        assertThat(sweep.rates()).hasSizeLessThan(60);
        double last = sweep.smoothedLosses().get(sweep.smoothedLosses().size() - 1);
        double min = sweep.smoothedLosses().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        boolean stoppedOnSmoothed = last > LearningRateFinder.DIVERGENCE_FACTOR * min;
        // either the smoothed loss passed 4x its minimum, or the next loss was not finite (and was not recorded)
        assertThat(sweep.losses()).allMatch(Double::isFinite);
        assertThat(stoppedOnSmoothed || sweep.rates().size() < 60).isTrue();
    }

    @Test
    void suggestsATenthOfTheRateAtTheMinimumOnAHandMadeCurve() {
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rates.add(Math.pow(10, -5 + i)); // 1e-5 .. 1e1, equal steps in log rate
        }
        // a fall that is steepest at the start (as when a model learns from its first minibatches at any rate),
        // lowest at 1e0, then a rise: the steepest-descent rule would say 1e-4, the minimum rule says 1e-1
        List<Double> smoothed = List.of(2.3, 1.0, 0.8, 0.7, 0.6, 0.5, 3.0);
        LearningRateFinder.Suggestion s = LearningRateFinder.suggest(rates, smoothed);
        assertThat(s.rate()).isCloseTo(1e-1, within(1e-15));
        assertThat(s.reason()).isEqualTo("a tenth of the rate at the minimum smoothed loss");
    }

    @Test
    void aLossThatNeverFallsSuggestsATenthOfTheLowestRate() {
        List<Double> rates = List.of(1e-4, 1e-3, 1e-2, 1e-1);
        LearningRateFinder.Suggestion s = LearningRateFinder.suggest(rates, List.of(1.0, 1.0, 1.5, 4.0));
        assertThat(s.rate()).isCloseTo(1e-5, within(1e-18));
        // a user's try: a suggestion below the range, said without a caveat
        assertThat(s.reason()).startsWith("a tenth of the rate at the minimum smoothed loss, which is at the sweep's first rate")
                .contains("below the range tried");
        // a minimum near the start (a tenth of it below the first rate) is said too
        LearningRateFinder.Suggestion near = LearningRateFinder.suggest(List.of(1e-4, 2e-4, 4e-4, 1e-3, 1e-2),
                List.of(1.0, 0.9, 1.2, 1.5, 4.0));
        assertThat(near.rate()).isCloseTo(2e-5, within(1e-18));
        assertThat(near.reason()).contains("near the sweep's first rate, so this is below the range tried");
        // two points: no inner point to take a slope at
        assertThat(LearningRateFinder.suggest(List.of(1e-3, 1e-2), List.of(2.0, 1.0)).rate()).isCloseTo(1e-3, within(1e-15));
    }

    @Test
    void aMinimumAtTheLastRateSaysTheLossWasStillFalling() {
        List<Double> rates = List.of(1e-4, 1e-3, 1e-2, 1e-1);
        LearningRateFinder.Suggestion s = LearningRateFinder.suggest(rates, List.of(2.0, 1.5, 1.0, 0.5));
        assertThat(s.rate()).isCloseTo(1e-2, within(1e-15));
        assertThat(s.reason()).startsWith("a tenth of the rate at the minimum smoothed loss, which is at the sweep's last rate")
                .contains("--find-lr-range");
        // one point is not a sweep's edge
        assertThat(LearningRateFinder.suggest(List.of(1e-3), List.of(2.0)).reason()).isEqualTo("a tenth of the rate at the minimum smoothed loss");
    }

    @Test
    void aMinimumAtTheLastRateWhereTheRawLossRoseSaysTheSmoothingLaggedNotThatTheLossWasStillFalling() {
        // a trial user's 40-step sweep: the smoothed loss still fell at rate 1, the raw loss had risen from 0.107 at 0.744
        // to 0.418 at 1.0, and the suggestion said "the loss was still falling there"
        List<Double> rates = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> smoothed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rates.add(Math.pow(10, -5 + 5 * i / 7.0));
            raw.add(List.of(1.4, 1.3, 1.1, 0.59, 0.19, 0.24, 0.107, 0.418).get(i));
            smoothed.add(1.4 - 0.04 * i);
        }
        LearningRateFinder.Suggestion s = LearningRateFinder.suggest(rates, raw, smoothed);
        assertThat(s.rate()).isCloseTo(0.1, within(1e-12));
        assertThat(s.reason()).startsWith("a tenth of the rate at the minimum smoothed loss, which is at the sweep's last rate, but the "
                + "raw loss rose at the end (0.107 at 1.9e-01, 0.418 at 1.0e+00)").contains("--find-lr-steps 100 or more")
                .doesNotContain("still falling");
        // raw losses that fell to the end too: still falling
        List<Double> falling = new ArrayList<>(raw);
        falling.set(7, 0.1);
        assertThat(LearningRateFinder.suggest(rates, falling, smoothed).reason()).contains("the loss was still falling");
        // the warning for too few steps says how many the smoothing needs
        assertThat(LearningRateFinder.fewStepsWarning(40)).hasValueSatisfying(w -> assertThat(w).startsWith("40 steps are too few "
                + "for the smoothing").contains("averages about 50 minibatches").endsWith("--find-lr-steps 100 or more"));
        assertThat(LearningRateFinder.fewStepsWarning(LearningRateFinder.DEFAULT_STEPS)).isEmpty();
    }

    @Test
    void rejectsBadRanges() {
        assertThatThrownBy(() -> new LearningRateFinder.Range(10, 1, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LearningRateFinder.Range(10, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LearningRateFinder.Range(1, 1e-5, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
