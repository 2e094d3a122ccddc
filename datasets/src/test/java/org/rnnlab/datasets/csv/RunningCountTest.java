package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The clipped-sensor warning ({@link ClippedRuns#counter}) and resampling's code ({@link ResampleRules}, the rule
 * {@code last}) take the same columns for running counts ({@link RunningCount}): before, the first took a clock rising at
 * every row for a count, which the second interpolates, and the second took a ramp held at an ADC's full scale (4095) for
 * a count, which the first names a clipped signal.
 */
class RunningCountTest {

    /** Two sequences of one column each, from the values given per sequence (NaN: a missing cell). */
    private static List<float[][]> column(float[]... sequences) {
        List<float[][]> out = new ArrayList<>();
        for (float[] s : sequences) {
            float[][] q = new float[s.length][];
            for (int t = 0; t < s.length; t++) {
                q[t] = new float[] {s[t]};
            }
            out.add(q);
        }
        return out;
    }

    /** Whether resampling's code takes the column's last value, as of a counter. */
    private static boolean resampledAsCounter(List<float[][]> sequences) {
        ResampleRules rules = new ResampleRules(List.of("n"), null);
        sequences.forEach(rules::add);
        return rules.choices().get(0).rule() == ResampleRules.Rule.LAST;
    }

    @Test
    void theClippedRunsWarningAndResamplingTakeTheSameColumnsForRunningCounts() {
        float nan = Float.NaN;
        Map<String, Boolean> expected = new LinkedHashMap<>();
        Map<String, List<float[][]>> cases = new LinkedHashMap<>();
        cases.put("a count of stops", column(new float[] {0, 0, 1, 2, 2, 2, 5}, new float[] {0, 1, 1, 3, 4, 4}));
        expected.put("a count of stops", true);
        cases.put("a constant column", column(new float[] {7, 7, 7, 7}, new float[] {7, 7, 7}));
        expected.put("a constant column", false);
        cases.put("one decrease", column(new float[] {0, 1, 2, 2, 3}, new float[] {0, 1, 1, 2, 1, 4, 4}));
        expected.put("one decrease", false);
        cases.put("fractional values", column(new float[] {0.5f, 1, 1, 2, 3}, new float[] {1, 1, 2.25f, 3}));
        expected.put("fractional values", false);
        cases.put("negative whole numbers", column(new float[] {-9, -9, -7, -3, -3}, new float[] {-12, -5, -5, 0}));
        expected.put("negative whole numbers", true);
        // a missing cell is skipped: the value after it is compared with the one before it
        cases.put("NaN cells", column(new float[] {nan, 2, nan, 2, 5, nan}, new float[] {1, nan, nan, 3, 3}));
        expected.put("NaN cells", true);
        cases.put("a fall across NaN cells", column(new float[] {1, 4, nan, 3, 3, 6}, new float[] {0, 0, 1}));
        expected.put("a fall across NaN cells", false);
        cases.put("only NaN", column(new float[] {nan, nan, nan}));
        expected.put("only NaN", false);
        // the edges the two had apart: a clock rises at every row (no count, interpolated); a ramp held at 2^12 - 1 is a
        // clipped signal
        cases.put("a clock", column(new float[] {0, 30, 60, 90, 120}, new float[] {0, 30, 60}));
        expected.put("a clock", false);
        cases.put("a ramp held at 4095", column(new float[] {0, 1000, 2000, 4095, 4095, 4095}, new float[] {0, 2000, 4095, 4095}));
        expected.put("a ramp held at 4095", false);
        cases.forEach((name, sequences) -> {
            assertThat(ClippedRuns.counter(sequences, 0, true)).as("the clipped-sensor warning: " + name)
                    .isEqualTo(expected.get(name));
            assertThat(resampledAsCounter(sequences)).as("resampling: " + name).isEqualTo(expected.get(name));
        });
    }

    @Test
    void afterEachSequencesOwnScalingNeverFallingIsJudgedWithoutWholeNumbersOrTheFullScale() {
        List<float[][]> scaled = column(new float[] {-1.2f, -1.2f, 0.3f, 1.1f, 1.1f}, new float[] {-0.7f, 0.4f, 0.4f});
        assertThat(RunningCount.of(scaled, 0, false)).isTrue();
        assertThat(RunningCount.of(scaled, 0, true)).as("as written, fractions are no count").isFalse();
        List<float[][]> ramp = column(new float[] {0, 1000, 4095, 4095});
        assertThat(RunningCount.of(ramp, 0, false)).as("4095 is no value as written after a scaling").isTrue();
        assertThat(RunningCount.of(column(new float[] {0.2f, -0.1f, -0.1f, 0.5f}), 0, false)).isFalse();
    }
}
