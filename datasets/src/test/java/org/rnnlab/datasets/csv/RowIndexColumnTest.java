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
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * The row index pandas' {@code to_csv} and R's {@code write.csv} write by default, a first column without a name: read
 * files of either are the same data as the file written without it (a fresh-user trial could not read them at all: "empty
 * column name in the header", and its hint led to a second refusal).
 */
class RowIndexColumnTest {

    @TempDir
    Path dir;

    /** 12 sequences of 3 steps, features a and b; {@code index} gives the first column (null: none) of header and rows. */
    private Path file(String name, String indexHeader, java.util.function.IntFunction<String> index) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add((indexHeader == null ? "" : indexHeader + ",") + "seq,t,a,b,label");
        int row = 0;
        for (int i = 0; i < 12; i++) {
            for (int t = 0; t < 3; t++) {
                lines.add((index == null ? "" : index.apply(row++) + ",") + "s" + i + "," + t + "," + (i + t * 0.25) + "," + (i * 0.5)
                        + "," + (i % 2 == 0 ? "even" : "odd"));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static final CsvOptions OPTIONS = CsvOptions.defaults().withColumns(Column.named("seq"), Column.named("t"),
            Column.named("label")).withFractions(0.0, 0.25);

    private static List<float[][]> values(SequenceDataset data) {
        return data.split(Split.TRAIN).examples().stream().map(Sequence::values).toList();
    }

    @Test
    void pandasAndRRowIndexesAreSkippedWithAWarning() throws Exception {
        SequenceDataset plain = CsvSequenceDataset.fromLongCsv(file("plain.csv", null, null), OPTIONS);
        assertThat(plain.input().featureNames()).containsExactly("a", "b");
        for (Path f : List.of(file("pandas.csv", "", r -> Integer.toString(r)), file("r.csv", "\"\"", r -> "\"" + (r + 1) + "\""),
                file("shuffled.csv", "", r -> Integer.toString(1000 - 7 * r)),
                // frames joined by pandas' concat without ignore_index: the index starts again at 0 every 12 rows
                file("concat.csv", "", r -> Integer.toString(r % 12)))) {
            List<String> warned = LoggedWarnings.of(CsvTable.class, () -> {
                SequenceDataset read = CsvSequenceDataset.fromLongCsv(f, OPTIONS);
                assertThat(read.input().featureNames()).as(f.toString()).containsExactly("a", "b");
                assertThat(values(read)).usingRecursiveComparison().isEqualTo(values(plain));
            });
            assertThat(warned).anySatisfy(w -> assertThat(w).contains("first column has no name and holds row numbers",
                    "index=False", "row.names=FALSE", "columns chosen by 0-based index (--set label=8)"));
        }
        // new data for a model: its columns are the model's, so the warning says nothing of --set (a trial met it in predict)
        CsvSchema schema = plain instanceof CsvSequenceDataset c ? c.schema() : null;
        Path fresh = file("new.csv", "", r -> Integer.toString(r));
        List<String> onNew = LoggedWarnings.of(CsvTable.class, () -> assertThat(CsvSequenceDataset.readAll(fresh, schema, true,
                new ArrayList<>())).hasSize(12));
        assertThat(onNew).singleElement().asString().contains("holds row numbers").doesNotContain("--set");
    }

    @Test
    void pandasUnnamedZeroHoldingRowNumbersIsSkippedAndOtherValuesUnderThatNameAreAColumn() throws Exception {
        // a file read by pandas and written again: its nameless index is now called 'Unnamed: 0'; it was a feature, silently
        SequenceDataset plain = CsvSequenceDataset.fromLongCsv(file("plain.csv", null, null), OPTIONS);
        Path f = file("roundtrip.csv", "Unnamed: 0", r -> Integer.toString(r));
        List<String> warned = LoggedWarnings.of(CsvTable.class, () -> {
            SequenceDataset read = CsvSequenceDataset.fromLongCsv(f, OPTIONS);
            assertThat(read.input().featureNames()).containsExactly("a", "b");
            assertThat(values(read)).usingRecursiveComparison().isEqualTo(values(plain));
        });
        assertThat(warned).singleElement().satisfies(w -> assertThat(w).contains("roundtrip.csv: its first column 'Unnamed: 0' "
                + "holds row numbers", "index=False"));
        // under that name, values that are not row numbers are the user's column
        Path other = file("other.csv", "Unnamed: 0", r -> Double.toString(r % 5 * 0.5));
        assertThat(CsvSequenceDataset.fromLongCsv(other, OPTIONS).input().featureNames()).containsExactly("Unnamed: 0", "a", "b");
    }

    @Test
    void aModelThatReadsUnnamedZeroAsAFeatureReadsItFromNewFiles() throws Exception {
        // a user's try: a model an earlier rnnlab trained with pandas' 'Unnamed: 0' as a feature; predict and evaluate dropped
        // that column of the new file as a row index, then said "feature column(s) [Unnamed: 0] missing ... the file has
        // [seq, t, a, b, label]"
        Path train = file("train.csv", "Unnamed: 0", r -> Integer.toString(r));
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(train, OPTIONS).schema();
        CsvSchema old = new CsvSchema(schema.layout(), schema.delimiter(), schema.header(), schema.width(), schema.sequenceId(),
                schema.time(), schema.label(), schema.split(), schema.group(), List.of(Column.named("Unnamed: 0"), Column.named("a"),
                Column.named("b")), schema.missing(), schema.ignored());
        Path test = file("test.csv", "Unnamed: 0", r -> Integer.toString(r + 500));
        List<String> warned = LoggedWarnings.of(CsvTable.class, () -> {
            List<CsvSequence> read = CsvSequenceDataset.readAll(test, old, true, new ArrayList<>());
            assertThat(read).hasSize(12);
            float[][] s1 = read.stream().filter(c -> c.id().equals("s1")).findFirst().orElseThrow().values();
            assertThat(s1[2][0]).as("the row number of s1's third step, its first feature").isEqualTo(505f);
            assertThat(s1[2][1]).isEqualTo(1.5f);
        });
        assertThat(warned).noneSatisfy(w -> assertThat(w).contains("row numbers"));
        // the same with --set features naming it in training: kept as a feature, not skipped
        SequenceDataset named = CsvSequenceDataset.fromLongCsv(train, OPTIONS.withFeatures(List.of(Column.named("Unnamed: 0"),
                Column.named("a"), Column.named("b"))));
        assertThat(named.input().featureNames()).containsExactly("Unnamed: 0", "a", "b");
        // a model trained without it (skipped as the index) reads new files with it and without it
        for (Path f : List.of(test, file("plain-test.csv", null, null))) {
            assertThat(CsvSequenceDataset.readAll(f, schema, true, new ArrayList<>())).as(f.toString()).hasSize(12)
                    .allSatisfy(c -> assertThat(c.values()[0]).hasSize(2));
        }
    }

    @Test
    void aFolderOfFilesWithRowIndexesIsWarnedOfOnce() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("fold"));
        List<String> labels = new ArrayList<>(List.of(",file,label"));
        for (int i = 0; i < 8; i++) {
            Files.write(folder.resolve("s" + i + ".csv"), List.of(",a,b", "0," + i + ",1", "1," + (i + 1) + ",0", "2,3," + i));
            labels.add(i + ",s" + i + ".csv," + (i % 2 == 0 ? "even" : "odd"));
        }
        Files.write(folder.resolve("labels.csv"), labels);
        List<String> warned = LoggedWarnings.of(CsvTable.class, () -> assertThat(CsvSequenceDataset.fromFolder(folder,
                folder.resolve("labels.csv"), CsvOptions.defaults().withFractions(0.0, 0.25)).input().featureNames())
                .containsExactly("a", "b"));
        assertThat(warned).singleElement().satisfies(w -> assertThat(w).contains("9 files (e.g. ", "labels.csv",
                "each one's first column has no name and holds row numbers", "write the files with index=False"));
    }

    @Test
    void anUnnamedColumnOfOtherValuesIsStillRefused() throws Exception {
        Path values = file("values.csv", "", r -> Double.toString(r * 0.5));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(values, OPTIONS)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("values.csv:1: empty column name in the header").hasMessageContaining("holds other values");
        Path repeated = file("repeated.csv", "", r -> Integer.toString(r % 3));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(repeated, OPTIONS)).hasMessageContaining("empty column name");
        // an empty name elsewhere than first is no index
        Path middle = Files.writeString(dir.resolve("middle.csv"), "seq,,a,label\ns1,0,1.0,x\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(middle, OPTIONS)).hasMessageContaining("empty column name in the header")
                .hasMessageNotContaining("holds other values");
    }

    /** A delimiter at the end of every line (Excel, some exporters): a last column without name or values, skipped with a warning. */
    @Test
    void aTrailingDelimiterOnEveryLineIsSkippedWithAWarning() throws Exception {
        Path plain = file("plain.csv", null, null);
        List<String> trailing = Files.readAllLines(plain).stream().map(l -> l + ",").toList();
        Path withComma = Files.write(dir.resolve("trailing.csv"), trailing);
        List<String> warned = LoggedWarnings.of(CsvTable.class, () -> {
            SequenceDataset read = CsvSequenceDataset.fromLongCsv(withComma, OPTIONS);
            assertThat(read.input().featureNames()).containsExactly("a", "b");
            assertThat(values(read)).usingRecursiveComparison().isEqualTo(values(CsvSequenceDataset.fromLongCsv(plain, OPTIONS)));
        });
        assertThat(warned).singleElement().satisfies(w -> assertThat(w).contains("trailing.csv", "the last column of the header",
                "no name and no value on any line", "skipped"));
        // two trailing delimiters, and data lines that lack them (a shorter row): still only empty cells
        List<String> two = new ArrayList<>(trailing);
        two.set(0, two.get(0) + ",");
        two.set(2, two.get(2).substring(0, two.get(2).length() - 1));
        Path twoCommas = Files.write(dir.resolve("two.csv"), two);
        assertThat(CsvSequenceDataset.fromLongCsv(twoCommas, OPTIONS).input().featureNames()).containsExactly("a", "b");
        // files joined with cat, the second one's header without the trailing delimiter: still the joined-files message
        List<String> joined = new ArrayList<>(trailing);
        joined.add(Files.readAllLines(plain).get(0));
        joined.add("s99,0,1.0,2.0,even,");
        Path cat = Files.write(dir.resolve("cat.csv"), joined);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(cat, OPTIONS)).hasMessageContaining("repeats the header");
    }

    @Test
    void aLastColumnWithoutANameButWithValuesIsRefusedWhereItHoldsOne() throws Exception {
        Path plain = file("plain.csv", null, null);
        List<String> lines = new ArrayList<>(Files.readAllLines(plain).stream().map(l -> l + ",").toList());
        lines.set(5, lines.get(5) + "7.5");
        Path f = Files.write(dir.resolve("valued.csv"), lines);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, OPTIONS)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("valued.csv:6: column 6 has no name in the header").hasMessageContaining("holds '7.5' here")
                .hasMessageNotContaining("--set");
    }
}
