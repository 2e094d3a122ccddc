package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;

/**
 * Trial 81e F5: {@code GET /models} gave {@code "file": "../runs/rnn/model.rnnlab"}, the path as typed after
 * {@code --model}, which names no file without serve's start folder. {@code /models} and {@code /model} give the absolute
 * path of the model file.
 */
class ServeModelPathTest {

    private static JsonNode get(ModelServer server, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve(path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    @Test
    void theModelFileIsShownByItsAbsolutePathNotAsTyped() throws Exception {
        Path file = TestModels.dense();
        // the path relative to this JVM's working folder, with '..' in it, as a user types it from another folder
        Path typed = Path.of("").toAbsolutePath().relativize(file.toAbsolutePath());
        assertThat(typed.isAbsolute()).isFalse();
        String absolute = file.toAbsolutePath().normalize().toString();
        try (ModelServer server = ModelServer.start(List.of(ServedModel.load("rel", typed)), ServeOptions.defaults(0))) {
            JsonNode models = get(server, "/models");
            JsonNode entry = models.isArray() ? models.get(0) : models.path("models").get(0);
            assertThat(entry.get("file").asText()).as("GET /models: %s", models).isEqualTo(absolute);
            assertThat(get(server, "/model").get("file").asText()).as("GET /model").isEqualTo(absolute);
            assertThat(get(server, "/models/rel").get("file").asText()).as("GET /models/rel").isEqualTo(absolute);
        }
    }
}
