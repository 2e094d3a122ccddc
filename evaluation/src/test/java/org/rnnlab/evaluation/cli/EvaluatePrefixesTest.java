package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/**
 * {@code evaluate --prefixes}, the early-classification curve, on a tiny GRU trained on sequences of 8 steps whose label
 * shows only in their second half: the first steps are noise of the same distribution for both classes.
 */
class EvaluatePrefixesTest {

    @TempDir
    static Path dir;

    static Path train;
    static Path fresh;
    static Path model;

    /** {@code n} sequences of 8 steps: steps 0-3 noise, steps 4-7 +1.5 ('up') or -1.5 ('down') with a little noise. */
    private static String sequences(int n, long seed, String prefix) {
        StringBuilder sb = new StringBuilder("id,t,a,label\n");
        Random random = new Random(seed);
        for (int s = 0; s < n; s++) {
            boolean up = s % 2 == 0;
            for (int t = 0; t < 8; t++) {
                double a = t < 4 ? random.nextGaussian() : (up ? 1.5 : -1.5) + 0.3 * random.nextGaussian();
                sb.append(prefix).append(s).append(',').append(t).append(',').append(String.format(Locale.ROOT, "%.4f", a))
                        .append(',').append(up ? "up" : "down").append('\n');
            }
        }
        return sb.toString();
    }

    @BeforeAll
    static void trainTinyModel() throws Exception {
        train = Files.writeString(dir.resolve("train.csv"), sequences(200, 11, "s"));
        fresh = Files.writeString(dir.resolve("new.csv"), sequences(300, 12, "n"));
        Path out = dir.resolve("run");
        TrainEvaluatePredictTest.Run r = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--cell", "gru", "--hidden", "8", "--epochs", "12", "--seed", "3", "--quiet", "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        model = out.resolve("model.rnnlab");
    }

