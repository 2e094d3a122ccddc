package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/**
 * The files a cut-off is chosen from (trial 75c, fall detection): train's {@code validation-predictions.csv} (F5: the
 * validation windows had to be joined with the data by hand to score them again), evaluate's {@code --curve} with every
 * distinct cut-off (F4: the fixed table's 0.9 and 0.95 left the falls' 0.87-0.96 unseen), and the note that a cut-off
 * chosen on the validation split is chosen on the data that also kept the epoch (F3), on a tiny model trained for 2 epochs.
 */
class EvaluateCutOffFilesTest {

    @TempDir
    static Path dir;
    static Path data;
    static Path run;

    /** 60 sequences of 5 steps: 20 'up' (a rising), 40 'down' (a falling), noise so that probabilities differ. */
    @BeforeAll
    static void trainTinyModel() throws Exception {
        StringBuilder train = new StringBuilder("id,t,a,label\n");
        java.util.Random random = new java.util.Random(11);
        for (int s = 0; s < 60; s++) {
            for (int t = 0; t < 5; t++) {
                double a = (s % 3 == 0 ? t : -t) * 0.2 + random.nextGaussian();
                train.append("s").append(s).append(',').append(t).append(',').append(String.format(java.util.Locale.ROOT, "%.4f", a))
                        .append(',').append(s % 3 == 0 ? "up" : "down").append('\n');
            }
        }
        data = Files.writeString(dir.resolve("train.csv"), train);
        run = dir.resolve("run");
        TrainEvaluatePredictTest.Run r = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--set", "validationFraction=0.3", "--set", "testFraction=0.2", "--cell", "rnn", "--hidden", "4",
                "--epochs", "2", "--quiet", "--out", run.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** predict's probabilities of the training file by sequence id, at full precision. */
    private static Map<String, double[]> predicted() {
        TrainEvaluatePredictTest.Run p = run("predict", "--model", run.resolve("model.rnnlab").toString(), "--input", data.toString(),
                "--digits", "17");
        assertThat(p.code()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, double[]> out = new HashMap<>();
        lines.stream().skip(1).map(l -> l.split(",")).forEach(f -> out.put(f[0], new double[] {
                Double.parseDouble(f[header.indexOf("p_down")]), Double.parseDouble(f[header.indexOf("p_up")])}));
        return out;
    }

    /** The rows of a run file, without its header. */
    private static List<String[]> rows(Path file) throws Exception {
        return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void trainWritesTheValidationSplitsPredictionsBesideTheTestSplits() throws Exception {
        Path file = run.resolve("validation-predictions.csv");
        assertThat(Files.readAllLines(file).get(0)).isEqualTo(Files.readAllLines(run.resolve("test-predictions.csv")).get(0))
                .isEqualTo("id,actual,predicted,p_down,p_up");
        JsonNode results = Json.mapper().readTree(run.resolve("results.json").toFile());
        List<String[]> validation = rows(file);
        assertThat(validation).hasSize(results.path("validation").path("examples").asInt()).hasSize(18);
        List<String> testIds = rows(run.resolve("test-predictions.csv")).stream().map(f -> f[0]).toList();
        Map<String, double[]> byPredict = predicted();
        int right = 0;
        for (String[] f : validation) {
            assertThat(testIds).as("a validation sequence is no test sequence").doesNotContain(f[0]);
            assertThat(f[1]).isEqualTo(Integer.parseInt(f[0].substring(1)) % 3 == 0 ? "up" : "down");
            assertThat(Double.parseDouble(f[4])).isCloseTo(byPredict.get(f[0])[1], within(1e-6));
            assertThat(Double.parseDouble(f[3])).isCloseTo(byPredict.get(f[0])[0], within(1e-6));
            right += f[1].equals(f[2]) ? 1 : 0;
        }
        assertThat(right / 18.0).isEqualTo(results.path("validation").path("metrics").path("ACCURACY").asDouble());
    }

    @Test
    void theCurveHoldsEveryDistinctCutOffOfTheSplitCountedAgainFromItsPredictions() throws Exception {
        Path curve = dir.resolve("curve.csv");
        TrainEvaluatePredictTest.Run e = run("evaluate", "--model", run.resolve("model.rnnlab").toString(), "--dataset", "csv",
                "--train", data.toString(), "--split", "validation", "--positive", "up", "--curve", curve.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.err()).contains("the precision-recall and ROC curve of 'up' (").contains("written to " + curve);
        // the split's sequences as train wrote them: each row's counts at its threshold, counted here
        List<double[]> split = new ArrayList<>(); // p_up, is up
        for (String[] f : rows(run.resolve("validation-predictions.csv"))) {
            split.add(new double[] {Double.parseDouble(f[4]), f[1].equals("up") ? 1 : 0});
        }
        List<String> lines = Files.readAllLines(curve);
        assertThat(lines.get(0)).isEqualTo("threshold,probability,tp,fp,fn,tn,precision,recall,false_alarm_rate");
        assertThat(lines).hasSize(1 + (int) split.stream().mapToDouble(s -> (float) s[0]).distinct().count());
        double ap = 0;
        double recallBefore = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            double t = Double.parseDouble(f[0]);
            long tp = split.stream().filter(s -> s[0] >= t && s[1] == 1).count();
            long fp = split.stream().filter(s -> s[0] >= t && s[1] == 0).count();
            long ups = split.stream().filter(s -> s[1] == 1).count();
            assertThat(new long[] {Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5])}).as(line)
                    .containsExactly(tp, fp, ups - tp, split.size() - ups - fp);
            assertThat(Double.parseDouble(f[6])).isEqualTo((double) tp / (tp + fp));
            assertThat(Double.parseDouble(f[7])).isEqualTo((double) tp / ups);
            assertThat(Double.parseDouble(f[8])).isEqualTo((double) fp / (split.size() - ups));
            ap += (Double.parseDouble(f[7]) - recallBefore) * Double.parseDouble(f[6]);
            recallBefore = Double.parseDouble(f[7]);
        }
        assertThat(ap).isCloseTo(Json.mapper().readTree(e.out()).path("ranking").path("positive").path("averagePrecision").asDouble(),
                within(1e-12));
        // a model of two classes needs no --positive: the rarer class here
        assertThat(run("evaluate", "--model", run.resolve("model.rnnlab").toString(), "--dataset", "csv", "--train", data.toString(),
                "--split", "validation", "--curve", dir.resolve("folder-less").resolve("c.csv").toString()).err())
                .contains("--curve ").contains("does not exist");
    }

