package org.rnnlab.core.bptt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The hand-written RNN against DL4J's {@code SimpleRnn} carrying the same weights (DL4J layout
 * x W + h RW + b, so W = W_x^T, RW = W_h^T): activations, loss, every parameter gradient and the
 * input gradient agree to 1e-10 (relative, in the L2 norm of the difference).
 *
 * <p>Loss scaling, as measured here with DL4J 1.0.0-M2.1: {@code score()} is the minibatch MEAN (it
 * equals our loss), but both the parameter gradients of {@code computeGradientAndScore()} and the input
 * gradient of {@code calculateGradients} are of the SUMMED minibatch loss (B times ours; DL4J's updater
 * divides by the minibatch size later). Both are divided by B before comparing.
 */
class Dl4jSimpleRnnCrossCheckTest {
    private static final double TOL = 1e-10;
    private static DataType previousDefault;
    private static DataType previousFloat;

    @BeforeAll
    static void doublePrecision() {
        previousDefault = Nd4j.dataType();
        previousFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(previousDefault, previousFloat);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(RnnActivation.TANH, LossMode.LAST_STEP, 5, 3, 4, 6),
                Arguments.of(RnnActivation.TANH, LossMode.EVERY_STEP, 5, 3, 4, 6),
                Arguments.of(RnnActivation.RELU, LossMode.LAST_STEP, 4, 2, 3, 5),
                Arguments.of(RnnActivation.RELU, LossMode.EVERY_STEP, 4, 2, 3, 5),
                Arguments.of(RnnActivation.LINEAR, LossMode.LAST_STEP, 3, 4, 2, 7),
                Arguments.of(RnnActivation.LINEAR, LossMode.EVERY_STEP, 3, 4, 1, 7));
    }

    /** DL4J network in DOUBLE with the same weights as {@code p}. */
    static MultiLayerNetwork dl4j(RnnParameters p, RnnActivation act, LossMode mode) {
        Activation a = switch (act) {
            case TANH -> Activation.TANH;
            case RELU -> Activation.RELU;
            case LINEAR -> Activation.IDENTITY;
        };
        SimpleRnn rnn = new SimpleRnn.Builder().nIn(p.inputs()).nOut(p.hidden()).activation(a).build();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).updater(new NoOp()).seed(1).list();
        MultiLayerConfiguration conf = mode == LossMode.LAST_STEP
                ? list.layer(new LastTimeStep(rnn))
                        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(p.hidden()).nOut(p.classes())
                                .activation(Activation.SOFTMAX).build()).build()
                : list.layer(rnn)
                        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(p.hidden()).nOut(p.classes())
                                .activation(Activation.SOFTMAX).build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.setParam("0_W", p.wx().transpose());
        net.setParam("0_RW", p.wh().transpose());
        net.setParam("0_b", p.b().reshape(1, p.hidden()));
        net.setParam("1_W", p.wy().transpose());
        net.setParam("1_b", p.by().reshape(1, p.classes()));
        return net;
    }

    @ParameterizedTest(name = "{0} {1} H={2} D={3} B={4} T={5}")
    @MethodSource("cases")
    void agreesWithDl4jSimpleRnn(RnnActivation act, LossMode mode, int hidden, int inputs, int batch, int length) {
        int classes = 3;
        long seed = 77 + act.ordinal() * 10L + mode.ordinal();
        RnnParameters p = BpttTestData.params(hidden, inputs, classes, seed);
        INDArray x = BpttTestData.inputs(batch, inputs, length, seed + 1);
        INDArray y = BpttTestData.labels(mode, batch, classes, length, seed + 2);
        BpttResult mine = new VanillaRnn(p, act, mode).lossAndGradients(x, y);
        MultiLayerNetwork net = dl4j(p, act, mode);

        // forward
        List<INDArray> acts = net.feedForward(x, false);
        INDArray probs = mine.forward().probabilities();
        INDArray hidden3 = mine.forward().hidden();
        if (mode == LossMode.LAST_STEP) {
            close("h_{T-1}", hidden3.get(all(), all(), point(length - 1)), acts.get(1));
            close("p_{T-1}", probs.get(all(), all(), point(length - 1)), acts.get(2));
        } else {
            close("h", hidden3, acts.get(1));
            close("p", probs, acts.get(2));
        }

        // loss (DL4J: minibatch mean) and parameter gradients (DL4J: of the summed loss, so / B)
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        assertThat(Math.abs(net.score() - mine.loss())).isLessThanOrEqualTo(TOL * Math.abs(mine.loss()));
        Gradient g = net.gradient();
        g.gradient().divi(batch);
        close("dW_x", mine.gradients().dWx().transpose(), g.getGradientFor("0_W"));
        close("dW_h", mine.gradients().dWh().transpose(), g.getGradientFor("0_RW"));
        close("db", mine.gradients().db().reshape(1, hidden), g.getGradientFor("0_b"));
        close("dW_y", mine.gradients().dWy().transpose(), g.getGradientFor("1_W"));
        close("db_y", mine.gradients().dby().reshape(1, classes), g.getGradientFor("1_b"));

        // input gradient: DL4J's is of the summed loss
        Pair<Gradient, INDArray> pg = net.calculateGradients(x, y, null, null);
        close("dL/dx", mine.dLdx(), pg.getSecond().div(batch));
    }

    static void close(String what, INDArray expectedMine, INDArray actualDl4j) {
        INDArray a = expectedMine.castTo(DataType.DOUBLE);
        INDArray b = actualDl4j.castTo(DataType.DOUBLE).reshape(a.shape());
        double diff = a.sub(b).norm2Number().doubleValue();
        double scale = Math.max(a.norm2Number().doubleValue(), 1e-300);
        assertThat(diff / scale).as("%s: relative L2 difference (mine %s, DL4J %s)", what, a, b).isLessThanOrEqualTo(TOL);
    }
}
