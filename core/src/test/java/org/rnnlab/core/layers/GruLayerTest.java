package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnlab.core.CellType;
import org.rnnlab.core.InputSpec;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.TestNets;

/** Behaviour of {@link GruLayer} in DL4J networks: state, masks, lengths, tBPTT, precision, workspaces, clipping. */
class GruLayerTest {

    private static final int FEATURES = 3;
    private static final int CLASSES = 3;

    /** Gru(FEATURES -> hidden) + per-step softmax output, Adam. */
    private static MultiLayerNetwork sequenceNet(DataType dataType, int hidden, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(dataType).updater(new Adam(0.02)).list()
                .layer(new Gru.Builder().nIn(FEATURES).nOut(hidden).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(hidden).nOut(CLASSES).build())
                .build());
        net.init();
        return net;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void rnnTimeStepEqualsFullSequenceForward(DataType dataType) {
        MultiLayerNetwork net = sequenceNet(dataType, 5, 7);
        INDArray x = TestNets.features(3, 2, FEATURES, 9, dataType);
        INDArray full = net.output(x);
        double tol = dataType == DataType.DOUBLE ? 1e-12 : 1e-5;

        net.rnnClearPreviousState();
        for (int t = 0; t < 9; t++) {
            INDArray step = net.rnnTimeStep(x.get(all(), all(), interval(t, t + 1)));
            assertThat(maxAbsDiff(step, full.get(all(), all(), interval(t, t + 1)))).as("step %s", t).isLessThan(tol);
        }
        assertThat(net.rnnGetPreviousState(0)).containsKey(GruLayer.STATE_KEY_PREV_STATE);

        net.rnnClearPreviousState();
        INDArray first = net.rnnTimeStep(x.get(all(), all(), interval(0, 4)));
        INDArray rest = net.rnnTimeStep(x.get(all(), all(), interval(4, 9)));
        assertThat(maxAbsDiff(Nd4j.concat(2, first, rest), full)).as("chunks of 4 and 5 steps").isLessThan(tol);
    }

