package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;

/**
 * {@code serve --cors-origin} (a browser tablet app on another origin: its preflight OPTIONS was a 405 and no answer carried
 * Access-Control-Allow-Origin, trial 71c) and {@code serve --require-feature-names} (feature arrays by position in another
 * order were scored, trial 71f), against a real Jetty on a loopback port.
 */
class ServeCorsAndFeatureNamesTest {
    static final String TABLET = "http://tablet.local:8000";
    static ModelServer server;
    static ModelServer plain;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        ServedModel dense = ServedModel.load("dense", TestModels.dense());
        server = ModelServer.start(List.of(dense), ServeOptions.defaults(0).withLimits(20, 50, 64 * 1024)
                .withCors(List.of(TABLET)).withRequireFeatureNames(true));
        plain = ModelServer.start(List.of(dense), ServeOptions.defaults(0).withLimits(20, 50, 64 * 1024));
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        plain.stop();
    }

    static HttpResponse<String> send(URI base, String method, String path, String origin, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (method.equals("OPTIONS")) {
            b.header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type");
        } else if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String error(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body()).path("error").asText();
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnswered204AndItsAnswersCarryTheOrigin() throws Exception {
        HttpResponse<String> pre = send(server.uri(), "OPTIONS", "/predict", TABLET, null);
        assertThat(pre.statusCode()).as(pre.body()).isEqualTo(204);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TABLET);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("")).containsIgnoringCase("content-type");
        assertThat(pre.headers().firstValue("Access-Control-Max-Age")).hasValue("600");

        String named = "{\"sequences\": [[{\"x\": 1, \"y\": 2, \"z\": 3}, {\"x\": 0.5, \"y\": 1, \"z\": 2}]]}";
        HttpResponse<String> post = send(server.uri(), "POST", "/predict", TABLET, named);
        assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TABLET);
        assertThat(post.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("X-Rnnlab-Model-Sha256");
        // refusals carry it too, or the page could not read the message
        HttpResponse<String> bad = send(server.uri(), "POST", "/predict", TABLET, "{\"sequences\": []}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TABLET);
        HttpResponse<String> health = send(server.uri(), "GET", "/health", TABLET, null);
        assertThat(health.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TABLET);
    }

    @Test
    void anotherOriginGetsNoCorsHeaderAndItsPreflightIs403NamingTheAllowedOnes() throws Exception {
        HttpResponse<String> pre = send(server.uri(), "OPTIONS", "/predict", "http://evil.example", null);
        assertThat(pre.statusCode()).as(pre.body()).isEqualTo(403);
        assertThat(error(pre)).contains("http://evil.example").contains(TABLET).contains("--cors-origin");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> health = send(server.uri(), "GET", "/health", "http://evil.example", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void withoutCorsOriginNothingIsAddedAndOptionsIs405WithAllow() throws Exception {
        HttpResponse<String> pre = send(plain.uri(), "OPTIONS", "/predict", TABLET, null);
        assertThat(pre.statusCode()).isEqualTo(405);
        assertThat(pre.headers().firstValue("Allow")).hasValue("POST");
        assertThat(error(pre)).contains("--cors-origin");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> post = send(plain.uri(), "POST", "/predict", TABLET, "{\"sequences\": [[[1, 2, 3]]]}");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void anyOriginWithStar() throws Exception {
        ServedModel dense = ServedModel.load("dense", TestModels.dense());
        try (ModelServer any = ModelServer.start(List.of(dense), ServeOptions.defaults(0).withCors(List.of("*")))) {
            HttpResponse<String> pre = send(any.uri(), "OPTIONS", "/models/dense/predict", "https://anything.example", null);
            assertThat(pre.statusCode()).isEqualTo(204);
            assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        }
    }

    @Test
    void stepsByPositionAreRefusedNamingTheModelsOrderWhenNamesAreRequired() throws Exception {
        HttpResponse<String> byPosition = send(server.uri(), "POST", "/predict", null, "{\"sequences\": [[[3, 2, 1]]]}");
        assertThat(byPosition.statusCode()).as(byPosition.body()).isEqualTo(400);
        assertThat(error(byPosition)).contains("sequence 0, step 0: steps must name their features")
                .contains("--require-feature-names").contains("[x, y, z]").contains("{\"x\": 1, \"y\": 2, \"z\": 3}");
        // the same values by name, in any key order, are scored as the model's order
        HttpResponse<String> named = send(server.uri(), "POST", "/predict", null, "{\"sequences\": [[{\"z\": 3, \"x\": 1, \"y\": 2}]]}");
        HttpResponse<String> ordered = send(plain.uri(), "POST", "/predict", null, "{\"sequences\": [[[1, 2, 3]]]}");
        assertThat(named.statusCode()).as(named.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(named.body()).get("predictions"))
                .isEqualTo(Json.mapper().readTree(ordered.body()).get("predictions"));
    }

    @Test
    void aSequenceOverMaxLengthIsRefusedNamingItsLengthTheLimitAndTheOption() throws Exception {
        float[][] longOne = TestModels.randomSequence(new Random(3), 73);
        HttpResponse<String> r = send(plain.uri(), "POST", "/predict", null, TestModels.sequencesBody(List.of(
                TestModels.randomSequence(new Random(4), 5), longOne)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(error(r)).contains("sequence 1 has 73 steps, more than this server's --max-length of 50")
                .contains("trained on sequences of up to 12 steps").contains("'rnnlab predict' scores longer ones")
                .contains("--max-length 73 or more");
        // a body that ends inside such a sequence is a 400 too (the count of its rest stops at the end)
        String body = TestModels.sequencesBody(List.<float[][]>of(longOne));
        HttpResponse<String> cut = send(plain.uri(), "POST", "/predict", null, body.substring(0, body.length() - 40));
        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(400);
    }
}
