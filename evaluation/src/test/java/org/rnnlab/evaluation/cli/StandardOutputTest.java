package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A command whose results cannot be written to standard output ({@code > /dev/full}) fails with exit 1
 * and says so on standard error, instead of reporting success: PrintWriter and PrintStream only record
 * such errors.
 */
class StandardOutputTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path texts;

    /** Standard output on a full disk: every write fails as on /dev/full. */
    static final class Full extends OutputStream {
        int writes;

        @Override
        public void write(int b) throws IOException {
            writes++;
            throw new IOException("No space left on device");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writes++;
            throw new IOException("No space left on device");
        }
    }

    record Run(int code, int failedWrites, String err) {
    }

    static Run onFullDisk(String... args) {
        CommandLine cl = Main.commandLine();
        Full full = new Full();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(full, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, full.writes, err.toString());
    }

    @BeforeAll
    static void trainATinyModel() throws IOException {
        Path run = dir.resolve("run");
        TrainEvaluatePredictTest.Run train = TrainEvaluatePredictTest.run("train", "--dataset", "agreement", "--set", "trainSize=60",
                "--set", "validationSize=20", "--set", "testSize=20", "--set", "maxDistance=4", "--cell", "rnn", "--hidden", "4",
                "--epochs", "1", "--quiet", "--out", run.toString());
        assertThat(train.code()).as(train.err()).isZero();
        model = run.resolve("model.rnnlab");
        texts = Files.writeString(dir.resolve("texts.txt"), "the writer of the books\nthe doctors\n");
    }

    @Test
    void predictFailsWhenItsCsvCannotBeWritten() {
        TrainEvaluatePredictTest.Run ok = TrainEvaluatePredictTest.run("predict", "--model", model.toString(), "--input", texts.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out().lines()).hasSize(3);
        assertThat(ok.err()).contains("predict: 2 sequence(s) classified");

        Run full = onFullDisk("predict", "--model", model.toString(), "--input", texts.toString());
        assertThat(full.failedWrites()).as("the CSV was written (and lost)").isPositive();
        assertThat(full.code()).isEqualTo(1);
        assertThat(full.err()).contains("rnnlab predict: writing standard output failed (a full disk, or the reader closed the pipe)")
                .doesNotContain("classified");
    }

    @Test
    void evaluateFailsWhenItsJsonCannotBeWritten() {
        String[] args = {"evaluate", "--model", model.toString(), "--dataset", "agreement", "--set", "trainSize=60", "--set",
            "validationSize=20", "--set", "testSize=20", "--set", "maxDistance=4", "--json"};
        TrainEvaluatePredictTest.Run ok = TrainEvaluatePredictTest.run(args);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("\"accuracy\"");

        Run full = onFullDisk(args);
        assertThat(full.failedWrites()).isPositive();
        assertThat(full.code()).isEqualTo(1);
        assertThat(full.err()).contains("rnnlab evaluate: writing standard output failed (a full disk, or the reader closed the pipe)");
    }

    @Test
    void everyCommandIsChecked() {
        Run help = onFullDisk("export", "--help");
        assertThat(help.code()).isEqualTo(1);
        assertThat(help.err()).isEqualTo("rnnlab export: writing standard output failed (a full disk, or the reader closed the pipe)" + System.lineSeparator());
        Run version = onFullDisk("--version");
        assertThat(version.code()).isEqualTo(1);
        assertThat(version.err()).startsWith("rnnlab: writing standard output failed");
        Run example = onFullDisk("data", "example", "--out", dir.resolve("example").toString());
        assertThat(example.code()).isEqualTo(1);
        assertThat(example.err()).contains("rnnlab example: writing standard output failed");
    }

    /** picocli's own writer wraps System.out in a Writer: the failure is then recorded by System.out alone. */
    @Test
    void aFailureRecordedOnlyBySystemOutCounts() {
        PrintStream saved = System.out;
        Full full = new Full();
        int code;
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(full, true));
            CommandLine cl = Main.commandLine(); // its writer: picocli's default, over the System.out of now
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute("--version");
        } finally {
            System.setOut(saved);
        }
        assertThat(full.writes).isPositive();
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("rnnlab: writing standard output failed (a full disk, or the reader closed the pipe)");
        assertThat(Main.commandLine().execute("--version")).as("a working standard output").isZero();
    }
}
