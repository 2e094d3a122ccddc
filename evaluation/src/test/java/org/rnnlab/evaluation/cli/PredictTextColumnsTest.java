package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.serving.ModelServer;
import org.rnnlab.serving.ServeOptions;
import org.rnnlab.serving.ServedModel;

/**
 * predict's columns tokens, truncated and unknown_words say per text what serve's fields say (trial 75b F3: 18 adjuster
 * notes of 41 were cut, the warning named the first, and the user tokenized again to find the others): a long text's token
 * count and cut, a text of unknown words' count, before low_confidence, which stays last.
 */
class PredictTextColumnsTest {

    @TempDir
    Path dir;

    private static final String[] FIRE = {"smoke", "flames", "burnt", "kitchen", "fire"};
    private static final String[] WATER = {"leak", "pipe", "flooded", "ceiling", "water"};

    private static String note(Random r, String[] words, int length) {
        StringBuilder b = new StringBuilder("claim");
        for (int k = 0; k < length; k++) {
            b.append(' ').append(words[r.nextInt(words.length)]);
        }
        return b.toString();
    }

    @Test
    void theColumnsSayWhatServeSaysOfEachText() throws Exception {
        Random r = new Random(3);
        List<String> lines = new ArrayList<>(List.of("label\ttext"));
        for (int i = 0; i < 60; i++) {
            lines.add(i % 2 == 0 ? "fire\t" + note(r, FIRE, 4 + r.nextInt(5)) : "water\t" + note(r, WATER, 4 + r.nextInt(5)));
        }
        Path train = Files.write(dir.resolve("train.tsv"), lines);
        Path runDir = dir.resolve("run");
        Run trained = run("train", "--dataset", "text", "--train", train.toString(), "--set", "maxLength=12", "--hidden", "4",
                "--epochs", "1", "--seed", "1", "--quiet", "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = runDir.resolve("model.rnnlab").toString();

        // an ordinary note; one of 31 tokens (cut to 12); one of words the model never saw, one of them known; one of no known word
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("N-1", "claim smoke in kitchen");
        texts.put("N-long", note(r, WATER, 30));
        texts.put("N-unknown", "grêle toiture endommagée tuiles cassées pipe");
        texts.put("N-none", "zzz qqq");
        StringBuilder file = new StringBuilder("id\ttext\n");
        texts.forEach((id, text) -> file.append(id).append('\t').append(text).append('\n'));
        Path input = Files.writeString(dir.resolve("new.tsv"), file);
        Run predicted = run("predict", "--model", model, "--input", input.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        List<String> rows = predicted.out().lines().toList();
        assertThat(rows.get(0)).isEqualTo("id,label,p_fire,p_water,tokens,truncated,unknown_words,many_unknown_words,low_confidence,reason");
        Map<String, String[]> byId = new LinkedHashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells).as(row).hasSize(10);
            byId.put(cells[0], cells);
        }
        assertThat(byId).containsOnlyKeys(texts.keySet());
        // tokens, truncated, unknown_words; then low_confidence
        assertThat(textColumns(byId.get("N-1"))).containsExactly("4", "false", "1"); // 'in' is no training word
        assertThat(textColumns(byId.get("N-long"))).containsExactly("31", "true", "0");
        assertThat(textColumns(byId.get("N-unknown"))).containsExactly("6", "false", "5");
        assertThat(textColumns(byId.get("N-none"))).containsExactly("2", "false", "2");
        assertThat(byId.values()).allSatisfy(cells -> assertThat(cells[8]).isIn("true", "false"));
        assertThat(byId.values()).allSatisfy(cells -> assertThat(cells[9]).isEmpty()); // reason: none, all classified

        // from standard input (read through a copy of it) the same columns
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(Files.readAllBytes(input)));
            Run piped = run("predict", "--model", model, "--input", "-");
            assertThat(piped.code()).as(piped.err()).isZero();
            assertThat(piped.out()).isEqualTo(predicted.out());
        } finally {
            System.setIn(stdin);
        }

        // serve's fields for the same texts: tokens and truncated where it marks a cut, unknownWords where it names them
        try (ModelServer server = ModelServer.start(ServedModel.loadAll(List.of(model)), ServeOptions.defaults(0))) {
            String body = Json.mapper().writeValueAsString(Map.of("texts", List.copyOf(texts.values())));
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/predict"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode predictions = Json.mapper().readTree(answer.body()).get("predictions");
            List<String> ids = new ArrayList<>(texts.keySet());
            int named = 0;
            for (int i = 0; i < ids.size(); i++) {
                JsonNode p = predictions.get(i);
                String[] cells = byId.get(ids.get(i));
                assertThat(cells[5]).as(ids.get(i)).isEqualTo(String.valueOf(p.path("truncated").asBoolean(false)));
                if (p.has("tokens")) {
                    assertThat(cells[4]).as(ids.get(i)).isEqualTo(p.get("tokens").asText());
                }
                if (p.has("unknownWords")) {
                    named++;
                    assertThat(cells[6]).as(ids.get(i)).isEqualTo(p.get("unknownWords").asText());
                }
                // many_unknown_words: the texts serve gives an unknownWordShare (trial 77b F6: low_confidence false on a
                // blurb of 11 unknown words in 12, the flag on standard error and in serve only)
                assertThat(cells[7]).as(ids.get(i)).isEqualTo(String.valueOf(p.has("unknownWordShare")));
            }
            assertThat(predictions.get(1).get("tokens").asInt()).isEqualTo(31);
            assertThat(named).as("serve names the unknown words of N-unknown and N-none").isEqualTo(2);
            assertThat(byId.get("N-unknown")[7]).isEqualTo("true");
            assertThat(byId.get("N-1")[7]).isEqualTo("false");
        }
    }

    /** The cells of tokens, truncated and unknown_words, after id, label and the two probabilities. */
    private static String[] textColumns(String[] cells) {
        return java.util.Arrays.copyOfRange(cells, 4, 7);
    }

    @Test
    void theHelpSaysWhatTheColumnsHold() {
        Run help = run("predict", "--help");
        assertThat(help.code()).isZero();
        // picocli may wrap the line after any comma of the column list: compared without the space after commas
        assertThat(help.out().replaceAll("\\s+", " ").replace(", ", ",")).contains("for text models tokens,truncated,unknown_words and "
                + "many_unknown_words (below),with --threshold alarm (below),then low_confidence (below),and last,for text models,reason");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("serve's tokens, truncated and unknownWords of the same text");
    }
}
