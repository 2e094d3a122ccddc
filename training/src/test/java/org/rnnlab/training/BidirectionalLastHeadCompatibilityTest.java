package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.core.layers.BidirectionalLastStep;

/**
 * (d) Models trained before the {@code last} head of a bidirectional layer read each direction at its own final step keep
 * predicting as they were trained. {@code bigru-last-v2.rnnlab} was written by rnnlab 5157caa (bundle format 2: head
 * {@code last} was DL4J's {@code LastTimeStep} around the bidirectional GRU), with its predictions in
 * {@code bigru-last-v2-expected.json}; it loads with head {@code last-step} and predicts exactly those, alone and padded in
 * one minibatch. Saved again it is a format-3 bundle of head {@code last-step}. Format-2 checkpoints of such a model are
 * refused with the way out.
 */
class BidirectionalLastHeadCompatibilityTest {

    private static final String FIXTURE = "bigru-last-v2.rnnlab";

    @Test
    void aBidirectionalLastModelOfFormat2PredictsExactlyAsBefore(@TempDir Path dir) throws IOException {
        JsonNode expected = Json.mapper().readTree(Crafted.resource("bigru-last-v2-expected.json", dir).toFile());
        SequenceClassifier old = ModelBundle.load(Crafted.resource(FIXTURE, dir));
        assertThat(old.card().formatVersion()).isEqualTo(2);
        assertThat(old.card().spec().bidirectional()).isTrue();
        assertThat(old.card().spec().head()).isEqualTo(SequenceHead.LAST_STEP);
        float[][][] in = BundleFixtureTest.denseInputs();
        for (int i = 0; i < in.length; i++) {
            assertThat(old.predict(in[i]).probabilities()).as("sequence %s alone", i)
                    .containsExactly(doubles(expected.at("/dense/" + i)));
        }
        List<SequenceClassifier.Prediction> together = old.predict(List.of(in));
        for (int i = 0; i < in.length; i++) {
            assertThat(together.get(i).probabilities()).as("sequence %s in a padded minibatch", i)
                    .containsExactly(doubles(expected.at("/denseTogether/" + i)));
        }

        Path again = dir.resolve("again.rnnlab");
        ModelBundle.save(old.network(), java.util.Optional.ofNullable(old.normalizer()), old.card(), again);
        SequenceClassifier resaved = ModelBundle.load(again);
        assertThat(resaved.card().formatVersion()).isEqualTo(ModelBundle.FORMAT_VERSION);
        assertThat(resaved.card().spec().head()).isEqualTo(SequenceHead.LAST_STEP);
        assertThat(resaved.predict(in[0]).probabilities()).containsExactly(doubles(expected.at("/dense/0")));

        // a card of format 2 that did not come through readCard (the Java API), still saying last: saved with the old head
        com.fasterxml.jackson.databind.node.ObjectNode card = Json.mapper().valueToTree(old.card());
        ((com.fasterxml.jackson.databind.node.ObjectNode) card.get("spec")).put("head", "LAST");
        ModelCard asWritten = Json.mapper().treeToValue(card, ModelCard.class);
        assertThat(asWritten.spec().head()).isEqualTo(SequenceHead.LAST);
        assertThat(asWritten.formatVersion()).isEqualTo(2);
        Path api = dir.resolve("api.rnnlab");
        ModelBundle.save(old.network(), java.util.Optional.ofNullable(old.normalizer()), asWritten, api);
        SequenceClassifier fromApi = ModelBundle.load(api);
        assertThat(fromApi.card().spec().head()).isEqualTo(SequenceHead.LAST_STEP);
        assertThat(fromApi.predict(in[0]).probabilities()).containsExactly(doubles(expected.at("/dense/0")));
    }

    /** The same file with its card claiming format 3 reads {@code last} the new way: the version is what keeps the old head. */
    @Test
    void theSameParametersUnderTheNewLastHeadPredictOtherwise(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = Crafted.entries(Crafted.resource(FIXTURE, dir));
        entries = Crafted.asBundleVersion(entries, 3);
        SequenceClassifier asNew = ModelBundle.load(Crafted.writeZip(dir.resolve("as-format-3.rnnlab"), entries));
        assertThat(asNew.card().spec().head()).isEqualTo(SequenceHead.LAST);
        assertThat(asNew.network().getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(BidirectionalLastStep.class);
        SequenceClassifier old = ModelBundle.load(Crafted.resource(FIXTURE, dir));
        float[][] sequence = BundleFixtureTest.denseInputs()[0];
        assertThat(asNew.predict(sequence).probabilities()[0]).isNotEqualTo(old.predict(sequence).probabilities()[0]);
    }

    @Test
    void aNewBidirectionalLastModelIsWrittenAsFormat3WithHeadLast(@TempDir Path dir) throws IOException {
        TrainedModel trained = Trainer.train(ModelSpec.of(CellType.GRU).withBidirectional(true).withHiddenSizes(List.of(3)),
                TrainingConfig.defaults().withEpochs(1), TrainerTest.firstStepSign(16, 3));
        Path f = dir.resolve("new.rnnlab");
        ModelBundle.save(trained.network(), trained.normalizer(), ModelBundle.card(trained, Map.of(), "first-step-sign",
                Provenance.capture(List.of("test"), "first-step-sign", "x", List.of(1L)), 3, 6, java.util.Optional.empty()), f);
        SequenceClassifier back = ModelBundle.load(f);
        assertThat(back.card().formatVersion()).isEqualTo(ModelBundle.FORMAT_VERSION);
        assertThat(back.card().spec().head()).isEqualTo(SequenceHead.LAST);
        assertThat(back.network().getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(BidirectionalLastStep.class);
        float[][] s = BundleFixtureTest.denseInputs()[1];
        assertThat(back.predict(s).probabilities()).containsExactly(new SequenceClassifier(trained.network(),
                trained.normalizer().orElse(null), back.card()).predict(s).probabilities());
    }

    @Test
    void aFormat2CheckpointOfABidirectionalLastModelIsRefusedWithTheWayOut(@TempDir Path dir) throws IOException {
        ModelSpec legacy = ModelSpec.of(CellType.GRU).withBidirectional(true).withHiddenSizes(List.of(3)).withHead(SequenceHead.LAST_STEP);
        MultiLayerNetwork net = NetworkFactory.build(legacy, 2, 2);
        Checkpoint.write(dir, CheckpointFormatTest.state(legacy, false), 2, 2, net, null);
        assertThat(Checkpoint.read(dir).network().params()).isEqualTo(net.params()); // format 3 of last-step: read

        Map<String, byte[]> entries = Crafted.entries(Checkpoint.file(dir));
        ObjectNode header = (ObjectNode) Json.mapper().readTree(entries.get("checkpoint.json"));
        header.put("version", 2);
        String state = new String(entries.get("state.json"), StandardCharsets.UTF_8).replace("\"LAST_STEP\"", "\"LAST\"");
        assertThat(state).contains("\"LAST\"");
        entries = Crafted.with(Crafted.with(entries, "checkpoint.json", header.toString().getBytes(StandardCharsets.UTF_8)),
                "state.json", state.getBytes(StandardCharsets.UTF_8));
        Files.delete(Checkpoint.file(dir));
        Crafted.writeZip(Checkpoint.file(dir), entries);
        assertThatThrownBy(() -> Checkpoint.read(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("checkpoint of format 2 of a bidirectional model with head last")
                .hasMessageContaining("start it again").hasMessageContaining("--head last-step");
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
