package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trial 78b's turbine sequences with targets rnnlab does not learn: a remaining life in whole cycles trained as 25 classes
 * (F1), a nearly unique numeric target asked only "is it the right column?" (F2), a row counter kept in the features the
 * text-column refusal suggested (F3), and an unlabelled-sequence refusal that named one of two sequences and pandas'
 * {@code df['label']} for a column named 'mode' (F6).
 */
class TurbineTargetsTest {

    @TempDir
    Path dir;

    private static final CsvOptions OPTIONS = CsvOptions.defaults().withFractions(0, 0)
            .withColumns(Column.named("unit_id"), null, Column.named("rul"));

    /** {@code sequences} units of 3 steps, each labelled {@code rul.apply(i)} on every row. */
    private Path units(String name, int sequences, IntFunction<String> rul) throws Exception {
        StringBuilder csv = new StringBuilder("unit_id,vib,rul\n");
        for (int i = 0; i < sequences; i++) {
            for (int t = 0; t < 3; t++) {
                csv.append(String.format(Locale.ROOT, "u%03d,%.2f,%s%n", i, Math.sin(i + t), rul.apply(i)));
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void wholeNumbersOfAQuantityAreRefusedAsATargetToRegressButCodesTrain() throws Exception {
        // F1: 25 multiples of 10 (20 to 260) over 60 sequences, 2.4 each: as refused as the same values with a fraction
        Path cycles = units("cycles.csv", 60, i -> Integer.toString(20 + 10 * (i % 25)));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(cycles, OPTIONS))
                .hasMessageContaining("the label column 'rul' holds 25 distinct numbers (20 to 260), mostly whole: more than 20 "
                        + "values, with 2.4 of the 60 training sequences each on average (under 10), and not codes that fill most "
                        + "of the whole numbers from the smallest to the largest (they fill 25 of 241, under 3 in 4) as class codes "
                        + "do: a count or measured quantity")
                .hasMessageContaining("a target to regress, which rnnlab does not do")
                .hasMessageContaining("pd.cut(df[\"rul\"]")
                .hasMessageContaining("--set labelNames=20,30,40,50,");
        // named as classes: trained, as the fractional ones are
        List<String> names = new ArrayList<>();
        for (int k = 0; k < 25; k++) {
            names.add(Integer.toString(20 + 10 * k));
        }
        assertThat(CsvSequenceDataset.fromLongCsv(cycles, OPTIONS.withLabelNames(names)).labelNames()).hasSize(25);
        // class codes 0 to 24 (or 1 to 25, or with one absent) are classes, however few sequences each: trained
        assertThat(CsvSequenceDataset.fromLongCsv(units("codes.csv", 60, i -> Integer.toString(i % 25)), OPTIONS).labelNames())
                .hasSize(25);
        assertThat(CsvSequenceDataset.fromLongCsv(units("codes1.csv", 60, i -> Integer.toString(1 + i % 25)), OPTIONS).labelNames())
                .hasSize(25);
        assertThat(CsvSequenceDataset.classCodes(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11})).isTrue();
        assertThat(CsvSequenceDataset.classCodes(new double[] {20, 30, 40})).isFalse();
        // many sequences per value (10 or more on average): classes of their own, warned of only
        assertThat(CsvSequenceDataset.fromLongCsv(units("many.csv", 250, i -> Integer.toString(20 + 10 * (i % 25))), OPTIONS)
                .labelNames()).hasSize(25);
    }

    @Test
    void codesFromAnyStartReadAsClassesAndTheRefusalGivesTheListToType() throws Exception {
        // trial 78h F1: 24 product categories 101 to 124, 6 training sequences each, were refused as a quantity
        assertThat(CsvSequenceDataset.fromLongCsv(units("s101.csv", 144, i -> Integer.toString(101 + i % 24)), OPTIONS)
                .labelNames()).hasSize(24);
        // codes 1 to 30 with 3, 7, 12, 18, 22, 27 unused: 24 of 30
        List<Integer> used = new ArrayList<>();
        for (int k = 1; k <= 30; k++) {
            if (!List.of(3, 7, 12, 18, 22, 27).contains(k)) {
                used.add(k);
            }
        }
        assertThat(CsvSequenceDataset.fromLongCsv(units("sgap.csv", 144, i -> Integer.toString(used.get(i % 24))), OPTIONS)
                .labelNames()).hasSize(24);
        assertThat(CsvSequenceDataset.classCodes(new double[] {1001, 1002, 1004, 1005})).isTrue();
        assertThat(CsvSequenceDataset.classCodes(new double[] {1, 2, 5, 8})).isFalse(); // 4 of 8
        // a quantity still refused: remaining life 20 to 300 (25 values of 281, 9%), with the classes to type if meant
        Path rul = units("rul.csv", 100, i -> Integer.toString(20 + (280 * (i % 25)) / 24));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(rul, OPTIONS))
                .hasMessageContaining("(20 to 300), mostly whole")
                .hasMessageContaining("they fill 25 of 281, under 3 in 4")
                .hasMessageContaining("name them: --set labelNames=20,31,43,55,66,");
    }

