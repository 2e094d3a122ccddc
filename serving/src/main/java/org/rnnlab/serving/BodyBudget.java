package org.rnnlab.serving;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of predict bodies the server holds at once ({@code --body-bytes-in-flight}): a request reserves its
 * {@code Content-Length} before its body is read and gives it back once answered, since the parsed sequences live until
 * they are predicted. A request that does not fit is answered 503 with {@code Retry-After} instead of being read.
 *
 * <p>Why bytes and not requests: a parsed body takes several times its size on the heap, so sixty concurrent bodies
 * just under 16 MiB ran a 2 GiB heap out of memory, while hundreds of small requests at once are harmless and batch
 * well. A body of unknown length (chunked) reserves as it is read, 64 KiB at a time and before the bytes are kept, and is
 * refused 503 when a step does not fit. Jetty has no handler that counts bytes this way (its {@code QoSHandler} counts
 * requests, which the server uses for threads).
 */
final class BodyBudget {
    /** How much a body of unknown length reserves at a time. */
    static final long STEP = 64 * 1024;

    /** Thrown when a body of unknown length outgrows what is left of the budget. */
    static final class Exhausted extends IOException {
        Exhausted() {
            super("the budget of body bytes in flight is used up", null);
        }
    }

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /** Bytes reserved now. */
    long used() {
        return used.get();
    }

    /** Reserves {@code bytes} if they fit. */
    boolean tryReserve(long bytes) {
        while (true) {
            long u = used.get();
            if (u + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(u, u + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** One request's share: what it reserved, given back once by {@link #close()}. */
    final class Reservation implements AutoCloseable {
        private long reserved;
        private boolean closed;

        /** Reserves {@code length} bytes (a known Content-Length; 0 or less: none yet); false if they do not fit. */
        synchronized boolean reserve(long length) {
            if (length <= 0) {
                return true;
            }
            if (!tryReserve(length)) {
                return false;
            }
            reserved += length;
            return true;
        }

        /** The body, reserving {@link #STEP} more whenever it is read past what is reserved (a body of unknown length). */
        InputStream counting(InputStream body) {
            return new CountingBody(body) {
                private long read;

                @Override
                protected void count(long n) throws Exhausted {
                    read += n;
                    if (!cover(read)) {
                        throw new Exhausted();
                    }
                }
            };
        }

        /**
         * Reserves {@link #STEP} more at a time until {@code bytes} are covered (a body of unknown length read that far); false
         * when a step does not fit, or after {@link #close()}.
         */
        synchronized boolean cover(long bytes) {
            while (bytes > reserved) {
                if (closed || !tryReserve(STEP)) {
                    return false;
                }
                reserved += STEP;
            }
            return true;
        }

        /** The bytes reserved now: what a body being read may keep, no more ({@link BodyFirst} sizes its buffers by it). */
        synchronized long reserved() {
            return reserved;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release(reserved);
                reserved = 0;
            }
        }
    }

    Reservation reservation() {
        return new Reservation();
    }
}
