package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/**
 * Trial 76c F1: a stacked GRU could not be compared with the one-layer GRU in one compare ({@code --layers 1,2} was "not an
 * int"), and a separate {@code --layers 2} comparison named its GRU {@code gru} as the one-layer comparison did, in every
 * output. Now {@code --layers} takes a list, crossed with the cells and clip settings on the same seeds and split, and a depth
 * other than 1 is in the configuration's name everywhere, with layers and hidden columns in summary.csv and results.csv.
 */
class CompareDepthsTest {

    private static TrainEvaluatePredictTest.Run run(String... args) {
        return TrainEvaluatePredictTest.run(args);
    }

    @Test
    void depthsAreComparedSideBySideAndNamedInEveryOutput(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        TrainEvaluatePredictTest.Run r = run(prepend("compare", TrainEvaluatePredictTest.concat(TrainEvaluatePredictTest.AGREEMENT,
                "--bands", "none", "--cells", "gru", "--layers", "1,2", "--clip", "none,l2:1.0", "--seeds", "2", "--hidden", "4",
                "--epochs", "1", "--probe", "4", "--quiet", "--out", out.toString())));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("compare: 8 runs ([gru] x layers [1, 2] x clip [none, l2:1.0] x 2 seeds)")
                .contains("1 or 2 recurrent layers of 4 units (the depth by configuration)");
        List<String> names = List.of("gru", "gru clip=l2:1.0", "gru x2", "gru x2 clip=l2:1.0");
        for (String name : names) {
            assertThat(r.out()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(name) + "\\s+2\\s");
        }
        // paired on the same seeds: the depths' difference is among the paired ones
        assertThat(r.out()).containsPattern("gru\\s+- gru x2\\s+[+-]\\d");

        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        List<String> header = List.of(summary.get(0).split(","));
        assertThat(header).endsWith("layers", "hidden");
        assertThat(summary.subList(1, summary.size())).extracting(l -> l.substring(0, l.indexOf(',') < 0 ? l.length() : l.indexOf(',')))
                .containsExactly("gru", "gru clip=l2:1.0", "gru x2", "gru x2 clip=l2:1.0");
        for (String row : summary.subList(1, summary.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells).hasSize(header.size());
            assertThat(cells[header.indexOf("layers")]).as(row).isEqualTo(row.startsWith("gru x2") ? "2" : "1");
            assertThat(cells[header.indexOf("hidden")]).as(row).isEqualTo("4");
        }
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        List<String> resultsHeader = List.of(results.get(0).split(","));
        assertThat(resultsHeader).endsWith("layers", "hidden", "learning_rate", "dropout", "head", "residual");
        assertThat(results).hasSize(1 + 8);
        // architecture is the cell at any depth, as clip is a column of its own: the configuration names the combination
        for (String row : results.subList(1, results.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells[resultsHeader.indexOf("architecture")]).as(row).isEqualTo("gru");
            assertThat(cells[resultsHeader.indexOf("layers")]).as(row).isEqualTo(cells[0].startsWith("gru x2") ? "2" : "1");
        }
        JsonNode json = Json.mapper().readTree(out.resolve("results.json").toFile());
        assertThat(json.at("/config/layers").toString()).isEqualTo("[1,2]");
        java.util.Map<String, Long> parameters = new java.util.HashMap<>();
        json.at("/runs").forEach(run -> parameters.put(run.at("/configuration").asText(), run.at("/parameters").asLong()));
        assertThat(parameters.keySet()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(parameters.get("gru x2")).isGreaterThan(parameters.get("gru")); // the second layer is really there
        assertThat(Files.readString(out.resolve("summary.md"))).contains("| gru x2 | 2 |");
        assertThat(out.resolve("runs/gru_x2-seed1.json")).exists();
        assertThat(out.resolve("runs/gru_x2_clip=l2_1.0-seed2.json")).exists();
        assertThat(Files.readString(out.resolve("index.html"))).contains("gru x2 clip=l2:1.0");

        // the run of a depth is trained again from config.json with --layers, with the comparison's test scores
        Path config = out.resolve("config.json");
        TrainEvaluatePredictTest.Run missing = run("train", "--config", config.toString(), "--cell", "gru", "--clip", "none",
                "--seed", "2", "--quiet", "--out", dir.resolve("t0").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("name the run to train again with --layers (one of 1, 2)");
        TrainEvaluatePredictTest.Run other = run("train", "--config", config.toString(), "--cell", "gru", "--clip", "none",
                "--seed", "2", "--layers", "3", "--quiet", "--out", dir.resolve("t3").toString());
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("--layers 3: not a depth of the comparison in").contains("(1, 2)");
        Path again = dir.resolve("t2");
        TrainEvaluatePredictTest.Run trained = run("train", "--config", config.toString(), "--cell", "gru", "--clip", "none",
                "--seed", "2", "--layers", "2", "--quiet", "--out", again.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.err()).contains("training again the comparison's run gru x2 seed 2");
        // trial 76g F6: the model's own name beside the comparison's (two names of one configuration, said as one)
        assertThat(trained.err()).containsPattern("(?m)^train: gru-4x2\\S* \\(the comparison's gru x2\\) on ");
        JsonNode kept = Json.mapper().readTree(out.resolve("runs/gru_x2-seed2.json").toFile());
        JsonNode repeated = Json.mapper().readTree(again.resolve("results.json").toFile());
        assertThat(repeated.at("/test/metrics/ACCURACY").asDouble()).isEqualTo(kept.at("/test/metrics/ACCURACY").asDouble());
        assertThat(Json.mapper().readTree(again.resolve("config.json").toFile()).at("/spec/hiddenSizes").toString()).isEqualTo("[4,4]");
    }

    @Test
    void oneDepthKeepsItsRunsAndTrainTakesOneNumber(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        TrainEvaluatePredictTest.Run r = run(prepend("compare", TrainEvaluatePredictTest.concat(TrainEvaluatePredictTest.AGREEMENT,
                "--bands", "none", "--cells", "gru", "--layers", "2", "--seeds", "1", "--hidden", "4", "--epochs", "1", "--probe",
                "0", "--quiet", "--out", out.toString())));
        assertThat(r.code()).as(r.err()).isZero();
        // named with its depth (trial 76c: a 2-layer comparison's gru read as the 1-layer one's); one configuration, as before
        assertThat(r.err()).contains("compare: 1 runs ([gru] x clip [none] x 1 seeds)").contains("2 recurrent layers of 4 units");
        assertThat(r.out()).containsPattern("(?m)^gru x2\\s+1\\s");
        assertThat(Files.readAllLines(out.resolve("summary.csv")).get(1)).startsWith("gru x2,").endsWith(",2,4");
        // the run's config: --config without --layers (one depth: nothing to choose)
        TrainEvaluatePredictTest.Run trained = run("train", "--config", out.resolve("config.json").toString(), "--quiet", "--out",
                dir.resolve("t").toString());
        assertThat(trained.code()).as(trained.err()).isZero();

        TrainEvaluatePredictTest.Run list = run(TrainEvaluatePredictTest.concat(new String[] {"train"},
                TrainEvaluatePredictTest.concat(TrainEvaluatePredictTest.AGREEMENT, "--layers", "1,2", "--epochs", "1", "--out",
                        dir.resolve("x").toString())));
        assertThat(list.code()).isEqualTo(2);
        assertThat(list.err()).contains("--layers 1,2: train trains one depth, give one number (compare --layers 1,2 compares the "
                + "depths side by side)");
        TrainEvaluatePredictTest.Run twice = run(prepend("compare", TrainEvaluatePredictTest.concat(TrainEvaluatePredictTest.AGREEMENT,
                "--layers", "2,2", "--out", dir.resolve("y").toString())));
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("--layers names 2 twice");
        TrainEvaluatePredictTest.Run residual = run(prepend("compare", TrainEvaluatePredictTest.concat(TrainEvaluatePredictTest.AGREEMENT,
                "--layers", "1,2", "--residual", "--out", dir.resolve("z").toString())));
        assertThat(residual.code()).isEqualTo(2);
        assertThat(residual.err()).contains("--residual needs --layers 2 or more").contains("got 1,2");
    }

    private static String[] prepend(String first, String[] rest) {
        return TrainEvaluatePredictTest.concat(new String[] {first}, rest);
    }
}
