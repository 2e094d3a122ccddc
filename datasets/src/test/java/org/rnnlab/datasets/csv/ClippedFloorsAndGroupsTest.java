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
import org.rnnlab.datasets.LoggedWarnings;

/**
 * {@link ClippedRuns} at a feature's bottom and at each group's own extremes, and {@link FilledSequences}: a fall-detection
 * trial (75c) with one participant's wrist sensor clipped at +-8 g among 39 reaching 16-18 g was told nothing (only the
 * file's largest value was judged, and never a bottom), and of 161 windows filled in, three were named, none by participant.
 */
class ClippedFloorsAndGroupsTest {
    @TempDir
    Path dir;

    private static final List<String> FEATURES = List.of("acc_x", "acc_y", "acc_z", "flag", "rain", "still");

    /**
     * {@code participants} participants of {@code windows} windows of 120 steps each: three axes of noise around gravity,
     * every third window a fall (a burst of +-10..16 g over 12 steps on each axis, of either sign), a 0/1 flag, a "rain"
     * at 0 on most steps (a quantity's own zero), and a feature constant over each window; the participants in {@code
     * clipped} wear a +-{@code range} g sensor (values clamped there). Values rounded to 4 decimals, as a CSV holds them.
     */
    private static List<float[][]> wrists(int participants, int windows, List<Integer> clipped, float range, long seed) {
        Random r = new Random(seed);
        List<float[][]> out = new ArrayList<>();
        for (int p = 0; p < participants; p++) {
            for (int w = 0; w < windows; w++) {
                float[][] v = new float[120][FEATURES.size()];
                boolean fall = w % 3 == 1;
                int at = 20 + r.nextInt(80);
                double[] amplitude = {(r.nextBoolean() ? 1 : -1) * (10 + 6 * r.nextDouble()), (r.nextBoolean() ? 1 : -1)
                        * (10 + 6 * r.nextDouble()), (r.nextBoolean() ? 1 : -1) * (10 + 6 * r.nextDouble())};
                for (int t = 0; t < v.length; t++) {
                    for (int a = 0; a < 3; a++) {
                        double y = (a == 2 ? 1 : 0) + 0.3 * r.nextGaussian();
                        if (fall && t >= at && t < at + 12) {
                            y += amplitude[a] * Math.sin(Math.PI * (t - at + 0.5) / 12);
                        }
                        if (clipped.contains(p)) {
                            y = Math.max(-range, Math.min(range, y));
                        }
                        v[t][a] = (float) (Math.round(y * 10000) / 10000.0);
                    }
                    v[t][3] = t > 40 && t < 60 ? 1 : 0;
                    v[t][4] = t % 40 < 30 ? 0 : (float) (Math.round(5 * r.nextDouble() * 100) / 100.0);
                    v[t][5] = 1 + p;
                }
                out.add(v);
            }
        }
        return out;
    }

