package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;

/**
 * A folder of per-recording files as a data-glove trial's recorder left it (data/signerNN/L/repNN.csv): header-only files of a
 * recording that crashed at its start are skipped as 0-byte ones are, and every file that cannot be read is named in one run.
 */
class FolderBadFilesTest {

    @TempDir
    Path dir;

    /** {@code n} recordings s01/A/rep01.csv ... of 4 steps (two signers, labels A and B) with a labels.csv listing them. */
    private Path tree(int n) throws IOException {
        Path f = Files.createDirectories(dir.resolve("data"));
        StringBuilder labels = new StringBuilder("file,label,signer\n");
        for (int i = 1; i <= n; i++) {
            String label = i % 2 == 0 ? "A" : "B";
            String name = String.format(Locale.ROOT, "s%02d/%s/rep%02d.csv", i % 3 + 1, label, i);
            Files.createDirectories(f.resolve(name).getParent());
            StringBuilder b = new StringBuilder("flex,gy\n");
            for (int t = 0; t < 4; t++) {
                b.append(String.format(Locale.ROOT, "%.2f,%.1f%n", (label.equals("A") ? 0.8 : 0.2) + 0.01 * t, i + 0.5 * t));
            }
            Files.writeString(f.resolve(name), b.toString());
            labels.append(name).append(',').append(label).append(",s").append(i % 3 + 1).append('\n');
        }
        Files.writeString(f.resolve("labels.csv"), labels.toString());
        return f;
    }

    private static List<String> ids(CsvSequenceDataset d) {
        return d.sequenceIds().values().stream().flatMap(List::stream).toList();
    }

