package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Split;

/**
 * The first line of a wide file ({@link WideFirstLine}), as a UCR benchmark trial (66a) wrote them: pandas' header of a
 * NumPy array's columns ({@code 0 1 ... N-1}), a header in one of the training and test files only, a tab-separated file
 * read with ',', and rows of unequal length without padding.
 */
class WideFirstLineTest {

    @TempDir
    Path dir;

    /** 12 series of 10 values, labels 1 and 2 in column 0, tab-separated; {@code header} (or null) as line 1. */
    private Path ucr(String name, String header, int offset) throws IOException {
        List<String> lines = new ArrayList<>();
        if (header != null) {
            lines.add(header);
        }
        for (int i = 0; i < 12; i++) {
            int label = i % 2 + 1;
            List<String> row = new ArrayList<>(List.of(Integer.toString(label)));
            for (int t = 0; t < 10; t++) {
                row.add(String.format(Locale.ROOT, "%.4f", Math.sin(0.3 * t + i + offset) + (label == 1 ? t * 0.1 : -t * 0.1)));
            }
            lines.add(String.join("\t", row));
        }
        return Files.write(dir.resolve(name), lines);
    }

    /** The tab-separated line of the numbers {@code from} to {@code to}. */
    private static String numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.joining("\t"));
    }

    private static DatasetOptions train(Path f, Path test) {
        DatasetOptions o = DatasetOptions.defaults().withFiles(f, test).with("layout", "wide").with("delimiter", "tab")
                .with("validationFraction", "0");
        return test == null ? o.with("testFraction", "0") : o;
    }

    @Test
    void pandasColumnNumbersAsTheFirstLineAreRefusedWithTheSettingThatReadsThemAsAHeader() throws Exception {
        // pd.DataFrame(arr).to_csv('X.tsv', sep='\t', index=False): the header 0 1 ... 10 over the label and 10 steps
        Path f = ucr("Pd_TRAIN.tsv", numbers(0, 10), 0);
        assertThatThrownBy(() -> Datasets.open("csv", train(f, null))).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("Pd_TRAIN.tsv:1:").hasMessageContaining("the numbers 0 to 10, the column names pandas writes")
                .hasMessageContaining("--set header=true --set label=0");
        // 1..N too
        Path one = ucr("One_TRAIN.tsv", numbers(1, 11), 0);
        assertThatThrownBy(() -> Datasets.open("csv", train(one, null))).hasMessageContaining("--set header=true --set label=1");
        // the fix reads it: 12 series of classes 1 and 2, no series of class '0'
        Path test = ucr("Pd_TEST.tsv", numbers(0, 10), 1);
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", train(f, test).with("header", "true").with("label", "0"));
        assertThat(d.labelNames()).containsExactly("1", "2");
        assertThat(d.split(Split.TRAIN).examples()).hasSize(12).allSatisfy(q -> assertThat(q.length()).isEqualTo(10));
        assertThat(d.split(Split.TEST).examples()).hasSize(12);
        // --set header=false said: read as the user said, and warned of
        List<String> warnings = LoggedWarnings.of(WideLayout.class, () -> Datasets.open("csv", train(f, null).with("header", "false")));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("Pd_TRAIN.tsv:1").contains("read as a series of label '0'")
                .contains("--set header=true"));
    }

    @Test
    void aFirstSeriesOfNumbersThatAreNotPandasColumnNumbersIsReadAsDataWithoutAWord() throws Exception {
        // a series of label 0 whose values happen to be whole numbers, a label 1 then 1 2 4: neither is 0..N-1 nor 1..N
        Path f = ucr("Ramp_TRAIN.tsv", "0\t1\t2\t3\t4\t5\t6\t7\t8\t9\t11", 0);
        Files.writeString(f, "1\t1\t2\t4\t8\t16\t32\t64\t128\t256\t512\n", java.nio.file.StandardOpenOption.APPEND);
        List<String> warnings = LoggedWarnings.of(WideLayout.class, () -> {
            CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", train(f, null));
            assertThat(d.labelNames()).containsExactly("0", "1", "2");
            assertThat(d.split(Split.TRAIN).examples()).hasSize(14);
        });
        assertThat(warnings).isEmpty();
        // two cells only: too short to tell, a series
        assertThat(WideLayout.numericFirstLine(Files.writeString(dir.resolve("two.csv"), "0,1\n1,2\n"), ',')).isTrue();
    }

    @Test
    void aTestFileWithoutTheTrainingFilesHeaderOrWithOneItLacksIsRefusedNamingIt() throws Exception {
        String names = "target\t" + IntStream.rangeClosed(1, 10).mapToObj(i -> "att" + i).collect(Collectors.joining("\t"));
        Path headed = ucr("Header_TRAIN.tsv", names, 0);
        Path plain = ucr("Plain_TEST.tsv", null, 1);
        assertThatThrownBy(() -> Datasets.open("csv", train(headed, plain).with("label", "target")))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("Plain_TEST.tsv:1: Plain_TEST.tsv has no header line but the training file has one")
                .hasMessageContaining("the label from 'target'");
        // the reverse: a header in the test file only
        Path plainTrain = ucr("Plain_TRAIN.tsv", null, 0);
        Path headedTest = ucr("Header_TEST.tsv", names, 1);
        assertThatThrownBy(() -> Datasets.open("csv", train(plainTrain, headedTest)))
                .hasMessageContaining("Header_TEST.tsv:1: Header_TEST.tsv has a header line but the training file has none")
                .hasMessageNotContaining("category");
        // pandas' column numbers in the test file only
        Path pdTest = ucr("Pd_TEST.tsv", numbers(0, 10), 1);
        assertThatThrownBy(() -> Datasets.open("csv", train(plainTrain, pdTest)))
                .hasMessageContaining("Pd_TEST.tsv has a header line but the training file has none: line 1 ('0<TAB>1<TAB>2");
        // new data read with a trained model's schema are judged alike
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", train(plainTrain, null));
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(headedTest, d.schema(), true, new ArrayList<>()))
                .hasMessageContaining("Header_TEST.tsv has a header line but the training file has none");
    }

    @Test
    void filesInTheTrainingFilesLayoutPassSilently() throws Exception {
        String names = "target\t" + IntStream.rangeClosed(1, 10).mapToObj(i -> "att" + i).collect(Collectors.joining("\t"));
        // both with a header; both without; a text label in a later column of a headerless layout
        CsvSequenceDataset headed = (CsvSequenceDataset) Datasets.open("csv", train(ucr("H_TRAIN.tsv", names, 0),
                ucr("H_TEST.tsv", names, 1)).with("label", "target"));
        assertThat(headed.split(Split.TEST).examples()).hasSize(12);
        CsvSequenceDataset plain = (CsvSequenceDataset) Datasets.open("csv", train(ucr("P_TRAIN.tsv", null, 0),
                ucr("P_TEST.tsv", null, 1)));
        assertThat(plain.split(Split.TEST).examples()).hasSize(12);
        Path last = Files.writeString(dir.resolve("last.csv"), "1,2,3,walk\n3,2,1,run\n1,2,4,walk\n4,2,1,run\n");
        Path lastTest = Files.writeString(dir.resolve("last_test.csv"), "run,2,3,walk\n3,2,1,run\n");
        CsvSequenceDataset l = (CsvSequenceDataset) Datasets.open("csv", DatasetOptions.defaults().withFiles(last, null)
                .with("layout", "wide").with("header", "false").with("label", "3").with("validationFraction", "0")
                .with("testFraction", "0"));
        // a header line whose only text is at the label column is data: its value 'run' at column 0 is then refused as a value
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(lastTest, l.schema(), true, new ArrayList<>()))
                .hasMessageContaining("value 'run' in column #0 is not a number").hasMessageNotContaining("header line");
        Path lastOk = Files.writeString(dir.resolve("last_ok.csv"), "5,2,3,walk\n3,2,1,run\n");
        assertThat(CsvSequenceDataset.readAll(lastOk, l.schema(), true, new ArrayList<>())).hasSize(2);
        // a header such as label,10,20,30 (numbers after a text cell), read as one when said so, is a header in the test file too
        Path tens = Files.writeString(dir.resolve("tens.csv"), "label,10,20,30\na,1,2,3\nb,3,2,1\na,1,2,4\nb,4,2,1\n");
        CsvSequenceDataset t = (CsvSequenceDataset) Datasets.open("csv", DatasetOptions.defaults().withFiles(tens, null)
                .with("layout", "wide").with("header", "true").with("validationFraction", "0").with("testFraction", "0"));
        Path tensTest = Files.writeString(dir.resolve("tens_test.csv"), "label,10,20,30\na,1,2,3\n");
        assertThat(CsvSequenceDataset.readAll(tensTest, t.schema(), true, new ArrayList<>())).singleElement()
                .satisfies(q -> assertThat(q.values()).isDeepEqualTo(new float[][] {{1}, {2}, {3}}));
    }

    @Test
    void aTabSeparatedFileReadWithCommasIsToldToUseTheTabDelimiter() throws Exception {
        Path f = ucr("Tiny_TRAIN.tsv", null, 0);
        DatasetOptions comma = DatasetOptions.defaults().withFiles(f, null).with("layout", "wide").with("validationFraction", "0")
                .with("testFraction", "0");
        assertThatThrownBy(() -> Datasets.open("csv", comma)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("Tiny_TRAIN.tsv:1: --set layout=wide: line 1 ('1<TAB>")
                .hasMessageContaining("holds tabs (and the file's name ends .tsv): is the file tab-separated? Read it with --set delimiter=tab");
        // a ;-separated one
        Path semi = Files.writeString(dir.resolve("semi.csv"), "1;0.5;0.25\n2;0.1;0.2\n");
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(semi, null).with("layout", "wide")))
                .hasMessageContaining("holds ';': is the file ;-separated? Read it with --set delimiter=';'");
        // a comma-separated file read with --set delimiter=tab
        Path commas = Files.writeString(dir.resolve("mv.csv"), "label,x_0,x_1\na,1,2\n");
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(commas, null).with("layout", "wide")
                .with("delimiter", "tab"))).hasMessageContaining("holds ',': is the file comma-separated? Read it without --set delimiter");
        // a step value holding tabs (a quoted cell of a comma-separated file, line 2) says so too
        Path quoted = Files.writeString(dir.resolve("quoted.csv"), "1,0.5,0.25\n2,\"1\t2\",0.5\n");
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(quoted, null).with("layout", "wide")
                .with("validationFraction", "0").with("testFraction", "0")))
                .hasMessageContaining("quoted.csv:2: value '1\t2' in column #1 is not a number")
                .hasMessageContaining("the value holds tabs: is the file tab-separated? Read it with --set delimiter=tab");
        // silent: a comma-separated wide file with a header, and a one-column line without another delimiter
        Path csv = Files.writeString(dir.resolve("ok.csv"), "label,t0,t1,t2\na,1,2,3\nb,3,2,1\na,1,2,4\nb,4,2,1\n");
        assertThat(Datasets.open("csv", DatasetOptions.defaults().withFiles(csv, null).with("layout", "wide")
                .with("validationFraction", "0").with("testFraction", "0")).labelNames()).containsExactly("a", "b");
        Path lone = Files.writeString(dir.resolve("lone.csv"), "label\na\n");
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(lone, null).with("layout", "wide")))
                .hasMessageNotContaining("separated");
    }

    @Test
    void rowsOfUnequalLengthInTheWideLayoutAreToldOfTheTrailingPadding() throws Exception {
        Path ragged = Files.writeString(dir.resolve("Ragged_TRAIN.tsv"), "1\t0.1\t0.2\n2\t0.3\t0.4\t0.5\t0.6\n");
        assertThatThrownBy(() -> Datasets.open("csv", train(ragged, null))).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("Ragged_TRAIN.tsv:2: 5 columns (expected 3 as in the first row)")
                .hasMessageContaining("pad a shorter series with empty or NaN cells at the end of its row, up to 5 columns");
        // a test file too
        Path good = ucr("Good_TRAIN.tsv", null, 0);
        Path raggedTest = ucr("Ragged_TEST.tsv", null, 1);
        Files.writeString(raggedTest, "1\t0.5\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> Datasets.open("csv", train(good, raggedTest))).hasMessageContaining("Ragged_TEST.tsv:13: 2 columns")
                .hasMessageContaining("empty or NaN cells at the end of its row");
        // the padded form is read; the long layout's row-length error does not speak of the wide layout
        Path padded = Files.writeString(dir.resolve("Padded_TRAIN.tsv"), "1\t0.1\t0.2\tNaN\t\n2\t0.3\t0.4\t0.5\t0.6\n"
                + "1\t0.1\t0.3\t\t\n2\t0.3\t0.1\t0.5\t0.6\n");
        assertThat(Datasets.open("csv", train(padded, null)).split(Split.TRAIN).examples().stream().map(q -> q.length()).sorted()
                .toList()).containsExactly(2, 2, 4, 4);
        Path longFile = Files.writeString(dir.resolve("long.csv"), "sequence_id,x,label\na,1,u\na,2,u,3\n");
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(longFile, null)))
                .hasMessageContaining("4 columns").hasMessageNotContaining("wide layout");
    }
}
