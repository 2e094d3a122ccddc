package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.train.ClassWeights;

/**
 * {@code train --config} and {@code compare --config} of a run on data moved or updated since (trial 72c, a reproducibility
 * auditor): balanced class weights computed again on updated data (F3), a moved file of the same content not called changed
 * (F2), a missing recorded file named with config.json and how to point elsewhere (F5), {@code compare --config --threads} (F7)
 * and {@code --train} in place of the recorded file;
 * and the run's {@code test-predictions.csv}, from which its test scores are recomputed (F4).
 */
class ReplayOnOtherDataTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path run;
    static final Map<String, String> LABELS = new HashMap<>();

    /** Sequences {@code s0..}: 12 of class x, 6 of y, 6 of z (4 steps each), those of {@code skip} left out. */
    static String csv(String prefix, int from, int count, int skipX) {
        StringBuilder sb = new StringBuilder("id,t,a,b,label\n");
        int skipped = 0;
        for (int s = from; s < from + count; s++) {
            String label = s % 4 == 0 ? "y" : s % 4 == 1 ? "z" : "x";
            if (label.equals("x") && skipped < skipX) {
                skipped++;
                continue;
            }
            LABELS.put(prefix + s, label);
            double level = label.equals("x") ? 1 : label.equals("y") ? -1 : 0;
            for (int t = 0; t < 4; t++) {
                sb.append(String.format(Locale.ROOT, "%s%d,%d,%.3f,%.3f,%s%n", prefix, s, t, level + 0.05 * ((s * 7 + t * 3) % 5),
                        0.1 * t - level, label));
            }
        }
        return sb.toString();
    }

    @BeforeAll
    static void trained() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("train.csv"), csv("s", 0, 24, 0));
        Files.writeString(data.resolve("test.csv"), csv("t", 100, 8, 0));
        run = dir.resolve("run");
        Run r = run("train", "--dataset", "csv", "--train", data.resolve("train.csv").toString(), "--test",
                data.resolve("test.csv").toString(), "--set", "sequenceId=id", "--set", "time=t", "--set", "label=label",
                "--hidden", "3", "--epochs", "1", "--seed", "3", "--class-weights", "balanced", "--quiet", "--out", run.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** A copy of the run's config.json and dataset-provenance.json in {@code name}, its data paths pointing at {@code to}. */
    static Path copyPointingAt(String name, Path to) throws Exception {
        Path copy = Files.createDirectories(dir.resolve(name));
        Files.writeString(copy.resolve("config.json"), Files.readString(run.resolve("config.json")).replace(data.toString(), to.toString()));
        Files.copy(run.resolve("dataset-provenance.json"), copy.resolve("dataset-provenance.json"));
        return copy.resolve("config.json");
    }

    static List<Double> weights(Path runDir) throws Exception {
        List<Double> out = new ArrayList<>();
        Json.mapper().readTree(runDir.resolve("config.json").toFile()).path("spec").path("classWeights").forEach(w -> out.add(w.asDouble()));
        return out;
    }

    @Test
    void balancedWeightsAreRecordedAsSuchKeptOnARepeatAndComputedAgainOnUpdatedData() throws Exception {
        JsonNode config = Json.mapper().readTree(run.resolve("config.json").toFile());
        assertThat(config.path("classWeightPolicy").asText()).isEqualTo("balanced");
        List<Double> recorded = weights(run);
        assertThat(recorded).hasSize(3);

        // an exact repeat: the recorded numbers, byte for byte, and said
        Path again = dir.resolve("again");
        Run repeat = run("train", "--config", run.resolve("config.json").toString(), "--quiet", "--out", again.toString());
        assertThat(repeat.code()).as(repeat.err()).isZero();
        assertThat(repeat.err()).contains("train: class weights x=").contains("(balanced, as config.json records them from the same data)");
        assertThat(weights(again)).isEqualTo(recorded);
        assertThat(Json.mapper().readTree(again.resolve("config.json").toFile()).path("classWeightPolicy").asText()).isEqualTo("balanced");

        // updated data (6 x sequences fewer; the test file a byte copy at another path): balanced on these data, said
        Path upd = Files.createDirectories(dir.resolve("upd"));
        Files.writeString(upd.resolve("train.csv"), csv("s", 0, 24, 6));
        Files.copy(data.resolve("test.csv"), upd.resolve("test.csv"));
        Path updated = dir.resolve("updated");
        Run retrained = run("train", "--config", copyPointingAt("upd-config", upd).toString(), "--quiet", "--out", updated.toString());
        assertThat(retrained.code()).as(retrained.err()).isZero();
        assertThat(retrained.err()).contains("warning: the data differ")
                .contains("train: class weights balanced, computed again from these data's training split")
                .contains(String.format(Locale.ROOT, "x %.3g -> ", recorded.get(0)));
        List<Double> now = weights(updated);
        assertThat(now).isNotEqualTo(recorded);
        int[] counts = new int[3];
        for (String line : Files.readAllLines(updated.resolve("splits.csv")).subList(1, Files.readAllLines(updated.resolve("splits.csv")).size())) {
            String[] f = line.split(",");
            if (f[1].equalsIgnoreCase("train")) {
                counts[List.of("x", "y", "z").indexOf(LABELS.get(f[0]))]++;
            }
        }
        assertThat(now).isEqualTo(ClassWeights.balanced(List.of("x", "y", "z"), counts));

        // a config.json of numbers alone (written before the policy was recorded): replayed as they are, said to be the earlier data's
        Path old = dir.resolve("old-config");
        Files.createDirectories(old);
        Files.writeString(old.resolve("config.json"), Files.readString(dir.resolve("upd-config/config.json"))
                .replaceAll(",\\s*\"classWeightPolicy\" : \"balanced\"", ""));
        assertThat(Files.readString(old.resolve("config.json"))).doesNotContain("classWeightPolicy");
        Files.copy(run.resolve("dataset-provenance.json"), old.resolve("dataset-provenance.json"));
        Path oldRun = dir.resolve("old-run");
        Run numbers = run("train", "--config", old.resolve("config.json").toString(), "--quiet", "--out", oldRun.toString());
        assertThat(numbers.code()).as(numbers.err()).isZero();
        assertThat(numbers.err()).contains("set for the earlier data");
        assertThat(weights(oldRun)).isEqualTo(recorded);
    }

    /** The balanced weights of the training split {@code runDir}'s splits.csv names (its sequences' classes from {@link #LABELS}). */
    static List<Double> balancedOfTrainingSplit(Path runDir) throws Exception {
        int[] counts = new int[3];
        List<String> lines = Files.readAllLines(runDir.resolve("splits.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[1].equalsIgnoreCase("train")) {
                counts[List.of("x", "y", "z").indexOf(LABELS.get(f[0]))]++;
            }
        }
        return ClassWeights.balanced(List.of("x", "y", "z"), counts);
    }

    /** The text of the class weights in {@code runDir}'s config.json, as written. */
    static String weightsText(Path runDir) throws Exception {
        return Json.mapper().readTree(runDir.resolve("config.json").toFile()).path("spec").path("classWeights").toString();
    }

    /**
     * Trial 73a F6: a config.json copied out of its run folder (nothing beside it: the data cannot be checked) and pointed at
     * changed data trained the recorded balanced weights, still called balanced; they are computed again from the training
     * split in hand, and kept byte for byte when equal (the same data).
     */
    @Test
    void balancedWeightsAreComputedAgainForAConfigJsonWithNothingBesideIt() throws Exception {
        List<Double> recorded = weights(run);
        Path upd = Files.createDirectories(dir.resolve("alone-data"));
        Files.writeString(upd.resolve("train.csv"), csv("s", 0, 24, 6));
        Files.copy(data.resolve("test.csv"), upd.resolve("test.csv"));
        Path alone = Files.createDirectories(dir.resolve("alone-config"));
        Files.writeString(alone.resolve("config.json"), Files.readString(run.resolve("config.json")).replace(data.toString(), upd.toString()));
        Path out = dir.resolve("alone-run");
        Run r = run("train", "--config", alone.resolve("config.json").toString(), "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("is not checked: neither dataset-provenance.json nor provenance.json beside the config.json")
                .contains("train: class weights balanced, computed again from these data's training split, which give other "
                        + "numbers than config.json records (whether the data are the run's is not checked)")
                .contains(String.format(Locale.ROOT, "x %.3g -> ", recorded.get(0)))
                .doesNotContain("as config.json records them");
        assertThat(weights(out)).isNotEqualTo(recorded).isEqualTo(balancedOfTrainingSplit(out));
        assertThat(Json.mapper().readTree(out.resolve("config.json").toFile()).path("classWeightPolicy").asText()).isEqualTo("balanced");

        // the same data, nothing beside the copy: computed again, the same numbers, kept as written
        Path same = Files.createDirectories(dir.resolve("alone-same"));
        Files.copy(run.resolve("config.json"), same.resolve("config.json"));
        Path sameRun = dir.resolve("alone-same-run");
        Run again = run("train", "--config", same.resolve("config.json").toString(), "--quiet", "--out", sameRun.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("(balanced, as config.json records them: computed again from these data's training "
                + "split, the same numbers)");
        assertThat(weightsText(sameRun)).isEqualTo(weightsText(run));
    }

    /**
     * Trial 73a F8: {@code train --config RUN/config.json --train NEW} was refused; the files given replace those config.json
     * records, are recorded in the new run's config.json and dataset-provenance.json, and are checked against the recorded
     * digests; options that change the model or the split stay refused.
     */
    @Test
    void dataFilesGivenWithConfigReplaceTheRecordedOnes() throws Exception {
        Path upd = Files.createDirectories(dir.resolve("given-data"));
        Files.writeString(upd.resolve("train.csv"), csv("s", 0, 24, 6));
        Files.copy(data.resolve("test.csv"), upd.resolve("test.csv"));
        Path out = dir.resolve("given-run");
        Run r = run("train", "--config", run.resolve("config.json").toString(), "--train", upd.resolve("train.csv").toString(),
                "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("train: --train " + upd.resolve("train.csv") + " replaces config.json's "
                + data.resolve("train.csv") + " (datasetOptions.file)").contains("warning: the data differ")
                .contains("train: class weights balanced, computed again from these data's training split, since the data differ");
        JsonNode options = Json.mapper().readTree(out.resolve("config.json").toFile()).path("datasetOptions");
        // config.json writes paths as file: URIs
        assertThat(Path.of(java.net.URI.create(options.path("file").asText()))).isEqualTo(upd.resolve("train.csv"));
        assertThat(Path.of(java.net.URI.create(options.path("testFile").asText()))).isEqualTo(data.resolve("test.csv"));
        JsonNode files = Json.mapper().readTree(out.resolve("dataset-provenance.json").toFile()).path("files");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(upd.resolve("train.csv"))));
        assertThat(files.toString()).contains(sha);
        JsonNode repeat = Json.mapper().readTree(out.resolve("repeat-of.json").toFile());
        assertThat(repeat.path("sameData").asBoolean(true)).isFalse();
        assertThat(repeat.path("dataChange").asText()).contains("changed since (content): [" + upd.resolve("train.csv")
                + " (in place of " + data.resolve("train.csv") + ")]");
        assertThat(weights(out)).isEqualTo(balancedOfTrainingSplit(out));

        // byte copies given for both files: recognised by their SHA-256, a repeat, the recorded weights kept as written
        Path copies = Files.createDirectories(dir.resolve("given-copies"));
        Files.copy(data.resolve("train.csv"), copies.resolve("train.csv"));
        Files.copy(data.resolve("test.csv"), copies.resolve("test.csv"));
        Path copyRun = dir.resolve("given-copy-run");
        Run copied = run("train", "--config", run.resolve("config.json").toString(), "--train", copies.resolve("train.csv").toString(),
                "--test", copies.resolve("test.csv").toString(), "--quiet", "--out", copyRun.toString());
        assertThat(copied.code()).as(copied.err()).isZero();
        assertThat(copied.err()).contains("--test " + copies.resolve("test.csv") + " replaces config.json's " + data.resolve("test.csv"));
        assertThat(Json.mapper().readTree(copyRun.resolve("repeat-of.json").toFile()).path("sameData").asBoolean(false)).isTrue();
        assertThat(weightsText(copyRun)).isEqualTo(weightsText(run));

        // a validation file where the run carved its validation split changes the split: refused, nothing made
        Run validation = run("train", "--config", run.resolve("config.json").toString(), "--validation",
                copies.resolve("test.csv").toString(), "--quiet", "--out", dir.resolve("given-v").toString());
        assertThat(validation.code()).isEqualTo(2);
        assertThat(validation.err()).contains("the run of " + run.resolve("config.json") + " had no validation file");
        assertThat(Files.exists(dir.resolve("given-v"))).isFalse();
        // a file that is not there, and options of the model, stay refused
        Run gone = run("train", "--config", run.resolve("config.json").toString(), "--train", dir.resolve("nope.csv").toString(),
                "--quiet", "--out", dir.resolve("given-gone").toString());
        assertThat(gone.code()).isEqualTo(2);
        assertThat(gone.err()).contains("--train " + dir.resolve("nope.csv") + ": no such file");
        Run model = run("train", "--config", run.resolve("config.json").toString(), "--train", upd.resolve("train.csv").toString(),
                "--hidden", "5", "--quiet", "--out", dir.resolve("given-h").toString());
        assertThat(model.code()).isEqualTo(2);
        assertThat(model.err()).contains("--hidden cannot be given with it");
    }

    @Test
    void theRunsTestPredictionsGiveItsTestScoresAndPredictsProbabilities() throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("test-predictions.csv"));
        // the truth is 'actual': predict's 'label' is the predicted class (trial 73b F4)
        assertThat(lines.get(0)).isEqualTo("id,actual,predicted,p_x,p_y,p_z");
        JsonNode test = Json.mapper().readTree(run.resolve("results.json").toFile()).path("test");
        assertThat(lines).hasSize(1 + test.path("examples").asInt()).hasSize(1 + 8);
        Run predicted = run("predict", "--model", run.resolve("model.rnnlab").toString(), "--input", data.resolve("test.csv").toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        Map<String, String[]> byPredict = new HashMap<>();
        predicted.out().lines().skip(1).forEach(l -> byPredict.put(l.split(",")[0], l.split(",")));
        List<String> labels = List.of("x", "y", "z");
        int right = 0;
        double logLoss = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f[1]).as(line).isEqualTo(LABELS.get(f[0]));
            double[] p = {Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])};
            assertThat(p[0] + p[1] + p[2]).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(f[2]).isEqualTo(byPredict.get(f[0])[1]);
            for (int c = 0; c < 3; c++) {
                assertThat(p[c]).isCloseTo(Double.parseDouble(byPredict.get(f[0])[2 + c]), org.assertj.core.data.Offset.offset(1e-6));
            }
            right += f[1].equals(f[2]) ? 1 : 0;
            logLoss -= Math.log(p[labels.indexOf(f[1])]) / 8;
        }
        assertThat(right / 8.0).isEqualTo(test.path("metrics").path("ACCURACY").asDouble());
        assertThat(logLoss).isCloseTo(test.path("metrics").path("LOG_LOSS").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aMovedFileOfTheSameContentIsSaidToBeMovedNotChanged() throws Exception {
        Path moved = Files.createDirectories(dir.resolve("moved"));
        Files.writeString(moved.resolve("train.csv"), csv("s", 0, 24, 1)); // one x sequence fewer
        Files.copy(data.resolve("test.csv"), moved.resolve("test.csv"));
        Path out = dir.resolve("moved-run");
        Run r = run("train", "--config", copyPointingAt("moved-config", moved).toString(), "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String change = Json.mapper().readTree(out.resolve("repeat-of.json").toFile()).path("dataChange").asText();
        assertThat(change).contains("changed since (content): [" + moved.resolve("train.csv") + " (in place of " + data.resolve("train.csv") + ")]")
                .contains("moved, the same content (SHA-256): [" + moved.resolve("test.csv") + " (from " + data.resolve("test.csv") + ")]");
        assertThat(change.substring(0, change.indexOf("moved,"))).doesNotContain("test.csv");
        assertThat(r.err()).contains("moved, the same content");
    }

    @Test
    void aRecordedFileThatIsGoneIsNamedWithConfigJsonAndHowToPointElsewhere() throws Exception {
        Path config = copyPointingAt("gone-config", dir.resolve("nowhere"));
        Run r = run("train", "--config", config.toString(), "--quiet", "--out", dir.resolve("gone-run").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--config " + config + ": its datasetOptions.file, " + dir.resolve("nowhere").resolve("train.csv")
                + ", does not exist").contains("give them with --train, --validation and --test (those the run had), or copy "
                + "config.json and dataset-provenance.json").contains("datasetOptions.file, testFile");
        assertThat(Files.exists(dir.resolve("gone-run"))).isFalse();
    }

    @Test
    void compareConfigTakesThreadsAndSaysTheyDiffer() throws Exception {
        Path cmp = dir.resolve("cmp");
        Run compared = run("compare", "--dataset", "csv", "--train", data.resolve("train.csv").toString(), "--test",
                data.resolve("test.csv").toString(), "--set", "sequenceId=id", "--set", "time=t", "--set", "label=label",
                "--cells", "rnn", "--seeds", "1", "--hidden", "3", "--epochs", "1", "--probe", "0", "--quiet", "--out", cmp.toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        Path again = dir.resolve("cmp-t2");
        Run threads = run("compare", "--config", cmp.resolve("config.json").toString(), "--threads", "2", "--quiet", "--out",
                again.toString());
        assertThat(threads.code()).as(threads.err()).isZero();
        assertThat(threads.err()).contains("recorded --threads 1, this comparison uses 2").contains("results may differ slightly");
        assertThat(Json.mapper().readTree(again.resolve("config.json").toFile()).path("threads").asInt()).isEqualTo(2);

        // stop 73's note: compare --config refused --train where train --config takes it; now the same replacement, said,
        // recorded in the new config.json, and the comparison is no repeat on changed data
        Path upd = Files.createDirectories(dir.resolve("cmp-data"));
        Files.writeString(upd.resolve("train.csv"), csv("s", 0, 24, 6));
        Path other = dir.resolve("cmp-other");
        Run replaced = run("compare", "--config", cmp.resolve("config.json").toString(), "--train", upd.resolve("train.csv").toString(),
                "--quiet", "--out", other.toString());
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(replaced.err()).contains("compare: --train " + upd.resolve("train.csv") + " replaces config.json's "
                + data.resolve("train.csv") + " (datasetOptions.file)").contains("warning: the data differ");
        JsonNode options = Json.mapper().readTree(other.resolve("config.json").toFile()).path("datasetOptions");
        assertThat(Path.of(java.net.URI.create(options.path("file").asText()))).isEqualTo(upd.resolve("train.csv"));
        assertThat(Path.of(java.net.URI.create(options.path("testFile").asText()))).isEqualTo(data.resolve("test.csv"));
        assertThat(Json.mapper().readTree(other.resolve("repeat-of.json").toFile()).path("sameData").asBoolean(true)).isFalse();
        // a validation file where the comparison carved its validation split: refused, nothing made
        Run validation = run("compare", "--config", cmp.resolve("config.json").toString(), "--validation",
                data.resolve("test.csv").toString(), "--quiet", "--out", dir.resolve("cmp-v").toString());
        assertThat(validation.code()).isEqualTo(2);
        assertThat(validation.err()).contains("the comparison of " + cmp.resolve("config.json") + " had no validation file");
        assertThat(Files.exists(dir.resolve("cmp-v"))).isFalse();
        // options of the comparison itself stay refused
        Run cells = run("compare", "--config", cmp.resolve("config.json").toString(), "--cells", "lstm", "--quiet", "--out",
                dir.resolve("cmp-c").toString());
        assertThat(cells.code()).isEqualTo(2);
        assertThat(cells.err()).contains("not --cells");
    }

    /**
     * Trial 75a F5: after {@code compare --cv} on one file and its units fixed as the data warning said, {@code train --config}
     * of the comparison's config.json with {@code --train} of the fixed file was refused, though a run's config.json takes it:
     * the winner's model on the fixed file meant typing the whole command line again. Now the same replacement as for a run's.
     */
    @Test
    void aComparisonsConfigTakesTheTrainingFileInPlaceOfItsOwn() throws Exception {
        Path cmp = dir.resolve("cv-cmp");
        Run compared = run("compare", "--dataset", "csv", "--train", data.resolve("train.csv").toString(), "--set",
                "sequenceId=id", "--set", "time=t", "--set", "label=label", "--cv", "3", "--cells", "rnn", "--seeds", "1",
                "--hidden", "3", "--epochs", "1", "--probe", "0", "--quiet", "--out", cmp.toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        Path upd = Files.createDirectories(dir.resolve("cv-fixed"));
        Files.writeString(upd.resolve("train.csv"), csv("s", 0, 24, 6));
        Path fin = dir.resolve("cv-final");
        Run trained = run("train", "--config", cmp.resolve("config.json").toString(), "--cell", "rnn", "--clip", "none", "--seed",
                "1", "--train", upd.resolve("train.csv").toString(), "--set", "testFraction=0", "--quiet", "--out", fin.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.err()).contains("train: --train " + upd.resolve("train.csv") + " replaces config.json's "
                + data.resolve("train.csv") + " (datasetOptions.file)").contains("a final fit (--set testFraction=0)");
        JsonNode options = Json.mapper().readTree(fin.resolve("config.json").toFile()).path("datasetOptions");
        assertThat(Path.of(java.net.URI.create(options.path("file").asText()))).isEqualTo(upd.resolve("train.csv"));
        // 18 of the fixed file's sequences (6 of x left out), not the 24 of the comparison's
        assertThat(Files.readAllLines(fin.resolve("splits.csv")).stream().skip(1).count()).isEqualTo(18);
        // a test file where the comparison had none: refused as for a run's config.json, nothing made
        Run test = run("train", "--config", cmp.resolve("config.json").toString(), "--test", data.resolve("test.csv").toString(),
                "--quiet", "--out", dir.resolve("cv-t").toString());
        assertThat(test.code()).isEqualTo(2);
        assertThat(test.err()).contains("the comparison of " + cmp.resolve("config.json") + " had no test file");
        assertThat(Files.exists(dir.resolve("cv-t"))).isFalse();
    }

    /**
     * Paths given with {@code ..} are recorded and said normalized (trial 74d F10: {@code --train ../data/month1.csv} from
     * runs/ was recorded as {@code /tmp/x/runs/../data/month1.csv} in config.json, and said so in the replay line and
     * repeat-of.json); a path through a symbolic link and {@code ..} stays as given, which is the file the system opens.
     */
    @Test
    void dataPathsGivenWithDotDotAreRecordedAndSaidNormalized() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Path dotted = runs.resolve("..").resolve("data").resolve("train.csv");
        Path out = runs.resolve("dotted-run");
        Run r = run("train", "--dataset", "csv", "--train", dotted.toString(), "--test", runs.resolve("../data/test.csv").toString(),
                "--set", "sequenceId=id", "--set", "time=t", "--set", "label=label", "--hidden", "3", "--epochs", "1", "--seed", "3",
                "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode options = Json.mapper().readTree(out.resolve("config.json").toFile()).path("datasetOptions");
        assertThat(options.path("file").asText()).doesNotContain("..");
        assertThat(Path.of(java.net.URI.create(options.path("file").asText()))).isEqualTo(data.resolve("train.csv"));
        assertThat(Path.of(java.net.URI.create(options.path("testFile").asText()))).isEqualTo(data.resolve("test.csv"));

        Path upd = Files.createDirectories(dir.resolve("dotted-data"));
        Files.writeString(upd.resolve("train.csv"), csv("s", 0, 24, 6));
        Path again = runs.resolve("dotted-again");
        Run replay = run("train", "--config", out.resolve("config.json").toString(), "--train",
                runs.resolve("../dotted-data/train.csv").toString(), "--quiet", "--out", again.toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.err()).contains("train: --train " + upd.resolve("train.csv") + " replaces config.json's "
                + data.resolve("train.csv") + " (datasetOptions.file)").doesNotContain("/../");
        assertThat(Path.of(java.net.URI.create(Json.mapper().readTree(again.resolve("config.json").toFile()).path("datasetOptions")
                .path("file").asText()))).isEqualTo(upd.resolve("train.csv"));
        assertThat(Json.mapper().readTree(again.resolve("repeat-of.json").toFile()).path("dataChange").asText())
                .contains("[" + upd.resolve("train.csv") + " (in place of " + data.resolve("train.csv") + ")]").doesNotContain("..");

        // link/../train.csv with link a symbolic link to data/nested: the file beside nested, not dir/train.csv
        Path nested = Files.createDirectories(data.resolve("nested"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), nested);
        Path throughLink = link.resolve("..").resolve("train.csv");
        assertThat(DatasetOptionsMixin.abs(throughLink)).isEqualTo(throughLink);
        assertThat(DatasetOptionsMixin.abs(dotted)).isEqualTo(data.resolve("train.csv"));
    }
}
