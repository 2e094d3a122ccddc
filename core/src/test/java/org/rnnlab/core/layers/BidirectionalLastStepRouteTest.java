package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.TestNets;

/**
 * The single-precision route by which a {@link BidirectionalLastStepLayer} hands its input gradient, zero but at two
 * steps per example, to the {@link KernelBidirectionalLayer} below as rows ({@link
 * KernelBidirectionalLayer#takeLastStepGradient}) and leaves the array it returns unfilled: the same parameter and
 * input gradients, bit for bit, as the array of all steps the head fills when its input is not that layer's output (a
 * copy of it), over passes whose last steps change (the kernels' gradient buffer is re-zeroed only at the rows the
 * previous pass wrote) and after passes of the full array and of a gradient at every step in between (the buffer then
 * filled whole again), for every cell and merge mode; through DL4J's own training pass; and not in a {@code
 * ComputationGraph}.
 */
class BidirectionalLastStepRouteTest {

    private static final int FEATURES = 3;
    private static final int HIDDEN = 6;
    private static final int CLASSES = 3;
    private static final int STEPS = 9;
    private static final int MB = 5;

    private record Pass(INDArray paramGradient, INDArray inputGradient) {
    }

    /** One forward and backward pass of the two layers, the head reading the bidirectional layer's output or a copy. */
    private static Pass pass(MultiLayerNetwork net, INDArray x, INDArray mask, INDArray eps, boolean copy) {
        Layer bi = net.getLayer(0);
        Layer head = net.getLayer(1);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        bi.setInput(x, ws);
        bi.setMaskArray(mask);
        INDArray out = bi.activate(true, ws);
        head.setInput(copy ? out.dup('f') : out, ws);
        head.feedForwardMaskArray(mask, MaskState.Active, MB);
        head.activate(true, ws);
        long routed = KernelBidirectionalLayer.lastStepPasses();
        INDArray headGradient = head.backpropGradient(eps, ws).getSecond();
        if (!copy) {
            headGradient.assign(Float.NaN); // the route never reads the array it returned
        }
        INDArray inputGradient = bi.backpropGradient(headGradient, ws).getSecond().dup();
        assertThat(KernelBidirectionalLayer.lastStepPasses() - routed).as("passes through the last-step rows")
                .isEqualTo(copy ? 0 : 1);
        return new Pass(bi.getGradientsViewArray().dup(), inputGradient);
    }

