package org.rnnlab.evaluation.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdict under {@code bench --latency}'s memory table, on given numbers: a retained heap that rises between every two
 * of the last points is a trend, with its rate per call; trial 79d's tables (a flat heap with the committed heap and the
 * RSS jumping, and a single jump of the heap) are none, and the RSS part names the committed heap.
 */
class MemoryTrendTest {
    private static final long MIB = 1 << 20;

    private static LatencyResult.MemoryPoint point(long calls, double heapMib, double committedMib, double rssMib) {
        return new LatencyResult.MemoryPoint(calls, Math.round(heapMib * MIB), Math.round(committedMib * MIB), 272,
                Math.round(rssMib * MIB));
    }

    @Test
    void aHeapRisingBetweenEveryTwoOfTheLastPointsIsATrendWithItsRatePerCall() {
        // 2 KiB kept per call: 18 MiB more after 9,000 calls, 20 MiB more after 10,000
        String v = MemoryTrend.verdict(List.of(point(1_000, 20, 64, 150), point(10_000, 20 + 9_000 * 2 / 1024.0, 70, 180),
                point(20_000, 20 + 19_000 * 2 / 1024.0, 80, 200)));
        assertThat(v).startsWith("retained heap after GC: grows at each of the last 3 points (20.0 -> 37.6 -> 57.1 MiB after "
                + "1000, 10000, 20000 calls, about 2048 bytes per call)").contains("a leak");
        assertThat(v).contains("; RSS 150.0 -> 200.0 MiB includes the heap the JVM committed (64.0 -> 80.0 MiB)");
        // only the last points count: an early rise (class loading, the pool's first copies) before a flat end is none
        assertThat(MemoryTrend.verdict(List.of(point(1_000, 10, 64, 150), point(10_000, 30, 64, 150), point(20_000, 30.5, 64, 150),
                point(100_000, 30.6, 64, 150)))).startsWith("retained heap after GC: no trend over the last 3 points (30.0 -> 30.5 "
                + "-> 30.6 MiB after 10000, 20000, 100000 calls; a leak rises between every two)");
    }

    @Test
    void aFlatHeapWithTheCommittedHeapJumpingIsNoTrendAndTheRssIsSaidToHoldIt() {
        // trial 79d's --latency-calls 100000 run: heap after GC 19.74 MiB three times, then 26.74; RSS 189.5 -> 330.9 MiB
        String v = MemoryTrend.verdict(List.of(point(1_000, 19.74, 64, 189.5), point(10_000, 19.74, 70, 196),
                point(20_000, 19.74, 177, 296.9), point(100_000, 26.74, 210, 330.9)));
        assertThat(v).isEqualTo("retained heap after GC: no trend over the last 3 points (19.7 -> 19.7 -> 26.7 MiB after 10000, "
                + "20000, 100000 calls; a leak rises between every two); RSS 196.0 -> 330.9 MiB includes the heap the JVM "
                + "committed (70.0 -> 210.0 MiB), which it keeps once grown: -Xms equal to -Xmx commits it at start");
        // its default run: the heap jumped once at the end (17.88 -> 18.93 -> 50.52 MiB), a rise between two points only
        assertThat(MemoryTrend.verdict(List.of(point(1_000, 17.88, 64, 144), point(10_000, 18.93, 70, 198.1),
                point(20_000, 50.52, 177, 296.9)))).startsWith("retained heap after GC: no trend over the last 3 points (17.9 -> "
                + "18.9 -> 50.5 MiB").contains("(64.0 -> 177.0 MiB)");
        // rises within the noise (under 2 MiB, or under 5% of the heap) are none either
        assertThat(MemoryTrend.verdict(List.of(point(1_000, 100, 128, 300), point(10_000, 104, 128, 300),
                point(20_000, 108, 128, 300)))).contains("no trend");
    }

    @Test
    void fewerPointsThanTheVerdictReadsSayNoTrendEitherWay() {
        assertThat(MemoryTrend.verdict(List.of(point(50, 10, 64, 150), point(100, 40, 64, 170))))
                .startsWith("retained heap after GC: too few memory points to judge a trend (2 here; the default --latency-calls "
                        + "20000 records 3)").contains("RSS 150.0 -> 170.0 MiB");
        assertThat(MemoryTrend.verdict(List.of())).isEqualTo("retained heap after GC: too few memory points to judge a trend "
                + "(0 here; the default --latency-calls 20000 records 3)");
    }
}
