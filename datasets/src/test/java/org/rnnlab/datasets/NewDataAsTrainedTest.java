package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.csv.CsvOptions;
import org.rnnlab.datasets.csv.CsvSequenceDataset;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.csv.SplitIdsFile;

/**
 * New data read with another missing-value policy than the model's ({@code evaluate --missing zero} of a model trained with
 * ffill) keep, in {@link NewData#asTrained()}, the fingerprints train recorded in splits.csv: a review found training
 * sequences with a gap reported as "other values: counted as sequences the model has not seen".
 */
class NewDataAsTrainedTest {

    @TempDir
    Path dir;

    @Test
    void aLongFileReadWithAnotherPolicyKeepsTheFingerprintsOfTheModelsPolicy() throws Exception {
        StringBuilder b = new StringBuilder("sequence_id,time,x,y,label\n");
        for (int s = 0; s < 20; s++) {
            for (int t = 0; t < 5; t++) {
                String x = s % 4 == 0 && t == 2 ? "NA" : String.format(Locale.ROOT, "%.3f", s * 0.1 + t * 0.01);
                b.append("s").append(s).append(',').append(t).append(',').append(x).append(',').append(t * 0.5).append(',')
                        .append(s % 2 == 0 ? "a" : "b").append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("long.csv"), b.toString());
        CsvSequenceDataset trained = CsvSequenceDataset.fromLongCsv(file,
                CsvOptions.defaults().withFractions(0.2, 0.2).withMissing(MissingValues.FFILL));
        Set<String> recorded = trained.sequenceFingerprints().values().stream().flatMap(List::stream).collect(Collectors.toSet());

        NewData zero = NewData.csv(file, trained.schema().withMissing(MissingValues.ZERO), true, MissingValues.FFILL);
        Set<String> asRead = zero.values().stream().map(SplitIdsFile::fingerprint).collect(Collectors.toSet());
        assertThat(asRead).hasSize(20).isNotEqualTo(recorded); // the 5 with a gap differ
        assertThat(zero.asTrained()).hasSize(20).containsExactlyInAnyOrderElementsOf(recorded);
        assertThat(zero.columns()).containsExactly("sequence_id", "time", "x", "y", "label");

        // read with the model's own policy: nothing apart
        assertThat(NewData.csv(file, trained.schema(), true, MissingValues.FFILL).asTrained()).isEmpty();
    }
}
