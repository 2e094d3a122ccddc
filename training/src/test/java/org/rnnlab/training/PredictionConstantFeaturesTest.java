package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API's predictions name a feature held at one value throughout ({@link SequenceClassifier.Prediction#constantFeatures},
 * serve's {@code "constantFeatures"}, the same rule {@link TrainingRange#constantFeatures}): a reefer trial's 3 windows with
 * humidity frozen at 72.4 came back from {@code SequenceClassifier.predict} as 'ok', not low in confidence, without a mark
 * (trial 71d F3).
 */
class PredictionConstantFeaturesTest {

    @TempDir
    Path dir;

    private static float[][] varying(Random r, int steps) {
        float[][] q = new float[steps][];
        for (int t = 0; t < steps; t++) {
            q[t] = new float[] {(float) r.nextGaussian(), (float) r.nextGaussian()};
        }
        return q;
    }

    @Test
    void aFrozenFeatureIsNamedInThePrediction() throws Exception {
        Path fixture = Crafted.resource(BundleFixtureTest.dense(2), dir);
        Random r = new Random(71);
        List<float[][]> training = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            training.add(varying(r, 12));
        }
        Path marked = dir.resolve("marked.rnnlab");
        List<String> names;
        try (SequenceClassifier plain = ModelBundle.load(fixture)) {
            assertThat(plain.card().input().featureCount()).isEqualTo(2);
            names = plain.card().input().featureNames();
            ModelBundle.save(plain.network(), Optional.ofNullable(plain.normalizer()),
                    plain.card().withTrainingRange(TrainingRange.of(training, 2)), marked);
        }
        float[][] frozen = varying(r, 10);
        for (float[] step : frozen) {
            step[1] = 0.5f; // the second feature stuck
        }
        float[][] frozenWithPlaceholder = frozen.clone();
        frozenWithPlaceholder[4] = new float[] {0, 0}; // one all-zero row does not hide it
        float[][] normal = varying(r, 10);
        try (SequenceClassifier c = ModelBundle.load(marked); SequenceClassifier older = ModelBundle.load(fixture)) {
            List<SequenceClassifier.Prediction> p = c.predict(List.of(frozen, frozenWithPlaceholder, normal));
            assertThat(p.get(0).constantFeatures()).containsExactly(names.get(1));
            assertThat(p.get(1).constantFeatures()).containsExactly(names.get(1));
            assertThat(p.get(2).constantFeatures()).isEmpty();
            assertThat(p.get(0).toString()).contains("constantFeatures=[" + names.get(1) + "]");
            assertThat(c.predict(frozen).constantFeatures()).containsExactly(names.get(1));
            // the prepared route (rnnlab predict's) marks the same
            assertThat(c.predictPrepared(List.<float[][]>of(frozen), 0).get(0).constantFeatures()).containsExactly(names.get(1));
            // a card without the training shares (older models): nothing named
            assertThat(older.predict(frozen).constantFeatures()).isEmpty();
        }
    }
}
