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
 * A running count ({@link ClippedRuns#counter}) is no clipped sensor: a fleet trial's stop_count, which stays at its last
 * value for the rest of a trip, was named as driver D39's ceiling ("leave those sequences out"), as D39's trips happened to
 * have fewer stops than others' (trial 77c F1).
 */
class RunningCountsTest {
    @TempDir
    Path dir;

    private static final List<String> FEATURES = List.of("speed", "stop_count");

    /**
     * 12 drivers of 10 trips of 120 steps: a speed of noise around a wave, with a burst of 12 more over 3 steps in 3 trips
     * of each driver (driver 5's sensor clamped at 25 there, where others reach 30 and more), and a running count of stops
     * that rises to the trip's last stop and then stays there; driver 11's trips stop at most 20 times, two of them 20 times
     * 20 steps or more before the end, where others' reach 31.
     */
    private static List<float[][]> trips() {
        Random r = new Random(77);
        List<float[][]> out = new ArrayList<>();
        for (int d = 0; d < 12; d++) {
            for (int k = 0; k < 10; k++) {
                float[][] v = new float[120][2];
                int stops = d == 11 ? (k < 2 ? 20 : 8 + k) : 20 + r.nextInt(12);
                int last = d == 11 && k < 2 ? 95 + 5 * k : 90 + r.nextInt(20); // the step of the trip's last stop
                for (int t = 0; t < v.length; t++) {
                    double speed = 18 + 3 * Math.sin(t / 5.0 + k) + 0.5 * r.nextGaussian()
                            + (k % 4 == 0 && t >= 20 && t < 23 ? 12 : 0);
                    if (d == 5) {
                        speed = Math.min(25, speed);
                    }
                    v[t][0] = (float) (Math.round(speed * 10000) / 10000.0);
                    v[t][1] = (float) Math.min(stops, Math.floor((double) stops * t / last));
                }
                out.add(v);
            }
        }
        return out;
    }

    private static List<String> ids(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> String.format(Locale.ROOT, "T%04d", i)).toList();
    }

    private static List<String> drivers(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> String.format(Locale.ROOT, "D%02d", i / 10)).toList();
    }

    @Test
    void aRunningCountIsNotNamedAsClippedWhileASensorClampedAmongTheSameTripsIs() {
        List<float[][]> data = trips();
        assertThat(ClippedRuns.counter(data, 1, true)).isTrue();
        assertThat(ClippedRuns.counter(data, 0, true)).isFalse();
        List<ClippedRuns.Found> found = ClippedRuns.find(data, ids(120), drivers(120), FEATURES.size(), true, 3);
        // the clamped speed is still driver 5's ceiling; the count of stops is named nowhere (before: D11 at 20, and the
        // file's top of 31)
        assertThat(found).anyMatch(c -> c.feature() == 0 && "D05".equals(c.group()) && c.value() == 25f);
        assertThat(found).noneMatch(c -> c.feature() == 1);
        // the count scaled per sequence: never decreasing still, no longer whole numbers
        List<float[][]> scaled = data.stream().map(q -> {
            float[][] s = new float[q.length][2];
            for (int t = 0; t < q.length; t++) {
                s[t][0] = q[t][0];
                s[t][1] = q[t][1] / 7.3f - 1.1f;
            }
            return s;
        }).toList();
        assertThat(ClippedRuns.counter(scaled, 1, false)).isTrue();
        assertThat(ClippedRuns.find(scaled, ids(120), null, FEATURES.size(), false, 3)).noneMatch(c -> c.feature() == 1);
    }

    @Test
    void aCountThatFallsOnceOrAFractionOrARampToAnAdcsFullScaleIsNoRunningCount() {
        float[][] falls = new float[30][1];
        float[][] fraction = new float[30][1];
        float[][] ramp = new float[30][1];
        for (int t = 0; t < 30; t++) {
            falls[t][0] = t == 20 ? 3 : Math.min(t, 25);
            fraction[t][0] = Math.min(t, 25) + 0.5f;
            ramp[t][0] = Math.min(4095, 200 * t);
        }
        assertThat(ClippedRuns.counter(List.<float[][]>of(falls), 0, true)).isFalse();
        assertThat(ClippedRuns.counter(List.<float[][]>of(fraction), 0, true)).isFalse();
        assertThat(ClippedRuns.counter(List.<float[][]>of(ramp), 0, true)).as("clipped at 2^12 - 1: a ceiling").isFalse();
        assertThat(ClippedRuns.counter(List.<float[][]>of(new float[][] {{Float.NaN}, {2}, {Float.NaN}, {2}, {5}}), 0, true)).isTrue();
        assertThat(ClippedRuns.counter(List.<float[][]>of(new float[][] {{2}, {2}, {2}}), 0, true)).as("never rises").isFalse();
    }

    @Test
    void trainingWithTheDriverAsGroupSaysNothingOfTheCountOfStops() throws Exception {
        List<float[][]> data = trips();
        StringBuilder csv = new StringBuilder("trip_id,driver,ts,label," + String.join(",", FEATURES) + "\n");
        for (int i = 0; i < data.size(); i++) {
            for (int t = 0; t < data.get(i).length; t++) {
                csv.append(String.format(Locale.ROOT, "T%04d,D%02d,%d,%s", i, i / 10, 1_790_000_000 + 30 * t,
                        i % 3 == 0 ? "urban" : "highway"));
                for (float x : data.get(i)[t]) {
                    csv.append(',').append(ClippedRuns.number(x));
                }
                csv.append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("trips.csv"), csv);
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("trip_id"), Column.named("ts"), Column.named("label"))
                .withGroupColumn(Column.named("driver"));
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, o));
        assertThat(warnings).anyMatch(w -> w.contains("feature 'speed'") && w.contains("of driver 'D05'"));
        assertThat(warnings).noneMatch(w -> w.contains("'stop_count'") && w.contains("hold runs of"));
    }
}
