package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.core.TestNets;
import org.rnnlab.core.UpdaterKind;

/**
 * A saved network with the attention head, committed under {@code src/test/resources/fixtures/}, must still load
 * and predict what it predicted when it was written: this guards the class name
 * ({@code org.rnnlab.core.layers.AttentionPooling}) and field ({@code attentionSize}) that DL4J stores in the model
 * file, and the parameter layout (W, b, u). Regenerate only on purpose, with
 * {@code mvn -o test -pl core -Dtest=SavedAttentionFixtureTest -Drnnlab.writeFixtures=$PWD/core/src/test/resources/fixtures}
 * (note it in the commit message: old model files would then no longer be covered).
 */
class SavedAttentionFixtureTest {

    static final String FIXTURE = "bigru-attention-v1.zip";
    static final String EXPECTED = "attention-fixtures-v1.json";
    private static final int FEATURES = 3;
    private static final int CLASSES = 3;
    private static final int STEPS = 6;
    private static final int[] LENGTHS = {6, 4, 1};

    /**
     * The expected outputs of the fixture on the fixed input.
     *
     * @param lengths real lengths of the sequences (the mask)
     * @param outputs softmax outputs [batch][classes] per fixture file
     */
    record Expectations(int[] lengths, Map<String, double[][]> outputs) {
    }

    @TempDir
    Path tmp;

    @Test
    void fixtureLoadsAndPredictsAsWhenSaved() throws IOException {
        Expectations expected;
        try (InputStream in = SavedAttentionFixtureTest.class.getResourceAsStream("/fixtures/" + EXPECTED)) {
            assertThat(in).as("fixtures/" + EXPECTED).isNotNull();
            expected = Json.mapper().readValue(in, Expectations.class);
        }
        File file = tmp.resolve(FIXTURE).toFile();
        try (InputStream in = SavedAttentionFixtureTest.class.getResourceAsStream("/fixtures/" + FIXTURE)) {
            assertThat(in).as("fixtures/" + FIXTURE).isNotNull();
            Files.copy(in, file.toPath());
        }
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file, false);
        assertThat(net.getLayerWiseConfigurations().toJson()).contains("\"org.rnnlab.core.layers.AttentionPooling\"")
                .contains("\"attentionSize\" : 8");
        assertThat(net.getLayer(1)).isInstanceOf(AttentionPoolingLayer.class);

        INDArray out = net.output(input(), false, mask(expected.lengths()), null);
        INDArray want = Nd4j.create(expected.outputs().get(FIXTURE)).castTo(out.dataType());
        assertThat(out.shape()).containsExactly(want.shape());
        assertThat(out.sub(want).amaxNumber().doubleValue()).as("max |output - saved output|").isLessThan(1e-6);
    }

    /** Writes the fixture; runs only with -Drnnlab.writeFixtures=<folder>. */
    @Test
    @EnabledIfSystemProperty(named = "rnnlab.writeFixtures", matches = ".+")
    void writeFixtures() throws IOException {
        Path folder = Path.of(System.getProperty("rnnlab.writeFixtures"));
        Files.createDirectories(folder);
        ModelSpec spec = ModelSpec.of(Architecture.parse("bigru")).withHiddenSizes(List.of(4)).withSeed(3)
                .withHead(SequenceHead.ATTENTION).withUpdater(UpdaterKind.ADAM, 0.05);
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES);
        INDArray x = TestNets.features(3, 8, FEATURES, STEPS, DataType.FLOAT);
        DataSet data = new DataSet(x, TestNets.labels(8, CLASSES, DataType.FLOAT),
                TestNets.mask(new int[] {6, 5, 4, 3, 6, 2, 1, 6}, STEPS, DataType.FLOAT), null);
        for (int i = 0; i < 5; i++) {
            net.fit(data); // parameters away from their initial values
        }
        ModelSerializer.writeModel(net, folder.resolve(FIXTURE).toFile(), false);
        Map<String, double[][]> outputs = new LinkedHashMap<>();
        outputs.put(FIXTURE, net.output(input(), false, mask(LENGTHS), null).castTo(DataType.DOUBLE).toDoubleMatrix());
        Json.writeFile(folder.resolve(EXPECTED), new Expectations(LENGTHS, outputs));
    }

    /** The fixed input [3, FEATURES, STEPS]: x[b, f, t] = sin(1 + 7b + 3f + t/2). */
    private static INDArray input() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, LENGTHS.length, FEATURES, STEPS);
        for (int b = 0; b < LENGTHS.length; b++) {
            for (int f = 0; f < FEATURES; f++) {
                for (int t = 0; t < STEPS; t++) {
                    x.putScalar(new long[] {b, f, t}, Math.sin(1 + 7 * b + 3 * f + t / 2.0));
                }
            }
        }
        return x;
    }

    private static INDArray mask(int[] lengths) {
        return TestNets.mask(lengths, STEPS, DataType.FLOAT);
    }
}
