package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keystroke trial's file: the text-column refusal suggested a per-session 'day' and an 'event_idx' counter as features,
 * and a time since the key before, missing at every session's first key, was refused as any missing value.
 */
class KeystrokeColumnsTest {

    @TempDir
    Path dir;

    private Path keystrokes(boolean textKey) throws Exception {
        StringBuilder csv = new StringBuilder("session,day,event_idx,hold_ms,flight_ms," + (textKey ? "key," : "") + "user\n");
        Random random = new Random(5);
        for (int s = 0; s < 12; s++) {
            for (int t = 0; t < 8; t++) {
                csv.append(String.format(Locale.ROOT, "s%d,%d,%d,%.1f,%s,%s%s%n", s, 1 + s / 4, t, 80 + 10 * random.nextGaussian(),
                        t == 0 ? "" : String.format(Locale.ROOT, "%.1f", 150 + 30 * random.nextGaussian()),
                        textKey ? "abc".charAt(random.nextInt(3)) + "," : "", s % 2 == 0 ? "u1" : "u2"));
            }
        }
        return Files.writeString(dir.resolve(textKey ? "text.csv" : "numbers.csv"), csv);
    }

    private static final CsvOptions OPTIONS = CsvOptions.defaults().withColumns(Column.named("session"), null, Column.named("user"));

    @Test
    void theFeaturesSuggestedLeaveOutPerSequenceColumnsAndStepCounters() throws Exception {
        Path file = keystrokes(true);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file, OPTIONS)).hasMessageContaining("'key'")
                .hasMessageContaining("--set features=hold_ms,flight_ms (left out: 'day', one value per sequence: a per-sequence "
                        + "attribute")
                .hasMessageContaining("'event_idx', counting each sequence's steps (0, 1, 2, ...)")
                .hasMessageContaining("; or, to keep the per-sequence column(s) as features (encoded on purpose, and known for new "
                        + "sequences): --set features=day,hold_ms,flight_ms");
        assertThat(CsvSequenceDataset.stepCounter(CsvTable.read(file, ',', true), 0, 2)).isTrue();
        assertThat(CsvSequenceDataset.stepCounter(CsvTable.read(file, ',', true), 0, 1)).isFalse();
        assertThat(CsvSequenceDataset.constantPerSequence(CsvTable.read(file, ',', true), 0, 1)).isTrue();
        assertThat(CsvSequenceDataset.constantPerSequence(CsvTable.read(file, ',', true), 0, 3)).isFalse();
    }

    @Test
    void aFeatureMissingOnlyAtEachSequencesFirstStepIsSaidSo() throws Exception {
        Path file = keystrokes(false);
        CsvOptions options = OPTIONS.withFeatures(java.util.List.of(Column.named("hold_ms"), Column.named("flight_ms")));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file, options)).hasMessageContaining("'flight_ms' is missing "
                + "only at the first step of 12 sequences (of 12): a difference to the previous event (none before the first)? "
                + "Fill it with --missing zero").hasMessageContaining("df['flight_ms'].fillna(0)");
    }
}
