package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;
import org.rnnlab.training.SequenceClassifier;

/** The API against a real Jetty on an ephemeral loopback port, over {@link HttpClient}, with two real models. */
class ModelServerTest {
    static ModelServer server;
    static ServedModel dense;
    static ServedModel text;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }

        String error() throws IOException {
            return json().path("error").asText();
        }
    }

    static java.time.Instant loading;

    @BeforeAll
    static void start() throws IOException {
        loading = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        dense = ServedModel.load("dense", TestModels.dense());
        text = ServedModel.load("words", TestModels.text());
        server = ModelServer.start(List.of(dense, text), ServeOptions.defaults(0).withLimits(20, 50, 64 * 1024));
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    static Answer post(String path, String body) throws Exception {
        return post(path, "application/json", body);
    }

    static Answer post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    static Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    static Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r);
    }

    static void assertSamePredictions(JsonNode predictions, List<SequenceClassifier.Prediction> expected, List<String> labels) {
        assertThat(predictions.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode p = predictions.get(i);
            assertThat(p.get("label").asText()).isEqualTo(expected.get(i).label());
            assertThat(p.get("index").asInt()).isEqualTo(expected.get(i).index());
            assertThat(p.get("probabilities").size()).isEqualTo(labels.size());
            for (int c = 0; c < labels.size(); c++) {
                assertThat(p.get("probabilities").get(labels.get(c)).asDouble()).isCloseTo(expected.get(i).probabilities()[c], within(1e-6));
            }
        }
    }

    @Test
    void featuresFarOutsideTheTrainingDataAreFlaggedAsPredictWarnsOfThem() throws Exception {
        Random r = new Random(5);
        float[][] usual = TestModels.randomSequence(r, 8);
        float[][] scaled = new float[usual.length][];
        for (int t = 0; t < usual.length; t++) {
            scaled[t] = usual[t].clone();
            scaled[t][1] = 1000 * usual[t][1] + 5000; // y in other units: every value thousands of sd out
        }
        Answer a = post("/predict", TestModels.sequencesBody(List.of(usual, scaled)));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode p = a.json().get("predictions");
        assertThat(p.get(0).has("farFromTraining")).as(a.body()).isFalse();
        assertThat(p.get(1).get("farFromTraining").toString()).as(a.body()).isEqualTo("[\"y\"]");
        // and why, as the Java API's farReasons() (a client told a unit from a code only by the server's log)
        assertThat(p.get(0).has("farReasons")).as(a.body()).isFalse();
        JsonNode unitReason = p.get(1).get("farReasons");
        assertThat(unitReason.size()).as(a.body()).isEqualTo(1);
        assertThat(unitReason.get(0).get("feature").asText()).isEqualTo("y");
        assertThat(unitReason.get(0).get("kind").asText()).isEqualTo("UNIT");
        assertThat(unitReason.get(0).get("detail").asText()).contains("another unit or scale?");
        SequenceClassifier.Prediction api = dense.classifier().predict(scaled);
        assertThat(unitReason.get(0).get("detail").asText()).isEqualTo(api.farReasons().get(0).detail());
        // a code for a missing value in one step (a trial's -999 at the 76th of 77 steps flipped the answer): flagged too
        float[][] coded = new float[usual.length][];
        for (int t = 0; t < usual.length; t++) {
            coded[t] = usual[t].clone();
        }
        coded[usual.length - 2][0] = -999f;
        Answer c = post("/predict", TestModels.sequencesBody(List.<float[][]>of(coded)));
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        assertThat(c.json().get("predictions").get(0).get("farFromTraining").toString()).as(c.body()).isEqualTo("[\"x\"]");
        assertThat(c.json().get("predictions").get(0).get("farReasons").get(0).get("kind").asText()).as(c.body()).isEqualTo("CODE");
        assertThat(c.json().get("predictions").get(0).get("farReasons").get(0).get("detail").asText()).as(c.body()).startsWith("-999 in 1 cell(s)");

        // one window a request whose y is in a unit a ten-thousandth of the training one's (volts for 100 microvolts: no value
        // 10 sd out); a dead channel at 0 far from its training mean is FarFromTrainingTest's (judgeOne, as here)
        float[][] longer = TestModels.randomSequence(r, 12);
        float[][] shrunk = new float[longer.length][];
        for (int t = 0; t < longer.length; t++) {
            shrunk[t] = longer[t].clone();
            shrunk[t][1] = 1e-4f * longer[t][1];
        }
        for (float[][] one : List.<float[][]>of(shrunk)) {
            Answer d = post("/predict", TestModels.sequencesBody(List.<float[][]>of(one)));
            assertThat(d.status()).as(d.body()).isEqualTo(200);
            assertThat(d.json().get("predictions").get(0).get("farFromTraining").toString()).as(d.body()).isEqualTo("[\"y\"]");
        }
        Answer plain = post("/predict", TestModels.sequencesBody(List.<float[][]>of(longer)));
        assertThat(plain.json().get("predictions").get(0).has("farFromTraining")).as(plain.body()).isFalse();
    }

    @Test
    void sequencesOfLengthsTheModelNeverTrainedOnAreFlaggedAsPredictWarnsOfThem() throws Exception {
        // the dense model trained on 3 to 12 steps: 1 step is under half the shortest, 25 over twice the longest
        Random r = new Random(4);
        List<float[][]> sequences = List.of(TestModels.randomSequence(r, 1), TestModels.randomSequence(r, 7),
                TestModels.randomSequence(r, 25));
        Answer a = post("/predict", TestModels.sequencesBody(sequences));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode p = a.json().get("predictions");
        assertThat(p.get(0).get("lengthUntested").asBoolean()).as(a.body()).isTrue();
        assertThat(p.get(0).get("steps").asInt()).isEqualTo(1);
        assertThat(p.get(1).has("lengthUntested")).as(a.body()).isFalse();
        assertThat(p.get(2).get("steps").asInt()).isEqualTo(25);
        assertSamePredictions(p, dense.classifier().predict(sequences), dense.classifier().labelNames());
    }

    @Test
    void sequencesOutsideTheTrainedLengthsButWithinTheTestedRangeAreFlaggedAsPredictNotesThem() throws Exception {
        // trial 74a F6: predict noted 22 sequences of 24 steps (trained 30-120) as extrapolating, serve flagged none of them.
        // The dense model trained on 3 to 12 steps: 2 steps is shorter than any (not under half), 20 longer (not over twice)
        Random r = new Random(5);
        List<float[][]> sequences = List.of(TestModels.randomSequence(r, 2), TestModels.randomSequence(r, 7),
                TestModels.randomSequence(r, 20), TestModels.randomSequence(r, 1));
        Answer a = post("/predict", TestModels.sequencesBody(sequences));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode p = a.json().get("predictions");
        assertThat(p.get(0).get("lengthOutsideTrained").asBoolean()).as(a.body()).isTrue();
        assertThat(p.get(0).get("steps").asInt()).isEqualTo(2);
        assertThat(p.get(0).has("lengthUntested")).as(a.body()).isFalse();
        assertThat(p.get(1).has("lengthOutsideTrained")).as(a.body()).isFalse();
        assertThat(p.get(1).has("steps")).as(a.body()).isFalse();
        assertThat(p.get(2).get("lengthOutsideTrained").asBoolean()).as(a.body()).isTrue();
        assertThat(p.get(2).get("steps").asInt()).isEqualTo(20);
        // under half the shortest: the stronger flag alone
        assertThat(p.get(3).get("lengthUntested").asBoolean()).as(a.body()).isTrue();
        assertThat(p.get(3).has("lengthOutsideTrained")).as(a.body()).isFalse();
        assertSamePredictions(p, dense.classifier().predict(sequences), dense.classifier().labelNames());
    }

    @Test
    void valuesBelowTheFloatRangeAreFlaggedAsPredictWarnsOfThemAndTheLargestFloatIsAccepted() throws Exception {
        // a user's try: 1e-50 was read as 0 without a word, while predict warns "not 0 but below the float range ... read as 0"
        Answer a = post("/predict", "{\"sequences\": [[[1, 2, 1e-50], [0.0, 0e-50, 3], [1e-400, 2, 3]], [[1, 2, 3], [1, 2, 3], [1, 2, 3]]]}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode p = a.json().get("predictions");
        assertThat(p.get(0).get("belowFloatRange").asInt()).as(a.body()).isEqualTo(2); // 1e-50 and 1e-400; 0.0 and 0e-50 are 0
        assertThat(p.get(1).has("belowFloatRange")).as(a.body()).isFalse();
        assertSamePredictions(p, dense.classifier().predict(List.of(new float[][] {{1, 2, 0}, {0, 0, 3}, {0, 2, 3}},
                new float[][] {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}})), dense.classifier().labelNames());
        // the largest float is within "|x| <= 3.4028235e38", as the error for larger values says
        // (read as it is; this model's standardisation then overflows, a 400 of its own)
        byte[] largest = "{\"sequences\": [[[3.4028235e38, 2, -3.4028235e38]]]}".getBytes(StandardCharsets.UTF_8);
        assertThat(new RequestParser(dense, 20, 50).parse(new ByteArrayInputStream(largest)).sequences().get(0)[0])
                .containsExactly(Float.MAX_VALUE, 2f, -Float.MAX_VALUE);
        assertError(post("/predict", "{\"sequences\": [[[3.5e38, 2, 3]]]}"), 400, "feature x: 3.5e38 is beyond the float range (expected "
                + "|x| <= 3.4028235e38, the largest 32-bit float)");
    }

    @Test
    void predictsOneSequenceLikeTheModel() throws Exception {
        float[][] s = TestModels.randomSequence(new Random(3), 7);
        Answer a = post("/predict", TestModels.sequencesBody(TestModels.one(s)));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.response().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(a.response().headers().firstValue("Server")).as("no server version disclosed").isEmpty();
        JsonNode json = a.json();
        assertThat(json.get("model").asText()).isEqualTo("dense");
        assertSamePredictions(json.get("predictions"), List.of(dense.classifier().predict(s)), dense.classifier().labelNames());
        // alone, the request is its own batch: the probabilities are the model's to the last bit (JSON doubles round-trip)
        double[] expected = dense.classifier().predict(s).probabilities();
        assertThat(json.at("/predictions/0/probabilities/neg").asDouble()).isEqualTo(expected[0]);
    }

    @Test
    void predictsManySequencesInRequestOrder() throws Exception {
        Random r = new Random(5);
        List<float[][]> seqs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seqs.add(TestModels.randomSequence(r, 1 + r.nextInt(20)));
        }
        Answer a = post("/models/dense/predict", TestModels.sequencesBody(seqs));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<SequenceClassifier.Prediction> alone = new ArrayList<>();
        for (float[][] s : seqs) {
            alone.add(dense.classifier().predict(s));
        }
        assertSamePredictions(a.json().get("predictions"), alone, dense.classifier().labelNames());
        assertSamePredictions(a.json().get("predictions"), dense.classifier().predict(seqs), dense.classifier().labelNames());
    }

    @Test
    void integersAreNumbersToo() throws Exception {
        Answer a = post("/predict", "{\"sequences\": [[[1, 0, -2], [0.5, 1e-3, 2E2]]]}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertSamePredictions(a.json().get("predictions"), List.of(dense.classifier().predict(new float[][] {{1, 0, -2}, {0.5f, 1e-3f, 200}})),
                dense.classifier().labelNames());
    }

    @Test
    void predictsTextsWithATextModel() throws Exception {
        Answer a = post("/models/words/predict", Json.writeCompact(java.util.Map.of("texts", TestModels.TEXTS)));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("model").asText()).isEqualTo("words");
        assertSamePredictions(a.json().get("predictions"), text.classifier().predictTexts(TestModels.TEXTS), text.classifier().labelNames());
    }

    @Test
    void textsLongerThanTheModelsMaximumLengthOrOfUnknownWordsAreMarked() throws Exception {
        int maxLength = text.encoder().orElseThrow().maxLength();
        String longText = "the writers of the books near the old table ".repeat(300).trim(); // 2700 tokens
        List<String> texts = List.of("the writer of the books", longText);
        Answer a = post("/models/words/predict", Json.writeCompact(java.util.Map.of("texts", texts)));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode predictions = a.json().get("predictions");
        assertSamePredictions(predictions, text.classifier().predictTexts(texts), text.classifier().labelNames());
        assertThat(predictions.get(0).has("truncated")).as(a.body()).isFalse();
        assertThat(predictions.get(0).has("tokens")).isFalse();
        assertThat(predictions.get(1).get("truncated").asBoolean()).as(a.body()).isTrue();
        assertThat(predictions.get(1).get("tokens").asInt()).isEqualTo(2700).isGreaterThan(maxLength);
        assertThat(predictions.get(0).has("noKnownWord")).as(a.body()).isFalse();
        // a text of words the model has never seen: answered, and marked (predict warns of it)
        Answer unknown = post("/models/words/predict", Json.writeCompact(java.util.Map.of("texts", List.of("zzz qqq", "the writer"))));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(200);
        assertThat(unknown.json().at("/predictions/0/noKnownWord").asBoolean()).as(unknown.body()).isTrue();
        assertThat(unknown.json().at("/predictions/0/unknownWordShare").asDouble()).as(unknown.body()).isEqualTo(1.0);
        assertThat(unknown.json().at("/predictions/1").has("noKnownWord")).as(unknown.body()).isFalse();
        assertThat(unknown.json().at("/predictions/1").has("unknownWordShare")).as(unknown.body()).isFalse();
        // most words unknown, two known (another kind of text, as an RNA line to a DNA model): the share, as predict warns
        List<String> mostlyUnknown = List.of("the writer zzz qqq xxx yyy www vvv", "the writer of the books zzz"); // max 8 words
        Answer share = post("/models/words/predict", Json.writeCompact(java.util.Map.of("texts", mostlyUnknown)));
        assertThat(share.status()).as(share.body()).isEqualTo(200);
        assertThat(share.json().at("/predictions/0/unknownWordShare").asDouble()).as(share.body()).isEqualTo(0.75);
        assertThat(share.json().at("/predictions/0").has("noKnownWord")).as(share.body()).isFalse();
        assertThat(share.json().at("/predictions/1").has("unknownWordShare")).as("one word in six").isFalse();
        assertThat(share.json().at("/predictions/0/unknownWords").asInt()).as(share.body()).isEqualTo(6);
        assertThat(share.json().at("/predictions/0/wordsRead").asInt()).as(share.body()).isEqualTo(8);
        // half the words unknown, however short (an unsegmented review read as one unknown word and its full stop)
        Answer half = post("/models/words/predict", Json.writeCompact(java.util.Map.of("texts", List.of("zzz writer"))));
        assertThat(half.json().at("/predictions/0/unknownWordShare").asDouble()).as(half.body()).isEqualTo(0.5);
        assertThat(half.json().at("/predictions/0/unknownWords").asInt()).as(half.body()).isEqualTo(1);
        assertThat(half.json().at("/predictions/0").has("noKnownWord")).as(half.body()).isFalse();
        assertSamePredictions(share.json().get("predictions"), text.classifier().predictTexts(mostlyUnknown),
                text.classifier().labelNames());
        // the sequences of a dense model are never cut (too long is an error), so their predictions never say so
        Answer d = post("/models/dense/predict", TestModels.sequencesBody(TestModels.one(TestModels.randomSequence(new Random(1), 40))));
        assertThat(d.json().at("/predictions/0").has("truncated")).as(d.body()).isFalse();
    }

    @Test
    void modelCardsAndTheListOfModels() throws Exception {
        Answer a = get("/model");
        assertThat(a.status()).isEqualTo(200);
        JsonNode card = a.json();
        assertThat(card.get("name").asText()).isEqualTo("dense");
        assertThat(card.get("reads").asText()).isEqualTo("sequences");
        assertThat(card.get("featureNames")).extracting(JsonNode::asText).containsExactly("x", "y", "z");
        assertThat(card.get("labelNames")).extracting(JsonNode::asText).containsExactly("neg", "pos", "flat");
        assertThat(card.at("/spec/cell").asText()).isEqualTo("LSTM");
        assertThat(card.at("/input/featureCount").asInt()).isEqualTo(3);
        assertThat(card.at("/metrics/test_accuracy").asDouble()).isEqualTo(0.5);
        assertThat(card.at("/provenance").isObject()).isTrue();
        assertThat(card.get("maxLength").asInt()).isEqualTo(12);

        JsonNode words = get("/models/words").json();
        assertThat(words.get("name").asText()).isEqualTo("words");
        assertThat(words.get("reads").asText()).isEqualTo("texts");
        assertThat(words.get("labelNames")).extracting(JsonNode::asText).containsExactly("singular", "plural");

        JsonNode list = get("/models").json().get("models");
        assertThat(list).extracting(m -> m.get("name").asText()).containsExactly("dense", "words");
        assertThat(list.get(0).get("default").asBoolean()).isTrue();
        assertThat(list.get(1).get("predict").asText()).isEqualTo("/models/words/predict");
        assertThat(list.get(0).get("maxLength").asInt()).isEqualTo(50);
        // one set of keys in both answers: a client found "labels" in /models and "labelNames" in the card; the old keys stay
        for (JsonNode answer : List.of(card, words, list.get(0), list.get(1))) {
            assertThat(answer.get("labels")).as(answer.toString()).isEqualTo(answer.get("labelNames")).isNotNull();
            assertThat(answer.at("/lengths/min").isInt()).as(answer.toString()).isTrue();
        }
        assertThat(card.at("/lengths/max").asInt()).isEqualTo(card.get("maxLength").asInt()).isEqualTo(12);
        assertThat(card.at("/lengths/min").asInt()).isEqualTo(card.get("minLength").asInt());
        assertThat(list.get(0).get("lengths")).isEqualTo(card.get("lengths"));
    }

    /** The SHA-256 of a file, as {@code sha256sum} prints it. */
    static String sha256(java.nio.file.Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(java.nio.file.Files.readAllBytes(file)));
    }

    /**
     * Which model answers, for an audit: the SHA-256 of each model's file as loaded and the load time in {@code GET /model},
     * {@code /models/NAME} and {@code /models}, and the SHA-256 in a header of each predict answer (an ops trial's two served
     * models both showed only {@code "model": "gru-24"}, and the answers named the model by its URL name only).
     */
    @Test
    void eachModelIsNamedByTheSha256OfItsFileInTheCardsTheListAndItsPredictAnswers() throws Exception {
        String denseSha = sha256(TestModels.dense());
        String textSha = sha256(TestModels.text());
        assertThat(denseSha).matches("[0-9a-f]{64}").isNotEqualTo(textSha);
        JsonNode card = get("/model").json();
        assertThat(card.get("sha256").asText()).isEqualTo(denseSha);
        java.time.Instant loadedAt = java.time.Instant.parse(card.get("loadedAt").asText());
        assertThat(loadedAt).isBetween(loading, java.time.Instant.now());
        assertThat(get("/models/words").json().get("sha256").asText()).isEqualTo(textSha);
        JsonNode list = get("/models").json().get("models");
        assertThat(list).extracting(m -> m.get("sha256").asText()).containsExactly(denseSha, textSha);
        assertThat(list.get(0).get("loadedAt").asText()).isEqualTo(card.get("loadedAt").asText());

        Answer a = post("/predict", TestModels.sequencesBody(TestModels.one(new float[][] {{1, 2, 3}})));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.response().headers().allValues("X-Rnnlab-Model-Sha256")).containsExactly(denseSha);
        Answer t = post("/models/words/predict", "{\"texts\": [\"the keys to the cabinet\"]}");
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        assertThat(t.response().headers().allValues("X-Rnnlab-Model-Sha256")).containsExactly(textSha);
        Answer refused = post("/models/words/predict", "{\"sequences\": [[[1, 2, 3]]]}"); // the model's own refusal names it too
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.response().headers().firstValue("X-Rnnlab-Model-Sha256")).hasValue(textSha);
        assertThat(get("/health").response().headers().firstValue("X-Rnnlab-Model-Sha256")).as("not a model's answer").isEmpty();
    }

    /**
     * A model file overwritten and then deleted while it is served changes nothing served (it is read once, at the start), and
     * the API tells: the SHA-256 stays that of the file as it was loaded, which the file on disk no longer matches.
     */
    @Test
    void aModelFileOverwrittenWhileServedKeepsTheSha256ItWasLoadedWith(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.copy(TestModels.dense(), dir.resolve("road.rnnlab"));
        String loaded = sha256(file);
        try (ModelServer s = ModelServer.start(List.of(ServedModel.load("road", file)), ServeOptions.defaults(0))) {
            java.nio.file.Files.copy(TestModels.text(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(sha256(file)).isNotEqualTo(loaded);
            Answer card = send(HttpRequest.newBuilder(s.uri().resolve("/model")).GET().build());
            assertThat(card.json().get("sha256").asText()).isEqualTo(loaded);
            java.nio.file.Files.delete(file);
            float[][] sequence = {{1, 2, 3}, {0, 1, 0}};
            Answer a = send(HttpRequest.newBuilder(s.uri().resolve("/predict")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TestModels.sequencesBody(TestModels.one(sequence)))).build());
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.response().headers().firstValue("X-Rnnlab-Model-Sha256")).hasValue(loaded);
            assertSamePredictions(a.json().get("predictions"), dense.classifier().predict(TestModels.one(sequence)),
                    dense.classifier().labelNames());
        }
    }

    /**
     * A request's {@code X-Request-Id} is echoed in its answer, whatever the answer (a proxy or client follows a request through
     * its logs by it); one that is not 1 to 200 visible ASCII characters, or given twice, is ignored and the request answered.
     */
    @Test
    void aRequestIdIsEchoedWhenItIsOneOfUpTo200VisibleAsciiCharacters() throws Exception {
        String body = TestModels.sequencesBody(TestModels.one(new float[][] {{1, 2, 3}}));
        String id = "dispatch-7f3a/42:{x}";
        for (String path : List.of("/predict", "/models/nosuch/predict")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).header("Content-Type", "application/json")
                    .header("X-Request-Id", id).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(path.equals("/predict") ? 200 : 404);
            assertThat(r.headers().allValues("X-Request-Id")).as(path).containsExactly(id);
        }
        String longest = "r".repeat(200);
        for (String given : List.of(longest, longest + "r", "two words", "tab\there")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/health")).header("X-Request-Id", given)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().allValues("X-Request-Id")).as("%d characters: %s", given.length(), given)
                    .isEqualTo(given.equals(longest) ? List.of(longest) : List.of());
        }
        HttpResponse<String> twice = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/predict")).header("Content-Type", "application/json")
                .header("X-Request-Id", "a").header("X-Request-Id", "b").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(twice.statusCode()).isEqualTo(200);
        assertThat(twice.headers().allValues("X-Request-Id")).isEmpty();
    }

    @Test
    void healthAndMetrics() throws Exception {
        Answer h = get("/health");
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.json().get("status").asText()).isEqualTo("ok");
        assertThat(post("/predict", TestModels.sequencesBody(TestModels.one(new float[][] {{1, 2, 3}}))).status()).isEqualTo(200);
        assertThat(post("/predict", "{\"sequences\": []}").status()).isEqualTo(400);
        Answer m = get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.response().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(m.body())
                .contains("# TYPE rnnlab_serve_requests_total counter")
                .containsPattern("rnnlab_serve_requests_total\\{code=\"200\",endpoint=\"/predict\"} [1-9]")
                .containsPattern("rnnlab_serve_requests_total\\{code=\"200\",endpoint=\"/health\"} [1-9]")
                .containsPattern("rnnlab_serve_errors_total\\{code=\"400\",endpoint=\"/predict\"} [1-9]")
                .containsPattern("rnnlab_serve_request_duration_seconds_bucket\\{endpoint=\"/predict\",le=\"[0-9.]+\"} [1-9]")
                .containsPattern("rnnlab_serve_sequences_predicted_total\\{model=\"dense\"} [1-9]")
                .containsPattern("rnnlab_serve_batch_size_count\\{model=\"dense\"} [1-9]")
                .containsPattern("rnnlab_serve_request_sequences_sum\\{model=\"dense\"} [1-9]")
                .contains("rnnlab_serve_in_flight_requests");
    }

    /** Every refused request: its status and the words of its message. */
    @Test
    void badRequestsSayExactlyWhatIsWrong() throws Exception {
        assertError(post("/predict", "{\"sequences\": [[[1, 2, 3]]"), 400, "malformed JSON at line 1, column");
        // an unclosed object: Jackson names where it started, without echoing the request (it was cut there, mid-word)
        assertError(post("/predict", "{\"sequences\": [[[1, 2, 3]]]"), 400, "(start marker at line 1, column 1)");
        assertError(post("/predict", "{\"sequences\": [[[1, 2, 3]]],\n \"x\" 3}"), 400, "malformed JSON at line 2, column");
        assertError(post("/predict", "{\"sequences\": [[[1, 2, 3]]], \"options\": {}}"), 400, "unknown field 'options'");
        // Jackson's own words, put plainly (a client's try): a number too long had no place, garbage after the object offered
        // NaN and INF, a comment named a parser feature
        Answer longNumber = post("/predict", "{\"sequences\": [[[" + "1".repeat(2000) + ", 2, 3]]]}");
        assertThat(longNumber.status()).isEqualTo(400);
        assertThat(longNumber.body()).contains("malformed JSON at line 1, column").contains("a number of 2000 characters (at most 1000)");
        assertThat(post("/predict", "{\"sequences\": [[[1, 2, 3]]]} xyz").body()).contains("malformed JSON at line 1, column")
                .contains("a JSON value: a string, number, array, object, true, false or null").doesNotContain("INF");
        assertError(post("/predict", "{\"sequences\": /* x */ [[[1, 2, 3]]]}"), 400, "a comment, which JSON does not have");
        assertError(post("/predict", "{\"sequences\": [[[1, 2, 3]]], \"sequences\": []}"), 400, "Duplicate field 'sequences'");
        assertError(post("/predict", "{\"sequences\": [[[1, 2, 3]]], \"texts\": [\"a\"]}"), 400, "either 'sequences' or 'texts', not both");
        // texts first, to a sequence model: still the both-fields error, not "reads sequences, not texts" (a user's try)
        assertError(post("/predict", "{\"texts\": [\"a\"], \"sequences\": [[[1, 2, 3]]]}"), 400, "either 'sequences' or 'texts', not both");
        assertError(post("/predict", "{\"texts\": [\"a\"]}"), 400, "reads sequences of 3 features [x, y, z], not texts");
        assertError(post("/predict", "{}"), 400, "no 'sequences' field");
        assertError(post("/predict", ""), 400, "the request body is empty");
        assertError(post("/predict", "[1]"), 400, "must be a JSON object");
        assertError(post("/predict", "{\"sequences\": [[[1, 2, 3]]]} {}"), 400, "unexpected content after the JSON object");
        assertError(post("/predict", "{\"sequences\": [[[1, 2, 3], [4, 5]]]}"), 400,
                "sequence 0, step 1: got 2 values, expected 3 [x, y, z]");
        assertError(post("/predict", "{\"sequences\": [[[1, 2, 3]], [[1, 2, 3], [4, 5, 6], [7, 8, 9, 10]]]}"), 400,
                "sequence 1, step 2: got 4 values, expected 3 [x, y, z]");
        assertError(post("/predict", "{\"sequences\": [[[1, NaN, 3]]]}"), 400, "sequence 0, step 0, feature y: NaN is a missing value, and "
                + "the model fills no missing values (it was trained with --missing error)");
        assertError(post("/predict", "{\"sequences\": [[[1, 2, -Infinity]]]}"), 400, "feature z: -Infinity is not a finite number "
                + "(Infinity is not accepted; nor are missing values: the model fills none)");
        assertError(post("/predict", "{\"sequences\": [[[1e39, 2, 3]]]}"), 400, "feature x: 1e39 is beyond the float range (expected |x| <= 3.4028235e38, the largest 32-bit float)");
        // beyond the double range too (parsed as infinity): it is a number, not NaN or Infinity
        assertError(post("/predict", "{\"sequences\": [[[1e400, 2, 3]]]}"), 400, "feature x: 1e400 is beyond the float range");
        assertError(post("/predict", "{\"sequences\": [[[1, \"2\", 3]]]}"), 400, "sequence 0, step 0, feature y: expected a number, got a string (\"2\")");
        assertError(post("/predict", "{\"sequences\": [[[1, 2, 3, null]]]}"), 400, "sequence 0, step 0, value 3: expected a number, got null");
        assertError(post("/predict", "{\"sequences\": [[[1, null, 3]]]}"), 400, "expected a number, got null");
        assertError(post("/predict", "{\"sequences\": [[[1, 2, 3]], []]}"), 400, "sequence 1 is empty");
        assertError(post("/predict", "{\"sequences\": []}"), 400, "'sequences' is empty");
        assertError(post("/predict", "{\"sequences\": [[1, 2, 3]]}"), 400, "sequence 0, step 0 must be an array of 3 numbers [x, y, z] or an object of them by name, got a number (1)");
        assertError(post("/predict", "{\"sequences\": {\"a\": 1}}"), 400, "'sequences' must be an array");
        // steps by feature name, in any order: the same predictions as by position (an ECG trial's second site sent its leads
        // in another order, scored without a word); every feature once, by its name as written
        Answer byPosition = post("/predict", "{\"sequences\": [[[1, 2, 3], [0.5, -1, 2]]]}");
        Answer byName = post("/predict", "{\"sequences\": [[{\"z\": 3, \"x\": 1, \"y\": 2}, {\"y\": -1, \"z\": 2, \"x\": 0.5}]]}");
        assertThat(byName.status()).as(byName.body()).isEqualTo(200);
        assertThat(byName.body()).isEqualTo(byPosition.body());
        assertError(post("/predict", "{\"sequences\": [[{\"x\": 1, \"Y\": 2, \"z\": 3}]]}"), 400,
                "sequence 0, step 0: 'Y' is not one of the model's features [x, y, z] (did you mean 'y'?)");
        assertError(post("/predict", "{\"sequences\": [[{\"x\": 1, \"z\": 3}]]}"), 400,
                "sequence 0, step 0: no value for feature(s) [y]");
        assertError(post("/predict", "{\"sequences\": [[{\"x\": 1, \"y\": \"2\", \"z\": 3}]]}"), 400,
                "sequence 0, step 0, feature y: expected a number, got a string");
        List<float[][]> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add(new float[][] {{1, 2, 3}});
        }
        assertError(post("/predict", TestModels.sequencesBody(tooMany)), 400, "too many sequences: more than 20 in one request (--max-sequences)");
        assertError(post("/predict", TestModels.sequencesBody(TestModels.one(new float[51][3]))), 400,
                "sequence 0 has 51 steps, more than this server's --max-length of 50");
        assertError(post("/predict", "{\"texts\": [\"the writer\"]}"), 400,
                "model 'dense' reads sequences of 3 features [x, y, z], not texts");
        // and where the texts go: the fix is the path, not the body (trial 77e F7), and the reverse
        assertThat(post("/predict", "{\"texts\": [\"the writer\"]}").error()).isEqualTo("model 'dense' reads sequences of 3 "
                + "features [x, y, z], not texts: send {\"sequences\": [[[...], ...], ...]}; model 'words' at /models/words/predict "
                + "reads texts");
        assertError(post("/models/words/predict", "{\"sequences\": [[[1]]]}"), 400, "model 'words' reads text: send {\"texts\"");
        assertThat(post("/models/words/predict", "{\"sequences\": [[[1]]]}").error()).endsWith("not sequences; model 'dense' at "
                + "/models/dense/predict reads sequences");
        assertError(post("/models/words/predict", "{\"texts\": [\"the writer\", 3]}"), 400, "text 1 must be a string, got a number (3)");
        assertError(post("/models/words/predict", "{\"texts\": []}"), 400, "'texts' is empty");
        // method, path, content type
        assertError(get("/predict"), 405, "method GET is not allowed here: use POST");
        assertThat(get("/predict").response().headers().firstValue("Allow")).hasValue("POST");
        assertError(post("/health", "{}"), 405, "use GET");
        // HEAD where GET goes (load balancers' health checks): the status and headers, no body
        Answer head = send(HttpRequest.newBuilder(server.uri().resolve("/health")).timeout(Duration.ofSeconds(30))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(post("/health", "{}").response().headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertError(get("/nowhere"), 404, "no such endpoint: /nowhere");
        assertError(get("/models/nobody"), 404, "no model named 'nobody' (models: dense, words)");
        assertError(post("/models/nobody/predict", "{}"), 404, "no model named 'nobody'");
        assertError(post("/predict", "text/plain", "{}"), 415, "Content-Type text/plain is not accepted: send application/json");
        assertError(post("/predict", "application/x-www-form-urlencoded", "a=1"), 415, "send application/json");
        assertError(post("/predict", null, "{}"), 415, "no Content-Type");
        assertError(post("/predict", "application/json; charset=latin1", "{}"), 415, "charset latin1 is not accepted");
        // utf8 is UTF-8's common alias: it was refused with "charset utf8 is not accepted: JSON is UTF-8"
        assertThat(post("/predict", "application/json; charset=utf8", TestModels.sequencesBody(TestModels.one(new float[][] {{1, 2, 3}})))
                .status()).isNotEqualTo(415);
        // a user's try: a gzipped body was read as JSON, a 400 "Illegal character ((CTRL-CHAR, code 31))"
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(TestModels.sequencesBody(TestModels.one(new float[][] {{1, 2, 3}})).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertError(send(HttpRequest.newBuilder(server.uri().resolve("/predict")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build()), 415,
                "Content-Encoding gzip is not accepted: send the JSON body uncompressed");
        assertThat(post("/predict", "application/json; charset=UTF-8", TestModels.sequencesBody(TestModels.one(new float[][] {{1, 2, 3}})))
                .status()).isEqualTo(200);
    }

    static Answer postBytes(String path, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void queryParametersAreRefusedByNameNotIgnored() throws Exception {
        // a user's try: /predict?model=xyz&top=3 was answered 200 by the default model; the same fields in the body are refused
        String body = TestModels.sequencesBody(TestModels.one(new float[][] {{1, 2, 3}}));
        Answer a = post("/predict?model=xyz&top=3", body);
        assertError(a, 400, "unknown query parameter(s) 'model', 'top': serve reads no query parameters");
        assertThat(a.error()).contains("POST /models/NAME/predict");
        assertError(post("/models/dense/predict?debug", body), 400, "unknown query parameter(s) 'debug'");
        assertError(get("/model?x=1"), 400, "unknown query parameter(s) 'x'");
        // probes answer whatever their query string: a load balancer's cache buster or tag must not fail a health check
        assertThat(get("/health?probe=1").status()).isEqualTo(200);
        assertThat(get("/metrics?x=1").status()).isEqualTo(200);
        assertError(get("/nowhere?x=1"), 404, "no such endpoint");
        assertThat(post("/predict", body).status()).isEqualTo(200);
        assertThat(post("/predict?", body).status()).as("a bare '?' some clients append").isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotUtf8Is400EvenWhereJacksonWouldReadIt() throws Exception {
        String body = TestModels.sequencesBody(TestModels.one(new float[][] {{1, 2, 3}}));
        // a user's try: iconv -t UTF-16 (with a byte order mark) was answered 200, though the README promises a 400
        assertError(postBytes("/predict", body.getBytes(java.nio.charset.StandardCharsets.UTF_16)), 400,
                "malformed JSON at line 1, column 1: the body is not UTF-8 but looks like UTF-16 (it starts with a byte order mark)");
        assertError(postBytes("/predict", body.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)), 400,
                "looks like UTF-16 or UTF-32 (a zero byte at byte offset 1)");
        assertError(postBytes("/predict", body.getBytes(java.nio.charset.StandardCharsets.UTF_16BE)), 400,
                "(a zero byte at byte offset 0)");
        assertError(postBytes("/predict", body.getBytes(java.nio.charset.Charset.forName("UTF-32"))), 400, "not UTF-8");
        // Latin-1 bytes: not valid UTF-8, refused with a line and column
        byte[] latin1 = "{\"texts\": [\"caf\u00e9 the writer\"]}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Answer invalid = postBytes("/models/words/predict", latin1);
        assertError(invalid, 400, "malformed JSON at line 1, column");
        assertThat(invalid.error()).contains("UTF-8");
        assertThat(postBytes("/models/words/predict", "{\"texts\": [\"caf\u00e9 the writer\"]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(200);
    }

    @Test
    void invalidUtf8ThatJacksonDecodesIs400NamingItsByteOffset() throws Exception {
        // a user's try: the overlong C1 A7 was read as 'g' and answered with the probabilities of "great"; C0 AF in a field name
        // came back as "unknown field '/'"; an encoded surrogate ED A0 80 was accepted
        byte[] overlong = {'{', '"', 't', 'e', 'x', 't', 's', '"', ':', ' ', '[', '"', (byte) 0xC1, (byte) 0xA7, 'r', 'e', 'a', 't', '"', ']', '}'};
        assertError(postBytes("/models/words/predict", overlong), 400, "malformed JSON at line 1, column 13 (byte offset 12): the body "
                + "is not valid UTF-8: byte(s) C1 are an overlong encoding; send the body encoded as UTF-8");
        byte[] slash = {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', ' ', '1', '}'};
        assertError(postBytes("/predict", slash), 400, "(byte offset 2): the body is not valid UTF-8: byte(s) C0 are an overlong encoding");
        byte[] surrogate = {'{', '"', 't', 'e', 'x', 't', 's', '"', ':', '[', '"', 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']', '}'};
        assertError(postBytes("/models/words/predict", surrogate), 400, "(byte offset 12): the body is not valid UTF-8: byte(s) ED A0 "
                + "are an encoded surrogate (U+D800..U+DFFF)");
        byte[] overlongThree = {'{', '"', 't', 'e', 'x', 't', 's', '"', ':', '[', '"', (byte) 0xE0, (byte) 0x81, (byte) 0xA7, '"', ']', '}'};
        assertError(postBytes("/models/words/predict", overlongThree), 400, "(byte offset 11): the body is not valid UTF-8: byte(s) E0 81 "
                + "are an overlong encoding");
        byte[] cut = {'{', '"', 't', 'e', 'x', 't', 's', '"', ':', '[', '"', (byte) 0xE2, (byte) 0x82};
        assertError(postBytes("/models/words/predict", cut), 400, "(byte offset 11): the body is not valid UTF-8: byte(s) E2 82 are a "
                + "sequence cut short by the end of the body");
        // valid multi-byte UTF-8, on a second line: still read
        assertThat(postBytes("/models/words/predict", "{\"texts\":\n [\"caf\u00e9 \u20ac \ud83d\ude00 great\"]}"
                .getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
    }

    @Test
    void aFieldNameOverJacksonsLimitIsSaidPlainly() throws Exception {
        // a user's try: "Name length (65536) exceeds the maximum allowed (50000, from `StreamReadConstraints.getMaxNameLength()`)"
        // (over this test server's --max-body of 64 KiB: the parser itself, as serve's default 16 MiB body reaches it)
        byte[] body = ("{\"" + "k".repeat(100_000) + "\": 1}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new RequestParser(dense, 20, 50).parse(new java.io.ByteArrayInputStream(body)))
                .isInstanceOf(ApiException.class).hasMessageContaining("malformed JSON at line 1, column")
                .hasMessageContaining("a field name longer than 50000 characters")
                .hasMessageNotContaining("StreamReadConstraints").hasMessageNotContaining("65536");
    }

    @Test
    void anEmptyOrWhiteSpaceTextIs400NamingItsIndexAndNothingIsPredicted() throws Exception {
        String counted = "rnnlab_serve_sequences_predicted_total{model=\"words\"}";
        String before = metric(counted);
        assertError(post("/models/words/predict", "{\"texts\": [\"\"]}"), 400, "text 0 has no tokens: it is empty or white space only");
        assertError(post("/models/words/predict", "{\"texts\": [\"   \"]}"), 400, "text 0 has no tokens: it is empty or white space only");
        // the second of three, white space in the tokenizer's sense (tab, no-break space, line separator)
        assertError(post("/models/words/predict", Json.writeCompact(java.util.Map.of("texts",
                List.of("the writer", "\t\u00a0\u2028", "the old doctor")))), 400, "text 1 has no tokens");
        // its white space shown by code point, not as '?' (a trial's "   ?? " read as an encoding problem)
        assertError(post("/models/words/predict", Json.writeCompact(java.util.Map.of("texts", List.of("   \n\t ")))), 400,
                "white space only (\"   <U+000A><U+0009> \")");
        assertThat(metric(counted)).as("no text of a refused request is predicted").isEqualTo(before);
        // a text of punctuation alone has tokens, as in training
        Answer ok = post("/models/words/predict", "{\"texts\": [\" . \"]}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThatThrownBy(() -> text.classifier().predictTexts(List.of("the writer", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text 1 has no tokens");
    }

    /** The line of a metric in /metrics (its name and labels, then the value), or "" when it is not there yet. */
    private static String metric(String nameAndLabels) throws Exception {
        return get("/metrics").body().lines().filter(l -> l.startsWith(nameAndLabels + " ")).findFirst().orElse("");
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutItsLength() throws Exception {
        String big = "{\"sequences\": [[[1, 2, 3]]]" + " ".repeat(70_000) + "}"; // valid, but over the 64 KiB limit
        assertThat(big.length()).isGreaterThan(64 * 1024);
        assertError(post("/predict", big), 413, "request body too large: more than 65536 bytes (--max-body)");
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        Answer chunked = send(HttpRequest.newBuilder(server.uri().resolve("/predict")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
        assertError(chunked, 413, "request body too large: more than 65536 bytes (--max-body)");
        assertThat(get("/health").status()).isEqualTo(200);
    }

    @Test
    void aClientStillSendingAnOverLimitBodyReadsThe413() throws Exception {
        // answered from the headers (or at 64 KiB) and closed at once, a client still writing its body met a reset that
        // threw away the unread 413: "header parser received no bytes", about 1 request in 100 before the server read
        // and discarded the rest first; 50 rounds of a 70 KB and a 1 MiB body, each with and without its length
        List<byte[]> bodies = List.of(("{\"sequences\": [[[1, 2, 3]]]" + " ".repeat(70_000) + "}").getBytes(StandardCharsets.UTF_8),
                ("{\"sequences\": [[[1, 2, 3]]]" + " ".repeat(1 << 20) + "}").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 50; i++) {
            for (byte[] bytes : bodies) {
                assertError(send(HttpRequest.newBuilder(server.uri().resolve("/predict")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build()), 413,
                        "request body too large: more than 65536 bytes (--max-body)");
                assertError(send(HttpRequest.newBuilder(server.uri().resolve("/predict")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build()), 413,
                        "request body too large: more than 65536 bytes (--max-body)");
            }
        }
        assertThat(get("/health").status()).isEqualTo(200);
    }

    @Test
    void anUnexpectedFailureIs500AndTheServerGoesOn() throws Exception {
        ServedModel other = ServedModel.load("other", TestModels.dense());
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ModelServer.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (ModelServer s = ModelServer.start(List.of(other, dense), ServeOptions.defaults(0))) {
            s.batcher("other").close(); // its worker is gone: predicting fails inside the server
            URI uri = s.uri().resolve("/predict");
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("X-Request-Id", "dispatch-42").POST(HttpRequest.BodyPublishers.ofString(TestModels.sequencesBody(TestModels.one(new float[][] {{1, 2, 3}})))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(500);
            // the answer names the request's id only; the exception's text is in the log line of that id
            String error = Json.mapper().readTree(r.body()).get("error").asText();
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("^internal error \\(request ([0-9a-f]{8}); the server log has "
                    + "the details\\)$").matcher(error);
            assertThat(id.find()).as(error).isTrue();
            assertThat(log.list).anySatisfy(e -> {
                // and the client's own id beside it, to find the line from the client's side
                assertThat(e.getFormattedMessage()).startsWith("request " + id.group(1) + " (X-Request-Id dispatch-42): predicting 1 "
                        + "sequence(s) with model other failed");
                assertThat(e.getThrowableProxy()).isNotNull();
            });
            HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/models/dense/predict"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TestModels.sequencesBody(TestModels.one(new float[][] {{1, 2, 3}})))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body())
                    .containsPattern("rnnlab_serve_errors_total\\{code=\"500\",endpoint=\"/predict\"} 1");
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void startUpErrorsNameTheProblem() throws Exception {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServedModel.load("m", TestModels.dense().resolveSibling("none.rnnlab"))))
                .hasMessageContaining("none.rnnlab").hasMessageContaining("no such model file");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServedModel.loadAll(List.of(TestModels.dense().toString(),
                        TestModels.dense().toString()))))
                .hasMessageContaining("two models are named 'dense'");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServedModel.loadAll(List.of("my model=" + TestModels.dense()))))
                .hasMessageContaining("model name 'my model' is not a URL-safe name");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServedModel.loadAll(List.of("x/y=" + TestModels.dense()))))
                .hasMessageContaining("model name 'x/y' is not a URL-safe name");
        // a user's --model x= read ": is a folder, not a model file", and --model =FILE "no such model file" though FILE exists
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServedModel.loadAll(List.of("x="))))
                .hasMessage("--model x=: the file after '=' is empty: give --model NAME=FILE, or --model FILE to name the model after its file");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServedModel.loadAll(List.of("=" + TestModels.dense()))))
                .hasMessage("--model =" + TestModels.dense() + ": the name before '=' is empty: give --model NAME=FILE, or --model FILE "
                        + "to name the model after its file");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServedModel.loadAll(List.of("="))))
                .hasMessageStartingWith("--model =: the name and the file are empty");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ModelServer.start(List.of(dense),
                        new ServeOptions("127.0.0.1", server.port(), 1, Duration.ZERO, 1, 10, 0, 1000, Duration.ZERO))))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot listen on 127.0.0.1:" + server.port())
                .hasMessageContaining("in use");
        // no exception class names: a user's --host 256.1.1.1 read "java.io.IOException: Failed to bind to 256.1.1.1/<unresolved>:80"
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ModelServer.start(List.of(dense),
                        new ServeOptions("256.1.1.1", 0, 1, Duration.ZERO, 1, 10, 0, 1000, Duration.ZERO))))
                .isInstanceOf(IOException.class).hasMessage("cannot listen on 256.1.1.1:0: the address cannot be resolved");
        // 192.0.2.1 (TEST-NET-1, RFC 5737) is no address of this machine
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ModelServer.start(List.of(dense),
                        new ServeOptions("192.0.2.1", 0, 1, Duration.ZERO, 1, 10, 0, 1000, Duration.ZERO))))
                .isInstanceOf(IOException.class).hasMessageStartingWith("cannot listen on 192.0.2.1:0: Cannot assign requested address")
                .hasMessageContaining("not one of this machine's").hasMessageNotContaining("Exception");
        assertThat(ServedModel.defaultName(java.nio.file.Path.of("runs/a b/model.rnnlab"))).isEqualTo("model");
        assertThat(ServedModel.defaultName(java.nio.file.Path.of("my gru.rnnlab"))).isEqualTo("my_gru");
    }

    private static void assertError(Answer a, int status, String message) throws IOException {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.response().headers().firstValue("Content-Type")).as(a.body())
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(a.error()).contains(message);
    }

    @Test
    void theModelsCodesForAMissingValueAreMissingValuesAsPredictReadsThem() throws Exception {
        ServedModel coded = ServedModel.load("coded", TestModels.denseCsv(org.rnnlab.datasets.csv.MissingValues.FFILL,
                org.rnnlab.datasets.csv.SequenceScaling.NONE, List.of("-9999")));
        ModelServer own = ModelServer.start(List.of(coded), ServeOptions.defaults(0).withLimits(20, 50, 64 * 1024));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/models/coded/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sequences\": [[[1, 2, 3], [-9999, 5, -9999.0]]]}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertSamePredictions(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("predictions"),
                    List.of(coded.classifier().predict(new float[][] {{1, 2, 3}, {1, 5, 3}})), coded.classifier().labelNames());
        } finally {
            own.stop();
        }
    }

    @Test
    void missingValuesAreFilledByTheModelsPolicyAsPredictFillsThem() throws Exception {
        ServedModel ffill = ServedModel.load("ffill", TestModels.denseCsv(org.rnnlab.datasets.csv.MissingValues.FFILL));
        ServedModel zero = ServedModel.load("zero", TestModels.denseCsv(org.rnnlab.datasets.csv.MissingValues.ZERO));
        ServedModel drop = ServedModel.load("drop", TestModels.denseCsv(org.rnnlab.datasets.csv.MissingValues.DROP));
        ServedModel line = ServedModel.load("line", TestModels.denseCsv(org.rnnlab.datasets.csv.MissingValues.INTERPOLATE));
        ServedModel centred = ServedModel.load("centred", TestModels.denseCsv(org.rnnlab.datasets.csv.MissingValues.FFILL,
                org.rnnlab.datasets.csv.SequenceScaling.CENTER));
        ModelServer own = ModelServer.start(List.of(ffill, zero, drop, line, centred),
                ServeOptions.defaults(0).withLimits(20, 50, 64 * 1024));
        try {
            String body = "{\"sequences\": [[[null, 2, 3], [1, NaN, 3], [4, 5, null]]]}";
            float[][] filled = {{1, 2, 3}, {1, 2, 3}, {4, 5, 3}};   // the first x from the next step, then the last observed
            float[][] zeros = {{0, 2, 3}, {1, 0, 3}, {4, 5, 0}};
            float[][] lines = {{1, 2, 3}, {1, 3.5f, 3}, {4, 5, 3}}; // y between 2 and 5; x and z at the ends as ffill
            float[][] centredValues = {{-1, -1, 0}, {-1, -1, 0}, {2, 2, 0}}; // filled as ffill, then minus each feature's mean (2, 3, 3)
            for (Object[] c : new Object[][] {{ffill, filled}, {zero, zeros}, {line, lines}, {centred, centredValues}}) {
                ServedModel m = (ServedModel) c[0];
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/models/" + m.name() + "/predict"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertSamePredictions(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("predictions"),
                        List.of(m.classifier().predict((float[][]) c[1])), m.classifier().labelNames());
            }
            // Infinity under a model that fills missing values: the error says NaN or null would be filled (a radar trial's
            // client read "NaN and Infinity are not accepted" from a model that accepted NaN)
            HttpResponse<String> inf = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/models/" + ffill.name() + "/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sequences\": [[[1, Infinity, 3]]]}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(inf.statusCode()).isEqualTo(400);
            assertThat(inf.body()).contains("feature y: Infinity is not a finite number (Infinity is not accepted; NaN or null mark "
                    + "a missing value, which this model fills by --missing ffill)");
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/models/drop/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("sequence 0 has a missing value (null or NaN), and the model drops such sequences");
            r = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/models/ffill/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sequences\": [[[1, null, 3], [1, null, 3]]]}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("sequence 0, feature y has no value at all");
            assertThat(r.body()).contains("--set emptyFeature=mean or zero").contains("no sequence of it is");
        } finally {
            own.stop();
        }
        // a model of the error policy (the default) says why null is refused
        assertError(post("/predict", "{\"sequences\": [[[1, null, 3]]]}"), 400, "got null (the model fills no missing values");
    }
    /**
     * A model trained with --set emptyFeature=mean writes its stored training mean into a feature with no value in a sequence,
     * as predict does, and marks the prediction; a sequence that still cannot be filled is named, with the request unanswered
     * (a trial's squad lost every prediction to one dead strap, with no word that the others were not answered either).
     */
    @Test
    void anEmptyFeatureTakesTheModelsStoredFallbackAndIsMarked() throws Exception {
        ServedModel mean = ServedModel.load("mean", TestModels.denseCsv(org.rnnlab.datasets.csv.MissingValues.FFILL,
                org.rnnlab.datasets.csv.SequenceScaling.NONE, List.of(), null,
                new org.rnnlab.datasets.csv.EmptyFeatureFill("mean", List.of(0.5, 2.25, -1.0))));
        ModelServer own = ModelServer.start(List.of(mean), ServeOptions.defaults(0).withLimits(20, 50, 64 * 1024));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sequences\": [[[1, null, 3], [2, null, NaN]], [[1, 2, 3]]]}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode predictions = Json.mapper().readTree(r.body()).get("predictions");
            assertSamePredictions(predictions, List.of(mean.classifier().predict(new float[][] {{1, 2.25f, 3}, {2, 2.25f, 3}}),
                    mean.classifier().predict(new float[][] {{1, 2, 3}})), mean.classifier().labelNames());
            assertThat(predictions.get(0).get("emptyFeaturesFilled").toString()).isEqualTo("[\"y\"]");
            assertThat(predictions.get(1).has("emptyFeaturesFilled")).isFalse();
            // the Java API fills it alike
            assertThat(mean.classifier().predict(new float[][] {{1, Float.NaN, 3}, {2, Float.NaN, Float.NaN}}).probabilities())
                    .containsExactly(mean.classifier().predict(new float[][] {{1, 2.25f, 3}, {2, 2.25f, 3}}).probabilities());
            // an empty recording (no value in any feature) is filled by no fallback: named, and the request's others unanswered
            r = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sequences\": [[[1, 2, 3]], [[null, null, null]]]}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("sequence 1, feature x has no value at all").contains("no sequence of it is")
                    .contains("leave sequence 1 out");
        } finally {
            own.stop();
        }
    }

    @Test
    void aTrimModelRemovesEndPaddingAndRefusesOtherGapsAsPredictDoes() throws Exception {
        ServedModel trim = ServedModel.load("trim", TestModels.denseCsv(org.rnnlab.datasets.csv.MissingValues.TRIM));
        ModelServer own = ModelServer.start(List.of(trim), ServeOptions.defaults(0).withLimits(20, 50, 64 * 1024));
        try {
            // two steps of values, then two padding steps: classified as the two steps alone (--missing trim)
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sequences\": [[[1, 2, 3], [4, 5, 6], [null, null, null], [NaN, null, NaN]]]}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertSamePredictions(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("predictions"),
                    List.of(trim.classifier().predict(new float[][] {{1, 2, 3}, {4, 5, 6}})), trim.classifier().labelNames());
            r = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sequences\": [[[1, 2, 3], [4, null, 6], [null, null, null]]]}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("sequence 0, step 1, feature y: a missing value (null or NaN) that is not end padding");
            r = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sequences\": [[[null, null, null]]]}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("sequence 0 has no value at all");
        } finally {
            own.stop();
        }
    }

    /** A model trained with --missing drop-steps removes every step holding a missing value, as predict does (a bird-song trial). */
    @Test
    void aDropStepsModelRemovesTheStepsHoldingAMissingValueAsPredictDoes() throws Exception {
        ServedModel steps = ServedModel.load("steps", TestModels.denseCsv(org.rnnlab.datasets.csv.MissingValues.DROP_STEPS));
        ModelServer own = ModelServer.start(List.of(steps), ServeOptions.defaults(0).withLimits(20, 50, 64 * 1024));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sequences\": [[[1, 2, 3], [null, 5, 6], [4, 5, 6], [NaN, null, NaN]]]}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertSamePredictions(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("predictions"),
                    List.of(steps.classifier().predict(new float[][] {{1, 2, 3}, {4, 5, 6}})), steps.classifier().labelNames());
            r = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sequences\": [[[1, null, 3], [null, null, null]]]}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("sequence 0 has a missing value (null or NaN) in every one of its 2 step(s)")
                    .contains("--missing drop-steps");
            // the Java API (predict's path) alike
            assertThat(steps.classifier().predict(new float[][] {{1, 2, 3}, {Float.NaN, 5, 6}, {4, 5, 6}}).probabilities())
                    .containsExactly(steps.classifier().predict(new float[][] {{1, 2, 3}, {4, 5, 6}}).probabilities());
        } finally {
            own.stop();
        }
    }

    /** A wide model's missing value is named by its step column, as predict and the Java API name it. */
    @Test
    void aWideModelsMissingValueNamesItsStepColumn() throws Exception {
        ServedModel wide = ServedModel.load("wide", TestModels.denseCsv(org.rnnlab.datasets.csv.MissingValues.ERROR,
                org.rnnlab.datasets.csv.SequenceScaling.NONE, List.of(), List.of("908.1", "914.3", "920.5")));
        ModelServer s = ModelServer.start(List.of(wide), ServeOptions.defaults(0));
        try {
            var answer = HTTP.send(java.net.http.HttpRequest.newBuilder(s.uri().resolve("/predict"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"sequences\": [[[1, 2, 3], [1, null, 3], [1, 2, 3]]]}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("sequence 0, step 1, feature y (step column '914.3'): expected a number, got null");
        } finally {
            s.close();
        }
    }
}
