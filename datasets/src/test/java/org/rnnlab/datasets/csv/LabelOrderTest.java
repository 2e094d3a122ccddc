package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;

/**
 * A new model's class order ({@link LabelOrder}): by number when every label is a number, as a UCR trial (66a) with
 * classes {@code 1..11} expected instead of {@code 1, 10, 11, 2, ...}; as text otherwise.
 */
class LabelOrderTest {

    @TempDir
    Path dir;

    @Test
    void integerClassLabelsAreOrderedByNumberInTraining() throws Exception {
        // a headerless UCR file of 11 classes 1..11, 2 series each, written in the order 11, 10, ..., 1
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            int label = 11 - i % 11;
            List<String> row = new ArrayList<>(List.of(Integer.toString(label)));
            for (int t = 0; t < 6; t++) {
                row.add(String.format(Locale.ROOT, "%.3f", Math.sin(t * 0.5 + label) + i * 0.01));
            }
            lines.add(String.join("\t", row));
        }
        Path f = Files.write(dir.resolve("Many_TRAIN.tsv"), lines);
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", DatasetOptions.defaults().withFiles(f, null)
                .with("layout", "wide").with("delimiter", "tab").with("validationFraction", "0").with("testFraction", "0"));
        assertThat(d.labelNames()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
    }

    @Test
    void negativeAndDecimalLabelsByNumberAndTextLabelsAsText() {
        assertThat(LabelOrder.of(List.of("1", "-1", "-2", "10", "2"))).containsExactly("-2", "-1", "1", "2", "10");
        // two ways of writing one number stay two labels, by their text when the numbers tie
        assertThat(LabelOrder.of(List.of("2.0", "1.0", "1", "10"))).containsExactly("1", "1.0", "2.0", "10");
        // silent: any text label keeps the text order, numbers among them included
        assertThat(LabelOrder.of(List.of("walk", "10", "2", "run"))).containsExactly("10", "2", "run", "walk");
        assertThat(LabelOrder.of(List.of("b", "a", "a"))).containsExactly("a", "b");
        assertThat(LabelOrder.of(List.of("NaN", "1", "2"))).containsExactly("1", "2", "NaN");
    }
}
