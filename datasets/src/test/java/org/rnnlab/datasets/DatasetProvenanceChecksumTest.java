package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * dataset-provenance.json writes the parameters in sorted order, so that two runs of one command write the same bytes (a
     * trial: Map.copyOf's order, salted per JVM, moved "delimiter" between two identical runs).
     */
    @Test
    void parametersAreWrittenInSortedOrder() throws Exception {
        Map<String, String> given = new LinkedHashMap<>();
        for (String key : List.of("time", "sequenceId", "label", "delimiter", "decimal", "missing", "validationFraction",
                "testFraction", "labelOrder", "groupCarving", "stratifiedCarving", "naValues")) {
            given.put(key, key.length() + "");
        }
        DatasetProvenance p = new DatasetProvenance("csv", "a.csv", given, List.of(), 1);
        List<String> sorted = new ArrayList<>(given.keySet());
        sorted.sort(null);
        assertThat(List.copyOf(p.parameters().keySet())).isEqualTo(sorted);
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(p);
        List<Integer> at = sorted.stream().map(k -> json.indexOf('"' + k + '"')).toList();
        assertThat(at).as(json).isSorted().doesNotContain(-1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.parameters().put("x", "y")).as("still unmodifiable")
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
