package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says how far the reading of a folder's sequence files is: at once, for a folder of {@value #ANNOUNCED_FILES} files or
 * more, {@code csv: reading 5000 files of DIR}; then, for any folder whose reading takes {@value #PERIOD_MILLIS} ms or
 * more, every {@value #PERIOD_MILLIS} ms the files read so far with the share and time, and at the end the time it took.
 * Trial 78c F5: a folder of 5,000 files (123 MB) said nothing for 170 s, where one file of that size says its reading every
 * 5 s ({@link CsvTable}). Checked between files, on the reading thread (no timer: a file is read in milliseconds). The system
 * properties {@code rnnlab.folderAnnouncedFiles} and {@code rnnlab.folderProgressMillis} set other bounds (for tests).
 */
final class FolderProgress {

    private static final Logger LOG = LoggerFactory.getLogger(FolderProgress.class);
    /** A folder of so many listed files or more is announced before its first file is read (500 take a few seconds). */
    static final int ANNOUNCED_FILES = 500;
    /** How often a line says how far the reading is. */
    static final long PERIOD_MILLIS = 5_000;

    private final Path folder;
    private final int files;
    private final long periodNanos;
    private final long started = System.nanoTime();
    private long said = started;
    /** Whether a line was said, so that the end is said too (and only then). */
    private boolean spoke;

    private FolderProgress(Path folder, int files, long periodNanos) {
        this.folder = folder;
        this.files = files;
        this.periodNanos = periodNanos;
    }

    /** The reading of the {@code files} listed files of {@code folder} begins: announced at once when they are many. */
    static FolderProgress start(Path folder, int files) {
        FolderProgress progress = new FolderProgress(folder, files,
                Long.getLong("rnnlab.folderProgressMillis", PERIOD_MILLIS) * 1_000_000L);
        if (files >= Integer.getInteger("rnnlab.folderAnnouncedFiles", ANNOUNCED_FILES)) {
            progress.spoke = true;
            LOG.info("csv: reading {} files of {}", files, folder);
        }
        return progress;
    }

    /** {@code done} of the files were read (or skipped): said when a period has passed since the last line. */
    void read(int done) {
        long now = System.nanoTime();
        if (now - said >= periodNanos) {
            said = now;
            spoke = true;
            LOG.info(String.format(Locale.ROOT, "csv: %s: %d of %d files read (%.0f%%, %.0f s so far)", folder, done, files,
                    100.0 * done / Math.max(1, files), (now - started) / 1e9));
        }
    }

    /** Every file was read: said with the time when a line said that the reading runs. */
    void done() {
        if (spoke) {
            LOG.info(String.format(Locale.ROOT, "csv: read %d files of %s in %.1f s", files, folder, (System.nanoTime() - started) / 1e9));
        }
    }
}
