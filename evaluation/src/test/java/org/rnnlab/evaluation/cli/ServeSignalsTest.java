package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.cli.ServeSignals.Action;

/** serve's decision on each stop signal: the first stops, one within 1 s of it is the same stop, a later one halts. */
class ServeSignalsTest {

    @Test
    void aSignalWithinASecondOfTheFirstIsTheSameStopALaterOneHalts() {
        AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(50));
        ServeSignals signals = new ServeSignals(now::get);
        assertThat(signals.on("TERM")).isEqualTo(new ServeSignals.Taken(Action.STOP, "TERM", Duration.ZERO));
        // GNU timeout: the child, then its process group, microseconds apart
        now.addAndGet(TimeUnit.MICROSECONDS.toNanos(40));
        assertThat(signals.on("TERM")).isEqualTo(new ServeSignals.Taken(Action.REPEAT, "TERM", Duration.ofNanos(40_000)));
        // systemd's SendSIGHUP=yes: SIGHUP right after SIGTERM
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(900));
        assertThat(signals.on("HUP").action()).isEqualTo(Action.REPEAT);
        // the operator's second Ctrl-C, a second or more after the first signal (not after the last repeat)
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100) - TimeUnit.MICROSECONDS.toNanos(40));
        assertThat(signals.on("INT")).isEqualTo(new ServeSignals.Taken(Action.HALT, "TERM", Duration.ofSeconds(1)));
    }
}
