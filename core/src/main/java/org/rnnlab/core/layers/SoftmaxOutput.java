package org.rnnlab.core.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.Nd4jRuntime;

/**
 * Configuration of rnnlab's classifier head: DL4J's {@code OutputLayer} (a dense layer, its activation, its loss), with
 * the same parameters ({@code W [nIn, nOut]}, {@code b [1, nOut]}), the same training and the same JSON settings,
 * whose inference pass with a softmax activation, {@code p = softmax(x W + b)}, runs as one BLAS product and a loop in
 * Java ({@link SoftmaxOutputLayer}) instead of ND4J's operations on a tiny matrix, and so do its training score and
 * back-propagation with DL4J's cross-entropy loss (three products and loops).
 *
 * <p>Why: at inference a sequence classifier's head is a {@code [mb, H] x [H, classes]} product, a bias and a
 * softmax, a few thousand multiply-adds. Through ND4J each of those three operations costs tens of microseconds of
 * bookkeeping (new arrays with native shape descriptors, an op object with a random UUID): 9-13% of a default LSTM's
 * inference pass over a minibatch of 64 and about a quarter of a one-sequence prediction, the serving case.
 *
 * <p>Where the fast pass does not apply (training, a GPU backend, kernels switched off with
 * {@code -Drnnlab.kernels=off}, double precision, another activation, a mask, weight noise, no bias) DL4J's own
 * {@code OutputLayer} code runs, which this layer inherits. The class name and package are stored in every network
 * configuration that uses it: never rename or move this class.
 */
public class SoftmaxOutput extends OutputLayer {

    /** For Jackson (DL4J's configuration JSON). */
    private SoftmaxOutput() {
        super();
    }

    private SoftmaxOutput(OutputLayer.Builder builder) {
        super(builder);
    }

    /** The head DL4J's {@code builder} describes (its loss, activation, sizes, dropout and the rest). */
    public static SoftmaxOutput of(OutputLayer.Builder builder) {
        return new SoftmaxOutput(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        if (!fastInference(networkDataType)) {
            return super.instantiate(conf, listeners, layerIndex, layerParamsView, initializeParams, networkDataType);
        }
        LayerValidation.assertNInNOutSet("SoftmaxOutput", getLayerName(), layerIndex, getNIn(), getNOut());
        return RecurrentConfigs.wire(new SoftmaxOutputLayer(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /**
     * Whether {@link SoftmaxOutputLayer}'s inference pass can run for this configuration in a network of {@code type}
     * in this process: a softmax activation, single precision, host memory (the CPU backend), rnnlab's kernels on, a
     * bias, and no weight noise (which DL4J's pass may apply at inference).
     */
    boolean fastInference(DataType type) {
        return getActivationFn() instanceof ActivationSoftmax && type == DataType.FLOAT && Nd4j.getEnvironment().isCPU()
                && Nd4jRuntime.kernelsEnabled() && getWeightNoise() == null && hasBias();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftmaxOutput && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 11;
    }
}
