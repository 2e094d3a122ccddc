package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FarFromTraining#narrow} with the training range: a football trial's walk along the touchline (y 0.00-0.02 m) was
 * called far outside the training data, whose y ran from 0.0 to 68 m, by the "every value within 1/100 of the training
 * magnitude" rule; values the training data held near 0 are not another unit. Volts for microvolts of a feature on both
 * sides of 0 is still caught.
 */
class FarFromTrainingNarrowRangeTest {

    /** {@code n} sequences of 20 steps: feature 0 a pitch coordinate 0-68 m (some on the touchline), feature 1 an EEG-like ±50. */
    private static List<float[][]> training(Random r, int n) {
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean touchline = i % 25 == 0;
            double y0 = touchline ? 0 : 2 + 64 * r.nextDouble();
            float[][] s = new float[20][2];
            for (int t = 0; t < 20; t++) {
                s[t][0] = (float) (touchline ? 0.01 * r.nextDouble() : Math.min(68, Math.max(0, y0 + r.nextGaussian())));
                s[t][1] = (float) (20 * r.nextGaussian());
            }
            out.add(s);
        }
        return out;
    }


    @Test
    void valuesNearZeroThatTheTrainingDataHeldOnOneSideOfZeroAreNotNarrow() {
        Random r = new Random(71);
        List<float[][]> train = training(r, 200);
        TrainingRange range = TrainingRange.of(train, 2);
        float[] mean = new float[2];
        float[] std = new float[2];
        for (int f = 0; f < 2; f++) {
            double sum = 0;
            double squares = 0;
            long n = 0;
            for (float[][] s : train) {
                for (float[] step : s) {
                    sum += step[f];
                    squares += (double) step[f] * step[f];
                    n++;
                }
            }
            mean[f] = (float) (sum / n);
            std[f] = (float) Math.sqrt(squares / n - (sum / n) * (sum / n));
        }
        assertThat(range.low()[0]).isGreaterThanOrEqualTo(0f).isLessThan(0.01f);
        float[][] walk = new float[20][2];
        for (int t = 0; t < 20; t++) {
            walk[t][0] = 0.001f * t; // y 0.000-0.019 m: along the touchline
            walk[t][1] = (float) (20 * r.nextGaussian());
        }
        assertThat(FarFromTraining.narrow(List.<float[][]>of(walk), mean, std)).as("without the range: the old false alarm")
                .extracting(FarFromTraining.Narrow::index).containsExactly(0);
        assertThat(FarFromTraining.narrow(List.<float[][]>of(walk), mean, std, range)).as("the training data held such y").isEmpty();

        // the same y far nearer 0 than any training value (the training data's nearest 0.5 m): still narrow
        List<float[][]> offPitch = new ArrayList<>();
        for (float[][] s : train) {
            float[][] c = new float[s.length][];
            for (int t = 0; t < s.length; t++) {
                c[t] = s[t].clone();
                c[t][0] = Math.max(0.5f, c[t][0]);
            }
            offPitch.add(c);
        }
        TrainingRange fromHalf = TrainingRange.of(offPitch, 2);
        assertThat(FarFromTraining.narrow(List.<float[][]>of(walk), mean, std, fromHalf)).extracting(FarFromTraining.Narrow::index)
                .containsExactly(0);

        // volts for microvolts of a feature on both sides of 0: inside the range, and still another unit
        float[][] volts = new float[20][2];
        for (int t = 0; t < 20; t++) {
            volts[t][0] = 30 + t * 0.1f;
            volts[t][1] = (float) (20e-6 * r.nextGaussian());
        }
        assertThat(FarFromTraining.narrow(List.<float[][]>of(volts), mean, std, range)).extracting(FarFromTraining.Narrow::index)
                .containsExactly(1);
    }
}
