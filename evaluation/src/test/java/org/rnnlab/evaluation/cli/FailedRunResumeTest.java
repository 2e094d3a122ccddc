package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A comparison stopped by a failed run says how many runs finished and are kept, and the resume command (a Spark trial's
 * failed grid printed only the error; Ctrl-C names the command); {@code --resume} then trains only the others.
 */
class FailedRunResumeTest {
    @TempDir
    Path dir;

    @Test
    void aFailedRunNamesTheKeptRunsAndTheResumeCommand() throws Exception {
        Path out = dir.resolve("grid");
        Run failed = run("compare", "--engine", "failsecond", "--cells", "rnn", "--hidden", "4", "--seeds", "2", "--epochs", "1",
                "--out", out.toString());
        assertThat(failed.code()).as(failed.err()).isNotZero();
        assertThat(failed.err()).contains("label map file not found")
                .contains("stopped by an error; 1 of 6 runs finished and are kept in " + out.resolve("runs"))
                .contains("After fixing its cause, continue with: rnnlab compare --resume " + out + " --engine failsecond");
        assertThat(Files.list(out.resolve("runs")).count()).isEqualTo(1);
        Run resumed = run("compare", "--resume", out.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.list(out.resolve("runs")).count()).isEqualTo(6);
    }
}
