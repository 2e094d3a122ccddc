package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/**
 * The card's {@code trainingClassCounts} (a weld-QA trial, stop 65: evaluate could not compare new data's class shares
 * with training's, since the model file kept no training class counts): a card of an older rnnlab, without them, loads
 * and says so; counts are kept in label order through a save; counts of other labels, or negative ones, are refused
 * naming the field.
 */
class TrainingClassCountsTest {

    @TempDir
    Path dir;

    private Path withCounts(Map<String, byte[]> entries, String name, ObjectNode counts) throws IOException {
        ObjectNode card = (ObjectNode) Json.mapper().readTree(entries.get("model-card.json"));
        card.set("trainingClassCounts", counts);
        return Crafted.writeZip(dir.resolve(name + ".rnnlab"), Crafted.with(entries, "model-card.json",
                Json.mapper().writeValueAsBytes(card)));
    }

    @Test
    void anOlderCardLoadsWithoutCountsAndCountsAreKeptInLabelOrder() throws IOException {
        Path fixture = Crafted.resource(BundleFixtureTest.dense(2), dir);
        ModelCard old = ModelBundle.readCard(fixture);
        assertThat(old.trainingClassCounts()).isNull();
        assertThat(old.trainingCounts()).isEmpty();

        // written in another order than the labels: read back in the labels' order, and kept through a save
        ObjectNode counts = Json.mapper().createObjectNode();
        for (int k = old.labelNames().size() - 1; k >= 0; k--) {
            counts.put(old.labelNames().get(k), 10L * (k + 1));
        }
        Path file = withCounts(Crafted.entries(fixture), "counted", counts);
        ModelCard card = ModelBundle.readCard(file);
        assertThat(card.trainingClassCounts().keySet()).containsExactlyElementsOf(card.labelNames());
        assertThat(card.trainingCounts().orElseThrow()).containsExactly(java.util.stream.IntStream
                .range(0, card.labelNames().size()).mapToLong(k -> 10L * (k + 1)).toArray());
        SequenceClassifier loaded = ModelBundle.load(file);
        Path saved = dir.resolve("saved.rnnlab");
        ModelBundle.save(loaded.network(), java.util.Optional.ofNullable(loaded.normalizer()), loaded.card(), saved);
        assertThat(ModelBundle.readCard(saved).trainingClassCounts()).isEqualTo(card.trainingClassCounts());
    }

    @Test
    void countsOfOtherLabelsOrBelowZeroAreRefusedNamingTheField() throws IOException {
        Path fixture = Crafted.resource(BundleFixtureTest.dense(2), dir);
        Map<String, byte[]> entries = Crafted.entries(fixture);
        ModelCard old = ModelBundle.readCard(fixture);
        ObjectNode other = Json.mapper().createObjectNode().put("nobody", 3);
        Path wrong = withCounts(entries, "other-labels", other);
        assertThatThrownBy(() -> ModelBundle.readCard(wrong)).isInstanceOf(BundleException.class)
                .hasMessageContaining("'trainingClassCounts' counts the labels [nobody]");
        ObjectNode negative = Json.mapper().createObjectNode();
        old.labelNames().forEach(l -> negative.put(l, 5));
        negative.put(old.labelNames().get(0), -1);
        Path below = withCounts(entries, "negative", negative);
        assertThatThrownBy(() -> ModelBundle.readCard(below)).isInstanceOf(BundleException.class)
                .hasMessageContaining("'trainingClassCounts." + old.labelNames().get(0) + "' is -1");
    }

    /**
     * The card's {@code heldOutPredictions} (review 66a #1: predict compares its predicted classes with them): absent in an
     * older card; kept in label order through a save; another split or other labels refused naming the field.
     */
    @Test
    void heldOutPredictionsAreKeptInLabelOrderAndCheckedLikeTheCounts() throws IOException {
        Path fixture = Crafted.resource(BundleFixtureTest.dense(2), dir);
        Map<String, byte[]> entries = Crafted.entries(fixture);
        ModelCard old = ModelBundle.readCard(fixture);
        assertThat(old.heldOutPredictions()).isNull();
        assertThat(old.heldOutPredictedCounts()).isEmpty();

        ObjectNode counts = Json.mapper().createObjectNode();
        for (int k = old.labelNames().size() - 1; k >= 0; k--) {
            counts.put(old.labelNames().get(k), 3L * (k + 1));
        }
        Path file = withHeldOut(entries, "held-out", "validation", counts);
        ModelCard card = ModelBundle.readCard(file);
        assertThat(card.heldOutPredictions().split()).isEqualTo("validation");
        assertThat(card.heldOutPredictions().classCounts().keySet()).containsExactlyElementsOf(card.labelNames());
        assertThat(card.heldOutPredictedCounts().orElseThrow()).containsExactly(java.util.stream.IntStream
                .range(0, card.labelNames().size()).mapToLong(k -> 3L * (k + 1)).toArray());
        SequenceClassifier loaded = ModelBundle.load(file);
        Path saved = dir.resolve("saved-held-out.rnnlab");
        ModelBundle.save(loaded.network(), java.util.Optional.ofNullable(loaded.normalizer()), loaded.card().withTemperature(2),
                saved);
        assertThat(ModelBundle.readCard(saved).heldOutPredictions()).isEqualTo(card.heldOutPredictions());

        Path training = withHeldOut(entries, "training-split", "train", counts);
        assertThatThrownBy(() -> ModelBundle.readCard(training)).isInstanceOf(BundleException.class)
                .hasMessageContaining("'heldOutPredictions.split' is 'train' (expected validation or test");
        Path other = withHeldOut(entries, "other", "test", Json.mapper().createObjectNode().put("nobody", 3));
        assertThatThrownBy(() -> ModelBundle.readCard(other)).isInstanceOf(BundleException.class)
                .hasMessageContaining("'heldOutPredictions.classCounts' counts the labels [nobody]");
    }

    private Path withHeldOut(Map<String, byte[]> entries, String name, String split, ObjectNode counts) throws IOException {
        ObjectNode card = (ObjectNode) Json.mapper().readTree(entries.get("model-card.json"));
        card.putObject("heldOutPredictions").put("split", split).set("classCounts", counts);
        return Crafted.writeZip(dir.resolve(name + ".rnnlab"), Crafted.with(entries, "model-card.json",
                Json.mapper().writeValueAsBytes(card)));
    }
}
