package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A real run folder written by rnnlab 522cfbf (2026-12-01; test resource {@code older-run-522cfbf}: {@code train --dataset csv
 * --train small.csv --set group=subject --hidden 4 --epochs 3 --cell gru}, a bundle of format 2, its CSV schema without
 * {@code sequenceScaling}, validation accuracy 1.0 at all three epochs and epoch 1 kept). Trial 78a upgraded such runs:
 * evaluate {@code --split test} refused the model for "other data", {@code train --config} said the data differ and kept
 * another epoch than the run (the tie rule changed since), and still called that a repeat.
 */
class Run522cfbfTest {
    @TempDir
    Path dir;

    /** The run folder and its data file in {@code dir}, config.json naming the data file where it is now. */
    private Path olderRun() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        for (String f : List.of("config.json", "dataset-provenance.json", "provenance.json", "results.json", "splits.csv",
                "model.rnnlab")) {
            try (var in = getClass().getResourceAsStream("/older-run-522cfbf/" + f)) {
                Files.copy(in, run.resolve(f));
            }
        }
        try (var in = getClass().getResourceAsStream("/older-run-522cfbf/small.csv")) {
            Files.copy(in, dir.resolve("small.csv"));
        }
        Path config = run.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("file:///tmp/fix78a-old/small.csv",
                dir.resolve("small.csv").toUri().toString()));
        return run;
    }

    @Test
    void evaluateScoresTheOlderModelOnItsOwnTestSplit() throws Exception {
        Path run = olderRun();
        Run r = run("evaluate", "--model", run.resolve("model.rnnlab").toString(), "--dataset", "csv", "--train",
                dir.resolve("small.csv").toString(), "--set", "group=subject", "--split", "test");
        // the schema lacks sequenceScaling, added since with its default none: the same setting, not other data
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("differ");
        assertThat(r.out()).containsPattern("accuracy 1\\.0000").contains("12");
    }

    @Test
    void trainConfigRepeatsTheOlderRunWithItsTieRule() throws Exception {
        Path run = olderRun();
        JsonNode before = Json.mapper().readTree(run.resolve("results.json").toFile());
        assertThat(before.get("bestEpoch").asInt()).isEqualTo(1);
        for (JsonNode e : before.get("history")) { // a tie of all three epochs, which the old rule gave to the first
            assertThat(e.get("validationAccuracy").asDouble()).isEqualTo(1.0);
        }
        Path again = dir.resolve("again");
        Run r = run("train", "--config", run.resolve("config.json").toString(), "--out", again.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode repeat = Json.mapper().readTree(again.resolve("repeat-of.json").toFile());
        assertThat(repeat.get("sameData").asBoolean()).as(repeat.toString()).isTrue();
        assertThat(repeat.get("repeat").asBoolean()).as(repeat.toString()).isTrue();
        assertThat(r.err()).doesNotContain("the data differ")
                .contains("records no epoch tie rule").contains("its run kept epoch 1").contains("which epoch(s) 2, 3 tied");
        JsonNode results = Json.mapper().readTree(again.resolve("results.json").toFile());
        assertThat(results.get("bestEpoch").asInt()).as(r.out()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("kept epoch 1 of 3").doesNotContain("counts as a gain").doesNotContain("tie is broken");
        assertThat(results.at("/history/2/validationAccuracy").asDouble()).isEqualTo(1.0);
        // the rule is recorded, so that a --config of the new run keeps it too
        JsonNode config = Json.mapper().readTree(again.resolve("config.json").toFile());
        assertThat(config.at("/training/selectionTies").asText()).isEqualTo("FIRST");
    }

    /**
     * Without its dataset-provenance.json (a comparison's folder, whose 522cfbf config.json trial 78a F5 replayed) the
     * provenance.json's checksum is compared, as the older rnnlab wrote it: the same data. Where even that differs, and no
     * file list says which file or setting, the data are not known to differ: an older rnnlab's checksum is "unknown".
     */
    @Test
    void withoutDatasetProvenanceTheOlderChecksumIsReadAsItWasWritten() throws Exception {
        Path run = olderRun();
        Files.delete(run.resolve("dataset-provenance.json"));
        Run same = run("train", "--config", run.resolve("config.json").toString(), "--out", dir.resolve("same").toString(), "--quiet");
        assertThat(same.code()).as(same.err()).isZero();
        JsonNode repeat = Json.mapper().readTree(dir.resolve("same").resolve("repeat-of.json").toFile());
        assertThat(repeat.get("sameData").asBoolean()).as(repeat.toString()).isTrue();
        assertThat(repeat.get("checksumThen").asText()).isNotEqualTo(repeat.get("checksumNow").asText());
        assertThat(repeat.get("dataChange").asText()).as("why the checksums differ").startsWith("none: the same files and settings");

        Path provenance = run.resolve("provenance.json");
        String recorded = Json.mapper().readTree(provenance.toFile()).get("datasetChecksum").asText();
        Files.writeString(provenance, Files.readString(provenance).replace(recorded, "0".repeat(64)));
        Run unknown = run("train", "--config", run.resolve("config.json").toString(), "--out", dir.resolve("unknown").toString(),
                "--quiet");
        assertThat(unknown.code()).as(unknown.err()).isZero();
        repeat = Json.mapper().readTree(dir.resolve("unknown").resolve("repeat-of.json").toFile());
        assertThat(repeat.get("sameData").isNull()).as(repeat.toString()).isTrue();
        assertThat(repeat.get("dataChange").asText()).startsWith("unknown: made by another rnnlab (commit 522cfbfdc1b6")
                .contains("before the dataset checksum's input last changed, commit 6074a691");
        assertThat(unknown.err()).contains("train: note: whether the data are those").doesNotContain("the data differ");

        // review 78 R2: a commit not known to be older (not in this checkout) that started after the checksum's input last
        // changed checksums the same data alike: another checksum is other files or settings, as before
        Files.writeString(provenance, Files.readString(provenance).replaceAll("\"gitCommit\" : \"[^\"]*\"",
                "\"gitCommit\" : \"fedcba9876543210fedcba9876543210fedcba98\""));
        Run other = run("train", "--config", run.resolve("config.json").toString(), "--out", dir.resolve("other").toString(),
                "--quiet");
        assertThat(other.code()).as(other.err()).isZero();
        repeat = Json.mapper().readTree(dir.resolve("other").resolve("repeat-of.json").toFile());
        assertThat(repeat.get("sameData").asBoolean(true)).as(repeat.toString()).isFalse();
        assertThat(repeat.get("dataChange").asText()).startsWith("the files or settings differ");
    }

    /**
     * A folder without dataset-provenance.json whose results.json lists the data (a comparison's {@code data}): a changed file
     * is named, not "unknown" (the file list tells which file changed).
     */
    @Test
    void aComparisonsResultsJsonNamesTheChangedFile() throws Exception {
        Path run = olderRun();
        com.fasterxml.jackson.databind.node.ObjectNode results = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper()
                .readTree(run.resolve("results.json").toFile());
        results.set("data", Json.mapper().readTree(run.resolve("dataset-provenance.json").toFile()));
        Json.mapper().writeValue(run.resolve("results.json").toFile(), results);
        Files.delete(run.resolve("dataset-provenance.json"));
        Path csv = dir.resolve("small.csv");
        Files.writeString(csv, Files.readString(csv).replaceFirst("\n(q00,0,s0,)[^,]*,", "\n$1-9.5,"));
        Run r = run("train", "--config", run.resolve("config.json").toString(), "--out", dir.resolve("changed").toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode repeat = Json.mapper().readTree(dir.resolve("changed").resolve("repeat-of.json").toFile());
        assertThat(repeat.get("sameData").asBoolean(true)).as(repeat.toString()).isFalse();
        assertThat(repeat.get("dataChange").asText()).contains("changed since (content)").contains("small.csv");
    }

    /**
     * model-info of the format-2 bundle gives the older-format note once (trial 78a F7: twice, and it said to compare the
     * SHA-256 with "the one recorded for it", which no older run records), with the file's SHA-256 to record now.
     */
    @Test
    void modelInfoNotesTheOlderFormatOnceWithTheShaToRecord() throws Exception {
        Path model = olderRun().resolve("model.rnnlab");
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.rnnlab.training.ModelBundle.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        Run r;
        try {
            r = run("model-info", model.toString());
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(r.code()).as(r.err()).isZero();
        List<String> notes = logged.list.stream().map(e -> e.getFormattedMessage())
                .filter(m -> m.contains("which recorded no content digest")).toList();
        String sha = org.rnnlab.datasets.FileChecksums.of(model).sha256();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0)).contains("record its SHA-256 now (" + sha + ")").doesNotContain("the one recorded for it");
    }
}
