package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequence whose label is written on only some of its rows (an export's outcome on the last row) is refused naming the
 * row that has it and the pandas line that copies it to every row, not as a sequence without a label.
 */
class LabelOnSomeRowsTest {

    @TempDir
    Path dir;

    @Test
    void aLabelOnTheLastRowOnlyIsNamed() throws Exception {
        Path f = Files.writeString(dir.resolve("runs.csv"), "run,a,outcome\nr1,1,\nr1,2,\nr1,3,ok\nr2,1,bad\nr2,2,bad\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withFractions(0, 0)
                .withColumns(Column.named("run"), null, Column.named("outcome"))))
                .hasMessageContaining("runs.csv:2: sequence 'r1' has no label on this row, its first, but 'ok' at line 4")
                .hasMessageContaining("df[\"outcome\"] = df.groupby(\"run\")[\"outcome\"].transform('last')");
    }
}
