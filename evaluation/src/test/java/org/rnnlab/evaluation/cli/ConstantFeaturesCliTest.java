package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * predict and evaluate name a sequence holding a feature at one value throughout where under 1% of the training sequences
 * did, also in a file of that one sequence (a radar trial's frozen tracker, one frame repeated 60 times, and a dead range
 * channel were answered confidently without a mark); the training data and normal new machines get no such word.
 */
class ConstantFeaturesCliTest {

    @TempDir
    static Path dir;

    @Test
    void aFrozenSensorIsNamedByPredictAndEvaluateAndNormalDataAreNot() throws Exception {
        String[] fleet = {"P-101", "P-102", "P-103", "P-104"};
        Path trainCsv = Files.writeString(dir.resolve("fleet.csv"), FeatureDriftTest.vibration(fleet, 16, null, 0, 70));
        Path out = dir.resolve("vib");
        Run trained = run("train", "--dataset", "csv", "--train", trainCsv.toString(), "--set", "group=machine", "--hidden", "4",
                "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = out.resolve("model.rnnlab").toString();
        assertThat(org.rnnlab.training.ModelBundle.readCard(out.resolve("model.rnnlab")).trainingRange().constantShare())
                .containsExactly(0f, 0f);

        // a new machine's windows, one of them a frozen acc_x (the same reading at every step)
        List<String> lines = FeatureDriftTest.vibration(new String[] {"P-110"}, 8, null, 0, 71).lines().toList();
        StringBuilder b = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            if (c[0].equals("P-110-w2")) {
                c[2] = "0.01234";
            }
            b.append(String.join(",", c)).append('\n');
        }
        Path fresh = Files.writeString(dir.resolve("fresh.csv"), b);
        Run predicted = run("predict", "--model", model, "--input", fresh.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.err()).contains("predict: warning: 1 of the 8 sequences hold a feature at one value over all their "
                + "steps, which under 1% of the training sequences did: 'P-110-w2' ('acc_x_g'): a frozen sensor or tracker");
        Run evaluated = run("evaluate", "--model", model, "--input", fresh.toString());
        assertThat(evaluated.err()).contains("evaluate: warning: 1 of the 8 sequences hold a feature at one value");
        // the frozen window alone, a file of one sequence: still named
        Path alone = Files.writeString(dir.resolve("alone.csv"), lines.get(0) + "\n" + String.join("\n", b.toString().lines()
                .filter(l -> l.startsWith("P-110-w2,")).toList()) + "\n");
        assertThat(run("predict", "--model", model, "--input", alone.toString()).err()).contains("1 of the 1 sequences hold a feature");
        // the training file and a normal new machine: no word
        assertThat(run("predict", "--model", model, "--input", trainCsv.toString()).err()).doesNotContain("at one value over all");
        Path normal = Files.writeString(dir.resolve("normal.csv"), FeatureDriftTest.vibration(new String[] {"P-111"}, 8, null, 0, 72));
        assertThat(run("predict", "--model", model, "--input", normal.toString()).err()).doesNotContain("at one value over all");
    }
}
