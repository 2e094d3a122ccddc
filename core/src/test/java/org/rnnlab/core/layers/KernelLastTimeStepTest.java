package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link KernelLastTimeStep}: a network whose top recurrent layer is read at its last step computes with it what it
 * computes with DL4J's {@link LastTimeStep}: the score and every parameter gradient of two stacked recurrent layers
 * (the lower one's gradients carry the input gradient the top one wrote) under a softmax output layer, for every
 * cell, in double precision (1e-9) and in float (1e-5 relative; the LSTM in float trains through oneDNN's
 * primitives), with and without padding masks (lengths 1 to T, so the last step differs per example), on one and on
 * two threads (the minibatch split into parts), and after a training step. It also checks that the last-step path
 * ran where it should and not around a layer it does not know (DL4J's own LSTM, a bidirectional layer), and that
 * DL4J's configuration JSON keeps the class.
 */
class KernelLastTimeStepTest {

    private static final int FEATURES = 4;
    private static final int HIDDEN = 5;
    private static final int STEPS = 9;
    private static final int CLASSES = 3;

    @AfterEach
    void restore() {
        KernelThreads.threadsOverride = 0;
        KernelThreads.minPartWork = KernelThreads.DEFAULT_MIN_PART_WORK;
        KernelThreads.minRowsPerPart = KernelThreads.DEFAULT_MIN_ROWS_PER_PART;
    }

    private static org.deeplearning4j.nn.conf.layers.Layer cell(String cell, long nIn) {
        return switch (cell) {
            case "lstm" -> new Lstm.Builder().nIn(nIn).nOut(HIDDEN).build();
            case "gru" -> new Gru.Builder().nIn(nIn).nOut(HIDDEN).build();
            case "rnn" -> new Rnn.Builder().nIn(nIn).nOut(HIDDEN).activation(Activation.TANH).build();
            case "dl4jlstm" -> new LSTM.Builder().nIn(nIn).nOut(HIDDEN).activation(Activation.TANH).build();
            case "bilstm" -> new KernelBidirectional(Bidirectional.Mode.ADD, new Lstm.Builder().nIn(nIn).nOut(HIDDEN).build());
            default -> throw new IllegalArgumentException(cell);
        };
    }

    private static MultiLayerConfiguration conf(String cell, DataType type, boolean kernelHead) {
        org.deeplearning4j.nn.conf.layers.Layer top = cell(cell, HIDDEN);
        return new NeuralNetConfiguration.Builder().seed(3).dataType(type).updater(new Sgd(0.1))
                .weightInit(WeightInit.XAVIER).list()
                .layer(cell(cell, FEATURES))
                .layer(kernelHead ? new KernelLastTimeStep(top) : new LastTimeStep(top))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(HIDDEN).nOut(CLASSES).build())
                .build();
    }

    private static MultiLayerNetwork net(String cell, DataType type, boolean kernelHead) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(cell, type, kernelHead));
        net.init();
        Nd4j.getRandom().setSeed(11);
        net.setParams(Nd4j.rand(type, 1, net.numParams()).subi(0.5).muli(1.4));
        return net;
    }

    private record Batch(INDArray x, INDArray y, INDArray mask) {
    }

    /** Random features, one-hot labels and (if masked) a right-padding mask with lengths 1 to STEPS. */
    private static Batch batch(int mb, DataType type, boolean masked) {
        Nd4j.getRandom().setSeed(41 + mb);
        INDArray x = Nd4j.rand(type, mb, FEATURES, STEPS).subi(0.5).muli(2);
        INDArray y = Nd4j.zeros(type, mb, CLASSES);
        INDArray mask = masked ? Nd4j.zeros(type, mb, STEPS) : null;
        for (int e = 0; e < mb; e++) {
            y.putScalar(e, e % CLASSES, 1.0);
            for (int t = 0; masked && t < 1 + (e * 4) % STEPS; t++) {
                mask.putScalar(e, t, 1.0);
            }
        }
        return new Batch(x, y, mask);
    }

    /** Score, flattened parameter gradients, and the parameters after one SGD step. */
    private static INDArray[] gradients(MultiLayerNetwork net, Batch b) {
        net.setInput(b.x());
        net.setLabels(b.y());
        net.setLayerMaskArrays(b.mask(), null);
        net.computeGradientAndScore();
        INDArray score = Nd4j.scalar(net.params().dataType(), net.score());
        INDArray grad = net.gradient().gradient().dup();
        net.clearLayerMaskArrays();
        net.fit(new org.nd4j.linalg.dataset.DataSet(b.x(), b.y(), b.mask(), null));
        return new INDArray[] {score, grad, net.params().dup()};
    }

    /**
     * Tolerances: 1e-9 in double, 1e-5 relative in float; but DL4J's {@code LastTimeStep} with a mask makes its output
     * array in ND4J's default data type, FLOAT ({@code TimeSeriesUtils.pullLastTimeSteps}: {@code Nd4j.create(shape)}),
     * so its masked double-precision values are rounded to float, which rnnlab's head does not do: 1e-7 relative there.
     */
    private static double tolerance(DataType type, boolean masked, double scale) {
        return type == DataType.FLOAT ? 1e-5 * scale : masked ? 1e-7 * scale : 1e-9;
    }

    private static void assertClose(INDArray[] expected, INDArray[] actual, DataType type, boolean masked, String what) {
        String[] names = {"score", "parameter gradients", "parameters after a step"};
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1e-3, expected[i].amaxNumber().doubleValue());
            double tolerance = tolerance(type, masked, scale);
            assertThat(expected[i].sub(actual[i]).amaxNumber().doubleValue()).as("%s: %s", what, names[i])
                    .isLessThanOrEqualTo(tolerance);
        }
        assertThat(expected[1].amaxNumber().doubleValue()).as("%s: gradients not all zero", what).isGreaterThan(1e-4);
    }

    @ParameterizedTest(name = "{0} {1} mb={2} masked={3} threads={4}")
    @CsvSource({
            "lstm, DOUBLE, 13, false, 1", "lstm, DOUBLE, 13, true, 1", "lstm, FLOAT, 13, false, 1", "lstm, FLOAT, 13, true, 1",
            "lstm, DOUBLE, 33, true, 2", "lstm, FLOAT, 33, true, 2",
            "gru, DOUBLE, 13, false, 1", "gru, DOUBLE, 13, true, 1", "gru, FLOAT, 13, true, 1", "gru, DOUBLE, 33, true, 2",
            "rnn, DOUBLE, 13, false, 1", "rnn, DOUBLE, 13, true, 1", "rnn, FLOAT, 13, true, 1", "rnn, DOUBLE, 33, true, 2",
            "lstm, DOUBLE, 1, true, 1",
    })
    void lastStepGradientEqualsDl4jsLastTimeStep(String cell, DataType type, int mb, boolean masked, int threads) {
        KernelThreads.threadsOverride = threads;
        KernelThreads.minPartWork = 0; // tiny layers: split them anyway
        KernelThreads.minRowsPerPart = 8;
        Batch b = batch(mb, type, masked);
        INDArray[] dl4j = gradients(net(cell, type, false), b);
        long before = KernelLastTimeStepLayer.LAST_STEP_PASSES.get();
        long forwardsBefore = KernelLastTimeStepLayer.LAST_STEP_FORWARDS.get();
        INDArray[] kernel = gradients(net(cell, type, true), b);
        assertThat(KernelLastTimeStepLayer.LAST_STEP_PASSES.get() - before).as("last-step passes").isEqualTo(2);
        assertThat(KernelLastTimeStepLayer.LAST_STEP_FORWARDS.get() - forwardsBefore).as("last-step forward passes").isEqualTo(2);
        assertClose(dl4j, kernel, type, masked, cell + " " + type + (masked ? " masked" : ""));
    }

    @ParameterizedTest(name = "{0} {1} mb={2} masked={3} threads={4}")
    @CsvSource({
            "lstm, FLOAT, 13, false, 1", "lstm, FLOAT, 13, true, 1", "lstm, DOUBLE, 13, true, 1", "lstm, FLOAT, 33, true, 2",
            "gru, FLOAT, 13, true, 1", "gru, DOUBLE, 33, true, 2", "rnn, FLOAT, 13, true, 1", "rnn, DOUBLE, 33, false, 2",
    })
    void lastStepOutputsEqualDl4jsLastTimeStep(String cell, DataType type, int mb, boolean masked, int threads) {
        KernelThreads.threadsOverride = threads;
        KernelThreads.minPartWork = 0;
        KernelThreads.minRowsPerPart = 8;
        Batch b = batch(mb, type, masked);
        INDArray dl4j = net(cell, type, false).output(b.x(), false, b.mask(), null);
        long before = KernelLastTimeStepLayer.LAST_STEP_FORWARDS.get();
        INDArray kernel = net(cell, type, true).output(b.x(), false, b.mask(), null);
        assertThat(KernelLastTimeStepLayer.LAST_STEP_FORWARDS.get() - before).as("last-step forward passes").isEqualTo(1);
        double tolerance = masked || type == DataType.FLOAT ? tolerance(type, masked, 1) : 1e-12;
        assertThat(dl4j.sub(kernel).amaxNumber().doubleValue()).as("%s %s outputs", cell, type).isLessThanOrEqualTo(tolerance);
        assertThat(kernel.shape()).containsExactly(mb, CLASSES);
    }

    @Test
    void aBackwardPassLeftToDl4jAfterALastStepForwardPassIsRefusedByName() {
        // the mask changes between the passes so that an example has no valid step at backward time: DL4J's path,
        // whose backward pass needs the fields its own forward pass sets (without them: a NullPointerException); running
        // that pass again would draw new dropout masks, so the backward pass is refused with what to do
        MultiLayerNetwork net = net("lstm", DataType.DOUBLE, true);
        Batch b = batch(5, DataType.DOUBLE, false);
        net.setInput(b.x());
        net.setLabels(b.y());
        long before = KernelLastTimeStepLayer.LAST_STEP_FORWARDS.get();
        net.computeGradientAndScore();
        assertThat(KernelLastTimeStepLayer.LAST_STEP_FORWARDS.get() - before).isEqualTo(1);
        KernelLastTimeStepLayer head = (KernelLastTimeStepLayer) net.getLayer(1);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 5, STEPS);
        mask.putRow(2, Nd4j.zeros(DataType.DOUBLE, STEPS));
        head.getUnderlying().setMaskArray(mask);
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, 5, HIDDEN);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> head.backpropGradient(epsilon,
                        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("differs from its forward pass's")
                .hasMessageContaining("run the forward pass again");
        // a mask that leaves every example a step, but not the step the forward pass wrote: refused too
        INDArray shorter = Nd4j.ones(DataType.DOUBLE, 5, STEPS);
        shorter.putScalar(0, STEPS - 1, 0.0);
        head.getUnderlying().setMaskArray(shorter);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> head.backpropGradient(epsilon,
                        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("differs from its forward pass's");
        // after a new forward pass, the backward pass runs
        head.getUnderlying().setMaskArray(null);
        net.computeGradientAndScore();
        assertThat(head.backpropGradient(epsilon, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond()
                .shape()).containsExactly(5, HIDDEN, STEPS);
    }

    @ParameterizedTest
    @CsvSource({"dl4jlstm", "bilstm"})
    void aroundAnotherLayerItIsDl4jsOwn(String cell) {
        Batch b = batch(13, DataType.DOUBLE, true);
        INDArray[] dl4j = gradients(net(cell, DataType.DOUBLE, false), b);
        long before = KernelLastTimeStepLayer.LAST_STEP_PASSES.get();
        long forwardsBefore = KernelLastTimeStepLayer.LAST_STEP_FORWARDS.get();
        INDArray[] kernel = gradients(net(cell, DataType.DOUBLE, true), b);
        assertThat(KernelLastTimeStepLayer.LAST_STEP_PASSES.get()).isEqualTo(before);
        assertThat(KernelLastTimeStepLayer.LAST_STEP_FORWARDS.get()).isEqualTo(forwardsBefore);
        assertClose(dl4j, kernel, DataType.DOUBLE, false, cell);
    }

    @Test
    void lastStepsAreTheMasksLastNonZeroSteps() {
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 0, 0}, {1, 1, 1, 1}, {1, 0, 1, 0}});
        assertThat(KernelLastTimeStepLayer.lastSteps(mask, 3, 4)).containsExactly(1, 3, 2);
        assertThat(KernelLastTimeStepLayer.lastSteps(null, 2, 4)).containsExactly(3, 3);
        assertThat(KernelLastTimeStepLayer.lastSteps(Nd4j.createFromArray(new double[][] {{1, 0}, {0, 0}}), 2, 2))
                .as("an example without a valid step").isNull();
    }

    @Test
    void configurationJsonKeepsTheClass() {
        MultiLayerConfiguration conf = conf("lstm", DataType.FLOAT, true);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back.getConf(1).getLayer()).isInstanceOf(KernelLastTimeStep.class).isEqualTo(conf.getConf(1).getLayer());
        assertThat(((KernelLastTimeStep) back.getConf(1).getLayer()).getUnderlying()).isInstanceOf(Lstm.class);
        assertThat(conf.getConf(1).getLayer()).isNotEqualTo(conf("lstm", DataType.FLOAT, false).getConf(1).getLayer());
    }

    @Test
    void theOutputViewWritesEachExamplesStepIntoItsRow() {
        // time-major source rows t·mb + e of width 3, value 100·t + 10·e + i
        int mb = 3;
        int steps = 4;
        float[] source = new float[steps * mb * 3];
        for (int t = 0; t < steps; t++) {
            for (int e = 0; e < mb; e++) {
                for (int i = 0; i < 3; i++) {
                    source[(t * mb + e) * 3 + i] = 100 * t + 10 * e + i;
                }
            }
        }
        INDArray target = Nd4j.zeros(DataType.FLOAT, mb, 2);
        SequenceView view = SequenceView.lastStepOutputs(target, new int[] {3, 0, 2}, steps);
        view.write(source, 0, 3, null, false); // width 3, n 2: the third column is not copied
        assertThat(target.toFloatMatrix()).isDeepEqualTo(new float[][] {{300, 301}, {10, 11}, {220, 221}});

        view.write(source, 0, 3, null, true); // accumulate
        assertThat(target.toFloatMatrix()).isDeepEqualTo(new float[][] {{600, 602}, {20, 22}, {440, 442}});

        INDArray native3 = Nd4j.createFromArray(source).reshape(steps * mb, 3);
        target.assign(-1);
        view.scatterFrom(HostArray.of(native3), 3, false);
        assertThat(target.toFloatMatrix()).isDeepEqualTo(new float[][] {{300, 301}, {10, 11}, {220, 221}});

        // examples 1..2 of the view, in a part's own time-major rows (mb 2): step 0 for example 1, step 2 for example 2
        target.assign(0);
        float[] part = new float[steps * 2 * 3];
        for (int t = 0; t < steps; t++) {
            for (int e = 0; e < 2; e++) {
                for (int i = 0; i < 3; i++) {
                    part[(t * 2 + e) * 3 + i] = 100 * t + 10 * (e + 1) + i;
                }
            }
        }
        view.examples(1, 3).write(part, 0, 3, null, false);
        assertThat(target.toFloatMatrix()).isDeepEqualTo(new float[][] {{0, 0}, {10, 11}, {220, 221}});

        // time reversed: step t of the view is step T - 1 - t of the array
        target.assign(0);
        view.reversed().write(source, 0, 3, new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1}, false);
        assertThat(target.toFloatMatrix()).isDeepEqualTo(new float[][] {{0, 1}, {620, 622}, {120, 121}});
    }

    @Test
    void theGradientViewGathersIntoNativeRowsAsItReads() {
        INDArray last = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        SequenceView view = SequenceView.lastSteps(last, new int[] {2, 0, 1}, 3);
        for (SequenceView v : new SequenceView[] {view, view.reversed(), view.examples(1, 3)}) {
            INDArray target = Nd4j.valueArrayOf(new long[] {v.steps * v.mb, 2}, 7f, DataType.FLOAT);
            v.gatherInto(HostArray.of(target), 2);
            float[] expected = new float[v.steps * v.mb * 2];
            v.read(expected, 2);
            assertThat(target.data().asFloat()).containsExactly(expected);
        }
    }

    @Test
    void theViewReadsZerosButAtEachExamplesStep() {
        INDArray last = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        SequenceView view = SequenceView.lastSteps(last, new int[] {2, 0, 1}, 3);
        float[] rows = new float[3 * 3 * 3];
        java.util.Arrays.fill(rows, 9f);
        view.read(rows, 3); // width 3: the third column is left as it was (gatherInto's ones)
        float[] expected = {
                0, 0, 9, 3, 4, 9, 0, 0, 9, // step 0: example 1
                0, 0, 9, 0, 0, 9, 5, 6, 9, // step 1: example 2
                1, 2, 9, 0, 0, 9, 0, 0, 9, // step 2: example 0
        };
        assertThat(rows).as(java.util.Arrays.toString(rows)).containsExactly(expected);
        float[] reversed = new float[3 * 2 * 2];
        view.reversed().examples(1, 3).read(reversed, 2);
        assertThat(reversed).containsExactly(0, 0, 0, 0, 0, 0, 5, 6, 3, 4, 0, 0);
    }
}
