package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.rnnlab.core.Json;
import org.rnnlab.serving.ModelServer;
import org.rnnlab.serving.ServeOptions;
import org.rnnlab.serving.ServedModel;

/**
 * serve's answer for sequences, for tests that hold predict's CSV columns against serve's fields: the model served
 * in-process on an ephemeral port, the sequences sent to {@code /predict} in one request (every feature of each step, in
 * the model's order), and the answer's {@code predictions}, in request order.
 */
final class ServedPredictions {

    private ServedPredictions() {
    }

    static JsonNode of(String model, List<float[][]> sequences) throws Exception {
        try (ModelServer server = ModelServer.start(ServedModel.loadAll(List.of(model)), ServeOptions.defaults(0))) {
            StringBuilder body = new StringBuilder("{\"sequences\": [");
            for (int i = 0; i < sequences.size(); i++) {
                body.append(i == 0 ? "" : ",").append('[');
                float[][] steps = sequences.get(i);
                for (int t = 0; t < steps.length; t++) {
                    body.append(t == 0 ? "" : ",").append('[');
                    for (int f = 0; f < steps[t].length; f++) {
                        body.append(f == 0 ? "" : ",").append(steps[t][f]);
                    }
                    body.append(']');
                }
                body.append(']');
            }
            body.append("]}");
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/predict"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return Json.mapper().readTree(answer.body()).get("predictions");
        }
    }
}
