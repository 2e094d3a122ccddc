package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;

/**
 * A file whose role columns have other names than the defaults is refused with every setting its header suggests at
 * once: rnnlab's own example files ({@code series_id,timestamp,x,y,z,class}) met one refusal per role.
 */
class SuggestedRolesTest {

    @TempDir
    Path dir;

    @Test
    void theHeadersRoleNamesAreSuggestedTogether() throws Exception {
        Path f = Files.writeString(dir.resolve("TRAIN.csv"), "series_id,timestamp,x,class\na,0,1.0,up\na,1,2.0,up\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("no column named 'sequence_id'")
                .hasMessageContaining("(the header's names suggest --set sequenceId=series_id --set time=timestamp --set label=class)");
        // the id found, the label not: only the label (and time) suggested
        Path g = Files.writeString(dir.resolve("g.csv"), "sequence_id,Zeit,x,Target\na,0,1.0,up\na,1,2.0,up\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(g, CsvOptions.defaults()))
                .hasMessageContaining("(the header's names suggest --set time=Zeit --set label=Target)");
        assertThat(CsvSequenceDataset.suggestedRoles(List.of("a", "b"), CsvOptions.defaults())).isNull();
        // rnnlab's own example columns: the label is 'class', not the axis 'y' that comes first
        assertThat(CsvSequenceDataset.suggestedRoles(List.of("series_id", "timestamp", "x", "y", "z", "class"), CsvOptions.defaults()))
                .isEqualTo("the header's names suggest --set sequenceId=series_id --set time=timestamp --set label=class");
        assertThat(CsvSequenceDataset.suggestedRoles(List.of("window id", "y", "Outcome"), CsvOptions.defaults())).isEqualTo(
                "the header's names suggest --set sequenceId='window id' --set label=Outcome");
        // a header of other words: the one column whose name ends in an id word (a user's 'Sensor ID' got no hint)
        assertThat(CsvSequenceDataset.suggestedRoles(List.of("Sensor ID", "Time stamp", "Accel X", "Activity"), CsvOptions.defaults()))
                .isEqualTo("the header's names suggest --set sequenceId='Sensor ID' --set time='Time stamp' --set label=Activity");
        assertThat(CsvSequenceDataset.suggestedRoles(List.of("SessionId", "v", "label"), CsvOptions.defaults()))
                .isEqualTo("the header's names suggest --set sequenceId=SessionId");
        // several: both named, and what tells them apart
        assertThat(CsvSequenceDataset.suggestedRoles(List.of("user_id", "session_id", "v", "label"), CsvOptions.defaults()))
                .isEqualTo("the header's names suggest --set sequenceId=user_id or session_id (the one whose value names one "
                        + "sequence; another id may be --set group=NAME)");
        // words that merely end in the letters i, d are not ids
        assertThat(CsvSequenceDataset.suggestedRoles(List.of("humid", "valid", "Android", "label"), CsvOptions.defaults())).isNull();
        assertThat(CsvSequenceDataset.endsInIdWord("id")).isFalse(); // the bare 'id' is in the list of names already
        assertThat(CsvSequenceDataset.suggestedRoles(null, CsvOptions.defaults())).isNull();
    }

    /**
     * An upper-case header, as SQL exports write it ({@code Id,TIME,...,LABEL}), gets all three settings at once: the default
     * names in another case are suggested too (a trial met a second refusal for its 'LABEL').
     */
    @Test
    void theDefaultNamesInAnotherCaseAreSuggested() throws Exception {
        Path f = Files.writeString(dir.resolve("UPPER.csv"), "Id,TIME,GYRO_I,LABEL\na,0,1.0,IDLE\na,1,2.0,IDLE\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("no column named 'sequence_id'")
                .hasMessageContaining("(the header's names suggest --set sequenceId=Id --set time=TIME --set label=LABEL)");
        assertThat(CsvSequenceDataset.suggestedRoles(List.of("SEQUENCE_ID", "ID", "TIME", "x", "CLASS", "LABEL"), CsvOptions.defaults()))
                .as("the default's own name first")
                .isEqualTo("the header's names suggest --set sequenceId=SEQUENCE_ID --set time=TIME --set label=LABEL");
    }
}
