package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A machine recalibrated midway is named by train and kept in the run's data-warnings.txt (trial 65a, finding 2). */
class LevelShiftsRunTest {

    @Test
    void trainNamesAMachinesOffsetAndKeepsItInDataWarnings(@TempDir Path dir) throws Exception {
        // 6 machines of 12 runs of 20 steps, current near 10 A; machine M3 reads 4 A more from its 7th run on
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("run,machine,current,label\n");
        for (int m = 0; m < 6; m++) {
            for (int r = 0; r < 12; r++) {
                double level = 10 + 0.5 * random.nextGaussian() + (m == 3 && r >= 6 ? 4 : 0);
                for (int t = 0; t < 20; t++) {
                    csv.append(String.format(Locale.ROOT, "M%dr%02d,M%d,%.3f,%s%n", m, r, m, level + 2 * Math.sin(t / 3.0)
                            + 0.8 * random.nextGaussian(), (r + m) % 2 == 0 ? "ok" : "fault"));
                }
            }
        }
        Path data = Files.writeString(dir.resolve("machines.csv"), csv);
        Path run = dir.resolve("run");
        TrainEvaluatePredictTest.Run train = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train", data.toString(),
                "--set", "sequenceId=run", "--set", "group=machine", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--quiet",
                "--out", run.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(Files.readString(run.resolve("data-warnings.txt"))).contains("the level of a feature steps once, for good",
                "'M3': 'current' from sequence 'M3r06'", "a sensor moved, replaced or recalibrated?");
    }

    @Test
    void aStepInTheTestFilesGroupsIsLabelledWithTheTestFile(@TempDir Path dir) throws Exception {
        // trial 73a: two greenhouses of the --test file only were said to step "in train.csv"; machines M0-M3 train, M4-M5
        // test, M5 reads 4 A more from its 7th run on
        Random random = new Random(7);
        StringBuilder train = new StringBuilder("run,machine,current,label\n");
        StringBuilder test = new StringBuilder("run,machine,current,label\n");
        for (int m = 0; m < 6; m++) {
            for (int r = 0; r < 12; r++) {
                double level = 10 + 0.5 * random.nextGaussian() + (m == 5 && r >= 6 ? 4 : 0);
                for (int t = 0; t < 20; t++) {
                    (m < 4 ? train : test).append(String.format(Locale.ROOT, "M%dr%02d,M%d,%.3f,%s%n", m, r, m, level
                            + 2 * Math.sin(t / 3.0) + 0.8 * random.nextGaussian(), (r + m) % 2 == 0 ? "ok" : "fault"));
                }
            }
        }
        Path trainFile = Files.writeString(dir.resolve("train.csv"), train);
        Path testFile = Files.writeString(dir.resolve("test.csv"), test);
        Path run = dir.resolve("run");
        TrainEvaluatePredictTest.Run r = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train", trainFile.toString(),
                "--test", testFile.toString(), "--set", "sequenceId=run", "--set", "group=machine", "--cell", "rnn", "--hidden",
                "4", "--epochs", "1", "--quiet", "--out", run.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String warnings = Files.readString(run.resolve("data-warnings.txt"));
        assertThat(warnings).contains(testFile + ": the level of a feature steps once, for good", "'M5': 'current' from sequence "
                + "'M5r06'").doesNotContain(trainFile + ": the level of a feature steps once");
    }
}
