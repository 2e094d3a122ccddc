package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers written for people, thousands grouped by ',' (quoted in a comma-separated file) or followed by a unit, are refused
 * with what they are and how to write them: a trial's "1,009.0" was asked whether the file is ','-separated (it was), and
 * "12 bar" got no hint.
 */
class NumbersForPeopleTest {

    @TempDir
    Path dir;

    @Test
    void thousandsSeparatorsAndUnitsAreNamed() throws Exception {
        CsvOptions o = CsvOptions.defaults().withFractions(0, 0).withColumns(Column.named("run"), null, Column.named("label"));
        Path grouped = Files.writeString(dir.resolve("grouped.csv"), "run,p,label\nr1,\"1,009.5\",a\nr1,\"1,010.0\",a\nr2,\"999.0\",b\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(grouped, o))
                .hasMessageContaining("'p' hold(s) numbers with ',' grouping thousands (1,009.5), which are not read")
                .hasMessageNotContaining("is the file ','-separated");
        Path units = Files.writeString(dir.resolve("units.csv"), "run,p,label\nr1,10.5 bar,a\nr1,11 bar,a\nr2,9 bar,b\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(units, o))
                .hasMessageContaining("'p' hold(s) numbers followed by a unit (12 bar), which are not read: write the number alone");
    }
}
