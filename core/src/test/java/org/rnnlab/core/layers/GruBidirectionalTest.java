package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.TestNets;

/** GRU inside {@code Bidirectional} (every merge mode) and {@code LastTimeStep}, with padding masks: gradient check (4 entries of every parameter array). */
class GruBidirectionalTest {

    @BeforeEach
    void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restorePrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Bidirectional.Mode.class)
    void everyMergeModePassesGradientCheckWithMasks(Bidirectional.Mode mode) {
        ModelSpec spec = TestNets.spec(CellType.GRU, true, List.of(3), 1e-3).withBidirectionalMode(mode);
        MultiLayerNetwork net = TestNets.buildNoOp(spec, 3, 2, DataType.DOUBLE);
        INDArray x = TestNets.features(mode.ordinal(), 2, 3, 5, DataType.DOUBLE);
        INDArray mask = TestNets.mask(new int[] {5, 2}, 5, DataType.DOUBLE);
        INDArray out = net.output(x, false, mask, null);
        assertThat(out.shape()).containsExactly(2, 2);

        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net).input(x).labels(TestNets.labels(2, 2, DataType.DOUBLE)).inputMask(mask)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8).subset(true).maxPerParam(4)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertThat(ok).as("gradient check, mode %s", mode).isTrue();
    }
}
