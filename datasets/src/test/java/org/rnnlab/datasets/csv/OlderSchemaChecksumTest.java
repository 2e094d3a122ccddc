package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetProvenance;

/**
 * A run made by an rnnlab from before {@code sequenceScaling} recorded its CSV schema without that setting: the same file read
 * with the same options now is the same data (trial 78a F1, F2, F5: evaluate {@code --split test} refused an old model and
 * train/compare {@code --config} wrote {@code "sameData": false} for the very file and options of the run).
 */
class OlderSchemaChecksumTest {
    @TempDir
    Path dir;

    private Path sequences() throws Exception {
        StringBuilder csv = new StringBuilder("sequence_id,time,x,label\n");
        for (int i = 0; i < 20; i++) {
            for (int t = 0; t < 3; t++) {
                csv.append('s').append(i).append(',').append(t).append(',').append(i * 0.5 + t).append(',')
                        .append(i % 2 == 0 ? "a" : "b").append('\n');
            }
        }
        return Files.writeString(dir.resolve("seq.csv"), csv);
    }

    /** The provenance as an rnnlab before sequenceScaling wrote it: its schema's text ends {@code ignored=[]]} (as 522cfbf's). */
    private static DatasetProvenance asWrittenBefore(DatasetProvenance now) {
        Map<String, String> p = new HashMap<>(now.parameters());
        String schema = p.get("schema");
        assertThat(schema).endsWith(", sequenceScaling=none]");
        p.put("schema", schema.substring(0, schema.length() - ", sequenceScaling=none]".length()) + "]");
        return new DatasetProvenance(now.dataset(), now.source(), p, now.files(), now.seed());
    }

    @Test
    void aSchemaWithoutASettingAddedSinceIsReadAsItsDefault() throws Exception {
        Path f = sequences();
        CsvSequenceDataset now = CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults());
        DatasetProvenance before = asWrittenBefore(now.provenance());
        assertThat(before.checksum()).isNotEqualTo(now.provenance().checksum()); // the texts differ,
        assertThat(now.provenance().sameAs(before.checksum())).isTrue(); // the data do not
        // another setting still differs
        CsvSequenceDataset ffill = CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withMissing(MissingValues.FFILL));
        assertThat(ffill.provenance().sameAs(before.checksum())).isFalse();
        // and so does per-sequence scaling, which an older run could not have had
        CsvSequenceDataset centred = CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withSequenceScaling(SequenceScaling.CENTER));
        assertThat(centred.provenance().sameAs(before.checksum())).isFalse();
    }
}
