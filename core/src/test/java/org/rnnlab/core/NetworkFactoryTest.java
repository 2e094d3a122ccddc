package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

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
                "Bidirectional[CONCAT](Rnn(12->4))",
                "BidirectionalLastStep[CONCAT](forward at the last valid step, backward at step 0)",
                "SoftmaxOutput(8->2)");
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

    /**
     * The built network clips: one SGD step (rate 1, double precision) on a batch whose gradient is far above the
     * threshold moves each layer's parameters by the gradient the updater receives (DL4J's, divided by the
     * minibatch size) clipped as configured: rescaled to L2 norm = threshold per layer (ClipL2PerLayer), or each entry
     * cut to ±threshold (ClipElementWiseAbsoluteValue). The reference is the gradient of the same network and batch
     * before the step; a network that ignores the setting moves by the whole gradient.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"lstm, ClipL2PerLayer", "bigru, ClipL2PerLayer", "birnn, ClipL2PerLayer",
            "bilstm, ClipElementWiseAbsoluteValue", "gru, ClipElementWiseAbsoluteValue"})
    void theBuiltNetworkClipsEachUpdateAsConfigured(String architecture, GradientNormalization mode) {
        double threshold = 0.01;
        int mb = 3;
        ModelSpec spec = ModelSpec.of(Architecture.parse(architecture)).withHiddenSizes(List.of(5, 4))
                .withUpdater(UpdaterKind.SGD, 1.0).withGradientNormalization(mode, threshold);
        MultiLayerNetwork net = NetworkFactory.build(spec, 3, 2, DataType.DOUBLE);
        INDArray x = TestNets.features(17, mb, 3, 6, DataType.DOUBLE).muli(3);
        INDArray y = TestNets.labels(mb, 2, DataType.DOUBLE);

        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        Map<String, INDArray> gradient = new TreeMap<>();
        net.gradient().gradientForVariable().forEach((k, g) -> gradient.put(k, g.div(mb)));
        Map<String, INDArray> before = new TreeMap<>();
        net.paramTable().forEach((k, p) -> before.put(k, p.dup()));
        net.fit(x, y);

        Map<String, Double> layerNorms = new TreeMap<>();
        gradient.forEach((k, g) -> layerNorms.merge(layer(k), Math.pow(g.norm2Number().doubleValue(), 2), Double::sum));
        layerNorms.replaceAll((layer, squares) -> Math.sqrt(squares));
        assertThat(layerNorms).hasSize(3);
        if (mode == GradientNormalization.ClipL2PerLayer) {
            Map<String, Double> updateNorms = new TreeMap<>();
            before.forEach((k, p) -> updateNorms.merge(layer(k), Math.pow(p.sub(net.getParam(k)).norm2Number().doubleValue(), 2), Double::sum));
            updateNorms.forEach((layer, squares) -> assertThat(Math.sqrt(squares)).as("L2 norm of layer %s's update", layer)
                    .isLessThanOrEqualTo(threshold * (1 + 1e-9)));
        }
        for (Map.Entry<String, INDArray> e : gradient.entrySet()) {
            String key = e.getKey();
            INDArray g = e.getValue();
            INDArray update = before.get(key).sub(net.getParam(key));
            INDArray expected;
            if (mode == GradientNormalization.ClipL2PerLayer) {
                double norm = layerNorms.get(layer(key));
                assertThat(norm).as("gradient norm of layer %s", layer(key)).isGreaterThan(5 * threshold);
                expected = g.mul(threshold / norm);
            } else {
                expected = g.dup();
                BooleanIndexing.replaceWhere(expected, threshold,
                        Conditions.greaterThan(threshold));
                BooleanIndexing.replaceWhere(expected, -threshold,
                        Conditions.lessThan(-threshold));
                assertThat(update.amaxNumber().doubleValue()).as("largest update entry of %s", key)
                        .isLessThanOrEqualTo(threshold * (1 + 1e-9));
            }
            assertThat(update.sub(expected).amaxNumber().doubleValue()).as("update of %s (gradient max |g| %s)", key,
                    g.amaxNumber()).isLessThan(1e-12);
        }
        if (mode == GradientNormalization.ClipElementWiseAbsoluteValue) {
            assertThat(gradient.values().stream().mapToDouble(g -> g.amaxNumber().doubleValue()).max().orElseThrow())
                    .as("some gradient entry far above the threshold").isGreaterThan(5 * threshold);
        }
    }

    /** The layer of a parameter key such as {@code 0_fW}. */
    private static String layer(String key) {
        return key.substring(0, key.indexOf('_'));
    }

    @ParameterizedTest
    @EnumSource(SequenceHead.class)
    void theDenseTwinOfATokenNetworkComputesTheSameOutputs(SequenceHead head) {
        ModelSpec spec = ModelSpec.of(Architecture.parse("bilstm")).withHiddenSizes(List.of(5, 3)).withInput(InputSpec.tokens(30, 4))
                .withHead(head);
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
