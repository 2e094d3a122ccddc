package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, once the checks that follow a training file's reading (sequence ids, time order, duplicates, feature values, the
 * splits) have run for {@value #PERIOD_MILLIS} ms, that they run, every few seconds more that they go on, and when they
 * end. A network-flow trial's 19 MB file was read in 1.4-1.9 s with its lines, then 12-76 s of checks passed without one:
 * the wait looked like a hang. The checks are many passes of their own over the rows, so no share done is said, only the
 * time so far, from a daemon thread (the checks themselves are untouched). The timer runs for every file, whatever its
 * size: the checks' time goes with rows, sequences and warnings, not bytes, and a trial's 14 MB file, under the 16 MiB at
 * which the reading speaks ({@link CsvTable#LARGE_FILE_BYTES}), was checked for 10 s without a line (trial 74d F9).
 * Checks over within the first period say nothing.
 */
final class CheckProgress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckProgress.class);
    /** How long the checks run before the first line, and how often a line then says that they go on. */
    static final long PERIOD_MILLIS = 5_000;

    private final String name;
    private final ScheduledExecutorService timer;
    private final long started;
    /** Whether a line was said, so that the end is said too (and only then). */
    private final java.util.concurrent.atomic.AtomicBoolean said = new java.util.concurrent.atomic.AtomicBoolean();

    private CheckProgress(String name, ScheduledExecutorService timer, long started) {
        this.name = name;
        this.timer = timer;
        this.started = started;
    }

    /** The checks of {@code rows} rows of {@code file} begin: said once they take {@value #PERIOD_MILLIS} ms. */
    static CheckProgress start(Path file, int rows) {
        return start(file, rows, PERIOD_MILLIS);
    }

    /** As {@link #start(Path, int)}, a line every {@code periodMillis} (tests use a short one). */
    static CheckProgress start(Path file, int rows, long periodMillis) {
        String name = file.getFileName().toString();
        long started = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rnnlab-csv-checks");
            t.setDaemon(true); // never keeps the JVM alive
            return t;
        });
        CheckProgress progress = new CheckProgress(name, timer, started);
        timer.scheduleAtFixedRate(() -> {
            double seconds = (System.nanoTime() - started) / 1e9;
            if (progress.said.compareAndSet(false, true)) {
                LOG.info(String.format(Locale.ROOT, "csv: checking %d rows of %s (sequence ids, time order, duplicates, feature "
                        + "values, splits): %.0f s so far ...", rows, name, seconds));
            } else {
                LOG.info(String.format(Locale.ROOT, "csv: still checking %s (%.0f s so far)", name, seconds));
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return progress;
    }

    /** The checks passed: said with their time if a line said that they run, and the lines stop. */
    void done() {
        close();
        if (said.get()) {
            LOG.info(String.format(Locale.ROOT, "csv: checked %s in %.1f s", name, (System.nanoTime() - started) / 1e9));
        }
    }

    /** The lines stop (also when the data are refused: the error follows). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS); // no line after the checks' end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
