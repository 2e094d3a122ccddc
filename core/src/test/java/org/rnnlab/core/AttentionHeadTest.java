package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.layers.AttentionPooling;
import org.rnnlab.core.layers.AttentionPoolingParamInitializer;

/**
 * The {@link SequenceHead#ATTENTION} head in networks {@link NetworkFactory} builds: where it sits and what
 * it counts, its configuration's JSON round trip, and that such a network learns a small task (see
 * {@code SequenceHeadTest} for padding and gradient checks, {@code AttentionPoolingTest} for the layer alone,
 * {@code SaveLoadTest} for saved models).
 */
class AttentionHeadTest {

    @ParameterizedTest(name = "{0} bi={1}")
    @CsvSource({"RNN, false", "LSTM, true", "GRU, false", "GRU, true"})
    void sitsAfterTheTopLayerAndIsCounted(CellType cell, boolean bidirectional) {
        ModelSpec spec = ModelSpec.of(cell).withBidirectional(bidirectional).withHiddenSizes(List.of(5, 6))
                .withHead(SequenceHead.ATTENTION);
        MultiLayerNetwork net = NetworkFactory.build(spec, 4, 3);
        long n = bidirectional ? 12 : 6;
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        assertThat(conf.getConfs()).hasSize(4);
        AttentionPooling head = (AttentionPooling) conf.getConf(2).getLayer();
        assertThat(head.getNIn()).isEqualTo(n);
        assertThat(head.getNOut()).isEqualTo(n);
        assertThat(head.getAttentionSize()).isEqualTo(n);
        List<NetworkFactory.LayerParameters> counts = NetworkFactory.parameterCounts(net);
        assertThat(counts.get(2).layer()).isEqualTo("AttentionPooling(" + n + ", attention " + n + " over time)");
        assertThat(counts.get(2).parameters()).isEqualTo(n * n + 2 * n).isEqualTo(AttentionPoolingParamInitializer.count(n, n));
        assertThat(counts.stream().mapToLong(NetworkFactory.LayerParameters::parameters).sum()).isEqualTo(net.numParams());
        assertThat(NetworkFactory.parameterCount(spec, 4, 3)).isEqualTo(net.numParams());
        assertThat(net.getLayer(2).getParam("W").shape()).containsExactly(n, n);
        assertThat(net.getLayer(2).getParam("u").shape()).containsExactly(n, 1);
        assertThat(net.getLayer(2).getParam("u").norm2Number().doubleValue()).as("u starts random, not zero").isPositive();
        assertThat(net.getLayer(3).getParam("W").shape()).containsExactly(n, 3);
    }

    @Test
    void theNetworksConfigurationRoundTripsThroughJsonAndRebuildsTheSameNetwork() {
        ModelSpec spec = ModelSpec.of(CellType.GRU).withBidirectional(true).withHiddenSizes(List.of(5))
                .withHead(SequenceHead.ATTENTION).withWeightDecay(1e-4);
        MultiLayerNetwork net = NetworkFactory.build(spec, 3, 2);
        String json = net.getLayerWiseConfigurations().toJson();
        assertThat(json).contains("\"@class\" : \"org.rnnlab.core.layers.AttentionPooling\"");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertThat(back).isEqualTo(net.getLayerWiseConfigurations());
        assertThat(back.toJson()).isEqualTo(json);
        MultiLayerNetwork rebuilt = new MultiLayerNetwork(back);
        rebuilt.init(net.params().dup(), false);
        INDArray x = TestNets.features(3, 4, 3, 7, DataType.FLOAT);
        INDArray mask = TestNets.mask(new int[] {7, 3, 5, 1}, 7, DataType.FLOAT);
        assertThat(rebuilt.output(x, false, mask, null)).isEqualTo(net.output(x, false, mask, null));
    }

