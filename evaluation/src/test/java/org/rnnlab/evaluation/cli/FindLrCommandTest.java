package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.training.LearningRateSweep;

class FindLrCommandTest {
    private static final String[] ORDER = {"train", "--dataset", "temporal-order", "--set", "trainSize=60", "--set", "validationSize=20",
        "--set", "testSize=20", "--hidden", "8", "--batch", "16", "--quiet"};

    @Test
    void findLrWritesTheSweepAndSuggestsARate(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("lr");
        Run r = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(ORDER, "--find-lr", "--find-lr-steps", "25",
                "--find-lr-range", "1e-4:1", "--out", runDir.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : List.of("lr-find.csv", "lr-find.json", "lr-find.png", "config.json", "provenance.json")) {
            assertThat(runDir.resolve(f)).as(f).isRegularFile();
        }
        assertThat(runDir.resolve("model.rnnlab")).doesNotExist();
        // the sweep is no training run: no epoch budget or early-stopping note (a user's try found one)
        assertThat(r.err()).contains("train --find-lr: ").doesNotContain("epochs").doesNotContain("early stopping");
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.mapper().readTree(runDir.resolve("lr-find.json").toFile());
        // the sweep's own options are there too (config.json holds the model's and data's): it can be run again
        assertThat(json.at("/range/steps").asInt()).isEqualTo(25);
        assertThat(json.at("/range/min").asDouble()).isEqualTo(1e-4);
        assertThat(json.at("/range/max").asDouble()).isEqualTo(1.0);
        assertThat(json.path("again").asText()).startsWith("rnnlab train --find-lr --find-lr-steps 25 --find-lr-range 0.0001:1.0");
        json.remove(List.of("range", "again"));
        LearningRateSweep sweep = Json.mapper().treeToValue(json, LearningRateSweep.class);
        List<String> csv = Files.readAllLines(runDir.resolve("lr-find.csv"));
        assertThat(csv.get(0)).isEqualTo("rate,loss,smoothed");
        assertThat(csv).hasSize(sweep.rates().size() + 1);
        assertThat(sweep.rates().get(0)).isEqualTo(1e-4);
        assertThat(sweep.suggested()).isBetween(1e-5, 1.0);
        assertThat(r.out()).contains("train --find-lr: suggested learning rate " + String.format(java.util.Locale.ROOT, "%.1e",
                sweep.suggested()) + " (" + sweep.reason() + "); loss vs rate: " + runDir.toAbsolutePath().resolve("lr-find.png"));
        String next = r.out().lines().filter(l -> l.startsWith("train with it: ")).findFirst().orElseThrow();
        assertThat(next).startsWith("train with it: rnnlab train --dataset temporal-order").endsWith("--lr "
                + String.format(java.util.Locale.ROOT, "%.1e", sweep.suggested())).doesNotContain("--find-lr").doesNotContain("--out");
        Files.copy(runDir.resolve("lr-find.png"), Path.of("target", "lr-find-example.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // --resume of the finished sweep's folder trained a full model into it and called the sweep a crashed run (a user's
        // try): refused as a usage error that says what to do instead, and nothing is written
        List<String> before;
        try (var files = Files.list(runDir)) {
            before = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Run resumed = TrainEvaluatePredictTest.run("train", "--resume", runDir.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isEqualTo(2);
        assertThat(resumed.err()).contains("it is the folder of a learning-rate sweep (train --find-lr), finished (lr-find.json is "
                + "there, suggesting --lr " + String.format(java.util.Locale.ROOT, "%.1e", sweep.suggested()) + ")")
                .contains("nothing to resume").contains("rnnlab train --dataset temporal-order").contains("--out NEW_DIR")
                .doesNotContain("no checkpoint yet");
        assertThat(runDir.resolve("model.rnnlab")).doesNotExist();
        assertThat(runDir.resolve("checkpoints")).doesNotExist();
        try (var files = Files.list(runDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(before);
        }
        // --config of the sweep's folder trains a model with its settings and says it does not sweep again (a user's try)
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.mapper().readTree(runDir.resolve("config.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) config.get("training")).put("epochs", 1); // quick
        Files.writeString(runDir.resolve("config.json"), Json.write(config));
        Run again = TrainEvaluatePredictTest.run("train", "--config", runDir.resolve("config.json").toString(), "--quiet", "--out",
                dir.resolve("again").toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("is the config.json of a learning-rate sweep (lr-find.json beside it)")
                .contains("it does not sweep again");
    }

    @Test
    void aBadRangeIsAUsageErrorNamingTheOption(@TempDir Path dir) {
        Run r = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(ORDER, "--find-lr", "--find-lr-range", "1:0.1",
                "--out", dir.resolve("x").toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--find-lr-range");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void trainingOnlyOptionsAreAUsageError(@TempDir Path dir) {
        Run r = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(ORDER, "--find-lr", "--checkpoint-every", "5",
                "--epochs", "3", "--out", dir.resolve("x").toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--checkpoint-every").contains("--epochs").contains("cannot be given with it");
        Run steps = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(ORDER, "--find-lr-steps", "10"));
        assertThat(steps.code()).isEqualTo(2);
        assertThat(steps.err()).contains("--find-lr");
    }

    @Test
    void theNextTrainingCommandDropsTheSweepOptions() {
        assertThat(TrainCommand.trainCommand(List.of("rnnlab", "train", "--dataset", "x", "--find-lr", "--find-lr-range=1e-4:1",
                "--find-lr-steps", "20", "--out", "d", "--overwrite", "--hidden", "8"), "3.2e-03"))
                .containsExactly("rnnlab", "train", "--dataset", "x", "--hidden", "8", "--lr", "3.2e-03");
    }
}
