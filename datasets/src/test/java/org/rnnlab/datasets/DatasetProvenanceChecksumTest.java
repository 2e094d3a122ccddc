package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checksum identifies the data by what was asked for and read, not by what reading reported. */
class DatasetProvenanceChecksumTest {

    @Test
    void droppedSequencesDoNotChangeTheChecksumButSettingsDo() {
        List<DatasetProvenance.FileChecksum> files = List.of(new DatasetProvenance.FileChecksum("a.csv", 10, "ab"));
        DatasetProvenance before = new DatasetProvenance("csv", "a.csv", Map.of("missing", "drop"), files, 42);
        DatasetProvenance now = new DatasetProvenance("csv", "a.csv", Map.of("missing", "drop", "droppedSequences", "train file 3"),
                files, 42);
        // a run of before this entry (a review: its evaluate, --config and --resume read it as other data)
        assertThat(now.checksum()).isEqualTo(before.checksum());
        assertThat(new DatasetProvenance("csv", "a.csv", Map.of("missing", "ffill"), files, 42).checksum())
                .isNotEqualTo(before.checksum());
    }
}
