package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.TrainingConfig;

/**
 * Trial 76g F2: two LSTM configurations that did the same computation (a clip that never engaged) showed 5889 and 8301 smp/s
 * at 0.1 s a run, read as "clipping halves the throughput". Runs under 2 s now get a note under the table that their
 * timings are noise.
 */
class BriefRunTimingsTest {

    private static final List<String> LABELS = List.of("a", "b");

    private static ComparisonResult result(double... trainSeconds) {
        List<RunResult> runs = new ArrayList<>();
        long seed = 1;
        for (double seconds : trainSeconds) {
            runs.add(new RunResult("lstm", "lstm", "none", seed++, Evaluator.fromConfusion(LABELS, new long[][] {{5, 5}, {3, 7}},
                    List.of(), 0.1), 1, seconds, 100 / seconds, 10, null, List.of(), List.of(), null, null));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(8)), TrainingConfig.defaults(), trainSeconds.length, 1, 0);
        return new ComparisonResult("csv", LABELS, null, config, runs, List.of(Aggregate.of(runs)), 1);
    }

    @Test
    void runsUnderTwoSecondsGetANoteThatTheirTimingsAreNoise() {
        assertThat(ComparisonFiles.table(result(0.1, 0.3, 5.0))).contains("(train s and smp/s: 2 of 3 runs trained under 2 s, and "
                + "the timings of runs that short are noise");
        assertThat(ComparisonFiles.table(result(2.5, 3.0))).doesNotContain("timings of runs that short");
    }
}
