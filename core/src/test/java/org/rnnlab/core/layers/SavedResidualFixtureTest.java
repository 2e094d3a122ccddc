package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;

/**
 * A saved residual network committed under {@code src/test/resources/fixtures/} (DL4J's {@code ModelSerializer}
 * zip of a bidirectional LSTM stack 5-5-3 with residual connections, one of them projected, LAST head) must still
 * load and predict what it predicted when it was written: this guards the class name
 * {@code org.rnnlab.core.layers.Residual}, its JSON properties and the parameter layout (the projection after the
 * wrapped layer's parameters). Regenerate only on purpose, with
 * {@code ./mvnw -o verify -pl core -Dtest=SavedResidualFixtureTest -Drnnlab.writeFixtures=$PWD/core/src/test/resources/fixtures}
 * (say so in the commit message: old model files would then no longer be covered).
 */
class SavedResidualFixtureTest {

    static final String FIXTURE = "residual-bilstm-v1.zip";
    static final String EXPECTED = "residual-bilstm-v1.expected.txt";

    private static INDArray input() {
        Nd4j.getRandom().setSeed(17);
        return Nd4j.rand(DataType.FLOAT, 2, 3, 6).subi(0.5f);
    }

    private static INDArray mask() {
        return Nd4j.create(new float[][] {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}});
    }

    @Test
    void theCommittedResidualModelLoadsAndPredictsAsWhenSaved() throws Exception {
        String target = System.getProperty("rnnlab.writeFixtures");
        if (target != null) {
            write(Path.of(target));
        }
        Path dir = Path.of("src/test/resources/fixtures");
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(dir.resolve(FIXTURE).toFile(), false);
        assertThat(net.getLayerWiseConfigurations().toJson()).contains("\"org.rnnlab.core.layers.Residual\"");
        assertThat(net.paramTable()).containsKey("2_P").doesNotContainKey("1_P");
        String[] expected = Files.readString(dir.resolve(EXPECTED)).trim().split("\\s+");
        float[] got = net.output(input(), false, mask(), null).reshape(-1).toFloatVector();
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            // the forward directions now infer through oneDNN (OneDnnLstm): the same to float rounding
            assertThat(got[i]).as("output %d", i).isCloseTo(Float.parseFloat(expected[i]), org.assertj.core.data.Offset.offset(1e-6f));
        }
        // on the kernel that wrote them, exactly
        System.setProperty(OneDnn.PROPERTY, "off");
        try {
            float[] kernel = net.output(input(), false, mask(), null).reshape(-1).toFloatVector();
            for (int i = 0; i < kernel.length; i++) {
                assertThat(kernel[i]).as("output %d, oneDNN off", i).isEqualTo(Float.parseFloat(expected[i]));
            }
        } finally {
            System.clearProperty(OneDnn.PROPERTY);
        }
    }

    private static void write(Path dir) throws Exception {
        ModelSpec spec = ModelSpec.of(CellType.LSTM).withBidirectional(true).withHiddenSizes(List.of(5, 5, 3))
                .withResidual(true).withSeed(7);
        MultiLayerNetwork net = NetworkFactory.build(spec, 3, 2);
        Files.createDirectories(dir);
        File file = dir.resolve(FIXTURE).toFile();
        ModelSerializer.writeModel(net, file, false);
        float[] out = net.output(input(), false, mask(), null).reshape(-1).toFloatVector();
        StringBuilder sb = new StringBuilder();
        for (float v : out) {
            sb.append(Float.toString(v)).append('\n');
        }
        Files.writeString(dir.resolve(EXPECTED), sb.toString());
    }
}
