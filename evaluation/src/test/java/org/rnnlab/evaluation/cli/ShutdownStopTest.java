package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.LoadStop;

/**
 * A stop signal while train reads and checks its data is said at once and reaches the loops of the load through {@link
 * LoadStop} (trial 78c F3: the checks of a 600,000-row file ran on for 51 s after a SIGTERM, without a word).
 */
class ShutdownStopTest {

    @Test
    void theHookSaysTheStopAtOnceWhileAnnouncedAndTheLoadSeesTheFlag() throws Exception {
        ShutdownStop shutdown = ShutdownStop.install("rnnlab-test-sigint", 5);
        StringWriter err = new StringWriter();
        Thread hook = shutdown.hook();
        try (AutoCloseable watching = LoadStop.watching(shutdown.flag());
             AutoCloseable said = shutdown.announce(new PrintWriter(err), "train: stop requested: ending the data's reading "
                     + "and checks; no run folder is written")) {
            assertThat(LoadStop.requested()).isFalse();
            hook.start(); // as the JVM starts it on SIGINT or SIGTERM
            long until = System.nanoTime() + 5_000_000_000L;
            while (!LoadStop.requested() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(LoadStop.requested()).isTrue(); // the load's next poll ends it
            Thread.sleep(50);
            assertThat(err.toString()).contains("train: stop requested: ending the data's reading and checks; no run folder is written");
            assertThat(hook.isAlive()).isTrue(); // holding the exit until the run has said what it kept
        } finally {
            shutdown.close();
        }
        hook.join(2000);
        assertThat(hook.isAlive()).isFalse();
    }

    @Test
    void afterTheLoadTheHookSaysNothingOfItsOwn() throws Exception {
        ShutdownStop shutdown = ShutdownStop.install("rnnlab-test-sigint", 5);
        StringWriter err = new StringWriter();
        try {
            shutdown.announce(new PrintWriter(err), "train: stop requested").close(); // the load ended
            shutdown.hook().start();
            shutdown.hook().join(200);
            assertThat(shutdown.flag().get()).isTrue();
            assertThat(err.toString()).isEmpty(); // training says its own stop (the checkpoint line)
        } finally {
            shutdown.close();
        }
    }
}
