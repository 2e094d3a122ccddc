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
    void aModelOfThreeClassesTakesACutOffOfOneClassAgainstTheRest() throws Exception {
        // a plants trial scored an alarm on p(imminent_failure) of a 4-class model with evaluate, and predict refused to write it
        StringBuilder csv = new StringBuilder("id,a,label\n");
        String[] classes = {"ok", "worn", "failing"};
        for (int s = 0; s < 18; s++) {
            for (int t = 0; t < 4; t++) {
                csv.append(String.format(Locale.ROOT, "s%d,%.2f,%s%n", s, (s % 3 - 1) * (1 + 0.1 * t), classes[s % 3]));
            }
        }
        Path three = Files.writeString(dir.resolve("three.csv"), csv);
        Run trained = run("train", "--dataset", "csv", "--train", three.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--hidden", "4", "--epochs", "1", "--quiet", "--out", dir.resolve("three").toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String m = dir.resolve("three").resolve("model.rnnlab").toString();
        Run plain = run("predict", "--model", m, "--input", three.toString(), "--digits", "17");
        assertThat(plain.code()).as(plain.err()).isZero();
        List<String> header = List.of(plain.out().lines().findFirst().orElseThrow().split(","));
        int failing = header.indexOf("p_failing");
        for (double p : new double[] {0.2, 0.34, 0.5}) {
            Run cut = run("predict", "--model", m, "--input", three.toString(), "--digits", "17", "--threshold", Double.toString(p),
                    "--positive", "failing");
            assertThat(cut.code()).as(cut.err()).isZero();
            List<String> plainRows = plain.out().lines().skip(1).toList();
            List<String> cutRows = cut.out().lines().skip(1).toList();
            assertThat(cutRows).hasSize(18);
            for (int i = 0; i < plainRows.size(); i++) {
                String[] a = plainRows.get(i).split(",");
                String[] b = cutRows.get(i).split(",");
                double[] probabilities = new double[3];
                for (int c = 0; c < 3; c++) {
                    probabilities[c] = Double.parseDouble(a[2 + c]);
                    assertThat(b[2 + c]).isEqualTo(a[2 + c]);
                }
                String expected;
                if (Double.parseDouble(a[failing]) >= p) {
                    expected = "failing";
                } else {
                    int best = -1;
                    for (int c = 0; c < 3; c++) {
                        if (c != failing - 2 && (best < 0 || probabilities[c] > probabilities[best])) {
                            best = c;
                        }
                    }
                    expected = header.get(2 + best).substring(2);
                }
                assertThat(b[1]).as("row %d at %s", i, p).isEqualTo(expected);
            }
        }
        Run unnamed = run("predict", "--model", m, "--input", three.toString(), "--threshold", "0.3");
        assertThat(unnamed.code()).isEqualTo(2);
        assertThat(unnamed.err()).contains("--threshold needs --positive LABEL, the class it applies to (one of [");
    }

    @Test
    void aCutOffNeedsItsClass() {
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
