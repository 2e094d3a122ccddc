package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A user's own benchmark-style data from raw files to predictions: train on the official TRAIN file with
 * the official TEST file as test data, then evaluate and predict on TEST. Every TEST sequence is
 * scored, and train's test accuracy, evaluate's and the accuracy of predict's labels are the same number.
 */
class OwnDataEndToEndTest {
    static final String[] COLUMNS = {"--set", "sequenceId=series_id", "--set", "time=timestamp", "--set", "label=class"};

    @TempDir
    static Path dir;
    static Path model;
    static Run train;

    @BeforeAll
    static void trainOnce() throws Exception {
        ExampleArchive.write(dir, 30, 20, 7);
        Path runDir = dir.resolve("run");
        train = run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(),
            "--test", dir.resolve("TEST.csv").toString(), "--cell", "gru", "--hidden", "16", "--epochs", "12", "--lr", "0.01",
            "--quiet", "--out", runDir.toString()}, COLUMNS));
        assertThat(train.code()).as(train.err()).isZero();
        model = runDir.resolve("model.rnnlab");
    }

    @Test
    void predictWritesItsOutputFileWholeAndNeverOverTheInput(@TempDir Path own) throws Exception {
        // a user's `predict ... > pred.csv` leaves a half-written file when predict fails; --output writes it whole or not at all
        Path test = dir.resolve("TEST.csv");
        Run toStdout = run("predict", "--model", model.toString(), "--input", test.toString());
        assertThat(toStdout.code()).as(toStdout.err()).isZero();
        Path file = own.resolve("out/pred.csv");
        Run toFile = run("predict", "--model", model.toString(), "--input", test.toString(), "--output", file.toString());
        assertThat(toFile.code()).as(toFile.err()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(toFile.err()).contains("predict: wrote " + file);
        assertThat(Files.readString(file)).isEqualTo(toStdout.out());
        assertThat(Files.list(file.getParent())).as("no temporary file left").containsExactly(file);
        // a failure (a column the model does not read) leaves an existing output file as it was
        Path bad = Files.writeString(own.resolve("bad.csv"), Files.readString(test).replaceFirst("class", "klass"));
        Run failed = run("predict", "--model", model.toString(), "--input", bad.toString(), "--output", file.toString());
        assertThat(failed.code()).isNotZero();
        assertThat(Files.readString(file)).isEqualTo(toStdout.out());
        // the input file is never the output
        Path copy = Files.copy(test, own.resolve("copy.csv"));
        Run over = run("predict", "--model", model.toString(), "--input", copy.toString(), "-o", copy.toString());
        assertThat(over.code()).isEqualTo(2);
        assertThat(over.err()).contains("--output " + copy + " is the --input file");
        assertThat(Files.readString(copy)).isEqualTo(Files.readString(test));
        // nor the model file, nor a file inside an input folder (the next predict of the folder would read it)
        Run overModel = run("predict", "--model", model.toString(), "--input", test.toString(), "--output", model.toString());
        assertThat(overModel.code()).isEqualTo(2);
        assertThat(overModel.err()).contains("is the --model file");
        Path folder = Files.createDirectories(own.resolve("folder"));
        Run inside = run("predict", "--model", model.toString(), "--input", folder.toString(), "--output",
                folder.resolve("pred.csv").toString());
        assertThat(inside.code()).isEqualTo(2);
        assertThat(inside.err()).contains("is inside the --input folder");
    }

    @Test
    void aSplitOfOtherDataThanTrainingIsRefusedTheSameDataIsScored() throws Exception {
        // trained with --train and --test: without --test, the "test" split would be carved from TRAIN.csv, data the model saw
        Run carved = run(TrainEvaluatePredictTest.concat(new String[] {"evaluate", "--model", model.toString(), "--dataset", "csv",
            "--train", dir.resolve("TRAIN.csv").toString(), "--split", "TEST"}, COLUMNS));
        assertThat(carved.code()).isEqualTo(2);
        assertThat(carved.err()).contains("differ from the data").contains("was trained on").contains("--test")
                .contains("may hold sequences the model was trained on").contains("--input FILE");
        assertThat(carved.out()).isEmpty();

        Run same = run(TrainEvaluatePredictTest.concat(new String[] {"evaluate", "--model", model.toString(), "--dataset", "csv",
            "--train", dir.resolve("TRAIN.csv").toString(), "--test", dir.resolve("TEST.csv").toString(), "--split", "TEST", "--json"},
                COLUMNS));
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.err()).doesNotContain("differ");
        JsonNode results = Json.mapper().readTree(Files.readString(model.resolveSibling("results.json")));
        assertThat(Json.mapper().readTree(same.out()).at("/metrics/ACCURACY").asDouble())
                .isEqualTo(results.at("/test/metrics/ACCURACY").asDouble());
    }

    @Test
    void aSplitIsScoredWithTheModelsMissingValuePolicy(@TempDir Path own) throws Exception {
        // a user's try: trained with --missing ffill, evaluate --dataset csv --split test (no --missing) failed on the first
        // missing value, though --help says evaluate defaults to the model's policy
        Path trainFile = own.resolve("TRAIN.csv");
        Path testFile = own.resolve("TEST.csv");
        for (Path[] pair : new Path[][] {{dir.resolve("TRAIN.csv"), trainFile}, {dir.resolve("TEST.csv"), testFile}}) {
            List<String> lines = new ArrayList<>(Files.readAllLines(pair[0]));
            for (int i = 3; i < lines.size(); i += 7) {
                String[] c = lines.get(i).split(",", -1);
                c[2] = i % 2 == 0 ? "" : "NA";
                lines.set(i, String.join(",", c));
            }
            Files.write(pair[1], lines);
        }
        Path runDir = own.resolve("run");
        Run trained = run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv", "--train", trainFile.toString(),
            "--test", testFile.toString(), "--missing", "ffill", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--quiet",
            "--out", runDir.toString()}, COLUMNS));
        assertThat(trained.code()).as(trained.err()).isZero();
        Run scored = run(TrainEvaluatePredictTest.concat(new String[] {"evaluate", "--model", runDir.resolve("model.rnnlab").toString(),
            "--dataset", "csv", "--train", trainFile.toString(), "--test", testFile.toString(), "--split", "TEST", "--json"}, COLUMNS));
        assertThat(scored.code()).as(scored.err()).isZero();
        JsonNode results = Json.mapper().readTree(Files.readString(runDir.resolve("results.json")));
        assertThat(Json.mapper().readTree(scored.out()).at("/metrics/ACCURACY").asDouble())
                .isEqualTo(results.at("/test/metrics/ACCURACY").asDouble());
    }

    @Test
    void aCarvedSplitIsScoredWithTheRunsSettingsAndAnotherFillingPolicy(@TempDir Path own) throws Exception {
        // a fresh-user trial: evaluate --split test --missing zero was refused as "other data", though README says --missing may
        // override the model's policy when scoring a split; without --set features=... (which the model records) likewise,
        // and the refusal did not say which setting differed
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("TRAIN.csv")));
        for (int i = 3; i < lines.size(); i += 97) { // a few sequences with a gap: drop leaves the others
            String[] c = lines.get(i).split(",", -1);
            c[2] = "NA";
            lines.set(i, String.join(",", c));
        }
        Path trainFile = Files.write(own.resolve("TRAIN.csv"), lines);
        Path runDir = own.resolve("run");
        Run trained = run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv", "--train", trainFile.toString(),
            "--missing", "ffill", "--set", "features=x,y", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--quiet",
            "--out", runDir.toString()}, COLUMNS));
        assertThat(trained.code()).as(trained.err()).isZero();
        String m = runDir.resolve("model.rnnlab").toString();
        double trainTest = Json.mapper().readTree(Files.readString(runDir.resolve("results.json"))).at("/test/metrics/ACCURACY").asDouble();

        Run bare = run("evaluate", "--model", m, "--dataset", "csv", "--train", trainFile.toString(), "--split", "TEST", "--json");
        assertThat(bare.code()).as(bare.err()).isZero();
        assertThat(bare.err()).contains("taking the settings of the model's run", "--set features=x,y", "--set label=class");
        assertThat(Json.mapper().readTree(bare.out()).at("/metrics/ACCURACY").asDouble()).isEqualTo(trainTest);

        Run zero = run("evaluate", "--model", m, "--dataset", "csv", "--train", trainFile.toString(), "--split", "TEST",
                "--missing", "zero", "--json");
        assertThat(zero.code()).as(zero.err()).isZero();
        assertThat(zero.err()).contains("note: the test split is the one of training (checked with the model's --missing ffill); "
                + "its sequences are scored with --missing zero");
        assertThat(Json.mapper().readTree(zero.out()).at("/examples").asLong())
                .isEqualTo(Json.mapper().readTree(bare.out()).at("/examples").asLong());

        Run drop = run("evaluate", "--model", m, "--dataset", "csv", "--train", trainFile.toString(), "--split", "TEST",
                "--missing", "drop");
        assertThat(drop.code()).isEqualTo(2);
        assertThat(drop.err()).contains("--missing drop changes which sequences the test split holds");

        Run other = run("evaluate", "--model", m, "--dataset", "csv", "--train", trainFile.toString(), "--split", "TEST",
                "--set", "features=x");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("the dataset's settings differ: features [x, y] then, [x] now").doesNotContain("schema ");
    }

    /** The true label of every TEST sequence, by id, in file order. */
    private static Map<String, String> truth() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("TEST.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            labels.put(c[0], c[5]);
        }
        return labels;
    }

    private static double accuracyOf(String predictCsv, Map<String, String> truth) {
        List<String> rows = predictCsv.lines().toList();
        assertThat(rows.get(0)).isEqualTo("id,label,p_fast,p_medium,p_slow,length_untested,far_from_training,far_reasons,constant_features,low_confidence");
        int correct = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",");
            correct += truth.get(c[0]).equals(c[1]) ? 1 : 0;
        }
        return (double) correct / (rows.size() - 1);
    }

    @Test
    void predictReadsNewDataWhoseLabelColumnIsBlankNaOrMixed() throws Exception {
        // a user's try: new data exported with the target column left blank or NA was refused by predict
        List<String> lines = Files.readAllLines(dir.resolve("TEST.csv"));
        List<String> unlabelled = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",", -1);
            c[5] = i % 3 == 0 ? "" : i % 3 == 1 ? "NA" : (i % 2 == 0 ? "slow" : "fast");
            unlabelled.add(String.join(",", c));
        }
        Path file = Files.write(dir.resolve("TEST-unlabelled.csv"), unlabelled);
        Run predicted = run("predict", "--model", model.toString(), "--input", file.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        Run original = run("predict", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString());
        assertThat(predicted.out()).isEqualTo(original.out());
        Run evaluated = run("evaluate", "--model", model.toString(), "--input", file.toString());
        assertThat(evaluated.code()).isEqualTo(1);
        assertThat(evaluated.err()).contains("TEST-unlabelled.csv:").containsAnyOf("missing label", "empty label", "has label", "has no label on this row");
    }

    @Test
    void aSequenceWithAFeatureWithoutAnyValueGetsNoPredictionAndTheOthersDo() throws Exception {
        // a trial's recording with one channel dead throughout stopped the whole predict (exit 1) under --missing
        // interpolate: that sequence cannot be filled in, the others can
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("TEST.csv")));
        String dead = lines.get(1).split(",", -1)[0];
        String column = lines.get(0).split(",", -1)[2];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells[0].equals(dead)) {
                cells[2] = "";
                lines.set(i, String.join(",", cells));
            }
        }
        Path file = Files.write(dir.resolve("TEST-dead.csv"), lines);
        Run all = run("predict", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString());
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.rnnlab.datasets.csv.CsvSequenceDataset.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        Run predicted;
        try {
            predicted = run("predict", "--model", model.toString(), "--input", file.toString(), "--missing", "interpolate");
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(predicted.code()).as(predicted.err()).isEqualTo(PredictCommand.EXIT_FILES_SKIPPED);
        assertThat(logged.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage))
                .anyMatch(m -> m.contains("column '" + column + "' of sequence '" + dead + "' has no value at all, which "
                        + "--missing interpolate cannot fill in") && m.contains("no prediction for this sequence"));
        assertThat(predicted.err()).contains("1 sequence(s) dropped for missing values, no prediction for them: " + dead
                + " (exit 4)");
        assertThat(predicted.out().lines().count()).isEqualTo(all.out().lines().count() - 1);
        assertThat(predicted.out()).doesNotContain("\n" + dead + ",");
        // evaluate --json carries the readers' logged warning of that sequence too
        Run scored = run("evaluate", "--model", model.toString(), "--input", file.toString(), "--missing", "interpolate", "--json");
        assertThat(Json.mapper().readTree(scored.out()).get("warnings")).anySatisfy(w -> assertThat(w.asText())
                .contains("column '" + column + "' of sequence '" + dead + "' has no value at all"));
        // every sequence so: nothing left, and the error names the column
        Path none = Files.write(dir.resolve("TEST-none.csv"), lines.stream().map(l -> {
            String[] cells = l.split(",", -1);
            if (!l.equals(lines.get(0))) {
                cells[2] = "";
            }
            return String.join(",", cells);
        }).toList());
        Run nothing = run("predict", "--model", model.toString(), "--input", none.toString(), "--missing", "drop");
        assertThat(nothing.code()).isEqualTo(1);
        assertThat(nothing.err()).contains("no sequences left after dropping those with missing values (--missing drop): every one "
                + "of the").contains("sequence(s) misses values, in column(s) '" + column + "' (");
    }

    @Test
    void evaluateJsonCountsTheSequencesTheMissingValuePolicyDropped() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("TEST.csv")));
        String[] first = lines.get(1).split(",", -1);
        first[2] = "";
        lines.set(1, String.join(",", first));
        Path file = Files.write(dir.resolve("TEST-gap.csv"), lines);
        Run full = run("evaluate", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString(), "--json");
        Run scored = run("evaluate", "--model", model.toString(), "--input", file.toString(), "--missing", "drop", "--json");
        // a sequence left unscored ends with exit 4, as predict does (a trial's predict --missing drop exited 0)
        assertThat(scored.code()).as(scored.err()).isEqualTo(PredictCommand.EXIT_FILES_SKIPPED);
        assertThat(scored.err()).contains("evaluate: warning: 1 sequence(s) dropped for missing values, not "
                + "scored: " + first[0] + " (exit 4)");
        JsonNode json = Json.mapper().readTree(scored.out());
        assertThat(json.get("dropped").asInt()).isEqualTo(1);
        // the warnings evaluate wrote to standard error are in the JSON too (a trial's script read only the JSON)
        assertThat(json.get("warnings")).anySatisfy(w -> assertThat(w.asText()).startsWith("1 sequence(s) dropped for missing "
                + "values (--missing drop drops each sequence with a gap"));
        assertThat(Json.mapper().readTree(full.out()).get("warnings")).isEmpty();
        assertThat(json.get("droppedSequences")).hasSize(1);
        assertThat(json.get("droppedSequences").get(0).asText()).isEqualTo(first[0]);
        assertThat(json.get("examples").asInt()).isEqualTo(Json.mapper().readTree(full.out()).get("examples").asInt() - 1);
        assertThat(Json.mapper().readTree(full.out()).get("dropped").asInt()).isZero();
    }

    @Test
    void predictDropsNameTheSequencesWithoutAPredictionAndExit4() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("TEST.csv")));
        String[] first = lines.get(1).split(",", -1);
        first[2] = "NaN";
        lines.set(1, String.join(",", first));
        Path file = Files.write(dir.resolve("TEST-nan.csv"), lines);
        Run predicted = run("predict", "--model", model.toString(), "--input", file.toString(), "--missing", "drop");
        assertThat(predicted.code()).as(predicted.err()).isEqualTo(PredictCommand.EXIT_FILES_SKIPPED);
        assertThat(predicted.out().lines()).hasSize(truth().size()).noneMatch(l -> l.startsWith(first[0] + ","));
        assertThat(predicted.err()).contains("predict: " + (truth().size() - 1) + " sequence(s) classified, 1 sequence(s) dropped "
                + "for missing values, no prediction for them: " + first[0] + " (exit 4)");
        assertThat(run("predict", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString(), "--missing", "drop")
                .code()).isZero();
        // the same sequences as a folder of <id>.csv files: the dropped one is named by its id, as the predictions are
        Path folder = Files.createDirectories(dir.resolve("nan-folder"));
        java.util.Map<String, List<String>> byId = new java.util.LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            byId.computeIfAbsent(l.split(",", -1)[0], k -> new ArrayList<>(List.of(lines.get(0)))).add(l);
        }
        for (var e : byId.entrySet()) {
            Files.write(folder.resolve(e.getKey() + ".csv"), e.getValue());
        }
        Run fromFolder = run("predict", "--model", model.toString(), "--input", folder.toString(), "--missing", "drop");
        assertThat(fromFolder.code()).as(fromFolder.err()).isEqualTo(PredictCommand.EXIT_FILES_SKIPPED);
        assertThat(fromFolder.err()).contains("no prediction for them: " + first[0] + " (exit 4)");
    }

    @Test
    void endPaddingIsTrimmedByPredictAsTheModelOfTrimTrainsAndTheErrorPolicySuggestsIt() throws Exception {
        // UEA-style padding: every TEST sequence gets 3 rows of NaN after its last step
        List<String> lines = Files.readAllLines(dir.resolve("TEST.csv"));
        Map<String, String[]> last = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            last.put(c[0], c);
        }
        List<String> padded = new ArrayList<>(lines);
        last.forEach((id, c) -> {
            for (int k = 1; k <= 3; k++) {
                padded.add(String.join(",", id, String.valueOf(Double.parseDouble(c[1]) + k), "NaN", "NaN", "NaN", c[5]));
            }
        });
        Path file = Files.write(dir.resolve("TEST-padded.csv"), padded);
        Run refused = run("predict", "--model", model.toString(), "--input", file.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("all " + 9 * last.size() + " missing value(s) of this file are in time steps at the end of a "
                + "sequence whose every feature is missing").contains("--missing trim removes those steps");
        Run trimmed = run("predict", "--model", model.toString(), "--input", file.toString(), "--missing", "trim");
        assertThat(trimmed.code()).as(trimmed.err()).isZero();
        assertThat(trimmed.out()).isEqualTo(run("predict", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString()).out());

        // trained with --missing trim: recorded in config.json and the model card, and predict applies it by default
        Path runDir = dir.resolve("run-trim");
        Run trained = run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv", "--train", file.toString(),
            "--missing", "trim", "--cell", "gru", "--hidden", "4", "--epochs", "1", "--quiet", "--out", runDir.toString()}, COLUMNS));
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(Json.mapper().readTree(Files.readString(runDir.resolve("config.json"))).toString()).contains("\"missing\":\"trim\"");
        String m = runDir.resolve("model.rnnlab").toString();
        assertThat(org.rnnlab.training.ModelBundle.load(runDir.resolve("model.rnnlab")).card().csvSchema().orElseThrow().missing())
                .isEqualTo(org.rnnlab.datasets.csv.MissingValues.TRIM);
        Run fromPadded = run("predict", "--model", m, "--input", file.toString());
        assertThat(fromPadded.code()).as(fromPadded.err()).isZero();
        assertThat(fromPadded.out()).isEqualTo(run("predict", "--model", m, "--input", dir.resolve("TEST.csv").toString()).out());
    }

    @Test
    void predictAndEvaluateReadStandardInputAsTheFile() throws Exception {
        // a user's try: '--input -' and '/dev/stdin' were "file not found"
        byte[] test = Files.readAllBytes(dir.resolve("TEST.csv"));
        Run fromFile = run("predict", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString());
        Run fromFileScore = run("evaluate", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString(), "--json");
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(test));
            Run piped = run("predict", "--model", model.toString(), "--input", "-");
            assertThat(piped.code()).as(piped.err()).isZero();
            assertThat(piped.out()).isEqualTo(fromFile.out());
            assertThat(piped.err()).as("the temporary copy is not news to the user").doesNotContain("rnnlab-input-");
            System.setIn(new java.io.ByteArrayInputStream(test));
            Run scored = run("evaluate", "--model", model.toString(), "--input", "-", "--json");
            assertThat(scored.code()).as(scored.err()).isZero();
            assertThat(Json.mapper().readTree(scored.out()).at("/metrics")).isEqualTo(Json.mapper().readTree(fromFileScore.out()).at("/metrics"));
            // an error in piped data names standard input and the line, not the temporary copy deleted on exit
            String bad = new String(test, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\n([^,\n]*),([^,\n]*),[^,\n]*,", "\n$1,$2,oops,");
            System.setIn(new java.io.ByteArrayInputStream(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Run broken = run("predict", "--model", model.toString(), "--input", "-");
            assertThat(broken.code()).isEqualTo(1);
            assertThat(broken.err().lines().filter(l -> l.startsWith("rnnlab predict: ")).toList())
                    .singleElement().asString().startsWith("rnnlab predict: standard input:2: value 'oops'").doesNotContain("rnnlab-input-");
            // an unknown label is found after reading (evaluate): named by the same input
            List<String> rows = new String(test, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            String firstId = rows.get(1).substring(0, rows.get(1).indexOf(',') + 1);
            String relabelled = String.join("\n", rows.stream().map(r -> r.startsWith(firstId)
                    ? r.substring(0, r.lastIndexOf(',') + 1) + "turbo" : r).toList()) + "\n";
            System.setIn(new java.io.ByteArrayInputStream(relabelled.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Run unknown = run("evaluate", "--model", model.toString(), "--input", "-");
            assertThat(unknown.code()).isEqualTo(1);
            assertThat(unknown.err().lines().filter(l -> l.startsWith("rnnlab evaluate: ")).toList()).singleElement().asString()
                    .startsWith("rnnlab evaluate: standard input:").contains("label 'turbo'").doesNotContain("rnnlab-input-");
        } finally {
            System.setIn(stdin);
        }
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("rnnlab-input-"));
        }
    }

    @Test
    void predictWritesAsManyDecimalsAsAsked() throws Exception {
        // a fresh-user trial: 6 decimals only, so a probability below 5e-7 read 0.000000 and a log loss from the CSV was infinite
        Run six = run("predict", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString());
        Run twelve = run("predict", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString(), "--digits", "12");
        assertThat(twelve.code()).as(twelve.err()).isZero();
        List<String> a = six.out().lines().skip(1).toList();
        List<String> b = twelve.out().lines().skip(1).toList();
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            String[] short6 = a.get(i).split(",");
            String[] long12 = b.get(i).split(",");
            assertThat(long12[2]).matches("\\d\\.\\d{12}");
            assertThat(Double.parseDouble(long12[2])).isCloseTo(Double.parseDouble(short6[2]), org.assertj.core.data.Offset.offset(5e-7));
        }
        Run zero = run("predict", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString(), "--digits", "0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--digits must be in [1, 17], got 0");
    }

    @Test
    void evaluateWarnsOfSequencesTheModelTrainedOrWasSelectedOn() throws Exception {
        // a user's try: evaluate on the training file scored 0.75 against 0.56 held out, without a word
        List<String> splits = Files.readAllLines(model.resolveSibling("splits.csv"));
        assertThat(splits.get(0)).isEqualTo("id,split,fingerprint");
        assertThat(splits.stream().filter(l -> l.contains(",test,sha256:"))).hasSize(60);
        assertThat(splits.stream().filter(l -> l.contains(",train,sha256:") || l.contains(",validation,sha256:")))
                .hasSize(splits.size() - 61);
        Run onTraining = run("evaluate", "--model", model.toString(), "--input", dir.resolve("TRAIN.csv").toString());
        assertThat(onTraining.code()).as(onTraining.err()).isZero();
        assertThat(onTraining.err()).containsPattern("warning: \\d+ of the \\d+ sequences were in the training split and \\d+ in the "
                + "validation split of this model's run").contains("splits.csv").contains("optimistic");
        Run onTest = run("evaluate", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString());
        assertThat(onTest.code()).as(onTest.err()).isZero();
        assertThat(onTest.err()).doesNotContain("optimistic");

        // a fresh-user trial: the model handed on alone lost the check without a word, and copied into another run's folder
        // it was checked against that run's splits
        Path handedOn = Files.copy(model, Files.createDirectories(dir.resolve("elsewhere")).resolve("my model.rnnlab"));
        Run alone = run("evaluate", "--model", handedOn.toString(), "--input", dir.resolve("TRAIN.csv").toString());
        assertThat(alone.code()).as(alone.err()).isZero();
        assertThat(alone.err()).contains("note: no splits.csv beside", "cannot be checked").doesNotContain("warning:");
        Path otherRun = Files.createDirectories(dir.resolve("other-run"));
        Files.copy(model.resolveSibling("splits.csv"), otherRun.resolve("splits.csv"));
        Files.copy(model.resolveSibling("config.json"), otherRun.resolve("config.json"));
        Files.writeString(otherRun.resolve("provenance.json"), Files.readString(model.resolveSibling("provenance.json"))
                .replaceAll("\"datasetChecksum\" : \"[0-9a-f]+\"", "\"datasetChecksum\" : \"0123\""));
        Path copied = Files.copy(model, otherRun.resolve("model.rnnlab"));
        Run foreign = run("evaluate", "--model", copied.toString(), "--input", dir.resolve("TRAIN.csv").toString());
        assertThat(foreign.code()).as(foreign.err()).isZero();
        assertThat(foreign.err()).contains("splits.csv beside the model is not this model's", "dataset checksum 0123")
                .doesNotContain("warning:");
    }

    @Test
    void evaluateMatchesSequencesToTheTrainingSplitByContentNotByName() throws Exception {
        // a fresh-user trial: a new batch whose file names restarted at rec_0001 was "16 of 23 in the training split", while
        // training recordings copied under new names scored 1.0 without a word: the check matched names only
        List<String[]> splits = Files.readAllLines(model.resolveSibling("splits.csv")).stream().skip(1).map(l -> l.split(",")).toList();
        String trained = splits.stream().filter(c -> c[1].equals("train")).findFirst().orElseThrow()[0];
        String otherTrained = splits.stream().filter(c -> c[1].equals("train") && !c[0].equals(trained)).findFirst().orElseThrow()[0];
        String tested = splits.stream().filter(c -> c[1].equals("test")).findFirst().orElseThrow()[0];
        List<String> rows = new ArrayList<>(List.of(Files.readAllLines(dir.resolve("TRAIN.csv")).get(0)));
        Files.readAllLines(dir.resolve("TRAIN.csv")).stream().filter(l -> l.startsWith(trained + ","))
                .map(l -> "copy-of-" + l).forEach(rows::add); // a training sequence under a new name
        Files.readAllLines(dir.resolve("TEST.csv")).stream().filter(l -> l.startsWith(tested + ","))
                .map(l -> otherTrained + l.substring(tested.length())).forEach(rows::add); // a new one under a training name
        Path batch = Files.write(dir.resolve("new-batch.csv"), rows);
        Run byContent = run("evaluate", "--model", model.toString(), "--input", batch.toString());
        assertThat(byContent.code()).as(byContent.err()).isZero();
        assertThat(byContent.err()).contains("warning: 1 of the 2 sequences were in the training split and 0 in the validation split",
                "same values", "under another name: copy-of-" + trained + " = " + trained)
                .contains("note: 1 of the 2 sequences have the name of a training or validation sequence", "[" + otherTrained + "]",
                        "counted as sequences the model has not seen");

        // a run from before the fingerprints: matched by id, which is said
        Path oldRun = Files.createDirectories(dir.resolve("old-run"));
        for (String f : List.of("config.json", "provenance.json")) {
            Files.copy(model.resolveSibling(f), oldRun.resolve(f));
        }
        Files.write(oldRun.resolve("splits.csv"), Files.readAllLines(model.resolveSibling("splits.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        Path oldModel = Files.copy(model, oldRun.resolve("model.rnnlab"));
        Run byId = run("evaluate", "--model", oldModel.toString(), "--input", batch.toString());
        assertThat(byId.code()).as(byId.err()).isZero();
        assertThat(byId.err()).contains("was written before rnnlab recorded each sequence's values", "by id (file name) only")
                .contains("warning: 1 of the 2 sequences were in the training split", "same id", otherTrained);
    }

    @Test
    void trainEvaluateAndPredictScoreEveryTestSequenceAndAgree() throws Exception {
        Map<String, String> truth = truth();
        assertThat(truth).hasSize(60);
        JsonNode results = Json.mapper().readTree(Files.readString(model.resolveSibling("results.json")));
        assertThat(results.at("/test/examples").asLong()).isEqualTo(60);
        double trainTest = results.at("/test/metrics/ACCURACY").asDouble();

        Run evaluate = run("evaluate", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString(), "--json");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        JsonNode e = Json.mapper().readTree(evaluate.out());
        assertThat(e.at("/examples").asLong()).isEqualTo(60);
        double evaluated = e.at("/metrics/ACCURACY").asDouble();

        Run viaDataset = run("evaluate", "--model", model.toString(), "--dataset", "csv", "--test", dir.resolve("TEST.csv").toString());
        assertThat(viaDataset.code()).as(viaDataset.err()).isZero();
        assertThat(viaDataset.out()).contains("every sequence of").contains("(60 scored)")
                .contains(String.format(Locale.ROOT, "accuracy %.4f", evaluated));
        // a user's try: --dataset text with this CSV model was silently read as CSV
        Run contradicting = run("evaluate", "--model", model.toString(), "--dataset", "text", "--test", dir.resolve("TEST.csv").toString());
        assertThat(contradicting.code()).isEqualTo(2);
        assertThat(contradicting.err()).contains("--dataset text does not fit this model, which reads CSV sequences");

        Run predict = run("predict", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.out().lines().count()).isEqualTo(61);
        double predicted = accuracyOf(predict.out(), truth);

        assertThat(evaluated).isEqualTo(trainTest, within(1e-9)).isEqualTo(predicted, within(1e-9)).isGreaterThan(0.6);
    }

    @Test
    void predictMatchesColumnsByNameWithOrWithoutTheLabelColumn() throws Exception {
        Run original = run("predict", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString());
        List<String> lines = Files.readAllLines(dir.resolve("TEST.csv"));
        List<String> reordered = new ArrayList<>(List.of("z,x,series_id,y,timestamp"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            reordered.add(String.join(",", c[4], c[2], c[0], c[3], c[1]));
        }
        Path unlabelled = Files.write(dir.resolve("new.csv"), reordered);
        Run again = run("predict", "--model", model.toString(), "--input", unlabelled.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(original.out());

        Path renamed = Files.writeString(dir.resolve("renamed.csv"), "series_id,timestamp,x,y,w\na,0,1,2,3\n");
        Run bad = run("predict", "--model", model.toString(), "--input", renamed.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("renamed.csv:1: feature column(s) [z] missing");
        assertThat(bad.out()).isEmpty();
    }

    @Test
    void extraColumnsOfNewDataAreRefusedUnlessNamedWithIgnoreColumns() throws Exception {
        // a pandas frame with two columns the model never saw: refused, naming the option that leaves them out
        List<String> lines = Files.readAllLines(dir.resolve("TEST.csv"));
        List<String> extra = new ArrayList<>(List.of(lines.get(0) + ",temp,device"));
        for (String line : lines.subList(1, lines.size())) {
            extra.add(line + ",21.5,phone");
        }
        Path withExtra = Files.write(dir.resolve("extra.csv"), extra);
        Run refused = run("predict", "--model", model.toString(), "--input", withExtra.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("column(s) [device, temp] are not part of the model's data layout",
                "leave them out with --ignore-columns device,temp");
        Run original = run("predict", "--model", model.toString(), "--input", dir.resolve("TEST.csv").toString());
        Run ignored = run("predict", "--model", model.toString(), "--input", withExtra.toString(), "--ignore-columns", "device,temp");
        assertThat(ignored.code()).as(ignored.err()).isZero();
        assertThat(ignored.out()).isEqualTo(original.out());
        Run evaluated = run("evaluate", "--model", model.toString(), "--input", withExtra.toString(), "--ignore-columns", "device,temp",
                "--json");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        // a column the model reads cannot be left out; the option does not apply to a dataset split
        Run feature = run("predict", "--model", model.toString(), "--input", withExtra.toString(), "--ignore-columns", "x,temp");
        assertThat(feature.code()).isNotZero();
        assertThat(feature.err()).contains("--ignore-columns x,temp: the model reads [x]");
        assertThat(feature.out()).isEmpty();
        // a user's try: a name in no column (a typo) went through without a word; evaluate reads the option alike
        Run absent = run("predict", "--model", model.toString(), "--input", withExtra.toString(), "--ignore-columns", "temp,device,nosuch");
        assertThat(absent.code()).isEqualTo(2);
        assertThat(absent.err()).contains("--ignore-columns temp,device,nosuch: no column named 'nosuch' in " + withExtra
                + " (its columns are [" + lines.get(0).replace(",", ", ") + ", temp, device]");
        assertThat(absent.out()).isEmpty();
        Run absentInEvaluate = run("evaluate", "--model", model.toString(), "--input", withExtra.toString(), "--ignore-columns",
                "device,temp,nosuch");
        assertThat(absentInEvaluate.code()).isEqualTo(2);
        assertThat(absentInEvaluate.err()).contains("no column named 'nosuch'");
        Run split = run(TrainEvaluatePredictTest.concat(new String[] {"evaluate", "--model", model.toString(), "--dataset", "csv",
            "--train", dir.resolve("TRAIN.csv").toString(), "--test", dir.resolve("TEST.csv").toString(), "--ignore-columns", "temp"},
                COLUMNS));
        assertThat(split.code()).isEqualTo(2);
        assertThat(split.err()).contains("--ignore-columns applies to a file scored whole");
    }

    @Test
    void filesInAnotherLayoutGetAHintPredictCanFollow() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("TEST.csv"));
        // a space-separated copy of the model's CSV got no hint at all (tab and ';' did)
        Path spaced = Files.write(dir.resolve("spaced.csv"), lines.stream().map(l -> l.replace(',', ' ')).toList());
        Run space = run("predict", "--model", model.toString(), "--input", spaced.toString());
        assertThat(space.code()).isEqualTo(1);
        assertThat(space.err()).contains("holds spaces: it was read with ',' as the separator (the training file's, unless predict "
                + "or evaluate were given --delimiter): write the file with that separator, or give predict and evaluate --delimiter ' '");
        // a tab-separated copy: tabs were printed as '?', and the numbers were said to look like text
        Path tabbed = Files.write(dir.resolve("tabbed.tsv"), lines.stream().map(l -> l.replace(',', '\t')).toList());
        Run tab = run("predict", "--model", model.toString(), "--input", tabbed.toString());
        assertThat(tab.code()).isEqualTo(1);
        assertThat(tab.err()).contains("the file has [" + lines.get(0).replace(",", "\\t") + "]").contains("holds tabs: it was read with "
                + "',' as the separator").doesNotContain("looks like text").doesNotContain("?");
        // a text file to a CSV model was told to "read it with --set 'delimiter= '", an option predict does not have
        Path texts = Files.writeString(dir.resolve("texts.txt"), "Wow... Loved this place.\nCrust is not good, at all.\n");
        Run text = run("predict", "--model", model.toString(), "--input", texts.toString());
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.err()).contains("holds spaces: it was read with ',' as the separator").contains("looks like text")
                .doesNotContain("--set");
        // JSON, the body one sends to serve: was "empty file: no data rows after the header" or "2 columns (expected 1 ...)"
        Path json = Files.writeString(dir.resolve("in.json"), "{\"sequences\": [[[1, 2, 3]]]}\n");
        Run fromJson = run("predict", "--model", model.toString(), "--input", json.toString());
        assertThat(fromJson.code()).isEqualTo(1);
        assertThat(fromJson.err()).contains(json + ": the file is JSON, but predict reads CSV sequences in the layout the model was "
                + "trained on (sequence id 'series_id'").contains("','-separated); JSON bodies ({\"sequences\": [[[...]]]}) are for "
                + "rnnlab serve's POST /predict");
        Path pretty = Files.writeString(dir.resolve("body.txt"), "{\n  \"sequences\": [\n    [[1, 2, 3]]\n  ]\n}\n");
        Run prettyJson = run("evaluate", "--model", model.toString(), "--input", pretty.toString());
        assertThat(prettyJson.code()).isEqualTo(1);
        assertThat(prettyJson.err()).contains("the file is JSON, but evaluate reads CSV sequences");
        // a file that only starts with a JSON value is not JSON (review: '[1] great film' was refused as JSON)
        Path numbered = Files.writeString(dir.resolve("numbered.txt"), "[1] great film\n[2] awful boring film\n");
        Run fromNumbered = run("predict", "--model", model.toString(), "--input", numbered.toString());
        assertThat(fromNumbered.err()).doesNotContain("is JSON");
    }

    @Test
    void theModelRecordsTheDataContract() throws Exception {
        JsonNode card;
        try (ZipFile zip = new ZipFile(model.toFile())) {
            card = Json.mapper().readTree(new String(zip.getInputStream(zip.getEntry("model-card.json")).readAllBytes()));
        }
        assertThat(card.at("/dataSchema/layout").asText()).isEqualTo("long");
        assertThat(card.at("/dataSchema/sequenceId/name").asText()).isEqualTo("series_id");
        assertThat(card.at("/dataSchema/time/name").asText()).isEqualTo("timestamp");
        assertThat(card.at("/dataSchema/missing").asText()).isEqualTo("ERROR");
        assertThat(card.at("/input/featureNames").toString()).isEqualTo("[\"x\",\"y\",\"z\"]");
    }
}
