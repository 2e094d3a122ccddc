package org.rnnlab.evaluation.gradients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.bptt.RnnActivation;
import org.rnnlab.core.bptt.VanillaRnn;

class GradientFlowTest {
    private static final int STEPS = 64;
    private static final int FEATURES = 8;
    private static final int BATCH = 16;

    private static List<GradientFlowRow> untrained(CellType cell, long seed) {
        ModelSpec spec = ModelSpec.of(cell).withHiddenSizes(List.of(32)).withSeed(seed);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, 2);
        GradientDataSource.Batch b = new RandomFirstStepsData(STEPS, FEATURES, seed).batch(0, BATCH);
        return GradientFlow.measure(cell.id(), net, b.features(), b.labels(), b.fMask());
    }

    private static double at(List<GradientFlowRow> rows, int distance) {
        return rows.stream().filter(r -> r.distance() == distance).findFirst().orElseThrow().gradNorm();
    }

    @Test
    void simpleRnnGradientVanishesWithDistanceAndLstmDecaysLess() {
        double rnnLogRatio = 0;
        double lstmLogRatio = 0;
        long[] seeds = {1, 2};
        for (long seed : seeds) {
            List<GradientFlowRow> rnn = untrained(CellType.RNN, seed);
            List<GradientFlowRow> lstm = untrained(CellType.LSTM, seed);
            assertThat(rnn).hasSize(STEPS);
            assertThat(rnn.get(0).t()).isZero();
            assertThat(rnn.get(0).distance()).isEqualTo(STEPS - 1);
            assertThat(at(rnn, 0)).isPositive();
            // DL4J-NOTES: SimpleRnn(64) at T=128 fell from 3.9 (last step) to 4e-11 (first step)
            assertThat(at(rnn, STEPS - 1)).as("seed %d", seed).isLessThan(1e-3 * at(rnn, 0));
            rnnLogRatio += Math.log10(at(rnn, STEPS - 1) / at(rnn, 0)) / seeds.length;
            lstmLogRatio += Math.log10(at(lstm, STEPS - 1) / at(lstm, 0)) / seeds.length;
        }
        assertThat(lstmLogRatio).as("mean log10(g(T-1)/g(0)): LSTM vs SimpleRnn").isGreaterThan(rnnLogRatio + 1);
    }

    @Test
    void normsOfTinyAndHugeGradientsNeitherUnderflowNorOverflow() {
        // a user's 1200-step study reported the vanilla RNN's gradient as 0 from distance 540, where it was 7e-164 in double:
        // the sum of squares underflowed
        assertThat(GradientFlow.norm(new double[] {3e-170, 9, 4e-170}, 0, 2, 2)).isCloseTo(5e-170, within(1e-184));
        assertThat(GradientFlow.norm(new double[] {3e200, 4e200}, 0, 2, 1)).isCloseTo(5e200, within(1e186));
        assertThat(GradientFlow.norm(new double[] {0, 0}, 0, 2, 1)).isZero();
        assertThat(GradientFlow.norm(new double[] {Double.NaN, 1}, 0, 2, 1)).isNaN();
        assertThat(GradientFlow.norm(new double[] {-3, 4}, 0, 2, 1)).isEqualTo(5.0);
    }

    @Test
    void worksForStackedAndBidirectionalNetworks() {
        GradientDataSource.Batch b = new RandomFirstStepsData(12, FEATURES, 4).batch(0, 4);
        for (ModelSpec spec : List.of(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(8, 8)),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(8)).withBidirectional(true))) {
            MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, 2);
            List<GradientFlowRow> rows = GradientFlow.measure(spec.label(), net, b.features(), b.labels(), null);
            assertThat(rows).hasSize(12).allSatisfy(r -> assertThat(r.gradNorm()).isPositive().isFinite());
            assertThat(rows.get(11).distance()).isZero();
        }
    }

    @Test
    void trainedStudyRunsAndReportsEveryModel() throws Exception {
        Path out = Files.createTempDirectory("gradient-study");
        GradientStudy.Config c = new GradientStudy.Config(List.of(Architecture.parse("rnn")), 12, 6, 3, 8,
                List.of(0.9, 1.1), RnnActivation.TANH, true, 3, 1, "random");
        GradientStudy.Result r = GradientStudy.run(c, out);
        assertThat(r.flow()).extracting(GradientFlowRow::model).containsOnly("rnn-6", "vanilla-bptt-6");
        assertThat(r.flow()).allSatisfy(row -> assertThat(row.gradNorm()).isFinite());
        assertThat(r.sweep()).hasSize(2 * 12);
        assertThat(r.files().files()).contains(GradientReport.INDEX_HTML, GradientStudy.CONFIG_JSON);
        assertThat(GradientReport.terminalTable(r.flow())).contains("rnn-6", "d0/d(T-1)");
    }

    @Test
    void handWrittenRnnWithDl4jWeightsGivesTheSamePerStepNorms() {
        ModelSpec spec = ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(12)).withSeed(5);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, 2, DataType.DOUBLE);
        VanillaRnn mine = GradientFlow.vanillaRnnFrom(net);
        GradientDataSource.Batch b = new RandomFirstStepsData(20, FEATURES, 9).batch(3, 6);
        List<GradientFlowRow> dl4j = GradientFlow.measure("dl4j", net, b.features(), b.labels(), null);
        List<GradientFlowRow> hand = GradientFlow.measure("hand", mine, b.features(), b.labels());
        assertThat(hand).hasSameSizeAs(dl4j);
        for (int i = 0; i < dl4j.size(); i++) {
            double expected = dl4j.get(i).gradNorm();
            assertThat(hand.get(i).t()).isEqualTo(dl4j.get(i).t());
            assertThat(hand.get(i).gradNorm()).as("t=%d", i).isCloseTo(expected, within(1e-10 * expected));
        }
    }

    /** Each row's geometric mean, lowest and highest are those of the batch's sequences measured one at a time. */
    @Test
    void rowsHoldTheGeometricMeanAndRangeOverTheBatch() {
        VanillaRnn rnn = new VanillaRnn(org.rnnlab.core.bptt.RnnParameters.random(6, FEATURES, 2, 3),
                org.rnnlab.core.bptt.RnnActivation.TANH, org.rnnlab.core.bptt.LossMode.LAST_STEP);
        GradientDataSource.Batch b = new RandomFirstStepsData(10, FEATURES, 9).batch(3, 5);
        List<GradientFlowRow> rows = GradientFlow.measure("hand", rnn, b.features(), b.labels());
        double[][] alone = new double[5][];
        for (int e = 0; e < 5; e++) {
            var x = b.features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(e, e + 1),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all());
            var y = b.labels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(e, e + 1), org.nd4j.linalg.indexing.NDArrayIndex.all());
            alone[e] = GradientFlow.measure("one", rnn, x, y).stream().mapToDouble(GradientFlowRow::gradNorm).toArray();
        }
        for (GradientFlowRow r : rows) {
            double[] v = java.util.Arrays.stream(alone).mapToDouble(a -> a[r.t()]).toArray();
            double geo = Math.exp(java.util.Arrays.stream(v).map(Math::log).average().orElseThrow());
            assertThat(r.gradNorm()).as("t=%d", r.t()).isCloseTo(java.util.Arrays.stream(v).average().orElseThrow(), within(1e-9 * r.gradNorm()));
            assertThat(r.geoMean()).as("t=%d", r.t()).isCloseTo(geo, within(1e-9 * geo)).isLessThanOrEqualTo(r.gradNorm() * (1 + 1e-12));
            assertThat(r.min()).isCloseTo(java.util.Arrays.stream(v).min().orElseThrow(), within(1e-9 * r.min()));
            assertThat(r.max()).isCloseTo(java.util.Arrays.stream(v).max().orElseThrow(), within(1e-9 * r.max()));
        }
    }

    @Test
    void oneSequenceWhoseGradientUnderflowedToZeroKeepsThePointOfTheOthers() {
        // review 78 R5: 4 sequences, 1 feature, 2 steps; at step 0 sequence 3's gradient is exactly 0 (a float32 underflow)
        double[] g = {1e-30, 1, 1e-28, 1, 1e-32, 1, 0, 1};
        List<GradientFlowRow> rows = GradientFlow.rows("rnn", org.nd4j.linalg.factory.Nd4j.create(g, new long[] {4, 1, 2}, 'c'), 1.0);
        GradientFlowRow far = rows.get(0);
        assertThat(far.distance()).isEqualTo(1);
        assertThat(far.geoMean()).as("the geometric mean of the three non-zero norms, not 0").isCloseTo(1e-30, within(1e-36));
        assertThat(far.min()).isZero();
        assertThat(rows.get(1).geoMean()).isCloseTo(1, within(1e-12));
        // every norm 0: nothing to average, 0 as before
        List<GradientFlowRow> none = GradientFlow.rows("rnn", org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, 2, 1, 1), 1.0);
        assertThat(none.get(0).geoMean()).isZero();
    }
}
