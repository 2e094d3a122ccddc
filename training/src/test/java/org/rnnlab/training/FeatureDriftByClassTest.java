package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.FeatureStandardizer;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;

/**
 * A level judged against the training sequences of the classes predicted ({@link FeatureDrift#judgeByClass}): a reefer
 * trial's +2 %RH humidity calibration offset over a whole file lay 4.9 sds of all training sequences' means out, inside the
 * 6 that {@link FeatureDrift#SEQUENCE_MEAN_SDS} allows a group of one class, and turned every 'ok' window into a fault
 * without a word. Here in miniature: 4 classes whose humidity levels differ (the training sequences' means 88.0 to 88.85),
 * each container's windows at one temperature setpoint.
 */
class FeatureDriftByClassTest {

    /** Per class: the level of humidity and its sd between sequences (the trial's ok, door_fault, compressor, warm). */
    private static final double[] LEVEL = {88.04, 88.85, 88.04, 88.05};
    private static final double[] LEVEL_SD = {0.21, 0.52, 0.32, 0.33};
    private static final double[] SETPOINTS = {-18, 4, 13};

    private static final List<float[][]> TRAIN = new ArrayList<>();
    private static final List<Integer> TRAIN_LABELS = new ArrayList<>();
    private static float[] mean;
    private static float[] std;
    private static TrainingRange range;

    /** Class of window w of a container: ok about 45%, the faults the rest. */
    private static int classOf(Random r) {
        double u = r.nextDouble();
        return u < 0.45 ? 0 : u < 0.63 ? 1 : u < 0.81 ? 2 : 3;
    }

    /** 48 steps of (temperature, humidity): the container's setpoint, the class's humidity level plus the sequence's own. */
    private static float[][] window(Random r, int label, double setpoint, double offset) {
        double level = LEVEL[label] + LEVEL_SD[label] * r.nextGaussian() + offset;
        float[][] q = new float[48][];
        for (int t = 0; t < 48; t++) {
            q[t] = new float[] {(float) (setpoint + (label == 3 ? 3 : 0) + 0.8 * r.nextGaussian()),
                    (float) (level + 1.8 * r.nextGaussian())};
        }
        return q;
    }

    /** Containers of 6 windows each, appended to values, labels and groups; {@code offsets} per container (humidity). */
    private static void containers(Random r, int count, double[] offsets, List<float[][]> values, List<Integer> labels,
                                   List<String> groups) {
        for (int c = 0; c < count; c++) {
            double setpoint = SETPOINTS[c % 3];
            for (int w = 0; w < 6; w++) {
                int label = classOf(r);
                values.add(window(r, label, setpoint, offsets == null ? 0 : offsets[c]));
                labels.add(label);
                groups.add("C" + c);
            }
        }
    }

    @BeforeAll
    static void train() {
        Random r = new Random(71);
        containers(r, 40, null, TRAIN, TRAIN_LABELS, new ArrayList<>());
        NormalizerStandardize fitted = FeatureStandardizer.fit(new SequenceSet(TRAIN.stream().map(v -> new Sequence(v, 0)).toList()),
                List.of("temperature", "humidity"));
        mean = fitted.getMean().toFloatVector();
        std = fitted.getStd().toFloatVector();
        range = TrainingRange.of(TRAIN, TRAIN_LABELS.stream().mapToInt(Integer::intValue).toArray(), 4, 2);
    }

    private static int[] ints(List<Integer> labels) {
        return labels.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void aCalibrationOffsetOverAWholeFileOfEveryClassIsNamedThoughInsideTheAllowanceForOneClass() {
        Random r = new Random(5);
        double[] offsets = new double[12];
        java.util.Arrays.fill(offsets, 2.0); // +2 %RH on every container: a fleet-wide recalibration
        List<float[][]> values = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        containers(r, 12, offsets, values, labels, groups);

        // the situation: over all training sequences' means the file lies under 6 sds out, and the pooled sd says nothing
        List<FeatureDrift.Shift> before = FeatureDrift.judge(values, List.of(), mean, std, range);
        assertThat(before.stream().filter(FeatureDrift.Shift::levelOff)).as("the level check of all sequences' means").isEmpty();
        double meanOfMeans = java.util.Arrays.stream(TrainingRange.sequenceMeans(values, 1)).average().orElseThrow();
        double z = (meanOfMeans - range.sequenceMeanMean()[1]) / range.sequenceMeanSd()[1];
        assertThat(z).isBetween(3.0, FeatureDrift.SEQUENCE_MEAN_SDS);

        // against the training sequences of each sequence's class: named, the whole file and (by container) every container
        List<FeatureDrift.ClassShift> whole = FeatureDrift.judgeByClass(values, List.of(), ints(labels), std, range);
        assertThat(whole).extracting(FeatureDrift.ClassShift::feature).containsExactly(1);
        assertThat(whole.get(0).group()).isNull();
        assertThat(whole.get(0).meanSds()).isGreaterThan(FeatureDrift.CLASS_MEAN_SDS);
        assertThat(whole.get(0).meanDifference()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.3));
        assertThat(whole.get(0).describe("humidity", List.of("ok", "door", "compressor", "warm")))
                .startsWith("'humidity' in the whole file (72 sequences, predicted 'ok' ")
                .contains("sd of the training sequences' means of the class predicted above that class's mean, by 1.9");
        // by container: the whole file first (every container is off), then the containers
        List<FeatureDrift.ClassShift> byGroup = FeatureDrift.judgeByClass(values, groups, ints(labels), std, range);
        assertThat(byGroup).allMatch(s -> s.feature() == 1);
        assertThat(byGroup.get(0).group()).isNull();
        assertThat(byGroup.get(0).meanSds()).isEqualTo(whole.get(0).meanSds());
        assertThat(byGroup.subList(1, byGroup.size())).allMatch(s -> s.group() != null);
        assertThat(byGroup.size()).isGreaterThanOrEqualTo(11);
    }

