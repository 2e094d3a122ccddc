package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;

/** {@code har} through the dataset factory, as the command line opens it. */
class HarFactoryTest {

    @Test
    void opensAnOfficialFolderWithItsSettings(@TempDir Path dir) {
        Path folder = HarFixtures.officialFolder(dir);
        SequenceDataset d = Datasets.open("har", DatasetOptions.defaults().withDataDir(folder).with("validationFraction", "0.3"));
        assertThat(d.name()).isEqualTo("har");
        assertThat(d.input().featureCount()).isEqualTo(9);
        assertThat(d.labelNames()).hasSize(6).contains("WALKING", "LAYING");
        assertThatThrownBy(() -> Datasets.open("har", DatasetOptions.defaults().withDataDir(folder).with("windowSize", "64")))
                .hasMessageContaining("windowSize");
    }

    @Test
    void aMissingFolderIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-har");
        assertThatThrownBy(() -> Datasets.open("har", DatasetOptions.defaults().withDataDir(missing)))
                .hasMessageContaining("no-such-har");
    }
}
