package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Events (rows at irregular times) against a model trained on rows at a step, and the time since the row before as a
 * feature (trial 77c, a fleet's GPS pings 2-90 s apart): a model of rows 30 s apart was given the pings with only the
 * events line said as information (F8), and the events line advised a feature of the time between rows without the code
 * for it, and again once a {@code dt} column was one (F9).
 */
class IrregularPingsTest {
    @TempDir
    Path dir;

    private static final CsvOptions LONG = CsvOptions.defaults().withColumns(Column.named("trip_id"), Column.named("ts"),
            Column.named("label"));

    /**
     * Each trip's times (epoch seconds) of 40 rows: every {@code step} seconds, or, for {@code step} 0, pings a whole 2-90 s
     * apart at random (trip 0's first steps exactly 2 and 90).
     */
    private static List<long[]> times(int trips, int step, long seed) {
        Random r = new Random(seed);
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < trips; i++) {
            long[] t = new long[40];
            t[0] = 1_790_000_000L + 10_000L * i;
            for (int k = 1; k < t.length; k++) {
                t[k] = t[k - 1] + (step > 0 ? step : i == 0 && k <= 2 ? (k == 1 ? 2 : 90) : 2 + r.nextInt(89));
            }
            out.add(t);
        }
        return out;
    }

    /** The median over trips of each trip's median step, as said. */
    private static double medianStep(List<long[]> times) {
        double[] medians = times.stream().mapToDouble(t -> TimeSpacing.median(java.util.stream.IntStream.range(1, t.length)
                .mapToDouble(k -> t[k] - t[k - 1]).toArray())).toArray();
        return TimeSpacing.median(medians);
    }

    /** A long-layout file of these trips ({@code trip_id,ts,speed[,dt],label}), {@code dt} the time since the row before. */
    private Path longFile(String name, List<long[]> times, boolean dt) throws Exception {
        List<String> lines = new ArrayList<>(List.of("trip_id,ts,speed" + (dt ? ",dt" : "") + ",label"));
        for (int i = 0; i < times.size(); i++) {
            long[] t = times.get(i);
            for (int k = 0; k < t.length; k++) {
                lines.add(String.format(Locale.ROOT, "T%04d,%d,%.2f%s,%s", i, t[k], 40 + 10 * Math.sin(k * 0.3 + i),
                        dt ? "," + (k == 0 ? 0 : t[k] - t[k - 1]) : "", i % 2 == 0 ? "urban" : "highway"));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    /** A folder of these trips, one file each ({@code ts,speed[,dt]}), with {@code labels.csv} ({@code file,label}). */
    private Path folder(String name, List<long[]> times, boolean dt) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        List<String> labels = new ArrayList<>(List.of("file,label"));
        for (int i = 0; i < times.size(); i++) {
            long[] t = times.get(i);
            List<String> rows = new ArrayList<>(List.of("ts,speed" + (dt ? ",dt" : "")));
            for (int k = 0; k < t.length; k++) {
                rows.add(String.format(Locale.ROOT, "%d,%.2f%s", t[k], 40 + 10 * Math.sin(k * 0.3 + i),
                        dt ? "," + (k == 0 ? 0 : t[k] - t[k - 1]) : ""));
            }
            Files.write(folder.resolve(String.format(Locale.ROOT, "T%04d.csv", i)), rows);
            labels.add(String.format(Locale.ROOT, "T%04d.csv,%s", i, i % 2 == 0 ? "urban" : "highway"));
        }
        Files.write(folder.resolve("labels.csv"), labels);
        return folder;
    }

    private static final CsvOptions FOLDER = CsvOptions.defaults().withFileColumn(Column.named("file"));

    /** {@code --set file=file --set time=ts}. */
    private static CsvOptions timedFolder() {
        return FOLDER.withColumns(FOLDER.sequenceId(), Column.named("ts"), FOLDER.label());
    }

    @Test
    void pingsGivenToAModelOfRowsAtAStepAreWarnedOfAgainstItsStepInBothLayouts() throws Exception {
        CsvSchema steady = CsvSequenceDataset.fromLongCsv(longFile("reg30.csv", times(30, 30, 1), false), LONG).schema();
        assertThat(steady.timeStep()).isEqualTo(new TimeStep(30, false));
        List<long[]> pings = times(30, 0, 2);
        String median = TimeSpacing.step(medianStep(pings), false);
        Path newest = longFile("newest.csv", pings, false);
        // evaluate (labels) and predict (none): a warning against the model's step, with the resampling code
        for (boolean labelled : new boolean[] {true, false}) {
            List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(newest, steady,
                    labelled, new ArrayList<>()));
            assertThat(warned).anySatisfy(w -> assertThat(w).contains("newest.csv: the model's training data were rows 30 apart "
                    + "in their time column, and these rows are events whose steps in the time column 'ts' vary from 2 to 90 ("
                    + median + " in the median sequence)", "each of these rows is read as one step of 30",
                    "resample them onto the model's step first (one row every 30, see 'The time column's spacing' in "
                    + "docs/guide/your-data.md; pandas: t0 = df.groupby(\"trip_id\")",
                    "so the code writes rows with empty cells between them", "), or train a model on such events"));
        }
        // the events line stays as it was, information for new data
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(newest, steady, true,
                new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("events, not samples at a rate"));
        // a model trained on events has no step to read them against: nothing more said
        CsvSchema events = CsvSequenceDataset.fromLongCsv(longFile("events.csv", times(30, 0, 3), false), LONG).schema();
        assertThat(events.timeStep()).isNull();
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(newest, events, true,
                new ArrayList<>()))).noneMatch(w -> w.contains("the model's training data were"));

        // the folder layout (--set time=ts), evaluate with labels.csv and predict without
        CsvSchema steadyFolder = CsvSequenceDataset.fromFolder(folder("reg30", times(30, 30, 1), false), timedFolder()).schema();
        assertThat(steadyFolder.timeStep()).isEqualTo(new TimeStep(30, false));
        Path newestFolder = folder("newest", pings, false);
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(newestFolder.resolve("labels.csv"),
                steadyFolder, true, new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("the model's training data were "
                + "rows 30 apart in their time column, and these rows are events whose steps in the time column 'ts' of its "
                + "sequence files vary from 2 to 90 (" + median + " in the median sequence)", "resample them onto the model's step "
                + "first (one row every 30, see"));
        Files.delete(newestFolder.resolve("labels.csv"));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(newestFolder, steadyFolder, false,
                new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("these rows are events whose steps", "vary from 2 to 90"));
        // the long layout's model given the folder of pings
        Path again = folder("again", pings, false);
        Files.delete(again.resolve("labels.csv"));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(again, steady, false,
                new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("the model's training data were rows 30 apart",
                "vary from 2 to 90"));
    }

    @Test
    void theEventsLineGivesThePandasLineForTheTimeSinceTheRowBeforeAndNamesAFeatureThatHoldsIt() throws Exception {
        List<long[]> pings = times(30, 0, 4);
        Path trips = longFile("trips.csv", pings, false);
        String said = events(() -> CsvSequenceDataset.fromLongCsv(trips, LONG));
        assertThat(said).contains("the model reads one row per event and does not use the time between rows unless it is a "
                + "feature (the time since the row before, computed before training and for new data alike: pandas "
                + "df[\"dt\"] = df.groupby(\"trip_id\")[\"ts\"].diff().fillna(0))");
        // with that column (as the line computes it): named, not advised again (a trial's run rdt)
        Path withDt = longFile("trips_dt.csv", pings, true);
        String named = events(() -> CsvSequenceDataset.fromLongCsv(withDt, LONG));
        assertThat(named).contains("the model reads one row per event and uses the time between rows through feature 'dt', "
                + "which holds the time since the row before in every sequence").doesNotContain("unless it is a feature");
        // the folder layout: the line for each file
        String folder = events(() -> CsvSequenceDataset.fromFolder(folder("trips", pings, false), timedFolder()));
        assertThat(folder).contains("pandas df[\"dt\"] = df[\"ts\"].diff().fillna(0) in each sequence file)");
        assertThat(events(() -> CsvSequenceDataset.fromFolder(folder("trips_dt", pings, true), timedFolder())))
                .contains("through feature 'dt'").doesNotContain("unless it is a feature");
        // a column of the step from a row to the next one is no time since the row before
        List<String> shifted = new ArrayList<>(List.of("trip_id,ts,speed,dt,label"));
        for (int i = 0; i < pings.size(); i++) {
            long[] t = pings.get(i);
            for (int k = 0; k < t.length; k++) {
                shifted.add(String.format(Locale.ROOT, "T%04d,%d,1.5,%d,a%d", i, t[k], k + 1 < t.length ? t[k + 1] - t[k] : 0, i % 2));
            }
        }
        Path next = Files.write(dir.resolve("next.csv"), shifted);
        assertThat(events(() -> CsvSequenceDataset.fromLongCsv(next, LONG))).contains("unless it is a feature");
    }

    @Test
    void dateTimesTakeTheirDifferenceInSecondsAndThePandasLineMakesTheFeatureNamed() throws Exception {
        List<long[]> pings = times(30, 0, 5);
        List<String> lines = new ArrayList<>(List.of("trip_id,ts,speed,label"));
        for (int i = 0; i < pings.size(); i++) {
            long[] t = pings.get(i);
            for (int k = 0; k < t.length; k++) {
                lines.add(String.format(Locale.ROOT, "T%04d,%sZ,%.2f,%s", i, LocalDateTime.ofEpochSecond(t[k], 0,
                        java.time.ZoneOffset.UTC), 40 + 10 * Math.sin(k * 0.3 + i), i % 2 == 0 ? "urban" : "highway"));
            }
        }
        Path trips = Files.write(dir.resolve("iso.csv"), lines);
        String said = events(() -> CsvSequenceDataset.fromLongCsv(trips, LONG));
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("pandas (df\\[\"dt\"\\] = .*?\\.fillna\\(0\\))").matcher(said);
        assertThat(code.find()).as(said).isTrue();
        assertThat(code.group(1)).isEqualTo("df[\"dt\"] = pd.to_datetime(df[\"ts\"], utc=True).groupby(df[\"trip_id\"]).diff()"
                + ".dt.total_seconds().fillna(0)");
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "skipped: no /usr/bin/python3 to run the code");
        Process check = new ProcessBuilder(python.toString(), "-c", "import pandas").redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(check.waitFor() == 0, "skipped: /usr/bin/python3 has no pandas");
        Path out = dir.resolve("iso_dt.csv");
        Path script = Files.writeString(dir.resolve("dt.py"), "import pandas as pd\ndf = pd.read_csv('" + trips + "')\n"
                + code.group(1) + "\ndf.to_csv('" + out + "', index=False)\nprint('ok')\n");
        Process run = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
        String printed = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(printed).isZero();
        assertThat(events(() -> CsvSequenceDataset.fromLongCsv(out, LONG))).contains("through feature 'dt'")
                .doesNotContain("unless it is a feature");
        // as numbers too (epoch seconds)
        Path numbers = longFile("numbers.csv", pings, false);
        Path numbersDt = dir.resolve("numbers_dt.csv");
        Files.writeString(script, "import pandas as pd\ndf = pd.read_csv('" + numbers + "')\n"
                + "df[\"dt\"] = df.groupby(\"trip_id\")[\"ts\"].diff().fillna(0)\ndf.to_csv('" + numbersDt + "', index=False)\n");
        assertThat(new ProcessBuilder(python.toString(), script.toString()).inheritIO().start().waitFor()).isZero();
        assertThat(events(() -> CsvSequenceDataset.fromLongCsv(numbersDt, LONG))).contains("through feature 'dt'");
        assertThat(Arrays.asList(Files.readAllLines(numbersDt).get(0).split(","))).contains("dt");
    }

    /** The events line said while {@code read} runs (a warning or information, as the layout says it). */
    private static String events(LoggedWarnings.Action read) throws Exception {
        List<String> said = new ArrayList<>(LoggedWarnings.of(CsvSequenceDataset.class, read));
        said.addAll(LoggedWarnings.infos(CsvSequenceDataset.class, read));
        return said.stream().filter(w -> w.contains("events, not samples at a rate")).findFirst()
                .orElseThrow(() -> new AssertionError("no events line"));
    }
}
