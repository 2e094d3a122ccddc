package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * train, predict and evaluate read a gzip-compressed CSV file as the text it holds, told by its first bytes (trial 78c F6: a
 * 541 MB file kept as 155 MB of gzip was refused by train, to be unpacked first): the same model and the same predictions as
 * from the plain file.
 */
class GzipInputCliTest {

    @TempDir
    static Path dir;

    private static Path gzip(Path plain) throws Exception {
        Path gz = dir.resolve(plain.getFileName() + ".gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }
        return gz;
    }

    @Test
    void trainPredictAndEvaluateReadGzipFilesAsThePlainOnes() throws Exception {
        String[] fleet = {"P-101", "P-102", "P-103", "P-104"};
        Path plain = Files.writeString(dir.resolve("fleet.csv"), FeatureDriftTest.vibration(fleet, 16, null, 0, 70));
        Path gz = gzip(plain);
        Run fromGzip = run("train", "--dataset", "csv", "--train", gz.toString(), "--set", "group=machine", "--hidden", "4",
                "--epochs", "1", "--quiet", "--out", dir.resolve("gz").toString());
        assertThat(fromGzip.code()).as(fromGzip.err()).isZero();
        String model = dir.resolve("gz").resolve("model.rnnlab").toString();

        Path fresh = Files.writeString(dir.resolve("fresh.csv"), FeatureDriftTest.vibration(new String[] {"P-110"}, 8, null, 0, 71));
        Run plainPredicted = run("predict", "--model", model, "--input", fresh.toString());
        Run gzPredicted = run("predict", "--model", model, "--input", gzip(fresh).toString());
        assertThat(gzPredicted.code()).as(gzPredicted.err()).isZero();
        assertThat(gzPredicted.out()).isEqualTo(plainPredicted.out()).contains("P-110-w2");
        Run plainScored = run("evaluate", "--model", model, "--input", fresh.toString());
        Run gzScored = run("evaluate", "--model", model, "--input", gzip(fresh).toString());
        assertThat(gzScored.code()).as(gzScored.err()).isZero();
        assertThat(gzScored.out()).contains("fresh.csv.gz (8 scored)") // the same scores, the file named as given
                .isEqualTo(plainScored.out().replace("fresh.csv (8 scored)", "fresh.csv.gz (8 scored)"));
    }
}