    /**
     * A reefer trial's +3 °C offset on every truck was said as "in 11 of the 20 trucks" (those of 5 trips or more), the
     * whole file (8.9 sds out) never named and the 9 smaller trucks silent: the whole file is named first.
     */
    @Test
    void anOffsetOnEveryGroupNamesTheWholeFileFirstThoughSomeGroupsAreTooSmallToJudge() {
        Random r = new Random(9);
        List<float[][]> values = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        double[] offsets = new double[20];
        java.util.Arrays.fill(offsets, 2.0);
        containers(r, 11, offsets, values, labels, groups); // 11 containers of 6 windows
        for (int c = 0; c < 9; c++) { // and 9 of 3 windows, too few to judge alone
            for (int w = 0; w < 3; w++) {
                int label = classOf(r);
                values.add(window(r, label, SETPOINTS[c % 3], 2.0));
                labels.add(label);
                groups.add("S" + c);
            }
        }
        List<FeatureDrift.ClassShift> shifts = FeatureDrift.judgeByClass(values, groups, ints(labels), std, range);
        assertThat(shifts.get(0).group()).isNull();
        assertThat(shifts.get(0).sequences()).isEqualTo(93);
        assertThat(shifts.get(0).meanSds()).isGreaterThan(FeatureDrift.CLASS_MEAN_SDS);
        assertThat(shifts.subList(1, shifts.size())).allMatch(s -> s.group() != null && s.group().startsWith("C"));

        // one large container offset among small quiet ones moves the file's mean: named alone, not the whole file
        Random q = new Random(10);
        List<float[][]> one = new ArrayList<>();
        List<Integer> oneLabels = new ArrayList<>();
        List<String> oneGroups = new ArrayList<>();
        for (int c = 0; c < 7; c++) {
            int windows = c == 0 ? 60 : 5;
            for (int w = 0; w < windows; w++) {
                int label = classOf(q);
                one.add(window(q, label, SETPOINTS[c % 3], c == 0 ? 2.0 : 0));
                oneLabels.add(label);
                oneGroups.add("B" + c);
            }
        }
        List<FeatureDrift.ClassShift> big = FeatureDrift.judgeByClass(one, oneGroups, ints(oneLabels), std, range);
        assertThat(FeatureDrift.judgeByClass(one, List.of(), ints(oneLabels), std, range)).as("the file alone is off")
                .extracting(FeatureDrift.ClassShift::group).containsExactly((String) null);
        assertThat(big).extracting(FeatureDrift.ClassShift::group).containsExactly("B0");
    }

    @Test
    void oneContainerOffsetAmongNormalOnesIsNamedAlone() {
        Random r = new Random(6);
        double[] offsets = new double[12];
        offsets[7] = 2.0;
        List<float[][]> values = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        containers(r, 12, offsets, values, labels, groups);
        assertThat(FeatureDrift.judge(values, groups, mean, std, range).stream().filter(FeatureDrift.Shift::levelOff)).isEmpty();
        List<FeatureDrift.ClassShift> shifts = FeatureDrift.judgeByClass(values, groups, ints(labels), std, range);
        assertThat(shifts).extracting(FeatureDrift.ClassShift::group).containsExactly("C7");
        assertThat(shifts.get(0).sequences()).isEqualTo(6);
    }

    @Test
    void normalHeldOutDataAndTheTrainingDataAreQuiet() {
        for (int seed = 1; seed <= 20; seed++) {
            Random r = new Random(100 + seed);
            List<float[][]> values = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            containers(r, 12, null, values, labels, groups);
            assertThat(FeatureDrift.judgeByClass(values, groups, ints(labels), std, range)).as("seed " + seed).isEmpty();
            assertThat(FeatureDrift.judgeByClass(values, List.of(), ints(labels), std, range)).as("seed " + seed).isEmpty();
        }
        List<String> trainGroups = new ArrayList<>();
        for (int i = 0; i < TRAIN.size(); i++) {
            trainGroups.add("C" + i / 6);
        }
        assertThat(FeatureDrift.judgeByClass(TRAIN, trainGroups, ints(TRAIN_LABELS), std, range)).isEmpty();
        assertThat(FeatureDrift.judgeByClass(TRAIN, List.of(), ints(TRAIN_LABELS), std, range)).isEmpty();
    }

