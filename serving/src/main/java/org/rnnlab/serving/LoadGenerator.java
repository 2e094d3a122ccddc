package org.rnnlab.serving;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load generator of {@code rnnlab loadtest}: a number of clients, each sending predict requests one after the
 * other as fast as answers come (closed loop), over {@link HttpClient} (HTTP/1.1, kept-alive connections), for a
 * fixed time after a warm-up. It counts requests, errors (a status other than 200 and 503, a failed connection, or an
 * answer the check refuses), 503s apart (the server shedding load: not an error of the request) and the latency of each
 * successful request.
 *
 * <p>A client honours {@code Retry-After} on a 503: it waits that long (at most {@link #MAX_RETRY_AFTER}, 1 s when the
 * header is missing or unreadable) before its next request, as a well-behaved client does, instead of re-sending at once.
 * After a failed connection it waits too, 50 ms doubling to 1 s while connections keep failing (a server that went away made
 * the clients spin at about 5,500 failed connects per second), and a failure says to which host and port
 * ({@code connection refused to 127.0.0.1:18555}; the JDK's {@code ConnectException} has no message).
 *
 * <p>A benchmark tool, not a test: on a shared machine its numbers vary; run a few rounds.
 */
public final class LoadGenerator {

    /** Checks an answer (body index, answer text); throws to count it as an error. */
    @FunctionalInterface
    public interface Check {
        void check(int body, String answer);
    }

    /**
     * What to send.
     *
     * @param url      the predict URL
     * @param clients  concurrent clients
     * @param warmup   time before measuring (requests sent, not counted)
     * @param duration time measured
     * @param bodies   request bodies; client c sends bodies c, c + clients, ... cyclically
     */
    public record Config(URI url, int clients, Duration warmup, Duration duration, List<byte[]> bodies) {
        public Config {
            if (clients < 1 || bodies.isEmpty() || duration.isNegative() || duration.isZero() || warmup.isNegative()) {
                throw new IllegalArgumentException("clients >= 1, at least one body and a positive duration are needed");
            }
            bodies = List.copyOf(bodies);
        }
    }

    /**
     * What was measured (latencies in milliseconds).
     *
     * @param clients           concurrent clients
     * @param seconds           measured time
     * @param requests          requests answered in it (or failed), 503s included
     * @param errors            of those, errors: statuses other than 200 and 503, failed connections, answers the check refused
     * @param busy              of those, 503s: the server refused them for load (the client then waited its Retry-After)
     * @param requestsPerSecond successful requests (requests - errors - busy) / seconds: a failure (a refused connection, an
     *                          error status) answers fast and would otherwise raise the rate
     * @param p50               median latency of the successful requests (so are p90, p99 and max)
     * @param p90               90th percentile
     * @param p99               99th percentile
     * @param max               largest latency
     * @param firstError        the first error's description, or null
     * @param firstBusy         the first 503's description, or null
     */
    public record Result(int clients, double seconds, long requests, long errors, long busy, double requestsPerSecond, double p50,
                         double p90, double p99, double max, String firstError, String firstBusy) {

        /** Successful requests: answered 200 (and passed the check). */
        public long succeeded() {
            return requests - errors - busy;
        }

        /** One line for a terminal. */
        public String summary() {
            return String.format(Locale.ROOT, "%.1f requests/s, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%s; "
                    + "%d requests in %.1f s, %d errors%s", requestsPerSecond, p50, p90, p99, max,
                    errors + busy > 0 ? " (of the " + succeeded() + " answered without error)" : "", requests, seconds, errors,
                    busy > 0 ? ", " + busy + " refused busy (503; each client waited the Retry-After before its next request)" : "");
        }
    }

    /** The longest Retry-After a client waits (a server's larger value is cut to this). */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    /** The first wait after a failed connection; it doubles while connections keep failing, up to {@link #MAX_BACKOFF}. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

    /** The longest wait after failed connections. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    /**
     * How long a 503's {@code Retry-After} says to wait: seconds or an HTTP date (RFC 9110), at most {@link #MAX_RETRY_AFTER};
     * 1 s when it is missing or unreadable.
     */
    static Duration retryAfter(String header) {
        Duration d = Duration.ofSeconds(1);
        if (header != null) {
            String h = header.trim();
            try {
                d = Duration.ofSeconds(Long.parseLong(h));
            } catch (NumberFormatException notSeconds) {
                try {
                    d = Duration.between(java.time.Instant.now(), java.time.ZonedDateTime.parse(h,
                            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                } catch (java.time.format.DateTimeParseException unreadable) {
                    // 1 s
                }
            }
        }
        return d.isNegative() ? Duration.ZERO : d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    /**
     * A failed request in words, with the host and port for a failed connection: the JDK's {@code HttpClient} throws a
     * {@code ConnectException} with no message when the connection is refused, which a user saw as
     * {@code first error: java.net.ConnectException}.
     */
    static String describe(Throwable e, URI url) {
        String where = url.getHost() + ":" + (url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80);
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "connection timed out to " + where;
        }
        if (e instanceof java.net.ConnectException) {
            String m = e.getMessage();
            return (m == null || m.isBlank() || m.equalsIgnoreCase("Connection refused") ? "connection refused" : "cannot connect (" + m + ")")
                    + " to " + where;
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within the request timeout from " + where;
        }
        if (e instanceof IOException && (e.getMessage() == null || e.getMessage().isBlank())) {
            Throwable c = e.getCause();
            return c != null && c != e ? describe(c, url) : e.getClass().getSimpleName() + " from " + where;
        }
        return e instanceof IOException ? e.getMessage() + " (" + where + ")" : e.toString();
    }

    /** Whether a failure is one of connecting (nothing listening, unreachable): then the client backs off. */
    static boolean connectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.http.HttpConnectTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private LoadGenerator() {
    }

    /** Runs the load and returns the measurement. */
    public static Result run(Config config, Check check) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        long startAt = System.nanoTime() + config.warmup().toNanos();
        long endAt = startAt + config.duration().toNanos();
        AtomicLong errors = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicReference<String> firstBusy = new AtomicReference<>();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] counts = new long[config.clients()];
        AtomicLong sent = new AtomicLong(); // measured requests, errors included
        for (int c = 0; c < config.clients(); c++) {
            int client = c;
            long[][] mine = {new long[1024]};
            Thread t = new Thread(() -> {
                int n = 0;
                int i = client % config.bodies().size();
                Duration backoff = FIRST_BACKOFF;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= endAt) {
                        break;
                    }
                    String failure = null;
                    String refused = null;
                    Duration pause = Duration.ZERO;
                    try {
                        HttpRequest req = HttpRequest.newBuilder(config.url()).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(config.bodies().get(i))).build();
                        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                        backoff = FIRST_BACKOFF;
                        if (resp.statusCode() == 503) {
                            refused = "HTTP 503: " + Messages.clip(resp.body());
                            pause = retryAfter(resp.headers().firstValue("Retry-After").orElse(null));
                        } else if (resp.statusCode() != 200) {
                            failure = "HTTP " + resp.statusCode() + ": " + Messages.clip(resp.body());
                        } else if (check != null) {
                            check.check(i, resp.body());
                        }
                    } catch (IOException | RuntimeException | AssertionError e) {
                        failure = describe(e, config.url());
                        if (connectFailure(e)) {
                            pause = backoff;
                            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= startAt) {
                        sent.incrementAndGet();
                        if (refused != null) {
                            busy.incrementAndGet();
                            firstBusy.compareAndSet(null, refused);
                        } else if (failure != null) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, failure);
                        } else {
                            if (n == mine[0].length) {
                                mine[0] = Arrays.copyOf(mine[0], n * 2);
                            }
                            mine[0][n++] = t1 - t0;
                        }
                    }
                    i = (i + config.clients()) % config.bodies().size();
                    long sleep = Math.min(pause.toNanos(), endAt - System.nanoTime());
                    if (sleep > 0) {
                        try {
                            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(sleep);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine[0], n));
                    counts[client] = n;
                }
            }, "loadtest-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 0, all, k, l.length);
            k += l.length;
        }
        Arrays.sort(all);
        double seconds = config.duration().toNanos() / 1e9;
        return new Result(config.clients(), seconds, sent.get(), errors.get(), busy.get(), total / seconds, ms(all, 0.50), ms(all, 0.90),
                ms(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, firstError.get(), firstBusy.get());
    }

    /** The q-quantile (nearest rank) in milliseconds. */
    static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
