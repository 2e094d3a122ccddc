package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnlab.core.TestNets;

/**
 * The single-precision path of {@link CellKernel} (vectorized rational tanh/σ on per-step planes,
 * {@link LstmMath.F32}, {@link RnnMath.F32}) against the double-precision one ({@link LstmMath.F64},
 * {@link RnnMath.F64}, which equal DL4J's LSTM and SimpleRnn, see {@link LstmEquivalenceTest} and
 * {@link RnnEquivalenceTest}): same parameters and data, a bidirectional layer (DL4J's wrapper or
 * {@link KernelBidirectional}) under a last-step layer, padding masks; outputs and gradients within
 * float accuracy. The float LSTM also carries its cell between calls ({@code rnnTimeStep}, against DL4J's
 * {@code LSTM} in float) and between truncated-BPTT segments (against the double kernel).
 */
class CellSinglePrecisionTest {

    @Test
    void rationalTanhIsWithinAFewUlpsOfMathTanh() {
        double worst = 0;
        for (int i = -200_000; i <= 200_000; i++) {
            float x = i * 1e-4f;
            worst = Math.max(worst, Math.abs(Activations.tanh(x) - Math.tanh(x)));
        }
        assertThat(worst).isLessThan(5e-7);
        assertThat(Activations.tanh(40f)).isEqualTo(1f);
        assertThat(Activations.tanh(-40f)).isEqualTo(-1f);
        assertThat(Activations.sigmoid(0f)).isEqualTo(0.5f);
        assertThat(Math.abs(Activations.sigmoid(3f) - 1 / (1 + Math.exp(-3)))).isLessThan(3e-7);
    }

    private static Layer cell(String cell, int nIn) {
        return cell.equals("lstm") ? new Lstm.Builder().nIn(nIn).nOut(16).build() : new Rnn.Builder().nIn(nIn).nOut(16).build();
    }

