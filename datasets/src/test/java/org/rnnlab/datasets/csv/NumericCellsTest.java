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
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.Split;

/**
 * Numeric cells on every path that reads them (long and folder layouts in training, new files in a model's layout):
 * only plain decimals within the float range are numbers; feature lists name each column once.
 */
class NumericCellsTest {

    @TempDir
    Path dir;

    /** Long layout, 12 sequences of 3 steps, features a and b; the cell of column a on line {@code badLine} is {@code value}. */
    private Path longFile(String name, int badLine, String value) throws IOException {
        List<String> lines = new ArrayList<>(List.of("sequence_id,time,a,b,label"));
        for (int i = 0; i < 12; i++) {
            for (int t = 0; t < 3; t++) {
                String a = lines.size() + 1 == badLine ? value : Double.toString(i + t * 0.25);
                lines.add("s" + i + "," + t + "," + a + "," + (i * 0.5) + "," + (i % 2 == 0 ? "even" : "odd"));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static CsvOptions noCarving() {
        return CsvOptions.defaults().withFractions(0, 0);
    }

    @Test
    void aValueBeyondTheFloatRangeIsRefusedWithFileLineColumnAndTheTextAsWritten() throws IOException {
        for (String big : List.of("1e40", "-3.5e38", "1e400", "340282357000000000000000000000000000000.0")) {
            Path f = longFile("big.csv", 5, big);
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, noCarving()))
                    .isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining("big.csv:5: value '" + big + "' in column 'a' is beyond the float range (|x| <= 3.4e38");
        }
        // the largest floats are numbers
        Path edge = longFile("edge.csv", 5, "-3.4e38");
        float[][] values = valuesOf(CsvSequenceDataset.fromLongCsv(edge, noCarving()).split(Split.TRAIN).examples(), 3.4e38f);
        assertThat(values[0][0]).isEqualTo(-3.4e38f);
    }

    @Test
    void pandasWritingsAreMissingValuesOrRefusedWithWhatToWriteInstead() throws IOException {
        // what pandas writes for a missing value of an integer or string column (<NA>) and a date (NaT): missing, like NaN
        for (String missing : List.of("<NA>", "NaT")) {
            Path f = longFile("missing.csv", 5, missing);
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, noCarving())).hasMessageContaining("missing.csv:5: missing value '"
                    + missing + "' in column 'a'");
            assertThat(CsvSequenceDataset.fromLongCsv(f, noCarving().withMissing(MissingValues.FFILL)).split(Split.TRAIN).size())
                    .isEqualTo(12);
        }
        // NaN as C libraries print it: glibc's -nan (sign bit set), MSVC's nan(ind) and -nan(ind): missing, like NaN, not
        // "not a number"
        for (String missing : List.of("-nan", "-NaN", "-NAN", "nan(ind)", "-nan(ind)")) {
            Path f = longFile("cnan.csv", 5, missing);
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, noCarving())).hasMessageContaining("cnan.csv:5: missing value '"
                    + missing + "' in column 'a'");
            assertThat(CsvSequenceDataset.fromLongCsv(f, noCarving().withMissing(MissingValues.FFILL)).split(Split.TRAIN).size())
                    .isEqualTo(12);
        }
        // numpy's and pandas' infinities, in any case
        for (String inf : List.of("inf", "-inf", "Inf", "+INF", "-Infinity")) {
            Path f = longFile("inf.csv", 5, inf);
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, noCarving()))
                    .hasMessageContaining("inf.csv:5: value '" + inf + "' in column 'a' is not finite");
        }
        // the message names the --na-values that reads them as missing, spelled as found, with both signs (trial 71f F6)
        Path inf = longFile("inf.csv", 5, "Inf");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(inf, noCarving())).hasMessageContaining("--na-values Inf,-Inf ")
                .hasMessageContaining("--set naValues=Inf,-Inf;");
        assertThat(CsvSequenceDataset.fromLongCsv(inf, noCarving().withNaValues(List.of("Inf", "-Inf"))
                .withMissing(MissingValues.FFILL)).split(Split.TRAIN).size()).isEqualTo(12);
        Path plus = longFile("inf.csv", 5, "+INF");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(plus, noCarving())).hasMessageContaining("--na-values INF,-INF,+INF ");
        Path bool = longFile("bool.csv", 5, "True");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(bool, noCarving())).hasMessageContaining("bool.csv:5: value 'True' "
                + "in column 'a' is not a number (expected a finite decimal number; True/False (any case) are read as 1 and 0 only in a "
                + "yes/no column, whose values are all 0, 1, True or False (or missing), and this column holds other values too");
        // Excel's TRUE/FALSE in German (trial 71b: told to make one 0/1 column per category with get_dummies)
        Path wahr = longFile("wahr.csv", 5, "WAHR");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(wahr, noCarving())).hasMessageContaining("wahr.csv:5: value 'WAHR' "
                + "in column 'a' is not a number (expected a finite decimal number; 'WAHR'/'FALSCH' are a spreadsheet's TRUE/FALSE, "
                + "and a yes/no column is read as 1 and 0: write it so (pandas: df['a'] = df['a'].map({'WAHR': 1, 'FALSCH': 0}))")
                .hasMessageContaining("rnnlab data windows, which writes them as 1 and 0").hasMessageNotContaining("get_dummies");
        Path faux = longFile("faux.csv", 5, "faux");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(faux, noCarving())).hasMessageContaining("'Vrai'/'Faux' are a "
                + "spreadsheet's TRUE/FALSE");
        // one word among a column's numbers is a status for a value not measured, not a category (trial 76d F5: 'Bad Input'
        // was to be one-hot encoded); a column of words stays a category (FolderBadFilesTest)
        Path category = longFile("category.csv", 5, "phone");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(category, noCarving())).hasMessageContaining("value 'phone' in column "
                + "'a' is not a number").hasMessageContaining("(1 of 36 values), they look like the status codes")
                .hasMessageContaining("--set naValues='phone'").hasMessageContaining("1 cell(s) of text in the feature columns: "
                + "'phone' x1 in 'a' (line 5)").hasMessageNotContaining("get_dummies");
        // a mark of another column is counted and given too (trial 76f F1: 'OVF' and '---', "1 cell(s) of text")
        List<String> rows = Files.readAllLines(category);
        rows.set(19, rows.get(19).replaceFirst(",[^,]*,([^,]*)$", ",---,$1"));
        Path two = Files.write(dir.resolve("two.csv"), rows);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(two, noCarving())).hasMessageContaining("(2 of 72 values), they look "
                + "like the status codes").hasMessageContaining("--set naValues='phone,---'").hasMessageContaining("2 cell(s) of "
                + "text in the feature columns: 'phone' x1 in 'a' (line 5), '---' x1 in 'b' (line 20)");
        // a date is no category
        Path date = longFile("date.csv", 5, "2023-05-01T12:00:00");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(date, noCarving())).hasMessageContaining("is not a number")
                .hasMessageNotContaining("categories");
    }

    @Test
    void aTestLabelWrittenAsAFloatOfATrainingIntegerLabelIsNamedAsSuch() throws IOException {
        // pandas writes 1.0 for 1 once a NaN made the label column float
        List<String> lines = Files.readAllLines(longFile("train.csv", 0, ""));
        Path train = Files.write(dir.resolve("train.csv"), lines.stream().map(l -> l.replace(",even", ",1").replace(",odd", ",0"))
                .toList());
        Path testFile = Files.write(dir.resolve("test.csv"), lines.stream().map(l -> l.replace(",even", ",1.0").replace(",odd", ",0.0")
                .replaceFirst("^s(\\d)", "t$1")).toList());
        assertThatThrownBy(() -> CsvSequenceDataset.load(new CsvSources(null, train, null, testFile, false, false), noCarving()))
                .hasMessageContaining("label '1.0' of sequence 't0' is not one of the training labels (expected one of [0, 1])")
                .hasMessageContaining("it reads as the label '1' written another way");
    }

    /** The sequence whose first feature is {@code magnitude} in absolute value on some step. */
    private static float[][] valuesOf(List<Sequence> sequences, float magnitude) {
        return sequences.stream().map(Sequence::values)
                .filter(v -> java.util.Arrays.stream(v).anyMatch(step -> Math.abs(step[0]) == magnitude)).findFirst().orElseThrow();
    }

    @Test
    void aValueBeyondTheFloatRangeIsRefusedInTheFolderLayoutAndInNewFilesOfAModel() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        StringBuilder labels = new StringBuilder("file,label\n");
        for (int i = 0; i < 8; i++) {
            Files.writeString(folder.resolve("s" + i + ".csv"), "a,b\n" + i + ",1\n" + (i + 1) + ",2\n");
            labels.append("s").append(i).append(".csv,").append(i % 2 == 0 ? "up" : "down").append('\n');
        }
        Files.writeString(folder.resolve("labels.csv"), labels);
        CsvSchema folderSchema = CsvSequenceDataset.fromFolder(folder, noCarving()).schema();
        Files.writeString(folder.resolve("s3.csv"), "a,b\n1,2\n3,-1e39\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, noCarving()))
                .hasMessageContaining("s3.csv:3: value '-1e39' in column 'b' is beyond the float range");
        // predict/evaluate on the folder, and on one unlabelled sequence file
        assertThatThrownBy(() -> NewData.csv(folder, folderSchema, true))
                .hasMessageContaining("s3.csv:3: value '-1e39' in column 'b' is beyond the float range");
        assertThatThrownBy(() -> NewData.csv(folder.resolve("s3.csv"), folderSchema, false))
                .hasMessageContaining("s3.csv:3: value '-1e39' in column 'b' is beyond the float range");

        CsvSchema longSchema = CsvSequenceDataset.fromLongCsv(longFile("train.csv", -1, ""), noCarving()).schema();
        Path newFile = longFile("new.csv", 17, "1e40");
        for (boolean labelled : new boolean[] {true, false}) {
            assertThatThrownBy(() -> NewData.csv(newFile, longSchema, labelled))
                    .isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining("new.csv:17: value '1e40' in column 'a' is beyond the float range (|x| <= 3.4e38");
        }
    }

    @Test
    void typeSuffixesHexadecimalAndOtherJavaSyntaxAreNotNumbers() throws IOException {
        for (String notNumber : List.of("0.5f", "0.5d", "1D", "2F", "0x10", "0x1p3", "1_000", "1e", "1e+", ".", "-", "+-1", "1.2.3",
                "1 000")) {
            Path f = longFile("suffix.csv", 8, "\"" + notNumber + "\"");
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, noCarving())).as(notNumber)
                    .isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining("suffix.csv:8: value '" + notNumber + "' in column 'a' is not a number (expected a finite "
                            + "decimal number");
        }
        Path suffix = longFile("hint.csv", 8, "0.5f");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(suffix, noCarving()))
                .hasMessageContaining("without a type suffix such as 'f' or 'd'");
        Path infinity = longFile("inf.csv", 8, "+Infinity");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(infinity, noCarving()))
                .hasMessageContaining("inf.csv:8: value '+Infinity' in column 'a' is not finite");

        for (String number : List.of("+1.5", "-.5", "5.", "1E-3", "007", "-0", "2e+2")) {
            assertThat(CsvTable.isDecimal(number)).as(number).isTrue();
        }
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(longFile("train.csv", -1, ""), noCarving()).schema();
        Path plain = Files.writeString(dir.resolve("plain.csv"), "sequence_id,a,b\nq,+1.5,-.5\nq,5.,1E-3\nq,007,2e+2\n");
        assertThat(NewData.csv(plain, schema, false).values().get(0)).isDeepEqualTo(new float[][] {{1.5f, -0.5f}, {5, 1e-3f}, {7, 200}});
        Path newSuffix = Files.writeString(dir.resolve("new-suffix.csv"), "sequence_id,a,b\nq,1,2\nq,0.5d,2\n");
        assertThatThrownBy(() -> NewData.csv(newSuffix, schema, false))
                .hasMessageContaining("new-suffix.csv:3: value '0.5d' in column 'a' is not a number");
    }

    @Test
    void aValueThatRoundsToZeroInFloatIsReadAsZeroNotRefused() throws IOException {
        Path f = longFile("tiny.csv", 2, "1e-50");
        List<Sequence> train = CsvSequenceDataset.fromLongCsv(f, noCarving()).split(Split.TRAIN).examples();
        // line 2 is the first step of s0, whose other steps hold 0.25 and 0.5
        float[][] s0 = train.stream().map(Sequence::values).filter(v -> v[1][0] == 0.25f && v[2][0] == 0.5f).findFirst().orElseThrow();
        assertThat(s0[0][0]).isZero();
        assertThat(CsvTable.isDecimal("1e-50")).isTrue();
    }

    @Test
    void theTimeColumnTakesPlainFiniteDecimalsOnly() throws IOException {
        for (String time : List.of("0.5f", "0x1p1", "Infinity")) { // NaN: a missing time, named as such (CsvContractTest)
            List<String> lines = List.of("sequence_id,time,a,label", "s0,0,1,x", "s0," + time + ",2,x", "s1,0,1,y", "s1,1,2,y");
            Path f = Files.write(dir.resolve("time.csv"), lines);
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, noCarving())).as(time)
                    .hasMessageContaining("time.csv:3: time '" + time + "' in column 'time' is not a number");
        }
        Path huge = Files.write(dir.resolve("huge.csv"), List.of("sequence_id,time,a,label", "s0,0,1,x", "s0,1e400,2,x", "s1,0,1,y"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(huge, noCarving()))
                .hasMessageContaining("huge.csv:3: time '1e400' in column 'time' is not a finite number");
    }

    @Test
    void aFeatureListNamesEachColumnOnce() throws IOException {
        Path f = longFile("train.csv", -1, "");
        DatasetOptions base = DatasetOptions.defaults().withFiles(f, null);
        assertThatThrownBy(() -> Datasets.open("csv", base.with("features", "a,a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset csv: setting features must name each column once: 'a' is given twice in [a, a]");
        // the same column by name and by index (a is column 2)
        assertThatThrownBy(() -> Datasets.open("csv", base.with("features", "b,a,2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature column 'a' is chosen twice, as a and as #2");
        assertThatThrownBy(() -> Datasets.open("csv", base.with("features", "a,,b")))
                .hasMessageContaining("setting features has an empty entry in 'a,,b'");
        assertThatThrownBy(() -> Datasets.open("csv", base.with("labelNames", "even,odd,even")))
                .hasMessageContaining("labelNames must be distinct: 'even' is given twice");
        assertThat(Datasets.open("csv", base.with("features", "b,a")).input().featureNames()).containsExactly("b", "a");
    }

    /** A trial's SQL exports: other spellings of database nulls and grouped thousands get hints that say so. */
    @Test
    void databaseNullsAreMissingAndGroupedThousandsAreNamed() throws IOException {
        for (String nul : List.of("Null", "\\N", "(null)")) { // not markers (a class may be named Null), but said to be nulls
            assertThat(MissingValues.isMissing(nul)).as(nul).isFalse();
            Path f = longFile("nul.csv", 8, nul);
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, noCarving())).as(nul)
                    .hasMessageContaining("nul.csv:8: value '" + nul + "' in column 'a' is not a number")
                    .hasMessageContaining("if '" + nul + "' marks a value that was not measured, write it as one of the missing-value "
                            + "markers");
        }
        Path grouped = longFile("grouped.csv", 8, "\"2,551\"");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(grouped, noCarving()))
                .hasMessageContaining("grouped.csv:8: value '2,551' in column 'a' is not a number (expected a finite decimal number "
                        + "with a decimal point: a decimal comma or a ',' grouping thousands, neither of which is read");
        Path groupedPoint = longFile("point.csv", 8, "\"101,293.0\"");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(groupedPoint, noCarving()))
                .hasMessageContaining("point.csv:8: value '101,293.0' in column 'a' is not a number (expected a finite decimal number: "
                        + "',' grouping thousands is not read");
    }

    /** A trial's Oracle export (upper-case names) against defaults and a model trained on lower-case ones. */
    @Test
    void aColumnNamedInOtherCaseIsPointedOut() throws IOException {
        Path upper = Files.write(dir.resolve("upper.csv"), List.of("SEQUENCE_ID,TIME,A,LABEL", "s0,0,1,x", "s0,1,2,x", "s1,0,1,y"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(upper, noCarving()))
                .hasMessageContaining("no column named 'sequence_id' (expected one of [SEQUENCE_ID, TIME, A, LABEL]); the file has "
                        + "'SEQUENCE_ID', the same name in other case");
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(longFile("train.csv", -1, ""), noCarving()).schema();
        Path newUpper = Files.write(dir.resolve("new.csv"), List.of("SEQUENCE_ID,a,b", "q,1,2"));
        assertThatThrownBy(() -> NewData.csv(newUpper, schema, false))
                .hasMessageContaining("the file has 'SEQUENCE_ID', the same name in other case");
    }

    /** A trial's headerless European export: every value's decimal comma read as the ',' delimiter, two features each. */
    @Test
    void decimalCommasCutByTheDelimiterAreRefused() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            for (int t = 0; t < 3; t++) {
                rows.add("s" + s + "," + t + ",0," + (t == 1 ? "03" : "38") + ",1," + (5 + t) + "," + (s % 2 == 0 ? "a" : "b"));
            }
        }
        Path file = Files.write(dir.resolve("headerless.csv"), rows);
        CsvOptions byPosition = noCarving().withHeader(false).withColumns(Column.at(0), Column.at(1), Column.at(6));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file, byPosition))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("headerless.csv:2: columns #2 and #3 (0-based) look like one column of numbers with decimal commas, "
                        + "cut in two at the comma by the ',' delimiter: '0' and '03' here (0,03)");
        // whole numbers beside whole numbers without leading zeros are two columns, as written
        List<String> counts = rows.stream().map(r -> r.replace(",03,", ",3,")).toList();
        Path plain = Files.write(dir.resolve("counts.csv"), counts);
        assertThat(CsvSequenceDataset.fromLongCsv(plain, byPosition).schema().features()).hasSize(4);
        // chosen features are read as written (an hour and its minutes: 14,05), and a file with a header is counted by it
        CsvOptions chosen = byPosition.withFeatures(List.of(Column.at(2), Column.at(3), Column.at(4), Column.at(5)));
        assertThat(CsvSequenceDataset.fromLongCsv(file, chosen).schema().features()).hasSize(4);
        List<String> headed = new ArrayList<>(List.of("id,t,hour,minute,a,b,label"));
        headed.addAll(rows);
        Path withHeader = Files.write(dir.resolve("headed.csv"), headed);
        assertThat(CsvSequenceDataset.fromLongCsv(withHeader, noCarving().withColumns(Column.named("id"), Column.named("t"),
                Column.named("label"))).schema().features()).hasSize(4);
        // with a header, the cut numbers make more fields than the header names: said so (a trial's headed export)
        Path cut = Files.write(dir.resolve("cut.csv"), List.of("id,t,ax,ay,label", "s0,0,0,07,1,42,down"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(cut, noCarving().withColumns(Column.named("id"), Column.named("t"),
                Column.named("label")))).hasMessageContaining("cut.csv:2: 7 columns (expected 5")
                .hasMessageContaining("its commas look like decimal commas");
    }
}
