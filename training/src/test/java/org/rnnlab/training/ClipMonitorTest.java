package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.UpdaterKind;

class ClipMonitorTest {

    private static final int FEATURES = 3;
    private static final int CLASSES = 3;

    private static DataSet batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 6, FEATURES, 5).muli(3);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 6, CLASSES);
        for (int i = 0; i < 6; i++) {
            y.putScalar(i, (int) ((seed + i) % CLASSES), 1);
        }
        return new DataSet(x, y);
    }

    /** A two-layer LSTM with SGD at rate 1: an update is then exactly the (divided, clipped) gradient. */
    private static MultiLayerNetwork network(GradientNormalization mode, double threshold) {
        ModelSpec spec = ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(5, 4)).withUpdater(UpdaterKind.SGD, 1.0)
                .withGradientNormalization(mode, threshold);
        return NetworkFactory.build(spec, FEATURES, CLASSES, DataType.DOUBLE);
    }

    /** Per layer index, per parameter key: the update of one fit. */
    private static Map<String, INDArray> update(MultiLayerNetwork net, DataSet batch) {
        Map<String, INDArray> before = new java.util.LinkedHashMap<>();
        net.paramTable().forEach((k, v) -> before.put(k, v.dup()));
        net.fit(batch);
        Map<String, INDArray> step = new java.util.LinkedHashMap<>();
        net.paramTable().forEach((k, v) -> step.put(k, before.get(k).sub(v)));
        return step;
    }

    /** Whether DL4J's updater clipped a block of the update: its size equals the threshold (to rounding). */
    private static boolean atThreshold(double size, double threshold) {
        return Math.abs(size - threshold) <= 1e-9 * threshold;
    }

    /** Whether DL4J clipped the update of some layer, read from the update itself. */
    private static boolean clippedByDl4j(GradientNormalization mode, double threshold, Map<String, INDArray> step) {
        Map<String, List<INDArray>> byLayer = new java.util.TreeMap<>();
        step.forEach((k, v) -> byLayer.computeIfAbsent(k.substring(0, k.indexOf('_')), x -> new ArrayList<>()).add(v));
        for (List<INDArray> blocks : byLayer.values()) {
            switch (mode) {
                case ClipL2PerLayer -> {
                    double sq = blocks.stream().mapToDouble(b -> Math.pow(b.norm2Number().doubleValue(), 2)).sum();
                    if (atThreshold(Math.sqrt(sq), threshold)) {
                        return true;
                    }
                }
                case ClipL2PerParamType -> {
                    if (blocks.stream().anyMatch(b -> atThreshold(b.norm2Number().doubleValue(), threshold))) {
                        return true;
                    }
                }
                case ClipElementWiseAbsoluteValue -> {
                    if (blocks.stream().anyMatch(b -> atThreshold(b.amaxNumber().doubleValue(), threshold))) {
                        return true;
                    }
                }
                default -> throw new IllegalArgumentException(mode.toString());
            }
        }
        return false;
    }

    @ParameterizedTest
    @EnumSource(value = GradientNormalization.class, names = {"ClipL2PerLayer", "ClipL2PerParamType", "ClipElementWiseAbsoluteValue"})
    void countsAnUpdateAsClippedExactlyWhenDl4jsUpdaterClippedIt(GradientNormalization mode) {
        // the sizes of unclipped updates span the thresholds tried, so that some layers clip and others do not
        int clipped = 0;
        int total = 0;
        for (double threshold : new double[] {1e-6, 0.003, 0.01, 0.03, 0.1, 0.3, 1e6}) {
            for (long seed = 1; seed <= 4; seed++) {
                MultiLayerNetwork net = network(mode, threshold);
                ClipMonitor monitor = new ClipMonitor();
                net.addListeners(monitor);
                Map<String, INDArray> step = update(net, batch(seed));
                assertThat(monitor.clippedLastUpdate()).as("%s at %s, seed %d", mode, threshold, seed)
                        .isEqualTo(clippedByDl4j(mode, threshold, step));
                clipped += monitor.clippedLastUpdate() ? 1 : 0;
                total++;
            }
        }
        assertThat(clipped).as("both outcomes occur").isBetween(5, total - 5);
    }

    @Test
    void onlyThresholdModesCount() {
        assertThat(ClipMonitor.clips(GradientNormalization.ClipL2PerLayer)).isTrue();
        assertThat(ClipMonitor.clips(GradientNormalization.ClipL2PerParamType)).isTrue();
        assertThat(ClipMonitor.clips(GradientNormalization.ClipElementWiseAbsoluteValue)).isTrue();
        assertThat(ClipMonitor.clips(GradientNormalization.None)).isFalse();
        assertThat(ClipMonitor.clips(GradientNormalization.RenormalizeL2PerLayer)).isFalse();
        assertThat(ClipMonitor.clips(GradientNormalization.RenormalizeL2PerParamType)).isFalse();
    }

    private static List<EpochStats> train(GradientNormalization mode, double threshold) {
        List<EpochStats> seen = new ArrayList<>();
        ModelSpec spec = ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)).withGradientNormalization(mode, threshold);
        TrainedModel model = Trainer.train(spec, TrainingConfig.defaults().withEpochs(2).withBatchSize(8),
                TrainerTest.firstStepSign(32, 3), new Trainer.Listener() {
                    @Override
                    public void onEpoch(EpochStats stats) {
                        seen.add(stats);
                    }
                });
        assertThat(model.history()).isEqualTo(seen);
        assertThat(model.network().getListeners()).as("the monitor is removed after training").isEmpty();
        return seen;
    }

    @Test
    void epochsReportTheShareOfClippedUpdates() {
        assertThat(train(GradientNormalization.ClipL2PerLayer, 1e-7)).extracting(EpochStats::clipped).containsExactly(1.0, 1.0);
        assertThat(train(GradientNormalization.ClipElementWiseAbsoluteValue, 1e7)).extracting(EpochStats::clipped)
                .containsExactly(0.0, 0.0);
        assertThat(train(GradientNormalization.None, 1.0)).extracting(EpochStats::clipped).containsOnlyNulls();
        assertThat(train(GradientNormalization.RenormalizeL2PerLayer, 1.0)).extracting(EpochStats::clipped).containsOnlyNulls();
        List<EpochStats> some = train(GradientNormalization.ClipL2PerParamType, 0.05);
        assertThat(some).allSatisfy(e -> assertThat(e.clipped()).isBetween(0.0, 1.0));
    }

    @Test
    void theShareIsInTheJsonOnlyWhereCounted() {
        EpochStats counted = new EpochStats(2, 0.5, 0.75, 1.5, 100, 0.25);
        EpochStats uncounted = new EpochStats(2, 0.5, 0.75, 1.5, 100);
        assertThat(Json.write(counted)).contains("\"clipped\" : 0.25");
        assertThat(Json.write(uncounted)).doesNotContain("clipped");
        assertThat(Json.read(Json.write(counted), EpochStats.class)).isEqualTo(counted);
        assertThat(Json.read(Json.write(uncounted), EpochStats.class)).isEqualTo(uncounted);
        // as results.json and state.json of earlier versions hold it
        assertThat(Json.read("{\"epoch\":1,\"trainLoss\":0.5,\"validationAccuracy\":null,\"seconds\":1,\"samplesPerSecond\":2}",
                EpochStats.class).clipped()).isNull();
    }
}
