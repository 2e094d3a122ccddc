package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkFactoryTest {

    @Test
    void lstmParameterCountsMatchTheFormulaAndDl4j() {
        MultiLayerNetwork net = NetworkFactory.build(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(8)), 5, 3);
        List<NetworkFactory.LayerParameters> counts = NetworkFactory.parameterCounts(net);
        assertThat(counts).hasSize(2);
        // LSTM: 4 gates x (nIn*H + H*H + H) ; output: H*C + C
        assertThat(counts.get(0).parameters()).isEqualTo(4L * (5 * 8 + 8 * 8 + 8));
        assertThat(counts.get(1).parameters()).isEqualTo(8L * 3 + 3);
        assertThat(counts.stream().mapToLong(NetworkFactory.LayerParameters::parameters).sum()).isEqualTo(net.numParams());
        assertThat(counts.get(0).layer()).isEqualTo("Lstm(5->8) (last step)");
        MultiLayerNetwork dl4j = NetworkFactory.build(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(8))
                .withImplementation(Implementation.DL4J), 5, 3);
        assertThat(NetworkFactory.parameterCounts(dl4j).get(0).layer()).isEqualTo("LSTM(5->8) (last step)");
        assertThat(dl4j.params()).as("same parameters from the same seed").isEqualTo(net.params());
    }

    @Test
    void bidirectionalStackedTokenNetworkHasTheExpectedShape() {
        ModelSpec spec = ModelSpec.of(Architecture.parse("birnn")).withHiddenSizes(List.of(6, 4))
                .withInput(InputSpec.tokens(20, 5))
                .withGradientNormalization(GradientNormalization.ClipL2PerLayer, 1.0);
        MultiLayerNetwork net = NetworkFactory.build(spec, 1, 2);
        List<NetworkFactory.LayerParameters> counts = NetworkFactory.parameterCounts(net);
        assertThat(counts).extracting(NetworkFactory.LayerParameters::layer).containsExactly(
                "EmbeddingSequenceLayer(20->5)",
                "Bidirectional[CONCAT](Rnn(5->6))",
                "Bidirectional[CONCAT](Rnn(12->4)) (last step)",
                "OutputLayer(8->2)");
        assertThat(counts.get(0).parameters()).isEqualTo(20L * 5); // DL4J's embedding has no bias by default
        INDArray tokens = Nd4j.createFromArray(new float[][] {{2, 3, 4, 0}, {5, 6, 0, 0}, {7, 8, 9, 10}});
        INDArray out = net.output(tokens);
        assertThat(out.shape()).containsExactly(3, 2);
        assertThat(out.sum(1).toDoubleVector()).containsExactly(new double[] {1, 1, 1}, Offset.offset(1e-5));
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        ModelSpec spec = ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4));
        INDArray a = NetworkFactory.build(spec, 3, 2).params();
        INDArray b = NetworkFactory.build(spec, 3, 2).params();
        INDArray c = NetworkFactory.build(spec.withSeed(43), 3, 2).params();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void lastTimeStepRespectsTheMask() {
        MultiLayerNetwork net = NetworkFactory.build(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)), 2, 2);
        INDArray shortSeq = Nd4j.rand(DataType.FLOAT, 1, 2, 3);
        INDArray padded = Nd4j.concat(2, shortSeq, Nd4j.rand(DataType.FLOAT, 1, 2, 2));
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 1, 0, 0}});
        INDArray expected = net.output(shortSeq);
        INDArray actual = net.output(padded, false, mask, null);
        assertThat(actual.toFloatVector()).containsExactly(expected.toFloatVector(), Offset.offset(1e-6f));
    }

    @Test
    void theDenseTwinOfATokenNetworkComputesTheSameOutputs() {
        ModelSpec spec = ModelSpec.of(Architecture.parse("bilstm")).withHiddenSizes(List.of(5, 3)).withInput(InputSpec.tokens(30, 4));
        MultiLayerNetwork net = NetworkFactory.build(spec, 1, 3);
        INDArray tokens = Nd4j.createFromArray(new float[][] {{2, 3, 4, 29}, {5, 6, 7, 8}});
        MultiLayerNetwork twin = NetworkFactory.afterEmbedding(net, spec);
        INDArray embedded = NetworkFactory.embed(net, tokens);
        assertThat(embedded.shape()).containsExactly(2, 4, 4);
        assertThat(twin.output(embedded).ravel().toFloatVector())
                .containsExactly(net.output(tokens).ravel().toFloatVector(), Offset.offset(1e-6f));
        assertThat(twin.numParams()).isEqualTo(net.numParams() - 30 * 4);
        MultiLayerNetwork dense = NetworkFactory.build(ModelSpec.of(CellType.RNN), 3, 2);
        assertThat(NetworkFactory.afterEmbedding(dense, ModelSpec.of(CellType.RNN))).isSameAs(dense);
    }
}
