package org.rnnlab.evaluation.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The verdict printed under {@code bench --latency}'s memory table, read off its last {@value #POINTS} points: whether the
 * heap retained after GC grows with the calls, and how much of the RSS is heap the JVM committed. Trial 79d read a default
 * run's last row (heap after GC x2.8, RSS x2) as a leak, which its own 100,000-call run showed it was not: the table
 * printed no reading of itself, and the JVM's committed heap, which it grows with the allocation rate and keeps, is in
 * the RSS.
 *
 * <p>A leak in the prediction path keeps memory at every call, so the retained heap rises between every two points; a
 * single jump between two of them, with no rise between the others, is GC timing or the deallocation backlog of a busy
 * machine, and is called no trend. A rise counts when it is over {@link #NOISE_BYTES} and {@link #NOISE_SHARE} of the
 * heap before it.
 */
public final class MemoryTrend {
    /** Points the verdict reads: the last three (the default points are after 1,000, 10,000 and 20,000 calls). */
    static final int POINTS = 3;
    /** A rise of the retained heap between two points smaller than this is noise. */
    static final long NOISE_BYTES = 2L << 20;
    /** A rise of the retained heap between two points smaller than this share of the heap before it is noise. */
    static final double NOISE_SHARE = 0.05;

    private MemoryTrend() {
    }

    /**
     * One line: {@code retained heap after GC: ...} (grows at each of the last points, with its rate per call; no trend; or
     * too few points to say), then {@code ; RSS ...} with the committed heap's part of it.
     */
    public static String verdict(List<LatencyResult.MemoryPoint> memory) {
        if (memory.size() < POINTS) {
            return "retained heap after GC: too few memory points to judge a trend (" + memory.size() + " here; the default "
                    + "--latency-calls 20000 records " + POINTS + ")" + rss(memory);
        }
        List<LatencyResult.MemoryPoint> last = memory.subList(memory.size() - POINTS, memory.size());
        boolean risesAtEach = true;
        for (int i = 1; i < last.size(); i++) {
            long before = last.get(i - 1).heapUsedBytes();
            long rise = last.get(i).heapUsedBytes() - before;
            risesAtEach &= rise > Math.max(NOISE_BYTES, NOISE_SHARE * before);
        }
        LatencyResult.MemoryPoint first = last.get(0);
        LatencyResult.MemoryPoint end = last.get(last.size() - 1);
        String heaps = last.stream().map(p -> mib(p.heapUsedBytes())).collect(Collectors.joining(" -> ")) + " MiB after "
                + last.stream().map(p -> String.valueOf(p.calls())).collect(Collectors.joining(", ")) + " calls";
        String heap = risesAtEach
                ? "retained heap after GC: grows at each of the last " + POINTS + " points (" + heaps + ", about "
                        + (end.heapUsedBytes() - first.heapUsedBytes()) / (end.calls() - first.calls()) + " bytes per call): "
                        + "memory kept by the calls, a leak, unless a busy machine's deallocation lagged (repeat with more "
                        + "--latency-calls)"
                : "retained heap after GC: no trend over the last " + POINTS + " points (" + heaps + "; a leak rises between "
                        + "every two)";
        return heap + rss(last);
    }

    /** {@code ; RSS ...}: the RSS from the first to the last point, and the heap the JVM committed over the same points. */
    private static String rss(List<LatencyResult.MemoryPoint> points) {
        if (points.isEmpty()) {
            return "";
        }
        LatencyResult.MemoryPoint first = points.get(0);
        LatencyResult.MemoryPoint end = points.get(points.size() - 1);
        return "; RSS " + mib(first.rssBytes()) + " -> " + mib(end.rssBytes()) + " MiB includes the heap the JVM committed ("
                + mib(first.heapCommittedBytes()) + " -> " + mib(end.heapCommittedBytes()) + " MiB), which it keeps once grown: "
                + "-Xms equal to -Xmx commits it at start";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
