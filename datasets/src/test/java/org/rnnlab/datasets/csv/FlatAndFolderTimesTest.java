package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * ECG-like segments in the folder layout (a trial): lead-off segments (all zeros) are named as flat, not as copies under two
 * labels, and 500 Hz files among 250 Hz ones are named by the files' time column, which the folder layout does not read.
 */
class FlatAndFolderTimesTest {
    @TempDir
    Path dir;

    /** 40 segments of 2 leads; {@code flat} of them all zeros; {@code fast} of them sampled twice as often. */
    private Path folder(String name, int flat, int fast) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        List<String> labels = new ArrayList<>(List.of("file,label"));
        for (int i = 0; i < 40; i++) {
            double step = i < fast ? 0.002 : 0.004;
            StringBuilder rows = new StringBuilder("time,lead1,lead2\n");
            for (int t = 0; t < 50; t++) {
                boolean zero = i >= 40 - flat;
                rows.append(String.format(Locale.ROOT, "%.3f,%.4f,%.4f%n", t * step, zero ? 0 : Math.sin(t * 0.3 + i),
                        zero ? 0 : Math.cos(t * 0.2 + i)));
            }
            Files.writeString(folder.resolve("seg" + i + ".csv"), rows);
            labels.add("seg" + i + ".csv," + (i % 2 == 0 ? "normal" : "af"));
        }
        Files.write(folder.resolve("labels.csv"), labels);
        return folder;
    }

    private static final CsvOptions LEADS = CsvOptions.defaults().withFeatures(List.of(Column.named("lead1"), Column.named("lead2")));

    @Test
    void flatSegmentsAreNamedAsFlatNotAsCopiesUnderTwoLabels() throws Exception {
        Path f = folder("flat", 4, 0);
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromFolder(f, LEADS));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("have a feature with one value over all their steps, where it "
                + "varies within most sequences", "lead1 = 0, lead2 = 0 over 50 steps", "a flat line, an electrode off"));
        assertThat(warned).noneMatch(w -> w.contains("exactly the values of another sequence with another label")
                || w.contains("copies of training sequences"));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromFolder(folder("plain", 0, 0), LEADS)))
                .noneMatch(w -> w.contains("one value over all their steps") || w.contains("sequences are sampled at another step"));
    }

    @Test
    void filesSampledAtAnotherRateAreNamedByTheirTimeColumn() throws Exception {
        Path f = folder("mixed", 0, 4);
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromFolder(f, LEADS)))
                .anySatisfy(w -> assertThat(w).contains("labels.csv: 4 of the 40 sequences are sampled at another step of the time "
                        + "column 'time' of its sequence files than most (rows 0.004 apart)", "'seg0.csv' every 0.002"));
        // the model stores the usual step; a folder of new files sampled twice as often is named as such
        CsvSchema schema = CsvSequenceDataset.fromFolder(folder("trained", 0, 0), LEADS).schema();
        assertThat(schema.timeStep()).isEqualTo(new TimeStep(0.004, false));
        Path fast = folder("fast", 0, 40);
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(fast.resolve("labels.csv"),
                schema, false, new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("labels.csv: its rows are 0.002 apart "
                + "in the time column 'time' of its sequence files", "were 0.004 apart"));
    }
}
