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

    @Test
    void askedForTheTableComesInQuartileBinsWhereTheFixedBinsHoldOneAndSaysSo() {
        List<String> labels = List.of("ok", "risk");
        // a greenhouse trial's days: complete ones of 288 steps, days with hours missing 240-287, all in the fixed bin 200-499
        int[] lengths = {240, 250, 260, 270, 280, 288, 288, 288};
        int[] actual = {1, 1, 0, 0, 0, 0, 0, 0};
        int[] predicted = {0, 1, 0, 1, 0, 0, 0, 0};
        assertThat(LengthTable.of(lengths, labels, actual, predicted, 1)).as("not asked").isEmpty();
        assertThat(LengthTable.leftOut(lengths, labels, actual, predicted)).isTrue();
        LengthTable t = LengthTable.of(lengths, labels, actual, predicted, 1, true).orElseThrow();
        assertThat(t.byQuartile()).isTrue();
        // the quartiles' starts: sorted[0] = 240, sorted[2] = 260, sorted[4] = 280, sorted[6] = 288
        assertThat(t.bins()).extracting(LengthTable.Bin::steps).containsExactly("240-259", "260-279", "280-287", "288");
        assertThat(t.bins()).extracting(LengthTable.Bin::sequences).containsExactly(2, 2, 1, 3);
        assertThat(t.bins().get(0).accuracy()).isEqualTo(0.5);
        assertThat(t.bins().get(1).predictedPositive()).isEqualTo(1);
        assertThat(t.lines()).startsWith("scores by sequence length (steps, in bins at the quartiles of the lengths 240 to 288, "
                + "--by-length; --json: byLength):");
        assertThat(t.json().get("binning").asText()).isEqualTo("quartiles");
        // a wide span asked for keeps the fixed bins
        LengthTable wide = LengthTable.of(new int[] {1, 5, 50, 60}, List.of("a", "b"), new int[] {0, 1, 0, 1},
                new int[] {0, 1, 0, 1}, -1, true).orElseThrow();
        assertThat(wide.byQuartile()).isFalse();
        assertThat(wide.json().get("binning").asText()).isEqualTo("fixed");
        // one length only: no table even when asked, and nothing left out to say
        int[] same = {30, 30, 30};
        int[] a = {0, 1, 0};
        assertThat(LengthTable.of(same, labels, a, a, -1, true)).isEmpty();
        assertThat(LengthTable.leftOut(same, labels, a, a)).isFalse();
        // few distinct lengths never put one length in two bins
        LengthTable two = LengthTable.of(new int[] {10, 10, 10, 10, 10, 12}, labels, new int[6], new int[6], -1, true).orElseThrow();
        assertThat(two.bins()).extracting(LengthTable.Bin::steps).containsExactly("10-11", "12");
    }

    /**
     * Trial 77a F7: a bin label wider than the column's 9 characters ({@code 20000-49999}) pushed its row's numbers one
     * column off; the first column is as wide as its widest label, so every row's numbers end under the header's.
     */
    @Test
    void theStepsColumnIsAsWideAsItsWidestLabel() {
        List<String> labels = List.of("normal", "fault");
        int[] lengths = {1500, 6000, 7000, 8000, 20000};
        int[] actual = {0, 0, 1, 0, 1};
        int[] predicted = {0, 0, 1, 1, 1};
        LengthTable t = LengthTable.of(lengths, labels, actual, predicted, -1).orElseThrow();
        assertThat(t.bins()).extracting(LengthTable.Bin::steps).containsExactly("1000-1999", "5000-9999", "20000-49999");
        List<String> rows = t.lines().lines().skip(1).toList();
        assertThat(rows.get(0)).isEqualTo("  steps       sequences accuracy  macroF1");
        int end = rows.get(0).indexOf("sequences") + "sequences".length();
        for (String row : rows.subList(1, rows.size())) { // each count ends where the header's "sequences" ends
            assertThat(row.charAt(end - 1)).as(row).isBetween('0', '9');
            assertThat(row.charAt(end)).as(row).isEqualTo(' ');
            assertThat(row.length()).as(row).isEqualTo(rows.get(0).length());
        }
        assertThat(rows.get(3)).isEqualTo("  20000-49999         1   1.0000   1.0000");
    }
}
