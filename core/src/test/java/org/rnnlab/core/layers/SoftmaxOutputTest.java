package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.core.TestNets;

/**
 * rnnlab's classifier head ({@link SoftmaxOutput}) computes what DL4J's {@code OutputLayer} computes, with the same
 * parameters: its own inference pass where it applies, DL4J's code in training and everywhere else.
 */
class SoftmaxOutputTest {

    private static final String OURS = SoftmaxOutput.class.getName();
    private static final String DL4J = OutputLayer.class.getName();

    @AfterEach
    void kernelsOn() {
        System.clearProperty(Nd4jRuntime.KERNELS_PROPERTY);
    }

    /** The same network with DL4J's OutputLayer as its head (the configuration's JSON with the class swapped), same parameters. */
    private static MultiLayerNetwork withDl4jHead(MultiLayerNetwork net) {
        String json = net.getLayerWiseConfigurations().toJson();
        assertThat(json).contains("\"" + OURS + "\"");
        MultiLayerNetwork twin = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json.replace(OURS, DL4J)));
        twin.init();
        twin.setParams(net.params().dup());
        assertThat(twin.getLayer(twin.getnLayers() - 1)).isExactlyInstanceOf(org.deeplearning4j.nn.layers.OutputLayer.class);
        return twin;
    }

    private static double maxDifference(INDArray a, INDArray b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        return a.sub(b).amaxNumber().doubleValue();
    }

    @ParameterizedTest(name = "{0} bidirectional={1} head={2} mb={3}")
    @CsvSource({"LSTM, false, LAST, 1", "LSTM, false, LAST, 5", "GRU, true, LAST, 3", "RNN, false, MEAN, 4",
            "LSTM, false, ATTENTION, 2"})
    void predictsWhatDl4jsOutputLayerPredicts(CellType cell, boolean bidirectional, SequenceHead head, int mb) {
        ModelSpec spec = TestNets.spec(cell, bidirectional, List.of(6), 1e-3).withHead(head);
        MultiLayerNetwork net = NetworkFactory.build(spec, 3, 4);
        Nd4j.getRandom().setSeed(5);
        net.setParams(Nd4j.rand(DataType.FLOAT, 1, net.numParams()).subi(0.5).muli(2));
        MultiLayerNetwork dl4j = withDl4jHead(net);
        assertThat(net.getLayer(net.getnLayers() - 1)).isExactlyInstanceOf(SoftmaxOutputLayer.class);
        INDArray x = TestNets.features(9, mb, 3, 7, DataType.FLOAT);
        int[] lengths = new int[mb];
        for (int i = 0; i < mb; i++) {
            lengths[i] = 7 - (i % 4);
        }
        INDArray mask = TestNets.mask(lengths, 7, DataType.FLOAT);

        long before = SoftmaxOutputLayer.passes();
        INDArray ours = net.output(x);
        INDArray oursMasked = net.output(x, false, mask, null);
        assertThat(SoftmaxOutputLayer.passes() - before).as("both passes through rnnlab's head").isEqualTo(2);

        assertThat(maxDifference(ours, dl4j.output(x))).isLessThan(1e-6);
        assertThat(maxDifference(oursMasked, dl4j.output(x, false, mask, null))).isLessThan(1e-6);
        for (double s : ours.sum(1).toDoubleVector()) {
            assertThat(s).isCloseTo(1, within(1e-6));
        }
        assertThat(ours.ordering()).isEqualTo('c');
        assertThat(ours.isAttached()).as("the output outlives the call").isFalse();
    }

    @Test
    void trainsAsDl4jsOutputLayerTrains() {
        MultiLayerNetwork net = NetworkFactory.build(TestNets.spec(CellType.LSTM, false, List.of(5), 1e-2), 3, 3);
        MultiLayerNetwork dl4j = withDl4jHead(net);
        INDArray x = TestNets.features(2, 6, 3, 5, DataType.FLOAT);
        INDArray y = TestNets.labels(6, 3, DataType.FLOAT);
        long before = SoftmaxOutputLayer.trainingPasses();
        for (int i = 0; i < 3; i++) {
            net.fit(new DataSet(x, y));
            dl4j.fit(new DataSet(x, y));
        }
        assertThat(SoftmaxOutputLayer.trainingPasses() - before).as("back-propagation and score through rnnlab's head")
                .isEqualTo(6);
        assertThat(maxDifference(net.params(), dl4j.params())).isLessThan(1e-6);
        assertThat(net.score()).isCloseTo(dl4j.score(), within(1e-6));
    }

    /**
     * The head's training pass against DL4J's: score, parameter gradients and the gradient into the recurrent layers, for
     * the loss with and without class weights, inputs of any layout, a score with a regularization term.
     */
    @ParameterizedTest(name = "weights={0} layout={1}")
    @CsvSource({"false, c", "true, c", "true, f", "false, gaps"})
    void itsTrainingPassIsDl4jsOutputLayers(boolean weighted, String layout) {
        int nIn = 5;
        int k = 4;
        LossMCXENT loss = weighted ? new LossMCXENT(Nd4j.create(new double[] {0.5, 2, 1, 3})) : new LossMCXENT();
        OutputLayer.Builder b = new OutputLayer.Builder().lossFunction(loss).nIn(nIn).nOut(k).activation(Activation.SOFTMAX);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .list().layer(SoftmaxOutput.of(b)).build());
        net.init();
        Nd4j.getRandom().setSeed(11);
        net.setParams(Nd4j.rand(DataType.FLOAT, 1, net.numParams()).subi(0.5).muli(4));
        MultiLayerNetwork dl4j = withDl4jHead(net);
        net.initGradientsView(); // as fit does first
        dl4j.initGradientsView();
        INDArray x = switch (layout) {
            case "c" -> Nd4j.rand(DataType.FLOAT, 7, nIn).subi(0.5);
            case "f" -> Nd4j.rand(DataType.FLOAT, 7, nIn).subi(0.5).dup('f');
            default -> Nd4j.rand(DataType.FLOAT, 7, 2 * nIn).subi(0.5).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, nIn));
        };
        INDArray y = TestNets.labels(7, k, DataType.FLOAT);
        long before = SoftmaxOutputLayer.trainingPasses();
        org.deeplearning4j.nn.api.Layer ours = net.getLayer(0);
        org.deeplearning4j.nn.api.Layer theirs = dl4j.getLayer(0);
        var mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        for (org.deeplearning4j.nn.api.Layer l : List.of(ours, theirs)) {
            l.setInput(x, mgr);
            ((org.deeplearning4j.nn.api.layers.IOutputLayer) l).setLabels(y);
        }
        var o = ours.backpropGradient(null, mgr);
        var t = theirs.backpropGradient(null, mgr);
        assertThat(maxDifference(o.getSecond(), t.getSecond())).as("dL/dx").isLessThan(1e-6);
        for (String key : List.of("W", "b")) {
            INDArray g = o.getFirst().gradientForVariable().get(key);
            assertThat(maxDifference(g, t.getFirst().gradientForVariable().get(key))).as(key).isLessThan(1e-6);
            assertThat(g.amaxNumber().doubleValue()).as("a gradient that is not zero").isGreaterThan(1e-2);
        }
        double regularization = 0.25;
        double score = ((org.deeplearning4j.nn.api.layers.IOutputLayer) ours).computeScore(regularization, true, mgr);
        assertThat(score).isCloseTo(((org.deeplearning4j.nn.api.layers.IOutputLayer) theirs).computeScore(regularization, true, mgr),
                within(1e-6));
        assertThat(SoftmaxOutputLayer.trainingPasses() - before).isEqualTo(2);
        // golden: the unweighted score by hand, (1/mb) Σ -log p(label), p from DL4J's own output
        if (!weighted) {
            INDArray p = dl4j.output(x);
            double byHand = 0;
            for (int i = 0; i < 7; i++) {
                byHand -= Math.log(p.getDouble(i, y.getRow(i).argMax().getInt(0)));
            }
            assertThat(score).isCloseTo(byHand / 7 + regularization, within(1e-5));
        }
    }

    @Test
    void trainsWithDl4jsCodeWhereItsTrainingPassDoesNotApply() {
        // dropout on the head's input: DL4J's pass (it draws the dropout mask)
        OutputLayer.Builder b = new OutputLayer.Builder().lossFunction(new LossMCXENT()).nIn(3).nOut(2).activation(Activation.SOFTMAX)
                .dropOut(0.5);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .list().layer(SoftmaxOutput.of(b)).build());
        net.init();
        long before = SoftmaxOutputLayer.trainingPasses();
        net.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 4, 3), TestNets.labels(4, 2, DataType.FLOAT)));
        assertThat(SoftmaxOutputLayer.trainingPasses()).isEqualTo(before);
        // another loss (negative log-likelihood is a subclass of LossMCXENT): DL4J's
        OutputLayer.Builder nll = new OutputLayer.Builder().lossFunction(new org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood())
                .nIn(3).nOut(2).activation(Activation.SOFTMAX);
        MultiLayerNetwork other = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .list().layer(SoftmaxOutput.of(nll)).build());
        other.init();
        other.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 4, 3), TestNets.labels(4, 2, DataType.FLOAT)));
        assertThat(SoftmaxOutputLayer.trainingPasses()).isEqualTo(before);
    }

    /** A head alone, fed matrices of any layout: a view with gaps, a column-major one, one input feature. */
    @ParameterizedTest(name = "nIn={0} layout={1}")
    @CsvSource({"4, c", "4, f", "4, gaps", "1, c", "7, f"})
    void readsInputsOfAnyLayout(int nIn, String layout) {
        OutputLayer.Builder b = new OutputLayer.Builder().lossFunction(new LossMCXENT()).nIn(nIn).nOut(3).activation(Activation.SOFTMAX);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .list().layer(SoftmaxOutput.of(b)).build());
        net.init();
        MultiLayerNetwork dl4j = withDl4jHead(net);
        Nd4j.getRandom().setSeed(8);
        INDArray x = switch (layout) {
            case "c" -> Nd4j.rand(DataType.FLOAT, 5, nIn);
            case "f" -> Nd4j.rand(DataType.FLOAT, 5, nIn).dup('f');
            default -> Nd4j.rand(DataType.FLOAT, 5, 2 * nIn).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, nIn));
        };
        long before = SoftmaxOutputLayer.passes();
        INDArray ours = net.output(x);
        assertThat(SoftmaxOutputLayer.passes() - before).isEqualTo(1);
        assertThat(maxDifference(ours, dl4j.output(x))).isLessThan(1e-6);
    }

    @Test
    void isDl4jsOutputLayerWhereItsPassDoesNotApply() {
        ModelSpec spec = TestNets.spec(CellType.LSTM, false, List.of(4), 1e-3);
        assertThat(NetworkFactory.build(spec, 3, 2, DataType.DOUBLE).getLayers()[1])
                .as("double precision").isExactlyInstanceOf(org.deeplearning4j.nn.layers.OutputLayer.class);
        assertThat(NetworkFactory.configuration(spec.withImplementation(Implementation.DL4J), 3, 2, DataType.FLOAT).getConf(1)
                .getLayer()).as("--impl dl4j").isExactlyInstanceOf(OutputLayer.class);
        System.setProperty(Nd4jRuntime.KERNELS_PROPERTY, "off");
        MultiLayerNetwork off = NetworkFactory.build(spec, 3, 2);
        assertThat(off.getLayerWiseConfigurations().getConf(1).getLayer()).isExactlyInstanceOf(SoftmaxOutput.class);
        assertThat(off.getLayers()[1]).as("kernels off").isExactlyInstanceOf(org.deeplearning4j.nn.layers.OutputLayer.class);
    }

    @Test
    void keepsItsClassThroughTheConfigurationJson() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(TestNets.spec(CellType.GRU, false, List.of(4), 1e-3), 3, 2,
                DataType.FLOAT);
        MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(read.getConf(1).getLayer()).isExactlyInstanceOf(SoftmaxOutput.class).isEqualTo(conf.getConf(1).getLayer());
    }

    @Test
    void softmaxGoldenValues() {
        float[] z = {1, 2, 3, 1000, 1001, -1000};
        SoftmaxOutputLayer.softmaxRows(z, new float[] {0, 0, 0}, 2, 3);
        // softmax(1, 2, 3); softmax(1000, 1001, -1000) without overflow: (1, e, 0) / (1 + e)
        assertThat(z[0]).isCloseTo(0.09003057f, within(1e-7f));
        assertThat(z[1]).isCloseTo(0.24472847f, within(1e-7f));
        assertThat(z[2]).isCloseTo(0.66524096f, within(1e-7f));
        assertThat(z[3]).isCloseTo(0.26894142f, within(1e-7f));
        assertThat(z[4]).isCloseTo(0.73105858f, within(1e-7f));
        assertThat(z[5]).isEqualTo(0f);
        float[] biased = {0, 0};
        SoftmaxOutputLayer.softmaxRows(biased, new float[] {0, (float) Math.log(3)}, 1, 2);
        assertThat(biased[0]).isCloseTo(0.25f, within(1e-7f));
        assertThat(biased[1]).isCloseTo(0.75f, within(1e-7f));
    }
}
