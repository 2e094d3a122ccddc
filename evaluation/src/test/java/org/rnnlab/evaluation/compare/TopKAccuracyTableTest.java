package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.training.TrainingConfig;

/** compare's table gives each configuration's mean top-k accuracy for models of many classes (trial 81c F3). */
class TopKAccuracyTableTest {

    private static final List<String> LABELS = IntStream.range(0, 12).mapToObj(c -> "spk" + c).toList();

    private static RunResult run(String configuration, long seed, double top3, double top5) {
        long[][] confusion = new long[12][12];
        for (int c = 0; c < 12; c++) {
            confusion[c][c] = 1;
            confusion[c][(c + 1) % 12] = 1;
        }
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1)
                .withMetrics(Map.of(Metric.TOP_3_ACCURACY, top3, Metric.TOP_5_ACCURACY, top5)), 1, 1, 100, 10, null, List.of(),
                List.of(), null, null);
    }

    private static ComparisonResult result(List<RunResult> gru, List<RunResult> lstm) {
        List<RunResult> runs = new ArrayList<>(gru);
        runs.addAll(lstm);
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), gru.size(), 1, 0);
        return new ComparisonResult("d", LABELS, null, config, runs, List.of(Aggregate.of(gru), Aggregate.of(lstm)), 1);
    }

    @Test
    void eachConfigurationsMeanTopKAccuracyIsALineUnderTheTable() {
        ComparisonResult r = result(List.of(run("gru", 1, 0.875, 0.9375), run("gru", 2, 0.8125, 0.875)),
                List.of(run("lstm", 1, 0.75, 0.8125), run("lstm", 2, 0.6875, 0.875)));
        String line = "test top-k accuracy (mean over runs; the true class among the 3 or 5 most probable of 12): gru top-3 0.8438, "
                + "top-5 0.9063; lstm top-3 0.7188, top-5 0.8438";
        assertThat(ComparisonFiles.topKLine(r)).hasValue(line);
        assertThat(ComparisonFiles.table(r)).contains("\n" + line + "\n");
        assertThat(r.aggregates().get(0).metrics().get(Metric.TOP_3_ACCURACY).sd()).as("the sd in results.json's aggregates")
                .isCloseTo(0.0442, org.assertj.core.data.Offset.offset(1e-4));
        // a run without them (an older rnnlab's, resumed): that configuration's mean is not given
        RunResult old = new RunResult("lstm", "lstm", "none", 2, Evaluator.fromConfusion(LABELS, new long[12][12], List.of(), 0.1), 1, 1,
                100, 10, null, List.of(), List.of(), null, null);
        assertThat(ComparisonFiles.topKLine(result(List.of(run("gru", 1, 0.875, 0.9375)), List.of(old)))).hasValue("test top-k accuracy "
                + "(mean over runs; the true class among the 3 or 5 most probable of 12): gru top-3 0.8750, top-5 0.9375");
        assertThat(ComparisonFiles.topKLine(result(List.of(old), List.of(old)))).isEmpty();
    }
}
