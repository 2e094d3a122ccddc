package org.rnnlab.serving;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read through a byte limit ({@code --max-body}): reading past it throws {@link TooLarge}. Closing it
 * leaves the body open, so that the server can still read and discard the rest before it answers 413 (see
 * {@code ModelServer.refuseTooLarge}); Jetty's own {@code SizeLimitHandler} fails the request instead, and the rest
 * can no longer be read.
 */
final class BodyLimit extends CountingBody {
    /** Thrown on reading more than the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("request body over " + limit + " bytes");
        }
    }

    private final long limit;
    private long read;

    BodyLimit(InputStream body, long limit) {
        super(body);
        this.limit = limit;
    }

    @Override
    protected void count(long n) throws TooLarge {
        read += n;
        if (read > limit) {
            throw new TooLarge(limit);
        }
    }
}
