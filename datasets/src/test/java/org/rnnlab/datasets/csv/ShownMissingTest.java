package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cell blanked by a code for a missing value is refused naming the code, not as "missing value ''" (a new user's -999,
 * given to --na-values for a model trained with --missing error).
 */
class ShownMissingTest {

    @TempDir
    Path dir;

    @Test
    void anEmptiedCellNamesTheCodesItMayHaveBeen() throws Exception {
        Path f = Files.writeString(dir.resolve("w.csv"), "sequence_id,time,x,label\na,0,1.5,p\na,1,-999.0,p\nb,0,2,q\nb,1,3,q\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withNaValues(List.of("-999"))))
                .hasMessageContaining("w.csv:3: missing value '' (empty, or a code for a missing value: -999) in column 'x'");
        // without codes, an empty cell is shown as before
        CsvTable.NA_CODES.remove();
        assertThat(CsvTable.shownMissing("")).isEqualTo("''");
        assertThat(CsvTable.shownMissing("NA")).isEqualTo("'NA'");
    }
}
