package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FarFromTraining#codes}: codes for a missing value in new data, named in any share (a trial's -999 in 0.5% of a
 * plant's cells, below the 2% of {@link FarFromTraining#judge}, flipped a cycle's class without a word).
 */
class FarFromTrainingCodesTest {

    private static final float[] MEAN = {1.4f, 46f};
    private static final float[] STD = {0.2f, 3f};

    /** 20 sequences of 10 steps at the training level, with {@code value} written into feature 0 at the given cells. */
    private static List<float[][]> data(float value, int... cells) {
        List<float[][]> out = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            float[][] seq = new float[10][];
            for (int t = 0; t < 10; t++) {
                seq[t] = new float[] {1.4f + 0.01f * t, 46f + 0.1f * s};
            }
            out.add(seq);
        }
        for (int c : cells) {
            out.get(c / 10)[c % 10][0] = value;
        }
        return out;
    }

    @Test
    void allNinesAndSixteenBitFullScalesAreNamedFromOneCell() {
        List<FarFromTraining.Code> codes = FarFromTraining.codes(data(-999f, 76), MEAN, STD);
        assertThat(codes).containsExactly(new FarFromTraining.Code(0, -999f, 1, 1, 7));
        assertThat(FarFromTraining.codes(data(65535f, 3), MEAN, STD)).hasSize(1);
        assertThat(FarFromTraining.codes(data(9999f, 3, 4, 55), MEAN, STD))
                .containsExactly(new FarFromTraining.Code(0, 9999f, 3, 2, 0));
        // the file-wide rule does not see them: 3 of 200 values
        assertThat(FarFromTraining.judge(data(9999f, 3, 4, 55), MEAN, STD)).isEmpty();
    }

    @Test
    void otherLowWholeNumbersNeedThreeCellsAndNothingNearTheTrainingDataIsACode() {
        assertThat(FarFromTraining.codes(data(-150f, 1, 2), MEAN, STD)).isEmpty();
        assertThat(FarFromTraining.codes(data(-150f, 1, 2, 3), MEAN, STD)).hasSize(1);
        // not code-like: a measurement far out is judge()'s business, not this
        assertThat(FarFromTraining.codes(data(123.5f, 1, 2, 3, 4), MEAN, STD)).isEmpty();
        // -999 within 10 training sd of a feature whose values span thousands: data, not a code
        assertThat(FarFromTraining.codes(data(-999f, 5), new float[] {0f, 46f}, new float[] {500f, 3f})).isEmpty();
        // a missing value (NaN) is none
        assertThat(FarFromTraining.codes(data(Float.NaN, 5), MEAN, STD)).isEmpty();
    }

    /**
     * A glove trial's left-handed signer's gyroscope peaked at -178.0 deg/s in 3 cells, a column written with one decimal:
     * called a code for a missing value (advice: naValues=-178, deleting real data). A code stands apart; a reading has
     * neighbours.
     */
    @Test
    void aWholeNumberAmongReadingsNearItIsNoCodeWhereMinus9999Is() {
        float[] mean = {1.9f};
        float[] std = {16.4f};
        List<float[][]> rotations = new ArrayList<>();
        java.util.Random random = new java.util.Random(2);
        for (int s = 0; s < 3; s++) {
            float[][] seq = new float[40][];
            for (int t = 0; t < 40; t++) {
                double gy = -178 * Math.sin(Math.PI * t / 39.0) + 1.5 * random.nextGaussian();
                seq[t] = new float[] {(float) (Math.round(gy * 10) / 10.0)};
            }
            seq[20][0] = -178.0f; // the peak, written -178.0 as -177.6 and -178.3 are
            seq[18][0] = -177.6f;
            seq[22][0] = -178.3f;
            rotations.add(seq);
        }
        assertThat(FarFromTraining.codes(rotations, mean, std)).isEmpty();

        // -9999 in 3 cells among the same readings: a code
        rotations.get(0)[3][0] = -9999f;
        rotations.get(1)[5][0] = -9999f;
        rotations.get(2)[37][0] = -9999f;
        assertThat(FarFromTraining.codes(rotations, mean, std)).containsExactly(new FarFromTraining.Code(0, -9999f, 3, 3, 0));
        // and a lone -999 among ordinary values, as before
        assertThat(FarFromTraining.codes(data(-999f, 76), MEAN, STD)).hasSize(1);
    }
}
