package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * {@code predict --output} on a device or pipe writes through it: a new file renamed onto {@code /dev/null} replaced the
 * device itself when run as root (a trial's). A named pipe stands in for {@code /dev/null}, so that a regression cannot
 * take the machine's.
 */
class PredictToPipeTest {

    @TempDir
    Path dir;

    @Test
    void predictionsGoThroughAPipeAndThePipeStaysOne() throws Exception {
        Path fifo = dir.resolve("predictions.pipe");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo here");
        StringBuilder csv = new StringBuilder("id,a,label\n");
        for (int s = 0; s < 8; s++) {
            for (int t = 0; t < 4; t++) {
                csv.append(String.format(Locale.ROOT, "s%d,%.2f,%s%n", s, Math.sin(s + t), s % 2 == 0 ? "x" : "y"));
            }
        }
        Path data = Files.writeString(dir.resolve("d.csv"), csv);
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Run predicted = run("predict", "--model", out.resolve("model.rnnlab").toString(), "--input", data.toString(), "--output",
                fifo.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(reader.get(60, TimeUnit.SECONDS)).startsWith("id,label,p_x,p_y,length_untested,far_from_training,far_reasons,constant_features,low_confidence\n").contains("\ns7,");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).as("still a pipe").isFalse();
        assertThat(Files.exists(fifo)).isTrue();
    }
}
