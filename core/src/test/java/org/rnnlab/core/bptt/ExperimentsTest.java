package org.rnnlab.core.bptt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentsTest {

    private static SpectralSweep.Row at(List<SpectralSweep.Row> rows, double radius, int d) {
        return rows.stream().filter(r -> r.spectralRadius() == radius && r.distance() == d).findFirst().orElseThrow();
    }

    @Test
    void linearSweepDecaysAtTheSpectralRadius() {
        SpectralSweep.Config c = new SpectralSweep.Config(16, 200, List.of(0.5, 0.9, 1.0, 1.1, 1.5), RnnActivation.LINEAR, 1.0, 42);
        List<SpectralSweep.Row> rows = SpectralSweep.run(c);
        assertThat(rows).hasSize(5 * 200);
        int d = 199;
        for (double rho : c.radii()) {
            double rate = Math.pow(at(rows, rho, d).jacobianNorm(), 1.0 / d);
            assertThat(rate).as("per-step rate at rho=%s", rho).isCloseTo(rho, within(0.05 * rho));
            for (SpectralSweep.Row r : rows) {
                if (r.spectralRadius() == rho) {
                    assertThat(r.jacobianNorm()).isLessThanOrEqualTo(r.bound() * (1 + 1e-9));
                }
            }
        }
        // vanishing below 1, growing above
        assertThat(at(rows, 0.5, d).jacobianNorm()).isLessThan(1e-50);
        assertThat(at(rows, 0.9, d).jacobianNorm()).isLessThan(1e-6);
        assertThat(at(rows, 1.5, d).jacobianNorm()).isGreaterThan(at(rows, 1.5, 10).jacobianNorm()).isGreaterThan(1e30);
        assertThat(at(rows, 0.5, d).log10JacobianNorm()).isCloseTo(Math.log10(at(rows, 0.5, d).jacobianNorm()), within(1e-6));
    }

    @Test
    void theSweepKeepsTheExactLog10WhereTheNormUnderflows() {
        // a user's 1200-step sweep wrote jacobian_norm 0.0 in hundreds of rows: the CSV now carries the exact log10 beside it
        List<SpectralSweep.Row> rows = SpectralSweep.run(new SpectralSweep.Config(8, 1200, List.of(0.5), RnnActivation.LINEAR, 1.0, 3));
        SpectralSweep.Row far = at(rows, 0.5, 1199);
        assertThat(far.jacobianNorm()).isZero();
        assertThat(far.log10JacobianNorm()).isCloseTo(1199 * Math.log10(0.5), within(0.05 * 1199 * Math.log10(2)));
        assertThat(far.log10JacobianNorm()).isLessThanOrEqualTo(far.log10Bound() + 1e-9);
        assertThat(far.toCsvRow().split(",")).hasSize(6);
    }

    @Test
    void radiiAtTheEndsOfTheDoubleRangeGiveABoundOf1AtDistance0AndCsvCellsThatDoNotPretend() {
        // a user's try: --spectral-radius 1e-300 wrote bound NaN at distance 0, and 1000 over 128 steps wrote
        // jacobian_norm=Infinity beside a finite log10
        List<SpectralSweep.Row> tiny = SpectralSweep.run(new SpectralSweep.Config(8, 4, List.of(1e-300), RnnActivation.LINEAR, 1.0, 42));
        SpectralSweep.Row zero = at(tiny, 1e-300, 0);
        assertThat(zero.bound()).isEqualTo(1.0);
        assertThat(zero.log10Bound()).isZero();
        assertThat(zero.toCsvRow()).isEqualTo("1.0E-300,0,1.0,1.0,0.0,0.0,"); // the last column: no forward overflow
        SpectralSweep.Row one = at(tiny, 1e-300, 1);
        assertThat(one.log10Bound()).as("sigma_max of a matrix of 1e-301 entries, not 0").isBetween(-301.0, -299.0);
        assertThat(one.log10JacobianNorm()).isLessThanOrEqualTo(one.log10Bound() + 1e-9);
        SpectralSweep.Row three = at(tiny, 1e-300, 3);
        assertThat(three.toCsvRow().split(",", -1)).as(three.toCsvRow()).containsSubsequence("3", "", "");

        List<SpectralSweep.Row> huge = SpectralSweep.run(new SpectralSweep.Config(8, 128, List.of(1000.0), RnnActivation.LINEAR, 1.0, 42));
        SpectralSweep.Row far = at(huge, 1000.0, 127);
        assertThat(far.jacobianNorm()).isInfinite();
        assertThat(far.log10JacobianNorm()).isGreaterThan(330);
        String[] cells = far.toCsvRow().split(",", -1);
        assertThat(cells[2]).as("jacobian_norm beyond the double range").isEmpty();
        assertThat(cells[3]).as("bound beyond the double range").isEmpty();
        assertThat(Double.parseDouble(cells[4])).isEqualTo(far.log10JacobianNorm());
        assertThat(at(huge, 1000.0, 10).toCsvRow().split(",", -1)[2]).as("within the range").isNotEmpty();
    }

    @Test
    void tanhSaturationLimitsTheExplosion() {
        List<Double> radii = List.of(1.5);
        List<SpectralSweep.Row> lin = SpectralSweep.run(new SpectralSweep.Config(16, 100, radii, RnnActivation.LINEAR, 1.0, 7));
        List<SpectralSweep.Row> tanh = SpectralSweep.run(new SpectralSweep.Config(16, 100, radii, RnnActivation.TANH, 1.0, 7));
        assertThat(at(lin, 1.5, 99).jacobianNorm()).isGreaterThan(1e10);
        assertThat(at(tanh, 1.5, 99).jacobianNorm()).isLessThan(1e-3 * at(lin, 1.5, 99).jacobianNorm());
    }

    @Test
    void largerInputsSaturateTanhAndSpeedUpTheDecay() {
        List<SaturationExperiment.Row> rows = SaturationExperiment.run(SaturationExperiment.Config.defaults());
        assertThat(rows).hasSize(6);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).meanAbsPreActivation()).isGreaterThan(rows.get(i - 1).meanAbsPreActivation());
            assertThat(rows.get(i).meanDerivative()).isLessThan(rows.get(i - 1).meanDerivative());
        }
        SaturationExperiment.Row small = rows.get(0);
        SaturationExperiment.Row large = rows.get(rows.size() - 1);
        assertThat(large.saturatedFraction()).isGreaterThan(0.5).isGreaterThan(small.saturatedFraction());
        assertThat(large.decayPerStep()).isLessThan(0.7 * small.decayPerStep());
    }

    @Test
    void aLossThatExplodesAndComesBackIsNotStable() {
        // seed -1: unclipped, the loss went 39385 -> 6.6e92 -> about ln 2 (dead ReLU units, chance), and was called stable
        ClippingExperiment.Summary none = ClippingExperiment.run(ClippingExperiment.Config.defaults(-1)).summary(ClippingExperiment.NO_CLIP);
        assertThat(none.nonFinite()).isFalse();
        assertThat(none.finalLoss()).isLessThan(none.firstLoss());
        assertThat(none.maxLossJump()).isGreaterThan(ClippingExperiment.SPIKE * none.firstLoss());
        assertThat(none.diverged()).isTrue();
    }

    @Test
    void clippingKeepsTrainingFiniteWhereUnclippedSgdDiverges() {
        for (long seed : new long[] {1, 2, 42}) {
            ClippingExperiment.Result r = ClippingExperiment.run(ClippingExperiment.Config.defaults(seed));
            ClippingExperiment.Summary none = r.summary(ClippingExperiment.NO_CLIP);
            ClippingExperiment.Summary clipped = r.summary(1.0);
            assertThat(none.diverged()).as("seed %d unclipped diverges", seed).isTrue();
            assertThat(clipped.diverged()).as("seed %d clipped does not diverge", seed).isFalse();
            assertThat(clipped.nonFinite()).as("seed %d clipped stays finite", seed).isFalse();
            assertThat(clipped.stepsRun()).isEqualTo(r.config().steps());
            assertThat(clipped.finalLoss()).isFinite().isLessThan(clipped.firstLoss());
            assertThat(r.rows()).allSatisfy(row -> {
                if (row.clip() == 1.0) {
                    assertThat(row.loss()).isFinite();
                    assertThat(row.gradNorm()).isFinite();
                }
            });
            assertThat(r.rows().get(0).toCsvRow()).startsWith("none,0,");
            assertThat(clipped.outcome()).as("seed %d", seed).isEqualTo("stable, learned");
            assertThat(clipped.finalLoss()).isLessThan(Math.log(2));
        }
    }

    @Test
    void theUnclippedRunSaysWhichValueWasNotFinite() {
        // a user's try (notebook 01): the log read "non-finite loss 1.3766727613748588E159 / gradient norm Infinity" at seed 42,
        // a finite loss; the gradient overflowed first, and the log and the summary now name the same value
        ClippingExperiment.Result r = ClippingExperiment.run(ClippingExperiment.Config.defaults(42));
        ClippingExperiment.Row last = r.rows().stream().filter(x -> Double.isInfinite(x.clip())).reduce((a, b) -> b).orElseThrow();
        assertThat(last.loss()).isFinite();
        assertThat(last.gradNorm()).isInfinite();
        assertThat(ClippingExperiment.nonFinite(last.loss(), last.gradNorm())).isEqualTo("gradient");
        assertThat(r.stopped(ClippingExperiment.NO_CLIP)).isEqualTo("stopped: non-finite gradient at step " + last.step());
        assertThat(ClippingExperiment.nonFinite(Double.NaN, 1.0)).isEqualTo("loss");
        assertThat(ClippingExperiment.nonFinite(Double.NaN, Double.NaN)).isEqualTo("loss and gradient");
    }

    @Test
    void aSaturatedClippedRunWhoseLossJumpsBetweenZeroAndLargeValuesIsErraticNotStable() {
        // seed 7 (a user's report): clipped, the loss was exactly 0 on 36 of 40 steps and about 1e4 on the others; the mean of
        // the last steps, 0, and no rise above 100x the first loss made it "stable"
        ClippingExperiment.Summary clipped = ClippingExperiment.run(forty(7)).summary(1.0);
        assertThat(clipped.diverged()).isFalse();
        assertThat(clipped.lateLossJump()).isGreaterThan(1000);
        assertThat(clipped.outcome()).isEqualTo("erratic");
        assertThat(new ClippingExperiment.Summary(1.0, true, true, 3, 1, Double.NaN, 1, 1, Math.log(2)).outcome()).isEqualTo("non-finite (exploded)");
        assertThat(new ClippingExperiment.Summary(1.0, false, true, 3, 1, 2, 1, 0, Math.log(2)).outcome()).isEqualTo("diverged");
        // early jumps of a saturated start do not count once the second half is calm
        assertThat(new ClippingExperiment.Summary(1.0, false, false, 40, 1e4, 0.01, 5e4, 0.5, Math.log(2)).outcome()).isEqualTo("stable, learned");
    }

    @Test
    void aClippedRunThatEndsAboveTheLossOfGuessingIsNotCalledLearned() {
        // seed 42 at 40 steps (a user's reading of the default report, then 40 steps): the loss fell from 9710 to a mean of
        // 1.94 over the last 10 steps, above ln 2 = 0.69, jumping 0.57 -> 8.24 -> 1.10 -> 4.00, and was called "stable"
        ClippingExperiment.Summary short42 = ClippingExperiment.run(forty(42)).summary(1.0);
        assertThat(short42.finalLoss()).isGreaterThan(Math.log(2)).isLessThan(short42.firstLoss());
        assertThat(short42.outcome()).isEqualTo("erratic");
        assertThat(new ClippingExperiment.Summary(1.0, false, false, 40, 100, 1.5, 50, 0.3, Math.log(2)).outcome()).isEqualTo("stable, above chance");
        // with the default 200 steps seed 42 learns the task
        ClippingExperiment.Summary long42 = ClippingExperiment.run(ClippingExperiment.Config.defaults(42)).summary(1.0);
        assertThat(long42.outcome()).isEqualTo("stable, learned");
        assertThat(long42.finalLoss()).isLessThan(0.01);
    }

    private static ClippingExperiment.Config forty(long seed) {
        ClippingExperiment.Config d = ClippingExperiment.Config.defaults(seed);
        return new ClippingExperiment.Config(d.hidden(), d.length(), d.batch(), 40, d.learningRate(), d.spectralRadius(), d.activation(),
                d.clips(), seed);
    }
}
