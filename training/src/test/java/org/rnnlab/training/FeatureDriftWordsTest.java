package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sd ratio in {@link FeatureDrift.Shift#describe(String)}: trial 80c F5, a file whose acc_z level moved by 2 g with its
 * spread as in training (0.3642 against 0.3737) was described as "sd 0.3642, 1/1.0 of the training sd 0.3737", which read
 * like a typo and said nothing.
 */
class FeatureDriftWordsTest {

    /** 60 sequences of 50 steps of one feature about {@code level} with sd {@code sd}, seeded. */
    private static List<float[][]> file(double level, double sd, long seed) {
        Random r = new Random(seed);
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            float[][] s = new float[50][1];
            for (int t = 0; t < s.length; t++) {
                s[t][0] = (float) (level + sd * r.nextGaussian());
            }
            out.add(s);
        }
        return out;
    }

    @Test
    void aSpreadAsInTrainingIsSaidAsAFactorNotAsOneOverOne() {
        // the level 5.4 training sd up, the spread at 0.975 of training's
        List<FeatureDrift.Shift> shifts = FeatureDrift.judge(file(3.028, 0.3642, 1), null, new float[] {1.027f},
                new float[] {0.3737f});
        assertThat(shifts).hasSize(1);
        String words = shifts.get(0).describe("acc_z");
        assertThat(words).as(words).doesNotContain("1/1.0").containsPattern("sd 0\\.3[56]\\d+, 0\\.9\\d times the training sd 0\\.3737");
    }

    @Test
    void aNarrowerSpreadIsStillSaidAsAFraction() {
        assertThat(FeatureDrift.sdWords(0.2)).isEqualTo("1/5.0 of");
        assertThat(FeatureDrift.sdWords(0.975)).isIn("0.97 times", "0.98 times");
        assertThat(FeatureDrift.sdWords(2.5)).isEqualTo("2.5 times");
        assertThat(FeatureDrift.sdWords(0)).isEqualTo("0 times");
    }
}
