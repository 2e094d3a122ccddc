package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoadStop;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * A stop asked for (Ctrl-C, SIGTERM: the command's flag, {@link LoadStop}) ends the reading and the checks after it at
 * their loops' next poll, not when they end (trial 78c F3: a SIGTERM 33 s into the checks of a 600,000-row file took effect
 * 51 s later); and the check lines say how far a long check is (F2).
 */
class LoadStopTest {

    @TempDir
    Path dir;

    private static CsvTable table(int rows) {
        PackedRows packed = new PackedRows();
        List<Long> lines = new LongList();
        for (int r = 0; r < rows; r++) {
            packed.add(new String[] {"s" + r / 100, Integer.toString(r % 100), String.format(Locale.ROOT, "%.3f", Math.sin(r))});
            lines.add((long) r + 2);
        }
        return new CsvTable(Path.of("flows.csv"), List.of("id", "t", "x"), packed, lines);
    }

    @Test
    void aCheckLoopEndsAtTheFlagAndRunsWithoutIt() throws Exception {
        CsvTable table = table(20_000);
        AtomicBoolean flag = new AtomicBoolean();
        try (AutoCloseable watching = LoadStop.watching(flag)) {
            assertThat(FarValues.find(table, new int[] {2})).isEmpty(); // not set: the check runs to its end
            flag.set(true); // the shutdown hook's work
            assertThatThrownBy(() -> FarValues.find(table, new int[] {2})).isInstanceOf(LoadStop.Stopped.class);
        }
        assertThat(LoadStop.requested()).isFalse(); // the flag is watched only while the handle is open
        assertThat(FarValues.find(table, new int[] {2})).isEmpty();
    }

    @Test
    void aFlagSetWhileAFileIsReadEndsTheLoadAtOnce() throws Exception {
        List<String> lines = new ArrayList<>(List.of("sequence_id,time,a,label"));
        for (int i = 0; i < 400; i++) {
            for (int t = 0; t < 30; t++) {
                lines.add("s" + i + "," + t + "," + (i + t * 0.25) + "," + (i % 2 == 0 ? "even" : "odd"));
            }
        }
        Path train = Files.write(dir.resolve("train.csv"), lines);
        AtomicBoolean flag = new AtomicBoolean(true); // set before: the reader's loop is the first to poll it
        long started = System.nanoTime();
        try (AutoCloseable watching = LoadStop.watching(flag)) {
            assertThatThrownBy(() -> CsvSequenceDataset.load(new CsvSources(null, train, null, null, false, false),
                    CsvOptions.defaults().withFractions(0, 0))).isInstanceOf(LoadStop.Stopped.class);
        }
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(5.0);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("rnnlab-csv-checks") && t.isAlive());
    }

    @Test
    void theCheckLinesSayWhichCheckRunsAndHowFarItIs() throws Exception {
        List<String> said = LoggedWarnings.infos(CheckProgress.class, () -> {
            CheckProgress checks = CheckProgress.start(dir.resolve("sub.csv"), 600000, 40);
            long end = System.nanoTime() + 1_000_000_000L; // lines every 40 ms, however busy the machine
            while (System.nanoTime() < end) { // a long check reporting as it goes
                CheckProgress.at("far values", 3_600_000, 7_200_000, "cells");
                Thread.sleep(2);
            }
            checks.done();
        });
        assertThat(said.get(0)).matches("csv: checking 600000 rows of sub\\.csv \\(sequence ids, time order, duplicates, feature "
                + "values, splits\\): \\d+ s so far, far values: 50% of 7200000 cells \\.\\.\\.");
        assertThat(said.get(1)).matches("csv: still checking sub\\.csv \\(\\d+ s so far; far values: 50% of 7200000 cells\\)");
    }

    @Test
    void aCheckThatHasEndedIsNotSaidAsRunning() throws Exception {
        List<String> said = LoggedWarnings.infos(CheckProgress.class, () -> {
            CheckProgress checks = CheckProgress.start(dir.resolve("sub.csv"), 600000, 40);
            CheckProgress.at("clipped runs by group", 11, 12, "features"); // its last report; checks that do not report follow
            Thread.sleep(1000); // lines every 40 ms, however busy the machine
            checks.done();
        });
        assertThat(said.subList(1, said.size() - 1)).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain("clipped"));
    }

    @Test
    void newDataSayTheirChecksAsTrainingDoes() throws Exception {
        // trial 78c F4: predict of a 192 MB file said nothing for 160 s between its reading and its classifying
        List<String> rows = new ArrayList<>(List.of("sequence_id,time,a,label"));
        for (int i = 0; i < 40; i++) {
            for (int t = 0; t < 5; t++) {
                rows.add("s" + i + "," + t + "," + (i + t * 0.25) + "," + (i % 2 == 0 ? "even" : "odd"));
            }
        }
        Path train = Files.write(dir.resolve("train.csv"), rows);
        CsvSchema schema = CsvSequenceDataset.load(new CsvSources(null, train, null, null, false, false),
                CsvOptions.defaults().withFractions(0, 0)).schema();
        // new data of 2,000 sequences: their checks take far longer than the 1 ms period even on a loaded machine, where 40
        // sequences' checks could end before the timer thread first ran (a CI run under load said nothing)
        List<String> newRows = new ArrayList<>(List.of("sequence_id,time,a,label"));
        for (int i = 0; i < 2000; i++) {
            for (int t = 0; t < 5; t++) {
                newRows.add("s" + i + "," + t + "," + (i % 40 + t * 0.25) + ",");
            }
        }
        Path fresh = Files.write(dir.resolve("new.csv"), newRows);
        long before = CheckProgress.period;
        CheckProgress.period = 1; // every check of new data takes longer than this
        List<String> said;
        try {
            said = LoggedWarnings.infos(CheckProgress.class, () -> {
                assertThat(CsvSequenceDataset.readAll(fresh, schema, false, new ArrayList<>())).hasSize(2000);
                Thread.sleep(50);
            });
        } finally {
            CheckProgress.period = before;
        }
        assertThat(said).isNotEmpty();
        assertThat(said.get(0)).matches("csv: checking 10000 rows of new\\.csv \\(sequence ids, time order, feature values\\): "
                + "\\d+ s so far.* \\.\\.\\.");
        assertThat(said.get(said.size() - 1)).matches("csv: checked new\\.csv in \\d+\\.\\d s");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("rnnlab-csv-checks") && t.isAlive());
    }
}
