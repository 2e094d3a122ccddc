package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;

/**
 * A feature measured in small units (microvolts: deviation about 1e-6) is learnt as in large ones: a user's trial found
 * it divided by 1 instead of its deviation (ND4J's guard against zero deviations), so the network saw about 0, and the
 * model file stored deviation 1.
 */
class TinyScaleFeatureTest {

    /** 300 sequences of 20 steps whose class is only in x = scale * (N(0,1) + 2 * class); noise ~ N(0,1). */
    private static Path data(Path dir, double scale) throws Exception {
        Random r = new Random(3);
        StringBuilder sb = new StringBuilder("seq,t,x,noise,label\n");
        for (int i = 0; i < 300; i++) {
            int c = i % 2;
            for (int t = 0; t < 20; t++) {
                sb.append(String.format(Locale.ROOT, "q%d,%d,%.6e,%.5f,%s%n", i, t, scale * (r.nextGaussian() + 2.0 * c),
                        r.nextGaussian(), c == 1 ? "hi" : "lo"));
            }
        }
        return Files.writeString(dir.resolve("tiny.csv"), sb.toString());
    }

    @Test
    void aFeatureInMicroUnitsIsLearntAndStoredWithItsOwnDeviation(@TempDir Path dir) throws Exception {
        Path csv = data(dir, 1e-6);
        Path out = dir.resolve("run");
        Run r = run("train", "--dataset", "csv", "--train", csv.toString(), "--set", "sequenceId=seq", "--set", "time=t",
                "--cell", "gru", "--hidden", "8", "--epochs", "8", "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        // before: 0.36 (chance 0.5); the same data at scale 1 gave 1.00
        assertThat(results.path("test").path("metrics").path("ACCURACY").asDouble()).as(r.err()).isGreaterThan(0.9);
        SequenceClassifier model = ModelBundle.load(out.resolve("model.rnnlab"));
        double std = model.normalizer().getStd().getDouble(0);
        assertThat(std).as("x's stored deviation (about 1.4e-6: N(0,1) and the class's shift of 2, times 1e-6)")
                .isBetween(1.2e-6, 1.6e-6);
    }
}
