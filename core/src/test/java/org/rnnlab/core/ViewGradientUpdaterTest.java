package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ViewGradientUpdater} trains to the same bits as DL4J's own {@link MultiLayerUpdater} (its external path, the
 * one every {@code fit} of DL4J 1.0.0-M2.1 takes), with and without regularization, gradient normalization and
 * updater state, and takes the standard path in {@code fit}.
 */
class ViewGradientUpdaterTest {

    static Stream<Arguments> specs() {
        ModelSpec lstm = TestNets.spec(CellType.LSTM, false, List.of(8), 0.01);
        return Stream.of(
                Arguments.of("adam", lstm),
                Arguments.of("adam, weight decay", lstm.withWeightDecay(0.05)),
                Arguments.of("adam, clip per layer", lstm.withGradientNormalization(GradientNormalization.ClipL2PerLayer, 0.05)),
                Arguments.of("adam, clip element-wise", lstm.withGradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue, 0.01)),
                Arguments.of("sgd (no state)", lstm.withUpdater(UpdaterKind.SGD, 0.1)),
                Arguments.of("nesterovs", lstm.withUpdater(UpdaterKind.NESTEROVS, 0.05)),
                Arguments.of("stacked bidirectional gru, rmsprop", TestNets.spec(CellType.GRU, true, List.of(6, 5), 0.01)
                        .withUpdater(UpdaterKind.RMSPROP, 0.01).withWeightDecay(0.01)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void trainsToTheSameBitsAsDl4jsUpdater(String name, ModelSpec spec) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            MultiLayerNetwork ours = NetworkFactory.build(spec, 3, 4, type);
            MultiLayerNetwork theirs = new MultiLayerNetwork(NetworkFactory.configuration(spec, 3, 4, type));
            theirs.init();
            assertThat(ours.getUpdater()).isInstanceOf(ViewGradientUpdater.class);
            boolean floatAdam = type == DataType.FLOAT && spec.updater() == UpdaterKind.ADAM;
            assertThat(((ViewGradientUpdater) ours.getUpdater()).getUpdaterBlocks()).as("Adam in Java for float state")
                    .allMatch(b -> b.getGradientUpdater() instanceof FloatAdam == floatAdam);
            assertThat(theirs.getUpdater().getClass()).isEqualTo(MultiLayerUpdater.class);
            assertThat(((org.deeplearning4j.optimize.solvers.BaseOptimizer) ours.getOptimizer()).getStepFunction())
                    .as("params -= update in Java").isInstanceOf(FloatStep.class);
            assertThat(bits(ours.params())).containsExactly(bits(theirs.params()));

            long before = ViewGradientUpdater.standardUpdates();
            for (int step = 0; step < 6; step++) {
                DataSet batch = new DataSet(TestNets.features(100 + step, 5, 3, 7, type), TestNets.labels(5, 4, type));
                ours.fit(batch);
                theirs.fit(batch);
            }
            assertThat(ViewGradientUpdater.standardUpdates() - before).as("updates on the standard path").isEqualTo(6);
            assertThat(bits(ours.params())).as(name + " " + type + ": parameters").containsExactly(bits(theirs.params()));
            INDArray state = ours.getUpdater().getStateViewArray();
            if (state == null) {
                assertThat(theirs.getUpdater().getStateViewArray()).isNull();
            } else {
                assertThat(bits(state)).as(name + " " + type + ": updater state").containsExactly(bits(theirs.getUpdater().getStateViewArray()));
            }
            assertThat(ours.params()).isNotEqualTo(NetworkFactory.build(spec, 3, 4, type).params()); // it did train
        }
    }

