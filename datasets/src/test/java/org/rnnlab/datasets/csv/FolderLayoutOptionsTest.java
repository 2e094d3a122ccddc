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
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * The folder layout's options as a user meets them (found by a user's try): {@code --missing drop} drops a listed
 * file instead of calling it unlisted, other labels files kept beside the data are not taken for sequences, the label
 * column of the labels file can be renamed ({@code --set label=NAME}), {@code --set sequenceId} (long layout only) is
 * refused rather than ignored, {@code --set time} names a column the files must have, and a folder without a labels file gives each sequence the same
 * id as a labels file would ({@code c.csv}).
 */
class FolderLayoutOptionsTest {

    @TempDir
    Path dir;

    /** a.csv (up), b.csv (down), c.csv (up), d.csv (down), e.csv (up), f.csv (down); header ax,ay. */
    private Path folder(String labelsName, String labelHeader) throws IOException {
        Path f = Files.createDirectories(dir.resolve("data"));
        StringBuilder labels = new StringBuilder("file," + labelHeader + "\n");
        String[] names = {"a", "b", "c", "d", "e", "f"};
        for (int i = 0; i < names.length; i++) {
            float sign = i % 2 == 0 ? 1 : -1;
            Files.writeString(f.resolve(names[i] + ".csv"), "ax,ay\n" + sign * 0.1f * (i + 1) + ",0.2\n" + sign * 0.3f + ",0.4\n");
            labels.append(names[i]).append(".csv,").append(i % 2 == 0 ? "up" : "down").append('\n');
        }
        Files.writeString(f.resolve(labelsName), labels.toString());
        return f;
    }

    /** The options {@code --set key=value} gives (label, time or sequenceId), test fraction 0.34, no validation. */
    private static CsvOptions withSet(String key, String value) {
        CsvOptions d = CsvOptions.defaults().withFractions(0.0, 0.34);
        Column column = value.equals("none") ? null : Column.parse(value);
        return switch (key) {
            case "label" -> d.withColumns(d.sequenceId(), d.time(), column);
            case "time" -> d.withColumns(d.sequenceId(), column, d.label());
            case "sequenceId" -> d.withColumns(column, d.time(), d.label());
            default -> throw new IllegalArgumentException(key);
        };
    }

    /**
     * A folder named by a bare relative name ({@code --data fold2}, the README's own form), as by an absolute path (a
     * fresh-user trial: every command stopped with Java's "Cannot invoke Path.equals because getParent() is null": the
     * listing of sub-folders met the folder itself, which has no parent in that form).
     */
    @Test
    void aBareRelativeFolderNameIsRead() throws IOException {
        Path f = folder("labels.csv", "label");
        Path bare = Path.of("folder-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectory(bare);
        try {
            try (var files = Files.list(f)) {
                for (Path p : files.toList()) {
                    Files.copy(p, bare.resolve(p.getFileName()));
                }
            }
            assertThat(bare.getParent()).isNull();
            CsvOptions options = CsvOptions.defaults().withFractions(0.0, 0.34);
            CsvSequenceDataset relative = CsvSequenceDataset.fromFolder(bare, options);
            CsvSequenceDataset absolute = CsvSequenceDataset.fromFolder(f, options);
            assertThat(relative.sequenceIds()).isEqualTo(absolute.sequenceIds());
            assertThat(relative.sequenceIds().values().stream().mapToInt(List::size).sum()).isEqualTo(6);
        } finally {
            try (var files = Files.list(bare)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(bare);
        }
    }

    @Test
    void missingDropDropsAListedFileInsteadOfCallingItUnlisted() throws IOException {
        Path f = folder("labels.csv", "label");
        Files.writeString(f.resolve("b.csv"), "ax,ay\n-0.1,0.2\nNA,0.4\n");
        CsvOptions drop = CsvOptions.defaults().withFractions(0.0, 0.34).withMissing(MissingValues.DROP);
        SequenceDataset d = CsvSequenceDataset.fromFolder(f, drop);
        int total = 0;
        for (Split s : Split.values()) {
            total += d.split(s).size();
        }
        assertThat(total).isEqualTo(5);
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, CsvOptions.defaults()))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("b.csv");
    }