    static Stream<Arguments> cellsAndMerges() {
        return Stream.of(CellType.values()).flatMap(cell -> Stream.of(Bidirectional.Mode.values()).map(m -> Arguments.of(cell, m)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cellsAndMerges")
    void theRowsGiveWhatTheArrayOfAllStepsGives(CellType cell, Bidirectional.Mode merge) {
        ModelSpec spec = TestNets.spec(cell, true, List.of(HIDDEN), 1e-3).withBidirectionalMode(merge);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.FLOAT);
        long oneDnnBackward = OneDnnLstm.backwardPasses();
        assertThat(net.getLayer(0)).isInstanceOf(KernelBidirectionalLayer.class);
        assertThat(net.getLayer(1)).isInstanceOf(BidirectionalLastStepLayer.class);
        int width = merge == Bidirectional.Mode.CONCAT ? 2 * HIDDEN : HIDDEN;
        // last steps that move between passes; an example with no valid step; no mask at all
        List<INDArray> masks = new ArrayList<>();
        masks.add(TestNets.mask(new int[] {9, 4, 1, 6, 9}, STEPS, DataType.FLOAT));
        masks.add(TestNets.mask(new int[] {3, 9, 7, 0, 2}, STEPS, DataType.FLOAT));
        masks.add(null);
        masks.add(TestNets.mask(new int[] {5, 5, 9, 1, 8}, STEPS, DataType.FLOAT));
        Nd4j.getRandom().setSeed(5);
        List<INDArray> xs = new ArrayList<>();
        List<INDArray> epss = new ArrayList<>();
        List<Pass> routed = new ArrayList<>();
        List<Pass> full = new ArrayList<>();
        for (int i = 0; i < masks.size(); i++) {
            xs.add(TestNets.features(40 + i, MB, FEATURES, STEPS, DataType.FLOAT));
            epss.add(Nd4j.rand(DataType.FLOAT, MB, width).subi(0.5));
            routed.add(pass(net, xs.get(i), masks.get(i), epss.get(i), false));
            // every second pass is followed by one of the full array, so the next routed pass starts from a full fill
            full.add(i % 2 == 1 ? pass(net, xs.get(i), masks.get(i), epss.get(i), true) : null);
            if (i % 2 == 1) { // and by one of a gradient at every step, from elsewhere than the head
                Layer bi = net.getLayer(0);
                bi.setInput(xs.get(i), LayerWorkspaceMgr.noWorkspaces());
                bi.setMaskArray(null);
                bi.activate(true, LayerWorkspaceMgr.noWorkspaces());
                bi.backpropGradient(Nd4j.rand(DataType.FLOAT, MB, 2 * HIDDEN, STEPS).addi(1), LayerWorkspaceMgr.noWorkspaces());
            }
        }
        if (cell == CellType.LSTM) { // the LSTM's passes went through oneDNN, whose gradient buffer is kept zero
            assertThat(OneDnnLstm.backwardPasses() - oneDnnBackward).isGreaterThanOrEqualTo(2L * masks.size());
        }
        for (int i = 0; i < masks.size(); i++) {
            Pass expected = full.get(i) != null ? full.get(i) : pass(net, xs.get(i), masks.get(i), epss.get(i), true);
            Pass actual = routed.get(i);
            assertThat(actual.paramGradient().amaxNumber().doubleValue()).as("a gradient at all").isGreaterThan(0);
            assertThat(actual.paramGradient().data().asFloat()).as("parameter gradients, pass %s", i)
                    .containsExactly(expected.paramGradient().data().asFloat());
            assertThat(actual.inputGradient().dup('c').data().asFloat()).as("input gradient, pass %s", i)
                    .containsExactly(expected.inputGradient().dup('c').data().asFloat());
        }
    }

    /** The rows stand for the array the head returned and for no other; and only for an output of the right shape. */
    @Test
    void theRowsAreTakenForTheHeadsArrayOnly() {
        MultiLayerNetwork net = NetworkFactory.build(TestNets.spec(CellType.LSTM, true, List.of(HIDDEN), 1e-3),
                FEATURES, CLASSES, DataType.FLOAT);
        KernelBidirectionalLayer bi = (KernelBidirectionalLayer) net.getLayer(0);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = TestNets.features(3, MB, FEATURES, STEPS, DataType.FLOAT);
        bi.setInput(x, ws);
        INDArray out = bi.activate(true, ws);
        assertThat(KernelBidirectionalLayer.producerOf(out, 1)).isSameAs(bi);
        assertThat(KernelBidirectionalLayer.producerOf(out, 2)).as("a head not just above").isNull();
        assertThat(KernelBidirectionalLayer.producerOf(out.dup(), 1)).isNull();
        float[] rows = new float[MB * HIDDEN];
        int[] steps = new int[MB];
        assertThatThrownBy(() -> bi.takeLastStepGradient(Nd4j.create(DataType.FLOAT, MB, 2 * HIDDEN, STEPS - 1), rows, steps, rows, steps))
                .hasMessageContaining("last-step gradient of shape [5, 12, 8]");
        // rows handed over for one array: a backward pass of another array (made from the unfilled one) is refused
        bi.takeLastStepGradient(Nd4j.create(DataType.FLOAT, MB, 2 * HIDDEN, STEPS), rows, steps, rows, steps);
        INDArray ones = Nd4j.ones(DataType.FLOAT, MB, 2 * HIDDEN, STEPS);
        assertThatThrownBy(() -> bi.backpropGradient(ones, ws)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("got another array");
        // without rows handed over, any array is read as usual
        long before = KernelBidirectionalLayer.lastStepPasses();
        bi.activate(true, ws);
        bi.backpropGradient(ones, ws);
        assertThat(KernelBidirectionalLayer.lastStepPasses()).isEqualTo(before);
        assertThat(bi.getGradientsViewArray().amaxNumber().doubleValue()).as("the array's gradient").isGreaterThan(0);
        // inference outputs are not handed to a head's backward pass
        bi.activate(false, ws);
        assertThat(KernelBidirectionalLayer.producerOf(out, 1)).isNull();
    }

    /**
     * Through DL4J's own training pass (workspaces, {@code computeGradientAndScore}) the route is taken, and the
     * gradients are the double-precision network's (which keeps the array of all steps) to float precision.
     */
    @Test
    void aTrainingPassOfTheNetworkTakesTheRoute() {
        ModelSpec spec = TestNets.spec(CellType.LSTM, true, List.of(HIDDEN), 1e-3);
        MultiLayerNetwork single = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.FLOAT);
        MultiLayerNetwork twice = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE);
        twice.setParams(single.params().castTo(DataType.DOUBLE));
        INDArray x = TestNets.features(9, MB, FEATURES, STEPS, DataType.DOUBLE);
        INDArray y = TestNets.labels(MB, CLASSES, DataType.DOUBLE);
        INDArray mask = TestNets.mask(new int[] {9, 2, 5, 7, 9}, STEPS, DataType.DOUBLE);
        for (MultiLayerNetwork net : List.of(single, twice)) {
            DataType type = net == single ? DataType.FLOAT : DataType.DOUBLE;
            net.setInput(x.castTo(type));
            net.setLabels(y.castTo(type));
            net.setLayerMaskArrays(mask.castTo(type), null);
            long before = KernelBidirectionalLayer.lastStepPasses();
            net.computeGradientAndScore();
            assertThat(KernelBidirectionalLayer.lastStepPasses() - before).as("route, " + type).isEqualTo(net == single ? 1 : 0);
        }
        double[] a = single.gradient().gradient().castTo(DataType.DOUBLE).data().asDouble();
        double[] e = twice.gradient().gradient().data().asDouble();
        double scale = java.util.Arrays.stream(e).map(Math::abs).max().orElse(0);
        assertThat(scale).isGreaterThan(0);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("gradient %s", i).isCloseTo(e[i], Offset.offset(1e-4 * scale));
        }
    }

