package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/**
 * The README's numeric witness ("A numeric witness: the temporal order problem") asked the main job's way, one model per
 * band of distance: with the same budget, the vanilla RNN trained on distances 41-60 stays near chance (0.25-0.5) while
 * trained on 5-20 it is accurate, and the LSTM is accurate in every band. Seeds 1-2 of the README's banded command.
 *
 * <p>This test ran seed 2 of the one-model command (all distances in one model) until a machine with AVX2 but no
 * AVX-512 showed why that was fragile: there, seed 2's RNN learned to carry the first symbol over all 60 steps (0.995 at
 * 5-15, 1.000 at 41-60), as seed 3 did on the AVX-512 machine. With all distances in one model the RNN's outcome is all
 * or nothing, decided by the seed and by floating-point rounding; trained on the far band alone it has no short
 * examples to learn the rule from, and falls on both machines (AVX2: 0.31 and 0.51 at 41-60, seeds 1 and 2; the
 * README's AVX-512 numbers 0.42 over seeds 1-2).
 */
class TemporalOrderWitnessTest {

    @Test
    void theVanillaRnnLosesLongDistancesAndTheLstmDoesNot(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "temporal-order", "--cells", "rnn,lstm",
                "--set", "trainSize=3000", "--set", "validationSize=300", "--set", "testSize=1100", "--set", "maxDistance=60",
                "--epochs", "4", "--bands", "distance:5-20,21-40,41-60", "--seeds", "2", "--probe", "0", "--quiet",
                "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        Map<String, double[]> sums = new TreeMap<>(); // configuration + band -> {sum of accuracies, runs}
        for (JsonNode r : results.get("runs")) {
            double[] s = sums.computeIfAbsent(r.get("configuration").asText() + " " + r.get("band").asText(), k -> new double[2]);
            s[0] += r.get("test").get("metrics").get("ACCURACY").asDouble();
            s[1]++;
        }
        assertThat(sums).hasSize(6).allSatisfy((k, v) -> assertThat(v[1]).as(k).isEqualTo(2));
        double rnnNear = mean(sums, "rnn distance 5-20");
        double rnnFar = mean(sums, "rnn distance 41-60");
        assertThat(rnnNear - rnnFar).as("rnn: accuracy trained on distances 5-20 (%.3f) minus on 41-60 (%.3f)", rnnNear, rnnFar)
                .isGreaterThan(0.3);
        assertThat(rnnFar).as("rnn at distances 41-60").isLessThan(0.7);
        for (String band : new String[] {"5-20", "21-40", "41-60"}) {
            assertThat(mean(sums, "lstm distance " + band)).as("lstm at distances " + band).isGreaterThan(0.9);
        }
    }

    private static double mean(Map<String, double[]> sums, String key) {
        double[] s = sums.get(key);
        assertThat(s).as(key + " in " + sums.keySet()).isNotNull();
        return s[0] / s[1];
    }
}
