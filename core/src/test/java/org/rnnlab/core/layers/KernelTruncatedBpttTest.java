package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnlab.core.TestNets;

/**
 * Truncated BPTT on the kernel layers {@link Lstm}, {@link Gru} and {@link Rnn}:
 * the gradient of a second segment is the exact gradient of that segment started from the state the first
 * one left (central differences of L = Σ out ⊙ eps), with a backward length shorter than the segment the exact
 * gradient of its last steps, and a network trains on sequences longer than its window.
 *
 * <p>The backward length is tested on the layers ({@code tbpttBackpropGradient}): DL4J M2.1's
 * {@code MultiLayerNetwork.fit} back-propagates through the whole segment whatever {@code tBPTTBackwardLength} says
 * (its parameters after a step are the same for backward lengths 1, 3 and 6), and its own {@code LSTM} and
 * {@code SimpleRnn} back-propagate a later segment as if it had started from a zero state.
 */
class KernelTruncatedBpttTest {

    private static final int FEATURES = 3;

    private static BaseRecurrentLayer layer(String cell, int hidden) {
        BaseRecurrentLayer.Builder<?> b = switch (cell) {
            case "lstm" -> new Lstm.Builder();
            case "rnn" -> new Rnn.Builder();
            default -> new Gru.Builder();
        };
        return (BaseRecurrentLayer) b.nIn(FEATURES).nOut(hidden).build();
    }

