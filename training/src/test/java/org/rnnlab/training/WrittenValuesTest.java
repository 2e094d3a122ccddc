package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link WrittenValues}: codes and spikes of a sequence as written, judged against the sequence itself, for a model that
 * scales each sequence by its own statistics (trial 75a F7), and a peak reached through values near it is no spike.
 */
class WrittenValuesTest {

    /** The card of a standardize model: scaled values, mean 0 and sd 1, held within -2 to 5. */
    private static final float[] MEAN = {0};
    private static final float[] STD = {1};
    private static final TrainingRange RANGE = new TrainingRange(new float[] {-2}, new float[] {5});

    private static float[][] bump(Random r, double amplitude) {
        float[][] v = new float[100][1];
        for (int t = 0; t < v.length; t++) {
            v[t][0] = (float) (amplitude * Math.exp(-Math.pow((t - 50) / 5.0, 2)) + 0.5 * r.nextGaussian());
        }
        return v;
    }

    private static int count(boolean[][] spikes) {
        int n = 0;
        for (boolean[] step : spikes) {
            n += step[0] ? 1 : 0;
        }
        return n;
    }

    @Test
    void spikesAmongOrdinaryValuesAreFoundHoweverManyAndAPeakIsNot() {
        Random r = new Random(1);
        float[][] peak = bump(r, 300);
        assertThat(count(WrittenValues.spikes(peak, MEAN, STD, RANGE))).isZero();
        assertThat(WrittenValues.ofSequence(peak, MEAN, STD, RANGE)).isEmpty();

        // 12 spikes of 500 (two side by side): scaled with them, each lies 2.7 sd out, as a peak does
        float[][] spiked = bump(r, 60);
        for (int t : new int[] {5, 11, 12, 20, 33, 41, 58, 64, 70, 81, 90, 97}) {
            spiked[t][0] = 500;
        }
        assertThat(count(WrittenValues.spikes(spiked, MEAN, STD, RANGE))).isEqualTo(12);
        assertThat(WrittenValues.ofSequence(spiked, MEAN, STD, RANGE)).containsExactly(0);

        // one value held over 12 steps, as a ceiling writes it (trial 75a: 13 steps of a passage's strain at 500)
        float[][] held = bump(r, 60);
        for (int t = 70; t < 82; t++) {
            held[t][0] = 500;
        }
        assertThat(count(WrittenValues.spikes(held, MEAN, STD, RANGE))).isEqualTo(12);

        float[][] two = bump(r, 60);
        two[30][0] = 5000;
        two[70][0] = 5000;
        assertThat(count(WrittenValues.spikes(two, MEAN, STD, RANGE))).isEqualTo(2);
        assertThat(WrittenValues.ofSequence(two, MEAN, STD, RANGE)).isEmpty(); // under a tenth: the file's warning names it
    }

    @Test
    void aCodeFarFromItsSequencesOtherValuesIsNamedInOneCell() {
        Random r = new Random(2);
        float[][] coded = bump(r, 60);
        coded[40][0] = -999;
        List<FarFromTraining.Code> codes = WrittenValues.codes(List.<float[][]>of(bump(r, 60), coded), STD);
        assertThat(codes).hasSize(1);
        assertThat(codes.get(0).value()).isEqualTo(-999f);
        assertThat(codes.get(0).first()).isEqualTo(1);
        assertThat(WrittenValues.ofSequence(coded, MEAN, STD, RANGE)).containsExactly(0);
        // -150 is written as codes are, but in one cell it is no nines: not named
        float[][] once = bump(r, 60);
        once[40][0] = -150;
        assertThat(WrittenValues.codes(List.<float[][]>of(once), STD)).isEmpty();
    }
}
