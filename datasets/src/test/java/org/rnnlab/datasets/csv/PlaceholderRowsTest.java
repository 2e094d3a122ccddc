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
 * {@link PlaceholderRows}: a radar's empty frames written as rows of 0 in every feature (a trial's 2759 rows in 646 of 768
 * recordings) were named as "a detector or ADC ceiling" of signal power ({@link ClippedRuns}, 0 dB its largest value), with
 * the advice to leave 65 recordings out; they are named as placeholder rows now, and not as a ceiling.
 */
class PlaceholderRowsTest {
    @TempDir
    Path dir;

    private static final List<String> FEATURES = List.of("range_m", "azimuth_deg", "signal_power_db", "num_points");

    /** Recordings of 40 frames: a target moving in range and azimuth, power -30..-10 dB, points 3-12; every 3rd frame of every other recording empty (0s) in runs of 3. */
    private static List<float[][]> radar(int n, boolean emptyFrames, long seed) {
        Random r = new Random(seed);
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[][] v = new float[40][4];
            double phase = r.nextDouble() * 6;
            for (int t = 0; t < v.length; t++) {
                boolean empty = emptyFrames && i % 2 == 0 && t >= 10 && t < 22 && (t / 3) % 2 == 0;
                if (empty) {
                    continue; // all 0
                }
                v[t][0] = (float) Math.round((0.5 + 0.3 * Math.sin(t * 0.2 + phase) + 0.02 * r.nextGaussian()) * 1000) / 1000f;
                v[t][1] = (float) Math.round((20 * Math.sin(t * 0.15 + phase) + 0.5 * r.nextGaussian()) * 10) / 10f;
                v[t][2] = (float) Math.round((-20 + 8 * Math.sin(t * 0.3 + phase) + r.nextGaussian()) * 10) / 10f;
                v[t][3] = 3 + r.nextInt(10);
            }
            out.add(v);
        }
        return out;
    }

    private static List<String> ids(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "r" + i).toList();
    }

    @Test
    void emptyFramesWrittenAsZerosAreNamedAndNotTakenForACeiling() {
        List<float[][]> data = radar(40, true, 1);
        PlaceholderRows.Found found = PlaceholderRows.find(data, ids(40), FEATURES, 3);
        assertThat(found).isNotNull();
        assertThat(found.sequences()).isEqualTo(20);
        assertThat(found.steps()).isEqualTo(20 * 6);
        assertThat(found.markers()).contains("range_m", "signal_power_db", "num_points");
        assertThat(found.describe(FEATURES, "The model learns them as readings of 0"))
                .contains("120 time step(s) (8% of 1600) in 20 of the 40 sequences hold exactly 0 in every feature")
                .contains("empty frames written as zeros").contains("--missing drop-steps").contains("naValues=0 does not fit");
        // before: 0 dB (the placeholders' value) was the largest signal power, held over runs of 3 in 20 of 40 recordings
        assertThat(ClippedRuns.find(data, ids(40), null, 4, true, 3)).isEmpty();
        // without empty frames: nothing
        assertThat(PlaceholderRows.find(radar(40, false, 1), ids(40), FEATURES, 3)).isNull();
    }

    @Test
    void zerosThatAreReadingsOfEveryFeatureAreNotNamed() {
        // rain and runoff: both 0 on dry hours, and each 0 on other hours too
        Random r = new Random(3);
        List<float[][]> days = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            float[][] v = new float[24][2];
            for (int t = 0; t < v.length; t++) {
                boolean dry = r.nextDouble() < 0.4;
                v[t][0] = dry ? 0 : (float) Math.round(r.nextDouble() * 50) / 10f;
                v[t][1] = dry ? 0 : r.nextDouble() < 0.3 ? 0 : (float) Math.round(r.nextDouble() * 30) / 10f;
            }
            v[0][0] = 1;
            v[23][0] = 1;
            days.add(v);
        }
        assertThat(PlaceholderRows.find(days, ids(30), List.of("rain", "runoff"), 3)).isNull();
        // one feature: a 0 is a value
        List<float[][]> one = radar(40, true, 2).stream().map(q -> java.util.Arrays.stream(q).map(s -> new float[] {s[0]})
                .toArray(float[][]::new)).toList();
        assertThat(PlaceholderRows.find(one, ids(40), List.of("range_m"), 3)).isNull();
    }

    @Test
    void trainingWarnsOfThePlaceholderRowsAndNotOfACeiling() throws Exception {
        List<float[][]> data = radar(40, true, 4);
        StringBuilder csv = new StringBuilder("recording_id,frame,gesture," + String.join(",", FEATURES) + "\n");
        for (int i = 0; i < data.size(); i++) {
            for (int t = 0; t < data.get(i).length; t++) {
                float[] s = data.get(i)[t];
                csv.append(String.format(Locale.ROOT, "r%d,%d,%s,%s,%s,%s,%s%n", i, t, i % 4 < 2 ? "push" : "pull",
                        ClippedRuns.number(s[0]), ClippedRuns.number(s[1]), ClippedRuns.number(s[2]), ClippedRuns.number(s[3])));
            }
        }
        Path file = dir.resolve("radar.csv");
        Files.writeString(file, csv);
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("recording_id"), Column.named("frame"), Column.named("gesture"))
                .withFeatures(FEATURES.stream().map(Column::named).toList());
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, o));
        assertThat(warnings).anyMatch(w -> w.contains("radar.csv: 120 time step(s)") && w.contains("in 20 of the 40 sequences hold "
                + "exactly 0 in every feature") && w.contains("placeholder rows for steps without a reading"));
        assertThat(warnings).noneMatch(w -> w.contains("ceiling?"));
    }
}
