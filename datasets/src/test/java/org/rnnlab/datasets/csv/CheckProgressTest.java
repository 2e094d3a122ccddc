package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * The checks after a CSV file's reading say that they run once they take 5 s (a network-flow trial: its 19 MB file was
 * read in 2 s with progress lines, then 12-76 s of checks passed without a line; trial 74d: a 14 MB file's 10 s).
 */
class CheckProgressTest {

    @TempDir
    Path dir;

    @Test
    void checksThatTakeAWhileSayTheyRunGoOnAndEndWhateverTheFilesSize() throws Exception {
        // trial 74d F9: a 14 MB file (under the 16 MiB at which the reading speaks) was checked for 10 s without a line; the
        // file here does not even exist (0 bytes): the time decides, not the size
        Path file = dir.resolve("flows.csv");
        List<String> said = LoggedWarnings.infos(CheckProgress.class, () -> {
            CheckProgress checks = CheckProgress.start(file, 306624, 40);
            Thread.sleep(1000); // checks that take a while (lines every 40 ms here, however busy the machine)
            checks.done();
            Thread.sleep(150); // no line after their end
        });
        assertThat(said.get(0)).matches("csv: checking 306624 rows of flows\\.csv \\(sequence ids, time order, duplicates, "
                + "feature values, splits\\): \\d+ s so far \\.\\.\\.");
        assertThat(said.subList(1, said.size() - 1)).isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches("csv: still checking flows\\.csv \\(\\d+ s so far\\)"));
        assertThat(said.get(said.size() - 1)).matches("csv: checked flows\\.csv in \\d+\\.\\d s");
    }

    @Test
    void checksOverWithinTheFirstPeriodSayNothing() throws Exception {
        List<String> said = LoggedWarnings.infos(CheckProgress.class, () -> {
            CheckProgress checks = CheckProgress.start(dir.resolve("quick.csv"), 1000, 60_000);
            checks.done();
            Thread.sleep(100);
        });
        assertThat(said).isEmpty();
    }

    @Test
    void aTrainingLoadEndsTheTimerItStarted() throws Exception {
        // every training file starts one (whatever its size); the load ends it, also when its checks took over 5 s on a
        // busy machine (then the last line is the end)
        List<String> lines = new ArrayList<>(List.of("sequence_id,time,a,label"));
        for (int i = 0; i < 12; i++) {
            for (int t = 0; t < 3; t++) {
                lines.add("s" + i + "," + t + "," + (i + t * 0.25) + "," + (i % 2 == 0 ? "even" : "odd"));
            }
        }
        Path train = Files.write(dir.resolve("train.csv"), lines);
        List<String> said = LoggedWarnings.infos(CheckProgress.class, () -> {
            CsvSequenceDataset.load(new CsvSources(null, train, null, null, false, false), CsvOptions.defaults().withFractions(0, 0));
            Thread.sleep(100);
        });
        assertThat(said.isEmpty() || said.get(said.size() - 1).startsWith("csv: checked train.csv in ")).as(said.toString()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("rnnlab-csv-checks") && t.isAlive());
    }

    @Test
    void nestedChecksGiveTheOuterOnesTheirReportsBackWhenTheyEnd() throws Exception {
        // review 78 R4: an inner start() replaced the outer checks for at(), and its close() left none current
        List<String> said = LoggedWarnings.infos(CheckProgress.class, () -> {
            try (CheckProgress outer = CheckProgress.start(dir.resolve("outer.csv"), 100, 40)) {
                try (CheckProgress inner = CheckProgress.start(dir.resolve("inner.csv"), 10, 60_000)) {
                    CheckProgress.at("inner check", 1, 2, "rows");
                }
                Thread.sleep(100);
                CheckProgress.at("outer check", 3, 4, "rows");
                Thread.sleep(1000); // lines every 40 ms, however busy the machine
            }
        });
        assertThat(said).as(said.toString()).anyMatch(l -> l.contains("outer.csv") && l.contains("outer check: 75% of 4 rows"));
    }
}
