package org.rnnlab.datasets.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;

class SeriesWindowsTest {

    @TempDir
    Path tmp;

    /** Hour {@code h} of 2025-03-01 in UTC, ISO-8601. */
    private static String at(int h) {
        return String.format("2025-03-01T%02d:00:00Z", h);
    }

    /**
     * Three turbines, hourly rows: A 8 rows (h0-h7); B 6 rows (h0, h1, h2, then a gap to h5, h6, h7), written out of
     * order (h5 before h2); C a single row. Features: f1 = the hour, f2 = 10 * the turbine's number.
     */
    private Path series() throws IOException {
        StringBuilder b = new StringBuilder("turbine,timestamp,f1,f2\n");
        for (int h = 0; h < 8; h++) {
            b.append("A,").append(at(h)).append(',').append(h).append(",10\n");
        }
        for (int h : new int[] {0, 1, 5, 2, 6, 7}) {
            b.append("B,").append(at(h)).append(',').append(h).append(",20\n");
        }
        b.append("C,").append(at(0)).append(",0,30\n");
        return write("scada.csv", b.toString());
    }

    /** A: gearbox at h4, pitch at h5; B: generator at h8 (after its last row); X (not in the series): two events. */
    private Path events() throws IOException {
        return write("faults.csv", "turbine,fault_time,fault_type\n"
                + "A," + at(5) + ",pitch\n"
                + "A," + at(4) + ",gearbox\n"
                + "B," + at(8) + ",generator\n"
                + "X," + at(1) + ",gearbox\n"
                + "X," + at(2) + ",gearbox\n");
    }

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static SeriesWindows.Config events(Path series, Path events, int length, int stride, String horizon, Double maxGap) {
        return new SeriesWindows.Config(series, "turbine", "timestamp", length, stride, null, null, events, null, "fault_time",
                "fault_type", SeriesWindows.duration(horizon), "normal", maxGap, false);
    }

    /** BigQuery's CSV export of a TIMESTAMP ({@code 2025-03-01 05:00:00.000000 UTC}) is read as the ISO-8601 instant it is. */
    @Test
    void bigQueryTimestampsAreReadAsOffsetZero() throws IOException {
        StringWriter iso = new StringWriter();
        SeriesWindows.cut(events(series(), events(), 2, 2, "3h", null), iso);
        Path bq = write("scada-bq.csv", Files.readString(series()).replaceAll("2025-03-01T(\\d\\d):00:00Z", "2025-03-01 $1:00:00.000000 UTC"));
        StringWriter out = new StringWriter();
        SeriesWindows.cut(events(bq, events(), 2, 2, "3h", null), out);
        assertThat(out.toString().replaceAll("2025-03-01 (\\d\\d):00:00.000000 UTC", "2025-03-01T$1:00:00Z")).isEqualTo(iso.toString());
    }

    @Test
    void cutsWindowsPerEntityLabelsByTheEarliestEventWithinTheHorizonAndSkipsTheGap() throws IOException {
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(events(series(), events(), 2, 2, "3h", null), out);

        // A: ends h1 (gearbox at h4 is exactly 3h later: inside), h3 (gearbox h4 earlier than pitch h5), h5 and h7 (no later
        // event); B: [h0,h1] normal (h8 is 7h later), [h2,h5] spans a 3h gap (auto max gap: 2.5 x the 1h median) and is
        // skipped, [h6,h7] generator (h8, 1h later); C: one row, fewer than a window.
        assertThat(out.toString()).isEqualTo("sequence_id,turbine,time,f1,f2,label\n"
                + "A_" + at(0) + ",A," + at(0) + ",0,10,gearbox\n"
                + "A_" + at(0) + ",A," + at(1) + ",1,10,gearbox\n"
                + "A_" + at(2) + ",A," + at(2) + ",2,10,gearbox\n"
                + "A_" + at(2) + ",A," + at(3) + ",3,10,gearbox\n"
                + "A_" + at(4) + ",A," + at(4) + ",4,10,normal\n"
                + "A_" + at(4) + ",A," + at(5) + ",5,10,normal\n"
                + "A_" + at(6) + ",A," + at(6) + ",6,10,normal\n"
                + "A_" + at(6) + ",A," + at(7) + ",7,10,normal\n"
                + "B_" + at(0) + ",B," + at(0) + ",0,20,normal\n"
                + "B_" + at(0) + ",B," + at(1) + ",1,20,normal\n"
                + "B_" + at(6) + ",B," + at(6) + ",6,20,generator\n"
                + "B_" + at(6) + ",B," + at(7) + ",7,20,generator\n");
        assertThat(r.windowsPerLabel()).containsExactly(Map.entry("normal", 3), Map.entry("gearbox", 2),
                Map.entry("generator", 1));
        assertThat(r.windowsPerEntity()).containsOnlyKeys("A", "B");
        assertThat(r.windowsPerEntity().get("B")).containsExactlyInAnyOrderEntriesOf(Map.of("normal", 1, "generator", 1));
        assertThat(r.gapSkipped()).containsExactly(new SeriesWindows.Skipped("B", at(2), "gap"));
        assertThat(r.maxGap()).isEqualTo(9000.0);
        assertThat(r.medianStep()).isEqualTo(3600.0);
        assertThat(r.unsortedEntities()).containsExactly("B");
        assertThat(r.firstUnsortedLine()).isEqualTo(13); // B's h2, after h5
        assertThat(r.shortEntities()).containsExactly("C");
        assertThat(r.tailRows()).isZero();
        assertThat(r.unknownEventEntities()).containsExactly(Map.entry("X", 2));
        assertThat(r.eventsRead()).isEqualTo(5);
        assertThat(r.windowsHoldingEvent()).isEqualTo(1); // A's [h4,h5]
        assertThat(r.kind()).isEqualTo(SeriesWindows.Kind.OFFSET);
        assertThat(r.features()).containsExactly("f1", "f2");
    }

    @Test
    void aShorterHorizonLeavesTheEventOutAndNoGapCheckKeepsTheGapWindow() throws IOException {
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(events(series(), events(), 2, 2, "2h59m", Double.POSITIVE_INFINITY), out);
        // A's window ending h1: gearbox at h4 is 3h later, beyond 2h59m
        assertThat(out.toString()).contains("A_" + at(0) + ",A," + at(1) + ",1,10,normal\n")
                .contains("B_" + at(2) + ",B," + at(5) + ",5,20,normal\n");
        assertThat(r.gapSkipped()).isEmpty();
        assertThat(r.windowsPerLabel()).containsExactly(Map.entry("normal", 5), Map.entry("gearbox", 1),
                Map.entry("generator", 1));
    }

