package org.rnnlab.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.EpochStats;

/**
 * A configuration's learning curve ends at the last epoch all of its runs trained: a sleep-lab trial read the late rise of
 * the one run still training (the others stopped early) as the configuration's, up to 0.93.
 */
class LearningCurveSurvivorsTest {

    private static RunResult run(long seed, int epochs, double finalAccuracy) {
        List<EpochStats> history = IntStream.rangeClosed(1, epochs)
                .mapToObj(e -> new EpochStats(e, 1.0 / e, e == epochs ? finalAccuracy : 0.5, 1, 100)).toList();
        return new RunResult("gru", "gru", "none", seed, Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{5, 0}, {0, 5}},
                List.of(), 0.1), epochs, 1, 100, 10, null, history, List.of(), null, null);
    }

    @Test
    void theCurveEndsWhereEveryRunTrained() {
        var values = ComparisonReport.curveValues(List.of(run(1, 4, 0.6), run(2, 12, 0.93), run(3, 5, 0.6)), true);
        assertThat(values.keySet()).containsExactly(1, 2, 3, 4);
        assertThat(values.get(4)).hasSize(3).contains(0.6);
        assertThat(values.values()).allSatisfy(v -> assertThat(v).hasSize(3)).noneSatisfy(v -> assertThat(v).contains(0.93));
        // without validation data the training loss, cut alike
        assertThat(ComparisonReport.curveValues(List.of(run(1, 3, 0.5), run(2, 6, 0.5)), false).keySet()).containsExactly(1, 2, 3);
        // a run of one epoch would leave a single point: every epoch is kept then
        assertThat(ComparisonReport.curveValues(List.of(run(1, 1, 0.5), run(2, 6, 0.5)), true).keySet()).hasSize(6);
    }
}
