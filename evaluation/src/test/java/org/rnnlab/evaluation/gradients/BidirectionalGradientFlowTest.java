package org.rnnlab.evaluation.gradients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.SequenceHead;

/**
 * The gradient probe on a bidirectional GRU: with the {@code last} head the backward direction's final state is read at
 * step 0, so the loss reaches the first input directly, as strongly as the last; with the legacy {@code last-step} head
 * (both directions at the last step) it reaches step 0 only through the forward recurrence, as in a one-directional GRU.
 */
class BidirectionalGradientFlowTest {

    private static final int STEPS = 48;

    @Test
    void theLastHeadOfABidirectionalGruReachesTheFirstStepDirectly() {
        ModelSpec bigru = ModelSpec.of(CellType.GRU).withBidirectional(true).withHiddenSizes(List.of(16)).withSeed(3);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 3, STEPS);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 2);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 2, 1);
        }
        double perDirection = firstStepNorm(bigru, x, y);
        double legacy = firstStepNorm(bigru.withHead(SequenceHead.LAST_STEP), x, y);
        double oneDirection = firstStepNorm(bigru.withBidirectional(false), x, y);
        System.out.printf("untrained, %d steps: ||dL/dx_0|| bigru last %.3e, bigru last-step %.3e, gru %.3e%n", STEPS, perDirection,
                legacy, oneDirection);
        assertThat(perDirection).isGreaterThan(1e3 * legacy);
        assertThat(legacy).isLessThan(1e3 * oneDirection); // as weak as one direction's, within orders of magnitude
    }

    private static double firstStepNorm(ModelSpec spec, INDArray x, INDArray y) {
        MultiLayerNetwork net = NetworkFactory.build(spec, 3, 2);
        List<GradientFlowRow> rows = GradientFlow.measure(spec.label(), net, x, y, null);
        return rows.stream().filter(r -> r.t() == 0).findFirst().orElseThrow().gradNorm();
    }
}
