package org.rnnlab.evaluation.compare;

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
import org.rnnlab.evaluation.gradients.GradientFlow;
import org.rnnlab.evaluation.gradients.GradientFlowRow;
import org.rnnlab.training.TrainedModel;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;

/**
 * The gradient-flow probes on residual stacks ({@code ModelSpec.residual}): {@link InputGradientProbe} on a
 * trained residual model, and {@link GradientFlow} on untrained ones of every cell, both directions, with and
 * without the skip projection, LAST and MEAN heads. The probes read the network only through DL4J's
 * {@code calculateGradients}, which goes through the residual layers' backward pass.
 */
class ResidualProbeTest {

    @Test
    void inputGradientProbeMeasuresATrainedResidualModel() {
        ModelSpec spec = ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4, 4, 3)).withResidual(true);
        TrainedModel trained = Trainer.train(spec, TrainingConfig.defaults().withEpochs(1).withBatchSize(16),
                ComparisonTest.tiny());
        assertThat(NetworkFactory.parameterCounts(trained.network()).get(2).layer()).startsWith("Residual(");
        List<Double> curve = new InputGradientProbe().probe(trained, ComparisonTest.tiny(), 24);
        assertThat(curve).isNotEmpty().allSatisfy(g -> assertThat(g).isPositive().isFinite());
    }

    @Test
    void gradientFlowMeasuresUntrainedResidualStacks() {
        int steps = 10;
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, steps).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 2);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i % 2, 1.0);
        }
        for (CellType cell : CellType.values()) {
            for (boolean bi : new boolean[] {false, true}) {
                for (List<Integer> hidden : List.of(List.of(5, 5), List.of(5, 3))) {
                    for (SequenceHead head : new SequenceHead[] {SequenceHead.LAST, SequenceHead.MEAN}) {
                        ModelSpec spec = ModelSpec.of(cell).withBidirectional(bi).withHiddenSizes(hidden).withHead(head)
                                .withResidual(true);
                        MultiLayerNetwork net = NetworkFactory.build(spec, 3, 2);
                        List<GradientFlowRow> rows = GradientFlow.measure(spec.label(), net, x, y, null);
                        assertThat(rows).as(spec.label()).hasSize(steps)
                                .allSatisfy(r -> assertThat(r.gradNorm()).isPositive().isFinite());
                    }
                }
            }
        }
    }
}
