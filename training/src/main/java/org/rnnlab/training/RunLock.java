package org.rnnlab.training;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a run folder, held while a command trains into it: a second command that would write there
 * at the same time ({@code train --resume} or {@code compare --resume} of a run still going, {@code --overwrite} of
 * it) is refused instead of training beside it into the same checkpoints and results (a user's try: a resumed run
 * and the original both finished, both wrote {@code model.rnnlab}). The lock is the operating system's on the
 * folder's marker file ({@link RunDirectory#MARKER}), so it ends with the process that holds it, however that ends.
 * Within one process the locked folders are also kept in a set: the operating system's lock belongs to the process,
 * and closing a second channel on the same file (a refused attempt) would drop it.
 *
 * <p>A folder that is not an rnnlab run folder ({@link RunDirectory#isRunFolder}) is not locked and not marked: the
 * command then says what is wrong with it (a mistyped {@code --resume data/} must not turn a data folder into a run
 * folder that {@code --overwrite} would empty).
 */
public final class RunLock implements AutoCloseable {

    /** The marker files this process holds locks on (real paths). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path marker;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path marker, FileChannel channel, FileLock lock) {
        this.marker = marker;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the run folder {@code dir} (writing the marker of an older run folder that has none); a folder that is not a
     * run folder gets a lock that holds nothing.
     *
     * @throws IllegalStateException if another command (in this or another process) holds the lock
     */
    public static RunLock acquire(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || !RunDirectory.isRunFolder(dir)) {
            return new RunLock(null, null, null);
        }
        Path key = dir.toRealPath().resolve(RunDirectory.MARKER);
        if (!HELD.add(key)) {
            throw busy(dir); // held in this process: opening the file again and closing it would drop the holder's lock
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(RunDirectory.MARKER), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            HELD.remove(key);
            channel.close();
            throw busy(dir);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            channel.close();
            throw e;
        }
        if (lock == null) {
            HELD.remove(key);
            channel.close();
            throw busy(dir);
        }
        return new RunLock(key, channel, lock);
    }

    private static IllegalStateException busy(Path dir) {
        return new IllegalStateException("run folder " + dir + " is in use: another rnnlab command is still running in it (it "
                + "holds the lock on " + RunDirectory.MARKER + "); wait for it to end or stop it first");
    }

    /** Refuses a run folder that a running command holds (before it is emptied or continued). */
    static void requireFree(Path dir) throws IOException {
        acquire(dir).close();
    }

    @Override
    public void close() throws IOException {
        if (channel == null) {
            return;
        }
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(marker);
            }
        }
    }
}
