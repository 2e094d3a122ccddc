package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.training.HeldOutConfidence;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;

/**
 * serve marks each prediction {@code "lowConfidence": true|false} by the card's held-out p05 of the top-class probability,
 * as predict's low_confidence column, and writes no such field for a model whose card has no quantiles (a keystroke trial's
 * unenrolled typist got an enrolled user's label at p 0.25 with nothing to tell it from one at 0.99).
 */
class ServeLowConfidenceTest {

    @Test
    void eachPredictionIsMarkedByTheCardsHeldOutP05(@TempDir Path dir) throws Exception {
        Random r = new Random(11);
        List<float[][]> two = List.of(TestModels.randomSequence(r, 8), TestModels.randomSequence(r, 8));
        Path marked = dir.resolve("marked.rnnlab");
        double[] top = new double[2];
        try (SequenceClassifier plain = ModelBundle.load(TestModels.dense())) {
            List<SequenceClassifier.Prediction> p = plain.predict(two);
            assertThat(p.get(0).lowConfidence()).as("a card without the quantiles marks nothing").isNull();
            top[0] = p.get(0).topProbability();
            top[1] = p.get(1).topProbability();
            assertThat(top[0]).isNotEqualTo(top[1]);
            double cut = (top[0] + top[1]) / 2; // the p05 between the two: the less confident one is below it
            Map<String, Double> q = Map.of("p01", cut / 2, "p05", cut, "p10", cut, "p25", cut, "p50", cut);
            ModelBundle.save(plain.network(), Optional.ofNullable(plain.normalizer()), plain.card().withHeldOutPredictions("validation",
                    new long[] {10, 10, 10}, new HeldOutConfidence(30, q, 30, q)), marked);
        }
        ServedModel withQuantiles = ServedModel.load("marked", marked);
        ServedModel without = ServedModel.load("plain", TestModels.dense());
        ModelServer server = ModelServer.start(List.of(withQuantiles, without), ServeOptions.defaults(0));
        try {
            for (String name : List.of("marked", "plain")) {
                var answer = ModelServerTest.HTTP.send(java.net.http.HttpRequest.newBuilder(server.uri().resolve("/models/" + name + "/predict"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestModels.sequencesBody(two))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode p = Json.mapper().readTree(answer.body()).get("predictions");
                if (name.equals("plain")) {
                    assertThat(p.get(0).has("lowConfidence")).as(answer.body()).isFalse();
                    assertThat(p.get(1).has("lowConfidence")).as(answer.body()).isFalse();
                } else {
                    int low = top[0] < top[1] ? 0 : 1;
                    assertThat(p.get(low).get("lowConfidence").asBoolean()).as(answer.body()).isTrue();
                    assertThat(p.get(1 - low).get("lowConfidence").isBoolean()).as(answer.body()).isTrue();
                    assertThat(p.get(1 - low).get("lowConfidence").asBoolean()).as(answer.body()).isFalse();
                }
            }
        } finally {
            server.close();
        }
    }
}
