package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every architecture can memorise a tiny data set: 32 random sequences (length 8, 4 features, fixed seed)
 * with random labels of 3 classes; full-batch Adam (rate 0.03, hidden 16) must bring the training loss
 * below {@value #TARGET_LOSS} within {@value #MAX_STEPS} steps.
 */
@Tag("convergence")
class ArchitectureOverfitTest {
    private static final Logger LOG = LoggerFactory.getLogger(ArchitectureOverfitTest.class);

    static final double TARGET_LOSS = 0.05;
    static final int MAX_STEPS = 250;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rnn", "lstm", "gru", "birnn", "bilstm", "bigru", "gru-stacked"})
    void fitsThirtyTwoRandomSequences(String name) {
        boolean stacked = name.endsWith("-stacked");
        Architecture architecture = Architecture.parse(stacked ? name.substring(0, name.indexOf('-')) : name);
        ModelSpec spec = ModelSpec.of(architecture).withHiddenSizes(stacked ? List.of(16, 16) : List.of(16))
                .withUpdater(UpdaterKind.ADAM, 0.03).withSeed(7);
        MultiLayerNetwork net = NetworkFactory.build(spec, 4, 3);
        INDArray x = TestNets.features(77, 32, 4, 8, DataType.FLOAT);
        Nd4j.getRandom().setSeed(78);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 3);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, Nd4j.getRandom().nextInt(3), 1.0);
        }
        DataSet data = new DataSet(x, y);
        double first = net.score(data);
        int steps = 0;
        double loss = first;
        while (loss >= TARGET_LOSS && steps < MAX_STEPS) {
            net.fit(data);
            steps++;
            if (steps % 10 == 0) {
                loss = net.score(data);
            }
        }
        LOG.info("overfit {}: loss {} -> {} after {} Adam steps", name, first, loss, steps);
        assertThat(loss).as("%s: loss %s -> %s after %s steps", name, first, loss, steps).isLessThan(TARGET_LOSS);
    }
}
