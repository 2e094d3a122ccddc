package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rnnlab data windows}: a series plus an event log into labelled windows, its summary, refusals and help. */
class DataWindowsCommandTest {

    @TempDir
    Path tmp;

    private static String at(int day, int h) {
        return String.format("2025-03-%02dT%02d:00:00Z", day, h);
    }

    /**
     * Two turbines, 6-hourly rows over 3 days (12 rows each); T02 misses 2025-03-02 06:00 and 12:00 (a gap of 18 h).
     * Faults: T01 gearbox 2025-03-03 06:00; T02 pitch 2025-03-04 00:00; T99 (not in the series) once.
     */
    private Path[] files() throws IOException {
        StringBuilder s = new StringBuilder("turbine,timestamp,power_kw,oil_temp_c\n");
        for (String t : List.of("T01", "T02")) {
            for (int d = 1; d <= 3; d++) {
                for (int h = 0; h < 24; h += 6) {
                    if (t.equals("T02") && d == 2 && (h == 6 || h == 12)) {
                        continue;
                    }
                    s.append(t).append(',').append(at(d, h)).append(',').append(100 * d + h).append(",-9999\n");
                }
            }
        }
        Path series = Files.writeString(tmp.resolve("scada.csv"), s);
        Path events = Files.writeString(tmp.resolve("faults.csv"), "turbine,fault_time,fault_type\n"
                + "T01," + at(3, 6) + ",gearbox\nT02,2025-03-04T00:00:00Z,pitch\nT99," + at(1, 0) + ",pitch\n");
        return new Path[] {series, events};
    }

