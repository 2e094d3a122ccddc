package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * The folder layout (one CSV file per recording plus a labels file) as a fresh-user trial met it from the command line: an
 * empty recording among the others.
 */
class FolderLayoutCliTest {

    @TempDir
    static Path dir;
    static Path model;

    /** {@code n} recordings rec_01.csv ... of 8 steps, 'high' (level 1) or 'low', with a labels.csv. */
    static Path recordings(Path folder, int n, long seed) throws Exception {
        Files.createDirectories(folder);
        Random r = new Random(seed);
        StringBuilder labels = new StringBuilder("file,label\n");
        for (int i = 1; i <= n; i++) {
            boolean high = i % 2 == 0;
            StringBuilder b = new StringBuilder("vib,temp\n");
            for (int t = 0; t < 8; t++) {
                b.append(String.format(Locale.ROOT, "%.4f,%.4f%n", (high ? 1 : 0) + 0.3 * r.nextGaussian(), r.nextGaussian()));
            }
            String name = String.format(Locale.ROOT, "rec_%02d.csv", i);
            Files.writeString(folder.resolve(name), b.toString());
            labels.append(name).append(',').append(high ? "high" : "low").append('\n');
        }
        Files.writeString(folder.resolve("labels.csv"), labels.toString());
        return folder;
    }

    @BeforeAll
    static void trainOnce() throws Exception {
        Path data = recordings(dir.resolve("recordings"), 30, 1);
        Files.writeString(data.resolve("rec_07.csv"), ""); // a recording the logger created and never wrote
        Run train = run("train", "--dataset", "csv", "--data", data.toString(), "--cell", "rnn", "--hidden", "3", "--epochs", "1",
                "--quiet", "--out", dir.resolve("run").toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(Files.readString(dir.resolve("run/data-warnings.txt"))).contains("rec_07.csv: empty file (0 bytes");
        assertThat(Files.readString(dir.resolve("run/splits.csv"))).doesNotContain("rec_07.csv");
        model = dir.resolve("run/model.rnnlab");
    }

    @Test
    void predictAndEvaluateSkipAnEmptyRecordingNameItAndExit4() throws Exception {
        Path batch = recordings(dir.resolve("batch"), 6, 2);
        Files.writeString(batch.resolve("rec_03.csv"), "");
        Run predict = run("predict", "--model", model.toString(), "--input", batch.toString());
        assertThat(predict.code()).as(predict.err()).isEqualTo(PredictCommand.EXIT_FILES_SKIPPED).isEqualTo(4);
        assertThat(predict.out().lines()).hasSize(6).noneMatch(l -> l.startsWith("rec_03.csv"));
        assertThat(predict.err()).contains("predict: 5 sequence(s) classified, 1 empty file(s) skipped, no prediction for them: "
                + "[rec_03.csv] (exit 4)");

        Run evaluate = run("evaluate", "--model", model.toString(), "--input", batch.toString());
        assertThat(evaluate.code()).as(evaluate.err()).isEqualTo(4);
        assertThat(evaluate.out()).contains("(5 scored, 1 empty file(s) skipped)");
        assertThat(evaluate.err()).contains("evaluate: warning: 1 empty file(s) skipped, not scored: [rec_03.csv] (exit 4)");

        Files.delete(batch.resolve("rec_03.csv"));
        Files.writeString(batch.resolve("labels.csv"), Files.readString(batch.resolve("labels.csv")).replace("rec_03.csv,low\n", ""));
        assertThat(run("predict", "--model", model.toString(), "--input", batch.toString()).code()).isZero();
    }

    @Test
    void valuesFilledInStandardInputAreSaidOfStandardInputNotOfATemporaryFolder() throws Exception {
        // a fresh-user trial: cat rec.csv | predict --input - warned "/tmp/rnnlab-input-697454936350641206: filled 1 missing value(s)"
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.rnnlab.datasets.csv.CsvSequenceDataset.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("vib,temp\n0.5,0.1\nNA,0.2\n0.7,0.3\n".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
            Run piped = run("predict", "--model", model.toString(), "--input", "-", "--missing", "ffill");
            assertThat(piped.code()).as(piped.err()).isZero();
        } finally {
            System.setIn(stdin);
            logger.detachAppender(logged);
        }
        assertThat(logged.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage))
                .anyMatch(m -> m.startsWith("csv: standard input: filled 1 missing value(s)"))
                .noneMatch(m -> m.contains("rnnlab-input-"));
    }
}
