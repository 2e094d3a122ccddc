package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link BatchSplitKernel}: a network whose recurrent layers split the minibatch across threads computes what it
 * computes on one thread. Two stacked recurrent layers (so the first receives the input gradient the second
 * writes through its parts) under a per-step softmax, every cell and the bidirectional wrapper, with and without
 * padding masks (variable lengths), odd minibatch sizes and sizes below the split threshold, 2 and 3 threads:
 * outputs, every parameter gradient and the input gradient within 1e-6 in double precision and 1e-5 (relative to
 * the largest value) in float; the carried state of {@code rnnTimeStep} and a truncated-BPTT training step too.
 * The thread count and the split threshold are set through {@link KernelThreads}' test hooks, so the
 * same process runs both; no timing is asserted.
 */
class KernelBatchSplitTest {

    private static final int FEATURES = 5;
    private static final int HIDDEN = 6;
    private static final int STEPS = 7;

    @BeforeEach
    void splitSmallLayers() {
        KernelThreads.minPartWork = 0; // these layers are tiny: split them anyway
    }

    @AfterEach
    void restore() {
        KernelThreads.threadsOverride = 0;
        KernelThreads.minRowsPerPart = KernelThreads.DEFAULT_MIN_ROWS_PER_PART;
        KernelThreads.minPartWork = KernelThreads.DEFAULT_MIN_PART_WORK;
    }

    private static BaseRecurrentLayer cell(String cell, long nIn) {
        BaseRecurrentLayer.Builder<?> b = switch (cell) {
            case "lstm", "bilstm" -> new Lstm.Builder();
            case "rnn" -> new Rnn.Builder();
            default -> new Gru.Builder();
        };
        return (BaseRecurrentLayer) b.nIn(nIn).nOut(HIDDEN).build();
    }

