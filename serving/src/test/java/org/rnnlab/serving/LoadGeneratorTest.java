package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rnnlab loadtest}'s clients against a real server that sheds load and against a server that has gone: they honour
 * {@code Retry-After}, count 503s apart from errors, back off after failed connections and say where they failed to connect
 * (an SRE's trial: 503s re-sent at once, ~5,500 failed connects/s, "first error: java.net.ConnectException").
 */
class LoadGeneratorTest {

    @Test
    void clientsWaitTheRetryAfterOfA503AndCountItApartFromErrors() throws Exception {
        // one predict request at once, none waiting: a request held in the paused batcher holds the one place, so every other
        // request is a 503 (a stalled upload holds none: its body is read before admission)
        ServeOptions.Admission admission = new ServeOptions.Admission(Duration.ofSeconds(60), 1, 0, Duration.ofSeconds(10), 0);
        try (ModelServer server = AdmissionTest.start(admission, 1 << 20)) {
            server.batcher("dense").pause();
            try (Socket holder = AdmissionTest.stalled(server, AdmissionTest.ONE.getBytes(StandardCharsets.UTF_8).length, AdmissionTest.ONE)) {
                AdmissionTest.await(() -> AdmissionTest.metric(server, "rnnlab_serve_request_sequences_count{model=\"dense\"}") == 1,
                        "the held request holds the only place");
                LoadGenerator.Result r = LoadGenerator.run(new LoadGenerator.Config(server.uri().resolve("/predict"), 2, Duration.ZERO,
                        Duration.ofMillis(2500), List.of(AdmissionTest.ONE.getBytes(StandardCharsets.UTF_8))), null);
                // Retry-After: 1 -> each client sends at about 0, 1 and 2 s (re-sending at once made hundreds)
                assertThat(r.busy()).as(r.summary()).isBetween(2L, 8L);
                assertThat(r.requests()).isEqualTo(r.busy());
                assertThat(r.errors()).as("a 503 is not counted as an error").isZero();
                assertThat(r.firstError()).isNull();
                assertThat(r.firstBusy()).startsWith("HTTP 503: ").contains("the server is busy");
                assertThat(r.summary()).contains(r.busy() + " refused busy (503; each client waited the Retry-After before its next request)");
                assertThat(AdmissionTest.metric(server, "rnnlab_serve_shed_requests_total{reason=\"max-waiting\"}")).isEqualTo(r.busy());
            } finally {
                server.batcher("dense").resume();
            }
        }
    }

    @Test
    void clientsBackOffWhenTheServerHasGoneAndSayWhereTheyFailedToConnect() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        LoadGenerator.Result r = LoadGenerator.run(new LoadGenerator.Config(URI.create("http://127.0.0.1:" + port + "/predict"), 2,
                Duration.ZERO, Duration.ofSeconds(1), List.of("{}".getBytes(StandardCharsets.UTF_8))), null);
        // 50, 100, 200, 400 ms ... between attempts: about 5 per client in 1 s (it was thousands)
        assertThat(r.errors()).as(r.summary()).isBetween(2L, 20L);
        assertThat(r.firstError()).isEqualTo("connection refused to 127.0.0.1:" + port);
        assertThat(r.busy()).isZero();
    }

    @Test
    void retryAfterIsSecondsOrADateAndBounded() {
        assertThat(LoadGenerator.retryAfter("1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(LoadGenerator.retryAfter(" 5 ")).isEqualTo(Duration.ofSeconds(5));
        assertThat(LoadGenerator.retryAfter(null)).as("missing: 1 s").isEqualTo(Duration.ofSeconds(1));
        assertThat(LoadGenerator.retryAfter("soon")).as("unreadable: 1 s").isEqualTo(Duration.ofSeconds(1));
        assertThat(LoadGenerator.retryAfter("3600")).isEqualTo(LoadGenerator.MAX_RETRY_AFTER);
        assertThat(LoadGenerator.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).as("a date in the past").isEqualTo(Duration.ZERO);
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        assertThat(LoadGenerator.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    }
}
