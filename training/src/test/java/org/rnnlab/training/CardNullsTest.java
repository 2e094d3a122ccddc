package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/**
 * A model card edited or crafted with a JSON null where a value belongs is refused with a message that names the field and
 * what was expected there, never with a NullPointerException's text (a trial's {@code "labelNames": null} gave "Cannot
 * construct instance of ModelCard, problem: NullPointerException", a card that was just {@code null} "Cannot invoke
 * ModelCard.formatVersion() because card is null"). A null the format allows (a card with no text encoder) loads.
 */
class CardNullsTest {

    /** A CSV contract of the dense fixture's two features, so that dataSchema's fields are nulled too. */
    private static final String SCHEMA = "{\"layout\": \"long\", \"delimiter\": \",\", \"header\": true, \"width\": 0, "
            + "\"sequenceId\": {\"name\": \"id\", \"index\": -1}, \"time\": {\"name\": \"t\", \"index\": -1}, "
            + "\"label\": {\"name\": \"class\", \"index\": -1}, \"split\": null, \"group\": null, "
            + "\"features\": [{\"name\": \"a\", \"index\": -1}, {\"name\": \"b\", \"index\": -1}], \"missing\": \"ERROR\", \"ignored\": []}";

    @Test
    void aCardThatIsNullIsNamed(@TempDir Path dir) throws IOException {
        Map<String, byte[]> v2 = Crafted.entries(Crafted.resource(BundleFixtureTest.dense(2), dir));
        Path bad = Crafted.writeZip(dir.resolve("null.rnnlab"), Crafted.with(v2, "model-card.json",
                "null".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> ModelBundle.load(bad)).isInstanceOf(BundleException.class)
                .hasMessage(bad + ": corrupt model-card.json: it holds null (expected a JSON object: the ModelCard)");
        assertThatThrownBy(() -> ModelBundle.readCard(bad)).isInstanceOf(BundleException.class)
                .hasMessage(bad + ": corrupt model-card.json: it holds null (expected a JSON object: the ModelCard)");
    }

    @Test
    void nullLabelsAreNamedWithWhatWasExpected(@TempDir Path dir) throws IOException {
        Map<String, byte[]> v2 = Crafted.entries(Crafted.resource(BundleFixtureTest.dense(2), dir));
        ObjectNode card = (ObjectNode) Json.mapper().readTree(v2.get("model-card.json"));
        card.putNull("labelNames");
        Path none = write(dir, "labels-null", v2, card);
        assertThatThrownBy(() -> ModelBundle.load(none)).isInstanceOf(BundleException.class)
                .hasMessageStartingWith(none + ": corrupt model-card.json: ")
                .hasMessageContaining("'labelNames' is null (expected a list of label names)");
        card.putArray("labelNames").addNull().add("a").add("b");
        Path element = write(dir, "label-null", v2, card);
        assertThatThrownBy(() -> ModelBundle.load(element)).isInstanceOf(BundleException.class)
                .hasMessageStartingWith(element + ": corrupt model-card.json: ")
                .hasMessageContaining("'labelNames[0]' is null (expected a label name)");
    }

    /** Every field of the card, at every depth, and every element of its lists, set to null in turn. */
    @Test
    void everyFieldSetToNullIsNamedOrAllowed(@TempDir Path dir) throws IOException {
        for (String fixture : List.of(BundleFixtureTest.dense(2), BundleFixtureTest.text(2))) {
            Map<String, byte[]> entries = Crafted.entries(Crafted.resource(fixture, dir));
            ObjectNode card = (ObjectNode) Json.mapper().readTree(entries.get("model-card.json"));
            if (fixture.startsWith("lstm")) {
                card.set("dataSchema", Json.mapper().readTree(SCHEMA));
                ModelBundle.load(write(dir, "with-schema", entries, card)); // the schema itself is sound
            }
            List<String> paths = new ArrayList<>();
            collect(card, "", paths);
            assertThat(paths).contains("labelNames", "labelNames[0]", "spec", "spec.hiddenSizes", "input", "training", "metrics");
            int refused = 0;
            List<String> unnamed = new ArrayList<>();
            for (String path : paths) {
                ObjectNode copy = card.deepCopy();
                nullAt(copy, path);
                Path file = write(dir, "null-" + refused, entries, copy);
                try {
                    ModelBundle.load(file);
                } catch (BundleException e) {
                    refused++;
                    String field = path.substring(path.lastIndexOf('.') + 1);
                    String m = e.getMessage();
                    if (m.contains("NullPointerException") || m.contains("Cannot invoke") || !m.contains(field)) {
                        unnamed.add(path + " -> " + m);
                    }
                }
            }
            assertThat(unnamed).as("nulls of %s not named", fixture).isEmpty();
            assertThat(refused).as("refusals in %s", fixture).isGreaterThan(paths.size() / 2);
        }
    }

    private static Path write(Path dir, String name, Map<String, byte[]> entries, JsonNode card) throws IOException {
        return Crafted.writeZip(dir.resolve(name + ".rnnlab"), Crafted.with(entries, "model-card.json",
                Json.mapper().writeValueAsBytes(card)));
    }

    private static void collect(JsonNode node, String at, List<String> paths) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    String path = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
                    paths.add(path);
                    if (!at.startsWith("textEncoder.vocabulary") && !at.startsWith("metrics")) {
                        collect(e.getValue(), path, paths);
                    }
                }
            });
        } else if (node.isArray() && !at.endsWith("words")) {
            for (int i = 0; i < node.size() && i < 3; i++) {
                paths.add(at + "[" + i + "]");
                collect(node.get(i), at + "[" + i + "]", paths);
            }
        }
    }

    private static void nullAt(ObjectNode card, String path) {
        JsonNode parent = card;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            int index = bracket < 0 ? -1 : Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
            boolean last = i == parts.length - 1;
            if (last && index < 0) {
                ((ObjectNode) parent).putNull(name);
            } else if (last) {
                ((ArrayNode) parent.get(name)).set(index, (JsonNode) null);
            } else {
                parent = index < 0 ? parent.get(name) : parent.get(name).get(index);
            }
        }
    }
}