    @Test
    void windowsOfADayLabelledByTheFaultWithinTheHorizonWithTheSummary() throws IOException {
        Path[] f = files();
        Path out = tmp.resolve("windows.csv");
        var run = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "turbine", "--time",
                "timestamp", "--length", "4", "--events", f[1].toString(), "--event-time", "fault_time", "--event-label",
                "fault_type", "--horizon", "1d", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("sequence_id,turbine,time,power_kw,oil_temp_c,label");
        // T01: day 1 ends 03-01 18:00 (gearbox 03-03 06:00 is 36 h later: beyond 1d), day 2 ends 03-02 18:00 (12 h later:
        // gearbox), day 3 holds the fault (labelled by what follows its end: nothing). T02: day 1 normal; then
        // [03-02 00:00, 03-02 18:00, 03-03 00:00, 03-03 06:00] has a step of 18 h > 2.5 x 6 h: skipped; 2 rows left.
        assertThat(lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(',')) + " " + l.substring(l.lastIndexOf(',') + 1))
                .distinct()).containsExactly("T01_" + at(1, 0) + " normal", "T01_" + at(2, 0) + " gearbox",
                "T01_" + at(3, 0) + " normal", "T02_" + at(1, 0) + " normal");
        assertThat(lines).contains("T01_" + at(2, 0) + ",T01," + at(2, 18) + ",218,-9999,gearbox");
        assertThat(run.out()).contains("windows per label: normal 3, gearbox 1")
                .contains("  T01: 3 (normal 2, gearbox 1)")
                .contains("gaps: a window with a step longer than 15h is skipped (--max-gap auto: 2.5 times the median step, 6h: "
                        + "one missing row passes, two in a row do not)")
                .contains("dropped rows: 0 of the 4 window(s) written hold a step longer than 1.5 times the median step (6h)")
                .contains("1 window(s) spanning a gap longer than 15h: T02 from " + at(2, 0))
                .contains("2 row(s) after the last full window of their turbine")
                .contains("labels: the earliest event of the turbine within 1d after a window's last row (3 events read)")
                .contains("1 window(s) hold an event of their turbine")
                .contains("--set splitBy=time").contains("leave out the windows that end within 1d before the boundary");
        assertThat(run.err()).contains("warning: 1 event(s) of 1 turbine(s) not in " + f[0] + " ignored: T99 1");
    }

    /**
     * Trial 73c F2: a naive union of a watch's rows (25 Hz, acc_x) and a chest strap's (4 Hz, heart_rate) under one time
     * column repeats each whole second with other values: said as rows of two sources, not a drifting clock; every clock
     * segment is shorter than --length, counted apart from the rows after a last full window, and 0 windows exit 1.
     */
    @Test
    void aUnionOfTwoDevicesRowsIsSaidAsTwoSourcesAndNoWindowWrittenExitsOneSayingWhy() throws IOException {
        StringBuilder s = new StringBuilder("participant,timestamp,acc_x,heart_rate\n");
        java.time.Instant t0 = java.time.Instant.parse("2026-03-11T08:00:00Z");
        for (int ms = 0; ms < 20_000; ms += 10) {
            String at = java.time.format.DateTimeFormatter.ISO_INSTANT.format(t0.plusMillis(ms)).replace("Z", "")
                    + (ms % 1000 == 0 ? ".000Z" : "Z");
            if (ms % 40 == 0) {
                s.append("p01,").append(at).append(',').append(Math.sin(ms / 300.0)).append(",\n");
            }
            if (ms % 250 == 0 && ms > 0) { // not at the first row: a clock segment holds 10 rows or more
                s.append("p01,").append(at).append(",,").append(70 + ms / 1000).append('\n');
            }
        }
        Path series = Files.writeString(tmp.resolve("merged.csv"), s);
        Path out = tmp.resolve("w.csv");
        var run = TrainEvaluatePredictTest.run("data", "windows", "--input", series.toString(), "--entity", "participant",
                "--time", "timestamp", "--length", "100", "--out", out.toString());
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("wrote " + out + ": 0 windows of 100 rows")
                .contains("row(s) in 20 clock segment(s) shorter than 100 rows (no window fits in one)")
                .doesNotContain("after the last full window");
        assertThat(run.err()).contains("19 of them fill columns the row before leaves empty and leave empty those it fills: rows "
                + "of two sources at one time? merge them into one row per time (pandas groupby(time).first()) or resample onto "
                + "one grid")
                .contains("error: no window written (" + out + " holds the header only): 579 row(s) are in 20 clock segment(s) "
                        + "shorter than --length 100");
        assertThat(run.err().indexOf("rows of two sources")).isLessThan(run.err().indexOf("a drifting or reset device clock?"));
    }

    /** Trial 73c F6: local-time annotations against times with an offset: the error names --time-zone, which fixes it. */
    @Test
    void localTimeIntervalsAgainstOffsetTimesNameTheTimeZoneOptionThatFixesIt() throws IOException {
        StringBuilder s = new StringBuilder("participant,timestamp,acc_x\n");
        for (int k = 0; k < 40; k++) {
            s.append("p01,2026-03-11T09:00:").append(String.format("%02d", k)).append(".000+01:00,").append(k % 5).append('\n');
        }
        Path series = Files.writeString(tmp.resolve("series.csv"), s);
        Path intervals = Files.writeString(tmp.resolve("ann.csv"), "participant,start,end,activity\n"
                + "p01,2026-03-11T09:00:00.000,2026-03-11T09:00:39.000,walk\n");
        List<String> args = List.of("data", "windows", "--input", series.toString(), "--entity", "participant", "--time",
                "timestamp", "--length", "10", "--intervals", intervals.toString(), "--interval-label", "activity", "--out",
                tmp.resolve("w.csv").toString());
        var refused = TrainEvaluatePredictTest.run(args.toArray(String[]::new));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("time '2026-03-11T09:00:00.000' in column 'start' is one of date-times without an "
                + "offset", "give --time-zone ZONE, the zone the local times were written in (e.g. --time-zone Europe/Berlin), "
                + "to read them as instants; or convert local times to UTC");
        List<String> zoned = new java.util.ArrayList<>(args);
        zoned.addAll(List.of("--time-zone", "Europe/Berlin"));
        var fixed = TrainEvaluatePredictTest.run(zoned.toArray(String[]::new));
        assertThat(fixed.code()).as(fixed.err()).isZero();
        assertThat(fixed.out()).contains("windows per label: walk 3"); // the last window ends past the interval
    }

    /**
     * Trial 81b F1: recordings of two activities each (walk then sit) cut by --label under its default rule last: the
     * windows across the change are counted and said with the rule that labelled them and the option that skips them; under
     * all they are skipped and the line says one label throughout.
     */
    @Test
    void windowsOfTwoLabelsUnderTheRuleLastAreCountedAndSaid() throws IOException {
        StringBuilder s = new StringBuilder("rec,t,x,activity\n");
        for (String rec : List.of("r1", "r2")) {
            for (int t = 0; t < 20; t++) {
                s.append(rec).append(',').append(t).append(',').append(t % 5).append(',').append(t < 9 ? "walk" : "sit")
                        .append('\n');
            }
        }
        Path in = Files.writeString(tmp.resolve("seg.csv"), s);
        // windows of 4 rows every 2: starts 0..16, 9 per recording; those from 6 (rows 6-9) and 8 (8-11) hold both labels
        var last = TrainEvaluatePredictTest.run("data", "windows", "--input", in.toString(), "--entity", "rec", "--time", "t",
                "--length", "4", "--stride", "2", "--label", "activity", "--out", tmp.resolve("last.csv").toString());
        assertThat(last.code()).as(last.err()).isZero();
        assertThat(last.out()).contains("windows per label: sit 12, walk 6\nlabels: the 'activity' column at each window's "
                + "last row (--label-rule last, the default with --label); 4 of the 18 windows written (22%) hold rows of two "
                + "or more labels, each labelled by its last row: not windows of one label each; --label-rule all skips them, "
                + "majority takes the label of more than half of the rows\n");
        var majority = TrainEvaluatePredictTest.run("data", "windows", "--input", in.toString(), "--entity", "rec", "--time",
                "t", "--length", "4", "--stride", "2", "--label", "activity", "--label-rule", "majority", "--out",
                tmp.resolve("majority.csv").toString());
        assertThat(majority.code()).as(majority.err()).isZero();
        assertThat(majority.out()).contains("labels: the 'activity' column on more than half of a window's rows (--label-rule "
                + "majority); 4 of the 18 windows written (22%) hold rows of two or more labels, each labelled by the label of "
                + "more than half of its rows: not windows of one label each; --label-rule all skips them, last takes the last "
                + "row's");
        var all = TrainEvaluatePredictTest.run("data", "windows", "--input", in.toString(), "--entity", "rec", "--time", "t",
                "--length", "4", "--stride", "2", "--label", "activity", "--label-rule", "all", "--out",
                tmp.resolve("all.csv").toString());
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out()).contains("windows per label: sit 8, walk 6\nlabels: the 'activity' column on every row of a "
                + "window, one label throughout (--label-rule all)\n")
                .contains("4 window(s) that straddle rows of different labels (--label-rule all)");
        // one label per recording: said so
        var one = TrainEvaluatePredictTest.run("data", "windows", "--input", Files.writeString(tmp.resolve("one.csv"),
                s.toString().replace("sit", "walk")).toString(), "--entity", "rec", "--time", "t", "--length", "4", "--label",
                "activity", "--out", tmp.resolve("one-out.csv").toString());
        assertThat(one.out()).contains("(--label-rule last, the default with --label); no window written holds rows of two "
                + "labels\n");
        // review 81b R7: 999 of 1000 is not "100%"
        assertThat(DataWindowsCommand.percent(999, 1000)).isEqualTo("99%");
        assertThat(DataWindowsCommand.percent(1000, 1000)).isEqualTo("100%");
        assertThat(DataWindowsCommand.percent(1, 1000)).isEqualTo("<1%");
        var help = TrainEvaluatePredictTest.run("data", "windows", "--help");
        assertThat((help.out() + help.err()).replaceAll("\\s+", " ")).contains("(default: one line per entity up to 20 entities;");
    }

    /** Trial 81b F8: above 20 entities the summary gives the counts' range and the fewest, not a line each; --verbose lists all. */
    @Test
    void manyEntitiesAreSummarisedInOneLineUnlessVerbose() throws IOException {
        StringBuilder s = new StringBuilder("rec,t,x,activity\n");
        for (int k = 0; k < 25; k++) {
            for (int t = 0; t < 10 + k % 3; t++) { // 10 or 11 rows: 2 windows of 4; 12 rows: 3
                s.append(String.format("r%02d,%d,%d,a%n", k, t, t));
            }
        }
        Path in = Files.writeString(tmp.resolve("many.csv"), s);
        var run = TrainEvaluatePredictTest.run("data", "windows", "--input", in.toString(), "--entity", "rec", "--time", "t",
                "--length", "4", "--label", "activity", "--out", tmp.resolve("w.csv").toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("windows per rec: 25 recs with windows, 2 to 3 each (median 2); fewest: r00: 2 (a 2), "
                + "r01: 2 (a 2), r03: 2 (a 2), r04: 2 (a 2), r06: 2 (a 2), ...; --verbose lists every rec\n")
                .doesNotContain("  r02: 3").contains("skipped:").contains("train on it:");
        var verbose = TrainEvaluatePredictTest.run("data", "windows", "--input", in.toString(), "--entity", "rec", "--time", "t",
                "--length", "4", "--label", "activity", "--verbose", "--out", tmp.resolve("v.csv").toString());
        assertThat(verbose.out()).contains("windows per rec:\n  r00: 2 (a 2)\n").contains("  r24: 2 (a 2)\n")
                .contains("  r02: 3 (a 3)\n");
    }

    /** Trial 73c F3: windows of a grid whose heart_rate is on every 25th row print a train command with --missing interpolate. */
    @Test
    void theTrainCommandPrintedForMostlyEmptyColumnsNamesMissingInterpolate() throws IOException {
        StringBuilder s = new StringBuilder("participant,timestamp,acc_x,heart_rate,activity\n");
        java.time.Instant t0 = java.time.Instant.parse("2026-03-11T08:00:00Z");
        for (int k = 0; k < 1000; k++) {
            s.append("p01,").append(t0.plusMillis(40L * k)).append(',').append(k % 7).append(',')
                    .append(k % 25 == 0 ? "80" : "").append(',').append(k < 500 ? "walk" : "sit").append('\n');
        }
        Path out = tmp.resolve("w.csv");
        var run = TrainEvaluatePredictTest.run("data", "windows", "--input", Files.writeString(tmp.resolve("grid.csv"), s)
                .toString(), "--entity", "participant", "--time", "timestamp", "--length", "100", "--label", "activity",
                "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("train on it: rnnlab train --dataset csv --train " + out + " --set group=participant "
                + "--missing interpolate ... (empty cells: 'heart_rate' 96%; interpolate fills a slower channel's rows between its "
                + "samples, ffill holds each value)");
    }

    /** Trial 73c F4: an outer join of a 25 Hz watch and a 4 Hz strap at other instants makes windows, and says so. */
    @Test
    void anOuterJoinOfTwoDevicesRowsIsWarnedOfWithItsShareOfShortSteps() throws IOException {
        StringBuilder s = new StringBuilder("participant,timestamp,acc_x,heart_rate\n");
        java.time.Instant t0 = java.time.Instant.parse("2026-03-11T08:00:00Z");
        for (int ms = 0; ms < 20_000; ms += 5) {
            if (ms % 40 == 0) {
                s.append("p01,").append(t0.plusMillis(ms)).append(',').append(Math.sin(ms / 300.0)).append(",\n");
            } else if (ms % 250 == 5) { // never on the watch's grid
                s.append("p01,").append(t0.plusMillis(ms)).append(",,").append(70 + ms / 1000).append('\n');
            }
        }
        Path out = tmp.resolve("w.csv");
        var run = TrainEvaluatePredictTest.run("data", "windows", "--input", Files.writeString(tmp.resolve("outer.csv"), s)
                .toString(), "--entity", "participant", "--time", "timestamp", "--length", "100", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        // 500 + 80 rows, 579 steps; 80 strap rows split 40-ms steps, 120 of the pieces under 30 ms
        assertThat(run.err()).contains("warning: 120 of the 579 steps (20.7%) between consecutive rows of one participant are "
                + "shorter than three quarters of the median step (40ms), from 5ms: rows of several sources interleaved");
    }

    /**
     * The guide's pandas sketch of *Several devices or sampling rates* (trial 73c F7) runs as written on a watch at 25 Hz
     * and a strap at 4 Hz whose clock runs 2.3 s ahead, and data windows cuts its output into 60-s windows of 1500 rows.
     */
    @Test
    void theGuidesTwoDeviceMergeRunsAndItsOutputMakes60sWindows() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "guide", "your-data.md"));
        String section = guide.substring(guide.indexOf("### Several devices or sampling rates"));
        int from = section.indexOf("```python\n") + "```python\n".length();
        String code = section.substring(from, section.indexOf("```", from));
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "skipped: no /usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder(python.toString(), "-c", "import pandas").start()
                .waitFor() == 0, "skipped: /usr/bin/python3 has no pandas");
        java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        for (String p : List.of("p01", "p02")) {
            Path dir = Files.createDirectories(tmp.resolve("dev").resolve(p));
            java.time.OffsetDateTime t0 = java.time.OffsetDateTime.parse("2026-03-11T09:00:00.000+01:00");
            StringBuilder watch = new StringBuilder("timestamp,acc_x,acc_y,acc_z\n");
            for (int k = 0; k < 25 * 60; k++) {
                watch.append(iso.format(t0.plusNanos(40_000_000L * k))).append(',').append(Math.sin(k / 10.0)).append(",0.1,9.8\n");
            }
            StringBuilder strap = new StringBuilder("time,heart_rate\n");
            java.time.OffsetDateTime s0 = t0.plusNanos(2_300_000_000L).withOffsetSameInstant(java.time.ZoneOffset.UTC);
            for (int k = 0; k < 4 * 60; k++) {
                strap.append(iso.format(s0.plusNanos(250_000_000L * k))).append(',').append(70 + k % 7).append('\n');
            }
            Files.writeString(dir.resolve("watch.csv"), watch);
            Files.writeString(dir.resolve("strap.csv"), strap);
        }
        Path script = Files.writeString(tmp.resolve("merge.py"), code);
        Process run = new ProcessBuilder(python.toString(), script.toString()).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(out).isZero();
        List<String> merged = Files.readAllLines(tmp.resolve("merged.csv"));
        assertThat(merged.get(0)).isEqualTo("participant,timestamp,acc_x,acc_y,acc_z,heart_rate");
        assertThat(merged).hasSize(1 + 2 * 1500);
        // the strap's first sample, 2.3 s late on its clock, lands on the watch's first row; the rows between stay empty
        assertThat(merged.get(1)).startsWith("p01,2026-03-11 08:00:00+00:00,0.0,0.1,9.8,70.0");
        assertThat(merged.stream().filter(l -> !l.endsWith(",")).count()).isEqualTo(1 + 2 * 240);
        Path windows = tmp.resolve("windows.csv");
        var cut = TrainEvaluatePredictTest.run("data", "windows", "--input", tmp.resolve("merged.csv").toString(), "--entity",
                "participant", "--time", "timestamp", "--length", "1500", "--out", windows.toString());
        assertThat(cut.code()).as(cut.err()).isZero();
        assertThat(cut.out()).contains("wrote " + windows + ": 2 windows of 1500 rows").contains("skipped: none");
    }

    /** A label map reads the event log's spellings as one class (a re-check trial lost windows to two spellings of one). */
    @Test
    void aLabelMapReadsTheEventsSpellingsAsOneLabel() throws IOException {
        Path[] f = files();
        Path map = Files.writeString(tmp.resolve("map.csv"), "from,to\ngearbox,gearbox_fault\nyaw,yaw_fault\n");
        Path out = tmp.resolve("mapped.csv");
        var run = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "turbine", "--time",
                "timestamp", "--length", "4", "--events", f[1].toString(), "--event-time", "fault_time", "--event-label",
                "fault_type", "--horizon", "1d", "--label-map", map.toString(), "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(out)).contains(",gearbox_fault\n").doesNotContain(",gearbox\n");
        assertThat(run.err()).contains("label map " + map + ": 'gearbox' read as 'gearbox_fault' in 1 event(s)")
                .contains("warning: label map " + map + ": 'yaw' occur(s) in none of the event(s) read");
        var none = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "turbine", "--time",
                "timestamp", "--length", "4", "--label-map", map.toString(), "--out", tmp.resolve("n.csv").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--label-map maps the labels of --events, --intervals or --label; none is given");
    }

    @Test
    void refusalsAreUsageErrorsOrNameTheFileLineAndColumn() throws IOException {
        Path[] f = files();
        Path out = tmp.resolve("w.csv");
        var ruleWithoutLabels = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity",
                "turbine", "--time", "timestamp", "--length", "4", "--label-rule", "all", "--out", out.toString());
        assertThat(ruleWithoutLabels.code()).isEqualTo(2);
        assertThat(ruleWithoutLabels.err()).contains("--label-rule applies to --intervals and --label, not to unlabelled windows");
        var defaultWithoutEvents = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity",
                "turbine", "--time", "timestamp", "--length", "4", "--default-label", "none", "--out", out.toString());
        assertThat(defaultWithoutEvents.code()).isEqualTo(2);
        assertThat(defaultWithoutEvents.err()).contains("--default-label applies to --events only");
        var zone = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "turbine",
                "--time", "timestamp", "--length", "4", "--time-zone", "Europe/Wien", "--out", out.toString());
        assertThat(zone.code()).isEqualTo(2);
        assertThat(zone.err()).contains("--time-zone 'Europe/Wien' is not a time zone Java knows");
        var pattern = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "turbine",
                "--time", "timestamp", "--length", "4", "--time-format", "dd.MM.yyyy bb", "--out", out.toString());
        assertThat(pattern.code()).isEqualTo(2);
        assertThat(pattern.err()).contains("--time-format 'dd.MM.yyyy bb' is not a java.time pattern");
        var noneLast = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "turbine",
                "--time", "timestamp", "--length", "4", "--last", "0", "--out", out.toString());
        assertThat(noneLast.code()).isEqualTo(2);
        assertThat(noneLast.err()).contains("--last 0 must be at least 1");
        var noHorizon = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "turbine",
                "--time", "timestamp", "--length", "4", "--events", f[1].toString(), "--out", out.toString());
        assertThat(noHorizon.code()).isEqualTo(2);
        assertThat(noHorizon.err()).contains("--events needs --horizon");
        var badColumn = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "turbine",
                "--time", "timestamp", "--length", "4", "--events", f[1].toString(), "--horizon", "7d", "--out", out.toString());
        assertThat(badColumn.code()).isEqualTo(1);
        assertThat(badColumn.err()).contains("faults.csv:1: --event-time (default: the --time name) 'timestamp' is not a column");
        assertThat(out).doesNotExist(); // nothing written, not even a partial file
        assertThat(tmp.toFile().list()).containsExactlyInAnyOrder("scada.csv", "faults.csv");
        Files.writeString(out, "keep");
        var exists = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "turbine",
                "--time", "timestamp", "--length", "4", "--events", f[1].toString(), "--event-time", "fault_time",
                "--event-label", "fault_type", "--horizon", "7d", "--out", out.toString());
        assertThat(exists.code()).isEqualTo(2);
        assertThat(exists.err()).contains("exists: add --overwrite");
        assertThat(Files.readString(out)).isEqualTo("keep");
    }

    @Test
    void unlabelledWindowsOfEachEntitysLastRowsArePredictedByAModelTrainedOnLabelledWindows() throws IOException {
        // 6 turbines, 6-hourly rows over 10 days; faults in the morning of days 3, 6 and 9 of the odd ones
        StringBuilder s = new StringBuilder("turbine,timestamp,power_kw,oil_temp_c\n");
        StringBuilder e = new StringBuilder("turbine,fault_time,fault_type\n");
        for (int k = 1; k <= 6; k++) {
            for (int d = 1; d <= 10; d++) {
                for (int h = 0; h < 24; h += 6) {
                    s.append("T0").append(k).append(',').append(at(d, h)).append(',').append((k * 31 + d * 7 + h) % 50)
                            .append(',').append(k % 2 == 1 && d % 3 == 2 ? 90 : 40).append('\n');
                }
                if (k % 2 == 1 && d % 3 == 0) {
                    e.append("T0").append(k).append(',').append(at(d, 3)).append(",gearbox\n");
                }
            }
        }
        Path series = Files.writeString(tmp.resolve("scada.csv"), s);
        Path events = Files.writeString(tmp.resolve("faults.csv"), e);
        Path labelled = tmp.resolve("labelled.csv");
        var cut = TrainEvaluatePredictTest.run("data", "windows", "--input", series.toString(), "--entity", "turbine", "--time",
                "timestamp", "--length", "4", "--events", events.toString(), "--event-time", "fault_time", "--event-label",
                "fault_type", "--horizon", "1d", "--out", labelled.toString());
        assertThat(cut.code()).as(cut.err()).isZero();
        Path run = tmp.resolve("run");
        var train = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train", labelled.toString(), "--set", "group=turbine", "--hidden", "3",
                "--epochs", "1", "--quiet", "--out", run.toString());
        assertThat(train.code()).as(train.err()).isZero();

        Path unlabelled = tmp.resolve("now.csv");
        var now = TrainEvaluatePredictTest.run("data", "windows", "--input", series.toString(), "--entity", "turbine", "--time",
                "timestamp", "--length", "4", "--last", "1", "--out", unlabelled.toString());
        assertThat(now.code()).as(now.err()).isZero();
        List<String> lines = Files.readAllLines(unlabelled);
        assertThat(lines.get(0)).isEqualTo("sequence_id,turbine,time,power_kw,oil_temp_c");
        assertThat(lines).hasSize(1 + 6 * 4);
        assertThat(lines.get(4)).startsWith("T01_" + at(10, 0) + ",T01," + at(10, 18) + ",");
        assertThat(now.out()).contains("no labels: for predict").contains("  T01: 1\n")
                .contains("wrote " + unlabelled + ": 6 windows of 4 rows (stride 4); each turbine's last 1, the last ending at "
                        + "its last row (--last)")
                .contains("216 row(s) before the first of the last 1 window(s) of their turbine (--last)")
                .contains("predict on it: rnnlab predict --model MODEL --input " + unlabelled);
        var predict = TrainEvaluatePredictTest.run("predict", "--model", run.resolve("model.rnnlab").toString(), "--input",
                unlabelled.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        for (int k = 1; k <= 6; k++) {
            assertThat(predict.out()).contains("T0" + k + "_" + at(10, 0));
        }

        // only the windows an event labels (a scouting visit)
        Path visits = tmp.resolve("visits.csv");
        var only = TrainEvaluatePredictTest.run("data", "windows", "--input", series.toString(), "--entity", "turbine", "--time",
                "timestamp", "--length", "4", "--events", events.toString(), "--event-time", "fault_time", "--event-label",
                "fault_type", "--horizon", "1d", "--default-label", "none", "--out", visits.toString());
        assertThat(only.code()).as(only.err()).isZero();
        assertThat(only.out()).contains("windows per label: gearbox 9")
                .contains("51 window(s) with no event within 1d after their last row (--default-label none)");
    }

    @Test
    void aPortalExportInWindows1252SeparatedBySemicolonsWithATrailingDelimiterIsReadWithEncodingAndDelimiter()
            throws IOException {
        StringBuilder s = new StringBuilder("Station;Zeit;Temperatur [\u00b0C];\r\n");
        for (int h = 0; h < 8; h++) {
            s.append("G\u00e4nserndorf;").append(String.format("2024-05-01T%02d:00:00Z", h)).append(';').append(10 + h)
                    .append(",5;\r\n"); // a decimal comma: a number, written with a point
        }
        Path series = Files.write(tmp.resolve("export.csv"), s.toString().getBytes(java.nio.charset.Charset.forName("windows-1252")));
        Path events = Files.write(tmp.resolve("visits.csv"), "Station;Datum;Befund;\r\nG\u00e4nserndorf;2024-05-01T05:00:00Z;Mehltau;\r\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        Path out = tmp.resolve("w.csv");
        String[] common = {"data", "windows", "--input", series.toString(), "--entity", "Station", "--time", "Zeit",
            "--length", "4", "--events", events.toString(), "--event-time", "Datum", "--event-label", "Befund", "--horizon", "2h",
            "--out", out.toString()};
        var utf8 = TrainEvaluatePredictTest.run(common);
        assertThat(utf8.code()).isEqualTo(1);
        assertThat(utf8.err()).contains("data windows: --encoding windows-1252");
        var commas = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(common, "--encoding", "windows-1252"));
        assertThat(commas.code()).isEqualTo(1);
        assertThat(commas.err()).contains("export.csv:1: the header reads as one column but holds ';': is the file "
                + ";-separated? Read it with --delimiter ';'");
        var run = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(common, "--encoding", "windows-1252",
                "--delimiter", ";"));
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("sequence_id,Station,time,Temperatur [\u00b0C],label");
        assertThat(lines.get(1)).isEqualTo("G\u00e4nserndorf_2024-05-01T00:00:00Z,G\u00e4nserndorf,2024-05-01T00:00:00Z,10.5,Mehltau");
        assertThat(run.err()).contains("8 feature cell(s) written with a decimal comma in the ';'-separated input");
        assertThat(run.out()).contains("windows per label: Mehltau 1, normal 1");
        assertThat(run.err()).contains("warning: " + series + ": the last column of the header has no name and no value on "
                + "any line (a delimiter at the end of every line, as some exporters write): skipped")
                .contains("warning: " + events + ": the last column");
        Files.write(series, (s + "G\u00e4nserndorf;2024-05-01T08:00:00Z;18,5;x\r\n").getBytes(
                java.nio.charset.Charset.forName("windows-1252")));
        var held = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(common, "--encoding", "windows-1252",
                "--delimiter", ";", "--overwrite"));
        assertThat(held.code()).isEqualTo(1);
        assertThat(held.err()).contains("export.csv:10: column 4 has no name in the header (Station,Zeit,Temperatur [\u00b0C]) "
                + "but holds 'x' here");
    }

    @Test
    void aSpringDaylightSavingJumpInLocalTimesIsSaidInTheGapLineAndIsNoGapWithATimeZone() throws IOException {
        Path series = Files.writeString(tmp.resolve("local.csv"), "station,zeit,temp\n"
                + "S1,31.03.2024 00:00,1\nS1,31.03.2024 01:00,2\nS1,31.03.2024 03:00,3\n"
                + "S1,31.03.2024 04:00,4\nS1,31.03.2024 05:00,5\nS1,31.03.2024 06:00,6\n");
        Path out = tmp.resolve("w.csv");
        String[] common = {"data", "windows", "--input", series.toString(), "--entity", "station", "--time", "zeit",
            "--length", "3", "--max-gap", "90m", "--time-format", "dd.MM.yyyy HH:mm", "--out", out.toString(), "--overwrite"};
        var local = TrainEvaluatePredictTest.run(common);
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(local.out()).contains("1 window(s) spanning a gap longer than 1h30m: S1 from 2024-03-31T00:00:00")
                .contains("1 of them across a step of one hour more than the median to a Sunday night in March: daylight "
                        + "saving time starting? give --time-zone");
        var zoned = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(common, "--time-zone", "Europe/Vienna"));
        assertThat(zoned.code()).as(zoned.err()).isZero();
        assertThat(zoned.out()).contains("wrote " + out + ": 2 windows").doesNotContain("spanning a gap");
        assertThat(Files.readAllLines(out)).contains("S1_2024-03-31T00:00:00+01:00,S1,2024-03-31T03:00:00+02:00,3");
    }

    /**
     * Collars at 10 Hz (times as written by the collar, with milliseconds): cow01 20 rows from 08:40:00.000, its clock
     * then goes back 0.9 s (a restart) for 20 more rows from 08:40:01.000; cow02 20 rows to 08:40:02.000, one dropped at
     * 08:40:00.500. Video annotations, written without milliseconds: cow01 grazing over its first 2 s, "Grazing" over its
     * third (written with a space after it); cow02 lying for the first second, walking from 08:40:01 and, overlapping it, drinking from 08:40:02.
     */
    private Path[] collars() throws IOException {
        StringBuilder s = new StringBuilder("cow,timestamp,acc_x,collar\n");
        for (int k = 0; k < 20; k++) {
            s.append(String.format("cow01,2025-03-14T08:40:%02d.%d00,%d,A7\n", k / 10, k % 10, k));
        }
        for (int k = 10; k < 30; k++) {
            s.append(String.format("cow01,2025-03-14T08:40:%02d.%d00,%d,A7\n", k / 10, k % 10, 100 + k));
        }
        for (int k = 0; k < 21; k++) {
            if (k != 5) {
                s.append(String.format("cow02,2025-03-14T08:40:%02d.%d00,%d,B2\n", k / 10, k % 10, k));
            }
        }
        Path series = Files.writeString(tmp.resolve("collars.csv"), s);
        Path intervals = Files.writeString(tmp.resolve("annotations.csv"), "cow,start,end,behaviour\n"
                + "cow01,2025-03-14 08:40:00,2025-03-14 08:40:02,grazing\n"
                + "cow01,2025-03-14 08:40:02,2025-03-14 08:40:03,Grazing \n"
                + "cow02,2025-03-14 08:40:00,2025-03-14 08:40:01,lying\n"
                + "cow02,2025-03-14 08:40:01,2025-03-14 08:40:03,walking\n"
                + "cow02,2025-03-14 08:40:02,2025-03-14 08:40:03,drinking\n");
        return new Path[] {series, intervals};
    }

    @Test
    void intervalsLabelTheWindowsOfClockSegmentsWithWarningsOfTheRestartOverlapsAndSpellings() throws IOException {
        Path[] f = collars();
        Path out = tmp.resolve("windows.csv");
        var run = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "cow", "--time",
                "timestamp", "--length", "10", "--intervals", f[1].toString(), "--interval-label", "behaviour", "--keep",
                "collar", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("sequence_id,cow,collar,time,acc_x,label");
        // cow01: [0.0-0.9] and [1.0-1.9] grazing; after the restart [1.0-1.9] grazing and [2.0-2.9] Grazing (the second
        // run's rows, never mixed with the first's). cow02: [0.0-1.0] straddles lying and walking; [1.1-2.0] ends in a
        // row of walking and drinking
        assertThat(lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(',')) + " " + l.substring(l.lastIndexOf(',') + 1))
                .distinct()).containsExactly("cow01_2025-03-14T08:40:00.000 grazing", "cow01_2025-03-14T08:40:01.000 grazing",
                "cow01_2025-03-14T08:40:01.000_seg2 grazing", "cow01_2025-03-14T08:40:02.000_seg2 \"Grazing \"");
        assertThat(lines).contains("cow01_2025-03-14T08:40:01.000_seg2,cow01,A7,2025-03-14T08:40:01.900,119,grazing");
        assertThat(run.out()).contains("kept: collar").contains("windows per label: grazing 3, 'Grazing ' 1")
                .contains("1 window(s) that straddle rows of different labels (--label-rule all)")
                .contains("1 window(s) that hold rows in overlapping intervals of different labels (--label-rule all)")
                .contains("labels: the intervals covering a window's rows (--label-rule all; 5 intervals read)")
                .contains("gaps: a window with a step longer than 250ms is skipped (--max-gap auto: 2.5 times the median "
                        + "step, 100ms");
        assertThat(run.err()).contains("warning: the clock of cow 'cow01' went back by 900ms at line 22 of " + f[0]
                        + " (2025-03-14T08:40:01.000 after 2025-03-14T08:40:01.900): a device restart?")
                .contains("warning: 1 pair(s) of overlapping intervals of one cow have different labels (first at line 6 of "
                        + f[1] + ")")
                .containsPattern("warning: labels 'grazing' and 'Grazing ' differ only in [^:]*case[^:]*: fix the annotation file if "
                        + "they are one behaviour, or read them as one with --label-map FILE");
    }

    @Test
    void intervalsWithAnotherLabelSourceABadRuleAndAFolderInputAreUsageErrors() throws IOException {
        Path[] f = collars();
        Path out = tmp.resolve("w.csv");
        var both = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "cow", "--time",
                "timestamp", "--length", "10", "--intervals", f[1].toString(), "--label", "acc_x", "--out", out.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--intervals and --label each label the windows: give one");
        var rule = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "cow", "--time",
                "timestamp", "--length", "10", "--intervals", f[1].toString(), "--label-rule", "any", "--out", out.toString());
        assertThat(rule.code()).isEqualTo(2);
        assertThat(rule.err()).contains("--label-rule 'any' must be all, majority or last");
        // a folder whose files have other headers (the series and the annotations): refused naming the file
        var folder = TrainEvaluatePredictTest.run("data", "windows", "--input", tmp.toString(), "--entity", "cow", "--time",
                "timestamp", "--length", "10", "--intervals", f[1].toString(), "--out", out.toString());
        assertThat(folder.code()).isEqualTo(1);
        assertThat(folder.err()).contains(tmp.resolve("collars.csv") + ":1: header cow,timestamp,acc_x,collar differs from the "
                + "first file's, annotations.csv (cow,start,end,behaviour)");
        var level = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "folder:1",
                "--time", "timestamp", "--length", "10", "--out", out.toString());
        assertThat(level.code()).isEqualTo(2);
        assertThat(level.err()).contains("--entity folder:1 takes each file's entity from its folders: give a folder as --input");
        var text = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "cow", "--time",
                "timestamp", "--length", "10", "--intervals", f[1].toString(), "--interval-label", "behaviour", "--out",
                out.toString());
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.err()).contains("collars.csv:2: column 'collar' holds text ('A7') and no number")
                .contains("--keep collar");
        assertThat(out).doesNotExist();
    }

    @Test
    void intervalsLabelTheWindowsOfAFolderTreeOneFilePerCowAndDay() throws IOException {
        // collars/cowN/2025-03-1D.csv, 10 Hz, no cow column: day 14 08:40:00.0-08:40:01.9, day 15 the same hour
        Path dir = tmp.resolve("collars");
        for (String cow : List.of("cow01", "cow02")) {
            Files.createDirectories(dir.resolve(cow));
            for (int day : new int[] {14, 15}) {
                StringBuilder b = new StringBuilder("timestamp,acc_x,acc_y,acc_z\n");
                for (int k = 0; k < 20; k++) {
                    b.append(String.format("2025-03-%d 08:40:%02d.%d00,%d,0,1\n", day, k / 10, k % 10, k));
                }
                Files.writeString(dir.resolve(cow + "/2025-03-" + day + ".csv"), b);
            }
        }
        Path intervals = Files.writeString(tmp.resolve("annotations.csv"), "cow,start,end,behaviour\n"
                + "cow01,2025-03-14 08:40:00,2025-03-14 08:40:02,grazing\n"
                + "cow01,2025-03-15 08:40:00,2025-03-15 08:40:01,lying\n"
                + "cow01,2025-03-15 08:40:01,2025-03-15 08:40:02,walking\n");
        Path out = tmp.resolve("w.csv");
        var run = TrainEvaluatePredictTest.run("data", "windows", "--input", dir.toString(), "--entity", "folder", "--time",
                "timestamp", "--length", "10", "--intervals", intervals.toString(), "--interval-entity", "cow",
                "--interval-label", "behaviour", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("sequence_id,entity,source,time,acc_x,acc_y,acc_z,label");
        assertThat(lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(',')) + " " + l.substring(l.lastIndexOf(',') + 1))
                .distinct()).containsExactly("cow01/2025-03-14_2025-03-14 08:40:00.000 grazing",
                "cow01/2025-03-14_2025-03-14 08:40:01.000 grazing", "cow01/2025-03-15_2025-03-15 08:40:00.000 lying",
                "cow01/2025-03-15_2025-03-15 08:40:01.000 walking");
        assertThat(lines).contains("cow01/2025-03-15_2025-03-15 08:40:01.000,cow01,cow01/2025-03-15.csv,"
                + "2025-03-15 08:40:01.900,19,0,1,walking");
        assertThat(run.out()).contains("read 80 rows from 4 .csv file(s) under " + dir)
                .contains("entity from the folder holding each file (column 'entity')")
                .contains("windows per label: grazing 2, lying 1, walking 1")
                .contains("--set group=entity --set features=acc_x,acc_y,acc_z");
        assertThat(run.err()).contains("1 entity(s) of " + dir + " have no interval, so no labelled window: cow02");
    }

    @Test
    void everyOptionsHelpSaysItsDefaultOrThatItIsRequired() {
        CommandLine cl = Main.commandLine().getSubcommands().get("data").getSubcommands().get("windows");
        String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp() || o.longestName().equals("--overwrite")) {
                continue;
            }
            String text = String.join(" ", o.description());
            assertThat(text).as(o.longestName()).containsAnyOf("(default:", "required");
        }
        assertThat(help).contains("(default: normal)").contains("(default: auto)").contains("(default: label)")
                .contains("earliest event after the").contains("--intervals")
                .contains("--label-rule").contains("--keep").contains("FILE|DIR").contains("folder:N");
        assertThat(help.replaceAll("\\s+", " ")).contains("auto (2.5 times the median step between an entity's rows: one "
                + "missing row passes, two in a row do not)");
    }

    /**
     * A folder of one file per station and hour (epoch seconds, 1 row a second), picks written ISO-8601 with Z: one window
     * per pick from 2 s before it, id and label from the pick; --stride and --horizon do not apply.
     */
    @Test
    void anchoredAtEventsFromAFolderOfEpochSecondsWithIsoZPicks() throws IOException {
        for (String sta : List.of("BRK1", "HOLZ")) {
            StringBuilder b = new StringBuilder("time,HHZ\n");
            for (int k = 0; k < 30; k++) {
                b.append(1700000000 + k).append(".00,").append(sta.equals("BRK1") ? k : -k).append('\n');
            }
            Files.createDirectories(tmp.resolve("wave/" + sta));
            Files.writeString(tmp.resolve("wave/" + sta + "/h22.csv"), b.toString());
        }
        Path picks = Files.writeString(tmp.resolve("picks.csv"), "station,pick_time,phase,event_type\n"
                + "BRK1,2023-11-14T22:13:25.000Z,P,earthquake\nHOLZ,2023-11-14T22:13:30.250Z,P,quarry_blast\n"
                + "HOLZ,2023-11-14T22:13:48.000Z,P,earthquake\n");
        Path out = tmp.resolve("anchored.csv");
        List<String> args = List.of("data", "windows", "--input", tmp.resolve("wave").toString(), "--entity", "folder",
                "--time", "time", "--length", "5", "--events", picks.toString(), "--event-entity", "station", "--event-time",
                "pick_time", "--event-label", "event_type", "--anchor", "events", "--offset", "-2s", "--out", out.toString());
        var run = TrainEvaluatePredictTest.run(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).containsExactly("sequence_id,entity,source,time,HHZ,label",
                "BRK1_2023-11-14T22:13:25.000Z,BRK1,BRK1/h22.csv,1700000003.00,3,earthquake",
                "BRK1_2023-11-14T22:13:25.000Z,BRK1,BRK1/h22.csv,1700000004.00,4,earthquake",
                "BRK1_2023-11-14T22:13:25.000Z,BRK1,BRK1/h22.csv,1700000005.00,5,earthquake",
                "BRK1_2023-11-14T22:13:25.000Z,BRK1,BRK1/h22.csv,1700000006.00,6,earthquake",
                "BRK1_2023-11-14T22:13:25.000Z,BRK1,BRK1/h22.csv,1700000007.00,7,earthquake",
                "HOLZ_2023-11-14T22:13:30.250Z,HOLZ,HOLZ/h22.csv,1700000009.00,-9,quarry_blast",
                "HOLZ_2023-11-14T22:13:30.250Z,HOLZ,HOLZ/h22.csv,1700000010.00,-10,quarry_blast",
                "HOLZ_2023-11-14T22:13:30.250Z,HOLZ,HOLZ/h22.csv,1700000011.00,-11,quarry_blast",
                "HOLZ_2023-11-14T22:13:30.250Z,HOLZ,HOLZ/h22.csv,1700000012.00,-12,quarry_blast",
                "HOLZ_2023-11-14T22:13:30.250Z,HOLZ,HOLZ/h22.csv,1700000013.00,-13,quarry_blast");
        assertThat(run.out()).contains("wrote " + out + ": 2 windows of 5 rows, one per event (--anchor events), each from "
                + "the first row at or after its event's time - 2s (--offset); 1 of the 3 events read made no window")
                .contains("1 event(s) whose window would run past the end of their file: HOLZ at 2023-11-14T22:13:48.000Z "
                        + "(line 4)")
                .contains("ids: entity_<the event's time as written>");
        assertThat(run.err()).contains("3 time(s) of " + picks + " (column 'pick_time', first at line 2) with an offset were "
                + "read as epoch seconds");
        // --stride and --horizon do not apply to one window per event
        List<String> strided = new java.util.ArrayList<>(args);
        strided.addAll(List.of("--stride", "2", "--overwrite"));
        var refused = TrainEvaluatePredictTest.run(strided.toArray(String[]::new));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--stride does not apply under --anchor events");
        List<String> horizon = new java.util.ArrayList<>(args);
        horizon.addAll(List.of("--horizon", "30s", "--overwrite"));
        assertThat(TrainEvaluatePredictTest.run(horizon.toArray(String[]::new)).err())
                .contains("--horizon does not apply under --anchor events");
    }

    /**
     * A vibration log at 50 Hz in epoch milliseconds (machine M, 500 rows from 2026-03-02T08:00:00Z), its clock set back
     * 5 s after 400 rows; faults: M at 08:00:04 (ISO), the same time listed again as 'imbalance', and machine Q (not in
     * the series) with a label of the map.
     */
    private Path[] millis() throws IOException {
        long t0 = 1772438400000L;
        StringBuilder s = new StringBuilder("machine,ts_ms,acc\n");
        for (int k = 0; k < 400; k++) {
            s.append("M,").append(t0 + 20L * k).append(',').append(k).append('\n');
        }
        for (int k = 0; k < 100; k++) {
            s.append("M,").append(t0 + 7980 - 5000 + 20L * k).append(',').append(1000 + k).append('\n');
        }
        Path series = Files.writeString(tmp.resolve("vib.csv"), s);
        Path events = Files.writeString(tmp.resolve("ev.csv"), "machine,event_time,fault\n"
                + "M,2026-03-02T08:00:04.000Z,bearing\nM,2026-03-02T08:00:04.000Z,imbalance\nQ,2026-03-02T08:00:01.000Z,Lager\n");
        return new Path[] {series, events};
    }

    @Test
    void durationsWithAUnitAreRealTimeOnAnEpochMillisecondSeriesAndSaidInRealUnits() throws IOException {
        Path[] f = millis();
        Path out = tmp.resolve("w.csv");
        var run = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "machine", "--time",
                "ts_ms", "--length", "3", "--anchor", "events", "--offset", "-2s", "--events", f[1].toString(), "--event-time",
                "event_time", "--event-label", "fault", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        // 2 s before 08:00:04 is row 100 (2 ms before would be row 200)
        assertThat(Files.readAllLines(out).get(1)).isEqualTo("M_2026-03-02T08:00:04.000Z,M,1772438402000,100,bearing");
        assertThat(run.out()).contains("its event's time - 2s (--offset)")
                .contains("gaps: a window with a step longer than 50ms is skipped (--max-gap auto: 2.5 times the median step, "
                        + "20ms");
        assertThat(run.err()).contains("went back by 5s at line 402").doesNotContain("1h23m")
                .contains("1 event(s) of " + f[1] + " repeat the machine and time of an earlier one with another label: line 2 "
                        + "'bearing' and line 3 'imbalance'");
        // a bare number stays in the column's units, and is said in real time
        var bare = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "machine", "--time",
                "ts_ms", "--length", "3", "--anchor", "events", "--offset", "-2000", "--max-gap", "1s", "--events",
                f[1].toString(), "--event-time", "event_time", "--event-label", "fault", "--out", out.toString(), "--overwrite");
        assertThat(bare.code()).as(bare.err()).isZero();
        assertThat(bare.out()).contains("its event's time - 2s (--offset)").contains("--max-gap 1s)")
                .contains("wrote " + out + ": 1 windows");
        assertThat(Files.readAllLines(out).get(1)).isEqualTo("M_2026-03-02T08:00:04.000Z,M,1772438402000,100,bearing");
        // grid windows: --horizon 5s labels the windows ending within 5 s before the fault; a bare 5 (5 ms) labels none,
        // which is said
        String[] grid = {"data", "windows", "--input", f[0].toString(), "--entity", "machine", "--time", "ts_ms", "--length",
            "50", "--events", f[1].toString(), "--event-time", "event_time", "--event-label", "fault", "--out", out.toString(),
            "--overwrite", "--horizon"};
        var fiveSeconds = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(grid, "5s"));
        assertThat(fiveSeconds.code()).as(fiveSeconds.err()).isZero();
        assertThat(fiveSeconds.out()).contains("windows per label: bearing 5, normal 5")
                .contains("within 5s after a window's last row");
        assertThat(fiveSeconds.err()).doesNotContain("no window was labelled");
        var fiveMillis = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(grid, "5"));
        assertThat(fiveMillis.out()).contains("windows per label: normal 10");
        assertThat(fiveMillis.err()).contains("warning: no window was labelled by an event: all 10 are 'normal' (2 events of "
                + "machine(s) in the series read; --horizon 5ms, the median step 20ms)");
    }

    @Test
    void withEventLabelNoneNeitherTheNoLabelsLineNorTheLabelMapCheckAndAMapLabelOfAnotherEntityIsNoMisspelling()
            throws IOException {
        Path[] f = millis();
        Path map = Files.writeString(tmp.resolve("map.csv"), "from,to\nLager,bearing\nLagr,bearing\n");
        List<String> args = List.of("data", "windows", "--input", f[0].toString(), "--entity", "machine", "--time", "ts_ms",
                "--length", "3", "--anchor", "events", "--events", f[1].toString(), "--event-time", "event_time",
                "--label-map", map.toString(), "--out", tmp.resolve("w.csv").toString(), "--overwrite");
        var labelled = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(args.toArray(String[]::new),
                "--event-label", "fault"));
        assertThat(labelled.code()).as(labelled.err()).isZero();
        assertThat(labelled.err()).contains("label map " + map + ": 'Lager' occur(s) only in event(s) of machine(s) not in "
                + f[0]).contains("warning: label map " + map + ": 'Lagr' occur(s) in none of the event(s) read")
                .doesNotContain("'Lager', 'Lagr'");
        var none = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(args.toArray(String[]::new),
                "--event-label", "none"));
        assertThat(none.code()).as(none.err()).isZero();
        assertThat(none.out()).contains("labels: none (--event-label none: for predict)").doesNotContain("no labels:");
        assertThat(none.err()).doesNotContain("occur(s) in none").contains("not applied (--event-label none");
    }

    @Test
    void aLocalClockGoingBackAnHourInTheAutumnNightIsSaidOnceAsDaylightSavingTimeWithTheZoneToGive() throws IOException {
        // two stations, 15-minute local rows through the nights of 2023-10-29 and 2024-10-27 (hour 02:00-02:45 twice)
        StringBuilder s = new StringBuilder("station,zeit,q\n");
        for (String st : List.of("S1", "S2")) {
            for (String day : List.of("2023-10-29", "2024-10-27")) {
                for (int m = 0; m < 180; m += 15) {
                    s.append(st).append(',').append(String.format("%s %02d:%02d", day, m / 60, m % 60)).append(",1\n");
                }
                for (int m = 120; m <= 300; m += 15) {
                    s.append(st).append(',').append(String.format("%s %02d:%02d", day, m / 60, m % 60)).append(",2\n");
                }
            }
        }
        Path series = Files.writeString(tmp.resolve("local.csv"), s);
        var run = TrainEvaluatePredictTest.run("data", "windows", "--input", series.toString(), "--entity", "station",
                "--time", "zeit", "--length", "4", "--max-gap", "none", "--out", tmp.resolve("w.csv").toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("a device restart?")
                .contains("warning: the local times of 2 station(s) go back by about an hour (4 place(s), first station 'S1' "
                        + "at line 14 of " + series + ": 2023-10-29 02:00 after 2023-10-29 02:45)")
                .contains("looks like daylight saving time").contains("give --time-zone Europe/Berlin");
        assertThat(run.err().split("daylight saving time, not a device restart", -1)).hasSize(2);
    }

    /**
     * Trial 71b F8: a hand-kept shift book wrote 'Linie 3' for the series' 'Linie3': its events were ignored with a warning
     * that did not say which line was meant, and all of Linie3's windows got the default label.
     */
    @Test
    void anEventEntityDifferingOnlyBySpacesOrCaseGetsADidYouMean() throws IOException {
        StringBuilder s = new StringBuilder("Linie,t,x\n");
        for (String e : List.of("Linie1", "Linie3")) {
            for (int h = 0; h < 8; h++) {
                s.append(e).append(',').append(at(1, h)).append(',').append(h).append('\n');
            }
        }
        Path series = Files.writeString(tmp.resolve("s.csv"), s);
        Path events = Files.writeString(tmp.resolve("book.csv"), "Linie,Zeit,Grund\nLinie 3," + at(1, 3) + ",Stau\n"
                + "linie1," + at(1, 5) + ",Stau\nLinie9," + at(1, 5) + ",Stau\n");
        var run = TrainEvaluatePredictTest.run("data", "windows", "--input", series.toString(), "--entity", "Linie", "--time", "t",
                "--length", "2", "--events", events.toString(), "--event-time", "Zeit", "--event-label", "Grund", "--horizon", "2h",
                "--out", tmp.resolve("w.csv").toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: 3 event(s) of 3 Linie(s) not in " + series + " ignored: Linie 3 1, Linie9 1, "
                + "linie1 1; did you mean: 'Linie 3' is Linie 'Linie3'?, 'linie1' is Linie 'Linie1'? (names must match exactly");
    }
}
