package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.serving.ModelServer;
import org.rnnlab.serving.ServeOptions;
import org.rnnlab.serving.ServedModel;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.SequenceClassifier;

/**
 * The majority baseline's test scores in the model card ({@code majorityBaseline}), and the warning of predict, serve and
 * the Java API for a model that did not beat it on its run's test split (trial 67a #1: a model train called no better than
 * always 'normal' labelled 12 of 12 turbines faulty in predict without a word).
 */
class MajorityBaselineCardTest {

    @TempDir
    static Path dir;

    static Path noise;
    static Path noiseModel;
    static Run noiseRun;
    static Path signal;
    static Path signalModel;

    @BeforeAll
    static void trainAModelOfNoiseAndOneOfASignal() throws Exception {
        // 80% ok, 20% fault, a feature of noise: the model finds nothing always 'ok' does not
        Random r = new Random(5);
        StringBuilder b = new StringBuilder("sequence_id,x,label\n");
        for (int s = 0; s < 150; s++) {
            String label = s % 5 == 0 ? "fault" : "ok";
            for (int t = 0; t < 6; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%.4f,%s%n", s, r.nextGaussian(), label));
            }
        }
        noise = Files.writeString(dir.resolve("noise.csv"), b.toString());
        noiseModel = dir.resolve("noise-run").resolve("model.rnnlab");
        noiseRun = run("train", "--dataset", "csv", "--train", noise.toString(), "--hidden", "4", "--epochs", "2", "--seed", "1",
                "--threads", "1", "--quiet", "--out", dir.resolve("noise-run").toString());
        assertThat(noiseRun.code()).as(noiseRun.err()).isZero();
        // the same shares, and a feature that gives the class away
        StringBuilder c = new StringBuilder("sequence_id,x,label\n");
        for (int s = 0; s < 150; s++) {
            boolean fault = s % 5 == 0;
            for (int t = 0; t < 6; t++) {
                c.append(String.format(Locale.ROOT, "s%d,%.4f,%s%n", s, (fault ? 2 : -2) + 0.3 * r.nextGaussian(), fault ? "fault" : "ok"));
            }
        }
        signal = Files.writeString(dir.resolve("signal.csv"), c.toString());
        signalModel = dir.resolve("signal-run").resolve("model.rnnlab");
        Run s = run("train", "--dataset", "csv", "--train", signal.toString(), "--hidden", "4", "--epochs", "10", "--lr", "0.05",
                "--seed", "1", "--threads", "1", "--quiet", "--out", dir.resolve("signal-run").toString());
        assertThat(s.code()).as(s.err()).isZero();
    }

