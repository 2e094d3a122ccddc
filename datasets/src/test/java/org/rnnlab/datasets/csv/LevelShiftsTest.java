package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * A station relocated midway (a trial's: NO2 x0.45 from then on, every window after misclassified, not a word in
 * training) and a machine recalibrated midway are named with the sequence where the step happens; clean stations, a
 * season all stations share, a class that starts at the point, a slow drift and groups of few sequences are not.
 */
class LevelShiftsTest {
    @TempDir
    Path dir;

    private static final CsvOptions STATIONS = CsvOptions.defaults().withColumns(Column.named("window"), Column.named("time"),
            Column.named("label")).withGroupColumn(Column.named("station"));

    /** How a station's NO2 level is changed in a window, and its label there. */
    private interface Scenario {
        double level(int station, int window);

        default String label(int station, int window) {
            return station % 2 == 0 ? "traffic" : "urban";
        }
    }

    /**
     * 10 stations of {@code windows} 48-hour windows of hourly NO2 (a level per station, a daily weather factor shared by
     * all stations (20%) and one per station (15%), a diurnal profile, hourly noise), O3 rising through the spring in every
     * station (a drift all share), and temperature; the windows follow one another from 2026-03-20.
     */
    private Path stations(String name, int windows, Scenario scenario) throws Exception {
        return stations(name, windows, scenario, (station, window) -> 48);
    }

    /** How many hours of a station's window are written (from its start, midnight). */
    private interface Hours {
        int of(int station, int window);
    }

