package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.compare.ComparisonFiles;
import org.rnnlab.evaluation.compare.ReportLinks;

/** {@code rnnlab compare} end to end on a tiny slice, as a user starts it. */
class CompareCommandTest {

    @Test
    void aComparisonRunsAgainFromItsConfigJsonWithTheSameResults(@TempDir Path dir) throws Exception {
        // users' tries: compare --config was an unknown option, and train --config pointed to the command line in provenance.json
        Path first = dir.resolve("first");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--bands", "none", "--cells", "rnn,gru", "--updater", "sgd",
                "--lr", "0.1", "--clip", "none,l2:0.5", "--seeds", "2", "--epochs", "1", "--hidden", "6", "--set", "trainSize=120",
                "--set", "validationSize=40", "--set", "testSize=60", "--set", "maxDistance=6", "--probe", "0", "--quiet", "--out", first.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Json.mapper().readTree(first.resolve("config.json").toFile()).at("/comparison/base/updater").asText()).isEqualTo("SGD");
        assertThat(run.err()).doesNotContain("the updater is"); // the note on clipping is for Adam and RMSProp
        assertThat(Json.mapper().readTree(first.resolve("provenance.json").toFile()).get("engine").asText()).isEqualTo("in-process");
        // as if trained on a cluster: the replay in-process says so (a user's try: config.json holds what is compared, not where)
        com.fasterxml.jackson.databind.node.ObjectNode provenance =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(first.resolve("provenance.json").toFile());
        Json.mapper().writeValue(first.resolve("provenance.json").toFile(), provenance.put("engine", "spark spark://h:7077"));
        Path again = dir.resolve("again");
        TrainEvaluatePredictTest.Run second = TrainEvaluatePredictTest.run("compare", "--config", first.resolve("config.json").toString(),
                "--quiet", "--out", again.toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.err()).contains("compare: the settings of").contains("compare: 8 runs")
                .contains("compare: note: config.json's runs were trained on Spark (master spark://h:7077), these in-process")
                .contains("compare: every configuration: an embedding of 32, then 1 recurrent layer of 6 units, last head, sgd at lr 0.1")
                // at the end, whether it repeated the comparison, as repeat-of.json says (trial 78j F2)
                .contains("compare: a repeat of the run of " + first.resolve("config.json").toAbsolutePath().normalize()
                        + " (same data, same settings): " + again.resolve("repeat-of.json") + " \"repeat\": true");
        assertThat(java.nio.file.Files.readString(again.resolve("index.html"))).contains("Every configuration: an embedding of 32, then 1 recurrent layer of 6 units");
        assertThat(again.resolve("accuracy-by-tag.csv")).isRegularFile();
        assertThat(java.nio.file.Files.readString(again.resolve("index.html"))).contains("<a href=\"per-class.csv\">")
                .contains("<a href=\"differences.csv\">").contains("<a href=\"accuracy-by-tag.csv\">");
        java.util.function.Function<Path, List<String>> scores = p -> {
            try {
                return java.nio.file.Files.readAllLines(p.resolve("results.csv")).stream().map(l -> String.join(",", List.of(l.split(",")).subList(0, 9))).toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertThat(scores.apply(again)).isEqualTo(scores.apply(first)); // configuration, seed, every metric, best epoch
        TrainEvaluatePredictTest.Run mixed = TrainEvaluatePredictTest.run("compare", "--config", first.resolve("config.json").toString(),
                "--seeds", "3", "--out", dir.resolve("mixed").toString());
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.err()).contains("--config compares again with the file's own settings").contains("not --seeds");
        assertThat(dir.resolve("mixed")).doesNotExist();
        TrainEvaluatePredictTest.Run trainConfig = TrainEvaluatePredictTest.run("train", "--config", first.resolve("config.json").toString());
        assertThat(trainConfig.err()).contains("rnnlab compare --config");
    }

