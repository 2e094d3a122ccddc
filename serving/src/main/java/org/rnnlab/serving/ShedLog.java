package org.rnnlab.serving;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A rate-limited warning of load shed (predict requests refused 503 for {@code --max-waiting}, {@code --max-wait} or
 * {@code --body-bytes-in-flight}, and 413 for {@code --max-body}, said apart as the request's own size, not load; and 408
 * for {@code --body-timeout}, said apart as slow uploads): at most
 * one line per interval, with the counts by limit since the last line, so that an operator sees shedding in the log (an
 * SRE's trial found none) without a line per request under load. The limits are listed by count, the most first.
 *
 * <p>The first refusal after a quiet interval is said at once. Those that follow within the interval are counted, and a
 * {@link Timer} says them when the interval is up, whether or not another refusal comes: an ops trial's burst of 671
 * refusals was logged as "1 refused", the other 670 only at the stop seven minutes later, since the line was written only
 * when a refusal came after the interval. Each kind (load shed, {@code --max-body}, {@code --body-timeout}) is timed from its
 * own first refusal not yet said ("in the last 2.1 s"): the trial's "1 refused in the last 233.8 s" was measured from an
 * unrelated 413's line. The 408s of {@code --body-timeout} are said because a load trial's 64 slow uploads left no line at
 * all while they lasted: an operator read the 503s of {@code --max-wait} as load, with the CPU idle.
 * {@link #close()} (at the stop) says what is left and stops the timer.
 */
final class ShedLog implements AutoCloseable {
    /** Default: at most one line per 10 s. */
    static final Duration INTERVAL = Duration.ofSeconds(10);
    /** The limit of a request's own size: its refusals (413) are said apart from load shed. */
    static final String MAX_BODY = "max-body";
    /** The deadline of a request's body: its 408s are said apart too, as slow uploads. */
    static final String BODY_TIMEOUT = "body-timeout";

    /** Runs a task once after a delay: the line at the end of an interval. */
    @FunctionalInterface
    interface Timer {
        void schedule(Runnable task, long delayNanos);
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Consumer<String> warn;
    private final Timer timer;
    private final Runnable stopTimer;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    /**
     * The time of the first refusal not yet said, by kind ({@link #kind}: load shed, {@code --max-body}, {@code --body-timeout});
     * a kind is here while it has counts.
     */
    private final Map<String, Long> first = new LinkedHashMap<>();
    private long lastLine;
    private boolean said;
    /** Whether the timer holds a task for the end of the current interval. */
    private boolean scheduled;
    private boolean closed;

    /**
     * @param interval  the least time between two lines
     * @param nanoTime  the clock, in the nanoseconds of {@link System#nanoTime()}
     * @param warn      where a line goes
     * @param timer     runs the line at the end of an interval
     * @param stopTimer stops the timer, at {@link #close()}
     */
    ShedLog(Duration interval, LongSupplier nanoTime, Consumer<String> warn, Timer timer, Runnable stopTimer) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.warn = warn;
        this.timer = timer;
        this.stopTimer = stopTimer;
    }

    /**
     * A log on {@link System#nanoTime()} whose timer is a daemon thread ({@code serve-shed-log}), started at the first
     * refusal that waits for the end of an interval, ended after a minute idle, and stopped by {@link #close()}.
     */
    static ShedLog withDaemonTimer(Duration interval, Consumer<String> warn) {
        return withDaemonTimer(interval, warn, thread -> {
        });
    }

    /**
     * {@link #withDaemonTimer(Duration, Consumer)}, told each timer thread it makes (before it starts). For tests: every
     * server has a {@code serve-shed-log} thread, idle ones live a minute, so a test that looks its log's thread up by name
     * among all the JVM's threads can get another server's (review 64, finding 11) and see it outlive this log's close.
     */
    static ShedLog withDaemonTimer(Duration interval, Consumer<String> warn, Consumer<Thread> made) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "serve-shed-log");
            t.setDaemon(true);
            made.accept(t);
            return t;
        });
        executor.setKeepAliveTime(1, TimeUnit.MINUTES);
        executor.allowCoreThreadTimeOut(true);
        Timer timer = (task, delayNanos) -> {
            try {
                executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // closed meanwhile: close() said what this refusal was counted in
            }
        };
        return new ShedLog(interval, System::nanoTime, warn, timer, executor::shutdownNow);
    }

    /** Counts one refusal for the limit (the option's name without dashes, e.g. "max-waiting"); may write the line. */
    void shed(String limit) {
        String line = null;
        long delay = -1;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            first.putIfAbsent(kind(limit), now); // the first refusal of its kind not yet said: its window starts here
            counts.merge(limit, 1L, Long::sum);
            if (!said || closed || now - lastLine >= intervalNanos) {
                line = lineLocked(now);
            } else if (!scheduled) {
                scheduled = true;
                delay = lastLine + intervalNanos - now;
            }
        }
        if (line != null) {
            warn.accept(line);
        }
        if (delay >= 0) {
            timer.schedule(this::due, delay);
        }
    }

    /** The end of an interval: says what was counted in it. */
    private void due() {
        String line = null;
        long delay = -1;
        synchronized (this) {
            scheduled = false;
            if (counts.isEmpty() || closed) {
                return;
            }
            long now = nanoTime.getAsLong();
            if (now - lastLine < intervalNanos) { // a line was said since (a refusal after the interval): wait for its end
                scheduled = true;
                delay = lastLine + intervalNanos - now;
            } else {
                line = lineLocked(now);
            }
        }
        if (line != null) {
            warn.accept(line);
        }
        if (delay >= 0) {
            timer.schedule(this::due, delay);
        }
    }

    /** Says the refusals counted since the last line, if any. */
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

    /** At the stop: says what is left ({@link #flush()}) and stops the timer; later refusals are said at once. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        flush();
        stopTimer.run();
    }

    /** The kind a limit's refusals are said and timed under: load shed ("shed"), or {@link #MAX_BODY}, {@link #BODY_TIMEOUT}. */
    private static String kind(String limit) {
        return limit.equals(MAX_BODY) || limit.equals(BODY_TIMEOUT) ? limit : "shed";
    }

    private String lineLocked(long now) {
        // a body over --max-body is the request's own size (413), not load: said apart from the 503s of shedding (a trial read
        // one oversize body's line as the server being overloaded); so are the 408s of slow uploads
        long bodies = counts.getOrDefault(MAX_BODY, 0L);
        long timedOut = counts.getOrDefault(BODY_TIMEOUT, 0L);
        long shed = counts.values().stream().mapToLong(Long::longValue).sum() - bodies - timedOut;
        StringJoiner by = new StringJoiner(", ");
        counts.entrySet().stream().filter(e -> kind(e.getKey()).equals("shed"))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()) // the most first
                .forEach(e -> by.add(e.getValue() + " for --" + e.getKey()));
        counts.clear();
        said = true;
        lastLine = now;
        StringJoiner line = new StringJoiner("; ");
        if (shed > 0) {
            line.add("shedding load: " + shed + " predict request(s) refused" + since(first.get("shed"), now) + ": " + by
                    + " (503 with Retry-After)");
        }
        if (bodies > 0) {
            line.add(bodies + " predict request(s) refused" + since(first.get(MAX_BODY), now) + " for a body over --max-body (413: "
                    + "the request's size, not load)");
        }
        if (timedOut > 0) {
            line.add(timedOut + " predict request(s) timed out" + since(first.get(BODY_TIMEOUT), now) + ": their bodies did not "
                    + "arrive within --body-timeout (408: slow uploads, a slow link or clients trickling their bodies; not load, "
                    + "and they held no --max-concurrent slot)");
        }
        first.clear();
        return line + "; at most one such line per " + Messages.seconds(Duration.ofNanos(intervalNanos));
    }

    /** " in the last 2.1 s": from a kind's first refusal not yet said to now, to a tenth of a second; nothing under 0.05 s. */
    private static String since(long first, long now) {
        long tenths = Math.round((now - first) / 1e8);
        return tenths == 0 ? "" : " in the last " + Messages.seconds(Duration.ofMillis(tenths * 100));
    }
}
