package org.rnnlab.serving;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.NanoTime;

/**
 * A request whose body must have arrived by a deadline ({@code --body-timeout}): once past it, the next read fails with a
 * {@link TimeoutException} ({@link Expired}), which the server answers 408 and closes the connection.
 *
 * <p>The idle timeout (30 s) ends a body that stops; it does not end one that trickles: 250 connections each sending
 * 10 bytes every 5 s held all 200 HTTP threads, and no {@code /health} was answered. The check runs where Jetty's own
 * {@code MinimumDataRateHandler} checks its rate, at each demand for more bytes, so no timer is left behind; for a body
 * that sends nothing more, {@link BodyFirst} cuts the connection's idle timeout to the deadline while it waits (alone, this
 * check let a silent body hold its bytes for the 30 s idle timeout: a review measured 30.0 s with 3 s). A deadline rather than that handler's minimum rate: the rate is
 * judged from the first demand on, so a small body that came in three packets over a slow link fell under it, while a
 * deadline only asks the whole body to arrive in time (16 MiB in the default 60 s is 280 KB/s).
 */
final class BodyDeadline extends Request.Wrapper {
    /** The failure a read meets after the deadline. */
    static final class Expired extends TimeoutException {
        Expired(Duration timeout) {
            super("the request body did not arrive within " + timeout.toMillis() / 1000.0 + " s");
        }
    }

    private final long deadline;
    private final Duration timeout;
    private volatile Content.Chunk expired;

    BodyDeadline(Request request, Duration timeout) {
        super(request);
        this.timeout = timeout;
        this.deadline = NanoTime.now() + timeout.toNanos();
    }

    @Override
    public void demand(Runnable demandCallback) {
        if (expired == null && NanoTime.isBefore(deadline, NanoTime.now())) {
            expired = Content.Chunk.from(new Expired(timeout), true);
        }
        if (expired != null) {
            demandCallback.run();
            return;
        }
        super.demand(demandCallback);
    }

    @Override
    public Content.Chunk read() {
        Content.Chunk e = expired;
        return e != null ? e : super.read();
    }
}
