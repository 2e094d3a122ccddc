package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/**
 * {@code evaluate} says what always predicting the data's most frequent class would score (a reviewer read an accuracy
 * without knowing what was free), and its JSON records what it was made of: the model's and the input's SHA-256 and
 * rnnlab's revision.
 */
class EvaluateTraceTest {

    /** Classes of equal count: no "most frequent class" (a trial's four classes of 12 each were called so). */
    @Test
    void equallyFrequentClassesAreSaidToBeSo() {
        java.util.List<String> labels = java.util.List.of("CEP", "EB", "RRL");
        long[][] confusion = {{10, 2, 0}, {1, 11, 0}, {0, 3, 9}};
        String line = EvaluateCommand.majorityLine(org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(labels, confusion,
                java.util.List.of(), 0));
        assertThat(line).contains("(always predicting one of the 3 most frequent classes here (tied), e.g. 'CEP' (12 of 36 each), "
                + "would score accuracy 0.3333").doesNotContain("the most frequent class");
    }

    @Test
    void theMajorityBaselineAndWhatWasScoredAreGiven(@TempDir Path dir) throws Exception {
        StringBuilder train = new StringBuilder("id,t,a,label\n");
        for (int s = 0; s < 30; s++) {
            for (int t = 0; t < 5; t++) {
                train.append("s").append(s).append(',').append(t).append(',').append(s % 3 == 0 ? t : -t).append(',')
                        .append(s % 3 == 0 ? "up" : "down").append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("train.csv"), train);
        Path out = dir.resolve("run");
        assertThat(run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=t",
                "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString()).code()).isZero();
        Path model = out.resolve("model.rnnlab");
        TrainEvaluatePredictTest.Run text = run("evaluate", "--model", model.toString(), "--input", data.toString());
        assertThat(text.out()).contains("(always predicting the most frequent class here, 'down' (20 of 30), would score accuracy "
                + "0.6667, macro-F1 0.4000)");
        TrainEvaluatePredictTest.Run json = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--json");
        JsonNode node = Json.mapper().readTree(json.out());
        assertThat(node.get("model").get("sha256").asText()).isEqualTo(org.rnnlab.datasets.FileChecksums.of(model).sha256());
        assertThat(node.get("inputFile").get("sha256").asText()).isEqualTo(org.rnnlab.datasets.FileChecksums.of(data).sha256());
        assertThat(node.get("rnnlabCommit").isTextual()).isTrue();
        assertThat(node.get("majorityBaseline").get("label").asText()).isEqualTo("down");
        assertThat(node.get("majorityBaseline").get("accuracy").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(node.get("majorityBaseline").get("macroF1").asDouble()).isCloseTo(0.4, within(1e-12));
        // the intervals and the test against the baseline, as the text gives them
        double accuracy = node.get("metrics").get("ACCURACY").asDouble();
        double[] wilson = org.rnnlab.evaluation.metrics.ScoreIntervals.wilson(Math.round(accuracy * 30), 30);
        assertThat(node.get("intervals95").get("accuracy").get(0).asDouble()).isCloseTo(wilson[0], within(1e-12));
        assertThat(node.get("intervals95").get("accuracy").get(1).asDouble()).isCloseTo(wilson[1], within(1e-12));
        assertThat(node.get("intervals95").get("macroF1")).hasSize(2);
        long onlyModel = node.get("majorityBaseline").get("rightOnlyByModel").asLong();
        long onlyBaseline = node.get("majorityBaseline").get("rightOnlyByBaseline").asLong();
        assertThat(onlyModel - onlyBaseline).as("the accuracy difference in examples").isEqualTo(Math.round(accuracy * 30) - 20);
        assertThat(node.get("majorityBaseline").get("mcnemarP").asDouble())
                .isCloseTo(org.rnnlab.evaluation.metrics.ScoreIntervals.mcnemar(onlyModel, onlyBaseline), within(1e-12));
        assertThat(text.out()).contains("(95% intervals: accuracy [").contains("bootstrap over the 30 examples, 1000 resamples)")
                .contains("(against the baseline: accuracy ");
    }
}
