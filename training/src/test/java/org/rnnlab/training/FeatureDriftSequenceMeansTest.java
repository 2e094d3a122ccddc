package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;

/**
 * {@link FeatureDrift} against the training sequences' own means ({@link TrainingRange#sequenceMeanSd}): an industrial trial's
 * remounted accelerometer read acc_z 0.05 g high, 2.25 pooled training sd (the pooled sd of a vibration axis is the vibration),
 * and the machine's accuracy fell from 1.0 to 0.47 without a word, while the training machines' window means agreed within
 * 0.001 g. Here in miniature: 50 Hz windows of machines whose classes differ in vibration pattern.
 */
class FeatureDriftSequenceMeansTest {

    static final String[] CLASSES = {"normal", "imbalance", "misalignment", "bearing"};

    /**
     * A window of 50 steps (1 s at 50 Hz) of acc_x and acc_z (in g): shaft vibration at 8 Hz, noise, the class's pattern
     * (imbalance: 8 Hz on x; misalignment: 16 Hz on x and z; bearing: a ringing impulse train on both), acc_z about gravity;
     * then acc_z + {@code zOffset} and acc_x times {@code xGain}.
     */
    static float[][] window(Random r, String kind, double amp, double phase, double zOffset, double xGain) {
        float[][] s = new float[50][2];
        double start = r.nextDouble() * 10;
        for (int t = 0; t < 50; t++) {
            double time = start + t / 50.0;
            double x = amp * Math.sin(2 * Math.PI * 8 * time + phase) + 0.012 * r.nextGaussian();
            double z = 1.0 + 0.3 * amp * Math.sin(2 * Math.PI * 8 * time) + 0.012 * r.nextGaussian();
            switch (kind) {
                case "imbalance" -> x += 0.06 * Math.sin(2 * Math.PI * 8 * time + 1);
                case "misalignment" -> {
                    x += 0.05 * Math.sin(2 * Math.PI * 16 * time);
                    z += 0.06 * Math.sin(2 * Math.PI * 16 * time + 1);
                }
                case "bearing" -> {
                    double ph = time % (1 / 5.3);
                    double ring = 0.12 * Math.exp(-ph * 40) * Math.sin(2 * Math.PI * 19 * ph);
                    x += ring;
                    z += 0.5 * ring;
                }
                default -> { }
            }
            s[t][0] = (float) (xGain * x);
            s[t][1] = (float) (z + zOffset);
        }
        return s;
    }

    /** {@code windows} windows of one machine, the classes in turn from {@code first} (or all of {@code only}). */
    static void machine(List<float[][]> out, List<String> groups, String name, int windows, String only, double zOffset,
                        double xGain, Random r) {
        double amp = 0.02 * (0.8 + 0.4 * r.nextDouble());
        double phase = r.nextDouble() * 6.28;
        for (int k = 0; k < windows; k++) {
            out.add(window(r, only != null ? only : CLASSES[k % CLASSES.length], amp, phase, zOffset, xGain));
            groups.add(name);
        }
    }

    private static float[][] pooled(List<float[][]> sequences) {
        double[] sum = new double[2];
        double[] squares = new double[2];
        long n = 0;
        for (float[][] s : sequences) {
            for (float[] step : s) {
                for (int f = 0; f < 2; f++) {
                    sum[f] += step[f];
                }
                n++;
            }
        }
        float[] mean = {(float) (sum[0] / n), (float) (sum[1] / n)};
        for (float[][] s : sequences) {
            for (float[] step : s) {
                for (int f = 0; f < 2; f++) {
                    squares[f] += (step[f] - mean[f]) * (step[f] - mean[f]);
                }
            }
        }
        return new float[][] {mean, {(float) Math.sqrt(squares[0] / n), (float) Math.sqrt(squares[1] / n)}};
    }

    private static final List<float[][]> TRAIN = new ArrayList<>();
    private static final float[] MEAN;
    private static final float[] STD;
    private static final TrainingRange RANGE;

    static {
        Random r = new Random(70);
        List<String> groups = new ArrayList<>();
        for (int m = 0; m < 8; m++) {
            machine(TRAIN, groups, "P-10" + m, 32, null, 0, 1, r);
        }
        float[][] p = pooled(TRAIN);
        MEAN = p[0];
        STD = p[1];
        RANGE = TrainingRange.of(TRAIN, 2);
    }

    @Test
    void theCardKeepsTheSequencesMeansAndTheirSpreadSmallBesideThePooledSd() {
        assertThat(RANGE.hasSequenceMeans()).isTrue();
        assertThat(RANGE.sequenceMeanMean()[1]).isCloseTo(1.0f, org.assertj.core.data.Offset.offset(0.002f));
        // acc_z: the windows' means agree far more closely than the values spread (the offset below is 2-2.5 pooled sd)
        assertThat(RANGE.sequenceMeanSd()[1]).isLessThan(STD[1] / 5);
        assertThat(0.05 / STD[1]).isBetween(1.5, 3.0);
    }

