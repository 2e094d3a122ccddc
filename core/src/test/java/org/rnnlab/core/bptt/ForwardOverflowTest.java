package org.rnnlab.core.bptt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A forward state that leaves the double range is reported as such, never as a vanished gradient (a user's try: ReLU at
 * spectral radius 50 over 400 steps; W_h times Infinity gave NaN, ReLU's derivative {@code u > 0} was 0 there, and the
 * Jacobian product read exactly 0 at every distance: "radius 50.0: 0 at distance 399 (fell)").
 */
class ForwardOverflowTest {

    @Test
    void reluDerivativeOfNanIsNanNotZero() {
        assertThat(RnnActivation.RELU.derivative(Double.NaN)).isNaN();
        assertThat(RnnActivation.RELU.derivative(2.0)).isEqualTo(1.0);
        assertThat(RnnActivation.RELU.derivative(0.0)).isEqualTo(0.0);
        assertThat(RnnActivation.RELU.derivative(-3.0)).isEqualTo(0.0);
        assertThat(RnnActivation.RELU.derivative(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(RnnActivation.TANH.derivative(Double.NaN)).isNaN();

        INDArray u = Nd4j.createFromArray(new double[][] {{2.0, Double.NaN, -1.0}});
        INDArray d = RnnActivation.RELU.derivative(u, RnnActivation.RELU.apply(u));
        assertThat(d.getDouble(0, 0)).isEqualTo(1.0);
        assertThat(d.getDouble(0, 1)).isNaN();
        assertThat(d.getDouble(0, 2)).isEqualTo(0.0);
        assertThat(d.shape()).containsExactly(1, 3);
        // without NaN the array path is the plain comparison
        INDArray finite = Nd4j.createFromArray(new double[][] {{2.0, -1.0}});
        assertThat(RnnActivation.RELU.derivative(finite, RnnActivation.RELU.apply(finite)).toDoubleVector()).containsExactly(1.0, 0.0);
    }

    @Test
    void theAnalysisSaysWhereTheForwardStateOverflowedAndGivesNoFalseZero() {
        // ReLU at radius 50, 8 units, 400 steps: the forward state grows about 50-fold a step and leaves the double range
        SpectralSweep.Config c = new SpectralSweep.Config(8, 400, List.of(0.5, 50.0), RnnActivation.RELU, 1.0, 42);
        List<SpectralSweep.Row> rows = SpectralSweep.run(c);
        List<SpectralSweep.Row> at50 = rows.stream().filter(r -> r.spectralRadius() == 50.0).toList();
        int step = at50.get(0).forwardOverflowStep();
        assertThat(step).as("the step where the forward state overflowed").isBetween(1, 399);
        assertThat(at50).allSatisfy(r -> assertThat(r.forwardOverflowStep()).isEqualTo(step));
        assertThat(at50).filteredOn(r -> r.distance() > 0).allSatisfy(r -> {
            assertThat(r.jacobianNorm()).as("jacobian norm at distance %d", r.distance()).isNotEqualTo(0.0);
            assertThat(r.log10JacobianNorm()).as("log10 at distance %d", r.distance()).isNotEqualTo(Double.NEGATIVE_INFINITY);
        });
        // the product takes f'(u_{T-1}), NaN beyond the overflow: not computable, and said so in the CSV
        assertThat(at50.get(at50.size() - 1).jacobianNorm()).isNaN();
        String[] cells = at50.get(at50.size() - 1).toCsvRow().split(",", -1);
        assertThat(cells).hasSize(7);
        assertThat(cells[2]).as("jacobian_norm").isEqualTo("NaN");
        assertThat(cells[4]).as("log10_jacobian_norm").isEqualTo("NaN");
        assertThat(cells[6]).as("forward_overflow_step").isEqualTo(Integer.toString(step));
        assertThat(rows.stream().filter(r -> r.spectralRadius() == 0.5)).allSatisfy(r -> {
            assertThat(r.forwardOverflowed()).isFalse();
            assertThat(r.toCsvRow()).endsWith(",");
        });
        assertThat(SpectralSweep.Row.CSV_HEADER).endsWith(",log10_bound,forward_overflow_step");
    }

    @Test
    void aLinearNetworkKeepsItsJacobianWhenItsStateOverflows() {
        // f' = 1 whatever the state: the product is W_h^d, exact although the forward state left the double range
        RnnParameters p = RnnParameters.random(4, SpectralSweep.INPUTS, 2, 42).withSpectralRadius(50.0);
        VanillaRnn net = new VanillaRnn(p, RnnActivation.LINEAR, LossMode.LAST_STEP);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, SpectralSweep.INPUTS, 300);
        AnalysisResult a = GradientAnalysis.analyse(net, x, 0);
        assertThat(a.forwardOverflowed()).isTrue();
        assertThat(a.atDistance(299).log10JacobianNorm()).isFinite().isGreaterThan(300);
        assertThat(a.atDistance(299).log10JacobianNorm()).isCloseTo(a.atDistance(299).log10RecurrentPowerNorm(),
                org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void aFiniteStateReportsNoOverflow() {
        RnnParameters p = RnnParameters.random(4, SpectralSweep.INPUTS, 2, 42).withSpectralRadius(0.9);
        AnalysisResult a = GradientAnalysis.analyse(new VanillaRnn(p, RnnActivation.RELU, LossMode.LAST_STEP),
                Nd4j.ones(DataType.DOUBLE, 1, SpectralSweep.INPUTS, 50), 0);
        assertThat(a.forwardOverflowed()).isFalse();
        assertThat(a.forwardOverflowStep()).isEqualTo(-1);
    }
}
