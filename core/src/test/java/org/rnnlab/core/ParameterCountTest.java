package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.core.layers.GruParamInitializer;

/** {@link NetworkFactory#parameterCounts} adds up to the network's count; GRU layers have PyTorch's count. */
class ParameterCountTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rnn", "lstm", "gru", "birnn", "bilstm", "bigru"})
    void countsAddUpForEveryArchitecture(String architecture) {
        for (List<Integer> hidden : List.of(List.of(7), List.of(6, 5))) {
            ModelSpec spec = ModelSpec.of(Architecture.parse(architecture)).withHiddenSizes(hidden);
            MultiLayerNetwork net = NetworkFactory.build(spec, 4, 3);
            long sum = NetworkFactory.parameterCounts(net).stream().mapToLong(NetworkFactory.LayerParameters::parameters).sum();
            assertThat(sum).as("%s %s", architecture, hidden).isEqualTo(net.numParams());
            assertThat(NetworkFactory.parameterCount(spec, 4, 3)).as("%s %s", architecture, hidden).isEqualTo(net.numParams());
            ModelSpec dl4j = spec.withImplementation(Implementation.DL4J).withDropout(0.2);
            assertThat(NetworkFactory.parameterCount(dl4j, 4, 3)).isEqualTo(NetworkFactory.build(dl4j, 4, 3).numParams());
        }
        ModelSpec tokens = ModelSpec.of(Architecture.parse(architecture)).withHiddenSizes(List.of(5))
                .withInput(InputSpec.tokens(20, 6));
        MultiLayerNetwork net = NetworkFactory.build(tokens, 0, 3);
        long sum = NetworkFactory.parameterCounts(net).stream().mapToLong(NetworkFactory.LayerParameters::parameters).sum();
        assertThat(sum).isEqualTo(net.numParams());
        assertThat(NetworkFactory.parameterCount(tokens, 0, 3)).isEqualTo(net.numParams());
    }

    @Test
    void gruLayersHavePyTorchsCount() {
        int features = 4;
        ModelSpec spec = ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6, 5));
        List<NetworkFactory.LayerParameters> counts = NetworkFactory.parameterCounts(NetworkFactory.build(spec, features, 3));
        // PyTorch nn.GRU(4, 6): 3*6*4 + 3*6*6 + 2*3*6 = 72 + 108 + 36
        assertThat(counts.get(0).parameters()).isEqualTo(216).isEqualTo(GruParamInitializer.count(4, 6));
        assertThat(counts.get(0).layer()).isEqualTo("Gru(4->6)");
        assertThat(counts.get(1).parameters()).isEqualTo(3L * (6 * 5 + 5 * 5 + 2 * 5));
        assertThat(counts.get(1).layer()).isEqualTo("Gru(6->5) (last step)");

        ModelSpec bi = spec.withBidirectional(true);
        List<NetworkFactory.LayerParameters> biCounts = NetworkFactory.parameterCounts(NetworkFactory.build(bi, features, 3));
        assertThat(biCounts.get(0).parameters()).isEqualTo(2 * 216);
        assertThat(biCounts.get(1).parameters()).isEqualTo(2 * GruParamInitializer.count(12, 5));
    }
}
