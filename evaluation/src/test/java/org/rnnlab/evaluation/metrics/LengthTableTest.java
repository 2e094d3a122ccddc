package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Scores by sequence length when lengths span widely (a web trial's 1-event sessions predicted to convert). */
class LengthTableTest {

    @Test
    void widelySpreadLengthsAreScoredInBinsWithThePositiveClassCounted() {
        List<String> labels = List.of("no", "yes");
        // 4 sessions of 1 event (one predicted 'yes'), 2 of 2, 3 of 3-4 (one 'yes', found), 3 of 20-49 (one 'yes', missed)
        int[] lengths = {1, 1, 1, 1, 2, 2, 3, 4, 4, 25, 30, 40};
        int[] actual = {0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0};
        int[] predicted = {1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0};
        LengthTable t = LengthTable.of(lengths, labels, actual, predicted, 1).orElseThrow();
        assertThat(t.bins()).extracting(LengthTable.Bin::steps).containsExactly("1", "2", "3-4", "20-49");
        LengthTable.Bin one = t.bins().get(0);
        assertThat(one.sequences()).isEqualTo(4);
        assertThat(one.accuracy()).isEqualTo(0.75);
        // scikit-learn: f1_score([0,0,0,0], [1,0,0,0], average='macro') = (6/7 + 0) / 2
        assertThat(one.macroF1()).isEqualTo((6.0 / 7) / 2);
        assertThat(one.predictedPositive()).isEqualTo(1);
        assertThat(one.actualPositive()).isZero();
        assertThat(t.lines()).isEqualTo("""
                scores by sequence length (steps; the lengths span 1 to 40: short sequences may behave otherwise; --json: byLength):
                  steps     sequences accuracy  macroF1   'yes' actual  'yes' predicted
                  1                 4   0.7500   0.4286              0                1
                  2                 2   1.0000   1.0000              0                0
                  3-4               3   1.0000   1.0000              1                1
                  20-49             3   0.6667   0.4000              1                0
                """);
        assertThat(t.json().get("bins")).hasSize(4);
        assertThat(t.json().get("bins").get(0).get("predictedPositive").asInt()).isEqualTo(1);
        assertThat(t.json().get("longest").asInt()).isEqualTo(40);
    }

    @Test
    void noTableForLengthsOfOneSpreadOrOneBinAndNoPositiveColumnsWithoutAPositiveClass() {
        List<String> labels = List.of("a", "b", "c");
        int[] actual = {0, 1, 2, 0};
        assertThat(LengthTable.of(new int[] {10, 20, 50, 99}, labels, actual, actual, -1)).as("under 10 times").isEmpty();
        LengthTable t = LengthTable.of(new int[] {1, 5, 50, 60}, labels, actual, actual, -1).orElseThrow();
        assertThat(t.lines()).doesNotContain("actual").contains("  50-99             2   1.0000   1.0000\n");
        assertThat(t.json().get("positive").isNull()).isTrue();
    }
}
