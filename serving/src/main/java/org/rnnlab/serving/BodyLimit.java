package org.rnnlab.serving;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read through a byte limit ({@code --max-body}): reading past it throws {@link TooLarge}. Closing it
 * leaves the body open, so that the server can still read and discard the rest before it answers 413 (see
 * {@code ModelServer.refuseTooLarge}); Jetty's own {@code SizeLimitHandler} fails the request instead, and the rest
 * can no longer be read.
 */
final class BodyLimit extends FilterInputStream {
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
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws TooLarge {
        read += n;
        if (read > limit) {
            throw new TooLarge(limit);
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // the server closes the body itself, after it may have drained it
    }
}
