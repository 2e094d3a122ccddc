package org.rnnlab.evaluation.cli;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What {@code rnnlab serve} does with each stop signal (SIGTERM, SIGHUP, SIGINT): the first starts the graceful stop; one
 * within {@link #SAME_STOP} of it is the same stop delivered again and is only noted; one after that is the operator's
 * second Ctrl-C, "stop now", and ends the process at once without waiting for the requests in flight.
 *
 * <p>Why a second later: GNU {@code timeout} signals its child and then its whole process group, the child included (as
 * does a script that kills a process and then its group), so serve can get two SIGTERMs microseconds apart. Usually they merge
 * into one pending signal; an ops trial saw them arrive apart once in 6 tries, and the second skipped the drain. systemd's
 * {@code SendSIGHUP=yes} sends SIGHUP right after its SIGTERM, so a signal of another kind within the second is the same
 * stop too. A person's second Ctrl-C comes later than that.
 *
 * <p>Each signal's handler runs on a thread of its own, so the caller takes the decision and says it under one lock: the
 * messages then come in the order the signals were taken (the trial's "SIGTERM again" was printed before the first
 * SIGTERM's line).
 */
final class ServeSignals {
    /** A signal within this time of the first is the same stop, delivered again. */
    static final Duration SAME_STOP = Duration.ofSeconds(1);

    /** What to do with a signal. */
    enum Action {
        /** The first: stop gracefully. */
        STOP,
        /** Within {@link #SAME_STOP} of the first: the same stop; go on draining. */
        REPEAT,
        /** Later: stop now, without waiting for the requests in flight. */
        HALT
    }

    /**
     * The decision on one signal.
     *
     * @param action     what to do
     * @param first      the name of the first signal ({@code TERM}); this one's for the first
     * @param afterFirst how long after the first this one came (zero for the first)
     */
    record Taken(Action action, String first, Duration afterFirst) {
    }

    private final LongSupplier nanoTime;
    private String first;
    private long firstAt;

    /** @param nanoTime the clock, in the nanoseconds of {@link System#nanoTime()} */
    ServeSignals(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The decision on a signal of this name ({@code TERM}, {@code INT}, {@code HUP}) taken now. */
    synchronized Taken on(String name) {
        long now = nanoTime.getAsLong();
        if (first == null) {
            first = name;
            firstAt = now;
            return new Taken(Action.STOP, name, Duration.ZERO);
        }
        Duration after = Duration.ofNanos(now - firstAt);
        return new Taken(after.compareTo(SAME_STOP) < 0 ? Action.REPEAT : Action.HALT, first, after);
    }
}
