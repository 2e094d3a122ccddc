package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.serving.AdmissionTest.await;
import static org.rnnlab.serving.AdmissionTest.metric;
import static org.rnnlab.serving.AdmissionTest.post;
import static org.rnnlab.serving.AdmissionTest.readToEnd;
import static org.rnnlab.serving.AdmissionTest.stalled;
import static org.rnnlab.serving.AdmissionTest.start;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;

/**
 * What the bodies read before admission ({@link BodyFirst}) may hold, however many connections send them: a review found that a
 * chunked upload filled a 64 KiB buffer before its bytes were reserved in {@code --body-bytes-in-flight}, and held it, unreserved,
 * while the rest was discarded; and that nothing bounded how many bodies were read at once, so that N trickling chunked uploads
 * at a full budget held N x 64 KiB outside it (10,000 connections: 640 MiB).
 */
class BodyFirstBoundsTest {
    /** A chunked predict request's head and its first chunk: a body of unknown length, reserved as it arrives. */
    static Socket chunked(ModelServer server) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(20_000);
        s.getOutputStream().write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked"
                + "\r\n\r\n" + chunk("{\"sequences\":[[[1,2,3]]]")).getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    /** One more byte of white space to each upload, every 100 ms for about {@code millis}. */
    static void trickle(List<Socket> uploads, long millis) throws Exception {
        for (long end = System.nanoTime() + millis * 1_000_000; System.nanoTime() < end; ) {
            for (Socket s : uploads) {
                s.getOutputStream().write(chunk(" ").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            }
            Thread.sleep(100);
        }
    }

    @Test
    void chunkedUploadsAtAFullBudgetHoldNoBufferAndNoMoreAreReadThanTheBound() throws Exception {
        // 2 handled at once, 1 waiting: at most 2 x 2 + 1 = 5 bodies are read at once; a budget of 128 KiB
        ServeOptions.Admission limits = new ServeOptions.Admission(Duration.ofSeconds(20), 2, 1, Duration.ofSeconds(10), 128 << 10);
        assertThat(BodyFirst.maxReading(limits)).isEqualTo(5);
        List<Socket> uploads = new ArrayList<>();
        try (ModelServer server = start(limits, 128 << 10);
             Socket filler = stalled(server, 128 << 10, "{\"sequences\":[")) {
            BodyFirst bodyFirst = server.bodyFirst();
            await(() -> server.budget().used() == 128 << 10, "the stalled body reserved the whole budget");
            // the stalled body's first buffer: 64 KiB of its reserved 128 KiB, all that is held before the uploads come
            await(() -> bodyFirst.bufferedBytes() == 64 << 10, "the stalled body's first bytes are kept");
            long stalledOnly = bodyFirst.bufferedBytes();
            for (int k = 0; k < 4; k++) { // with the stalled one, as many as are read at once
                uploads.add(chunked(server));
            }
            await(() -> bodyFirst.readingCount() == 5, "the uploads are being read");
            trickle(uploads, 1000);
            // before: each had filled a 64 KiB buffer with its first chunk, then found the budget used up, and held the buffer
            // while it discarded the rest (4 x 65536 here, N x 65536 for N connections)
            assertThat(bodyFirst.bufferedBytes() - stalledOnly).as("bytes held by the chunked uploads at a full budget").isZero();
            assertThat(server.budget().used()).as("nothing reserved beyond the stalled body").isEqualTo(128 << 10);

            // K more: refused unread at once, as admission's queue refused a request beyond it; the bodies read stay at 5
            for (int k = 0; k < 8; k++) {
                try (Socket more = chunked(server)) {
                    String answer = readToEnd(more);
                    assertThat(answer).as("upload %d beyond the bound", k).startsWith("HTTP/1.1 503 ").contains("Retry-After: 1")
                            .contains("Connection: close").contains("the server is busy: the bodies of 5 predict requests are being "
                                    + "read, the most it reads at once (twice --max-concurrent plus --max-waiting: 2 x 2 + 1); try "
                                    + "again shortly");
                }
            }
            trickle(uploads, 300);
            assertThat(bodyFirst.readingCount()).as("bodies read at once after 8 more uploads").isEqualTo(5);
            assertThat(metric(server, "rnnlab_serve_reading_requests")).isEqualTo(5);
            assertThat(bodyFirst.bufferedBytes() - stalledOnly).as("bytes held after 8 more uploads").isZero();
            assertThat(metric(server, "rnnlab_serve_shed_requests_total{reason=\"max-waiting\"}")).isEqualTo(8);
            HttpResponse<String> good = post(server, AdmissionTest.ONE);
            assertThat(good.statusCode()).as(good.body()).isEqualTo(503);
            assertThat(good.headers().firstValue("Retry-After")).hasValue("1");

            // the uploads end: each gets the budget's 503, as before (what they sent was discarded, not kept)
            for (Socket s : uploads) {
                OutputStream out = s.getOutputStream();
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = readToEnd(s);
                assertThat(answer).startsWith("HTTP/1.1 503 ").contains("Retry-After: 1");
                String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
                assertThat(Json.mapper().readTree(body).get("error").asText()).endsWith("(--body-bytes-in-flight); try again shortly");
            }
            await(() -> bodyFirst.readingCount() == 1, "only the stalled body is read");
        } finally {
            for (Socket s : uploads) {
                s.close();
            }
        }
    }

    @Test
    void aChunkedBodyKeepsNoMoreThanItsReservation() throws Exception {
        // a budget of 192 KiB of which a stalled body holds 100 KiB: a chunked body gets one step of 64 KiB, not a second
        ServeOptions.Admission limits = new ServeOptions.Admission(Duration.ofSeconds(20), 4, 4, Duration.ofSeconds(10), 192 << 10);
        try (ModelServer server = start(limits, 128 << 10);
             Socket filler = stalled(server, 100 << 10, "{\"sequences\":[");
             Socket upload = chunked(server)) {
            BodyFirst bodyFirst = server.bodyFirst();
            await(() -> bodyFirst.readingCount() == 2, "both bodies are being read");
            // the stalled body's first buffer, within its reservation: 64 KiB of its 100 KiB
            await(() -> bodyFirst.bufferedBytes() >= 64 << 10, "the stalled body's first bytes are kept");
            // 40 KiB in one chunk: its step fits; then 40 KiB more: the second step does not
            StringBuilder pad = new StringBuilder();
            pad.append(" ".repeat(40 << 10));
            OutputStream out = upload.getOutputStream();
            out.write(chunk(pad.toString()).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await(() -> server.budget().used() == (100 << 10) + (64 << 10), "the upload reserved one step");
            out.write(chunk(pad.toString()).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            trickle(List.of(upload), 500);
            // before: the second 40 KiB were copied into the step's buffer and a new 64 KiB one, then found not to fit: 128 KiB
            // held against 64 KiB reserved; now what is kept (the first chunk, cut to its length) is within the step
            assertThat(bodyFirst.bufferedBytes() - (64 << 10)).as("bytes held by the chunked upload").isPositive()
                    .isLessThanOrEqualTo(64 << 10);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readToEnd(upload)).startsWith("HTTP/1.1 503 ").contains("(--body-bytes-in-flight); try again shortly");
        }
    }

    /**
     * A failure of the checks made before a byte is read (the API's refusal from the headers, the budget) is answered, and the
     * request is not counted as being read and in flight for good (review 79b R5: the exception left {@code handle}, Jetty
     * failed the request itself, and both gauges stayed at +1).
     */
    @Test
    void aFailureOfTheChecksBeforeReadingIsAnsweredAndCountsNothingForGood() throws Exception {
        ServeMetrics metrics = new ServeMetrics();
        BodyFirst bodyFirst = new BodyFirst(new BodyBudget(1 << 20), 1 << 20, 4 << 20, Duration.ofSeconds(10), request -> true,
                request -> {
                    throw new IllegalStateException("a check failed");
                }, metrics, 4, (request, response, callback, limit) -> org.eclipse.jetty.server.Response.writeError(request,
                        response, callback, 503));
        bodyFirst.setHandler(new org.eclipse.jetty.server.Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) {
                org.eclipse.jetty.io.Content.Chunk chunk = request.read(); // the API meets the failure as the body's end
                response.setStatus(org.eclipse.jetty.io.Content.Chunk.isFailure(chunk) ? 500 : 200);
                response.write(true, null, callback);
                return true;
            }
        });
        org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
        org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(bodyFirst);
        jetty.start();
        try (Socket s = new Socket("127.0.0.1", connector.getLocalPort())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("POST /predict HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertThat(readToEnd(s)).startsWith("HTTP/1.1 500 ");
            await(() -> metrics.inFlight.get() == 0, "the request is no longer in flight");
            assertThat(bodyFirst.readingCount()).as("bodies counted as being read").isZero();
            assertThat(metrics.reading.get()).isZero();
        } finally {
            jetty.stop();
        }
    }

    /**
     * A body that sends nothing ends at {@code --body-timeout}, with its 408 and its bytes given back: the deadline is checked as
     * bytes arrive, so a client that sent its headers and then nothing held its declared bytes until the 30 s idle timeout
     * (review 79b R2: 30.0 s with {@code --body-timeout 3s}).
     */
    @Test
    void aBodyThatSendsNothingEndsAtTheBodyTimeoutNotTheIdleTimeout() throws Exception {
        ServeOptions.Admission limits = new ServeOptions.Admission(Duration.ofSeconds(2), 4, 4, Duration.ofSeconds(10), 0);
        try (ModelServer server = start(limits, 1 << 20); Socket silent = stalled(server, 1000, "")) {
            long startNanos = System.nanoTime();
            await(() -> server.budget().used() == 1000, "the silent body reserved its bytes");
            String answer = readToEnd(silent);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("Connection: close")
                    .contains("timed out reading the request body: it did not arrive within 2 s (--body-timeout)");
            assertThat(seconds).as("answered at the 2 s deadline, not the 30 s idle timeout").isBetween(1.5, 10.0);
            await(() -> server.budget().used() == 0, "its bytes are given back");
            assertThat(post(server, AdmissionTest.ONE).statusCode()).isEqualTo(200);
        }
    }
}
