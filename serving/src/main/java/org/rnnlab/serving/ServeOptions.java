package org.rnnlab.serving;

import java.time.Duration;
import java.util.List;

/**
 * How a {@link ModelServer} listens, batches and limits requests.
 *
 * @param host         address to bind (127.0.0.1: this machine only; an IPv6 address with or without brackets, ::1 or [::1])
 * @param port         TCP port; 0 picks a free one ({@link ModelServer#port()} says which)
 * @param maxBatch     the most sequences one model call takes from the queue (1 = no batching)
 * @param batchWait    how long a batch waits for more requests after the first (zero: takes only what is queued)
 * @param workers      batch workers per model (one per ND4J thread)
 * @param maxSequences the most sequences (or texts) in one request
 * @param maxLength    the most steps of one sequence; 0 = per model, the larger of 10,000 and 10 x the card's maxLength
 * @param maxBody      the largest request body in bytes (larger: 413)
 * @param drain        how long a stop waits for requests in flight
 * @param admission    how many predict requests, and how many bytes of their bodies, the server takes on at once
 * @param corsOrigins  the browser origins ({@code http://tablet.local:8000}, or {@code *} for any) allowed to call the API
 *                     from a web page (CORS: preflight OPTIONS answered 204, Access-Control-Allow-Origin on their answers);
 *                     empty: no CORS headers, OPTIONS is a 405
 * @param requireFeatureNames refuse steps given by position ({@code [1, 2, 3]}): each step must name its features
 *                     ({@code {"x": 1, ...}}), so that a client sending them in another order is refused, not scored
 */
