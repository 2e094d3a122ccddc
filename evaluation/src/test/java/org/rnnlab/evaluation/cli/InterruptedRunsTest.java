package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.training.Checkpoint;

/** Real {@code rnnlab} processes stopped the way users stop them: Ctrl-C during compare, SIGKILL during train. */
class InterruptedRunsTest {

    private static Process start(Path workDir, Path log, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void await(Process child, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive() && !condition.getAsBoolean()) {
            Thread.sleep(50);
        }
    }

    private static long files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void ctrlCDuringCompareKeepsFinishedRunsAndAPartialReportAndResumeFinishes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        Process child = start(dir, dir.resolve("child.log"), "compare", "--bands", "none", "--cells", "gru", "--seeds", "3", "--hidden", "8",
                "--epochs", "3", "--probe", "0", "--quiet", "--set", "trainSize=1500", "--set", "validationSize=50",
                "--set", "testSize=100", "--out", out.toString());
        try {
            await(child, () -> files(out.resolve("runs")) >= 1);
            assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start().waitFor()).isZero();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("child.log"));
        assertThat(child.exitValue()).as(log).isEqualTo(130);
        assertThat(log).contains("runs finished and kept in").contains("rnnlab compare --resume " + out);
        // the run in flight is lost and trained again (trial 79b F3: nothing said so); the next after the first kept one
        assertThat(log).containsPattern("; the run in progress \\(gru\\S* seed [23](, in its first epoch|, \\d epochs? trained)\\) is "
                + "not kept: --resume trains it again from the start\\. Continue with");
        long kept = files(out.resolve("runs"));
        assertThat(kept).isBetween(1L, 2L);
        assertThat(out.resolve("index.html")).isRegularFile();
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize((int) kept + 1);

        // the runs of one comparison share its --threads (one value in config.json and provenance.json): before, a resume with
        // --threads 2 trained the rest with 2 and recorded 1
        TrainEvaluatePredictTest.Run otherThreads = TrainEvaluatePredictTest.run("compare", "--resume", out.toString(), "--threads", "2");
        assertThat(otherThreads.code()).isEqualTo(2);
        assertThat(otherThreads.err()).contains("--threads 2 differs from the 1 this comparison's runs were trained with");
        assertThat(files(out.resolve("runs"))).isEqualTo(kept);
        TrainEvaluatePredictTest.Run resumed = TrainEvaluatePredictTest.run("compare", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains(kept + " of 3 runs already finished");
        // the resumed session is recorded beside the first (its command line, commit), as train --resume records it
        List<org.rnnlab.training.Provenance> sessions = org.rnnlab.evaluation.run.ResumeProvenance.read(out);
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).commandLine()).contains("--resume");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(4);
        // the wall time is the last session's: said so, not read as the whole comparison's
        assertThat(Files.readString(out.resolve("index.html"))).contains("Wall time of the last session (the comparison was resumed");
    }

    @Test
    void theInterruptLineSaysWhichRunsInFlightAreLost() {
        assertThat(CompareCommand.notKept(java.util.Map.of())).isEmpty();
        assertThat(CompareCommand.notKept(java.util.Map.of("lstm seed 2", 5))).isEqualTo("; the run in progress (lstm seed 2, 5 "
                + "epochs trained) is not kept: --resume trains it again from the start");
        assertThat(CompareCommand.notKept(java.util.Map.of("lstm seed 2", 1))).contains("(lstm seed 2, 1 epoch trained)");
        assertThat(CompareCommand.notKept(java.util.Map.of("lstm seed 2", 0))).contains("(lstm seed 2, in its first epoch)");
        assertThat(CompareCommand.notKept(java.util.Map.of("lstm seed 2 fold 3", -1))).contains("(lstm seed 2 fold 3) is not kept");
        java.util.Map<String, Integer> two = new java.util.LinkedHashMap<>();
        two.put("gru seed 1", 0);
        two.put("gru seed 2", 0);
        assertThat(CompareCommand.notKept(two)).isEqualTo("; the runs in progress (gru seed 1, gru seed 2) are not kept: --resume "
                + "trains them again from the start");
    }

    @Test
    void ctrlCWhileCompareReadsABigFileEndsTheLoadSaysSoAndWritesNothing(@TempDir Path dir) throws Exception {
        // 3,000 sequences of 100 steps: reading and checking them takes seconds, the signal comes as the loading starts
        Path csv = dir.resolve("big.csv");
        java.util.Random random = new java.util.Random(7);
        try (java.io.BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("series_id,timestamp,a,b,c,d,class\n");
            for (int s = 0; s < 3000; s++) {
                for (int t = 0; t < 100; t++) {
                    w.write(String.format(java.util.Locale.ROOT, "s%d,%d,%.4f,%.4f,%.4f,%.4f,k%d%n", s, t, random.nextGaussian(),
                            random.nextGaussian(), random.nextGaussian(), random.nextGaussian() + s % 3, s % 3));
                }
            }
        }
        Path out = dir.resolve("cmp");
        Path log = dir.resolve("child.log");
        Process child = start(dir, log, "compare", "--dataset", "csv", "--train", csv.toString(), "--set", "sequenceId=series_id",
                "--set", "time=timestamp", "--set", "label=class", "--cells", "gru", "--seeds", "1", "--hidden", "4", "--epochs", "1",
                "--quiet", "--out", out.toString());
        try {
            await(child, () -> {
                try {
                    return Files.readString(log).contains("compare: loading dataset csv");
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start().waitFor()).isZero();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String said = Files.readString(log);
        assertThat(child.exitValue()).as(said).isEqualTo(130);
        // said at once and at the end: before, the JVM exited unsaid
        assertThat(said).contains("compare: stop requested: ending the data's reading and checks; no run is started",
                "rnnlab compare: interrupted while loading the data; nothing was written");
        assertThat(out).doesNotExist();
    }

    @Test
    void aTrainRunStartedWithRelativePathsResumesAfterSigkill(@TempDir Path dir) throws Exception {
        ExampleArchive.write(dir.resolve("my-data"), 200, 5, 3);
        Process child = start(dir, dir.resolve("child.log"), "train", "--dataset", "csv", "--train", "my-data/TRAIN.csv",
                "--test", "my-data/TEST.csv", "--set", "sequenceId=series_id", "--set", "time=timestamp", "--set", "label=class",
                "--cell", "lstm", "--hidden", "16", "--epochs", "40", "--patience", "0", "--checkpoint-every", "2", "--quiet",
                "--out", "runs/r1");
        Path run = dir.resolve("runs/r1");
        try {
            await(child, () -> Checkpoint.exists(run.resolve("checkpoints")));
            Thread.sleep(300);
            assertThat(new ProcessBuilder("kill", "-KILL", String.valueOf(child.pid())).start().waitFor()).isZero();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isEqualTo(137);
        assertThat(run.resolve("model.rnnlab")).doesNotExist();
        // another --threads is refused, as for compare: before, the rest of the run used it while its records kept 1
        TrainEvaluatePredictTest.Run otherThreads = TrainEvaluatePredictTest.run("train", "--resume", run.toString(), "--threads", "2");
        assertThat(otherThreads.code()).isEqualTo(2);
        assertThat(otherThreads.err()).contains("--threads 2 differs from the 1 this run was trained with");
        // a config.json edited since the run started is refused: the checkpoint trains what the run started with, and the
        // record would describe a model never trained (a user's edit of hidden size and epochs was ignored unsaid)
        Path config = run.resolve("config.json");
        String original = Files.readString(config);
        Files.writeString(config, original.replaceFirst("\"hiddenSizes\" : \\[ 16 \\]", "\"hiddenSizes\" : [ 24 ]")
                .replaceFirst("\"epochs\" : 40", "\"epochs\" : 20"));
        assertThat(Files.readString(config)).isNotEqualTo(original);
        TrainEvaluatePredictTest.Run edited = TrainEvaluatePredictTest.run("train", "--resume", run.toString(), "--quiet");
        assertThat(edited.code()).as(edited.err()).isNotZero();
        assertThat(edited.err()).contains("its config.json differs from what the checkpoint trains",
                "hiddenSizes: config.json [24], checkpoint [16]", "epochs: config.json 20, checkpoint 40", "train --config");
        Files.writeString(config, original);
        // resumed from another working directory, with the run folder's absolute path
        TrainEvaluatePredictTest.Run resumed = TrainEvaluatePredictTest.run("train", "--resume", run.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(run.resolve("model.rnnlab")).isRegularFile();
        // the card says how the model was made, as the run was started (before: 'train --resume DIR --quiet' only, which
        // gave evaluate nothing to carve the test split again with)
        assertThat(org.rnnlab.training.ModelBundle.readCard(run.resolve("model.rnnlab")).provenance().commandLine())
                .contains("--train", "my-data/TRAIN.csv", "--epochs", "40").doesNotContain("--resume");
        try (Stream<Path> s = Files.list(run)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList()).isEmpty();
        }
    }
}
