package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The pooling heads ({@link SequenceHead#MEAN}, {@link SequenceHead#MAX}, {@link SequenceHead#ATTENTION}) read
 * only the valid steps of each sequence: a padded minibatch gives each sequence what it gives alone, unpadded; the
 * pooled vector is the mean, maximum or attention-weighted mean ({@code α = softmax(u · tanh(W h_t + b))}, computed
 * here step by step in plain Java) of the recurrent outputs over the valid steps; and the network's gradients match
 * finite differences in double precision, with masks of variable lengths, for every cell and direction.
 */
class SequenceHeadTest {

    private static final int FEATURES = 3;
    private static final int CLASSES = 3;
    private static final int[] LENGTHS = {7, 3, 5, 1};

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
        for (SequenceHead head : new SequenceHead[] {SequenceHead.MEAN, SequenceHead.MAX, SequenceHead.ATTENTION}) {
            for (CellType cell : CellType.values()) {
                for (boolean bi : new boolean[] {false, true}) {
                    out.add(Arguments.of(head, cell, bi));
                }
            }
        }
        return out.stream();
    }

    private static MultiLayerNetwork net(SequenceHead head, CellType cell, boolean bidirectional, List<Integer> hidden) {
        ModelSpec spec = TestNets.spec(cell, bidirectional, hidden, 1e-3).withHead(head);
        return TestNets.buildNoOp(spec, FEATURES, CLASSES, DataType.DOUBLE);
    }

    @ParameterizedTest(name = "{0} {1} bi={2}")
    @MethodSource("cases")
    void aPaddedSequenceIsClassifiedAsTheUnpaddedOne(SequenceHead head, CellType cell, boolean bidirectional) {
        MultiLayerNetwork net = net(head, cell, bidirectional, List.of(4, 3));
        int max = LENGTHS[0];
        INDArray x = TestNets.features(31, LENGTHS.length, FEATURES, max, DataType.DOUBLE);
        INDArray mask = TestNets.mask(LENGTHS, max, DataType.DOUBLE);
        // garbage in the padding must not matter
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

    @ParameterizedTest(name = "{0} {1} bi={2}")
    @MethodSource("cases")
    void thePooledVectorIsTheMeanOrMaximumOfTheValidSteps(SequenceHead head, CellType cell, boolean bidirectional) {
        MultiLayerNetwork net = net(head, cell, bidirectional, List.of(4));
        int max = LENGTHS[0];
        INDArray x = TestNets.features(32, LENGTHS.length, FEATURES, max, DataType.DOUBLE);
        INDArray mask = TestNets.mask(LENGTHS, max, DataType.DOUBLE);
        net.setLayerMaskArrays(mask, null);
        List<INDArray> activations = net.feedForward(x, false);
        net.clearLayerMaskArrays();
        INDArray sequence = activations.get(1); // [mb, width, T] of the recurrent layer
        INDArray pooled = activations.get(2);   // [mb, width]
        for (int i = 0; i < LENGTHS.length; i++) {
            INDArray valid = sequence.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.interval(0, LENGTHS[i]));
            INDArray expected = switch (head) {
                case MEAN -> valid.mean(1);
                case MAX -> valid.max(1);
                case ATTENTION -> attentionPooled(net.getLayer(1), valid);
                default -> throw new IllegalArgumentException(head.toString());
            };
            assertThat(pooled.getRow(i).sub(expected).amaxNumber().doubleValue()).as("sequence %s", i).isLessThan(1e-12);
        }
    }

    /** {@code Σ_t α_t h_t} over the columns h_t of {@code valid} [n, T], with the layer's W [n, a], b, u, by scalar arithmetic. */
    private static INDArray attentionPooled(org.deeplearning4j.nn.api.Layer layer, INDArray valid) {
        INDArray w = layer.getParam("W");
        INDArray b = layer.getParam("b");
        INDArray u = layer.getParam("u");
        int n = (int) valid.size(0);
        int steps = (int) valid.size(1);
        int a = (int) w.size(1);
        double[] e = new double[steps];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < a; k++) {
                double z = b.getDouble(0, k);
                for (int j = 0; j < n; j++) {
                    z += w.getDouble(j, k) * valid.getDouble(j, t);
                }
                e[t] += u.getDouble(k, 0) * Math.tanh(z);
            }
        }
        double max = java.util.Arrays.stream(e).max().orElseThrow();
        double sum = java.util.Arrays.stream(e).map(v -> Math.exp(v - max)).sum();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n);
        for (int t = 0; t < steps; t++) {
            y.addi(valid.getColumn(t).reshape(n).mul(Math.exp(e[t] - max) / sum));
        }
        return y;
    }

    @ParameterizedTest(name = "{0} {1} bi={2}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferencesWithMasks(SequenceHead head, CellType cell, boolean bidirectional) {
        MultiLayerNetwork net = net(head, cell, bidirectional, List.of(3, 4));
        INDArray x = TestNets.features(33 + cell.ordinal(), 3, FEATURES, 6, DataType.DOUBLE);
        INDArray y = TestNets.labels(3, CLASSES, DataType.DOUBLE);
        INDArray mask = TestNets.mask(new int[] {6, 2, 4}, 6, DataType.DOUBLE);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net).input(x).labels(y).inputMask(mask)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8).subset(true).maxPerParam(8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertThat(ok).as("gradient check of %s %s bi=%s", head, cell, bidirectional).isTrue();
    }
}
