package org.rnnlab.serving;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that reports every byte read or skipped to {@link #count}, which may refuse more by throwing: the
 * {@code --max-body} limit ({@link BodyLimit}) and the body bytes in flight ({@link BodyBudget}). Closing it leaves the
 * body open (the server closes the body itself, after it may have drained it); marks are not supported, so no byte is
 * counted twice.
 */
abstract class CountingBody extends FilterInputStream {

    CountingBody(InputStream body) {
        super(body);
    }

    /** Called with the number of bytes just read or skipped (more than 0). */
    protected abstract void count(long n) throws IOException;

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
        if (skipped > 0) {
            count(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // the server closes the body itself
    }
}
