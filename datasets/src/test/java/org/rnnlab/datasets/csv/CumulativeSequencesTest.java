package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CumulativeSequences}: a smart-meter trial's 20 households left as kWh registers among 180 in kW trained to a
 * macro-F1 under the baseline without a word naming them.
 */
class CumulativeSequencesTest {

    @TempDir
    Path dir;

    /** 40 days of 96 quarter-hours; days of households 0-4 as a register (8000 and rising, one meter reset) if asked. */
    private static List<CsvSequence> days(boolean registers, boolean warmUp) {
        Random random = new Random(7);
        List<CsvSequence> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[][] v = new float[96][];
            double register = 8000 + 1000 * i;
            for (int t = 0; t < 96; t++) {
                double kw = Math.exp(-1 + 0.8 * random.nextGaussian());
                register += kw / 4;
                if (i == 2 && t == 50) {
                    register = 0; // a meter reset: one fall
                }
                float temperature = warmUp && i < 5 ? 15 + 0.1f * t : 15 + (float) random.nextGaussian();
                v[t] = new float[] {registers && i < 5 ? (float) register : (float) kw, temperature};
            }
            out.add(new CsvSequence("HH" + (i / 2) + "_d" + (i % 2), v, i % 3 == 0 ? "ev" : "none", null, "HH" + (i / 2),
                    Path.of("meters.csv"), 2 + 96L * i));
        }
        return out;
    }

    @Test
    void aRegisterAmongIntervalValuesIsNamedWithItsGroups() {
        List<CumulativeSequences.Found> found = CumulativeSequences.find(days(true, false), List.of("kw", "temp_c"));
        assertThat(found).hasSize(1);
        CumulativeSequences.Found kw = found.get(0);
        assertThat(kw.feature()).isEqualTo("kw");
        assertThat(kw.rising()).isEqualTo(5); // the reset day too
        assertThat(kw.groups()).containsExactly("HH0", "HH1", "HH2");
        assertThat(CumulativeSequences.warning(kw, "seq_id", "household")).startsWith("feature 'kw' runs up like a running total in 5 "
                + "of the 40 training sequences of 8 steps or more (e.g. 'HH0_d0', 'HH0_d1', 'HH1_d0'; from 3 group(s) of group column "
                + "household: 'HH0', 'HH1', 'HH2')").contains("df['kw'] = df.groupby('seq_id')['kw'].diff()");
    }

    @Test
    void aWarmUpAtTheUsualLevelAndIntervalValuesAloneAreData() {
        // five days whose temperature rises through the day at the others' level: a smooth signal, not a running total
        assertThat(CumulativeSequences.find(days(false, true), List.of("kw", "temp_c"))).isEmpty();
    }

    @Test
    void trainingOnAFileWithRegistersWarnsNamingThem() throws Exception {
        StringBuilder csv = new StringBuilder("seq_id,household,t,kw,label\n");
        for (CsvSequence s : days(true, false)) {
            for (int t = 0; t < s.values().length; t++) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%s%n", s.id(), s.group(), t, s.values()[t][0], s.label()));
            }
        }
        Path file = Files.writeString(dir.resolve("meters.csv"), csv);
        List<String> warnings = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(
                file, CsvOptions.defaults().withColumns(Column.named("seq_id"), Column.named("t"), Column.named("label"))
                        .withGroupColumn(Column.named("household"))));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("feature 'kw' runs up like a running total in 5 of the 40"));
    }
}
