package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/**
 * Trial 80b: an auditor replays a run from its config.json and provenance.json alone. A replay ({@code train --config}) or a
 * resume ({@code train --resume}) under another rnnlab commit, rnnlab version or DL4J version said nothing (F1); the
 * data-changed message of a config.json copied without dataset-provenance.json did not say what was unknown, and a script could
 * not make a non-repeat fail (F3); the refusal of a missing data file did not say whether a plain path may be written where
 * config.json holds a file: URI (F4).
 */
class ReplayCodeCheckTest {

    private static final String OLDER_COMMIT = "a5061b26e81ff24d31e43a6d695640dec4b5428e";

    /** 40 sequences of 8 patients, 2 features, 2 classes; deterministic. */
    private static Path data(Path file) throws Exception {
        StringBuilder csv = new StringBuilder("seq,t,patient,hr,spo2,label\n");
        java.util.Random random = new java.util.Random(11);
        for (int s = 0; s < 40; s++) {
            String label = s % 2 == 0 ? "normal" : "arrhythmia";
            for (int t = 0; t < 6; t++) {
                csv.append(String.format(Locale.ROOT, "S%03d,%d,P%02d,%.4f,%.4f,%s%n", s, t, s / 5,
                        (s % 2 == 0 ? 70 : 110) + random.nextGaussian() * 5, 97 + random.nextGaussian(), label));
            }
        }
        Files.writeString(file, csv);
        return file;
    }

    /** {@code from}'s provenance.json written into {@code to} as an older rnnlab would have written it. */
    private static void asOlderRnnlab(Path from, Path to) throws Exception {
        ObjectNode provenance = (ObjectNode) Json.mapper().readTree(from.resolve("provenance.json").toFile());
        provenance.put("gitCommit", OLDER_COMMIT);
        provenance.put("rnnlabVersion", "0.0.9");
        provenance.put("dl4jVersion", "1.0.0-M2");
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(to.resolve("provenance.json").toFile(), provenance);
    }

    @Test
    void aReplayOrResumeUnderOtherCodeSaysSoAndAScriptCanRequireARepeat(@TempDir Path dir) throws Exception {
        Path csv = data(dir.resolve("ecg.csv"));
        Path run = dir.resolve("A");
        String[] data = {"--dataset", "csv", "--train", csv.toString(), "--set", "sequenceId=seq", "--set", "time=t", "--set",
                "label=label", "--set", "group=patient"};
        TrainEvaluatePredictTest.Run first = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(
                TrainEvaluatePredictTest.concat(new String[] {"train"}, data), "--cell", "rnn", "--hidden", "4", "--epochs", "2",
                "--seed", "7", "--quiet", "--out", run.toString()));
        assertThat(first.code()).as(first.err()).isZero();

