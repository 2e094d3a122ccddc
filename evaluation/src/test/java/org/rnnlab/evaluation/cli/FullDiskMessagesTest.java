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

    /**
     * Trial 79b F2: the checkpoint's own write failed on a full disk ("cannot write checkpoint to DIR/checkpoints: ...") beside
     * the epoch-2 checkpoint, which its resume continued byte-identically; the message said only "free space there, or write
     * elsewhere".
     */
    @Test
    void aFailedCheckpointWriteBesideAnEarlierCheckpointSaysHowToResume(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("D1");
        Path checkpoints = run.resolve("checkpoints");
        java.io.UncheckedIOException full = new java.io.UncheckedIOException("cannot write checkpoint to " + checkpoints + ": cannot "
                + "write " + checkpoints.resolve("checkpoint.zip") + ": No space left on device (the device holding " + checkpoints
                + " is full or over quota: free space there, or write elsewhere; nothing was half-written)",
                new IOException("No space left on device"));
        Files.createDirectories(checkpoints);
        assertThat(TrainCommand.resumable(run, full)).as("no earlier checkpoint: nothing to resume").isSameAs(full);
        Files.writeString(checkpoints.resolve("checkpoint.zip"), "x");
        assertThat(TrainCommand.resumable(run, full)).hasMessage(full.getMessage() + "; the run's earlier checkpoint is kept: once "
                + "space is freed (or the cause is fixed), continue from it with: rnnlab train --resume " + run.toAbsolutePath())
                .hasCause(full.getCause());
    }

    /**
     * A real {@code rnnlab train} whose epoch-end checkpoint cannot be written: a file-size limit ({@code ulimit -f}, which the
     * JVM meets as "File too large") between the size of a minibatch checkpoint and that of the epoch's, which adds the best
     * epoch's parameters. The run stops with its minibatch checkpoint kept and says which --resume continues it; that resume
     * finishes the run.
     */
    @Test
    void aTrainWhoseNextCheckpointCannotBeWrittenSaysHowToResumeFromTheEarlierOne(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash here for ulimit");
        org.rnnlab.datasets.synthetic.ExampleArchive.write(dir, 12, 4, 3);
        java.util.List<String> train = java.util.List.of("train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(),
                "--set", "sequenceId=series_id", "--set", "time=timestamp", "--set", "label=class", "--hidden", "32", "--epochs", "2",
                "--patience", "0", "--checkpoint-every", "1", "--checkpoint-minutes", "0", "--quiet");
        // the sizes, from the same run here: its last checkpoint holds the best epoch's parameters, a minibatch's of epoch 1 not
        java.util.List<String> sized = new java.util.ArrayList<>(train);
        sized.addAll(java.util.List.of("--out", dir.resolve("sized").toString()));
        TrainEvaluatePredictTest.Run whole = TrainEvaluatePredictTest.run(sized.toArray(String[]::new));
        assertThat(whole.code()).as(whole.err()).isZero();
        Path zip = dir.resolve("sized/checkpoints/checkpoint.zip");
        long best;
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            best = z.getEntry("best-params.bin").getCompressedSize();
        }
        long limitKb = (Files.size(zip) - best / 2) / 1024;

        Path run = dir.resolve("full");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/bin/bash", "-c", "ulimit -f \"$0\" && exec \"$@\"",
                String.valueOf(limitKb), Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(train);
        command.addAll(java.util.List.of("--out", run.toString()));
        Path log = dir.resolve("child.log"); // under the limit too: a few lines
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(log);
        assertThat(child.exitValue()).as(said).isEqualTo(1);
        assertThat(said).contains("rnnlab train: cannot write checkpoint to " + run.resolve("checkpoints"), "File too large",
                "; the run's earlier checkpoint is kept: once space is freed (or the cause is fixed), continue from it with: rnnlab "
                + "train --resume " + run.toAbsolutePath());
        org.rnnlab.training.TrainingState kept = org.rnnlab.training.Checkpoint.readState(run.resolve("checkpoints"));
        assertThat(kept.progress().epoch()).as("a minibatch checkpoint of epoch 1").isEqualTo(1);
        assertThat(kept.progress().batchesDone()).isPositive();

        TrainEvaluatePredictTest.Run resumed = TrainEvaluatePredictTest.run("train", "--resume", run.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(run.resolve("model.rnnlab")).isRegularFile();
    }
}
