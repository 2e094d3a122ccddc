package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.datasets.FeatureStandardizer;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;

/**
 * Trial 81e: one sequence whose pressure is held at one value, judged alone as serve's {@code farFromTraining} and predict's
 * {@code far_from_training} judge it ({@link FarFromTraining#judgeOne}, {@link FarFromTraining#ofSequence},
 * {@link FarReason#ofSequence}). The trial's pressure stuck at 100000 (training range 963-1115, about 3,400 training sd out)
 * got a confident answer without a mark (F1); a -999 code in 3 of 30 steps got a {@code UNIT} reason computed from the code
 * cells beside its {@code CODE} one, and a channel reading 0 throughout was told "another unit or scale?" (F2). Here in
 * miniature: a temperature near 20, a pressure near 1024 and a vibration near 0, as the trial's.
 */
class FarFromTrainingFrozenLevelTest {

    private static final List<String> NAMES = List.of("temperature", "pressure", "vibration");
    private static final int PRESSURE = 1;
    private static final int STEPS = 30;

    private static final List<float[][]> TRAIN = new ArrayList<>();
    private static float[] mean;
    private static float[] std;
    private static TrainingRange range;

    /** One sequence like the training data's, its pressure replaced by {@code pressure} at each step where not NaN. */
    private static float[][] sequence(Random random, float... pressure) {
        float[][] seq = new float[STEPS][];
        for (int t = 0; t < STEPS; t++) {
            seq[t] = new float[] {(float) (20 + 3.5 * random.nextGaussian()), (float) (1024 + 28 * random.nextGaussian()),
                    (float) (0.02 * random.nextGaussian())};
            if (pressure.length > 0 && !Float.isNaN(pressure[t % pressure.length])) {
                seq[t][PRESSURE] = pressure[t % pressure.length];
            }
        }
        return seq;
    }

    /** A new sequence like the training data's, its pressure {@code value} at every step. */
    private static float[][] frozen(float value) {
        return sequence(new Random(811), value);
    }

    @BeforeAll
    static void train() {
        Random random = new Random(81);
        for (int s = 0; s < 60; s++) {
            TRAIN.add(sequence(random));
        }
        NormalizerStandardize fitted = FeatureStandardizer.fit(new SequenceSet(TRAIN.stream().map(v -> new Sequence(v, 0)).toList()),
                NAMES);
        mean = fitted.getMean().toFloatVector();
        std = fitted.getStd().toFloatVector();
        range = TrainingRange.of(TRAIN, NAMES.size());
    }

    private static List<FarReason> reasons(float[][] seq, TrainingRange r) {
        return FarReason.ofSequence(seq, null, mean, std, r, NAMES);
    }

    @Test
    void aLevelHeldBeyondTheTrainingRangeIsFar() {
        for (float stuck : new float[] {100000f, 5000f}) {
            float[][] seq = frozen(stuck);
            assertThat(FarFromTraining.judgeOne(seq, mean, std, range)).as("pressure %s at every step", stuck)
                    .extracting(FarFromTraining.Feature::index).containsExactly(PRESSURE);
            assertThat(FarFromTraining.ofSequence(seq, mean, std, range)).as("pressure %s at every step", stuck)
                    .containsExactly(PRESSURE);
            assertThat(reasons(seq, range)).as("pressure %s at every step", stuck).singleElement().satisfies(r -> {
                assertThat(r.feature()).isEqualTo("pressure");
                assertThat(r.kind()).isEqualTo(FarReason.Kind.UNIT);
                assertThat(r.detail()).endsWith(": one value, " + (long) stuck + ", at every step: a stuck sensor, or another unit "
                        + "or scale?");
            });
            // as noisy values at that level already were
            float[][] noisy = sequence(new Random(3), stuck - 1, stuck + 1);
            assertThat(FarFromTraining.ofSequence(noisy, mean, std, range)).containsExactly(PRESSURE);
        }
    }

    @Test
    void aLevelWithinTheRangeOrItsMarginOrWithoutARangeIsNotJudged() {
        float span = range.high()[PRESSURE] - range.low()[PRESSURE];
        // a level the training data held, and one beyond the training maximum by less than a quarter of the span
        for (float level : new float[] {1050f, range.high()[PRESSURE] + 0.2f * span, range.low()[PRESSURE] - 0.2f * span}) {
            assertThat(FarFromTraining.ofSequence(frozen(level), mean, std, range)).as("pressure %s at every step", level).isEmpty();
        }
        // without a range (older cards) a level held through one sequence is judged only when 0 or a code, as before: a
        // z-scored rare machine type, 14 sd from its mean, is a level the training data held
        assertThat(FarFromTraining.judgeOne(frozen(100000f), mean, std, null)).isEmpty();
        assertThat(FarFromTraining.judgeOne(frozen(0f), mean, std, null)).extracting(FarFromTraining.Feature::index)
                .containsExactly(PRESSURE);
    }

    @Test
    void aChannelReadingZeroThroughoutIsCalledADeadChannelNotAUnit() {
        assertThat(reasons(frozen(0f), range)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(FarReason.Kind.UNIT);
            assertThat(r.detail()).endsWith(": 0 at every step: a dead channel, its cells filled with 0?")
                    .doesNotContain("another unit");
        });
    }

    @Test
    void theCellsOfACodeAreACodesReasonNotAUnits() {
        // normal for 27 steps, then -999 three times: the trial's 'code' sequence
        float[] pressure = new float[STEPS];
        java.util.Arrays.fill(pressure, Float.NaN);
        pressure[27] = pressure[28] = pressure[29] = -999f;
        float[][] coded = sequence(new Random(5), pressure);
        assertThat(reasons(coded, range)).as("only the code").extracting(FarReason::feature, FarReason::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pressure", FarReason.Kind.CODE));
        assertThat(reasons(coded, null)).as("only the code, without a range").extracting(FarReason::kind)
                .containsExactly(FarReason.Kind.CODE);
        assertThat(FarFromTraining.judgeOne(coded, mean, std, range)).isEmpty();
        assertThat(FarFromTraining.ofSequence(coded, mean, std, range)).containsExactly(PRESSURE);
        // a code at every step: a code, not a unit either
        assertThat(reasons(frozen(-999f), range)).extracting(FarReason::kind).containsExactly(FarReason.Kind.CODE);

        // another unit with a code among it keeps both: the unit is judged on the other cells (pascal for hectopascal)
        float[] pascal = new float[STEPS];
        for (int t = 0; t < STEPS; t++) {
            pascal[t] = t >= 27 ? -999f : 102400f + 100 * (t % 7);
        }
        assertThat(reasons(sequence(new Random(6), pascal), range)).extracting(FarReason::kind)
                .containsExactly(FarReason.Kind.UNIT, FarReason.Kind.CODE);
    }
}
