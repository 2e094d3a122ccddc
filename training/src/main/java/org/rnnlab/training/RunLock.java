package org.rnnlab.training;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run folder, held while a command trains into it: a second command that would write there
 * at the same time ({@code train --resume} or {@code compare --resume} of a run still going, {@code --overwrite} of
 * it) is refused instead of training beside it into the same checkpoints and results (a user's try: a resumed run
 * and the original both finished, both wrote {@code model.rnnlab}). The lock is the operating system's on the
 * folder's marker file ({@link RunDirectory#MARKER}), so it ends with the process that holds it, however that ends.
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the run folder {@code dir} (creating its marker file if an older run has none).
     *
     * @throws IllegalStateException if another command (in this or another process) holds the lock
     */
    public static RunLock acquire(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(RunDirectory.MARKER), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this process
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("run folder " + dir + " is in use: another rnnlab command is still running in it (it "
                    + "holds the lock on " + RunDirectory.MARKER + "); wait for it to end or stop it first");
        }
        return new RunLock(channel, lock);
    }

    /** Refuses a run folder that a running command holds (before it is emptied or continued). */
    static void requireFree(Path dir) throws IOException {
        acquire(dir).close();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
