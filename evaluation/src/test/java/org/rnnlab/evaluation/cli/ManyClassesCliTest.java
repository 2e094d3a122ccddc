package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A model of many classes with few test sequences each, as trial 81c's 120 speakers: train and evaluate give top-k accuracy
 * (F3), and judge a class never predicted rare by its training sequences, as compare does, not by its 1 test sequence (F2).
 */
class ManyClassesCliTest {

    @TempDir
    static Path dir;

    private static final int CLASSES = 12;
    private static Run trained;
    private static Path runDir;

    /**
     * 12 classes of 8 training and 2 validation sequences each (none rare in training), classes 0-5 with 1 test sequence and
     * 6-11 with 3 (a mean of 2: by the test counts, classes 0-5 were "rare"); 12 steps of 2 features, each class its own
     * level, overlapping under the noise, so that a small model trained briefly leaves classes unpredicted.
     */
    private static String speakers() {
        Random r = new Random(81);
        StringBuilder b = new StringBuilder("id,split,f1,f2,label\n");
        for (int c = 0; c < CLASSES; c++) {
            int tests = c < 6 ? 1 : 3;
            for (int s = 0; s < 10 + tests; s++) {
                String split = s < 8 ? "train" : s < 10 ? "validation" : "test";
                for (int t = 0; t < 12; t++) {
                    b.append(String.format(Locale.ROOT, "s%02d-%02d,%s,%.4f,%.4f,c%02d%n", c, s, split, 0.25 * c + r.nextGaussian(),
                            Math.sin(t * (0.2 + 0.05 * c)) + r.nextGaussian(), c));
                }
            }
        }
        return b.toString();
    }

    @BeforeAll
    static void train() throws Exception {
        Path data = Files.writeString(dir.resolve("speakers.csv"), speakers());
        runDir = dir.resolve("run");
        trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--hidden", "4",
                "--epochs", "2", "--threads", "1", "--seed", "3", "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
    }

    /** The top-3 accuracy of {@code runDir}'s test-predictions.csv, ties broken as scikit-learn breaks them. */
    private static double top3FromPredictions() throws Exception {
        List<String> lines = Files.readAllLines(runDir.resolve("test-predictions.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int first = header.indexOf("p_c00");
        int actual = header.indexOf("actual");
        long hits = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            int c = header.indexOf("p_" + cells[actual]) - first;
            double own = Double.parseDouble(cells[first + c]);
            int ahead = 0;
            for (int j = 0; j < CLASSES; j++) {
                double p = Double.parseDouble(cells[first + j]);
                ahead += p > own || p == own && j > c ? 1 : 0;
            }
            hits += ahead < 3 ? 1 : 0;
        }
        return hits / (double) (lines.size() - 1);
    }

    @Test
    void trainAndEvaluateGiveTopKAccuracyInTheSummaryAndTheJson() throws Exception {
        Matcher m = Pattern.compile("test top-k accuracy: top-3 (\\d\\.\\d{4}), top-5 (\\d\\.\\d{4}) \\(the true class among the 3 or 5 "
                + "most probable of 12; accuracy is top-1 (\\d\\.\\d{4})\\)").matcher(trained.out());
        assertThat(m.find()).as("train's summary line of top-k accuracy in:\n" + trained.out()).isTrue();
        JsonNode metrics = Json.mapper().readTree(runDir.resolve("results.json").toFile()).path("test").path("metrics");
        double top3 = metrics.path("TOP_3_ACCURACY").asDouble(Double.NaN);
        double top5 = metrics.path("TOP_5_ACCURACY").asDouble(Double.NaN);
        assertThat(String.format(Locale.ROOT, "%.4f", top3)).as("results.json test.metrics.TOP_3_ACCURACY").isEqualTo(m.group(1));
        assertThat(String.format(Locale.ROOT, "%.4f", top5)).as("results.json test.metrics.TOP_5_ACCURACY").isEqualTo(m.group(2));
        assertThat(top3).as("top-3 from test-predictions.csv").isCloseTo(top3FromPredictions(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(Double.parseDouble(m.group(3)));
        assertThat(top5).isGreaterThanOrEqualTo(top3);

        String model = runDir.resolve("model.rnnlab").toString();
        Run evaluated = run("evaluate", "--model", model, "--dataset", "csv", "--train", dir.resolve("speakers.csv").toString(),
                "--set", "sequenceId=id", "--split", "test");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains(String.format(Locale.ROOT, "top-k accuracy: top-3 %s, top-5 %s (the true class", m.group(1),
                m.group(2)));
        Run json = run("evaluate", "--model", model, "--dataset", "csv", "--train", dir.resolve("speakers.csv").toString(),
                "--set", "sequenceId=id", "--split", "test", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode node = Json.mapper().readTree(json.out());
        assertThat(node.path("metrics").path("TOP_3_ACCURACY").asDouble(Double.NaN)).as("evaluate --json metrics.TOP_3_ACCURACY")
                .isEqualTo(top3);
        assertThat(node.path("metrics").path("TOP_5_ACCURACY").asDouble(Double.NaN)).isEqualTo(top5);

        // --top-k is the precision of one class's top k sequences: the refusal says so, and where top-k accuracy is
        Run refused = run("evaluate", "--model", model, "--dataset", "csv", "--train", dir.resolve("speakers.csv").toString(),
                "--set", "sequenceId=id", "--split", "test", "--top-k", "5");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--top-k needs --positive LABEL with a model of 12 classes")
                .contains("it is the precision of one class's top k sequences, not top-k accuracy (the true class among the k most "
                        + "probable), which evaluate prints without --top-k for k = 3 and 5 (the line 'top-k accuracy:'");
    }

    @Test
    void aClassNeverPredictedIsRareOnlyByItsTrainingSequences() {
        // every class has 8 training sequences: none is rare, whatever its 1 or 3 test sequences
        String warning = trained.err().lines().filter(l -> l.startsWith("train: warning: the model never predicted class ")).findFirst()
                .orElse(null);
        assertThat(warning).as("a class never predicted by a 2-epoch model of 4 units, in:\n" + trained.err()).isNotNull();
        assertThat(warning).as("classes of 1 test sequence, under the mean of 2, among those never predicted").contains("(1 example)");
        assertThat(warning).doesNotContain("--class-weights")
                .contains("rare in training (each at least half the largest class's 8 training sequences), so class weights are no cure");
        Run evaluated = run("evaluate", "--model", runDir.resolve("model.rnnlab").toString(), "--dataset", "csv", "--train",
                dir.resolve("speakers.csv").toString(), "--set", "sequenceId=id", "--split", "test");
        assertThat(evaluated.err() + evaluated.out()).contains("the model never predicted class ")
                .contains("rare in training (each at least half the largest class's 8 training sequences)")
                .doesNotContain("--class-weights balanced weighs");
    }
}
