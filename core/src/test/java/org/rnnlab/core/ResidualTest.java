package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnlab.core.layers.GruLayer;
import org.rnnlab.core.layers.KernelBidirectionalLayer;
import org.rnnlab.core.layers.LstmLayer;
import org.rnnlab.core.layers.Residual;
import org.rnnlab.core.layers.ResidualLayer;
import org.rnnlab.core.layers.RnnLayer;

/**
 * Residual stacks ({@code ModelSpec.residual}): {@link NetworkFactory} wraps every recurrent layer above the
 * first in a {@link Residual}, {@code y = x + f(x)} or {@code y = P^T x + f(x)} where the widths differ.
 * Gradient checks in double precision (every cell, both directions and implementations, with and without a
 * projection, masked, LAST and MEAN heads), padding, the equation itself against the wrapped layer alone,
 * parameter layout and counts, save and load, and training.
 */
class ResidualTest {

    private static final int FEATURES = 3;
    private static final int CLASSES = 3;
    private static final int[] LENGTHS = {6, 2, 4};
    private static final int PER_PARAM = 16;

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static ModelSpec spec(CellType cell, boolean bidirectional, List<Integer> hidden, SequenceHead head) {
        return TestNets.spec(cell, bidirectional, hidden, 1e-3).withResidual(true).withHead(head);
    }

