package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * A row of delimiters only among the data rows is warned of with its line; after the last data row (a spreadsheet's trailing
 * empty rows) it is skipped quietly. A user's try: {@code ,,,,,,} inside a sequence was dropped without a word.
 */
class DelimiterOnlyRowsTest {

    @TempDir
    Path dir;

    private static final String ROWS = "sequence_id,time,x,label\ns0,0,1,a\ns0,1,2,a\ns1,0,3,b\ns1,1,4,b\n";

    @Test
    void aDelimiterOnlyRowAmongTheDataIsWarnedOfWithItsLine() throws Exception {
        Path inside = Files.writeString(dir.resolve("inside.csv"), "sequence_id,time,x,label\ns0,0,1,a\n,,,\ns0,1,2,a\n , , , \n"
                + "s1,0,3,b\ns1,1,4,b\n");
        List<String> warned = LoggedWarnings.of(CsvTable.class, () -> CsvTable.read(inside, ',', true));
        assertThat(warned).hasSize(1);
        assertThat(warned.get(0)).contains("inside.csv: 2 row(s) of delimiters only, without any value, among the data rows were "
                + "skipped, as empty lines are: line(s) [3, 5]");
        assertThat(CsvTable.read(inside, ',', true).rows()).hasSize(4);
    }

    @Test
    void leadingAndTrailingDelimiterOnlyRowsAndEmptyLinesAreSkippedQuietly() throws Exception {
        Path trailing = Files.writeString(dir.resolve("trailing.csv"), ROWS + ",,,\n,,,\n\n");
        Path blankLine = Files.writeString(dir.resolve("blank.csv"), "sequence_id,time,x,label\ns0,0,1,a\n\ns0,1,2,a\n");
        assertThat(LoggedWarnings.of(CsvTable.class, () -> CsvTable.read(trailing, ',', true))).isEmpty();
        assertThat(LoggedWarnings.of(CsvTable.class, () -> CsvTable.read(blankLine, ',', true))).isEmpty();
        Path leading = Files.writeString(dir.resolve("leading.csv"), ",,,\n" + ROWS);
        assertThat(LoggedWarnings.of(CsvTable.class, () -> CsvTable.read(leading, ',', true))).isEmpty();
    }
}
