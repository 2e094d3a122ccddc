package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;

/**
 * A column named {@code split} is read as each row's split unless {@code --set split=none}, which reads it as a feature (a
 * trial's sensor of that name was refused for holding numbers, and no setting turned the role off); the refusal says so.
 */
class SplitNoneTest {

    @TempDir
    Path dir;

    @Test
    void aFeatureNamedSplitIsReadAsOneWithSplitNone() throws Exception {
        StringBuilder csv = new StringBuilder("id,a,split,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append("s").append(i).append(",1,").append(i * 0.5).append(',').append(i % 2 == 0 ? "x" : "y").append('\n');
            csv.append("s").append(i).append(",2,").append(i * 0.5 + 0.25).append(',').append(i % 2 == 0 ? "x" : "y").append('\n');
        }
        Path file = Files.writeString(dir.resolve("f.csv"), csv);
        DatasetOptions o = DatasetOptions.defaults().withFiles(file, null).with("sequenceId", "id");
        assertThatThrownBy(() -> Datasets.open("csv", o)).hasMessageContaining("f.csv:3: sequence 's0' has split '0.25'")
                .hasMessageContaining("a column named 'split' is read as each row's split (train, validation or test); if it is a "
                        + "feature, --set split=none reads it as one");
        SequenceDataset[] opened = new SequenceDataset[1];
        java.util.List<String> warnings = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> opened[0] = Datasets.open("csv", o.with("split", "none")));
        assertThat(warnings).noneMatch(w -> w.contains("split marker")); // asked for: not warned of as a split column used as a feature
        SequenceDataset read = opened[0];
        CsvSchema schema = ((CsvSequenceDataset) read).schema();
        assertThat(schema.featureNames()).containsExactly("a", "split");
        assertThat(schema.split()).isNull();
        assertThat(read.provenance().parameters().get("split")).startsWith("none (a column named split is read as a feature)");
    }
}
