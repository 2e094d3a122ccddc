package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.csv.SequenceScaling;

/**
 * The Java API checks raw sequences as {@code rnnlab predict} checks a file of them (trial 76a, a Java developer embedding a
 * wrist-IMU model): an infinity is refused at its own step before per-sequence scaling; every value tiny is judged sequence
 * by sequence, whatever the batching, and each prediction carries predict's {@code far_from_training}; a model that scales
 * each sequence has its codes and spikes judged as written and its flat sequences warned of; the advice for a code follows
 * the model's {@code --missing} policy; filled values are logged.
 */
class PredictAsCommandLineTest {

    private static final int STEPS = 20;

    @TempDir
    static Path dir;

    /** One trained network (training data of mean 0 and sd 1, as scaled sequences are), saved under several cards. */
    private static TrainedModel trained;
    private static List<float[][]> training;

    @BeforeAll
    static void train() {
        Random r = new Random(76);
        List<List<Sequence>> splits = new ArrayList<>();
        training = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<Sequence> list = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int label = i % 2;
                float[][] v = normal(r);
                for (int t = 0; t < STEPS; t++) {
                    v[t][0] += (label == 1 ? 0.05f : -0.05f) * (t - STEPS / 2);
                }
                list.add(new Sequence(v, label));
                if (part == 0) {
                    training.add(v);
                }
            }
            splits.add(list);
        }
        InMemorySequenceDataset data = new InMemorySequenceDataset("imu", InputDescription.dense(List.of("a", "b"), STEPS),
                List.of("down", "up"), new SequenceSet(splits.get(0)), new SequenceSet(splits.get(1)), new SequenceSet(splits.get(2)),
                new DatasetProvenance("imu", "generated", Map.of(), List.of(), 76L));
        trained = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)),
                TrainingConfig.defaults().withEpochs(2).withBatchSize(16), data);
    }

    private static float[][] normal(Random r) {
        float[][] v = new float[STEPS][2];
        for (int t = 0; t < STEPS; t++) {
            v[t][0] = (float) r.nextGaussian();
            v[t][1] = (float) r.nextGaussian();
        }
        return v;
    }

    /** The model saved with a card of a CSV model trained with {@code policy}, {@code scaling} and {@code naValues}, loaded. */
    private static SequenceClassifier model(MissingValues policy, SequenceScaling scaling, List<String> naValues) throws Exception {
        CsvSchema schema = new CsvSchema(CsvSchema.LONG, ",", true, 0, Column.named("id"), null, Column.named("label"), null, null,
                List.of(Column.named("a"), Column.named("b")), policy, List.of(), scaling, naValues);
        ModelCard card = ModelBundle.card(trained, Map.of(), "imu", Provenance.capture(List.of("test"), "imu", "x", List.of(76L)),
                STEPS, STEPS, Optional.empty(), Optional.of(schema)).withTrainingRange(TrainingRange.of(training, 2));
        Path file = Files.createTempFile(dir, "model", ".rnnlab");
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);
        return ModelBundle.load(file);
    }

    /** The WARN messages of SequenceClassifier's logger while {@code action} runs. */
    private static List<String> warnings(Runnable action) {
        return PredictWarningsTest.warnings(action);
    }

    private static List<float[][]> normals(Random r, int n) {
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(normal(r));
        }
        return out;
    }

    @Test
    void anInfinityIsRefusedAtItsOwnStepBeforeTheSequencesOwnScaling() throws Exception {
        // trial 76a F1: 'sequence 0, step 0, feature acc_x: NaN is not a finite number (a missing value ...)' for an
        // Infinity at step 3, the whole feature made NaN by the scaling; under interpolate, a NaN is what the model fills
        for (MissingValues policy : List.of(MissingValues.ERROR, MissingValues.INTERPOLATE)) {
            try (SequenceClassifier model = model(policy, SequenceScaling.STANDARDIZE, List.of())) {
                Random r = new Random(1);
                float[][] seq = normal(r);
                seq[3][0] = Float.POSITIVE_INFINITY;
                assertThatThrownBy(() -> model.predict(List.of(normal(r), seq))).as("%s", policy)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("sequence 1, step 3, feature a: Infinity is not a finite number");
                seq[3][0] = Float.NEGATIVE_INFINITY;
                assertThatThrownBy(() -> model.predictUnwarned(List.<float[][]>of(seq))).hasMessage(
                        "sequence 0, step 3, feature a: -Infinity is not a finite number");
            }
        }
        try (SequenceClassifier model = model(MissingValues.INTERPOLATE, SequenceScaling.STANDARDIZE, List.of())) {
            float[][] gap = normal(new Random(2));
            gap[3][0] = Float.NaN;
            assertThatCode(() -> model.predict(gap)).as("a NaN is still the policy's to fill").doesNotThrowAnyException();
        }
    }

    @Test
    void everyValueTinyIsJudgedPerSequenceWhateverTheBatchingAndEachPredictionSaysSo() throws Exception {
        try (SequenceClassifier model = model(MissingValues.ERROR, SequenceScaling.NONE, List.of())) {
            Random r = new Random(3);
            List<float[][]> batch = normals(r, 12);
            for (int i : new int[] {3, 7}) { // another unit in two sequences: 1/10,000 of the values
                for (float[] step : batch.get(i)) {
                    step[1] *= 1e-4f;
                }
            }
            List<SequenceClassifier.Prediction>[] predictions = new List[1];
            List<String> logged = warnings(() -> predictions[0] = model.predict(batch));
            // trial 76a F2: judged over the batch, the other sequences' values hid it, and nothing was logged
            assertThat(logged).anySatisfy(w -> assertThat(w).startsWith("feature b lies far outside the training data in 2 of "
                    + "these 12 sequence(s), each judged alone: every value within").contains("sequence 3, sequence 7"));
            assertThat(logged).anySatisfy(w -> assertThat(w).startsWith("2 of these 12 sequence(s) have values far outside the "
                    + "training data, each judged alone as rnnlab predict's far_from_training column marks it: e.g. sequence 3 ([b])"));
            float[] mean = model.normalizer().getMean().toFloatVector();
            float[] std = model.normalizer().getStd().toFloatVector();
            for (int i = 0; i < batch.size(); i++) {
                List<String> expected = FarFromTraining.ofSequence(batch.get(i), mean, std, model.card().trainingRange()).stream()
                        .map(f -> List.of("a", "b").get(f)).toList();
                assertThat(predictions[0].get(i).farFromTraining()).as("sequence %d", i)
                        .isEqualTo(i == 3 || i == 7 ? List.of("b") : List.of()).isEqualTo(expected);
                // alone, the same mark (and the same warning)
                assertThat(model.predict(batch.get(i)).farFromTraining()).isEqualTo(predictions[0].get(i).farFromTraining());
            }
            assertThat(predictions[0].get(3).toString()).contains("farFromTraining=[b]");
            // a program that logs nothing still gets the marks
            assertThat(warnings(() -> assertThat(model.predictUnwarned(batch).get(7).farFromTraining()).containsExactly("b")))
                    .isEmpty();
        }
    }

    @Test
    void aSequenceScaledModelsCodesAndSpikesAreJudgedAsWritten() throws Exception {
        // trial 76a F3: -999 in 20 steps of 5 sequences and a 1e30 cell, warned by predict, silent in the API
        try (SequenceClassifier model = model(MissingValues.ERROR, SequenceScaling.STANDARDIZE, List.of())) {
            Random r = new Random(4);
            List<float[][]> batch = normals(r, 6);
            for (int i : new int[] {1, 4}) {
                for (int t = 5; t < 9; t++) {
                    batch.get(i)[t][0] = -999f;
                }
            }
            batch.get(2)[10][1] = 1e30f;
            List<SequenceClassifier.Prediction>[] predictions = new List[1];
            List<String> logged = warnings(() -> predictions[0] = model.predict(batch));
            assertThat(logged).anySatisfy(w -> assertThat(w).startsWith("feature a of these 6 sequence(s) holds -999.0 in 8 cell(s) "
                    + "of 2 sequence(s) (e.g. sequence 1), over 10.0 sd of its sequence's other values from their mean (judged on the "
                    + "values as written, before each sequence's own scaling, sequenceScaling standardize")
                    .contains("trained with --missing error: a NaN is refused").contains("--set naValues=-999"));
            assertThat(logged).anySatisfy(w -> assertThat(w).startsWith("feature b: 1 cell(s) in 1 of these 6 sequence(s) are "
                    + "spikes, 1.000e+30 as written").contains("sequence 2"));
            assertThat(predictions[0].get(1).farFromTraining()).containsExactly("a");
            assertThat(predictions[0].get(4).farFromTraining()).containsExactly("a");
            assertThat(predictions[0].get(0).farFromTraining()).isEmpty();
            // one at a time: the code still warned of and marked
            List<String> alone = warnings(() -> assertThat(model.predict(batch.get(1)).farFromTraining()).containsExactly("a"));
            assertThat(alone).anySatisfy(w -> assertThat(w).contains("holds -999.0 in 4 cell(s) of 1 sequence(s)"));
        }
        // the model's own code is a missing value, not a code to warn of
        try (SequenceClassifier model = model(MissingValues.INTERPOLATE, SequenceScaling.STANDARDIZE, List.of("-999"))) {
            float[][] coded = normal(new Random(5));
            coded[6][0] = -999f;
            List<String> logged = warnings(() -> assertThat(model.predict(coded).farFromTraining()).isEmpty());
            assertThat(logged).noneSatisfy(w -> assertThat(w).contains("looks like a code"));
        }
    }

    @Test
    void aSequenceFlatInEveryFeatureIsWarnedOfUnderStandardize() throws Exception {
        // trial 76a F5: an all-zero IMU sequence came back a confident 'unsafe', predict warned, the API did not
        try (SequenceClassifier model = model(MissingValues.ERROR, SequenceScaling.STANDARDIZE, List.of())) {
            float[][] dead = new float[STEPS][2];
            float[][] saturated = new float[STEPS][2];
            for (float[] step : saturated) {
                step[0] = 16f;
                step[1] = -16f;
            }
            List<String> logged = warnings(() -> model.predict(List.of(normal(new Random(6)), dead, saturated)));
            assertThat(logged).anySatisfy(w -> assertThat(w).startsWith("2 of these 3 sequence(s) have one value over all their "
                    + "steps in every feature: sequence 1, sequence 2; the model standardises each sequence by its own standard "
                    + "deviation (sequenceScaling standardize)"));
        }
        try (SequenceClassifier model = model(MissingValues.ERROR, SequenceScaling.NONE, List.of())) {
            assertThat(warnings(() -> model.predict(new float[STEPS][2]))).noneSatisfy(w -> assertThat(w)
                    .contains("sequenceScaling standardize"));
        }
    }

    @Test
    void theAdviceForACodeFollowsTheModelsMissingPolicy() throws Exception {
        // trial 76a F4: 'give NaN there' for a model trained with --missing error, which refuses the NaN
        float[][] coded = normal(new Random(7));
        for (int t = 2; t < 5; t++) {
            coded[t][1] = -999f;
        }
        try (SequenceClassifier model = model(MissingValues.ERROR, SequenceScaling.NONE, List.of())) {
            assertThat(warnings(() -> model.predict(coded))).anySatisfy(w -> assertThat(w)
                    .startsWith("feature b of these 1 sequence(s) holds -999.0 in 3 cell(s) of 1 sequence(s) (e.g. sequence 0), far "
                            + "outside the training data")
                    .endsWith("it looks like a code for a missing value, and is read as a number; the model handles no missing value "
                            + "there (it was trained with --missing error: a NaN is refused): if it means missing, retrain with "
                            + "--missing interpolate (or ffill, zero, drop-steps) and --set naValues=-999, or drop or impute those "
                            + "values yourself before predicting"));
        }
        try (SequenceClassifier model = model(MissingValues.FFILL, SequenceScaling.NONE, List.of())) {
            assertThat(warnings(() -> model.predict(coded))).anySatisfy(w -> assertThat(w)
                    .endsWith("if it means missing, give NaN there: the model's --missing ffill fills it as rnnlab predict does"));
        }
    }

    @Test
    void filledValuesAreLoggedAndTheClassifierNamesItsModel() throws Exception {
        try (SequenceClassifier model = model(MissingValues.INTERPOLATE, SequenceScaling.NONE, List.of("-999"))) {
            Random r = new Random(8);
            List<float[][]> batch = normals(r, 3);
            batch.get(0)[4][0] = -999f;
            batch.get(0)[5][0] = -999f;
            batch.get(2)[7][1] = Float.NaN;
            // trial 76a F9: predict notes the cells it fills, the API filled them without a trace
            assertThat(warnings(() -> model.predict(batch))).contains("filled 3 missing value(s) (NaN, or the model's codes for a "
                    + "missing value [-999.0]) in 2 of these 3 sequence(s): sequence 0, sequence 2 (--missing interpolate: each on "
                    + "the straight line between the observed values of its feature and sequence around it, or the nearest one at "
                    + "a sequence's start or end)");
            assertThat(warnings(() -> model.predict(normal(r)))).noneSatisfy(w -> assertThat(w).startsWith("filled"));
            assertThat(warnings(() -> model.predictUnwarned(batch))).isEmpty();
            // a service's log names the model, not SequenceClassifier@21ca139c
            assertThat(model.toString()).isEqualTo("SequenceClassifier[" + model.card().spec().label()
                    + ", 2 features [a, b], labels [down, up]]");
            // a card without held-out quantiles: lowConfidence() null, isLowConfidence() false rather than a NullPointerException
            SequenceClassifier.Prediction p = model.predict(normal(r));
            assertThat(p.lowConfidence()).isNull();
            assertThat(p.isLowConfidence()).isFalse();
            model.close();
            assertThat(model.toString()).endsWith(", closed]");
        }
    }
}
