package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.csv.SequenceScaling;
import org.rnnlab.datasets.csv.TimeStep;

/**
 * A request holds no times, so the server cannot see a changed logging rate (a trial's station logged every 2 min for a
 * model of 1 min got no flag, where predict warned): the model's stored step is in its card, {@code GET /model}'s
 * {@code dataSchema.timeStep}, for a client to check its rows against (serving.md says so; trial 74a F8).
 */
class ServeTimeStepTest {

    private static JsonNode get(ModelServer server, String path) throws Exception {
        HttpResponse<String> answer = ModelServerTest.HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.mapper().readTree(answer.body());
    }

    @Test
    void theCardGivesTheModelsStoredTimeStepAndAModelWithoutOneNone() throws Exception {
        ServedModel minute = ServedModel.load("minute", TestModels.denseCsv(MissingValues.ERROR, SequenceScaling.NONE, List.of(),
                null, null, new TimeStep(60, true)));
        ServedModel none = ServedModel.load("none", TestModels.denseCsv(MissingValues.ERROR));
        try (ModelServer server = ModelServer.start(List.of(minute, none), ServeOptions.defaults(0))) {
            JsonNode step = get(server, "/model").path("dataSchema").path("timeStep");
            assertThat(step.path("value").asDouble()).isEqualTo(60.0);
            assertThat(step.path("dateTimes").asBoolean()).isTrue();
            assertThat(step.path("rates").isArray() && step.path("rates").isEmpty()).as(step.toString()).isTrue();
            assertThat(get(server, "/models/minute").path("dataSchema").path("timeStep")).isEqualTo(step);
            JsonNode card = get(server, "/models/none");
            assertThat(card.path("dataSchema").isObject()).isTrue();
            assertThat(card.path("dataSchema").path("timeStep").isMissingNode() || card.path("dataSchema").path("timeStep").isNull())
                    .as(card.path("dataSchema").toString()).isTrue();
        }
    }
}
