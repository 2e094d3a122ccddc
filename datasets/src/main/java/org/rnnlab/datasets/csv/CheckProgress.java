package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rnnlab.datasets.LoadStop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, once the checks that follow a training file's reading (sequence ids, time order, duplicates, feature values, the
 * splits), or a new data file's for predict and evaluate (trial 78c F4), have run for {@value #PERIOD_MILLIS} ms, that
 * they run, every few seconds more that they go on, and when they end. A network-flow trial's 19 MB file was read in
 * 1.4-1.9 s with its lines, then 12-76 s of checks passed without one: the wait looked like a hang. The checks are many
 * passes of their own over the rows, so no share of the whole is said, but the time so far and, where a long check
 * reports it ({@link #at}), which check runs and how far it is ({@code far values: 40% of 7200000 cells}; trial 78c F2:
 * 13 minutes of checks of a 4-million-row file said only the time), from a daemon thread. {@link #at} also polls the stop
 * flag ({@link LoadStop}): a Ctrl-C ends the checks there (trial 78c F3). The timer runs for every file, whatever its
 * size: the checks' time goes with rows, sequences and warnings, not bytes, and a trial's 14 MB file, under the 16 MiB at
 * which the reading speaks ({@link CsvTable#LARGE_FILE_BYTES}), was checked for 10 s without a line (trial 74d F9).
 * Checks over within the first period say nothing.
 */
final class CheckProgress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckProgress.class);
    /** How long the checks run before the first line, and how often a line then says that they go on. */
    static final long PERIOD_MILLIS = 5_000;

    /** The checks running in this thread, for {@link #at}. */
    private static final ThreadLocal<CheckProgress> CURRENT = new ThreadLocal<>();
    /** The checks of a training file, as the first line lists them. */
    static final String TRAINING_CHECKS = "sequence ids, time order, duplicates, feature values, splits";
    /** The checks of new data (predict, evaluate), as the first line lists them. */
    static final String NEW_DATA_CHECKS = "sequence ids, time order, feature values";

    private final String name;
    private final ScheduledExecutorService timer;
    /** The check running and how far it is, as the next line says it; null until a check reports. */
    private volatile String where;
    /** When {@link #where} was last reported ({@link System#nanoTime}): a line says it only if reported since the last line. */
    private volatile long whereAt;
    /** The period of the lines of checks started by {@link #start(Path, int)} and of new data (tests shorten it). */
    static volatile long period = PERIOD_MILLIS;
    private final long started;
    /**
     * The checks this thread ran when these started, which {@link #close} makes the current ones again (review 78 R4: nested
     * checks left the outer ones' {@link #at} reports going nowhere); null when none.
     */
    private CheckProgress outer;
    /** Whether a line was said, so that the end is said too (and only then). */
    private final java.util.concurrent.atomic.AtomicBoolean said = new java.util.concurrent.atomic.AtomicBoolean();

    private CheckProgress(String name, ScheduledExecutorService timer, long started) {
        this.name = name;
        this.timer = timer;
        this.started = started;
    }

    /** The checks of {@code rows} rows of a training file begin: said once they take {@value #PERIOD_MILLIS} ms. */
    static CheckProgress start(Path file, int rows) {
        return start(file, rows, TRAINING_CHECKS, period);
    }

    /** As {@link #start(Path, int)}, a line every {@code periodMillis} (tests use a short one). */
    static CheckProgress start(Path file, int rows, long periodMillis) {
        return start(file, rows, TRAINING_CHECKS, periodMillis);
    }

    /**
     * The checks {@code checks} (their names, as the first line lists them) of {@code rows} rows of {@code file} begin, in
     * this thread: a line once they take {@code periodMillis}, then one every {@code periodMillis}.
     */
    static CheckProgress start(Path file, int rows, String checks, long periodMillis) {
        String name = file.getFileName().toString();
        long started = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rnnlab-csv-checks");
            t.setDaemon(true); // never keeps the JVM alive
            return t;
        });
        CheckProgress progress = new CheckProgress(name, timer, started);
        long[] lastLine = {started};
        timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            double seconds = (now - started) / 1e9;
            // a check that reported in this period, not one that ended since (checks that do not report run after it)
            String at = progress.whereAt - lastLine[0] >= 0 ? progress.where : null;
            lastLine[0] = now;
            if (progress.said.compareAndSet(false, true)) {
                LOG.info(String.format(Locale.ROOT, "csv: checking %d rows of %s (%s): %.0f s so far%s ...", rows, name, checks,
                        seconds, at == null ? "" : ", " + at));
            } else {
                LOG.info(String.format(Locale.ROOT, "csv: still checking %s (%.0f s so far%s)", name, seconds,
                        at == null ? "" : "; " + at));
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        progress.outer = CURRENT.get();
        CURRENT.set(progress);
        return progress;
    }

    /**
     * Where the checks of this thread are: {@code done} of {@code total} {@code units} of the check {@code check}, said by
     * the next line ({@code far values: 40% of 600000 rows}); and the load ends here if a stop was asked for ({@link
     * LoadStop#check}). Cheap enough for every few thousand rows; a no-op for the timer when none runs.
     */
    static void at(String check, long done, long total, String units) {
        LoadStop.check();
        CheckProgress p = CURRENT.get();
        if (p != null && total > 0) {
            p.where = String.format(Locale.ROOT, "%s: %d%% of %d %s", check, Math.min(100, 100 * done / total), total, units);
            p.whereAt = System.nanoTime();
        }
    }

    /** The checks passed: said with their time if a line said that they run, and the lines stop. */
    void done() {
        close();
        if (said.get()) {
            LOG.info(String.format(Locale.ROOT, "csv: checked %s in %.1f s", name, (System.nanoTime() - started) / 1e9));
        }
    }

    /** The lines stop (also when the data are refused: the error follows); the outer checks, if any, are current again. */
    @Override
    public void close() {
        if (CURRENT.get() == this) {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS); // no line after the checks' end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
