package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A feature with two values in a sequence is judged for being far from training (a football trial: a 1 Hz heart-rate strap
 * repeated at 10 Hz holds one or two values per 2 s segment, and heart rate sent in beats per second, 2.4 against a training
 * mean of 140 bpm, turned a sprint into a walk with no farFromTraining mark), except a 0/1 flag's two values.
 */
class FarFromTrainingTwoValuesTest {

    private static final float[] MEAN = {140, 0.3f};
    private static final float[] STD = {8, (float) Math.sqrt(0.3 * 0.7)};

    /** 20 steps: heart rate {@code a} for the first 12 and {@code b} after, a flag 0/1 alternating. */
    private static float[][] segment(float a, float b) {
        float[][] s = new float[20][];
        for (int t = 0; t < 20; t++) {
            s[t] = new float[] {t < 12 ? a : b, t % 2};
        }
        return s;
    }

    @Test
    void twoValuesFarOutAreNamedInOneSequenceAndInMany() {
        List<FarFromTraining.Feature> one = FarFromTraining.judgeOne(segment(2.4f, 2.5f), MEAN, STD, null);
        assertThat(one).extracting(FarFromTraining.Feature::index).containsExactly(0);
        List<FarFromTraining.Feature> many = FarFromTraining.judge(List.of(segment(2.4f, 2.5f), segment(2.5f, 2.6f)), MEAN, STD, null);
        assertThat(many).extracting(FarFromTraining.Feature::index).containsExactly(0);
    }

    @Test
    void twoOrdinaryValuesAndAFlagsZeroAndOneAreNot() {
        assertThat(FarFromTraining.judgeOne(segment(150, 152), MEAN, STD, null)).isEmpty();
        // a flag of training mean 0.3 at 0 and 1: its values are the only ones it can take, never far
        float[] flagStd = {8, 0.01f};
        assertThat(FarFromTraining.judgeOne(segment(150, 152), MEAN, flagStd, null)).isEmpty();
    }
}
