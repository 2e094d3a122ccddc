package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.core.layers.LstmEquivalenceTest.assertClose;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnlab.core.TestNets;

/**
 * {@link KernelBidirectional} against DL4J's {@code Bidirectional} wrapping the same rnnlab layer (LSTM, GRU, RNN) with the
 * same parameters, in double precision: the wrapper changes how the backward direction is computed (in
 * reverse inside the kernel, written straight into the merged output), never what. Layer level, every
 * merge mode, with and without padding masks, NCW and NWC: outputs, every parameter gradient and the
 * input gradient for a random output gradient. Network level: a stacked pair read at the last step, and
 * input dropout (a deterministic one, so both wrappers drop the same). Saved models load with the wrapper.
 */
class KernelBidirectionalTest {

    private static final int FEATURES = 4;
    private static final int HIDDEN = 5;

    @BeforeEach
    void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restorePrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static BaseRecurrentLayer cell(String cell, long nIn, RNNFormat format, IDropout dropout) {
        BaseRecurrentLayer.Builder<?> b = switch (cell) {
            case "lstm" -> new Lstm.Builder().forgetGateBiasInit(1.0);
            case "rnn" -> new Rnn.Builder();
            default -> new Gru.Builder();
        };
        b.nIn(nIn).nOut(HIDDEN).dataFormat(format);
        if (dropout != null) {
            b.dropOut(dropout);
        }
        return (BaseRecurrentLayer) b.build();
    }

    private static Bidirectional wrap(boolean kernel, Bidirectional.Mode mode, BaseRecurrentLayer layer) {
        return kernel ? new KernelBidirectional(mode, layer) : new Bidirectional(mode, layer);
    }