    private static List<String> ids(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> String.format(Locale.ROOT, "w%03d", i)).toList();
    }

    private static List<String> groups(int participants, int windows) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < participants; p++) {
            for (int w = 0; w < windows; w++) {
                out.add(String.format(Locale.ROOT, "P%02d", p + 1));
            }
        }
        return out;
    }

    @Test
    void oneParticipantsPlusMinus8gSensorAmongWiderOnesIsNamedAtBothEnds() {
        List<float[][]> data = wrists(10, 24, List.of(6), 8, 1);
        List<ClippedRuns.Found> found = ClippedRuns.find(data, ids(240), groups(10, 24), FEATURES.size(), true, 3);
        assertThat(found).isNotEmpty().allSatisfy(c -> {
            assertThat(c.group()).isEqualTo("P07");
            assertThat(c.value()).isEqualTo(c.bottom() ? -8f : 8f);
            assertThat(c.feature()).isLessThan(3); // the axes: not the flag, the rain's zeros or the constant feature
            assertThat(c.named()).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(1)) / 24).isEqualTo(6));
            assertThat(Math.abs(c.beyond())).isGreaterThan(8);
        });
        assertThat(found).anyMatch(ClippedRuns.Found::bottom).anyMatch(c -> !c.bottom());
        ClippedRuns.Found first = found.get(0);
        assertThat(first.describe(FEATURES, 240, null, "participant")).startsWith("feature '" + FEATURES.get(first.feature())
                        + "': " + first.count() + " of the 24 sequences of participant 'P07' hold runs of >= 3 steps at exactly its "
                        + (first.bottom() ? "smallest value there, -8" : "largest value there, 8") + ", where sequences of other "
                        + "participant values reach ").contains("one device's (or subject's)", "+-8 g sensor among +-16 g ones?");
        // without the group column: nothing (the whole file is judged at its own extremes, another participant's)
        assertThat(ClippedRuns.find(data, ids(240), null, FEATURES.size(), true, 3)).isEmpty();
        // nobody clipped: nothing, per group either
        assertThat(ClippedRuns.find(wrists(10, 24, List.of(), 8, 1), ids(240), groups(10, 24), FEATURES.size(), true, 3)).isEmpty();
        // after each sequence's own scaling the values are no longer as written: no group, no bottom judged
        List<float[][]> scaled = wrists(10, 24, List.of(6), 8, 1);
        scaled.forEach(SequenceScaling.STANDARDIZE::apply);
        assertThat(ClippedRuns.find(scaled, ids(240), groups(10, 24), FEATURES.size(), false, 3)).noneMatch(c -> c.group() != null
                || c.bottom());
    }

    @Test
    void everyParticipantClippedIsTheWholeFilesCeilingAndFloor() {
        List<ClippedRuns.Found> found = ClippedRuns.find(wrists(6, 24, List.of(0, 1, 2, 3, 4, 5), 8, 2), ids(144), groups(6, 24),
                FEATURES.size(), true, 3);
        assertThat(found).isNotEmpty().allSatisfy(c -> assertThat(c.group()).isNull());
        assertThat(found).anySatisfy(c -> {
            assertThat(c.bottom()).isTrue();
            assertThat(c.describe(FEATURES, 144, null)).contains("at exactly its smallest value -8", "a detector or ADC floor");
        });
        assertThat(found).anySatisfy(c -> assertThat(c.describe(FEATURES, 144, null)).contains("at exactly its largest value 8 ("));
    }

    @Test
    void aPatientsQuantisedHeartRateAndACalmDaysZeroAreNotNamed() {
        // whole beats per minute, slow swings: a patient's top and bottom held for a few steps, as are the values beside them
        Random r = new Random(3);
        List<float[][]> hr = new ArrayList<>();
        List<String> patients = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            double base = 55 + 4 * p;
            for (int s = 0; s < 20; s++) {
                float[][] v = new float[120][2];
                double phase = 2 * Math.PI * r.nextDouble();
                double wind = 0;
                for (int t = 0; t < v.length; t++) {
                    v[t][0] = Math.round(base + 8 * Math.sin(t * 0.05 + phase) + 0.7 * r.nextGaussian());
                    // power: 0 kW on calm stretches (a minimum, no floor), else -0.5..-40 kW signed by a meter reading export
                    wind = Math.max(0, wind + r.nextGaussian());
                    v[t][1] = wind < 1 ? 0 : (float) -Math.round(wind * 100) / 100f;
                }
                hr.add(v);
                patients.add("H" + p);
            }
        }
        List<String> ids = java.util.stream.IntStream.range(0, hr.size()).mapToObj(i -> "s" + i).toList();
        assertThat(ClippedRuns.find(hr, ids, patients, 2, true, 3)).isEmpty();
    }

    @Test
    void trainingWithAGroupColumnWarnsOfTheParticipant() throws Exception {
        List<float[][]> data = wrists(8, 24, List.of(6), 8, 4);
        StringBuilder csv = new StringBuilder("window_id,participant,t,label," + String.join(",", FEATURES) + "\n");
        for (int i = 0; i < data.size(); i++) {
            for (int t = 0; t < data.get(i).length; t++) {
                csv.append(String.format(Locale.ROOT, "w%03d,P%02d,%d,%s", i, i / 24 + 1, t, i % 3 == 1 ? "fall" : "no_fall"));
                for (float x : data.get(i)[t]) {
                    csv.append(',').append(ClippedRuns.number(x));
                }
                csv.append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("falls.csv"), csv);
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("window_id"), Column.named("t"), Column.named("label"))
                .withGroupColumn(Column.named("participant"));
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, o));
        // P07 named at its own +8 and -8, with windows of it (w144-w167)
        assertThat(warnings).anyMatch(w -> w.contains("sequences of participant 'P07' hold runs of >= 3 steps at exactly its "
                + "largest value there, 8,") && w.contains("e.g. 'w1") && w.contains("the model learns the flat tops as data"));
        assertThat(warnings).anyMatch(w -> w.contains("sequences of participant 'P07' hold runs of >= 3 steps at exactly its "
                + "smallest value there, -8,") && w.contains("the model learns the flat bottoms as data"));
        assertThat(warnings).filteredOn(w -> w.contains("hold runs of")).allMatch(w -> w.contains("'P07'"));
        // without the group column: not found (documented)
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, CsvOptions.defaults()
                .withColumns(Column.named("window_id"), Column.named("t"), Column.named("label"))
                .withFeatures(FEATURES.stream().map(Column::named).toList())))).noneMatch(w -> w.contains("hold runs of"));
    }
}
