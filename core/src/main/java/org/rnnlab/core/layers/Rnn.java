package org.rnnlab.core.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of rnnlab's vanilla (Elman) recurrent layer (Elman 1990, "Finding Structure in Time",
 * Cognitive Science 14(2)): DL4J's {@code SimpleRnn}, whose configuration, parameters (W [nIn, H],
 * RW [H, H], b [1, H], same keys, order and initialisation) and results it keeps, computed on the CPU by
 * {@link CellKernel} with {@link RnnMath}:
 * <pre>
 *   h_t = m_t · tanh(x_t W + h_{t-1} RW + b)
 * </pre>
 * where {@code m_t} is the mask (a masked step outputs and carries zero, as in DL4J's {@code SimpleRnn}).
 * With masks of 0 and 1 (padding) the results are DL4J's; with fractional mask values they are not:
 * DL4J's {@code SimpleRnn} carries {@code m·tanh} but outputs {@code m²·tanh} (it applies the mask twice),
 * rnnlab outputs what it carries.
 * The gradient reaching step k from step T is the product of the T − k Jacobians
 * {@code diag(1 − h_j²) RWᵀ}, which is why this cell loses long-range gradients (Pascanu, Mikolov &amp;
 * Bengio 2013, "On the difficulty of training recurrent neural networks", ICML); rnnlab's hand-written
 * {@code org.rnnlab.core.bptt} network shows that step by step, this layer is for training fast.
 *
 * <p>tanh only, no layer normalisation (the builder refuses others, and so does a configuration read from
 * JSON when the network is built, see {@link KernelSupport}; DL4J's {@code SimpleRnn}
 * remains available for them with {@code --impl dl4j}). Because this class extends DL4J's, networks
 * built with it are {@code SimpleRnn} networks to every DL4J and rnnlab tool, and the layer falls back to
 * DL4J's computation where the kernel cannot run (another backend). The class name and package are
 * stored in every saved model: never rename or move this class.
 */
public class Rnn extends SimpleRnn {

    /** For Jackson (DL4J's configuration JSON). */
    private Rnn() {
        super(new Builder());
    }

    private Rnn(Builder builder) {
        super(builder);
        initializeConstraints(builder); // last, as DL4J's own layers do: the base constructors do not call it
    }

    /** DL4J's constraints of the builder (all, weights, biases) plus the input-weight and recurrent-weight ones. */
    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        constraints = RecurrentConfigs.bind(constraints, (Builder) builder, SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY,
                SimpleRnnParamInitializer.WEIGHT_KEY);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("Rnn", getLayerName(), layerIndex, getNIn(), getNOut());
        KernelSupport.check(this, layerIndex, networkDataType); // refuses what no route computes; RnnLayer falls back
        return RecurrentConfigs.wire(new RnnLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rnn && super.equals(o);
    }

    /** Lombok's equality hook: a DL4J {@code SimpleRnn} with the same fields is not equal to an {@code Rnn}. */
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof Rnn;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 11;
    }

    @Override
    public String toString() {
        return "Rnn(nIn=" + getNIn() + ", nOut=" + getNOut() + ")";
    }

    /** Builder: {@code new Rnn.Builder().nIn(9).nOut(64).build()}; tanh activation by default. */
    public static class Builder extends SimpleRnn.Builder {

        public Builder() {
            this.activationFn = Activation.TANH.getActivationFunction();
        }

        @Override
        public Rnn build() {
            return KernelSupport.buildable(new Rnn(this));
        }
    }
}
