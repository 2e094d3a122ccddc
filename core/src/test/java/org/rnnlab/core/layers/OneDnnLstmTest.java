package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.common.primitives.Pair;
import org.rnnlab.core.TestNets;

/**
 * The LSTM's inference pass through oneDNN ({@link OneDnnLstm}) against rnnlab's own float kernel (which equals
 * DL4J's LSTM, {@link CellSinglePrecisionTest}, {@link LstmEquivalenceTest}): the same network and parameters with
 * {@code -Drnnlab.onednn} on and off give the same outputs within float accuracy, for a stack of a
 * bidirectional and a one-directional layer, as minibatch and length change (the primitive is rebuilt), after the
 * parameters change (the reordered weights are reloaded), from a carried state ({@code rnnTimeStep}); and the
 * route is the one documented: masks, training passes and double precision stay on rnnlab's kernel.
 */
class OneDnnLstmTest {

    @BeforeEach
    void requireOneDnn() {
        System.clearProperty(OneDnn.PROPERTY);
        assumeTrue(OneDnn.usable(), "oneDNN does not load on this machine: " + OneDnn.describe());
    }

    @AfterEach
    void restore() {
        System.clearProperty(OneDnn.PROPERTY);
        System.clearProperty(OneDnn.TRAINING_PROPERTY);
    }

