package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;

/**
 * What a user reads when a file is not the CSV it is expected to be: the line the broken record starts on (a fresh-user
 * trial found the parser's count one past it, and past the end of the file for a quote left open), the delimiter the
 * file seems to use, and a file given where a folder is expected.
 */
class CsvSyntaxMessagesTest {

    @TempDir
    Path dir;

    private static final CsvOptions OPTIONS = CsvOptions.defaults().withColumns(Column.named("seq"), Column.named("t"),
            Column.named("label"));

    /** The options with {@code --set delimiter=;}. */
    private static CsvOptions semicolons() {
        CsvOptions o = OPTIONS;
        return new CsvOptions(o.header(), ';', o.features(), o.label(), o.sequenceId(), o.time(), o.split(), o.group(),
                o.labelNames(), o.validationFraction(), o.testFraction(), o.seed(), o.missing());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aBrokenQuoteIsNamedByTheLineItsRecordStartsOn() throws IOException {
        for (String eol : new String[] {"\n", "\r\n"}) {
            Path bad = write("q.csv", String.join(eol, "seq,t,a,label", "s1,0,2,x", "\"s1\"y,1,3,x", "s2,0,1,y", ""));
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(bad, OPTIONS)).isInstanceOf(DatasetFormatException.class)
                    .hasMessageStartingWith(bad + ":3: unreadable CSV: invalid char between encapsulated token and delimiter")
                    .hasMessageNotContaining("(line");
            Path open = write("open.csv", String.join(eol, "seq,t,a,label", "s1,0,1.0,a", "s1,1,2.0,a", "", "s2,0,3,b", "s2,1,3,\"b", ""));
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(open, OPTIONS))
                    .hasMessageStartingWith(open + ":6: unreadable CSV: EOF reached before encapsulated token finished")
                    .hasMessageNotContaining("startline");
        }
        // a quoted value spanning lines counts its lines
        Path spanning = write("span.csv", "seq,t,a,label\ns1,0,1.0,\"a\nb\"\ns1,1,\"x\"y,a\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(spanning, OPTIONS)).hasMessageStartingWith(spanning + ":4: unreadable CSV");
    }

