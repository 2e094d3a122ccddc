package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequence whose label is written on only some of its rows (an export's outcome on the last row) is refused naming the
 * row that has it and the pandas line that copies it to every row, not as a sequence without a label.
 */
class LabelOnSomeRowsTest {

    @TempDir
    Path dir;

    @Test
    void aLabelOnTheLastRowOnlyIsNamed() throws Exception {
        Path f = Files.writeString(dir.resolve("runs.csv"), "run,a,outcome\nr1,1,\nr1,2,\nr1,3,ok\nr2,1,bad\nr2,2,bad\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withFractions(0, 0)
                .withColumns(Column.named("run"), null, Column.named("outcome"))))
                .hasMessageContaining("runs.csv:2: sequence 'r1' has no label on this row, its first, but 'ok' at line 4")
                .hasMessageContaining("df[\"outcome\"] = df.groupby(\"run\")[\"outcome\"].transform('last')");
        // on the first row only: the row without it is named, with the pandas line
        Path first = Files.writeString(dir.resolve("first.csv"), "run,a,outcome\nr1,1,ok\nr1,2,\nr2,1,bad\nr2,2,bad\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(first, CsvOptions.defaults().withFractions(0, 0)
                .withColumns(Column.named("run"), null, Column.named("outcome"))))
                .hasMessageContaining("first.csv:3: sequence 'r1' has label ''")
                .hasMessageContaining("df[\"outcome\"] = df.groupby(\"run\")[\"outcome\"].transform('first')");
    }

    @Test
    void manyNumericLabelsAreWarnedOfAsAQuantity() throws Exception {
        StringBuilder csv = new StringBuilder("run,a,score\n");
        for (int i = 0; i < 40; i++) {
            csv.append("r").append(i).append(",1,").append(40 + 2 * (i % 14)).append('\n');
            csv.append("r").append(i).append(",2,").append(40 + 2 * (i % 14)).append('\n');
        }
        Path f = Files.writeString(dir.resolve("scores.csv"), csv);
        CsvOptions o = CsvOptions.defaults().withFractions(0, 0).withColumns(Column.named("run"), null, Column.named("score"));
        java.util.List<String> warnings = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(f, o));
        org.assertj.core.api.Assertions.assertThat(warnings).anySatisfy(w -> org.assertj.core.api.Assertions.assertThat(w)
                .contains("the label column 'score' holds 14 distinct numbers (40 to 66): each is a class of its own, unordered"));
        // class codes (a few numbers) are classes: no such warning
        Path codes = Files.writeString(dir.resolve("codes.csv"), csv.toString().replaceAll(",(\\d+)\n", ",1\n").replace("r0,1,1\n", "r0,1,2\n")
                .replace("r0,2,1\n", "r0,2,2\n"));
        org.assertj.core.api.Assertions.assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(codes, o))).noneSatisfy(w -> org.assertj.core.api.Assertions.assertThat(w)
                .contains("distinct numbers"));
        // whole numbers written as floats by numpy's savetxt: classes named as written, said so (a keyword trial's)
        Path floats = Files.writeString(dir.resolve("floats.csv"), "run,a,score\nr1,1,7.000000000000000000e+00\n"
                + "r1,2,7.000000000000000000e+00\nr2,1,3.000000000000000000e+00\nr2,2,3.000000000000000000e+00\n");
        org.assertj.core.api.Assertions.assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(floats, o))).anySatisfy(w -> org.assertj.core.api.Assertions.assertThat(w)
                .contains("the labels of column 'score' are whole numbers written as floats (3.000000000000000000e+00)",
                        "new data that write 3 hold a label the model does not know", ".astype(int)"));
        org.assertj.core.api.Assertions.assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(codes, o))).noneSatisfy(w -> org.assertj.core.api.Assertions.assertThat(w)
                .contains("written as floats"));
    }

    @Test
    void manyFractionalNumbersAsLabelsAreRefusedAsATargetToRegressUnlessNamed() throws Exception {
        // a trial's next-day peak level: hundreds of values, trained as classes at accuracy 0.03 with exit 0
        StringBuilder csv = new StringBuilder("run,a,peak\n");
        for (int i = 0; i < 100; i++) {
            String peak = String.format(java.util.Locale.ROOT, "%.2f", 1.05 + 0.1 * (i % 30));
            csv.append("r").append(i).append(",1,").append(peak).append('\n').append("r").append(i).append(",2,").append(peak).append('\n');
        }
        Path f = Files.writeString(dir.resolve("peaks.csv"), csv);
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("run"), null, Column.named("peak"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o))
                .hasMessageContaining("the label column 'peak' holds 30 distinct numbers (1.05 to 3.95), most with a fractional "
                        + "part: a measured quantity, a target to regress, which rnnlab does not do")
                .hasMessageContaining("pd.cut(");
        // named as classes: trained, with the warning
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < 30; k++) {
            names.add(String.format(java.util.Locale.ROOT, "%.2f", 1.05 + 0.1 * k));
        }
        org.assertj.core.api.Assertions.assertThat(CsvSequenceDataset.fromLongCsv(f, o.withLabelNames(names)).labelNames()).hasSize(30);
    }
}
