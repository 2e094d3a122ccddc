package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.training.Decision;
import org.rnnlab.training.Trainer;

class EvaluatorTest {

    @Test
    void metricsFromAHandComputedConfusionMatrix() {
        long[][] confusion = {{3, 1, 0}, {0, 2, 2}, {1, 0, 1}};
        EvaluationResult r = Evaluator.fromConfusion(List.of("a", "b", "c"), confusion, List.of(), 0);
        assertThat(r.accuracy()).isEqualTo(0.6);
        assertThat(r.perClass()).extracting(ClassMetrics::support).containsExactly(4L, 4L, 2L);
        assertThat(r.perClass().get(0).precision()).isEqualTo(0.75);
        assertThat(r.perClass().get(1).precision()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(r.perClass().get(1).recall()).isEqualTo(0.5);
        assertThat(r.perClass().get(1).f1()).isCloseTo(4.0 / 7, within(1e-15));
        assertThat(r.perClass().get(2).f1()).isCloseTo(0.4, within(1e-15));
        assertThat(r.macroF1()).isCloseTo((0.75 + 4.0 / 7 + 0.4) / 3, within(1e-15));
        assertThat(r.metric(Metric.MACRO_RECALL)).isCloseTo((0.75 + 0.5 + 0.5) / 3, within(1e-15));
        assertThat(r.examples()).isEqualTo(10);
    }

    @Test
    void aClassNeverPredictedHasZeroPrecisionNotNaN() {
        EvaluationResult r = Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{5, 0}, {3, 0}}, List.of(), 0);
        assertThat(r.perClass().get(1).precision()).isZero();
        assertThat(r.perClass().get(1).f1()).isZero();
        assertThat(r.macroF1()).isCloseTo((2 * 5.0 / 8 / (5.0 / 8 + 1)) / 2, within(1e-15));
    }

    /**
     * 300 sequences of 2 to {@code 1 + lengths} steps of {@code features} Gaussian values, labels 0-2 at random, each
     * tagged with its length as {@code distance}.
     */
    private static List<Sequence> tagged(long seed, int lengths, int features) {
        Random random = new Random(seed);
        List<Sequence> examples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int len = 2 + random.nextInt(lengths);
            float[][] v = new float[len][features];
            for (float[] step : v) {
                for (int f = 0; f < features; f++) {
                    step[f] = (float) random.nextGaussian();
                }
            }
            examples.add(new Sequence(v, random.nextInt(3), Map.of("distance", len)));
        }
        return examples;
    }

    /** {@code examples} as every split of an in-memory dataset of labels a, b, c. */
    private static SequenceDataset dataset(List<Sequence> examples, List<String> features, int maxLength, long seed) {
        SequenceSet set = new SequenceSet(examples);
        return new InMemorySequenceDataset("random", InputDescription.dense(features, maxLength), List.of("a", "b", "c"), set,
                set, set, new DatasetProvenance("random", "generated", Map.of(), List.of(), seed));
    }

    @Test
    void evaluatingANetworkAgreesWithDl4jAndBucketsByTag() {
        List<Sequence> examples = tagged(5, 5, 3);
        SequenceDataset data = dataset(examples, List.of("x", "y", "z"), 6, 5);
        MultiLayerNetwork net = NetworkFactory.build(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)), 3, 3);

        EvaluationResult r = Evaluator.evaluate(net, null, data, Split.TEST);

        Evaluation dl4j = net.evaluate(data.iterator(Split.TEST, 64, 0));
        assertThat(r.accuracy()).isCloseTo(dl4j.accuracy(), within(1e-12));
        assertThat(r.accuracy()).isEqualTo(Trainer.accuracy(net, data.iterator(Split.TEST, 17, 0)));
        assertThat(r.examples()).isEqualTo(300);
        List<BucketAccuracy> byDistance = r.buckets("distance");
        assertThat(byDistance).extracting(BucketAccuracy::value).containsExactly(2, 3, 4, 5, 6);
        assertThat(byDistance.stream().mapToLong(BucketAccuracy::count).sum()).isEqualTo(300);
        double weighted = byDistance.stream().mapToDouble(b -> b.accuracy() * b.count()).sum() / 300;
        assertThat(weighted).isCloseTo(r.accuracy(), within(1e-12));
    }

    @Test
    void aNetworkThatPaddingChangesIsScoredOnMinibatchesOfOneLengthAsEachSequenceAlone() {
        // DL4J's own bidirectional LSTM reads padding wrongly: scored on padded minibatches, a sequence's label depended on
        // the sequences beside it; each must be scored as it is predicted alone, and the buckets must follow the right ones
        List<Sequence> examples = tagged(11, 6, 2);
        SequenceDataset data = dataset(examples, List.of("x", "y"), 7, 11);
        // trained a little (as a user's model was, whose labels flipped): an untrained network's outputs hardly move
        MultiLayerNetwork net = Trainer.train(ModelSpec.of(CellType.LSTM).withBidirectional(true)
                .withImplementation(org.rnnlab.core.Implementation.DL4J).withHead(org.rnnlab.core.SequenceHead.MEAN)
                .withHiddenSizes(List.of(8)), org.rnnlab.training.TrainingConfig.defaults().withEpochs(4), data).network();
        assertThat(NetworkFactory.paddingChangesOutputs(net)).isTrue();
        assertThat(NetworkFactory.paddingChangesOutputs(NetworkFactory.build(ModelSpec.of(CellType.LSTM).withBidirectional(true)
                .withHiddenSizes(List.of(5)), 2, 3))).as("rnnlab's kernel pads exactly").isFalse();

        EvaluationResult r = Evaluator.evaluate(net, null, data, Split.TEST);

        long[][] alone = new long[3][3];
        long[] correctByLength = new long[8];
        for (Sequence s : examples) {
            var one = org.rnnlab.datasets.SequenceBatchIterator.batch(List.of(s), 2, 3);
            int predicted = net.output(one.getFeatures(), false, one.getFeaturesMaskArray(), null).argMax(1).getInt(0);
            alone[s.label()][predicted]++;
            correctByLength[s.length()] += predicted == s.label() ? 1 : 0;
        }
        assertThat(r.confusion()).isDeepEqualTo(alone);
        for (BucketAccuracy b : r.buckets("distance")) {
            assertThat(Math.round(b.accuracy() * b.count())).as("distance %d", b.value()).isEqualTo(correctByLength[b.value()]);
        }
    }

    @Test
    void theTestLogLossAndTheRarerClasssAveragePrecisionAreMeasuredAsTheSelectionJudgesThem() {
        // a parcel carrier's trial (finding 6): chosen by validation log-loss or average precision, reported by macro-F1 and
        // the macro average precision over both classes only; 'late' is the rarer class here (about a quarter)
        Random random = new Random(66);
        List<Sequence> examples = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            int label = i % 4 == 0 ? 1 : 0;
            float[][] v = new float[3 + i % 3][1];
            for (float[] step : v) {
                step[0] = (float) ((label == 1 ? 0.5 : -0.5) + random.nextGaussian());
            }
            examples.add(new Sequence(v, label, Map.of()));
        }
        SequenceSet set = new SequenceSet(examples);
        SequenceDataset data = new InMemorySequenceDataset("late", InputDescription.dense(List.of("x"), 5), List.of("on_time", "late"),
                set, set, set, new DatasetProvenance("late", "generated", Map.of(), List.of(), 66));
        MultiLayerNetwork net = NetworkFactory.build(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(3)), 1, 2);
        double[][] probabilities = new double[80][];
        EvaluationResult r = Evaluator.evaluate(net, null, data, Split.TEST, List.of(), null, Decision.ARGMAX, probabilities);
        int[] actual = examples.stream().mapToInt(Sequence::label).toArray();
        assertThat(r.metric(Metric.LOG_LOSS)).isCloseTo(org.rnnlab.training.OneVsRest.logLoss(actual, probabilities), within(1e-12));
        Ranking ranking = Ranking.of(data.labelNames(), actual, probabilities);
        assertThat(r.metric(Metric.AVERAGE_PRECISION)).isCloseTo(ranking.perClass().get(1).averagePrecision(), within(1e-12))
                .isNotCloseTo(ranking.macroAveragePrecision(), within(1e-6));
        // what --select judges validation by, on the same probabilities
        org.rnnlab.training.ValidationScores judged = org.rnnlab.training.ValidationScores.of(2, actual, probabilities);
        assertThat(r.metric(Metric.LOG_LOSS)).isEqualTo(judged.logLoss());
        assertThat(r.metric(Metric.AVERAGE_PRECISION)).isEqualTo(judged.averagePrecision());
        // a confusion alone has no probabilities: no such score
        assertThat(Evaluator.fromConfusion(data.labelNames(), r.confusion(), List.of(), 0).metric(Metric.LOG_LOSS)).isNaN();
    }

    @Test
    void macroAveragesSkipClassesAbsentFromTruthAndPredictions() {
        // classes a, b, c; the data hold only a and b, one b predicted as a
        EvaluationResult r = Evaluator.fromConfusion(List.of("a", "b", "c"),
                new long[][] {{1, 0, 0}, {1, 0, 0}, {0, 0, 0}}, List.of(), 0);
        // a: precision 0.5, recall 1, F1 2/3; b: 0, 0, 0; c absent from both: not averaged
        Assertions.assertThat(r.macroF1()).isCloseTo(1.0 / 3, Assertions.within(1e-12));
        Assertions.assertThat(r.perClass()).hasSize(3);
        // c is undefined, not a class scored 0: NaN, null in JSON (a user's try averaged evaluate --json's F1 zeros), read back
        Assertions.assertThat(r.perClass().get(2).f1()).isNaN();
        Assertions.assertThat(r.perClass().get(1).f1()).isZero();
        String json = org.rnnlab.core.Json.write(r);
        Assertions.assertThat(json).contains("\"label\" : \"c\",\n    \"precision\" : null,\n    \"recall\" : null,\n    \"f1\" : null")
                .doesNotContain("NaN");
        try {
            Assertions.assertThat(org.rnnlab.core.Json.mapper().readValue(json, EvaluationResult.class)).isEqualTo(r);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        EvaluationResult all = Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{2, 0}, {0, 1}}, List.of(), 0);
        Assertions.assertThat(all.macroF1()).isEqualTo(1.0);
    }

    @Test
    void aClassAbsentFromTheDataButPredictedHasUndefinedRecallAndIsLeftOutOfMacroRecallAndF1() {
        // a user's audit: class b has no test sequence but is predicted 6 times; its recall was shown 0.0000 and averaged in
        // as 0 over all 4 classes. rows actual a, b, c, d; columns predicted
        long[][] confusion = {
                {8, 1, 1, 0}, // a: 10, 8 right, one taken for b
                {0, 0, 0, 0}, // b: none in the data
                {1, 3, 4, 2}, // c: 10, 4 right, 3 taken for b
                {0, 2, 1, 2}}; // d: 5, 2 right, 2 taken for b
        EvaluationResult r = Evaluator.fromConfusion(List.of("a", "b", "c", "d"), confusion, List.of(), 0);
        double pa = 8.0 / 9;
        double pc = 4.0 / 6;
        double pd = 2.0 / 4;
        double ra = 0.8;
        double rc = 0.4;
        double rd = 0.4;
        double fa = 2 * pa * ra / (pa + ra);
        double fc = 2 * pc * rc / (pc + rc);
        double fd = 2 * pd * rd / (pd + rd);
        assertThat(r.perClass().get(1).precision()).as("predicted 6 times, never right").isZero();
        assertThat(r.perClass().get(1).recall()).isNaN();
        assertThat(r.perClass().get(1).f1()).isNaN();
        assertThat(r.perClass().get(1).support()).isZero();
        // b's false predictions still count against a's, c's and d's recall
        assertThat(r.perClass()).extracting(ClassMetrics::recall).containsExactly(ra, Double.NaN, rc, rd);
        assertThat(r.metric(Metric.MACRO_RECALL)).as("balanced accuracy: over the 3 present classes")
                .isCloseTo((0.8 + 0.4 + 0.4) / 3, within(1e-15));
        assertThat(r.macroF1()).isCloseTo((fa + fc + fd) / 3, within(1e-15));
        assertThat(r.macroF1()).isCloseTo((16.0 / 19 + 0.5 + 4.0 / 9) / 3, within(1e-15));
        // macro precision: over the classes present or predicted, b at 0
        assertThat(r.metric(Metric.MACRO_PRECISION)).isCloseTo((pa + 0 + pc + pd) / 4, within(1e-15));
        // and over the classes present, as macro-F1 and macro recall average (scikit-learn's precision_score with
        // labels=the present classes, average='macro'): trial 81c F7, three "macro" figures over different class sets
        assertThat(r.metric(Metric.MACRO_PRECISION_PRESENT)).as("macro precision over the 3 present classes")
                .isCloseTo((pa + pc + pd) / 3, within(1e-15));
        assertThat(r.accuracy()).isEqualTo(14.0 / 25);
        String json = org.rnnlab.core.Json.write(r);
        assertThat(json).contains("\"label\" : \"b\",\n    \"precision\" : 0.0,\n    \"recall\" : null,\n    \"f1\" : null")
                .doesNotContain("NaN");

        // a test file of only class c (10 sequences: 4 right, 3 taken for b, 2 for d, 1 for a)
        EvaluationResult only = Evaluator.fromConfusion(List.of("a", "b", "c", "d"),
                new long[][] {{0, 0, 0, 0}, {0, 0, 0, 0}, {1, 3, 4, 2}, {0, 0, 0, 0}}, List.of(), 0);
        assertThat(only.perClass()).extracting(ClassMetrics::recall).containsExactly(Double.NaN, Double.NaN, 0.4, Double.NaN);
        assertThat(only.perClass()).extracting(ClassMetrics::precision).containsExactly(0.0, 0.0, 1.0, 0.0);
        assertThat(only.metric(Metric.MACRO_RECALL)).isEqualTo(0.4).isEqualTo(only.accuracy());
        assertThat(only.macroF1()).isCloseTo(2 * 0.4 / 1.4, within(1e-15));
        assertThat(only.metric(Metric.MACRO_PRECISION)).isEqualTo(0.25);
    }

    @Test
    void everyClassPresentKeepsTheMeansOverAllClassesBitForBit() {
        long[][] confusion = {{8, 1, 1, 0}, {1, 5, 0, 1}, {1, 3, 4, 2}, {0, 2, 1, 2}};
        EvaluationResult r = Evaluator.fromConfusion(List.of("a", "b", "c", "d"), confusion, List.of(), 0);
        double sumP = 0;
        double sumR = 0;
        double sumF = 0;
        for (int c = 0; c < 4; c++) {
            long support = 0;
            long predicted = 0;
            for (int j = 0; j < 4; j++) {
                support += confusion[c][j];
                predicted += confusion[j][c];
            }
            double p = (double) confusion[c][c] / predicted;
            double rc = (double) confusion[c][c] / support;
            sumP += p;
            sumR += rc;
            sumF += p + rc == 0 ? 0 : 2 * p * rc / (p + rc);
        }
        assertThat(r.metric(Metric.MACRO_PRECISION)).isEqualTo(sumP / 4);
        assertThat(r.metric(Metric.MACRO_RECALL)).isEqualTo(sumR / 4);
        assertThat(r.macroF1()).isEqualTo(sumF / 4);
    }
}
