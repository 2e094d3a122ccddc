package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;
import org.rnnlab.training.SequenceClassifier;

/**
 * 8 concurrent clients on loopback for a few seconds against a real server: no errors, and every answer equals
 * {@link SequenceClassifier#predict} of the same sequences (labels identical, probabilities within 1e-6), however
 * the requests were batched together. Prints (does not assert) requests/s, p50 and p99, how many probabilities
 * differed from predicting the request alone, and the batch sizes.
 */
class ServeLoadTest {

    @Test
    void eightClientsGetTheModelsAnswersWithoutErrors() throws Exception {
        ServedModel dense = ServedModel.load("dense", TestModels.dense());
        SequenceClassifier classifier = dense.classifier();
        Random r = new Random(11);
        List<byte[]> bodies = new ArrayList<>();
        List<List<SequenceClassifier.Prediction>> expected = new ArrayList<>();
        for (int b = 0; b < 48; b++) {
            List<float[][]> seqs = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                seqs.add(TestModels.randomSequence(r, 2 + r.nextInt(30))); // different lengths: batches pad and mask
            }
            bodies.add(TestModels.sequencesBody(seqs).getBytes(StandardCharsets.UTF_8));
            expected.add(classifier.predict(seqs));
        }
        List<String> labels = classifier.labelNames();
        AtomicLong values = new AtomicLong();
        AtomicLong differing = new AtomicLong();
        double[] maxDiff = {0};
        LoadGenerator.Check check = (i, answer) -> {
            JsonNode predictions;
            try {
                predictions = Json.mapper().readTree(answer).get("predictions");
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + answer, e);
            }
            List<SequenceClassifier.Prediction> want = expected.get(i);
            if (predictions.size() != want.size()) {
                throw new AssertionError("body " + i + ": " + predictions.size() + " predictions, expected " + want.size());
            }
            for (int k = 0; k < want.size(); k++) {
                JsonNode p = predictions.get(k);
                if (!p.get("label").asText().equals(want.get(k).label())) {
                    throw new AssertionError("body " + i + ", sequence " + k + ": label " + p.get("label") + ", expected " + want.get(k).label());
                }
                for (int c = 0; c < labels.size(); c++) {
                    double got = p.get("probabilities").get(labels.get(c)).asDouble();
                    double diff = Math.abs(got - want.get(k).probabilities()[c]);
                    if (diff > 1e-6) {
                        throw new AssertionError("body " + i + ", sequence " + k + ", " + labels.get(c) + ": " + got + ", expected "
                                + want.get(k).probabilities()[c]);
                    }
                    values.incrementAndGet();
                    if (diff != 0) {
                        differing.incrementAndGet();
                        synchronized (maxDiff) {
                            maxDiff[0] = Math.max(maxDiff[0], diff);
                        }
                    }
                }
            }
        };
        try (ModelServer server = ModelServer.start(List.of(dense), ServeOptions.defaults(0))) {
            URI url = server.uri().resolve("/predict");
            LoadGenerator.Result result = LoadGenerator.run(new LoadGenerator.Config(url, 8, Duration.ofMillis(500), Duration.ofSeconds(4),
                    bodies), check);
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double batches = value(metrics, "rnnlab_serve_batch_size_count\\{model=\"dense\"}");
            double batched = value(metrics, "rnnlab_serve_batch_size_sum\\{model=\"dense\"}");
            double requests = value(metrics, "rnnlab_serve_request_sequences_count\\{model=\"dense\"}");
            System.out.printf(Locale.ROOT, "load test (8 clients, 4 s, batching on): %s%n", result.summary());
            System.out.printf(Locale.ROOT, "  %d of %d probabilities differ from predicting the request alone (largest difference %.3g); "
                    + "%.0f requests in %.0f model calls (%.2f sequences per call)%n", differing.get(), values.get(), maxDiff[0], requests,
                    batches, batched / batches);
            assertThat(result.errors()).as(result.firstError()).isZero();
            assertThat(result.requests()).isPositive();
        }
    }

    @Test
    void failedRequestsCountAsErrorsNotAsThroughputOrLatency() throws Exception {
        // a user's try: with the server gone, refused connections (answered in microseconds) made '3140 requests/s, p50 0.88 ms'
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        LoadGenerator.Result result = LoadGenerator.run(new LoadGenerator.Config(URI.create("http://127.0.0.1:" + port + "/predict"), 2,
                Duration.ZERO, Duration.ofMillis(300), List.of("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))), null);
        assertThat(result.requests()).isPositive();
        assertThat(result.errors()).isEqualTo(result.requests());
        assertThat(result.requestsPerSecond()).isZero();
        assertThat(result.p50()).isZero();
        assertThat(result.summary()).startsWith("0.0 requests/s").contains("(of the 0 answered without error)")
                .endsWith(result.errors() + " errors");
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
