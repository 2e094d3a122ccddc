package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.TrainingRange;

/**
 * {@code train} keeps the training split's range of each feature in the card ({@code trainingRange}), and {@code evaluate}
 * calls no value inside it far outside the training data: a glove trial's gyroscope, about 0 for the static letters and
 * 180 deg/s for the moving J, had a pooled training sd of 16, and evaluate on the model's own training J recordings said
 * 28 of 40 "have values far outside the training data". Another scale (x100) is still named.
 */
class TrainingRangeTest {

    @TempDir
    Path dir;

    /**
     * Recordings of 40 steps: flex and gy, the letter J (1 in 40) rotating the wrist to {@code peak} deg/s, the others still;
     * gy times {@code scale} (in J only with {@code jOnly}).
     */
    private Path file(String name, int from, int count, double peak, double scale, boolean jOnly) throws Exception {
        Random random = new Random(from);
        StringBuilder csv = new StringBuilder("rec,t,flex,gy,label\n");
        for (int s = from; s < from + count; s++) {
            boolean j = s % 40 == 0;
            for (int t = 0; t < 40; t++) {
                double gy = 2 * random.nextGaussian() + (j && t >= 8 && t < 32 ? peak * Math.sin(Math.PI * (t - 8) / 23.0) : 0);
                double flex = (s % 2 == 0 ? 520 : 480) + 6 * random.nextGaussian();
                csv.append('r').append(s).append(',').append(t).append(',').append(String.format(Locale.ROOT, "%.0f", flex)).append(',')
                        .append(String.format(Locale.ROOT, "%.1f", gy * (j || !jOnly ? scale : 1))).append(',')
                        .append(j ? "J" : s % 2 == 0 ? "I" : "A").append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void theModelsOwnMovingLetterIsNotFarOutsideItsTrainingDataWhereAnotherScaleIs() throws Exception {
        Path train = file("train.csv", 0, 400, 180, 1, false); // 10 J among 400
        Run t = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=rec", "--set", "time=t",
                "--set", "validationFraction=0", "--set", "testFraction=0", "--cell", "rnn", "--hidden", "3", "--epochs", "1",
                "--quiet", "--out", dir.resolve("m").toString());
        assertThat(t.code()).as(t.err()).isZero();
        Path model = dir.resolve("m/model.rnnlab");
        TrainingRange range = ModelBundle.readCard(model).trainingRange();
        assertThat(range).isNotNull();
        assertThat(range.size()).isEqualTo(2);
        assertThat(range.high()[1]).isGreaterThan(175f);

        // the training file itself, its J recordings alone, and a new J a little stronger: nothing far out
        Path js = file("js.csv", 0, 1, 180, 1, false);
        Path stronger = file("stronger.csv", 4000, 80, 200, 1, false);
        for (Path input : new Path[] {train, js, stronger}) {
            Run e = run("evaluate", "--model", model.toString(), "--input", input.toString());
            assertThat(e.code()).as(e.err()).isZero();
            assertThat(e.err()).as(input.toString()).doesNotContain("far outside the training data")
                    .doesNotContain("codes for a missing value");
        }

        // the gyroscope in centi-degrees: far out, as before, in a whole file and in the J recordings of a file
        Path scaled = file("scaled.csv", 0, 80, 180, 100, false);
        Run e = run("evaluate", "--model", model.toString(), "--input", scaled.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.err()).contains("lie far outside the training data: 'gy' (").contains("and beyond the training values -");
        Path scaledJ = file("scaled-j.csv", 0, 80, 180, 100, true);
        Run j = run("evaluate", "--model", model.toString(), "--input", scaledJ.toString());
        assertThat(j.code()).as(j.err()).isZero();
        assertThat(j.err()).contains("warning: 2 of the 80 sequences have values far outside the training data (3 values or more, "
                + "and 10% or more of the sequence's, over 10 training sd from the training mean and beyond the feature's training "
                + "values by over a quarter of their span").contains("'r0' (gy), 'r40' (gy)");
    }
}
