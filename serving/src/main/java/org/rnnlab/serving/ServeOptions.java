package org.rnnlab.serving;

import java.time.Duration;

/**
 * How a {@link ModelServer} listens, batches and limits requests.
 *
 * @param host         address to bind (127.0.0.1: this machine only)
 * @param port         TCP port; 0 picks a free one ({@link ModelServer#port()} says which)
 * @param maxBatch     the most sequences one model call takes from the queue (1 = no batching)
 * @param batchWait    how long a batch waits for more requests after the first (zero: takes only what is queued)
 * @param workers      batch workers per model (one per ND4J thread)
 * @param maxSequences the most sequences (or texts) in one request
 * @param maxLength    the most steps of one sequence; 0 = per model, the larger of 10,000 and 10 x the card's maxLength
 * @param maxBody      the largest request body in bytes (larger: 413)
 * @param drain        how long a stop waits for requests in flight
 */
public record ServeOptions(String host, int port, int maxBatch, Duration batchWait, int workers, int maxSequences, int maxLength,
                           long maxBody, Duration drain) {

    /** Default: the most sequences per model call. */
    public static final int DEFAULT_MAX_BATCH = 64;
    /** Default: no wait for more requests (measured faster than 1 ms with 8 clients; README, Serving a model). */
    public static final Duration DEFAULT_BATCH_WAIT = Duration.ZERO;
    /** Default: the most sequences per request. */
    public static final int DEFAULT_MAX_SEQUENCES = 1000;
    /** Default: the largest request body, 16 MiB. */
    public static final long DEFAULT_MAX_BODY = 16L << 20;
    /** Default: the smallest default of the longest sequence a model accepts. */
    public static final int MIN_DEFAULT_MAX_LENGTH = 10_000;

    public ServeOptions {
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
    }

    /** Loopback, the given port, batches of up to 64 without waiting, one worker, the default limits, 30 s drain. */
    public static ServeOptions defaults(int port) {
        return new ServeOptions("127.0.0.1", port, DEFAULT_MAX_BATCH, DEFAULT_BATCH_WAIT, 1, DEFAULT_MAX_SEQUENCES, 0, DEFAULT_MAX_BODY,
                Duration.ofSeconds(30));
    }

    public ServeOptions withBatching(int maxBatch, Duration batchWait) {
        return new ServeOptions(host, port, maxBatch, batchWait, workers, maxSequences, maxLength, maxBody, drain);
    }

    public ServeOptions withLimits(int maxSequences, int maxLength, long maxBody) {
        return new ServeOptions(host, port, maxBatch, batchWait, workers, maxSequences, maxLength, maxBody, drain);
    }

    public ServeOptions withDrain(Duration drain) {
        return new ServeOptions(host, port, maxBatch, batchWait, workers, maxSequences, maxLength, maxBody, drain);
    }
}
