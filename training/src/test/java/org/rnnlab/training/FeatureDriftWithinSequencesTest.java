package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;

/**
 * {@link FeatureDrift}'s narrower spread of a whole file against the spread within the training sequences
 * ({@link TrainingRange#sequenceSd}): a marine trial's new file of two ships had a lube-oil sd of 0.083, under a third of the
 * pooled training sd 0.276, which held twelve ships' offsets, while each training ship's own sd was 0.062 to 0.068; the file
 * was warned of as data "at another place" and pointed to per-sequence scaling. Here in miniature: recordings of ships, each
 * at its own oil-pressure level.
 */
class FeatureDriftWithinSequencesTest {

    /** A recording of 200 steps about {@code level} with sd {@code sd}. */
    private static float[][] recording(Random r, double level, double sd) {
        float[][] s = new float[200][1];
        for (int t = 0; t < s.length; t++) {
            s[t][0] = (float) (level + sd * r.nextGaussian());
        }
        return s;
    }

    /** Ships of 5 recordings each, one at each of {@code levels}, each recording's sd 0.065. */
    private static List<float[][]> ships(Random r, double[] levels) {
        List<float[][]> out = new ArrayList<>();
        for (double level : levels) {
            for (int k = 0; k < 5; k++) {
                out.add(recording(r, level, 0.065));
            }
        }
        return out;
    }

    private static float[] meanAndSd(List<float[][]> sequences) {
        double sum = 0;
        long n = 0;
        for (float[][] s : sequences) {
            for (float[] step : s) {
                sum += step[0];
                n++;
            }
        }
        double m = sum / n;
        double squares = 0;
        for (float[][] s : sequences) {
            for (float[] step : s) {
                squares += (step[0] - m) * (step[0] - m);
            }
        }
        return new float[] {(float) m, (float) Math.sqrt(squares / n)};
    }

    @Test
    void aFileOfTwoShipsAsSpreadAsAnyTrainingShipIsNoNarrowerSpreadWhileAFlatOneStillIs() throws Exception {
        Random r = new Random(77);
        double[] z = {-1.6, -1.2, -0.8, -0.5, -0.25, -0.05, 0.05, 0.25, 0.5, 0.8, 1.2, 1.6};
        double[] levels = new double[z.length];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = 3.95 + 0.3 * z[i]; // twelve ships' levels, sd 0.27
        }
        List<float[][]> training = ships(r, levels);
        float[] pooled = meanAndSd(training);
        float[] mean = {pooled[0]};
        float[] std = {pooled[1]};
        TrainingRange range = TrainingRange.of(training, 1);
        assertThat(range.hasSequenceSd()).isTrue();
        assertThat(range.sequenceSd()[0]).as("the spread within the recordings, not the ships' levels").isCloseTo(0.065f, within(0.003f));
        assertThat(std[0]).as("the pooled sd holds the ships' levels").isGreaterThan(0.2f);

        // two new ships at ordinary levels, 0.03 either side of the training mean: each as spread as a training ship
        List<float[][]> file = ships(r, new double[] {mean[0] - 0.03, mean[0] + 0.03});
        double fileSd = meanAndSd(file)[1];
        assertThat(fileSd / std[0]).as("under a third of the pooled training sd").isLessThan(1 / FeatureDrift.SD_RATIO);
        assertThat(FeatureDrift.judge(file, null, mean, std, range)).as("no narrower spread against the training sequences' own")
                .isEmpty();
        // a card without the spread within sequences (older cards) keeps the pooled sd alone: named, as before
        TrainingRange older = new TrainingRange(range.low(), range.high(), range.sequenceMeanMean(), range.sequenceMeanSd(),
                range.constantShare(), null, null, null, range.p01(), range.p99());
        assertThat(older.hasSequenceSd()).isFalse();
        assertThat(FeatureDrift.judge(file, null, mean, std, older)).singleElement()
                .satisfies(s -> assertThat(s.describe("lube_oil_pressure_bar")).contains("1/").doesNotContain("own sd"));

        // a file flatter than any training recording (a damped or stuck gauge): still named, with both spreads said
        List<float[][]> flat = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            flat.add(recording(r, mean[0], 0.005));
        }
        assertThat(FeatureDrift.judge(flat, null, mean, std, range)).singleElement().satisfies(s -> {
            assertThat(s.narrower()).isTrue();
            assertThat(s.describe("lube_oil_pressure_bar")).contains("of the training sd " + String.format(java.util.Locale.ROOT,
                    "%.4g", std[0])).contains("of the training sequences' own sd");
        });
        // a level shift is still named, whatever the spread
        List<float[][]> shifted = ships(r, new double[] {mean[0] + 1.5, mean[0] + 1.6});
        assertThat(FeatureDrift.judge(shifted, null, mean, std, range)).singleElement().satisfies(s -> assertThat(s.levelOff()).isTrue());

        // the card keeps it: written and read back, and refused when it is not a finite sd per feature
        TrainingRange read = Json.mapper().readValue(Json.write(range), TrainingRange.class);
        assertThat(read).isEqualTo(range);
        assertThat(Json.mapper().readValue(Json.write(older), TrainingRange.class).hasSequenceSd()).as("older cards").isFalse();
        assertThatThrownBy(() -> new TrainingRange(new float[] {0}, new float[] {1}, null, null, null, null, null, null, null, null,
                new float[] {-1})).hasMessageContaining("sequenceSd -1.0");
    }
}
