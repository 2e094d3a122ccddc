package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * predict labels a two-class model's sequences at a cut-off when given one with its class (a fraud trial had to cut the
 * p_ column by hand); the probabilities are unchanged.
 */
class PredictThresholdTest {

    @TempDir
    static Path dir;

    static Path data;
    static String model;

    @BeforeAll
    static void trained() throws Exception {
        StringBuilder csv = new StringBuilder("id,a,label\n");
        for (int s = 0; s < 16; s++) {
            for (int t = 0; t < 4; t++) {
                csv.append(String.format(Locale.ROOT, "s%d,%.2f,%s%n", s, (s % 4 == 0 ? 1 : -1) * (1 + 0.1 * t), s % 4 == 0 ? "fraud" : "legit"));
            }
        }
        data = Files.writeString(dir.resolve("d.csv"), csv);
        Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--hidden", "4", "--epochs", "1", "--quiet", "--out", dir.resolve("run").toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        model = dir.resolve("run").resolve("model.rnnlab").toString();
    }

    @Test
    void aCutOffLabelsByThePositiveClassProbabilityAndLeavesTheProbabilities() {
        Run plain = run("predict", "--model", model, "--input", data.toString(), "--digits", "9");
        assertThat(plain.code()).as(plain.err()).isZero();
        Run low = run("predict", "--model", model, "--input", data.toString(), "--digits", "9", "--threshold", "0.000001",
                "--positive", "fraud");
        assertThat(low.code()).as(low.err()).isZero();
        List<String> lowRows = low.out().lines().skip(1).toList();
        assertThat(lowRows).hasSize(16).allSatisfy(r -> assertThat(r.split(",")[1]).isEqualTo("fraud"));
        Run high = run("predict", "--model", model, "--input", data.toString(), "--digits", "9", "--threshold", "0.999999",
                "--positive", "fraud");
        assertThat(high.out().lines().skip(1)).allSatisfy(r -> assertThat(r.split(",")[1]).isEqualTo("legit"));
        // the same probability columns as without a cut-off
        List<String> plainRows = plain.out().lines().skip(1).toList();
        for (int i = 0; i < plainRows.size(); i++) {
            String[] a = plainRows.get(i).split(",");
            String[] b = lowRows.get(i).split(",");
            assertThat(b[2]).isEqualTo(a[2]);
            assertThat(b[3]).isEqualTo(a[3]);
        }
    }

    @Test
    void aCutOffNeedsItsClassAndTwoClasses() {
        Run unnamed = run("predict", "--model", model, "--input", data.toString(), "--threshold", "0.3");
        assertThat(unnamed.code()).isEqualTo(2);
        assertThat(unnamed.err()).contains("--threshold needs --positive LABEL, the class it applies to ('fraud' or 'legit')");
        Run alone = run("predict", "--model", model, "--input", data.toString(), "--positive", "fraud");
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.err()).contains("--positive applies with --threshold P");
        Run unknown = run("predict", "--model", model, "--input", data.toString(), "--threshold", "0.3", "--positive", "spam");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--positive 'spam' is none of the model's labels [fraud, legit]");
        Run range = run("predict", "--model", model, "--input", data.toString(), "--threshold", "1", "--positive", "fraud");
        assertThat(range.code()).isEqualTo(2);
        assertThat(range.err()).contains("--threshold must be");
    }
}
