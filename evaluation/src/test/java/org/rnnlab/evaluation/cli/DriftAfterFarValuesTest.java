package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.csv.SequenceScaling;
import org.rnnlab.training.TrainingRange;

/**
 * The far-values and level warnings of predict and evaluate on a new bridge (trial 75a): the level block leaves out what the
 * far-values warning named (F2), that warning names a unit found in some sequences only with its factor (F3, F9), and a
 * temperature's far cells in °F are told before a decimal point slip (F8).
 */
class DriftAfterFarValuesTest {

    private static final List<String> NAMES = List.of("strain", "vert_acc", "deck_temp");
    /** Training mean, sd and range of microstrain, m/s², °C. */
    private static final float[] MEAN = {20, 0, 12.6f};
    private static final float[] STD = {15, 2, 3.69f};
    private static final TrainingRange RANGE = new TrainingRange(new float[] {-3.8f, -9, 4.65f}, new float[] {76, 9, 22.99f});

    /** 60 passages of one bridge, 80 steps each, as in training. */
    private static List<float[][]> bridge(Random r) {
        List<float[][]> out = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            float[][] v = new float[80][3];
            double amplitude = 30 + 20 * r.nextDouble();
            double temp = 12.6 + 3 * r.nextGaussian();
            for (int t = 0; t < 80; t++) {
                v[t][0] = (float) (amplitude * Math.exp(-Math.pow((t - 40) / 12.0, 2)) + r.nextGaussian());
                v[t][1] = (float) (2 * r.nextGaussian());
                v[t][2] = (float) (temp + 0.1 * r.nextGaussian());
            }
            out.add(v);
        }
        return out;
    }

    private static NewData data(List<float[][]> values) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ids.add(String.format("B7-v%03d", i));
        }
        return new NewData(ids, values, Collections.nCopies(values.size(), null), List.of(), "B7.csv",
                Collections.nCopies(values.size(), "B7.csv:2"), List.of(), List.of(), Collections.nCopies(values.size(), "B7"));
    }

    /** The far-values warnings, then the level block, as predict prints them. */
    private static String warn(NewData data) {
        StringWriter out = new StringWriter();
        PrintWriter err = new PrintWriter(out, true);
        ModelData.Far found = ModelData.farFromTraining(data, MEAN, STD, RANGE, NAMES, SequenceScaling.NONE, Set.of(), Map.of(), err);
        ModelData.warnFeatureDrift(data, data.groups(), "bridge", MEAN, STD, RANGE, NAMES, SequenceScaling.NONE, Map.of(), found, err);
        return out.toString().replaceAll("\\s+", " ");
    }

    @Test
    void aGroupsLevelMovedOnlyBySequencesNamedAsFarIsSaidSoWithoutAdviceToRetrain() {
        List<float[][]> values = bridge(new Random(4));
        for (int i = 4; i < 7; i++) { // vert_acc x1000 in 3 of 60 passages
            for (float[] step : values.get(i)) {
                step[1] *= 1000;
            }
        }
        String err = warn(data(values));
        assertThat(err).contains("'B7-v004' (vert_acc), 'B7-v005' (vert_acc), 'B7-v006' (vert_acc)");
        assertThat(err).contains("'vert_acc' in 'B7' (60 sequences:").contains("(driven by 3 of its sequences named above as far "
                + "from training: without them it is as in training)").contains("nothing to retrain for");
        assertThat(err).doesNotContain("train with --set sequenceScaling=standardize").doesNotContain("A device's own offset");
    }

    @Test
    void cellsReadAsCodesDoNotMakeAGroupsSpread() {
        List<float[][]> values = bridge(new Random(5));
        values.get(9)[10][1] = -999;
        values.get(9)[11][1] = -999;
        values.get(9)[50][1] = -999;
        String err = warn(data(values));
        assertThat(err).contains("'vert_acc' holds -999 in 3 cell(s) of 1 sequence(s) (e.g. 'B7-v009')");
        assertThat(err).contains("(driven by the cells read above as codes for a missing value: without them it is as in training)");
        assertThat(err).doesNotContain("train with --set sequenceScaling=standardize");
    }

    @Test
    void aLevelOffWithoutTheSequencesNamedKeepsItsAdviceWithTheNumbersWithoutThem() {
        List<float[][]> values = bridge(new Random(6));
        for (float[][] v : values) { // the whole bridge's vert_acc 5 sd off: a device's offset
            for (float[] step : v) {
                step[1] += 10;
            }
        }
        for (float[] step : values.get(0)) {
            step[1] *= 1000;
        }
        String err = warn(data(values));
        assertThat(err).contains("'vert_acc' in 'B7' (59 sequences:").contains("(judged without 1 sequence(s) far from training "
                + "named above)").contains("train with --set sequenceScaling=standardize");
    }

    @Test
    void strainInStrainInSomeSequencesIsNamedInTheFileBlockWithItsFactor() {
        List<float[][]> values = bridge(new Random(7));
        for (int i = 0; i < 4; i++) { // strain for microstrain: x 1e-6
            for (float[] step : values.get(i)) {
                step[0] *= 1e-6f;
            }
        }
        String err = warn(data(values));
        int block = err.indexOf("feature(s) of the new data lie far outside the training data");
        assertThat(block).isNotNegative();
        assertThat(err.substring(block)).contains("'strain' (4 of the 60 sequences with every value within 1/100 of the training "
                + "data's magnitude").contains("a factor near 1e-6 (the largest |value|").contains("base units for micro- (strain for "
                + "microstrain, 1e-6)?");
    }

    @Test
    void aTemperaturesFarCellsInFahrenheitAreNotCalledADecimalPointSlip() {
        List<float[][]> values = bridge(new Random(8));
        for (int t = 0; t < 80; t++) { // a passage at 14 °C, its second half in °F: 57.2, a tenth of it within the training values
            values.get(12)[t][2] = t < 40 ? 14 : 14 * 1.8f + 32;
        }
        String err = warn(data(values));
        assertThat(err).contains("'deck_temp': 40 cell(s)").contains("in 'B7-v012' (40).")
                .contains("°F against °C in these cells? (x − 32) / 1.8 brings them to").doesNotContain("decimal point");
    }
}
