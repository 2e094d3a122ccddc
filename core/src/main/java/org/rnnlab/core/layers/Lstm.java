package org.rnnlab.core.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of rnnlab's long short-term memory layer (Hochreiter &amp; Schmidhuber 1997, "Long
 * Short-Term Memory", Neural Computation 9(8); with the forget gate of Gers, Schmidhuber &amp; Cummins
 * 2000), computing exactly what DL4J's {@code LSTM} computes, with the same parameters, but several
 * times faster on the CPU ({@link CellKernel}). For input {@code x_t}, previous output {@code h} and
 * cell {@code c}, with {@code a = x_t W + h RW + b} split into four blocks of H columns:
 * <pre>
 *   ĉ  = tanh(a[0, H))          candidate
 *   f  = σ(a[H, 2H))            forget gate
 *   o  = σ(a[2H, 3H))           output gate
 *   i  = σ(a[3H, 4H))           input gate
 *   c' = f ⊙ c + i ⊙ ĉ
 *   h' = o ⊙ tanh(c')
 * </pre>
 * The parameters are DL4J's {@code LSTM} parameters, same keys, shapes, block order and flattened
 * order (W [nIn, 4H], RW [H, 4H], b [1, 4H], see {@link LstmParamInitializer}), so a network's
 * parameter vector can be moved between the two implementations as it is. A masked step (mask 0) has
 * zero output and zero cell, as in DL4J's {@code LSTM}.
 *
 * <p>Only tanh and sigmoid gates are supported (they are what the kernel computes): the builder refuses
 * others, and so does a configuration read from JSON when the network is built ({@link KernelSupport}).
 * Where the kernel cannot run (a GPU backend, HALF/BFLOAT16 networks, or
 * kernels switched off with {@code -Drnnlab.kernels=off}) the layer is computed by DL4J's own
 * {@code LSTM} with the same settings and parameters, so a saved model predicts the same everywhere
 * (except a bidirectional LSTM on right-padded sequences, where DL4J's backward direction deviates from
 * the unpadded result and rnnlab's kernel does not; see docs/dl4j-findings.md). The class name and package are stored in every saved model: never
 * rename or move this class.
 */
public class Lstm extends AbstractLSTM {

    /** For Jackson (DL4J's configuration JSON). */
    private Lstm() {
        super();
    }

    private Lstm(Builder builder) {
        super(builder);
        initializeConstraints(builder); // last, as DL4J's own layers do: the base constructors do not call it
    }

    /** DL4J's constraints of the builder (all, weights, biases) plus the input-weight and recurrent-weight ones. */
    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        constraints = RecurrentConfigs.bind(constraints, (Builder) builder, LstmParamInitializer.RECURRENT_WEIGHT_KEY,
                LstmParamInitializer.INPUT_WEIGHT_KEY);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("Lstm", getLayerName(), layerIndex, getNIn(), getNOut());
        if (!KernelSupport.check(this, layerIndex, networkDataType).kernel()) {
            // no kernel here (another backend, another data type, or kernels switched off): DL4J's own LSTM
            // computes the same equations on the same parameters
            NeuralNetConfiguration fallback = conf.clone();
            LSTM dl4j = asDl4j();
            fallback.setLayer(dl4j);
            return dl4j.instantiate(fallback, listeners, layerIndex, layerParamsView, initializeParams, networkDataType);
        }
        return RecurrentConfigs.wire(new LstmLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams);
    }

    /** DL4J's {@code LSTM} configuration with every setting of this one (same equations and parameter layout). */
    LSTM asDl4j() {
        LSTM l = new LSTM();
        l.setLayerName(getLayerName());
        l.setIDropout(getIDropout());
        l.setConstraints(getConstraints());
        l.setNIn(getNIn());
        l.setNOut(getNOut());
        l.setActivationFn(getActivationFn());
        l.setWeightInitFn(getWeightInitFn());
        l.setBiasInit(getBiasInit());
        l.setGainInit(getGainInit());
        l.setRegularization(getRegularization());
        l.setRegularizationBias(getRegularizationBias());
        l.setIUpdater(getIUpdater());
        l.setBiasUpdater(getBiasUpdater());
        l.setWeightNoise(getWeightNoise());
        l.setGradientNormalization(getGradientNormalization());
        l.setGradientNormalizationThreshold(getGradientNormalizationThreshold());
        l.setWeightInitFnRecurrent(getWeightInitFnRecurrent());
        l.setRnnDataFormat(getRnnDataFormat());
        l.setForgetGateBiasInit(getForgetGateBiasInit());
        l.setGateActivationFn(getGateActivationFn());
        l.setHelperAllowFallback(isHelperAllowFallback());
        return l;
    }

    @Override
    public ParamInitializer initializer() {
        return LstmParamInitializer.getInstance();
    }

    /**
     * Memory estimate in array elements: parameters (and updater state) plus, per example, the kernel's
     * stored gates, cells, squashed cells, outputs and input copy.
     */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long h = getNOut();
        long t = inputType instanceof InputType.InputTypeRecurrent rec && rec.getTimeSeriesLength() > 0
                ? rec.getTimeSeriesLength() : 1;
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        long perExample = t * (4 * h + 4 * h + getNIn());
        return new LayerMemoryReport.Builder(getLayerName(), Lstm.class, inputType, outputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, perExample, 0, perExample)
                .cacheMemory(0, 0)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lstm && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 7;
    }

    @Override
    public String toString() {
        return "Lstm(nIn=" + getNIn() + ", nOut=" + getNOut() + ", forgetGateBiasInit=" + getForgetGateBiasInit() + ")";
    }

    /**
     * Builder: {@code new Lstm.Builder().nIn(9).nOut(64).build()}; tanh activation, sigmoid gates and
     * forget-gate bias 1 by default (DL4J's {@code LSTM} defaults); {@link #build} refuses other activations.
     */
    public static class Builder extends AbstractLSTM.Builder<Builder> {

        public Builder() {
            this.activationFn = Activation.TANH.getActivationFunction();
            this.gateActivationFn = Activation.SIGMOID.getActivationFunction();
        }

        /** Builds the configuration; typed like DL4J's {@code <E extends Layer> E build()} (E is Lstm). */
        @Override
        @SuppressWarnings("unchecked")
        public <E extends org.deeplearning4j.nn.conf.layers.Layer> E build() {
            return (E) KernelSupport.buildable(new Lstm(this));
        }
    }
}
