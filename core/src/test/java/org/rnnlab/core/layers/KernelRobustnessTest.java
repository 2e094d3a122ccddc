package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.core.layers.LstmEquivalenceTest.assertClose;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnlab.core.TestNets;

/**
 * The kernel layers where their buffers, formats and types vary: one network reused across minibatch
 * sizes and sequence lengths (buffers sized for an earlier call) gives what a fresh one gives; input
 * dropout works with NWC data (its mask is drawn on the NWC input); HALF networks fall back to DL4J's
 * computation or say why not; rnnlab's configurations are not equal to DL4J's.
 */
class KernelRobustnessTest {

    private static final int FEATURES = 3;

    @AfterEach
    void restorePrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static BaseRecurrentLayer layer(String cell, RNNFormat format, IDropout dropout) {
        BaseRecurrentLayer.Builder<?> b = switch (cell) {
            case "lstm" -> new Lstm.Builder();
            case "rnn" -> new Rnn.Builder();
            default -> new Gru.Builder();
        };
        b.nIn(FEATURES).nOut(5).dataFormat(format);
        if (dropout != null) {
            b.dropOut(dropout);
        }
        return (BaseRecurrentLayer) b.build();
    }

    private static MultiLayerNetwork net(String cell, boolean bidirectional, DataType type, RNNFormat format, IDropout dropout) {
        BaseRecurrentLayer l = layer(cell, format, dropout);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(9).dataType(type).updater(new NoOp()).list()
                .layer(bidirectional ? new KernelBidirectional(Bidirectional.Mode.CONCAT, l) : l)
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(bidirectional ? 10 : 5).nOut(2).dataFormat(format).build())
                .build());
        net.init();
        return net;
    }

    @ParameterizedTest(name = "{0} bidirectional={1} {2}")
    @CsvSource({"lstm, false, DOUBLE", "lstm, true, FLOAT", "gru, false, DOUBLE", "gru, false, FLOAT", "gru, true, DOUBLE",
            "rnn, false, FLOAT", "rnn, true, DOUBLE"})
    void oneNetworkAcrossShapesGivesWhatAFreshOneGives(String cell, boolean bidirectional, DataType type) {
        MultiLayerNetwork reused = net(cell, bidirectional, type, RNNFormat.NCW, null);
        int[][] shapes = {{1, 4}, {4, 1}, {2, 8}, {3, 5}, {1, 1}, {5, 1}, {1, 7}, {4, 6}};
        long seed = 0;
        for (int[] shape : shapes) {
            INDArray x = TestNets.features(seed++, shape[0], FEATURES, shape[1], type);
            MultiLayerNetwork fresh = net(cell, bidirectional, type, RNNFormat.NCW, null);
            fresh.setParams(reused.params());
            assertThat(reused.output(x)).as("mb %s, T %s", shape[0], shape[1]).isEqualTo(fresh.output(x));
        }
    }

    @ParameterizedTest(name = "{0} bidirectional={1}")
    @CsvSource({"lstm, false", "lstm, true", "gru, false", "gru, true", "rnn, false", "rnn, true"})
    void inputDropoutWorksWithNwcData(String cell, boolean bidirectional) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerNetwork ncw = net(cell, bidirectional, DataType.DOUBLE, RNNFormat.NCW, new PositionalDropout());
        MultiLayerNetwork nwc = net(cell, bidirectional, DataType.DOUBLE, RNNFormat.NWC, new PositionalDropout());
        nwc.setParams(ncw.params());
        INDArray x = TestNets.features(4, 2, FEATURES, 6, DataType.DOUBLE);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 2, 6);
        for (int t = 0; t < 6; t++) {
            y.putScalar(new long[] {0, t % 2, t}, 1.0);
            y.putScalar(new long[] {1, (t + 1) % 2, t}, 1.0);
        }
        ncw.setInput(x);
        ncw.setLabels(y);
        ncw.computeGradientAndScore();
        nwc.setInput(x.permute(0, 2, 1).dup());
        nwc.setLabels(y.permute(0, 2, 1).dup());
        nwc.computeGradientAndScore();
        assertThat(nwc.score()).isCloseTo(ncw.score(), Offset.offset(1e-12));
        for (Map.Entry<String, INDArray> e : ncw.gradient().gradientForVariable().entrySet()) {
            assertClose("gradient " + e.getKey(), nwc.gradient().getGradientFor(e.getKey()), e.getValue());
        }
        // and the input gradient, through the dropout, in each network's own format
        INDArray eps = TestNets.features(5, 2, bidirectional ? 10 : 5, 6, DataType.DOUBLE);
        INDArray inNcw = backpropInput(ncw, x, eps);
        INDArray inNwc = backpropInput(nwc, x.permute(0, 2, 1).dup(), eps.permute(0, 2, 1).dup());
        assertClose("input gradient", inNwc.permute(0, 2, 1), inNcw);
    }

    private static INDArray backpropInput(MultiLayerNetwork net, INDArray x, INDArray eps) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        Layer layer = net.getLayer(0);
        layer.setInput(x, mgr);
        layer.activate(true, mgr);
        return layer.backpropGradient(eps, mgr).getSecond().dup();
    }

    /**
     * Input "dropout" that scales each element by a fixed factor of its (example, feature, step), in either
     * format; like DL4J's dropouts it keeps the mask it applied and multiplies the gradient by that mask.
     */
    static final class PositionalDropout implements IDropout {
        private INDArray applied;

        private static double factor(long e, long i, long t) {
            return ((e + 2 * i + 3 * t) % 4) * 0.5;
        }

        private static INDArray mask(long[] shape) {
            boolean nwc = shape[2] == FEATURES && shape[1] != FEATURES;
            INDArray m = Nd4j.create(DataType.DOUBLE, shape);
            for (long e = 0; e < shape[0]; e++) {
                for (long a = 0; a < shape[1]; a++) {
                    for (long b = 0; b < shape[2]; b++) {
                        m.putScalar(new long[] {e, a, b}, nwc ? factor(e, b, a) : factor(e, a, b));
                    }
                }
            }
            return m;
        }

        @Override
        public INDArray applyDropout(INDArray in, INDArray result, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                applied = mask(in.shape()).castTo(in.dataType()); // kept until backprop: outside the workspaces
            }
            return result.assign(in.mul(applied));
        }

        @Override
        public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
            return gradAtInput.assign(gradAtOutput.mul(applied)); // fails if the gradient is not in the input's format
        }

        @Override
        public void clear() {
        }

        @Override
        public IDropout clone() {
            return this;
        }
    }

    @Test
    void halfPrecisionNetworksFallBackOrSayWhy() {
        INDArray x = TestNets.features(2, 3, FEATURES, 4, DataType.HALF);
        for (String cell : new String[] {"rnn", "gru", "lstm"}) {
            for (boolean bi : new boolean[] {false, true}) {
                MultiLayerNetwork half = net(cell, bi, DataType.HALF, RNNFormat.NCW, null);
                MultiLayerNetwork single = net(cell, bi, DataType.FLOAT, RNNFormat.NCW, null);
                single.setParams(half.params().castTo(DataType.FLOAT));
                INDArray got = half.output(x);
                assertThat(got.dataType()).isEqualTo(DataType.HALF);
                double diff = got.castTo(DataType.FLOAT).sub(single.output(x.castTo(DataType.FLOAT))).amaxNumber().doubleValue();
                assertThat(diff).as("%s bidirectional=%s: HALF (DL4J's computation) vs FLOAT (kernel)", cell, bi).isLessThan(1e-2);
            }
        }
    }

    @Test
    void rnnlabConfigurationsAreNotEqualToDl4jOnes() {
        SimpleRnn dl4j = new SimpleRnn.Builder().activation(Activation.TANH).nIn(3).nOut(4).build();
        Rnn mine = (Rnn) new Rnn.Builder().nIn(3).nOut(4).build();
        assertThat(dl4j.equals(mine)).isFalse();
        assertThat(mine.equals(dl4j)).isFalse();
        assertThat(mine).isEqualTo(new Rnn.Builder().nIn(3).nOut(4).build());
        Bidirectional bi = new Bidirectional(Bidirectional.Mode.CONCAT, mine);
        KernelBidirectional kbi = new KernelBidirectional(Bidirectional.Mode.CONCAT, mine);
        assertThat(bi.equals(kbi)).isFalse();
        assertThat(kbi.equals(bi)).isFalse();
        assertThat(kbi).isEqualTo(new KernelBidirectional(Bidirectional.Mode.CONCAT, mine));
    }
}
