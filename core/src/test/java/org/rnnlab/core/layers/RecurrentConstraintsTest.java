package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnlab.core.TestNets;

/**
 * Weight constraints on rnnlab's layers ({@link Lstm}, {@link Gru}, {@link Rnn}), as on DL4J's {@code LSTM}: {@code constrainRecurrent} binds to the
 * recurrent weights, {@code constrainInputWeights} to the input weights, {@code constrainBias} to the biases,
 * and training keeps them: every column of a max-norm-constrained matrix has norm at most the limit after
 * an update, while an unconstrained one (initialised far above it) does not.
 */
class RecurrentConstraintsTest {

    private static final double LIMIT = 0.5;

    private static BaseRecurrentLayer.Builder<?> builder(String cell) {
        return switch (cell) {
            case "lstm" -> new Lstm.Builder();
            case "rnn" -> new Rnn.Builder();
            default -> new Gru.Builder();
        };
    }

    private static String recurrentKey(String cell) {
        return switch (cell) {
            case "lstm" -> LstmParamInitializer.RECURRENT_WEIGHT_KEY;
            case "rnn" -> SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY;
            default -> GruParamInitializer.RECURRENT_WEIGHT_KEY;
        };
    }

    private static String inputKey(String cell) {
        return switch (cell) {
            case "lstm" -> LstmParamInitializer.INPUT_WEIGHT_KEY;
            case "rnn" -> SimpleRnnParamInitializer.WEIGHT_KEY;
            default -> GruParamInitializer.INPUT_WEIGHT_KEY;
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lstm", "gru", "rnn"})
    void builderConstraintsAreBoundToTheirParameters(String cell) {
        BaseRecurrentLayer layer = (BaseRecurrentLayer) builder(cell).nIn(3).nOut(4)
                .constrainRecurrent(new MaxNormConstraint(LIMIT, 0))
                .constrainInputWeights(new MaxNormConstraint(LIMIT, 0))
                .constrainBias(new MaxNormConstraint(LIMIT, 1))
                .build();
        List<LayerConstraint> constraints = layer.getConstraints();
        assertThat(constraints).isNotNull();
        Set<Set<String>> bound = constraints.stream().map(LayerConstraint::getParams).collect(Collectors.toSet());
        assertThat(bound).contains(Set.of(recurrentKey(cell)), Set.of(inputKey(cell)));
        assertThat(constraints).hasSize(3);
    }

    @ParameterizedTest(name = "{0} constrained={1}")
    @CsvSource({"lstm, true", "lstm, false", "gru, true", "gru, false", "rnn, true", "rnn, false"})
    void trainingKeepsMaxNormConstraints(String cell, boolean constrained) {
        BaseRecurrentLayer.Builder<?> b = builder(cell).nIn(3).nOut(6);
        if (constrained) {
            b.constrainRecurrent(new MaxNormConstraint(LIMIT, 0)).constrainInputWeights(new MaxNormConstraint(LIMIT, 0));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(4).dataType(DataType.FLOAT).updater(new Sgd(0.1)).dist(new NormalDistribution(0, 1)).list()
                .layer(new LastTimeStep(b.build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(6).nOut(2).build())
                .build());
        net.init();
        net.fit(new DataSet(TestNets.features(1, 8, 3, 5, DataType.FLOAT), TestNets.labels(8, 2, DataType.FLOAT)));
        for (String key : List.of(recurrentKey(cell), inputKey(cell))) {
            double largest = net.getLayer(0).getParam(key).norm2(0).maxNumber().doubleValue();
            if (constrained) {
                assertThat(largest).as(key + " largest column norm").isLessThanOrEqualTo(LIMIT + 1e-5);
            } else {
                assertThat(largest).as(key + " largest column norm, unconstrained").isGreaterThan(2 * LIMIT);
            }
        }
    }
}