    /** {@code layers} bidirectional layers read at the last step by a softmax layer. */
    private static MultiLayerNetwork net(boolean kernel, String cell, Bidirectional.Mode mode, int layers, RNNFormat format,
                                         IDropout dropout) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).list();
        long nIn = FEATURES;
        for (int i = 0; i < layers; i++) {
            org.deeplearning4j.nn.conf.layers.Layer layer = wrap(kernel, mode, cell(cell, nIn, format, i > 0 ? dropout : null));
            list.layer(i == layers - 1 ? new LastTimeStep(layer) : layer);
            nIn = mode == Bidirectional.Mode.CONCAT ? 2L * HIDDEN : HIDDEN;
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(nIn).nOut(3).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        net.initGradientsView(); // layer-level backprop writes into the gradient views
        return net;
    }

    private static void sameRandomParams(MultiLayerNetwork a, MultiLayerNetwork b, long seed) {
        assertThat(b.numParams()).isEqualTo(a.numParams());
        Nd4j.getRandom().setSeed(seed);
        INDArray p = Nd4j.rand(DataType.DOUBLE, 1, a.numParams()).subi(0.5).muli(1.6);
        a.setParams(p.dup());
        b.setParams(p.dup());
    }

    @ParameterizedTest(name = "{0} {1} masked={2} {3}")
    @CsvSource({
            "lstm, CONCAT, false, NCW", "lstm, CONCAT, true, NCW", "lstm, CONCAT, true, NWC", "lstm, ADD, true, NCW",
            "lstm, AVERAGE, true, NWC", "lstm, MUL, true, NCW", "lstm, MUL, false, NWC",
            "gru, CONCAT, false, NCW", "gru, CONCAT, true, NCW", "gru, CONCAT, true, NWC", "gru, ADD, false, NWC",
            "gru, AVERAGE, true, NCW", "gru, MUL, true, NCW", "gru, MUL, false, NWC",
            "rnn, CONCAT, true, NCW", "rnn, ADD, true, NWC", "rnn, MUL, false, NCW",
    })
    void layerOutputsAndGradientsEqualDl4jWrapper(String cell, Bidirectional.Mode mode, boolean masked, RNNFormat format) {
        int mb = 4;
        int steps = 6;
        MultiLayerNetwork dl4j = net(false, cell, mode, 1, format, null);
        MultiLayerNetwork kernel = net(true, cell, mode, 1, format, null);
        sameRandomParams(dl4j, kernel, 21);
        Layer ref = ((LastTimeStepLayer) dl4j.getLayer(0)).getUnderlying();
        Layer mine = ((LastTimeStepLayer) kernel.getLayer(0)).getUnderlying();
        assertThat(mine).isInstanceOf(KernelBidirectionalLayer.class);
        assertThat(((KernelBidirectionalLayer) mine).fused()).isTrue();

        INDArray x = TestNets.features(5, mb, FEATURES, steps, DataType.DOUBLE);
        INDArray mask = masked ? TestNets.mask(new int[] {6, 2, 4, 1}, steps, DataType.DOUBLE) : null;
        long width = mode == Bidirectional.Mode.CONCAT ? 2L * HIDDEN : HIDDEN;
        Nd4j.getRandom().setSeed(8);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, mb, width, steps).subi(0.5);
        if (format == RNNFormat.NWC) {
            x = x.permute(0, 2, 1).dup('c');
            eps = eps.permute(0, 2, 1).dup('c');
        }
        Run expected = run(ref, x, mask, eps);
        Run actual = run(mine, x, mask, eps);
        assertClose("output", actual.output, expected.output);
        assertThat(expected.output.amaxNumber().doubleValue()).isGreaterThan(0);
        assertThat(actual.gradients.keySet()).isEqualTo(expected.gradients.keySet());
        for (Map.Entry<String, INDArray> e : expected.gradients.entrySet()) {
            assertClose("gradient " + e.getKey(), actual.gradients.get(e.getKey()), e.getValue());
            assertThat(e.getValue().amaxNumber().doubleValue()).as(e.getKey() + " not all zero").isGreaterThan(0);
        }
        assertClose("input gradient", actual.inputGradient, expected.inputGradient);
    }

    private record Run(INDArray output, Map<String, INDArray> gradients, INDArray inputGradient) {
    }

    private static Run run(Layer layer, INDArray x, INDArray mask, INDArray eps) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, mgr);
        layer.setMaskArray(mask);
        INDArray out = layer.activate(true, mgr).dup();
        Pair<Gradient, INDArray> g = layer.backpropGradient(eps.dup(), mgr);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        g.getFirst().gradientForVariable().forEach((k, v) -> grads.put(k, v.dup()));
        return new Run(out, grads, g.getSecond().dup());
    }

    @ParameterizedTest(name = "{0} masked={1}")
    @CsvSource({"lstm, false", "lstm, true", "gru, false", "gru, true", "rnn, true"})
    void stackedNetworkWithDropoutEqualsDl4jWrapper(String cell, boolean masked) {
        IDropout half = new HalvingDropout();
        MultiLayerNetwork dl4j = net(false, cell, Bidirectional.Mode.CONCAT, 2, RNNFormat.NCW, half);
        MultiLayerNetwork kernel = net(true, cell, Bidirectional.Mode.CONCAT, 2, RNNFormat.NCW, half);
        sameRandomParams(dl4j, kernel, 3);
        int mb = 3;
        INDArray x = TestNets.features(9, mb, FEATURES, 7, DataType.DOUBLE);
        INDArray mask = masked ? TestNets.mask(new int[] {7, 3, 5}, 7, DataType.DOUBLE) : null;
        INDArray y = TestNets.labels(mb, 3, DataType.DOUBLE);
        assertClose("output", kernel.output(x, false, mask, null), dl4j.output(x, false, mask, null));
        for (MultiLayerNetwork n : new MultiLayerNetwork[] {dl4j, kernel}) {
            n.setInput(x);
            n.setLabels(y);
            n.setLayerMaskArrays(mask, null);
            n.computeGradientAndScore();
        }
        assertThat(kernel.score()).isCloseTo(dl4j.score(), Offset.offset(1e-12));
        for (Map.Entry<String, INDArray> e : dl4j.gradient().gradientForVariable().entrySet()) {
            assertClose("gradient " + e.getKey(), kernel.gradient().getGradientFor(e.getKey()), e.getValue());
        }
        assertThat(dl4j.gradient().gradient().amaxNumber().doubleValue()).isGreaterThan(0);
    }

    @Test
    void savedModelLoadsWithTheKernelWrapperAndPredictsTheSame(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = net(true, "lstm", Bidirectional.Mode.CONCAT, 2, RNNFormat.NCW, null);
        INDArray x = TestNets.features(2, 3, FEATURES, 5, DataType.DOUBLE);
        File file = dir.resolve("bi.zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file, false);
        assertThat(((LastTimeStep) loaded.getLayerWiseConfigurations().getConf(1).getLayer()).getUnderlying())
                .isInstanceOf(KernelBidirectional.class);
        assertThat(loaded.getLayer(0)).isInstanceOf(KernelBidirectionalLayer.class);
        assertThat(loaded.output(x)).isEqualTo(net.output(x));
    }

    /** Input "dropout" that halves every input (and its gradient): deterministic, so both wrappers drop alike. */
    static final class HalvingDropout implements IDropout {
        @Override
        public INDArray applyDropout(INDArray inputActivations, INDArray result, int iteration, int epoch,
                                     LayerWorkspaceMgr workspaceMgr) {
            return result.assign(inputActivations.mul(0.5));
        }

        @Override
        public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
            return gradAtInput.assign(gradAtOutput.mul(0.5));
        }

        @Override
        public void clear() {
        }

        @Override
        public IDropout clone() {
            return this;
        }
    }
}
