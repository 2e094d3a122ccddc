package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;
import org.rnnlab.training.TrainingRange;

/**
 * serve marks a sequence holding a feature at one value throughout, where under 1% of the training sequences did,
 * {@code "constantFeatures": [feature, ...]}, as predict warns of it (a radar trial's frozen tracker was answered confidently
 * without a mark); a varying sequence, and any sequence to a model whose card has no constant shares, has no such field.
 */
class ServeConstantFeaturesTest {

    @Test
    void aFrozenFeatureIsNamedWhereTrainingNeverHeldItConstant(@TempDir Path dir) throws Exception {
        Random r = new Random(70);
        List<float[][]> training = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            training.add(TestModels.randomSequence(r, 10));
        }
        float[][] frozen = TestModels.randomSequence(r, 8);
        for (float[] step : frozen) {
            step[1] = 0.5f; // feature y stuck
        }
        float[][] varying = TestModels.randomSequence(r, 8);
        Path marked = dir.resolve("marked.rnnlab");
        try (SequenceClassifier plain = ModelBundle.load(TestModels.dense())) {
            ModelBundle.save(plain.network(), Optional.ofNullable(plain.normalizer()),
                    plain.card().withTrainingRange(TrainingRange.of(training, TestModels.FEATURES.size())), marked);
        }
        ModelServer server = ModelServer.start(List.of(ServedModel.load("marked", marked), ServedModel.load("plain", TestModels.dense())),
                ServeOptions.defaults(0));
        try {
            for (String name : List.of("marked", "plain")) {
                var answer = ModelServerTest.HTTP.send(java.net.http.HttpRequest.newBuilder(server.uri().resolve("/models/" + name + "/predict"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestModels.sequencesBody(List.of(frozen, varying)))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode p = Json.mapper().readTree(answer.body()).get("predictions");
                if (name.equals("marked")) {
                    assertThat(p.get(0).get("constantFeatures")).as(answer.body()).hasSize(1);
                    assertThat(p.get(0).get("constantFeatures").get(0).asText()).isEqualTo(TestModels.FEATURES.get(1));
                } else {
                    assertThat(p.get(0).has("constantFeatures")).as(answer.body()).isFalse();
                }
                assertThat(p.get(1).has("constantFeatures")).as(name + ": " + answer.body()).isFalse();
            }
        } finally {
            server.close();
        }
    }
}
