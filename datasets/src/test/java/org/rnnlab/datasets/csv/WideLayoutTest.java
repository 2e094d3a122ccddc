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
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.Split;

/**
 * The wide layout ({@code --set layout=wide}, {@link WideLayout}): one sequence per row, reshaped into the long layout
 * right after reading, so that the long layout's checks, missing values and splits apply, and stored with the schema so
 * that new files are read the same way.
 */
class WideLayoutTest {

    @TempDir
    Path dir;

    private static String v(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }

    /**
     * A UCR-style headerless .tsv: 12 series, the label (1 or 2) in column 0, then up to 10 values; series 3 and 7 are
     * shorter (NaN-padded to the end), series 5 has an empty cell in the middle (step 4).
     */
    private Path ucr(String name, int offset) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int label = i % 2 + 1;
            List<String> row = new ArrayList<>(List.of(Integer.toString(label)));
            int length = i == 3 ? 6 : i == 7 ? 8 : 10;
            for (int t = 0; t < 10; t++) {
                row.add(t >= length ? "NaN" : i == 5 && t == 4 ? "" : v(Math.sin(0.3 * t + i + offset) + (label == 1 ? t * 0.1 : -t * 0.1)));
            }
            lines.add(String.join("\t", row));
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static DatasetOptions train(Path f) {
        return DatasetOptions.defaults().withFiles(f, null).with("layout", "wide").with("validationFraction", "0")
                .with("testFraction", "0");
    }

