package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.serving.ModelServer;
import org.rnnlab.serving.ServeOptions;
import org.rnnlab.serving.ServedModel;
import picocli.CommandLine;

/**
 * serve --threshold P --positive LABEL labels a sequence as predict does under the same options (a user who chose an alarm
 * cut-off with evaluate got it from predict and the most probable class from the HTTP server), says the cut-off in its
 * answers and GET /model, leaves the probabilities unchanged, and refuses what predict refuses.
 */
class ServeThresholdTest {

    @TempDir
    static Path dir;

    static Path data;
    static String model;
    /** Each sequence's feature values, by id, as the CSV holds them. */
    static final Map<String, List<String>> steps = new LinkedHashMap<>();

    @BeforeAll
    static void trained() throws Exception {
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder("id,a,label\n");
        for (int s = 0; s < 24; s++) {
            boolean fraud = s % 3 == 0;
            List<String> values = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                // overlapping classes, so that the fraud probabilities spread and a cut-off moves labels
                values.add(String.format(Locale.ROOT, "%.3f", (fraud ? 0.4 : -0.4) + r.nextGaussian()));
                csv.append("s").append(s).append(',').append(values.get(t)).append(',').append(fraud ? "fraud" : "legit").append('\n');
            }
            steps.put("s" + s, values);
        }
        data = Files.writeString(dir.resolve("d.csv"), csv);
        Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--hidden", "4", "--epochs", "1", "--quiet", "--out", dir.resolve("run").toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        model = dir.resolve("run").resolve("model.rnnlab").toString();
    }

    /** predict's rows by id: column name to value. */
    private static Map<String, Map<String, String>> rows(Run predicted) {
        assertThat(predicted.code()).as(predicted.err()).isZero();
        List<String> lines = predicted.out().lines().toList();
        String[] header = lines.get(0).split(",");
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.put(cells[0], row);
        }
        return rows;
    }

    @Test
    void theServerLabelsAsPredictDoesUnderTheSameCutOff() throws Exception {
        Map<String, Map<String, String>> plain = rows(run("predict", "--model", model, "--input", data.toString(), "--digits", "9"));
        // a cut-off in a gap of the fraud probabilities that labels otherwise than the most probable class
        List<Double> p = plain.values().stream().map(row -> Double.parseDouble(row.get("p_fraud"))).sorted().distinct().toList();
        String threshold = null;
        Map<String, Map<String, String>> cut = null;
        for (int k = 0; k + 1 < p.size() && threshold == null; k++) {
            if (p.get(k + 1) - p.get(k) < 1e-4) {
                continue; // too close: a probability moves by ~1e-7 with the batch it is predicted in
            }
            String t = String.format(Locale.ROOT, "%.6f", (p.get(k) + p.get(k + 1)) / 2);
            Map<String, Map<String, String>> labelled = rows(run("predict", "--model", model, "--input", data.toString(), "--digits", "9",
                    "--threshold", t, "--positive", "fraud"));
            if (labelled.keySet().stream().anyMatch(id -> !labelled.get(id).get("label").equals(plain.get(id).get("label")))) {
                threshold = t;
                cut = labelled;
            }
        }
        assertThat(threshold).as("a cut-off that moves a label, among the fraud probabilities %s", p).isNotNull();

        List<ServedModel> loaded = ServedModel.loadAll(List.of(model));
        List<ServedModel> served = ServeCommand.withCutOffs(new CommandLine(new ServeCommand()), loaded, List.of(threshold),
                List.of("fraud"));
        try (ModelServer server = ModelServer.start(served, ServeOptions.defaults(0))) {
            StringBuilder body = new StringBuilder("{\"sequences\": [");
            List<String> ids = new ArrayList<>(steps.keySet());
            for (int i = 0; i < ids.size(); i++) {
                body.append(i == 0 ? "" : ",").append('[');
                List<String> v = steps.get(ids.get(i));
                for (int t = 0; t < v.size(); t++) {
                    body.append(t == 0 ? "" : ",").append('[').append(v.get(t)).append(']');
                }
                body.append(']');
            }
            body.append("]}");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.uri().resolve("/predict"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode json = Json.mapper().readTree(answer.body());
            assertThat(json.get("cutOff").get("positive").asText()).isEqualTo("fraud");
            assertThat(json.get("cutOff").get("threshold").asDouble()).isEqualTo(Double.parseDouble(threshold));
            JsonNode predictions = json.get("predictions");
            for (int i = 0; i < ids.size(); i++) {
                JsonNode one = predictions.get(i);
                Map<String, String> row = cut.get(ids.get(i));
                assertThat(one.get("label").asText()).as(ids.get(i)).isEqualTo(row.get("label"));
                assertThat(one.get("index").asInt()).isEqualTo(served.get(0).classifier().labelNames().indexOf(row.get("label")));
                // the probabilities are the model's, as predict's columns (unchanged by the cut-off)
                for (String label : List.of("fraud", "legit")) {
                    assertThat(one.get("probabilities").get(label).asDouble()).as(ids.get(i))
                            .isCloseTo(Double.parseDouble(plain.get(ids.get(i)).get("p_" + label)), within(1e-6));
                }
            }
            HttpResponse<String> card = http.send(HttpRequest.newBuilder(server.uri().resolve("/model")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Json.mapper().readTree(card.body()).get("cutOff")).isEqualTo(json.get("cutOff"));
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(server.uri().resolve("/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(list.body()).contains("\"cutOff\":{\"positive\":\"fraud\",\"threshold\":" + Double.parseDouble(threshold) + "}");
        }
        // and the start-up line says it
        assertThat(served.get(0).describe()).endsWith(", labels 'fraud' at p >= "
                + new java.math.BigDecimal(threshold).stripTrailingZeros().toPlainString() + " (--threshold)");
        assertThat(loaded.get(0).describe()).doesNotContain("--threshold");
    }

    @Test
    void cutOffOptionsPredictRefusesAreRefused() {
        String m = "m=" + model;
        assertRefused(List.of("--model", model, "--threshold", "1", "--positive", "fraud"),
                "--threshold must be a finite number > 0 and < 1, got 1.0");
        assertRefused(List.of("--model", model, "--threshold", "0", "--positive", "fraud"),
                "--threshold must be a finite number > 0 and < 1, got 0.0");
        assertRefused(List.of("--model", model, "--threshold", "high", "--positive", "fraud"), "--threshold 'high' is not a number");
        assertRefused(List.of("--model", model, "--threshold", "0.3"), "--threshold needs --positive LABEL, the class it applies to "
                + "(one of [fraud, legit])");
        assertRefused(List.of("--model", model, "--positive", "fraud"), "--positive applies with --threshold P");
        assertRefused(List.of("--model", model, "--threshold", "0.3", "--positive", "Fraud"),
                "--positive 'Fraud' is none of the labels of model 'model': [fraud, legit]");
        // several models: NAME= says which, and must name one
        assertRefused(List.of("--model", model, "--model", m, "--threshold", "0.3", "--positive", "fraud"),
                "--threshold 0.3: with 2 models, say which one it applies to: --threshold NAME=P");
        assertRefused(List.of("--model", model, "--model", m, "--threshold", "x=0.3", "--positive", "x=fraud"),
                "--threshold x=0.3: no model is named 'x' (served: model, m)");
        assertRefused(List.of("--model", model, "--model", m, "--threshold", "m=0.3", "--positive", "model=fraud"),
                "--positive for model 'model' applies with --threshold P");
        assertRefused(List.of("--model", model, "--threshold", "0.3", "--threshold", "model=0.4", "--positive", "fraud"),
                "--threshold model=0.4: given twice for model 'model'");
        Run help = run("serve", "--help");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("--threshold=[NAME=]P", "as predict --threshold does",
                "(default: none: the most probable class)", "allowed: > 0 and < 1", "--positive=[NAME=]LABEL",
                "(default: none; needed with --threshold)");
    }

    private static void assertRefused(List<String> options, String message) {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0"));
        args.addAll(options);
        Run r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().replaceAll("\\s+", " ")).contains(message).doesNotContain("\tat ");
    }
}
