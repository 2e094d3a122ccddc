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
import org.rnnlab.evaluation.compare.ComparisonFiles;

/**
 * A comparison with a {@code --time-budget}: each run records how it ended and how many epochs it trained, the best line
 * does not promise that train repeats its scores, and {@code compare --config} and {@code --resume} warn that the runs may
 * stop at other epochs (a user's {@code compare --config} of a 2 s comparison gave 0.9450 where it had 0.8750, without a
 * word, its repeat-of.json saying only "sameData": true).
 */
class CompareTimeBudgetTest {

    private static final String[] DATA = {"--bands", "none", "--set", "trainSize=120", "--set", "validationSize=40", "--set",
        "testSize=60", "--set", "maxDistance=6", "--hidden", "4", "--probe", "0", "--quiet"};

    @Test
    void runsRecordTheirStopAndReplaysWarnOfTheTimeBudget(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("tb");
        // a budget of a millisecond: every run stops after its first epoch of 3
        Run run = run(TrainEvaluatePredictTest.concat(new String[] {"compare", "--cells", "gru", "--seeds", "2", "--epochs", "3",
            "--patience", "0", "--time-budget", "0.001s", "--out", first.toString()}, DATA));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("time budget of"); // a new comparison is not a replay
        JsonNode results = Json.mapper().readTree(first.resolve("results.json").toFile());
        assertThat(results.get("runs")).hasSize(2);
        for (JsonNode r : results.get("runs")) {
            assertThat(r.get("stoppedBy").asText()).isEqualTo("time budget");
            assertThat(r.get("epochsTrained").asInt()).isEqualTo(1);
        }
        List<String> csv = Files.readAllLines(first.resolve("results.csv"));
        assertThat(csv.get(0)).isEqualTo(ComparisonFiles.CSV_HEADER).endsWith(",epochs_trained,stopped_by,validation_accuracy,"
                + "validation_macro_f1,macro_roc_auc,macro_average_precision,cohen_kappa,validation_log_loss,validation_roc_auc,"
                + "validation_average_precision,log_loss,average_precision,test_groups,macro_f1_present_or_predicted,layers,hidden,learning_rate,dropout,head,residual");
        assertThat(csv.subList(1, csv.size())).allSatisfy(l -> assertThat(l).contains(",1,time budget,"));
        // the best line no longer promises the same test scores
        assertThat(run.out()).contains("to keep a model: compare saves none; best: gru")
                .contains("trains its run of seed").contains("again, the comparison's test scores")
                .contains("but not surely with the same scores: the comparison's --time-budget 0.001 s stopped this run after 1 "
                        + "epochs, and the epoch a run stops after depends on the machine's speed and load")
                .doesNotContain("the same test scores");
        assertThat(results.at("/best/note").asText()).contains("not surely with the same test scores")
                .contains("--time-budget 0.001 s stopped this run after 1 epochs");
        assertThat(Files.readString(first.resolve("index.html"))).contains("not surely with the same scores");

        // compare --config: said on standard error and at the top of the report, as train --config says it
        Path again = dir.resolve("again");
        Run replay = run("compare", "--config", first.resolve("config.json").toString(), "--quiet", "--out", again.toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        String warning = "has a time budget of 0.001 s: the epoch each run stops after depends on this machine's speed and load, "
                + "so the results may differ from the comparison's (the same only for runs that stopped by --epochs or early "
                + "stopping first; results.csv's stopped_by says which)";
        assertThat(replay.err()).contains("compare: warning: " + first.resolve("config.json") + " " + warning);
        assertThat(Files.readString(again.resolve("data-warnings.txt"))).contains(warning);
        assertThat(Files.readString(again.resolve("index.html"))).contains("has a time budget of 0.001 s");
        assertThat(Json.mapper().readTree(again.resolve("repeat-of.json").toFile()).get("sameData").asBoolean()).isTrue();

        // compare --resume of the comparison with a run missing: said once, kept once however often it is resumed
        Files.delete(first.resolve("runs").resolve("gru-seed2.json"));
        Run resumed = run("compare", "--resume", first.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("compare: warning: the comparison has a time budget of 0.001 s: the epoch each run stops "
                + "after depends on this machine's speed and load, so the results may differ from what the runs would have given "
                + "uninterrupted");
        Files.delete(first.resolve("runs").resolve("gru-seed2.json"));
        assertThat(run("compare", "--resume", first.toString(), "--quiet").code()).isZero();
        assertThat(Files.readAllLines(first.resolve("data-warnings.txt")).stream().filter(l -> l.contains("time budget of")))
                .hasSize(1);
        assertThat(Files.readString(first.resolve("index.html"))).contains("the comparison has a time budget of 0.001 s");
    }

    @Test
    void withoutATimeBudgetTheBestLinePromisesTheSameScoresAndRunsSayTheyRanEveryEpoch(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("plain");
        Run run = run(TrainEvaluatePredictTest.concat(new String[] {"compare", "--cells", "gru", "--seeds", "1", "--epochs", "2",
            "--patience", "0", "--layers", "2", "--residual", "--head", "attention", "--updater", "rmsprop", "--dropout", "0.3",
            "--lr", "0.005", "--weight-decay", "1e-3", "--lr-schedule", "step:1:0.5", "--batch", "16", "--out", out.toString()},
            DATA));
        assertThat(run.code()).as(run.err()).isZero();
        // every setting that changes the runs, on the terminal and in the report (weight decay and schedule were left out)
        String settings = "2 recurrent layers of 4 units with skip connections, attention head, dropout 0.3, rmsprop at lr 0.005 "
                + "times 0.5 every 1 epoch, weight decay 0.001, minibatches of 16";
        assertThat(run.err()).contains("compare: every configuration: an embedding of 32, then " + settings + "; up to 2 epochs\n");
        assertThat(Files.readString(out.resolve("index.html"))).contains("Every configuration: an embedding of 32, then " + settings
                + ".</p>");
        assertThat(run.out()).contains("again, the same test scores").doesNotContain("not surely");
        JsonNode r = Json.mapper().readTree(out.resolve("results.json").toFile()).get("runs").get(0);
        assertThat(r.get("stoppedBy").asText()).isEqualTo("epochs");
        assertThat(r.get("epochsTrained").asInt()).isEqualTo(2);
        assertThat(Files.readAllLines(out.resolve("results.csv")).get(1)).contains(",2,epochs,");
        Run replay = run("compare", "--config", out.resolve("config.json").toString(), "--quiet", "--out",
                dir.resolve("again").toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.err()).doesNotContain("time budget");
    }
}
