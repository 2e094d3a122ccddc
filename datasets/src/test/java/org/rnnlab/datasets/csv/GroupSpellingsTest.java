package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Values of the group column written two ways (trial 76d F15): one batch of production line L1 written {@code l1} was a group
 * of its own, carved into validation while the other L1 batches trained, without a word, where a label written two ways is
 * warned of.
 */
class GroupSpellingsTest {
    @TempDir
    Path dir;

    /** 24 sequences of 5 rows on lines L1-L3 (8 each), the group of sequence {@code k} from {@code line}, split by {@code split}. */
    private Path batches(IntFunction<String> line, IntFunction<String> split) throws IOException {
        List<String> lines = new ArrayList<>(List.of("id,t,x,label,line" + (split == null ? "" : ",split")));
        for (int k = 0; k < 24; k++) {
            for (int t = 0; t < 5; t++) {
                lines.add(String.format(Locale.ROOT, "b%02d,%d,%.3f,%s,%s%s", k, t, Math.sin(t + k * 0.7), k % 2 == 0 ? "ok" : "bad",
                        line.apply(k), split == null ? "" : "," + split.apply(k)));
            }
        }
        return Files.write(dir.resolve("batches.csv"), lines);
    }

    private static CsvOptions options(boolean splitColumn) {
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("id"), Column.named("t"), Column.named("label"))
                .withGroupColumn(Column.named("line")).withFeatures(List.of(Column.named("x")));
        return splitColumn ? o.withSplitColumn(Column.named("split")).withFractions(0, 0) : o.withFractions(0.34, 0);
    }

    @Test
    void aGroupWrittenInAnotherCaseIsWarnedOfWithEachSpellingsSplitsAndWhere() throws Exception {
        // b06 of line L1 written 'l1', marked validation; the other L1 batches train
        Path f = batches(k -> k == 6 ? "l1" : "L" + (k % 3 + 1), k -> k == 6 || k % 3 == 1 ? "validation" : "train");
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, options(true)));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("the values 'L1', 'l1' of group column 'line' differ only in "
                + "case and are separate groups ('L1' 7 sequence(s), 7 in training (first 'b00', batches.csv:2); 'l1' 1 "
                + "sequence(s), 1 in validation (first 'b06', batches.csv:32)), so one group is in 2 splits: its sequences held "
                + "out are scored on a group the model trained on, the leak a group column is given to prevent: if they are one "
                + "group, write it one way (pandas: df[\"line\"] = df[\"line\"].replace({'l1': 'L1'}))"));
        // groups written one way: no word
        Path clean = batches(k -> "L" + (k % 3 + 1), k -> k % 3 == 1 ? "validation" : "train");
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(clean, options(true))))
                .noneMatch(w -> w.contains("of group column"));
    }

    @Test
    void aCarveByGroupThatSplitsTheSpellingsSaysSo() throws Exception {
        Path f = batches(k -> k == 6 ? "l1" : "L" + (k % 3 + 1), null);
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, options(false)));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("the values 'L1', 'l1' of group column 'line' differ only in "
                + "case and are separate groups (", "'l1' 1 sequence(s), 1 in ", "if they are one group, write it one way"));
    }
}
