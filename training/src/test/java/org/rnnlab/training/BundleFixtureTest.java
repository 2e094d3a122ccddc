package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.synthetic.Agreement;

/**
 * Bundles of every format are committed as fixtures: rnnlab 0.1's (format 1, a DL4J ModelSerializer zip
 * inside) and format 2's (data only). Every later version must load them and predict exactly what they
 * predicted when written. Regenerate only on purpose, with
 * {@code -Drnnlab.writeFixtures=training/src/test/resources/fixtures}: that writes the fixtures of the
 * current format ({@link ModelBundle#FORMAT_VERSION}); those of older formats cannot be written any more.
 * "Exactly" is to float rounding (1e-6) since layers are computed by other code than when the fixtures were written
 * (the GRU by rnnlab's kernel, the LSTM's inference by oneDNN); {@link #theKernelStillPredictsTheFixturesExactly}
 * checks the exact values where the route is the one that wrote them.
 */
class BundleFixtureTest {
    static final List<String> TEXTS = List.of("the writer of the books", "the writers of the book", "the old doctor");

    static String dense(int version) {
        return "lstm-dense-v" + version + ".rnnlab";
    }

    static String text(int version) {
        return "gru-text-v" + version + ".rnnlab";
    }

    static String expected(int version) {
        return "bundles-v" + version + "-expected.json";
    }

    static float[][][] denseInputs() {
        return new float[][][] {{{1f, 0.3f}, {0.1f, -0.2f}, {0.4f, 0.9f}}, {{-1f, 0f}, {0.2f, 0.1f}}};
    }

    @ParameterizedTest(name = "format {0}")
    @ValueSource(ints = {1, 2})
    void bundlesOfEveryFormatStillLoadAndPredictTheSame(int version, @TempDir Path dir) throws IOException {
        JsonNode expected = Json.mapper().readTree(resource(expected(version), dir).toFile());
        SequenceClassifier dense = ModelBundle.load(resource(dense(version), dir));
        assertThat(dense.card().formatVersion()).isEqualTo(version);
        assertThat(dense.card().normalized()).isTrue();
        float[][][] in = denseInputs();
        for (int i = 0; i < in.length; i++) {
            double[] p = dense.predict(in[i]).probabilities();
            for (int c = 0; c < p.length; c++) {
                // the LSTM's inference now runs through oneDNN (OneDnnLstm): the same result up to float rounding
                // (0.4760131239891052 written, 0.47601309418678284 read back); with -Drnnlab.onednn=off, exactly
                assertThat(p[c]).isCloseTo(expected.at("/dense/" + i + "/" + c).asDouble(), Offset.offset(1e-6));
            }
        }
        SequenceClassifier text = ModelBundle.load(resource(text(version), dir));
        assertThat(text.card().formatVersion()).isEqualTo(version);
        assertThat(text.readsText()).isTrue();
        assertThat(text.card().labelNames()).containsExactly("singular", "plural");
        for (int i = 0; i < TEXTS.size(); i++) {
            double[] p = text.predictText(TEXTS.get(i)).probabilities();
            for (int c = 0; c < p.length; c++) {
                // format 1: the GRU now runs on rnnlab's vectorized kernel (float tanh within 3e-7): same result up to float rounding
                assertThat(p[c]).isCloseTo(expected.at("/text/" + i + "/" + c).asDouble(), Offset.offset(1e-6));
            }
        }
    }

    /** With oneDNN off, the LSTM bundles of format 2 (written by rnnlab's kernel) predict exactly what they did. */
    @Test
    void theKernelStillPredictsTheFixturesExactly(@TempDir Path dir) throws IOException {
        JsonNode expected = Json.mapper().readTree(resource(expected(2), dir).toFile());
        System.setProperty(org.rnnlab.core.layers.OneDnn.PROPERTY, "off");
        try {
            SequenceClassifier dense = ModelBundle.load(resource(dense(2), dir));
            float[][][] in = denseInputs();
            for (int i = 0; i < in.length; i++) {
                double[] p = dense.predict(in[i]).probabilities();
                for (int c = 0; c < p.length; c++) {
                    assertThat(p[c]).isEqualTo(expected.at("/dense/" + i + "/" + c).asDouble());
                }
            }
        } finally {
            System.clearProperty(org.rnnlab.core.layers.OneDnn.PROPERTY);
        }
    }

    private static Path resource(String name, Path dir) throws IOException {
        try (InputStream in = BundleFixtureTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            Path f = dir.resolve(name);
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            return f;
        }
    }

    /** Writes the fixtures of the current format when -Drnnlab.writeFixtures=DIR is given (never in a normal build). */
    @Test
    void writeFixtures() throws IOException {
        String target = System.getProperty("rnnlab.writeFixtures");
        Assumptions.assumeTrue(target != null, "fixtures are written only with -Drnnlab.writeFixtures=DIR");
        Path out = Files.createDirectories(Path.of(target));
        int version = ModelBundle.FORMAT_VERSION;
        var data = TrainerTest.firstStepSign(32, 5);
        TrainedModel dense = Trainer.train(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)), TrainingConfig.defaults().withEpochs(2), data);
        Provenance prov = Provenance.capture(List.of("fixture"), data.name(), data.provenance().checksum(), List.of(42L));
        ModelBundle.save(dense.network(), dense.normalizer(), ModelBundle.card(dense, Map.of(), data.name(), prov, 3, 6, Optional.empty()),
                out.resolve(dense(version)));
        var agreement = Agreement.generate(Agreement.Config.defaults().withSizes(200, 50, 50).withDistances(1, 6));
        TrainedModel text = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults().withEpochs(2),
                agreement);
        ModelBundle.save(text.network(), text.normalizer(), ModelBundle.card(text, Map.of(), agreement.name(), prov, 3, 8,
                agreement.textEncoder()), out.resolve(text(version)));
        Map<String, List<double[]>> expected = new LinkedHashMap<>();
        expected.put("dense", new ArrayList<>());
        for (float[][] s : denseInputs()) {
            expected.get("dense").add(ModelBundle.load(out.resolve(dense(version))).predict(s).probabilities());
        }
        expected.put("text", new ArrayList<>());
        for (String t : TEXTS) {
            expected.get("text").add(ModelBundle.load(out.resolve(text(version))).predictText(t).probabilities());
        }
        Json.writeFile(out.resolve(expected(version)), expected);
    }
}