    private static MultiLayerNetwork net(DataType type, String cell, boolean kernelWrapper) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(3).dataType(type).updater(new NoOp()).list()
                .layer(kernelWrapper ? new KernelBidirectional(Bidirectional.Mode.CONCAT, cell(cell, 4))
                        : new Bidirectional(cell(cell, 4)))
                .layer(new LastTimeStep(cell(cell, 32)))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(16).nOut(3).build())
                .build());
        net.init();
        return net;
    }

    @ParameterizedTest(name = "{0} kernelWrapper={1}")
    @CsvSource({"lstm, false", "lstm, true", "rnn, false", "rnn, true"})
    void floatKernelAgreesWithDoubleKernel(String cell, boolean kernelWrapper) {
        MultiLayerNetwork f = net(DataType.FLOAT, cell, kernelWrapper);
        MultiLayerNetwork d = net(DataType.DOUBLE, cell, kernelWrapper);
        d.setParams(f.params().castTo(DataType.DOUBLE));
        INDArray x = TestNets.features(8, 6, 4, 40, DataType.DOUBLE);
        INDArray mask = TestNets.mask(new int[] {40, 31, 17, 40, 2, 25}, 40, DataType.DOUBLE);
        INDArray y = TestNets.labels(6, 3, DataType.DOUBLE);
        assertThat(maxRelative(f.output(x.castTo(DataType.FLOAT), false, mask.castTo(DataType.FLOAT), null),
                d.output(x, false, mask, null), 1e-6)).isLessThan(1e-4);
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {f, d}) {
            DataType t = net.params().dataType();
            net.setInput(x.castTo(t));
            net.setLabels(y.castTo(t));
            net.setLayerMaskArrays(mask.castTo(t), null);
            net.computeGradientAndScore();
        }
        INDArray gd = d.gradient().gradient();
        double scale = gd.amaxNumber().doubleValue();
        assertThat(scale).isGreaterThan(0);
        // gradients: float accumulations over 240 rows; compare relative to the largest gradient entry
        assertThat(maxRelative(f.gradient().gradient(), gd, 1e-3 * scale)).isLessThan(1e-3);
    }

    /**
     * Products computed wider for oneDNN ({@link StepProduct#paddedWidth}): the float LSTM's pre-activation rows (4H = 512,
     * 1024 and 2048 computed 528, 1040 and 2064 wide), and at hidden 512 the backward products (H = 512) and the GRU's
     * forward ones (3H = 1536), computed into StepProduct's own wider output: the forward pass and gradients, with a mask,
     * agree with the double kernel's (unpadded) as the unpadded sizes do above, and the padding's zero columns do not leak
     * into any gradient.
     */
    @ParameterizedTest(name = "{0} hidden {1}")
    @CsvSource({"lstm, 128", "lstm, 256", "lstm, 512", "gru, 512"})
    void floatCellsWithPaddedProductsAgreeWithDouble(String cell, int hidden) {
        System.setProperty(StepProduct.PAD_PROPERTY, "on"); // padded on any machine (by default only below AVX-512)
        try {
            paddedProductsAgreeWithDouble(cell, hidden);
        } finally {
            System.clearProperty(StepProduct.PAD_PROPERTY);
        }
    }

    private static void paddedProductsAgreeWithDouble(String cell, int hidden) {
        assertThat(StepProduct.paddedWidth((cell.equals("lstm") ? 4L : 1L) * hidden)).isGreaterThan((cell.equals("lstm") ? 4L : 1L) * hidden);
        MultiLayerNetwork[] nets = new MultiLayerNetwork[2];
        DataType[] types = {DataType.FLOAT, DataType.DOUBLE};
        for (int i = 0; i < 2; i++) {
            nets[i] = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                    .seed(5).dataType(types[i]).updater(new NoOp()).list()
                    .layer(new LastTimeStep(cell.equals("lstm") ? new Lstm.Builder().nIn(4).nOut(hidden).build()
                            : new Gru.Builder().nIn(4).nOut(hidden).build()))
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(hidden).nOut(3).build())
                    .build());
            nets[i].init();
        }
        MultiLayerNetwork f = nets[0];
        MultiLayerNetwork d = nets[1];
        d.setParams(f.params().castTo(DataType.DOUBLE));
        int steps = hidden >= 512 ? 8 : 30;
        INDArray x = TestNets.features(9, 6, 4, steps, DataType.DOUBLE);
        INDArray mask = TestNets.mask(new int[] {steps, steps - 3, 5, steps, 2, steps - 1}, steps, DataType.DOUBLE);
        INDArray y = TestNets.labels(6, 3, DataType.DOUBLE);
        double[] scores = new double[2];
        for (int i = 0; i < 2; i++) {
            MultiLayerNetwork net = nets[i];
            net.setInput(x.castTo(types[i]));
            net.setLabels(y.castTo(types[i]));
            net.setLayerMaskArrays(mask.castTo(types[i]), null);
            net.computeGradientAndScore();
            scores[i] = net.score();
        }
        assertThat(Math.abs(scores[0] - scores[1])).isLessThan(1e-5 * Math.abs(scores[1]));
        INDArray gd = d.gradient().gradient();
        double scale = gd.amaxNumber().doubleValue();
        assertThat(scale).isGreaterThan(0);
        assertThat(maxRelative(f.gradient().gradient(), gd, 1e-3 * scale)).isLessThan(1e-3);
    }

    /**
     * Padded and unpadded LSTM step products train alike: two float networks from the same parameters, one with the
     * padding forced on, one with it off ({@code -Drnnlab.padRows}), through truncated BPTT (segments starting from the
     * carried state), per-step labels with a mask, the minibatch split over two threads, and minibatches of two sizes and
     * lengths (buffers reused with stale padding columns), end with the same parameters to float rounding; then the
     * unpadded network is padded (a reused buffer grown for wider rows: the review's crash) and trains on alike.
     */
    @Test
    void paddedAndUnpaddedLstmProductsTrainAlike() {
        KernelThreads.threadsOverride = 2;
        KernelThreads.minRowsPerPart = 2;
        KernelThreads.minPartWork = 0;
        try {
            MultiLayerNetwork padded = paddableNet();
            MultiLayerNetwork unpadded = paddableNet();
            unpadded.setParams(padded.params().dup());
            int[][] shapes = {{9, 11}, {5, 7}, {9, 11}};
            for (int[] shape : shapes) {
                fitWith(padded, "on", shape);
                fitWith(unpadded, "off", shape);
            }
            assertThat(maxRelative(padded.params(), unpadded.params(), 1e-3)).isLessThan(1e-4);
            fitWith(padded, "on", shapes[0]);
            fitWith(unpadded, "on", shapes[0]);
            assertThat(maxRelative(padded.params(), unpadded.params(), 1e-3)).isLessThan(1e-4);
            assertThat(maxRelative(padded.params(), paddableNet().params(), 1e-3)).as("trained at all").isGreaterThan(1e-3);
        } finally {
            System.clearProperty(StepProduct.PAD_PROPERTY);
            KernelThreads.threadsOverride = 0;
            KernelThreads.minRowsPerPart = KernelThreads.DEFAULT_MIN_ROWS_PER_PART;
            KernelThreads.minPartWork = KernelThreads.DEFAULT_MIN_PART_WORK;
        }
    }

    /** Float LSTM of 128 units (4H = 512: padded when forced) under a per-step softmax, truncated BPTT of 4, Adam. */
    private static MultiLayerNetwork paddableNet() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(8).dataType(DataType.FLOAT).updater(new org.nd4j.linalg.learning.config.Adam(1e-2)).list()
                .layer(new Lstm.Builder().nIn(4).nOut(128).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(128).nOut(3).build())
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(4).tBPTTBackwardLength(4)
                .build());
        net.init();
        return net;
    }

    /** One update on deterministic data of {@code shape} = {examples, steps}, per-step labels, the last example shorter. */
    private static void fitWith(MultiLayerNetwork net, String padding, int[] shape) {
        System.setProperty(StepProduct.PAD_PROPERTY, padding);
        int mb = shape[0];
        int steps = shape[1];
        INDArray x = TestNets.features(31, mb, 4, steps, DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, mb, 3, steps);
        for (int e = 0; e < mb; e++) {
            for (int t = 0; t < steps; t++) {
                y.putScalar(new int[] {e, (e + t) % 3, t}, 1);
            }
        }
        INDArray mask = Nd4j.ones(DataType.FLOAT, mb, steps);
        for (int t = steps - 3; t < steps; t++) {
            mask.putScalar(new int[] {mb - 1, t}, 0);
        }
        net.fit(x, y, mask, mask);
    }

    /** A sequence network of one LSTM layer (rnnlab's or DL4J's) under a per-step softmax; truncated BPTT of that length if {@code tbptt > 0}. */
    private static MultiLayerNetwork sequenceNet(DataType type, boolean rnnlab, IUpdater updater,
                                                 int tbptt) {
        Layer lstm = rnnlab ? new Lstm.Builder().nIn(4).nOut(12).build()
                : new LSTM.Builder().activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).nIn(4).nOut(12).build();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(21).dataType(type).updater(updater).list()
                .layer(lstm)
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(12).nOut(3).build());
        if (tbptt > 0) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tbptt).tBPTTBackwardLength(tbptt);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /** Parameters in [-1, 1) (a forget gate open enough for the carried cell to matter), the same for every network. */
    private static INDArray largeParams(long count) {
        Nd4j.getRandom().setSeed(23);
        return Nd4j.rand(DataType.DOUBLE, 1, count).muli(2).subi(1);
    }

    /** Steps [from, to) of [mb, n, T]. */
    private static INDArray steps(INDArray x, int from, int to) {
        return x.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(from, to)).dup();
    }

    /**
     * The float LSTM's carried state: {@code rnnTimeStep} over three pieces of a sequence starts each piece from
     * the output and cell the previous one left, giving DL4J's own {@code LSTM}'s stepwise outputs (float, same
     * parameters) and the float network's own outputs of the whole sequence. That the comparison can see a lost cell:
     * DL4J's network with only its carried cell zeroed before each piece is far from it.
     */
    @Test
    void floatLstmRnnTimeStepCarriesTheCellLikeDl4jLstm() {
        MultiLayerNetwork ours = sequenceNet(DataType.FLOAT, true, new NoOp(), 0);
        MultiLayerNetwork dl4j = sequenceNet(DataType.FLOAT, false, new NoOp(), 0);
        INDArray params = largeParams(ours.numParams()).castTo(DataType.FLOAT);
        ours.setParams(params.dup());
        dl4j.setParams(params.dup());
        INDArray x = TestNets.features(24, 3, 4, 10, DataType.FLOAT);
        int[] cuts = {0, 4, 5, 10};

        INDArray stepwise = stepwise(ours, x, cuts, false);
        assertThat(maxAbs(stepwise, stepwise(dl4j, x, cuts, false))).as("rnnTimeStep: rnnlab float vs DL4J float").isLessThan(2e-5);
        assertThat(maxAbs(stepwise, ours.output(x))).as("rnnTimeStep vs the whole sequence").isLessThan(2e-5);
        assertThat(maxAbs(stepwise(dl4j, x, cuts, true), stepwise)).as("DL4J with the carried cell zeroed").isGreaterThan(1e-2);
    }

    /** rnnTimeStep over the pieces {@code [cuts[i], cuts[i+1])}; with {@code zeroCell}, the carried cell of layer 0 is zeroed before each piece. */
    private static INDArray stepwise(MultiLayerNetwork net, INDArray x, int[] cuts, boolean zeroCell) {
        net.rnnClearPreviousState();
        INDArray[] outs = new INDArray[cuts.length - 1];
        for (int i = 0; i + 1 < cuts.length; i++) {
            if (zeroCell && i > 0) {
                Map<String, INDArray> state = new HashMap<>(net.rnnGetPreviousState(0));
                state.put(LstmLayer.STATE_KEY_PREV_MEMCELL, state.get(LstmLayer.STATE_KEY_PREV_MEMCELL).mul(0));
                net.rnnSetPreviousState(0, state);
            }
            outs[i] = net.rnnTimeStep(steps(x, cuts[i], cuts[i + 1]));
        }
        return Nd4j.concat(2, outs);
    }

    /**
     * The float LSTM's carried state in truncated BPTT: training on a sequence of three segments (forward and backward
     * length 4, SGD) changes the float network's parameters as it changes the double network's from the same
     * parameters, within float accuracy (the double kernel equals DL4J's LSTM, {@link LstmEquivalenceTest}, and its
     * segment gradients finite differences, {@link KernelTruncatedBpttTest}).
     */
    @Test
    void floatLstmTruncatedBpttStartsEachSegmentFromTheCarriedCellLikeDouble() {
        MultiLayerNetwork f = sequenceNet(DataType.FLOAT, true, new Sgd(0.5), 4);
        MultiLayerNetwork d = sequenceNet(DataType.DOUBLE, true, new Sgd(0.5), 4);
        INDArray start = largeParams(f.numParams());
        f.setParams(start.castTo(DataType.FLOAT));
        d.setParams(start.dup());
        INDArray x = TestNets.features(25, 3, 4, 12, DataType.DOUBLE);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 3, 12);
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 12; t++) {
                y.putScalar(new long[] {b, (b + t / 2) % 3, t}, 1.0);
            }
        }
        f.fit(new DataSet(x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT)));
        d.fit(new DataSet(x, y));
        INDArray expected = d.params().sub(start);
        double scale = expected.amaxNumber().doubleValue();
        assertThat(scale).isGreaterThan(1e-2);
        assertThat(maxRelative(f.params().castTo(DataType.DOUBLE).sub(start), expected, 1e-2 * scale))
                .as("float vs double parameter change after three truncated-BPTT segments").isLessThan(1e-3);
    }

    private static double maxAbs(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    /** Largest |a - b| / max(|b|, floor). */
    private static double maxRelative(INDArray a, INDArray b, double floor) {
        double[] x = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] y = b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(Math.abs(y[i]), floor));
        }
        return worst;
    }
}
