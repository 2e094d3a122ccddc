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
 * Merchant category codes read as numbers: a code never seen in training is named by predict and evaluate (a trial's
 * unseen 9999 flagged 18 of 50 accounts as fraud, a seen code none, without a word); seen codes are not.
 */
class UnseenCodesTest {

    @TempDir
    Path dir;

    private static String accounts(int count, int[] codes, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("account,amount,mcc,label\n");
        for (int a = 0; a < count; a++) {
            for (int t = 0; t < 12; t++) {
                csv.append(String.format(Locale.ROOT, "a%d,%.2f,%d,%s%n", a, 20 + 10 * random.nextGaussian(),
                        codes[random.nextInt(codes.length)], a % 2 == 0 ? "fraud" : "legit"));
            }
        }
        return csv.toString();
    }

    @Test
    void anUnseenCodeIsNamedWithItsCountsAndTheTrainingCodes() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), accounts(30, new int[] {5411, 5812, 7995, 4111}, 1));
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=account", "--set",
                "time=none", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(Files.readString(out.resolve("data-warnings.txt"))).contains("'mcc' (4 values: 4111, 5411, 5812, 7995)");
        String model = out.resolve("model.rnnlab").toString();
        Path unseen = Files.writeString(dir.resolve("new.csv"), accounts(4, new int[] {5411, 9999}, 2));
        Run predicted = run("predict", "--model", model, "--input", unseen.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.err()).contains("code(s) never seen in training, in 1 feature(s)", "'mcc': 9999 (",
                "sequence(s)); its training codes: 4111, 5411, 5812, 7995", "scores an unseen one like its numeric neighbours");
        Run evaluated = run("evaluate", "--model", model, "--input", unseen.toString());
        assertThat(evaluated.err()).contains("'mcc': 9999 (");
        Path seen = Files.writeString(dir.resolve("seen.csv"), accounts(4, new int[] {5411, 7995}, 3));
        assertThat(run("predict", "--model", model, "--input", seen.toString()).err()).doesNotContain("never seen in training");
    }
}
