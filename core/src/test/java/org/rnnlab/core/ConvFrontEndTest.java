package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ConvolutionUtils;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnlab.core.layers.CausalConvolution1D;

/**
 * The convolutional front-end ({@link ModelSpec#convolutions()}): causal 1-D convolutions before the recurrent
 * stack shorten a sequence to ceil(T / stride) steps, never read the padding after a sequence's end (a padded
 * minibatch gives each sequence what it gives alone), and the network's gradients match finite differences in
 * double precision with masks.
 */
class ConvFrontEndTest {

    private static final int FEATURES = 3;
    private static final int CLASSES = 3;
    private static final int[] LENGTHS = {9, 4, 6, 1};

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (SequenceHead head : new SequenceHead[] {SequenceHead.LAST, SequenceHead.MEAN}) {
            for (CellType cell : CellType.values()) {
                for (boolean bi : new boolean[] {false, true}) {
                    out.add(Arguments.of(head, cell, bi));
                }
            }
        }
        return out.stream();
    }

    private static MultiLayerNetwork net(SequenceHead head, CellType cell, boolean bidirectional, List<Conv1d> convolutions) {
        ModelSpec spec = TestNets.spec(cell, bidirectional, List.of(4), 1e-3).withHead(head).withConvolutions(convolutions);
        return TestNets.buildNoOp(spec, FEATURES, CLASSES, DataType.DOUBLE);
    }

    @ParameterizedTest(name = "{0} {1} bi={2}")
    @MethodSource("cases")
    void aPaddedSequenceIsClassifiedAsTheUnpaddedOne(SequenceHead head, CellType cell, boolean bidirectional) {
        MultiLayerNetwork net = net(head, cell, bidirectional, List.of(new Conv1d(3, 5, 2), new Conv1d(2, 4, 1)));
        int max = LENGTHS[0];
        INDArray x = TestNets.features(41, LENGTHS.length, FEATURES, max, DataType.DOUBLE);
        INDArray mask = TestNets.mask(LENGTHS, max, DataType.DOUBLE);
        for (int i = 0; i < LENGTHS.length; i++) {
            if (LENGTHS[i] < max) {
                x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.interval(LENGTHS[i], max)).assign(1e3);
            }
        }
        INDArray padded = net.output(x, false, mask, null);
        for (int i = 0; i < LENGTHS.length; i++) {
            INDArray alone = x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.interval(0, LENGTHS[i])).dup();
            INDArray expected = net.output(alone);
            assertThat(padded.getRow(i, true).sub(expected).amaxNumber().doubleValue())
                    .as("sequence %s (length %s) padded vs alone", i, LENGTHS[i]).isLessThan(1e-10);
        }
    }

    @Test
    void eachConvolutionShortensTheSequenceByItsStrideAndIsCausal() {
        MultiLayerNetwork net = net(SequenceHead.MEAN, CellType.GRU, false, List.of(new Conv1d(4, 6, 2), new Conv1d(3, 5, 3)));
        INDArray x = TestNets.features(42, 2, FEATURES, 11, DataType.DOUBLE);
        List<INDArray> activations = net.feedForward(x, false);
        assertThat(activations.get(1).shape()).containsExactly(2, 6, 6);  // ceil(11 / 2)
        assertThat(activations.get(2).shape()).containsExactly(2, 5, 2);  // ceil(6 / 3)
        assertThat(activations.get(1).minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0); // ReLU
        // causal: changing the last input step changes only the last output step of the first convolution
        INDArray changed = x.dup();
        changed.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(10)).addi(5.0);
        INDArray before = activations.get(1);
        INDArray after = net.feedForward(changed, false).get(1);
        assertThat(after.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 5)))
                .isEqualTo(before.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 5)));
        assertThat(net.getLayerWiseConfigurations().getConf(0).getLayer()).isInstanceOf(CausalConvolution1D.class);
        assertThat(NetworkFactory.parameterCounts(net).get(0).layer()).isEqualTo("CausalConvolution1D(3->6)");
        ModelSpec spec = TestNets.spec(CellType.GRU, false, List.of(4), 1e-3).withHead(SequenceHead.MEAN)
                .withConvolutions(List.of(new Conv1d(4, 6, 2), new Conv1d(3, 5, 3)));
        assertThat(NetworkFactory.parameterCount(spec, FEATURES, CLASSES)).isEqualTo(net.numParams())
                .isEqualTo((4 * 3 * 6 + 6) + (3 * 6 * 5 + 5) + GRU_4_OVER_5 + (4 * 3 + 3));
    }

    /** Parameters of a GRU of 4 units over 5 inputs: 3 gates x (input weights, recurrent weights, 2 biases). */
    private static final long GRU_4_OVER_5 = 3L * (5 * 4 + 4 * 4 + 4 + 4);

    @Test
    void theOutputMaskKeepsAStepExactlyWhenItsNewestInputIsValid() {
        MultiLayerNetwork net = net(SequenceHead.MEAN, CellType.GRU, false, List.of(new Conv1d(3, 2, 2)));
        INDArray mask = TestNets.mask(new int[] {9, 4, 1, 5}, 9, DataType.DOUBLE);
        INDArray reduced = net.getLayer(0).feedForwardMaskArray(mask, MaskState.Active, 4).getFirst();
        assertThat(reduced.sum(1).toIntVector()).containsExactly(5, 2, 1, 3); // ceil(L / 2)
        // a second strided convolution over sequences of 1 and 2 steps: masks shorter than the stride
        MultiLayerNetwork twice = net(SequenceHead.LAST, CellType.LSTM, false, List.of(new Conv1d(3, 2, 2), new Conv1d(3, 2, 2)));
        INDArray shortMask = TestNets.mask(new int[] {2, 1}, 2, DataType.DOUBLE);
        INDArray shortX = TestNets.features(43, 2, FEATURES, 2, DataType.DOUBLE);
        INDArray out = twice.output(shortX, false, shortMask, null);
        INDArray alone = twice.output(shortX.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).dup());
        assertThat(out.getRow(1, true).sub(alone).amaxNumber().doubleValue()).isLessThan(1e-10);
        // DL4J's own reduction gives the length-4 sequence a third step that reads its padding
        INDArray dl4j = ConvolutionUtils.cnn1dMaskReduction(mask, 3, 2, 0, 1, ConvolutionMode.Causal);
        assertThat(dl4j.getRow(1).sumNumber().intValue()).isEqualTo(3);
    }

    @Test
    void theCausalLayerIsDl4jsConvolutionCopiedWhole() {
        Conv1d conv = new Conv1d(5, 7, 2);
        CausalConvolution1D causal = CausalConvolution1D.of(conv, 9);
        Convolution1DLayer dl4j = new Convolution1DLayer.Builder().kernelSize(5).stride(2)
                .convolutionMode(ConvolutionMode.Causal).rnnDataFormat(RNNFormat.NCW).nIn(9).nOut(7)
                .activation(Activation.RELU).weightInit(WeightInit.RELU).build();
        assertThat(dl4j).isEqualTo(causal); // Lombok's equals: every field
        ModelSpec spec = ModelSpec.of(CellType.LSTM).withConvolutions(List.of(conv));
        MultiLayerConfiguration conf = NetworkFactory.configuration(spec, 9, 3, DataType.FLOAT);
        MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(read).isEqualTo(conf);
        assertThat(read.getConf(0).getLayer()).isInstanceOf(CausalConvolution1D.class);
    }

    @ParameterizedTest(name = "{0} {1} bi={2}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferencesWithMasks(SequenceHead head, CellType cell, boolean bidirectional) {
        MultiLayerNetwork net = net(head, cell, bidirectional, List.of(new Conv1d(3, 4, 2)));
        INDArray x = TestNets.features(43 + cell.ordinal(), 3, FEATURES, 7, DataType.DOUBLE);
        INDArray y = TestNets.labels(3, CLASSES, DataType.DOUBLE);
        INDArray mask = TestNets.mask(new int[] {7, 2, 4}, 7, DataType.DOUBLE);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net).input(x).labels(y).inputMask(mask)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8).subset(true).maxPerParam(8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertThat(ok).as("gradient check of conv + %s %s bi=%s", head, cell, bidirectional).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SequenceHead.class)
    void overTokenEmbeddingsAPaddedTextIsClassifiedAsTheUnpaddedOne(SequenceHead head) {
        ModelSpec spec = TestNets.spec(CellType.GRU, true, List.of(4), 1e-3).withHead(head)
                .withInput(InputSpec.tokens(20, 5)).withConvolutions(List.of(new Conv1d(3, 6, 2)));
        MultiLayerNetwork net = TestNets.buildNoOp(spec, 1, CLASSES, DataType.DOUBLE);
        assertThat(net.getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(CausalConvolution1D.class);
        int max = LENGTHS[0];
        INDArray tokens = Nd4j.zeros(DataType.DOUBLE, LENGTHS.length, max);
        for (int i = 0; i < LENGTHS.length; i++) {
            for (int t = 0; t < max; t++) {
                tokens.putScalar(i, t, t < LENGTHS[i] ? 1 + (7 * i + 3 * t) % 19 : 19); // padding: a real token id
            }
        }
        INDArray padded = net.output(tokens, false, TestNets.mask(LENGTHS, max, DataType.DOUBLE), null);
        for (int i = 0; i < LENGTHS.length; i++) {
            INDArray alone = tokens.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.interval(0, LENGTHS[i])).dup();
            assertThat(padded.getRow(i, true).sub(net.output(alone)).amaxNumber().doubleValue())
                    .as("text %s (length %s) padded vs alone", i, LENGTHS[i]).isLessThan(1e-10);
        }
    }
}
