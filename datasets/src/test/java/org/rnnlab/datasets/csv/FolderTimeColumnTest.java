package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * The folder layout's time column (trial 76d, a process engineer's batch exports: one CSV per batch with a timestamp
 * column, a labels file of batch ids): {@code --set time=COL} reads it in every sequence file, refuses a file whose times go
 * back (a newest-first export, read backwards, turned the one out-of-spec batch into a confident in-spec one) and warns of
 * files at another sampling step, in training and against the model's step in predict and evaluate; without it, a column of
 * date-times left out is said to be unread. Batch ids without {@code .csv} are read as their files, and with the features
 * chosen a file's extra column is left out with a warning instead of stopping training.
 */
class FolderTimeColumnTest {
    @TempDir
    Path dir;

    /**
     * 24 batches b0..b23 ({@code timestamp,temp,pH}, 40 rows); the first {@code slow} of them sampled every 60 s, the
     * others every 30 s; those in {@code reversed} written newest first; the labels file lists ids without .csv when
     * {@code bareIds}.
     */
    private Path batches(String name, int slow, List<Integer> reversed, boolean bareIds) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        List<String> labels = new ArrayList<>(List.of("batch_id,label"));
        LocalDateTime start = LocalDateTime.of(2024, 5, 15, 6, 0);
        for (int i = 0; i < 24; i++) {
            int step = i < slow ? 60 : 30;
            List<String> rows = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                rows.add(String.format(Locale.ROOT, "%s,%.2f,%.3f", start.plusSeconds((long) t * step), 25 + t * 0.1 + i,
                        7 + (i % 2) * 0.2 + t * 0.001));
            }
            if (reversed.contains(i)) {
                java.util.Collections.reverse(rows);
            }
            rows.add(0, "timestamp,temp,pH");
            Files.write(folder.resolve("b" + i + ".csv"), rows);
            labels.add("b" + i + (bareIds ? "" : ".csv") + "," + (i % 2 == 0 ? "in_spec" : "out_of_spec"));
        }
        Files.write(folder.resolve("labels.csv"), labels);
        return folder;
    }

    private static final CsvOptions FILE_ID = CsvOptions.defaults().withFileColumn(Column.named("batch_id"));

    /** {@code --set file=batch_id --set time=timestamp}, as the command line gives them. */
    private static CsvOptions timed() {
        return FILE_ID.withColumns(FILE_ID.sequenceId(), Column.named("timestamp"), FILE_ID.label());
    }

    @Test
    void theChosenTimeColumnIsNoFeatureAndFilesAtAnotherStepAreNamed() throws Exception {
        Path mixed = batches("mixed", 6, List.of(), false);
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromFolder(mixed, timed()));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("labels.csv: 6 of the 24 sequences are sampled at another step "
                + "of the time column 'timestamp' of its sequence files than most (rows 30 s apart)", "'b0.csv' every 1 min"));
        CsvSchema schema = CsvSequenceDataset.fromFolder(batches("even", 0, List.of(), false), timed()).schema();
        assertThat(schema.featureNames()).containsExactly("temp", "pH");
        assertThat(schema.time()).isEqualTo(Column.named("timestamp"));
        assertThat(schema.timeStep()).isEqualTo(new TimeStep(30, true, null, false)); // local date-times
        // the columns line names the time column, as the long layout's does (stop 76: the folder's left it out)
        assertThat(schema.describeColumns()).contains("one sequence per file, label", "; time 'timestamp' of each file;");
        assertThat(CsvSequenceDataset.fromFolder(batches("untimed", 0, List.of(), false), FILE_ID.withFeatures(
                List.of(Column.named("temp"), Column.named("pH")))).schema().describeColumns()).contains("no time column (each file's row order)");
        // new batches exported every minute, for a model of 30 s rows: named in predict and evaluate, with and without labels
        Path slow = batches("slow", 24, List.of(), false);
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(slow.resolve("labels.csv"), schema,
                true, new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("its rows are 1 min apart in the time column "
                + "'timestamp' of its sequence files", "were 30 s apart"));
        Files.delete(slow.resolve("labels.csv"));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(slow, schema, false,
                new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("its rows are 1 min apart", "were 30 s apart"));
        // the features chosen with the time among them: refused as in the long layout
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(mixed, timed().withFeatures(List.of(Column.named("timestamp"),
                Column.named("temp"))))).hasMessageContaining("feature column 'timestamp' is also the sequence id, label, time");
    }

    /** Each sequence file of {@code folder} (all but the labels file) with {@code offset} written after each time. */
    private static Path withOffsets(Path folder, String offset) throws Exception {
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals("labels.csv")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 1; i < lines.size(); i++) {
                    lines.set(i, lines.get(i).replaceFirst(",", offset + ","));
                }
                Files.write(f, lines);
            }
        }
        return folder;
    }

    @Test
    void aFolderOfTheOtherKindOfDateTimesIsNotedAsALongFileIs() throws Exception {
        // review 79 R4: the model keeps whether its date-times had an offset, and only a long-layout file of the other kind
        // was noted; a folder-layout model's new files with offsets said nothing
        CsvSchema local = CsvSequenceDataset.fromFolder(batches("trained", 0, List.of(), false), timed()).schema();
        assertThat(local.timeStep().offsets()).isFalse();
        Path utc = withOffsets(batches("utc", 0, List.of(), false), "Z");
        Files.delete(utc.resolve("labels.csv"));
        String note = "time column 'timestamp': the model was trained on local date-times without an offset, this file has "
                + "date-times with one";
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(utc, local, false,
                new ArrayList<>()))).filteredOn(w -> w.contains("the model was trained on")).singleElement()
                .satisfies(w -> assertThat(w).containsPattern("b\\d+\\.csv: " + java.util.regex.Pattern.quote(note))
                        .contains("read as instants", "(said once, for the folder's first such file)"));
        // files of the model's kind: nothing
        Path same = batches("same", 0, List.of(), false);
        Files.delete(same.resolve("labels.csv"));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(same, local, false,
                new ArrayList<>()))).noneMatch(w -> w.contains("the model was trained on"));

        // a long-layout model trained on offsets, predicting a folder of its sequences (one <id>.csv each) of local times
        List<String> rows = new ArrayList<>(List.of("id,timestamp,temp,pH,label"));
        LocalDateTime start = LocalDateTime.of(2024, 5, 15, 6, 0);
        for (int i = 0; i < 24; i++) {
            for (int t = 0; t < 40; t++) {
                rows.add(String.format(Locale.ROOT, "s%d,%s+02:00,%.2f,%.3f,%s", i, start.plusSeconds(30L * t), 25 + t * 0.1 + i,
                        7 + (i % 2) * 0.2 + t * 0.001, i % 2 == 0 ? "in_spec" : "out_of_spec"));
            }
        }
        Path longFile = Files.write(dir.resolve("long.csv"), rows);
        CsvSchema offsets = CsvSequenceDataset.fromLongCsv(longFile, CsvOptions.defaults().withColumns(Column.named("id"),
                Column.named("timestamp"), Column.named("label"))).schema();
        assertThat(offsets.timeStep().offsets()).isTrue();
        Path sequences = Files.createDirectories(dir.resolve("sequences"));
        for (int i = 0; i < 6; i++) {
            List<String> file = new ArrayList<>(List.of("timestamp,temp,pH"));
            for (int t = 0; t < 40; t++) {
                file.add(String.format(Locale.ROOT, "%s,%.2f,%.3f", start.plusSeconds(30L * t), 25 + t * 0.1 + i, 7 + t * 0.001));
            }
            Files.write(sequences.resolve("s" + i + ".csv"), file);
        }
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(sequences, offsets, false,
                new ArrayList<>()))).filteredOn(w -> w.contains("the model was trained on")).singleElement()
                .satisfies(w -> assertThat(w).containsPattern("s\\d\\.csv: time column 'timestamp': the model was trained on "
                        + "date-times with an offset \\(instants\\), this file has local date-times without one"));
    }

    @Test
    void aFileWhoseTimesGoBackIsRefusedNamingFileAndLine() throws Exception {
        Path folder = batches("newest-first", 0, List.of(3), false);
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, timed())).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("b3.csv:3: time 2024-05-15T06:19 in column 'timestamp' does not increase after line 2 "
                        + "(2024-05-15T06:19:30")
                .hasMessageContaining("sort_values(\"timestamp\", kind='stable')");
        // the line writes the file back in place, named (trial 79h F2: to_csv(..., index=False) was an Ellipsis path), and runs
        String refused = org.assertj.core.api.Assertions.catchThrowable(() -> CsvSequenceDataset.fromFolder(folder, timed()))
                .getMessage();
        String b3 = folder.resolve("b3.csv").toString();
        assertThat(refused).contains(".to_csv(\"" + b3 + "\", index=False), df being the file as pd.read_csv reads it, written "
                + "back in place");
        String line = refused.substring(refused.indexOf("pandas: df") + "pandas: ".length(), refused.indexOf("index=False)")
                + "index=False)".length());
        TimeSpacingTest.runPandas(dir, "import pandas as pd\ndf = pd.read_csv('" + b3 + "')\n" + line + "\n");
        assertThat(Files.readAllLines(folder.resolve("b3.csv"))).hasSize(Files.readAllLines(folder.resolve("b2.csv")).size());
        // without --set time the same folder trains (row order is time order), and the unread column is said once
        CsvOptions features = FILE_ID.withFeatures(List.of(Column.named("temp"), Column.named("pH")));
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromFolder(folder, features));
        assertThat(warned).filteredOn(w -> w.contains("--set time=timestamp reads it")).singleElement().satisfies(w ->
                assertThat(w).contains("b0.csv: column 'timestamp' holds ISO-8601 dates or date-times without an offset and is left "
                        + "out", "a file whose times go back is refused"));
        // new data written newest first, for a model that read the time: refused in predict too
        CsvSchema schema = CsvSequenceDataset.fromFolder(batches("trained", 0, List.of(), false), timed()).schema();
        Path fresh = batches("fresh", 0, List.of(5), false);
        Files.delete(fresh.resolve("labels.csv"));
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(fresh, schema, false, new ArrayList<>()))
                .hasMessageContaining("b5.csv:3: time").hasMessageContaining("does not increase after line 2");
        // a file without the column, or with a time that is no time
        Files.writeString(fresh.resolve("b6.csv"), "temp,pH\n25,7\n26,7.1\n");
        Files.writeString(fresh.resolve("b5.csv"), "timestamp,temp,pH\n2024-05-15T06:00:00,25,7\nsoon,26,7.1\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(fresh, schema, false, new ArrayList<>()))
                .hasMessageContaining("b5.csv:3: time 'soon' in column 'timestamp' is not a number or an ISO-8601 date-time")
                .hasMessageContaining("b6.csv:1: no time column 'timestamp'");
    }

    @Test
    void aTextTimestampColumnOffersTheTimeSettingOfTheFolderLayout() throws Exception {
        Path folder = batches("text", 0, List.of(), false);
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, FILE_ID))
                .hasMessageContaining("--set time=timestamp reads it as the time column of every sequence file")
                .hasMessageContaining("--set features=temp,pH");
        // and the setting is taken on the command line (it was refused: "applies to the long layout")
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", DatasetOptions.defaults().withDataDir(folder)
                .with("file", "batch_id").with("time", "timestamp"));
        assertThat(d.schema().time()).isEqualTo(Column.named("timestamp"));
        assertThat(d.schema().featureNames()).containsExactly("temp", "pH");
    }

    @Test
    void idsWithoutCsvAreReadAsTheirFilesWithANote() throws Exception {
        Path folder = batches("bare", 0, List.of(), true);
        List<String> notes = LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromFolder(folder, timed()));
        assertThat(notes).filteredOn(n -> n.contains("lack '.csv'")).singleElement().satisfies(n -> assertThat(n)
                .contains("labels.csv: 24 listed name(s) in column 'batch_id' lack '.csv' (e.g. 'b0')", "(b0.csv)"));
        CsvSequenceDataset d = CsvSequenceDataset.fromFolder(folder, timed());
        assertThat(d.sequenceIds().values().stream().flatMap(List::stream)).contains("b0.csv").hasSize(24);
        // ambiguous (b1.csv and b1.CSV, file systems that keep case): refused as before
        Files.writeString(folder.resolve("b1.CSV"), Files.readString(folder.resolve("b1.csv")));
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, timed()))
                .hasMessageContaining("labels.csv:3: listed file 'b1' not found");
        Files.delete(folder.resolve("b1.CSV"));
        // a listed id with no file stays refused
        Files.writeString(folder.resolve("labels.csv"), Files.readString(folder.resolve("labels.csv")) + "b99,in_spec\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, timed()))
                .hasMessageContaining("labels.csv:26: listed file 'b99' not found");
    }

    @Test
    void withTheFeaturesChosenAFilesExtraColumnIsLeftOutWithAWarning() throws Exception {
        Path folder = batches("note", 0, List.of(), false);
        List<String> rows = new ArrayList<>(Files.readAllLines(folder.resolve("b5.csv")));
        for (int r = 0; r < rows.size(); r++) {
            rows.set(r, rows.get(r) + (r == 0 ? ",operator_note" : r == 7 ? ",valve checked" : ","));
        }
        Files.write(folder.resolve("b5.csv"), rows);
        CsvOptions features = timed().withFeatures(List.of(Column.named("temp"), Column.named("pH")));
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromFolder(folder, features));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("labels.csv: column(s) of 1 sequence file(s) are not features "
                + "and are left out", "[operator_note] in [b5.csv]"));
        // the features not chosen: the first file's columns are the features, and another column is refused as before
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, timed()))
                .hasMessageContaining("b5.csv:1: column(s) [operator_note] are not features of this data");
    }
}
