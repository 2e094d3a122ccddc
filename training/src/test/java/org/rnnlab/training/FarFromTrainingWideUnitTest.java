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
 * Trial 77e: a sensor model whose classes spread temperature over 17-41 °C (normal and leak near 21 °C, overheat near 35 °C:
 * training sd about 7). A sequence sent in °F (21 °C as 70 °F) lies only about 6.6 training sd out, under the 10-sd rule, and
 * was marked on no surface (predict's column, serve, the Java API) while 8 of 12 such sequences were classed wrong; every
 * one of its values lies beyond the training range by more than the range's whole span. And a sequence with temperature and
 * pressure swapped was marked, but temperature's reason gave the °F hint for values that were pressures.
 */
class FarFromTrainingWideUnitTest {

    private static final List<String> NAMES = List.of("temperature", "pressure", "vibration", "door");
    private static final List<float[][]> TRAIN = new ArrayList<>();
    private static float[] mean;
    private static float[] std;
    private static TrainingRange range;

    /** A sequence of class 0 normal, 1 overheat or 2 leak, as the trial's generator wrote them. */
    private static float[][] sequence(Random random, int c, int n) {
        double baseT = c == 1 ? 35 : c == 2 ? 20 : 21;
        double baseP = c == 1 ? 101.5 : c == 2 ? 96 : 101;
        float[][] seq = new float[n][];
        for (int t = 0; t < n; t++) {
            seq[t] = new float[] {(float) (baseT + random.nextGaussian() + 0.02 * t), (float) (baseP + 0.5 * random.nextGaussian()),
                (float) ((c == 2 ? 1.6 : 1) + 0.3 * random.nextGaussian()), random.nextDouble() < 0.1 ? 1 : 0};
        }
        return seq;
    }

    private static float[][] fahrenheit(float[][] celsius) {
        float[][] out = new float[celsius.length][];
        for (int t = 0; t < celsius.length; t++) {
            out[t] = celsius[t].clone();
            out[t][0] = celsius[t][0] * 9 / 5 + 32;
        }
        return out;
    }

    @BeforeAll
    static void train() {
        Random random = new Random(7);
        List<Sequence> examples = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            float[][] seq = sequence(random, i % 3, 30 + random.nextInt(91));
            TRAIN.add(seq);
            examples.add(new Sequence(seq, i % 3));
        }
        NormalizerStandardize fitted = FeatureStandardizer.fit(new SequenceSet(examples), NAMES);
        mean = fitted.getMean().toFloatVector();
        std = fitted.getStd().toFloatVector();
        range = TrainingRange.of(TRAIN, 4);
    }

    @Test
    void aWholeSequenceInFahrenheitOfAWideTemperatureIsMarkedAsAUnit() {
        Random random = new Random(11);
        for (int c = 0; c < 3; c++) {
            float[][] degF = fahrenheit(sequence(random, c, 60));
            // the situation: every value beyond the training range, yet not all over 10 training sd (the normal and leak ones)
            double farthest = 0;
            for (float[] step : degF) {
                assertThat(range.holds(0, step[0])).isFalse();
                farthest = Math.max(farthest, Math.abs(step[0] - mean[0]) / std[0]);
            }
            if (c != 1) {
                assertThat(farthest).isLessThan(FarFromTraining.FAR);
            }
            assertThat(FarFromTraining.ofSequence(degF, mean, std, range)).as("class %d in °F", c).containsExactly(0);
            List<FarReason> reasons = FarReason.ofSequence(degF, null, mean, std, range, NAMES);
            assertThat(reasons).extracting(FarReason::feature).containsExactly("temperature");
            assertThat(reasons.get(0).kind()).isEqualTo(FarReason.Kind.UNIT);
            assertThat(reasons.get(0).detail()).contains("°F against °C? (x − 32) / 1.8 brings its mean to")
                    .doesNotContain("columns swapped");
            if (c != 1) {
                assertThat(reasons.get(0).detail()).startsWith("all 60 of its values beyond the training values "
                        + range.text(0) + " by over a quarter of their span, ");
            }
        }
    }

    @Test
    void legitimateSequencesAndAnOlderCardAreNotMarked() {
        for (float[][] seq : TRAIN) {
            assertThat(FarFromTraining.ofSequence(seq, mean, std, range)).isEmpty();
        }
        Random random = new Random(13);
        for (int i = 0; i < 60; i++) {
            assertThat(FarFromTraining.ofSequence(sequence(random, i % 3, 30 + random.nextInt(91)), mean, std, range)).isEmpty();
        }
        // a hotter overheat than any in training, beyond the training maximum but within a quarter of the span: a stronger
        // case of a known class, not another level
        float[][] hotter = sequence(random, 1, 60);
        for (float[] step : hotter) {
            step[0] += 4;
        }
        assertThat(FarFromTraining.ofSequence(hotter, mean, std, range)).isEmpty();
        // some values beyond it only: not the whole sequence
        float[][] partly = sequence(random, 0, 60);
        for (int t = 0; t < 3; t++) {
            partly[t][0] = partly[t][0] * 9 / 5 + 32;
        }
        assertThat(FarFromTraining.ofSequence(partly, mean, std, range)).isEmpty();
        // a card without the range keeps the sd rule alone
        float[][] degF = fahrenheit(sequence(random, 0, 60));
        assertThat(FarFromTraining.ofSequence(degF, mean, std, null)).isEmpty();
        assertThat(FarReason.ofSequence(degF, null, mean, std, null, NAMES)).isEmpty();
    }

    @Test
    void swappedColumnsAreCalledSwappedNotFahrenheit() {
        float[][] plain = sequence(new Random(17), 1, 60);
        float[][] swapped = new float[plain.length][];
        for (int t = 0; t < plain.length; t++) {
            swapped[t] = new float[] {plain[t][1], plain[t][0], plain[t][2], plain[t][3]};
        }
        assertThat(FarFromTraining.ofSequence(swapped, mean, std, range)).containsExactly(0, 1);
        List<FarReason> reasons = FarReason.ofSequence(swapped, null, mean, std, range, NAMES);
        assertThat(reasons).extracting(FarReason::feature).containsExactly("temperature", "pressure");
        assertThat(reasons).extracting(FarReason::kind).containsOnly(FarReason.Kind.UNIT);
        assertThat(reasons.get(0).detail()).endsWith(": columns swapped? (the values of 'temperature' lie in the training range "
                + "of 'pressure' and the reverse): send steps by name / check the column order").doesNotContain("°F");
        assertThat(reasons.get(1).detail()).endsWith(": columns swapped? (the values of 'pressure' lie in the training range "
                + "of 'temperature' and the reverse): send steps by name / check the column order");
        // a °F sequence has no partner: its pressure is at home
        assertThat(FarFromTraining.swappedWith(List.<float[][]>of(fahrenheit(plain)), 0, List.of(0, 1, 2, 3), range)).isEqualTo(-1);
    }
}
