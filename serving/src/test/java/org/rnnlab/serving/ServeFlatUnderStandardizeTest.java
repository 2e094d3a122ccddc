package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.csv.SequenceScaling;

/**
 * serve marks a sequence with every feature constant, to a model trained with {@code --set sequenceScaling=standardize} (which
 * reads it as 0 throughout), {@code "flatUnderStandardize": true}, as predict warns of it; a varying sequence, and any sequence
 * to a model without that scaling, has no such field.
 */
class ServeFlatUnderStandardizeTest {

    @Test
    void aFlatSequenceIsMarkedOnlyUnderStandardize() throws Exception {
        float[][] flat = new float[6][TestModels.FEATURES.size()];
        for (float[] step : flat) {
            step[0] = 2.5f;
            step[1] = -1f;
            step[2] = 0.25f;
        }
        float[][] varying = TestModels.randomSequence(new Random(5), 6);
        List<float[][]> two = List.of(flat, varying);
        ServedModel standardized = ServedModel.load("standardized", TestModels.denseCsv(MissingValues.ERROR, SequenceScaling.STANDARDIZE));
        ServedModel plain = ServedModel.load("plain", TestModels.denseCsv(MissingValues.ERROR, SequenceScaling.NONE));
        ModelServer server = ModelServer.start(List.of(standardized, plain), ServeOptions.defaults(0));
        try {
            for (String name : List.of("standardized", "plain")) {
                var answer = ModelServerTest.HTTP.send(java.net.http.HttpRequest.newBuilder(server.uri().resolve("/models/" + name + "/predict"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestModels.sequencesBody(two))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode p = Json.mapper().readTree(answer.body()).get("predictions");
                assertThat(p.size()).isEqualTo(2);
                if (name.equals("standardized")) {
                    assertThat(p.get(0).path("flatUnderStandardize").isBoolean()).as(answer.body()).isTrue();
                    assertThat(p.get(0).get("flatUnderStandardize").asBoolean()).as(answer.body()).isTrue();
                } else {
                    assertThat(p.get(0).path("flatUnderStandardize").asBoolean(false)).as(answer.body()).isFalse();
                }
                assertThat(p.get(1).path("flatUnderStandardize").asBoolean(false)).as(name + ": " + answer.body()).isFalse();
            }
        } finally {
            server.close();
        }
    }
}
