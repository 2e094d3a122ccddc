package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/** A model far larger than its training data is said to be (a keyword trial's 3.2 million parameters for 60 sequences). */
class OversizedModelTest {

    @TempDir
    Path dir;

    /** {@code count} sequences of 5 steps and 2 features, labels alternating. */
    private Path sequences(String name, int count) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("id,a,b,label\n");
        for (int s = 0; s < count; s++) {
            for (int t = 0; t < 5; t++) {
                csv.append(String.format(Locale.ROOT, "s%d,%.2f,%.2f,%s%n", s, Math.sin(s + t), Math.cos(s * t), s % 2 == 0 ? "x" : "y"));
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void aModelOfMoreThanTenThousandParametersPerTrainingSequenceIsWarnedOf() throws Exception {
        Path file = sequences("small.csv", 12);
        Run big = run("train", "--dataset", "csv", "--train", file.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--set", "validationFraction=0", "--set", "testFraction=0", "--hidden", "256", "--epochs", "1", "--quiet",
                "--out", dir.resolve("big").toString());
        assertThat(big.code()).as(big.err()).isZero();
        assertThat(big.err()).contains("train: warning: the model has 265,730 parameters for 12 training sequences (22,144 per sequence)",
                "it can learn them by heart", "without validation data nothing says how it does on others");
        Run small = run("train", "--dataset", "csv", "--train", file.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--set", "validationFraction=0", "--set", "testFraction=0", "--hidden", "8", "--epochs", "1", "--quiet",
                "--out", dir.resolve("small").toString());
        assertThat(small.code()).as(small.err()).isZero();
        assertThat(small.err()).doesNotContain("by heart");
    }

    @Test
    void compareNamesTheConfigurationsThatAreTooLarge() throws Exception {
        Path file = sequences("forty.csv", 40);
        // hidden 512: an LSTM of about a million parameters for the 28 training sequences, an RNN of about 263,000 (under 10,000 each)
        Run compare = run("compare", "--dataset", "csv", "--train", file.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--cells", "lstm,rnn", "--hidden", "512", "--seeds", "1", "--epochs", "1", "--probe", "0", "--quiet",
                "--out", dir.resolve("cmp").toString());
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.err()).containsPattern("compare: warning: lstm: the model has [\\d,]+ parameters for 28 training sequences")
                .contains("it can learn them by heart").doesNotContain("warning: rnn").doesNotContain("warning: lstm, rnn");
    }
}
