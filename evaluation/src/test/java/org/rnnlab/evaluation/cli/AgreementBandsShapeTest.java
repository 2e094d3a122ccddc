package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/**
 * The main job's story on a reduced size: {@code rnnlab compare} with its agreement defaults (data, budget, 24 units),
 * but only the shortest and the longest band of distance, the RNN and the LSTM, one seed. The vanilla RNN learns the
 * agreement from sentences whose subject is 1-4 words before the verb and not from those where it is 9-12 words before,
 * while the LSTM learns both (README, the main job). Seed 1 of the default run: rnn 1.00 and 0.53, lstm 1.00 and 1.00.
 */
class AgreementBandsShapeTest {

    @Test
    void theVanillaRnnLearnsShortDistancesAndNotLongOnesWhileTheLstmLearnsBoth(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--cells", "rnn,lstm", "--seeds", "1",
                "--bands", "distance:1-4,9-12", "--probe", "0", "--quiet", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("one model per band of distance").contains("1-4: 2400/300/300").contains("9-12: 2400/300/300");
        assertThat(run.out()).contains("test accuracy by band of distance");

        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        Map<String, Double> accuracy = new HashMap<>();
        for (JsonNode r : results.get("runs")) {
            accuracy.put(r.get("configuration").asText() + " " + r.get("band").asText(), r.get("test").get("metrics").get("ACCURACY").asDouble());
        }
        assertThat(accuracy).hasSize(4);
        double rnnNear = accuracy.get("rnn distance 1-4");
        double rnnFar = accuracy.get("rnn distance 9-12");
        assertThat(rnnNear).as("rnn at distances 1-4").isGreaterThanOrEqualTo(0.9);
        assertThat(rnnFar).as("rnn at distances 9-12").isLessThanOrEqualTo(0.65);
        assertThat(rnnNear - rnnFar).as("the rnn's fall from near to far").isGreaterThanOrEqualTo(0.3);
        assertThat(accuracy.get("lstm distance 1-4")).as("lstm near").isGreaterThanOrEqualTo(0.95);
        assertThat(accuracy.get("lstm distance 9-12")).as("lstm far").isGreaterThanOrEqualTo(0.95);

        // every run kept under its own name, with its band
        assertThat(out.resolve("runs/rnn-seed1-distance_1-4.json")).exists();
        assertThat(out.resolve("runs/lstm-seed1-distance_9-12.json")).exists();
        String csv = Files.readString(out.resolve("results.csv"));
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",fold,band,clipped,epochs_trained,stopped_by,validation_accuracy,validation_macro_f1,macro_roc_auc,macro_average_precision,cohen_kappa,validation_log_loss,validation_roc_auc,validation_average_precision,log_loss,average_precision,test_groups,macro_f1_present_or_predicted,layers,hidden,learning_rate,dropout,head,residual");
        assertThat(csv).contains(",distance 9-12");
        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.get("comparison").get("bands").get("tag").asText()).isEqualTo("distance");
        assertThat(Files.readString(out.resolve("index.html"))).contains("Test accuracy by band of distance");
    }

    @Test
    void bandsThatDoNotApplyAreUsageErrorsBeforeAnyRunFolderExists(@TempDir Path dir) {
        String[] small = {"compare", "--set", "trainSize=60", "--set", "validationSize=12", "--set", "testSize=24", "--cells", "rnn", "--seeds", "1",
            "--epochs", "1", "--hidden", "4", "--probe", "0", "--quiet"};
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(concat(small, "--bands", "distance:1-4,13-16", "--out",
                dir.resolve("a").toString()));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--bands distance:1-4,13-16").contains("no train example has distance in 13-16")
                .contains("distance 1..12");
        run = TrainEvaluatePredictTest.run(concat(small, "--bands", "length:1-4", "--out", dir.resolve("b").toString()));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("has no tag 'length'");
        run = TrainEvaluatePredictTest.run(concat(small, "--bands", "distance:4-1", "--out", dir.resolve("c").toString()));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("4-1 is empty");
        run = TrainEvaluatePredictTest.run(concat(small, "--bands", "distance:1-4", "--cv", "3", "--out", dir.resolve("d").toString()));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--bands does not apply with --cv");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("d")).doesNotExist();

        // without --bands, --cv replaces the default bands; --bands none trains one model on every distance
        run = TrainEvaluatePredictTest.run(concat(small, "--bands", "none", "--out", dir.resolve("e").toString()));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("1 runs ([rnn] x clip [none] x 1 seeds)").doesNotContain("band");
        run = TrainEvaluatePredictTest.run(concat(small, "--out", dir.resolve("f").toString()));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("3 runs ([rnn] x clip [none] x 1 seeds x 3 bands of distance)")
                .contains("1-4: 20/4/8, 5-8: 20/4/8, 9-12: 20/4/8");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
