package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "did you mean 'num_points'?" for a misspelled feature: a radar trial's {@code numpoints} got the model's list and nothing
 * more, in {@code --set features} and for a model's column missing from new data (and in serve's named features).
 */
class ClosestNameTest {
    @TempDir
    Path dir;

    private static final List<String> RADAR = List.of("range_m", "velocity_mps", "azimuth_deg", "signal_power_db", "num_points");

    @Test
    void theClosestNameIsFoundOnlyWhenClose() {
        assertThat(Column.closest("numpoints", RADAR)).isEqualTo("num_points");
        assertThat(Column.closest("NUM-POINTS", RADAR)).isEqualTo("num_points");
        assertThat(Column.closest("azimuth_dg", RADAR)).isEqualTo("azimuth_deg");
        assertThat(Column.closest("Range M", RADAR)).isEqualTo("range_m");
        assertThat(Column.closest("temperature", RADAR)).isNull();
        assertThat(Column.closest("x", List.of("y", "z"))).isNull(); // one letter: any is one edit away
        assertThat(Column.closest("num_points", RADAR)).isNull(); // itself
    }

    @Test
    void aChosenFeatureMisspelledInTrainingGetsASuggestion() throws Exception {
        Path f = Files.writeString(dir.resolve("radar.csv"), "recording_id,frame,gesture,range_m,num_points\n"
                + "a,0,push,0.5,3\na,1,push,0.6,4\nb,0,pull,0.4,5\nb,1,pull,0.3,6\n");
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("recording_id"), Column.named("frame"), Column.named("gesture"))
                .withFeatures(List.of(Column.named("range_m"), Column.named("numpoints"))).withFractions(0, 0);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o)).hasMessageContaining("no column named 'numpoints'")
                .hasMessageContaining("did you mean 'num_points'?");
    }

    @Test
    void aModelsColumnMissingFromNewDataGetsASuggestion() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), "recording_id,frame,gesture,range_m,num_points\n"
                + "a,0,push,0.5,3\na,1,push,0.6,4\nb,0,pull,0.4,5\nb,1,pull,0.3,6\n");
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("recording_id"), Column.named("frame"), Column.named("gesture"))
                .withFractions(0, 0);
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(train, o).schema();
        Path renamed = Files.writeString(dir.resolve("new.csv"), "recording_id,frame,gesture,range_m,numPoints\n"
                + "c,0,push,0.5,3\nc,1,push,0.6,4\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(renamed, schema, false, new ArrayList<>()))
                .hasMessageContaining("feature column(s) [num_points] missing")
                .hasMessageContaining("did you mean 'numPoints' for 'num_points'?");
    }
}
