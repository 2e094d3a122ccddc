package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Conv1d;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.csv.SequenceScaling;

/**
 * {@link PredictionStream}: every step's probabilities are {@code predict}'s on the prefix read so far, for trained LSTM,
 * GRU and RNN models (stacked, residual, the last, mean, max and attention heads: the attention head's softmax over the
 * steps so far is a running sum, so it streams exactly), with the model's input preparation (standardiser,
 * missing-value codes and policy); reset; refusals of what cannot be streamed; a closed classifier (a trial's wearables
 * service had no stateful API, and DL4J's rnnTimeStep failed on the last head).
 */
class PredictionStreamTest {

    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} {2} residual={3} {4}")
    @CsvSource({"LSTM, 6, LAST, false, RNNLAB", "GRU, 6;5, LAST, false, RNNLAB", "RNN, 5;4, LAST, false, RNNLAB",
            "LSTM, 5;5, MEAN, false, RNNLAB", "GRU, 6, MAX, false, RNNLAB", "RNN, 6;6;4, LAST, true, RNNLAB",
            "LSTM, 4;6, MAX, true, RNNLAB", "LSTM, 5;4, LAST, false, DL4J", "RNN, 5, MEAN, false, DL4J",
            "GRU, 5, LAST_STEP, false, RNNLAB", "LSTM, 6, ATTENTION, false, RNNLAB", "GRU, 5;4, ATTENTION, true, RNNLAB"})
    void everyStepIsPredictOfThePrefix(CellType cell, String hidden, SequenceHead head, boolean residual, Implementation impl)
            throws Exception {
        List<Integer> sizes = Arrays.stream(hidden.split(";")).map(Integer::parseInt).toList();
        try (SequenceClassifier classifier = trained(ModelSpec.of(cell).withHiddenSizes(sizes).withHead(head)
                .withResidual(residual).withImplementation(impl), null)) {
            Random random = new Random(7);
            float[][] a = sequence(random, 30);
            float[][] b = sequence(random, 30);
            PredictionStream sa = classifier.stream();
            PredictionStream sb = classifier.stream();
            double largest = 0;
            for (int t = 0; t < a.length; t++) { // two devices interleaved sample by sample: each stream its own sequence
                largest = Math.max(largest, compare(classifier, sa.step(a[t]), a, t));
                largest = Math.max(largest, compare(classifier, sb.step(b[t]), b, t));
            }
            assertThat(sa.steps()).isEqualTo(30);
            assertThat(largest).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void streamsOfOneClassifierStepOnSeveralThreadsAtOnce() throws Exception {
        try (SequenceClassifier classifier = trained(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(6, 5)), null)) {
            float[][][] sequences = new float[4][][];
            Random random = new Random(13);
            for (int d = 0; d < sequences.length; d++) {
                sequences[d] = sequence(random, 200);
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<double[]>> last = new java.util.ArrayList<>();
                for (float[][] seq : sequences) {
                    last.add(pool.submit(() -> {
                        PredictionStream stream = classifier.stream(); // made on its own thread, as a service would
                        SequenceClassifier.Prediction p = null;
                        for (float[] sample : seq) {
                            p = stream.step(sample);
                        }
                        return p.probabilities();
                    }));
                }
                for (int d = 0; d < sequences.length; d++) {
                    double[] expected = classifier.predictUnwarned(List.<float[][]>of(sequences[d])).get(0).probabilities();
                    assertThat(maxDiff(last.get(d).get(), expected)).as("device %d", d).isLessThanOrEqualTo(TOLERANCE);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void resetStartsANewSequence() throws Exception {
        try (SequenceClassifier classifier = trained(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)), null)) {
            Random random = new Random(3);
            float[][] a = sequence(random, 12);
            float[][] b = sequence(random, 12);
            PredictionStream stream = classifier.stream();
            SequenceClassifier.Prediction afterA = null;
            for (float[] sample : a) {
                afterA = stream.step(sample);
            }
            stream.reset();
            assertThat(stream.steps()).isZero();
            for (int t = 0; t < b.length; t++) {
                SequenceClassifier.Prediction got = stream.step(b[t]);
                assertThat(compare(classifier, got, b, t)).as("step %d after reset", t).isLessThanOrEqualTo(TOLERANCE);
            }
            // without the reset the stream would have read a then b: another answer
            PredictionStream unreset = classifier.stream();
            SequenceClassifier.Prediction ab = null;
            for (float[] sample : a) {
                unreset.step(sample);
            }
            for (float[] sample : b) {
                ab = unreset.step(sample);
            }
            assertThat(maxDiff(ab.probabilities(), classifier.predict(b).probabilities())).isGreaterThan(1e-4);
            assertThat(afterA).isNotNull();
        }
    }

    @Test
    void missingValuesAreFilledAsPredictFillsThemUnderFfillAndZero() throws Exception {
        for (MissingValues policy : List.of(MissingValues.FFILL, MissingValues.ZERO)) {
            try (SequenceClassifier classifier = trained(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(6)),
                    schema(policy).withNaValues(List.of("-999")))) {
                Random random = new Random(11);
                float[][] raw = sequence(random, 20);
                raw[3][0] = Float.NaN;
                raw[4][0] = Float.NaN;
                raw[9][1] = -999f; // the model's code for a missing value
                raw[15][0] = Float.NaN;
                raw[15][1] = Float.NaN;
                PredictionStream stream = classifier.stream();
                for (int t = 0; t < raw.length; t++) {
                    assertThat(compare(classifier, stream.step(raw[t]), raw, t)).as("%s step %d", policy, t)
                            .isLessThanOrEqualTo(TOLERANCE);
                }
                assertThat(raw[3][0]).as("the caller's sample is not changed").isNaN();
            }
        }
    }

    @Test
    void aGapBeforeTheFeaturesFirstValueUnderFfillIsRefusedAndChangesNothing() throws Exception {
        try (SequenceClassifier classifier = trained(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(5)),
                schema(MissingValues.FFILL))) {
            Random random = new Random(5);
            float[][] raw = sequence(random, 6);
            PredictionStream stream = classifier.stream();
            assertThatThrownBy(() -> stream.step(new float[] {1f, Float.NaN}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("feature b").hasMessageContaining("before any value of it")
                    .hasMessageContaining("stream is unchanged");
            assertThat(stream.steps()).isZero();
            for (int t = 0; t < raw.length; t++) {
                assertThat(compare(classifier, stream.step(raw[t]), raw, t)).isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    @Test
    void underErrorAMissingValueIsRefusedNamingTheFeatureAndTheStreamGoesOn() throws Exception {
        try (SequenceClassifier classifier = trained(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(5)),
                schema(MissingValues.ERROR))) {
            Random random = new Random(9);
            float[][] raw = sequence(random, 8);
            PredictionStream stream = classifier.stream();
            for (int t = 0; t < 4; t++) {
                stream.step(raw[t]);
            }
            assertThatThrownBy(() -> stream.step(new float[] {Float.NaN, 0.5f}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("step 4 of this stream, feature a").hasMessageContaining("--missing error");
            assertThatThrownBy(() -> stream.step(new float[] {0.5f, Float.POSITIVE_INFINITY}))
                    .hasMessageContaining("feature b").hasMessageContaining("not a finite number");
            assertThatThrownBy(() -> stream.step(new float[] {0.5f})).hasMessageContaining("1 values, expected 2 [a, b]");
            for (int t = 4; t < raw.length; t++) { // the refused samples were not read
                assertThat(compare(classifier, stream.step(raw[t]), raw, t)).isLessThanOrEqualTo(TOLERANCE);
            }
        }
        try (SequenceClassifier classifier = trained(ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(5)),
                schema(MissingValues.INTERPOLATE))) {
            PredictionStream stream = classifier.stream();
            stream.step(new float[] {1f, 2f});
            assertThatThrownBy(() -> stream.step(new float[] {Float.NaN, 2f}))
                    .hasMessageContaining("feature a").hasMessageContaining("--missing interpolate");
        }
    }

    @Test
    void bidirectionalConvolutionalTextAndSequenceScaledModelsAreRefusedSayingWhatToDo() throws Exception {
        try (SequenceClassifier bi = trained(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)).withBidirectional(true),
                null)) {
            assertThatThrownBy(bi::stream).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("bidirectional").hasMessageContaining("backward direction")
                    .hasMessageContaining("predict sliding windows");
            assertThat(bi.predict(new float[][] {{1f, 2f}})).isNotNull(); // predict still works
        }
        try (SequenceClassifier convolved = trained(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4))
                .withConvolutions(List.of(new Conv1d(3, 4, 2))), null)) {
            assertThatThrownBy(convolved::stream).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("convolution").hasMessageContaining("predict sliding windows");
        }
        try (SequenceClassifier text = ModelBundle.load(Crafted.resource(BundleFixtureTest.text(2), dir))) {
            assertThatThrownBy(text::stream).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("reads text").hasMessageContaining("predictTexts");
        }
        CsvSchema scaled = new CsvSchema(CsvSchema.LONG, ",", true, 0, Column.named("id"), null, Column.named("label"), null,
                null, List.of(Column.named("a"), Column.named("b")), MissingValues.ERROR, List.of(), SequenceScaling.CENTER);
        try (SequenceClassifier centred = trained(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)), scaled)) {
            assertThatThrownBy(centred::stream).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("sequenceScaling=center").hasMessageContaining("predict sliding windows");
        }
    }

    @Test
    void aStreamOfAClosedClassifierIsAnIllegalStateException() throws Exception {
        SequenceClassifier classifier = trained(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)), null);
        PredictionStream stream = classifier.stream();
        stream.step(new float[] {1f, 0f});
        classifier.close();
        assertThatThrownBy(() -> stream.step(new float[] {1f, 0f})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(classifier::stream).isInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------- helpers

    /** The largest difference between a streamed prediction and predict of the prefix {@code seq[0..t]}. */
    private static double compare(SequenceClassifier classifier, SequenceClassifier.Prediction streamed, float[][] seq, int t) {
        SequenceClassifier.Prediction expected = classifier.predictUnwarned(List.<float[][]>of(Arrays.copyOf(seq, t + 1))).get(0);
        double d = maxDiff(streamed.probabilities(), expected.probabilities());
        if (d <= TOLERANCE) {
            assertThat(streamed.label()).isEqualTo(expected.label());
        }
        return d;
    }

    private static double maxDiff(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** Raw values on another scale than N(0, 1), so that the standardiser matters. */
    private static float[][] sequence(Random random, int steps) {
        float[][] v = new float[steps][2];
        for (int t = 0; t < steps; t++) {
            v[t][0] = (float) (0.3 * random.nextGaussian());
            v[t][1] = (float) random.nextGaussian();
        }
        v[0][0] = random.nextBoolean() ? 1f : -1f;
        return v;
    }

    private static CsvSchema schema(MissingValues policy) {
        return new CsvSchema(CsvSchema.LONG, ",", true, 0, Column.named("id"), null, Column.named("label"), null, null,
                List.of(Column.named("a"), Column.named("b")), policy, List.of());
    }

    /** A model trained for 2 epochs on generated data, saved with {@code schema} on its card and loaded. */
    private SequenceClassifier trained(ModelSpec spec, CsvSchema schema) throws Exception {
        SequenceDataset data = TrainerTest.firstStepSign(32, 4);
        TrainedModel trained = Trainer.train(spec, TrainingConfig.defaults().withEpochs(2).withBatchSize(16), data);
        Path file = dir.resolve("model-" + System.nanoTime() + ".rnnlab");
        ModelCard card = ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(42L)), 3, 6,
                Optional.empty(), Optional.ofNullable(schema));
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);
        return ModelBundle.load(file);
    }
}
