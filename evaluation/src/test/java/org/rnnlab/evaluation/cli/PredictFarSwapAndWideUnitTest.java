package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.NewData;
import org.rnnlab.training.TrainingRange;

/**
 * predict's warnings for trial 77e's sensor model (temperature 17.1-40.67 °C over its classes, mean 26.13, sd 6.93; pressure
 * 94.2-103.1): sequences of 21 °C sent in °F, about 6.6 training sd out, were named only by the file's level warning, not
 * per sequence as the far_from_training column and serve mark them; and a sequence with temperature and pressure swapped got
 * the °F hint.
 */
class PredictFarSwapAndWideUnitTest {

    private static final List<String> NAMES = List.of("temperature", "pressure", "vibration", "door");
    private static final float[] MEAN = {26.13f, 99.57f, 1.2f, 0.1f};
    private static final float[] STD = {6.93f, 2.501f, 0.4f, 0.3f};
    private static final TrainingRange RANGE = new TrainingRange(new float[] {17.1f, 94.2f, 0, 0}, new float[] {40.67f, 103.1f, 2.6f, 1});

    private static float[][] sequence(Random random, double temperature, double pressure) {
        float[][] seq = new float[60][];
        for (int t = 0; t < 60; t++) {
            seq[t] = new float[] {(float) (temperature + random.nextGaussian()), (float) (pressure + 0.5 * random.nextGaussian()),
                (float) (1 + 0.3 * random.nextGaussian()), t % 10 == 0 ? 1 : 0};
        }
        return seq;
    }

    private static String warnings(float[][]... sequences) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sequences.length; i++) {
            ids.add("s" + i);
        }
        NewData data = new NewData(ids, List.of(sequences), Collections.nCopies(sequences.length, null), List.of(), "new.csv",
                Collections.nCopies(sequences.length, "new.csv:2"), List.of(), List.of());
        StringWriter out = new StringWriter();
        ModelData.warnFarFromTraining(data, MEAN, STD, RANGE, NAMES, org.rnnlab.datasets.csv.SequenceScaling.NONE,
                new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void sequencesInFahrenheitOfAWideTemperatureAreNamedEachAndAloneWithTheHint() {
        Random random = new Random(3);
        String many = warnings(sequence(random, 69.8, 101), sequence(random, 68, 96), sequence(random, 69.8, 101));
        assertThat(many).contains("3 of the 3 sequences have values far outside the training data")
                .contains("or every value of the sequence beyond them so").contains("'s0' (temperature), 's1' (temperature), "
                        + "'s2' (temperature)");
        String one = warnings(sequence(random, 69.8, 101));
        assertThat(one).contains("'temperature' (all 60 of its values beyond the training values 17.10 to 40.67 by over a quarter "
                + "of their span").contains("(°F against °C? (x − 32) / 1.8 brings its mean to").doesNotContain("swapped");
        // ordinary sequences of the training levels: no word
        assertThat(warnings(sequence(random, 21, 101), sequence(random, 35, 101.5), sequence(random, 20, 96))).isEmpty();
    }

    @Test
    void swappedTemperatureAndPressureAreCalledASwapNotFahrenheit() {
        float[][] plain = sequence(new Random(5), 21, 96);
        float[][] swapped = new float[plain.length][];
        for (int t = 0; t < plain.length; t++) {
            swapped[t] = new float[] {plain[t][1], plain[t][0], plain[t][2], plain[t][3]};
        }
        String warned = warnings(swapped);
        assertThat(warned).contains("columns swapped? (the values of 'temperature' lie in the training range of 'pressure' and "
                + "the reverse): send steps by name / check the column order")
                .contains("columns swapped? (the values of 'pressure' lie in the training range of 'temperature' and the reverse)")
                .doesNotContain("°F").doesNotContain("(x − 32) / 1.8");
    }
}
