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
            while (server.metrics().inFlight.get() < 1 && System.nanoTime() < deadline) {
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
            assertThat(exchange(idle, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 503")
                    .endsWith("{\"status\":\"draining\"}");
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
