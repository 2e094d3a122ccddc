package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * The default patience scales up with {@code --epochs} as it does with the epochs chosen for small data, and says so; a
 * {@code --patience} given without validation data is warned of by name (a sleep-lab user's trial: {@code --epochs 30}
 * silently got the patience of 20 epochs, and {@code --patience 15} with {@code validationFraction=0} read as applied).
 */
class PatienceScalingTest {

    private static String[] train(Path dir, String... more) {
        String[] base = {"train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(), "--set", "sequenceId=series_id",
            "--set", "time=timestamp", "--set", "label=class", "--hidden", "4", "--quiet", "--time-budget", "1s"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void theDefaultPatienceScalesWithEpochsGiven(@TempDir Path dir) throws Exception {
        ExampleArchive.write(dir, 12, 4, 3);
        Path out = dir.resolve("run");
        Run r = run(train(dir, "--epochs", "30", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        // 5 epochs of patience for 20 epochs, so ceil(5 x 30 / 20) = 8 for 30
        assertThat(r.err()).contains("train: early stopping after 8 epochs without validation gain (the default 5 of 20 epochs, "
                + "scaled to --epochs 30); --patience sets it");
        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.findValue("patience").asInt()).isEqualTo(8);

        Path given = dir.resolve("given");
        Run own = run(train(dir, "--epochs", "30", "--patience", "3", "--out", given.toString()));
        assertThat(own.code()).as(own.err()).isZero();
        assertThat(own.err()).doesNotContain("early stopping after");
        assertThat(Json.mapper().readTree(given.resolve("config.json").toFile()).findValue("patience").asInt()).isEqualTo(3);
    }

    @Test
    void aDefaultPatienceThatCannotStopARunOfFewEpochsIsSaid(@TempDir Path dir) throws Exception {
        // the default patience scales up only: with --epochs 6 it stays 5, and no run can stop early (trial 71e: unsaid)
        ExampleArchive.write(dir, 12, 4, 3);
        Path out = dir.resolve("run");
        Run r = run(train(dir, "--epochs", "6", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("train: note: early stopping cannot end a run of 6 epochs before its last: the default patience "
                + "is 5 epochs without validation gain (scaled up for more than 20 epochs, never down); every run trains all 6 epochs "
                + "and keeps its best one; --patience sets it");
        assertThat(Json.mapper().readTree(out.resolve("config.json").toFile()).findValue("patience").asInt()).isEqualTo(5);
        Run seven = run(train(dir, "--epochs", "7", "--out", dir.resolve("seven").toString()));
        assertThat(seven.err()).as("patience 5 can end a run of 7 epochs after its 6th").doesNotContain("early stopping cannot");
        Run own = run(train(dir, "--epochs", "6", "--patience", "2", "--out", dir.resolve("own").toString()));
        assertThat(own.code()).as(own.err()).isZero();
        assertThat(own.err()).doesNotContain("early stopping cannot");
    }

    @Test
    void aPatienceGivenWithoutValidationDataIsWarnedOf(@TempDir Path dir) throws Exception {
        ExampleArchive.write(dir, 12, 4, 3);
        Path out = dir.resolve("run");
        Run r = run(train(dir, "--set", "validationFraction=0", "--epochs", "2", "--patience", "15", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("train: warning: --patience 15 does not apply: there is no validation data, so no early "
                + "stopping");
        assertThat(Json.mapper().readTree(out.resolve("config.json").toFile()).findValue("patience").asInt()).isZero();
    }
}
