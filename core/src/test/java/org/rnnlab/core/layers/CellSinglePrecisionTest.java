package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnlab.core.TestNets;

/**
 * The single-precision path of {@link CellKernel} (vectorized rational tanh/σ on per-step planes,
 * {@link LstmMath.F32}, {@link RnnMath.F32}) against the double-precision one ({@link LstmMath.F64},
 * {@link RnnMath.F64}, which equal DL4J's LSTM and SimpleRnn, see {@link LstmEquivalenceTest} and
 * {@link RnnEquivalenceTest}): same parameters and data, a bidirectional layer (DL4J's wrapper or
 * {@link KernelBidirectional}) under a last-step layer, padding masks; outputs and gradients within
 * float accuracy.
 */
class CellSinglePrecisionTest {

    @Test
    void rationalTanhIsWithinAFewUlpsOfMathTanh() {
        double worst = 0;
        for (int i = -200_000; i <= 200_000; i++) {
            float x = i * 1e-4f;
            worst = Math.max(worst, Math.abs(Activations.tanh(x) - Math.tanh(x)));
        }
        assertThat(worst).isLessThan(5e-7);
        assertThat(Activations.tanh(40f)).isEqualTo(1f);
        assertThat(Activations.tanh(-40f)).isEqualTo(-1f);
        assertThat(Activations.sigmoid(0f)).isEqualTo(0.5f);
        assertThat(Math.abs(Activations.sigmoid(3f) - 1 / (1 + Math.exp(-3)))).isLessThan(3e-7);
    }

    private static Layer cell(String cell, int nIn) {
        return cell.equals("lstm") ? new Lstm.Builder().nIn(nIn).nOut(16).build() : new Rnn.Builder().nIn(nIn).nOut(16).build();
    }

    private static MultiLayerNetwork net(DataType type, String cell, boolean kernelWrapper) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(3).dataType(type).updater(new NoOp()).list()
                .layer(kernelWrapper ? new KernelBidirectional(Bidirectional.Mode.CONCAT, cell(cell, 4))
                        : new Bidirectional(cell(cell, 4)))
                .layer(new LastTimeStep(cell(cell, 32)))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(16).nOut(3).build())
                .build());
        net.init();
        return net;
    }

    @ParameterizedTest(name = "{0} kernelWrapper={1}")
    @CsvSource({"lstm, false", "lstm, true", "rnn, false", "rnn, true"})
    void floatKernelAgreesWithDoubleKernel(String cell, boolean kernelWrapper) {
        MultiLayerNetwork f = net(DataType.FLOAT, cell, kernelWrapper);
        MultiLayerNetwork d = net(DataType.DOUBLE, cell, kernelWrapper);
        d.setParams(f.params().castTo(DataType.DOUBLE));
        INDArray x = TestNets.features(8, 6, 4, 40, DataType.DOUBLE);
        INDArray mask = TestNets.mask(new int[] {40, 31, 17, 40, 2, 25}, 40, DataType.DOUBLE);
        INDArray y = TestNets.labels(6, 3, DataType.DOUBLE);
        assertThat(maxRelative(f.output(x.castTo(DataType.FLOAT), false, mask.castTo(DataType.FLOAT), null),
                d.output(x, false, mask, null), 1e-6)).isLessThan(1e-4);
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {f, d}) {
            DataType t = net.params().dataType();
            net.setInput(x.castTo(t));
            net.setLabels(y.castTo(t));
            net.setLayerMaskArrays(mask.castTo(t), null);
            net.computeGradientAndScore();
        }
        INDArray gd = d.gradient().gradient();
        double scale = gd.amaxNumber().doubleValue();
        assertThat(scale).isGreaterThan(0);
        // gradients: float accumulations over 240 rows; compare relative to the largest gradient entry
        assertThat(maxRelative(f.gradient().gradient(), gd, 1e-3 * scale)).isLessThan(1e-3);
    }

    /** Largest |a - b| / max(|b|, floor). */
    private static double maxRelative(INDArray a, INDArray b, double floor) {
        double[] x = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] y = b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(Math.abs(y[i]), floor));
        }
        return worst;
    }
}
