package org.rnnlab.core.bptt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny fixed-weight case (H 2, D 2, T 3, tanh, loss at the last step, label 1). Expected values come
 * from an independent 20-line plain-Python script (math.tanh/exp/log only, no code shared with rnnlab):
 * the loss by the forward recursion, the gradient entries by central differences with eps = 1e-5
 * (accurate to about 1e-10), so the assertions allow 1e-9.
 */
class GoldenValuesTest {

    @Test
    void tinyTanhNetworkHasTheIndependentlyComputedLossAndGradients() {
        RnnParameters p = new RnnParameters(
                Nd4j.createFromArray(new double[][] {{0.5, 0.01}, {0.3, 0.5}}),
                Nd4j.createFromArray(new double[][] {{1.0, -0.5}, {0.25, 0.75}}),
                Nd4j.createFromArray(0.1, -0.2),
                Nd4j.createFromArray(new double[][] {{1.0, -1.0}, {0.5, 0.25}}),
                Nd4j.createFromArray(0.0, 0.1));
        // x_0 = (1, 0), x_1 = (0, 1), x_2 = (1, 1), as [B=1, D=2, T=3]
        INDArray x = Nd4j.createFromArray(new double[][][] {{{1, 0, 1}, {0, 1, 1}}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 1}});
        BpttResult r = new VanillaRnn(p, RnnActivation.TANH, LossMode.LAST_STEP).lossAndGradients(x, y);

        assertThat(r.loss()).isCloseTo(0.357223748856, within(1e-9));
        assertThat(r.gradients().dWh().getDouble(0, 1)).isCloseTo(0.0720575171, within(1e-9));
        assertThat(r.gradients().dWh().getDouble(1, 0)).isCloseTo(-0.0275167817, within(1e-9));
        assertThat(r.dLdx().castTo(DataType.DOUBLE).getDouble(0, 0, 0)).isCloseTo(-0.0052535857, within(1e-9));
    }
}