    @Test
    void anEmptyRecordingIsSkippedInTrainingAndNewData() throws IOException {
        // a fresh-user trial: one 0-byte recording of 87 stopped train ("empty file: no header and no rows"), and predict
        // over the folder classified none of the others
        Path f = folder("labels.csv", "label");
        Files.writeString(f.resolve("a.csv"), ""); // the first listed file too: the features come from the next one
        Files.writeString(f.resolve("d.csv"), "\n");
        CsvSequenceDataset d = CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.34));
        assertThat(d.sequenceIds().values().stream().flatMap(List::stream)).containsExactlyInAnyOrder("b.csv", "c.csv", "e.csv", "f.csv");
        assertThat(d.schema().featureNames()).containsExactly("ax", "ay");

        List<String> empty = new ArrayList<>();
        List<CsvSequence> read = CsvSequenceDataset.readAll(f, d.schema(), false, new ArrayList<>(), empty);
        assertThat(read).extracting(CsvSequence::id).containsExactly("b.csv", "c.csv", "e.csv", "f.csv");
        assertThat(empty).containsExactly("a.csv", "d.csv");
        Files.delete(f.resolve("labels.csv"));
        empty.clear();
        assertThat(CsvSequenceDataset.readAll(f, d.schema(), false, new ArrayList<>(), empty)).hasSize(4);
        assertThat(empty).containsExactly("a.csv", "d.csv");
        for (String name : List.of("b", "c", "e", "f")) {
            Files.writeString(f.resolve(name + ".csv"), "");
        }
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, d.schema(), false, new ArrayList<>(), new ArrayList<>()))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("every sequence file is empty (6, e.g. a.csv)");
    }

    @Test
    void theLabelsFilesColumnOfFileNamesCanBeNamedAndNearMatchesAreNamed() throws Exception {
        // a fresh-user trial: a labels file with recording_id instead of file could not be read (--set file= was unknown,
        // --set sequenceId= refused), and ids without .csv or in other case were "not found" with no word of the file there
        Path f = folder("labels.csv", "label");
        Files.writeString(f.resolve("labels.csv"), Files.readString(f.resolve("labels.csv")).replaceFirst("file,", "recording_id,"));
        CsvOptions o = CsvOptions.defaults().withFractions(0.0, 0.34);
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("labels.csv:1: no column named 'file' (expected the column of file names, one of "
                        + "[recording_id, label]); column 'recording_id' holds file names of the folder: --set file=recording_id reads it");
        CsvSequenceDataset named = CsvSequenceDataset.fromFolder(f, o.withFileColumn(Column.named("recording_id")));
        assertThat(named.sequenceIds().values().stream().flatMap(List::stream)).hasSize(6).contains("a.csv");
        // new data: the model does not record the name; the column naming the folder's files is read as the file names
        assertThat(CsvSequenceDataset.readAll(f, named.schema(), true, new ArrayList<>())).hasSize(6);

        Files.writeString(f.resolve("labels.csv"), Files.readString(f.resolve("labels.csv")).replace("a.csv,", "a,"));
        // an id without .csv where a.csv is there: read as that file, named so (trial 76d; it was "not found")
        assertThat(CsvSequenceDataset.fromFolder(f, o.withFileColumn(Column.named("recording_id"))).sequenceIds().values()
                .stream().flatMap(List::stream)).hasSize(6).contains("a.csv");
        Files.delete(f.resolve("a.csv"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o.withFileColumn(Column.named("recording_id"))))
                .hasMessageContaining("listed file 'a' not found in " + f + " (expected one CSV file per listed sequence");
        Files.writeString(f.resolve("a.csv"), "ax,ay\n0.1,0.2\n0.3,0.4\n");
        Files.writeString(f.resolve("labels.csv"), Files.readString(f.resolve("labels.csv")).replace("a,", "a.csv,")
                .replace("c.csv,", "C.csv,"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o.withFileColumn(Column.named("recording_id"))))
                .hasMessageContaining("listed file 'C.csv' not found").hasMessageContaining("c.csv is there, its name differing in "
                        + "case: names are matched exactly, so list it as 'c.csv'");
    }

    @Test
    void unlistedFilesInSubFoldersAreNamedAndExtraColumnsOfNewDataPointToIgnoreColumns() throws Exception {
        Path f = folder("labels.csv", "label");
        Files.createDirectories(f.resolve("day2"));
        Files.writeString(f.resolve("day2/g.csv"), "ax,ay\n1,2\n");
        CsvOptions o = CsvOptions.defaults().withFractions(0.0, 0.34);
        CsvSequenceDataset[] d = new CsvSequenceDataset[1];
        List<String> warnings = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> d[0] = CsvSequenceDataset.fromFolder(f, o));
        assertThat(warnings).anyMatch(w -> w.contains("1 CSV file(s) in sub-folders of " + f + " are not listed, so not read: [day2/g.csv]"));

        Files.writeString(f.resolve("b.csv"), "ax,ay,humidity\n1,2,3\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, d[0].schema(), false, new ArrayList<>()))
                .hasMessageContaining("column(s) [humidity] are not features of this data")
                .hasMessageContaining("leave them out with --ignore-columns humidity (predict, evaluate)");
        assertThat(CsvSequenceDataset.readAll(f, d[0].schema().withIgnored(List.of("humidity")), false, new ArrayList<>())).hasSize(6);
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o)).hasMessageContaining("--set features=... chooses them")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("--ignore-columns"));
    }

    @Test
    void otherLabelsFilesBesideTheDataAreNotSequences() throws IOException {
        Path f = folder("labels.csv", "label");
        Files.copy(f.resolve("labels.csv"), f.resolve("labels-v2.csv"));
        Files.writeString(f.resolve("test-split.csv"), "\"file\";split\na.csv;test\n"); // another delimiter, quoted
        assertThat(CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.34)).labelNames()).containsExactly("down", "up");
        assertThat(CsvSequenceDataset.fromFolder(f, f.resolve("labels-v2.csv"), CsvOptions.defaults().withFractions(0.0, 0.34)).labelNames())
                .containsExactly("down", "up");
        Files.write(f.resolve("._a.csv"), new byte[] {0, 5, 22, 7, 0, 2}); // macOS metadata beside a copied file: hidden, passed over
        assertThat(CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.34)).labelNames()).hasSize(2);
        // a sequence file that nobody lists is still refused
        Files.writeString(f.resolve("g.csv"), "ax,ay\n0.5,0.5\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, CsvOptions.defaults()))
                .hasMessageContaining("1 CSV file(s)").hasMessageContaining("not listed, e.g. g.csv");
        assertThat(CsvSequenceDataset.isLabelsFile(f.resolve("test-split.csv"), ';')).isTrue();
        assertThat(CsvSequenceDataset.isLabelsFile(f.resolve("g.csv"), ',')).isFalse();
    }

    @Test
    void theLabelColumnOfTheLabelsFileCanBeRenamed() throws IOException {
        Path f = folder("labels.csv", "activity");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, CsvOptions.defaults()))
                .hasMessageContaining("no column named 'label'");
        SequenceDataset d = CsvSequenceDataset.fromFolder(f, withSet("label", "activity"));
        assertThat(d.labelNames()).containsExactly("down", "up");
        assertThat(d.split(Split.TEST).size() + d.split(Split.TRAIN).size()).isEqualTo(6);
    }

    @Test
    void aSequenceIdSettingOfTheLongLayoutIsRefusedAndATimeColumnMustBeThere() throws IOException {
        Path f = folder("labels.csv", "label");
        // --set time names every sequence file's time column (trial 76d); the files here have none
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, withSet("time", "t")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("a.csv:1: no column named 't'");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, withSet("sequenceId", "series")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--set sequenceId=series applies to the long layout");
        // row order (time=none) is what the folder layout does anyway
        assertThat(CsvSequenceDataset.fromFolder(f, withSet("time", "none")).labelNames()).hasSize(2);
    }

    @Test
    void aModelTrainedWithoutHeaderLinesReadsOneHeaderlessFileFromItsFirstRow() throws Exception {
        // a fresh-user trial: predict on one file of a header=false folder model warned that its first row was read as names
        // (it was not), and refused a first row of repeated values ("column name '0' appears twice")
        Path f = folder("labels.csv", "label");
        for (String name : new String[] {"a", "b", "c", "d", "e", "f"}) {
            Path file = f.resolve(name + ".csv");
            List<String> lines = Files.readAllLines(file);
            Files.write(file, lines.subList(1, lines.size()));
        }
        CsvSchema schema = ((CsvSequenceDataset) CsvSequenceDataset.fromFolder(f,
                CsvOptions.defaults().withHeader(false).withFractions(0.0, 0.34))).schema();
        assertThat(schema.header()).isFalse();
        Path zeros = Files.writeString(dir.resolve("zeros.csv"), "0,0\n0.5,0.25\n");
        List<String> warnings = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> {
            List<CsvSequence> read = CsvSequenceDataset.readAll(zeros, schema, false, new ArrayList<>());
            assertThat(read).hasSize(1);
            assertThat(read.get(0).values()).as("the first row is data").isEqualTo(new float[][] {{0, 0}, {0.5f, 0.25f}});
        });
        assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("header"));
        // the folder's labels file, given alone, is still read as one
        assertThat(CsvSequenceDataset.readAll(f.resolve("labels.csv"), schema, false, new ArrayList<>())).hasSize(6);
    }

    @Test
    void aFolderWithoutLabelsGivesTheIdsALabelsFileWould() throws Exception {
        Path f = folder("labels.csv", "label");
        CsvSchema schema = ((CsvSequenceDataset) CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.34))).schema();
        List<String> labelled = new ArrayList<>();
        CsvSequenceDataset.readAll(f, schema, false, new ArrayList<>()).forEach(s -> labelled.add(s.id()));
        Files.delete(f.resolve("labels.csv"));
        List<String> unlabelled = new ArrayList<>();
        CsvSequenceDataset.readAll(f, schema, false, new ArrayList<>()).forEach(s -> unlabelled.add(s.id()));
        assertThat(unlabelled).containsExactlyInAnyOrderElementsOf(labelled).contains("c.csv");
        assertThat(CsvSequenceDataset.readAll(f.resolve("c.csv"), schema, false, new ArrayList<>()).get(0).id()).isEqualTo("c.csv");
        // a user's try: a sub-folder of more sequences and a .txt file were skipped without a word
        Files.createDirectories(f.resolve("more"));
        Files.writeString(f.resolve("notes.txt"), "x");
        List<String> warnings = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.readAll(f, schema, false, new ArrayList<>()));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("2 entr(ies) not read").contains("[more/, notes.txt]"));
    }

    /** The contract of a model trained on a long file: 6 sequences of 3 steps, columns sequence_id,time,ax,ay,label. */
    private CsvSchema longLayoutSchema() throws IOException {
        StringBuilder train = new StringBuilder("sequence_id,time,ax,ay,label\n");
        for (int s = 0; s < 6; s++) {
            for (int t = 0; t < 3; t++) {
                train.append("s").append(s).append(',').append(t).append(',').append(0.1f * s).append(',').append(0.2f * t)
                        .append(',').append(s % 2 == 0 ? "up" : "down").append('\n');
            }
        }
        return CsvSequenceDataset.fromLongCsv(Files.writeString(dir.resolve("train.csv"), train.toString()),
                CsvOptions.defaults().withFractions(0.0, 0.34)).schema();
    }

    @Test
    void aLongLayoutModelEvaluatesAFolderByEachFilesOwnLabelAndRefusesALabelsFileSayingOtherwise() throws IOException {
        // a fresh-user trial: evaluate on a folder of one-sequence files each with its label column asked for labels.csv,
        // and a labels.csv disagreeing with the files won silently
        CsvSchema schema = longLayoutSchema();
        Path f = Files.createDirectories(dir.resolve("labelled"));
        Files.writeString(f.resolve("a.csv"), "sequence_id,time,ax,ay,label\na,0,0.1,0.2,up\na,1,0.3,0.4,up\n");
        Files.writeString(f.resolve("b.csv"), "sequence_id,time,ax,ay,label\nb,0,0.1,0.2,down\nb,1,0.3,0.4,down\n");
        assertThat(CsvSequenceDataset.readAll(f, schema, true, new ArrayList<>())).extracting(CsvSequence::id, CsvSequence::label)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", "up"), org.assertj.core.groups.Tuple.tuple("b", "down"));
        // a labels file agreeing with the files is read; one that does not is refused, naming both
        Files.writeString(f.resolve("labels.csv"), "file,label\na.csv,up\nb.csv,down\n");
        assertThat(CsvSequenceDataset.readAll(f, schema, true, new ArrayList<>())).extracting(CsvSequence::label)
                .containsExactlyInAnyOrder("up", "down");
        Files.writeString(f.resolve("labels.csv"), "file,label\na.csv,down\nb.csv,down\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, schema, true, new ArrayList<>()))
                .hasMessageContaining("a.csv:1: its label column 'label' says 'up', but").hasMessageContaining("lists it as 'down'");
        Files.delete(f.resolve("labels.csv"));
        // a label that changes within a file, and a file without any label, when labels are needed
        Files.writeString(f.resolve("b.csv"), "sequence_id,time,ax,ay,label\nb,0,0.1,0.2,down\nb,1,0.3,0.4,up\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, schema, true, new ArrayList<>()))
                .hasMessageContaining("b.csv:3: label 'up' after 'down'");
        Files.writeString(f.resolve("b.csv"), "ax,ay\n0.1,0.2\n0.3,0.4\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, schema, true, new ArrayList<>()))
                .hasMessageContaining("b.csv:1: no label: the folder has no labels.csv");
        assertThat(CsvSequenceDataset.readAll(f, schema, false, new ArrayList<>())).as("predict needs none").hasSize(2);
    }

    @Test
    void aLongLayoutModelRefusesAFolderFileHoldingSeveralSequencesInsteadOfMergingThem() throws IOException {
        // found by a user's try: a long file copied into a folder was read as one sequence (its last one's prediction)
        CsvSchema schema = longLayoutSchema();
        Path f = Files.createDirectories(dir.resolve("new"));
        // one sequence per file, with or without the id and time columns: read, named by the file
        Files.writeString(f.resolve("one.csv"), "sequence_id,time,ax,ay\nq,0,0.1,0.2\nq,1,0.3,0.4\n");
        Files.writeString(f.resolve("two.csv"), "ax,ay\n0.1,0.2\n0.3,0.4\n");
        assertThat(CsvSequenceDataset.readAll(f, schema, false, new ArrayList<>())).extracting(CsvSequence::id)
                .containsExactlyInAnyOrder("one", "two");
        Files.writeString(f.resolve("all.csv"), "sequence_id,time,ax,ay\nn0,0,0.1,0.2\nn0,1,0.3,0.4\nn1,0,0.5,0.6\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, schema, false, new ArrayList<>()))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("all.csv:4:")
                .hasMessageContaining("a second sequence id 'n1' after 'n0' in column 'sequence_id'")
                .hasMessageContaining("--input FILE");
        Files.writeString(f.resolve("all.csv"), "time,ax,ay\n0,0.1,0.2\n1,0.3,0.4\n0,0.5,0.6\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, schema, false, new ArrayList<>()))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("all.csv:4:")
                .hasMessageContaining("time 0 in column 'time' does not increase");
    }

    @Test
    void aFolderOfLabelledFilesOfSeveralIdsIsRefusedForTheIdsBeforeItsLabelsOrGaps() throws Exception {
        // trial 72b F3: a folder of per-substation files, each of many records with their labels, was read as one sequence per
        // file (a gap warning of millions of absent rows between records), then refused for a label after another
        CsvSchema schema = longLayoutSchema();
        Path f = Files.createDirectories(dir.resolve("substations"));
        for (String station : List.of("ELM", "FIR")) {
            StringBuilder csv = new StringBuilder("sequence_id,time,ax,ay,label\n");
            for (int r = 0; r < 3; r++) {
                for (int t = 0; t < 4; t++) {
                    csv.append(station).append(r).append(',').append(100_000 * r + t).append(",0.1,0.2,")
                            .append(r % 2 == 0 ? "up" : "down").append('\n');
                }
            }
            Files.writeString(f.resolve("SUB_" + station + ".csv"), csv.toString());
        }
        for (boolean labelRequired : List.of(true, false)) {
            List<String> warned = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () ->
                    assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, schema, labelRequired, new ArrayList<>()))
                            .isInstanceOf(DatasetFormatException.class)
                            .hasMessageContaining("SUB_ELM.csv:6: a second sequence id 'ELM1' after 'ELM0' in column 'sequence_id'")
                            .hasMessageContaining("give a file of the long layout itself (--input FILE)")
                            .hasMessageNotContaining("label 'down' after"));
            assertThat(warned).as("nothing read as one sequence per file first").noneMatch(w -> w.contains("absent"));
        }
    }

    @Test
    void aModelsLayoutAndDelimiterAreNamedWhenANewFileDiffers() throws IOException {
        Path trainFile = Files.writeString(dir.resolve("train.csv"), "sequence_id,time,ax,ay,label\n"
                + "a,0,1,2,up\na,1,1,2,up\nb,0,3,4,down\nb,1,3,4,down\nc,0,1,2,up\nd,0,3,4,down\n");
        CsvSchema longSchema = CsvSequenceDataset.fromLongCsv(trainFile, CsvOptions.defaults().withFractions(0.0, 0.34)).schema();
        Path semi = Files.writeString(dir.resolve("semi.csv"), "sequence_id;time;ax;ay\nq;0;1;2\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(semi, longSchema, false, new ArrayList<>()))
                .hasMessageContaining("semi.csv").hasMessageContaining("holds ';': it was read with ',' as the separator");
        CsvSchema folderSchema = ((CsvSequenceDataset) CsvSequenceDataset.fromFolder(folder("labels.csv", "label"),
                CsvOptions.defaults().withFractions(0.0, 0.34))).schema();
        Path longFile = Files.writeString(dir.resolve("long.csv"), "sequence_id,time,ax,ay\nq,0,1,2\nq,1,1,2\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(longFile, folderSchema, false, new ArrayList<>()))
                .hasMessageContaining("[sequence_id, time] are not features")
                .hasMessageContaining("the folder layout has one sequence per file");
        Path semiSeq = Files.writeString(dir.resolve("semiseq.csv"), "ax;ay\n1;2\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(semiSeq, folderSchema, false, new ArrayList<>()))
                .hasMessageContaining("holds ';': it was read with ',' as the separator");
    }

    @Test
    void aHeaderlessFirstFileIsNamedNotTheFileAfterIt() throws IOException {
        Path f = folder("labels.csv", "label");
        Files.writeString(f.resolve("a.csv"), "0.1,0.2\n0.3,0.4\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, CsvOptions.defaults()))
                .hasMessageContaining("a.csv:1: the header [0.1, 0.2] looks like numbers").hasMessageContaining("--set header=false");
        Files.writeString(f.resolve("a.csv"), "ax,ay,az\n0.1,0.2,0.3\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, CsvOptions.defaults()))
                .hasMessageContaining("b.csv:1: feature column(s) [az] missing").hasMessageContaining("first file listed");
    }

    @Test
    void labelsDifferingOnlyInCaseAreWarnedOf() throws Exception {
        Path f = folder("labels.csv", "label");
        Files.writeString(f.resolve("labels.csv"), Files.readString(f.resolve("labels.csv")).replace("e.csv,up", "e.csv,Up "));
        List<String> warnings = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.34)));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("the labels 'Up', 'up' differ only in case and are separate classes")
                .contains("are separate classes (training sequences: {'Up'=1, 'up'=2})")
                .endsWith("or map them onto one with --set labelMap=FILE (a UTF-8 CSV with the header from,to and lines such as "
                        + "Up,up)"));
        List<String> clean = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromFolder(folder("labels.csv", "label"), CsvOptions.defaults().withFractions(0.0, 0.34)));
        assertThat(clean).noneMatch(w -> w.contains("differ only in case"));
    }

    @Test
    void labelsFileColumnsNothingReadsAreWarnedOfASubjectAsAGroup() throws Exception {
        // a user's try: labels.csv with a subject column carved splits with subjects mixed, without a word
        Path f = folder("labels.csv", "label");
        List<String> lines = Files.readAllLines(f.resolve("labels.csv"));
        List<String> withSubject = new java.util.ArrayList<>(List.of(lines.get(0) + ",Subject,notes"));
        for (int i = 1; i < lines.size(); i++) {
            withSubject.add(lines.get(i) + ",p" + (i % 3) + ",x");
        }
        Files.write(f.resolve("labels.csv"), withSubject);
        List<String> warnings = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.34)));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("column(s) ['Subject', 'notes'] are not used")
                .contains("--set group=Subject keeps each of its values in one split"));
        List<String> clean = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromFolder(folder("labels.csv", "label"), CsvOptions.defaults().withFractions(0.0, 0.34)));
        assertThat(clean).noneMatch(w -> w.contains("are not used"));
    }

    @Test
    void aListedFileOutsideTheFolderIsRefused() throws IOException {
        // a user's try: a labels entry '../long.csv' was read from outside the --data folder
        Path f = folder("labels.csv", "label");
        Files.writeString(dir.resolve("outside.csv"), "ax,ay\n1,2\n");
        Files.writeString(f.resolve("labels.csv"), Files.readString(f.resolve("labels.csv")).replace("f.csv,down", "../outside.csv,down"));
        Files.delete(f.resolve("f.csv"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.34)))
                .hasMessageContaining("labels.csv:7: listed file '../outside.csv' is outside the folder");
    }

    @Test
    void windowsBackslashesInPathsAreNamedAsPartOfTheName() throws IOException {
        // a user's try of Windows-made files: 'Tag 2\Messung_20.csv' listed, 'daten\train.csv' given, 'Aufnahmen März\' as
        // --data: each was "not found" without a word of the backslash, the folder by its relative name
        Path f = folder("labels.csv", "label");
        Files.createDirectories(f.resolve("Tag 2"));
        Files.move(f.resolve("f.csv"), f.resolve("Tag 2/f.csv"));
        Files.writeString(f.resolve("labels.csv"), Files.readString(f.resolve("labels.csv")).replace("f.csv,down", "Tag 2\\f.csv,down"));
        CsvOptions o = CsvOptions.defaults().withFractions(0.0, 0.34);
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o))
                .hasMessageContaining("labels.csv:7: listed file 'Tag 2\\f.csv' not found in")
                .hasMessageContaining("the name holds '\\', which is part of a file name on this system, not a folder separator: "
                        + "Tag 2/f.csv is there, list it as 'Tag 2/f.csv'");

        Path given = dir.resolve("data\\labels.csv");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(given, o))
                .hasMessageContaining(given + ": file not found")
                .hasMessageContaining("the path holds '\\', which is part of a file or folder name on this system, not a folder "
                        + "separator (a Windows path?): " + f.resolve("labels.csv") + " exists, write the path with '/'");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(dir.resolve("nowhere\\x.csv"), o))
                .hasMessageContaining("write folders with '/' (" + dir.resolve("nowhere/x.csv") + " does not exist either)");

        Path relative = Path.of("no-such-folder\\");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(relative, o))
                .hasMessageStartingWith(relative.toAbsolutePath() + ": folder not found")
                .hasMessageContaining("the path holds '\\'");
    }

    @Test
    void aSemicolonSeparatedLabelsFileBesideCommaSeparatedFilesIsNamedAsSuch() throws Exception {
        // a user's labels.csv 'file;label' beside comma-separated recordings: train was told only "--set file=COLUMN names it",
        // and evaluate the same, though evaluate has no --set
        Path f = folder("labels.csv", "label");
        CsvOptions o = CsvOptions.defaults().withFractions(0.0, 0.34);
        CsvSequenceDataset trained = CsvSequenceDataset.fromFolder(f, o);
        Files.writeString(f.resolve("labels.csv"), Files.readString(f.resolve("labels.csv")).replace(',', ';'));
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o))
                .hasMessageContaining("labels.csv:1: no column named 'file' (expected the column of file names, one of [file;label]); "
                        + "the header reads as one column but holds ';': the labels file is read with the delimiter of the data, ',', "
                        + "as the sequence files are: write the labels file with ',', or, if the sequence files are ;-separated too, "
                        + "read all with --set 'delimiter=;'")
                .message().doesNotContain("--set file=");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, trained.schema(), true, new ArrayList<>()))
                .hasMessageContaining("the header reads as one column but holds ';': the labels file is read with the delimiter of "
                        + "the data, ',' (the model's training files', unless --delimiter was given): write the labels file with ','")
                .message().doesNotContain("--set");
        // new data whose labels file names its files in another column: renaming it is what evaluate can do
        Files.writeString(f.resolve("labels.csv"), "recording,label\nnone.csv,up\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, trained.schema(), true, new ArrayList<>()))
                .hasMessageContaining("no column named 'file'")
                .hasMessageContaining("names the files in a column 'file': rename the column of file names to that")
                .message().doesNotContain("--set");
    }

    @Test
    void aLabelsFileByAnotherNameIsNamedNotReadAsASequence() throws Exception {
        // a user's try: the labels file renamed 'Labels.csv' or left as Windows' copy 'labels - Kopie.csv': train said only
        // "labels.csv: file not found", predict "feature column(s) [ax, ay] missing ... the file has [file, label]"
        Path f = folder("labels.csv", "label");
        CsvOptions o = CsvOptions.defaults().withFractions(0.0, 0.34);
        CsvSequenceDataset trained = CsvSequenceDataset.fromFolder(f, o);
        Files.move(f.resolve("labels.csv"), f.resolve("labels - Kopie.csv"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o))
                .hasMessage(f.resolve("labels.csv").toAbsolutePath() + ": file not found (expected the labels file of the folder "
                        + "layout, listing each sequence file); labels - Kopie.csv in the folder looks like a labels file (a column "
                        + "'file'): read it with --train 'labels - Kopie.csv' beside --data, or rename it to labels.csv");
        String asNewData = f.resolve("labels - Kopie.csv") + ":1: looks like a labels file (a column 'file'), not a sequence file, but "
                + "the folder's labels file is read only as labels.csv: rename it to labels.csv, or give it as --input "
                + f.toAbsolutePath().resolve("labels - Kopie.csv");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, trained.schema(), false, new ArrayList<>()))
                .hasMessage(asNewData + ", or move it out of the folder to classify every other file");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, trained.schema(), true, new ArrayList<>())).hasMessage(asNewData);

        Files.move(f.resolve("labels - Kopie.csv"), f.resolve("Labels.csv"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o))
                .hasMessageContaining("Labels.csv in the folder looks like a labels file (a column 'file'), its name differing in case");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, trained.schema(), false, new ArrayList<>()))
                .hasMessageContaining("Labels.csv:1: looks like a labels file")
                .hasMessageContaining("read only as labels.csv (names are matched exactly, in case too)");
    }
}
