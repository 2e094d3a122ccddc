package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnlab.core.Nd4jRuntime;

/**
 * A GRU configured with other activations than tanh/sigmoid is the same model on every backend: the
 * CPU kernel (which computes tanh/sigmoid only) hands it to the ND4J operations, which honour them.
 */
class GruActivationTest {

    @AfterEach
    void restore() {
        System.clearProperty(Nd4jRuntime.KERNELS_PROPERTY);
    }

    private static MultiLayerNetwork net(Activation activation, Activation gates) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).list()
                .layer(new LastTimeStep(new Gru.Builder().nIn(4).nOut(5).activation(activation).gateActivationFunction(gates).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void configuredActivationsAreComputedOnTheCpuAsOnOtherBackends() {
        MultiLayerNetwork custom = net(Activation.SOFTSIGN, Activation.HARDSIGMOID);
        MultiLayerNetwork standard = net(Activation.TANH, Activation.SIGMOID);
        Nd4j.getRandom().setSeed(5);
        INDArray params = Nd4j.rand(DataType.DOUBLE, 1, custom.numParams()).subi(0.5).muli(2);
        custom.setParams(params);
        standard.setParams(params.dup());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 7).subi(0.5).muli(4);

        System.clearProperty(Nd4jRuntime.KERNELS_PROPERTY);
        INDArray cpu = custom.output(x);
        INDArray cpuStandard = standard.output(x);
        System.setProperty(Nd4jRuntime.KERNELS_PROPERTY, "off"); // the path of other backends
        INDArray nd4j = custom.output(x);
        INDArray nd4jStandard = standard.output(x);

        assertThat(cpu.sub(nd4j).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(cpuStandard.sub(nd4jStandard).amaxNumber().doubleValue()).isLessThan(1e-9);
        assertThat(cpu.sub(cpuStandard).amaxNumber().doubleValue()).as("the activations change the model").isGreaterThan(1e-3);
        Gru layer = (Gru) ((LastTimeStep) custom.getLayerWiseConfigurations().getConf(0).getLayer()).getUnderlying();
        KernelSupport.Decision decision = KernelSupport.decide(layer, DataType.DOUBLE);
        assertThat(decision.route()).isEqualTo(KernelSupport.Route.FALLBACK);
        assertThat(decision.reason()).contains("softsign").contains("ND4J operations");
    }
}
