package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * Each group's test scores where a data scientist looks for them: a train run's results.json (as evaluate --json gives them
 * for the same test data), and a comparison's by-group.csv and results.json.
 */
class GroupScoresInRunFilesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Volunteers {@code from} to {@code to - 1}, 8 sequences of 5 steps each; the label the sign of the first step, noisy. */
    private static Path volunteers(Path file, int from, int to, long seed) throws Exception {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("id,time,x,volunteer,label\n");
        for (int v = from; v < to; v++) {
            for (int s = 0; s < 8; s++) {
                String label = (s + v) % 2 == 0 ? "up" : "down";
                for (int t = 0; t < 5; t++) {
                    double x = (t == 0 ? (label.equals("up") ? 1 : -1) : 0) + (0.3 + 0.2 * (v % 3)) * random.nextGaussian();
                    sb.append(String.format(Locale.ROOT, "v%d-s%d,%d,%.4f,person%d,%s%n", v, s, t, x, v, label));
                }
            }
        }
        return Files.writeString(file, sb.toString());
    }

    /** {@code id<TAB>lang<TAB>label<TAB>text}: {@code n} texts of 4 languages from index {@code from}. */
    private static Path reviews(Path file, int from, int n) throws Exception {
        List<String> lines = new ArrayList<>(List.of("id\tlang\tlabel\ttext"));
        String[] langs = {"de", "en", "fr", "ja"};
        for (int i = from; i < from + n; i++) {
            String lang = langs[i % 4];
            lines.add("r-" + i + "\t" + lang + "\t" + (i % 8 < 4 ? "food\tcake bread soup " + (i % 5 == 0 ? "ball " : "") + lang
                    : "sport\tmatch goal ball " + (i % 7 == 0 ? "soup " : "") + lang));
        }
        return Files.write(file, lines);
    }

    /** train's results.json groups equal evaluate --json's groups on the same test file, field for field. */
    private static JsonNode trainedGroupsEqualEvaluated(Path out, Path test, String... trainArgs) throws Exception {
        Run train = TrainEvaluatePredictTest.run(trainArgs);
        assertThat(train.code()).as(train.err()).isZero();
        JsonNode trained = MAPPER.readTree(out.resolve("results.json").toFile()).get("groups");
        assertThat(trained).as("results.json groups").isNotNull();
        assertThat(trained.isObject()).isTrue();
        Run evaluated = TrainEvaluatePredictTest.run("evaluate", "--model", out.resolve("model.rnnlab").toString(), "--input",
                test.toString(), "--json");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        JsonNode json = MAPPER.readTree(evaluated.out()).get("groups");
        assertThat(json).isNotNull();
        assertThat(trained.get("byGroup").size()).isEqualTo(json.get("byGroup").size());
        for (int i = 0; i < json.get("byGroup").size(); i++) {
            JsonNode a = trained.get("byGroup").get(i);
            JsonNode b = json.get("byGroup").get(i);
            assertThat(a.get("group").asText()).isEqualTo(b.get("group").asText());
            assertThat(a.get("examples").asInt()).isEqualTo(b.get("examples").asInt());
            for (String f : List.of("accuracy", "macroF1", "majorityAccuracy", "majorityMacroF1")) {
                assertThat(a.get(f).asDouble()).as(a.get("group") + " " + f).isCloseTo(b.get(f).asDouble(), within(1e-9));
            }
            assertThat(a.get("majorityClass").asText()).isEqualTo(b.get("majorityClass").asText());
            assertThat(a.get("noBetterThanMajority").asBoolean()).isEqualTo(b.get("noBetterThanMajority").asBoolean());
        }
        assertThat(trained.get("column").asText()).isEqualTo(json.get("column").asText());
        return trained;
    }

    @Test
    void trainsResultsJsonHoldsEachTestGroupAsEvaluateJsonGivesIt(@TempDir Path dir) throws Exception {
        // CSV, --set group=volunteer, a test file of 4 volunteers not trained on
        Path train = volunteers(dir.resolve("train.csv"), 0, 8, 1);
        Path test = volunteers(dir.resolve("test.csv"), 8, 12, 2);
        Path out = dir.resolve("csv-run");
        JsonNode csv = trainedGroupsEqualEvaluated(out, test, "train", "--dataset", "csv", "--train", train.toString(), "--test",
                test.toString(), "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x",
                "--set", "group=volunteer", "--hidden", "4", "--epochs", "2", "--quiet", "--out", out.toString());
        assertThat(csv.get("column").asText()).isEqualTo("volunteer");
        assertThat(csv.get("byGroup")).extracting(g -> g.get("group").asText())
                .containsExactly("person10", "person11", "person8", "person9");
        assertThat(csv.get("byGroup")).allSatisfy(g -> assertThat(g.get("examples").asInt()).isEqualTo(8));

        // text, --set group=lang
        Path texts = reviews(dir.resolve("train.tsv"), 0, 80);
        Path textTest = reviews(dir.resolve("test.tsv"), 80, 40);
        Path textOut = dir.resolve("text-run");
        JsonNode text = trainedGroupsEqualEvaluated(textOut, textTest, "train", "--dataset", "text", "--train", texts.toString(),
                "--test", textTest.toString(), "--set", "group=lang", "--set", "minFrequency=1", "--hidden", "4", "--epochs", "1",
                "--quiet", "--out", textOut.toString());
        assertThat(text.get("column").asText()).isEqualTo("lang");
        assertThat(text.get("byGroup")).hasSize(4);

        // without a group column: null
        Path plain = dir.resolve("plain-run");
        Run ungrouped = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train", train.toString(), "--set",
                "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x", "--hidden", "4", "--epochs",
                "1", "--quiet", "--out", plain.toString());
        assertThat(ungrouped.code()).as(ungrouped.err()).isZero();
        assertThat(MAPPER.readTree(plain.resolve("results.json").toFile()).get("groups").isNull()).isTrue();
    }

    @Test
    void compareWritesEachConfigurationsScoresByGroupFromItsRuns(@TempDir Path dir) throws Exception {
        // leave-one-volunteer-out: each fold tests one group, whose by-group accuracy is then that run's test accuracy
        Path csv = volunteers(dir.resolve("v.csv"), 0, 6, 3);
        Path out = dir.resolve("cmp");
        String[] args = {"compare", "--dataset", "csv", "--train", csv.toString(), "--set", "sequenceId=id", "--set", "time=time",
                "--set", "label=label", "--set", "features=x", "--cells", "rnn,gru", "--seeds", "1", "--epochs", "1", "--hidden",
                "3", "--cv", "6", "--group-column", "volunteer", "--probe", "0", "--quiet", "--out", out.toString()};
        Run run = TrainEvaluatePredictTest.run(args);
        assertThat(run.code()).as(run.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("by-group.csv"));
        assertThat(rows.get(0)).isEqualTo("configuration,group,runs,test_sequences,accuracy_mean,macro_f1_mean,majority_class,"
                + "majority_accuracy,majority_macro_f1");
        assertThat(rows).hasSize(1 + 2 * 6);
        // results.csv: each run's fold, its one test group and its test accuracy and macro-F1
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        List<String> header = List.of(results.get(0).split(","));
        Map<String, String[]> byRun = new HashMap<>();
        for (String r : results.subList(1, results.size())) {
            String[] c = r.split(",", -1);
            byRun.put(c[0] + "|" + c[header.indexOf("test_groups")], c);
        }
        assertThat(byRun).hasSize(12);
        for (String r : rows.subList(1, rows.size())) {
            String[] c = r.split(",");
            String[] of = byRun.get(c[0] + "|" + c[1]);
            assertThat(of).as(r).isNotNull();
            assertThat(c[2]).as(r).isEqualTo("1");
            assertThat(c[3]).as(r).isEqualTo("8");
            assertThat(Double.parseDouble(c[4])).as(r).isCloseTo(Double.parseDouble(of[header.indexOf("accuracy")]), within(1e-9));
            assertThat(Double.parseDouble(c[5])).as(r).isCloseTo(Double.parseDouble(of[header.indexOf("macro_f1")]), within(1e-9));
            assertThat(Double.parseDouble(c[7])).as(r).isEqualTo(0.5); // 4 up, 4 down per volunteer
            // always 'up' or 'down': F1 2 x 0.5 / 1.5 of one class, over the 2 classes held (trial 71d F8: train and evaluate
            // gave it, by-group.csv did not)
            assertThat(Double.parseDouble(c[8])).as(r).isCloseTo(1.0 / 3, within(1e-6));
        }
        // results.json: the same rows
        JsonNode json = MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(json.get("byGroup")).hasSize(12);
        assertThat(json.get("byGroup").get(0).get("testSequences").asInt()).isEqualTo(8);
        assertThat(json.get("byGroup")).allSatisfy(g -> assertThat(g.get("majorityMacroF1").asDouble()).isCloseTo(1.0 / 3,
                within(1e-12)));
        // differences.json names its units n, as differences.csv and the docs do (and keeps pairs)
        JsonNode differences = MAPPER.readTree(out.resolve("differences.json").toFile());
        assertThat(differences).isNotEmpty().allSatisfy(d -> {
            assertThat(d.get("n")).as(d.toString()).isNotNull();
            assertThat(d.get("n").asInt()).isEqualTo(6).isEqualTo(d.get("pairs").asInt());
        });
        // under the table: the best configuration's lowest groups, at most 5 of the 6
        assertThat(run.out()).containsPattern("lowest groups of (rnn|gru) \\(test accuracy, of 6 groups; all in by-group.csv\\): "
                + "('person\\d' [01]\\.\\d{4} \\(its own majority class: 0\\.5000\\)(, )?){5}\\n");

        // resumed with runs of an older rnnlab (no group scores): no rows of theirs, a note, no failure
        Path runs = out.resolve("runs");
        List<Path> files;
        try (var list = Files.list(runs)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSize(12);
        for (Path f : files) {
            ObjectNode node = (ObjectNode) MAPPER.readTree(f.toFile());
            assertThat(node.has("groups")).isTrue();
            node.remove("groups");
            Files.writeString(f, MAPPER.writeValueAsString(node));
        }
        Files.delete(files.get(0)); // one run to train again: the only one with group scores
        Files.delete(out.resolve("by-group.csv"));
        Run resumed = TrainEvaluatePredictTest.run("compare", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("compare: note: 11 of the 12 runs were written by an older rnnlab, which recorded no "
                + "group scores: by-group.csv leaves them out");
        assertThat(Files.readAllLines(out.resolve("by-group.csv"))).hasSize(2);
    }
}