    @ParameterizedTest(name = "bidirectional={0}")
    @ValueSource(booleans = {false, true})
    void paddedMaskedSequenceEqualsUnpaddedOne(boolean bidirectional) {
        // DL4J's LastTimeStep creates its masked output in Nd4j's default type: without this, a DOUBLE
        // network's masked output is rounded to FLOAT
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            checkPaddedEqualsUnpadded(bidirectional);
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    private static void checkPaddedEqualsUnpadded(boolean bidirectional) {
        ModelSpec spec = TestNets.spec(CellType.GRU, bidirectional, List.of(4, 5), 1e-3);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE);
        int real = 4;
        int padded = 7;
        INDArray xPadded = TestNets.features(11, 1, FEATURES, padded, DataType.DOUBLE);
        xPadded.get(all(), all(), interval(real, padded)).assign(Nd4j.rand(DataType.DOUBLE, 1, FEATURES, padded - real).muli(50));
        INDArray mask = TestNets.mask(new int[] {real}, padded, DataType.DOUBLE);
        INDArray xShort = xPadded.get(all(), all(), interval(0, real)).dup();
        INDArray y = TestNets.labels(1, CLASSES, DataType.DOUBLE);

        INDArray outPadded = net.output(xPadded, false, mask, null);
        assertThat(outPadded.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(maxAbsDiff(outPadded, net.output(xShort, false))).isLessThan(1e-14);

        net.setLayerMaskArrays(mask, null);
        INDArray gradPadded = gradient(net, xPadded, y);
        net.clearLayerMaskArrays();
        INDArray gradShort = gradient(net, xShort, y);
        assertThat(maxAbsDiff(gradPadded, gradShort)).as("parameter gradients").isLessThan(1e-14);
    }

    /** The network's parameter gradient (GradientCheckUtil's path; calculateGradients mishandles masks here). */
    private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    @Test
    void maskedStepsNeitherChangeStateNorReceiveGradient() {
        MultiLayerNetwork net = sequenceNet(DataType.DOUBLE, 4, 3);
        Layer gru = net.getLayer(0);
        net.initGradientsView();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        int real = 3;
        int padded = 6;
        INDArray xPadded = TestNets.features(2, 1, FEATURES, padded, DataType.DOUBLE);
        INDArray epsPadded = TestNets.features(3, 1, 4, padded, DataType.DOUBLE); // non-zero at padded steps too
        INDArray mask = TestNets.mask(new int[] {real}, padded, DataType.DOUBLE);

        gru.setMaskArray(mask);
        INDArray outPadded = gru.activate(xPadded, false, mgr).dup();
        gru.setInput(xPadded, mgr);
        Pair<Gradient, INDArray> bpPadded = gru.backpropGradient(epsPadded, mgr);
        INDArray gradPadded = bpPadded.getFirst().gradient().dup();
        INDArray inGradPadded = bpPadded.getSecond().dup();

        gru.setMaskArray(null);
        INDArray xShort = xPadded.get(all(), all(), interval(0, real)).dup();
        INDArray outShort = gru.activate(xShort, false, mgr).dup();
        gru.setInput(xShort, mgr);
        Pair<Gradient, INDArray> bpShort = gru.backpropGradient(epsPadded.get(all(), all(), interval(0, real)).dup(), mgr);

        assertThat(maxAbsDiff(outPadded.get(all(), all(), interval(0, real)), outShort)).isZero();
        assertThat(outPadded.get(all(), all(), interval(real, padded)).amaxNumber().doubleValue()).as("masked outputs").isZero();
        assertThat(maxAbsDiff(gradPadded, bpShort.getFirst().gradient())).as("parameter gradients").isLessThan(1e-14);
        assertThat(maxAbsDiff(inGradPadded.get(all(), all(), interval(0, real)), bpShort.getSecond())).isLessThan(1e-14);
        assertThat(inGradPadded.get(all(), all(), interval(real, padded)).amaxNumber().doubleValue())
                .as("input gradient of padded steps").isZero();
    }

    @Test
    void anySequenceLengthAtInference() {
        MultiLayerNetwork net = NetworkFactory.build(TestNets.spec(CellType.GRU, true, List.of(6), 1e-2), FEATURES, CLASSES);
        net.fit(TestNets.features(1, 4, FEATURES, 8, DataType.FLOAT), TestNets.labels(4, CLASSES, DataType.FLOAT));
        for (int length : new int[] {1, 2, 8, 33}) {
            INDArray out = net.output(TestNets.features(length, 3, FEATURES, length, DataType.FLOAT));
            assertThat(out.shape()).as("length %s", length).containsExactly(3, CLASSES);
            assertThat(out.sum(1).sub(1.0).amaxNumber().doubleValue()).isLessThan(1e-5);
            assertThat(out.isNaN().any() || out.isInfinite().any()).isFalse();
        }
    }

    @Test
    void tokenInputGruNetworkTrainsWithMasks() {
        ModelSpec spec = TestNets.spec(CellType.GRU, true, List.of(6, 5), 1e-2).withInput(InputSpec.tokens(20, 5));
        MultiLayerNetwork net = NetworkFactory.build(spec, 0, CLASSES);
        Nd4j.getRandom().setSeed(17);
        INDArray tokens = Nd4j.rand(DataType.FLOAT, 6, 9).muli(20).castTo(DataType.INT32).castTo(DataType.FLOAT);
        INDArray mask = TestNets.mask(new int[] {9, 8, 7, 5, 3, 1}, 9, DataType.FLOAT);
        DataSet data = new DataSet(tokens, TestNets.labels(6, CLASSES, DataType.FLOAT), mask, null);
        double before = net.score(data);
        for (int i = 0; i < 30; i++) {
            net.fit(data);
        }
        assertThat(net.output(tokens, false, mask, null).shape()).containsExactly(6, CLASSES);
        assertThat(net.score(data)).isLessThan(before);
    }

    @Test
    void floatAndDoubleNetworksAgree() {
        ModelSpec spec = TestNets.spec(CellType.GRU, true, List.of(5, 4), 1e-3);
        MultiLayerNetwork f = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.FLOAT);
        MultiLayerNetwork d = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE);
        d.setParams(f.params().castTo(DataType.DOUBLE));
        INDArray x = TestNets.features(8, 3, FEATURES, 6, DataType.DOUBLE);
        INDArray mask = TestNets.mask(new int[] {6, 3, 1}, 6, DataType.DOUBLE);
        INDArray outD = d.output(x, false, mask, null);
        INDArray outF = f.output(x.castTo(DataType.FLOAT), false, mask.castTo(DataType.FLOAT), null);
        assertThat(outF.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(outD.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(maxAbsDiff(outF.castTo(DataType.DOUBLE), outD)).isLessThan(1e-5);
    }

    @Test
    void workspacesEnabledAndNoneTrainIdentically() {
        ModelSpec spec = TestNets.spec(CellType.GRU, true, List.of(5, 4), 1e-2);
        MultiLayerConfiguration withWs = NetworkFactory.configuration(spec, FEATURES, CLASSES, DataType.FLOAT);
        MultiLayerConfiguration noWs = NetworkFactory.configuration(spec, FEATURES, CLASSES, DataType.FLOAT);
        assertThat(withWs.getTrainingWorkspaceMode()).isEqualTo(WorkspaceMode.ENABLED);
        noWs.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        noWs.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        MultiLayerNetwork a = new MultiLayerNetwork(withWs);
        a.init();
        MultiLayerNetwork b = new MultiLayerNetwork(noWs);
        b.init();
        b.setParams(a.params().dup());
        INDArray x = TestNets.features(4, 5, FEATURES, 7, DataType.FLOAT);
        INDArray y = TestNets.labels(5, CLASSES, DataType.FLOAT);
        INDArray mask = TestNets.mask(new int[] {7, 6, 5, 2, 1}, 7, DataType.FLOAT);
        DataSet data = new DataSet(x, y, mask, null);
        for (int i = 0; i < 3; i++) {
            a.fit(data);
            b.fit(data);
        }
        assertThat(maxAbsDiff(a.params(), b.params())).isLessThan(1e-6);
        assertThat(maxAbsDiff(a.output(x, false, mask, null), b.output(x, false, mask, null))).isLessThan(1e-6);
    }

    @Test
    void inputDropoutTrainsAndInferenceIsDeterministic() {
        ModelSpec spec = TestNets.spec(CellType.GRU, false, List.of(6, 6), 1e-2).withDropout(0.3);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES);
        INDArray x = TestNets.features(9, 6, FEATURES, 5, DataType.FLOAT);
        INDArray y = TestNets.labels(6, CLASSES, DataType.FLOAT);
        INDArray before = net.params().dup();
        for (int i = 0; i < 5; i++) {
            net.fit(x, y);
        }
        assertThat(net.params().isNaN().any()).isFalse();
        assertThat(maxAbsDiff(before, net.params())).isGreaterThan(0);
        assertThat(maxAbsDiff(net.output(x), net.output(x))).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GradientNormalization.class, names = "None", mode = EnumSource.Mode.EXCLUDE)
    void everyGradientNormalizationModeTrains(GradientNormalization mode) {
        ModelSpec spec = TestNets.spec(CellType.GRU, true, List.of(5, 5), 1e-2).withGradientNormalization(mode, 0.5);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES);
        INDArray x = TestNets.features(10, 6, FEATURES, 6, DataType.FLOAT);
        INDArray y = TestNets.labels(6, CLASSES, DataType.FLOAT);
        INDArray mask = TestNets.mask(new int[] {6, 5, 4, 3, 2, 1}, 6, DataType.FLOAT);
        INDArray previous = net.params().dup();
        for (int i = 0; i < 4; i++) {
            net.fit(new DataSet(x, y, mask, null));
            INDArray now = net.params();
            assertThat(now.isNaN().any() || now.isInfinite().any()).as("finite after step %s", i).isFalse();
            assertThat(maxAbsDiff(previous, now)).as("parameters change at step %s", i).isGreaterThan(0);
            previous = now.dup();
        }
        assertThat(Double.isFinite(net.score())).isTrue();
    }

    @Test
    void nwcDataFormatGivesTheNcwResultsTransposed() {
        MultiLayerNetwork ncw = sequenceNet(DataType.DOUBLE, 4, 9);
        MultiLayerNetwork nwc = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(9).dataType(DataType.DOUBLE).updater(new Adam(0.02)).list()
                .layer(new Gru.Builder().nIn(FEATURES).nOut(4).dataFormat(RNNFormat.NWC).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).dataFormat(RNNFormat.NWC)
                        .activation(Activation.SOFTMAX).nIn(4).nOut(CLASSES).build())
                .build());
        nwc.init();
        nwc.setParams(ncw.params());
        INDArray x = TestNets.features(4, 2, FEATURES, 5, DataType.DOUBLE);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, CLASSES, 5);
        y.get(all(), interval(0, 1), all()).assign(1.0);
        assertThat(maxAbsDiff(nwc.output(x.permute(0, 2, 1).dup()), ncw.output(x).permute(0, 2, 1))).isLessThan(1e-14);
        ncw.setInput(x);
        ncw.setLabels(y);
        ncw.computeGradientAndScore();
        nwc.setInput(x.permute(0, 2, 1).dup());
        nwc.setLabels(y.permute(0, 2, 1).dup());
        nwc.computeGradientAndScore();
        assertThat(maxAbsDiff(nwc.gradient().gradient(), ncw.gradient().gradient())).isLessThan(1e-14);
    }

    @Test
    void memoryReportGrowsWithSequenceLength() {
        Gru gru = new Gru.Builder().nIn(FEATURES).nOut(8).build();
        long params = GruParamInitializer.count(FEATURES, 8);
        long shortSeq = gru.getMemoryReport(InputType.recurrent(FEATURES, 10))
                .getTotalMemoryBytes(16, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.FLOAT);
        long longSeq = gru.getMemoryReport(InputType.recurrent(FEATURES, 100))
                .getTotalMemoryBytes(16, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.FLOAT);
        assertThat(shortSeq).isGreaterThan(4 * params);
        assertThat(longSeq).isGreaterThan(shortSeq);
        // a stacked unidirectional network (DL4J's Bidirectional drops the sequence length from its output type,
        // so a network report above a Bidirectional layer cannot be totalled)
        MultiLayerConfiguration conf = NetworkFactory.configuration(
                TestNets.spec(CellType.GRU, false, List.of(5, 4), 1e-3), FEATURES, CLASSES, DataType.FLOAT);
        assertThat(conf.getMemoryReport(InputType.recurrent(FEATURES, 10))
                .getTotalMemoryBytes(16, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.FLOAT)).isGreaterThan(0);
    }

    @Test
    void configurationRoundTripsThroughJsonWithItsClassName() {
        ModelSpec spec = TestNets.spec(CellType.GRU, true, List.of(5, 4), 1e-3);
        MultiLayerConfiguration conf = NetworkFactory.configuration(spec, FEATURES, CLASSES, DataType.FLOAT);
        String json = conf.toJson();
        assertThat(json).contains("org.rnnlab.core.layers.Gru");
        assertThat(MultiLayerConfiguration.fromJson(json)).isEqualTo(conf);
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