    @Test
    void aHeaderOnlyRecordingIsSkippedLikeAnEmptyOneInTrainingAndNewData() throws IOException {
        Path f = tree(12);
        Files.writeString(f.resolve("s02/B/rep01.csv"), "flex,gy\n"); // the first listed: the features come from the next one
        Files.writeString(f.resolve("s01/B/rep03.csv"), "\uFEFFflex,gy\r\n\r\n"); // a byte order mark, CRLF, a blank line
        Files.writeString(f.resolve("s03/A/rep08.csv"), ""); // 0 bytes, as before
        CsvSequenceDataset d = CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.25));
        assertThat(ids(d)).hasSize(9).doesNotContain("s02/B/rep01.csv", "s01/B/rep03.csv", "s03/A/rep08.csv");
        assertThat(d.schema().featureNames()).containsExactly("flex", "gy");

        // predict and evaluate: listed with the 0-byte file among the skipped ones (with and without a labels file)
        List<String> empty = new ArrayList<>();
        List<CsvSequence> read = CsvSequenceDataset.readAll(f, d.schema(), true, new ArrayList<>(), empty);
        assertThat(read).hasSize(9);
        assertThat(empty).containsExactlyInAnyOrder("s02/B/rep01.csv", "s01/B/rep03.csv", "s03/A/rep08.csv");
        Path flat = f.resolve("s01/B");
        empty.clear();
        assertThat(CsvSequenceDataset.readAll(flat, d.schema(), false, new ArrayList<>(), empty)).extracting(CsvSequence::id)
                .containsExactly("rep09.csv");
        assertThat(empty).containsExactly("rep03.csv");
    }

    @Test
    void aHeaderOnlyRecordingWithAnotherHeaderIsStillRefused() throws IOException {
        Path f = tree(6);
        Files.writeString(f.resolve("s03/A/rep02.csv"), "flex,gz\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.34)))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("rep02.csv:1: empty file: no data rows after the header, and its header [flex, gz] is not "
                        + "the other files' [flex, gy]");
        // a single file given alone is refused as before: there are no other files to compare with
        CsvSequenceDataset d = CsvSequenceDataset.fromFolder(tree(6), CsvOptions.defaults().withFractions(0.0, 0.34));
        Path alone = Files.writeString(dir.resolve("alone.csv"), "flex,gy\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(alone, d.schema(), false, new ArrayList<>(), new ArrayList<>()))
                .hasMessageContaining("alone.csv: empty file: no data rows after the header");
    }

    @Test
    void everyFileThatCannotBeReadIsNamedInOneRun() throws IOException {
        Path f = tree(30);
        Files.writeString(f.resolve("s02/B/rep07.csv"), "flex,gy\n0.2,7.0\n0.21,7.5\n0.2"); // truncated last line
        Files.writeString(f.resolve("s03/A/rep02.csv"), "flex,gy\n0.8,2.0\n0.81,2.\n"); // ends on a delimiter elsewhere
        Files.writeString(f.resolve("s01/A/rep12.csv"), "flex,gy\n0.8,abc\n");
        Files.writeString(f.resolve("s02/A/rep16.csv"), "flex,gz\n"); // header-only, another header
        Files.writeString(f.resolve("s01/B/rep21.csv"), "flex,gy\n"); // header-only, skipped
        Files.writeString(f.resolve("s02/A/rep22.csv"), "flex,gy\n0.8,1.0\n0.8\n");
        CsvOptions o = CsvOptions.defaults().withFractions(0.0, 0.25);
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("4 sequence files could not be read")
                .hasMessageContaining("rep07.csv:4: 1 columns (expected 2 as in the header [flex, gy])")
                .hasMessageContaining("rep12.csv:2: value 'abc' in column 'gy' is not a number")
                .hasMessageContaining("rep16.csv:1: empty file: no data rows after the header, and its header [flex, gz]")
                .hasMessageContaining("rep22.csv:3: 1 columns (expected 2")
                .hasMessageNotContaining("rep21.csv").hasMessageNotContaining("rep02.csv");
        // new data read for predict and evaluate: the same list
        Files.writeString(f.resolve("s03/A/rep02.csv"), "flex,gy\n0.8,2.0\n");
        Files.writeString(f.resolve("s02/B/rep07.csv"), "flex,gy\n0.2,7.0\n");
        Files.writeString(f.resolve("s01/A/rep12.csv"), "flex,gy\n0.8,1\n");
        Files.writeString(f.resolve("s02/A/rep16.csv"), "flex,gy\n0.8,1\n");
        Files.writeString(f.resolve("s02/A/rep22.csv"), "flex,gy\n0.8,1\n");
        CsvSequenceDataset d = CsvSequenceDataset.fromFolder(f, o.withFractions(0.0, 0.25));
        for (int i : new int[] {1, 4, 5, 7}) {
            String label = i % 2 == 0 ? "A" : "B";
            Files.writeString(f.resolve(String.format(Locale.ROOT, "s%02d/%s/rep%02d.csv", i % 3 + 1, label, i)), "flex,gy\n0.2,x\n");
        }
        Files.writeString(f.resolve("s02/A/rep16.csv"), "flex\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, d.schema(), true, new ArrayList<>(), new ArrayList<>()))
                .hasMessageContaining("5 sequence files could not be read")
                .hasMessageContaining("rep01.csv:2: value 'x'").hasMessageContaining("rep07.csv:2: value 'x'")
                .hasMessageContaining("rep16.csv:1: empty file: no data rows after the header, and its header [flex]");
    }

    @Test
    void aLongListIsCutAfterTwenty() throws IOException {
        Path f = tree(30);
        CsvSequenceDataset d = CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.25));
        for (int i = 1; i <= 25; i++) {
            String label = i % 2 == 0 ? "A" : "B";
            Files.writeString(f.resolve(String.format(Locale.ROOT, "s%02d/%s/rep%02d.csv", i % 3 + 1, label, i)), "flex,gy\n1,2,3\n");
        }
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, d.schema(), true, new ArrayList<>(), new ArrayList<>()))
                .hasMessageContaining("25 sequence files could not be read").hasMessageContaining("rep20.csv:2: 3 columns")
                .hasMessageNotContaining("rep21.csv").hasMessageEndingWith("and 5 more file(s)");
    }

    /** A recording of 40 steps; {@code flex} on line {@code badFlex} and {@code gy} on lines {@code badGy} hold the texts given. */
    private static String historian(int badFlex, String flexText, List<Integer> badGy, String gyText) {
        StringBuilder b = new StringBuilder("flex,gy\n");
        for (int t = 0; t < 40; t++) {
            int line = t + 2;
            b.append(line == badFlex ? flexText : String.format(Locale.ROOT, "%.2f", 0.2 + 0.01 * t)).append(',')
                    .append(badGy.contains(line) ? gyText : String.format(Locale.ROOT, "%.1f", 1 + 0.5 * t)).append('\n');
        }
        return b.toString();
    }

    @Test
    void aFewStatusTextsInNumericColumnsAreAllNamedAsCodesForAMissingValueWhichNaValuesReads() throws IOException {
        // trial 76d F5: a historian's 'Bad Input' (one cell) and 'I/O Timeout' (two) in one batch; only the first was named,
        // as a category to one-hot
        Path f = tree(12);
        Path bad = f.resolve("s02/B/rep07.csv");
        Files.writeString(bad, historian(5, "Bad Input", List.of(20, 21), "I/O Timeout"));
        CsvOptions o = CsvOptions.defaults().withFractions(0.0, 0.25);
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("rep07.csv:5: value 'Bad Input' in column 'flex' is not a number (expected a finite decimal "
                        + "number; so few among the numbers of their column(s) (3 of 80 values), they look like the status codes "
                        + "a historian or logger writes for a value not measured, not categories: read them as missing values with "
                        + "--set naValues='Bad Input,I/O Timeout' and a --missing policy such as interpolate (predict and evaluate: "
                        + "--na-values='Bad Input,I/O Timeout'")
                .hasMessageContaining("3 cell(s) of text in the feature columns: 'Bad Input' x1 in 'flex' (line 5), 'I/O Timeout' "
                        + "x2 in 'gy' (lines 20-21)")
                .hasMessageNotContaining("get_dummies");
        // as said: read as missing, filled, and stored with the model, which reads them so in new data
        CsvSequenceDataset d = CsvSequenceDataset.fromFolder(f, o.withNaValues(List.of("Bad Input", "I/O Timeout"))
                .withMissing(MissingValues.INTERPOLATE));
        assertThat(ids(d)).contains("s02/B/rep07.csv");
        assertThat(d.schema().naValues()).containsExactly("Bad Input", "I/O Timeout");
        List<CsvSequence> read = CsvSequenceDataset.readAll(f, d.schema(), true, new ArrayList<>(), new ArrayList<>());
        float[][] values = read.stream().filter(q -> q.id().equals("s02/B/rep07.csv")).findFirst().orElseThrow().values();
        assertThat(values).hasNumberOfRows(40);
        assertThat(values[18][1]).isBetween(9.9f, 10.1f); // line 20: interpolated between 9.5 and 11.0, as written
        // a column of categories stays one: many texts among few numbers
        StringBuilder walk = new StringBuilder("flex,gy\n");
        for (int t = 0; t < 40; t++) {
            walk.append("0.2,").append(t % 3 == 0 ? "1.5" : t % 2 == 1 ? "walk" : "run").append('\n');
        }
        Files.writeString(bad, walk.toString());
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o)).hasMessageContaining("rep07.csv:3: value 'walk' in column "
                + "'gy' is not a number (expected a finite decimal number; a column of categories (such as 'walk') must be written "
                + "as numbers").hasMessageContaining("26 cell(s) of text in the feature columns: 'walk' x13 in 'gy' (lines 3, 7, 9, "
                + "13, 15 and 8 more), 'run' x13 in 'gy'").hasMessageNotContaining("naValues");
    }

    @Test
    void everyStatusTextOfEveryFileIsCountedAndGivenInOneNaValues() throws IOException {
        // trial 76f F1: wafer files held 'OVF' in one column and '---' in another; each message named 'OVF' alone ("1 cell(s) of
        // text"), --set naValues=OVF was refused again for '---', and the list was cut in the third file's advice
        Path f = tree(12);
        Files.writeString(f.resolve("s02/B/rep07.csv"), historian(12, "OVF", List.of(22), "---"));
        Files.writeString(f.resolve("s01/A/rep12.csv"), historian(12, "OVF", List.of(22), "---"));
        Files.writeString(f.resolve("s01/B/rep03.csv"), historian(0, "", List.of(22), "---"));
        CsvOptions o = CsvOptions.defaults().withFractions(0.0, 0.25);
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("3 sequence files could not be read")
                .hasMessageContaining("3 of these files hold text in feature columns, few among the numbers of their columns, as "
                        + "the status codes a historian or logger writes for a value not measured: '---' x3 in 3 file(s), 'OVF' x2 "
                        + "in 2 file(s); read them as missing values with --set naValues='---,OVF' and a --missing policy such as "
                        + "interpolate (predict and evaluate: --na-values='---,OVF'")
                .hasMessageContaining("rep07.csv:12: value 'OVF' in column 'flex' is not a number; 2 cell(s) of text in the "
                        + "feature columns: 'OVF' x1 in 'flex' (line 12), '---' x1 in 'gy' (line 22)")
                .hasMessageContaining("rep03.csv:22: value '---' in column 'gy' is not a number; 1 cell(s) of text")
                .hasMessageNotContaining("naValues='OVF'").hasMessageNotContaining("naValues='---'")
                .hasMessageNotContaining("get_dummies"); // each file's advice is the one line's
        // one file alone: its own message counts both and gives both
        Files.writeString(f.resolve("s01/A/rep12.csv"), historian(0, "", List.of(), ""));
        Files.writeString(f.resolve("s01/B/rep03.csv"), historian(0, "", List.of(), ""));
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, o)).hasMessageContaining("rep07.csv:12: value 'OVF' in column "
                + "'flex' is not a number (expected a finite decimal number; so few among the numbers of their column(s) (2 of 80 "
                + "values)").hasMessageContaining("--set naValues='OVF,---'").hasMessageContaining("2 cell(s) of text in the "
                + "feature columns: 'OVF' x1 in 'flex' (line 12), '---' x1 in 'gy' (line 22)");
        // as said, one run reads them all
        CsvSequenceDataset d = CsvSequenceDataset.fromFolder(f, o.withNaValues(List.of("OVF", "---"))
                .withMissing(MissingValues.INTERPOLATE));
        assertThat(ids(d)).contains("s02/B/rep07.csv");
    }

    @Test
    void aFileOfOtherColumnsIsListedWithTheOtherFilesProblemsInOneRun() throws IOException {
        // trial 76f F10: predict on a folder refused a wafer file with an extra column alone; a file of another problem came up
        // only on the next run
        Path f = tree(12);
        CsvSequenceDataset d = CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.25));
        Files.writeString(f.resolve("s02/B/rep01.csv"), "flex,gy,operator\n0.2,1.0,ann\n0.21,1.5,ann\n"); // the first listed
        Files.writeString(f.resolve("s01/A/rep12.csv"), "flex,gy\n0.8,1\n0.8\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, d.schema(), true, new ArrayList<>(), new ArrayList<>()))
                .hasMessageContaining("2 sequence files could not be read (every file was read")
                .hasMessageContaining("rep01.csv:1: column(s) [operator] are not features of this data")
                .hasMessageContaining("leave them out with --ignore-columns operator")
                .hasMessageContaining("rep12.csv:3: 1 columns (expected 2");
        // every file of other columns (a wrong model, or an option): the first refused alone, as before
        for (int i = 1; i <= 12; i++) {
            String label = i % 2 == 0 ? "A" : "B";
            Files.writeString(f.resolve(String.format(Locale.ROOT, "s%02d/%s/rep%02d.csv", i % 3 + 1, label, i)),
                    "flex,gz\n0.2,1.0\n");
        }
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, d.schema(), true, new ArrayList<>(), new ArrayList<>()))
                .hasMessageStartingWith(f.resolve("s02/B/rep01.csv") + ":1: feature column(s) [gy] missing")
                .hasMessageNotContaining("sequence files could not be read");
    }

    @Test
    void newDataOfAFolderWithAnUnreadableFileSaysNoFileWasPredicted() throws IOException {
        // trial 76d F10: predict stopped on two unreadable files of 46 (exit 1), where an empty one is skipped (exit 4), and
        // did not say that none of the others was predicted
        Path f = tree(12);
        CsvSequenceDataset d = CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.25));
        Files.writeString(f.resolve("s02/B/rep07.csv"), historian(5, "Bad Input", List.of(20, 21), "I/O Timeout"));
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, d.schema(), true, new ArrayList<>(), new ArrayList<>()))
                .hasMessageContaining("rep07.csv:5: value 'Bad Input'")
                .hasMessageContaining("no file of the folder was predicted or scored (exit 1): unlike an empty file, which holds "
                        + "nothing and is skipped (exit 4), an unreadable file holds data that would be lost or misread, so fix it "
                        + "(status text in numeric cells: --na-values, as said) or move it out of the folder, and run again");
        Files.writeString(f.resolve("s01/A/rep12.csv"), "flex,gy\n0.8,1\n0.8\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, d.schema(), true, new ArrayList<>(), new ArrayList<>()))
                .hasMessageContaining("2 sequence files could not be read (every file was read; no file of the folder was "
                        + "predicted or scored (exit 1)").hasMessageContaining("so fix these");
        // a file of another delimiter and decimal commas: its options would break the others
        Files.writeString(f.resolve("s01/A/rep12.csv"), "flex;gy\n0,8;1,5\n0,9;1,7\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(f, d.schema(), true, new ArrayList<>(), new ArrayList<>()))
                .hasMessageContaining("--delimiter and --decimal apply to every file of the folder: convert a file written "
                        + "otherwise alone, e.g. pandas: pd.read_csv(f, sep=';', decimal=',').to_csv(f, index=False)");
        // training says what it said
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(f, CsvOptions.defaults().withFractions(0.0, 0.25)))
                .hasMessageContaining("nothing was built from the folder").hasMessageNotContaining("predicted");
    }
}
