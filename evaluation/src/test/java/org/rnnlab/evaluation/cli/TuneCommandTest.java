package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.compare.ComparisonFiles;
import org.rnnlab.evaluation.compare.ReportLinks;

/** {@code rnnlab compare --tune N} end to end, as a user starts it. */
class TuneCommandTest {

    private static final String[] DATA = {"--set", "trainSize=240", "--set", "validationSize=80", "--set", "testSize=120",
        "--set", "maxDistance=6"};

    @Test
    void aTuningRankedByMacroF1SaysSo(@TempDir Path dir) throws Exception {
        // a trial's imbalanced data: the tuner ranked by validation macro-F1, and everything it printed said accuracy
        Path space = Files.writeString(dir.resolve("space.json"), "{\"hidden\": [4, 8], \"layers\": [1], \"head\": [\"last\"]}");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {"compare",
            "--cells", "rnn", "--tune", "2", "--space", space.toString(), "--epochs", "2", "--seeds", "1", "--probe", "0",
            "--select", "macro-f1", "--quiet", "--out", dir.resolve("f1").toString()}, DATA));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("(trials x epochs), scored on validation macro-F1");
        // the header gives the space's values of what is tuned, not the base's 64 units no trial had (trial 78j F3)
        org.rnnlab.evaluation.tune.SearchSpace read = org.rnnlab.evaluation.tune.SearchSpace.read(space);
        List<String> clips = read.clip();
        assertThat(run.err()).contains("compare: every configuration: an embedding of 32, then tuned: " + read.describe() + "; adam, minibatches of ")
                .contains("hidden 4|8, layers 1, dropout ").contains("compare: 1 runs ([rnn] x clip " + (clips.size() == 1
                        ? clips.toString() : "tuned " + String.join("|", clips)) + " x 1 seeds)")
                .doesNotContain("(before tuning)").doesNotContain("recurrent layer of");
        assertThat(run.out()).contains("successive halving (eta 3) on validation macro-F1").containsPattern("\\(validation macro-F1 [01]\\.\\d{4}");
        // trials.csv holds the score the trials were ranked by, last (a review: only validation accuracy was there)
        List<String> trials = Files.readAllLines(dir.resolve("f1").resolve("trials.csv"));
        assertThat(trials.get(0)).isEqualTo(ComparisonFiles.TRIALS_HEADER + ",validation_macro_f1");
        // trial 81f F4: tuning.json records the score the choice was made by, named, not only its accuracy
        JsonNode tuning = Json.mapper().readTree(dir.resolve("f1").resolve("tuning.json").toFile());
        assertThat(tuning.get("selection").asText()).isEqualTo("MACRO_F1");
        String[] chosenRow = trials.stream().map(l -> l.split(",", -1)).filter(r -> r[7].equals("true")).findFirst().orElseThrow();
        assertThat(tuning.at("/architectures/0/chosenScore").asDouble()).isEqualTo(Double.parseDouble(chosenRow[chosenRow.length - 1]));
        assertThat(tuning.at("/architectures/0/chosenEpochs").asInt()).isEqualTo(Integer.parseInt(chosenRow[3]));
        assertThat(tuning.at("/architectures/0/budgetNote").isMissingNode()).as("no budget, no note").isTrue();
    }

    @Test
    void aSpentTuneBudgetStopsTheTrialsAndSaysWhatTheChoiceRestsOnWithProgressOnTheWay(@TempDir Path dir) throws Exception {
        // trial 81f F1: --tune-budget 30s let rung 0 run 57 s, and nothing said the choice came from 1-epoch trials; F5: no word
        // of how many trials were left
        Path space = Files.writeString(dir.resolve("space.json"), "{\"hidden\": [4, 8], \"layers\": [1, 2], \"head\": [\"last\"]}");
        Path out = dir.resolve("b");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {"compare",
            "--cells", "rnn", "--tune", "3", "--space", space.toString(), "--epochs", "3", "--seeds", "1", "--probe", "0",
            "--tune-budget", "0.001s", "--out", out.toString()}, DATA));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("  tuning rnn: 1 of 3 trials of rung 0 (1 epoch each) trained, ")
                .containsPattern("--tune-budget 0:00:00, spent \\(0:00:\\d\\d of trial training\\): no further rnn trial starts")
                .contains("compare: warning: tuning rnn: --tune-budget 0.00100 s exceeded (")
                .contains("rung 0 trained 1 of 3 trials x 1 epoch in ")
                .contains(", and no later rung started; the choice rests on trials of 1 epoch, the runs train 3")
                .doesNotContain("rnn trial 1 rung 0");
        assertThat(run.out()).contains("seed 1 among them trained for 3 epochs where the trial trained 1")
                .contains("; --tune-budget 0.00100 s exceeded (").doesNotContain("the trial's seed 1 one of them");
        assertThat(Files.readAllLines(out.resolve("trials.csv"))).hasSize(2);
        JsonNode tuning = Json.mapper().readTree(out.resolve("tuning.json").toFile());
        assertThat(tuning.at("/architectures/0/chosenEpochs").asInt()).isEqualTo(1);
        assertThat(tuning.at("/architectures/0/budgetNote").asText()).contains("the choice rests on trials of 1 epoch");
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("<strong>rnn:</strong> --tune-budget 0.00100 s exceeded");
        // trial 81f F7: the report's first line gave compare's untuned defaults "(before tuning)", which no run used
        assertThat(html).contains("<p>Every configuration: an embedding of 32, then tuned: lr ").contains("hidden 4|8, layers 1|2")
                .contains("(each architecture&#39;s chosen settings: Tuning, below)").doesNotContain("(before tuning)");
    }

    @Test
    void aTuningRankedByLogLossWritesAndPlotsTheLogLossAndPromotesTheLowest(@TempDir Path dir) throws Exception {
        // a review: trials.csv and tuning.png showed validation accuracy only, which a log-loss ranking need not follow
        Path space = Files.writeString(dir.resolve("space.json"), "{\"hidden\": [4, 8], \"layers\": [1], \"head\": [\"last\"]}");
        Path out = dir.resolve("ll");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {"compare",
            "--cells", "rnn", "--tune", "4", "--space", space.toString(), "--epochs", "3", "--seeds", "1", "--probe", "0",
            "--select", "log-loss", "--quiet", "--out", out.toString()}, DATA));
        assertThat(run.code()).as(run.err()).isZero();
        List<String> trials = Files.readAllLines(out.resolve("trials.csv"));
        assertThat(trials.get(0)).isEqualTo(ComparisonFiles.TRIALS_HEADER + ",validation_log_loss");
        List<String[]> rows = trials.stream().skip(1).map(l -> l.split(",", -1)).toList();
        assertThat(rows).allSatisfy(r -> assertThat(Double.parseDouble(r[r.length - 1])).isPositive());
        // the trials promoted from the first rung have the lowest log-loss of it, whatever their accuracy
        double highestPromoted = rows.stream().filter(r -> r[2].equals("0") && r[6].equals("true"))
                .mapToDouble(r -> Double.parseDouble(r[r.length - 1])).max().orElseThrow();
        double lowestLeft = rows.stream().filter(r -> r[2].equals("0") && r[6].equals("false"))
                .mapToDouble(r -> Double.parseDouble(r[r.length - 1])).min().orElseThrow();
        assertThat(highestPromoted).isLessThanOrEqualTo(lowestLeft);
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("Scatter chart of every tuning trial&#39;s best validation log-loss (lower is better)")
                .contains("The trials that go on to the next rung are the best of theirs by it (the lowest)")
                .contains("trials.csv (validation_log_loss, beside validation_accuracy)");
        assertThat(org.rnnlab.evaluation.report.ComparisonReport.charts(Json.mapper().readValue(out.resolve("results.json").toFile(),
                org.rnnlab.evaluation.compare.ComparisonResult.class)).get("tuning.png").getTitle())
                .isEqualTo("Tuning trials: validation log-loss by epochs trained");
    }

    @Test
    void tunesEachArchitectureThenComparesTheChosenOnes(@TempDir Path dir) throws Exception {
        Path space = Files.writeString(dir.resolve("space.json"), "{\"hidden\": [8, 16], \"layers\": [1], \"head\": [\"last\"]}");
        Path out = dir.resolve("tuned");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {"compare",
            "--cells", "rnn,gru", "--tune", "4", "--space", space.toString(), "--epochs", "3", "--seeds", "2", "--probe", "0",
            "--quiet", "--out", out.toString()}, DATA));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("tuning first: 4 trials per architecture, rungs [4x1, 1x3]")
                .contains("gru trial 3 rung 0").contains("validation accuracy");
        assertThat(run.out()).contains("tuned: 4 trials per architecture").containsPattern("gru\\s+lr \\d\\.\\d+, 1 x (8|16)");

        List<String> trials = Files.readAllLines(out.resolve("trials.csv"));
        assertThat(trials.get(0)).isEqualTo(ComparisonFiles.TRIALS_HEADER);
        assertThat(trials).hasSize(1 + 2 * (4 + 1));
        assertThat(trials.stream().filter(l -> l.split(",")[7].equals("true"))).hasSize(2);
        JsonNode tuning = Json.mapper().readTree(out.resolve("tuning.json").toFile());
        assertThat(tuning.at("/architectures/1/architecture").asText()).isEqualTo("gru");
        assertThat(tuning.at("/architectures/1/chosen/hidden").asInt()).isIn(8, 16);
        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.at("/comparison/tuning/trials").asInt()).isEqualTo(4);
        assertThat(config.at("/comparison/tuning/space/hidden").toString()).isEqualTo("[8,16]");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(1 + 4);
        try (var files = Files.list(out.resolve("trials"))) {
            assertThat(files.count()).isEqualTo(10);
        }
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("<h2>Tuning</h2>").contains("tuning.png").contains("ranked by validation accuracy");
        assertThat(tuning.at("/architectures/1/trials/0/validationMacroF1").isNumber()).as("each trial's macro-F1 recorded").isTrue();
        assertThat(out.resolve("tuning.png")).isRegularFile();
        ReportLinks.assertAllLocalLinksExist(out.resolve("index.html"));

        // resume trains only what is missing: a lost trial of the last rung and a lost run
        String lastTrial;
        try (var files = Files.list(out.resolve("trials"))) {
            lastTrial = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("gru-") && n.contains("-rung-1-"))
                    .findFirst().orElseThrow();
        }
        Files.delete(out.resolve("trials").resolve(lastTrial));
        Files.delete(out.resolve("runs").resolve("gru-seed2.json"));
        String before = Files.readString(out.resolve("results.csv"));
        TrainEvaluatePredictTest.Run resumed = TrainEvaluatePredictTest.run("compare", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        // the final runs counted apart from the trials (a user's resume said "6 of 4 runs already finished")
        assertThat(resumed.err()).contains("compare: 3 of 4 runs already finished; tuning: 9 of up to 10 trial runs already "
                + "finished (trials/)");
        List<String> trained = resumed.err().lines().filter(l -> l.contains(" accuracy ")).map(String::strip).toList();
        assertThat(trained).hasSize(2);
        assertThat(trained.get(0)).startsWith("gru trial " + lastTrial.split("-")[2] + " rung 1").contains("validation accuracy");
        assertThat(trained.get(1)).startsWith("gru").contains("seed 2: test accuracy");
        assertThat(Files.readString(out.resolve("results.csv")).lines().map(ComparisonFilesColumns::metrics).toList())
                .isEqualTo(before.lines().map(ComparisonFilesColumns::metrics).toList());
    }

    /** The columns of results.csv that do not depend on timing. */
    private static final class ComparisonFilesColumns {
        static String metrics(String row) {
            String[] c = row.split(",");
            return String.join(",", c[0], c[3], c[4], c[5], c[8]);
        }
    }

    @Test
    void theJsonSummaryCarriesTheChoiceAndTheDifferences(@TempDir Path dir) throws Exception {
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {"compare",
            "--cells", "rnn,gru", "--tune", "2", "--epochs", "1", "--seeds", "1", "--probe", "0", "--quiet", "--json",
            "--out", dir.resolve("j").toString()}, DATA));
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode summary = Json.mapper().readTree(run.out());
        assertThat(summary.at("/tuned/0/architecture").asText()).isEqualTo("rnn");
        assertThat(summary.at("/tuned/1/chosen/learningRate").asDouble()).isBetween(3e-4, 3e-2);
        assertThat(summary.at("/accuracyDifferences/0/a").asText()).isEqualTo("rnn");
        assertThat(summary.at("/accuracyDifferences/0/b").asText()).isEqualTo("gru");
        assertThat(summary.at("/accuracyDifferences/0/pairs").asInt()).isEqualTo(1);

        // plain gradient steps draw from their own range (Adam's 3e-4..3e-2 learned nothing with sgd), recorded in config.json
        TrainEvaluatePredictTest.Run sgd = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {"compare",
            "--cells", "gru", "--tune", "2", "--epochs", "1", "--seeds", "1", "--probe", "0", "--quiet", "--json", "--updater", "sgd",
            "--out", dir.resolve("s").toString()}, DATA));
        assertThat(sgd.code()).as(sgd.err()).isZero();
        assertThat(Json.mapper().readTree(sgd.out()).at("/tuned/0/chosen/learningRate").asDouble()).isBetween(0.01, 1.0);
        JsonNode space = Json.mapper().readTree(dir.resolve("s/config.json").toFile()).findValue("space");
        assertThat(space.at("/learningRate/min").asDouble()).as(space.toString()).isEqualTo(0.01);
    }

    @Test
    void theBestTunedConfigurationIsNamedWithItsExactSettingsAndItsTrainCommandRepeatsItsRun(@TempDir Path dir) throws Exception {
        // a user found "best": null after --tune, and retraining with the printed "lr 0.00736" gave other numbers
        Path space = Files.writeString(dir.resolve("space.json"), "{\"hidden\": [6, 8], \"layers\": [1], \"head\": [\"last\"]}");
        Path out = dir.resolve("tuned");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {"compare",
            "--cells", "rnn,gru", "--tune", "2", "--space", space.toString(), "--epochs", "1", "--seeds", "2", "--probe", "0",
            "--quiet", "--out", out.toString()}, DATA));
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        JsonNode tuning = Json.mapper().readTree(out.resolve("tuning.json").toFile());
        JsonNode best = results.get("best");
        assertThat(best.isObject()).as(results.toString()).isTrue();
        assertThat(best.get("chosenBy").asText()).startsWith("validation ");
        String arch = best.get("configuration").asText();
        JsonNode chosen = null;
        for (JsonNode a : tuning.get("architectures")) {
            if (a.get("architecture").asText().equals(arch)) {
                chosen = a.get("chosen");
            }
        }
        assertThat(chosen).isNotNull();
        List<String> options = new java.util.ArrayList<>();
        best.get("trainOptions").forEach(o -> options.add(o.asText()));
        assertThat(options).containsSequence("--lr", Double.toString(chosen.get("learningRate").asDouble()))
                .containsSequence("--hidden", chosen.get("hidden").asText()).containsSequence("--cell", arch);
        String config = out.resolve("config.json").toString();
        assertThat(run.out()).contains("to keep a model: compare saves none; best: " + arch + " (chosen by mean validation ")
                .contains("rnnlab train --config " + config + " " + String.join(" ", options))
                .contains("exactly: --lr " + Double.toString(chosen.get("learningRate").asDouble()));

        // trial 78d F6: beside the trial's one-seed score, the mean validation of the runs over the seeds, the trial's among them
        assertThat(run.out()).containsPattern("\\(validation accuracy [0-9.]+ of its trial, with seed 1 only; mean of its 2 runs "
                + "[0-9.]+, the trial's seed 1 one of them\\)");
        // trial 78d F2: config.json names the base fields the tuning replaced, and the values it chose per architecture
        JsonNode comparison = Json.mapper().readTree(out.resolve("config.json").toFile()).get("comparison");
        assertThat(comparison.get("tunedFields").toString()).contains("\"base.learningRate\"", "\"base.hiddenSizes\"",
                "\"base.residual\"", "\"clips\"");
        assertThat(comparison.at("/tuned/" + arch)).isEqualTo(chosen);
        // trial 78d F3: results.csv ranks the runs by their settings without trials.csv
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        List<String> columns = List.of(csv.get(0).split(","));
        assertThat(csv.get(0)).endsWith(",layers,hidden,learning_rate,dropout,head,residual");
        for (String row : csv.subList(1, csv.size())) {
            List<String> cells = List.of(row.split(","));
            if (cells.get(columns.indexOf("architecture")).equals(arch)) {
                assertThat(Double.parseDouble(cells.get(columns.indexOf("learning_rate")))).isEqualTo(chosen.get("learningRate").asDouble());
                assertThat(cells.get(columns.indexOf("hidden"))).isEqualTo(chosen.get("hidden").asText());
                assertThat(cells.get(columns.indexOf("head"))).isEqualTo(chosen.get("head").asText());
                assertThat(cells.get(columns.indexOf("residual"))).isEqualTo(chosen.get("residual").asText());
            }
        }

        // trial 78d F5: validation-predictions.csv, whose accuracy per run is results.csv's validation_accuracy (the choice's score)
        List<String> validation = Files.readAllLines(out.resolve("validation-predictions.csv"));
        List<String> vColumns = List.of(validation.get(0).split(","));
        assertThat(vColumns.subList(0, 5)).containsExactly("configuration", "seed", "id", "actual", "predicted");
        java.util.Map<String, int[]> rightOfAll = new java.util.HashMap<>();
        for (String row : validation.subList(1, validation.size())) {
            List<String> cells = List.of(row.split(","));
            int[] counts = rightOfAll.computeIfAbsent(cells.get(0) + " " + cells.get(1), k -> new int[2]);
            counts[0] += cells.get(3).equals(cells.get(4)) ? 1 : 0;
            counts[1]++;
        }
        assertThat(rightOfAll).hasSize(csv.size() - 1);
        for (String row : csv.subList(1, csv.size())) {
            List<String> cells = List.of(row.split(","));
            int[] counts = rightOfAll.get(cells.get(0) + " " + cells.get(columns.indexOf("seed")));
            assertThat(counts[1]).isEqualTo(80); // the validation split of DATA
            assertThat((double) counts[0] / counts[1]).isCloseTo(Double.parseDouble(cells.get(columns.indexOf("validation_accuracy"))),
                    org.assertj.core.data.Offset.offset(1e-9));
        }

        // the printed command trains the run again: the same test scores
        List<String> train = new java.util.ArrayList<>(List.of("train", "--config", config, "--quiet", "--out",
                dir.resolve("again").toString()));
        train.addAll(options);
        TrainEvaluatePredictTest.Run again = TrainEvaluatePredictTest.run(train.toArray(String[]::new));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("training again the comparison's tuned " + arch);
        JsonNode trained = Json.mapper().readTree(dir.resolve("again").resolve("results.json").toFile());
        JsonNode original = null;
        for (JsonNode r : results.get("runs")) {
            if (r.get("architecture").asText().equals(arch) && r.get("seed").asLong() == best.get("seed").asLong()) {
                original = r;
            }
        }
        assertThat(trained.at("/test/metrics")).isEqualTo(original.at("/test/metrics"));

        assertThat(Json.mapper().readTree(dir.resolve("again").resolve("repeat-of.json").toFile()).get("repeat").asBoolean()).isTrue();

        // trial 78d F1: the tuned settings left out are tuning.json's, and the run is a repeat
        String seed = best.get("seed").asText();
        TrainEvaluatePredictTest.Run filled = TrainEvaluatePredictTest.run("train", "--config", config, "--cell", arch, "--seed",
                seed, "--quiet", "--out", dir.resolve("filled").toString());
        assertThat(filled.code()).as(filled.err()).isZero();
        assertThat(filled.err()).contains("the tuned settings not given are those tuning.json records for " + arch + ": --lr "
                + Double.toString(chosen.get("learningRate").asDouble())).contains("training again the comparison's tuned " + arch);
        assertThat(Json.mapper().readTree(dir.resolve("filled").resolve("results.json").toFile()).at("/test/metrics"))
                .isEqualTo(original.at("/test/metrics"));
        JsonNode filledRepeat = Json.mapper().readTree(dir.resolve("filled").resolve("repeat-of.json").toFile());
        assertThat(filledRepeat.get("repeat").asBoolean()).as(filledRepeat.toString()).isTrue();

        // a given setting other than the tuned one: another configuration, said, and no repeat
        String otherHidden = chosen.get("hidden").asInt() == 6 ? "8" : "6";
        TrainEvaluatePredictTest.Run other = TrainEvaluatePredictTest.run("train", "--config", config, "--cell", arch, "--seed",
                seed, "--hidden", otherHidden, "--quiet", "--out", dir.resolve("other").toString());
        assertThat(other.code()).as(other.err()).isZero();
        assertThat(other.err()).contains("warning: the settings given differ from those the comparison's tuning chose for " + arch
                + " (tuning.json): --hidden " + otherHidden + " (tuned " + chosen.get("hidden").asText() + ")")
                .doesNotContain("training again the comparison's tuned");
        JsonNode otherRepeat = Json.mapper().readTree(dir.resolve("other").resolve("repeat-of.json").toFile());
        assertThat(otherRepeat.get("repeat").asBoolean()).as(otherRepeat.toString()).isFalse();
        assertThat(otherRepeat.get("trainingChange").asText()).contains("--hidden " + otherHidden);

        // without tuning.json (a comparison not finished) train says which settings to give
        Files.delete(out.resolve("tuning.json"));
        TrainEvaluatePredictTest.Run missing = TrainEvaluatePredictTest.run("train", "--config", config, "--cell", arch, "--seed", "1",
                "--out", dir.resolve("missing").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("is a tuned comparison's config.json without tuning.json beside it")
                .contains("give the tuned settings to train with, --lr, --hidden, --layers, --dropout, --clip, --head");
    }

    /** Trial 78d F4: a list for --lr, --hidden or --dropout was refused as "not a double", with no word of --tune. */
    @Test
    void aListOfLearningRatesOrWidthsPointsToTuneAndToTheOptionsThatTakeLists() {
        for (String[] option : List.of(new String[] {"--lr", "0.001,0.01"}, new String[] {"--hidden", "16,32"},
                new String[] {"--dropout", "0,0.2"})) {
            TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {"compare",
                "--cells", "gru", option[0], option[1], "--epochs", "1"}, DATA));
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("Invalid value for option '" + option[0] + "': '" + option[1] + "'")
                    .contains(option[0] + " takes one value: compare takes lists for --cells, --clip and --layers")
                    .contains("--lr, --hidden and --dropout are searched with --tune N --space FILE")
                    .contains("a fixed learningRate, min = max, makes the space a finite grid");
        }
    }

    @Test
    void aCrossValidatedComparisonNamesItsBestAndTrainTrainsItOnTheDatasetsOwnSplit(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cv");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {"compare",
            "--cells", "rnn,gru", "--cv", "2", "--epochs", "1", "--hidden", "6", "--seeds", "1", "--probe", "0", "--quiet",
            "--out", out.toString()}, DATA));
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode best = Json.mapper().readTree(out.resolve("results.json").toFile()).get("best");
        assertThat(best.get("chosenBy").asText()).startsWith("validation ");
        assertThat(run.out()).contains("best: " + best.get("configuration").asText() + " (chosen by mean validation ")
                .contains("on the dataset's own training split, not a fold");
        List<String> train = new java.util.ArrayList<>(List.of("train", "--config", out.resolve("config.json").toString(), "--quiet",
                "--out", dir.resolve("again").toString()));
        best.get("trainOptions").forEach(o -> train.add(o.asText()));
        TrainEvaluatePredictTest.Run again = TrainEvaluatePredictTest.run(train.toArray(String[]::new));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("train: the comparison cross-validated (--cv 2): this trains the configuration of run");
        assertThat(dir.resolve("again").resolve("model.rnnlab")).isRegularFile();
    }

    /**
     * Tuned and cross-validated: the tuning chose the settings on examples the folds' test parts also hold, so the best
     * line and results.json must not call the folds' test scores unbiased (a trial saw them warned of as optimistic, then
     * called "an unbiased estimate").
     */
    @Test
    void aTunedCrossValidatedBestIsNotCalledUnbiased(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("tcv");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {"compare",
            "--cells", "gru", "--tune", "2", "--cv", "2", "--epochs", "1", "--seeds", "1", "--probe", "0",
            "--out", out.toString()}, DATA));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("the cross-validated scores of the tuned settings are optimistic");
        JsonNode best = Json.mapper().readTree(out.resolve("results.json").toFile()).get("best");
        assertThat(best.get("note").asText()).contains("so the test scores are optimistic").doesNotContain("unbiased");
        assertThat(run.out()).contains("optimistic: the tuning saw the folds' test examples").doesNotContain("an unbiased estimate");
    }

    @Test
    void optionsThatDoNotApplyAreErrors(@TempDir Path dir) throws Exception {
        TrainEvaluatePredictTest.Run clip = TrainEvaluatePredictTest.run("compare", "--tune", "3", "--clip", "none,l2:1.0",
                "--out", dir.resolve("a").toString());
        assertThat(clip.code()).isEqualTo(2);
        assertThat(clip.err()).contains("--clip does not apply with --tune");
        TrainEvaluatePredictTest.Run lr = TrainEvaluatePredictTest.run("compare", "--tune", "3", "--lr", "0.01",
                "--out", dir.resolve("b").toString());
        assertThat(lr.code()).isEqualTo(2);
        assertThat(lr.err()).contains("--lr does not apply with --tune: it is tuned");
        TrainEvaluatePredictTest.Run budget = TrainEvaluatePredictTest.run("compare", "--tune-budget", "5m",
                "--out", dir.resolve("c").toString());
        assertThat(budget.code()).isEqualTo(2);
        assertThat(budget.err()).contains("--tune-budget applies with --tune N only");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"dropout\": [1.5]}");
        TrainEvaluatePredictTest.Run space = TrainEvaluatePredictTest.run("compare", "--tune", "3", "--space", bad.toString(),
                "--out", dir.resolve("d").toString());
        assertThat(space.code()).isEqualTo(2);
        assertThat(space.err()).contains("bad.json").contains("dropout values must be in [0, 1), got 1.5");
        // no validation data: refused before the run folder exists (a folder made first could be neither resumed nor reused)
        TrainEvaluatePredictTest.Run unvalidated = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {
            "compare", "--cells", "rnn", "--tune", "2", "--epochs", "1", "--out", dir.resolve("e").toString()},
                "--set", "trainSize=240", "--set", "validationSize=0", "--set", "testSize=120"));
        assertThat(unvalidated.code()).as(unvalidated.err()).isEqualTo(2);
        assertThat(unvalidated.err()).contains("--tune scores trials on validation data, and dataset agreement has none here: "
                        + "give --set validationSize=N (above 0)")
                .doesNotContain("early stopping is off").doesNotContain("tuning first");
        // a finite space (fixed rate, lists) of 4 distinct trials cannot give 5 without repeating one
        Path finite = Files.writeString(dir.resolve("finite.json"), "{\"learningRate\":{\"min\":0.01,\"max\":0.01},\"hidden\":[16,32],"
                + "\"layers\":[1,2],\"dropout\":[0.2],\"clip\":[\"none\"],\"head\":[\"last\"],\"residual\":[false]}");
        TrainEvaluatePredictTest.Run tooMany = TrainEvaluatePredictTest.run("compare", "--tune", "5", "--space", finite.toString(),
                "--out", dir.resolve("f").toString());
        assertThat(tooMany.code()).as(tooMany.err()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--tune 5 with --space " + finite + ": the search space holds 4 distinct trials")
                .contains("give --tune 4 or fewer");
        for (String d : List.of("a", "b", "c", "d", "e", "f")) {
            assertThat(dir.resolve(d)).doesNotExist();
        }
    }
}
