package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.FeatureStandardizer;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;

/**
 * The training range of each feature ({@link TrainingRange}, the card's {@code trainingRange}) in {@link FarFromTraining}:
 * a glove trial's gyroscope was about 0 for the static letters and up to 180 deg/s for the moving J, so its pooled training
 * sd was small and J's ordinary rotation lay "over 10 training sd" out: serve marked 14 of 20 J answers farFromTraining and
 * evaluate called 28 of the model's own 40 training J recordings far outside the training data. Here in miniature: a
 * feature about 0 in 78 training sequences and a 180 peak in 2.
 */
class FarFromTrainingRangeTest {

    @TempDir
    Path dir;

    private static final List<float[][]> TRAIN = new ArrayList<>();
    private static float[] mean;
    private static float[] std;
    private static TrainingRange range;

    /** 50 steps: a flex reading near 500 and a gyroscope near 0, with a rotation peaking at {@code peak} over steps 10-39 when it moves. */
    private static float[][] recording(Random random, boolean moves, double peak) {
        float[][] seq = new float[50][];
        for (int t = 0; t < 50; t++) {
            double gy = 2 * random.nextGaussian();
            if (moves && t >= 10 && t < 40) {
                gy += peak * Math.sin(Math.PI * (t - 10) / 29.0);
            }
            seq[t] = new float[] {(float) (500 + 6 * random.nextGaussian()), (float) (Math.round(gy * 10) / 10.0)};
        }
        return seq;
    }

    @BeforeAll
    static void train() {
        Random random = new Random(67);
        for (int s = 0; s < 80; s++) {
            TRAIN.add(recording(random, s == 7 || s == 47, 180));
        }
        NormalizerStandardize fitted = FeatureStandardizer.fit(new SequenceSet(TRAIN.stream().map(v -> new Sequence(v, 0)).toList()),
                List.of("flex", "gy"));
        mean = fitted.getMean().toFloatVector();
        std = fitted.getStd().toFloatVector();
        range = TrainingRange.of(TRAIN, 2);
    }

    @Test
    void aMovingClassInsideTheTrainingRangeIsNotFarThoughOverTenTrainingSd() {
        // the situation: the pooled sd is small, so the sd rule alone calls the training data's own J far out
        assertThat(FarFromTraining.FAR * std[1]).isLessThan(170);
        assertThat(FarFromTraining.judgeOne(TRAIN.get(7), mean, std)).extracting(FarFromTraining.Feature::index).containsExactly(1);
        assertThat(range.low()[1]).isLessThan(0);
        assertThat(range.high()[1]).isGreaterThan(175);

        // with the range: no training sequence, nor the training data as a whole, is far outside the training data
        for (float[][] seq : TRAIN) {
            assertThat(FarFromTraining.judgeOne(seq, mean, std, range)).isEmpty();
        }
        assertThat(FarFromTraining.judge(TRAIN, mean, std, range)).isEmpty();
        assertThat(FarFromTraining.codes(TRAIN, mean, std, range)).isEmpty();

        // new recordings like the training data's: another signer's J a little stronger, statics, a J-heavy file
        Random random = new Random(3);
        List<float[][]> fresh = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            fresh.add(recording(random, s % 2 == 0, 195));
        }
        for (float[][] seq : fresh) {
            assertThat(FarFromTraining.judgeOne(seq, mean, std, range)).isEmpty();
        }
        assertThat(FarFromTraining.judge(fresh, mean, std, range)).isEmpty();
        assertThat(FarFromTraining.judge(fresh, mean, std)).as("the sd rule alone").isNotEmpty();
    }

    @Test
    void anotherScaleOrADriftedSensorIsStillFar() {
        Random random = new Random(5);
        float[][] scaled = recording(random, true, 180);
        for (float[] step : scaled) {
            step[1] *= 100; // centi-degrees, or another scale
        }
        assertThat(FarFromTraining.judgeOne(scaled, mean, std, range)).extracting(FarFromTraining.Feature::index).containsExactly(1);
        List<float[][]> file = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            float[][] seq = recording(random, s == 0, 180);
            for (float[] step : seq) {
                step[0] *= 100; // the flex sensor in other units
            }
            file.add(seq);
        }
        assertThat(FarFromTraining.judge(file, mean, std, range)).extracting(FarFromTraining.Feature::index).containsExactly(0);

        // a gyroscope drifted by 300 deg/s: beyond the training values 0 to 180 by more than a quarter of their span
        float[][] drifted = recording(random, false, 0);
        for (float[] step : drifted) {
            step[1] += 300;
        }
        assertThat(FarFromTraining.judgeOne(drifted, mean, std, range)).extracting(FarFromTraining.Feature::index).containsExactly(1);
        assertThat(FarFromTraining.judgeOne(drifted, mean, std, range).get(0).describe("gy", mean[1], std[1], range))
                .contains("over 10 training sd from the training mean").contains(", and beyond the training values -")
                .contains(" by over a quarter of their span; here mean 3");

        // and a code for a missing value far out of the range is still one
        float[][] coded = recording(random, false, 0);
        coded[5][1] = -9999;
        assertThat(FarFromTraining.codes(List.<float[][]>of(coded), mean, std, range))
                .containsExactly(new FarFromTraining.Code(1, -9999f, 1, 1, 0));
    }

    @Test
    void theRangeIsKeptInTheCardAndAnOlderCardLoadsWithout() throws IOException {
        Path fixture = Crafted.resource(BundleFixtureTest.dense(2), dir);
        ModelCard old = ModelBundle.readCard(fixture);
        assertThat(old.trainingRange()).isNull();
        int features = old.input().featureCount();
        float[] low = new float[features];
        float[] high = new float[features];
        for (int f = 0; f < features; f++) {
            low[f] = -1.5f - f;
            high[f] = 180.3f + f;
        }
        TrainingRange written = new TrainingRange(low, high);
        Map<String, byte[]> entries = Crafted.entries(fixture);
        ObjectNode json = (ObjectNode) Json.mapper().readTree(entries.get("model-card.json"));
        json.set("trainingRange", Json.mapper().valueToTree(written));
        Path file = Crafted.writeZip(dir.resolve("ranged.rnnlab"), Crafted.with(entries, "model-card.json",
                Json.mapper().writeValueAsBytes(json)));
        assertThat(ModelBundle.readCard(file).trainingRange()).isEqualTo(written);
        SequenceClassifier loaded = ModelBundle.load(file);
        Path saved = dir.resolve("saved.rnnlab");
        ModelBundle.save(loaded.network(), java.util.Optional.ofNullable(loaded.normalizer()), loaded.card().withTemperature(2), saved);
        assertThat(ModelBundle.readCard(saved).trainingRange()).isEqualTo(written);

        // one feature short: refused naming the key
        json.set("trainingRange", Json.mapper().valueToTree(new TrainingRange(new float[features - 1], new float[features - 1])));
        Path wrong = Crafted.writeZip(dir.resolve("short.rnnlab"), Crafted.with(entries, "model-card.json",
                Json.mapper().writeValueAsBytes(json)));
        assertThatThrownBy(() -> ModelBundle.readCard(wrong)).isInstanceOf(BundleException.class)
                .hasMessageContaining("'trainingRange' holds " + (features - 1) + " features' ranges");
        assertThatThrownBy(() -> new TrainingRange(new float[] {2}, new float[] {1}))
                .hasMessageContaining("'trainingRange' of feature 1 is 2.0 to 1.0");
    }
}
