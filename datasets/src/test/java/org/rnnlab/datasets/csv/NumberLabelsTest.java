package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Trial 81b, a forecasting analyst's labels: fractional numbers (pH 6.5 to 7.4) trained silently as 10 unordered classes
 * (F2), a file mixing {@code 1} and {@code 1.0} warned of with an integer as its float example (F3), a test file's labels
 * in another number format refused without a fix (F4), a {@code pd.cut} line that could not run as printed (F5), and the
 * per-step refusal naming one sequence only and giving window advice to a per-row number (F7).
 */
class NumberLabelsTest {

    @TempDir
    Path dir;

    private static final CsvOptions OPTIONS = CsvOptions.defaults().withFractions(0, 0)
            .withColumns(Column.named("series_id"), Column.named("hour"), Column.named("ph"));

    /** {@code sequences} series of 4 hours, each labelled {@code label.apply(i)} on every row. */
    private Path series(String name, int sequences, IntFunction<String> label) throws Exception {
        StringBuilder csv = new StringBuilder("series_id,hour,x,ph\n");
        for (int i = 0; i < sequences; i++) {
            for (int t = 0; t < 4; t++) {
                csv.append(String.format(Locale.ROOT, "s%03d,%d,%.3f,%s%n", i, t, Math.sin(i * 0.7 + t), label.apply(i)));
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static List<String> warnings(Path file, CsvOptions options) throws Exception {
        return LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, options));
    }

    @Test
    void fractionalNumbersAreWarnedOfAtAnyCountAndTheCutLineRunsAsPrinted() throws Exception {
        // F2: 10 values 6.5 to 7.4 (the warning started at 12 numbers)
        Path ph = series("ph.csv", 100, i -> String.format(Locale.ROOT, "%.1f", 6.5 + 0.1 * (i % 10)));
        String warned = warnings(ph, OPTIONS).stream().filter(w -> w.contains("distinct numbers")).findFirst().orElseThrow();
        assertThat(warned).contains("the label column 'ph' holds 10 distinct numbers (6.5 to 7.4), 9 of them with a fractional part: "
                + "each is a class of its own, unordered (6.5 is as far from 6.6 as from 7.4); numbers with a fractional part are "
                + "seldom class codes: if it is a measured quantity rather than a code, this is not a classification task")
                .contains("--set labelNames=... listing them says so and dismisses this warning").doesNotContain("[...]");
        // named as classes: no warning; whole-number codes under 12: none; 3 half-steps: warned
        List<String> names = List.of("6.5", "6.6", "6.7", "6.8", "6.9", "7.0", "7.1", "7.2", "7.3", "7.4");
        assertThat(warnings(ph, OPTIONS.withLabelNames(names))).noneMatch(w -> w.contains("distinct numbers"));
        assertThat(warnings(series("codes.csv", 50, i -> Integer.toString(i % 5)), OPTIONS))
                .noneMatch(w -> w.contains("distinct numbers"));
        assertThat(warnings(series("halves.csv", 30, i -> (i % 3) + ".5"), OPTIONS))
                .anyMatch(w -> w.contains("holds 3 distinct numbers (0.5 to 2.5), all with a fractional part"));
        // F5: the printed line runs under pandas (bins=[...] was Python's Ellipsis), and its classes train
        String cut = code(warned, "df[\"ph_class\"] = ", "include_lowest=True)");
        assertThat(cut).isEqualTo("df[\"ph_class\"] = pd.cut(df[\"ph\"], bins=[6.5, 6.8, 7.1, 7.4], labels=['low', 'mid', "
                + "'high'], include_lowest=True)");
        Path binned = dir.resolve("ph-binned.csv");
        TimeSpacingTest.runPandas(dir, "import pandas as pd\ndf = pd.read_csv('" + ph + "')\n" + cut + "\ndf.to_csv('"
                + binned + "', index=False)\n");
        assertThat(CsvSequenceDataset.fromLongCsv(binned, OPTIONS.withColumns(Column.named("series_id"), Column.named("hour"),
                Column.named("ph_class"))).labelNames()).containsExactlyInAnyOrder("low", "mid", "high");
    }

    @Test
    void theRefusalOfAQuantityPrintsACutLineThatRuns() throws Exception {
        // F5: 599 loads of 600 sequences: refused, with pd.cut(..., bins=[...], labels=['low', 'high']) before
        Path load = series("load.csv", 60, i -> String.format(Locale.ROOT, "%.2f", 150.42 + 12.71 * i));
        String refused = catchThrowable(() -> CsvSequenceDataset.fromLongCsv(load, OPTIONS)).getMessage();
        assertThat(refused).contains("a target to regress").doesNotContain("[...]");
        String cut = code(refused, "df[\"ph_class\"] = ", "include_lowest=True)");
        assertThat(cut).isEqualTo("df[\"ph_class\"] = pd.cut(df[\"ph\"], bins=[150.42, 400, 650, 900.31], labels=['low', "
                + "'mid', 'high'], include_lowest=True)");
        Path binned = dir.resolve("load-binned.csv");
        TimeSpacingTest.runPandas(dir, "import pandas as pd\ndf = pd.read_csv('" + load + "')\n" + cut
                + "\nassert df['ph_class'].notna().all()\ndf.to_csv('" + binned + "', index=False)\n");
        assertThat(CsvSequenceDataset.fromLongCsv(binned, OPTIONS.withColumns(Column.named("series_id"), Column.named("hour"),
                Column.named("ph_class"))).labelNames()).containsExactlyInAnyOrder("low", "mid", "high");
        // edges close together keep their order
        assertThat(CsvSequenceDataset.cutLine("v", new double[] {1000.001, 1000.004})).contains("bins=[1000.001, 1000.002, "
                + "1000.003, 1000.004]");
    }

    @Test
    void wholeNumbersWrittenTwoWaysAreSaidSoWithAFloatAsTheExample() throws Exception {
        // F3: one sequence in three writes its label 2.0: the example was '0' and new data writing 0 were "unknown"
        Path mixed = series("mixed.csv", 60, i -> (i % 5) + (i % 3 == 0 ? ".0" : ""));
        String warned = warnings(mixed, OPTIONS).stream().filter(w -> w.contains("whole numbers")).findFirst().orElseThrow();
        assertThat(warned).contains("the labels of column 'ph' write whole numbers two ways, 5 as floats ('0.0', '1.0', '2.0', "
                + "...) and 5 as integers ('0', '1', '2', ...): each way is a class of its own, 10 classes for 5 numbers "
                + "(predict's columns read p_0 and p_0.0, and new data must write each class as its training sequences did); "
                + "write them all as integers (pandas: df['ph'] = df['ph'].astype(int); ")
                .contains("or read the floats as the integers with --set labelMap=FILE (a UTF-8 CSV with the header from,to and "
                        + "lines such as 0.0,0)")
                .doesNotContain("hold a label the model does not know");
        // R6: that one summary, not a per-pair warning beside it for each of the 5 pairs
        assertThat(warnings(mixed, OPTIONS)).noneMatch(w -> w.contains("differ only in number format"));
        // R3: the example is a float with an integer twin ('3.0' beside '3'), not the first float ('2.0' has no twin)
        Path twinLater = series("twinlater.csv", 60, i -> List.of("0", "1", "2.0", "3", "3.0").get(i % 5));
        assertThat(warnings(twinLater, OPTIONS)).anyMatch(w -> w.contains("each way is a class of its own, 5 classes for 4 "
                + "numbers (predict's columns read p_3 and p_3.0,") && w.contains("lines such as 3.0,3)"));
        // R3: no number written both ways (0, 1, 2.0): the float said as all-floats are, no p_2, no "3 classes for 3 numbers"
        Path noTwin = series("notwin.csv", 60, i -> List.of("0", "1", "2.0").get(i % 3));
        String alone = warnings(noTwin, OPTIONS).stream().filter(w -> w.contains("whole number")).findFirst().orElseThrow();
        assertThat(alone).contains("the labels of column 'ph' write 1 whole number(s) as floats ('2.0') and the other 2 as "
                + "integers ('0', '1'), none both ways: each float is a class named as written, so predict's columns read p_2.0 "
                + "and new data that write 2 hold a label the model does not know").doesNotContain("p_2 ")
                .doesNotContain("classes for");
        // all written as floats: as before, the float as the example
        Path floats = series("floats.csv", 60, i -> (i % 5) + ".0");
        assertThat(warnings(floats, OPTIONS)).anyMatch(w -> w.contains("the labels of column 'ph' are whole numbers written as "
                + "floats (0.0): each is a class named as written, so predict's columns read p_0.0 and new data that write 0 "
                + "hold a label the model does not know"));
    }

    @Test
    void aTestFileOfLabelsInAnotherNumberFormatIsRefusedWithTheLabelMapThatReadsIt() throws Exception {
        // F4: training writes 3.0, the test file 3: refused with no fix, where evaluate's message gives its label map
        Path train = series("train.csv", 60, i -> (i % 5) + ".0");
        Path test = series("test.csv", 20, i -> Integer.toString(i % 5));
        CsvSources sources = new CsvSources(null, train, null, test, false, false);
        assertThatThrownBy(() -> CsvSequenceDataset.load(sources, OPTIONS))
                .hasMessageContaining("test.csv:2: label '0' of sequence 's000' is not one of the training labels")
                .hasMessageContaining("(it reads as the label '0.0' written another way: ")
                .hasMessageContaining("the file's labels must be written as in training); or read it as training's with "
                        + "--set labelMap=FILE (a UTF-8 CSV with the header from,to and lines such as 0,0.0)");
        // and that map reads it
        Path map = Files.writeString(dir.resolve("map.csv"), "from,to\n0,0.0\n1,1.0\n2,2.0\n3,3.0\n4,4.0\n");
        CsvSequenceDataset read = LabelMap.applying(LabelMap.read(map), () -> CsvSequenceDataset.load(sources, OPTIONS));
        assertThat(read.labelNames()).containsExactly("0.0", "1.0", "2.0", "3.0", "4.0");
    }

    @Test
    void perStepLabelsAreCountedOverTheFileWithTheWindowsCommandAndAPerRowNumberIsSaidFirst() throws Exception {
        // F7: every recording changes activity: counted, and the command that cuts windows of one label each named
        StringBuilder csv = new StringBuilder("series_id,hour,x,ph\n");
        for (int i = 0; i < 5; i++) {
            for (int t = 0; t < 6; t++) {
                csv.append("r").append(i).append(',').append(t).append(',').append(t).append(',')
                        .append(i == 3 ? "walk" : t < 3 ? "walk" : "sit").append('\n');
            }
        }
        Path seg = Files.writeString(dir.resolve("seg.csv"), csv);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(seg, OPTIONS))
                .hasMessageContaining("seg.csv:5: sequence 'r0' has label 'sit'")
                .hasMessageContaining("a label per time step, which it does not learn (nor a number to regress) (4 of the 5 "
                        + "sequences change label along them, e.g. also 'r1'); ")
                .hasMessageContaining("cut each recording into windows with one label each, every window its own sequence id, "
                        + "e.g. rnnlab data windows --input " + seg + " --entity series_id --time hour --length N --label ph "
                        + "--label-rule all --out windows.csv (all skips the windows whose rows hold two labels");
        // one sequence only: said so
        Path one = Files.writeString(dir.resolve("one.csv"), csv.toString().replace("r1,3,3,sit", "r1,3,3,walk")
                .replace("r1,4,4,sit", "r1,4,4,walk").replace("r1,5,5,sit", "r1,5,5,walk").replace("r2,3,3,sit", "r2,3,3,walk")
                .replace("r2,4,4,sit", "r2,4,4,walk").replace("r2,5,5,sit", "r2,5,5,walk").replace("r4,3,3,sit", "r4,3,3,walk")
                .replace("r4,4,4,sit", "r4,4,4,walk").replace("r4,5,5,sit", "r4,5,5,walk"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(one, OPTIONS))
                .hasMessageContaining("(no other sequence of the file changes label)");
        // a number per row (the next hour's load): said as a forecasting target first
        StringBuilder perRow = new StringBuilder("series_id,hour,x,ph\n");
        for (int i = 0; i < 5; i++) {
            for (int t = 0; t < 6; t++) {
                perRow.append(String.format(Locale.ROOT, "f%d,%d,%d,%.1f%n", i, t, t, 200 + 7.3 * (i * 6 + t)));
            }
        }
        // R2: in a folder with a space, the printed pandas lines save the binned file the windows command reads
        Path forecast = Files.writeString(Files.createDirectories(dir.resolve("my data")).resolve("forecast.csv"), perRow);
        String refused = catchThrowable(() -> CsvSequenceDataset.fromLongCsv(forecast, OPTIONS)).getMessage();
        assertThat(refused).contains("(the label column 'ph' holds 30 distinct numbers (200 to 411.7) that change from row to "
                + "row: a number per row, a forecasting or regression target, which rnnlab does not do; to classify windows "
                + "instead, group the values into a few classes and save them (e.g. pandas: df = pd.read_csv(\"" + forecast
                + "\"); df[\"ph_class\"] = pd.cut(df[\"ph\"], bins=[");
        assertThat(refused.indexOf("a number per row")).isLessThan(refused.indexOf("rnnlab classifies whole sequences"));
        Path binned = dir.resolve("my data").resolve("forecast-binned.csv");
        assertThat(refused).contains("; df.to_csv(\"" + binned + "\", index=False); (three equal ranges;")
                .contains("rnnlab data windows --input '" + binned + "' --entity series_id --time hour --length N --label "
                        + "ph_class --out windows.csv (each window labelled by its last row's class)")
                .doesNotContain("--label-rule all");
        String pandas = code(refused, "e.g. pandas: ", "index=False)");
        TimeSpacingTest.runPandas(dir, "import pandas as pd\n" + pandas.substring("e.g. pandas: ".length()).replace("; ", "\n")
                + "\n");
        // the saved file holds the column the command names (it is per step still: the windows command cuts it)
        assertThat(Files.readAllLines(binned).get(0)).isEqualTo("series_id,hour,x,ph,ph_class");
        assertThat(catchThrowable(() -> CsvSequenceDataset.fromLongCsv(binned, OPTIONS.withColumns(Column.named("series_id"),
                Column.named("hour"), Column.named("ph_class")))).getMessage()).contains("sequence 'f1' has label 'mid'");
    }

    @Test
    void wholeNumberClassCodesHeldForRunsOfRowsGetTheWindowsAdviceNotTheForecastOne() throws Exception {
        // R1: 25 activity codes (PAMAP2's activityID), each held for 10 rows: codes, not a number per row
        StringBuilder csv = new StringBuilder("series_id,hour,x,ph\n");
        for (int i = 0; i < 40; i++) {
            for (int t = 0; t < 30; t++) {
                csv.append("r").append(i).append(',').append(t).append(',').append(t % 7).append(',')
                        .append(1 + (i + t / 10) % 25).append('\n');
            }
        }
        Path codes = Files.writeString(dir.resolve("codes.csv"), csv);
        String refused = catchThrowable(() -> CsvSequenceDataset.fromLongCsv(codes, OPTIONS)).getMessage();
        assertThat(refused).contains("codes.csv:12: sequence 'r0' has label '2'").doesNotContain("a number per row")
                .doesNotContain("forecasting").doesNotContain("pd.cut")
                .contains("e.g. rnnlab data windows --input " + codes + " --entity series_id --time hour --length N --label ph "
                        + "--label-rule all --out windows.csv");
        // the same whole numbers changing on every row (a count per hour): a number per row
        Path counts = Files.writeString(dir.resolve("counts.csv"), csv.toString().lines().map(l -> {
            String[] f = l.split(",");
            return f[0].equals("series_id") ? l : String.join(",", f[0], f[1], f[2], Integer.toString(1 + (Integer.parseInt(f[1])
                    + Integer.parseInt(f[0].substring(1))) % 25));
        }).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        assertThat(catchThrowable(() -> CsvSequenceDataset.fromLongCsv(counts, OPTIONS)).getMessage())
                .contains("holds 25 distinct numbers (1 to 25) that change from row to row: a number per row");
    }

    @Test
    void aDuplicatedRowsRefusalCountsTheOtherDuplicatedRows() throws Exception {
        // F6: 4 rows written twice in 4 sequences: the refusal named the first and counted none of the other 3
        StringBuilder csv = new StringBuilder("series_id,hour,x,ph\n");
        for (int i = 0; i < 10; i++) {
            for (int t = 0; t < 4; t++) {
                String row = String.format(Locale.ROOT, "s%d,%d,%d,a%n", i, t, i + t);
                csv.append(row);
                if (t == 1 && i % 3 == 0) { // s0, s3, s6, s9
                    csv.append(row);
                }
            }
        }
        Path dups = Files.writeString(dir.resolve("dups.csv"), csv);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(dups, OPTIONS))
                .hasMessageContaining("dups.csv:4: ").hasMessageContaining("line 4 repeats line 3, every feature the same")
                .hasMessageContaining("df.drop_duplicates() (3 other duplicated row(s) in 3 sequence(s), e.g. 's3' line 17: "
                        + "drop_duplicates() removes them all)");
        Path one = Files.writeString(dir.resolve("one-dup.csv"), "series_id,hour,x,ph\ns0,0,1,a\ns0,0,1,a\ns1,0,2,b\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(one, OPTIONS))
                .hasMessageContaining("df.drop_duplicates()").hasMessageNotContaining("other duplicated row");
    }

    /** The code in {@code message} from {@code start} to {@code end}. */
    private static String code(String message, String start, String end) {
        Matcher m = Pattern.compile("(" + Pattern.quote(start) + ".*?" + Pattern.quote(end) + ")").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return m.group(1);
    }
}
