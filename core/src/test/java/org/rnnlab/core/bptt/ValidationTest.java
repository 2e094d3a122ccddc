package org.rnnlab.core.bptt;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ValidationTest {

    @Test
    void parametersNameTheBadField() {
        RnnParameters p = RnnParameters.random(3, 2, 2, 1);
        assertThatThrownBy(() -> new RnnParameters(Nd4j.zeros(DataType.DOUBLE, 3, 2), p.wx(), p.b(), p.wy(), p.by()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RnnParameters.wh");
        assertThatThrownBy(() -> new RnnParameters(p.wh(), Nd4j.zeros(DataType.DOUBLE, 4, 2), p.b(), p.wy(), p.by()))
                .hasMessageContaining("RnnParameters.wx");
        assertThatThrownBy(() -> new RnnParameters(p.wh(), p.wx(), p.b(), Nd4j.zeros(DataType.DOUBLE, 1, 3), p.by()))
                .hasMessageContaining("RnnParameters.wy").hasMessageContaining("C >= 2");
        assertThatThrownBy(() -> RnnParameters.random(0, 2, 2, 1)).hasMessageContaining("hidden must be in [1, 65536]");
    }

    @Test
    void inputsAndLabelsAreChecked() {
        VanillaRnn net = new VanillaRnn(RnnParameters.random(3, 2, 2, 1), RnnActivation.TANH, LossMode.EVERY_STEP);
        assertThatThrownBy(() -> net.forward(Nd4j.zeros(DataType.DOUBLE, 1, 5, 4))).hasMessageContaining("x must be [batch >= 1, D=2");
        assertThatThrownBy(() -> net.lossAndGradients(Nd4j.zeros(DataType.DOUBLE, 1, 2, 4), Nd4j.zeros(DataType.DOUBLE, 1, 2)))
                .hasMessageContaining("labels must be one-hot [1, 2, 4] for EVERY_STEP");
    }

    @Test
    void experimentConfigsNameTheBadField() {
        assertThatThrownBy(() -> new SpectralSweep.Config(8, 1, List.of(0.9), RnnActivation.TANH, 1.0, 1))
                .hasMessageContaining("SpectralSweep.Config.length must be in [2, 100000], got 1");
        assertThatThrownBy(() -> new SpectralSweep.Config(8, 10, List.of(-1.0), RnnActivation.TANH, 1.0, 1))
                .hasMessageContaining("SpectralSweep.Config.radii");
        assertThatThrownBy(() -> new ClippingExperiment.Config(8, 10, 4, 5, 0.0, 2.0, RnnActivation.RELU, List.of(1.0), 1))
                .hasMessageContaining("ClippingExperiment.Config.learningRate");
        assertThatThrownBy(() -> new SaturationExperiment.Config(8, 10, 1.0, List.of(), 1))
                .hasMessageContaining("SaturationExperiment.Config.inputScales");
        assertThatThrownBy(() -> new LongLagTask(1, 1, 1.0, 0.1, 1)).hasMessageContaining("LongLagTask.length");
        assertThatThrownBy(() -> AnalysisBenchmark.run(0, 10, 1, 1)).hasMessageContaining("hidden must be in [1, 4096]");
    }
}
