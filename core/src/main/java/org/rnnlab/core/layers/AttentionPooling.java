package org.rnnlab.core.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of attention pooling over time: a sequence {@code h_1 … h_T} of {@code n}-vectors (the top
 * recurrent layer's output, {@code [mb, n, T]} NCW, with an optional feature mask {@code [mb, T]}) becomes
 * one {@code n}-vector, a learned softmax-weighted mean of the valid steps:
 * <pre>
 *   e_t = u · tanh(W h_t + b)                       (a score per step; W: a×n, b, u: a-vectors)
 *   α_t = m_t exp(e_t − M) / Σ_s m_s exp(e_s − M)   (softmax over the valid steps, m_t = 1; M = max of the valid e_t)
 *   y   = Σ_t α_t h_t
 * </pre>
 * This is the word-level attention of Yang et al. 2016, "Hierarchical Attention Networks for Document
 * Classification" (NAACL), there over GRU outputs with {@code u} the "context vector", and the feed-forward
 * attention of Raffel and Ellis 2016, "Feed-Forward Networks with Attention Can Solve Some Long-Term Memory
 * Problems" (ICLR workshop), whose scoring function {@code a(h_t)} this is, with a tanh layer.
 *
 * <p><b>Masks.</b> Padded steps ({@code m_t = 0}) get weight exactly 0: their scores are pushed down by
 * {@code 1e30} before the maximum is subtracted and their exponentials are multiplied by the mask, so a
 * padded sequence gives bit-for-bit the value of the unpadded one whatever (finite) values the padding
 * holds, and padded steps receive no gradient. A sequence with no valid step at all pools to zero. The mask
 * is consumed here: like DL4J's {@code GlobalPoolingLayer}, the layer passes no mask on to the layers after it.
 *
 * <p><b>Sizes.</b> Output width {@code nOut = nIn = n}. The attention size {@code a} (rows of W) is a
 * setting of its own; the builder's default (and what {@code NetworkFactory} uses) is {@code a = n}: rnnlab's
 * choice (the papers leave {@code a} free), which keeps the head's size in step with the layer below. Parameters:
 * {@code n a + 2 a} ({@link AttentionPoolingParamInitializer}). The inherited activation setting is not used (the
 * tanh is part of the equations); the builder records it as identity.
 *
 * <p><b>Implementation.</b> The forward and backward passes are written by hand with ND4J operations in
 * {@link AttentionPoolingLayer} (a DL4J {@code BaseLayer}), not as a {@code SameDiffLayer}: in DL4J
 * 1.0.0-M2.1 every custom {@code SameDiffLayer} returns twice the true gradient (docs of the project,
 * DL4J-NOTES.md), and a plain layer keeps masks, the JSON configuration, the updater and regularisation of
 * parameters by key, and gradient checks in DL4J's ordinary code paths.
 *
 * <p>The class name and package are stored in every saved model configuration (DL4J's JSON names the class):
 * never rename or move this class, nor rename its fields ({@code attentionSize}).
 */
public class AttentionPooling extends FeedForwardLayer {

    /** Rows of W: the width of the hidden representation {@code tanh(W h_t + b)} the query u is compared with. */
    private long attentionSize;

    /** For Jackson (DL4J's configuration JSON). */
    private AttentionPooling() {
        super();
    }

    private AttentionPooling(Builder builder) {
        super(builder);
        this.attentionSize = builder.attentionSize > 0 ? builder.attentionSize : builder.nInValue();
        this.nOut = this.nIn;
        initializeConstraints(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("AttentionPooling", getLayerName(), layerIndex, getNIn(), getNOut());
        if (attentionSize < 1) {
            throw new IllegalStateException("AttentionPooling layer " + layerIndex + " (" + getLayerName()
                    + "): attentionSize must be >= 1, got " + attentionSize);
        }
        if (getNOut() != getNIn()) {
            throw new IllegalStateException("AttentionPooling layer " + layerIndex + " (" + getLayerName()
                    + "): nOut must equal nIn (a weighted mean of the inputs), got nIn=" + getNIn() + ", nOut=" + getNOut());
        }
        AttentionPoolingLayer layer = new AttentionPoolingLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return AttentionPoolingParamInitializer.getInstance();
    }

    /** Recurrent input {@code [mb, n, T]} becomes feed-forward output {@code [mb, n]}. */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent rec)) {
            throw new IllegalStateException("AttentionPooling layer " + layerIndex + " (" + getLayerName()
                    + ") expects recurrent input [mb, n, T], got " + inputType);
        }
        return InputType.feedForward(rec.getSize());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeRecurrent rec)) {
            throw new IllegalStateException("AttentionPooling layer (" + getLayerName()
                    + ") expects recurrent input [mb, n, T], got " + inputType);
        }
        if (override || nIn <= 0) {
            nIn = rec.getSize();
            nOut = nIn;
            if (attentionSize <= 0) {
                attentionSize = nIn;
            }
        }
    }

    /** None: the layer reads the recurrent activations {@code [mb, n, T]} as they are. */
    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    /** Memory estimate in array elements: parameters (and updater state) plus, per example, the scores and projections. */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long t = inputType instanceof InputType.InputTypeRecurrent rec && rec.getTimeSeriesLength() > 0
                ? rec.getTimeSeriesLength() : 1;
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        long inferencePerExample = t * (attentionSize + 2) + nIn;
        long trainPerExample = t * (2 * attentionSize + 2 * nIn + 4) + nIn;
        return new LayerMemoryReport.Builder(getLayerName(), AttentionPooling.class, inputType, outputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, inferencePerExample, 0, trainPerExample)
                .cacheMemory(0, 0)
                .build();
    }

    /** Rows of W (the width of {@code tanh(W h_t + b)} and of the query u). */
    public long getAttentionSize() {
        return attentionSize;
    }

    public void setAttentionSize(long attentionSize) {
        this.attentionSize = attentionSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionPooling other && super.equals(o) && attentionSize == other.attentionSize;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Long.hashCode(attentionSize);
    }

    @Override
    public String toString() {
        return "AttentionPooling(nIn=" + getNIn() + ", attentionSize=" + attentionSize + ")";
    }

    /**
     * Builder: {@code new AttentionPooling.Builder().nIn(64).build()} (attention size 64) or
     * {@code .attentionSize(32)}; nOut is always nIn.
     */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {

        private long attentionSize;

        /** The layer applies no activation of its own (tanh is part of the scores): recorded as identity. */
        public Builder() {
            this.activationFn = Activation.IDENTITY.getActivationFunction();
        }

        /** Rows of W; 0 (the default) means the input width n. */
        public Builder attentionSize(long attentionSize) {
            if (attentionSize < 0) {
                throw new IllegalArgumentException("attentionSize must be >= 0 (0: the input width), got " + attentionSize);
            }
            this.attentionSize = attentionSize;
            return this;
        }

        long nInValue() {
            return nIn;
        }

        /** Builds the configuration; typed like DL4J's {@code <E extends Layer> E build()} (E is AttentionPooling). */
        @Override
        @SuppressWarnings("unchecked")
        public <E extends org.deeplearning4j.nn.conf.layers.Layer> E build() {
            return (E) new AttentionPooling(this);
        }
    }
}
