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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;

/**
 * {@code rnnlab serve} of a model trained with {@code --class-weights}, as a real process (trial 75e): the start-up log says
 * predict's one-line note on its shifted probabilities, naming the model, and its card ({@code GET /model},
 * {@code GET /models/NAME}) and its {@code GET /models} entry give the weights by label and the note in full
 * ({@code classWeightsNote}, evaluate {@code --json}'s text); a model trained without class weights has neither. The
 * start line quotes the model's name, so that the default name reads {@code serve: model 'model' (...)}.
 */
class ServeClassWeightsTest {

    @Test
    void serveSaysAClassWeightedModelsNoteAtStartAndInItsCard(@TempDir Path dir) throws Exception {
        // 80% ok, 20% fault, a feature that gives the class away; balanced weights: ok 0.625, fault 2.5
        Random r = new Random(3);
        StringBuilder b = new StringBuilder("sequence_id,x,label\n");
        for (int s = 0; s < 100; s++) {
            boolean fault = s % 5 == 0;
            for (int t = 0; t < 5; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%.4f,%s%n", s, (fault ? 1 : -1) + 0.5 * r.nextGaussian(), fault ? "fault" : "ok"));
            }
        }
        Path data = Files.writeString(dir.resolve("data.csv"), b.toString());
        Path weighted = dir.resolve("weighted").resolve("model.rnnlab"); // served as 'model', the default name
        Path plain = dir.resolve("plain.rnnlab");
        for (Path out : List.of(weighted.getParent(), dir.resolve("plain-run"))) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", "csv", "--train", data.toString(), "--hidden",
                    "4", "--epochs", "2", "--seed", "1", "--threads", "1", "--quiet", "--out", out.toString()));
            if (out.equals(weighted.getParent())) {
                args.addAll(List.of("--class-weights", "balanced"));
            }
            Run t = run(args.toArray(String[]::new));
            assertThat(t.code()).as(t.err()).isZero();
        }
        Files.copy(dir.resolve("plain-run").resolve("model.rnnlab"), plain);
        ModelCard card = ModelBundle.readCard(weighted);
        List<String> labels = card.labelNames();
        List<Double> weights = card.spec().classWeights();
        assertThat(weights).hasSize(2).doesNotHaveDuplicates(); // the fixture: unequal weights
        String line = ClassWeightNote.line(card).orElseThrow();
        String full = ClassWeightNote.of(card).orElseThrow();
        assertThat(ModelBundle.readCard(plain).spec().classWeights()).isEmpty();

        Path errFile = dir.resolve("serve.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.rnnlab.evaluation.cli.Main", "serve", "--model", weighted.toString(), "--model", plain.toString(), "--port", "0");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        try {
            // the last start line, quoted or not (the quotes are asserted below, apart from the note)
            Pattern on = Pattern.compile("(?m)^serve: model '?plain'? \\(.*\\) on (http://127\\.0\\.0\\.1:\\d+)/models/plain$");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String err = "";
            Matcher m = on.matcher(err);
            while (!m.find()) {
                assertThat(p.isAlive()).as("serve exited before listening: " + err).isTrue();
                assertThat(System.nanoTime()).as("serve did not say where it listens within 120 s: " + err).isLessThan(deadline);
                Thread.sleep(50);
                err = Files.readString(errFile);
                m = on.matcher(err);
            }
            String base = m.group(1);
            // the start lines: the name quoted (not "serve: model model (...)"), then the note naming the model
            assertThat(err).contains("serve: model 'plain' (");
            assertThat(err).containsPattern("(?m)^serve: model 'model' \\(.*\\) on " + Pattern.quote(base) + "$")
                    .doesNotContain("serve: model model ");
            assertThat(err).contains("serve: note: model 'model': " + line + "; GET /models/model gives it in full as classWeightsNote\n");
            assertThat(line).startsWith("this model was trained with class weights (" + ClassWeightNote.weights(labels, weights) + "): "
                    + "its probabilities are scores shifted toward the classes weighted up");
            assertThat(err.split("trained with class weights", -1)).as("once, for the weighted model only: " + err).hasSize(2);

            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/model", "/models/model")) {
                JsonNode model = get(http, base + path);
                assertThat(model.get("classWeightsNote").asText()).as(path).isEqualTo(full);
                assertByLabel(model.get("classWeights"), labels, weights);
            }
            JsonNode other = get(http, base + "/models/plain");
            assertThat(other.has("classWeightsNote")).as(other.toString()).isFalse();
            assertThat(other.has("classWeights")).as(other.toString()).isFalse();
            JsonNode list = get(http, base + "/models").get("models");
            assertThat(list.get(0).get("name").asText()).isEqualTo("model");
            assertThat(list.get(0).get("classWeightsNote").asText()).isEqualTo(full);
            assertByLabel(list.get(0).get("classWeights"), labels, weights);
            assertThat(list.get(1).has("classWeightsNote")).isFalse();
            assertThat(list.get(1).has("classWeights")).isFalse();
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private static JsonNode get(HttpClient http, String uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    /** {@code {"fault": 2.5, "ok": 0.625}}: each label's weight, in the model's label order. */
    private static void assertByLabel(JsonNode byLabel, List<String> labels, List<Double> weights) {
        assertThat(byLabel).as("classWeights").isNotNull();
        assertThat(byLabel.isObject()).as(byLabel.toString()).isTrue();
        List<String> names = new java.util.ArrayList<>();
        byLabel.fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(labels);
        for (int c = 0; c < labels.size(); c++) {
            assertThat(byLabel.get(labels.get(c)).asDouble()).isCloseTo(weights.get(c), within(1e-12));
        }
    }
}