    @Test
    void aLoneCrInsideALineDoesNotEndItsRecord() throws Exception {
        // Commons CSV ends a record at a lone CR: "s1,1,3\r4,x" became two rows and every later line number shifted by one
        Path f = write("cr.csv", "seq,t,a,label\ns1,0,1.5,x\ns1,1,3\r4,x\ns2,0,1,y\n");
        java.util.List<String> warned = org.rnnlab.datasets.LoggedWarnings.of(org.rnnlab.datasets.TextFiles.class,
                () -> assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, OPTIONS))
                        .hasMessageStartingWith(f + ":3:").hasMessageContaining("'3 4'"));
        org.assertj.core.api.Assertions.assertThat(String.join("\n", warned))
                .contains("cr.csv:3: a carriage return (CR, \\r) inside the line").contains("1 line(s) hold one: 3;");
        // a file whose lines all end in CRLF, or in a lone CR (classic Mac OS), is read as before
        Path crlf = write("crlf.csv", "seq,t,a,label\r\ns1,0,1.5,x\r\ns2,0,1,y\r\n");
        Path mac = write("mac.csv", "seq,t,a,label\rs1,0,1.5,x\rs2,0,1,y\r");
        for (Path p : new Path[] {crlf, mac}) {
            org.assertj.core.api.Assertions.assertThat(CsvSequenceDataset.fromLongCsv(p, OPTIONS.withFractions(0, 0)).sequenceIds()
                    .values().stream().mapToInt(java.util.List::size).sum()).isEqualTo(2);
        }
    }

    @Test
    void quotedFieldsSeparatedByAnotherDelimiterNameIt() throws IOException {
        Path semicolons = write("semi.csv", "\"seq\";\"t\";\"a\";\"label\"\n\"s1\";\"0\";\"1.5\";\"x\"\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(semicolons, OPTIONS))
                .hasMessageStartingWith(semicolons + ":1: unreadable CSV").hasMessageContaining("read the file with --set delimiter=';'");
        Path tabs = write("tabs.csv", "\"seq\"\t\"t\"\t\"a\"\t\"label\"\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(tabs, OPTIONS)).hasMessageContaining("--set delimiter=tab");
    }

    @Test
    void severalColumnsForOneSettingSayHowToJoinThem() throws IOException {
        // a sleep-lab trial: epochs numbered per subject, so subject and epoch together name a sequence
        Path f = write("sleep.csv", "subject,epoch,t,a,label\nS1,0,0,1.5,x\nS1,0,1,1.5,x\nS2,0,0,2.5,y\n");
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("subject,epoch"), Column.named("t"), Column.named("label"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o)).hasMessageContaining("no column named 'subject,epoch'")
                .hasMessageContaining("'subject,epoch' names 2 columns, and this setting takes one")
                .hasMessageContaining("df['subject_epoch'] = df['subject'].astype(str) + '_' + df['epoch'].astype(str)");
        // a name with a comma that is not several columns gets no such hint
        CsvOptions other = CsvOptions.defaults().withColumns(Column.named("subject,x"), Column.named("t"), Column.named("label"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, other)).hasMessageNotContaining("names 2 columns");
    }

    @Test
    void aHeaderOfOneColumnHoldingAnotherDelimiterNamesIt() throws IOException {
        Path commas = write("commas.csv", "seq,t,a,label\ns1,0,1.5,x\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(commas, semicolons()))
                .hasMessageContaining("no column named 'seq'").hasMessageContaining("holds ',': is the file comma-separated?");
        Path spaces = write("spaces.csv", "seq t a label\ns1 0 1.5 x\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(spaces, OPTIONS))
                .hasMessageContaining("no column named 'seq'").hasMessageContaining("--set 'delimiter= '");
    }

    @Test
    void aSavetxtCommentHeaderInAFolderIsRefusedNotReadAsAName() throws IOException {
        // numpy's savetxt(header=...) writes "# c0,c1": a trial's folder trained with a feature '# c0', and predict then
        // refused every file written without the '#'
        Path folder = Files.createDirectories(dir.resolve("savetxt"));
        StringBuilder labels = new StringBuilder("file,label\n");
        for (int i = 0; i < 4; i++) {
            Files.writeString(folder.resolve("u" + i + ".csv"), "# c0,c1\n" + (0.5 * i) + ",-2.5e-01\n1.5e+00,2\n");
            labels.append("u").append(i).append(".csv,").append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Files.writeString(folder.resolve("labels.csv"), labels.toString());
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, CsvOptions.defaults().withFractions(0.0, 0.25)))
                .hasMessageContaining("u0.csv:1: the header [# c0, c1] starts with '#', a comment line?")
                .hasMessageContaining("the first would be '# c0'").hasMessageContaining("comments=''");
    }

    @Test
    void sequencesWrittenTransposedAreSaidToBe() throws Exception {
        // a trial's MFCC clips saved as X.T: 98 frames became 98 "features" t0..t97 over 26 "steps", trained without a word
        Path fixed = Files.createDirectories(dir.resolve("transposed"));
        Path varied = Files.createDirectories(dir.resolve("transposed-varied"));
        StringBuilder labels = new StringBuilder("file,label\n");
        for (int i = 0; i < 6; i++) {
            for (Path folder : List.of(fixed, varied)) {
                int frames = folder == fixed ? 30 : 30 + 5 * i;
                StringBuilder f = new StringBuilder(String.join(",", java.util.stream.IntStream.range(0, frames).mapToObj(t -> "t" + t)
                        .toList())).append('\n');
                for (int c = 0; c < 4; c++) {
                    int coefficient = c;
                    f.append(String.join(",", java.util.stream.IntStream.range(0, frames)
                            .mapToObj(t -> Double.toString(Math.sin(t + coefficient))).toList())).append('\n');
                }
                Files.writeString(folder.resolve("u" + i + ".csv"), f);
            }
            labels.append("u").append(i).append(".csv,").append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Files.writeString(fixed.resolve("labels.csv"), labels);
        Files.writeString(varied.resolve("labels.csv"), labels);
        CsvOptions o = CsvOptions.defaults().withFractions(0.0, 0.0);
        assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromFolder(fixed, o)))
                .anySatisfy(w -> assertThat(w).contains("every one of the 6 training sequences has 4 steps and 30 features ([t0, t1, "
                        + "t2, t3, t4, t5, t6, t7, ... (21 more), t29]), more features than steps: is each written transposed"));
        // named channels in short windows (64 EEG electrodes, 30 samples): no transposed file (a review)
        Path channels = Files.createDirectories(dir.resolve("channels"));
        for (int i = 0; i < 6; i++) {
            Files.writeString(channels.resolve("u" + i + ".csv"), Files.readString(fixed.resolve("u" + i + ".csv"))
                    .replaceFirst("^t0,", "Fp1,"));
        }
        Files.writeString(channels.resolve("labels.csv"), labels);
        assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromFolder(channels, o)))
                .noneSatisfy(w -> assertThat(w).contains("transposed"));
        assertThat(CsvSequenceDataset.countingNames(List.of("t0", "t1", "t2"))).isTrue();
        assertThat(CsvSequenceDataset.countingNames(List.of("1", "2", "3"))).isTrue();
        assertThat(CsvSequenceDataset.countingNames(List.of("c0", "c2"))).isFalse();
        assertThat(CsvSequenceDataset.countingNames(List.of("Fp1", "F3"))).isFalse();
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(varied, o))
                .hasMessageContaining("column(s) [t30, t31, t32, t33, t34] are not features of this data")
                .hasMessageContaining("the file has more columns than rows: is each sequence written transposed")
                // each file refused for its columns is listed with the others (trial 76f F10), each in a line of its own
                .hasMessageContaining("5 sequence files could not be read")
                .satisfies(e -> assertThat(e.getMessage().lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(1200)));
    }

    @Test
    void numbersJoinedByAnotherDelimiterInAFolderNameIt() throws IOException {
        // a trial's folder: labels.csv separated by ';', the sequence files by ','; one --set delimiter reads both
        Path folder = Files.createDirectories(dir.resolve("data"));
        StringBuilder labels = new StringBuilder("file;label\n");
        for (int i = 0; i < 4; i++) {
            Files.writeString(folder.resolve("s" + i + ".csv"), "ax,ay\n" + (0.5 * i) + ",-0.25\n1.5,2\n");
            labels.append("s").append(i).append(".csv;").append(i % 2 == 0 ? "up" : "down").append('\n');
        }
        Files.writeString(folder.resolve("labels.csv"), labels.toString());
        CsvOptions d = CsvOptions.defaults().withFractions(0.0, 0.25);
        CsvOptions folderOptions = new CsvOptions(d.header(), ';', d.features(), d.label(), d.sequenceId(), d.time(), d.split(),
                d.group(), d.labelNames(), d.validationFraction(), d.testFraction(), d.seed(), d.missing());
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, folderOptions)).hasMessageContaining("hold text")
                .hasMessageContaining("the values are numbers joined by ','").hasMessageContaining("One --set delimiter");
    }

    @Test
    void aFileGivenAsTheFolderIsNamedAsAFile() throws IOException {
        Path file = write("train.csv", "seq,t,a,label\ns1,0,1.5,x\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(file, OPTIONS)).hasMessageContaining("is a file, not a folder")
                .hasMessageContaining("--train");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(dir.resolve("nothing"), OPTIONS)).hasMessageContaining("folder not found");
    }

    @Test
    void aCtrlZIsTheEndOfFileMarkOnlyAtTheEndAsInTextFiles() throws IOException {
        // the rule TextFiles shares: after the final line break (or glued to the last value) it is ignored; a line of
        // it between rows was skipped as a blank line, and a Ctrl-Z glued to a value inside the file trimmed away, silently
        Path end = write("end.csv", "seq,t,a,label\r\ns1,0,1.5,x\r\ns2,0,1,y\r\n\u001a\r\n");
        org.assertj.core.api.Assertions.assertThat(CsvSequenceDataset.fromLongCsv(end, OPTIONS).labelNames()).containsExactly("x", "y");
        Path mid = write("mid.csv", "seq,t,a,label\r\ns1,0,1.5,x\r\n\u001a\r\ns2,0,1,y\r\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(mid, OPTIONS)).isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(mid + ":3: U+001A (Ctrl-Z) at line 3, column 1");
    }

    @Test
    void aRepeatedHeaderIsNamedAsFilesJoinedTogether() throws IOException {
        // a user's try: two files with a header each joined with cat stopped with "time 't' in column 't' is not a number"
        String one = "seq,t,a,label\r\ns1,0,1.5,x\r\ns1,1,2,x\r\n";
        String two = "seq,t,a,label\r\ns2,0,1,y\r\n";
        for (String bom : new String[] {"", "\ufeff"}) { // each file may bring its byte order mark
            Path joined = write("joined.csv", bom + one + bom + two);
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(joined, OPTIONS)).isInstanceOf(DatasetFormatException.class)
                    .hasMessageStartingWith(joined + ":4: line 4 repeats the header (line 1, [seq, t, a, label]): files joined "
                            + "together, each with its header")
                    .hasMessageContaining("awk 'NR == 1 || FNR > 1' a.csv b.csv > joined.csv");
        }
    }
}
