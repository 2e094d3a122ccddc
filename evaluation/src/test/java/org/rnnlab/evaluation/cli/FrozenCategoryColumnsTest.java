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
 * evaluate's frozen-sensor check leaves a recorded one-hot group's columns and 0/1 flags alone (trial 73a, F4): night-only
 * days with the vents closed throughout hold vent_mode_auto at 0, a category not in use, and were called a frozen sensor;
 * a temperature held at one value still is.
 */
class FrozenCategoryColumnsTest {

    @TempDir
    Path dir;

    /** Days of 40 steps cycling through the vent modes (get_dummies columns) and a heater flag; {@code night}: closed throughout, heater off, and day 0's temperature frozen. */
    private Path file(String name, int seed, int count, boolean night) throws Exception {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("day,t,temp,heater,vent_mode_auto,vent_mode_closed,vent_mode_open,label\n");
        for (int s = 0; s < count; s++) {
            boolean warm = s % 2 == 0;
            for (int t = 0; t < 40; t++) {
                int mode = night ? 1 : (t / 5 + s) % 3;
                int heater = night ? 0 : (t / 7 + s) % 2;
                double temp = night && s == 0 ? 21.5 : (warm ? 24 : 18) + random.nextGaussian();
                csv.append(String.format(Locale.ROOT, "d%d,%d,%.2f,%d,%d,%d,%d,%s%n", s, t, temp, heater, mode == 0 ? 1 : 0,
                        mode == 1 ? 1 : 0, mode == 2 ? 1 : 0, warm ? "warm" : "cool"));
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void oneHotColumnsAndFlagsAtOneValueAreNoFrozenSensor() throws Exception {
        Path train = file("train.csv", 1, 60, false);
        Path run = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=day", "--set", "time=t",
                "--cell", "rnn", "--hidden", "3", "--epochs", "1", "--quiet", "--out", run.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        // the group is recorded, as the trial's card recorded vent_mode_*
        assertThat(org.rnnlab.training.ModelBundle.load(run.resolve("model.rnnlab")).card().csvSchema().orElseThrow().oneHot())
                .extracting(org.rnnlab.datasets.csv.OneHotGroup::prefix).containsExactly("vent_mode_");

        Path night = file("night.csv", 2, 10, true);
        Run evaluated = run("evaluate", "--model", run.resolve("model.rnnlab").toString(), "--input", night.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        String frozen = evaluated.err().lines().filter(l -> l.contains("hold a feature at one value over all their steps"))
                .findFirst().orElse("");
        // the frozen temperature of day 0 is named, and nothing else
        assertThat(frozen).as(evaluated.err()).contains("1 of the 10 sequences", "'d0' ('temp')").doesNotContain("vent_mode")
                .doesNotContain("heater");
    }
}
