package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.rnnlab.core.TestNets;

/**
 * {@link AttentionPooling} on its own (attention pooling followed by a softmax output layer, input fed
 * directly as {@code [mb, n, T]}): hand-computed values, the weights over valid and padded steps, padding
 * independence of the output and of the input gradient, minibatch 1 with a single step, finite-difference
 * gradient checks of every parameter entry, the mask stopping at the layer, and the JSON configuration.
 */
class AttentionPoolingTest {

    private static final int[] LENGTHS = {5, 3, 1, 4};

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** Attention pooling over {@code n} features (attention size {@code a}) and a softmax layer of 2 classes, NoOp updater. */
    static MultiLayerNetwork standalone(int n, int a, DataType dataType) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).dataType(dataType).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new AttentionPooling.Builder().nIn(n).attentionSize(a).build())
                .layer(new OutputLayer.Builder().lossFunction(new LossMCXENT()).nIn(n).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static AttentionPoolingLayer pooling(MultiLayerNetwork net) {
        return (AttentionPoolingLayer) net.getLayer(0);
    }

    /** Input with {@code 1e3} garbage in the padded steps of each example. */
    private static INDArray paddedInput(long seed, int n, DataType dataType) {
        int max = LENGTHS[0];
        INDArray x = TestNets.features(seed, LENGTHS.length, n, max, dataType);
        for (int i = 0; i < LENGTHS.length; i++) {
            if (LENGTHS[i] < max) {
                x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.interval(LENGTHS[i], max)).assign(1e3);
            }
        }
        return x;
    }

    private static INDArray alone(INDArray x, int i) {
        return x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.interval(0, LENGTHS[i])).dup();
    }

    /**
     * n = 2, a = 2, T = 3: W = [[0.5, -1], [0.25, 0.75]] (rows: features), b = (0.1, -0.2), u = (1, -0.5), steps
     * h_1 = (1, 0), h_2 = (0, 2), h_3 = (-1, 1). So W h_1 + b = (0.6, -1.2), e_1 = tanh 0.6 − 0.5 tanh(−1.2);
     * W h_2 + b = (0.6, 1.3); W h_3 + b = (−0.15, 1.55). Expected values from the same equations in double
     * arithmetic (Python); with the last step masked (and garbage in it) the softmax runs over e_1, e_2 only.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void matchesAHandComputedCase(DataType dataType) {
        MultiLayerNetwork net = standalone(2, 2, dataType);
        AttentionPoolingLayer layer = pooling(net);
        layer.setParam("W", Nd4j.create(new double[][] {{0.5, -1.0}, {0.25, 0.75}}).castTo(dataType));
        layer.setParam("b", Nd4j.create(new double[][] {{0.1, -0.2}}).castTo(dataType));
        layer.setParam("u", Nd4j.create(new double[][] {{1.0}, {-0.5}}).castTo(dataType));
        double tol = dataType == DataType.DOUBLE ? 1e-14 : 1e-6;
        // the scores, by hand
        double e1 = Math.tanh(0.6) - 0.5 * Math.tanh(-1.2);
        double e2 = Math.tanh(0.6) - 0.5 * Math.tanh(1.3);
        double e3 = Math.tanh(-0.15) - 0.5 * Math.tanh(1.55);
        assertThat(e1).isCloseTo(0.95387687050411296, within(1e-15));
        assertThat(e2).isCloseTo(0.10618798734138213, within(1e-15));
        assertThat(e3).isCloseTo(-0.60577777868223182, within(1e-15));

        INDArray x = Nd4j.create(new double[][][] {{{1, 0, -1}, {0, 2, 1}}}).castTo(dataType); // [1, 2, 3]
        INDArray alpha = layer.attentionWeights(x, null);
        assertThat(alpha.shape()).containsExactly(1, 3);
        assertThat(alpha.getDouble(0, 0)).isCloseTo(0.61027239748401574, within(tol));
        assertThat(alpha.getDouble(0, 1)).isCloseTo(0.26144306302551662, within(tol));
        assertThat(alpha.getDouble(0, 2)).isCloseTo(0.12828453949046761, within(tol));
        INDArray y = net.feedForward(x, false).get(1);
        assertThat(y.shape()).containsExactly(1, 2);
        assertThat(y.getDouble(0, 0)).isCloseTo(0.48198785799354815, within(tol));
        assertThat(y.getDouble(0, 1)).isCloseTo(0.65117066554150083, within(tol));

        INDArray mask = Nd4j.create(new double[][] {{1, 1, 0}}).castTo(dataType);
        x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(2)).assign(1e3);
        INDArray masked = layer.attentionWeights(x, mask);
        assertThat(masked.getDouble(0, 0)).isCloseTo(0.70008210836056683, within(tol));
        assertThat(masked.getDouble(0, 1)).isCloseTo(0.29991789163943328, within(tol));
        assertThat(masked.getDouble(0, 2)).isZero();
        net.setLayerMaskArrays(mask, null);
        INDArray ym = net.feedForward(x, false).get(1);
        net.clearLayerMaskArrays();
        assertThat(ym.getDouble(0, 0)).isCloseTo(0.70008210836056683, within(tol));
        assertThat(ym.getDouble(0, 1)).isCloseTo(0.59983578327886655, within(tol));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void weightsSumToOneOverTheValidStepsAndAreExactlyZeroOnPadding(DataType dataType) {
        MultiLayerNetwork net = standalone(4, 3, dataType);
        INDArray x = paddedInput(5, 4, dataType);
        INDArray mask = TestNets.mask(LENGTHS, LENGTHS[0], dataType);
        INDArray alpha = pooling(net).attentionWeights(x, mask);
        double tol = dataType == DataType.DOUBLE ? 1e-12 : 1e-6;
        for (int i = 0; i < LENGTHS.length; i++) {
            double sum = 0;
            for (int t = 0; t < LENGTHS[0]; t++) {
                double a = alpha.getDouble(i, t);
                if (t < LENGTHS[i]) {
                    assertThat(a).as("example %s step %s", i, t).isPositive();
                    sum += a;
                } else {
                    assertThat(a).as("padded step %s of example %s", t, i).isZero();
                }
            }
            assertThat(sum).as("sum of the weights of example %s", i).isCloseTo(1.0, within(tol));
            INDArray unpadded = pooling(net).attentionWeights(alone(x, i), null);
            assertThat(alpha.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.interval(0, LENGTHS[i])).sub(unpadded)
                    .amaxNumber().doubleValue()).as("weights of example %s padded vs alone", i).isLessThan(tol);
        }
        // without a mask every step counts
        INDArray all = pooling(net).attentionWeights(x, null);
        assertThat(all.sum(1).sub(1.0).amaxNumber().doubleValue()).isLessThan(tol);
    }

    /**
     * The layer's backward pass on a padded minibatch: each example's input gradient on its valid steps is what it
     * gets alone, exactly zero on its padding, and the parameter gradients are the sums of the examples' own. (Tested
     * on the layer: {@code MultiLayerNetwork.calculateGradients} in DL4J 1.0.0-M2.1 hands the feature mask to the
     * output layer as a label mask.)
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void outputAndGradientsDoNotDependOnPadding(DataType dataType) {
        MultiLayerNetwork net = standalone(4, 4, dataType);
        net.initGradientsView();
        AttentionPoolingLayer layer = pooling(net);
        INDArray x = paddedInput(6, 4, dataType);
        INDArray mask = TestNets.mask(LENGTHS, LENGTHS[0], dataType);
        Nd4j.getRandom().setSeed(60);
        INDArray eps = Nd4j.rand(dataType, LENGTHS.length, 4).subi(0.5);
        double tol = dataType == DataType.DOUBLE ? 1e-12 : 1e-5;
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();

        layer.setInput(x, ws);
        layer.setMaskArray(mask);
        INDArray out = layer.activate(false, ws).dup();
        Pair<Gradient, INDArray> padded = layer.backpropGradient(eps, ws);
        INDArray dx = padded.getSecond().dup();
        Map<String, INDArray> grads = new HashMap<>();
        padded.getFirst().gradientForVariable().forEach((k, v) -> grads.put(k, v.dup()));
        Map<String, INDArray> summed = new HashMap<>();
        for (int i = 0; i < LENGTHS.length; i++) {
            layer.setInput(alone(x, i), ws);
            layer.setMaskArray(null);
            INDArray yi = layer.activate(false, ws);
            assertThat(out.getRow(i, true).sub(yi).amaxNumber().doubleValue())
                    .as("output of example %s padded vs alone", i).isLessThan(tol);
            Pair<Gradient, INDArray> single = layer.backpropGradient(eps.getRow(i, true).dup(), ws);
            assertThat(dx.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.interval(0, LENGTHS[i]))
                    .sub(single.getSecond()).amaxNumber().doubleValue()).as("input gradient of example %s padded vs alone", i)
                    .isLessThan(tol);
            if (LENGTHS[i] < LENGTHS[0]) {
                assertThat(dx.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.interval(LENGTHS[i], LENGTHS[0]))
                        .amaxNumber().doubleValue()).as("input gradient on the padding of example %s", i).isZero();
            }
            single.getFirst().gradientForVariable().forEach((k, v) -> summed.merge(k, v.dup(), INDArray::addi));
        }
        assertThat(grads.keySet()).containsExactlyInAnyOrder("W", "b", "u");
        for (String key : grads.keySet()) {
            assertThat(grads.get(key).sub(summed.get(key)).amaxNumber().doubleValue())
                    .as("gradient of %s: padded minibatch vs sum over the examples alone", key).isLessThan(10 * tol);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void aSingleStepOfASingleExampleIsPassedThrough(DataType dataType) {
        MultiLayerNetwork net = standalone(3, 2, dataType);
        INDArray x = TestNets.features(8, 1, 3, 1, dataType);
        INDArray alpha = pooling(net).attentionWeights(x, null);
        assertThat(alpha.getDouble(0, 0)).isEqualTo(1.0);
        INDArray y = net.feedForward(x, false).get(1);
        assertThat(y.shape()).containsExactly(1, 3);
        assertThat(y.sub(x.reshape(1, 3)).amaxNumber().doubleValue()).isLessThan(1e-6);
        INDArray mask = Nd4j.ones(dataType, 1, 1);
        assertThat(net.output(x, false, mask, null)).isEqualTo(net.output(x));
    }

    @Test
    void aSequenceWithoutValidStepsPoolsToZero() {
        MultiLayerNetwork net = standalone(3, 2, DataType.DOUBLE);
        INDArray x = TestNets.features(9, 2, 3, 4, DataType.DOUBLE);
        INDArray mask = TestNets.mask(new int[] {4, 0}, 4, DataType.DOUBLE);
        net.setLayerMaskArrays(mask, null);
        INDArray y = net.feedForward(x, false).get(1);
        net.clearLayerMaskArrays();
        assertThat(y.getRow(1).amaxNumber().doubleValue()).isZero();
        assertThat(pooling(net).attentionWeights(x, mask).getRow(1).amaxNumber().doubleValue()).isZero();
    }

    /** Every entry of W, b and u (and of the output layer) against central differences, in double precision. */
    @ParameterizedTest(name = "mb={0}")
    @ValueSource(ints = {1, 4})
    void gradientsMatchFiniteDifferences(int mb) {
        MultiLayerNetwork net = standalone(4, 3, DataType.DOUBLE);
        int steps = mb == 1 ? 1 : LENGTHS[0];
        INDArray x = mb == 1 ? TestNets.features(10, 1, 4, 1, DataType.DOUBLE) : paddedInput(10, 4, DataType.DOUBLE);
        INDArray mask = mb == 1 ? null : TestNets.mask(LENGTHS, steps, DataType.DOUBLE);
        if (mask != null) {
            x.muli(1e-3); // not garbage here: keep the padded values small; they do not matter anyway
        }
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net).input(x).labels(TestNets.labels(mb, 2, DataType.DOUBLE)).inputMask(mask)
                .epsilon(1e-6).maxRelError(1e-6).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertThat(ok).isTrue();
    }

    @Test
    void theMaskStopsAtTheLayer() {
        MultiLayerNetwork net = standalone(3, 3, DataType.DOUBLE);
        INDArray mask = TestNets.mask(new int[] {4, 2}, 4, DataType.DOUBLE);
        assertThat(pooling(net).feedForwardMaskArray(mask, MaskState.Active, 2)).isNull();
        net.setLayerMaskArrays(mask, null);
        assertThat(net.getLayer(0).getMaskArray()).isSameAs(mask);
        assertThat(net.getLayer(1).getMaskArray()).isNull();
        net.clearLayerMaskArrays();
    }

    @Test
    void theConfigurationRoundTripsThroughJson() {
        MultiLayerConfiguration conf = standalone(5, 3, DataType.FLOAT).getLayerWiseConfigurations();
        String json = conf.toJson();
        assertThat(json).contains("org.rnnlab.core.layers.AttentionPooling").contains("\"attentionSize\" : 3");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertThat(back).isEqualTo(conf);
        AttentionPooling layer = (AttentionPooling) back.getConf(0).getLayer();
        assertThat(layer.getNIn()).isEqualTo(5);
        assertThat(layer.getNOut()).isEqualTo(5);
        assertThat(layer.getAttentionSize()).isEqualTo(3);
        MultiLayerNetwork rebuilt = new MultiLayerNetwork(back);
        rebuilt.init();
        assertThat(rebuilt.numParams()).isEqualTo(AttentionPoolingParamInitializer.count(5, 3) + 5 * 2 + 2);
    }

    @Test
    void sizesDefaultToTheInputWidthAndTheOutputTypeIsFeedForward() {
        AttentionPooling conf = new AttentionPooling.Builder().nIn(6).build();
        assertThat(conf.getAttentionSize()).isEqualTo(6);
        assertThat(conf.getNOut()).isEqualTo(6);
        assertThat(conf.getOutputType(0, InputType.recurrent(6, 9))).isEqualTo(InputType.feedForward(6));
        assertThat(conf.getPreProcessorForInputType(InputType.recurrent(6, 9))).isNull();
        assertThat(AttentionPoolingParamInitializer.getInstance().numParams(conf)).isEqualTo(6 * 6 + 2 * 6);
    }
}
