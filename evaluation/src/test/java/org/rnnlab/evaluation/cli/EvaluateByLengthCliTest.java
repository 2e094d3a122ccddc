package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * Scores by length for lengths within 10 times of each other (a greenhouse trial's complete days against days with hours
 * missing): left out with a note saying so, given by the lengths' quartiles with {@code --by-length}, which applies to
 * {@code --input} only.
 */
class EvaluateByLengthCliTest {

    @TempDir
    Path dir;

    /** Sequences of 20 to 27 steps (s % 8 + 20), the label by the sign of the level. */
    private static String days(int count) {
        StringBuilder csv = new StringBuilder("day_id,t,temp,label\n");
        for (int s = 0; s < count; s++) {
            for (int t = 0; t < 20 + s % 8; t++) {
                csv.append(String.format(Locale.ROOT, "d%d,%d,%.2f,%s%n", s, t, (s % 2 == 0 ? 1 : -1) + 0.1 * (t % 3),
                        s % 2 == 0 ? "warm" : "cold"));
            }
        }
        return csv.toString();
    }

    @Test
    void lengthsOfANarrowSpanAreLeftOutWithANoteAndGivenByQuartileWhenAsked() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), days(40));
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=day_id", "--set",
                "time=t", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = out.resolve("model.rnnlab").toString();
        Path next = Files.writeString(dir.resolve("next.csv"), days(16));
        Run plain = run("evaluate", "--model", model, "--input", next.toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("scores by sequence length: not shown (the lengths differ less than 10 times")
                .contains("--by-length shows them");
        Run asked = run("evaluate", "--model", model, "--input", next.toString(), "--by-length");
        assertThat(asked.code()).as(asked.err()).isZero();
        // 16 sequences of 20-27 steps, two of each: the quartiles start at 20, 22, 24, 26
        assertThat(asked.out()).contains("scores by sequence length (steps, in bins at the quartiles of the lengths 20 to 27")
                .containsPattern("\n  20-21 +4 ").containsPattern("\n  22-23 +4 ").containsPattern("\n  26-27 +4 ");
        Run json = run("evaluate", "--model", model, "--input", next.toString(), "--by-length", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode byLength = org.rnnlab.core.Json.mapper().readTree(json.out()).get("byLength");
        assertThat(byLength.get("binning").asText()).isEqualTo("quartiles");
        assertThat(byLength.get("bins")).hasSize(4);
        Run noInput = run("evaluate", "--model", model, "--dataset", "csv", "--train", train.toString(), "--by-length");
        assertThat(noInput.code()).isNotZero();
        assertThat(noInput.err()).contains("--by-length scores a CSV file given with --input");
    }
}
