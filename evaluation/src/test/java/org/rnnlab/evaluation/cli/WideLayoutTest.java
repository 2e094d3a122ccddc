package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A UCR-style archive's TRAIN.tsv and TEST.tsv (headerless, tab-separated, the label in column 0, NaN padding the shorter
 * series) handed in directly with {@code --set layout=wide}: train, then predict and evaluate on the test file, which give
 * what a model trained on the same data in the long layout gives on the test file converted to it, ids being the rows' line
 * numbers.
 */
class WideLayoutTest {

    @TempDir
    Path dir;

    /** {@code n} series of up to 16 steps: class 1 rises, class 2 falls; every fifth is shorter, NaN-padded. */
    private static List<String[]> series(int n, long seed) {
        Random random = new Random(seed);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2 + 1;
            int length = i % 5 == 4 ? 11 : 16;
            String[] row = new String[17];
            row[0] = Integer.toString(label);
            for (int t = 0; t < 16; t++) {
                row[t + 1] = t >= length ? "NaN" : String.format(Locale.ROOT, "%.4f", (label == 1 ? 0.1 : -0.1) * t
                        + 0.3 * random.nextGaussian());
            }
            rows.add(row);
        }
        return rows;
    }

    private Path wide(String name, List<String[]> rows) throws Exception {
        return Files.write(dir.resolve(name), rows.stream().map(r -> String.join("\t", r)).toList());
    }

    /** The same series in the long layout: sequence_id (the wide file's line number), value, label; NaN padding left out. */
    private Path asLong(String name, List<String[]> rows) throws Exception {
        List<String> lines = new ArrayList<>(List.of("sequence_id,value,label"));
        for (int i = 0; i < rows.size(); i++) {
            for (int t = 1; t < rows.get(i).length && !rows.get(i)[t].equals("NaN"); t++) {
                lines.add((i + 1) + "," + rows.get(i)[t] + "," + rows.get(i)[0]);
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static String[] train(Path file, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "csv", "--train", file.toString(), "--set",
                "validationFraction=0.25", "--set", "testFraction=0", "--cell", "rnn", "--hidden", "4", "--epochs", "2",
                "--quiet", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void ucrTrainAndTestFilesGiveThePredictionsOfTheSameDataInTheLongLayout() throws Exception {
        List<String[]> trainRows = series(40, 1);
        List<String[]> testRows = series(12, 2);
        Path trainTsv = wide("Uni_TRAIN.tsv", trainRows);
        Path testTsv = wide("Uni_TEST.tsv", testRows);
        Path wideRun = dir.resolve("wide");
        Run trained = run(train(trainTsv, wideRun, "--set", "delimiter=tab", "--set", "layout=wide"));
        assertThat(trained.code()).as(trained.err()).isZero();
        Path longRun = dir.resolve("long");
        Run trainedLong = run(train(asLong("train_long.csv", trainRows), longRun));
        assertThat(trainedLong.code()).as(trainedLong.err()).isZero();
        JsonNode card = Json.mapper().readTree(Files.readString(wideRun.resolve("dataset-provenance.json")));
        assertThat(card.toString()).contains("\"layout\":\"wide\"");

        Run predict = run("predict", "--model", wideRun.resolve("model.rnnlab").toString(), "--input", testTsv.toString(),
                "--digits", "9");
        assertThat(predict.code()).as(predict.err()).isZero();
        Run predictLong = run("predict", "--model", longRun.resolve("model.rnnlab").toString(), "--input",
                asLong("test_long.csv", testRows).toString(), "--digits", "9");
        assertThat(predictLong.code()).as(predictLong.err()).isZero();
        List<String> rows = predict.out().lines().toList();
        List<String> longRows = predictLong.out().lines().toList();
        assertThat(rows).hasSize(13).hasSameSizeAs(longRows);
        assertThat(rows.get(0)).isEqualTo(longRows.get(0));
        for (int i = 1; i < rows.size(); i++) {
            String[] a = rows.get(i).split(",");
            String[] b = longRows.get(i).split(",");
            assertThat(a[0]).isEqualTo(Integer.toString(i)); // the id: the test file's line number
            assertThat(a[0]).isEqualTo(b[0]);
            assertThat(a[1]).isEqualTo(b[1]);
            assertThat(a[a.length - 4]).isEqualTo(b[b.length - 4]); // far_from_training
            assertThat(a[a.length - 2]).isEqualTo(b[b.length - 2]); // constant_features
            assertThat(a[a.length - 3]).isEqualTo(b[b.length - 3]); // far_reasons
            assertThat(a[a.length - 5]).isEqualTo(b[b.length - 5]); // length_untested
            for (int c = 2; c < a.length - 5; c++) { // the probabilities, then length_untested, far_from_training, far_reasons, constant_features, low_confidence
                assertThat(Double.parseDouble(a[c])).isEqualTo(Double.parseDouble(b[c]), within(1e-5));
            }
            assertThat(a[a.length - 1]).isIn("true", "false").isEqualTo(b[b.length - 1]);
        }

        Run evaluate = run("evaluate", "--model", wideRun.resolve("model.rnnlab").toString(), "--input", testTsv.toString(),
                "--json");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        // TEST's line numbers are TRAIN's too: not "the name of a training sequence" (a UCR researcher's every pair)
        assertThat(evaluate.err()).doesNotContain("have the name of a training or validation sequence");
        Run evaluateLong = run("evaluate", "--model", longRun.resolve("model.rnnlab").toString(), "--input",
                dir.resolve("test_long.csv").toString(), "--json");
        JsonNode e = Json.mapper().readTree(evaluate.out());
        JsonNode el = Json.mapper().readTree(evaluateLong.out());
        assertThat(e.at("/examples").asLong()).isEqualTo(12);
        assertThat(e.at("/metrics/ACCURACY").asDouble()).isEqualTo(el.at("/metrics/ACCURACY").asDouble(), within(1e-9));

        // a long file given to the wide model is read as wide: its header has no step columns, which is said
        Run wrong = run("predict", "--model", wideRun.resolve("model.rnnlab").toString(), "--input",
                dir.resolve("test_long.csv").toString());
        assertThat(wrong.code()).isNotZero();

        // an app fed by the ONNX export learns from its metadata that a row is a sequence
        Run export = run("export", "--model", wideRun.resolve("model.rnnlab").toString());
        assertThat(export.code()).as(export.err()).isZero();
        JsonNode meta = Json.mapper().readTree(wideRun.resolve("model.onnx.json").toFile());
        assertThat(meta.get("csv_layout").asText()).isEqualTo("wide");
        assertThat(meta.get("rows_doc").asText()).contains("one row per sequence (wide layout)");
        assertThat(meta.has("time_column")).isFalse();
    }
}
