package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;

/**
 * Run folders of an rnnlab before Unicode normalization of texts and the largest-remainder carving of splits (a user's trial
 * with commit 825e14a): their dataset-provenance.json and provenance.json lack the parameters that record those rules.
 * Texts that NFC leaves as they are are the same data (the run resumes); a carving that differs is refused as a usage
 * error that says the run was carved by an older rule and what to do (it said "the data differ", exit 1, and evaluate told
 * the user to give the options they had given).
 */
class OlderRnnlabRunsTest {

    /** Rewrites {@code dir}'s dataset-provenance.json and provenance.json as rnnlab before {@code rules} wrote them. */
    private static String writeAsOlderRnnlab(Path dir, List<String> rules) throws Exception {
        Path recorded = dir.resolve("dataset-provenance.json");
        DatasetProvenance now = Json.readFile(recorded, DatasetProvenance.class);
        List<String> dropped = new ArrayList<>(rules);
        dropped.add(DatasetProvenance.NORMALIZED_TEXTS);
        DatasetProvenance old = now.without(dropped);
        assertThat(old.checksum()).isNotEqualTo(now.checksum());
        Json.writeFile(recorded, old);
        if (Files.isRegularFile(dir.resolve("provenance.json"))) {
            ObjectNode provenance = (ObjectNode) Json.mapper().readTree(dir.resolve("provenance.json").toFile());
            provenance.put("datasetChecksum", old.checksum());
            provenance.put("gitCommit", "825e14a66ba3128832edde2df94233937c8ee119");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("provenance.json").toFile(), provenance);
        }
        return old.checksum();
    }

    /** A run stopped after its checkpoint: the finished run's model and results removed. */
    private static void interrupt(Path dir) throws Exception {
        Files.delete(dir.resolve("model.rnnlab"));
        Files.delete(dir.resolve("results.json"));
    }

    /** 3 classes of 10 sequences: validation 15% is 2 of each class by per-class rounding (6), 5 in all by largest remainder. */
    private static Path imbalanced(Path file, int perClass) throws Exception {
        return imbalanced(file, perClass, 1);
    }

    /** As above, feature a multiplied by {@code scale}. */
    private static Path imbalanced(Path file, int perClass, double scale) throws Exception {
        return imbalanced(file, perClass, scale, new String[] {"down", "flat", "up"});
    }

    /** As above, with the three classes' labels {@code labels}. */
    private static Path imbalanced(Path file, int perClass, double scale, String[] labels) throws Exception {
        StringBuilder csv = new StringBuilder("sequence_id,time,label,a,b\n");
        java.util.Random random = new java.util.Random(3);
        for (int c = 0; c < 3; c++) {
            for (int s = 0; s < perClass; s++) {
                for (int t = 0; t < 5; t++) {
                    csv.append(labels[c]).append(s).append(',').append(t).append(',').append(labels[c]).append(',')
                            .append(((c - 1) * t + random.nextGaussian() * 0.1) * scale).append(',').append(random.nextGaussian()).append('\n');
                }
            }
        }
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void anOldTextRunWhoseTextsNfcLeavesAloneResumes(@TempDir Path dir) throws Exception {
        StringBuilder train = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            train.append(i % 2).append('\t').append(i % 2 == 0 ? "good fine nice day " + i : "bad awful poor day " + i).append('\n');
            test.append(i % 2).append('\t').append(i % 2 == 0 ? "nice good" : "poor bad").append('\n');
        }
        Path trainFile = Files.writeString(dir.resolve("train.tsv"), train);
        Path testFile = Files.writeString(dir.resolve("test.tsv"), test);
        Path out = dir.resolve("run");
        Run first = run("train", "--dataset", "text", "--train", trainFile.toString(), "--test", testFile.toString(), "--hidden", "3",
                "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        interrupt(out);
        String now = Json.readFile(out.resolve("dataset-provenance.json"), DatasetProvenance.class).checksum();
        String old = writeAsOlderRnnlab(out, List.of("normalization"));
        // the checkpoint's state.json records the data's checksum too, as that older rnnlab computed it: resume compares
        // the data with it (TrainingState.DatasetIdentity.matches, DatasetProvenance.sameAs)
        rewriteEntry(out.resolve("checkpoints/checkpoint.zip"), "state.json", now, old);

        Run resumed = run("train", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).doesNotContain("the data differ");
        assertThat(out.resolve("model.rnnlab")).isRegularFile();

        // a config.json replay of such a run is a repeat
        Run replay = run("train", "--config", out.resolve("config.json").toString(), "--quiet", "--out", dir.resolve("again").toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(Json.mapper().readTree(dir.resolve("again/repeat-of.json").toFile()).path("sameData").asBoolean(false)).isTrue();
    }

    @Test
    void anOldTextRunWhoseTextsNfcChangesIsAUsageErrorThatSaysWhy(@TempDir Path dir) throws Exception {
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            // decomposed accents (e + U+0301), as macOS file names and some editors write them: NFC composes them
            train.append(i % 2).append('\t').append(i % 2 == 0 ? "cafe\u0301 good " + i : "the\u0301 bad " + i).append('\n');
        }
        Path trainFile = Files.writeString(dir.resolve("train.tsv"), train, StandardCharsets.UTF_8);
        Path out = dir.resolve("run");
        Run first = run("train", "--dataset", "text", "--train", trainFile.toString(), "--hidden", "3", "--epochs", "1", "--quiet",
                "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        interrupt(out);
        String now = Json.readFile(out.resolve("dataset-provenance.json"), DatasetProvenance.class).checksum();
        String old = writeAsOlderRnnlab(out, List.of("normalization"));
        // the checkpoint's state.json records the data's checksum too, as that older rnnlab computed it: resume compares
        // the data with it (TrainingState.DatasetIdentity.matches, DatasetProvenance.sameAs)
        rewriteEntry(out.resolve("checkpoints/checkpoint.zip"), "state.json", now, old);

        Run resumed = run("train", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isEqualTo(2);
        assertThat(resumed.err()).contains("cannot resume " + out + ": it was started by an older rnnlab (commit 825e14a")
                .contains("read without Unicode normalization then and with NFC now, which gives 30 of them other tokens")
                .contains("finish it with the rnnlab it was started with").contains("train --config " + out.resolve("config.json"));
    }

    @Test
    void anOldRunCarvedByPerClassRoundingIsAUsageErrorThatSaysWhy(@TempDir Path dir) throws Exception {
        Path train = imbalanced(dir.resolve("train.csv"), 10);
        Path test = imbalanced(dir.resolve("test.csv"), 4);
        String[] data = {"--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "3", "--epochs", "1",
            "--quiet"};
        Path out = dir.resolve("run");
        Run first = run(TrainEvaluatePredictTest.concat(new String[] {"train"}, TrainEvaluatePredictTest.concat(data, "--out",
                out.toString())));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(Files.readString(out.resolve("dataset-provenance.json"))).contains("stratifiedCarving");
        interrupt(out);
        String old = writeAsOlderRnnlab(out, List.of("stratifiedCarving"));

        Run resumed = run("train", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isEqualTo(2);
        assertThat(resumed.err()).contains("cannot resume " + out + ": it was started by an older rnnlab (commit 825e14a")
                .contains("carved by rounding each class's share on its own then").contains("train --config")
                .doesNotContain("the data differ");

        // a comparison of such a rnnlab, stopped before its report: compare --resume says the same (it compared checksums only)
        Path cmp = dir.resolve("cmp");
        Run compared = run(TrainEvaluatePredictTest.concat(new String[] {"compare"}, TrainEvaluatePredictTest.concat(data, "--cells",
                "gru", "--seeds", "1", "--out", cmp.toString())));
        assertThat(compared.code()).as(compared.err()).isZero();
        Files.delete(cmp.resolve("index.html"));
        ObjectNode provenance = (ObjectNode) Json.mapper().readTree(cmp.resolve("provenance.json").toFile());
        provenance.put("datasetChecksum", old);
        Json.mapper().writeValue(cmp.resolve("provenance.json").toFile(), provenance);
        Run compareResumed = run("compare", "--resume", cmp.toString(), "--quiet");
        assertThat(compareResumed.code()).as(compareResumed.err()).isEqualTo(2);
        assertThat(compareResumed.err()).contains("cannot resume " + cmp + ": it was started by an older rnnlab")
                .contains("carved by rounding each class's share on its own then").contains("compare --config");
    }

    @Test
    void evaluateOfAnOldModelWhoseNumericClassesWereOrderedAsTextSaysTheRealReason(@TempDir Path dir) throws Exception {
        // classes 1, 2 and 10: an rnnlab before trial 66a ordered them 1, 10, 2 (its outputs and its carve so)
        String[] labels = {"1", "2", "10"};
        Path train = imbalanced(dir.resolve("train.csv"), 10, 1, labels);
        Path test = imbalanced(dir.resolve("test.csv"), 4, 1, labels);
        Path out = dir.resolve("run");
        Run first = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "3",
                "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        DatasetProvenance now = Json.readFile(out.resolve("dataset-provenance.json"), DatasetProvenance.class);
        assertThat(now.parameters()).containsEntry("labelOrder", "by number");
        String old = now.without(List.of("labelOrder")).checksum();
        rewriteCardChecksum(out.resolve("model.rnnlab"), now.checksum(), old);

        Run evaluated = run("evaluate", "--model", out.resolve("model.rnnlab").toString(), "--dataset", "csv", "--train",
                train.toString(), "--test", test.toString(), "--split", "validation");
        assertThat(evaluated.code()).as(evaluated.err()).isEqualTo(2);
        assertThat(evaluated.err()).contains("trained by an older rnnlab").contains("ordered as text then (1, 10, 2, ...) and by "
                + "number now").doesNotContain("Give the same");
        // text labels record nothing: their data keep the checksum of before
        Run text = run("train", "--dataset", "csv", "--train", imbalanced(dir.resolve("text.csv"), 10).toString(), "--hidden", "3",
                "--epochs", "1", "--quiet", "--out", dir.resolve("textrun").toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(Files.readString(dir.resolve("textrun").resolve("dataset-provenance.json"))).doesNotContain("labelOrder");
    }

    @Test
    void aReplayOfAnOldRunsClassWeightsSetForNumericClassesOrderedAsTextIsRefused(@TempDir Path dir) throws Exception {
        // weights are kept by class position: an older rnnlab's 1, 10, 2 put them on other classes than this version's 1, 2, 10
        String[] labels = {"1", "2", "10"};
        Path train = imbalanced(dir.resolve("train.csv"), 10, 1, labels);
        Path test = imbalanced(dir.resolve("test.csv"), 4, 1, labels);
        Path out = dir.resolve("run");
        Run first = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "3",
                "--epochs", "1", "--class-weights", "balanced", "--quiet", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        DatasetProvenance now = Json.readFile(out.resolve("dataset-provenance.json"), DatasetProvenance.class);
        String old = now.without(List.of("labelOrder")).checksum();
        // as an older rnnlab left it: no dataset-provenance.json, its provenance.json's checksum without labelOrder
        Files.delete(out.resolve("dataset-provenance.json"));
        Files.writeString(out.resolve("provenance.json"), Files.readString(out.resolve("provenance.json")).replace(now.checksum(), old));
        Run replay = run("train", "--config", out.resolve("config.json").toString(), "--quiet", "--out", dir.resolve("again").toString());
        assertThat(replay.code()).as(replay.err()).isEqualTo(2);
        assertThat(replay.err()).contains("its class weights").contains("each weight would fall on another class");
        // the same run's config, as this version wrote it: replayed
        Run ours = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "3",
                "--epochs", "1", "--class-weights", "balanced", "--quiet", "--out", dir.resolve("ours").toString());
        assertThat(ours.code()).as(ours.err()).isZero();
        Run replayOurs = run("train", "--config", dir.resolve("ours/config.json").toString(), "--quiet", "--out",
                dir.resolve("ours2").toString());
        assertThat(replayOurs.code()).as(replayOurs.err()).isZero();
    }

    @Test
    void compareConfigOfAnOldComparisonsClassWeightsSetForNumericClassesOrderedAsTextIsRefusedAsTrainRefusesIt(@TempDir Path dir)
            throws Exception {
        String[] labels = {"1", "2", "10"};
        Path train = imbalanced(dir.resolve("train.csv"), 10, 1, labels);
        Path test = imbalanced(dir.resolve("test.csv"), 4, 1, labels);
        Path cmp = dir.resolve("cmp");
        Run compared = run("compare", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "3",
                "--epochs", "1", "--class-weights", "balanced", "--quiet", "--cells", "gru", "--seeds", "1", "--probe", "0",
                "--out", cmp.toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        assertThat(Files.readString(cmp.resolve("config.json"))).contains("classWeights");
        // this version's own comparison is replayed
        Run ours = run("compare", "--config", cmp.resolve("config.json").toString(), "--quiet", "--out", dir.resolve("ours").toString());
        assertThat(ours.code()).as(ours.err()).isZero();
        // as an older rnnlab left it: no dataset-provenance.json, its provenance.json's checksum without labelOrder
        DatasetProvenance now = Json.readFile(cmp.resolve("dataset-provenance.json"), DatasetProvenance.class);
        String old = now.without(List.of("labelOrder")).checksum();
        Files.delete(cmp.resolve("dataset-provenance.json"));
        Files.writeString(cmp.resolve("provenance.json"), Files.readString(cmp.resolve("provenance.json")).replace(now.checksum(), old));
        Run again = run("compare", "--config", cmp.resolve("config.json").toString(), "--quiet", "--out", dir.resolve("again").toString());
        assertThat(again.code()).as(again.err()).isEqualTo(2);
        assertThat(again.err()).contains("its class weights").contains("each weight would fall on another class")
                .contains("orders the classes [1, 2, 10] by number");
        assertThat(dir.resolve("again")).doesNotExist();
        Run trained = run("train", "--config", cmp.resolve("config.json").toString(), "--cell", "gru", "--clip", "none", "--seed",
                "1", "--quiet", "--out", dir.resolve("one").toString());
        assertThat(trained.code()).as(trained.err()).isEqualTo(2);
        assertThat(trained.err()).contains("each weight would fall on another class");
    }

    @Test
    void evaluateOfAnOldModelCarvedByPerClassRoundingSaysTheRealReason(@TempDir Path dir) throws Exception {
        Path train = imbalanced(dir.resolve("train.csv"), 10);
        Path test = imbalanced(dir.resolve("test.csv"), 4);
        Path out = dir.resolve("run");
        Run first = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "3",
                "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        DatasetProvenance now = Json.readFile(out.resolve("dataset-provenance.json"), DatasetProvenance.class);
        String old = now.without(List.of("stratifiedCarving")).checksum();
        rewriteCardChecksum(out.resolve("model.rnnlab"), now.checksum(), old);

        Run evaluated = run("evaluate", "--model", out.resolve("model.rnnlab").toString(), "--dataset", "csv", "--train",
                train.toString(), "--test", test.toString(), "--split", "validation");
        assertThat(evaluated.code()).as(evaluated.err()).isEqualTo(2);
        assertThat(evaluated.err()).contains("are those " + out.resolve("model.rnnlab") + " was trained on, but it was trained by an "
                + "older rnnlab").contains("carved by rounding each class's share on its own then").doesNotContain("Give the same");
    }

    @Test
    void anOldBidirectionalLastCheckpointIsRefusedForItsRealReason(@TempDir Path dir) throws Exception {
        Path train = imbalanced(dir.resolve("train.csv"), 10);
        Path test = imbalanced(dir.resolve("test.csv"), 4);
        Path out = dir.resolve("run");
        Run first = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--cell", "bigru",
                "--hidden", "3", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        interrupt(out);
        // as rnnlab 825e14a wrote them: checkpoint format 2, a config.json without "bidirectionalLast" (read as last-step)
        rewriteEntry(out.resolve("checkpoints/checkpoint.zip"), "checkpoint.json", "\"version\" : 4", "\"version\" : 2");
        ObjectNode config = (ObjectNode) Json.mapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.remove("bidirectionalLast")).isNotNull();
        Json.mapper().writeValue(out.resolve("config.json").toFile(), config);

        Run resumed = run("train", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isEqualTo(2);
        // it said the user's config.json "differs from what the checkpoint trains (head: config.json LAST-STEP, checkpoint LAST)"
        assertThat(resumed.err()).doesNotContain("differs from what the checkpoint trains")
                .contains("checkpoint format 2) for a bidirectional model with head last")
                .contains("start it again with this one: rnnlab train --config " + out.resolve("config.json"));
    }

    @Test
    void aReplayOfAnOldComparisonChecksItsDataByProvenanceJson(@TempDir Path dir) throws Exception {
        Path train = imbalanced(dir.resolve("train.csv"), 10);
        Path test = imbalanced(dir.resolve("test.csv"), 4);
        Path cmp = dir.resolve("cmp");
        Run compared = run("compare", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "3",
                "--epochs", "1", "--quiet", "--cells", "gru", "--seeds", "1", "--out", cmp.toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        // a comparison of rnnlab 825e14a: no dataset-provenance.json, its checksum in provenance.json (same data)
        DatasetProvenance now = Json.readFile(cmp.resolve("dataset-provenance.json"), DatasetProvenance.class);
        Files.delete(cmp.resolve("dataset-provenance.json"));
        Path config = cmp.resolve("config.json");
        Run same = run("train", "--config", config.toString(), "--cell", "gru", "--clip", "none", "--seed", "1", "--quiet", "--out",
                dir.resolve("same").toString());
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.err()).doesNotContain("not checked");
        com.fasterxml.jackson.databind.JsonNode repeat = Json.mapper().readTree(dir.resolve("same/repeat-of.json").toFile());
        assertThat(repeat.path("sameData").isBoolean() && repeat.path("sameData").asBoolean()).as(repeat.toString()).isTrue();
        assertThat(repeat.path("checksumThen").asText()).isEqualTo(now.checksum());

        // carved by the older rule: said, and recorded, by compare --config and train --config
        String old = now.without(List.of("stratifiedCarving")).checksum();
        ObjectNode provenance = (ObjectNode) Json.mapper().readTree(cmp.resolve("provenance.json").toFile());
        provenance.put("datasetChecksum", old);
        Json.mapper().writeValue(cmp.resolve("provenance.json").toFile(), provenance);
        Run again = run("compare", "--config", config.toString(), "--quiet", "--out", dir.resolve("again").toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain("not checked").contains("carved by rounding each class's share on its own then");
        repeat = Json.mapper().readTree(dir.resolve("again/repeat-of.json").toFile());
        assertThat(repeat.path("sameData").isBoolean() && !repeat.path("sameData").asBoolean()).as(repeat.toString()).isTrue();
        assertThat(repeat.path("checksumThen").asText()).isEqualTo(old);
        Run one = run("train", "--config", config.toString(), "--cell", "gru", "--clip", "none", "--seed", "1", "--quiet", "--out",
                dir.resolve("one").toString());
        assertThat(one.code()).as(one.err()).isZero();
        repeat = Json.mapper().readTree(dir.resolve("one/repeat-of.json").toFile());
        assertThat(repeat.path("sameData").isBoolean() && !repeat.path("sameData").asBoolean()).as(repeat.toString()).isTrue();
        assertThat(repeat.path("dataChange").asText()).contains("carved by rounding each class's share on its own then");
    }

    @Test
    void aOneDirectionalRunOfAnOldComparisonIsNamedAsANewRunOfIt(@TempDir Path dir) throws Exception {
        Path train = imbalanced(dir.resolve("train.csv"), 10);
        Path test = imbalanced(dir.resolve("test.csv"), 4);
        Path cmp = dir.resolve("cmp");
        Run compared = run("compare", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "3",
                "--epochs", "1", "--quiet", "--cells", "lstm,bigru", "--seeds", "1", "--out", cmp.toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        // as rnnlab 825e14a wrote it: without "bidirectionalLast", so read with last-step for all its cells
        ObjectNode config = (ObjectNode) Json.mapper().readTree(cmp.resolve("config.json").toFile());
        assertThat(((ObjectNode) config.path("comparison")).remove("bidirectionalLast")).isNotNull();
        Json.mapper().writeValue(cmp.resolve("config.json").toFile(), config);

        Run one = run("train", "--config", cmp.resolve("config.json").toString(), "--cell", "lstm", "--clip", "none", "--seed", "1",
                "--quiet", "--out", dir.resolve("one").toString());
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out() + one.err()).doesNotContain("lstm-3-last-step").contains("lstm-3");
        assertThat(Json.mapper().readTree(dir.resolve("one/config.json").toFile()).path("spec").path("head").asText()).isEqualTo("LAST");
        // the bidirectional run keeps the old head it was trained with
        Run bi = run("train", "--config", cmp.resolve("config.json").toString(), "--cell", "bigru", "--clip", "none", "--seed", "1",
                "--quiet", "--out", dir.resolve("bi").toString());
        assertThat(bi.code()).as(bi.err()).isZero();
        assertThat(Json.mapper().readTree(dir.resolve("bi/config.json").toFile()).path("spec").path("head").asText())
                .isEqualTo("LAST_STEP");
    }

    @Test
    void aReplayOfAnOldRunWithATinyScaleFeatureSaysItIsNoRepeat(@TempDir Path dir) throws Exception {
        Path train = imbalanced(dir.resolve("train.csv"), 10, 1e-6);
        Path test = imbalanced(dir.resolve("test.csv"), 4, 1e-6);
        Path out = dir.resolve("run");
        Run first = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "3",
                "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Run now = run("train", "--config", out.resolve("config.json").toString(), "--quiet", "--out", dir.resolve("now").toString());
        assertThat(now.code()).as(now.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode repeat = Json.mapper().readTree(dir.resolve("now/repeat-of.json").toFile());
        assertThat(repeat.path("repeat").asBoolean(false)).as(repeat.toString()).isTrue();
        assertThat(repeat.path("trainingChange").isNull()).isTrue();

        // as rnnlab 825e14a saved it (bundle format 2, ND4J's standardiser): it read feature a as about 0
        rewriteEntry(out.resolve("model.rnnlab"), "bundle.json", "\"version\" : 5", "\"version\" : 2");
        Run replay = run("train", "--config", out.resolve("config.json").toString(), "--quiet", "--out", dir.resolve("old").toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.err()).contains("this run does not repeat the run of " + out.resolve("config.json"))
                .contains("its model.rnnlab is of bundle format 2").contains("'a' (deviation");
        repeat = Json.mapper().readTree(dir.resolve("old/repeat-of.json").toFile());
        assertThat(repeat.path("sameData").asBoolean(false)).as(repeat.toString()).isTrue();
        assertThat(repeat.path("repeat").isBoolean() && !repeat.path("repeat").asBoolean()).as(repeat.toString()).isTrue();
        assertThat(repeat.path("trainingChange").asText()).contains("standardises it exactly");
        assertThat(Files.readString(dir.resolve("old/data-warnings.txt"))).contains("this run does not repeat");
    }

    /**
     * A run begun before checkpoint format 4 (ND4J's standardiser read feature a, of deviation about 1e-6, as about 0) and
     * finished by this rnnlab: its model.rnnlab is of bundle format 4, but its card says it was trained with ND4J's
     * standardiser, so a replay of its config.json says it is no repeat.
     */
    @Test
    void aReplayOfAnOldRunWithATinyScaleFeatureFinishedByThisRnnlabSaysItIsNoRepeat(@TempDir Path dir) throws Exception {
        Path train = imbalanced(dir.resolve("train.csv"), 10, 1e-6);
        Path test = imbalanced(dir.resolve("test.csv"), 4, 1e-6);
        Path out = dir.resolve("run");
        Run first = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "3",
                "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        interrupt(out);
        // its checkpoint as an rnnlab of format 3 wrote it (no exactStandardization: null reads as absent)
        Path checkpoint = out.resolve("checkpoints/checkpoint.zip");
        rewriteEntry(checkpoint, "checkpoint.json", "\"version\" : 4", "\"version\" : 3");
        rewriteEntry(checkpoint, "checkpoint.json", "\"exactStandardization\" : true", "\"exactStandardization\" : null");

        Run resumed = run("train", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        ModelCard card = ModelBundle.readCard(out.resolve("model.rnnlab"));
        assertThat(card.formatVersion()).isEqualTo(ModelBundle.FORMAT_VERSION);
        assertThat(card.exactStandardization()).isFalse();

        Run replay = run("train", "--config", out.resolve("config.json").toString(), "--quiet", "--out", dir.resolve("again").toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.err()).contains("this run does not repeat the run of " + out.resolve("config.json"))
                .contains("says it was trained with ND4J's standardiser").contains("'a' (deviation");
        com.fasterxml.jackson.databind.JsonNode repeat = Json.mapper().readTree(dir.resolve("again/repeat-of.json").toFile());
        assertThat(repeat.path("sameData").asBoolean(false)).as(repeat.toString()).isTrue();
        assertThat(repeat.path("repeat").isBoolean() && !repeat.path("repeat").asBoolean()).as(repeat.toString()).isTrue();
        assertThat(repeat.path("trainingChange").asText()).contains("standardises it exactly");
    }

    /** The model file with its card's dataset checksum replaced, as a model of an older rnnlab records it. */
    private static void rewriteCardChecksum(Path model, String now, String old) throws Exception {
        rewriteEntry(model, "model-card.json", now, old);
    }

    /** The zip with {@code text} replaced by {@code by} in its entry {@code name}. */
    private static void rewriteEntry(Path file, String name, String text, String by) throws Exception {
        Path model = file;
        String now = text;
        String old = by;
        Path copy = model.resolveSibling("rewritten.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(model));
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(name)) {
                    String card = new String(bytes, StandardCharsets.UTF_8);
                    assertThat(card).contains(now);
                    bytes = card.replace(now, old).getBytes(StandardCharsets.UTF_8);
                }
                // an edited card is refused by the content digest of format 5: written as format 4 (the same entries, no digest)
                if (e.getName().equals("model-card.json")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("\"formatVersion\" : 5", "\"formatVersion\" : 4")
                            .getBytes(StandardCharsets.UTF_8);
                } else if (e.getName().equals("bundle.json")) {
                    bytes = e.getName().equals(name) ? new String(bytes, StandardCharsets.UTF_8)
                            .replaceAll(",\\s*\"contentSha256\" : \"[0-9a-f]+\"", "").getBytes(StandardCharsets.UTF_8)
                            : "{\"format\":\"rnnlab-bundle\",\"version\":4}".getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        Files.move(copy, model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
