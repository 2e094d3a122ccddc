package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;

/**
 * {@code rnnlab serve} as a real separate process, started as the launcher starts it
 * ({@code java -Djava.awt.headless=true -cp ... org.rnnlab.evaluation.cli.Main serve ...}): large requests in flight when
 * SIGTERM arrives ({@link Process#destroy()}) all get 200 with the model's answers, the process exits 0 within the drain
 * time, and afterwards connections are refused.
 */
class ServeProcessTest {

    @Test
    void sigtermLetsTheRequestsInFlightFinishThenExitsZero(@TempDir Path dir) throws Exception {
        Path model = ServeCommandTest.denseModel(dir, 64);
        SequenceClassifier classifier = ModelBundle.load(model);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "org.rnnlab.evaluation.cli.Main", "serve", "--model", model.toString(), "--port", "0", "--drain", "30s",
                "--max-batch", "1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // stderr to a file: Process.destroy() closes the pipes it would be read from
        Path errFile = dir.resolve("serve.err");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        try {
            URI base = listening(p, errFile);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            // large requests: 4 x 100 sequences of 400 steps (about 1.4 MB of JSON each), predicted one after the other
            Random r = new Random(9);
            List<List<float[][]>> requests = new ArrayList<>();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                List<float[][]> seqs = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    float[][] s = new float[300 + r.nextInt(100)][3];
                    for (float[] step : s) {
                        for (int f = 0; f < 3; f++) {
                            step[f] = (float) r.nextGaussian();
                        }
                    }
                    seqs.add(s);
                }
                requests.add(seqs);
                answers.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/predict")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.writeCompact(Map.of("sequences", seqs)))).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // and one whose body is half sent: certainly in flight when SIGTERM arrives
            float[][] last = requests.get(0).get(0);
            byte[] body = Json.writeCompact(Map.of("sequences", List.<float[][]>of(last))).getBytes(StandardCharsets.UTF_8);
            try (Socket slow = new Socket(base.getHost(), base.getPort())) {
                slow.setSoTimeout(60_000);
                OutputStream out = slow.getOutputStream();
                out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
                // the rest trickles in over 5 s: a slow upload, in flight when SIGTERM arrives (a connection idle for more
                // than 1 s while draining is closed: Jetty's shutdown idle timeout)
                CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                    try {
                        int from = body.length / 2;
                        for (int k = 1; k <= 25; k++) {
                            int to = body.length / 2 + (body.length - body.length / 2) * k / 25;
                            out.write(body, from, to - from);
                            out.flush();
                            from = to;
                            Thread.sleep(200);
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                // all five requests are being handled (the scrape itself is the sixth)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                double inFlight = 0;
                while (System.nanoTime() < deadline && (inFlight = inFlight(http, base)) < 6) {
                    Thread.sleep(20);
                }
                assertThat(inFlight).as("requests in flight before SIGTERM").isGreaterThanOrEqualTo(6);
                assertThat(trickle).as("the slow upload is still going").isNotDone();

                p.destroy(); // SIGTERM
                long stopAt = System.nanoTime();
                Thread.sleep(300);
                assertThat(p.isAlive()).as("serve drains before it exits").isTrue();
                trickle.get(30, TimeUnit.SECONDS);
                String answer = read(slow.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 200");
                JsonNode slowJson = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertSame(slowJson.get("predictions"), classifier.predict(List.<float[][]>of(last)), classifier.labelNames());

                for (int k = 0; k < answers.size(); k++) {
                    HttpResponse<String> a = answers.get(k).get(60, TimeUnit.SECONDS);
                    assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
                    assertSame(Json.mapper().readTree(a.body()).get("predictions"), classifier.predict(requests.get(k)), classifier.labelNames());
                }
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits within the drain time").isTrue();
                System.out.printf("serve drained and exited %.1f s after SIGTERM%n", (System.nanoTime() - stopAt) / 1e9);
            }
            List<String> err = Files.readAllLines(errFile);
            assertThat(p.exitValue()).as(String.join("\n", err)).isZero();
            assertThat(err).anySatisfy(l -> assertThat(l).startsWith("serve: SIGTERM: stopping"));
            assertThatThrownBy(() -> new Socket(base.getHost(), base.getPort()).close()).isInstanceOf(ConnectException.class);
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * SIGHUP (a terminal hung up, a supervisor's stop) drains as SIGTERM does: a user's serve died at once with 129, its
     * request in flight answered with an empty reply and nothing logged.
     */
    @Test
    void sighupLetsTheRequestInFlightFinishThenExitsZero(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(LauncherJvmTest.ignores("HUP"),
                "this test JVM ignores SIGHUP (started under nohup): the serve process it starts would too");
        Path model = ServeCommandTest.denseModel(dir, 8);
        SequenceClassifier classifier = ModelBundle.load(model);
        Path errFile = dir.resolve("serve.err");
        Process p = serve(model, "30s", errFile);
        try {
            URI base = listening(p, errFile);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            float[][] sequence = gaussian(50, 4);
            byte[] body = Json.writeCompact(Map.of("sequences", List.<float[][]>of(sequence))).getBytes(StandardCharsets.UTF_8);
            try (Socket slow = new Socket(base.getHost(), base.getPort())) {
                CompletableFuture<Void> trickle = slowUpload(slow, body, 15);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                double inFlight = 0;
                while (System.nanoTime() < deadline && (inFlight = inFlight(http, base)) < 2) { // the upload and the scrape
                    Thread.sleep(20);
                }
                assertThat(inFlight).as("the slow upload is in flight").isGreaterThanOrEqualTo(2);
                assertThat(new ProcessBuilder("kill", "-HUP", String.valueOf(p.pid())).start().waitFor()).isZero();
                Thread.sleep(300);
                assertThat(p.isAlive()).as("serve drains before it exits").isTrue();
                assertThat(trickle).as("the slow upload is still going").isNotDone();
                trickle.get(30, TimeUnit.SECONDS);
                String answer = read(slow.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 200");
                assertSame(Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("predictions"),
                        classifier.predict(List.<float[][]>of(sequence)), classifier.labelNames());
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits within the drain time").isTrue();
            List<String> err = Files.readAllLines(errFile);
            assertThat(p.exitValue()).as(String.join("\n", err)).isZero();
            assertThat(err).anySatisfy(l -> assertThat(l).startsWith("serve: SIGHUP: stopping; requests in flight may take up to"));
            assertThatThrownBy(() -> new Socket(base.getHost(), base.getPort()).close()).isInstanceOf(ConnectException.class);
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Two SIGTERMs 50 ms apart (GNU timeout signals serve and then its process group; an ops trial's second one skipped the
     * drain and was printed before the first's line) are one stop: the upload in flight is answered and serve exits 0, the
     * lines in the signals' order. A signal a second or more after the first still stops at once (exit 1).
     */
    @Test
    void aSignalRepeatedWithinASecondIsTheSameStopALaterOneStopsAtOnce(@TempDir Path dir) throws Exception {
        Path model = ServeCommandTest.denseModel(dir, 8);
        SequenceClassifier classifier = ModelBundle.load(model);
        float[][] sequence = gaussian(50, 6);
        byte[] body = Json.writeCompact(Map.of("sequences", List.<float[][]>of(sequence))).getBytes(StandardCharsets.UTF_8);
        for (boolean later : new boolean[] {false, true}) {
            Path errFile = dir.resolve("serve-" + later + ".err");
            Process p = serve(model, "30s", errFile);
            try {
                URI base = listening(p, errFile);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                try (Socket slow = new Socket(base.getHost(), base.getPort())) {
                    CompletableFuture<Void> trickle = slowUpload(slow, body, 20);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    double inFlight = 0;
                    while (System.nanoTime() < deadline && (inFlight = inFlight(http, base)) < 2) { // the upload and the scrape
                        Thread.sleep(20);
                    }
                    assertThat(inFlight).as("the slow upload is in flight").isGreaterThanOrEqualTo(2);
                    assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor()).isZero();
                    Thread.sleep(later ? 1500 : 50);
                    assertThat(trickle).as("the slow upload is still going").isNotDone();
                    assertThat(new ProcessBuilder("kill", later ? "-INT" : "-TERM", String.valueOf(p.pid())).start().waitFor()).isZero();
                    if (later) {
                        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("a signal 1.5 s after the first stops at once").isTrue();
                    } else {
                        Thread.sleep(1000);
                        assertThat(p.isAlive()).as("serve drains after the repeated signal: " + Files.readString(errFile)).isTrue();
                        trickle.get(30, TimeUnit.SECONDS);
                        String answer = read(slow.getInputStream());
                        assertThat(answer).startsWith("HTTP/1.1 200");
                        assertSame(Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("predictions"),
                                classifier.predict(List.<float[][]>of(sequence)), classifier.labelNames());
                        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits within the drain time").isTrue();
                    }
                }
                List<String> err = Files.readAllLines(errFile);
                assertThat(p.exitValue()).as(String.join("\n", err)).isEqualTo(later ? 1 : 0);
                List<String> said = err.stream().filter(l -> l.startsWith("serve: SIG")).toList();
                assertThat(said).as(String.join("\n", err)).hasSize(2);
                assertThat(said.get(0)).startsWith("serve: SIGTERM: stopping; requests in flight may take up to 30.0s to finish");
                if (later) {
                    assertThat(said.get(1)).isEqualTo("serve: SIGINT again: stopping now, without waiting for requests in flight");
                } else {
                    assertThat(said.get(1)).matches("serve: SIGTERM again 0\\.\\ds after SIGTERM: taken as the same stop \\(a signal "
                            + "within 1\\.0s of the first is one delivered twice\\); still waiting for the requests in flight");
                }
            } finally {
                p.destroyForcibly();
            }
        }
    }

    /**
     * A SIGTERM whose --drain runs out with requests in flight (slow uploads here; large predict bodies in an SRE's trial)
     * cuts them off: one line says how many and the --drain given, no stack trace is printed, and the exit is 4, not the 0
     * that says the requests in flight finished.
     */
    @Test
    void aDrainThatRunsOutSaysSoInOneLineAndExitsFour(@TempDir Path dir) throws Exception {
        Path model = ServeCommandTest.denseModel(dir, 8);
        Path errFile = dir.resolve("serve.err");
        Process p = serve(model, "1s", errFile);
        List<Socket> uploads = new ArrayList<>();
        try {
            URI base = listening(p, errFile);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            float[][] sequence = new float[2000][3];
            byte[] body = Json.writeCompact(Map.of("sequences", List.<float[][]>of(sequence))).getBytes(StandardCharsets.UTF_8);
            List<CompletableFuture<Void>> trickles = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                Socket s = new Socket(base.getHost(), base.getPort());
                uploads.add(s);
                OutputStream out = s.getOutputStream();
                out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                trickles.add(CompletableFuture.runAsync(() -> { // a piece every 100 ms for 20 s: longer than --drain
                    try {
                        for (int i = 0; i < 200; i++) {
                            out.write(body, i * (body.length / 400), body.length / 400);
                            out.flush();
                            Thread.sleep(100);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the stop closed the connection: expected
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            double inFlight = 0;
            while (System.nanoTime() < deadline && (inFlight = inFlight(http, base)) < 4) { // the uploads and the scrape
                Thread.sleep(20);
            }
            assertThat(inFlight).as("the uploads are in flight").isGreaterThanOrEqualTo(4);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits soon after the drain time").isTrue();
            String err = Files.readString(errFile);
            assertThat(p.exitValue()).as(err).isEqualTo(ServeCommand.CUT_OFF).isEqualTo(4);
            assertThat(err).as(err).contains("serve: stopped, but --drain 1s ran out: 3 request(s) in flight were cut off");
            assertThat(err).as("no stack trace, no exception: " + err).doesNotContain("\tat ").doesNotContain("Exception")
                    .doesNotContain("ERROR");
        } finally {
            p.destroyForcibly();
            for (Socket s : uploads) {
                s.close();
            }
        }
    }

    /** Waits for the line saying where serve listens. */
    private static URI listening(Process p, Path errFile) throws Exception {
        Pattern on = Pattern.compile("(?m)^serve: model 'dense' \\(.*\\) on (http://127\\.0\\.0\\.1:\\d+)$");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(errFile) ? Files.readString(errFile) : "";
            Matcher m = on.matcher(text);
            if (m.find()) {
                return URI.create(m.group(1));
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("serve exited " + p.exitValue() + " before listening: " + text);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("serve did not say where it listens within 120 s");
    }

    private static double inFlight(HttpClient http, URI base) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^rnnlab_serve_in_flight_requests ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void assertSame(JsonNode predictions, List<SequenceClassifier.Prediction> expected, List<String> labels) {
        assertThat(predictions.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(predictions.get(i).get("label").asText()).isEqualTo(expected.get(i).label());
            for (int c = 0; c < labels.size(); c++) {
                assertThat(predictions.get(i).get("probabilities").get(labels.get(c)).asDouble())
                        .isCloseTo(expected.get(i).probabilities()[c], within(1e-6));
            }
        }
    }

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
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** A serve process of {@code model} on a free port, with {@code --drain drain}, standard error into {@code errFile}. */
    private static Process serve(Path model, String drain, Path errFile) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.rnnlab.evaluation.cli.Main", "serve", "--model", model.toString(), "--port", "0", "--drain", drain);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(errFile.toFile());
        return pb.start();
    }

    /** A sequence of {@code steps} steps of 3 standard normal features, seeded. */
    private static float[][] gaussian(int steps, long seed) {
        float[][] sequence = new float[steps][3];
        Random r = new Random(seed);
        for (float[] step : sequence) {
            for (int f = 0; f < 3; f++) {
                step[f] = (float) r.nextGaussian();
            }
        }
        return sequence;
    }

    /**
     * Posts {@code body} to /predict on {@code slow}: the header and half the body at once, the rest in {@code pieces} pieces
     * 200 ms apart (steps shorter than the 1 s a connection may stay idle while draining), by the future returned.
     */
    private static CompletableFuture<Void> slowUpload(Socket slow, byte[] body, int pieces) throws IOException {
        slow.setSoTimeout(60_000);
        OutputStream out = slow.getOutputStream();
        out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        return CompletableFuture.runAsync(() -> {
            try {
                int from = body.length / 2;
                for (int k = 1; k <= pieces; k++) {
                    Thread.sleep(200);
                    int to = body.length / 2 + (body.length - body.length / 2) * k / pieces;
                    out.write(body, from, to - from);
                    out.flush();
                    from = to;
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
