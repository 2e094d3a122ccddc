package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.training.Checkpoint;

/** Ctrl-C on a real {@code rnnlab train} process: it writes a checkpoint, exits 130, and --resume finishes the run. */
class TrainSigintTest {

    @Test
    void sigintWritesACheckpointAndTheRunResumes(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
                "--dataset", "agreement", "--set", "trainSize=6000", "--set", "validationSize=50", "--set", "testSize=50",
                "--cell", "lstm", "--hidden", "16", "--epochs", "8", "--checkpoint-every", "0", "--checkpoint-minutes", "0",
                "--quiet", "--out", run.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && child.isAlive() && !Files.exists(run.resolve("config.json"))) {
                Thread.sleep(50);
            }
            Thread.sleep(2500); // into training: the stop comes after the current minibatch, wherever that is
            assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start().waitFor()).isZero();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("child.log"));
        assertThat(child.exitValue()).as(log).isEqualTo(130);
        assertThat(log).contains("training stopped at epoch").contains("--resume");
        long iteration = Checkpoint.read(run.resolve("checkpoints")).state().progress().iteration();
        assertThat(iteration).isPositive();
        assertThat(run.resolve("model.rnnlab")).doesNotExist();

        TrainEvaluatePredictTest.Run resumed = TrainEvaluatePredictTest.run("train", "--resume", run.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(run.resolve("model.rnnlab")).isRegularFile();
    }

    /**
     * Ctrl-C after the last epoch, while the test split is scored: the run completes, says so and exits 0, not 130, which
     * a script reads as "interrupted: --resume", and --resume refuses a finished run (a trial's script).
     */
    @Test
    void sigintAfterTheLastEpochEndsTheCompleteRunWithZero(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
                "--dataset", "agreement", "--set", "trainSize=200", "--set", "validationSize=50", "--set", "testSize=30000",
                "--cell", "lstm", "--hidden", "8", "--epochs", "1", "--out", run.toString());
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // the epoch's line comes before the 30,000 test sequences are scored: the signal lands after training
            while (System.nanoTime() < deadline && child.isAlive() && !Files.readString(log).contains("train epoch 1:")) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("still scoring the test split").isTrue();
            assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start().waitFor()).isZero();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(out).contains("train: stopped after training had finished: the model and results are complete");
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(run.resolve("model.rnnlab")).isRegularFile();
        assertThat(run.resolve("results.json")).isRegularFile();
    }
}
