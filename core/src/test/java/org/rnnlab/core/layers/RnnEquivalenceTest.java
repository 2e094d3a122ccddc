package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.core.layers.LstmEquivalenceTest.assertClose;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnlab.core.TestNets;

/**
 * rnnlab's {@link Rnn} against DL4J's {@code SimpleRnn} with the same parameters, in double precision:
 * the same initial parameters for a seed; outputs, every parameter gradient and the input gradient
 * agree to 1e-6 relative, for one and two layers, one and two directions, with and without padding
 * masks; {@code rnnTimeStep} carries the same state. The layer rejects what its kernel does not compute.
 */
class RnnEquivalenceTest {

    private static final int FEATURES = 5;
    private static final int CLASSES = 3;

    @BeforeEach
    void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restorePrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static MultiLayerNetwork net(boolean fast, int layers, boolean bidirectional, boolean lastStep) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).list();
        long nIn = FEATURES;
        int hidden = 6;
        for (int i = 0; i < layers; i++) {
            BaseRecurrentLayer layer = fast
                    ? new Rnn.Builder().nIn(nIn).nOut(hidden).build()
                    : new SimpleRnn.Builder().activation(Activation.TANH).nIn(nIn).nOut(hidden).build();
            Layer wrapped = layer;
            if (bidirectional) {
                wrapped = fast ? new KernelBidirectional(Bidirectional.Mode.CONCAT, layer) : new Bidirectional(Bidirectional.Mode.CONCAT, layer);
            }
            if (lastStep && i == layers - 1) {
                wrapped = new LastTimeStep(wrapped);
            }
            list.layer(wrapped);
            nIn = bidirectional ? 2L * hidden : hidden;
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(nIn).nOut(CLASSES).build());
        if (!lastStep) {
            throw new IllegalArgumentException("per-step loss: use the layer-level comparison");
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    @Test
    void sameSeedGivesTheSameInitialParametersAndTheKernelLayer() {
        MultiLayerNetwork dl4j = net(false, 2, true, true);
        MultiLayerNetwork fast = net(true, 2, true, true);
        assertThat(fast.params()).isEqualTo(dl4j.params());
        assertThat(((KernelBidirectionalLayer) fast.getLayer(0)).fused()).isTrue();
    }

    @ParameterizedTest(name = "layers={0} bidirectional={1} masked={2}")
    @CsvSource({"1, false, false", "1, false, true", "2, false, true", "1, true, false", "1, true, true", "2, true, true"})
    void outputsAndGradientsEqualDl4jSimpleRnn(int layers, boolean bidirectional, boolean masked) {
        int mb = 4;
        int steps = 7;
        MultiLayerNetwork dl4j = net(false, layers, bidirectional, true);
        MultiLayerNetwork fast = net(true, layers, bidirectional, true);
        Nd4j.getRandom().setSeed(99);
        INDArray params = Nd4j.rand(DataType.DOUBLE, 1, dl4j.numParams()).subi(0.5).muli(1.6);
        dl4j.setParams(params.dup());
        fast.setParams(params.dup());
        INDArray x = TestNets.features(3, mb, FEATURES, steps, DataType.DOUBLE);
        INDArray mask = masked ? TestNets.mask(new int[] {7, 3, 5, 1}, steps, DataType.DOUBLE) : null;
        INDArray y = TestNets.labels(mb, CLASSES, DataType.DOUBLE);

        assertClose("output", fast.output(x, false, mask, null), dl4j.output(x, false, mask, null));
        for (MultiLayerNetwork n : new MultiLayerNetwork[] {dl4j, fast}) {
            n.setInput(x);
            n.setLabels(y);
            n.setLayerMaskArrays(mask, null);
            n.computeGradientAndScore();
        }
        assertThat(fast.score()).isCloseTo(dl4j.score(), Offset.offset(1e-12));
        assertThat(dl4j.gradient().gradient().amaxNumber().doubleValue()).isGreaterThan(0);
        Gradient gd = dl4j.gradient();
        for (Map.Entry<String, INDArray> e : gd.gradientForVariable().entrySet()) {
            assertClose("gradient " + e.getKey(), fast.gradient().getGradientFor(e.getKey()), e.getValue());
        }
        if (!masked) { // DL4J M2.1's calculateGradients mishandles masks (docs/dl4j-findings.md)
            Pair<Gradient, INDArray> pd = dl4j.calculateGradients(x, y, null, null);
            Pair<Gradient, INDArray> pf = fast.calculateGradients(x, y, null, null);
            assertClose("input gradient", pf.getSecond(), pd.getSecond());
        }
    }

    @Test
    void rnnTimeStepCarriesTheSameStateAsDl4j() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = TestNets.features(4, 3, FEATURES, 9, DataType.DOUBLE);
        INDArray[] outs = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            BaseRecurrentLayer layer = i == 1
                    ? new Rnn.Builder().nIn(FEATURES).nOut(6).build()
                    : new SimpleRnn.Builder().activation(Activation.TANH).nIn(FEATURES).nOut(6).build();
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).list()
                    .layer(layer)
                    .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .activation(Activation.SOFTMAX).nIn(6).nOut(CLASSES).build())
                    .build());
            net.init();
            INDArray a = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)));
            INDArray b = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(4, 9)));
            outs[i] = Nd4j.concat(2, a, b);
            if (i == 1) {
                assertClose("rnnTimeStep = full sequence", net.output(x), outs[1]);
            }
        }
        assertClose("rnnTimeStep outputs", outs[1], outs[0]);
    }

    @Test
    void rejectsWhatTheKernelDoesNotCompute() {
        // the builder refuses it ...
        assertThatThrownBy(() -> new Rnn.Builder().activation(Activation.RELU).nIn(2).nOut(3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relu").hasMessageContaining("tanh").hasMessageContaining("--impl dl4j");
        assertThatThrownBy(() -> new Lstm.Builder().gateActivationFunction(Activation.HARDSIGMOID).nIn(2).nOut(3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hardsigmoid").hasMessageContaining("--impl dl4j");
        // ... and a configuration that did not come from the builder (e.g. edited JSON) is refused when the network is built
        Rnn rnn = (Rnn) new Rnn.Builder().nIn(2).nOut(3).build();
        rnn.setActivationFn(Activation.RELU.getActivationFunction());
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(rnn)
                .layer(new RnnOutputLayer.Builder().nIn(3).nOut(2).build())
                .build());
        assertThatThrownBy(net::init).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Rnn layer layer0").hasMessageContaining("relu").hasMessageContaining("--impl dl4j");
    }
}
