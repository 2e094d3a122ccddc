package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.tune.SearchSpace;
import org.rnnlab.evaluation.tune.TuningConfig;
import org.rnnlab.training.TrainingConfig;

/**
 * Trial 76c F1: the depths of {@code --layers 1,2} are configurations of one comparison's grid, crossed with the cells and clip
 * settings as the clip settings are with the cells, on the same seeds; a depth other than 1 is in the name; config.json files
 * written before keep their runs' names.
 */
class DepthGridTest {

    private static ComparisonConfig config(List<Integer> layers, int baseDepth) {
        return new ComparisonConfig(Architecture.parseList("gru,bigru"), ClipSetting.parseList("none,l2:1.0"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(java.util.Collections.nCopies(baseDepth, 16)), TrainingConfig.defaults(), 2, 1,
                0, null, null, null, null, layers);
    }

    @Test
    void everyDepthIsCrossedWithTheCellsAndClipSettingsOnTheSameSeeds() {
        ComparisonConfig c = config(List.of(1, 2), 1);
        assertThat(c.runs()).isEqualTo(2 * 2 * 2 * 2);
        List<RunTask> tasks = Comparison.tasks(c);
        assertThat(tasks).hasSize(c.runs());
        assertThat(tasks.stream().map(RunTask::configuration).distinct().toList()).containsExactly("gru", "gru clip=l2:1.0", "gru x2",
                "gru x2 clip=l2:1.0", "bigru", "bigru clip=l2:1.0", "bigru x2", "bigru x2 clip=l2:1.0");
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.spec().hiddenSizes()).as(t.configuration()).hasSize(t.configuration().contains(" x2") ? 2 : 1)
                    .containsOnly(16);
            assertThat(t.spec().bidirectional()).as(t.configuration()).isEqualTo(t.architecture().equals("bigru"));
        });
        // the same seeds for every depth: paired runs
        assertThat(tasks.stream().filter(t -> t.configuration().equals("gru x2")).map(RunTask::seed).toList()).containsExactly(1L, 2L);
        assertThat(tasks.stream().map(RunTask::key).distinct().count()).isEqualTo(tasks.size());
        assertThat(Comparison.hiddenSizes(c, null)).containsEntry("gru x2 clip=l2:1.0", List.of(16, 16)).containsEntry("bigru",
                List.of(16)).hasSize(8);
        assertThat(ComparisonResult.layersAndHidden(Comparison.hiddenSizes(c, null), "bigru x2")).isEqualTo("2,16");
        assertThat(ComparisonResult.layersAndHidden(Comparison.hiddenSizes(c, null), "unknown")).isEqualTo(",");
        assertThat(c.describeModel()).startsWith("1 or 2 recurrent layers of 16 units (the depth by configuration)");
    }

    @Test
    void oneDepthIsNamedWhenItIsNotOneAndFilesWrittenBeforeKeepTheirNames() throws Exception {
        assertThat(Comparison.tasks(config(List.of(2), 2)).stream().map(RunTask::configuration).distinct().toList())
                .containsExactly("gru x2", "gru x2 clip=l2:1.0", "bigru x2", "bigru x2 clip=l2:1.0");
        assertThat(Comparison.tasks(config(List.of(1), 1)).stream().map(RunTask::configuration).distinct().toList())
                .containsExactly("gru", "gru clip=l2:1.0", "bigru", "bigru clip=l2:1.0");
        // a config.json written before layers were recorded: a 2-layer comparison's runs are named as they were (--resume
        // finds them, --config repeats them)
        ComparisonConfig written = config(List.of(2), 2);
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper()
                .readTree(Json.writeCompact(written));
        assertThat(json.get("layers").toString()).isEqualTo("[2]");
        json.remove("layers");
        ComparisonConfig before = Json.mapper().treeToValue(json, ComparisonConfig.class);
        assertThat(before.layers()).isNull();
        assertThat(before.depths()).containsExactly(2);
        assertThat(Comparison.tasks(before).stream().map(RunTask::configuration).distinct().toList())
                .containsExactly("gru", "gru clip=l2:1.0", "bigru", "bigru clip=l2:1.0");
        assertThat(Comparison.tasks(before)).allSatisfy(t -> assertThat(t.spec().hiddenSizes()).containsExactly(16, 16));
        // and the list survives the round trip
        ComparisonConfig both = config(List.of(1, 2), 1);
        assertThat(Json.mapper().readValue(Json.writeCompact(both), ComparisonConfig.class)).isEqualTo(both);
    }

    @Test
    void depthsThatCannotBeTrainedAreRefused() {
        assertThatThrownBy(() -> config(List.of(1, 1), 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> config(List.of(2, 1), 1)).hasMessageContaining("needs a base of 2 layer(s)");
        assertThatThrownBy(() -> config(List.of(0), 1)).hasMessageContaining("[1, 100]");
        SearchSpace space = new SearchSpace(new SearchSpace.Range(3e-3, 3e-2), List.of(4, 8), List.of(1), null, null, null, null);
        assertThatThrownBy(() -> new ComparisonConfig(Architecture.parseList("gru"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(16)), TrainingConfig.defaults(), 1, 1, 0, null,
                new TuningConfig(3, 3, 0, 1, space), null, null, List.of(1, 2))).hasMessageContaining("tuning, which chooses the depth");
        assertThat(config(List.of(1, 2), 1).withTuning(new TuningConfig(3, 3, 0, 1, space)).layers()).isNull();
    }

    @Test
    void theSummaryAndResultsFilesCarryEachConfigurationsDepthAndWidth() {
        ComparisonConfig c = config(List.of(1, 2), 1);
        List<RunResult> runs = new java.util.ArrayList<>();
        List<Aggregate> aggregates = new java.util.ArrayList<>();
        for (String name : List.of("gru", "gru x2")) {
            RunResult r = new RunResult(name, "gru", "none", 1, Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{3, 1}, {1, 3}},
                    List.of(), 0.1), 1, 1, 100, 10, null, List.of(), List.of());
            runs.add(r);
            aggregates.add(Aggregate.of(List.of(r)));
        }
        ComparisonResult result = new ComparisonResult("csv", List.of("a", "b"), null, c, runs, aggregates, 1);
        List<String> summary = ComparisonSummary.csv(result).lines().toList();
        assertThat(summary.get(0)).endsWith(",layers,hidden");
        assertThat(summary.get(1)).startsWith("gru,").endsWith(",1,16");
        assertThat(summary.get(2)).startsWith("gru x2,").endsWith(",2,16");
        List<String> results = ComparisonFiles.csv(result).lines().toList();
        assertThat(results.get(0)).endsWith(",layers,hidden,learning_rate,dropout,head,residual");
        assertThat(results.get(2)).startsWith("gru x2,gru,none,1,").contains(",2,16,");
    }
}
