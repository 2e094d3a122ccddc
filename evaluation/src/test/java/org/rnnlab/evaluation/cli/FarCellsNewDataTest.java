package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A decimal point slip in a new file (trial 73a, F3): CO2 typed 10 times too large in some cells of 4 sequences, 6 of 50
 * cells in two (named by each sequence's 10% rule) and 4 of 50 in the two others (8%: named by no rule before), 1% of the
 * file (under the file's 2% rule). evaluate, predict and train's --test count the cells over the file, name all 4 sequences
 * and call them a decimal point slip (divided by 10 they fall within the training values, whose 1st to 99th percentiles
 * are of one sign and span under a factor of 10).
 */
class FarCellsNewDataTest {

    @TempDir
    Path dir;

    /** {@code count} days of 50 steps; {@code slipped}: per sequence index, how many of its CO2 cells are typed x10. */
    private Path file(String name, int seed, int count, Map<Integer, Integer> slipped) throws Exception {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("day,t,co2,temp,label\n");
        for (int s = 0; s < count; s++) {
            boolean warm = s % 2 == 0;
            int slips = slipped.getOrDefault(s, 0);
            for (int t = 0; t < 50; t++) {
                double co2 = 560 + 60 * random.nextGaussian();
                if (t >= 20 && t < 20 + slips) {
                    co2 = 10 * (560 + 30 * (2 * random.nextDouble() - 1)); // 5300-5900: /10 inside the bulk
                }
                csv.append(String.format(Locale.ROOT, "d%d,%d,%.1f,%.2f,%s%n", s, t, co2,
                        (warm ? 24 : 18) + random.nextGaussian(), warm ? "warm" : "cool"));
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void slippedCellsAreCountedOverTheFileAtEvaluatePredictAndTrainTest() throws Exception {
        Path train = file("train.csv", 1, 60, Map.of());
        Path slipped = file("new.csv", 2, 40, Map.of(3, 6, 11, 6, 17, 4, 29, 4));
        Path run = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=day", "--set", "time=t",
                "--cell", "rnn", "--hidden", "3", "--epochs", "1", "--quiet", "--out", run.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = run.resolve("model.rnnlab").toString();

        Run evaluated = run("evaluate", "--model", model, "--input", slipped.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        String line = evaluated.err().lines().filter(l -> l.contains("'co2': 20 cell(s)")).findFirst().orElse("");
        assertThat(line).as(evaluated.err()).startsWith("evaluate: warning: ").contains("in 4 of the 40 sequences are over 10 training sd "
                + "from the training mean", "'d3' (6), 'd11' (6), 'd17' (4), 'd29' (4)", "Divided by 10 they all fall within the "
                + "training values (", "; 1st to 99th percentiles ", "about 10 times the usual values, a decimal point lost?");
        // the per-sequence rule still names only the two of 10% or more
        assertThat(evaluated.err()).contains("2 of the 40 sequences have values far outside the training data");

        Path predictions = dir.resolve("p.csv");
        Run predicted = run("predict", "--model", model, "--input", slipped.toString(), "--output", predictions.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.err()).contains("'co2': 20 cell(s)", "'d17' (4), 'd29' (4)", "a decimal point lost?");

        // the same file as train's --test: into the run's data warnings
        Run withTest = run("train", "--dataset", "csv", "--train", train.toString(), "--test", slipped.toString(), "--set",
                "sequenceId=day", "--set", "time=t", "--cell", "rnn", "--hidden", "3", "--epochs", "1", "--quiet", "--out",
                dir.resolve("t").toString());
        assertThat(withTest.code()).as(withTest.err()).isZero();
        assertThat(Files.readString(dir.resolve("t/data-warnings.txt"))).contains("the test data: 'co2': 20 cell(s)",
                "in 4 of the 40 sequences", "'d3' (6), 'd11' (6), 'd17' (4), 'd29' (4)", "a decimal point lost?");

        // a clean file: no such line
        Path clean = file("clean.csv", 3, 40, Map.of());
        Run quiet = run("evaluate", "--model", model, "--input", clean.toString());
        assertThat(quiet.code()).as(quiet.err()).isZero();
        assertThat(quiet.err()).doesNotContain("cell(s) (").doesNotContain("decimal point");
    }
}
