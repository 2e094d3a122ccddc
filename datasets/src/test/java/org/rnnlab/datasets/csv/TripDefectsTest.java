package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Trial 77c (fleet trips, irregular GPS pings at epoch seconds): the long layout refused a duplicated ping and, only on the
 * next run, a trip's swapped pings (F2); a folder of trips given to a long-layout model called a duplicated ping several
 * sequences, wrote the time before as {@code 1.798201069E9}, named one of three such files, after counting the others'
 * spacing without them (F3); the "events" finding was a warning of a long training file and an INFO of a training folder
 * (F5); and a long-layout model's folder with a labels file gave no columns of it to keep (F6).
 */
class TripDefectsTest {
    @TempDir
    Path dir;

    private static final String HEADER = "ts,speed,heading";

    /** Trip {@code i}'s rows ({@code ts,speed,heading}): 12 pings 2 to 90 s apart from an epoch second near 1.798e9. */
    private static List<String> trip(int i) {
        Random random = new Random(i);
        List<String> rows = new ArrayList<>();
        long t = 1_798_200_000L + 10_000L * i;
        for (int k = 0; k < 12; k++) {
            t += 2 + random.nextInt(89);
            rows.add(String.format(Locale.ROOT, "%d,%.1f,%d", t, 20 + random.nextDouble() * 60 + (i % 2) * 30, random.nextInt(360)));
        }
        return rows;
    }

    private static String label(int i) {
        return i % 2 == 0 ? "urban" : "highway";
    }

