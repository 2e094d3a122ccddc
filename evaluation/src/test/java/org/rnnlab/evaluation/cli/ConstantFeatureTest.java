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

/**
 * A feature with one value at every training step is ignored by the trained model in new data too, as training's
 * warning says: other values there change no prediction, and predict and evaluate say that they play no role. (A user's
 * try: a column always 7.0 in training and 107 in new data turned an evaluation of 1.0 into 0.5, without a word.)
 */
class ConstantFeatureTest {

    @TempDir
    Path dir;

    private static String csv(double constant, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("sequence_id,signal,flat,label\n");
        for (int s = 0; s < 40; s++) {
            boolean up = s % 2 == 0;
            for (int t = 0; t < 6; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%.4f,%s,%s%n", s, (up ? 1 : -1) + 0.3 * r.nextGaussian(),
                        constant == Math.rint(constant) ? Long.toString((long) constant) : Double.toString(constant), up ? "up" : "down"));
            }
        }
        return b.toString();
    }

    @Test
    void otherValuesOfAFeatureConstantInTrainingChangeNoPrediction() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), csv(7, 1));
        Path runDir = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "8", "--epochs", "3", "--quiet",
                "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = runDir.resolve("model.rnnlab").toString();

        Path same = Files.writeString(dir.resolve("same.csv"), csv(7, 2));
        Path shifted = Files.writeString(dir.resolve("shifted.csv"), csv(107, 2));
        Path huge = Files.writeString(dir.resolve("huge.csv"), csv(-3e30, 2));
        Run onSame = run("predict", "--model", model, "--input", same.toString());
        Run onShifted = run("predict", "--model", model, "--input", shifted.toString());
        Run onHuge = run("predict", "--model", model, "--input", huge.toString());
        assertThat(onSame.code()).as(onSame.err()).isZero();
        assertThat(onShifted.code()).as(onShifted.err()).isZero();
        assertThat(onHuge.code()).as(onHuge.err()).isZero();
        assertThat(onShifted.out()).as("the same probabilities, to the digit").isEqualTo(onSame.out());
        assertThat(onHuge.out()).isEqualTo(onSame.out());
        assertThat(onSame.err()).doesNotContain("play no role");
        assertThat(onShifted.err()).contains("warning: feature 'flat' had the value 7.0 at every training step, so the model "
                + "ignores it; 40 sequence(s) here hold other values (e.g. 107.0 in sequence s0), which play no role in the predictions");

        Run evaluated = run("evaluate", "--model", model, "--input", shifted.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.err()).contains("feature 'flat' had the value 7.0 at every training step");
        assertThat(evaluated.out()).isEqualTo(run("evaluate", "--model", model, "--input", same.toString()).out()
                .replace(same.toString(), shifted.toString()));
    }
}
