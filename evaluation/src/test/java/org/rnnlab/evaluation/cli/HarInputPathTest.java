package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's try with a model trained on UCI HAR: {@code predict --input "UCI HAR Dataset/test"} said "no .csv files in the
 * folder", and a signal file said "looks like text"; the folder the model reads is the UCI HAR folder itself.
 */
class HarInputPathTest {

    @Test
    void thePartsOfAUciHarFolderLeadToTheFolder(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("UCI HAR Dataset");
        Path signals = Files.createDirectories(root.resolve("test").resolve("Inertial Signals"));
        Path signal = Files.writeString(signals.resolve("body_acc_x_test.txt"), " 1.0e-004 2.0e-004\n");
        Path labels = Files.writeString(root.resolve("test").resolve("y_test.txt"), "1\n");
        assertThat(PredictCommand.isHarFolder(root)).isTrue();
        assertThat(PredictCommand.harRootAbove(root.resolve("test"))).isEqualTo(root.toAbsolutePath());
        assertThat(PredictCommand.harRootAbove(signals)).isEqualTo(root.toAbsolutePath());
        assertThat(PredictCommand.harRootAbove(signal)).isEqualTo(root.toAbsolutePath());
        assertThat(PredictCommand.harRootAbove(labels)).isEqualTo(root.toAbsolutePath());
        assertThat(PredictCommand.harRootAbove(root)).isNull(); // the folder itself is read as it is
        Path csv = Files.writeString(Files.createDirectories(tmp.resolve("mine")).resolve("w1.csv"), "a,b\n1,2\n");
        assertThat(PredictCommand.harRootAbove(csv)).isNull();
        assertThat(PredictCommand.harRootAbove(Path.of("-"))).isNull();
    }
}
