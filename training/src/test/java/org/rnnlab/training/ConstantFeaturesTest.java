package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;

/**
 * A feature held at one value through a new sequence where (almost) no training sequence held it so: a radar trial's frozen
 * tracker (one frame repeated 60 times) and a dead range channel (0.0 throughout) were answered confidently, by serve and
 * predict alike, without a mark ({@link TrainingRange#constantFeatures}).
 */
class ConstantFeaturesTest {

    /** 40 sequences of 3 features: 'range' and 'power' vary at every step, 'gyro' is constant in 10 (gestures at rest). */
    private static List<float[][]> training() {
        Random r = new Random(70);
        List<float[][]> out = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            float[][] q = new float[30][3];
            for (int t = 0; t < 30; t++) {
                q[t][0] = 1 + (float) r.nextGaussian() * 0.2f;
                q[t][1] = -40 + (float) r.nextGaussian();
                q[t][2] = s < 10 ? 0 : (float) r.nextGaussian();
            }
            out.add(q);
        }
        return out;
    }

    @Test
    void aFeatureConstantThroughANewSequenceIsNamedWhereTrainingNeverHeldItSo() throws Exception {
        TrainingRange range = TrainingRange.of(training(), 3);
        assertThat(range.constantShare()).containsExactly(0f, 0f, 0.25f);
        float[][] frozen = new float[60][];
        for (int t = 0; t < 60; t++) {
            frozen[t] = new float[] {1.3f, -38.5f, 0.4f}; // one frame repeated
        }
        // 'gyro' held constant by a quarter of the training sequences is no news; the other two are
        assertThat(range.constantFeatures(frozen)).containsExactly(0, 1);
        float[][] deadRange = training().get(20).clone();
        for (int t = 0; t < deadRange.length; t++) {
            deadRange[t] = new float[] {0f, deadRange[t][1], deadRange[t][2]};
        }
        assertThat(range.constantFeatures(deadRange)).containsExactly(0);
        // a varying sequence, and one too short to judge (under 5 values), are not named
        assertThat(range.constantFeatures(training().get(30))).isEmpty();
        assertThat(range.constantFeatures(java.util.Arrays.copyOf(frozen, 4))).isEmpty();
        // missing values are skipped: 5 equal values among NaNs still count
        float[][] gaps = new float[8][];
        for (int t = 0; t < 8; t++) {
            gaps[t] = new float[] {t % 3 == 0 ? Float.NaN : 2f, -40 + t, 0};
        }
        assertThat(range.constantFeatures(gaps)).containsExactly(0);

        // kept in JSON; an older card's range without the shares reads, and names nothing
        TrainingRange read = Json.mapper().readValue(Json.mapper().writeValueAsString(range), TrainingRange.class);
        assertThat(read).isEqualTo(range);
        TrainingRange older = Json.mapper().readValue("{\"low\":[0,-45,-3],\"high\":[2,-35,3]}", TrainingRange.class);
        assertThat(older.hasConstantShares()).isFalse();
        assertThat(older.constantFeatures(frozen)).isEmpty();
        assertThatThrownBy(() -> new TrainingRange(new float[] {0}, new float[] {1}, null, null, new float[] {1.5f}))
                .hasMessageContaining("constantShare 1.5 (expected a share, 0 to 1)");
    }

    /**
     * A step of 0 in every feature (an empty frame, a placeholder row) does not make a frozen sensor's one value two: a
     * reefer trial's humidity frozen at 72.4 with one all-zero row at step 10 went unmarked (trial 71d F4). Not at training
     * either: a training sequence constant but for such rows counts as constant.
     */
    @Test
    void stepsOfZeroInEveryFeatureAreNotCountedInJudgingConstancy() {
        TrainingRange range = TrainingRange.of(training(), 3);
        Random r = new Random(4);
        float[][] frozen = new float[48][];
        for (int t = 0; t < 48; t++) {
            frozen[t] = new float[] {1 + (float) r.nextGaussian() * 0.2f, 72.4f, (float) r.nextGaussian()};
        }
        frozen[10] = new float[] {0, 0, 0};
        frozen[30] = new float[] {0, 0, 0};
        assertThat(range.constantFeatures(frozen)).containsExactly(1);
        // a step 0 in one feature only is a value: a sensor reading 0 once is not frozen
        frozen[10] = new float[] {0.9f, 0, 0.1f};
        assertThat(range.constantFeatures(frozen)).isEmpty();
        // a sequence of only placeholder rows (and under 5 others) is not judged
        float[][] blank = new float[10][];
        for (int t = 0; t < 10; t++) {
            blank[t] = t < 4 ? new float[] {1, 2, 3} : new float[] {0, 0, 0};
        }
        assertThat(range.constantFeatures(blank)).isEmpty();

        // at training: 10 sequences of 'power' stuck at -40 but for placeholder rows count as constant (10 of 40)
        List<float[][]> training = training();
        for (int s = 20; s < 30; s++) {
            float[][] q = training.get(s);
            for (int t = 0; t < q.length; t++) {
                q[t] = t % 7 == 3 ? new float[] {0, 0, 0} : new float[] {q[t][0], -40, q[t][2]};
            }
        }
        assertThat(TrainingRange.of(training, 3).constantShare()).containsExactly(0f, 0.25f, 0.25f);
    }
}