    @Test
    void withoutValidationDataTheSummaryAndConfigJsonSayWhatRuns(@TempDir Path dir) throws Exception {
        // a user's --patience 3 and --select macro-f1 without validation data: warned of as not applying, then summarised and
        // recorded as if they did
        Path out = dir.resolve("nv");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--bands", "none", "--cells", "gru", "--seeds", "1",
                "--epochs", "2", "--hidden", "4", "--patience", "3", "--select", "macro-f1", "--set", "trainSize=60", "--set",
                "validationSize=0", "--set", "testSize=30", "--set", "maxDistance=4", "--probe", "0", "--quiet", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("--select macro-f1 does not apply").contains("--patience 3 does not apply: there is no validation data");
        String summary = run.err().lines().filter(l -> l.startsWith("compare: every configuration: ")).findFirst().orElseThrow();
        assertThat(summary).doesNotContain("early stopping after").doesNotContain("kept by validation")
                .endsWith("; no validation data: no early stopping, the epoch of the lowest training loss kept");
        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.at("/comparison/training/patience").asInt()).isZero();
        assertThat(config.at("/comparison/training/selection").asText()).isEqualTo("ACCURACY");
        // train records the same
        Path trained = dir.resolve("t");
        TrainEvaluatePredictTest.Run train = TrainEvaluatePredictTest.run("train", "--cell", "gru", "--epochs", "2", "--hidden", "4",
                "--patience", "3", "--select", "macro-f1", "--set", "trainSize=60", "--set", "validationSize=0", "--set", "testSize=30",
                "--set", "maxDistance=4", "--quiet", "--out", trained.toString());
        assertThat(train.code()).as(train.err()).isZero();
        JsonNode trainConfig = Json.mapper().readTree(trained.resolve("config.json").toFile());
        assertThat(trainConfig.findValue("patience").asInt()).as(trainConfig.toString()).isZero();
        assertThat(trainConfig.findValue("selection").asText()).isEqualTo("ACCURACY");
    }

    @Test
    void writesEveryOutputConsistentlyAndPrintsAJsonSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--bands", "none", "--cells", "rnn,gru", "--clip", "none,l2:1.0",
                "--seeds", "2", "--epochs", "1", "--hidden", "6", "--set", "trainSize=120", "--set", "validationSize=40",
                "--set", "testSize=60", "--set", "maxDistance=6", "--probe", "16", "--quiet", "--json", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("compare: 8 runs").contains("gru clip=l2:1.0        seed 2: test accuracy");

        for (String f : List.of("config.json", "provenance.json", "results.json", "results.csv", "index.html", "accuracy.png",
                "accuracy-by-distance.png", "accuracy-by-attractors.png", "learning-curves.png", "gradient-flow.png")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.at("/datasetOptions/settings/trainSize").asText()).isEqualTo("120");
        assertThat(config.at("/comparison/training/batchSize").asInt()).isEqualTo(64); // every default spelled out
        assertThat(config.at("/comparison/base/learningRate").asDouble()).isEqualTo(0.02);
        JsonNode provenance = Json.mapper().readTree(out.resolve("provenance.json").toFile());
        assertThat(provenance.get("threads").asInt()).isEqualTo(1);
        String omp = System.getenv("OMP_NUM_THREADS"); // recorded: it changes results (docs/dl4j-findings.md)
        assertThat(provenance.get("ompNumThreads").asText()).isEqualTo(omp == null ? "" : omp);
        assertThat(provenance.get("commandLine").toString()).contains("compare").contains("--seeds");

        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv.get(0)).isEqualTo(ComparisonFiles.CSV_HEADER);
        assertThat(csv).hasSize(1 + 8);
        // the ranking of the test probabilities beside accuracy and macro-F1, in the report's table and the printed one
        assertThat(Files.readString(out.resolve("index.html"))).contains("ROC AUC (macro)").contains("average precision (macro)");
        // ... test ROC AUC, average precision, Cohen's kappa, then the kept epoch's three threshold-free validation scores, then
        // the test log-loss and the rarer class's test average precision (then test_groups, empty without folds)
        assertThat(csv.subList(1, csv.size())).allSatisfy(l -> assertThat(l).matches(".*,0\\.\\d+,(0\\.\\d+|1\\.0),[^,]*(,[^,]*){3},"
                + "\\d+\\.\\d+,(0\\.\\d+|1\\.0),,(0\\.\\d+|1\\.0),1,\\d+,0\\.02,0\\.0,last,false$")); // then layers and hidden, then the
                // learning rate, dropout, head and residual of every run
        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        // Cohen's kappa of each run's test confusion matrix: results.json's metrics, results.csv's column before the threshold-free validation scores; per
        // configuration its mean in results.json's aggregates, compare --json's cohenKappaMean and the report's table
        int kappaColumn = List.of(ComparisonFiles.CSV_HEADER.split(",")).indexOf("cohen_kappa");
        assertThat(kappaColumn).isEqualTo(ComparisonFiles.CSV_HEADER.split(",").length - 14); // 7 columns after it, then layers, hidden, learning rate, dropout, head, residual
        java.util.Map<String, List<Double>> kappas = new java.util.HashMap<>();
        for (JsonNode r : results.get("runs")) {
            long[][] confusion = Json.mapper().treeToValue(r.at("/test/confusion"), long[][].class);
            double kappa = org.rnnlab.evaluation.metrics.Evaluator.cohenKappa(confusion);
            assertThat(kappa).as("a test split of both classes: kappa is defined").isNotNaN();
            assertThat(r.at("/test/metrics/COHEN_KAPPA").asDouble()).isEqualTo(kappa);
            String row = csv.stream().filter(l -> l.startsWith(r.get("configuration").asText() + ",")
                    && l.split(",")[3].equals(r.get("seed").asText())).findFirst().orElseThrow();
            assertThat(Double.parseDouble(row.split(",", -1)[kappaColumn])).isEqualTo(kappa);
            kappas.computeIfAbsent(r.get("configuration").asText(), c -> new java.util.ArrayList<>()).add(kappa);
        }
        JsonNode summaryRows = Json.mapper().readTree(run.out()).get("configurations");
        for (JsonNode agg : results.get("aggregates")) {
            double mean = kappas.get(agg.get("configuration").asText()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(agg.at("/metrics/COHEN_KAPPA/mean").asDouble()).isCloseTo(mean, within(1e-12));
            assertThat(agg.at("/metrics/COHEN_KAPPA/sd").isNumber()).isTrue(); // two seeds: mean ± sd
            JsonNode row = java.util.stream.StreamSupport.stream(summaryRows.spliterator(), false)
                    .filter(c -> c.get("configuration").equals(agg.get("configuration"))).findFirst().orElseThrow();
            assertThat(row.get("cohenKappaMean").asDouble()).isEqualTo(agg.at("/metrics/COHEN_KAPPA/mean").asDouble());
        }
        assertThat(Files.readString(out.resolve("index.html"))).contains("<th scope=\"col\">Cohen&#39;s kappa</th>");
        for (JsonNode agg : results.get("aggregates")) {
            String name = agg.get("configuration").asText();
            double sum = 0;
            int n = 0;
            for (String row : csv.subList(1, csv.size())) {
                String[] cells = row.split(",");
                if (cells[0].equals(name)) {
                    sum += Double.parseDouble(cells[4]);
                    n++;
                }
            }
            assertThat(n).isEqualTo(2);
            assertThat(agg.at("/metrics/ACCURACY/mean").asDouble()).isCloseTo(sum / n, within(1e-12));
        }
        assertThat(results.get("runs").get(0).get("gradientNorms").size()).isGreaterThan(3);
        ReportLinks.assertAllLocalLinksExist(out.resolve("index.html"));

        // the majority-class baseline beside the results (a user's 0.8667 was the majority class's share), in results.json
        // and the report; the paired differences on macro-F1 beside those on accuracy, whose rows keep their format
        JsonNode baseline = results.get("baseline");
        assertThat(baseline.get("parts").asInt()).isEqualTo(1);
        assertThat(baseline.get("accuracy").asDouble()).isBetween(0.5, 1.0); // the larger class's share of the test split
        assertThat(baseline.get("macroF1").asDouble()).isLessThan(baseline.get("accuracy").asDouble());
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("<p>Majority-class baseline: always &#39;" + baseline.at("/labels/0").asText() + "&#39;")
                .contains("<th scope=\"col\">accuracy a − b</th>").contains("<th scope=\"col\">macro-F1 a − b</th>").contains("To keep a model: compare saves none.");
        List<String> differences = Files.readAllLines(out.resolve("differences.csv"));
        assertThat(differences.get(0)).isEqualTo(ComparisonFiles.DIFFERENCES_HEADER);
        assertThat(differences.subList(1, differences.size())).hasSize(12).filteredOn(l -> l.contains(",accuracy,")).hasSize(6)
                .allMatch(l -> l.matches("[^,]+,[^,]+,accuracy,2,[^,]+,,,[^,]+,false,too few pairs \\(2 < 6\\),seed,2,1,,,,")); // no interval: empty; no unfinished, no scope (no groups), no Holm p (no verdict), no definition (accuracy)
        assertThat(differences.subList(1, differences.size())).filteredOn(l -> l.contains(",macro_f1,")).hasSize(6)
                .allMatch(l -> l.endsWith("," + ComparisonFiles.PRESENT_OR_PREDICTED));

        JsonNode summary = Json.mapper().readTree(run.out());
        assertThat(summary.get("configurations")).hasSize(4);
        assertThat(summary.get("run").asText()).isEqualTo(out.toString());
        // the terminal's baseline and macro-F1 differences are in the JSON summary too
        assertThat(summary.get("macroF1Differences")).hasSize(6);
        // 2 pairs: no interval (the sign-flip test inverted rejects no shift at 5%), null in JSON, n/a in the report
        assertThat(summary.at("/accuracyDifferences/0/low").isNull()).isTrue();
        assertThat(summary.at("/accuracyDifferences/0/high").isNull()).isTrue();
        assertThat(summary.at("/accuracyDifferences/0/pValue").isNumber()).isTrue();
        assertThat(Files.readString(out.resolve("index.html"))).contains("<td>n/a</td>");
        assertThat(summary.at("/baseline/accuracy").asDouble()).isEqualTo(Json.mapper().readTree(out.resolve("results.json").toFile())
                .at("/baseline/accuracy").asDouble()).isBetween(0.0, 1.0);
        // and what the table says under it: the best configuration with the train options that repeat its best run, and
        // the clipping summary (a trial's --json had neither), in results.json too
        JsonNode best = summary.get("best");
        assertThat(best.get("configuration").asText()).isIn("rnn", "gru", "rnn clip=l2:1.0", "gru clip=l2:1.0");
        assertThat(best.get("trainOptions").get(0).asText()).isEqualTo("--cell");
        assertThat(best.get("trainOptions").toString()).contains("\"--seed\",\"" + best.get("seed").asLong() + "\"");
        assertThat(best.get("note").asText()).contains("the comparison's data and model options");
        assertThat(results.get("best")).isEqualTo(best);
        // with validation data the best is chosen on validation (not test), and every configuration's validation score is there
        // to rank by: the summary's and results.json's mean validation scores, the best's among them the highest
        String by = best.get("chosenBy").asText();
        assertThat(by).startsWith("validation ");
        String key = by.equals("validation accuracy") ? "validationAccuracyMean" : "validationMacroF1Mean";
        double top = -1;
        for (JsonNode row : summary.get("configurations")) {
            assertThat(row.get("validationMacroF1Mean").isNumber()).isTrue();
            top = Math.max(top, row.get(key).asDouble());
            JsonNode agg = java.util.stream.StreamSupport.stream(results.get("aggregates").spliterator(), false)
                    .filter(a -> a.get("configuration").asText().equals(row.get("configuration").asText())).findFirst().orElseThrow();
            assertThat(agg.at("/validationMacroF1/mean").asDouble()).isEqualTo(row.get("validationMacroF1Mean").asDouble());
        }
        assertThat(best.get("meanValidation").asDouble()).isEqualTo(top);
        List<String> header = List.of(ComparisonFiles.CSV_HEADER.split(","));
        assertThat(csv.subList(1, csv.size())).allSatisfy(l -> {
            String[] cells = l.split(",", -1);
            assertThat(cells[header.indexOf("validation_accuracy")]).matches("[0-9.]+");
            assertThat(cells[header.indexOf("validation_macro_f1")]).matches("[0-9.]+");
        });
        JsonNode clipping = summary.get("clipping");
        assertThat(clipping.get("configurations")).hasSize(2)
                .allSatisfy(c -> assertThat(c.get("configuration").asText()).endsWith("clip=l2:1.0"));
        assertThat(clipping.at("/configurations/0/mean").asDouble()).isBetween(0.0, 1.0);
        assertThat(results.get("clipping")).isEqualTo(clipping);
    }

    @Test
    void theDataWarningsAreInTheReport(@TempDir Path dir) throws Exception {
        org.rnnlab.datasets.synthetic.ExampleArchive.write(dir.resolve("d"), 40, 5, 3);
        Path train = dir.resolve("d/TRAIN.csv");
        Path out = dir.resolve("cmp");
        // a copy of the training file as the test file: every test id is a training id
        Path copy = Files.copy(train, dir.resolve("copy.csv"));
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", train.toString(),
                "--test", copy.toString(), "--set", "sequenceId=series_id", "--set", "time=timestamp", "--set", "label=class",
                "--cells", "rnn", "--seeds", "1", "--epochs", "1", "--hidden", "3", "--probe", "0", "--quiet", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        // before, only the terminal said so: the report showed the (optimistic) test scores without a word
        assertThat(Files.readString(out.resolve("data-warnings.txt"))).contains("test sequence(s) are also in the training data with the same values");
        assertThat(Files.readString(out.resolve("index.html"))).contains("<b>Data warning:</b>")
                .contains("test sequence(s) are also in the training data with the same values")
                // which columns the models read (the report did not say)
                .containsPattern("; features \\[[^\\]]+\\]</li>");
    }

    @Test
    void aKeptRunFromAnotherComparisonIsRefusedOnResume(@TempDir Path dir) throws Exception {
        String[] common = {"compare", "--bands", "none", "--cells", "rnn", "--seeds", "2", "--hidden", "4", "--patience", "0", "--probe",
            "0", "--set", "trainSize=120", "--set", "validationSize=30", "--set", "testSize=30", "--quiet"};
        Path three = dir.resolve("three");
        Path two = dir.resolve("two");
        assertThat(TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(common, "--epochs", "3", "--out", three.toString())).code())
                .isZero();
        assertThat(TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(common, "--epochs", "2", "--out", two.toString())).code())
                .isZero();
        // a user's try: the run of another comparison, copied in, was kept and reported as this one's
        Files.delete(three.resolve("runs/rnn-seed2.json"));
        Files.delete(three.resolve("index.html"));
        Files.copy(two.resolve("runs/rnn-seed1.json"), three.resolve("runs/rnn-seed1.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TrainEvaluatePredictTest.Run resumed = TrainEvaluatePredictTest.run("compare", "--resume", three.toString(), "--quiet");
        assertThat(resumed.code()).isEqualTo(1);
        assertThat(resumed.err()).contains("the kept run rnn seed 1 (runs/rnn-seed1.json) trained 2 epochs, where every run of this "
                + "comparison trains 3").contains("remove that file to train the run again");
        // the same seed and epochs, another hidden size: told apart by the parameter count (a user's try: it was mixed in)
        Path wider = dir.resolve("wider");
        String[] widerArgs = TrainEvaluatePredictTest.concat(common, "--epochs", "3", "--out", wider.toString());
        widerArgs[java.util.Arrays.asList(widerArgs).indexOf("--hidden") + 1] = "5";
        assertThat(TrainEvaluatePredictTest.run(widerArgs).code()).isZero();
        Files.copy(wider.resolve("runs/rnn-seed1.json"), three.resolve("runs/rnn-seed1.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TrainEvaluatePredictTest.Run other = TrainEvaluatePredictTest.run("compare", "--resume", three.toString(), "--quiet");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("the kept run rnn seed 1 (runs/rnn-seed1.json) has ").contains(" parameters, where rnn has ")
                .contains("remove that file to train the run again");
        Files.delete(three.resolve("runs/rnn-seed1.json"));
        TrainEvaluatePredictTest.Run again = TrainEvaluatePredictTest.run("compare", "--resume", three.toString(), "--quiet");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Files.readAllLines(three.resolve("results.csv"))).hasSize(3);
    }

    @Test
    void badOptionsFailWithAClearMessage(@TempDir Path dir) {
        TrainEvaluatePredictTest.Run r = TrainEvaluatePredictTest.run("compare", "--cells", "rnn,transformer", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown cell 'transformer'");
        TrainEvaluatePredictTest.Run s = TrainEvaluatePredictTest.run("compare", "--set", "maxDistanse=3", "--out", dir.toString());
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains("maxDistanse");
        TrainEvaluatePredictTest.Run t = TrainEvaluatePredictTest.run("compare", "--time-budget", "soon", "--out", dir.toString());
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains("duration 'soon'");
        // a configuration named twice would count the same runs twice in the statistics (a user's try: gru,gru)
        TrainEvaluatePredictTest.Run cells = TrainEvaluatePredictTest.run("compare", "--cells", "gru,rnn,gru", "--out", dir.toString());
        assertThat(cells.code()).isEqualTo(2);
        assertThat(cells.err()).contains("--cells names gru twice");
        TrainEvaluatePredictTest.Run clips = TrainEvaluatePredictTest.run("compare", "--clip", "l2:1,none,l2:1.0", "--out", dir.toString());
        assertThat(clips.code()).isEqualTo(2);
        assertThat(clips.err()).contains("--clip names l2:1.0 twice");
    }
}