    private static MultiLayerNetwork net(String cell, DataType type, boolean truncated, double rate) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(13).dataType(type).updater(rate > 0 ? new Adam(rate) : new NoOp()).list()
                .layer(layer(cell, 8))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(8).nOut(2).build());
        if (truncated) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(6).tBPTTBackwardLength(6);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn"})
    void segmentGradientStartsFromTheCarriedState(String cell) {
        MultiLayerNetwork net = net(cell, DataType.DOUBLE, false, 0);
        net.initGradientsView();
        RecurrentLayer layer = (RecurrentLayer) net.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray first = TestNets.features(31, 2, FEATURES, 4, DataType.DOUBLE);
        INDArray second = TestNets.features(32, 2, FEATURES, 4, DataType.DOUBLE);
        INDArray eps = TestNets.features(33, 2, 8, 4, DataType.DOUBLE);

        layer.rnnClearPreviousState();
        layer.rnnActivateUsingStoredState(first, true, true, mgr);
        Map<String, INDArray> carried = copy(layer.rnnGetTBPTTState());
        assertThat(carried).isNotEmpty();
        layer.rnnActivateUsingStoredState(second, true, true, mgr);
        INDArray analytic = layer.tbpttBackpropGradient(eps, 4, mgr).getFirst().gradient().dup();

        INDArray params = layer.params();
        double h = 1e-6;
        int checked = 0;
        for (long i = 0; i < params.length(); i += 5) {
            double original = params.getDouble(i);
            params.putScalar(i, original + h);
            double plus = segmentLoss(layer, carried, second, eps, mgr);
            params.putScalar(i, original - h);
            double minus = segmentLoss(layer, carried, second, eps, mgr);
            params.putScalar(i, original);
            assertThat(analytic.getDouble(i)).as("parameter %s", i)
                    .isCloseTo((plus - minus) / (2 * h), Offset.offset(1e-7));
            checked++;
        }
        assertThat(checked).isGreaterThan(15);
        assertThat(analytic.amaxNumber().doubleValue()).isGreaterThan(0);
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> out = new HashMap<>();
        state.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    private static double segmentLoss(RecurrentLayer layer, Map<String, INDArray> start, INDArray x, INDArray eps,
                                      LayerWorkspaceMgr mgr) {
        layer.rnnSetTBPTTState(copy(start));
        return layer.rnnActivateUsingStoredState(x, false, false, mgr).mul(eps).sumNumber().doubleValue();
    }

    /**
     * Backward length shorter than the segment: the truncated gradient is the exact gradient of the loss of the last
     * {@code back} steps, L = Σ_{t ≥ T-back} out_t ⊙ eps_t, run from the state the first {@code T-back} steps of the
     * segment reached, with that state held fixed (central differences in double precision); earlier steps get
     * no input gradient. An off-by-one in the cut-off (one step too many or too few) fails it.
     */
    @ParameterizedTest(name = "{0} back={1}")
    @CsvSource({"lstm, 3", "lstm, 1", "gru, 3", "gru, 1", "rnn, 3", "rnn, 1"})
    void backwardShorterThanTheSegmentIsTheGradientOfItsLastSteps(String cell, int back) {
        int steps = 6;
        int hidden = 8;
        MultiLayerNetwork net = net(cell, DataType.DOUBLE, false, 0);
        net.initGradientsView();
        RecurrentLayer layer = (RecurrentLayer) net.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray first = TestNets.features(41, 2, FEATURES, 5, DataType.DOUBLE);
        INDArray second = TestNets.features(42, 2, FEATURES, steps, DataType.DOUBLE);
        INDArray eps = TestNets.features(43, 2, hidden, steps, DataType.DOUBLE);
        int cut = steps - back;

        layer.rnnClearPreviousState();
        layer.rnnActivateUsingStoredState(first, true, true, mgr);
        Map<String, INDArray> carried = copy(layer.rnnGetTBPTTState());
        // the state after the untruncated steps of the segment, held fixed by the reference
        layer.rnnActivateUsingStoredState(steps(second, 0, cut), false, true, mgr);
        Map<String, INDArray> atCut = copy(layer.rnnGetTBPTTState());
        INDArray tail = steps(second, cut, steps);
        INDArray tailEps = steps(eps, cut, steps);

        layer.rnnSetTBPTTState(copy(carried));
        layer.rnnActivateUsingStoredState(second, true, true, mgr);
        Pair<Gradient, INDArray> result = layer.tbpttBackpropGradient(eps, back, mgr);
        INDArray analytic = result.getFirst().gradient().dup();
        INDArray inputGradient = result.getSecond().dup();

        INDArray params = layer.params();
        double h = 1e-6;
        for (long i = 0; i < params.length(); i++) {
            double original = params.getDouble(i);
            params.putScalar(i, original + h);
            double plus = segmentLoss(layer, atCut, tail, tailEps, mgr);
            params.putScalar(i, original - h);
            double minus = segmentLoss(layer, atCut, tail, tailEps, mgr);
            params.putScalar(i, original);
            assertThat(analytic.getDouble(i)).as("%s parameter %s of %s, backward length %s", cell, i, params.length(), back)
                    .isCloseTo((plus - minus) / (2 * h), Offset.offset(1e-7));
        }
        assertThat(analytic.amaxNumber().doubleValue()).isGreaterThan(1e-3);

        assertThat(steps(inputGradient, 0, cut).amaxNumber().doubleValue()).as("input gradient before the cut-off").isZero();
        for (int t = cut; t < steps; t++) {
            for (int b = 0; b < 2; b++) {
                for (int f = 0; f < FEATURES; f++) {
                    INDArray x = tail.dup();
                    double original = x.getDouble(b, f, t - cut);
                    x.putScalar(new long[] {b, f, t - cut}, original + h);
                    double plus = segmentLoss(layer, atCut, x, tailEps, mgr);
                    x.putScalar(new long[] {b, f, t - cut}, original - h);
                    double minus = segmentLoss(layer, atCut, x, tailEps, mgr);
                    assertThat(inputGradient.getDouble(b, f, t)).as("%s input gradient [%s, %s, %s]", cell, b, f, t)
                            .isCloseTo((plus - minus) / (2 * h), Offset.offset(1e-7));
                }
            }
        }
    }

    private static INDArray steps(INDArray sequence, int from, int to) {
        return sequence.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(from, to)).dup();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn"})
    void trainsOnSequencesLongerThanItsWindow(String cell) {
        int length = 30;
        MultiLayerNetwork net = net(cell, DataType.FLOAT, true, 0.03);
        // label at step t: whether feature 0 was positive one step earlier (needs the carried state)
        INDArray x = TestNets.features(21, 16, FEATURES, length, DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 2, length);
        for (int b = 0; b < 16; b++) {
            for (int t = 0; t < length; t++) {
                boolean positive = t > 0 && x.getDouble(b, 0, t - 1) > 0;
                y.putScalar(new long[] {b, positive ? 1 : 0, t}, 1.0);
            }
        }
        DataSet data = new DataSet(x, y);
        double before = net.score(data);
        for (int i = 0; i < 40; i++) {
            net.fit(data);
        }
        double after = net.score(data);
        assertThat(after).as("score before %s, after %s", before, after).isLessThan(0.5 * before);
    }
}
