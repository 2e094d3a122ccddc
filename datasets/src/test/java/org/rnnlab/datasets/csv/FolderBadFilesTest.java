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
                .hasMessageNotContaining("rep21.csv").hasMessageEndingWith("and 5 more");
    }
}
