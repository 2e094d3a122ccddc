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
    /** Said by the hook the moment it sets the flag, while set ({@link #announce}); null for nothing. */
    private volatile Runnable announcement;

    private ShutdownStop(String name, long waitSeconds) {
        hook = new Thread(() -> {
            stop.set(true);
            Runnable say = announcement;
            if (say != null) {
                say.run();
            }
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

    /**
     * While the returned handle is open, a stop is said at once by the hook, with {@code line} on {@code err}: in a phase
     * whose own message comes only when the phase has ended (the data's reading and checks poll the flag, and a trial's
     * SIGTERM during them got no word for 51 s, trial 78c F3), the user learns that the stop was seen.
     */
    AutoCloseable announce(java.io.PrintWriter err, String line) {
        announcement = () -> {
            err.println(line);
            err.flush();
        };
        return () -> announcement = null;
    }

    /** The flag the hook sets, for the run to watch. */
    AtomicBoolean flag() {
        return stop;
    }

    /** The hook's thread (tests run it as the JVM would on a signal). */
    Thread hook() {
        return hook;
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
