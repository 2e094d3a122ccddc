package org.rnnlab.datasets;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stop asked for (Ctrl-C, SIGTERM) while data are read and checked: the command's stop flag ({@code ShutdownStop}'s,
 * set by its shutdown hook) watched by the long loops of the reading and of the checks after it, which end the load at
 * their next poll with {@link Stopped}. Before, the flag was read only once the load had ended: a trial's SIGTERM 33 s
 * into the checks of a 600,000-row file took effect 51 s later, and on a 4-million-row file the checks alone ran 13
 * minutes (trial 78c F3). The flag is the calling thread's ({@link #watching}), as the load runs in it; a thread that
 * watches none never stops here.
 */
public final class LoadStop {

    private static final ThreadLocal<AtomicBoolean> FLAG = new ThreadLocal<>();

    private LoadStop() {
    }

    /** The load ended at a stop asked for; nothing it would have made exists. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped while loading the data", null, false, false);
        }
    }

    /**
     * Watches {@code flag} in the loads of this thread until the returned handle is closed (the previous flag, if any,
     * is watched again then).
     */
    public static AutoCloseable watching(AtomicBoolean flag) {
        AtomicBoolean previous = FLAG.get();
        FLAG.set(flag);
        return () -> {
            if (previous == null) {
                FLAG.remove();
            } else {
                FLAG.set(previous);
            }
        };
    }

    /** Whether a stop was asked for in this thread's load. */
    public static boolean requested() {
        AtomicBoolean flag = FLAG.get();
        return flag != null && flag.get();
    }

    /** Ends the load with {@link Stopped} when a stop was asked for; a cheap poll for loops over rows. */
    public static void check() {
        if (requested()) {
            throw new Stopped();
        }
    }
}
