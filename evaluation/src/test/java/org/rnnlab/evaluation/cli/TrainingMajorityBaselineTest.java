package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.ModelBundle;

/**
 * evaluate also gives train's baseline, always the model's most frequent training class, on the data scored (trial 73b F5:
 * train printed "baseline: always '7' (the most frequent training class)", evaluate --split test only the scored data's own
 * most frequent class, which the test labels choose, so the two outputs could not be compared).
 */
class TrainingMajorityBaselineTest {

    @TempDir
    Path dir;

    @Test
    void evaluateGivesTrainsBaselineBesideItsOwn() throws Exception {
        Random r = new Random(3);
        StringBuilder b = new StringBuilder("sequence_id,x,label\n");
        for (int s = 0; s < 150; s++) {
            String label = s % 5 == 0 ? "fault" : s % 5 == 1 ? "warn" : "ok";
            for (int t = 0; t < 6; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%.4f,%s%n", s, r.nextGaussian(), label));
            }
        }
        Path data = Files.writeString(dir.resolve("d.csv"), b.toString());
        Path runDir = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--hidden", "4", "--epochs", "1", "--seed", "1",
                "--threads", "1", "--quiet", "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Matcher m = Pattern.compile("baseline: always 'ok' \\(the most frequent training class\\): test accuracy (\\d\\.\\d{4}), "
                + "macro-F1 (\\d\\.\\d{4})").matcher(trained.out());
        assertThat(m.find()).as(trained.out()).isTrue();
        Path model = runDir.resolve("model.rnnlab");
        Map<String, Long> counts = ModelBundle.readCard(model).trainingClassCounts();
        long ok = counts.get("ok");
        long all = counts.values().stream().mapToLong(Long::longValue).sum();

        // the test split: the same numbers as train's line, labelled as train labels it
        Run split = run("evaluate", "--model", model.toString(), "--dataset", "csv", "--train", data.toString(), "--split", "test");
        assertThat(split.code()).as(split.err()).isZero();
        assertThat(split.out()).contains(String.format(Locale.ROOT, "(baseline as train gives it: always 'ok' (the most frequent "
                + "training class, %d of %d training sequences): accuracy %s, macro-F1 %s on these data;", ok, all, m.group(1),
                m.group(2))).contains("(always predicting ");

        // a file whose own most frequent class is another: the existing baseline takes 'fault', train's stays 'ok'
        StringBuilder f = new StringBuilder("sequence_id,x,label\n");
        int oks = 0;
        for (int s = 0; s < 40; s++) {
            String label = s % 4 == 0 ? "ok" : s % 4 == 1 ? "warn" : "fault";
            oks += label.equals("ok") ? 1 : 0;
            for (int t = 0; t < 6; t++) {
                f.append(String.format(Locale.ROOT, "n%d,%.4f,%s%n", s, r.nextGaussian(), label));
            }
        }
        Path file = Files.writeString(dir.resolve("new.csv"), f.toString());
        JsonNode node = Json.mapper().readTree(run("evaluate", "--model", model.toString(), "--input", file.toString(), "--json").out());
        assertThat(node.at("/majorityBaseline/label").asText()).isEqualTo("fault");
        assertThat(node.at("/majorityBaseline/mcnemarP").isNumber()).isTrue();
        JsonNode t = node.get("trainingMajorityBaseline");
        assertThat(t.get("label").asText()).isEqualTo("ok");
        assertThat(t.get("trainingSequences").asLong()).isEqualTo(ok);
        assertThat(t.get("trainingTotal").asLong()).isEqualTo(all);
        assertThat(t.get("tiedWith")).isEmpty();
        assertThat(t.get("accuracy").asDouble()).isCloseTo(oks / 40.0, within(1e-12));
        // macro-F1 over the 3 classes present: 'ok' has precision oks/40, recall 1; the others 0
        double p = oks / 40.0;
        assertThat(t.get("macroF1").asDouble()).isCloseTo(2 * p / (p + 1) / 3, within(1e-12));
    }

    @Test
    void aTieTakesTheFirstInTheClassesOrderAndSaysSo() {
        EvaluationResult r = Evaluator.fromConfusion(List.of("a", "b", "c"), new long[][] {{3, 0, 0}, {1, 4, 0}, {0, 0, 2}},
                List.of(), 0);
        EvaluateCommand.TrainingMajority m = EvaluateCommand.trainingMajority(r, Map.of("a", 5L, "b", 9L, "c", 9L));
        assertThat(m.label()).isEqualTo("b");
        assertThat(m.tied()).containsExactly("b", "c");
        assertThat(m.accuracy()).isCloseTo(5 / 10.0, within(1e-12));
        assertThat(m.line()).contains("always 'b' (no class is the most frequent in training: 'b', 'c' tied at 9 training "
                + "sequences each; it takes 'b', the first in the classes' order, as train does): accuracy 0.5000");
        assertThat(EvaluateCommand.trainingMajority(r, null)).isNull();
    }
}