    @Test
    void aCutOffChosenOnTheValidationSplitIsSaidToBeChosenOnTheDataThatKeptTheEpoch() throws Exception {
        int kept = org.rnnlab.training.ModelBundle.readCard(run.resolve("model.rnnlab")).bestEpoch();
        TrainEvaluatePredictTest.Run validation = run("evaluate", "--model", run.resolve("model.rnnlab").toString(), "--dataset",
                "csv", "--train", data.toString(), "--split", "validation", "--positive", "up", "--target-recall", "0.8");
        assertThat(validation.code()).as(validation.err()).isZero();
        assertThat(validation.err()).contains("evaluate: note: the validation split scored here also chose the kept epoch (epoch "
                + kept + ", by the highest validation accuracy): the cut-off is chosen on data that also selected the model, so its "
                + "recall here is optimistic");
        assertThat(validation.out()).contains("(no sequence to spare: any cut-off above p_up ");
        // trial 76d F11: train's hint "evaluate --split validation --target-recall R --positive X" runs as printed, the data
        // taken from the run's config.json (said), with the same result as the whole command
        TrainEvaluatePredictTest.Run alone = run("evaluate", "--model", run.resolve("model.rnnlab").toString(), "--split",
                "validation", "--positive", "up", "--target-recall", "0.8");
        assertThat(alone.code()).as(alone.err()).isZero();
        assertThat(alone.err()).contains("evaluate: the validation split of the model's run: its data from "
                + run.resolve("config.json").toAbsolutePath() + " (no --input or --dataset given): --dataset csv --train "
                + data.toAbsolutePath() + " --data-seed 42");
        assertThat(alone.out()).isEqualTo(validation.out());
        TrainEvaluatePredictTest.Run test = run("evaluate", "--model", run.resolve("model.rnnlab").toString(), "--dataset", "csv",
                "--train", data.toString(), "--split", "test", "--positive", "up", "--target-recall", "0.8");
        assertThat(test.code()).as(test.err()).isZero();
        assertThat(test.err()).doesNotContain("also chose the kept epoch");
    }
}