    /**
     * In a {@code ComputationGraph} the head does not take the route (a vertex's output may feed several others, whose
     * gradients DL4J adds into the first array returned), and trains as in a {@code MultiLayerNetwork}.
     */
    @Test
    void notInAComputationGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(3)
                .updater(new org.nd4j.linalg.learning.config.Sgd(0.1)).graphBuilder()
                .addInputs("in")
                .addLayer("bi", new KernelBidirectional(Bidirectional.Mode.CONCAT,
                        new Lstm.Builder().nIn(FEATURES).nOut(HIDDEN).build()), "in")
                .addLayer("head", new BidirectionalLastStep(HIDDEN, Bidirectional.Mode.CONCAT), "bi")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2 * HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "head")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray x = TestNets.features(9, MB, FEATURES, STEPS, DataType.FLOAT);
        INDArray y = TestNets.labels(MB, CLASSES, DataType.FLOAT);
        long before = KernelBidirectionalLayer.lastStepPasses();
        double first = graph.score(new org.nd4j.linalg.dataset.DataSet(x, y));
        for (int i = 0; i < 5; i++) {
            graph.fit(new org.nd4j.linalg.dataset.DataSet(x, y));
        }
        assertThat(KernelBidirectionalLayer.lastStepPasses()).isEqualTo(before);
        assertThat(graph.score(new org.nd4j.linalg.dataset.DataSet(x, y))).isLessThan(first);
    }
}