    /** {@code n} trips in the long layout ({@code trip_id,ts,speed,heading,label}). */
    private Path longFile(String name, int n) throws Exception {
        List<String> lines = new ArrayList<>(List.of("trip_id," + HEADER + ",label"));
        for (int i = 0; i < n; i++) {
            for (String row : trip(i)) {
                lines.add(String.format(Locale.ROOT, "T%04d,%s,%s", i, row, label(i)));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    /** {@code n} trips as a folder of one file each ({@code ts,speed,heading}) with labels.csv ({@code file,label,driver}). */
    private Path folder(String name, int n) throws Exception {
        Path f = Files.createDirectories(dir.resolve(name));
        List<String> labels = new ArrayList<>(List.of("file,label,driver"));
        for (int i = 0; i < n; i++) {
            List<String> rows = new ArrayList<>(trip(i));
            rows.add(0, HEADER);
            Files.write(f.resolve(String.format(Locale.ROOT, "T%04d.csv", i)), rows);
            labels.add(String.format(Locale.ROOT, "T%04d.csv,%s,D%02d", i, label(i), i % 5));
        }
        Files.write(f.resolve("labels.csv"), labels);
        return f;
    }

    private static CsvOptions longOptions() {
        CsvOptions o = CsvOptions.defaults().withFractions(0.2, 0.2);
        return o.withColumns(Column.named("trip_id"), Column.named("ts"), o.label());
    }

    /** Writes {@code file} again with its data row {@code row} (0-based) written twice. */
    private static void duplicateRow(Path file, int row) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(row + 2, lines.get(row + 1));
        Files.write(file, lines);
    }

    /** Writes {@code file} again with its lines {@code a} and {@code a + 1} (1-based) swapped. */
    private static void swapLines(Path file, int a) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        java.util.Collections.swap(lines, a - 1, a);
        Files.write(file, lines);
    }

    @Test
    void aLongFileRefusedForADuplicatedRowCountsItsRowsOutOfOrderTooAndTheReverse() throws Exception {
        Path f = longFile("trips.csv", 20);
        // a duplicated ping in trip 2 (line 2 + 24 + 4 = 30 repeats 29), trip 7's pings at lines 90 and 91 swapped
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.add(29, lines.get(28));
        java.util.Collections.swap(lines, 89, 90);
        Path both = Files.write(dir.resolve("both.csv"), lines);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(both, longOptions())).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("both.csv:30: ").hasMessageContaining("line 30 repeats line 29, every feature the same")
                .hasMessageContaining("df.drop_duplicates(); also: 1 sequence with rows out of order, e.g. 'T0007' line 91, "
                        + "sorted with pandas (the ids kept in the order they first appear, the order predict writes them): "
                        + "df.assign(_o=df.groupby(\"trip_id\", sort=False).ngroup()).sort_values([\"_o\", \"ts\"], "
                        + "kind='stable').drop(columns=\"_o\")");
        // the rows out of order first: the duplicated rows after them are counted
        List<String> reversed = new ArrayList<>(Files.readAllLines(f));
        java.util.Collections.swap(reversed, 9, 10); // trip 0's lines 10 and 11
        reversed.add(29, reversed.get(28)); // trip 2's line 29 again, as line 30
        reversed.add(61, reversed.get(60)); // trip 4's line 61 (its line 60 before the copy above) again, as line 62
        Path first = Files.write(dir.resolve("first.csv"), reversed);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(first, longOptions()))
                .hasMessageContaining("first.csv:11: time").hasMessageContaining("of sequence 'T0000' does not increase after line 10")
                .hasMessageContaining("also: 2 duplicated row(s) in 2 sequence(s), each repeating the row before (time and every "
                        + "feature), e.g. 'T0002' line 30: df.drop_duplicates()");
        // one kind alone: no 'also'
        List<String> one = new ArrayList<>(Files.readAllLines(f));
        one.add(29, one.get(28));
        Path dup = Files.write(dir.resolve("dup.csv"), one);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(dup, longOptions()))
                .hasMessageContaining("line 30 repeats line 29").hasMessageNotContaining("also:");
    }

    @Test
    void aFolderForALongModelNamesEveryFileWithADuplicatedRowAsSuchWithTheTimesAsWritten() throws Exception {
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(longFile("train.csv", 20), longOptions()).schema();
        Path f = folder("newest", 12);
        duplicateRow(f.resolve("T0003.csv"), 5);
        duplicateRow(f.resolve("T0008.csv"), 2);
        swapLines(f.resolve("T0010.csv"), 6);
        List<String> said = new ArrayList<>();
        said.addAll(LoggedWarnings.infos(CsvSequenceDataset.class, () -> assertThatThrownBy(() -> CsvSequenceDataset.readAll(f,
                schema, false, new ArrayList<>())).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("3 sequence files could not be read (every file was read")
                .hasMessageContaining("T0003.csv:8: time " + trip(3).get(5).split(",")[0] + " in column 'ts' does not increase after "
                        + "line 7 (expected the rows of each sequence file in increasing time): line 8 repeats line 7, every feature "
                        + "the same: a duplicated row").hasMessageContaining("df.drop_duplicates()")
                .hasMessageContaining("T0008.csv:5: time " + trip(8).get(2).split(",")[0])
                // another time that goes back: said as before, the time before as written, not 1.798...E9
                .hasMessageContaining("T0010.csv:7: time " + trip(10).get(4).split(",")[0] + " in column 'ts' does not increase "
                        + "(the row before has " + trip(10).get(5).split(",")[0] + "), so the file holds more than one sequence")
                .hasMessageNotContaining("E9")));
        assertThat(said).as("no spacing counted without the files refused").noneMatch(w -> w.contains("vary within most sequences"));
        // with its labels file gone, the same
        Files.delete(f.resolve("labels.csv"));
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, schema, false, new ArrayList<>()))
                .hasMessageContaining("3 sequence files could not be read").hasMessageContaining("T0008.csv:5:");
    }

    @Test
    void eventsInATrainingFolderAreAWarningAsInALongTrainingFile() throws Exception {
        List<String> fromLong = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(longFile("train.csv", 20), longOptions()));
        assertThat(fromLong).anySatisfy(w -> assertThat(w).contains("events, not samples at a rate"));
        CsvOptions o = CsvOptions.defaults().withFractions(0.2, 0.2);
        Path f = folder("trips", 20);
        List<String> fromFolder = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromFolder(f, o.withColumns(o.sequenceId(), Column.named("ts"), o.label())));
        assertThat(fromFolder).anySatisfy(w -> assertThat(w).contains("labels.csv: the steps of the time column 'ts' of its "
                + "sequence files vary within most sequences", "events, not samples at a rate"));
    }

    @Test
    void aLongModelsFolderGivesTheColumnsOfItsLabelsFileByTheIdsItPredicts() throws Exception {
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(longFile("train.csv", 20), longOptions()).schema();
        Path f = folder("newest", 6);
        CsvSequenceDataset.Reading reading = new CsvSequenceDataset.Reading(null)
                .keep(SequenceColumns.Request.keepColumns(List.of("driver")));
        List<CsvSequence> read = CsvSequenceDataset.readAll(f, schema, true, new ArrayList<>(), new ArrayList<>(), reading);
        assertThat(read).extracting(CsvSequence::id).contains("T0000", "T0005");
        assertThat(reading.kept()).containsKeys(read.stream().map(CsvSequence::id).toArray(String[]::new));
        assertThat(reading.kept().get("T0003")).containsExactly("D03");
    }
}
