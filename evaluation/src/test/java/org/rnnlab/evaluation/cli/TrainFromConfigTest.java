package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/** {@code train --config}: a run's config.json trained again into a new folder gives the same numbers. */
class TrainFromConfigTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        ExampleArchive.write(dir, 4, 2, 1);
    }

    @Test
    void aComparisonsUnreadableConfigIsNamedWithWhatFinishesOrRepeatsIt() throws Exception {
        Path cmp = java.nio.file.Files.createDirectories(dir.resolve("cmp"));
        java.nio.file.Files.writeString(cmp.resolve("config.json"), "{\"dataset\": \"csv\", \"comparison\": {}}");
        Run partial = run("train", "--config", cmp.resolve("config.json").toString());
        assertThat(partial.code()).isEqualTo(2);
        assertThat(partial.err()).contains("a comparison's config.json that cannot be read");
        // a comparison of several runs: train names what picks one, and what repeats or finishes the comparison
        Path two = dir.resolve("two-cells");
        Run compared = compare(two, "--cells", "rnn,gru", "--seeds", "2");
        assertThat(compared.code()).as(compared.err()).isZero();
        Run unnamed = run("train", "--config", two.resolve("config.json").toString());
        assertThat(unnamed.code()).isEqualTo(2);
        assertThat(unnamed.err()).contains("name the run to train again with --cell (one of rnn, gru), --seed (3 to 4)")
                .contains("'rnnlab compare --config " + two.resolve("config.json") + "' compares again")
                .doesNotContain("--resume"); // finished: --resume answers "nothing to resume", so it is not offered (a user's try)
        Run wrongCell = run("train", "--config", two.resolve("config.json").toString(), "--cell", "lstm", "--seed", "3");
        assertThat(wrongCell.code()).isEqualTo(2);
        assertThat(wrongCell.err()).contains("--cell lstm: not a cell of the comparison");
        Run wrongSeed = run("train", "--config", two.resolve("config.json").toString(), "--cell", "gru", "--seed", "5");
        assertThat(wrongSeed.code()).isEqualTo(2);
        assertThat(wrongSeed.err()).contains("--seed 5: not a seed of the comparison", "(3 to 4)");
        Run other = run("train", "--config", two.resolve("config.json").toString(), "--cell", "gru", "--seed", "3", "--hidden", "9");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("is a comparison's config.json: train takes one of its runs with --cell, --clip and "
                + "--seed", "not --hidden");
    }

    @Test
    void aComparisonsRunIsTrainedAgainFromItsConfigJsonWithTheSameScores() throws Exception {
        Path cmp = dir.resolve("compared");
        Run compared = compare(cmp, "--cells", "rnn,gru", "--clip", "none,l2:1", "--seeds", "2");
        assertThat(compared.code()).as(compared.err()).isZero();
        JsonNode results = Json.mapper().readTree(cmp.resolve("results.json").toFile());
        JsonNode best = results.path("best");
        List<String> options = new ArrayList<>();
        best.path("trainOptions").forEach(o -> options.add(o.asText()));
        assertThat(options).hasSize(6);
        // what the best line prints is the command itself
        assertThat(compared.out()).contains("rnnlab train --config " + cmp.resolve("config.json") + " " + String.join(" ", options));

        for (String[] pick : List.of(options.toArray(String[]::new), new String[] {"--cell", "rnn", "--clip", "l2:1.0", "--seed", "4"})) {
            Path again = dir.resolve("again-" + String.join("", pick).replace(":", "").replace("-", ""));
            List<String> a = new ArrayList<>(List.of("train", "--config", cmp.resolve("config.json").toString(), "--out",
                    again.toString(), "--quiet"));
            a.addAll(List.of(pick));
            Run r = run(a.toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).contains("training again the comparison's run").doesNotContain("data differ");
            JsonNode trained = Json.mapper().readTree(again.resolve("results.json").toFile());
            JsonNode run = null;
            for (JsonNode x : results.path("runs")) {
                if (x.path("architecture").asText().equals(pick[1]) && x.path("clip").asText().equals(pick[3])
                        && x.path("seed").asLong() == Long.parseLong(pick[5])) {
                    run = x;
                }
            }
            assertThat(run).as("run %s %s seed %s", pick[1], pick[3], pick[5]).isNotNull();
            assertThat(trained.path("test").path("metrics").path("ACCURACY").isNumber()).as(trained.toString()).isTrue();
            assertThat(trained.path("test").path("metrics")).isEqualTo(run.path("test").path("metrics"));
            assertThat(trained.path("history").get(1).path("trainLoss").asDouble())
                    .isEqualTo(run.path("history").get(1).path("trainLoss").asDouble());
            assertThat(trained.path("test").path("confusion")).isEqualTo(run.path("test").path("confusion"));
            // its own config.json is a train run's: trained again from it, the same again
            JsonNode config = Json.mapper().readTree(again.resolve("config.json").toFile());
            assertThat(config.path("spec").path("cell").asText()).isEqualTo(pick[1].toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static Run compare(Path out, String... options) throws Exception {
        List<String> a = new ArrayList<>(List.of("compare", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(),
                "--test", dir.resolve("TEST.csv").toString(), "--hidden", "5", "--epochs", "2", "--seed", "3", "--probe", "0",
                "--quiet", "--out", out.toString()));
        a.addAll(List.of(OwnDataEndToEndTest.COLUMNS));
        a.addAll(List.of(options));
        return run(a.toArray(String[]::new));
    }

    @Test
    void aRunKilledBeforeItsConfigJsonIsNamedAsSuchOnResume() throws Exception {
        // killed while reading its data: the folder holds only rnnlab's marker (a user was asked "is it a run folder?")
        Path killed = java.nio.file.Files.createDirectories(dir.resolve("killed"));
        java.nio.file.Files.writeString(killed.resolve(org.rnnlab.core.AtomicFiles.RUN_MARKER), "");
        Run r = run("train", "--resume", killed.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("stopped before it wrote its config.json", "--out " + killed + " --overwrite");
    }

    @Test
    void aRunTrainedAgainFromItsConfigJsonGivesTheSameNumbers() throws Exception {
        Path first = dir.resolve("first");
        List<String> a = new ArrayList<>(List.of("train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(),
                "--test", dir.resolve("TEST.csv").toString(), "--hidden", "6", "--epochs", "3", "--seed", "7", "--quiet",
                "--out", first.toString()));
        a.addAll(List.of(OwnDataEndToEndTest.COLUMNS));
        Run r = run(a.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();

        Path again = dir.resolve("again");
        // given through "..": named normalised, as repeat-of.json names it (trial 78j F1)
        Run c = run("train", "--config", first.resolve("..").resolve("first").resolve("config.json").toString(), "--out",
                again.toString(), "--quiet");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.err()).contains("training again what " + first.resolve("config.json").toAbsolutePath().normalize()
                + " describes").doesNotContain("time budget").doesNotContain("data differ");
        // and says at the end whether it repeated the run, as repeat-of.json does (trial 78j F2)
        assertThat(c.err()).contains("train: a repeat of the run of " + first.resolve("config.json").toAbsolutePath().normalize()
                + " (same data, same settings): " + again.resolve("repeat-of.json") + " \"repeat\": true");
        JsonNode repeat = Json.mapper().readTree(again.resolve("repeat-of.json").toFile());
        assertThat(repeat.get("sameData").asBoolean()).isTrue();
        assertThat(repeat.get("config").asText()).isEqualTo(first.resolve("config.json").toAbsolutePath().normalize().toString());
        assertThat(repeat.get("checksumNow").asText()).isEqualTo(repeat.get("checksumThen").asText());
        JsonNode one = Json.mapper().readTree(first.resolve("results.json").toFile());
        JsonNode two = Json.mapper().readTree(again.resolve("results.json").toFile());
        assertThat(two.path("history").size()).isEqualTo(3);
        for (int e = 0; e < 3; e++) {
            assertThat(two.path("history").get(e).path("trainLoss").asDouble())
                    .isEqualTo(one.path("history").get(e).path("trainLoss").asDouble());
        }
        assertThat(two.path("test").path("metrics")).isEqualTo(one.path("test").path("metrics"));
        assertThat(two.path("test").path("confusion")).isEqualTo(one.path("test").path("confusion"));

        // --overwrite never empties the folder its --config comes from (a trial's run rewrote itself from its own config.json)
        String before = java.nio.file.Files.readString(again.resolve("results.json"));
        Run self = run("train", "--config", again.resolve("config.json").toString(), "--out", again.toString(), "--overwrite", "--quiet");
        assertThat(self.code()).as(self.err()).isEqualTo(2);
        assertThat(self.err()).contains(again.resolve("config.json").getFileName().toString());
        assertThat(java.nio.file.Files.readString(again.resolve("results.json"))).isEqualTo(before);

        // a run made with --threads 2 is trained again with 2 threads unless --threads says otherwise (it took 1, unlike compare)
        Path two2 = java.nio.file.Files.createDirectories(dir.resolve("t2"));
        String recorded = java.nio.file.Files.readString(first.resolve("config.json"));
        assertThat(recorded).contains("\"threads\" : 1");
        java.nio.file.Files.writeString(two2.resolve("config.json"), recorded.replace("\"threads\" : 1", "\"threads\" : 2"));
        Run withTwo = run("train", "--config", two2.resolve("config.json").toString(), "--out", dir.resolve("t2run").toString(), "--quiet");
        assertThat(withTwo.code()).as(withTwo.err()).isZero();
        assertThat(withTwo.err()).contains("with the run's own --threads 2");
        assertThat(Json.mapper().readTree(dir.resolve("t2run/config.json").toFile()).path("threads").asInt()).isEqualTo(2);
        Run oneAnyway = run("train", "--config", two2.resolve("config.json").toString(), "--threads", "1", "--out",
                dir.resolve("t1run").toString(), "--quiet");
        assertThat(oneAnyway.code()).as(oneAnyway.err()).isZero();
        assertThat(oneAnyway.err()).contains("recorded --threads 2, this run uses 1");

        Run extra = run("train", "--config", first.resolve("config.json").toString(), "--epochs", "5", "--out",
                dir.resolve("x").toString());
        assertThat(extra.code()).isEqualTo(2);
        assertThat(extra.err()).contains("--config trains what the config.json describes: --epochs cannot be given with it");
        // a time budget stops where this machine's speed says: retraining it is warned of (a user's try stopped at epoch 7, not 16)
        Path budgeted = dir.resolve("budgeted");
        List<String> b = new ArrayList<>(a);
        b.set(b.indexOf(first.toString()), budgeted.toString());
        b.addAll(List.of("--time-budget", "600s"));
        assertThat(run(b.toArray(String[]::new)).code()).isZero();
        Run budgetAgain = run("train", "--config", budgeted.resolve("config.json").toString(), "--out", dir.resolve("b2").toString(),
                "--quiet");
        assertThat(budgetAgain.code()).as(budgetAgain.err()).isZero();
        assertThat(budgetAgain.err()).contains("has a time budget of 600 s: the epoch it stops after depends on this machine's speed");
        Run missing = run("train", "--config", dir.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json: no such file");
        // a comparison on these data, to run again after they change (below)
        List<String> cmp = new ArrayList<>(List.of("compare", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(),
                "--test", dir.resolve("TEST.csv").toString(), "--cells", "rnn", "--seeds", "1", "--hidden", "3", "--epochs", "1",
                "--probe", "0", "--quiet", "--out", dir.resolve("cmp1").toString()));
        cmp.addAll(List.of(OwnDataEndToEndTest.COLUMNS));
        Run compared = run(cmp.toArray(String[]::new));
        assertThat(compared.code()).as(compared.err()).isZero();
        // data changed since the run: said, since the new run cannot repeat it (a user's try: a different model, unsaid)
        List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(dir.resolve("TRAIN.csv")));
        String[] cells = lines.get(1).split(",", -1);
        cells[2] = String.valueOf(Double.parseDouble(cells[2]) + 1.5);
        lines.set(1, String.join(",", cells));
        java.nio.file.Files.write(dir.resolve("TRAIN.csv"), lines);
        Run changed = run("train", "--config", first.resolve("config.json").toString(), "--out", dir.resolve("c2").toString(),
                "--quiet");
        assertThat(changed.code()).as(changed.err()).isZero();
        assertThat(changed.err()).contains("warning: the data differ from those").contains("TRAIN.csv")
                .contains("does not repeat that run");
        JsonNode notRepeat = Json.mapper().readTree(dir.resolve("c2/repeat-of.json").toFile());
        assertThat(notRepeat.get("sameData").asBoolean(true)).isFalse();
        assertThat(notRepeat.get("dataChange").asText()).contains("TRAIN.csv");
        assertThat(notRepeat.get("checksumThen").asText()).isNotEqualTo(notRepeat.get("checksumNow").asText());
        assertThat(java.nio.file.Files.readString(dir.resolve("c2/data-warnings.txt"))).contains("does not repeat that run");

        // compare --config on the changed data re-ran without a word, exit 0 (a user's trial): warned of and recorded alike
        Run comparedAgain = run("compare", "--config", dir.resolve("cmp1/config.json").toString(), "--quiet", "--out",
                dir.resolve("cmp2").toString());
        assertThat(comparedAgain.code()).as(comparedAgain.err()).isZero();
        assertThat(comparedAgain.err()).contains("compare: warning: the data differ from those " + dir.resolve("cmp1/config.json")
                .toAbsolutePath().normalize() + " was compared on (").contains("TRAIN.csv").contains("does not repeat that comparison");
        JsonNode cmpRepeat = Json.mapper().readTree(dir.resolve("cmp2/repeat-of.json").toFile());
        assertThat(cmpRepeat.get("sameData").asBoolean(true)).isFalse();
        assertThat(cmpRepeat.get("dataChange").asText()).contains("TRAIN.csv");
        assertThat(java.nio.file.Files.readString(dir.resolve("cmp2/index.html"))).contains("does not repeat that comparison");
    }

    @Test
    void aWindowsPathInAConfigIsNamedWithItsField() throws Exception {
        // a user's config.json written on Windows was "not the config.json of a 'rnnlab train' run (... Illegal character in
        // opaque part at index 2 ...)"
        String train = "{\"dataset\": \"csv\", \"datasetOptions\": {\"file\": \"C:\\\\Users\\\\anna\\\\train.csv\", "
                + "\"seed\": 42}, \"threads\": 1}";
        Path cfg = dir.resolve("win.json");
        java.nio.file.Files.writeString(cfg, train);
        String expected = "--config " + cfg + ": field datasetOptions.file holds the Windows path 'C:\\Users\\anna\\train.csv', "
                + "which cannot be read on this system (a config.json written on Windows): write the path of that file on this "
                + "system in the field (folders separated by '/')";
        Run trained = run("train", "--config", cfg.toString());
        assertThat(trained.code()).isEqualTo(2);
        assertThat(trained.err()).contains(expected).doesNotContain("opaque");
        Path cmp = dir.resolve("win-compare.json");
        java.nio.file.Files.writeString(cmp, train.replace("\"threads\": 1", "\"comparison\": {}"));
        Run compared = run("compare", "--config", cmp.toString());
        assertThat(compared.code()).isEqualTo(2);
        assertThat(compared.err()).contains("field datasetOptions.file holds the Windows path").doesNotContain("opaque");
    }
}
