package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * The folder layout (one CSV file per recording plus a labels file) as a fresh-user trial met it from the command line: an
 * empty recording among the others.
 */
class FolderLayoutCliTest {

    @TempDir
    static Path dir;
    static Path model;

    /** {@code n} recordings rec_01.csv ... of 8 steps, 'high' (level 1) or 'low', with a labels.csv. */
    static Path recordings(Path folder, int n, long seed) throws Exception {
        Files.createDirectories(folder);
        Random r = new Random(seed);
        StringBuilder labels = new StringBuilder("file,label\n");
        for (int i = 1; i <= n; i++) {
            boolean high = i % 2 == 0;
            StringBuilder b = new StringBuilder("vib,temp\n");
            for (int t = 0; t < 8; t++) {
                b.append(String.format(Locale.ROOT, "%.4f,%.4f%n", (high ? 1 : 0) + 0.3 * r.nextGaussian(), r.nextGaussian()));
            }
            String name = String.format(Locale.ROOT, "rec_%02d.csv", i);
            Files.writeString(folder.resolve(name), b.toString());
            labels.append(name).append(',').append(high ? "high" : "low").append('\n');
        }
        Files.writeString(folder.resolve("labels.csv"), labels.toString());
        return folder;
    }

    @BeforeAll
    static void trainOnce() throws Exception {
        Path data = recordings(dir.resolve("recordings"), 30, 1);
        Files.writeString(data.resolve("rec_07.csv"), ""); // a recording the logger created and never wrote
        Run train = run("train", "--dataset", "csv", "--data", data.toString(), "--cell", "rnn", "--hidden", "3", "--epochs", "1",
                "--quiet", "--out", dir.resolve("run").toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(Files.readString(dir.resolve("run/data-warnings.txt"))).contains("rec_07.csv: empty file (0 bytes");
        assertThat(Files.readString(dir.resolve("run/splits.csv"))).doesNotContain("rec_07.csv");
        model = dir.resolve("run/model.rnnlab");
    }

    @Test
    void evaluateWithASplitAloneScoresThatSplitOfTheRunFolderWithTheDataOfItsConfigJson() throws Exception {
        // trial 76d F11: "evaluate --split validation ..." (train's hint) asked for --dataset csv --data DIR --train FILE again
        Path recordings = dir.resolve("recordings");
        Run alone = run("evaluate", "--model", model.toString(), "--split", "validation", "--json");
        assertThat(alone.code()).as(alone.err()).isZero();
        assertThat(alone.err()).contains("evaluate: the validation split of the model's run: its data from "
                + dir.resolve("run/config.json").toAbsolutePath() + " (no --input or --dataset given): --dataset csv --data "
                + recordings.toAbsolutePath());
        Run whole = run("evaluate", "--model", model.toString(), "--dataset", "csv", "--data", recordings.toString(), "--split",
                "validation", "--json");
        assertThat(whole.code()).as(whole.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode a = org.rnnlab.core.Json.mapper().readTree(alone.out());
        com.fasterxml.jackson.databind.JsonNode b = org.rnnlab.core.Json.mapper().readTree(whole.out());
        assertThat(a.get("examples").asInt()).isPositive().isEqualTo(b.get("examples").asInt());
        assertThat(a.get("confusion")).isEqualTo(b.get("confusion"));
        // a model away from its run folder: the error says --split alone needs the config.json beside it
        Path away = Files.createDirectories(dir.resolve("away")).resolve("model.rnnlab");
        Files.copy(model, away, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run lost = run("evaluate", "--model", away.toString(), "--split", "validation");
        assertThat(lost.code()).isEqualTo(2);
        assertThat(lost.err()).contains("--split S alone reads the data of the model's run from the config.json beside it (there "
                + "is no " + away.resolveSibling("config.json").toAbsolutePath() + ")");
    }

    @Test
    void predictAndEvaluateSkipAnEmptyRecordingNameItAndExit4() throws Exception {
        Path batch = recordings(dir.resolve("batch"), 6, 2);
        Files.writeString(batch.resolve("rec_03.csv"), "");
        Run predict = run("predict", "--model", model.toString(), "--input", batch.toString());
        assertThat(predict.code()).as(predict.err()).isEqualTo(PredictCommand.EXIT_FILES_SKIPPED).isEqualTo(4);
        assertThat(predict.out().lines()).hasSize(6).noneMatch(l -> l.startsWith("rec_03.csv"));
        assertThat(predict.err()).contains("predict: 5 sequence(s) classified, 1 empty file(s) skipped, no prediction for them: "
                + "rec_03.csv (exit 4)");

        Run evaluate = run("evaluate", "--model", model.toString(), "--input", batch.toString());
        assertThat(evaluate.code()).as(evaluate.err()).isEqualTo(4);
        assertThat(evaluate.out()).contains("(5 scored, 1 empty file(s) skipped)");
        assertThat(evaluate.err()).contains("evaluate: warning: 1 empty file(s) skipped, not scored: rec_03.csv (exit 4)");
        // a script reading --json learns which files exit 4 is about (a user's trial saw them only on standard error)
        Run json = run("evaluate", "--model", model.toString(), "--input", batch.toString(), "--json");
        assertThat(json.code()).as(json.err()).isEqualTo(4);
        com.fasterxml.jackson.databind.JsonNode node = org.rnnlab.core.Json.mapper().readTree(json.out());
        assertThat(node.get("examples").asInt()).isEqualTo(5);
        assertThat(node.get("skippedFiles")).hasSize(1);
        assertThat(node.get("skippedFiles").get(0).asText()).isEqualTo("rec_03.csv");

        Files.delete(batch.resolve("rec_03.csv"));
        Files.writeString(batch.resolve("labels.csv"), Files.readString(batch.resolve("labels.csv")).replace("rec_03.csv,low\n", ""));
        assertThat(run("predict", "--model", model.toString(), "--input", batch.toString()).code()).isZero();
        Run none = run("evaluate", "--model", model.toString(), "--input", batch.toString(), "--json");
        assertThat(none.code()).as(none.err()).isZero();
        assertThat(org.rnnlab.core.Json.mapper().readTree(none.out()).get("skippedFiles")).isEmpty(); // there, empty: [] not absent
    }

    @Test
    void aHeaderOnlyRecordingIsSkippedAndListedAsAnEmptyOneIs() throws Exception {
        // a data-glove trial: a recording the recorder crashed at the start of (header line, no rows) stopped evaluate of a
        // new signer with exit 1, where a 0-byte one was skipped
        Path batch = recordings(dir.resolve("headerOnly"), 6, 3);
        Files.writeString(batch.resolve("rec_02.csv"), "vib,temp\n");
        Files.writeString(batch.resolve("rec_05.csv"), "");
        Run predict = run("predict", "--model", model.toString(), "--input", batch.toString());
        assertThat(predict.code()).as(predict.err()).isEqualTo(4);
        assertThat(predict.err()).contains("predict: 4 sequence(s) classified, 2 empty file(s) skipped, no prediction for them: "
                + "rec_02.csv, rec_05.csv (exit 4)");
        Run json = run("evaluate", "--model", model.toString(), "--input", batch.toString(), "--json");
        assertThat(json.code()).as(json.err()).isEqualTo(4);
        com.fasterxml.jackson.databind.JsonNode node = org.rnnlab.core.Json.mapper().readTree(json.out());
        assertThat(node.get("examples").asInt()).isEqualTo(4);
        assertThat(node.get("skippedFiles")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactlyInAnyOrder("rec_02.csv", "rec_05.csv");
    }

    @Test
    void trainNamesEveryBadRecordingInOneRunAndWritesNothing() throws Exception {
        Path data = recordings(dir.resolve("bad"), 12, 4);
        Files.writeString(data.resolve("rec_03.csv"), "vib,temp\n0.1,0.2\n0.1,"); // cut mid-line
        Files.writeString(data.resolve("rec_08.csv"), "vib,temp\n0.1,0.2\n0.1,warm\n");
        Files.writeString(data.resolve("rec_10.csv"), "vib,temp\n"); // header-only: skipped
        Path out = dir.resolve("badRun");
        Run train = run("train", "--dataset", "csv", "--data", data.toString(), "--cell", "rnn", "--hidden", "3", "--epochs", "1",
                "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isEqualTo(1);
        assertThat(train.err()).contains("2 sequence files could not be read", "rec_03.csv:3: ", "rec_08.csv:3: value 'warm'")
                .doesNotContain("rec_10.csv:");
        assertThat(out.resolve("model.rnnlab")).doesNotExist();
    }

    @Test
    void valuesFilledInStandardInputAreSaidOfStandardInputNotOfATemporaryFolder() throws Exception {
        // a fresh-user trial: cat rec.csv | predict --input - warned "/tmp/rnnlab-input-697454936350641206: filled 1 missing value(s)"
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.rnnlab.datasets.csv.CsvSequenceDataset.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("vib,temp\n0.5,0.1\nNA,0.2\n0.7,0.3\n".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
            Run piped = run("predict", "--model", model.toString(), "--input", "-", "--missing", "ffill");
            assertThat(piped.code()).as(piped.err()).isZero();
        } finally {
            System.setIn(stdin);
            logger.detachAppender(logged);
        }
        assertThat(logged.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage))
                .anyMatch(m -> m.startsWith("csv: standard input: filled 1 missing value(s)"))
                .noneMatch(m -> m.contains("rnnlab-input-"));
    }

    /** Adds a column 'humidity' to every recording of a folder (the model does not read it). */
    private static void addHumidity(Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("rec_")).toList()) {
                Files.writeString(f, String.join("\n", Files.readAllLines(f).stream().map(l -> l + (l.startsWith("vib") ? ",humidity" : ",0.5"))
                        .toList()) + "\n");
            }
        }
    }

    @Test
    void ignoreColumnsIsCheckedAgainstTheFilesTheReaderRead() throws Exception {
        // review: the check listed the folder's top-level *.csv files itself and parsed each, so an empty recording or a macOS
        // '._' file stopped predict (exit 1), .CSV names were missed, and recordings listed in a sub-folder were refused
        // "no column named 'humidity' ... (its columns are [file, label])" after the reader had read them
        Path batch = recordings(dir.resolve("humid"), 6, 5);
        addHumidity(batch);
        Files.writeString(batch.resolve("rec_03.csv"), "");
        Files.write(batch.resolve("._rec_01.csv"), new byte[] {0, 5, 22, 7, 0, 2});
        Run skipped = run("predict", "--model", model.toString(), "--input", batch.toString(), "--ignore-columns", "humidity");
        assertThat(skipped.code()).as(skipped.err()).isEqualTo(PredictCommand.EXIT_FILES_SKIPPED);
        assertThat(skipped.out().lines()).hasSize(6);

        Path listedBelow = recordings(dir.resolve("below"), 6, 6);
        Files.createDirectories(listedBelow.resolve("day2"));
        for (int i = 1; i <= 6; i++) {
            String name = String.format(Locale.ROOT, "rec_%02d.csv", i);
            Files.move(listedBelow.resolve(name), listedBelow.resolve("day2/" + name));
        }
        Files.writeString(listedBelow.resolve("labels.csv"), Files.readString(listedBelow.resolve("labels.csv")).replace("rec_", "day2/rec_"));
        addHumidity(listedBelow);
        Run below = run("predict", "--model", model.toString(), "--input", listedBelow.toString(), "--ignore-columns", "humidity");
        assertThat(below.code()).as(below.err()).isZero();
        assertThat(below.out().lines()).hasSize(7);

        Path upper = recordings(dir.resolve("upper"), 4, 7);
        Files.delete(upper.resolve("labels.csv"));
        addHumidity(upper);
        for (int i = 1; i <= 4; i++) {
            String name = String.format(Locale.ROOT, "rec_%02d", i);
            Files.move(upper.resolve(name + ".csv"), upper.resolve(name + ".CSV"));
        }
        Run upperCase = run("predict", "--model", model.toString(), "--input", upper.toString(), "--ignore-columns", "humidity");
        assertThat(upperCase.code()).as(upperCase.err()).isZero();
        // a name that is no column is still refused
        Run misspelt = run("predict", "--model", model.toString(), "--input", upper.toString(), "--ignore-columns", "humidity,humidty");
        assertThat(misspelt.code()).isEqualTo(2);
        assertThat(misspelt.err()).contains("no column named 'humidty'", "[vib, temp, humidity]");
    }

    @Test
    void evaluateWithAnotherMissingPolicyStillRecognisesTrainingSequencesWithGaps() throws Exception {
        // review: the seen-check fingerprinted the values as --missing zero filled them, train as its --missing ffill did, so
        // training recordings with a gap were "other values: counted as sequences the model has not seen"
        Path data = recordings(dir.resolve("gaps"), 30, 3);
        for (int i = 1; i <= 30; i += 3) {
            Path f = data.resolve(String.format(Locale.ROOT, "rec_%02d.csv", i));
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
            lines.set(3, "NA" + lines.get(3).substring(lines.get(3).indexOf(',')));
            Files.write(f, lines);
        }
        Run train = run("train", "--dataset", "csv", "--data", data.toString(), "--missing", "ffill", "--cell", "rnn", "--hidden", "3",
                "--epochs", "1", "--quiet", "--out", dir.resolve("run-gaps").toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path gapsModel = dir.resolve("run-gaps/model.rnnlab");
        Run asTrained = run("evaluate", "--model", gapsModel.toString(), "--input", data.toString());
        assertThat(asTrained.code()).as(asTrained.err()).isZero();
        String seen = asTrained.err().lines().filter(l -> l.contains("were in the training split")).findFirst().orElseThrow();
        String counts = seen.substring(seen.indexOf("warning: "), seen.indexOf(" of this model's run"));
        Run zero = run("evaluate", "--model", gapsModel.toString(), "--input", data.toString(), "--missing", "zero");
        assertThat(zero.code()).as(zero.err()).isZero();
        assertThat(zero.err()).contains(counts).doesNotContain("other values");
    }

    @Test
    void aSecondLabelsFileIsNotASequenceFileWhenTheFileColumnIsNamed() throws Exception {
        // review: with --set file=recording_id a labels file was still known only by a column 'file', so train stopped with
        // "1 CSV file(s) ... are not listed, e.g. labels_coarse.csv"
        Path data = recordings(dir.resolve("rid"), 20, 4);
        String labels = Files.readString(data.resolve("labels.csv")).replaceFirst("file,", "recording_id,");
        Files.writeString(data.resolve("labels.csv"), labels);
        Files.writeString(data.resolve("labels_coarse.csv"), labels.replace(",high", ",any").replace(",low", ",any"));
        Run train = run("train", "--dataset", "csv", "--data", data.toString(), "--set", "file=recording_id", "--cell", "rnn",
                "--hidden", "3", "--epochs", "1", "--quiet", "--out", dir.resolve("run-rid").toString());
        assertThat(train.code()).as(train.err()).isZero();
        // new data: the model does not record the column; the labels file is known by the column naming the folder's files
        Run predict = run("predict", "--model", dir.resolve("run-rid/model.rnnlab").toString(), "--input", data.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        // the labels file itself as --input, its file column named otherwise (a trial's was refused: "no column 'file'")
        Run evaluate = run("evaluate", "--model", dir.resolve("run-rid/model.rnnlab").toString(), "--input",
                data.resolve("labels.csv").toString());
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("on 20 examples");
        // one sequence file whose first value names a file beside it is still one sequence file (a review)
        Path one = data.resolve(Files.readString(data.resolve("labels.csv")).lines().skip(1).findFirst().orElseThrow().split(",")[0]);
        Run single = run("predict", "--model", dir.resolve("run-rid/model.rnnlab").toString(), "--input", one.toString());
        assertThat(single.code()).as(single.err()).isZero();
        assertThat(single.out().lines().count()).isEqualTo(2); // the header and one prediction
        // a recording nobody lists is still refused
        Files.writeString(data.resolve("rec_99.csv"), "vib,temp\n0.1,0.2\n");
        Run unlisted = run("train", "--dataset", "csv", "--data", data.toString(), "--set", "file=recording_id", "--epochs", "1",
                "--quiet", "--out", dir.resolve("run-rid2").toString());
        assertThat(unlisted.code()).isNotZero();
        assertThat(unlisted.err()).contains("not listed, e.g. rec_99.csv");
    }

    @Test
    void relativeLabelsFilesWithDataAreThoseOfTheFolder() throws Exception {
        // a user's trial: --data "Aufnahmen März" --train labels2.csv was looked up in the current folder, "file not found",
        // though the help calls it "another labels file of that folder"
        Path data = recordings(dir.resolve("rel"), 16, 5);
        List<String> lines = Files.readAllLines(data.resolve("labels.csv"));
        Files.writeString(data.resolve("labels2.csv"), String.join("\n", lines.subList(0, 13)) + "\n");
        Files.writeString(data.resolve("test2.csv"), lines.get(0) + "\n" + String.join("\n", lines.subList(13, lines.size())) + "\n");
        Files.delete(data.resolve("labels.csv"));
        assertThat(Path.of("labels2.csv")).doesNotExist();
        Run train = run("train", "--dataset", "csv", "--data", data.toString(), "--train", "labels2.csv", "--test", "test2.csv",
                "--cell", "rnn", "--hidden", "3", "--epochs", "1", "--quiet", "--out", dir.resolve("run-rel").toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(Files.readString(dir.resolve("run-rel/config.json"))).contains(data.resolve("labels2.csv").toString())
                .contains(data.resolve("test2.csv").toString());

        Run missing = run("train", "--dataset", "csv", "--data", data.toString(), "--train", "labels3.csv", "--epochs", "1",
                "--quiet", "--out", dir.resolve("run-rel2").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--train labels3.csv: file not found, neither " + data.resolve("labels3.csv")
                + " (in --data " + data + ") nor ");
    }
}