    /** As above, each window's first {@code hours} hours only. */
    private Path stations(String name, int windows, Scenario scenario, Hours hours) throws Exception {
        Random random = new Random(65);
        int days = 2 * windows;
        double[] weather = new double[days];
        for (int d = 0; d < days; d++) {
            weather[d] = Math.exp(0.2 * random.nextGaussian());
        }
        StringBuilder csv = new StringBuilder("window,time,station,label,no2,o3,temp\n");
        LocalDateTime start = LocalDateTime.of(2026, 3, 20, 0, 0);
        for (int s = 0; s < 10; s++) {
            double base = s % 2 == 0 ? 45 : 28;
            for (int w = 0; w < windows; w++) {
                double level = scenario.level(s, w);
                double[] own = {Math.exp(0.15 * random.nextGaussian()), Math.exp(0.15 * random.nextGaussian())};
                int written = hours.of(s, w);
                for (int h = 0; h < 48; h++) {
                    if (h >= written) {
                        random.nextGaussian(); // the same draws as a whole window
                        random.nextGaussian();
                        random.nextGaussian();
                        continue;
                    }
                    int day = 2 * w + h / 24;
                    double diurnal = 1 + 0.5 * Math.sin((h % 24 - 7) * Math.PI / 12);
                    double no2 = Math.max(1, base * level * weather[day] * own[h / 24] * diurnal + 3 * random.nextGaussian());
                    double o3 = Math.max(1, (40 + 1.0 * day) * (1 - 0.3 * Math.sin((h % 24 - 7) * Math.PI / 12)) + 5 * random.nextGaussian());
                    double temp = 6 + 0.25 * day + 4 * Math.sin((h % 24 - 9) * Math.PI / 12) + random.nextGaussian();
                    csv.append(String.format(Locale.ROOT, "S%d_w%02d,%s,S%d,%s,%.1f,%.1f,%.1f%n", s, w, start.plusHours(48L * w + h),
                            s, scenario.label(s, w), no2, o3, temp));
                }
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static List<String> shifts(Path file, CsvOptions options) throws Exception {
        return LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, options)).stream()
                .filter(w -> w.contains("steps once, for good")).toList();
    }

    @Test
    void shortNightOnlyWindowsAreNotComparedWithWholeOnes() throws Exception {
        // trial 73a: a logger's late starts, 2 night hours among whole days, read as light x117 and CO2 x0.79 "steps";
        // here station S3's first 5 windows hold their first 4 hours only (night: NO2 about half its daily mean)
        List<String> warned = shifts(stations("late.csv", 20, (s, w) -> 1, (s, w) -> s == 3 && w < 5 ? 4 : 48), STATIONS);
        assertThat(warned).isEmpty();
        // the same night windows as whole windows at half the level are a step, and named: the rule still judges S3
        List<String> halved = shifts(stations("halved.csv", 20, (s, w) -> s == 3 && w < 5 ? 0.5 : 1), STATIONS);
        assertThat(halved).singleElement().satisfies(w -> assertThat(w).contains("'S3': 'no2' from sequence 'S3_w05'"));
    }

    @Test
    void aRelocatedStationIsNamedWithTheWindowAfterTheMoveAndItsLevels() throws Exception {
        List<String> warned = shifts(stations("moved.csv", 20, (s, w) -> s == 3 && w >= 10 ? 0.45 : 1), STATIONS);
        assertThat(warned).singleElement().satisfies(w -> assertThat(w).contains("within 1 of the 10 groups of group column station",
                "'S3': 'no2' from sequence 'S3_w10' (time 2026-04-09T00:00; 10 of its 20 sequences from there on) median 2",
                " -> 1", "(x0.4", "a sensor moved, replaced or recalibrated?", "give those sequences a group value of their own "
                + "(e.g. 'S3-2')", "correct the values", "leave the sequences after the step out")
                .doesNotContain("'o3'").doesNotContain("'temp'").doesNotContain("'S2'").doesNotContain("'S4'"));
        // the same stations without the move: silent (O3 and temperature rise through the spring in every station)
        assertThat(shifts(stations("clean.csv", 20, (s, w) -> 1), STATIONS)).isEmpty();
    }

    @Test
    void aStepEveryStationTakesAtOnceIsTheSeasonNotAMove() throws Exception {
        // the heating season ends for all stations between windows 9 and 10: NO2 x0.35 everywhere
        assertThat(shifts(stations("season.csv", 20, (s, w) -> w >= 10 ? 0.35 : 1), STATIONS)).isEmpty();
        // and with 7 of the 10 stations: the other groups' step at that time matches theirs
        assertThat(shifts(stations("most.csv", 20, (s, w) -> w >= 10 && s < 7 ? 0.35 : 1), STATIONS)).isEmpty();
    }

    @Test
    void aStationWhoseEpisodesAllComeAfterThePointIsNotNamed() throws Exception {
        // the label is a pollution episode (NO2 x2.2); episodes alternate in every station but S5, whose windows are all
        // calm and then all episodes from window 10: its step is its class's
        Scenario episodes = new Scenario() {
            @Override
            public double level(int station, int window) {
                return "episode".equals(label(station, window)) ? 2.2 : 1;
            }

            @Override
            public String label(int station, int window) {
                return (station == 5 ? window >= 10 : (window + station) % 3 == 0) ? "episode" : "calm";
            }
        };
        assertThat(shifts(stations("episodes.csv", 20, episodes), STATIONS)).isEmpty();
        // the same labels with S7 relocated as well: its step is within its classes, and named
        assertThat(shifts(stations("episodes-moved.csv", 20, new Scenario() {
            @Override
            public double level(int station, int window) {
                return episodes.level(station, window) * (station == 7 && window >= 12 ? 0.4 : 1);
            }

            @Override
            public String label(int station, int window) {
                return episodes.label(station, window);
            }
        }), STATIONS)).singleElement().satisfies(w -> assertThat(w).contains("'S7': 'no2' from sequence 'S7_w12'")
                .doesNotContain("'S5'"));
    }

    @Test
    void aSlowDriftAndGroupsOfFewSequencesAreNotNamed() throws Exception {
        // S4's NO2 rises steadily to 2.5 times over its 20 windows (a fouling inlet), no step
        assertThat(shifts(stations("drift.csv", 20, (s, w) -> s == 4 ? 1 + 1.5 * w / 19.0 : 1), STATIONS)).isEmpty();
        // 6 windows a station: too few to tell a move from chance, though S3's x0.45 from its 4th window is there
        assertThat(shifts(stations("few.csv", 6, (s, w) -> s == 3 && w >= 3 ? 0.45 : 1), STATIONS)).isEmpty();
    }

    /**
     * 12 subjects of 12 short sequences of noise, 4 classes in turn, every sequence's time from 0 (so in file order): the
     * best of a short series' splits, its spread low by chance, is no step (the median spread alone named one).
     */
    @Test
    void shortSeriesOfNoiseInManyGroupsAreNotNamed() throws Exception {
        StringBuilder csv = new StringBuilder("id,subject,t,x,stage\n");
        for (int seed = 0; seed < 3; seed++) {
            Random random = new Random(seed);
            csv.setLength("id,subject,t,x,stage\n".length());
            for (int s = 0; s < 12; s++) {
                for (int k = 0; k < 12; k++) {
                    for (int t = 0; t < 3; t++) {
                        csv.append(String.format(Locale.ROOT, "s%02d_%d,s%02d,%d,%.3f,%s%n", s, k, s, t, random.nextGaussian(),
                                "ABCD".charAt(k % 4)));
                    }
                }
            }
            CsvOptions options = CsvOptions.defaults().withColumns(Column.named("id"), Column.named("t"), Column.named("stage"))
                    .withGroupColumn(Column.named("subject"));
            assertThat(shifts(Files.writeString(dir.resolve("noise" + seed + ".csv"), csv), options)).isEmpty();
        }
    }

    /**
     * 6 machines of 12 runs (60 steps, no time column: file order), current near 10 A (a fault class adds 1.5 A), a run's
     * level scattering by 0.5 A; machine M3 recalibrated before its 7th run in {@code offset}: +4 A from then on.
     */
    private Path machines(String name, double offset) throws Exception {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("run,machine,current,vibration,label\n");
        for (int m = 0; m < 6; m++) {
            for (int r = 0; r < 12; r++) {
                boolean fault = (r + m) % 3 == 0;
                double level = 10 + (fault ? 1.5 : 0) + 0.5 * random.nextGaussian() + (m == 3 && r >= 6 ? offset : 0);
                for (int t = 0; t < 60; t++) {
                    csv.append(String.format(Locale.ROOT, "M%dr%02d,M%d,%.3f,%.3f,%s%n", m, r, m, level + 2 * Math.sin(t / 3.0)
                            + 0.8 * random.nextGaussian(), (fault ? 2 : 1) * random.nextGaussian(), fault ? "fault" : "ok"));
                }
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void aRecalibratedMachinesOffsetIsNamedInFileOrder() throws Exception {
        CsvOptions options = CsvOptions.defaults().withColumns(Column.named("run"), null, Column.named("label"))
                .withGroupColumn(Column.named("machine"));
        assertThat(shifts(machines("offset.csv", 4), options)).singleElement().satisfies(w -> assertThat(w).contains(
                "within 1 of the 6 groups of group column machine", "'M3': 'current' from sequence 'M3r06' (sequence 7 of the "
                + "group's in file order; 6 of its 12 sequences from there on) median 10.", "-> 14.", "(x1.3", "(e.g. 'M3-2')")
                .doesNotContain("'vibration'"));
        assertThat(shifts(machines("calibrated.csv", 0), options)).isEmpty();
    }
}