public record ServeOptions(String host, int port, int maxBatch, Duration batchWait, int workers, int maxSequences, int maxLength,
                           long maxBody, Duration drain, Admission admission, List<String> corsOrigins, boolean requireFeatureNames) {

    /**
     * The limits that keep the server answerable under load or abuse: without them, 250 connections each sending a body
     * a few bytes at a time held all 200 HTTP threads (no {@code /health} answered), and 60 concurrent bodies just under
     * {@code --max-body} ran the heap out of memory while being parsed.
     *
     * @param bodyTimeout     the longest time the whole body of a predict request may take to arrive (longer: 408, closed)
     * @param maxConcurrent   predict requests admitted at once: being read, parsed, queued for or in prediction; each holds
     *                        an HTTP thread while its body is read, so this also keeps threads free for /health and /metrics
     * @param maxWaiting      predict requests waiting for admission, holding no thread (more: 503 at once)
     * @param maxWait         the longest a predict request waits for admission (longer: 503)
     * @param bodyBytesInFlight the most bytes of predict bodies being read, parsed, queued or predicted at once (more: 503);
     *                        0 = derived from the heap, {@link #defaultBodyBytesInFlight}
     */
    public record Admission(Duration bodyTimeout, int maxConcurrent, int maxWaiting, Duration maxWait, long bodyBytesInFlight) {
        /** Default: a predict body must arrive within 60 s (16 MiB at 280 KB/s). */
        public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);
        /** Default: 64 predict requests at once (a full batch of one-sequence requests), a third of the 200 HTTP threads. */
        public static final int DEFAULT_MAX_CONCURRENT = 64;
        /** Default: 256 predict requests waiting for admission. */
        public static final int DEFAULT_MAX_WAITING = 256;
        /** Default: a predict request waits at most 10 s for admission. */
        public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

        public Admission {
            if (bodyTimeout.isNegative() || bodyTimeout.isZero() || maxWait.isNegative() || maxWait.isZero()) {
                throw new IllegalArgumentException("bodyTimeout and maxWait must be positive");
            }
            if (maxConcurrent < 1 || maxWaiting < 0 || bodyBytesInFlight < 0) {
                throw new IllegalArgumentException("maxConcurrent must be >= 1, maxWaiting and bodyBytesInFlight >= 0: maxConcurrent="
                        + maxConcurrent + " maxWaiting=" + maxWaiting + " bodyBytesInFlight=" + bodyBytesInFlight);
            }
        }

        /** The defaults, with the body budget derived from the heap. */
        public static Admission defaults() {
            return new Admission(DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_WAITING, DEFAULT_MAX_WAIT, 0);
        }
    }

    /**
     * The default budget of predict body bytes in flight: a sixteenth of the largest heap the JVM may use (128 MiB of a 2 GiB
     * heap, eight bodies of 16 MiB), but at least {@code maxBody}, so that a request of the largest size can always be
     * admitted alone. Parsed, a body takes several times its bytes on the heap (each step of {@code [0,0,0],} becomes a
     * float array of 32 bytes, four times its 8 bytes of JSON, plus the reference to it, and twice that while the lists of
     * a sequence grow): eight such bodies, about 0.7 GiB, leave the rest of the heap to the models and their predictions.
     */
    public static long defaultBodyBytesInFlight(long maxBody) {
        return Math.max(maxBody, Runtime.getRuntime().maxMemory() / 16);
    }

    /** The budget of predict body bytes in flight: the option's, or {@link #defaultBodyBytesInFlight}. */
    public long bodyBytesInFlight() {
        return admission.bodyBytesInFlight() > 0 ? admission.bodyBytesInFlight() : defaultBodyBytesInFlight(maxBody);
    }

    /** Options with no CORS origin, and steps accepted by position or by name. */
    public ServeOptions(String host, int port, int maxBatch, Duration batchWait, int workers, int maxSequences, int maxLength,
                        long maxBody, Duration drain, Admission admission) {
        this(host, port, maxBatch, batchWait, workers, maxSequences, maxLength, maxBody, drain, admission, List.of(), false);
    }

    /** Options with the default {@link Admission} limits. */
    public ServeOptions(String host, int port, int maxBatch, Duration batchWait, int workers, int maxSequences, int maxLength,
                        long maxBody, Duration drain) {
        this(host, port, maxBatch, batchWait, workers, maxSequences, maxLength, maxBody, drain, Admission.defaults());
    }

    /** Default: the most sequences per model call. */
    public static final int DEFAULT_MAX_BATCH = 64;
    /** Default: no wait for more requests (measured faster than 1 ms with 8 clients; docs/guide/serving.md). */
    public static final Duration DEFAULT_BATCH_WAIT = Duration.ZERO;
    /** Default: the most sequences per request. */
    public static final int DEFAULT_MAX_SEQUENCES = 1000;
    /** Default: the largest request body, 16 MiB. */
    public static final long DEFAULT_MAX_BODY = 16L << 20;
    /** Default: the smallest default of the longest sequence a model accepts. */
    public static final int MIN_DEFAULT_MAX_LENGTH = 10_000;

    public ServeOptions {
        if (host != null && host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
            // an IPv6 address as URLs write it, [::1]: the address itself (it was put in brackets again, and the start
            // failed with "Malformed IPv6 address at index 8: http://[[::1]]:18330")
            host = host.substring(1, host.length() - 1);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (maxBatch < 1 || workers < 1 || maxSequences < 1 || maxLength < 0 || maxBody < 1) {
            throw new IllegalArgumentException("maxBatch, workers, maxSequences and maxBody must be positive and maxLength >= 0: "
                    + "maxBatch=" + maxBatch + " workers=" + workers + " maxSequences=" + maxSequences + " maxLength=" + maxLength
                    + " maxBody=" + maxBody);
        }
        if (batchWait.isNegative() || drain.isNegative()) {
            throw new IllegalArgumentException("batchWait and drain must not be negative");
        }
        corsOrigins = List.copyOf(corsOrigins);
        for (String o : corsOrigins) {
            if (!corsOrigin(o)) {
                throw new IllegalArgumentException("CORS origin '" + o + "' is not an origin: expected scheme://host[:port] with no "
                        + "path or trailing slash (e.g. http://tablet.local:8000), or * for any");
            }
        }
        if (admission.bodyBytesInFlight() > 0 && admission.bodyBytesInFlight() < maxBody) {
            throw new IllegalArgumentException("the budget of body bytes in flight (" + admission.bodyBytesInFlight() + ") is smaller "
                    + "than the largest body (" + maxBody + "): a request of the largest size could never be admitted");
        }
    }

    /** Loopback, the given port, batches of up to 64 without waiting, one worker, the default limits, 30 s drain. */
    public static ServeOptions defaults(int port) {
        return new ServeOptions("127.0.0.1", port, DEFAULT_MAX_BATCH, DEFAULT_BATCH_WAIT, 1, DEFAULT_MAX_SEQUENCES, 0, DEFAULT_MAX_BODY,
                Duration.ofSeconds(30));
    }

    public ServeOptions withBatching(int maxBatch, Duration batchWait) {
        return new ServeOptions(host, port, maxBatch, batchWait, workers, maxSequences, maxLength, maxBody, drain, admission, corsOrigins,
                requireFeatureNames);
    }

    public ServeOptions withLimits(int maxSequences, int maxLength, long maxBody) {
        return new ServeOptions(host, port, maxBatch, batchWait, workers, maxSequences, maxLength, maxBody, drain, admission, corsOrigins,
                requireFeatureNames);
    }

    public ServeOptions withDrain(Duration drain) {
        return new ServeOptions(host, port, maxBatch, batchWait, workers, maxSequences, maxLength, maxBody, drain, admission, corsOrigins,
                requireFeatureNames);
    }

    public ServeOptions withAdmission(Admission admission) {
        return new ServeOptions(host, port, maxBatch, batchWait, workers, maxSequences, maxLength, maxBody, drain, admission, corsOrigins,
                requireFeatureNames);
    }

    /** These options with the browser origins allowed to call the API (CORS); empty: none. */
    public ServeOptions withCors(List<String> origins) {
        return new ServeOptions(host, port, maxBatch, batchWait, workers, maxSequences, maxLength, maxBody, drain, admission, origins,
                requireFeatureNames);
    }

    /** These options refusing (or not) steps given by position. */
    public ServeOptions withRequireFeatureNames(boolean require) {
        return new ServeOptions(host, port, maxBatch, batchWait, workers, maxSequences, maxLength, maxBody, drain, admission, corsOrigins,
                require);
    }

    /** Whether {@code origin} is {@code *} or as a browser sends it in {@code Origin}: scheme://host[:port], nothing after. */
    public static boolean corsOrigin(String origin) {
        return origin.equals("*") || origin.matches("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s?#]+");
    }

    /** Whether a browser page of {@code origin} (its Origin header) may call the API. */
    public boolean corsAllows(String origin) {
        return origin != null && (corsOrigins.contains("*") || corsOrigins.contains(origin));
    }
}