    static Stream<Arguments> gradientCases() {
        List<Arguments> out = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (boolean bi : new boolean[] {false, true}) {
                for (boolean projected : new boolean[] {false, true}) {
                    for (SequenceHead head : new SequenceHead[] {SequenceHead.LAST, SequenceHead.MEAN}) {
                        out.add(Arguments.of(cell, bi, projected, head));
                    }
                }
            }
        }
        return out.stream();
    }

    /**
     * Up to {@value #PER_PARAM} evenly spaced entries of every parameter array (all of a unidirectional
     * projection's; each LSTM gate block of W and RW) of a three-layer residual stack against central differences, with a feature mask of variable lengths. Three layers so that a residual layer feeds
     * another one; the projected case changes width at both residual layers.
     */
    @ParameterizedTest(name = "{0} bi={1} projected={2} {3}")
    @MethodSource("gradientCases")
    void gradientsMatchFiniteDifferences(CellType cell, boolean bidirectional, boolean projected, SequenceHead head) {
        List<Integer> hidden = projected ? List.of(3, 2, 4) : List.of(3, 3, 3);
        ModelSpec spec = spec(cell, bidirectional, hidden, head);
        MultiLayerNetwork net = TestNets.buildNoOp(spec, FEATURES, CLASSES, DataType.DOUBLE);
        assertThat(net.paramTable().containsKey("2_P")).isEqualTo(projected);
        assertThat(net.paramTable().containsKey("1_P")).isEqualTo(projected);
        INDArray x = TestNets.features(40 + cell.ordinal(), LENGTHS.length, FEATURES, LENGTHS[0], DataType.DOUBLE);
        INDArray y = TestNets.labels(LENGTHS.length, CLASSES, DataType.DOUBLE);
        INDArray mask = TestNets.mask(LENGTHS, LENGTHS[0], DataType.DOUBLE);

        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net).input(x).labels(y).inputMask(mask)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8).subset(true).maxPerParam(PER_PARAM)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertThat(ok).as("gradient check of %s", spec.label()).isTrue();
    }

    /** Every bidirectional merge mode, with a projection (ADD, MUL, AVERAGE keep the directions' width). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Bidirectional.Mode.class)
    void gradientsMatchFiniteDifferencesForEveryMergeMode(Bidirectional.Mode mode) {
        // head last of a residual ADD/MUL/AVERAGE top layer is refused (its skip connection adds the merged directions,
        // NetworkFactory.perDirectionLastHead): those modes are read by last-step, both directions at the last step
        ModelSpec spec = spec(CellType.GRU, true, List.of(3, 2), mode == Bidirectional.Mode.CONCAT ? SequenceHead.LAST
                : SequenceHead.LAST_STEP).withBidirectionalMode(mode);
        MultiLayerNetwork net = TestNets.buildNoOp(spec, FEATURES, CLASSES, DataType.DOUBLE);
        INDArray x = TestNets.features(50 + mode.ordinal(), LENGTHS.length, FEATURES, LENGTHS[0], DataType.DOUBLE);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net).input(x).labels(TestNets.labels(LENGTHS.length, CLASSES, DataType.DOUBLE))
                .inputMask(TestNets.mask(LENGTHS, LENGTHS[0], DataType.DOUBLE))
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertThat(ok).as("gradient check of %s", spec.label()).isTrue();
    }

    /**
     * DL4J's own {@code LSTM} and {@code SimpleRnn} inside the wrapper. Unidirectional with a mask; bidirectional
     * without one (DL4J 1.0.0-M2.1's {@code Bidirectional(LSTM)} fails this check with padding on its own, see
     * docs/dl4j-findings.md).
     */
    @ParameterizedTest(name = "{0} bi={1}")
    @MethodSource("dl4jCases")
    void gradientsMatchFiniteDifferencesWithDl4jLayers(CellType cell, boolean bidirectional) {
        ModelSpec spec = spec(cell, bidirectional, List.of(3, 2), SequenceHead.LAST).withImplementation(Implementation.DL4J);
        MultiLayerNetwork net = TestNets.buildNoOp(spec, FEATURES, CLASSES, DataType.DOUBLE);
        INDArray x = TestNets.features(60 + cell.ordinal(), LENGTHS.length, FEATURES, LENGTHS[0], DataType.DOUBLE);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net).input(x).labels(TestNets.labels(LENGTHS.length, CLASSES, DataType.DOUBLE))
                .inputMask(bidirectional ? null : TestNets.mask(LENGTHS, LENGTHS[0], DataType.DOUBLE))
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertThat(ok).as("gradient check of %s", spec.label()).isTrue();
    }

    static Stream<Arguments> dl4jCases() {
        return Stream.of(Arguments.of(CellType.LSTM, false), Arguments.of(CellType.RNN, false),
                Arguments.of(CellType.LSTM, true), Arguments.of(CellType.RNN, true));
    }

    static Stream<Arguments> cellsDirectionsHeads() {
        List<Arguments> out = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (boolean bi : new boolean[] {false, true}) {
                for (SequenceHead head : new SequenceHead[] {SequenceHead.LAST, SequenceHead.MEAN, SequenceHead.MAX}) {
                    out.add(Arguments.of(cell, bi, head));
                }
            }
        }
        return out.stream();
    }

    /** Garbage in the padding changes nothing: each padded sequence is classified as it is alone, unpadded. */
    @ParameterizedTest(name = "{0} bi={1} {2}")
    @MethodSource("cellsDirectionsHeads")
    void aPaddedSequenceIsClassifiedAsTheUnpaddedOne(CellType cell, boolean bidirectional, SequenceHead head) {
        MultiLayerNetwork net = NetworkFactory.build(spec(cell, bidirectional, List.of(4, 4, 3), head), FEATURES, CLASSES,
                DataType.DOUBLE);
        int max = 7;
        int[] lengths = {7, 3, 5, 1};
        INDArray x = TestNets.features(31, lengths.length, FEATURES, max, DataType.DOUBLE);
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < max) {
                x.get(point(i), all(), interval(lengths[i], max)).assign(1e3);
            }
        }
        INDArray padded = net.output(x, false, TestNets.mask(lengths, max, DataType.DOUBLE), null);
        for (int i = 0; i < lengths.length; i++) {
            INDArray alone = x.get(interval(i, i + 1), all(), interval(0, lengths[i])).dup();
            assertThat(padded.getRow(i, true).sub(net.output(alone)).amaxNumber().doubleValue())
                    .as("sequence %s (length %s) padded vs alone", i, lengths[i]).isLessThan(1e-10);
        }
    }

    /**
     * Without a projection the residual layer's output is exactly its input plus the wrapped layer's output:
     * checked against the wrapped layer called alone, and against the same network built without residual
     * connections and given the same parameters (the layouts are equal then). Padded steps are zero.
     */
    @ParameterizedTest(name = "{0} bi={1}")
    @MethodSource("cellsAndDirections")
    void withoutProjectionTheOutputIsInputPlusTheWrappedLayersOutput(CellType cell, boolean bidirectional) {
        ModelSpec spec = spec(cell, bidirectional, List.of(4, 4), SequenceHead.MEAN);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE);
        MultiLayerNetwork plain = NetworkFactory.build(spec.withResidual(false), FEATURES, CLASSES, DataType.DOUBLE);
        assertThat(plain.numParams()).isEqualTo(net.numParams());
        plain.setParams(net.params());
        INDArray x = TestNets.features(7, 2, FEATURES, 5, DataType.DOUBLE);

        List<INDArray> acts = net.feedForward(x, false);
        INDArray in = acts.get(1);  // layer 0's output, the residual layer's input
        INDArray out = acts.get(2); // the residual layer's output
        Layer wrapped = ((ResidualLayer) net.getLayer(1)).getUnderlying();
        INDArray f = wrapped.activate(in.dup(), false, LayerWorkspaceMgr.noWorkspaces());
        assertThat(out.sub(in.add(f)).amaxNumber().doubleValue()).isLessThan(1e-14);
        INDArray plainOut = plain.feedForward(x, false).get(2);
        assertThat(out.sub(in.add(plainOut)).amaxNumber().doubleValue()).isLessThan(1e-12);

        // masked: the valid steps are unchanged, the padded ones zero
        INDArray mask = TestNets.mask(new int[] {5, 3}, 5, DataType.DOUBLE);
        net.setLayerMaskArrays(mask, null);
        INDArray masked = net.feedForward(x, false).get(2);
        net.clearLayerMaskArrays();
        assertThat(masked.get(point(1), all(), interval(3, 5)).amaxNumber().doubleValue()).isZero();
        assertThat(masked.get(point(0), all(), all()).sub(out.get(point(0), all(), all())).amaxNumber().doubleValue())
                .isLessThan(1e-12);
    }

    /** With a projection: y_t = P^T x_t + f(x)_t, P of shape [nIn, nOut], Xavier-initialised (not zero). */
    @ParameterizedTest(name = "{0} bi={1}")
    @MethodSource("cellsAndDirections")
    void withProjectionTheOutputIsProjectedInputPlusTheWrappedLayersOutput(CellType cell, boolean bidirectional) {
        // last-step: LastTimeStep around the residual layer, read here at the last step (for a bidirectional layer too; the
        // per-direction last head is BidirectionalLastHeadTest's)
        ModelSpec spec = spec(cell, bidirectional, List.of(4, 3), SequenceHead.LAST_STEP);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE);
        int width0 = spec.layerOutputWidth(0);
        int width1 = spec.layerOutputWidth(1);
        INDArray p = net.getParam("1_P");
        assertThat(p.shape()).containsExactly(width0, width1);
        double std = p.stdNumber().doubleValue();
        assertThat(std).isBetween(0.3 * Math.sqrt(2.0 / (width0 + width1)), 2.0 * Math.sqrt(2.0 / (width0 + width1)));

        INDArray x = TestNets.features(8, 2, FEATURES, 5, DataType.DOUBLE);
        List<INDArray> acts = net.feedForward(x, false);
        INDArray in = acts.get(1);
        ResidualLayer residual = (ResidualLayer) ((LastTimeStepLayer) net.getLayer(1)).getUnderlying();
        INDArray f = residual.getUnderlying().activate(in.dup(), false, LayerWorkspaceMgr.noWorkspaces());
        INDArray expected = Nd4j.create(DataType.DOUBLE, f.shape());
        for (int t = 0; t < 5; t++) {
            INDArray xt = in.get(all(), all(), point(t));  // [mb, nIn]
            expected.get(all(), all(), point(t)).assign(xt.mmul(p).add(f.get(all(), all(), point(t))));
        }
        INDArray last = acts.get(2); // LastTimeStep: [mb, nOut] at the last step
        assertThat(last.sub(expected.get(all(), all(), point(4))).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    static Stream<Arguments> cellsAndDirections() {
        List<Arguments> out = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (boolean bi : new boolean[] {false, true}) {
                out.add(Arguments.of(cell, bi));
            }
        }
        return out.stream();
    }

    /**
     * Token input: the network after the embedding (what the input-gradient probe differentiates) predicts the same.
     * LAST head: {@code NetworkFactory.afterEmbedding} copies {@code params()} of every layer, which a pooling
     * layer does not have (null), so MEAN and MAX token networks fail there, residual or not.
     */
    @Test
    void aTokenResidualNetworkSplitsAfterItsEmbedding() {
        ModelSpec spec = spec(CellType.GRU, true, List.of(4, 3), SequenceHead.LAST).withInput(InputSpec.tokens(11, 5));
        MultiLayerNetwork net = NetworkFactory.build(spec, 1, CLASSES, DataType.DOUBLE);
        INDArray tokens = Nd4j.create(new double[][] {{1, 4, 9, 2, 0}, {3, 3, 10, 7, 5}});
        MultiLayerNetwork twin = NetworkFactory.afterEmbedding(net, spec);
        assertThat(twin.numParams()).isEqualTo(net.numParams() - 11 * 5);
        INDArray embedded = NetworkFactory.embed(net, tokens);
        assertThat(twin.output(embedded).sub(net.output(tokens)).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    /** rnnlab's kernel layers run underneath the wrapper, and the projection sits after their parameters. */
    @Test
    void theKernelLayersRunUnderneathAndParametersAreLaidOutAfterThem() {
        MultiLayerNetwork lstm = NetworkFactory.build(spec(CellType.LSTM, false, List.of(4, 4, 5), SequenceHead.MEAN), FEATURES, CLASSES);
        assertThat(lstm.getLayer(1)).isInstanceOf(ResidualLayer.class);
        assertThat(((ResidualLayer) lstm.getLayer(1)).getUnderlying()).isInstanceOf(LstmLayer.class);
        assertThat(((ResidualLayer) lstm.getLayer(2)).getUnderlying()).isInstanceOf(LstmLayer.class);
        assertThat(lstm.getLayer(2).paramTable().keySet()).containsExactly("W", "RW", "b", "P");
        assertThat(lstm.getLayer(1).paramTable().keySet()).containsExactly("W", "RW", "b");
        // the projection is a view of the network's parameters, after the wrapped layer's
        long before = lstm.getLayer(0).numParams() + lstm.getLayer(1).numParams() + 4L * 5 * 4 + 5L * 5 * 4 + 5L * 4;
        INDArray flat = lstm.params().dup().reshape(lstm.numParams());
        assertThat(flat.get(interval(before, before + 20))).isEqualTo(Nd4j.toFlattened('f', lstm.getParam("2_P")).reshape(20));
        assertThat(before + 20).isEqualTo(lstm.getLayer(0).numParams() + lstm.getLayer(1).numParams() + lstm.getLayer(2).numParams());
        lstm.getParam("2_P").assign(0.25);
        assertThat(lstm.params().reshape(lstm.numParams()).getDouble(before + 7)).isEqualTo(0.25);

        MultiLayerNetwork gru = NetworkFactory.build(spec(CellType.GRU, true, List.of(4, 4), SequenceHead.MEAN), FEATURES, CLASSES);
        assertThat(((ResidualLayer) gru.getLayer(1)).getUnderlying()).isInstanceOf(KernelBidirectionalLayer.class);
        MultiLayerNetwork rnn = NetworkFactory.build(spec(CellType.RNN, false, List.of(4, 4), SequenceHead.MEAN), FEATURES, CLASSES);
        assertThat(((ResidualLayer) rnn.getLayer(1)).getUnderlying()).isInstanceOf(RnnLayer.class);
        MultiLayerNetwork gruUni = NetworkFactory.build(spec(CellType.GRU, false, List.of(4, 4), SequenceHead.LAST), FEATURES, CLASSES);
        assertThat(((ResidualLayer) ((LastTimeStepLayer) gruUni.getLayer(1)).getUnderlying()).getUnderlying())
                .isInstanceOf(GruLayer.class);
    }

    /** The parameter listing names the wrapper and its projection, and the counts add up. */
    @Test
    void parameterListingsAndCountsIncludeTheProjection() {
        ModelSpec spec = spec(CellType.LSTM, true, List.of(4, 4, 3), SequenceHead.LAST);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES);
        List<NetworkFactory.LayerParameters> rows = NetworkFactory.parameterCounts(net);
        assertThat(rows.get(0).layer()).doesNotContain("Residual");
        assertThat(rows.get(1).layer()).isEqualTo("Residual(Bidirectional[CONCAT](Lstm(8->4)))");
        assertThat(rows.get(2).layer()).isEqualTo("Residual(Bidirectional[CONCAT](Lstm(8->3)), projection 8->6)");
        assertThat(rows.get(3).layer()).isEqualTo("BidirectionalLastStep[CONCAT](forward at the last valid step, backward at step 0)");
        assertThat(rows.get(3).parameters()).isZero();
        assertThat(NetworkFactory.parameterCounts(NetworkFactory.build(spec.withHead(SequenceHead.LAST_STEP), FEATURES, CLASSES)).get(2).layer())
                .isEqualTo("Residual(Bidirectional[CONCAT](Lstm(8->3)), projection 8->6) (last step, both directions)");
        long lstm8to3 = 2L * (8 * 12 + 3 * 12 + 12);
        assertThat(rows.get(2).parameters()).isEqualTo(lstm8to3 + 8 * 6);
        assertThat(rows.stream().mapToLong(NetworkFactory.LayerParameters::parameters).sum()).isEqualTo(net.numParams());
        assertThat(NetworkFactory.parameterCount(spec, FEATURES, CLASSES)).isEqualTo(net.numParams());
        assertThat(NetworkFactory.parameterCount(spec.withResidual(false), FEATURES, CLASSES)).isEqualTo(net.numParams() - 48);
    }

    /** DL4J's configuration JSON and parameters round-trip through ModelSerializer and predict the same. */
    @ParameterizedTest(name = "{0} bi={1}")
    @MethodSource("cellsAndDirections")
    void savedAndRestoredPredictsTheSame(CellType cell, boolean bidirectional) throws Exception {
        ModelSpec spec = spec(cell, bidirectional, List.of(5, 5, 4), SequenceHead.LAST);
        MultiLayerNetwork net = NetworkFactory.build(spec, 4, CLASSES);
        INDArray x = TestNets.features(5, 8, 4, 6, DataType.FLOAT);
        INDArray mask = TestNets.mask(new int[] {6, 5, 4, 3, 6, 2, 1, 6}, 6, DataType.FLOAT);
        net.fit(new DataSet(x, TestNets.labels(8, CLASSES, DataType.FLOAT), mask, null));
        assertThat(net.getLayerWiseConfigurations().toJson()).contains("\"org.rnnlab.core.layers.Residual\"");

        File file = dir.resolve(spec.label() + ".zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertThat(restored.getLayerWiseConfigurations()).isEqualTo(net.getLayerWiseConfigurations());
        assertThat(restored.params()).isEqualTo(net.params());
        assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(net.getUpdater().getStateViewArray());
        assertThat(restored.output(x, false, mask, null)).isEqualTo(net.output(x, false, mask, null));
        // and rebuilt from the spec (the model bundle's way) with the parameters set
        MultiLayerNetwork rebuilt = NetworkFactory.build(spec, 4, CLASSES);
        rebuilt.setParams(restored.params());
        assertThat(rebuilt.output(x, false, mask, null)).isEqualTo(net.output(x, false, mask, null));
    }

    /**
     * {@code rnnTimeStep} one step at a time gives the output of the whole sequence; the state is the wrapped layers'.
     * A per-step output layer: DL4J's {@code rnnTimeStep} goes past {@code LastTimeStep} (to the layer inside it),
     * so NetworkFactory's LAST networks cannot step, residual or not.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cellsAndImplementations")
    void rnnTimeStepOneStepAtATimeEqualsTheWholeSequence(CellType cell, Implementation implementation) {
        ModelSpec spec = TestNets.spec(cell, false, List.of(4), 1e-3).withImplementation(implementation);
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER);
        MultiLayerConfiguration conf = global.list()
                .layer(NetworkFactory.recurrentLayer(spec, FEATURES, 4, 0))
                .layer(Residual.wrap(global, NetworkFactory.recurrentLayer(spec, 4, 4, 0)))
                .layer(Residual.wrap(global, NetworkFactory.recurrentLayer(spec, 4, 5, 0)))
                .layer(new RnnOutputLayer.Builder().nIn(5).nOut(CLASSES).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertThat(net.getLayer(2).paramTable()).containsKey("P");
        int steps = 6;
        INDArray x = TestNets.features(9, 2, FEATURES, steps, DataType.DOUBLE);
        INDArray whole = net.output(x);
        INDArray stepwise = Nd4j.create(DataType.DOUBLE, whole.shape());
        for (int t = 0; t < steps; t++) {
            INDArray out = net.rnnTimeStep(x.get(all(), all(), interval(t, t + 1)).dup());
            stepwise.get(all(), all(), point(t)).assign(out.reshape(2, CLASSES));
        }
        assertThat(stepwise.sub(whole).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(net.rnnGetPreviousState(1)).isNotEmpty();
        assertThat(net.rnnGetPreviousState(2)).isNotEmpty();
        net.rnnClearPreviousState();
        INDArray first = net.rnnTimeStep(x.get(all(), all(), interval(0, 1)).dup());
        assertThat(first.reshape(2, CLASSES).sub(whole.get(all(), all(), point(0))).amaxNumber().doubleValue()).isLessThan(1e-12);
        // and two pieces carry the state across
        net.rnnClearPreviousState();
        INDArray a = net.rnnTimeStep(x.get(all(), all(), interval(0, 4)).dup());
        INDArray b = net.rnnTimeStep(x.get(all(), all(), interval(4, steps)).dup());
        assertThat(a.sub(whole.get(all(), all(), interval(0, 4))).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(b.sub(whole.get(all(), all(), interval(4, steps))).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    /** Truncated BPTT trains a residual stack (state carried by the wrapped layers across segments). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(CellType.class)
    void truncatedBpttRuns(CellType cell) {
        ModelSpec spec = TestNets.spec(cell, false, List.of(4), 1e-2);
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER);
        MultiLayerConfiguration conf = global.list()
                .layer(NetworkFactory.recurrentLayer(spec, FEATURES, 4, 0))
                .layer(Residual.wrap(global, NetworkFactory.recurrentLayer(spec, 4, 3, 0)))
                .layer(new RnnOutputLayer.Builder().nIn(3).nOut(CLASSES).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(4).tBPTTBackwardLength(4)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = TestNets.features(10, 4, FEATURES, 12, DataType.DOUBLE);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, CLASSES, 12);
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < 12; t++) {
                y.putScalar(i, x.getDouble(i, 0, t) > 0 ? 1 : 0, t, 1.0);
            }
        }
        DataSet ds = new DataSet(x, y);
        INDArray p0 = net.getParam("1_P").dup();
        double before = net.score(ds);
        for (int i = 0; i < 40; i++) {
            net.fit(ds);
        }
        assertThat(net.getParam("1_P")).isNotEqualTo(p0);
        assertThat(net.score(ds)).isLessThan(before);
    }

    static Stream<Arguments> cellsAndImplementations() {
        return Stream.of(Arguments.of(CellType.LSTM, Implementation.RNNLAB), Arguments.of(CellType.RNN, Implementation.RNNLAB),
                Arguments.of(CellType.GRU, Implementation.RNNLAB), Arguments.of(CellType.LSTM, Implementation.DL4J),
                Arguments.of(CellType.RNN, Implementation.DL4J));
    }

    /** A residual stack learns a tiny deterministic task: the loss falls. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(CellType.class)
    void aResidualStackTrains(CellType cell) {
        ModelSpec spec = TestNets.spec(cell, false, List.of(8, 8, 6), 1e-2).withResidual(true).withHead(SequenceHead.LAST);
        MultiLayerNetwork net = NetworkFactory.build(spec, 2, 2);
        // class = sign of the first feature at the first step, 4 steps of noise after it
        int mb = 32;
        INDArray x = TestNets.features(3, mb, 2, 5, DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, mb, 2);
        for (int i = 0; i < mb; i++) {
            y.putScalar(i, x.getDouble(i, 0, 0) > 0 ? 1 : 0, 1.0);
        }
        DataSet ds = new DataSet(x, y);
        double before = net.score(ds);
        for (int i = 0; i < 60; i++) {
            net.fit(ds);
        }
        double after = net.score(ds);
        assertThat(after).as("loss of %s", spec.label()).isLessThan(0.5 * before);
    }
}
