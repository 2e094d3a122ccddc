package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
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

        // physical sanity: |total_acc| is about 1 g and body_acc about 0 on average
        double norm = 0;
        double body = 0;
        SequenceSet test = har.split(Split.TEST);
        for (Sequence s : test.examples()) {
            for (float[] step : s.values()) {
                norm += Math.sqrt(step[6] * step[6] + step[7] * step[7] + step[8] * step[8]);
                body += step[0] + step[1] + step[2];
            }
        }
        long steps = (long) test.size() * HarLayout.WINDOW;
        assertThat(norm / steps).isCloseTo(1.0, within(0.05));
        assertThat(body / steps / 3).isCloseTo(0.0, within(0.01));
    }

    /**
     * The windowing rule alone (windows of 128, step 64, inside each labelled segment, trailing partial
     * window dropped) reproduces HAPT's own window counts exactly, for all 12 activities: evidence that
     * the differences against UCI HAR come from HAPT's re-labelling of the static activities.
     */
    @Test
    void theWindowingRuleReproducesHaptsOwnWindowCountsExactly() {
        Path hapt = SharedData.require("hapt", "Train/y_train.txt");
        Map<List<Integer>, Integer> expected = new HashMap<>();
        List<DatasetProvenance.FileChecksum> ignored = new ArrayList<>();
        for (String part : List.of("Train/y_train.txt", "Test/y_test.txt")) {
            int[] y = HarText.readInts(hapt.resolve(part), 1, 12, "an activity id", ignored::add);
            int[] s = HarText.readInts(hapt.resolve(part.replace("y_", "subject_id_")), 1, 30, "a volunteer id", ignored::add);
            for (int i = 0; i < y.length; i++) {
                expected.merge(List.of(s[i], y[i]), 1, Integer::sum);
            }
        }
        Map<List<Integer>, Integer> recut = new HashMap<>();
        for (RawRecordings.Segment seg : RawRecordings.readLabels(hapt.resolve("RawData/labels.txt"), ignored::add)) {
            int n = RawRecordings.windowStarts(seg.start() - 1, seg.length(), HarLayout.WINDOW, HarLayout.STEP).length;
            if (n > 0) {
                recut.merge(List.of(seg.volunteer(), seg.activity()), n, Integer::sum);
            }
        }
        assertThat(expected.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10929);
        assertThat(recut).isEqualTo(expected);
    }
}
