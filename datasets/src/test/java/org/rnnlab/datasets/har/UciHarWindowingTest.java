package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Windows of 128 samples with step 64 inside one segment: the rule behind the official counts. */
class UciHarWindowingTest {

    @Test
    void a300SampleSegmentGivesThreeWindows() {
        assertThat(RawRecordings.windowStarts(1000, 300, 128, 64)).containsExactly(1000, 1064, 1128);
    }

    @ParameterizedTest(name = "{0} samples -> {1} windows")
    @CsvSource({"0,0", "127,0", "128,1", "191,1", "192,2", "255,2", "256,3", "300,3", "983,14", "1015,14"})
    void trailingPartialWindowsAreDroppedAndNoWindowLeavesTheSegment(int length, int windows) {
        int[] starts = RawRecordings.windowStarts(0, length, 128, 64);
        assertThat(starts).hasSize(windows);
        for (int s : starts) {
            assertThat(s + 128).isLessThanOrEqualTo(length);
        }
    }

    @Test
    void segmentLengthCountsBothEnds() {
        // labels.txt rows are 1-based inclusive: 250..1232 is 983 samples
        assertThat(new RawRecordings.Segment(1, 1, 5, 250, 1232).length()).isEqualTo(983);
    }
}