    @Test
    void floatAdamIsTheNativeOpToTheBitOverManyIterations() {
        adamAgainstTheNativeOp(4099, 300);
        adamAgainstTheNativeOp(2 * FloatVectors.CHUNK + 77, 8); // three chunks, the last one short
        org.nd4j.linalg.learning.config.Adam config = new org.nd4j.linalg.learning.config.Adam(1e-3);
        assertThat(FloatAdam.applies(config.instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 20), true))).isFalse();
    }

    /** DL4J's Adam and FloatAdam from zero state over the same gradients: updates, m and v equal to the bit. */
    private static void adamAgainstTheNativeOp(int n, int iterations) {
        org.nd4j.linalg.learning.config.Adam config = new org.nd4j.linalg.learning.config.Adam(
                new org.nd4j.linalg.schedule.ExponentialSchedule(org.nd4j.linalg.schedule.ScheduleType.ITERATION, 3e-3, 0.99));
        INDArray stateA = Nd4j.zeros(DataType.FLOAT, 1, 2L * n);
        INDArray stateB = Nd4j.zeros(DataType.FLOAT, 1, 2L * n);
        org.nd4j.linalg.learning.AdamUpdater dl4j = (org.nd4j.linalg.learning.AdamUpdater) config.instantiate(stateA, true);
        org.nd4j.linalg.learning.AdamUpdater other = (org.nd4j.linalg.learning.AdamUpdater) config.instantiate(stateB, true);
        assertThat(FloatAdam.applies(other)).isTrue();
        FloatAdam ours = new FloatAdam(other);
        Nd4j.getRandom().setSeed(3);
        for (int iteration = 0; iteration < iterations; iteration++) {
            // gradients over many magnitudes, zeros included
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, n).muli(Math.pow(10, iteration % 7 - 4));
            g.putScalar(iteration % n, 0f);
            INDArray a = g.dup();
            INDArray b = g.dup();
            dl4j.applyUpdater(a, iteration, 0);
            ours.applyUpdater(b, iteration, 0);
            assertThat(bits(b)).as("update at iteration %d of %d values", iteration, n).containsExactly(bits(a));
        }
        assertThat(bits(stateB)).as("m and v").containsExactly(bits(stateA));
    }

    @Test
    void aNewLearningRateKeepsItAndTrainsAsDl4jDoes() {
        // DL4J's setLearningRate rebuilds the updater as its own (Trainer sets the rate every epoch)
        ModelSpec spec = TestNets.spec(CellType.LSTM, false, List.of(8), 0.01);
        MultiLayerNetwork ours = NetworkFactory.build(spec, 3, 4, DataType.FLOAT);
        MultiLayerNetwork theirs = new MultiLayerNetwork(NetworkFactory.configuration(spec, 3, 4, DataType.FLOAT));
        theirs.init();
        long before = ViewGradientUpdater.standardUpdates();
        for (int step = 0; step < 6; step++) {
            if (step % 2 == 0) {
                NetworkFactory.setLearningRate(ours, 0.01 / (step + 1));
                theirs.setLearningRate(0.01 / (step + 1));
            }
            DataSet batch = new DataSet(TestNets.features(200 + step, 5, 3, 7, DataType.FLOAT), TestNets.labels(5, 4, DataType.FLOAT));
            ours.fit(batch);
            theirs.fit(batch);
        }
        assertThat(ours.getUpdater()).isInstanceOf(ViewGradientUpdater.class);
        assertThat(ViewGradientUpdater.standardUpdates() - before).isEqualTo(6);
        assertThat(bits(ours.params())).containsExactly(bits(theirs.params()));
        assertThat(bits(ours.getUpdater().getStateViewArray())).containsExactly(bits(theirs.getUpdater().getStateViewArray()));
    }

    @Test
    void floatAdamHandsAStridedGradientToDl4jsAdam() {
        int n = 50;
        org.nd4j.linalg.learning.config.Adam config = new org.nd4j.linalg.learning.config.Adam(1e-3);
        INDArray stateA = Nd4j.zeros(DataType.FLOAT, 1, 2L * n);
        INDArray stateB = Nd4j.zeros(DataType.FLOAT, 1, 2L * n);
        org.nd4j.linalg.learning.AdamUpdater dl4j = (org.nd4j.linalg.learning.AdamUpdater) config.instantiate(stateA, true);
        FloatAdam ours = new FloatAdam((org.nd4j.linalg.learning.AdamUpdater) config.instantiate(stateB, true));
        Nd4j.getRandom().setSeed(9);
        INDArray matrix = Nd4j.randn(DataType.FLOAT, n, 3).dup('c');
        INDArray a = matrix.dup('c').getColumn(1); // element stride 3
        INDArray b = matrix.dup('c').getColumn(1);
        assertThat(b.elementWiseStride()).isNotEqualTo(1);
        dl4j.applyUpdater(a, 0, 0);
        ours.applyUpdater(b, 0, 0);
        assertThat(bits(b)).containsExactly(bits(a));
        assertThat(bits(stateB)).containsExactly(bits(stateA));
        assertThat(bits(a)).isNotEqualTo(bits(matrix.getColumn(1)));
    }

    @Test
    void withKernelsOffDl4jsUpdaterStaysAndTrains() {
        ModelSpec spec = TestNets.spec(CellType.LSTM, false, List.of(8), 0.01);
        System.setProperty(Nd4jRuntime.KERNELS_PROPERTY, "off");
        try {
            MultiLayerNetwork net = NetworkFactory.build(spec, 3, 4, DataType.FLOAT);
            assertThat(net.getUpdater().getClass()).isEqualTo(MultiLayerUpdater.class);
            NetworkFactory.setLearningRate(net, 0.005);
            assertThat(net.getUpdater().getClass()).isEqualTo(MultiLayerUpdater.class);
            assertThat(((org.deeplearning4j.optimize.solvers.BaseOptimizer) net.getOptimizer()).getStepFunction())
                    .isNotInstanceOf(FloatStep.class);
            INDArray before = net.params().dup();
            net.fit(new DataSet(TestNets.features(5, 5, 3, 7, DataType.FLOAT), TestNets.labels(5, 4, DataType.FLOAT)));
            assertThat(net.params()).isNotEqualTo(before);
        } finally {
            System.clearProperty(Nd4jRuntime.KERNELS_PROPERTY);
        }
    }

    @Test
    void keepsTheStateOfTheUpdaterItReplaces() {
        ModelSpec spec = TestNets.spec(CellType.LSTM, false, List.of(8), 0.01);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.configuration(spec, 3, 4, DataType.FLOAT));
        net.init();
        net.fit(new DataSet(TestNets.features(1, 5, 3, 7, DataType.FLOAT), TestNets.labels(5, 4, DataType.FLOAT)));
        INDArray state = net.getUpdater().getStateViewArray();
        INDArray copy = state.dup();
        assertThat(copy.sumNumber().doubleValue()).isNotZero();

        ViewGradientUpdater.install(net);

        assertThat(net.getUpdater()).isInstanceOf(ViewGradientUpdater.class);
        assertThat(net.getUpdater().getStateViewArray()).isSameAs(state).isEqualTo(copy);
    }

    @Test
    void aGradientFromElsewhereTakesDl4jsExternalPath() {
        ModelSpec spec = TestNets.spec(CellType.LSTM, false, List.of(8), 0.01);
        MultiLayerNetwork net = NetworkFactory.build(spec, 3, 4, DataType.DOUBLE);
        MultiLayerNetwork twin = new MultiLayerNetwork(NetworkFactory.configuration(spec, 3, 4, DataType.DOUBLE));
        twin.init();
        INDArray external = TestNets.features(7, 1, 1, (int) net.numParams(), DataType.DOUBLE).reshape(1, net.numParams());
        Gradient g = new DefaultGradient(external.dup());
        Gradient h = new DefaultGradient(external.dup());
        long before = ViewGradientUpdater.standardUpdates();

        net.getUpdater().update(net, g, 0, 0, 5, LayerWorkspaceMgr.noWorkspaces());
        twin.getUpdater().update(twin, h, 0, 0, 5, LayerWorkspaceMgr.noWorkspaces());

        assertThat(ViewGradientUpdater.standardUpdates()).isEqualTo(before);
        assertThat(bits(g.gradient())).as("the update computed from the external gradient").containsExactly(bits(h.gradient()));
        assertThat(g.gradient()).isNotEqualTo(external);
    }

    /** The values exactly, as doubles (a float widens exactly). */
    private static double[] bits(INDArray a) {
        return a.dup().data().asDouble();
    }
}