    private static MultiLayerNetwork net(String cell, DataType type, boolean truncated) {
        boolean bi = cell.startsWith("bi");
        long width = bi ? 2L * HIDDEN : HIDDEN;
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(type).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list();
        list.layer(bi ? new KernelBidirectional(Bidirectional.Mode.CONCAT, cell(cell, FEATURES)) : cell(cell, FEATURES));
        list.layer(bi ? new KernelBidirectional(Bidirectional.Mode.CONCAT, cell(cell, width)) : cell(cell, width));
        list.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(width).nOut(3).dataFormat(RNNFormat.NCW).build());
        if (truncated) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(3).tBPTTBackwardLength(3);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        Nd4j.getRandom().setSeed(17);
        net.setParams(Nd4j.rand(type, 1, net.numParams()).subi(0.5).muli(1.2));
        return net;
    }

    private record Batch(INDArray x, INDArray y, INDArray mask) {
    }

    /** Random features, one-hot labels and (if masked) a padding mask with lengths from 1 to STEPS. */
    private static Batch batch(int mb, DataType type, boolean masked) {
        Nd4j.getRandom().setSeed(29 + mb);
        INDArray x = Nd4j.rand(type, mb, FEATURES, STEPS).subi(0.5).muli(2);
        INDArray y = Nd4j.zeros(type, mb, 3, STEPS);
        INDArray mask = masked ? Nd4j.zeros(type, mb, STEPS) : null;
        for (int b = 0; b < mb; b++) {
            int length = 1 + (b * 5) % STEPS;
            for (int t = 0; t < STEPS; t++) {
                y.putScalar(new long[] {b, (b + t) % 3, t}, 1.0);
                if (masked && t < length) {
                    mask.putScalar(new long[] {b, t}, 1.0);
                }
            }
        }
        return new Batch(x, y, mask);
    }

    /** Output, every parameter gradient (flattened) and the input gradient, with {@code threads} threads. */
    private static List<INDArray> run(String cell, DataType type, Batch batch, int threads) {
        KernelThreads.threadsOverride = threads;
        try {
            MultiLayerNetwork net = net(cell, type, false);
            INDArray out = net.output(batch.x(), false, batch.mask(), batch.mask()).dup();
            Pair<Gradient, INDArray> g = net.calculateGradients(batch.x(), batch.y(), batch.mask(), batch.mask());
            List<INDArray> results = new ArrayList<>();
            results.add(out);
            results.add(g.getFirst().gradient().dup());
            results.add(g.getSecond().dup());
            return results;
        } finally {
            KernelThreads.threadsOverride = 0;
        }
    }

    private static void assertSame(List<INDArray> expected, List<INDArray> actual, DataType type, String what) {
        String[] names = {"output", "parameter gradients", "input gradient"};
        for (int i = 0; i < expected.size(); i++) {
            INDArray e = expected.get(i);
            INDArray a = actual.get(i);
            assertThat(a.shape()).isEqualTo(e.shape());
            double scale = Math.max(1e-3, e.amaxNumber().doubleValue());
            double tolerance = type == DataType.DOUBLE ? 1e-6 : 1e-5 * scale;
            double diff = e.sub(a).amaxNumber().doubleValue();
            assertThat(diff).as("%s: %s (largest %s)", what, names[i], scale).isLessThanOrEqualTo(tolerance);
            assertThat(scale).as("%s: %s is not all zero", what, names[i]).isGreaterThan(1e-3);
        }
    }

    @ParameterizedTest(name = "{0} {1} mb={2} masked={3} threads={4} minRows={5}")
    @CsvSource({
            "lstm, DOUBLE, 33, true, 2, 8", "lstm, DOUBLE, 33, false, 2, 8", "lstm, DOUBLE, 7, true, 2, 8",
            "lstm, DOUBLE, 7, true, 2, 1", "lstm, DOUBLE, 1, true, 2, 1", "lstm, DOUBLE, 33, true, 3, 8",
            "lstm, FLOAT, 33, true, 2, 8", "lstm, FLOAT, 7, false, 3, 2",
            "rnn, DOUBLE, 33, true, 2, 8", "rnn, DOUBLE, 7, true, 2, 1", "rnn, FLOAT, 33, false, 2, 8",
            "gru, DOUBLE, 33, true, 2, 8", "gru, DOUBLE, 7, false, 2, 1", "gru, DOUBLE, 1, true, 2, 1",
            "gru, FLOAT, 33, true, 2, 8",
            "bilstm, DOUBLE, 33, true, 2, 8", "bilstm, DOUBLE, 7, true, 3, 2", "bilstm, FLOAT, 33, true, 2, 8",
            "bigru, DOUBLE, 33, true, 2, 8", "bigru, FLOAT, 7, false, 2, 1",
    })
    void splitAcrossThreadsEqualsOneThread(String cell, DataType type, int mb, boolean masked, int threads, int minRows) {
        KernelThreads.minRowsPerPart = minRows;
        Batch batch = batch(mb, type, masked);
        List<INDArray> one = run(cell, type, batch, 1);
        List<INDArray> split = run(cell, type, batch, threads);
        assertSame(one, split, type, cell + " " + type + " mb " + mb);
    }

    @Test
    void partsFollowThreadsAndTheThreshold() {
        KernelThreads.threadsOverride = 1;
        assertThat(KernelThreads.parts(256, 1)).isEqualTo(1);
        KernelThreads.threadsOverride = 2;
        assertThat(KernelThreads.parts(15, 1)).isEqualTo(1);
        assertThat(KernelThreads.parts(16, 1)).isEqualTo(2);
        assertThat(KernelThreads.parts(64, 1)).isEqualTo(2);
        KernelThreads.threadsOverride = 4;
        assertThat(KernelThreads.parts(24, 1)).isEqualTo(3);
        // the work threshold: an LSTM step costs 4 H^2 multiply-adds per example, a GRU 3 H^2, an RNN H^2; 2^20 per part
        // (two threads trained an LSTM at H 64 and an RNN at H 128, 0.5M per part, 0.85x and 0.94x of one)
        KernelThreads.minPartWork = KernelThreads.DEFAULT_MIN_PART_WORK;
        KernelThreads.threadsOverride = 2;
        assertThat(KernelThreads.parts(64, 4L * 32 * 32)).as("lstm H 32, 32 per part: 0.13M").isEqualTo(1);
        assertThat(KernelThreads.parts(64, 4L * 64 * 64)).as("lstm H 64, 32 per part: 0.5M").isEqualTo(1);
        assertThat(KernelThreads.parts(64, 3L * 64 * 64)).as("gru H 64: 0.39M").isEqualTo(1);
        assertThat(KernelThreads.parts(64, 128L * 128)).as("rnn H 128: 0.5M").isEqualTo(1);
        assertThat(KernelThreads.parts(64, 4L * 128 * 128)).as("lstm H 128: 2.1M").isEqualTo(2);
        assertThat(KernelThreads.parts(64, 3L * 128 * 128)).as("gru H 128: 1.6M").isEqualTo(2);
        assertThat(KernelThreads.parts(64, 256L * 256)).as("rnn H 256: 2.1M").isEqualTo(2);
        assertThat(KernelThreads.parts(32, 3L * 128 * 128)).as("gru H 128 at batch 32: 16 per part, 0.79M").isEqualTo(1);
        KernelThreads.threadsOverride = 4;
        assertThat(KernelThreads.parts(64, 4L * 96 * 96)).as("4 threads, lstm H 96: 16 or 21 per part is too little (0.59M, 0.77M), 32 is enough").isEqualTo(2);
        assertThat(KernelThreads.bounds(33, 2)).containsExactly(0, 16, 33);
        assertThat(KernelThreads.bounds(7, 3)).containsExactly(0, 2, 4, 7);
    }

    @ParameterizedTest
    @CsvSource({"lstm", "gru", "rnn"})
    void rnnTimeStepCarriesTheStateOfEveryPart(String cell) {
        Batch first = batch(20, DataType.DOUBLE, false);
        Batch second = batch(21, DataType.DOUBLE, false);
        INDArray secondX = second.x().get(interval(0, 20), all(), all()).dup();
        INDArray[] outs = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            KernelThreads.threadsOverride = i + 1;
            MultiLayerNetwork net = net(cell, DataType.DOUBLE, false);
            net.rnnTimeStep(first.x());
            outs[i] = net.rnnTimeStep(secondX).dup();
        }
        assertThat(outs[0].sub(outs[1]).amaxNumber().doubleValue()).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest
    @CsvSource({"lstm", "gru", "rnn"})
    void truncatedBpttTrainingStepEqualsOneThread(String cell) {
        Batch batch = batch(24, DataType.DOUBLE, true);
        INDArray[] params = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            KernelThreads.threadsOverride = i + 1;
            MultiLayerNetwork net = net(cell, DataType.DOUBLE, true);
            net.fit(new DataSet(batch.x(), batch.y(), batch.mask(), batch.mask()));
            params[i] = net.params().dup();
        }
        assertThat(params[0].sub(params[1]).amaxNumber().doubleValue()).isLessThanOrEqualTo(1e-9);
    }

    /**
     * Parts write concurrently only where each writes its own step blocks and there is enough to write: a classifier's last
     * steps ({@code mb·H} values) are written on the calling thread, as handing them to another thread cost more than the
     * copy (stop 74: 0.2 ms per forward pass of a vanilla RNN at hidden 128, split in two).
     */
    @Test
    void onlyLargeStepBlockWritesRunConcurrently() {
        int mb = 64;
        int h = 128;
        int steps = 128;
        INDArray big = SequenceView.createTimeMajor(org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces(),
                org.deeplearning4j.nn.workspace.ArrayType.ACTIVATIONS, DataType.FLOAT, mb, h, steps);
        assertThat(BatchSplitKernel.writesConcurrently(SequenceView.of(big), 2)).isTrue();
        assertThat(BatchSplitKernel.writesConcurrently(SequenceView.of(big), 1)).as("one part").isFalse();
        INDArray small = SequenceView.createTimeMajor(org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces(),
                org.deeplearning4j.nn.workspace.ArrayType.ACTIVATIONS, DataType.FLOAT, mb, 9, steps);
        assertThat(BatchSplitKernel.writesConcurrently(SequenceView.of(small), 2)).as("9 inputs' gradient, 74k values").isFalse();
        int[] last = new int[mb];
        java.util.Arrays.fill(last, steps - 1);
        SequenceView lastSteps = SequenceView.lastStepOutputs(Nd4j.create(DataType.FLOAT, mb, h), last, steps);
        assertThat(lastSteps.writesStepBlocks()).isTrue();
        assertThat(BatchSplitKernel.writesConcurrently(lastSteps, 2)).as("the last steps' outputs").isFalse();
    }
}
