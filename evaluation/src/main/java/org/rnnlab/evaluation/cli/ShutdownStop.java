package org.rnnlab.evaluation.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT, SIGTERM) during a run: a shutdown hook sets the stop flag that the run watches, then
 * holds the JVM's exit until the command has written what it keeps (a checkpoint, the finished runs, a
 * partial report) and said so, or until a time limit passes. {@link #close} releases the hook and removes
 * it; call it after the last message a stopped run prints.
 */
final class ShutdownStop implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private ShutdownStop(String name, long waitSeconds) {
        hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(waitSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    /**
     * Installs the hook.
     *
     * @param name        the hook thread's name
     * @param waitSeconds how long the JVM's exit waits for {@link #close} at the most
     */
    static ShutdownStop install(String name, long waitSeconds) {
        ShutdownStop s = new ShutdownStop(name, waitSeconds);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** The flag the hook sets, for the run to watch. */
    AtomicBoolean flag() {
        return stop;
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting because of Ctrl-C: the hook is running and has been released
        }
    }
}
