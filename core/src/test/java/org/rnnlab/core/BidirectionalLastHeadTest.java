package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.layers.BidirectionalLastStep;
import org.rnnlab.core.layers.KernelBidirectional;

/**
 * The {@code last} head of a bidirectional layer ({@link BidirectionalLastStep}): the forward direction at each sequence's
 * last valid step, the backward one at step 0, which has then read the whole valid sequence backwards (PyTorch's
 * {@code h_n}). Golden equivalence with one-directional layers of the same weights run alone, padding that changes
 * nothing, gradient checks with masks for every merge mode, and the legacy head {@code last-step} (both directions at the
 * last valid step) still built as before. All in double precision.
 */
class BidirectionalLastHeadTest {

    private static final int FEATURES = 3;
    private static final int HIDDEN = 4;
    private static final int CLASSES = 3;
    /** Right-padded lengths of one minibatch: full, shorter, one step. */
    private static final int[] LENGTHS = {7, 4, 1};
    private static final int STEPS = 7;

    @BeforeEach
    void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restorePrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static ModelSpec bidirectional(CellType cell) {
        return TestNets.spec(cell, true, List.of(HIDDEN), 1e-3);
    }

    /**
     * (a) For each example of a right-padded minibatch, the head's output equals [the forward weights' one-directional
     * layer on the example alone, its last output ; the backward weights' one-directional layer on the example's valid
     * steps reversed, its last output].
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(CellType.class)
    void readsTheForwardDirectionAtTheLastValidStepAndTheBackwardDirectionAtStepZero(CellType cell) {
        MultiLayerNetwork bi = NetworkFactory.build(bidirectional(cell), FEATURES, CLASSES, DataType.DOUBLE);
        assertThat(bi.getLayerWiseConfigurations().getConf(0).getLayer()).isInstanceOf(KernelBidirectional.class);
        assertThat(bi.getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(BidirectionalLastStep.class);
        assertHeadIsFinalStatesOfBothDirections(bi, cell, Implementation.RNNLAB, LENGTHS);
    }

    /**
     * The same with DL4J's own {@code Bidirectional} ({@code --impl dl4j}): the RNN on padded minibatches; DL4J's
     * {@code Bidirectional(LSTM)} reads backwards over padding wrongly (docs/dl4j-findings.md; such models are fed
     * minibatches of one length), so the LSTM on sequences of one length.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = CellType.class, names = {"LSTM", "RNN"})
    void dl4jsBidirectionalGetsTheSameHead(CellType cell) {
        ModelSpec spec = bidirectional(cell).withImplementation(Implementation.DL4J);
        MultiLayerNetwork bi = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE);
        Object layer = bi.getLayerWiseConfigurations().getConf(0).getLayer();
        assertThat(layer).isInstanceOf(Bidirectional.class).isNotInstanceOf(KernelBidirectional.class);
        assertHeadIsFinalStatesOfBothDirections(bi, cell, Implementation.DL4J, cell == CellType.LSTM ? new int[] {STEPS, STEPS} : LENGTHS);
    }

    private static void assertHeadIsFinalStatesOfBothDirections(MultiLayerNetwork bi, CellType cell, Implementation impl, int[] lengths) {
        INDArray x = TestNets.features(31L + cell.ordinal(), lengths.length, FEATURES, STEPS, DataType.DOUBLE);
        INDArray mask = TestNets.mask(lengths, STEPS, DataType.DOUBLE);
        INDArray head = bi.feedForward(x, mask, null).get(2);
        assertThat(head.shape()).containsExactly(lengths.length, 2L * HIDDEN);

        INDArray params = bi.getLayer(0).params();
        long half = params.length() / 2;
        MultiLayerNetwork forward = oneDirectional(cell, impl, params.get(interval(0, half)));
        MultiLayerNetwork backward = oneDirectional(cell, impl, params.get(interval(half, 2 * half)));
        for (int b = 0; b < lengths.length; b++) {
            INDArray alone = x.get(interval(b, b + 1), all(), interval(0, lengths[b])).dup();
            INDArray reversed = reverseTime(alone);
            INDArray f = forward.feedForward(alone, false).get(1).reshape(HIDDEN);
            INDArray k = backward.feedForward(reversed, false).get(1).reshape(HIDDEN);
            assertClose(head.get(point(b), interval(0, HIDDEN)), f, "forward final state of example " + b);
            assertClose(head.get(point(b), interval(HIDDEN, 2 * HIDDEN)), k, "backward final state of example " + b);
        }
    }

    /**
     * rnnlab's {@code KernelBidirectional} reverses within each valid length: a padded sequence's outputs at its valid steps,
     * both directions, equal those of the sequence alone, so step 0's backward output has read the whole sequence.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(CellType.class)
    void aPaddedSequenceGivesTheOutputsItGivesAlone(CellType cell) {
        ModelSpec spec = bidirectional(cell).withHead(SequenceHead.MEAN); // MEAN: layer 0 is the bare bidirectional layer
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE);
        INDArray x = TestNets.features(57L + cell.ordinal(), LENGTHS.length, FEATURES, STEPS, DataType.DOUBLE);
        INDArray padded = net.feedForward(x, TestNets.mask(LENGTHS, STEPS, DataType.DOUBLE), null).get(1);
        for (int b = 0; b < LENGTHS.length; b++) {
            INDArray alone = net.feedForward(x.get(interval(b, b + 1), all(), interval(0, LENGTHS[b])).dup(), false).get(1);
            assertClose(padded.get(interval(b, b + 1), all(), interval(0, LENGTHS[b])), alone, "outputs of example " + b);
        }
    }

    /** (b) Central differences, double precision, padding masks, every merge mode (the head merges the final states). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Bidirectional.Mode.class)
    void gradientsMatchFiniteDifferencesWithMasksInEveryMergeMode(Bidirectional.Mode mode) {
        for (CellType cell : CellType.values()) {
            ModelSpec spec = TestNets.spec(cell, true, List.of(3), 1e-3).withBidirectionalMode(mode);
            MultiLayerNetwork net = TestNets.buildNoOp(spec, FEATURES, CLASSES, DataType.DOUBLE);
            assertThat(net.getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(BidirectionalLastStep.class);
            INDArray x = TestNets.features(91L + cell.ordinal(), 3, FEATURES, 5, DataType.DOUBLE);
            INDArray y = TestNets.labels(3, CLASSES, DataType.DOUBLE);
            INDArray mask = TestNets.mask(new int[] {5, 3, 1}, 5, DataType.DOUBLE);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                    .net(net).input(x).labels(y).inputMask(mask)
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertThat(ok).as("gradient check of %s, %s", spec.label(), mode).isTrue();
        }
    }

    /**
     * The head's output gradient reaches the input only at the two positions it read: the forward half at the last valid
     * step, the backward half at step 0 (the layer's own backward pass, checked on its own).
     */
    @Test
    void theGradientReachesOnlyTheTwoStepsRead() {
        MultiLayerNetwork net = NetworkFactory.build(bidirectional(CellType.GRU), FEATURES, CLASSES, DataType.DOUBLE);
        org.deeplearning4j.nn.api.Layer head = net.getLayer(1);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 3, 2 * HIDDEN, STEPS);
        INDArray mask = TestNets.mask(LENGTHS, STEPS, DataType.DOUBLE);
        var ws = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        head.setInput(in, ws);
        head.feedForwardMaskArray(mask, org.deeplearning4j.nn.api.MaskState.Active, 3);
        INDArray out = head.activate(true, ws);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 3, 2 * HIDDEN);
        INDArray grad = head.backpropGradient(eps, ws).getSecond();
        for (int b = 0; b < 3; b++) {
            int last = LENGTHS[b] - 1;
            assertClose(out.get(point(b), interval(0, HIDDEN)), in.get(point(b), interval(0, HIDDEN), point(last)), "forward");
            assertClose(out.get(point(b), interval(HIDDEN, 2 * HIDDEN)), in.get(point(b), interval(HIDDEN, 2 * HIDDEN), point(0)), "backward");
            INDArray expected = Nd4j.zeros(DataType.DOUBLE, 2 * HIDDEN, STEPS);
            expected.get(interval(0, HIDDEN), point(last)).assign(eps.get(point(b), interval(0, HIDDEN)));
            expected.get(interval(HIDDEN, 2 * HIDDEN), point(0)).assign(eps.get(point(b), interval(HIDDEN, 2 * HIDDEN)));
            assertClose(grad.get(point(b), all(), all()), expected, "input gradient of example " + b);
        }
    }

    /**
     * The single-precision route (final states read from the input's memory, the input gradient written time-major; for
     * the kernels' time-major outputs) gives what the double-precision views give, in every merge mode, and inputs of
     * other layouts ('c', 'f') keep the views, with and without a mask (an example with no valid step among them), and a column-major output gradient.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Bidirectional.Mode.class)
    void theFloatRouteGivesWhatTheViewsGive(Bidirectional.Mode mode) {
        ModelSpec spec = bidirectional(CellType.GRU).withBidirectionalMode(mode);
        org.deeplearning4j.nn.api.Layer single = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.FLOAT).getLayer(1);
        org.deeplearning4j.nn.api.Layer twice = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE).getLayer(1);
        assertThat(single).isInstanceOf(org.rnnlab.core.layers.BidirectionalLastStepLayer.class);
        int width = mode == Bidirectional.Mode.CONCAT ? 2 * HIDDEN : HIDDEN;
        Nd4j.getRandom().setSeed(17);
        INDArray base = Nd4j.rand(DataType.DOUBLE, 4, 2 * HIDDEN, STEPS).subi(0.5);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 4, width).subi(0.5);
        INDArray mask = TestNets.mask(new int[] {STEPS, 3, 0, 1}, STEPS, DataType.DOUBLE);
        var ws = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        for (String layout : List.of("c", "f", "time-major")) {
            for (INDArray m : java.util.Arrays.asList(null, mask)) {
                INDArray xf = switch (layout) {
                    case "c" -> base.castTo(DataType.FLOAT).dup('c');
                    case "f" -> base.castTo(DataType.FLOAT).dup('f');
                    default -> base.castTo(DataType.FLOAT).permute(2, 0, 1).dup('c').permute(1, 2, 0);
                };
                single.setInput(xf, ws);
                single.feedForwardMaskArray(m == null ? null : m.castTo(DataType.FLOAT), org.deeplearning4j.nn.api.MaskState.Active, 4);
                twice.setInput(base, ws);
                twice.feedForwardMaskArray(m, org.deeplearning4j.nn.api.MaskState.Active, 4);
                String what = mode + ", " + layout + (m == null ? "" : ", masked");
                long before = org.rnnlab.core.layers.BidirectionalLastStepLayer.floatPasses();
                INDArray out = single.activate(true, ws);
                // the route: the kernels' time-major layout (each step's channels contiguous) reads memory; others the views
                assertThat(org.rnnlab.core.layers.BidirectionalLastStepLayer.floatPasses() > before).as(what + ": route")
                        .isEqualTo(layout.equals("time-major"));
                assertClose(out.castTo(DataType.DOUBLE), twice.activate(true, ws), what + ": output");
                INDArray grad = single.backpropGradient(eps.castTo(DataType.FLOAT).dup('f'), ws).getSecond();
                assertThat(grad.shape()).isEqualTo(base.shape());
                assertClose(grad.castTo(DataType.DOUBLE), twice.backpropGradient(eps, ws).getSecond(), what + ": input gradient");
            }
        }
    }

    /** ADD, MUL, AVERAGE: the top layer keeps its directions apart (CONCAT) and the head merges the two final states. */
    @Test
    void otherMergeModesMergeTheTwoFinalStates() {
        ModelSpec concat = bidirectional(CellType.GRU);
        MultiLayerNetwork reference = NetworkFactory.build(concat, FEATURES, CLASSES, DataType.DOUBLE);
        INDArray x = TestNets.features(5L, LENGTHS.length, FEATURES, STEPS, DataType.DOUBLE);
        INDArray mask = TestNets.mask(LENGTHS, STEPS, DataType.DOUBLE);
        INDArray both = reference.feedForward(x, mask, null).get(2);
        INDArray f = both.get(all(), interval(0, HIDDEN));
        INDArray k = both.get(all(), interval(HIDDEN, 2 * HIDDEN));
        for (Bidirectional.Mode mode : List.of(Bidirectional.Mode.ADD, Bidirectional.Mode.MUL, Bidirectional.Mode.AVERAGE)) {
            ModelSpec spec = concat.withBidirectionalMode(mode);
            MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE);
            assertThat(((Bidirectional) net.getLayerWiseConfigurations().getConf(0).getLayer()).getMode()).isEqualTo(Bidirectional.Mode.CONCAT);
            assertThat(net.numParams()).isEqualTo(NetworkFactory.parameterCount(spec.withHead(SequenceHead.LAST_STEP), FEATURES, CLASSES));
            net.getLayer(0).setParams(reference.getLayer(0).params().dup());
            INDArray merged = net.feedForward(x, mask, null).get(2);
            INDArray expected = switch (mode) {
                case ADD -> f.add(k);
                case MUL -> f.mul(k);
                default -> f.add(k).muli(0.5);
            };
            assertClose(merged, expected, mode + " of the final states");
        }
    }

    @Test
    void aResidualTopLayerMergingItsDirectionsIsRefusedWithTheOptions() {
        ModelSpec spec = TestNets.spec(CellType.GRU, true, List.of(4, 4), 1e-3).withResidual(true)
                .withBidirectionalMode(Bidirectional.Mode.ADD);
        assertThatThrownBy(() -> NetworkFactory.configuration(spec, FEATURES, CLASSES, DataType.DOUBLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("head last of a residual bidirectional ADD layer")
                .hasMessageContaining("CONCAT").hasMessageContaining("last-step");
        // the residual CONCAT stack gets the head; last-step keeps the wrapper
        assertThat(NetworkFactory.configuration(spec.withBidirectionalMode(Bidirectional.Mode.CONCAT), FEATURES, CLASSES, DataType.DOUBLE)
                .getConf(2).getLayer()).isInstanceOf(BidirectionalLastStep.class);
        assertThat(NetworkFactory.configuration(spec.withHead(SequenceHead.LAST_STEP), FEATURES, CLASSES, DataType.DOUBLE)
                .getConf(1).getLayer()).isInstanceOf(LastTimeStep.class);
    }

    /** The legacy head: DL4J's LastTimeStep around the bidirectional layer, as {@code last} built it before. */
    @Test
    void lastStepIsTheLegacyHead() {
        ModelSpec legacy = bidirectional(CellType.GRU).withHead(SequenceHead.LAST_STEP);
        MultiLayerConfiguration conf = NetworkFactory.configuration(legacy, FEATURES, CLASSES, DataType.DOUBLE);
        assertThat(conf.getConfs()).hasSize(2);
        assertThat(conf.getConf(0).getLayer()).isInstanceOf(LastTimeStep.class);
        assertThat(((LastTimeStep) conf.getConf(0).getLayer()).getUnderlying()).isInstanceOf(KernelBidirectional.class);
        assertThat(legacy.label()).endsWith("-last-step");
        assertThat(SequenceHead.parse("last-step")).isEqualTo(SequenceHead.LAST_STEP);
        assertThat(bidirectional(CellType.GRU).asBuiltBeforeBidirectionalLastHead()).isEqualTo(legacy);
        ModelSpec uni = TestNets.spec(CellType.GRU, false, List.of(HIDDEN), 1e-3);
        assertThat(uni.asBuiltBeforeBidirectionalLastHead()).isSameAs(uni);
        assertThat(bidirectional(CellType.GRU).withHead(SequenceHead.MEAN).asBuiltBeforeBidirectionalLastHead().head())
                .isEqualTo(SequenceHead.MEAN);
        // one direction: last and last-step build the same network
        assertThat(NetworkFactory.configuration(uni.withHead(SequenceHead.LAST_STEP), FEATURES, CLASSES, DataType.DOUBLE).toJson())
                .isEqualTo(NetworkFactory.configuration(uni, FEATURES, CLASSES, DataType.DOUBLE).toJson());
        // the legacy head reads the backward direction at the last valid step
        MultiLayerNetwork old = NetworkFactory.build(legacy, FEATURES, CLASSES, DataType.DOUBLE);
        INDArray x = TestNets.features(8L, 1, FEATURES, STEPS, DataType.DOUBLE);
        INDArray seq = old.getLayer(0) instanceof org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer lts
                ? lts.getUnderlying().activate(x, false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()) : null;
        assertThat(seq).isNotNull();
        assertClose(old.feedForward(x, false).get(1).reshape(2 * HIDDEN), seq.get(point(0), all(), point(STEPS - 1)), "legacy head");
    }

    @Test
    void theHeadSurvivesDl4jsConfigurationJsonAndIsDescribed() {
        ModelSpec spec = bidirectional(CellType.LSTM).withBidirectionalMode(Bidirectional.Mode.AVERAGE);
        MultiLayerConfiguration conf = NetworkFactory.configuration(spec, FEATURES, CLASSES, DataType.DOUBLE);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back.getConf(1).getLayer()).isEqualTo(conf.getConf(1).getLayer());
        assertThat(((BidirectionalLastStep) back.getConf(1).getLayer()).getMerge()).isEqualTo(Bidirectional.Mode.AVERAGE);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE);
        assertThat(NetworkFactory.parameterCounts(net).get(1).layer())
                .isEqualTo("BidirectionalLastStep[AVERAGE](forward at the last valid step, backward at step 0)");
        MultiLayerNetwork legacy = NetworkFactory.build(spec.withHead(SequenceHead.LAST_STEP), FEATURES, CLASSES, DataType.DOUBLE);
        assertThat(NetworkFactory.parameterCounts(legacy).get(0).layer()).endsWith("(last step, both directions)");
        assertThat(net.clone().output(TestNets.features(3L, 2, FEATURES, 4, DataType.DOUBLE)))
                .isEqualTo(net.output(TestNets.features(3L, 2, FEATURES, 4, DataType.DOUBLE)));
    }

    /** A one-directional network of the cell whose recurrent layer holds {@code params}, read at its last step. */
    private static MultiLayerNetwork oneDirectional(CellType cell, Implementation impl, INDArray params) {
        ModelSpec spec = TestNets.spec(cell, false, List.of(HIDDEN), 1e-3).withImplementation(impl);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE);
        net.getLayer(0).setParams(params.dup());
        return net;
    }

    private static INDArray reverseTime(INDArray x) {
        long steps = x.size(2);
        INDArray out = Nd4j.create(x.dataType(), x.shape());
        for (long t = 0; t < steps; t++) {
            out.get(all(), all(), point(t)).assign(x.get(all(), all(), point(steps - 1 - t)));
        }
        return out;
    }

    private static void assertClose(INDArray actual, INDArray expected, String what) {
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        assertThat(a).as(what).hasSameSizeAs(e);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("%s [%s]", what, i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(1e-6));
        }
    }
}
