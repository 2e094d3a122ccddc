package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * Values so large that the model's output is not a number (3e38, within the float range): a data failure, exit 1, naming
 * the sequence by its id. A user's trial: predict ended with exit 2 (a usage error to a script) naming "sequence 1" (its
 * 0-based place), and evaluate printed DL4J's "Cannot perform evaluation with NaNs present in predictions".
 */
class OutputNotANumberTest {

    @Test
    void predictAndEvaluateNameTheSequenceAndExitOne(@TempDir Path dir) throws Exception {
        ExampleArchive.write(dir, 6, 3, 2);
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(), "--set", "sequenceId=series_id",
                "--set", "time=timestamp", "--set", "label=class", "--cell", "gru", "--hidden", "4", "--epochs", "1", "--quiet",
                "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Path huge = Files.writeString(dir.resolve("huge.csv"), "series_id,timestamp,x,y,z,class\nq2,0,1,1,1,slow\n"
                + "q1,0,3e38,3e38,3e38,slow\nq1,1,-3e38,3e38,3e38,slow\n");
        String model = out.resolve("model.rnnlab").toString();
        Run predicted = run("predict", "--model", model, "--input", huge.toString());
        assertThat(predicted.code()).as(predicted.err()).isEqualTo(1);
        assertThat(predicted.err()).contains(huge + ": sequence 'q1' (number 2 of 2): the model's output is not a number")
                .doesNotContain("--help");
        Run evaluated = run("evaluate", "--model", model, "--input", huge.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isEqualTo(1);
        assertThat(evaluated.err()).contains("sequence 'q1': the model's output is not a number").doesNotContain("NaNs present");
    }
}
