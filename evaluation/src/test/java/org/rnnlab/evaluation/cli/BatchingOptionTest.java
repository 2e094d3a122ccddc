package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * {@code --batching}: random minibatches that are mostly padding are said, with by-length as the way out, which the run's
 * config records (a learning-analytics trial: enrolments of 3 to 2,051 events, 83% padding, and nothing said so).
 */
class BatchingOptionTest {

    @TempDir
    Path dir;

    @Test
    void mostlyPaddingIsSaidAndByLengthIsRecorded() throws Exception {
        Random random = new Random(2);
        StringBuilder csv = new StringBuilder("id,t,a,label\n");
        for (int s = 0; s < 120; s++) {
            int length = 3 + (int) Math.min(400, Math.exp(3.5 + 1.1 * random.nextGaussian()));
            for (int t = 0; t < length; t++) {
                csv.append('s').append(s).append(',').append(t).append(',')
                        .append(String.format(Locale.ROOT, "%.3f", (s % 2 == 0 ? 0.5 : -0.5) + random.nextGaussian())).append(',')
                        .append(s % 2 == 0 ? "x" : "y").append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("uneven.csv"), csv);
        String[] base = {"train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=t",
            "--cell", "rnn", "--hidden", "3", "--epochs", "1", "--batch", "16", "--quiet"};
        Run random1 = run(TrainEvaluatePredictTest.concat(base, "--out", dir.resolve("r").toString()));
        assertThat(random1.code()).as(random1.err()).isZero();
        assertThat(random1.err()).containsPattern("train: note: each minibatch pads its sequences to its longest: with lengths \\d+-\\d+, "
                + "\\d+% of the steps the model computes are padding \\(time and memory\\); --batching by-length draws minibatches of "
                + "similar lengths \\(\\d+% padding here\\)");
        assertThat(Json.mapper().readTree(dir.resolve("r/config.json").toFile()).at("/training/lengthBatches").asBoolean()).isFalse();

        Run sorted = run(TrainEvaluatePredictTest.concat(base, "--batching", "by-length", "--out", dir.resolve("b").toString()));
        assertThat(sorted.code()).as(sorted.err()).isZero();
        assertThat(sorted.err()).contains("train: note: minibatches of similar lengths (--batching by-length): ");
        // the trainer draws other minibatches: another loss than the random minibatches' of the same seed
        assertThat(Json.mapper().readTree(dir.resolve("b/results.json").toFile()).at("/history/0/trainLoss").asDouble())
                .isNotEqualTo(Json.mapper().readTree(dir.resolve("r/results.json").toFile()).at("/history/0/trainLoss").asDouble());
        JsonNode config = Json.mapper().readTree(dir.resolve("b/config.json").toFile());
        assertThat(config.at("/training/lengthBatches").asBoolean()).as(config.toString()).isTrue();
        // its config trains it again the same way
        Run again = run("train", "--config", dir.resolve("b/config.json").toString(), "--quiet", "--out", dir.resolve("b2").toString());
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode first = Json.mapper().readTree(dir.resolve("b/results.json").toFile());
        JsonNode second = Json.mapper().readTree(dir.resolve("b2/results.json").toFile());
        assertThat(second.get("test").get("confusion")).isEqualTo(first.get("test").get("confusion"));
        assertThat(second.get("history").get(0).get("trainLoss").asDouble()).isEqualTo(first.get("history").get(0).get("trainLoss").asDouble())
                .isPositive();

        Run bad = run(TrainEvaluatePredictTest.concat(base, "--batching", "sorted", "--out", dir.resolve("x").toString()));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--batching sorted is unknown (expected random or by-length)");
    }
}