    private static JsonNode json(String... args) throws Exception {
        TrainEvaluatePredictTest.Run r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out());
    }

    @Test
    void theWholePrefixScoresWhatPlainEvaluateScoresAndAnEarlyOneScoresChance() throws Exception {
        JsonNode plain = json("evaluate", "--model", model.toString(), "--input", fresh.toString(), "--json");
        JsonNode curved = json("evaluate", "--model", model.toString(), "--input", fresh.toString(), "--json", "--prefixes",
                "0.25,0.5,1");
        JsonNode prefixes = curved.get("prefixes");
        assertThat(prefixes).hasSize(3);
        assertThat(prefixes.get(0).get("prefix").asText()).isEqualTo("0.25");
        assertThat(prefixes.get(0).get("minSteps").asInt()).isEqualTo(2);
        assertThat(prefixes.get(0).get("maxSteps").asInt()).isEqualTo(2);
        assertThat(prefixes.get(2).get("minSteps").asInt()).isEqualTo(8);
        JsonNode whole = prefixes.get(2);
        assertThat(whole.get("sequences").asInt()).isEqualTo(300);
        assertThat(whole.get("accuracy").asDouble()).isEqualTo(plain.get("metrics").get("ACCURACY").asDouble());
        assertThat(whole.get("macroF1").asDouble()).isEqualTo(plain.get("metrics").get("MACRO_F1").asDouble());
        assertThat(whole.get("rankingOf").asText()).isEqualTo(plain.get("ranking").get("positive").get("label").asText());
        assertThat(whole.get("rocAuc").asDouble()).isEqualTo(plain.get("ranking").get("positive").get("rocAuc").asDouble());
        assertThat(whole.get("averagePrecision").asDouble())
                .isEqualTo(plain.get("ranking").get("positive").get("averagePrecision").asDouble());
        assertThat(whole.get("confusion")).isEqualTo(plain.get("confusion"));
        // the rest of the JSON is unchanged by the option
        assertThat(curved.get("metrics")).isEqualTo(plain.get("metrics"));
        // the label shows only in the second half: the whole sequences are classified, 2 of 8 steps are not
        assertThat(whole.get("accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(whole.get("rocAuc").asDouble()).isGreaterThan(0.95);
        assertThat(prefixes.get(0).get("accuracy").asDouble()).isBetween(0.35, 0.65);
        assertThat(prefixes.get(0).get("rocAuc").asDouble()).isBetween(0.35, 0.65);
        assertThat(prefixes.get(1).get("rocAuc").asDouble()).isBetween(0.35, 0.65);
        assertThat(prefixes.get(0).get("trainedOnPrefixes").asBoolean()).isFalse();
    }

    @Test
    void aPrefixScoresWhatAFileOfThosePrefixesScores() throws Exception {
        // the first 5 steps of every sequence written as a file of their own, scored whole: what predict and evaluate read
        StringBuilder cut = new StringBuilder();
        for (String line : Files.readAllLines(fresh)) {
            String[] cells = line.split(",");
            if (cells[1].equals("t") || Integer.parseInt(cells[1]) < 5) {
                cut.append(line).append('\n');
            }
        }
        Path prefixFile = Files.writeString(dir.resolve("first5.csv"), cut);
        JsonNode asFile = json("evaluate", "--model", model.toString(), "--input", prefixFile.toString(), "--json");
        JsonNode curved = json("evaluate", "--model", model.toString(), "--input", fresh.toString(), "--json", "--prefixes",
                "0.625");
        JsonNode p = curved.get("prefixes").get(0);
        assertThat(p.get("minSteps").asInt()).isEqualTo(5);
        assertThat(p.get("confusion")).isEqualTo(asFile.get("confusion"));
        assertThat(p.get("accuracy").asDouble()).isEqualTo(asFile.get("metrics").get("ACCURACY").asDouble());
        assertThat(p.get("rocAuc").asDouble()).isEqualTo(asFile.get("ranking").get("positive").get("rocAuc").asDouble());
        assertThat(p.get("averagePrecision").asDouble())
                .isEqualTo(asFile.get("ranking").get("positive").get("averagePrecision").asDouble());
        JsonNode steps = json("evaluate", "--model", model.toString(), "--input", fresh.toString(), "--json", "--prefixes",
                "steps:5").get("prefixes").get(0);
        assertThat(steps.get("confusion")).isEqualTo(asFile.get("confusion"));
        assertThat(steps.get("rocAuc").asDouble()).isEqualTo(p.get("rocAuc").asDouble());
    }

    @Test
    void stepCountsCountTheSequencesScoredWholeAndTheTableSaysSo() throws Exception {
        JsonNode curved = json("evaluate", "--model", model.toString(), "--input", fresh.toString(), "--json", "--prefixes",
                "steps:2,8,20");
        JsonNode prefixes = curved.get("prefixes");
        assertThat(prefixes.get(0).get("steps").asInt()).isEqualTo(2);
        assertThat(prefixes.get(0).get("fraction").isNull()).isTrue();
        assertThat(prefixes.get(0).get("scoredWhole").asInt()).isZero();
        assertThat(prefixes.get(1).get("scoredWhole").asInt()).isEqualTo(300);
        assertThat(prefixes.get(2).get("scoredWhole").asInt()).isEqualTo(300);
        assertThat(prefixes.get(2).get("accuracy").asDouble()).isEqualTo(curved.get("metrics").get("ACCURACY").asDouble());

        TrainEvaluatePredictTest.Run text = run("evaluate", "--model", model.toString(), "--input", fresh.toString(), "--prefixes",
                "steps:2,20");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("early classification (--prefixes)")
                .contains("ROC AUC and average precision of the positive class")
                .containsPattern("2 steps +2 +300 ")
                .containsPattern("20 steps +8 +300 .* 300\n")
                .contains("(scored whole: sequences of no more steps than the prefix, scored as they are)")
                .contains("the model was trained on whole sequences");
    }

    @Test
    void aDatasetSplitGetsTheCurveToo() throws Exception {
        JsonNode split = json("evaluate", "--model", model.toString(), "--dataset", "csv", "--train", train.toString(), "--set",
                "sequenceId=id", "--set", "time=t", "--split", "test", "--json", "--prefixes", "0.5,1");
        JsonNode prefixes = split.get("prefixes");
        assertThat(prefixes).hasSize(2);
        assertThat(prefixes.get(1).get("sequences").asLong()).isEqualTo(split.get("examples").asLong());
        assertThat(prefixes.get(1).get("accuracy").asDouble()).isEqualTo(split.get("metrics").get("ACCURACY").asDouble());
        assertThat(prefixes.get(1).get("rocAuc").asDouble())
                .isCloseTo(split.get("ranking").get("positive").get("rocAuc").asDouble(), within(0.0));
    }

    @Test
    void aPrefixTrainedModelGetsNoNoteAndPerSequenceScalingIsRefused() throws Exception {
        Path prefixed = dir.resolve("prefixed");
        TrainEvaluatePredictTest.Run r = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--augment", "prefix=0.25", "--quiet", "--out",
                prefixed.toString());
        assertThat(r.code()).as(r.err()).isZero();
        TrainEvaluatePredictTest.Run text = run("evaluate", "--model", prefixed.resolve("model.rnnlab").toString(), "--input",
                fresh.toString(), "--prefixes", "0.5,1");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("early classification (--prefixes)").doesNotContain("trained on whole sequences");
        JsonNode json = json("evaluate", "--model", prefixed.resolve("model.rnnlab").toString(), "--input", fresh.toString(),
                "--json", "--prefixes", "0.5");
        assertThat(json.get("prefixes").get(0).get("trainedOnPrefixes").asBoolean()).isTrue();

        Path scaled = dir.resolve("scaled");
        r = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=id", "--set", "time=t", "--set",
                "sequenceScaling=center", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--quiet", "--out", scaled.toString());
        assertThat(r.code()).as(r.err()).isZero();
        TrainEvaluatePredictTest.Run refused = run("evaluate", "--model", scaled.resolve("model.rnnlab").toString(), "--input",
                fresh.toString(), "--prefixes", "0.5,1");
        assertThat(refused.code()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("--prefixes cuts sequences after they are read")
                .contains("--set sequenceScaling=center");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void invalidPrefixesAreRefusedNamingTheValue() {
        String[][] cases = {
                {"0.25,1.5", "'1.5' is not a fraction of a sequence's length (expected 0 < f <= 1"},
                {"0.5,6", "'6' is not a fraction of a sequence's length", "--prefixes steps:6"},
                {"0,1", "'0' is not a fraction"},
                {"steps:6,0.5", "'0.5' is not a step count", "a list does not mix the two"},
                {"steps:0", "'0' is not a step count"},
                {"0.5,half", "'half' is not a number"},
                {"0.5,0.50", "'0.50' is given twice"},
                {"steps:", "no value"},
                {"0.5,steps:6", "steps: goes once, before the whole list"},
        };
        for (String[] c : cases) {
            TrainEvaluatePredictTest.Run r = run("evaluate", "--model", model.toString(), "--input", fresh.toString(), "--prefixes",
                    c[0]);
            assertThat(r.code()).as(c[0] + ": " + r.err()).isEqualTo(2);
            for (int i = 1; i < c.length; i++) {
                assertThat(r.err()).as(c[0]).contains("--prefixes " + c[0]).contains(c[i]);
            }
            assertThat(r.out()).as(c[0]).isEmpty();
        }
    }
}
