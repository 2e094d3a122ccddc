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
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

class CsvSequenceDatasetTest {

    @TempDir
    Path dir;

    /** 20 sequences: length 2 + i % 4, label "up" for even i, "down" for odd; x = i, y = step. */
    private Path folderFixture(boolean withSplit) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("seqs"));
        StringBuilder labels = new StringBuilder(withSplit ? "file,label,split\n" : "file,label\n");
        for (int i = 0; i < 20; i++) {
            StringBuilder csv = new StringBuilder("x,y\n");
            for (int t = 0; t < 2 + i % 4; t++) {
                csv.append(i).append(',').append(t).append('\n');
            }
            Files.writeString(folder.resolve("s" + i + ".csv"), csv);
            labels.append("s").append(i).append(".csv,").append(i % 2 == 0 ? "up" : "down");
            if (withSplit) {
                labels.append(',').append(i < 14 ? "train" : i < 16 ? "validation" : "test");
            }
            labels.append('\n');
        }
        Files.writeString(folder.resolve("labels.csv"), labels);
        return folder;
    }

    /** The same 20 sequences in long format, rows of sequences interleaved. */
    private Path longFixture() throws IOException {
        List<String> lines = new ArrayList<>(List.of("sequence_id,time,x,y,label"));
        for (int t = 0; t < 5; t++) {
            for (int i = 0; i < 20; i++) {
                if (t < 2 + i % 4) {
                    lines.add("seq" + i + "," + (t * 0.5) + "," + i + "," + t + "," + (i % 2 == 0 ? "up" : "down"));
                }
            }
        }
        return Files.write(dir.resolve("long.csv"), lines);
    }

    private static int[] lengthsOf(SequenceDataset d) {
        List<Integer> out = new ArrayList<>();
        for (Split s : Split.values()) {
            d.split(s).examples().forEach(e -> out.add(e.length()));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void folderLayoutReadsVariableLengthSequencesWithLabelsFromTheLabelsFile() throws IOException {
        SequenceDataset d = CsvSequenceDataset.fromFolder(folderFixture(false), CsvOptions.defaults());
        assertThat(d.labelNames()).containsExactly("down", "up");
        assertThat(d.input().featureNames()).containsExactly("x", "y");
        assertThat(d.input().maxLength()).isEqualTo(5);
        // 15% of 20 sequences is 3 per split (rounding 1.5 per class gave 2 + 2, 20%)
        assertThat(d.split(Split.TRAIN).classCounts(2)).containsExactly(7, 7);
        assertThat(d.split(Split.VALIDATION).classCounts(2)).containsExactly(1, 2);
        assertThat(d.split(Split.TEST).classCounts(2)).containsExactly(2, 1);
        for (Split s : Split.values()) {
            for (Sequence e : d.split(s).examples()) {
                int i = (int) e.values()[0][0];
                assertThat(e.length()).isEqualTo(2 + i % 4);
                assertThat(e.label()).isEqualTo(i % 2 == 0 ? 1 : 0);
                assertThat(e.values()[e.length() - 1][1]).isEqualTo(e.length() - 1f);
            }
        }
        assertThat(d.provenance().files()).hasSize(21);
        DataSet batch = d.iterator(Split.TRAIN, 12, 0).next();
        assertThat(batch.getFeaturesMaskArray()).isNotNull();
        assertThat(batch.getFeatures().shape()).containsExactly(12, 2, 5);
    }

    @Test
    void longLayoutGivesTheSameSequencesAsTheFolderLayout() throws IOException {
        SequenceDataset folder = CsvSequenceDataset.fromFolder(folderFixture(false), CsvOptions.defaults());
        SequenceDataset longFormat = CsvSequenceDataset.fromLongCsv(longFixture(), CsvOptions.defaults());
        assertThat(longFormat.input().featureNames()).containsExactly("x", "y");
        assertThat(longFormat.labelNames()).containsExactly("down", "up");
        assertThat(lengthsOf(longFormat)).containsExactlyInAnyOrder(lengthsOf(folder));
        assertThat(longFormat.split(Split.TEST).classCounts(2)).containsExactly(2, 1);
    }

    @Test
    void columnsByIndexWithoutHeaderAndGivenLabelNames() throws IOException {
        Path f = Files.writeString(dir.resolve("nohead.csv"), "a,1,0.5,b\na,2,0.25,b\nz,1,3,c\n");
        CsvOptions o = CsvOptions.defaults().withHeader(false).withColumns(Column.at(0), Column.at(1), Column.at(3))
                .withFeatures(List.of(Column.at(2))).withLabelNames(List.of("c", "b", "unused")).withFractions(0, 0);
        SequenceDataset d = CsvSequenceDataset.fromLongCsv(f, o);
        assertThat(d.labelNames()).containsExactly("c", "b", "unused");
        assertThat(d.input().featureNames()).containsExactly("column2");
        assertThat(d.split(Split.TRAIN).examples()).extracting(Sequence::label).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void explicitSplitColumnIsHonoured() throws IOException {
        SequenceDataset d = CsvSequenceDataset.fromFolder(folderFixture(true), CsvOptions.defaults());
        assertThat(d.split(Split.TRAIN).size()).isEqualTo(14);
        assertThat(d.split(Split.VALIDATION).examples()).extracting(e -> (int) e.values()[0][0]).containsExactlyInAnyOrder(14, 15);
        assertThat(d.split(Split.TEST).examples()).extracting(e -> (int) e.values()[0][0]).containsExactlyInAnyOrder(16, 17, 18, 19);
    }

    @Test
    void splitsAreSeeded() throws IOException {
        Path f = longFixture();
        List<Float> a = firstValues(CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults()));
        assertThat(firstValues(CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults()))).isEqualTo(a);
        assertThat(firstValues(CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withSeed(5)))).isNotEqualTo(a);
    }

    private static List<Float> firstValues(SequenceDataset d) {
        return d.split(Split.TRAIN).examples().stream().map(e -> e.values()[0][0]).toList();
    }

    @Test
    void badFolderInputIsRejected() throws IOException {
        Path folder = folderFixture(false);
        CsvOptions o = CsvOptions.defaults();
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(dir.resolve("nope"), o))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("folder not found");
        Files.writeString(folder.resolve("s3.csv"), "x,y\n1,2\n3\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, o))
                .hasMessageContaining("s3.csv:3: 1 columns (expected 2 as in the header [x, y])");
        Files.writeString(folder.resolve("s3.csv"), "x,y\n1,2\n3,abc\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, o))
                .hasMessageContaining("s3.csv:3: value 'abc' in column 'y' is not a number");
        Files.writeString(folder.resolve("s3.csv"), "x,y\n1,NaN\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, o))
                .hasMessageContaining("s3.csv:2: missing value 'NaN' in column 'y' of sequence 's3.csv'");
        Files.writeString(folder.resolve("s3.csv"), "x,y\n1,-Infinity\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, o)).hasMessageContaining("is not finite");
        Files.writeString(folder.resolve("s3.csv"), "x,z\n"); // a header-only file is skipped only with the other files' header
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, o)).hasMessageContaining("s3.csv:1: empty file: no data rows after the header");
        Files.writeString(folder.resolve("s3.csv"), "x,y\n");
        assertThat(CsvSequenceDataset.fromFolder(folder, o).sequenceIds().values().stream().flatMap(List::stream))
                .doesNotContain("s3.csv").contains("s1.csv");
        Files.writeString(folder.resolve("s3.csv"), ""); // an empty recording is skipped, with a warning naming it
        assertThat(CsvSequenceDataset.fromFolder(folder, o).sequenceIds().values().stream().flatMap(List::stream))
                .doesNotContain("s3.csv").contains("s1.csv");
        Files.writeString(folder.resolve("s3.csv"), "x,z\n1,2\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, o))
                .hasMessageContaining("s3.csv:1: feature column(s) [y] missing (expected the columns [x, y], matched by header name");
        Files.writeString(folder.resolve("s3.csv"), "x,y\n1,2\n");
        Files.writeString(folder.resolve("extra.csv"), "x,y\n1,2\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, o))
                .hasMessageContaining("1 CSV file(s)").hasMessageContaining("not listed, e.g. extra.csv");
        Files.delete(folder.resolve("extra.csv"));
        Files.delete(folder.resolve("s5.csv"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, o))
                .hasMessageContaining("labels.csv:7: listed file 's5.csv' not found");
        Files.writeString(folder.resolve("s5.csv"), "x,y\n1,2\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, o.withLabelNames(List.of("up", "sideways"))))
                .hasMessageContaining("labels.csv:3: label 'down' of sequence 's1.csv' is not one of the classes of --set labelNames "
                        + "[up, sideways] (add it there, or leave its sequences out)");
        Files.writeString(folder.resolve("labels.csv"), "file,class\ns1.csv,up\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, o))
                .hasMessageContaining("labels.csv:1: no column named 'label' (expected one of [file, class])");
        Files.writeString(folder.resolve("labels.csv"), "");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, o)).hasMessageContaining("labels.csv: empty file");
    }

    /**
     * A label with a control character (an ESC sequence, a line break inside a quoted value, a tab) is refused at the line
     * it is on, shown with the character escaped: it would reach terminals and every CSV rnnlab writes (a trial's labels
     * recoloured the terminal and retitled its window through predict's header), and the model loader refuses it too.
     */
    @Test
    void labelsWithControlCharactersAreRefusedAtTheirLine() throws IOException {
        CsvOptions o = CsvOptions.defaults();
        Path f = dir.resolve("ctl.csv");
        for (String[] c : new String[][] {{"red\u001B[31m", "U+001B", "'red\\u001B[31m'"}, {"line1\nline2", "U+000A", "'line1\\u000Aline2'"},
            {"a\tb", "U+0009", "'a\\u0009b'"}, {"a\u007Fb", "U+007F", "'a\\u007Fb'"}, {"a\u009Bb", "U+009B", "'a\\u009Bb'"}}) {
            String q = "\"" + c[0] + "\"";
            Files.writeString(f, "sequence_id,time,x,label\na,0,1,up\na,1,2,up\nb,0,1," + q + "\nb,1,2," + q + "\n");
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o)).as(c[1]).isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining("ctl.csv:4: the label of sequence 'b' " + c[2] + " holds the control character " + c[1]
                            + " (expected a class name without control characters");
        }
    }

    /**
     * A sequence id with a control character is refused at its line, in training data and in new data read for predict: ids are
     * printed as they are in predict's output and every CSV rnnlab writes (the last stop's review: an ESC sequence in a new
     * file's id reached the terminal through predict, where labels were already refused).
     */
    @Test
    void idsWithControlCharactersAreRefusedAtTheirLine() throws IOException {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, "sequence_id,time,x,label\na,0,1,up\na,1,2,up\nb,0,1,down\nb,1,2,down\nc,0,1,up\nc,1,2,up\n"
                + "d,0,1,down\nd,1,2,down\n");
        CsvSequenceDataset trained = CsvSequenceDataset.fromLongCsv(train, CsvOptions.defaults().withFractions(0.25, 0.25));
        for (String[] c : new String[][] {{"b\u001B]0;owned\u0007", "U+001B"}, {"b\u009B1m", "U+009B"}, {"x\ty", "U+0009"}}) {
            String q = "\"" + c[0] + "\"";
            Path f = Files.writeString(dir.resolve("ctl.csv"), "sequence_id,time,x,label\na,0,1,up\na,1,2,up\n" + q + ",0,1,down\n"
                    + q + ",1,2,down\n");
            String expected = "ctl.csv:4: sequence id in column 'sequence_id' holds the control character " + c[1]
                    + " (expected an id without tab, line break, escape or other C0/C1 code";
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults())).as(c[1])
                    .isInstanceOf(DatasetFormatException.class).hasMessageContaining(expected);
            assertThatThrownBy(() -> org.rnnlab.datasets.NewData.csv(f, trained.schema(), false)).as("new data " + c[1])
                    .isInstanceOf(DatasetFormatException.class).hasMessageContaining(expected);
        }
        // a folder's file names are its ids: a name with an escape is refused, listed in a labels file or not (the review)
        Path folder = Files.createDirectories(dir.resolve("named"));
        for (String n : List.of("s1", "s2", "s3", "s4", "b\u001B[31m")) {
            Files.writeString(folder.resolve(n + ".csv"), "x\n1\n2\n");
        }
        Files.writeString(folder.resolve("labels.csv"), "file,label\ns1.csv,up\ns2.csv,down\ns3.csv,up\ns4.csv,down\n"
                + "\"b\u001B[31m.csv\",up\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, CsvOptions.defaults()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("labels.csv:6: the listed file name 'b\\u001B[31m.csv' holds the control character U+001B");
        Files.writeString(folder.resolve("labels.csv"), "file,label\ns1.csv,up\ns2.csv,down\ns3.csv,up\ns4.csv,down\n");
        Files.move(folder.resolve("b\u001B[31m.csv"), dir.resolve("aside.csv"));
        CsvSequenceDataset byFolder = CsvSequenceDataset.fromFolder(folder, CsvOptions.defaults().withFractions(0.25, 0.25));
        Path unlabelled = Files.createDirectories(dir.resolve("new-files"));
        Files.writeString(unlabelled.resolve("ok.csv"), "x\n1\n");
        Files.move(dir.resolve("aside.csv"), unlabelled.resolve("b\u001B[31m.csv"));
        assertThatThrownBy(() -> org.rnnlab.datasets.NewData.csv(unlabelled, byFolder.schema(), false))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("the file name 'b\\u001B[31m.csv' holds the control character U+001B");
    }

    @Test
    void badLongInputIsRejected() throws IOException {
        CsvOptions o = CsvOptions.defaults();
        Path f = dir.resolve("bad.csv");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o)).hasMessageContaining("bad.csv: file not found");
        Files.writeString(f, "sequence_id,time,x,label\na,0,1,up\na,1,2,down\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o))
                .hasMessageContaining("bad.csv:3: sequence 'a' has label 'down' (expected 'up' as on its first row, line 2)")
                .hasMessageContaining("rnnlab classifies whole sequences, one label each: a label that changes along a sequence is "
                        + "a label per time step, which it does not learn");
        Files.writeString(f, "sequence_id,time,x,label\na,1,1,up\na,0,2,up\nb,0,1,down\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o))
                .hasMessageContaining("bad.csv:3: time 0 of sequence 'a' does not increase")
                .hasMessageContaining("sorted with pandas (the ids kept in the order they first appear, the order predict writes "
                        + "them): df.assign(_o=df.groupby(\"sequence_id\", sort=False).ngroup()).sort_values([\"_o\", \"time\"], "
                        + "kind='stable').drop(columns=\"_o\").to_csv(\"" + dir.resolve("bad-sorted.csv") + "\", index=False) (no other "
                        + "sequence of the file has rows out of order)");
        // date-times out of order: sorted as instants (a trial's ISO times got no hint)
        Files.writeString(f, "sequence_id,time,x,label\na,2024-03-01T06:00:10Z,1,up\na,2024-03-01T06:00:00Z,2,up\nb,2024-03-01T06:00:00Z,1,down\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o)).hasMessageContaining("does not increase")
                .hasMessageContaining("df[\"time\"] = pd.to_datetime(df[\"time\"], utc=True); df.assign(_o=df.groupby("
                        + "\"sequence_id\", sort=False).ngroup()).sort_values([\"_o\", \"time\"]");
        Files.writeString(f, "sequence_id,time,x,label\na,0,1,up\na,0,2,up\nb,0,1,down\n"); // a repeated time: not a matter of order
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o)).hasMessageContaining("bad.csv:3: time 0 of sequence 'a' does not "
                + "increase").hasMessageNotContaining("sort_values");
        Files.writeString(f, "sequence_id,t,x,label\na,1,1,up\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o.withColumns(Column.named("sequence_id"), Column.named("timestamp"),
                Column.named("label")))).hasMessageContaining("no column named 'timestamp' (expected one of [sequence_id, t, x, label])");
        Files.writeString(f, "sequence_id,time,x,label\na,0,1,up\na,1,2,up\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o))
                .hasMessageContaining("only the label(s) [up] occur in the training data (expected at least 2 distinct labels");
        Files.writeString(f, "sequence_id,time,x,label,split\na,0,1,up,train\nb,1,2,down,later\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o.withSplitColumn(Column.named("split"))))
                .hasMessageContaining("bad.csv:3: split 'later' in column 'split' (expected train, validation or test;");
        Files.writeString(f, "sequence_id,time,label\na,0,up\nb,0,down\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o)).hasMessageContaining("no feature columns");
        for (String marker : new String[] {"NA", "?", "N/A", "null", "None", "NaN"}) { // R's write.csv writes NA
            Files.writeString(f, "sequence_id,time,x,label\na,0,1,up\nb,0,1,down\nc,0,1," + marker + "\nc,1,2," + marker + "\n");
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o)).as(marker)
                    .hasMessageContaining("bad.csv:4: missing label '" + marker + "' of sequence 'c' (expected a label on every sequence;");
        }
        Files.writeString(f, "1,2,3\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o.withHeader(false)))
                .hasMessageContaining("column 'sequence_id' is chosen by name but the file has no header");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o.withHeader(false).withColumns(Column.at(0), null, Column.at(7))))
                .hasMessageContaining("column index 7 is outside the file's 3 columns (expected 0..2)");
    }
}