    /**
     * The whole file's level against the training split's overall level ({@link FeatureDrift#fileLevel}), by which predict
     * tells a weak model's leaning from a device's offset (trial 79f F1): normal containers match, the +2 %RH fleet does not;
     * the class the predictions lean toward is the one most over its training share.
     */
    @Test
    void theWholeFilesLevelMatchesTrainingForNormalDataNotForAnOffsetAndTheLeaningClassIsTheMostOverItsShare() {
        for (int seed = 1; seed <= 10; seed++) {
            Random r = new Random(100 + seed);
            List<float[][]> values = new ArrayList<>();
            containers(r, 12, null, values, new ArrayList<>(), new ArrayList<>());
            FeatureDrift.FileLevel level = FeatureDrift.fileLevel(values, 1, std, range);
            assertThat(level.matches()).as("seed " + seed + ": " + level.describe()).isTrue();
            assertThat(level.sequences()).isEqualTo(72);
        }
        Random r = new Random(5);
        double[] offsets = new double[12];
        java.util.Arrays.fill(offsets, 2.0);
        List<float[][]> values = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        containers(r, 12, offsets, values, labels, new ArrayList<>());
        FeatureDrift.FileLevel off = FeatureDrift.fileLevel(values, 1, std, range);
        assertThat(off.matches()).isFalse();
        assertThat(off.sds()).isGreaterThan(FeatureDrift.CLASS_MEAN_SDS);
        assertThat(off.describe()).startsWith("the mean of its sequences' means 90.").contains("against the training sequences' 88.");
        TrainingRange older = new TrainingRange(range.low(), range.high());
        assertThat(FeatureDrift.fileLevel(values, 1, std, older)).isNull();

        // predictions: 'ok' (45% of training) only, then at the training shares exactly
        int[] counts = new int[4];
        counts[0] = 72;
        assertThat(new FeatureDrift.ClassShift(1, null, 72, 5, 1, std[1], counts, 60).leaning(range)).isZero();
        int[] door = {10, 40, 11, 11};
        assertThat(new FeatureDrift.ClassShift(1, null, 72, 5, 1, std[1], door, 60).leaning(range)).isEqualTo(1);
        int[] asTrained = new int[4];
        for (int c = 0; c < 4; c++) {
            asTrained[c] = range.classSequences(c, 1);
        }
        assertThat(new FeatureDrift.ClassShift(1, null, TRAIN.size(), 5, 1, std[1], asTrained, 60).leaning(range)).isEqualTo(-1);
        assertThat(new FeatureDrift.ClassShift(1, null, 72, 5, 1, std[1], counts, 60).leaning(older)).isEqualTo(-1);
    }

    @Test
    void anOlderCardOrPredictionsOfAnotherLabelSetJudgeNothing() throws Exception {
        Random r = new Random(5);
        double[] offsets = new double[12];
        java.util.Arrays.fill(offsets, 2.0);
        List<float[][]> values = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        containers(r, 12, offsets, values, labels, new ArrayList<>());
        TrainingRange older = new TrainingRange(range.low(), range.high(), range.sequenceMeanMean(), range.sequenceMeanSd(),
                range.constantShare());
        assertThat(older.hasClassSequenceMeans()).isFalse();
        assertThat(FeatureDrift.judgeByClass(values, List.of(), ints(labels), std, older)).isEmpty();
        assertThat(FeatureDrift.judgeByClass(values, List.of(), ints(labels), std, null)).isEmpty();
        int[] five = ints(labels);
        five[0] = 4;
        assertThat(FeatureDrift.judgeByClass(values, List.of(), five, std, range)).isEmpty();
        assertThat(FeatureDrift.judgeByClass(values, List.of(), new int[3], std, range)).isEmpty();

        // kept in JSON; a range written before them reads without, and judges as before
        TrainingRange read = Json.mapper().readValue(Json.mapper().writeValueAsString(range), TrainingRange.class);
        assertThat(read).isEqualTo(range);
        assertThat(read.hasClassSequenceMeans()).isTrue();
        assertThat(read.classCount()).isEqualTo(4);
        assertThat(read.classSequences(0, 1) + read.classSequences(1, 1) + read.classSequences(2, 1) + read.classSequences(3, 1))
                .isEqualTo(TRAIN.size());
        TrainingRange readOlder = Json.mapper().readValue(Json.mapper().writeValueAsString(older), TrainingRange.class);
        assertThat(readOlder).isEqualTo(older);
        assertThat(Json.mapper().writeValueAsString(older)).doesNotContain("ByClass");
        assertThatThrownBy(() -> new TrainingRange(new float[] {0}, new float[] {1}, new float[] {0}, new float[] {0}, null,
                new float[][] {{0}}, null, new int[][] {{1}})).hasMessageContaining("expected all three or none");
        assertThatThrownBy(() -> new TrainingRange(new float[] {0}, new float[] {1}, new float[] {0}, new float[] {0}, null,
                new float[][] {{0}}, new float[][] {{-1}}, new int[][] {{1}})).hasMessageContaining("sequenceMeanSdByClass -1.0");
    }
}
