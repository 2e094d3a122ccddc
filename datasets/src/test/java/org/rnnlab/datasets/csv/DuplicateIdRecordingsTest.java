package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Two recordings under one id (trial 71f F7): one appended after the other but earlier is refused without the advice to sort
 * (which would interleave them), and one reused days later is said to be two recordings, not only a gap.
 */
class DuplicateIdRecordingsTest {
    @TempDir
    Path dir;

    private static final CsvOptions OPTIONS = CsvOptions.defaults().withColumns(Column.named("trip_id"), Column.named("ts"),
            Column.named("label"));

    /** Trips T0..T4 of 200 rows 1 s apart; T0's rows then get a second recording of 150 rows starting at {@code second}. */
    private Path trips(String name, Instant second) throws IOException {
        List<String> lines = new ArrayList<>(List.of("trip_id,ts,x,label"));
        Instant start = Instant.parse("2026-03-14T09:00:00Z");
        for (int i = 0; i < 5; i++) {
            for (int t = 0; t < 200; t++) {
                lines.add(String.format(Locale.ROOT, "T%d,%s,%.3f,%s", i, start.plusSeconds(3600L * i + t), Math.sin(t * 0.1 + i),
                        i % 2 == 0 ? "calm" : "aggressive"));
            }
            if (i == 0) {
                for (int t = 0; t < 150; t++) {
                    lines.add(String.format(Locale.ROOT, "T0,%s,%.3f,calm", second.plusSeconds(t), Math.cos(t * 0.1)));
                }
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void aSecondRecordingAppendedEarlierUnderTheSameIdIsNotToldToSort() throws IOException {
        Path f = trips("dup.csv", Instant.parse("2026-03-14T08:12:00Z"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, OPTIONS))
                .hasMessageContaining("dup.csv:202: time 2026-03-14T08:12:00Z of sequence 'T0' does not increase")
                .hasMessageContaining("two recordings under one id").hasMessageContaining("give each recording its own id")
                .hasMessageNotContaining("sort_values");
        // rows only out of order (one recording) keep the sort hint
        List<String> lines = new ArrayList<>(List.of("trip_id,ts,x,label"));
        for (int t = 0; t < 20; t++) {
            int s = t == 5 ? 6 : t == 6 ? 5 : t;
            lines.add("A," + Instant.parse("2026-03-14T09:00:00Z").plusSeconds(s) + ",0.5,calm");
        }
        Path swapped = Files.write(dir.resolve("swapped.csv"), lines);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(swapped, OPTIONS)).hasMessageContaining("sort_values")
                .hasMessageNotContaining("two recordings");
    }

    @Test
    void rowsScatteredThroughTheFileAreToldToSortNotToSplitTheId() throws IOException {
        // an export without ORDER BY (trial 72d F3): each session's times go back and forth many times; the first step back
        // (line 4, to before the first row, then increasing) alone looks like an appended recording
        int[] order = {4, 8, 0, 2, 9, 1, 6, 3, 7, 5, 11, 10};
        List<String> lines = new ArrayList<>(List.of("trip_id,ts,x,label"));
        for (int t : order) {
            for (String id : List.of("A", "B")) {
                lines.add(id + "," + Instant.parse("2026-03-27T12:00:00Z").plusSeconds(60L * t) + ",0.5,"
                        + (id.equals("A") ? "calm" : "aggressive"));
            }
        }
        Path f = Files.write(dir.resolve("scattered.csv"), lines);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, OPTIONS))
                .hasMessageContaining("scattered.csv:6: time 2026-03-27T12:00:00Z of sequence 'A' does not increase")
                .hasMessageContaining("rows only out of order are sorted with pandas").hasMessageContaining("sort_values")
                .hasMessageNotContaining("two recordings");
    }

    @Test
    void anIdReusedDaysLaterIsSaidToBeTwoRecordings() throws Exception {
        Path f = trips("reuse.csv", Instant.parse("2026-03-29T08:00:00Z"));
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, OPTIONS));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("1 sequence(s) have a gap in the time column 'ts' longer than "
                + "all the rest of the sequence together", "two recordings under one id?", "'T0' between lines 201 and 202 "
                + "(200 row(s) before it, 150 after)", "give each its own id"));
    }

    @Test
    void anOutageShorterThanTheRecordingIsNotCalledTwoRecordings() throws Exception {
        // T0's second part 150 s after its end: a gap of 150 steps, shorter than the 350 s recorded
        Path f = trips("outage.csv", Instant.parse("2026-03-14T09:05:50Z"));
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, OPTIONS));
        assertThat(warned).noneMatch(w -> w.contains("two recordings"));
    }
}
