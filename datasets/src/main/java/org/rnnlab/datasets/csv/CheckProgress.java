package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when the checks that follow a large training file's reading start (sequence ids, time order, duplicates, feature
 * values, the splits), every few seconds that they go on, and when they end. A network-flow trial's 19 MB file was read in
 * 1.4-1.9 s with its lines, then 12-76 s of checks passed without one: the wait looked like a hang. The checks are many
 * passes of their own over the rows, so no share done is said, only the time so far, from a daemon thread (the checks
 * themselves are untouched). Files under {@link CsvTable#LARGE_FILE_BYTES} say nothing, as their reading does not.
 */
final class CheckProgress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckProgress.class);
    /** How often a line says that the checks go on, as the reading's progress lines are spaced. */
    static final long PERIOD_MILLIS = 5_000;
    private static final CheckProgress NONE = new CheckProgress(null, null, 0);

    private final String name;
    private final ScheduledExecutorService timer;
    private final long started;

    private CheckProgress(String name, ScheduledExecutorService timer, long started) {
        this.name = name;
        this.timer = timer;
        this.started = started;
    }

    /** The checks of {@code rows} rows of {@code file} begin: said for a large file, else nothing. */
    static CheckProgress start(Path file, int rows) {
        return start(file, rows, file.toFile().length() >= CsvTable.LARGE_FILE_BYTES, PERIOD_MILLIS);
    }

    /** As {@link #start(Path, int)}, large or not as given, a line every {@code periodMillis} (tests use a short one). */
    static CheckProgress start(Path file, int rows, boolean large, long periodMillis) {
        if (!large) {
            return NONE;
        }
        String name = file.getFileName().toString();
        LOG.info("csv: checking {} rows of {} (sequence ids, time order, duplicates, feature values, splits) ...", rows, name);
        long started = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rnnlab-csv-checks");
            t.setDaemon(true); // never keeps the JVM alive
            return t;
        });
        timer.scheduleAtFixedRate(() -> LOG.info(String.format(Locale.ROOT, "csv: still checking %s (%.0f s so far)", name,
                (System.nanoTime() - started) / 1e9)), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return new CheckProgress(name, timer, started);
    }

    /** The checks passed: said with their time, and the lines stop. */
    void done() {
        if (timer != null) {
            close();
            LOG.info(String.format(Locale.ROOT, "csv: checked %s in %.1f s", name, (System.nanoTime() - started) / 1e9));
        }
    }

    /** The lines stop (also when the data are refused: the error follows). */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS); // no line after the checks' end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
