package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;
import org.rnnlab.training.Decision;
import org.rnnlab.training.SequenceClassifier;

/**
 * A model served with a cut-off ({@code serve --threshold P --positive LABEL}) is labelled by predict's rule,
 * {@link Decision#cutOff}: the positive class at P or more, else the most probable of the others (a model of three classes
 * here), with the probabilities unchanged and the cut-off said in the answer and the card; without one, nothing changes.
 */
class ServeCutOffTest {

    private static JsonNode get(ModelServer server, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        HttpRequest request = body == null ? b.GET().build()
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer = ModelServerTest.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.mapper().readTree(answer.body());
    }

    @Test
    void aCutOffLabelsAsPredictsRuleAndSaysSo() throws Exception {
        Random r = new Random(17);
        List<float[][]> sequences = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sequences.add(TestModels.randomSequence(r, 3 + r.nextInt(10)));
        }
        ServedModel plain = ServedModel.load("plain", TestModels.dense());
        List<String> labels = plain.classifier().labelNames();
        int flat = labels.indexOf("flat");
        List<SequenceClassifier.Prediction> predicted = plain.classifier().predict(sequences);
        // a cut-off in a gap of p(flat) that labels some sequence otherwise than its most probable class
        List<Double> p = predicted.stream().map(x -> x.probabilities()[flat]).sorted().distinct().toList();
        double threshold = Double.NaN;
        for (int k = p.size() - 2; k >= 0 && Double.isNaN(threshold); k--) {
            double t = (p.get(k) + p.get(k + 1)) / 2;
            if (p.get(k + 1) - p.get(k) > 1e-4 && predicted.stream().anyMatch(x -> Decision.cutOff(flat, t).choose(x.probabilities()) != x.index())) {
                threshold = t;
            }
        }
        assertThat(threshold).as("a cut-off that moves a label, among p(flat) %s", p).isBetween(0.0, 1.0);
        ServedModel cut = ServedModel.load("cut", TestModels.dense()).withCutOff("flat", threshold);
        try (ModelServer server = ModelServer.start(List.of(cut, plain), ServeOptions.defaults(0))) {
            String body = TestModels.sequencesBody(sequences);
            JsonNode withCutOff = get(server, "/models/cut/predict", body);
            JsonNode without = get(server, "/models/plain/predict", body);
            assertThat(withCutOff.get("cutOff").get("positive").asText()).isEqualTo("flat");
            assertThat(withCutOff.get("cutOff").get("threshold").asDouble()).isEqualTo(threshold);
            assertThat(without.has("cutOff")).isFalse();
            int moved = 0;
            for (int i = 0; i < sequences.size(); i++) {
                SequenceClassifier.Prediction x = predicted.get(i);
                int expected = Decision.cutOff(flat, threshold).choose(x.probabilities()); // predict --threshold's label
                JsonNode a = withCutOff.get("predictions").get(i);
                JsonNode b = without.get("predictions").get(i);
                assertThat(a.get("label").asText()).as("sequence %d", i).isEqualTo(labels.get(expected));
                assertThat(a.get("index").asInt()).isEqualTo(expected);
                assertThat(b.get("label").asText()).isEqualTo(labels.get(x.index()));
                assertThat(a.get("probabilities")).isEqualTo(b.get("probabilities"));
                moved += expected != x.index() ? 1 : 0;
            }
            assertThat(moved).isPositive();
            assertThat(get(server, "/models/cut", null).get("cutOff")).isEqualTo(withCutOff.get("cutOff"));
            assertThat(get(server, "/models/plain", null).has("cutOff")).isFalse();
            JsonNode models = get(server, "/models", null).get("models");
            assertThat(models.get(0).get("cutOff")).isEqualTo(withCutOff.get("cutOff"));
            assertThat(models.get(1).has("cutOff")).isFalse();
        }
        assertThatThrownBy(() -> plain.withCutOff("Flat", 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--positive 'Flat' is none of the labels of model 'plain': [neg, pos, flat]");
    }
}
