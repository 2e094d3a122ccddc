package org.rnnlab.serving;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A rate-limited warning of load shed (predict requests refused 503 for {@code --max-waiting}, {@code --max-wait} or
 * {@code --body-bytes-in-flight}, and 413 for {@code --max-body}, said apart as the request's own size, not load): at most
 * one line per interval, with the counts by limit
 * since the last line, so that an operator sees shedding in the log (an SRE's trial found none) without a line per request
 * under load. The first refusal is said at once; refusals within the interval after a line are counted and said with the
 * next refusal after it, or by {@link #flush()} (at the stop). The limits are listed by count, the most first.
 */
final class ShedLog {
    /** Default: at most one line per 10 s. */
    static final Duration INTERVAL = Duration.ofSeconds(10);
    /** The limit of a request's own size: its refusals (413) are said apart from load shed. */
    static final String MAX_BODY = "max-body";

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Consumer<String> warn;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long lastLine;
    private boolean said;

    ShedLog(Duration interval, LongSupplier nanoTime, Consumer<String> warn) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.warn = warn;
    }

    /** Counts one refusal for the limit (the option's name without dashes, e.g. "max-waiting"); may write the line. */
    void shed(String limit) {
        String line;
        synchronized (this) {
            counts.merge(limit, 1L, Long::sum);
            long now = nanoTime.getAsLong();
            if (said && now - lastLine < intervalNanos) {
                return;
            }
            line = lineLocked(now);
        }
        warn.accept(line);
    }

    /** Says the refusals counted since the last line, if any (at the stop). */
    void flush() {
        String line;
        synchronized (this) {
            if (counts.isEmpty()) {
                return;
            }
            line = lineLocked(nanoTime.getAsLong());
        }
        warn.accept(line);
    }

    private String lineLocked(long now) {
        // a body over --max-body is the request's own size (413), not load: said apart from the 503s of shedding (a trial read
        // one oversize body's line as the server being overloaded)
        long bodies = counts.getOrDefault(MAX_BODY, 0L);
        long shed = counts.values().stream().mapToLong(Long::longValue).sum() - bodies;
        StringJoiner by = new StringJoiner(", ");
        counts.entrySet().stream().filter(e -> !e.getKey().equals(MAX_BODY))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()) // the most first
                .forEach(e -> by.add(e.getValue() + " for --" + e.getKey()));
        String since = said ? " in the last " + Messages.seconds(Duration.ofMillis(Math.round((now - lastLine) / 1e8) * 100)) : "";
        counts.clear();
        said = true;
        lastLine = now;
        StringJoiner line = new StringJoiner("; ");
        if (shed > 0) {
            line.add("shedding load: " + shed + " predict request(s) refused" + since + ": " + by + " (503 with Retry-After)");
        }
        if (bodies > 0) {
            line.add(bodies + " predict request(s) refused" + (shed > 0 ? "" : since) + " for a body over --max-body (413: the "
                    + "request's size, not load)");
        }
        return line + "; at most one such line per " + Messages.seconds(Duration.ofNanos(intervalNanos));
    }
}
