package org.rnnlab.serving;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads the whole body of a predict request before the request goes on to admission ({@code --max-concurrent}), without a
 * thread while it waits for bytes, so that slow uploads hold no admission slot: a load trial's 64 clients each sending a
 * valid 2.1 KB body at one byte per 5 s held all 64 slots until their 408 at {@code --body-timeout} (60 s), and no prediction
 * was answered meanwhile (the good client's requests waited {@code --max-wait} and got 503).
 *
 * <p>What is read is bounded as the API bounded it while it read in its slot: a body is kept in memory only within its
 * reservation of {@code --body-bytes-in-flight} ({@link BodyBudget}: its {@code Content-Length} before a byte is read,
 * a chunked one 64 KiB at a time, each step reserved before a byte of it is copied, into buffers no larger than what is
 * reserved) and up to {@code --max-body}, and only until {@code --body-timeout} ({@link BodyDeadline}). A body the API
 * will refuse (from its path, query or headers, a {@code Content-Length} over {@code --max-body}, one that does not fit
 * in the budget, or once it outgrows either) is read and discarded, as far as the API's own drain would read it
 * ({@link ModelServer#drainBound()}, {@link ModelServer#DRAIN_BYTES}), so that its client, which may write its whole
 * body before it reads, gets the refusal; and not at all when its client waits for {@code 100 Continue}. Then the request
 * goes on with its body replaced by what was kept, followed by the end of the body or by the failure that ended reading
 * it (the deadline, the idle timeout, a closed connection, malformed framing): the API reads it, in memory, as it read
 * the live body, and answers as it did (200, 400, 408, 413, 499, 503). Only a whole body kept here passes admission, so
 * that a slot is held for the time of parsing and predicting only; a refused or failed one goes to the API directly
 * (its answer needs no slot).
 *
 * <p>Why the chunked steps are reserved first: a review found that a chunked body filled a 64 KiB buffer and reserved it
 * after, so that at a full budget the buffer, unreserved, was held while the rest of the body was discarded, up to
 * {@code --body-timeout}: N trickling chunked uploads held N x 64 KiB outside the budget (10,000 of them 640 MiB, five
 * times the default budget). And at most {@link #maxReading} bodies are read at once; a predict request beyond that is
 * answered 503 at once, unread, as admission's queue answered one beyond {@code --max-concurrent} plus
 * {@code --max-waiting} before bodies were read first: each body being read still costs a little heap outside the budget
 * (its reader, the connection's request), and nothing else bounded how many there are.
 */
final class BodyFirst extends Handler.Wrapper {
    /** The request attribute of a request whose body was read here: its {@link Prefetched}. */
    static final String PREFETCHED = BodyFirst.class.getName() + ".prefetched";

    /**
     * What was read here, for the API.
     *
     * @param reservation the request's share of {@code --body-bytes-in-flight}, given back when the request completes
     * @param fits        whether its {@code Content-Length} fitted in the budget (false: the API answers 503)
     */
    record Prefetched(BodyBudget.Reservation reservation, boolean fits) {
    }

    /**
     * How much of a kept body one buffer holds at most (less for the rest of a declared length): small pieces of a trickle
     * are gathered, not kept one array each.
     */
    private static final int SEGMENT = 64 * 1024;

    /** Answers a predict request refused unread because {@code limit} bodies are being read already (a 503 with Retry-After). */
    @FunctionalInterface
    interface Refusal {
        void refuse(Request request, Response response, Callback callback, int limit);
    }

    /**
     * The most predict bodies read at once, before admission: twice {@code --max-concurrent} plus {@code --max-waiting} (384
     * at the defaults). As many as admission holds ({@code --max-concurrent} handled, {@code --max-waiting} waiting), the
     * number beyond which a flood was answered 503 before bodies were read first, plus {@code --max-concurrent} more: so that
     * as many slow uploads as {@code --max-concurrent}, which blocked every prediction before (trial 79e F1), still leave
     * room for every other request admission can hold, even with {@code --max-waiting 0}.
     */
    static int maxReading(ServeOptions.Admission admission) {
        return (int) Math.min(Integer.MAX_VALUE, 2L * admission.maxConcurrent() + admission.maxWaiting());
    }

    private final BodyBudget budget;
    private final long maxBody;
    private final long drainBound;
    private final Duration bodyTimeout;
    private final Predicate<Request> predict;
    private final Predicate<Request> refusedFromHeaders;
    private final ServeMetrics metrics;
    private final int maxReading;
    private final Refusal busy;
    /** The bodies being read now, bounded by {@link #maxReading}. */
    private final AtomicInteger reading = new AtomicInteger();
    /** The bytes of the buffers that the bodies being read hold now (for tests: they must stay within their reservations). */
    private final AtomicLong buffers = new AtomicLong();

    /**
     * @param predict            the requests whose bodies are read here (a POST to a predict endpoint)
     * @param refusedFromHeaders whether the API refuses a request from its path, query or headers (404, 400, 415)
     * @param drainBound         how much of a refused body the API reads to its end ({@link ModelServer#drainBound()})
     * @param maxReading         the most bodies read at once ({@link #maxReading(ServeOptions.Admission)})
     * @param busy               answers a request beyond {@code maxReading}
     */
    BodyFirst(BodyBudget budget, long maxBody, long drainBound, Duration bodyTimeout, Predicate<Request> predict,
              Predicate<Request> refusedFromHeaders, ServeMetrics metrics, int maxReading, Refusal busy) {
        this.budget = budget;
        this.maxBody = maxBody;
        this.drainBound = drainBound;
        this.bodyTimeout = bodyTimeout;
        this.predict = predict;
        this.refusedFromHeaders = refusedFromHeaders;
        this.metrics = metrics;
        this.maxReading = maxReading;
        this.busy = busy;
    }

    /** The bytes of the buffers held by the bodies being read now (tests). */
    long bufferedBytes() {
        return buffers.get();
    }

    /** The bodies being read now (tests). */
    int readingCount() {
        return reading.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!predict.test(request)) {
            return super.handle(request, response, callback);
        }
        // counted in flight from here, as when the API read the body itself; and apart, as read before admission
        metrics.inFlight.inc();
        Callback done = Callback.from(callback, (Runnable) metrics.inFlight::dec);
        if (!startReading()) {
            busy.refuse(request, response, done, maxReading); // unread, as admission's queue refused one when it was full
            return true;
        }
        metrics.reading.inc();
        Reader reader = new Reader(request, response, done);
        try {
            reader.start();
        } catch (Throwable e) {
            // from the API's checks of the headers or the budget: answered by the API as a failed body (its 500 with an id),
            // so that the request is not counted in flight and being read for good (review 79b R5)
            reader.fail(e);
        }
        return true;
    }

    /** Counts one more body being read, if fewer than {@link #maxReading} are. */
    private boolean startReading() {
        while (true) {
            int n = reading.get();
            if (n >= maxReading) {
                return false;
            }
            if (reading.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** One request's body being read: started by {@link #handle}, then run again by each demand until the body is read. */
    private final class Reader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Request timed;
        private final BodyBudget.Reservation reservation = budget.reservation();
        private final Deque<Content.Chunk> kept = new ArrayDeque<>();
        private byte[] segment;
        private int segmentSize;
        /** The bytes of the buffers allocated here, counted in {@link #buffers} until handed on. */
        private long held;
        private long read;
        /** Whether what is read is kept; else it is discarded up to {@link #discardBound}. */
        private boolean keeping = true;
        private long discarded;
        private long discardBound;
        private boolean fits = true;
        /** What follows the kept bytes once reading ends: the end of the body, or the failure that ended it. */
        private Content.Chunk end = Content.Chunk.EOF;
        private boolean handedOn;
        private final long deadline = org.eclipse.jetty.util.NanoTime.now() + bodyTimeout.toNanos();
        /** The connection's idle timeout before it was cut to the deadline ({@link #idleUntilDeadline}), or -1. */
        private long idleTimeout = -1;
        private boolean idleShortened;

        Reader(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.timed = new BodyDeadline(request, bodyTimeout);
            Request.addCompletionListener(request, failure -> reservation.close()); // the parsed body lives until answered
        }

        void start() {
            long declared = request.getLength();
            String expect = request.getHeaders().get(HttpHeader.EXPECT);
            boolean waitsForContinue = expect != null && expect.trim().equalsIgnoreCase("100-continue");
            if (refusedFromHeaders.test(request) || declared > maxBody) {
                discardFromHeaders(drainBound, waitsForContinue); // the API's 404, 400, 415 or 413, as it drained them
            } else if (!reservation.reserve(declared)) {
                fits = false;
                discardFromHeaders(ModelServer.DRAIN_BYTES, waitsForContinue); // the API's 503 (--body-bytes-in-flight)
            } else {
                run();
            }
        }

        /** Hands the request on, once, with {@code failure} after what is kept: {@link #start()} failed. */
        void fail(Throwable failure) {
            if (!handedOn) {
                keeping = false;
                end = Content.Chunk.from(failure, true);
                handOn();
            }
        }

        /** A body refused before a byte of it is read: nothing read if its client waits for 100 Continue, else discarded. */
        private void discardFromHeaders(long toEnd, boolean waitsForContinue) {
            if (waitsForContinue) {
                keeping = false;
                handOn(); // no read, so no 100 Continue: the client waits for the answer and sends no body
                return;
            }
            discard(toEnd, null);
            run();
        }

        /**
         * From here on, what is read is discarded up to the API's drain bound; {@code failure} then follows what was kept. The
         * open buffer is cut to what it holds, so that the drain, which may last until {@code --body-timeout}, holds no room
         * for bytes that will not come.
         */
        private void discard(long toEnd, Throwable failure) {
            keeping = false;
            if (segment != null && segmentSize < segment.length) {
                byte[] used = java.util.Arrays.copyOf(segment, segmentSize);
                hold(used.length - segment.length);
                segment = used;
            }
            closeSegment();
            long declared = request.getLength();
            discardBound = declared > toEnd ? ModelServer.DRAIN_BYTES : toEnd;
            if (failure != null) {
                end = Content.Chunk.from(failure, true);
            }
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Content.Chunk chunk = timed.read();
                    if (chunk == null) {
                        idleUntilDeadline();
                        timed.demand(this); // no thread held until more bytes come (or the deadline, or the idle timeout)
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        if (keeping) {
                            Throwable failure = chunk.getFailure();
                            if (idleShortened && failure instanceof java.util.concurrent.TimeoutException) {
                                failure = new BodyDeadline.Expired(bodyTimeout); // the idle timeout cut to the deadline
                            }
                            end = Content.Chunk.from(failure, true); // the API answers it: 408, 499, 400
                        }
                        break;
                    }
                    boolean last = chunk.isLast();
                    ByteBuffer bytes = chunk.getByteBuffer();
                    if (keeping) {
                        keep(bytes);
                    }
                    if (!keeping) {
                        discarded += bytes.remaining(); // all of it, or what keep() did not keep
                    }
                    chunk.release();
                    if (last || (!keeping && discarded >= discardBound)) {
                        break;
                    }
                }
            } catch (Throwable e) {
                end = Content.Chunk.from(e, true);
            }
            handOn();
        }

        /**
         * Keeps the bytes of a chunk within the body's reservation and {@code --max-body}; past either, discards the rest. A
         * chunked body reserves the bytes before it copies them, so that what it keeps is always within the budget.
         */
        private void keep(ByteBuffer bytes) {
            long declared = request.getLength();
            boolean tooLarge = read + bytes.remaining() > maxBody; // chunked: a declared length over it was refused unread
            int take = tooLarge ? (int) (maxBody - read) : bytes.remaining();
            if (declared < 0 && !reservation.cover(read + take)) {
                if (!tooLarge) {
                    // past what is left of the budget: the API's 503 after what is kept (or a 400 of what came before)
                    discard(ModelServer.DRAIN_BYTES, new BodyBudget.Exhausted());
                    return;
                }
                take = 0; // past --max-body too: its 413 comes first, as when the API read the body itself
            }
            for (int left = take; left > 0; ) {
                if (segment == null) {
                    // no larger than what is reserved: what is left of a declared length (a body of 2 KB takes 2 KB), or
                    // of a chunked body's last step of the budget
                    long room = (declared >= 0 ? declared : reservation.reserved()) - read;
                    segment = new byte[(int) Math.max(1, Math.min(SEGMENT, room))];
                    segmentSize = 0;
                    hold(segment.length);
                }
                int n = Math.min(left, segment.length - segmentSize);
                bytes.get(segment, segmentSize, n);
                segmentSize += n;
                read += n;
                left -= n;
                if (segmentSize == segment.length) {
                    closeSegment();
                }
            }
            if (tooLarge) {
                // chunked, past --max-body: the API's 413 after what is kept (or a 400 of what came before)
                discard(drainBound, new BodyLimit.TooLarge(maxBody));
            }
        }

        private void hold(long bytes) {
            held += bytes;
            buffers.addAndGet(bytes);
        }

        private void closeSegment() {
            if (segment != null && segmentSize > 0) {
                kept.add(Content.Chunk.from(ByteBuffer.wrap(segment, 0, segmentSize), false));
            }
            segment = null;
        }

        /**
         * Hands the request on with its body replaced by what was kept: a whole body to admission and the API; one the API
         * refuses (read to its end here or not, or ended by a failure) to the API directly, which answers it without a slot to
         * wait for, so that 64 uploads that time out at once get their 408s, not 503s for {@code --max-waiting}.
         */
        /**
         * Cuts the connection's idle timeout to what is left until {@code --body-timeout}, so that a body that sends nothing
         * more ends at the deadline: the deadline itself is checked only as bytes arrive ({@link BodyDeadline}), and a
         * client that sent its headers and then nothing held its declared bytes for the 30 s idle timeout whatever
         * {@code --body-timeout} said (review 79b R2: 30.0 s with 3 s).
         */
        private void idleUntilDeadline() {
            org.eclipse.jetty.io.EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            long left = Math.max(1, org.eclipse.jetty.util.NanoTime.millisUntil(deadline));
            if (idleTimeout < 0) {
                idleTimeout = endPoint.getIdleTimeout();
            }
            if (idleTimeout <= 0 || left < idleTimeout) {
                endPoint.setIdleTimeout(left);
                idleShortened = true;
            }
        }

        private void handOn() {
            handedOn = true;
            if (idleShortened) { // the connection's own again, for the answer and the next request on it
                request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(idleTimeout);
            }
            closeSegment();
            buffers.addAndGet(-held); // from here on the API holds them, within the reservation, until it answers
            reading.decrementAndGet();
            metrics.reading.dec();
            request.setAttribute(PREFETCHED, new Prefetched(reservation, fits));
            Request buffered = new Kept(request, kept, end);
            boolean whole = keeping && fits && end == Content.Chunk.EOF;
            Handler next = getHandler();
            if (!whole && next instanceof Handler.Wrapper admission) {
                next = admission.getHandler();
            }
            try {
                if (!next.handle(buffered, response, callback)) {
                    Response.writeError(buffered, response, callback, 404);
                }
            } catch (Throwable e) {
                Response.writeError(buffered, response, callback, e);
            }
        }
    }

    /** A request whose body is the chunks kept, then the end of the body or the failure that ended reading it. */
    private static final class Kept extends Request.Wrapper {
        private final Deque<Content.Chunk> chunks;
        private final Content.Chunk end;

        Kept(Request request, Deque<Content.Chunk> chunks, Content.Chunk end) {
            super(request);
            this.chunks = chunks;
            this.end = end;
        }

        @Override
        public Content.Chunk read() {
            synchronized (chunks) {
                Content.Chunk c = chunks.poll();
                return c != null ? c : end;
            }
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // every byte is here: read() never returns null
        }

        @Override
        public void fail(Throwable failure) {
            synchronized (chunks) {
                chunks.clear();
            }
        }
    }
}
