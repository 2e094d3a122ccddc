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
 * The level block against the predicted classes ({@link ModelData#warnClassDrift}) points a feature the far-values warning
 * explained as another unit to that warning, not to a device's offset (trial 75a F9: a new bridge's strain logged in strain
 * for microstrain was named there with the unit words, then called "a device's offset (a calibration, a remounted sensor)").
 */
class ClassDriftUnitTest {

    @TempDir
    Path dir;

    /**
     * Passages of 40 steps: strain at a level of 10 ± 2 with one bump (class one) or two (class two) of 40-60, acceleration
     * noise; strain times {@code factor}.
     */
    private static String passages(int count, long seed, double factor) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("id,t,strain,acc,label\n");
        for (int s = 0; s < count; s++) {
            boolean two = s % 2 == 1;
            double level = 10 + 2 * r.nextGaussian();
            double amplitude = 40 + 20 * r.nextDouble();
            for (int t = 0; t < 40; t++) {
                double bump = Math.exp(-Math.pow((t - 13) / 3.0, 2)) + (two ? Math.exp(-Math.pow((t - 27) / 3.0, 2)) : 0);
                b.append(String.format(Locale.ROOT, "p%d,%d,%s,%.4f,%s%n", s, t, (float) ((level + amplitude * bump + 0.5
                        * r.nextGaussian()) * factor), 2 * r.nextGaussian(), two ? "two" : "one"));
            }
        }
        return b.toString();
    }

    @Test
    void aUnitTheFarValuesWarningNamedIsNotCalledADevicesOffset() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), passages(60, 1, 1));
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=id", "--set", "time=t",
                "--set", "label=label", "--hidden", "4", "--epochs", "2", "--threads", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Path strain = Files.writeString(dir.resolve("strain.csv"), passages(30, 2, 1e-6)); // strain for microstrain
        Run predicted = run("predict", "--model", out.resolve("model.rnnlab").toString(), "--input", strain.toString(),
                "--output", dir.resolve("p.csv").toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        String err = predicted.err().replaceAll("\\s+", " ");
        // the far-values warning names the unit: the whole feature at a factor near 1e-6 (UnitFactors' micro- against base
        // units), or, where the sequences are not all alike, every value tiny
        assertThat(err).containsAnyOf("micro- against base units (microstrain logged as strain?)",
                "base units for micro- (strain for microstrain, 1e-6)?");
        // the level block defers to it too, without a device's offset or per-sequence scaling for strain (trial 75a F9)
        assertThat(err).contains("'strain': as the far-values warning above says, another unit? Convert those values to the "
                + "training data's unit before predicting (per-sequence scaling is no remedy for a unit)")
                .doesNotContain("A device's own offset or gain");
        assertThat(err).contains("of the classes the model predicted for them").contains("'strain' in the whole file")
                .contains("'strain': as the far-values warning above says: another unit? Convert those values to the training "
                        + "data's unit before predicting.")
                .doesNotContain("A device's offset (a calibration, a remounted sensor)");
    }
}