        // F1 and F4: config.json + provenance.json of an older rnnlab, the data moved and written as a plain path
        Path audit = Files.createDirectories(dir.resolve("audit"));
        Path moved = Files.createDirectories(dir.resolve("moved")).resolve("ecg.csv");
        Files.copy(csv, moved);
        ObjectNode config = (ObjectNode) Json.mapper().readTree(run.resolve("config.json").toFile());
        assertThat(config.path("datasetOptions").path("file").asText()).startsWith("file:");
        ((ObjectNode) config.path("datasetOptions")).put("file", moved.toString());
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(audit.resolve("config.json").toFile(), config);
        asOlderRnnlab(run, audit);
        Path replay = dir.resolve("R");
        TrainEvaluatePredictTest.Run again = TrainEvaluatePredictTest.run("train", "--config", audit.resolve("config.json").toString(),
                "--quiet", "--out", replay.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("train: warning: this run runs other code than the run of " + audit.resolve("config.json")
                + " (rnnlab commit " + OLDER_COMMIT + " -> ", "rnnlab version 0.0.9 -> ", "DL4J version 1.0.0-M2 -> ",
                "repeat-of.json: \"sameCode\": false, \"codeChange\")");
        JsonNode repeat = Json.mapper().readTree(replay.resolve("repeat-of.json").toFile());
        assertThat(repeat.path("sameData").asBoolean()).isTrue();
        assertThat(repeat.path("repeat").asBoolean()).as("repeat: same data, same settings").isTrue();
        assertThat(repeat.path("sameCode").isBoolean() && !repeat.path("sameCode").asBoolean()).as(repeat.toString()).isTrue();
        assertThat(repeat.path("codeChange").asText()).startsWith("rnnlab commit " + OLDER_COMMIT + " -> ")
                .contains("; rnnlab version 0.0.9 -> ", "; DL4J version 1.0.0-M2 -> ");
        assertThat(Files.readString(replay.resolve("data-warnings.txt"))).contains("this run runs other code than the run of");
        assertThat(again.err()).contains("(same data, same settings; other code: rnnlab commit " + OLDER_COMMIT + " -> ")
                .contains("\"repeat\": true, \"sameCode\": false");

        // F3: changed data and no dataset-provenance.json beside the copy: which file changed cannot be told, and says how
        Files.writeString(moved, Files.readString(moved).replaceFirst("\nS000,0,P00,", "\nS000,0,P00,1"));
        Path refused = dir.resolve("R2");
        TrainEvaluatePredictTest.Run gate = TrainEvaluatePredictTest.run("train", "--config", audit.resolve("config.json").toString(),
                "--require-repeat", "--quiet", "--out", refused.toString());
        assertThat(gate.code()).as(gate.err()).isEqualTo(TrainCommand.EXIT_NOT_A_REPEAT);
        assertThat(gate.err()).contains("the files or settings differ: the dataset checksum in provenance.json is another; which "
                + "file or setting changed cannot be told without the run's dataset-provenance.json, which holds each file's "
                + "SHA-256 and the settings: copy it beside the config.json")
                .contains("rnnlab train: --require-repeat: this run would not repeat the run of " + audit.resolve("config.json")
                        + " (the data differ: ")
                .contains("nothing trained, no run folder written");
        assertThat(refused).doesNotExist();
        // with the run's dataset-provenance.json beside it, the changed file is named
        Files.copy(run.resolve("dataset-provenance.json"), audit.resolve("dataset-provenance.json"));
        TrainEvaluatePredictTest.Run named = TrainEvaluatePredictTest.run("train", "--config", audit.resolve("config.json").toString(),
                "--require-repeat", "--quiet", "--out", refused.toString());
        assertThat(named.code()).as(named.err()).isEqualTo(TrainCommand.EXIT_NOT_A_REPEAT);
        assertThat(named.err()).contains("changed since (content): [" + moved + " (in place of ");
        TrainEvaluatePredictTest.Run alone = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(
                TrainEvaluatePredictTest.concat(new String[] {"train"}, data), "--require-repeat", "--out", refused.toString()));
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.err()).contains("--require-repeat checks that a --config replay repeats its run");

        // F4: a missing file's refusal says a plain path may be written in place of the file: URI
        Files.delete(moved);
        TrainEvaluatePredictTest.Run missing = TrainEvaluatePredictTest.run("train", "--config", audit.resolve("config.json").toString(),
                "--quiet", "--out", refused.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("its datasetOptions.file, " + moved + ", does not exist")
                .contains("a plain absolute path or a file: URI, as config.json writes them");

        // F1, resume: a run started under an older rnnlab and resumed by this one says so, and keeps the warning
        Files.delete(run.resolve("model.rnnlab"));
        Files.delete(run.resolve("results.json"));
        asOlderRnnlab(run, run);
        TrainEvaluatePredictTest.Run resumed = TrainEvaluatePredictTest.run("train", "--resume", run.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        String said = "resuming under rnnlab ";
        String log = resumed.err() + Files.readString(run.resolve("data-warnings.txt"));
        assertThat(Files.readString(run.resolve("data-warnings.txt"))).as(log).contains(said, "where the run started under 0.0.9 (commit "
                + OLDER_COMMIT + ", DL4J 1.0.0-M2): the epochs trained now come from other code than the earlier ones (rnnlab commit "
                + OLDER_COMMIT + " -> ");
    }
}