    @Test
    void numberedCodesNamedWithLabelNamesAreNotAskedWhetherTheyAreAQuantity() throws Exception {
        // trial 78h F2: the "if it is a measured quantity" warning fired after the codes were named as classes
        Path codes = units("c101.csv", 600, i -> Integer.toString(101 + i % 24));
        List<String> names = new ArrayList<>();
        for (int k = 101; k <= 124; k++) {
            names.add(Integer.toString(k));
        }
        assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(codes, OPTIONS))).anyMatch(w -> w.contains(
                "holds 24 distinct numbers (101 to 124)") && w.contains("if these are codes of classes, --set labelNames=... "
                + "listing them says so and dismisses this warning"));
        assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(codes, OPTIONS.withLabelNames(names))))
                .noneMatch(w -> w.contains("distinct numbers"));
    }

    @Test
    void tagsNamedWithLabelNamesAreNotWarnedOfAsAMultiLabelExport() throws Exception {
        // trial 78h F3: the warning fired still with the classes named
        String[] tags = {"bearing;vibration", "bearing;seal", "seal;leak"};
        Path file = units("tags.csv", 30, i -> tags[i % 3]);
        assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, OPTIONS)))
                .anyMatch(w -> w.contains("look like tags of a multi-label export"));
        assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file,
                OPTIONS.withLabelNames(List.of(tags))))).noneMatch(w -> w.contains("multi-label"));
    }

    @Test
    void nearlyUniqueNumbersAsLabelsGetTheRegressionWording() throws Exception {
        // F2: 30 values (x.5) over 40 sequences: numbers, a quantity, said so with pd.cut
        Path hours = units("hours.csv", 40, i -> String.format(Locale.ROOT, "%.1f", 20.5 + 3 * (i % 30)));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(hours, OPTIONS))
                .hasMessageContaining("the label column 'rul' has 30 distinct values in 40 training sequences, all numbers (20.5 to "
                        + "107.5): a measured quantity, a target to regress, which rnnlab does not do")
                .hasMessageContaining("or not the label column")
                .hasMessageContaining("df[\"rul_class\"] = pd.cut(df[\"rul\"], bins=[20.5, 49.5, 78.5, 107.5], labels=")
                .hasMessageContaining("--set label=NAME");
        // text values: the wrong column, as before
        Path names = units("names.csv", 40, i -> "v" + (i % 30));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(names, OPTIONS))
                .hasMessageContaining("has 30 distinct values in 40 training sequences: is it the right column?")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("regress"));
    }

    @Test
    void theFeaturesSuggestedLeaveOutARowNumber() throws Exception {
        // F3: text columns refused with a suggested --set features that named the file's row counter as a measurement
        StringBuilder csv = new StringBuilder("unit_id,t,vib,temp,site,mode,row_no\n");
        int row = 0;
        for (int i = 0; i < 6; i++) {
            for (int t = 0; t < 4; t++) {
                csv.append(String.format(Locale.ROOT, "u%d,%d,%.2f,%.1f,S%d,%s,%d%n", i, t, Math.sin(i + t), 60 + i + 0.1 * t, i % 2,
                        i % 2 == 0 ? "seal" : "bearing", row++));
            }
        }
        Path file = Files.writeString(dir.resolve("turbines.csv"), csv);
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("unit_id"), Column.named("t"), Column.named("mode"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file, o)).hasMessageContaining("'site'")
                .hasMessageContaining("--set features=vib,temp (left out: 'row_no', a different whole number on every row (a row "
                        + "number or counter): where a row is in the file, not a measurement)");
        CsvTable table = CsvTable.read(file, ',', true);
        assertThat(CsvSequenceDataset.rowNumber(table, 0, 6)).isTrue();
        assertThat(CsvSequenceDataset.rowNumber(table, 0, 1)).isFalse(); // the time, repeated in every sequence
    }

    @Test
    void wholeSequencesWithoutALabelAreCountedAndNamedWithTheLabelColumn() throws Exception {
        // F6: units u0 and u3 unlabelled on every row; the refusal named u0 only, with df['label'] for column 'mode'
        StringBuilder csv = new StringBuilder("unit_id,vib,mode\n");
        for (int i = 0; i < 6; i++) {
            for (int t = 0; t < 3; t++) {
                csv.append("u").append(i).append(',').append(t).append(',').append(i == 0 || i == 3 ? "" : i % 2 == 0 ? "seal" : "bearing")
                        .append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("emptyseq.csv"), csv);
        CsvOptions o = CsvOptions.defaults().withFractions(0, 0).withColumns(Column.named("unit_id"), null, Column.named("mode"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file, o))
                .hasMessageContaining("emptyseq.csv:2: empty label of sequence 'u0' (2 sequences have no label: 'u0', 'u3'; expected")
                .hasMessageContaining("pandas df[df[\"mode\"].notna()]");
    }
}
