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
        // [03-02 00:00, 03-02 18:00, 03-03 00:00, 03-03 06:00] has a step of 18 h > 1.5 x 6 h: skipped; 2 rows left.
        assertThat(lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(',')) + " " + l.substring(l.lastIndexOf(',') + 1))
                .distinct()).containsExactly("T01_" + at(1, 0) + " normal", "T01_" + at(2, 0) + " gearbox",
                "T01_" + at(3, 0) + " normal", "T02_" + at(1, 0) + " normal");
        assertThat(lines).contains("T01_" + at(2, 0) + ",T01," + at(2, 18) + ",218,-9999,gearbox");
        assertThat(run.out()).contains("windows per label: normal 3, gearbox 1")
                .contains("  T01: 3 (normal 2, gearbox 1)")
                .contains("gaps: a window with a step longer than 9h is skipped (--max-gap auto: 1.5 times the median step, 6h)")
                .contains("1 window(s) spanning a gap longer than 9h: T02 from " + at(2, 0))
                .contains("2 row(s) after the last full window of their turbine")
                .contains("labels: the earliest event of the turbine within 1d after a window's last row (3 events read)")
                .contains("1 window(s) hold an event of their turbine")
                .contains("--set splitBy=time").contains("leave out the windows that end within 1d before the boundary");
        assertThat(run.err()).contains("warning: 1 event(s) of 1 turbine(s) not in " + f[0] + " ignored: T99 1");
    }

    @Test
    void refusalsAreUsageErrorsOrNameTheFileLineAndColumn() throws IOException {
        Path[] f = files();
        Path out = tmp.resolve("w.csv");
        var neither = TrainEvaluatePredictTest.run("data", "windows", "--input", f[0].toString(), "--entity", "turbine",
                "--time", "timestamp", "--length", "4", "--out", out.toString());
        assertThat(neither.code()).isEqualTo(2);
        assertThat(neither.err()).contains("give --events FILE (with --horizon)");
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
                .contains("earliest event after the");
    }
}