    @Test
    void anOffsetOfOneMachineIsNamedNormalMachinesAndOneClassMachinesAreNot() {
        Random r = new Random(71);
        List<float[][]> values = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        machine(values, groups, "P-110", 17, null, 0, 1, r); // a new normal machine
        machine(values, groups, "P-113", 17, null, 0.05, 1, r); // acc_z +0.05 g after remounting
        machine(values, groups, "P-116", 8, "bearing", 0, 1, r); // one class only: the mix moves the mean of means
        machine(values, groups, "P-117", 8, "misalignment", 0, 1, r);
        machine(values, groups, "P-118", 8, "normal", 0, 1, r);
        List<FeatureDrift.Shift> shifts = FeatureDrift.judge(values, groups, MEAN, STD, RANGE);
        assertThat(shifts).extracting(FeatureDrift.Shift::group).containsExactly("P-113");
        FeatureDrift.Shift s = shifts.get(0);
        assertThat(s.feature()).isEqualTo(1);
        assertThat(Math.abs(s.meanSds())).isLessThan(FeatureDrift.MEAN_SDS); // the pooled sd alone would not name it
        assertThat(s.sequenceLevelOff()).isTrue();
        assertThat(s.describe("acc_z_g")).startsWith("'acc_z_g' in 'P-113' (17 sequences: mean 1.05")
                .contains("the mean of its sequences' means 1.05").contains("sd of the training sequences' means");
        // without the statistics (a card written before them): the pooled sd alone, as before, without failing
        assertThat(FeatureDrift.judge(values, groups, MEAN, STD, null)).isEmpty();
        assertThat(FeatureDrift.judge(values, groups, MEAN, STD, new TrainingRange(RANGE.low(), RANGE.high()))).isEmpty();
        // the whole file of normal machines, and the training data themselves: nothing
        List<float[][]> normal = new ArrayList<>(values.subList(0, 17));
        normal.addAll(values.subList(34, values.size()));
        assertThat(FeatureDrift.judge(normal, List.of(), MEAN, STD, RANGE)).isEmpty();
        List<String> trainGroups = new ArrayList<>();
        for (int m = 0; m < 8; m++) {
            trainGroups.addAll(Collections.nCopies(32, "P-10" + m));
        }
        assertThat(FeatureDrift.judge(TRAIN, trainGroups, MEAN, STD, RANGE)).isEmpty();
    }

    @Test
    void aQuantisedFeatureWhoseSequencesShareOneLevelIsNotNamedForASmallDifference() {
        // every training sequence's mean exactly 2 (between-sequence sd 0), values 1 to 3: a new group at 2.05 is 0.05 of the
        // pooled sd off, no level the model reads differently
        List<float[][]> train = new ArrayList<>();
        List<float[][]> fresh = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            float[][] s = new float[40][1];
            float[][] t = new float[40][1];
            for (int i = 0; i < 40; i++) {
                s[i][0] = 1 + i % 3;
                t[i][0] = 1 + (i + k) % 3 + (i % 20 == 0 ? 1 : 0);
            }
            train.add(s);
            fresh.add(t);
        }
        TrainingRange range = TrainingRange.of(train, 1);
        assertThat(range.sequenceMeanSd()[0]).isZero();
        float sd = (float) Math.sqrt(2.0 / 3);
        assertThat(FeatureDrift.judge(fresh, List.of(), new float[] {2}, new float[] {sd}, range)).isEmpty();
    }

    @Test
    void theStatisticsRoundTripThroughJsonAndAnOlderRangeReadsWithoutThem() throws Exception {
        String json = Json.mapper().writeValueAsString(RANGE);
        assertThat(json).contains("\"sequenceMeanMean\"").contains("\"sequenceMeanSd\"");
        TrainingRange read = Json.mapper().readValue(json, TrainingRange.class);
        assertThat(read).isEqualTo(RANGE);
        TrainingRange old = Json.mapper().readValue("{\"low\":[0,0.5],\"high\":[1,1.5]}", TrainingRange.class);
        assertThat(old.hasSequenceMeans()).isFalse();
        assertThat(Json.mapper().writeValueAsString(old)).doesNotContain("sequenceMean");
        assertThatThrownBy(() -> Json.mapper().readValue("{\"low\":[0],\"high\":[1],\"sequenceMeanMean\":[0]}", TrainingRange.class))
                .hasMessageContaining("'sequenceMeanMean' and no 'sequenceMeanSd'");
    }
}
