package org.rnnlab.core.bptt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The analysis benchmark's bookkeeping: one timing per repeat, the median of them, and its argument checks. How fast the
 * analysis is, is measured by {@code ./rnnlab bench --analysis} (the target: under 2 s for T = 1000, H = 128), never
 * asserted here: a timed assertion failed a CI run on a machine loaded by other builds (4.4 s against a 4 s bound).
 */
class AnalysisBenchmarkTest {

    @Test
    void oneTimingPerRepeatAndTheirMedian() {
        AnalysisBenchmark.Result r = AnalysisBenchmark.run(16, 200, 3, 42);
        assertThat(r.hidden()).isEqualTo(16);
        assertThat(r.length()).isEqualTo(200);
        double[] s = r.seconds();
        assertThat(s).hasSize(3);
        assertThat(Arrays.stream(s).min().orElseThrow()).isPositive();
        Arrays.sort(s);
        assertThat(r.medianSeconds()).isEqualTo(s[1]);
        AnalysisBenchmark.Result even = AnalysisBenchmark.run(8, 50, 2, 1);
        assertThat(even.medianSeconds()).isEqualTo((even.seconds()[0] + even.seconds()[1]) / 2);
    }

    @Test
    void argumentsOutsideTheirRangesAreRefused() {
        assertThatThrownBy(() -> AnalysisBenchmark.run(0, 10, 1, 1)).hasMessageContaining("hidden must be in [1, 4096]");
        assertThatThrownBy(() -> AnalysisBenchmark.run(4, 0, 1, 1)).hasMessageContaining("length must be in [1, 100000]");
        assertThatThrownBy(() -> AnalysisBenchmark.run(4, 10, 0, 1)).hasMessageContaining("repeats must be in [1, 1000]");
    }
}