    /**
     * Minibatch 1 of a single step, in FLOAT and DOUBLE: the attention weight is 1, so the head passes the top
     * layer's output through and the network gives what the MEAN head gives with the same parameters; in DOUBLE the
     * gradients match finite differences.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GRU, FLOAT", "GRU, DOUBLE", "LSTM, DOUBLE", "RNN, FLOAT"})
    void aSingleStepOfASingleExampleWorks(CellType cell, DataType dataType) {
        ModelSpec spec = TestNets.spec(cell, true, List.of(3), 1e-3).withHead(SequenceHead.ATTENTION);
        MultiLayerNetwork net = TestNets.buildNoOp(spec, 2, 2, dataType);
        MultiLayerNetwork mean = TestNets.buildNoOp(spec.withHead(SequenceHead.MEAN), 2, 2, dataType);
        mean.getLayer(0).setParams(net.getLayer(0).params());
        mean.getLayer(2).setParams(net.getLayer(2).params());
        INDArray x = TestNets.features(4, 1, 2, 1, dataType);
        INDArray out = net.output(x);
        assertThat(out.shape()).containsExactly(1, 2);
        assertThat(out.sub(mean.output(x)).amaxNumber().doubleValue()).isLessThan(dataType == DataType.DOUBLE ? 1e-12 : 1e-6);
        assertThat(net.output(x, false, Nd4j.ones(dataType, 1, 1), null)).isEqualTo(out);
        if (dataType == DataType.DOUBLE) {
            DataType before = Nd4j.defaultFloatingPointType();
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
            try {
                boolean ok = org.deeplearning4j.gradientcheck.GradientCheckUtil.checkGradients(
                        new org.deeplearning4j.gradientcheck.GradientCheckUtil.MLNConfig()
                                .net(net).input(x).labels(TestNets.labels(1, 2, DataType.DOUBLE))
                                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8)
                                .print(org.deeplearning4j.gradientcheck.GradientCheckUtil.PrintMode.FAILURES_ONLY));
                assertThat(ok).isTrue();
            } finally {
                Nd4j.setDefaultDataTypes(before, before);
            }
        }
    }

    /**
     * 48 sequences of lengths 3 to 10 (padded to 10, garbage in the padding), 2 features of noise; in class 1 one
     * valid step, at a random position, has feature 0 raised by 2. Full-batch Adam: the loss must fall to below a
     * third of its start within 80 steps.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(CellType.class)
    void learnsToFindTheMarkedStep(CellType cell) {
        int mb = 48;
        int max = 10;
        ModelSpec spec = ModelSpec.of(cell).withHiddenSizes(List.of(8)).withHead(SequenceHead.ATTENTION)
                .withUpdater(UpdaterKind.ADAM, 0.03).withSeed(11);
        MultiLayerNetwork net = NetworkFactory.build(spec, 2, 2);
        INDArray x = TestNets.features(21, mb, 2, max, DataType.FLOAT).muli(0.3);
        INDArray y = Nd4j.zeros(DataType.FLOAT, mb, 2);
        int[] lengths = new int[mb];
        java.util.Random random = new java.util.Random(22);
        for (int i = 0; i < mb; i++) {
            lengths[i] = 3 + random.nextInt(max - 2);
            int label = i % 2;
            y.putScalar(i, label, 1.0);
            if (label == 1) {
                x.putScalar(new long[] {i, 0, random.nextInt(lengths[i])}, 2.0);
            }
            for (int t = lengths[i]; t < max; t++) {
                x.putScalar(new long[] {i, 0, t}, 5.0);
                x.putScalar(new long[] {i, 1, t}, -5.0);
            }
        }
        DataSet data = new DataSet(x, y, TestNets.mask(lengths, max, DataType.FLOAT), null);
        double first = net.score(data);
        for (int step = 0; step < 80; step++) {
            net.fit(data);
        }
        double last = net.score(data);
        assertThat(Double.isFinite(last)).isTrue();
        assertThat(last).as("%s: loss %s -> %s", cell, first, last).isLessThan(first / 3);
    }
}
