package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Re-cuts the real HAPT recordings and compares the window counts with the official UCI HAR files. */
class UciHarRecutRealDataTest {
    private static final Logger LOG = LoggerFactory.getLogger(UciHarRecutRealDataTest.class);

    @Test
    void recutOfHaptReproducesTheOfficialWindowCounts(@TempDir Path tmp) {
        Path hapt = SharedData.require("hapt", "RawData/labels.txt");
        Path reference = SharedData.require("uci-har-reference", "train/y_train.txt");
        Path out = tmp.resolve("UCI HAR Dataset");
        List<RawRecordings.ExperimentReport> progress = new ArrayList<>();
        long t0 = System.nanoTime();
        RawRecordings.Result result = RawRecordings.recut(hapt, out, RawRecordings.Config.official(), progress::add);
        long t1 = System.nanoTime();
        HarRecutCheck.Result check = HarRecutCheck.compare(reference, out);
        LOG.info("re-cut in {} ms\n{}", (t1 - t0) / 1_000_000, check.table());

        assertThat(progress).hasSize(61);
        assertThat(result.sources()).hasSize(1 + 2 * 61);
        assertThat(check.officialTrain()).isEqualTo(7352);
        assertThat(check.officialTest()).isEqualTo(2947);
        assertThat(check.recutTrain()).isEqualTo(result.trainWindows()).isEqualTo(7415);
        assertThat(check.recutTest()).isEqualTo(result.testWindows()).isEqualTo(2996);
        assertThat(check.cells()).hasSize(180);
        assertThat(check.agreement()).isGreaterThan(0.997);
        assertThat(check.exactCells()).isGreaterThanOrEqualTo(105);
        for (int walking = 1; walking <= 3; walking++) {
            assertThat(check.exactCells(walking)).as("exact cells of activity %d", walking).isGreaterThanOrEqualTo(29);
        }
        assertThat(check.cells()).allSatisfy(c -> assertThat(Math.abs(c.difference())).isLessThanOrEqualTo(6));

        SequenceDataset har = UciHar.load(out);
        assertThat(har.split(Split.TRAIN).size() + har.split(Split.VALIDATION).size()).isEqualTo(result.trainWindows());
        assertThat(har.split(Split.TEST).size()).isEqualTo(result.testWindows());
    }
}
