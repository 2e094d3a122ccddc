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
 * {@link FlatSequences} and a feature's baseline: a quiz score, 0 on every event but a quiz, is not a flat line in the
 * enrolments without a quiz (a trial's were called "a dead sensor"), while a stuck sensor and a dead lead still are.
 */
class FlatSequencesTest {
    @TempDir
    Path dir;

    private static final List<String> FEATURES = List.of("score", "temperature");

    /**
     * 40 enrolments of 30 events: {@code score} is a quiz's result (1-100) on about one event in six and 0 on the others, 0
     * throughout in the 8 enrolments without a quiz; {@code temperature} varies about 37 but in {@code stuck} (41.3
     * throughout); enrolment 0's score stuck at 73 if {@code stuckScore}.
     */
    private static List<float[][]> enrolments(List<Integer> stuck, boolean stuckScore) {
        Random r = new Random(3);
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[][] v = new float[30][2];
            for (int t = 0; t < v.length; t++) {
                boolean quiz = i >= 8 && (t % 6 == i % 6 || t == 1);
                v[t][0] = stuckScore && i == 0 ? 73 : quiz ? 1 + r.nextInt(100) : 0;
                v[t][1] = stuck.contains(i) ? 41.3f : (float) (37 + 0.4 * r.nextGaussian());
            }
            out.add(v);
        }
        return out;
    }

    private static List<String> ids() {
        return java.util.stream.IntStream.range(0, 40).mapToObj(i -> "e" + i).toList();
    }

    @Test
    void enrolmentsWithoutAQuizAreNotFlatLinesAtTheScoresBaseline() {
        assertThat(FlatSequences.find(enrolments(List.of(), false), ids(), FEATURES, 3).count()).isZero();
        // after each sequence's own scaling the baseline is no longer 0, but still most of each enrolment's steps
        List<float[][]> scaled = enrolments(List.of(), false);
        scaled.forEach(SequenceScaling.STANDARDIZE::apply);
        assertThat(FlatSequences.find(scaled, ids(), FEATURES, 3, false).count()).isZero();
    }

    @Test
    void aStuckSensorAndAScoreStuckAwayFromItsBaselineAreStillNamed() {
        FlatSequences.Found found = FlatSequences.find(enrolments(List.of(12, 30), true), ids(), FEATURES, 3);
        assertThat(found.count()).isEqualTo(3);
        assertThat(found.named()).containsExactly("'e0' (score = 73 over 30 steps)", "'e12' (temperature = 41.3 over 30 steps)",
                "'e30' (temperature = 41.3 over 30 steps)");
        List<float[][]> scaled = enrolments(List.of(12, 30), false);
        scaled.forEach(SequenceScaling.STANDARDIZE::apply);
        assertThat(FlatSequences.find(scaled, ids(), FEATURES, 3, false).named()).containsExactly(
                "'e12' (temperature constant over 30 steps)", "'e30' (temperature constant over 30 steps)");
    }

    @Test
    void deadLeadsAreNamedUpToAQuarterOfTheSegments() {
        // a quarter of the segments lead-off (all 0): 0 is then a quarter of the steps, no baseline
        List<float[][]> segments = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[][] v = new float[50][1];
            for (int t = 0; t < v.length; t++) {
                v[t][0] = i % 4 == 0 ? 0 : (float) Math.sin(t * 0.3 + i);
            }
            segments.add(v);
        }
        assertThat(FlatSequences.find(segments, ids(), List.of("lead1"), 3).count()).isEqualTo(10);
    }

    @Test
    void aClickstreamFileWithAZeroInflatedScoreIsNotWarnedOfFlatLines() throws Exception {
        StringBuilder csv = new StringBuilder("enrolment_id,score,temperature,outcome\n");
        List<float[][]> data = enrolments(List.of(), false);
        for (int i = 0; i < data.size(); i++) {
            for (float[] step : data.get(i)) {
                csv.append(String.format(Locale.ROOT, "e%d,%s,%.2f,%s%n", i, (int) step[0], step[1], i % 3 == 0 ? "withdrawn" : "pass"));
            }
        }
        Path file = Files.writeString(dir.resolve("events.csv"), csv);
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("enrolment_id"), null, Column.named("outcome"));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, o)))
                .noneMatch(w -> w.contains("one value over all their steps"));
    }

    /**
     * 40 turbine days of 24 steps: rotor speed clipped to 6-14.8 rpm and power to 0-2050 kW, so varying days reach both
     * ends; days 3 and 17 at rated speed all day (14.8 rpm, 2050 kW), day 9 calm (0 kW, 1.2 rpm: a value inside the range),
     * day 25's rotor speed stuck at 9.3 (inside its range) and day 31's power at 2600 (beyond its maximum).
     */
    private static List<float[][]> turbineDays() {
        Random r = new Random(5);
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[][] v = new float[24][2];
            for (int t = 0; t < v.length; t++) {
                double wind = 3 + 11 * Math.abs(Math.sin(t * 0.3 + i)) + r.nextGaussian();
                v[t][0] = (float) Math.round(Math.max(6, Math.min(14.8, 6 + 0.9 * (wind - 3))) * 10) / 10f;
                v[t][1] = (float) Math.round(Math.max(0, Math.min(2050, 2050 * (Math.pow(wind, 3) - 27) / (1728 - 27))));
                if (i == 3 || i == 17) {
                    v[t][0] = 14.8f;
                    v[t][1] = 2050;
                } else if (i == 9) {
                    v[t][0] = 1.2f;
                    v[t][1] = 0;
                } else if (i == 25) {
                    v[t][0] = 9.3f;
                } else if (i == 31) {
                    v[t][1] = 2600;
                }
            }
            out.add(v);
        }
        return out;
    }

    @Test
    void aDayHeldAtTheFeaturesMinimumOrMaximumIsNoFlatLineButAStuckValueStillIs() {
        // a day at rated speed (rpm and power at their maxima) and a calm day's 0 kW (the minimum) are physics (a wind-farm
        // trial's were called "a dead sensor?" on every run); the calm day's rotor at 1.2 rpm, below the range of the
        // varying days, and a rotor speed stuck mid-range or a power beyond the maximum are still named
        FlatSequences.Found found = FlatSequences.find(turbineDays(), ids(), List.of("rotor_rpm", "power_kw"), 5);
        assertThat(found.named()).containsExactly("'e9' (rotor_rpm = 1.2 over 24 steps)", "'e25' (rotor_rpm = 9.3 over 24 steps)",
                "'e31' (power_kw = 2600 over 24 steps)");
        assertThat(found.count()).isEqualTo(3);
    }
}
