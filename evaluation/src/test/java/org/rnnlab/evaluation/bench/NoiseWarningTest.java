package org.rnnlab.evaluation.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NoiseWarning}: a warning when repeats lie more than 1.5x apart or the load exceeded the processors, else none. */
class NoiseWarningTest {

    @Test
    void warnsOnSpreadOrLoadAndNamesBoth() {
        assertThat(NoiseWarning.check("lstm", "samples/s", 1.2, 1.4, 2,
                new NoiseWarning.Series("training repeats", List.of(251.2, 271.3, 343.1)))).isEmpty();
        String spread = NoiseWarning.check("lstm", "samples/s", 1.2, 1.4, 2,
                new NoiseWarning.Series("inference repeats", List.of(684.1, 779.0, 1675.9))).orElseThrow();
        assertThat(spread).startsWith("rnnlab: warning: lstm: the inference repeats range 684.1-1675.9 samples/s (max/min 2.45")
                .contains("unreliable").doesNotContain("1-minute load");
        String load = NoiseWarning.check("gru", "samples/s", 7.71, 7.55, 2,
                new NoiseWarning.Series("training repeats", List.of(100.0, 110.0))).orElseThrow();
        assertThat(load).contains("the 1-minute load was 7.71->7.55 on 2 processor(s)").doesNotContain("range");
        assertThat(NoiseWarning.check("rnn", "samples/s", null, null, 2, new NoiseWarning.Series("x", List.of(1.0, 1.5))))
                .isEmpty();
        assertThat(NoiseWarning.check("rnn", "samples/s", Double.NaN, 2.5, 2, new NoiseWarning.Series("x", List.of(1.0))))
                .isPresent();
    }
}
