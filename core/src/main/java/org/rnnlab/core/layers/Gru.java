package org.rnnlab.core.layers;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of rnnlab's gated recurrent unit layer (Cho et al. 2014, "Learning Phrase Representations
 * using RNN Encoder-Decoder for Statistical Machine Translation", EMNLP), with the equations of PyTorch's
 * {@code nn.GRU}: for input {@code x_t} and previous state {@code h}, with gate activation σ (sigmoid by
 * default) and activation φ (tanh by default),
 * <pre>
 *   r  = σ(W_ir x_t + b_ir + W_hr h + b_hr)
 *   z  = σ(W_iz x_t + b_iz + W_hz h + b_hz)
 *   n  = φ(W_in x_t + b_in + r ⊙ (W_hn h + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * The initial state is zero. Parameters and their mapping to PyTorch are described in
 * {@link GruParamInitializer}; the computation, masking and state handling in {@link GruLayer}.
 *
 * <p>The class name and package are stored in every saved model: never rename or move this class.
 */
public class Gru extends BaseRecurrentLayer {

    private IActivation gateActivationFn;

    /** For Jackson (DL4J's configuration JSON). */
    private Gru() {
        super();
    }

    private Gru(Builder builder) {
        super(builder);
        this.gateActivationFn = builder.gateActivationFn;
        initializeConstraints(builder); // last, as DL4J's own layers do: the base constructors do not call it
    }

    /** DL4J's constraints of the builder (all, weights, biases) plus the input-weight and recurrent-weight ones. */
    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        constraints = RecurrentConfigs.bind(constraints, (Builder) builder, GruParamInitializer.RECURRENT_WEIGHT_KEY,
                GruParamInitializer.INPUT_WEIGHT_KEY);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("Gru", getLayerName(), layerIndex, getNIn(), getNOut());
        KernelSupport.check(this, layerIndex, networkDataType); // GruLayer runs the kernel or ND4J operations
        return RecurrentConfigs.wire(new GruLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.getInstance();
    }

    /**
     * Memory estimate in array elements: parameters (and updater state) plus, per example, the stored
     * gate pre-activations, activations, recurrent projections and states that back-propagation needs.
     */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long h = getNOut();
        long t = inputType instanceof InputType.InputTypeRecurrent rec && rec.getTimeSeriesLength() > 0
                ? rec.getTimeSeriesLength() : 1;
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        long inferencePerExample = 3 * h + 2 * h + h * t;
        long trainPerExample = t * (3 * h * 4 + 2 * h + getNIn());
        return new LayerMemoryReport.Builder(getLayerName(), Gru.class, inputType, outputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, inferencePerExample, 0, trainPerExample)
                .cacheMemory(0, 0)
                .build();
    }

    /** The gate activation σ of r and z (sigmoid unless configured otherwise). */
    public IActivation getGateActivationFn() {
        return gateActivationFn;
    }

    public void setGateActivationFn(IActivation gateActivationFn) {
        this.gateActivationFn = gateActivationFn;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gru other && super.equals(o) && Objects.equals(gateActivationFn, other.gateActivationFn);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(gateActivationFn);
    }

    @Override
    public String toString() {
        return "Gru(nIn=" + getNIn() + ", nOut=" + getNOut() + ", activation=" + getActivationFn()
                + ", gateActivation=" + gateActivationFn + ")";
    }

    /** Builder: {@code new Gru.Builder().nIn(9).nOut(64).build()}; activation tanh, gates sigmoid by default. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        private IActivation gateActivationFn = Activation.SIGMOID.getActivationFunction();

        public Builder() {
            this.activationFn = Activation.TANH.getActivationFunction();
        }

        /** Activation σ of the reset and update gates (sigmoid by default). */
        public Builder gateActivationFunction(Activation activation) {
            return gateActivationFunction(activation.getActivationFunction());
        }

        /** Activation σ of the reset and update gates (sigmoid by default). */
        public Builder gateActivationFunction(IActivation activation) {
            this.gateActivationFn = Objects.requireNonNull(activation, "gate activation");
            return this;
        }

        /** Builds the configuration; typed like DL4J's {@code <E extends Layer> E build()} (E is Gru). */
        @Override
        @SuppressWarnings("unchecked")
        public <E extends org.deeplearning4j.nn.conf.layers.Layer> E build() {
            return (E) new Gru(this);
        }
    }
}