    @Test
    void windowsHoldingAnEventAreSkippedWhenAsked() throws IOException {
        SeriesWindows.Config keep = events(series(), events(), 2, 2, "3h", null);
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(keep.input(), keep.entity(), keep.time(), 2, 2, null,
                null, keep.events(), null, "fault_time", "fault_type", keep.horizon(), "normal", null, true), out);
        assertThat(out.toString()).doesNotContain("A_" + at(4)).contains("A_" + at(6));
        assertThat(r.windowsHoldingEvent()).isEqualTo(1);
        assertThat(r.windowsPerLabel()).containsExactly(Map.entry("gearbox", 2), Map.entry("normal", 2),
                Map.entry("generator", 1));
    }

    @Test
    void overlappingWindowsWithAStrideAndTheRowsLeftAtTheEnd() throws IOException {
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(events(series(), events(), 3, 2, "1h", Double.POSITIVE_INFINITY), out);
        // A (8 rows): starts 0, 2, 4 (6 + 3 > 8): h7 left; B (6 rows: h0 h1 h2 h5 h6 h7): starts 0, 2 (4 + 3 > 6): h7 left
        assertThat(out.toString().lines().filter(l -> !l.startsWith("sequence_id")).map(l -> l.split(",")[0]).distinct())
                .containsExactly("A_" + at(0), "A_" + at(2), "A_" + at(4), "B_" + at(0), "B_" + at(2));
        assertThat(r.tailRows()).isEqualTo(2);
        assertThat(out.toString().lines().filter(l -> l.startsWith("A_" + at(2)))).hasSize(3);
        // A [h2,h4] ends at h4: pitch at h5 is 1h later
        assertThat(out.toString()).contains("A_" + at(2) + ",A," + at(4) + ",4,10,pitch\n");
    }

    @Test
    void withoutEventsTheLabelColumnAtTheLastRowAndEmptyLabelsSkipped() throws IOException {
        Path s = write("icu.csv", "stay,t,hr,state\n"
                + "s1,0,80,ok\ns1,1,81,ok\ns1,2,90,ok\ns1,3,120,shock\n"
                + "s2,0,70,ok\ns2,1,71,\n");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(s, "stay", "t", 2, 2, null, "state", null, null,
                null, "label", 0, "normal", null, false), out);
        assertThat(out.toString()).isEqualTo("sequence_id,stay,time,hr,label\n"
                + "s1_0,s1,0,80,ok\ns1_0,s1,1,81,ok\n"
                + "s1_2,s1,2,90,shock\ns1_2,s1,3,120,shock\n");
        assertThat(r.unlabelledSkipped()).isEqualTo(1);
        assertThat(r.kind()).isEqualTo(SeriesWindows.Kind.NUMBER);
    }

    @Test
    void refusesDuplicateTimesNamingBothLinesAndWhetherTheRowsAreIdentical() throws IOException {
        Path dup = write("dup.csv", "turbine,timestamp,f1\nA," + at(0) + ",1\nA," + at(1) + ",2\nA," + at(1) + ",2\n");
        assertThatThrownBy(() -> SeriesWindows.cut(events(dup, events(), 2, 2, "1h", null), new StringWriter()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("dup.csv:4: time '" + at(1) + "' of turbine 'A' (column 'timestamp') repeats line 3")
                .hasMessageContaining("a duplicated row");
        Path two = write("two.csv", "turbine,timestamp,f1\nA," + at(0) + ",1\nA," + at(1) + ",2\nA," + at(1) + ",3\n");
        assertThatThrownBy(() -> SeriesWindows.cut(events(two, events(), 2, 2, "1h", null), new StringWriter()))
                .hasMessageContaining("two.csv:4:").hasMessageContaining("two readings at one time");
    }

    @Test
    void refusesUnknownColumnsUnparsableTimesAndMixedKindsNamingFileLineAndColumn() throws IOException {
        assertThatThrownBy(() -> SeriesWindows.cut(new SeriesWindows.Config(series(), "unit", "timestamp", 2, 2, null, null,
                events(), null, "fault_time", "fault_type", 3600, "normal", null, false), new StringWriter()))
                .hasMessageContaining("scada.csv:1: --entity 'unit' is not a column: the header has turbine, timestamp, f1, f2");
        assertThatThrownBy(() -> SeriesWindows.cut(new SeriesWindows.Config(series(), "turbine", "timestamp", 2, 2, null, null,
                events(), null, "fault_time", "type", 3600, "normal", null, false),
                new StringWriter()))
                .hasMessageContaining("faults.csv:1: --event-label 'type' is not a column: the header has turbine, fault_time, "
                        + "fault_type");
        Path bad = write("bad.csv", "turbine,timestamp,f1\nA," + at(0) + ",1\nA,03.01.2025 01:00,2\n");
        assertThatThrownBy(() -> SeriesWindows.cut(events(bad, events(), 2, 2, "1h", null), new StringWriter()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("bad.csv:3: time '03.01.2025 01:00' in column 'timestamp' (--time) is not a number nor "
                        + "an ISO-8601 date");
        Path local = write("local.csv", "turbine,fault_time,fault_type\nA,2025-03-01 04:00:00,gearbox\n");
        assertThatThrownBy(() -> SeriesWindows.cut(events(series(), local, 2, 2, "1h", null), new StringWriter()))
                .hasMessageContaining("local.csv:2: time '2025-03-01 04:00:00' in column 'fault_time' is one of date-times "
                        + "without an offset where")
                .hasMessageContaining("scada.csv (column 'timestamp') holds date-times with an offset");
    }

    @Test
    void refusesAnOutputColumnNameTakenTwice() throws IOException {
        Path s = write("lab.csv", "turbine,timestamp,label\nA," + at(0) + ",1\n");
        assertThatThrownBy(() -> SeriesWindows.cut(events(s, events(), 1, 1, "1h", null), new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two columns named 'label'");
    }

    @Test
    void theOutputIsReadByTheCsvReaderAsOneSequencePerWindow() throws IOException {
        Path out = tmp.resolve("windows.csv");
        try (java.io.Writer w = Files.newBufferedWriter(out)) {
            SeriesWindows.cut(events(series(), events(), 2, 2, "3h", null), w);
        }
        org.rnnlab.datasets.csv.CsvSequenceDataset d = org.rnnlab.datasets.csv.CsvSequenceDataset.load(
                org.rnnlab.datasets.csv.CsvSources.longFile(out), org.rnnlab.datasets.csv.CsvOptions.defaults()
                        .withFractions(0, 0).withGroupColumn(org.rnnlab.datasets.csv.Column.named("turbine")));
        assertThat(d.labelNames()).containsExactly("gearbox", "generator", "normal");
        assertThat(d.input().featureNames()).containsExactly("f1", "f2");
        assertThat(d.sequenceIds().get(org.rnnlab.datasets.Split.TRAIN)).containsExactlyInAnyOrder("A_" + at(0), "A_" + at(2),
                "A_" + at(4), "A_" + at(6), "B_" + at(0), "B_" + at(6));
    }

    /** Rows "A,t,t" for the times given (a numeric time column, one unit per step). */
    private static String rows(String entity, int... times) {
        StringBuilder b = new StringBuilder();
        for (int x : times) {
            b.append(entity).append(',').append(x).append(',').append(x).append('\n');
        }
        return b.toString();
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    private static SeriesWindows.Config plain(Path series, int length, Double maxGap) {
        return new SeriesWindows.Config(series, "unit", "t", length, length, null, null, null, null, null, "label", 0, "normal",
                maxGap, false, null, null, null);
    }

    @Test
    void theDefaultMaxGapLetsOneMissingRowPassButNotTwoAndCountsTheWindowsHoldingOne() throws IOException {
        // times 0..32 without 5 (one dropped row) and 15, 16 (two in a row): windows of 10 rows [0-4, 6-10] (a step of 2),
        // [11-14, 17-22] (a step of 3) and [23-32]
        int[] times = java.util.stream.IntStream.range(0, 33).filter(x -> x != 5 && x != 15 && x != 16).toArray();
        Path s = write("acc.csv", "unit,t,x\n" + rows("A", times));
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(s, "unit", "t", 10, 10, null, null,
                write("ev.csv", "unit,t,label\n"), null, null, "label", 1, "normal", null, false), out);
        assertThat(r.maxGap()).isEqualTo(2.5);
        assertThat(r.windows()).isEqualTo(2);
        assertThat(r.gapSkipped()).containsExactly(new SeriesWindows.Skipped("A", "11", "gap"));
        assertThat(r.windowsWithDroppedRows()).isEqualTo(1);
        assertThat(out.toString()).contains("A_0,A,10,10,normal\n").contains("A_23,A,32,32,normal\n");
    }

    @Test
    void aClockGoingBackMidFileSplitsTheEntityIntoSegmentsThatNoWindowCrosses() throws IOException {
        // A: 0..19, then the clock goes back to 5 (a restart: 5..24 repeats times of the first run); C: a later chunk
        // written first (20..29, then 0..9: no overlap), sorted as before
        Path s = write("reboot.csv", "unit,t,x\n" + rows("A", range(0, 20)) + rows("A", range(5, 25))
                + rows("C", range(20, 30)) + rows("C", range(0, 10)));
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(s, "unit", "t", 10, 10, null, null,
                write("ev.csv", "unit,t,label\n"), null, null, "label", 1, "normal", null, false), out);
        assertThat(r.restarts()).containsExactly(new SeriesWindows.Restart("A", 22, 14, "19", "5", s));
        assertThat(r.unsortedEntities()).containsExactly("C");
        assertThat(r.gapSkipped()).isEmpty();
        assertThat(out.toString().lines().skip(1).map(l -> l.split(",")[0]).distinct()).containsExactly("A_0", "A_10",
                "A_5_seg2", "A_15_seg2", "C_0", "C_20");
        // every window's rows are 10 consecutive times: no row of the other segment in between
        assertThat(out.toString()).contains("A_10,A,19,19,normal\n").contains("A_5_seg2,A,14,14,normal\n")
                .doesNotContain("A_10,A,5,");
        assertThat(r.medianStep()).isEqualTo(1.0);
    }

    /**
     * Cow c1 at 2 Hz from 08:40:00.000 to 08:40:19.500 (rows 0-39, written with milliseconds); c2 four rows. Intervals,
     * written without them: grazing [0 s, 7 s) rows 0-13, "Ruminating " [7, 12) rows 14-23, lying [11, 15) rows 22-29
     * (rows 22, 23 in two labels), nothing over rows 30-33, "ruminating" [17, 20) rows 34-39; c9 is not in the series.
     */
    private SeriesWindows.Config annotated(int length, SeriesWindows.LabelRule rule) throws IOException {
        StringBuilder b = new StringBuilder("cow,timestamp,acc_x\n");
        for (int k = 0; k < 40; k++) {
            b.append(String.format("c1,2025-03-14T08:40:%02d.%03d,%d\n", k / 2, k % 2 * 500, k));
        }
        for (int k = 0; k < 4; k++) {
            b.append(String.format("c2,2025-03-14T08:40:%02d.000,%d\n", k, k));
        }
        Path iv = write("annotations.csv", "cow,start,end,behaviour\n"
                + "c1,2025-03-14 08:40:00,2025-03-14 08:40:07,grazing\n"
                + "c1,2025-03-14 08:40:07,2025-03-14 08:40:12,Ruminating \n"
                + "c1,2025-03-14 08:40:11,2025-03-14 08:40:15,lying\n"
                + "c1,2025-03-14 08:40:17,2025-03-14 08:40:20,ruminating\n"
                + "c9,2025-03-14 08:40:00,2025-03-14 08:40:20,lying\n");
        return new SeriesWindows.Config(write("collar.csv", b.toString()), "cow", "timestamp", length, length, null, null, null,
                null, null, "label", 0, "normal", null, false, null,
                new SeriesWindows.Intervals(iv, null, "start", "end", "behaviour"), rule);
    }

    @Test
    void intervalsLabelAWindowOnlyWhenOneLabelCoversAllItsRows() throws IOException {
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(annotated(4, null), out);
        // windows of rows 0-3, 4-7, 8-11 grazing; 12-15 straddles grazing and Ruminating; 16-19 "Ruminating "; 20-23 holds
        // rows in both Ruminating and lying; 24-27 lying; 28-31 and 32-35 hold unannotated rows; 36-39 ruminating; c2's
        // window: no interval
        assertThat(r.labelRule()).isEqualTo(SeriesWindows.LabelRule.ALL);
        assertThat(r.windowsPerLabel()).containsExactly(Map.entry("grazing", 3), Map.entry("Ruminating ", 1),
                Map.entry("lying", 1), Map.entry("ruminating", 1));
        assertThat(r.labelSkipped()).containsExactlyInAnyOrderEntriesOf(Map.of(SeriesWindows.MIXED, 1,
                SeriesWindows.CONFLICTING, 1, SeriesWindows.UNANNOTATED, 3));
        assertThat(r.intervalsRead()).isEqualTo(5);
        assertThat(r.conflictingOverlaps()).isEqualTo(1);
        assertThat(r.firstConflictLine()).isEqualTo(4);
        assertThat(r.labelSpellings()).containsExactly(List.of("Ruminating ", "ruminating"));
        assertThat(r.unannotatedEntities()).containsExactly("c2");
        assertThat(r.unknownEventEntities()).containsExactly(Map.entry("c9", 1));
        assertThat(out.toString()).contains("c1_2025-03-14T08:40:08.000,c1,2025-03-14T08:40:09.500,19,\"Ruminating \"\n");

        SeriesWindows.Result last = SeriesWindows.cut(annotated(4, SeriesWindows.LabelRule.LAST), new StringWriter());
        // 12-15 ends in Ruminating; 20-23 ends in a row of two labels; 28-31 and c2 end unannotated; 32-35 ends ruminating
        assertThat(last.windowsPerLabel()).containsExactly(Map.entry("grazing", 3), Map.entry("Ruminating ", 2),
                Map.entry("ruminating", 2), Map.entry("lying", 1));
        assertThat(last.labelSkipped()).containsExactlyInAnyOrderEntriesOf(Map.of(SeriesWindows.LAST_CONFLICTING, 1,
                SeriesWindows.LAST_UNANNOTATED, 2));
        SeriesWindows.Result majority = SeriesWindows.cut(annotated(5, SeriesWindows.LabelRule.MAJORITY), new StringWriter());
        // rows 0-4, 5-9 grazing; 10-14: 4 grazing; 15-19 Ruminating; 20-24: 2 Ruminating, 2 in both, 1 lying; 25-29 lying;
        // 30-34: 4 unannotated; 35-39 ruminating
        assertThat(majority.windowsPerLabel()).containsExactly(Map.entry("grazing", 3), Map.entry("Ruminating ", 1),
                Map.entry("lying", 1), Map.entry("ruminating", 1));
        assertThat(majority.labelSkipped()).containsExactly(Map.entry(SeriesWindows.NO_MAJORITY, 2));
    }

    @Test
    void intervalsRefuseAnotherTimeKindAnEndBeforeTheStartAndAnotherLabelSource() throws IOException {
        SeriesWindows.Config c = annotated(4, null);
        Path zoned = write("zoned.csv", "cow,start,end,behaviour\nc1,2025-03-14 08:40:00,2025-03-14 08:40:07,grazing\n"
                + "c1,2025-03-14T08:40:07Z,2025-03-14T08:40:09Z,lying\n");
        assertThatThrownBy(() -> SeriesWindows.cut(withIntervals(c, zoned), new StringWriter()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("zoned.csv:3: time '2025-03-14T08:40:07Z' in column 'start' is one of date-times with "
                        + "an offset where");
        Path backwards = write("back.csv", "cow,start,end,behaviour\nc1,2025-03-14 08:40:09,2025-03-14 08:40:07,grazing\n");
        assertThatThrownBy(() -> SeriesWindows.cut(withIntervals(c, backwards), new StringWriter()))
                .hasMessageContaining("back.csv:2: interval ends at '2025-03-14 08:40:07', not after its start");
        assertThatThrownBy(() -> SeriesWindows.cut(new SeriesWindows.Config(c.input(), "cow", "timestamp", 4, 4, null, "acc_x",
                null, null, null, "label", 0, "normal", null, false, null, c.intervals(), null), new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give one");
    }

    private static SeriesWindows.Config withIntervals(SeriesWindows.Config c, Path file) {
        return new SeriesWindows.Config(c.input(), c.entity(), c.time(), c.length(), c.stride(), null, null, null, null, null,
                "label", 0, "normal", null, false, null, new SeriesWindows.Intervals(file, null, "start", "end", "behaviour"),
                null);
    }

    @Test
    void aTextColumnIsKeptWithKeepRefusedAsADefaultFeatureAndWhenItVariesWithinAWindow() throws IOException {
        Path s = write("segments.csv", "segment,cow,t,x,label\n"
                + "s1,c1,0,1,a\ns1,c1,1,2,a\ns2,c1,0,3,b\ns2,c1,1,4,b\ns3,c2,0,5,a\ns3,c3,1,6,a\n");
        assertThatThrownBy(() -> SeriesWindows.cut(new SeriesWindows.Config(s, "segment", "t", 2, 2, null, "label", null, null,
                null, "label", 0, "normal", null, false), new StringWriter()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("segments.csv:2: column 'cow' holds text ('c1') and no number, and would be a feature")
                .hasMessageContaining("--keep cow").hasMessageContaining("--features");
        Path ok = write("ok.csv", "segment,cow,t,x,label\ns1,c1,0,1,a\ns1,c1,1,2,a\ns2,c2,0,3,b\ns2,c2,1,,b\n");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(ok, "segment", "t", 2, 2, null, "label", null, null,
                null, "label", 0, "normal", null, false, List.of("cow"), null, null), out);
        assertThat(out.toString()).isEqualTo("sequence_id,segment,cow,time,x,label\n"
                + "s1_0,s1,c1,0,1,a\ns1_0,s1,c1,1,2,a\ns2_0,s2,c2,0,3,b\ns2_0,s2,c2,1,,b\n");
        assertThat(r.features()).containsExactly("x");
        assertThat(r.keep()).containsExactly("cow");
        assertThatThrownBy(() -> SeriesWindows.cut(new SeriesWindows.Config(s, "segment", "t", 2, 2, null, "label", null, null,
                null, "label", 0, "normal", null, false, List.of("cow"), null, null), new StringWriter()))
                .hasMessageContaining("segments.csv:7: --keep column 'cow' is 'c3' here but 'c2' at line 6, in one window of "
                        + "segment 's3'");
    }

    @Test
    void labelsOfALabelColumnThatDifferOnlyByCaseAreReportedNotMerged() throws IOException {
        Path s = write("case.csv", "stay,t,hr,state\ns1,0,80,ok\ns1,1,81,OK\ns1,2,90,shock\n");
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(s, "stay", "t", 1, 1, null, "state", null, null,
                null, "label", 0, "normal", null, false), new StringWriter());
        assertThat(r.windowsPerLabel()).containsExactly(Map.entry("OK", 1), Map.entry("ok", 1), Map.entry("shock", 1));
        assertThat(r.labelSpellings()).containsExactly(List.of("ok", "OK"));
        // an umlaut written out, as train warns of it (a re-check trial's scouting log: Krautfaeule and Krautfäule)
        Path u = write("umlaut.csv", "stay,t,hr,state\ns1,0,80,Krautf\u00e4ule\ns1,1,81,Krautfaeule\ns1,2,90,gesund\n");
        SeriesWindows.Result ru = SeriesWindows.cut(new SeriesWindows.Config(u, "stay", "t", 1, 1, null, "state", null, null,
                null, "label", 0, "normal", null, false), new StringWriter());
        assertThat(ru.labelSpellings()).singleElement().asList().containsExactlyInAnyOrder("Krautf\u00e4ule", "Krautfaeule");
    }

    @Test
    void withoutALabelSourceTheWindowsHaveNoLabelColumnAndLastKeepsEachEntitysLastWindowsEndingAtItsLastRow()
            throws IOException {
        // A: h0-h7 (8 rows); B: h0, h1, h2, h5, h6, h7 (sorted), a 3h gap between h2 and h5; C: one row
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(series(), "turbine", "timestamp", 3, 1, null, null,
                null, null, null, "label", 0, "normal", null, false, null, null, null, 2), out);
        // A: the last 2 windows of 3 rows with stride 1 end at h6 and h7; B: [h5,h6,h7] and [h2,h5,h6] (a gap: skipped)
        assertThat(out.toString()).isEqualTo("sequence_id,turbine,time,f1,f2\n"
                + "A_" + at(4) + ",A," + at(4) + ",4,10\n"
                + "A_" + at(4) + ",A," + at(5) + ",5,10\n"
                + "A_" + at(4) + ",A," + at(6) + ",6,10\n"
                + "A_" + at(5) + ",A," + at(5) + ",5,10\n"
                + "A_" + at(5) + ",A," + at(6) + ",6,10\n"
                + "A_" + at(5) + ",A," + at(7) + ",7,10\n"
                + "B_" + at(5) + ",B," + at(5) + ",5,20\n"
                + "B_" + at(5) + ",B," + at(6) + ",6,20\n"
                + "B_" + at(5) + ",B," + at(7) + ",7,20\n");
        assertThat(r.labelled()).isFalse();
        assertThat(r.windows()).isEqualTo(3);
        assertThat(r.gapSkipped()).extracting(SeriesWindows.Skipped::start).containsExactly(at(2));
        assertThat(r.tailRows()).isEqualTo(4 + 2); // rows before each entity's first window written: A h0-h3, B h0-h1
        assertThat(r.shortEntities()).containsExactly("C");
        // without --last: every window from the first row, still unlabelled
        StringWriter all = new StringWriter();
        SeriesWindows.cut(new SeriesWindows.Config(series(), "turbine", "timestamp", 4, 4, null, null, null, null, null,
                "label", 0, "normal", null, false, null, null, null, 0), all);
        assertThat(all.toString()).startsWith("sequence_id,turbine,time,f1,f2\nA_" + at(0) + ",A," + at(0) + ",0,10\n");
    }

    /**
     * A date-only visit (read as its midnight) at a window's last row happened later that day: it labels that window, where
     * daily windows end at midnight (a re-check trial's windows after the switch to summer time were all labelled a day
     * early); a timed event at the last row stays inside the window ({@code windowsHoldingAnEventAreSkippedWhenAsked}).
     */
    @Test
    void aDateOnlyVisitAtAWindowsLastRowLabelsThatWindow() throws IOException {
        Path s = write("local.csv", "turbine,timestamp,f1\nA,2025-03-01 22:00:00,1\nA,2025-03-01 23:00:00,2\n"
                + "A,2025-03-02 00:00:00,3\nA,2025-03-02 01:00:00,4\n");
        Path e = write("visits.csv", "turbine,fault_time,fault_type\nA,2025-03-02,blight\n");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(s, "turbine", "timestamp", 2, 1, null, null, e, null,
                "fault_time", "fault_type", SeriesWindows.duration("1h"), "healthy", null, false), out);
        // windows ending 23:00 (the visit's midnight 1h later), 00:00 (the visit's own day: labelled), 01:00 (holds it)
        assertThat(out.toString()).contains("A_2025-03-01 22:00:00,A,2025-03-01 23:00:00,2,blight\n")
                .contains("A_2025-03-01 23:00:00,A,2025-03-02 00:00:00,3,blight\n")
                .contains("A_2025-03-02 00:00:00,A,2025-03-02 01:00:00,4,healthy\n");
        assertThat(r.windowsPerLabel()).containsExactly(Map.entry("blight", 2), Map.entry("healthy", 1));
        assertThat(r.windowsHoldingEvent()).isOne();
    }

    /**
     * Decimal commas of a ';' export are written with a point, since the output is comma-separated (a re-check trial's
     * windows held "3,8" in quotes, which train refuses either way); a visit at a window's last row is inside it.
     */
    @Test
    void decimalCommasOfASemicolonExportAreWrittenWithAPoint() throws IOException {
        Path s = write("semi.csv", "turbine;timestamp;f1\n"
                + "A;" + at(0) + ";0,5\nA;" + at(1) + ";-1,25\nA;" + at(2) + ";2\nA;" + at(3) + ";,75\n");
        Path e = write("visits.csv", "turbine;fault_time;fault_type\nA;" + at(1) + ";blight\n");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(s, "turbine", "timestamp", 2, 2, null, null, e, null,
                "fault_time", "fault_type", SeriesWindows.duration("1h"), "healthy", null, false, null, null, null, 0,
                new SeriesWindows.Reading(null, ';')), out);
        assertThat(out.toString()).isEqualTo("sequence_id,turbine,time,f1,label\n"
                + "A_" + at(0) + ",A," + at(0) + ",0.5,healthy\n"
                + "A_" + at(0) + ",A," + at(1) + ",-1.25,healthy\n"
                + "A_" + at(2) + ",A," + at(2) + ",2,healthy\n"
                + "A_" + at(2) + ",A," + at(3) + ",.75,healthy\n");
        assertThat(r.windowsHoldingEvent()).isOne();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("3 feature cell(s) written with a decimal comma in the "
                + "';'-separated input (e.g. 3,8) are written with a decimal point (3.8)"));
    }

    /** Windows of 2 rows of {@code file} (entity 'line', time 't', label column 'label'), ';'-separated, features as given. */
    private static SeriesWindows.Result semicolonWindows(Path file, List<String> features, StringWriter out) throws IOException {
        return SeriesWindows.cut(new SeriesWindows.Config(file, "line", "t", 2, 2, features, "label", null, null, null, "label",
                0, "normal", null, false, null, null, null, 0, new SeriesWindows.Reading(null, ';')), out);
    }

    /**
     * Trial 71b F1/F2: in a ';' export with decimal commas, '.' groups thousands (Excel's #.##0): a bottle counter's
     * '120.002' (120002) was copied as written and reached training as 120.002, and '1.200,5' was called text (or copied
     * quoted). Both are now written as train's decimal=comma reads them; a decimal point in such a file is refused.
     */
    @Test
    void thousandsGroupedByAPointInADecimalCommaFileAreWrittenAsTheirNumbers() throws IOException {
        Path f = write("plc.csv", "line;t;pressure;counter;flow;label\n"
                + "L1;0;3,95;120.002;1.200,5;ok\nL1;1;3,8;999;950,25;ok\nL1;2;4;1.000.001;-1.000,5;bad\nL1;3;4,1;1.234;12;bad\n");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = semicolonWindows(f, null, out);
        assertThat(out.toString()).isEqualTo("sequence_id,line,time,pressure,counter,flow,label\n"
                + "L1_0,L1,0,3.95,120002,1200.5,ok\n"
                + "L1_0,L1,1,3.8,999,950.25,ok\n"
                + "L1_2,L1,2,4,1000001,-1000.5,bad\n"
                + "L1_2,L1,3,4.1,1234,12,bad\n");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("5 feature cell(s) of the ';'-separated input "
                + "written with '.' grouping thousands (e.g. '120.002' in column 'counter') are written without it (120002)"));
        // named in --features, the same
        StringWriter named = new StringWriter();
        semicolonWindows(f, List.of("counter", "flow"), named);
        assertThat(named.toString()).contains("L1_0,L1,0,120002,1200.5,ok\n").doesNotContain("\"");
        // a decimal point in a file of decimal commas: another export's column, refused naming file, line and column
        Path mixed = write("mixed.csv", "line;t;pressure;volts;label\nL1;0;3,95;1.5;ok\nL1;1;3,8;1.25;ok\n");
        assertThatThrownBy(() -> semicolonWindows(mixed, null, new StringWriter())).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("mixed.csv:2: value '1.5' in column 'volts' is written with a decimal point, but the input "
                        + "writes its numbers with decimal commas (e.g. '3,95' in column 'pressure' at line 2 of");
        // a ';' file of decimal points (no decimal comma anywhere): '.' is the decimal point, as before
        Path points = write("points.csv", "line;t;volts;label\nL1;0;1.500;ok\nL1;1;1.25;ok\n");
        StringWriter pointOut = new StringWriter();
        semicolonWindows(points, null, pointOut);
        assertThat(pointOut.toString()).contains("L1_0,L1,0,1.500,ok\n").contains("L1_0,L1,1,1.25,ok\n");
        // a counter of '.'-grouped numbers only, with no decimal comma in the file: written as decimals, but warned of
        Path counter = write("counter.csv", "line;t;counter;label\nL1;0;120.002;ok\nL1;1;120.010;ok\n");
        SeriesWindows.Result warned = semicolonWindows(counter, null, new StringWriter());
        assertThat(warned.warnings()).anySatisfy(w -> assertThat(w).contains("column 'counter' of the ';'-separated input "
                + "writes every number with a '.' three digits from its end (e.g. '120.002'), and no cell of the input has a "
                + "decimal comma"));
    }

    /**
     * Trial 71b F3: a valve flag written WAHR/FALSCH (German Excel's TRUE/FALSE) in some files and 0/1 in others was passed
     * through as text and refused by train one command later; written as 1 and 0 now, with a warning, as are VRAI/FAUX and
     * True/False. A column of other text is still refused as before.
     */
    @Test
    void yesNoWordsOfSpreadsheetsAreWrittenAsOneAndZero() throws IOException {
        Path f = write("valve.csv", "line;t;valve;porte;x;label\n"
                + "L1;0;WAHR;VRAI;1;ok\nL1;1;FALSCH;faux;2;ok\nL2;0;1;True;3;bad\nL2;1;0;;4;bad\n");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = semicolonWindows(f, null, out);
        assertThat(out.toString()).isEqualTo("sequence_id,line,time,valve,porte,x,label\n"
                + "L1_0,L1,0,1,1,1,ok\nL1_0,L1,1,0,0,2,ok\nL2_0,L2,0,1,1,3,bad\nL2_0,L2,1,0,,4,bad\n");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("column 'valve': 2 feature cell(s) WAHR/FALSCH (a "
                + "spreadsheet's TRUE/FALSE) are written as 1 and 0"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("column 'porte': 3 feature cell(s) VRAI/FAUX"));
        Path text = write("text.csv", "line;t;valve;x;label\nL1;0;WAHR;1;ok\nL1;1;offen;2;ok\n");
        assertThatThrownBy(() -> semicolonWindows(text, null, new StringWriter())).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("column 'valve' holds text ('WAHR') and no number");
    }

    /** Trial 71b F6: Excel's first line "sep=;" is skipped as train skips it; naming another delimiter, refused saying so. */
    @Test
    void excelsSeparatorLineIsSkipped() throws IOException {
        Path f = write("sep.csv", "sep=;\nline;t;x;label\nL1;0;1,5;ok\nL1;1;2;ok\n");
        StringWriter out = new StringWriter();
        semicolonWindows(f, null, out);
        assertThat(out.toString()).isEqualTo("sequence_id,line,time,x,label\nL1_0,L1,0,1.5,ok\nL1_0,L1,1,2,ok\n");
        assertThatThrownBy(() -> SeriesWindows.cut(new SeriesWindows.Config(f, "line", "t", 2, 2, null, "label", null, null,
                null, "label", 0, "normal", null, false), new StringWriter())).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("sep.csv:1: 'sep=;' is Excel's line naming the file's delimiter, and the file is read with "
                        + "',': read it with --delimiter ';'");
    }

    @Test
    void withoutADefaultLabelTheWindowsNoEventLabelsAreSkippedAndCounted() throws IOException {
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(series(), "turbine", "timestamp", 2, 2, null, null,
                events(), null, "fault_time", "fault_type", SeriesWindows.duration("3h"), null, null, false), out);
        // as in the first test, but the normal windows (A from h4 and h6, B from h0) are left out
        assertThat(r.windowsPerLabel()).containsExactly(Map.entry("gearbox", 2), Map.entry("generator", 1));
        assertThat(r.noEventSkipped()).isEqualTo(3);
        assertThat(out.toString()).doesNotContain("normal").doesNotContain(",null");
    }

    /**
     * Stations in local time (Vienna), written dd.MM.yyyy HH:mm: S1 over the night daylight saving time starts (01:00 then
     * 03:00), S2 over the night it ends (02:00 twice); a visit on 28.10.2024 (a date alone) at S2.
     */
    private SeriesWindows.Config vienna(String timeFormat, java.time.ZoneId zone) throws IOException {
        Path s = write("local.csv", "station,zeit,temp\n"
                + "S1,31.03.2024 00:00,1\nS1,31.03.2024 01:00,2\nS1,31.03.2024 03:00,3\n"
                + "S1,31.03.2024 04:00,4\nS1,31.03.2024 05:00,5\nS1,31.03.2024 06:00,6\n"
                + "S2,27.10.2024 01:00,1\nS2,27.10.2024 02:00,2\nS2,27.10.2024 02:00,3\n"
                + "S2,27.10.2024 03:00,4\nS2,27.10.2024 04:00,5\nS2,27.10.2024 05:00,6\n");
        Path e = write("visits.csv", "station,datum,befund\nS2,28.10.2024,blight\n");
        return new SeriesWindows.Config(s, "station", "zeit", 3, 3, null, null, e, null, "datum", "befund",
                SeriesWindows.duration("20h"), "healthy", SeriesWindows.duration("90m"), false, null, null, null, 0,
                new SeriesWindows.Reading(null, ',', timeFormat, zone));
    }

    @Test
    void aTimeFormatAndZoneReadLocalTimesAcrossDaylightSavingTimeAsInstantsWrittenWithTheirOffset() throws IOException {
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(vienna("dd.MM.yyyy HH:mm", java.time.ZoneId.of("Europe/Vienna")), out);
        // the spring night's 01:00 -> 03:00 is one hour (no gap); the autumn's second 02:00 is an hour after the first
        assertThat(out.toString()).isEqualTo("sequence_id,station,time,temp,label\n"
                + "S1_2024-03-31T00:00:00+01:00,S1,2024-03-31T00:00:00+01:00,1,healthy\n"
                + "S1_2024-03-31T00:00:00+01:00,S1,2024-03-31T01:00:00+01:00,2,healthy\n"
                + "S1_2024-03-31T00:00:00+01:00,S1,2024-03-31T03:00:00+02:00,3,healthy\n"
                + "S1_2024-03-31T04:00:00+02:00,S1,2024-03-31T04:00:00+02:00,4,healthy\n"
                + "S1_2024-03-31T04:00:00+02:00,S1,2024-03-31T05:00:00+02:00,5,healthy\n"
                + "S1_2024-03-31T04:00:00+02:00,S1,2024-03-31T06:00:00+02:00,6,healthy\n"
                + "S2_2024-10-27T01:00:00+02:00,S2,2024-10-27T01:00:00+02:00,1,healthy\n"
                + "S2_2024-10-27T01:00:00+02:00,S2,2024-10-27T02:00:00+02:00,2,healthy\n"
                + "S2_2024-10-27T01:00:00+02:00,S2,2024-10-27T02:00:00+01:00,3,healthy\n"
                + "S2_2024-10-27T03:00:00+01:00,S2,2024-10-27T03:00:00+01:00,4,blight\n"
                + "S2_2024-10-27T03:00:00+01:00,S2,2024-10-27T04:00:00+01:00,5,blight\n"
                + "S2_2024-10-27T03:00:00+01:00,S2,2024-10-27T05:00:00+01:00,6,blight\n");
        assertThat(r.gapSkipped()).isEmpty();
        assertThat(r.kind()).isEqualTo(SeriesWindows.Kind.OFFSET);
        assertThat(r.warnings()).singleElement().asString().contains("2 time(s) of " + tmp.resolve("local.csv")
                + " (column 'zeit', first at line 9) fall in an hour repeated in Europe/Vienna");
        // without the zone: the spring hour is a gap and the autumn hour a duplicate
        assertThatThrownBy(() -> SeriesWindows.cut(vienna("dd.MM.yyyy HH:mm", null), new StringWriter()))
                .hasMessageContaining("local.csv:10: time '27.10.2024 02:00' of station 'S2' (column 'zeit') repeats line 9")
                .hasMessageContaining("or give --time-zone");
        // without the format: not a time
        assertThatThrownBy(() -> SeriesWindows.cut(vienna(null, null), new StringWriter()))
                .hasMessageContaining("local.csv:2: time '31.03.2024 00:00'").hasMessageContaining("--time-format");
        Path skipped = write("skipped.csv", "station,zeit,temp\nS1,31.03.2024 01:00,2\nS1,31.03.2024 02:30,3\n");
        SeriesWindows.Config c = vienna("dd.MM.yyyy HH:mm", java.time.ZoneId.of("Europe/Vienna"));
        assertThatThrownBy(() -> SeriesWindows.cut(new SeriesWindows.Config(skipped, c.entity(), c.time(), 1, 1, null, null,
                null, null, null, "label", 0, "normal", null, false, null, null, null, 0, c.reading()), new StringWriter()))
                .hasMessageContaining("skipped.csv:3: time '31.03.2024 02:30' in column 'zeit' does not exist in time zone "
                        + "Europe/Vienna");
    }

    @Test
    void durations() {
        assertThat(SeriesWindows.duration("7d")).isEqualTo(604800);
        assertThat(SeriesWindows.duration("1d12h")).isEqualTo(129600);
        assertThat(SeriesWindows.duration("90")).isEqualTo(90);
        assertThat(SeriesWindows.durationText(5400)).isEqualTo("1h30m");
        assertThat(SeriesWindows.durationText(1741941601.9 - 1741941601.8)).isEqualTo("100ms");
        assertThat(SeriesWindows.durationText(1.5)).isEqualTo("1.5s");
        assertThat(SeriesWindows.duration("500ms")).isEqualTo(0.5);
        assertThat(SeriesWindows.duration("1m30s")).isEqualTo(90);
        assertThatThrownBy(() -> SeriesWindows.duration("7 days")).hasMessageContaining("must look like 7d");
        // with the time column's units per second: epoch milliseconds said in real time; unknown units as the number
        assertThat(SeriesWindows.durationText(20, 1000)).isEqualTo("20ms");
        assertThat(SeriesWindows.durationText(19980, 1000)).isEqualTo("19.98s");
        assertThat(SeriesWindows.durationText(2.5, 0)).isEqualTo("2.5 (time column units)");
        assertThat(SeriesWindows.hasUnit("-2s")).isTrue();
        assertThat(SeriesWindows.hasUnit("-2000")).isFalse();
        assertThat(SeriesWindows.unitsOfName("ts_ms")).isEqualTo(1000);
        assertThat(SeriesWindows.unitsOfName("time_s")).isEqualTo(1);
        assertThat(SeriesWindows.unitsOfName("timestamps")).isZero();
        assertThat(List.of(SeriesWindows.durationText(Double.POSITIVE_INFINITY))).containsExactly("none");
    }

    /**
     * A folder tree {@code herd/cowN/dK.csv} of 2 cows x 2 days, columns {@code header} ({@code t,x}, or {@code cow,t,x}
     * with the cow's name in a column); day 1 times 0..11, day 2 times 12..23 (joined per cow, windows would cross the
     * files), x = 100 * cow + t.
     */
    private Path tree(String header) throws IOException {
        Path dir = tmp.resolve("collars");
        for (int cow = 1; cow <= 2; cow++) {
            for (int day = 1; day <= 2; day++) {
                StringBuilder b = new StringBuilder(header + "\n");
                for (int t = 12 * (day - 1); t < 12 * day; t++) {
                    b.append(header.startsWith("cow,") ? "cow" + cow + "," : "").append(t).append(',').append(100 * cow + t)
                            .append('\n');
                }
                Files.createDirectories(dir.resolve("herd/cow" + cow));
                Files.writeString(dir.resolve("herd/cow" + cow + "/d" + day + ".csv"), b.toString());
            }
        }
        return dir;
    }

    private static SeriesWindows.Config folder(Path dir, String entity, String entityFolder, int length) {
        return new SeriesWindows.Config(dir, entity, "t", length, length, null, null, null, null, null, "label", 0, "normal",
                null, false, null, null, null, 0, null, entityFolder);
    }

    @Test
    void aFolderIsReadFileByFileWithTheEntityFromAFolderLevelAndNoWindowJoinsTwoFiles() throws IOException {
        Path dir = tree("t,x");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(folder(dir, "entity", "folder", 5), out);
        assertThat(r.files()).isEqualTo(4);
        assertThat(r.rows()).isEqualTo(48);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("sequence_id,entity,source,time,x");
        // per file: rows 0-4 and 5-9 of its 12 (2 left over); day 2's windows start at 12 and 17, none at 10 (across files)
        assertThat(lines.stream().skip(1).map(l -> l.split(",")[0]).distinct()).containsExactly("herd/cow1/d1_0",
                "herd/cow1/d1_5", "herd/cow1/d2_12", "herd/cow1/d2_17", "herd/cow2/d1_0", "herd/cow2/d1_5", "herd/cow2/d2_12",
                "herd/cow2/d2_17");
        assertThat(lines).contains("herd/cow2/d2_17,cow2,herd/cow2/d2.csv,21,221");
        assertThat(r.windowsPerEntity()).containsOnlyKeys("cow1", "cow2");
        assertThat(r.tailRows()).isEqualTo(8);
        // folder:N counts below the input folder, as train's groupFrom: 1 = herd (one entity of 4 files), 2 = the cow
        assertThat(SeriesWindows.cut(folder(dir, "entity", "folder:1", 5), new StringWriter()).windowsPerEntity())
                .containsOnlyKeys("herd").containsEntry("herd", Map.of("", 8));
        assertThat(SeriesWindows.cut(folder(dir, "cow", "folder:2", 5), new StringWriter()).windowsPerEntity())
                .containsOnlyKeys("cow1", "cow2");
        assertThatThrownBy(() -> SeriesWindows.cut(folder(dir, "entity", "folder:3", 5), new StringWriter()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("--entity folder:3 names each file's entity by its folder, but 4 file(s) lie outside "
                        + "such a folder, e.g. herd/cow1/d1.csv, 2 folder levels below the input folder");
        // a single file with the entity from folders is refused
        assertThatThrownBy(() -> SeriesWindows.cut(folder(dir.resolve("herd/cow1/d1.csv"), "entity", "folder", 5),
                new StringWriter())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a folder");
    }

    @Test
    void aFileNamedAsItsEntityGivesTheEntityOnceInTheIds() throws IOException {
        // trial 73c F3: merged/p01.csv holding participant p01 gave ids p01_p01_<time>
        Path dir = tmp.resolve("merged");
        Files.createDirectories(dir);
        for (String p : List.of("p01", "p02")) {
            StringBuilder b = new StringBuilder("cow,t,x\n");
            for (int t = 0; t < 10; t++) {
                b.append(p).append(',').append(t).append(',').append(t).append('\n');
            }
            Files.writeString(dir.resolve(p + ".csv"), b.toString());
        }
        Files.writeString(dir.resolve("day3.csv"), "cow,t,x\np01,20,1\np01,21,2\np01,22,3\np01,23,4\np01,24,5\n");
        StringWriter out = new StringWriter();
        SeriesWindows.cut(folder(dir, "cow", null, 5), out);
        assertThat(out.toString().lines().skip(1).map(l -> l.split(",")[0]).distinct())
                .containsExactlyInAnyOrder("p01_0", "p01_5", "p02_0", "p02_5", "day3_p01_20");
    }

    @Test
    void aFolderWithTheEntityInAColumnNamesTheFileOfAnErrorAndRefusesAnotherHeader() throws IOException {
        Path dir = tree("cow,t,x");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(folder(dir, "cow", null, 5), out);
        assertThat(out.toString().lines().skip(1).map(l -> l.split(",")[0]).distinct().limit(3))
                .containsExactly("herd/cow1/d1_cow1_0", "herd/cow1/d1_cow1_5", "herd/cow1/d2_cow1_12");
        assertThat(r.windowsPerEntity()).containsOnlyKeys("cow1", "cow2");
        // the second file of cow1 repeats a time at its line 5 (times 12, 13, 14, 14): named with that file
        Path second = dir.resolve("herd/cow1/d2.csv");
        Files.writeString(second, Files.readString(second).replace("cow1,15,115", "cow1,14,115"));
        assertThatThrownBy(() -> SeriesWindows.cut(folder(dir, "cow", null, 5), new StringWriter()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(second + ":5: time '14' of cow 'cow1' (column 't') repeats line 4");
        // a time that is none, in the second file: its file and line
        Files.writeString(second, "cow,t,x\ncow1,12,1\ncow1,oops,2\n");
        assertThatThrownBy(() -> SeriesWindows.cut(folder(dir, "cow", null, 1), new StringWriter()))
                .isInstanceOf(DatasetFormatException.class).hasMessageStartingWith(second + ":3: time 'oops'");
        // another header: refused naming the first file that differs, and how many do
        Path other = dir.resolve("herd/cow2/d1.csv");
        Files.writeString(second, "cow,t,x\ncow1,12,1\n");
        Files.writeString(other, "cow,t,y\ncow2,0,1\n");
        assertThatThrownBy(() -> SeriesWindows.cut(folder(dir, "cow", null, 1), new StringWriter()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(other + ":1: header cow,t,y differs from the first file's, herd/cow1/d1.csv (cow,t,x)")
                .hasMessageContaining("1 of 4 file(s) differ: herd/cow2/d1.csv (cow,t,y)")
                .hasMessageNotContaining("several devices");
    }

    /**
     * Two devices per participant, one file of each in every participant's folder (trial 73c F1: dev/pNN/watch.csv and
     * strap.csv were refused with "must have the same columns" and nothing on joining them): the refusal says how to join them.
     */
    @Test
    void filesOfTwoHeadersOneOfEachPerFolderAreSaidToLookLikeSeveralDevices() throws IOException {
        Path dir = tmp.resolve("dev");
        for (String p : List.of("p01", "p02", "p03")) {
            Files.createDirectories(dir.resolve(p));
            Files.writeString(dir.resolve(p + "/watch.csv"), "t,acc_x,acc_y\n0,1,2\n1,1,2\n");
            Files.writeString(dir.resolve(p + "/strap.csv"), "t,heart_rate\n0,70\n4,71\n");
        }
        assertThatThrownBy(() -> SeriesWindows.cut(folder(dir, "participant", "folder", 1), new StringWriter()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("must have the same columns in the same order; 3 of 6 file(s) differ")
                .hasMessageContaining("These look like several devices per entity (2 kinds of header, one file of each in every one "
                        + "of the 3 folder(s), e.g. p01/strap.csv and p01/watch.csv): rnnlab does not join them. Merge each entity's "
                        + "files onto one time grid first (pandas merge_asof, or resample each onto one rate; correct any known "
                        + "clock offset between the devices first), leaving slower channels empty between their samples, and train "
                        + "with --missing interpolate; see docs/guide/your-data.md#several-devices-or-sampling-rates");
        // a folder without one of the kinds: no such pattern, no hint
        Files.delete(dir.resolve("p03/strap.csv"));
        assertThatThrownBy(() -> SeriesWindows.cut(folder(dir, "participant", "folder", 1), new StringWriter()))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("must have the same columns")
                .hasMessageNotContaining("several devices");
    }

    /**
     * Station A, one row a second at epoch seconds 1700000000.00 + k (written with 2 decimals, x = k), k = 0..9 and 13..24
     * (a dropout of 3 rows); picks written ISO-8601 with Z (1700000000 is 2023-11-14T22:13:20Z).
     */
    private Path epochSeries() throws IOException {
        StringBuilder b = new StringBuilder("station,time,x\n");
        for (int k = 0; k <= 24; k++) {
            if (k < 10 || k > 12) {
                b.append("A,").append(1700000000 + k).append(".00,").append(k).append('\n');
            }
        }
        return write("wave.csv", b.toString());
    }

    private static String iso(double k) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.ofEpochMilli(Math.round((1700000000 + k)
                * 1000)));
    }

    private static SeriesWindows.Config anchored(Path series, Path picks, int length, double offset, String label,
            String id) {
        return new SeriesWindows.Config(series, "station", "time", length, length, null, null, picks, null, "pick_time",
                label, 0, null, null, false, null, null, null, 0, null, null, true, offset, id);
    }

    @Test
    void anchoredAtEventsOneWindowPerEventFromItsTimePlusTheOffsetSkippedEventsCountedByReason() throws IOException {
        Path picks = write("picks.csv", "pick_id,station,pick_time,event_type\n"
                + "p1,A," + iso(2.5) + ",quake\n"      // from 1.5: rows 2..5
                + "p2,A," + iso(8) + ",quake\n"        // from 7: rows 7, 8, 9, 13: across the dropout
                + "p3,A," + iso(11) + ",blast\n"       // from 10: the next row, 13, is 3 s later (max gap 2.5 s)
                + "p4,A," + iso(23) + ",quake\n"       // from 22: rows 22..24, one short
                + "p5,A," + iso(100) + ",quake\n"      // after the last row
                + "p6,Z," + iso(3) + ",quake\n"        // no such station
                + "p7,A," + iso(2.5) + ",blast\n"      // the time of p1 again: the same id
                + "p8,A," + iso(14) + ",Blast\n");     // from 13: rows 13..16
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(anchored(epochSeries(), picks, 4, -1, "event_type", null), out);
        assertThat(out.toString()).isEqualTo("sequence_id,station,time,x,label\n"
                + "A_" + iso(2.5) + ",A,1700000002.00,2,quake\n"
                + "A_" + iso(2.5) + ",A,1700000003.00,3,quake\n"
                + "A_" + iso(2.5) + ",A,1700000004.00,4,quake\n"
                + "A_" + iso(2.5) + ",A,1700000005.00,5,quake\n"
                + "A_" + iso(14) + ",A,1700000013.00,13,Blast\n"
                + "A_" + iso(14) + ",A,1700000014.00,14,Blast\n"
                + "A_" + iso(14) + ",A,1700000015.00,15,Blast\n"
                + "A_" + iso(14) + ",A,1700000016.00,16,Blast\n");
        assertThat(r.anchored()).isTrue();
        assertThat(r.eventsRead()).isEqualTo(8);
        assertThat(r.windowsPerLabel()).containsExactly(Map.entry("Blast", 1), Map.entry("quake", 1));
        assertThat(r.eventsSkipped()).isEqualTo(Map.of(SeriesWindows.EVENT_ACROSS_GAP, 1, SeriesWindows.EVENT_IN_GAP, 1,
                SeriesWindows.EVENT_PAST_SERIES, 1, SeriesWindows.EVENT_OUTSIDE, 1, SeriesWindows.EVENT_SAME_ID, 1));
        assertThat(r.eventsSkippedExamples().get(SeriesWindows.EVENT_IN_GAP)).containsExactly("A at " + iso(11) + " (line 4)");
        assertThat(r.unknownEventEntities()).containsExactly(Map.entry("Z", 1));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("8 time(s) of " + picks
                + " (column 'pick_time', first at line 2) with an offset were read as epoch seconds"));
        // an id column names the windows; without a label column they are unlabelled (for predict)
        StringWriter ids = new StringWriter();
        SeriesWindows.cut(anchored(epochSeries(), picks, 2, 0, null, "pick_id"), ids);
        assertThat(ids.toString().lines().toList()).startsWith("sequence_id,station,time,x", "p1,A,1700000003.00,3",
                "p1,A,1700000004.00,4", "p7,A,1700000003.00,3", "p7,A,1700000004.00,4", "p2,A,1700000008.00,8",
                "p2,A,1700000009.00,9");
    }

    @Test
    void anchoredWindowsOfAFolderNeitherRunPastAFileNorStartBeforeIt() throws IOException {
        Path dir = tree("t,x"); // per cow: d1 times 0..11, d2 12..23
        Path picks = write("picks.csv", "entity,t,label\ncow1,2,a\ncow1,10,b\ncow2,12,c\ncow2,11.5,d\ncow2,30,e\n");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(dir, "entity", "t", 3, 3, null, null, picks, null,
                null, "label", 0, null, null, false, null, null, null, 0, null, "folder", true, 0, null), out);
        // cow1 at 10: rows 10, 11 and its file ends (not continued in d2 at 12); cow2 at 11.5: after d1's last row, within
        // --max-gap (2.5) before d2's first row: from there; cow2 at 30: after its last row
        assertThat(out.toString().lines().skip(1).toList()).containsExactly("cow1_2,cow1,herd/cow1/d1.csv,2,102,a",
                "cow1_2,cow1,herd/cow1/d1.csv,3,103,a", "cow1_2,cow1,herd/cow1/d1.csv,4,104,a",
                "cow2_11.5,cow2,herd/cow2/d2.csv,12,212,d", "cow2_11.5,cow2,herd/cow2/d2.csv,13,213,d",
                "cow2_11.5,cow2,herd/cow2/d2.csv,14,214,d",
                "cow2_12,cow2,herd/cow2/d2.csv,12,212,c", "cow2_12,cow2,herd/cow2/d2.csv,13,213,c",
                "cow2_12,cow2,herd/cow2/d2.csv,14,214,c");
        assertThat(r.eventsSkipped()).isEqualTo(Map.of(SeriesWindows.EVENT_PAST_FILE, 1, SeriesWindows.EVENT_OUTSIDE, 1));
        assertThat(r.eventsSkippedExamples().get(SeriesWindows.EVENT_PAST_FILE)).containsExactly("cow1 at 10 (line 3)");
    }

    @Test
    void epochSecondsAndIsoZTimesAreBothInstantsAndLocalTimesAgainstNumbersNameTheOffset() throws IOException {
        // grid windows of 2 rows labelled by the events within 2 s after their end: the event is written ISO with Z
        Path picks = write("z.csv", "station,pick_time,event_type\nA," + iso(3.5) + ",quake\n");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(epochSeries(), "station", "time", 2, 2, null,
                null, picks, null, "pick_time", "event_type", 2, null, null, false), out);
        assertThat(out.toString().lines().skip(1).toList()).containsExactly("A_1700000002.00,A,1700000002.00,2,quake",
                "A_1700000002.00,A,1700000003.00,3,quake");
        assertThat(r.kind()).isEqualTo(SeriesWindows.Kind.NUMBER);
        // a local time against numbers: the offset is what is missing, not a conversion to UTC of local times
        Path local = write("local.csv", "station,pick_time,event_type\nA,2023-11-14T22:13:23.5,quake\n");
        assertThatThrownBy(() -> SeriesWindows.cut(new SeriesWindows.Config(epochSeries(), "station", "time", 2, 2, null,
                null, local, null, "pick_time", "event_type", 2, null, null, false), new StringWriter()))
                .hasMessageContaining("local.csv:2:").hasMessageContaining("date-times without an offset are local wall-clock "
                        + "times, not instants").hasMessageNotContaining("tz_convert");
        // small numbers (seconds from a start) are no instants: refused, saying so
        Path small = write("small.csv", "station,time,x\n" + "A,0,1\nA,1,2\n");
        assertThatThrownBy(() -> SeriesWindows.cut(new SeriesWindows.Config(small, "station", "time", 2, 2, null,
                null, picks, null, "pick_time", "event_type", 2, null, null, false), new StringWriter()))
                .hasMessageContaining("these numbers are not epoch seconds or milliseconds")
                .hasMessageContaining("pandas' pd.to_datetime(df['pick_time'], utc=True).astype('int64') / 1e9"); // df[col] before
    }

    @Test
    void aClockThatRepeatsATimeStartsANewSegmentWithAWarningNotADaylightSavingHint() throws IOException {
        // TANN's sample clock is slower than its 2 decimals: 12 rows, the 12th time written again, 11 more rows
        StringBuilder b = new StringBuilder("station,time,x\n");
        for (int k = 0; k < 12; k++) {
            b.append("TANN,").append(String.format("1700000000.%02d", k)).append(',').append(k).append('\n');
        }
        for (int k = 11; k < 22; k++) {
            b.append("TANN,").append(String.format("1700000000.%02d", k)).append(',').append(100 + k).append('\n');
        }
        Path series = write("tann.csv", b.toString());
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(series, "station", "time", 5, 5, null, null, null,
                null, null, "label", 0, null, null, false), out);
        // segment 1: rows 0..11 (2 windows), segment 2: rows 11..21 (2 windows): none crosses the repeat
        assertThat(out.toString().lines().skip(1).map(l -> l.split(",")[0]).distinct().toList()).containsExactly(
                "TANN_1700000000.00", "TANN_1700000000.05", "TANN_1700000000.11_seg2", "TANN_1700000000.16_seg2");
        assertThat(r.restarts()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().contains("the clock of station 'TANN' repeats a time 1 time(s) "
                + "with other values (first at line 14: '1700000000.11' again): a drifting or reset device clock?")
                .doesNotContain("daylight");
        // too short a run to be a clock segment: refused, naming the clock, not daylight saving time
        Path few = write("few.csv", "station,time,x\nTANN,1700000000.00,1\nTANN,1700000000.01,2\nTANN,1700000000.01,3\n");
        assertThatThrownBy(() -> SeriesWindows.cut(new SeriesWindows.Config(few, "station", "time", 1, 1, null, null, null,
                null, null, "label", 0, null, null, false), new StringWriter()))
                .hasMessageContaining("few.csv:4: time '1700000000.01' of station 'TANN' (column 'time') repeats line 3, with "
                        + "other values: two readings at one time (the clock of station 'TANN' repeats at line 4: a drifting "
                        + "or reset device clock?").hasMessageNotContaining("daylight");
    }

    /** 2026-03-02T08:00:00Z in epoch milliseconds. */
    private static final long T0 = 1772438400000L;

    /**
     * Machine M at 10 Hz in epoch milliseconds ({@code ts_ms}): 100 rows from {@link #T0}, x = the row's number; its
     * clock then goes back 5 s and 30 more rows follow (x = 100 + k).
     */
    private Path millis() throws IOException {
        StringBuilder b = new StringBuilder("machine,ts_ms,x\n");
        for (int k = 0; k < 100; k++) {
            b.append("M,").append(T0 + 100L * k).append(',').append(k).append('\n');
        }
        for (int k = 0; k < 30; k++) {
            b.append("M,").append(T0 + 9900 - 5000 + 100L * k).append(',').append(100 + k).append('\n');
        }
        return write("vib.csv", b.toString());
    }

    private static SeriesWindows.Config anchoredMillis(Path series, Path events, String offset, String maxGap, String id) {
        return new SeriesWindows.Config(series, "machine", "ts_ms", 3, 3, null, null, events, null, "event_time", "fault", 0,
                null, maxGap == null ? null : SeriesWindows.duration(maxGap), false, null, null, null, 0, null, null, true,
                offset.startsWith("-") ? -SeriesWindows.duration(offset.substring(1)) : SeriesWindows.duration(offset), id,
                SeriesWindows.Written.of(null, offset, maxGap));
    }

    @Test
    void aDurationWithAUnitIsRealTimeOnEpochMillisecondsAndSaidSo() throws IOException {
        // an event at T0 + 5 s (ISO, converted to epoch ms); --offset -2s: from T0 + 3 s, row 30 (not row 50: -2 ms)
        Path events = write("ev.csv", "machine,event_time,fault\nM,2026-03-02T08:00:05.000Z,bearing\n");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(anchoredMillis(millis(), events, "-2s", null, null), out);
        assertThat(out.toString().lines().skip(1).toList()).containsExactly(
                "M_2026-03-02T08:00:05.000Z,M," + (T0 + 3000) + ",30,bearing",
                "M_2026-03-02T08:00:05.000Z,M," + (T0 + 3100) + ",31,bearing",
                "M_2026-03-02T08:00:05.000Z,M," + (T0 + 3200) + ",32,bearing");
        assertThat(r.unitsPerSecond()).isEqualTo(1000);
        assertThat(r.offset()).isEqualTo(-2000);
        // durations said in real time: a 100 ms step, not "1m40s"; the clock going back 5 s, not "1h23m20s"
        assertThat(SeriesWindows.durationText(r.medianStep(), r.unitsPerSecond())).isEqualTo("100ms");
        assertThat(SeriesWindows.durationText(r.maxGap(), r.unitsPerSecond())).isEqualTo("250ms");
        assertThat(r.restarts()).singleElement().satisfies(x -> assertThat(SeriesWindows.durationText(x.back(),
                r.unitsPerSecond())).isEqualTo("5s"));
        // a bare number stays in the column's units: -2000 is 2 s before
        StringWriter bare = new StringWriter();
        SeriesWindows.cut(anchoredMillis(millis(), events, "-2000", null, null), bare);
        assertThat(bare.toString()).isEqualTo(out.toString());
        // --max-gap 1s: one second, so a 100 ms step passes (read as 1 ms, every window would be skipped)
        SeriesWindows.Result gap = SeriesWindows.cut(anchoredMillis(millis(), events, "-2s", "1s", null), new StringWriter());
        assertThat(gap.maxGap()).isEqualTo(1000);
        assertThat(gap.windows()).isEqualTo(1);
        // grid windows: --horizon 5s labels the window ending 5 s before the event (5 ms would label none)
        SeriesWindows.Result grid = SeriesWindows.cut(new SeriesWindows.Config(millis(), "machine", "ts_ms", 10, 10, null,
                null, events, null, "event_time", "fault", 5, "normal", null, false, null, null, null, 0, null, null, false, 0,
                null, SeriesWindows.Written.of("5s", null, null)), new StringWriter());
        assertThat(grid.horizon()).isEqualTo(5000);
        assertThat(grid.windowsPerLabel()).containsEntry("bearing", 5);
    }

    @Test
    void aDurationWithAUnitOnPlainNumbersOfUnknownUnitIsRefusedUnlessTheColumnNameGivesIt() throws IOException {
        Path series = write("rel.csv", "machine,t,x\n" + "M,0,0\nM,1,1\nM,2,2\nM,3,3\nM,4,4\nM,5,5\n");
        Path events = write("ev.csv", "machine,t,fault\nM,4,bearing\n");
        java.util.function.Function<String, SeriesWindows.Config> config = col -> new SeriesWindows.Config(
                col.equals("t") ? series : tmp.resolve("rel_s.csv"), "machine", col, 2, 2, null, null,
                col.equals("t") ? events : tmp.resolve("ev_s.csv"), null, col, "fault", 0, null, null, false, null, null, null,
                0, null, null, true, -2, null, SeriesWindows.Written.of(null, "-2s", null));
        assertThatThrownBy(() -> SeriesWindows.cut(config.apply("t"), new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--offset -2s is written with a unit, but the time column 't' holds plain numbers of "
                        + "unknown unit (0 to 5")
                .hasMessageContaining("give --offset as a bare number in the column's units (e.g. --offset -2 if they are "
                        + "seconds)");
        // a column named with its unit (t_s): seconds, so -2s is -2
        write("rel_s.csv", Files.readString(series).replace("machine,t,x", "machine,t_s,x"));
        write("ev_s.csv", "machine,t_s,fault\nM,4,bearing\n");
        StringWriter out = new StringWriter();
        SeriesWindows.cut(config.apply("t_s"), out);
        assertThat(out.toString().lines().skip(1).toList()).containsExactly("M_4,M,2,2,bearing", "M_4,M,3,3,bearing");
    }

    @Test
    void aLocalClockGoingBackAnHourInTheAutumnNightIsDaylightSavingTimeNotARestart() throws IOException {
        // 15-minute local rows: 00:00..02:45, then the clock back to 02:00..05:00; on 2023-10-29 (the last Sunday of
        // October) and on 2023-10-22 (an ordinary Sunday: a device restart)
        StringBuilder b = new StringBuilder("station,zeit,q\n");
        for (String day : List.of("2023-10-29", "2023-10-22")) {
            String st = day.endsWith("29") ? "S1" : "S2";
            for (int m = 0; m < 180; m += 15) {
                b.append(st).append(',').append(String.format("%s %02d:%02d", day, m / 60, m % 60)).append(",1\n");
            }
            for (int m = 120; m <= 300; m += 15) {
                b.append(st).append(',').append(String.format("%s %02d:%02d", day, m / 60, m % 60)).append(",2\n");
            }
        }
        Path series = write("local.csv", b.toString());
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(series, "station", "zeit", 4, 4, null, null,
                null, null, null, "label", 0, null, null, false), new StringWriter());
        assertThat(r.dstRestarts()).singleElement().satisfies(x -> {
            assertThat(x.entity()).isEqualTo("S1");
            assertThat(x.to()).isEqualTo("2023-10-29 02:00");
        });
        assertThat(r.dstRegion()).isEqualTo("Europe");
        assertThat(r.restarts()).singleElement().satisfies(x -> assertThat(x.entity()).isEqualTo("S2"));
        assertThat(SeriesWindows.dstNight(java.time.LocalDateTime.parse("2024-11-03T01:30").toEpochSecond(
                java.time.ZoneOffset.UTC))).isEqualTo("US");
        assertThat(SeriesWindows.dstNight(java.time.LocalDateTime.parse("2024-03-31T02:30").toEpochSecond(
                java.time.ZoneOffset.UTC))).isEqualTo("Europe");
    }

    @Test
    void anEventAtALocalTimeTheZoneSkipsIsSkippedAndCountedWithItsLine() throws IOException {
        Path series = write("local.csv", "station,zeit,q\nS1,2024-03-31 00:00,0\nS1,2024-03-31 01:00,1\n"
                + "S1,2024-03-31 03:00,3\nS1,2024-03-31 04:00,4\nS1,2024-03-31 05:00,5\nS1,2024-03-31 06:00,6\n");
        Path events = write("cat.csv", "station,zeit,type\nS1,2024-03-31 02:30,flood\nS1,2024-03-31 04:00,none\n");
        StringWriter out = new StringWriter();
        SeriesWindows.Result r = SeriesWindows.cut(new SeriesWindows.Config(series, "station", "zeit", 2, 2, null, null,
                events, null, null, "type", 0, null, null, false, null, null, null, 0,
                new SeriesWindows.Reading(null, ',', null, java.time.ZoneId.of("Europe/Vienna")), null, true, 0, null), out);
        assertThat(r.windows()).isEqualTo(1);
        assertThat(r.eventsSkipped()).isEqualTo(Map.of(SeriesWindows.EVENT_NO_SUCH_TIME, 1));
        assertThat(r.eventsSkippedExamples().get(SeriesWindows.EVENT_NO_SUCH_TIME)).containsExactly(
                "S1 at 2024-03-31 02:30 (line 2)");
    }

    @Test
    void catalogueSlipsAreWarnedOf() throws IOException {
        // EV2 listed twice at one time with two labels; ids counted per machine; a machine not in the series
        Path two = write("two.csv", "machine,ts_ms,x\n" + java.util.stream.IntStream.range(0, 40).mapToObj(k -> "M,"
                + (T0 + 100L * k) + "," + k + "\nN," + (T0 + 100L * k) + "," + k + "\n").collect(
                java.util.stream.Collectors.joining()));
        Path events = write("ev.csv", "no,machine,event_time,fault\n"
                + "1,M,2026-03-02T08:00:01.000Z,bearing\n"
                + "2,M,2026-03-02T08:00:02.000Z,bearing\n"
                + "2,M,2026-03-02T08:00:02.000Z,imbalance\n"
                + "1,N,2026-03-02T08:00:01.000Z,bearing\n"
                + "1,Q,2026-03-02T08:00:01.000Z,Rain flood\n");
        SeriesWindows.Result r = SeriesWindows.cut(anchoredMillis(two, events, "0", null, "no"), new StringWriter());
        assertThat(r.windows()).isEqualTo(2);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("1 event(s) of " + events + " repeat the machine "
                + "and time of an earlier one with another label: line 3 'bearing' and line 4 'imbalance' (M at "
                + "2026-03-02T08:00:02.000Z)"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("1 of the events skipped for repeating the window id "
                + "of an earlier event repeat the id of another machine (e.g. '1' of 'N' (line 5) after 'M')")
                .contains("combine machine and id"));
        assertThat(r.unknownEntityLabels()).containsExactly("Rain flood");
        // epoch seconds against epoch milliseconds: no window, and the factor said
        Path seconds = write("sec.csv", "machine,event_time,fault\nM,1772438401.000,bearing\n");
        SeriesWindows.Result s = SeriesWindows.cut(anchoredMillis(two, seconds, "0", null, null), new StringWriter());
        assertThat(s.windows()).isZero();
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("1 of the 1 event time(s) of " + seconds
                + " (column 'event_time', first '1772438401.000' at line 2) look like epoch seconds while " + two
                + " (column 'ts_ms') holds epoch milliseconds: a factor of 1000 apart").contains("multiply them by 1000"));
    }

    @Test
    void numberColumnsAreHeldCompactlyAndGivenBackAsWritten() {
        Column c = new Column();
        List<String> cells = List.of("-266", "0", "1733450449.99", "", "-0.05", "3.10", "713550", "123456789012345678");
        cells.forEach(c::add);
        assertThat(c.numeric()).isTrue();
        for (int i = 0; i < cells.size(); i++) {
            assertThat(c.get(i)).isEqualTo(cells.get(i));
        }
        // anything not rebuilt digit for digit turns the column to text, every cell as written
        List<String> odd = List.of("007", "-0", "1e3", "5.", "+4", "NaN", "1234567890123456789", "0.0000000001", "x");
        for (String v : odd) {
            Column t = new Column();
            t.add("12.5");
            t.add(v);
            t.add("-3");
            assertThat(t.numeric()).as(v).isFalse();
            assertThat(List.of(t.get(0), t.get(1), t.get(2))).containsExactly("12.5", v, "-3");
        }
    }
}
