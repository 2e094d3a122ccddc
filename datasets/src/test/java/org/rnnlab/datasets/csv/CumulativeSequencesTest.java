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

    private static CsvSequence sequence(String id, float[] feature, String label) {
        float[][] v = new float[feature.length][];
        for (int t = 0; t < feature.length; t++) {
            v[t] = new float[] {feature[t]};
        }
        return new CsvSequence(id, v, label, null, null, Path.of("data.csv"), 2);
    }

    @Test
    void aCounterFlatInOneClassAndClimbingInAnotherIsNotARunningTotal() {
        // review 64b: an error counter at 2 in 'ok' sequences and climbing 2 -> 40 in 'fault' ones (every 5th of 40)
        Random random = new Random(3);
        List<CsvSequence> sequences = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[] errors = new float[20];
            float count = 2;
            for (int t = 0; t < 20; t++) {
                if (i % 5 == 0 && t > 0) {
                    count += 1 + random.nextInt(3);
                }
                errors[t] = i % 5 == 0 ? Math.min(count, 40) : 2;
            }
            sequences.add(sequence("s" + i, errors, i % 5 == 0 ? "fault" : "ok"));
        }
        assertThat(CumulativeSequences.find(sequences, List.of("errors"))).isEmpty();
    }

    @Test
    void warmingDaysAmongWinterDaysNearZeroAreNotARunningTotal() {
        // review 64b: 10 of 40 days warming from 8 to 25 °C over 06-15 h among days hovering around 0 °C
        Random random = new Random(5);
        List<CsvSequence> sequences = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[] temp = new float[10];
            for (int t = 0; t < 10; t++) {
                temp[t] = i % 4 == 0 ? 8 + 1.85f * t + 0.1f * (float) random.nextGaussian() : (float) random.nextGaussian();
            }
            sequences.add(sequence("d" + i, temp, i % 4 == 0 ? "none" : "frost"));
        }
        assertThat(CumulativeSequences.find(sequences, List.of("temp_c"))).isEmpty();
    }

    @Test
    void registersAmongFlatSequencesOnlyHaveNothingToCompareWith() {
        // the other sequences must fall at some step: registers among constant readings are not named
        List<CsvSequence> sequences = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            float[] v = new float[10];
            for (int t = 0; t < 10; t++) {
                v[t] = i < 4 ? 8000 + 1000 * i + 0.5f * t : 0.5f;
            }
            sequences.add(sequence("s" + i, v, "x"));
        }
        assertThat(CumulativeSequences.find(sequences, List.of("kw"))).isEmpty();
        // with sequences that go up and down, the same registers are named
        for (int i = 4; i < 20; i++) {
            float[] v = new float[10];
            for (int t = 0; t < 10; t++) {
                v[t] = 0.5f + 0.1f * (t % 2);
            }
            sequences.set(i, sequence("s" + i, v, "x"));
        }
        assertThat(CumulativeSequences.find(sequences, List.of("kw"))).singleElement()
                .satisfies(found -> assertThat(found.rising()).isEqualTo(4));
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
