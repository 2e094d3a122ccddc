package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;
import org.rnnlab.training.SequenceClassifier;

/**
 * The limits that keep a real server answerable under slow, large, many or abandoned predict requests
 * ({@link ServeOptions.Admission}): raw sockets play the clients that trickle or hang up, as the security trial's scripts did.
 */
class AdmissionTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String ONE = TestModels.sequencesBody(TestModels.one(new float[][] {{1, 2, 3}, {0, 1, 0}}));

    static ModelServer start(ServeOptions.Admission admission, long maxBody) throws IOException {
        return ModelServer.start(List.of(ServedModel.load("dense", TestModels.dense())),
                ServeOptions.defaults(0).withLimits(1000, 0, maxBody).withAdmission(admission));
    }

    /** A client that sends the head of a predict request declaring {@code length} body bytes, and {@code start} of them. */
    static Socket stalled(ModelServer server, long length, String start) throws IOException {
        return stalled(server, length, start, "");
    }

    /** {@link #stalled(ModelServer, long, String)} with more header lines ({@code "Name: value\r\n"} each). */
    static Socket stalled(ModelServer server, long length, String start, String headers) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(20_000);
        s.getOutputStream().write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + length
                + "\r\n" + headers + "\r\n" + start).getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** Everything the server sends until it closes the connection. */
    static String readToEnd(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.getInputStream().transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static HttpResponse<String> post(ModelServer server, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/predict")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(ModelServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of a metric line (a name with its labels, as the scrape writes it), 0 when absent. */
    static double metric(ModelServer server, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$")
                .matcher(new String(server.metrics().scrape(), StandardCharsets.UTF_8));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aBodyThatTricklesIsCutOffAtTheBodyTimeoutWith408AndTheConnectionClosed() throws Exception {
        try (ModelServer server = start(new ServeOptions.Admission(Duration.ofSeconds(1), 4, 4, Duration.ofSeconds(10), 0), 1 << 20);
             Socket s = stalled(server, 1_000_000, "{\"sequences\":[")) {
            // 10 bytes every 200 ms: never idle for the 30 s idle timeout, far from done after the 1 s deadline
            long startNanos = System.nanoTime();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return readToEnd(s);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            OutputStream out = s.getOutputStream();
            try {
                while (!answer.isDone()) {
                    out.write("[[1,2,3]],".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException closedByServer) {
                // the server closed the connection after its answer
            }
            String http = answer.get(20, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            assertThat(http).startsWith("HTTP/1.1 408 ").contains("Connection: close")
                    .contains("{\"error\":\"timed out reading the request body: it did not arrive within 1 s (--body-timeout)\"}");
            assertThat(seconds).as("answered soon after the deadline").isLessThan(10);
            assertThat(get(server, "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void predictRequestsBeyondTheConcurrencyLimitWaitHoldingNoThreadAndBeyondTheWaitingLimitAre503() throws Exception {
        // two predicts at once, one more may wait for 1 s: the rest are 503 with Retry-After; /health and /metrics answer throughout
        try (ModelServer server = start(new ServeOptions.Admission(Duration.ofSeconds(30), 2, 1, Duration.ofSeconds(1), 0), 1 << 20)) {
            MicroBatcher batcher = server.batcher("dense");
            batcher.pause(); // the two admitted requests are held in the batcher's queue: they keep their slots
            List<Socket> held = new ArrayList<>();
            List<Socket> slow = new ArrayList<>();
            int one = ONE.getBytes(StandardCharsets.UTF_8).length;
            try {
                held.add(stalled(server, one, ONE));
                held.add(stalled(server, one, ONE));
                await(() -> metric(server, "rnnlab_serve_request_sequences_count{model=\"dense\"}") == 2, "both are admitted");
                Socket waiting = stalled(server, one, ONE, "X-Request-Id: waited-1\r\n");
                held.add(waiting);
                await(() -> metric(server, "rnnlab_serve_waiting_requests") == 1, "the third waits");

                HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/predict"))
                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("X-Request-Id", "refused-1")
                        .POST(HttpRequest.BodyPublishers.ofString(ONE)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(refused.headers().allValues("X-Request-Id")).containsExactly("refused-1");
                assertThat(Json.mapper().readTree(refused.body()).get("error").asText()).isEqualTo("the server is busy: 2 predict requests "
                        + "are being handled and 1 are waiting (--max-concurrent, --max-waiting); try again shortly");
                for (int i = 0; i < 5; i++) { // as many slow clients as bodies are read at once (2 x 2 + 1): none takes a thread
                    slow.add(stalled(server, 1000, "{\"sequences\":["));
                }
                await(() -> metric(server, "rnnlab_serve_reading_requests") == 5, "the slow bodies are being read");
                long t = System.nanoTime();
                assertThat(get(server, "/health").statusCode()).isEqualTo(200);
                assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
                assertThat((System.nanoTime() - t) / 1e9).isLessThan(3);

                String expired = readToEnd(waiting); // after its 1 s of waiting
                assertThat(expired).startsWith("HTTP/1.1 503 ").contains("Retry-After: 1").contains("\r\nX-Request-Id: waited-1\r\n")
                        .contains("the request waited 1 s for one of the 2 predict requests handled at once to finish (--max-wait, "
                                + "--max-concurrent)");
                batcher.resume();
                for (Socket s : held.subList(0, 2)) {
                    s.setSoTimeout(20_000);
                    byte[] head = new byte[12];
                    assertThat(s.getInputStream().readNBytes(head, 0, 12)).isEqualTo(12);
                    assertThat(new String(head, StandardCharsets.US_ASCII)).as("a held request is answered once the batcher runs")
                            .isEqualTo("HTTP/1.1 200");
                }
            } finally {
                batcher.resume();
                for (Socket s : held) {
                    s.close();
                }
                for (Socket s : slow) {
                    s.close();
                }
            }
            // the stalled bodies fail once their clients close: nothing is read or handled any more
            await(() -> metric(server, "rnnlab_serve_in_flight_requests") == 0, "the slots are free");
            assertThat(metric(server, "rnnlab_serve_reading_requests")).isZero();
            HttpResponse<String> ok = post(server, ONE);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(metric(server, "rnnlab_serve_requests_total{code=\"503\",endpoint=\"/predict\"}")).isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * Slow uploads hold no admission slot: a load trial's 64 clients each sending a valid 2.1 KB body at one byte per 5 s held
     * all 64 of {@code --max-concurrent} until their 408 at {@code --body-timeout}, and a good client's predictions waited
     * {@code --max-wait} and got 503 for the first ~55 s. Here 6 uploads against 2 slots and 4 waiting places: the good
     * client's predictions are answered at once while they trickle (below the 2 x 2 + 4 bodies read at once,
     * {@link BodyFirst#maxReading}), and their 408s are said in one WARN line naming slow uploads.
     */
    @Test
    void slowUploadsBeyondTheConcurrencyLimitDoNotKeepPredictionsWaiting() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ModelServer.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        logger.addAppender(log);
        List<Socket> slow = new ArrayList<>();
        // 2 slots, 4 waiting, a 1 s wait: before, 2 uploads held the slots, 4 the waiting places, and the good client got 503
        // at once; the uploads have 4 s for their bodies
        try (ModelServer server = start(new ServeOptions.Admission(Duration.ofSeconds(4), 2, 4, Duration.ofSeconds(1), 0), 1 << 20)) {
            for (int i = 0; i < 6; i++) { // a valid body, padded with white space that comes one byte each 100 ms
                slow.add(stalled(server, 100_000, "{\"sequences\":[[[1,2,3]]]"));
            }
            // the six are being read (before, two of them held both slots and the rest waited for them)
            await(() -> metric(server, "rnnlab_serve_in_flight_requests") >= 2, "the bodies are being read");
            Thread.sleep(300);
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try { // never idle for the 30 s idle timeout, never complete before the 4 s deadline
                    for (int i = 0; i < 300; i++) {
                        for (Socket s : slow) {
                            s.getOutputStream().write(' ');
                            s.getOutputStream().flush();
                        }
                        Thread.sleep(100);
                    }
                } catch (IOException closedAfterThe408) {
                    // expected
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                HttpResponse<String> answer = post(server, ONE);
                assertThat(answer.statusCode()).as("good request %d while 6 uploads trickle: %s", i, answer.body()).isEqualTo(200);
                assertThat((System.nanoTime() - t) / 1e9).as("answered without waiting for a slot").isLessThan(5.0);
                Thread.sleep(200);
            }
            assertThat(metric(server, "rnnlab_serve_reading_requests")).as("still trickling").isEqualTo(6);
            for (Socket s : slow) { // the trickle goes on until the server closes its connections
                assertThat(readToEnd(s)).startsWith("HTTP/1.1 408 ")
                        .contains("timed out reading the request body: it did not arrive within 4 s (--body-timeout)");
            }
            trickle.get(20, TimeUnit.SECONDS);
            assertThat(metric(server, "rnnlab_serve_reading_requests")).isZero();
            assertThat(metric(server, "rnnlab_serve_requests_total{code=\"408\",endpoint=\"/predict\"}")).isEqualTo(6);
            assertThat(metric(server, "rnnlab_serve_shed_requests_total{reason=\"max-waiting\"}")).as("no prediction refused").isZero();
        } finally {
            for (Socket s : slow) {
                s.close();
            }
            logger.detachAppender(log);
        }
        // the server's stop says what was left: the 408s in one line (the first may have been said at once)
        List<String> warnings = log.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).filter(w -> w.contains("timed out")).toList();
        assertThat(warnings).isNotEmpty().allSatisfy(w -> assertThat(w).matches("\\d+ predict request\\(s\\) timed out.*")
                .contains("their bodies did not arrive within --body-timeout (408: slow uploads"));
        assertThat(warnings.stream().mapToInt(w -> Integer.parseInt(w.substring(0, w.indexOf(' ')))).sum()).isEqualTo(6);
    }

    @Test
    void bodiesBeyondTheBudgetOfBytesInFlightAre503UntilTheBytesAreFree() throws Exception {
        // 100 KiB of bodies at once, 64 KiB each at most: one 60 KiB body being read leaves no room for one of 50 KiB
        try (ModelServer server = start(new ServeOptions.Admission(Duration.ofSeconds(30), 8, 8, Duration.ofSeconds(10), 100 << 10), 64 << 10)) {
            String big = bodyOf(50 << 10);
            try (Socket slow = stalled(server, 60 << 10, "{\"sequences\":[")) {
                await(() -> metric(server, "rnnlab_serve_body_bytes_in_flight") == 60 << 10, "the slow body reserved its bytes");
                HttpResponse<String> refused = post(server, big);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(Json.mapper().readTree(refused.body()).get("error").asText()).isEqualTo("the server is busy: the bodies of the "
                        + "predict requests in flight hold 61440 of its 102400 bytes for them (--body-bytes-in-flight); try again shortly");
                // a body of unknown length (chunked) reserves as it is read, and is refused when it outgrows what is left
                byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/predict"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(503);
                // small requests still fit
                assertThat(post(server, ONE).statusCode()).isEqualTo(200);
            }
            await(() -> metric(server, "rnnlab_serve_body_bytes_in_flight") == 0, "the slow body's bytes are given back");
            HttpResponse<String> ok = post(server, big);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            await(() -> metric(server, "rnnlab_serve_body_bytes_in_flight") == 0, "its bytes are given back once answered");
        }
    }

    /**
     * A client that writes the head and its whole body of {@code length} bytes before it reads, as Python's urllib does, and
     * returns what the server answered; a broken pipe or reset while writing fails the test.
     */
    static String wholeBodyFirst(ModelServer server, long length) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + length
                    + "\r\n\r\n{\"sequences\":[[[1,2,3]]]}").getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = new byte[64 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (long left = length - 25; left > 0; left -= spaces.length) {
                out.write(spaces, 0, (int) Math.min(spaces.length, left));
            }
            out.flush();
            return readToEnd(s);
        }
    }

    @Test
    void aClientThatWritesItsWholeBodyBeforeReadingGetsThe413AndThe503() throws Exception {
        // urllib met a BrokenPipeError at 16 MiB + 1 (5 of 5 tries): the server read 4 MiB of a refused body, then closed
        long maxBody = 16L << 20;
        try (ModelServer server = start(new ServeOptions.Admission(Duration.ofSeconds(30), 4, 4, Duration.ofSeconds(10), 18L << 20), maxBody)) {
            for (long length : new long[] {maxBody + 1, 20L << 20, 60L << 20}) {
                assertThat(wholeBodyFirst(server, length)).as("%d bytes", length).startsWith("HTTP/1.1 413 ")
                        .contains("{\"error\":\"request body too large: more than 16777216 bytes (--max-body)\"}");
            }
            // the budget: a stalled 16 MiB body leaves 2 MiB, too little for one of 3 MiB; a 503 reads a refused body to its
            // end only up to 4 MiB (ModelServer.DRAIN_BYTES: the server is loaded then), so this one's client reads it
            try (Socket slow = stalled(server, maxBody, "{\"sequences\":[")) {
                await(() -> metric(server, "rnnlab_serve_body_bytes_in_flight") == maxBody, "the slow body reserved its bytes");
                assertThat(wholeBodyFirst(server, 3L << 20)).startsWith("HTTP/1.1 503 ").contains("Retry-After: 1")
                        .contains("(--body-bytes-in-flight); try again shortly");
            }
            assertThat(get(server, "/health").statusCode()).isEqualTo(200);
        }
    }

    /**
     * A client that writes a request head and its whole {@code body} before it reads (Python's urllib and requests, curl), on a
     * connection it closes after the answer, and returns what the server answered; a broken pipe or reset while writing fails
     * the test.
     */
    static String wholeBodyFirst(ModelServer server, String path, String contentType, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int from = 0; from < body.length; from += 64 * 1024) {
                out.write(body, from, Math.min(64 * 1024, body.length - from));
            }
            out.flush();
            return readToEnd(s);
        }
    }

    /**
     * A refusal answered before the body was read to its end (a 400 for the first of 500 sequences, a 415, a 404 for an
     * unknown model) reaches a client that writes its whole body before it reads: an ops trial's Python client posting a
     * 6.5 MB batch whose first window had 3 values per step got {@code BrokenPipeError} instead of the 400 that named it,
     * since the server answered and closed with most of the body unread.
     */
    @Test
    void aClientThatWritesALargeBodyBeforeReadingGetsTheRefusalOfItsFirstSequence() throws Exception {
        StringBuilder sb = new StringBuilder("{\"sequences\":[[[1,2],[1,2]]"); // 2 values per step: the model reads 3
        StringBuilder window = new StringBuilder(",[");
        for (int t = 0; t < 400; t++) {
            window.append(t == 0 ? "" : ",").append("[0.123456,1.234567,-2.345678]");
        }
        window.append(']');
        while (sb.length() < (10 << 20)) {
            sb.append(window);
        }
        byte[] body = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        try (ModelServer server = start(new ServeOptions.Admission(Duration.ofSeconds(60), 4, 4, Duration.ofSeconds(10), 0), 16L << 20)) {
            assertThat(wholeBodyFirst(server, "/predict", "application/json", body)).startsWith("HTTP/1.1 400 ")
                    .contains("{\"error\":\"sequence 0, step 0: got 2 values, expected 3");
            // refused from the headers, before a byte of the body was read: drained too
            assertThat(wholeBodyFirst(server, "/predict", "text/csv", body)).startsWith("HTTP/1.1 415 ")
                    .contains("Content-Type text/csv is not accepted: send application/json");
            assertThat(wholeBodyFirst(server, "/models/nosuch/predict", "application/json", body)).startsWith("HTTP/1.1 404 ")
                    .contains("no model named 'nosuch' (models: dense)");
            assertThat(wholeBodyFirst(server, "/predict?top=3", "application/json", body)).startsWith("HTTP/1.1 400 ")
                    .contains("unknown query parameter(s) 'top'");
            assertThat(metric(server, "rnnlab_serve_body_bytes_in_flight")).as("the refused bodies' bytes are given back").isZero();
            assertThat(post(server, ONE).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatExpects100ContinueIsRefusedFromTheLengthAloneWithoutA100() throws Exception {
        try (ModelServer server = start(new ServeOptions.Admission(Duration.ofSeconds(30), 4, 4, Duration.ofSeconds(10), 0), 1 << 20);
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + "17000000\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String http = readToEnd(s); // no body sent: the answer must come from the headers alone
            assertThat(http).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue").contains("Connection: close")
                    .contains("request body too large: more than 1048576 bytes (--max-body)");
        }
    }

    /** A valid predict body of about {@code bytes} bytes: one sequence of that many steps' worth of JSON. */
    static String bodyOf(int bytes) {
        StringBuilder sb = new StringBuilder("{\"sequences\":[[");
        while (sb.length() < bytes - 20) {
            sb.append("[0.5,1,-1],");
        }
        sb.append("[0,0,0]]]}");
        return sb.toString();
    }

    @Test
    void aQueuedRequestWhoseClientHungUpIsNotPredicted() throws Exception {
        try (ModelServer server = start(ServeOptions.Admission.defaults(), 1 << 20)) {
            MicroBatcher batcher = server.batcher("dense");
            batcher.pause(); // the worker is held before it predicts: the requests wait for it
            try {
                Socket gone = stalled(server, ONE.getBytes(StandardCharsets.UTF_8).length, ONE);
                String submitted = "rnnlab_serve_request_sequences_count{model=\"dense\"}";
                await(() -> metric(server, submitted) == 1, "the request is read and handed to the batcher");
                gone.close();
                CompletableFuture<HttpResponse<String>> alive = CompletableFuture.supplyAsync(() -> {
                    try {
                        return post(server, ONE);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                await(() -> metric(server, submitted) == 2, "a second request, whose client waits, is handed over");
                batcher.resume();
                HttpResponse<String> answer = alive.get(20, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            } finally {
                batcher.resume();
            }
            await(() -> metric(server, "rnnlab_serve_abandoned_requests_total{model=\"dense\"}") == 1, "the first is abandoned");
            assertThat(metric(server, "rnnlab_serve_abandoned_sequences_total{model=\"dense\"}")).isEqualTo(1);
            assertThat(metric(server, "rnnlab_serve_sequences_predicted_total{model=\"dense\"}")).as("only the live one").isEqualTo(1);
            assertThat(metric(server, "rnnlab_serve_requests_total{code=\"499\",endpoint=\"/predict\"}")).isEqualTo(1);
        }
    }

    /**
     * A client that sends the head and half the body, then closes its connection (or resets it), has gone: counted 499 and
     * in the abandoned series, as the README says of clients that have gone (an SRE's trial saw them counted as 400s).
     */
    @Test
    void aClientThatHangsUpMidBodyIsCountedAsGoneNot400() throws Exception {
        String body = bodyOf(200_000);
        try (ModelServer server = start(ServeOptions.Admission.defaults(), 1 << 20)) {
            for (boolean reset : new boolean[] {false, true}) {
                double before = metric(server, "rnnlab_serve_requests_total{code=\"499\",endpoint=\"/predict\"}");
                Socket s = stalled(server, body.length(), body.substring(0, body.length() / 2));
                await(() -> metric(server, "rnnlab_serve_reading_requests") >= 1, "the half-sent request is being read");
                if (reset) {
                    s.setSoLinger(true, 0); // close with RST
                }
                s.close();
                await(() -> metric(server, "rnnlab_serve_requests_total{code=\"499\",endpoint=\"/predict\"}") == before + 1,
                        "the request is counted 499 (" + (reset ? "RST" : "FIN") + ")");
                await(() -> server.metrics().inFlight.get() == 0, "the request is done");
            }
            assertThat(metric(server, "rnnlab_serve_requests_total{code=\"400\",endpoint=\"/predict\"}")).isZero();
            assertThat(metric(server, "rnnlab_serve_requests_total{code=\"500\",endpoint=\"/predict\"}")).isZero();
            assertThat(metric(server, "rnnlab_serve_abandoned_requests_total{model=\"dense\"}")).isEqualTo(2);
            assertThat(metric(server, "rnnlab_serve_abandoned_sequences_total{model=\"dense\"}"))
                    .as("its sequences were never read, so none is counted").isZero();
            // a request with a complete but malformed body is still a 400
            assertThat(post(server, "{\"sequences\": [[[1, 2").statusCode()).isEqualTo(400);
            assertThat(metric(server, "rnnlab_serve_requests_total{code=\"400\",endpoint=\"/predict\"}")).isEqualTo(1);
        }
    }

    /**
     * A connection closed before its request head was complete made no request: it is not counted as a 400 of endpoint
     * "other" with its whole life as its duration (a trial's 100 slow-header connections read as 100 400s and 6,993 s of
     * "other" latency); a malformed head still is.
     */
    @Test
    void aConnectionClosedBeforeItsRequestHeadWasCompleteIsNotCountedAsARequest() throws Exception {
        try (ModelServer server = start(ServeOptions.Admission.defaults(), 1 << 20)) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\nX-Sl".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                Thread.sleep(300);
                s.shutdownOutput();
                readToEnd(s);
            }
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET /bad HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                assertThat(readToEnd(s)).startsWith("HTTP/1.1 400 ");
            }
            await(() -> metric(server, "rnnlab_serve_requests_total{code=\"400\",endpoint=\"other\"}") >= 1, "the malformed head is counted");
            assertThat(metric(server, "rnnlab_serve_requests_total{code=\"400\",endpoint=\"other\"}")).as("the malformed head only")
                    .isEqualTo(1);
            assertThat(metric(server, "rnnlab_serve_request_duration_seconds_count{endpoint=\"other\"}")).isEqualTo(1);
        }
    }

    /** The series alerts use exist at 0 from the start, so that a healthy server's dashboards show 0, not "no data". */
    @Test
    void theSeriesAlertsUseAreThereAtZeroFromTheStart() throws Exception {
        try (ModelServer server = start(ServeOptions.Admission.defaults(), 1 << 20)) {
            String scrape = new String(server.metrics().scrape(), StandardCharsets.UTF_8);
            for (String series : List.of("rnnlab_serve_abandoned_requests_total{model=\"dense\"} 0.0",
                    "rnnlab_serve_abandoned_sequences_total{model=\"dense\"} 0.0",
                    "rnnlab_serve_sequences_predicted_total{model=\"dense\"} 0.0",
                    "rnnlab_serve_requests_total{code=\"499\",endpoint=\"/predict\"} 0.0",
                    "rnnlab_serve_requests_total{code=\"503\",endpoint=\"/models/{name}/predict\"} 0.0",
                    "rnnlab_serve_requests_total{code=\"200\",endpoint=\"/predict\"} 0.0",
                    "rnnlab_serve_errors_total{code=\"500\",endpoint=\"/predict\"} 0.0",
                    "rnnlab_serve_errors_total{code=\"413\",endpoint=\"/predict\"} 0.0",
                    "rnnlab_serve_shed_requests_total{reason=\"max-waiting\"} 0.0")) {
                assertThat(scrape).as(series).containsPattern("(?m)^" + Pattern.quote(series) + "$");
            }
        }
    }

    @Test
    void aLargeRequestIsPredictedInChunksAndDroppedBetweenThemWhenItsClientGoes() throws Exception {
        ServedModel dense = ServedModel.load("dense", TestModels.dense());
        SequenceClassifier classifier = dense.classifier();
        Random r = new Random(11);
        List<float[][]> sequences = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sequences.add(TestModels.randomSequence(r, 3 + r.nextInt(8)));
        }
        List<Integer> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger abandonedSequences = new AtomicInteger();
        try (MicroBatcher batcher = new MicroBatcher("t", classifier, 2, Duration.ZERO, 1, batches::add, abandonedSequences::addAndGet)) {
            // alive: chunks of 2, 2 and 1, the answers those of the model
            List<SequenceClassifier.Prediction> all = batcher.submit(sequences, () -> false).get(20, TimeUnit.SECONDS);
            List<SequenceClassifier.Prediction> expected = classifier.predict(sequences);
            assertThat(batches).containsExactly(2, 2, 1);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).label()).isEqualTo(expected.get(i).label());
                assertThat(all.get(i).probabilities()[0]).isCloseTo(expected.get(i).probabilities()[0], org.assertj.core.data.Offset.offset(1e-6));
            }
            // the client goes during the first chunk: checked before it (alive) and after it (gone)
            batches.clear();
            AtomicInteger checks = new AtomicInteger();
            CompletableFuture<List<SequenceClassifier.Prediction>> dropped = batcher.submit(sequences, () -> checks.incrementAndGet() > 1);
            assertThat(dropped).failsWithin(Duration.ofSeconds(20)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(MicroBatcher.Abandoned.class)
                    .withMessageContaining("the client went away: prediction abandoned after 2 of 5 sequence(s)");
            assertThat(batches).containsExactly(2);
            assertThat(abandonedSequences.get()).isEqualTo(3);
        }
        assertThat(MicroBatcher.renumbered(new IllegalArgumentException("sequence 3: the model's output is not a number"), 64)
                .getMessage()).isEqualTo("sequence 67: the model's output is not a number");
    }

    @Test
    void theClientCheckSeesAClosedPeerWithoutReadingFromTheConnection() throws Exception {
        try (java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open()) {
            listener.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            Socket client = new Socket("127.0.0.1", listener.socket().getLocalPort());
            try (java.nio.channels.SocketChannel channel = listener.accept()) {
                channel.configureBlocking(false);
                assertThat(ClientGone.atEnd(channel)).as("connected, nothing sent").isFalse();
                client.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                Thread.sleep(100);
                assertThat(ClientGone.atEnd(channel)).as("bytes waiting: a pipelined request, alive").isFalse();
                java.nio.ByteBuffer sink = java.nio.ByteBuffer.allocate(64);
                await(() -> {
                    try {
                        channel.read(sink);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return sink.position() == 22;
                }, "the bytes are read");
                client.close();
                await(() -> ClientGone.atEnd(channel), "the closed peer is seen");
            }
        }
    }
}
