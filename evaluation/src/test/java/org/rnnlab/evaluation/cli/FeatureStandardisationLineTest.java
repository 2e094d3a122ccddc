package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * train and compare say in one line that they standardise the features (which statistics, fitted on which split, of how
 * many features) and record it in provenance.json ({@code featureStandardisation}); before, nothing in a run's output said
 * the features were standardised at all.
 */
class FeatureStandardisationLineTest {

    @TempDir
    Path dir;

    private Path data() throws Exception {
        Random r = new Random(4);
        StringBuilder b = new StringBuilder("sequence_id,a,b,label\n");
        for (int s = 0; s < 40; s++) {
            boolean up = s % 2 == 0;
            for (int t = 0; t < 4; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%.4f,%.4f,%s%n", s, (up ? 1 : 0) + r.nextGaussian(), 100 + r.nextGaussian(),
                        up ? "up" : "down"));
            }
        }
        return Files.writeString(dir.resolve("two.csv"), b.toString());
    }

    @Test
    void trainAndCompareSayAndRecordTheStandardisation() throws Exception {
        Path data = data();
        Path out = dir.resolve("train");
        Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--hidden", "3", "--epochs", "1", "--quiet",
                "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        JsonNode provenance = Json.mapper().readTree(out.resolve("provenance.json").toFile());
        String recorded = provenance.path("featureStandardisation").asText();
        assertThat(recorded).matches("mean and standard deviation of each of the 2 features, fitted on the training split "
                + "\\(\\d+ sequences\\)");
        assertThat(trained.err()).contains("train: features standardised: " + recorded + ", and applied to every split and to "
                + "new data (provenance.json: featureStandardisation)\n");
        assertThat(trained.err().lines().filter(l -> l.contains("standardised")).count()).isEqualTo(1);

        Path cmp = dir.resolve("cmp");
        Run compared = run("compare", "--dataset", "csv", "--train", data.toString(), "--cv", "2", "--cells", "rnn", "--seeds", "1",
                "--hidden", "3", "--epochs", "1", "--probe", "0", "--quiet", "--out", cmp.toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        assertThat(compared.err()).contains("compare: features standardised: mean and standard deviation of each of the 2 "
                + "features, fitted on each fold's training part, in each run (provenance.json: featureStandardisation)\n");
        assertThat(Json.mapper().readTree(cmp.resolve("provenance.json").toFile()).path("featureStandardisation").asText())
                .isEqualTo("mean and standard deviation of each of the 2 features, fitted on each fold's training part, in each run");
    }
}
