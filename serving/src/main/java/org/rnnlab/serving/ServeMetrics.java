package org.rnnlab.serving;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The server's metrics, in the Prometheus text format on {@code GET /metrics} (the Prometheus Java client 1.x:
 * small, well kept, no HTTP server of its own, and the format every scraper reads). Labels have few values: the
 * endpoint is a route pattern ({@code /models/{name}/predict}), never the raw path, and the model label takes
 * only the served models' names.
 */
public final class ServeMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    final Counter requests = Counter.builder().name("rnnlab_serve_requests_total")
            .help("HTTP requests answered, by endpoint (route pattern) and status code").labelNames("endpoint", "code").register(registry);
    final Counter errors = Counter.builder().name("rnnlab_serve_errors_total")
            .help("requests answered with a 4xx or 5xx status, by endpoint and status code").labelNames("endpoint", "code").register(registry);
    final Histogram latency = Histogram.builder().name("rnnlab_serve_request_duration_seconds")
            .help("time from the start of handling a request to its answer, by endpoint").labelNames("endpoint").classicOnly()
            .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30).register(registry);
    final Counter sequences = Counter.builder().name("rnnlab_serve_sequences_predicted_total")
            .help("sequences (or texts) predicted, by model").labelNames("model").register(registry);
    final Histogram batchSize = Histogram.builder().name("rnnlab_serve_batch_size")
            .help("sequences per model call (one call may serve several requests), by model").labelNames("model").classicOnly()
            .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096).register(registry);
    final Histogram requestSize = Histogram.builder().name("rnnlab_serve_request_sequences")
            .help("sequences (or texts) per predict request, by model").labelNames("model").classicOnly()
            .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000).register(registry);
    final Gauge inFlight = Gauge.builder().name("rnnlab_serve_in_flight_requests")
            .help("requests being handled now").register(registry);
    final Gauge reading = Gauge.builder().name("rnnlab_serve_reading_requests")
            .help("predict requests whose bodies are being read now, before admission (--max-concurrent): slow uploads show "
                    + "here, holding no thread and no admission slot").register(registry);

    final Counter abandonedRequests = Counter.builder().name("rnnlab_serve_abandoned_requests_total")
            .help("predict requests not predicted, or not to the end, because their client had gone, by model").labelNames("model")
            .register(registry);
    final Counter abandonedSequences = Counter.builder().name("rnnlab_serve_abandoned_sequences_total")
            .help("sequences (or texts) left unpredicted because their client had gone, by model").labelNames("model").register(registry);

    final Counter shed = Counter.builder().name("rnnlab_serve_shed_requests_total")
            .help("predict requests refused for load (503 with Retry-After) or size (413), by the limit: max-waiting (all --max-concurrent busy and --max-waiting waiting, or 2 x --max-concurrent + --max-waiting bodies being read), max-wait, "
                    + "body-bytes-in-flight, max-body").labelNames("reason").register(registry);

    /** The reasons of {@link #shed}, the options that set the limits. */
    static final java.util.List<String> SHED_REASONS = java.util.List.of("max-waiting", "max-wait", "body-bytes-in-flight", "max-body");

    /** The status codes of predict answers that the series start with at 0. */
    static final java.util.List<Integer> PREDICT_CODES = java.util.List.of(200, 400, 408, 413, 415, 499, 500, 503);

    /**
     * Creates, at 0, the series that dashboards and alerts read, so that a healthy server shows 0 rather than no data: per
     * model the sequences predicted and the abandoned requests and sequences; per predict endpoint the requests and errors
     * of the codes a predict answer has (200, 400, 408, 413, 415, 499, 500, 503); the shed requests per limit; and the
     * health endpoint's 200 and 503.
     */
    void startAtZero(java.util.Collection<String> models) {
        for (String model : models) {
            sequences.labelValues(model);
            abandonedRequests.labelValues(model);
            abandonedSequences.labelValues(model);
        }
        for (String endpoint : java.util.List.of("/predict", "/models/{name}/predict")) {
            for (int code : PREDICT_CODES) {
                requests.labelValues(endpoint, Integer.toString(code));
                if (code >= 400) {
                    errors.labelValues(endpoint, Integer.toString(code));
                }
            }
        }
        requests.labelValues("/health", "200");
        requests.labelValues("/health", "503");
        SHED_REASONS.forEach(shed::labelValues);
    }

    /** Reports the bytes of predict bodies in flight and the predict requests waiting for admission, read at each scrape. */
    void admission(java.util.function.LongSupplier bodyBytes, java.util.function.IntSupplier waiting) {
        GaugeWithCallback.builder().name("rnnlab_serve_body_bytes_in_flight")
                .help("bytes of predict request bodies being read, parsed, queued or predicted now (--body-bytes-in-flight bounds them)")
                .callback(cb -> cb.call(bodyBytes.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("rnnlab_serve_waiting_requests")
                .help("predict requests waiting for admission now (--max-concurrent are admitted at once)")
                .callback(cb -> cb.call(waiting.getAsInt())).register(registry);
    }

    /** Counts one answered request. */
    void answered(String endpoint, int status, long startNanos) {
        String code = Integer.toString(status);
        requests.labelValues(endpoint, code).inc();
        if (status >= 400) {
            errors.labelValues(endpoint, code).inc();
        }
        latency.labelValues(endpoint).observe((System.nanoTime() - startNanos) / 1e9);
    }

    /** The content type of {@link #scrape()}. */
    public String contentType() {
        return writer.getContentType();
    }

    /** The current values in the Prometheus text format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
