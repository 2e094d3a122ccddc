package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails to write a file (a trial's 300 KB tmpfs: "rnnlab train: No space left on device", the folder left with a
 * checkpoint and no model) says, when it has a checkpoint, that it is kept and which --resume continues it.
 */
class FullDiskMessagesTest {

    @Test
    void aFailedWriteOfARunWithACheckpointSaysHowToResume(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("my run");
        IOException full = new IOException("cannot write " + run.resolve("model.rnnlab") + ": No space left on device");
        // no checkpoint: nothing to resume, the failure is passed on as it is
        Files.createDirectories(run.resolve("checkpoints"));
        assertThat(TrainCommand.resumable(run, full)).isSameAs(full);
        Files.writeString(run.resolve("checkpoints").resolve("checkpoint.zip"), "x");
        IOException said = TrainCommand.resumable(run, full);
        assertThat(said).hasMessage(full.getMessage() + "; the run's checkpoint is kept: once space is freed (or the cause is "
                + "fixed), continue with: rnnlab train --resume '" + run.toAbsolutePath() + "'").hasCause(full);
    }
}
