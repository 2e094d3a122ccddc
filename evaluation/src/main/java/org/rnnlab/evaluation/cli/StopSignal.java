package org.rnnlab.evaluation.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Which signal (SIGTERM, SIGINT, SIGHUP) is stopping the JVM, for the messages of a command stopped while it writes
 * (a shutdown hook cannot tell: compare printed the raw text of the exception its report writing then met, "(closed)").
 * {@link #install} puts a handler before the JVM's own for each of the three that records the first signal and then
 * hands it on, so the JVM stops as before (shutdown hooks, exit 128 + the signal's number). A signal the process was
 * started ignoring stays ignored; under {@code -Xrs} nothing is recorded.
 */
final class StopSignal {
    private static final AtomicReference<String> RECEIVED = new AtomicReference<>();
    private static boolean installed;

    private StopSignal() {
    }

    /** Installs the recording handlers, once per JVM. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        for (String name : List.of("TERM", "INT", "HUP")) {
            Signal signal = new Signal(name);
            AtomicReference<SignalHandler> previous = new AtomicReference<>();
            try {
                previous.set(Signal.handle(signal, s -> {
                    RECEIVED.compareAndSet(null, "SIG" + s.getName());
                    handOn(previous.get(), s);
                }));
            } catch (IllegalArgumentException reserved) {
                // -Xrs, or the signal is used by the VM: the JVM's own behaviour stays, unrecorded
            }
        }
    }

    /** The JVM's own handler stops it (exit 128 + the number); without one (none was there), the same exit. */
    private static void handOn(SignalHandler previous, Signal s) {
        if (previous == SignalHandler.SIG_IGN) {
            return;
        }
        if (previous != null && previous != SignalHandler.SIG_DFL) {
            previous.handle(s);
        } else {
            System.exit(128 + s.getNumber());
        }
    }

    /** The signal received since {@link #install}, e.g. {@code SIGTERM}; empty if none was. */
    static Optional<String> received() {
        return Optional.ofNullable(RECEIVED.get());
    }
}