    private static MultiLayerNetwork net(DataType type, int nIn, int h) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5).dataType(type).updater(new NoOp()).list()
                .layer(new KernelBidirectional(Bidirectional.Mode.CONCAT, new Lstm.Builder().nIn(nIn).nOut(h).build()))
                .layer(new LastTimeStep(new Lstm.Builder().nIn(2 * h).nOut(h).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(h).nOut(4).build())
                .build());
        net.init();
        // parameters in [-1, 1): gates far from their initial half-open state, so a wrong gate order shows
        Nd4j.getRandom().setSeed(11);
        net.setParams(Nd4j.rand(DataType.DOUBLE, 1, net.numParams()).muli(2).subi(1).castTo(type));
        return net;
    }

    /** One LSTM layer under a per-step softmax, FLOAT. */
    private static MultiLayerNetwork sequenceNet(int nIn, int h, int classes) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.FLOAT).updater(new NoOp()).list()
                .layer(new Lstm.Builder().nIn(nIn).nOut(h).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(h).nOut(classes).build())
                .build());
        net.init();
        return net;
    }

    /** The outputs of {@code net} with oneDNN on (asserting the passes went there) and off. */
    private static INDArray[] onAndOff(MultiLayerNetwork net, INDArray x, INDArray mask, long expectedPasses) {
        long before = OneDnnLstm.passes();
        INDArray on = net.output(x, false, mask, null).dup();
        assertThat(OneDnnLstm.passes() - before).as("passes through oneDNN").isEqualTo(expectedPasses);
        System.setProperty(OneDnn.PROPERTY, "off");
        try {
            long off = OneDnnLstm.passes();
            INDArray kernel = net.output(x, false, mask, null).dup();
            assertThat(OneDnnLstm.passes()).as("no pass through oneDNN when off").isEqualTo(off);
            return new INDArray[] {on, kernel};
        } finally {
            System.clearProperty(OneDnn.PROPERTY);
        }
    }

    private static double maxAbs(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @Test
    void inferenceEqualsTheKernelAcrossShapesAndParameterChanges() {
        MultiLayerNetwork net = net(DataType.FLOAT, 9, 24);
        int[][] shapes = {{7, 30}, {7, 30}, {1, 30}, {7, 5}, {64, 12}, {1, 1}};
        for (int[] shape : shapes) {
            INDArray x = TestNets.features(shape[0] * 100L + shape[1], shape[0], 9, shape[1], DataType.FLOAT);
            long rightToLeft = OneDnnLstm.rightToLeftPasses();
            long scatters = OneDnnLstm.scatters();
            INDArray[] r = onAndOff(net, x, null, 3); // two directions of the first layer and the second layer
            // the backward direction: oneDNN's right-to-left pass over the input in its own order
            assertThat(OneDnnLstm.rightToLeftPasses() - rightToLeft).as("right-to-left passes").isEqualTo(1);
            // both directions wrote their halves of the concatenation during the pass: nothing copied afterwards
            assertThat(OneDnnLstm.scatters() - scatters).as("outputs copied after a pass").isZero();
            assertThat(maxAbs(r[0], r[1])).as("oneDNN vs kernel, mb %d, T %d", shape[0], shape[1]).isLessThan(2e-5);
            assertThat(r[0].getDouble(0, 0)).isNotEqualTo(r[0].getDouble(0, 1));
        }
        // input laid out otherwise ('f' order: the reorder that gathers it reads other strides)
        INDArray xf = TestNets.features(31, 5, 9, 17, DataType.FLOAT).dup('f');
        INDArray[] rf = onAndOff(net, xf, null, 3);
        assertThat(maxAbs(rf[0], rf[1])).as("'f'-ordered input").isLessThan(2e-5);
        assertThat(maxAbs(rf[0], net.output(xf.dup('c')))).as("same input, 'c' order").isLessThan(1e-6);
        // new parameters after oneDNN has reordered the old ones: its outputs follow them
        INDArray x = TestNets.features(77, 7, 9, 30, DataType.FLOAT);
        INDArray before = net.output(x).dup();
        net.setParams(net.params().mul(0.7));
        INDArray[] r = onAndOff(net, x, null, 3);
        assertThat(maxAbs(r[0], before)).as("the outputs changed with the parameters").isGreaterThan(1e-3);
        assertThat(maxAbs(r[0], r[1])).as("oneDNN with the new parameters").isLessThan(2e-5);
    }

    /** {@code rnnTimeStep} over pieces of a sequence: the first from zero, the next from the carried output and cell. */
    @Test
    void carriedStateGivesTheKernelsStepwiseOutputs() {
        MultiLayerNetwork net = sequenceNet(4, 16, 3);
        Nd4j.getRandom().setSeed(3);
        net.setParams(Nd4j.rand(DataType.FLOAT, 1, net.numParams()).muli(2).subi(1));
        INDArray x = TestNets.features(9, 5, 4, 12, DataType.FLOAT);
        long before = OneDnnLstm.passes();
        INDArray onStepwise = stepwise(net, x);
        assertThat(OneDnnLstm.passes() - before).isEqualTo(3);
        System.setProperty(OneDnn.PROPERTY, "off");
        INDArray offStepwise = stepwise(net, x);
        INDArray offWhole = net.output(x);
        assertThat(maxAbs(onStepwise, offStepwise)).isLessThan(2e-5);
        assertThat(maxAbs(onStepwise, offWhole)).isLessThan(2e-5);
    }

    private static INDArray stepwise(MultiLayerNetwork net, INDArray x) {
        net.rnnClearPreviousState();
        int[] cuts = {0, 5, 6, 12};
        INDArray[] outs = new INDArray[cuts.length - 1];
        for (int i = 0; i + 1 < cuts.length; i++) {
            outs[i] = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(cuts[i], cuts[i + 1])).dup());
        }
        return Nd4j.concat(2, outs);
    }

    /**
     * Primitives running at once on several threads: the parts of a minibatch split over two threads
     * ({@link BatchSplitKernel}), and two networks predicting on two threads (as {@code serve} does). With oneDNN's
     * shared library scratchpad this crashed the JVM in {@code libdnnl} within a few calls; each primitive now has
     * its own.
     */
    @Test
    void concurrentPassesOnSeveralThreadsAgreeWithOneThread() throws Exception {
        MultiLayerNetwork net = net(DataType.FLOAT, 9, 64);
        INDArray x = TestNets.features(8, 64, 9, 40, DataType.FLOAT);
        INDArray expected = net.output(x).dup();
        KernelThreads.threadsOverride = 2;
        KernelThreads.minPartWork = 0;
        try {
            for (int i = 0; i < 40; i++) {
                assertThat(maxAbs(net.output(x), expected)).as("split over two threads, call %d", i).isLessThan(1e-6);
            }
        } finally {
            KernelThreads.threadsOverride = 0;
            KernelThreads.minPartWork = KernelThreads.DEFAULT_MIN_PART_WORK;
        }
        MultiLayerNetwork other = net.clone();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<Double>> diffs = new java.util.ArrayList<>();
            for (MultiLayerNetwork n : new MultiLayerNetwork[] {net, other}) {
                diffs.add(pool.submit(() -> {
                    double worst = 0;
                    for (int i = 0; i < 40; i++) {
                        worst = Math.max(worst, maxAbs(n.output(x), expected));
                    }
                    return worst;
                }));
            }
            for (java.util.concurrent.Future<Double> d : diffs) {
                assertThat(d.get()).as("two networks on two threads").isLessThan(1e-6);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Right-padded masks (each example valid up to its length) go through oneDNN where time runs forwards: the
     * forward direction of the bidirectional layer and the layer above it (2 passes); the backward direction sees
     * the padding first and stays on the kernel. Padded steps come out zero and {@code LastTimeStep} reads each
     * example's last valid step, as with the kernel.
     */
    @Test
    void rightPaddedMasksGoThroughOneDnnWhereTimeRunsForwards() {
        MultiLayerNetwork net = net(DataType.FLOAT, 3, 8);
        INDArray x = TestNets.features(4, 6, 3, 10, DataType.FLOAT);
        INDArray mask = TestNets.mask(new int[] {10, 3, 7, 10, 1, 9}, 10, DataType.FLOAT);
        INDArray[] r = onAndOff(net, x, mask, 2);
        assertThat(maxAbs(r[0], r[1])).isLessThan(2e-5);
        // a mask of ones (nothing padded): the backward direction goes through oneDNN too, over its reversed view
        // (with a mask, the steps it reads are gathered in the view's order, not run right to left)
        long rightToLeft = OneDnnLstm.rightToLeftPasses();
        INDArray[] unpadded = onAndOff(net, x, TestNets.mask(new int[] {10, 10, 10, 10, 10, 10}, 10, DataType.FLOAT), 3);
        assertThat(OneDnnLstm.rightToLeftPasses()).isEqualTo(rightToLeft);
        assertThat(maxAbs(unpadded[0], unpadded[1])).isLessThan(2e-5);
        assertThat(maxAbs(unpadded[0], net.output(x))).as("a mask of ones is no mask").isLessThan(2e-5);
        // an example padded to 10 steps is classified as the same example alone, unpadded
        INDArray alone = net.output(x.get(NDArrayIndex.interval(1, 2),
                NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).dup());
        assertThat(maxAbs(r[0].getRow(1, true), alone)).isLessThan(2e-5);
        // a one-directional layer's padded outputs are zero
        MultiLayerNetwork one = sequenceNet(3, 8, 2);
        long before = OneDnnLstm.passes();
        java.util.List<INDArray> acts = one.feedForward(x, mask, null);
        assertThat(OneDnnLstm.passes() - before).isEqualTo(1);
        INDArray lstmOut = acts.get(1);
        assertThat(lstmOut.getDouble(1, 0, 2)).isNotEqualTo(0.0);
        assertThat(lstmOut.get(NDArrayIndex.point(1), NDArrayIndex.all(),
                NDArrayIndex.interval(3, 10)).amaxNumber().doubleValue()).isEqualTo(0.0);
        System.setProperty(OneDnn.PROPERTY, "off");
        java.util.List<INDArray> kernel = one.feedForward(x, mask, null);
        System.clearProperty(OneDnn.PROPERTY);
        assertThat(maxAbs(lstmOut, kernel.get(1))).isLessThan(2e-5);
    }

    @Test
    void otherMasksDoubleAndTrainingWhenOffStayOnTheKernel() {
        MultiLayerNetwork net = net(DataType.FLOAT, 3, 8);
        INDArray x = TestNets.features(4, 6, 3, 10, DataType.FLOAT);
        INDArray mask = TestNets.mask(new int[] {10, 3, 7, 10, 1, 9}, 10, DataType.FLOAT);
        INDArray leftPadded = mask.dup();
        leftPadded.putScalar(1, 0, 0.0); // example 1: 0 1 1 0 ...: a valid step after a masked one
        INDArray[] r = onAndOff(net, x, leftPadded, 0);
        assertThat(maxAbs(r[0], r[1])).isEqualTo(0.0);
        INDArray half = mask.mul(0.5);
        onAndOff(net, x, half, 0); // values other than 0 and 1

        long before = OneDnnLstm.passes();
        System.setProperty(OneDnn.TRAINING_PROPERTY, "off");
        net.setInput(x);
        net.setLabels(TestNets.labels(6, 4, DataType.FLOAT));
        net.computeGradientAndScore();
        System.clearProperty(OneDnn.TRAINING_PROPERTY);
        assertThat(OneDnnLstm.passes()).as("a training pass with training on oneDNN off").isEqualTo(before);

        MultiLayerNetwork d = net(DataType.DOUBLE, 3, 8);
        d.output(x.castTo(DataType.DOUBLE));
        assertThat(OneDnnLstm.passes()).as("double precision").isEqualTo(before);
    }

    /**
     * The gradients of a minibatch (parameters and input) with the LSTM's training passes through oneDNN ({@link
     * OneDnnLstm#backward}) and with them on rnnlab's kernel ({@link OneDnn#TRAINING_PROPERTY} off), which equals DL4J's
     * LSTM in double precision ({@link LstmEquivalenceTest}).
     */
    private static Pair<Gradient, INDArray>[] gradientsOnAndOff(MultiLayerNetwork net, INDArray x, INDArray labels, INDArray mask,
                                                                INDArray labelMask, long expectedBackward) {
        long before = OneDnnLstm.backwardPasses();
        Pair<Gradient, INDArray> on = net.calculateGradients(x, labels, mask, labelMask);
        INDArray onParams = on.getFirst().gradient().dup();
        INDArray onInput = on.getSecond().dup();
        assertThat(OneDnnLstm.backwardPasses() - before).as("backward passes through oneDNN").isEqualTo(expectedBackward);
        System.setProperty(OneDnn.TRAINING_PROPERTY, "off");
        try {
            long off = OneDnnLstm.backwardPasses();
            Pair<Gradient, INDArray> kernel = net.calculateGradients(x, labels, mask, labelMask);
            assertThat(OneDnnLstm.backwardPasses()).as("none with training on oneDNN off").isEqualTo(off);
            @SuppressWarnings("unchecked")
            Pair<Gradient, INDArray>[] both = new Pair[] {new Pair<>(null, onParams), new Pair<>(null, onInput),
                    new Pair<>(null, kernel.getFirst().gradient().dup()), new Pair<>(null, kernel.getSecond().dup())};
            return both;
        } finally {
            System.clearProperty(OneDnn.TRAINING_PROPERTY);
        }
    }

    /** max |a - b| / (max |b| + 1e-3): float sums in another order, relative to the gradients' scale. */
    private static double relative(INDArray a, INDArray b) {
        return maxAbs(a, b) / (b.amaxNumber().doubleValue() + 1e-3);
    }

    @Test
    void trainingGradientsEqualTheKernelsWithAndWithoutMasks() {
        MultiLayerNetwork net = net(DataType.FLOAT, 3, 8); // a bidirectional layer, then a one-directional one's last step
        INDArray x = TestNets.features(4, 6, 3, 10, DataType.FLOAT);
        INDArray labels = TestNets.labels(6, 4, DataType.FLOAT);
        // no mask: three LSTM passes (both directions, right to left over the array for the backward one, and the top layer)
        long gathers = OneDnnLstm.gradientGathers();
        Pair<Gradient, INDArray>[] r = gradientsOnAndOff(net, x, labels, null, null, 3);
        // the two halves of the bidirectional layer's output gradient (rows 2H apart), and the top layer's [mb, H, T]
        assertThat(OneDnnLstm.gradientGathers() - gathers).as("output gradients gathered by a reorder").isEqualTo(3);
        assertThat(r[0].getSecond().amaxNumber().doubleValue()).as("gradients are not all zero").isGreaterThan(1e-3);
        assertThat(relative(r[0].getSecond(), r[2].getSecond())).as("parameter gradients").isLessThan(1e-4);
        assertThat(relative(r[1].getSecond(), r[3].getSecond())).as("input gradient").isLessThan(1e-4);
        // right-padded: the forward direction and the top layer through oneDNN, the backward direction (whose reversed
        // mask is left-padded) on the kernel
        INDArray mask = TestNets.mask(new int[] {10, 3, 7, 10, 1, 9}, 10, DataType.FLOAT);
        INDArray[] masked = new INDArray[2];
        long before = OneDnnLstm.backwardPasses();
        for (int run = 0; run < 2; run++) {
            if (run == 1) {
                System.setProperty(OneDnn.TRAINING_PROPERTY, "off");
            }
            net.setInput(x);
            net.setLabels(labels);
            net.setLayerMaskArrays(mask, null); // as fit does with a feature mask
            net.computeGradientAndScore();
            masked[run] = net.gradient().gradient().dup();
            if (run == 0) {
                assertThat(OneDnnLstm.backwardPasses() - before).as("the forward direction and the top layer").isEqualTo(2);
            }
        }
        System.clearProperty(OneDnn.TRAINING_PROPERTY);
        net.clearLayerMaskArrays();
        assertThat(relative(masked[0], masked[1])).as("parameter gradients, masked").isLessThan(1e-4);

        // a loss at every step (the outputs' gradients of all steps, masked per step)
        MultiLayerNetwork seq = sequenceNet(3, 8, 2);
        Nd4j.getRandom().setSeed(12);
        seq.setParams(Nd4j.rand(DataType.FLOAT, 1, seq.numParams()).muli(2).subi(1));
        INDArray stepLabels = Nd4j.zeros(DataType.FLOAT, 6, 2, 10);
        for (int e = 0; e < 6; e++) {
            for (int t = 0; t < 10; t++) {
                stepLabels.putScalar(e, (e + t) % 2, t, 1.0);
            }
        }
        r = gradientsOnAndOff(seq, x, stepLabels, mask, mask, 1);
        assertThat(relative(r[0].getSecond(), r[2].getSecond())).as("per-step loss, parameter gradients").isLessThan(1e-4);
        assertThat(relative(r[1].getSecond(), r[3].getSecond())).as("per-step loss, input gradient").isLessThan(1e-4);
        assertThat(r[1].getSecond().get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(3, 10))
                .amaxNumber().doubleValue()).as("no input gradient at padded steps").isEqualTo(0.0);
    }

    /**
     * Truncated back-propagation through time on the layer ({@code tbpttBackpropGradient}, as in {@link
     * KernelTruncatedBpttTest}: DL4J's {@code fit} ignores the backward length): a segment that starts from the carried
     * state trains through oneDNN from that state, and a backward length shorter than the segment (oneDNN's backward
     * pass runs through all steps) reruns the pass on the kernel; both give the kernel's gradients.
     */
    @Test
    void truncatedBpttSegmentsGiveTheKernelsGradients() {
        MultiLayerNetwork net = sequenceNet(3, 6, 2);
        net.initGradientsView();
        org.deeplearning4j.nn.api.layers.RecurrentLayer layer = (org.deeplearning4j.nn.api.layers.RecurrentLayer) net.getLayer(0);
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        INDArray first = TestNets.features(41, 4, 3, 5, DataType.FLOAT);
        INDArray second = TestNets.features(42, 4, 3, 8, DataType.FLOAT);
        INDArray eps = TestNets.features(43, 4, 6, 8, DataType.FLOAT);
        for (int back : new int[] {8, 3}) {
            INDArray[][] results = new INDArray[2][];
            long backward = OneDnnLstm.backwardPasses();
            for (int run = 0; run < 2; run++) {
                if (run == 1) {
                    System.setProperty(OneDnn.TRAINING_PROPERTY, "off");
                }
                layer.rnnClearPreviousState();
                layer.rnnActivateUsingStoredState(first, true, true, mgr);
                layer.rnnActivateUsingStoredState(second, true, true, mgr);
                Pair<Gradient, INDArray> g = layer.tbpttBackpropGradient(eps, back, mgr);
                results[run] = new INDArray[] {g.getFirst().gradient().dup(), g.getSecond().dup()};
                if (run == 0) {
                    assertThat(OneDnnLstm.backwardPasses() - backward).as("backward passes through oneDNN, back length " + back)
                            .isEqualTo(back == 8 ? 1 : 0);
                }
            }
            System.clearProperty(OneDnn.TRAINING_PROPERTY);
            assertThat(results[0][0].amaxNumber().doubleValue()).isGreaterThan(1e-3);
            assertThat(relative(results[0][0], results[1][0])).as("parameter gradients, back length " + back).isLessThan(1e-4);
            assertThat(relative(results[0][1], results[1][1])).as("input gradient, back length " + back).isLessThan(1e-4);
        }
    }

    /**
     * At hidden 64 (oneDNN's reference backward pass, whose recurrent-weight product over all steps was off by one step
     * without an initial state), each LSTM parameter block on its own (input and recurrent weights, bias) equals the
     * kernel's, through the primitives' rebuilds (inference between training passes, minibatch and length changes, a
     * right-padded mask) and with the minibatch split over two threads ({@link BatchSplitKernel}).
     */
    @Test
    void trainingGradientsPerBlockAtHidden64ThroughRebuildsAndSplits() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.FLOAT).updater(new NoOp()).list()
                .layer(new LastTimeStep(new Lstm.Builder().nIn(5).nOut(64).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(64).nOut(4).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(21);
        net.setParams(Nd4j.rand(DataType.FLOAT, 1, net.numParams()).subi(0.5).muli(0.6));
        int[][] batches = {{16, 30}, {16, 30}, {7, 30}, {16, 12}, {16, 12}};
        try {
            for (int i = 0; i < batches.length; i++) {
                int mb = batches[i][0];
                int steps = batches[i][1];
                boolean split = i == batches.length - 1;
                if (split) {
                    KernelThreads.threadsOverride = 2;
                    KernelThreads.minPartWork = 0;
                }
                INDArray x = TestNets.features(50 + i, mb, 5, steps, DataType.FLOAT);
                INDArray labels = TestNets.labels(mb, 4, DataType.FLOAT);
                INDArray mask = null;
                if (steps == 12) { // right-padded: lengths 12, 11, ..., cycling
                    int[] lengths = new int[mb];
                    for (int e = 0; e < mb; e++) {
                        lengths[e] = 12 - e % 9;
                    }
                    mask = TestNets.mask(lengths, 12, DataType.FLOAT);
                }
                java.util.Map<String, INDArray>[] blocks = new java.util.Map[2];
                for (int run = 0; run < 2; run++) {
                    if (run == 1) {
                        System.setProperty(OneDnn.TRAINING_PROPERTY, "off");
                    }
                    long before = OneDnnLstm.backwardPasses();
                    net.setInput(x);
                    net.setLabels(labels);
                    net.setLayerMaskArrays(mask, null);
                    net.computeGradientAndScore();
                    java.util.Map<String, INDArray> g = new java.util.TreeMap<>();
                    net.gradient().gradientForVariable().forEach((k, v) -> g.put(k, v.dup()));
                    blocks[run] = g;
                    assertThat(OneDnnLstm.backwardPasses() - before).as("batch %s, run %s", i, run)
                            .isEqualTo(run == 0 ? split ? 2 : 1 : 0);
                    System.clearProperty(OneDnn.TRAINING_PROPERTY);
                    net.clearLayerMaskArrays();
                }
                for (String key : new String[] {"0_W", "0_RW", "0_b"}) {
                    INDArray kernel = blocks[1].get(key);
                    assertThat(kernel.amaxNumber().doubleValue()).as("batch %s %s is not zero", i, key).isGreaterThan(1e-4);
                    assertThat(maxAbs(blocks[0].get(key), kernel) / kernel.amaxNumber().doubleValue())
                            .as("batch %s (mb %s, %s steps%s), %s", i, mb, steps, split ? ", split" : "", key).isLessThan(1e-4);
                }
                if (i == 1) { // inference between training passes: the training primitives stay as they are
                    net.output(x);
                }
            }
        } finally {
            KernelThreads.threadsOverride = 0;
            KernelThreads.minPartWork = KernelThreads.DEFAULT_MIN_PART_WORK;
        }
    }

    @Test
    void describesTheRouteForProvenance() {
        assertThat(OneDnn.describe()).matches("oneDNN \\d+\\.\\d+\\.\\d+ for LSTM training, inference and step products(, widths of multiples of 512 padded)?");
        System.setProperty(OneDnn.TRAINING_PROPERTY, "off");
        assertThat(OneDnn.describe()).matches("oneDNN \\d+\\.\\d+\\.\\d+ for LSTM inference and step products(, widths of multiples of 512 padded)?");
        System.clearProperty(OneDnn.TRAINING_PROPERTY);
        assertThat(org.rnnlab.core.Nd4jRuntime.backend()).isEqualTo("CpuBackend (" + OneDnn.describe() + ")");
        System.setProperty(OneDnn.PROPERTY, "off");
        assertThat(OneDnn.enabled()).isFalse();
        assertThat(OneDnn.describe()).isEqualTo("oneDNN off");
        assertThat(org.rnnlab.core.Nd4jRuntime.backend()).isEqualTo("CpuBackend (oneDNN off)");
    }
}