    @Test
    void theCardHoldsTheBaselinesScoresAsTrainPrintsThem() throws Exception {
        Matcher base = Pattern.compile("baseline: always 'ok' \\(the most frequent training class\\): test accuracy (\\d\\.\\d{4}), "
                + "macro-F1 (\\d\\.\\d{4})").matcher(noiseRun.out());
        assertThat(base.find()).as(noiseRun.out()).isTrue();
        ModelCard card = ModelBundle.readCard(noiseModel);
        assertThat(card.majorityBaseline()).isNotNull();
        assertThat(card.majorityBaseline().always()).isEqualTo("ok");
        assertThat(card.majorityBaseline().testAccuracy()).isCloseTo(Double.parseDouble(base.group(1)), within(5e-5));
        assertThat(card.majorityBaseline().testMacroF1()).isCloseTo(Double.parseDouble(base.group(2)), within(5e-5));
        JsonNode json;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(noiseModel.toFile())) {
            json = Json.mapper().readTree(zip.getInputStream(zip.getEntry("model-card.json")));
        }
        assertThat(json.has("notAboveMajorityBaseline")).as("a method, not a key of the file").isFalse();
        assertThat(json.get("majorityBaseline").get("always").asText()).isEqualTo("ok");
        assertThat(json.get("majorityBaseline").has("testAccuracy")).isTrue();
        assertThat(json.get("majorityBaseline").has("testMacroF1")).isTrue();
    }

    @Test
    void predictWarnsOfAModelNoBetterThanItsBaselineNamingBothScores() {
        Matcher test = Pattern.compile("test accuracy (\\d\\.\\d{4}), macro-F1 (\\d\\.\\d{4})").matcher(noiseRun.out());
        assertThat(test.find()).as(noiseRun.out()).isTrue();
        Matcher base = Pattern.compile("baseline: always 'ok' \\(the most frequent training class\\): test accuracy (\\d\\.\\d{4}), "
                + "macro-F1 (\\d\\.\\d{4})").matcher(noiseRun.out());
        assertThat(base.find()).isTrue();
        // the fixture: train's own verdict is "nothing learned" (so the warning below is the one of that case)
        assertThat(noiseRun.out()).contains("no evidence that this model learned anything always 'ok' does not do");
        Run p = run("predict", "--model", noiseModel.toString(), "--input", noise.toString(), "--threads", "1");
        assertThat(p.code()).as(p.err()).isZero();
        String warning = "predict: warning: this model did not beat always predicting 'ok' on its run's test split (test accuracy "
                + test.group(1) + " against " + base.group(1) + ", macro-F1 " + test.group(2) + " against " + base.group(2)
                + "): no evidence that it learned anything that baseline does not";
        assertThat(p.err()).contains(warning);
        assertThat(p.err().split(Pattern.quote("did not beat always"), -1)).as("once").hasSize(2);
        // a model that beats its baseline: no such warning
        Run q = run("predict", "--model", signalModel.toString(), "--input", signal.toString(), "--threads", "1");
        assertThat(q.code()).as(q.err()).isZero();
        assertThat(ModelBundle.readCard(signalModel).majorityBaseline()).isNotNull();
        assertThat(ModelBundle.readCard(signalModel).notAboveMajorityBaseline()).isEmpty();
        assertThat(q.err()).doesNotContain("did not beat").doesNotContain("no better than always");
    }

    @Test
    void anOlderCardWithoutTheBaselineLoadsAndPredictsSilently() throws Exception {
        Path old = dir.resolve("old.rnnlab");
        HeldOutPredictedSharesTest.withoutKeys(noiseModel, old, "majorityBaseline"); // as rnnlab before it wrote it
        assertThat(ModelBundle.readCard(old).majorityBaseline()).isNull();
        assertThat(ModelBundle.readCard(old).notAboveMajorityBaseline()).isEmpty();
        Run p = run("predict", "--model", old.toString(), "--input", noise.toString(), "--threads", "1");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out().lines().count()).isEqualTo(151);
        assertThat(p.err()).doesNotContain("did not beat");
    }

    @Test
    void theVerdictReadsMacroF1AndAccuracyAsTrainDoes() throws Exception {
        ModelCard card = ModelBundle.readCard(signalModel);
        double accuracy = card.metrics().get("test_accuracy");
        double macroF1 = card.metrics().get("test_macro_f1");
        // macro-F1 not above the baseline's, accuracy above: the other classes are found no better than by it
        assertThat(card.withMajorityBaseline("ok", Math.max(0, accuracy - 0.1), macroF1).notAboveMajorityBaseline().orElseThrow())
                .startsWith("this model found the classes other than 'ok' no better than always predicting 'ok' on its run's test "
                        + "split (test accuracy");
        // accuracy alone not above: class weights trade it for the rare classes' recall; macro-F1 says: no warning
        assertThat(card.withMajorityBaseline("ok", Math.min(1, accuracy + 0.00001), Math.max(0, macroF1 - 0.1))
                .notAboveMajorityBaseline()).isEmpty();
        // equal as printed (4 digits) is not above
        assertThat(card.withMajorityBaseline("ok", Math.round(accuracy * 1e4) / 1e4, Math.round(macroF1 * 1e4) / 1e4)
                .notAboveMajorityBaseline().orElseThrow())
                .startsWith("this model did not beat always predicting 'ok'");
        // a card is a file: a class the model does not have is refused by name
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> card.withMajorityBaseline("normal", 0.9, 0.4))
                .hasMessageContaining("'majorityBaseline.always' is 'normal' (expected one of labelNames");
    }

    @Test
    void theJavaApiServeAndGetModelSayItToo() throws Exception {
        try (SequenceClassifier classifier = ModelBundle.load(noiseModel)) {
            assertThat(classifier.card().notAboveMajorityBaseline().orElseThrow()).startsWith("this model did not beat always "
                    + "predicting 'ok'");
        }
        ServedModel served = ServedModel.load("noise", noiseModel);
        assertThat(ServeCommand.baselineWarning(served).orElseThrow()).startsWith("model 'noise': this model did not beat always "
                + "predicting 'ok' on its run's test split (test accuracy ");
        ServedModel good = ServedModel.load("signal", signalModel);
        assertThat(ServeCommand.baselineWarning(good)).isEmpty();
        try (ModelServer server = ModelServer.start(List.of(served, good), ServeOptions.defaults(0))) {
            HttpClient client = HttpClient.newHttpClient();
            String base = server.uri().toString().replaceAll("/+$", "");
            JsonNode model = Json.mapper().readTree(client.send(HttpRequest.newBuilder(URI.create(base + "/model")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(model.get("baselineWarning").asText()).startsWith("this model did not beat always predicting 'ok'");
            assertThat(model.get("majorityBaseline").get("always").asText()).isEqualTo("ok");
            JsonNode other = Json.mapper().readTree(client.send(HttpRequest.newBuilder(URI.create(base + "/models/signal")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(other.has("baselineWarning")).as(other.toString()).isFalse();
            assertThat(other.get("majorityBaseline")).isNotNull();
        }
    }
}
