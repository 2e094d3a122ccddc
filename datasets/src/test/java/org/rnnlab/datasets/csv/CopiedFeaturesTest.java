package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/** A feature column that repeats another at every training step is warned of, with the features without the copy. */
class CopiedFeaturesTest {

    @TempDir
    Path dir;

    @Test
    void aCopiedColumnIsNamedAndConstantOnesAreNotCompared() throws Exception {
        StringBuilder csv = new StringBuilder("run,p,q,p2,k1,k2,label\n");
        for (int i = 0; i < 20; i++) {
            for (int t = 0; t < 3; t++) {
                double p = i + 0.1 * t;
                csv.append("r").append(i).append(',').append(p).append(',').append(t * i % 7).append(',').append(p)
                        .append(",5,5,").append(i % 2 == 0 ? "x" : "y").append('\n');
            }
        }
        Path f = Files.writeString(dir.resolve("copies.csv"), csv);
        CsvOptions o = CsvOptions.defaults().withFractions(0, 0).withColumns(Column.named("run"), null, Column.named("label"));
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, o));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("feature column(s) hold the same values as another at every "
                + "training step: 'p2' = 'p'").endsWith("--set features=p,q,k1,k2"));
        assertThat(warnings).noneMatch(w -> w.contains("'k2' = 'k1'")); // constant columns: warned of as such elsewhere
    }
}
