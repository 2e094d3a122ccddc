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
 * The checks after a large CSV file's reading say that they run (a network-flow trial: its 19 MB file was read in 2 s
 * with progress lines, then 12-76 s of checks passed without a line).
 */
class CheckProgressTest {

    @TempDir
    Path dir;

    @Test
    void aLargeFilesChecksSayTheyStartGoOnAndEnd() throws Exception {
        Path file = dir.resolve("flows.csv");
        List<String> said = LoggedWarnings.infos(CheckProgress.class, () -> {
            CheckProgress checks = CheckProgress.start(file, 306624, true, 40);
            Thread.sleep(1000); // checks that take a while (lines every 40 ms here, however busy the machine)
            checks.done();
            Thread.sleep(150); // no line after their end
        });
        assertThat(said.get(0)).isEqualTo("csv: checking 306624 rows of flows.csv (sequence ids, time order, duplicates, feature values, "
                + "splits) ...");
        assertThat(said.subList(1, said.size() - 1)).isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches("csv: still checking flows\\.csv \\(\\d+ s so far\\)"));
        assertThat(said.get(said.size() - 1)).matches("csv: checked flows\\.csv in \\d+\\.\\d s");
    }

    @Test
    void aSmallFilesLoadSaysNothingOfItsChecks() throws Exception {
        // under 16 MB the reading says nothing either; the training load closes what it started
        List<String> lines = new ArrayList<>(List.of("sequence_id,time,a,label"));
        for (int i = 0; i < 12; i++) {
            for (int t = 0; t < 3; t++) {
                lines.add("s" + i + "," + t + "," + (i + t * 0.25) + "," + (i % 2 == 0 ? "even" : "odd"));
            }
        }
        Path train = Files.write(dir.resolve("train.csv"), lines);
        List<String> said = LoggedWarnings.infos(CheckProgress.class, () -> CsvSequenceDataset.load(
                new CsvSources(null, train, null, null, false, false), CsvOptions.defaults().withFractions(0, 0)));
        assertThat(said).isEmpty();
    }
}
