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
 * fixed time after a warm-up. It counts requests, errors (a status other than 200, a failed connection, or an
 * answer the check refuses) and the latency of each request.
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
     * @param requests          requests answered in it
     * @param errors            of those, errors
     * @param requestsPerSecond successful requests (requests - errors) / seconds: a failure (a refused connection, an error
     *                          status) answers fast and would otherwise raise the rate
     * @param p50               median latency of the successful requests (so are p90, p99 and max)
     * @param p90               90th percentile
     * @param p99               99th percentile
     * @param max               largest latency
     * @param firstError        the first error's description, or null
     */
    public record Result(int clients, double seconds, long requests, long errors, double requestsPerSecond, double p50, double p90,
                         double p99, double max, String firstError) {

        /** One line for a terminal. */
        public String summary() {
            return String.format(Locale.ROOT, "%.1f requests/s, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%s; "
                    + "%d requests in %.1f s, %d errors", requestsPerSecond, p50, p90, p99, max,
                    errors > 0 ? " (of the " + (requests - errors) + " answered without error)" : "", requests, seconds, errors);
        }
    }

    private LoadGenerator() {
    }

    /** Runs the load and returns the measurement. */
    public static Result run(Config config, Check check) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        long startAt = System.nanoTime() + config.warmup().toNanos();
        long endAt = startAt + config.duration().toNanos();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
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
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= endAt) {
                        break;
                    }
                    String failure = null;
                    try {
                        HttpRequest req = HttpRequest.newBuilder(config.url()).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(config.bodies().get(i))).build();
                        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (resp.statusCode() != 200) {
                            failure = "HTTP " + resp.statusCode() + ": " + Messages.clip(resp.body());
                        } else if (check != null) {
                            check.check(i, resp.body());
                        }
                    } catch (IOException | RuntimeException | AssertionError e) {
                        failure = e.toString();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= startAt) {
                        sent.incrementAndGet();
                        if (failure != null) {
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
        return new Result(config.clients(), seconds, sent.get(), errors.get(), total / seconds, ms(all, 0.50), ms(all, 0.90), ms(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, firstError.get());
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
