package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * Column references of digits ({@code --set features=2}) when the header holds such names: pandas writes a NumPy array's
 * columns as {@code id,t,0,1,2,label} (a fresh user's try: {@code features=2} read the column named 0, {@code
 * features=1,2} called 't' the time, and {@code label=3} on {@code id,t,0,1,2,3} read a feature as the label).
 */
class DigitColumnNamesTest {

    @TempDir
    Path dir;

    /**
     * 12 sequences of 3 steps: header {@code id,t,<names>}; the columns named by {@code names} hold 100 * (k + 1) + i (k
     * their position among them, i the sequence), the last one the label (even/odd) when {@code labelLast}.
     */
    private Path file(String name, List<String> names, boolean labelLast) throws IOException {
        List<String> lines = new ArrayList<>(List.of("id,t," + String.join(",", names)));
        for (int i = 0; i < 12; i++) {
            for (int t = 0; t < 3; t++) {
                StringBuilder row = new StringBuilder("s" + i + "," + t);
                for (int k = 0; k < names.size(); k++) {
                    row.append(',').append(labelLast && k == names.size() - 1 ? i % 2 == 0 ? "even" : "odd"
                            : Float.toString(100 * (k + 1) + i + 0.5f * t));
                }
                lines.add(row.toString());
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static DatasetOptions options(Path f) {
        return DatasetOptions.defaults().withFiles(f, null).with("sequenceId", "id").with("time", "t")
                .with("validationFraction", "0").with("testFraction", "0");
    }

    /** The values of the first step of sequence s0. */
    private static float[] s0(SequenceDataset d) {
        int i = ((CsvSequenceDataset) d).sequenceIds().get(Split.TRAIN).indexOf("s0");
        return d.split(Split.TRAIN).examples().get(i).values()[0];
    }

    @Test
    void digitsThatNameAHeaderColumnChooseThatColumnAndSaySoWhenTheIndexDiffers() throws Exception {
        Path f = file("mvnum.csv", List.of("0", "1", "2", "label"), true);
        SequenceDataset[] d = new SequenceDataset[1];
        List<String> warnings = new ArrayList<>();
        List<String> infos = LoggedWarnings.infos(CsvSequenceDataset.class, () -> warnings.addAll(LoggedWarnings.of(CsvTable.class,
                () -> d[0] = Datasets.open("csv", options(f).with("features", "2")))));
        assertThat(s0(d[0])).containsExactly(300f); // the column named 2, not the one at index 2 (named 0: 100)
        assertThat(d[0].csvSchema().orElseThrow().features()).containsExactly(Column.named("2"));
        assertThat(infos).anySatisfy(m -> assertThat(m).contains("mvnum.csv: '2' of --set features is read as the header column "
                + "named '2' (column 4, from 0), not as the 0-based index 2 (column '0'): with a header a name wins"));
        // pandas' default names beside id, t and label: plainly a header, no --set header=false advice
        assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("holds numbers as column names"));

        SequenceDataset both = Datasets.open("csv", options(f).with("features", "1,2"));
        assertThat(s0(both)).containsExactly(200f, 300f);

        // a model stores the columns by name and reads new files by name, whatever their order
        CsvSchema schema = d[0].csvSchema().orElseThrow();
        Path reordered = Files.writeString(dir.resolve("new.csv"), "id,t,2,1,0,label\nq,0,7,8,9,even\nq,1,7.5,8,9,even\n");
        assertThat(NewData.csv(reordered, schema.withIgnored(List.of("0", "1")), true).values().get(0))
                .isDeepEqualTo(new float[][] {{7}, {7.5f}});
    }

    @Test
    void aLabelNamedByDigitsIsReadByName() throws Exception {
        Path f = file("mvnum3.csv", List.of("0", "1", "2", "3"), true);
        SequenceDataset d = Datasets.open("csv", options(f).with("label", "3"));
        assertThat(d.labelNames()).containsExactly("even", "odd");
        assertThat(d.csvSchema().orElseThrow().label()).isEqualTo(Column.named("3"));
        assertThat(s0(d)).containsExactly(100f, 200f, 300f);
    }

    @Test
    void aReferenceReadAsAnIndexIsNamedInTheErrorsAWrongColumnCauses() throws Exception {
        Path f = file("named.csv", List.of("a", "b", "c", "label"), true);
        // no column named 3: index 3 is 'b', a feature whose value varies within a sequence
        assertThatThrownBy(() -> Datasets.open("csv", options(f).with("label", "3").with("features", "a,c")))
                .hasMessageContaining("has label '")
                .hasMessageContaining("'3' of --set label was read as the 0-based index 3, column 'b', as no header column is "
                        + "named '3'");
        assertThatThrownBy(() -> Datasets.open("csv", options(f).with("features", "1,2")))
                .hasMessageContaining("feature column 't' is also the sequence id, label, time, split or group column")
                .hasMessageContaining("'1' of --set features was read as the 0-based index 1, column 't'");
        assertThatThrownBy(() -> Datasets.open("csv", options(f).with("features", "9")))
                .hasMessageContaining("named.csv:1: '9' of --set features names no column: the header [id, t, a, b, c, label] has "
                        + "no column of that name, and as a 0-based index it is outside the file's 6 columns");
        // in range and fine: read by index as before
        assertThat(s0(Datasets.open("csv", options(f).with("features", "3")))).containsExactly(200f);
    }

    @Test
    void aHeaderlessFileWhoseFirstRowCountsFromZeroIsStillWarnedOf() throws Exception {
        // the first row of a headerless file read as the header: names that count 0, 1, 2 beside text whose column holds text
        Path f = Files.writeString(dir.resolve("nohdr.csv"), "s1,0,1,2,walk\ns1,1,1.5,2.5,walk\ns2,0,3,4,run\ns2,1,3.5,4.5,run\n");
        List<String> warnings = LoggedWarnings.of(CsvTable.class, () -> {
            try {
                Datasets.open("csv", DatasetOptions.defaults().withFiles(f, null));
            } catch (RuntimeException expected) {
                // no column sequence_id
            }
        });
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("holds numbers as column names"));
    }

    @Test
    void theFolderLayoutStoresItsLabelsFileColumnsAsReadAndOldCardsKeepTheirIndex() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("data"));
        // labels.csv: file, cls (the class), 1 (a second label set), part (the split)
        StringBuilder labels = new StringBuilder("file,cls,1,part\n");
        for (int i = 0; i < 8; i++) {
            Files.writeString(folder.resolve("r" + i + ".csv"), "ax\n" + i + "\n" + (i + 0.5) + "\n");
            labels.append("r").append(i).append(".csv,").append(i % 2 == 0 ? "up" : "down").append(',')
                    .append(i < 4 ? "left" : "right").append(',').append(i < 6 ? "train" : "test").append('\n');
        }
        Files.writeString(folder.resolve("labels.csv"), labels.toString());
        DatasetOptions o = DatasetOptions.defaults().withDataDir(folder).with("validationFraction", "0");
        // --set label=1 names the column '1'; --set split=3 is the index of 'part' (before, a split or group given by
        // index was not found by name when the files were read, and the test sequences were carved at random instead)
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", o.with("label", "1").with("split", "3"));
        assertThat(d.labelNames()).containsExactly("left", "right");
        assertThat(d.schema().label()).isEqualTo(Column.named("1"));
        assertThat(d.schema().split()).isEqualTo(Column.named("part"));
        assertThat(d.sequenceIds().get(Split.TEST)).containsExactlyInAnyOrder("r6.csv", "r7.csv");
        // a card written before stores the label by index as given: new data are read at that index, as in training then
        CsvSchema old = new CsvSchema(CsvSchema.FOLDER, ",", true, 0, null, null, Column.at(1), null, null,
                List.of(Column.named("ax")), MissingValues.ERROR, List.of());
        NewData read = NewData.csv(folder, old, true);
        assertThat(read.labels()).containsExactly("up", "down", "up", "down", "up", "down", "up", "down");
    }
}
