package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;

/**
 * A graceful stop in-process: a request in flight (its body half sent) holds the stop; meanwhile a kept-alive
 * connection sees {@code /health} 503 draining; the request then completes with 200 and the right answer, the
 * stop returns, and new connections are refused.
 */
class GracefulStopTest {

    @Test
    void aStopLetsTheRequestInFlightFinishAndSaysDraining() throws Exception {
        ServedModel dense = ServedModel.load("dense", TestModels.dense());
        float[][] seq = TestModels.randomSequence(new java.util.Random(2), 9);
        byte[] body = TestModels.sequencesBody(TestModels.one(seq)).getBytes(StandardCharsets.UTF_8);
        ModelServer server = ModelServer.start(List.of(dense), ServeOptions.defaults(0).withDrain(Duration.ofSeconds(20)));
        int port = server.port();
        try (Socket inFlight = new Socket("127.0.0.1", port); Socket idle = new Socket("127.0.0.1", port)) {
            inFlight.setSoTimeout(30_000);
            idle.setSoTimeout(30_000);
            assertThat(exchange(idle, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"ok\"}");
            OutputStream out = inFlight.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // exactly 1: the idle connection's /health answer reaches the client just before the server counts it done (a CI
            // run under load read 2 here)
            while (server.metrics().inFlight.get() != 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.metrics().inFlight.get()).as("the half-sent request is being handled").isEqualTo(1.0);

            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
                try {
                    server.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(stop).as("the stop waits for the request in flight").isNotDone();
            assertThat(server.draining()).isTrue();
            assertThat(exchange(idle, "GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: probe-7\r\n\r\n")).startsWith("HTTP/1.1 503")
                    .contains("\r\nX-Request-Id: probe-7\r\n").endsWith("{\"status\":\"draining\"}");
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("no new connections").isInstanceOf(ConnectException.class);

            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String answer = read(inFlight.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200");
            var json = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(json.at("/predictions/0/label").asText()).isEqualTo(dense.classifier().predict(seq).label());
            assertThat(json.at("/predictions/0/probabilities/neg").asDouble()).isEqualTo(dense.classifier().predict(seq).probabilities()[0]);
            stop.get(20, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    /**
     * When {@code --drain} runs out with requests in flight, the stop closes their connections and says how many it cut off;
     * that expected case logs no error and no stack trace (an SRE's trial got an {@code EofException} stack trace per request).
     */
    @Test
    void aDrainThatRunsOutSaysHowManyRequestsItCutOffWithoutStackTraces() throws Exception {
        ServedModel dense = ServedModel.load("dense", TestModels.dense());
        float[][] seq = TestModels.randomSequence(new java.util.Random(3), 2000);
        byte[] body = TestModels.sequencesBody(TestModels.one(seq)).getBytes(StandardCharsets.UTF_8);
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        root.addAppender(log);
        ModelServer server = ModelServer.start(List.of(dense), ServeOptions.defaults(0).withDrain(Duration.ofSeconds(1)));
        try {
            List<Socket> uploads = new java.util.ArrayList<>();
            List<CompletableFuture<Void>> trickles = new java.util.ArrayList<>();
            for (int k = 0; k < 2; k++) {
                Socket s = new Socket("127.0.0.1", server.port());
                uploads.add(s);
                OutputStream out = s.getOutputStream();
                out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // a slow upload: a piece every 100 ms (never idle for the 1 s a draining connection may be) for 10 s
                trickles.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 0; i < 100; i++) {
                            out.write(body, i * (body.length / 200), body.length / 200);
                            out.flush();
                            Thread.sleep(100);
                        }
                    } catch (IOException e) {
                        // the stop closed the connection: expected
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.metrics().inFlight.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.metrics().inFlight.get()).as("both uploads are being handled").isEqualTo(2.0);
            long t0 = System.nanoTime();
            ModelServer.Stopped stopped = server.stop();
            double took = (System.nanoTime() - t0) / 1e9;
            assertThat(stopped.cutOff()).isEqualTo(2);
            assertThat(stopped.drained()).isFalse();
            assertThat(stopped.drain()).isEqualTo(Duration.ofSeconds(1));
            assertThat(took).as("the stop returns soon after the drain time").isBetween(0.9, 8.0);
            for (Socket s : uploads) {
                s.setSoTimeout(10_000);
                // no answer (the connection closed); or, where the server noticed the stop before closing, the cut-off's
                // 503, or a 408 if this busy machine left the trickle idle past a draining connection's 1 s; never a 200
                // (seen once in CI: an answer instead of a closed connection)
                String answer;
                try {
                    answer = read(s.getInputStream());
                } catch (IOException closed) {
                    answer = null;
                }
                assertThat(answer == null || answer.startsWith("HTTP/1.1 503") || answer.startsWith("HTTP/1.1 408"))
                        .as("closed, or a 503 or 408: %s", answer).isTrue();
                s.close();
            }
            Thread.sleep(300); // failures that the closed connections cause on the server's threads
            assertThat(log.list).as("no error and no stack trace for the expected cut-off").noneSatisfy(e -> {
                assertThat(e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR) || e.getThrowableProxy() != null).isTrue();
            });
        } finally {
            root.detachAppender(log);
            server.close();
        }
        // a stop with nothing in flight cuts off nothing
        ModelServer idle = ModelServer.start(List.of(dense), ServeOptions.defaults(0).withDrain(Duration.ofSeconds(1)));
        assertThat(idle.stop()).isEqualTo(new ModelServer.Stopped(0, Duration.ofSeconds(1)));
    }

    /**
     * The other case of a drain that runs out: the request's body has been read and its prediction waits for (or is in) the
     * batcher when the time is up. It is cut off too, counted, and logged without an error or a stack trace.
     */
    @Test
    void aDrainThatRunsOutWhileARequestWaitsForItsPredictionCutsItOffQuietly() throws Exception {
        ServedModel dense = ServedModel.load("dense", TestModels.dense());
        byte[] body = TestModels.sequencesBody(TestModels.one(TestModels.randomSequence(new java.util.Random(4), 9)))
                .getBytes(StandardCharsets.UTF_8);
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        root.addAppender(log);
        ModelServer server = ModelServer.start(List.of(dense), ServeOptions.defaults(0).withDrain(Duration.ofMillis(500)));
        MicroBatcher batcher = server.batcher("dense");
        batcher.pause(); // the worker holds the request before it predicts, past the drain time
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            client.setSoTimeout(20_000);
            client.getOutputStream().write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().write(body);
            client.getOutputStream().flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.metrics().requestSize.labelValues("dense").getCount() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            ModelServer.Stopped stopped = server.stop();
            assertThat(stopped.cutOff()).isEqualTo(1);
            assertThatThrownBy(() -> read(client.getInputStream())).as("no answer: the connection was closed").isInstanceOf(IOException.class);
            Thread.sleep(300);
            assertThat(log.list).as("no error and no stack trace for the expected cut-off").noneSatisfy(e -> {
                assertThat(e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR) || e.getThrowableProxy() != null).isTrue();
            });
        } finally {
            batcher.resume();
            root.detachAppender(log);
            server.close();
        }
    }

    private static String exchange(Socket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return read(s.getInputStream());
    }

    /** One HTTP/1.1 response with a Content-Length body. */
    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return h + new String(body, StandardCharsets.UTF_8);
    }
}