    @Test
    void aHeaderlessUcrFileIsReshapedWithNanPaddingEndingSeriesAndAMiddleGapAsAMissingValue() throws Exception {
        Path f = ucr("uni_TRAIN.tsv", 0);
        CsvOptions o = CsvOptions.defaults().withHeader(false).withColumns(Column.named("sequence_id"), null, Column.at(0))
                .withWide(true);
        CsvTable wide = CsvTable.readWithLayout(f, '\t', false);
        WideLayout layout = WideLayout.resolve(wide, o, false);
        assertThat(layout).isEqualTo(new WideLayout(false, Column.at(0), null, null, null));
        WideLayout.Reshaped reshaped = layout.reshape(wide, null, layout.roleNames(), null);
        CsvTable table = reshaped.table();
        assertThat(table.header()).containsExactly("line", "label", "value");
        assertThat(reshaped.features()).containsExactly("value");
        // 10 steps each, but 6 and 8 for the padded series: the NaN at the end is no step
        assertThat(table.rows()).hasSize(10 * 10 + 6 + 8);
        // every step keeps its source line, which is the sequence id
        assertThat(table.lines().subList(0, 10)).containsOnly(1L);
        assertThat(table.lines().subList(30, 36)).containsOnly(4L);
        assertThat(table.rows().get(30)[0]).isEqualTo("4");
        assertThat(table.rows().get(36)[0]).isEqualTo("5");
        assertThat(table.rows().get(0)[1]).isEqualTo("1");
        assertThat(table.rows().get(10)[1]).isEqualTo("2");
        // the empty cell in the middle stays a missing value: step 4 of line 6
        int line6 = 10 * 3 + 6 + 10; // rows of lines 1-3, 4 (6 steps) and 5
        assertThat(table.lines().get(line6 + 4)).isEqualTo(6L);
        assertThat(table.rows().get(line6 + 4)[2]).isEmpty();

        // through the dataset: --missing error names the file, the source line and the column
        assertThatThrownBy(() -> Datasets.open("csv", train(f).with("delimiter", "tab")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("uni_TRAIN.tsv:6")
                .hasMessageContaining("'value' (step column #5)"); // the step's own column, not only the feature (trial 69f)
        // --missing interpolate fills it; the lengths are the series' own, the ids their line numbers
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", train(f).with("delimiter", "tab")
                .with("missing", "interpolate"));
        assertThat(d.split(Split.TRAIN).examples().stream().map(s -> s.length()).sorted().toList())
                .containsExactly(6, 8, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        assertThat(d.sequenceIds().get(Split.TRAIN)).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
                "11", "12");
        assertThat(d.labelNames()).containsExactly("1", "2");
        assertThat(d.schema().wide()).isEqualTo(layout);
        assertThat(d.schema().features()).containsExactly(Column.named("value"));
        assertThat(d.schema().describeColumns()).contains("one sequence per row (wide layout, no header), sequence id the row's "
                + "line number");
        // a new file in the same layout, read with the model's schema: the same values, ids the lines
        List<CsvSequence> read = CsvSequenceDataset.readAll(ucr("uni_TEST.tsv", 1), d.schema().withMissing(MissingValues.INTERPOLATE),
                true, new ArrayList<>());
        assertThat(read).hasSize(12);
        assertThat(read.get(3).id()).isEqualTo("4");
        assertThat(read.get(3).values()).hasNumberOfRows(6);
        assertThat(read.get(0).values()[2][0]).isEqualTo(Float.parseFloat(v(Math.sin(0.6 + 1) + 0.2)));
        assertThat(read.get(0).label()).isEqualTo("1");
    }

    /** 10 sequences of 3 features (ax, ay, az) of 5 steps, a subject (the group) and a note, with ids and a header. */
    private Path multivariate(String name, java.util.function.UnaryOperator<String> headerEdit) throws IOException {
        List<String> header = new ArrayList<>(List.of("id", "subject", "note"));
        for (String f : List.of("ax", "ay", "az")) {
            for (int t = 0; t < 5; t++) {
                header.add(f + "_" + t);
            }
        }
        header.add("label");
        List<String> lines = new ArrayList<>(List.of(headerEdit.apply(String.join(",", header))));
        for (int i = 0; i < 10; i++) {
            List<String> row = new ArrayList<>(List.of("s" + i, "p" + i % 4, "n"));
            for (int f = 0; f < 3; f++) {
                for (int t = 0; t < 5; t++) {
                    row.add(v(f * 10 + t + i * 0.01));
                }
            }
            row.add(i % 2 == 0 ? "walk" : "run");
            lines.add(String.join(",", row));
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void namedStepColumnsAreGroupedByFeatureWithAGroupColumnAndUnusedPerSequenceColumnsSaid() throws Exception {
        Path f = multivariate("wide.csv", h -> h);
        CsvSequenceDataset[] d = new CsvSequenceDataset[1];
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> d[0] = (CsvSequenceDataset) Datasets.open("csv",
                train(f).with("sequenceId", "id").with("group", "subject")));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("'note'"));
        CsvSchema schema = d[0].schema();
        assertThat(schema.featureNames()).containsExactly("ax", "ay", "az");
        assertThat(schema.group()).isEqualTo(Column.named("subject"));
        assertThat(schema.ignored()).containsExactly("note");
        assertThat(d[0].sequenceIds().get(Split.TRAIN)).contains("s0", "s9");
        assertThat(d[0].sequenceGroups().get(Split.TRAIN)).contains("p0", "p3");
        // new data with their columns in another order, steps ordered by their number, not their place
        Path shuffled = Files.writeString(dir.resolve("new.csv"), "label,az_1,az_0,ay_0,ay_1,ax_1,ax_0,id\nwalk,21,20,10,11,1,0,q\n");
        List<CsvSequence> read = CsvSequenceDataset.readAll(shuffled, schema, true, new ArrayList<>());
        assertThat(read).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo("q");
            assertThat(q.values()).isDeepEqualTo(new float[][] {{0, 10, 20}, {1, 11, 21}});
            assertThat(q.line()).isEqualTo(2);
        });
        // t0, t1, ... without a separator, ids the line numbers (no id column), steps in their numbers' order
        Path t = Files.writeString(dir.resolve("t.csv"), "label,t2,t0,t1,t10\na,3,1,2,4\nb,7,5,6,8\na,1,1,1,1\nb,2,2,2,2\n");
        CsvSequenceDataset ts = (CsvSequenceDataset) Datasets.open("csv", train(t));
        assertThat(ts.schema().featureNames()).containsExactly("t");
        assertThat(ts.sequenceIds().get(Split.TRAIN)).containsExactlyInAnyOrder("2", "3", "4", "5");
        assertThat(CsvSequenceDataset.readAll(t, ts.schema(), true, new ArrayList<>()).get(0).values())
                .isDeepEqualTo(new float[][] {{1}, {2}, {3}, {4}});
    }

    @Test
    void featuresWithDifferentStepsAreRefusedNamingTheFeatureAndItsMissingColumns() throws Exception {
        Path f = multivariate("gap.csv", h -> h.replace(",ay_3,", ",ay_extra,").replace(",az_4,", ",az_9,"));
        assertThatThrownBy(() -> Datasets.open("csv", train(f).with("sequenceId", "id").with("group", "subject")))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("gap.csv:1: --set layout=wide: feature 'ax' has no column [ax_9]; feature 'ay' has no "
                        + "column [ay_3, ay_9]; feature 'az' has no column [az_4]");
        Path twice = Files.writeString(dir.resolve("twice.csv"), "label,x_1,x01,x_2\na,1,2,3\n");
        assertThatThrownBy(() -> Datasets.open("csv", train(twice))).hasMessageContaining("columns 'x_1' and 'x01' are both step 1 "
                + "of feature 'x'");
    }

    @Test
    void aTrueAmongNumbersIsRefusedNamingItsStepColumnWhileAFlagFeatureIsReadAsOneAndZero() throws Exception {
        // review 79 R7: the pre-check let True/False by, so a True among a feature's numbers was refused under the long
        // table's column 'ax', not the step column 'ax_2' as written
        Path f = multivariate("true.csv", h -> h);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(3, lines.get(3).replace(",2.0200,", ",True,")); // line 4: s2's ax_2
        Files.write(f, lines);
        assertThatThrownBy(() -> Datasets.open("csv", train(f).with("sequenceId", "id")))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("true.csv:4: value 'True' in column 'ax_2' is not a number (expected a finite decimal number; "
                        + "True/False (any case) are read as 1 and 0 only in a yes/no column, whose values are all 0, 1, True or "
                        + "False (or missing), and its feature 'ax' (its step columns 'ax_0', ...) holds other values too: write it "
                        + "as numbers)");
        // a feature of 0, 1, True and False over all its step columns is a yes/no column: read as 1 and 0
        Path flags = Files.writeString(dir.resolve("flags.csv"), "id,door_0,door_1,door_2,x_0,x_1,x_2,label\n"
                + "a,True,False,1,0.5,0.25,2,open\nb,0,False,False,1.5,1.25,3,shut\nc,true,TRUE,1,2.5,2.25,4,open\n"
                + "d,False,0,0,3.5,3.25,5,shut\n");
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", train(flags).with("sequenceId", "id"));
        assertThat(d.schema().featureNames()).containsExactly("door", "x");
        List<CsvSequence> read = CsvSequenceDataset.readAll(flags, d.schema(), true, new ArrayList<>());
        assertThat(read.get(0).values()).isDeepEqualTo(new float[][] {{1, 0.5f}, {0, 0.25f}, {1, 2}});
    }

    @Test
    void errorsNameTheSourceLineAndSettingsThatDoNotApplyAreRefused() throws Exception {
        Path f = multivariate("bad.csv", h -> h);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.add(5, ""); // a blank line: line numbers are the file's, not the rows'
        lines.set(7, lines.get(7).replace(",2.0", ",2.0x")); // line 8: sequence s5, ay_... = x
        Files.write(f, lines);
        assertThatThrownBy(() -> Datasets.open("csv", train(f).with("sequenceId", "id")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("bad.csv:8: value '2.0x500' in column 'ax_2' is not a number");
        // without a header, the column by its 0-based index
        Path headerless = Files.writeString(dir.resolve("headerless.csv"), "a,1,2,3\nb,4,5,6\na,1,1,7,8\n".replace("1,1,7,8", "1,n/a,7"));
        assertThatThrownBy(() -> Datasets.open("csv", train(headerless).with("header", "false")))
                .hasMessageContaining("headerless.csv:3: value 'n/a' in column #2 is not a number");
        Path ok = multivariate("ok.csv", h -> h);
        assertThatThrownBy(() -> Datasets.open("csv", train(ok).with("time", "t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--set time=t does not apply to --set layout=wide");
        assertThatThrownBy(() -> Datasets.open("csv", train(ok).with("layout", "tall")))
                .hasMessageContaining("csv setting layout must be long (one row per time step) or wide");
        assertThatThrownBy(() -> Datasets.open("csv", train(ucr("u.tsv", 0)).with("delimiter", "tab").with("features", "1,2")))
                .hasMessageContaining("--set features=1,2 does not apply to a wide file without a header");
        // two rows under one id
        Path dup = Files.writeString(dir.resolve("dup.csv"), "id,label,x_0,x_1\na,u,1,2\nb,v,1,2\na,u,3,4\n");
        assertThatThrownBy(() -> Datasets.open("csv", train(dup).with("sequenceId", "id")))
                .hasMessageContaining("dup.csv:4: sequence id 'a' of line 4 is the id of line 2 too");
    }

    @Test
    void withoutTheHeaderSettingAFirstLineOfDataIsNoHeader() throws Exception {
        assertThat(WideLayout.numericFirstLine(Files.writeString(dir.resolve("n.csv"), "\n1,0.5,NaN,2\n"), ',')).isTrue();
        assertThat(WideLayout.numericFirstLine(Files.writeString(dir.resolve("w.csv"), "walk,0.5,0.25,2\n"), ',')).isTrue();
        // pandas' names of a NumPy array's columns beside a label column, and named columns: a header
        assertThat(WideLayout.numericFirstLine(Files.writeString(dir.resolve("p.csv"), "label,0,1,2\n"), ',')).isFalse();
        assertThat(WideLayout.numericFirstLine(Files.writeString(dir.resolve("h.csv"), "label,t0,t1\n"), ',')).isFalse();
        // a text label in column 0 of a headerless file: read without a header, the label first
        Path f = Files.writeString(dir.resolve("text.csv"), "walk,1,2,3\nrun,3,2,1\nwalk,1,2,4\nrun,4,2,1\n");
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", train(f));
        assertThat(d.labelNames()).containsExactly("run", "walk");
        assertThat(d.sequenceIds().get(Split.TRAIN)).containsExactlyInAnyOrder("1", "2", "3", "4");
        // the label elsewhere, by index
        Path last = Files.writeString(dir.resolve("last.csv"), "1,2,3,walk\n3,2,1,run\n1,2,4,walk\n4,2,1,run\n");
        CsvSequenceDataset l = (CsvSequenceDataset) Datasets.open("csv", train(last).with("header", "false").with("label", "3"));
        assertThat(l.labelNames()).containsExactly("run", "walk");
        assertThat(l.split(Split.TRAIN).examples()).allSatisfy(q -> assertThat(q.length()).isEqualTo(3));
    }

    @Test
    void theLongLayoutsAdviceOnUcrFilesAndOneRowSequencesNamesTheWideLayout() throws Exception {
        Path tsv = ucr("plain.tsv", 0);
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(tsv, null).with("delimiter", "tab")
                .with("header", "false"))).hasMessageContaining("--set layout=wide");
        Path oneRow = Files.writeString(dir.resolve("onerow.csv"), "id,x_0,x_1,x_2,label\na,1,2,3,u\nb,2,3,4,v\nc,1,1,1,u\n");
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", DatasetOptions.defaults()
                .withFiles(oneRow, null).with("sequenceId", "id").with("validationFraction", "0").with("testFraction", "0")));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("every training sequence has one time step")
                .contains("--set layout=wide"));
    }

    @Test
    void codesForMissingValuesApplyToStepCellsAndTheSchemaTravelsAsJson() throws Exception {
        Path f = Files.writeString(dir.resolve("codes.csv"), "label,x_0,x_1,x_2\n-999,1,-999,3\n2,4,5,-999\n-999,1,1,1\n2,2,2,2\n");
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", train(f).with("naValues", "-999")
                .with("missing", "interpolate"));
        // the label -999 stays a label; the trailing -999 ends line 3's series, the middle one is filled
        assertThat(d.labelNames()).containsExactly("-999", "2");
        assertThat(d.split(Split.TRAIN).examples().stream().map(s -> s.length()).sorted().toList()).containsExactly(2, 3, 3, 3);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        CsvSchema back = mapper.readValue(mapper.writeValueAsString(d.schema()), CsvSchema.class);
        assertThat(back).isEqualTo(d.schema());
        assertThat(back.wide()).isNotNull();
        NewData fresh = NewData.csv(f, back, true);
        assertThat(fresh.ids()).containsExactly("2", "3", "4", "5");
        assertThat(d.schema().toString()).contains("wide=WideLayout[header=true");
        assertThat(d.provenance().parameters()).containsEntry("layout", "wide");
    }
}
