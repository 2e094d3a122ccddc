package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outcome flag set only on a sequence's last row (a warehouse flagging the purchase event, trial 72d F8) is refused
 * with the hint to give every row the sequence's outcome, not only to cut windows; a label changing midway keeps the
 * windows hint alone.
 */
class OutcomeOnLastRowsTest {
    @TempDir
    Path dir;

    private static final CsvOptions OPTIONS = CsvOptions.defaults().withColumns(Column.named("session_id"),
            Column.named("event_time"), Column.named("converted"));

    /** Sessions s1..s4 of 8 rows; s2's label is 'yes' from row {@code from} (0-based) to its end, the rest 'no'. */
    private Path sessions(String name, int from) throws IOException {
        List<String> lines = new ArrayList<>(List.of("session_id,event_time,dwell,converted"));
        for (int s = 1; s <= 4; s++) {
            for (int t = 0; t < 8; t++) {
                lines.add("s" + s + "," + (100 * s + t) + "," + (t + s) + "," + (s == 2 && t >= from ? "yes" : "no"));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void aLabelChangingOnTheLastRowGetsTheOutcomeHint() throws IOException {
        Path f = sessions("lastrow.csv", 7);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, OPTIONS))
                .hasMessageContaining("lastrow.csv:17: sequence 's2' has label 'yes' (expected 'no' as on its first row, line 10)")
                .hasMessageContaining("if the label is an outcome marked on a sequence's last row(s) only (here it changes once, "
                        + "to 'yes' on the last 1 of 8 rows, line 17 on), give every row its sequence's outcome, e.g. pandas: "
                        + "df[\"converted\"] = df.groupby(\"session_id\")[\"converted\"].transform('last'); else cut each "
                        + "recording into windows");
    }

    @Test
    void aLabelChangingMidwayOrBackAgainKeepsOnlyTheWindowsHint() throws IOException {
        Path midway = sessions("midway.csv", 4);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(midway, OPTIONS))
                .hasMessageContaining("cut each recording into windows").hasMessageNotContaining("outcome");
        // 'yes' on row 7 of 8, then 'no' again: not an outcome at the end
        List<String> lines = new ArrayList<>(Files.readAllLines(sessions("back.csv", 8)));
        lines.set(15, lines.get(15).replace(",no", ",yes"));
        Path back = Files.write(dir.resolve("back.csv"), lines);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(back, OPTIONS))
                .hasMessageContaining("cut each recording into windows").hasMessageNotContaining("outcome");
    }
}
