package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trial 80e F5: {@code evaluate --split validation --target-recall 0.8 --positive A} with one 'A' sequence printed "with 1
 * sequences of 'A', even all of them caught ...". One sequence is said as one, with the cut-off resting on it alone.
 */
class OnePositiveCutOffTest {

    @Test
    void aCutOffOnOneSequenceOfTheClassSaysSo() {
        List<String> labels = List.of("A", "N", "V");
        int[] actual = new int[31];
        double[][] p = new double[31][];
        for (int i = 0; i < 31; i++) {
            actual[i] = i == 0 ? 0 : i <= 20 ? 1 : 2;
            double a = i == 0 ? 0.3 : 0.001 * i;
            p[i] = actual[i] == 2 ? new double[] {a, 0.2, 0.8 - a} : new double[] {a, 0.9 - a, 0.1};
        }
        String lines = Scoring.of(labels, actual, "A", null, 0.8).ranked(actual, p).lines();
        assertThat(lines).contains("(with 1 sequence of 'A', even that one caught (the cut-off rests on it alone) shows a recall "
                + "of only 0.2065 or more at 95% (Wilson)").doesNotContain("1 sequences");
        // two or more as before
        actual[1] = 0;
        assertThat(Scoring.of(labels, actual, "A", null, 0.8).ranked(actual, p).lines()).contains("(with 2 sequences of 'A', "
                + "even all of them caught shows a recall of only");
    }
}
