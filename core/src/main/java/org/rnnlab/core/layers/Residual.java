package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * A residual (skip) connection around one recurrent layer of a stack: for the wrapped layer {@code f}
 * (rnnlab's {@link Lstm}, {@link Gru}, {@link Rnn}, DL4J's {@code LSTM} or {@code SimpleRnn}, or any of
 * them in {@link KernelBidirectional} / DL4J's {@code Bidirectional}, any merge mode) and its input
 * sequence {@code x} ({@code [mb, nIn, T]}, the previous layer's output), the output at every step is
 * <pre>
 *   y_t = x_t + f(x)_t          when nIn equals the wrapped layer's output width nOut
 *   y_t = P^T x_t + f(x)_t      otherwise, with a learned projection P [nIn, nOut], no bias
 * </pre>
 * (He, Zhang, Ren &amp; Sun 2016, "Deep Residual Learning for Image Recognition", CVPR, eq. 1 and, for a
 * change of width, the linear projection W_s of eq. 2; applied between stacked LSTM layers as in Wu et
 * al. 2016, "Google's Neural Machine Translation System", arXiv:1609.08144, section 3.1). The projection
 * is initialised with Xavier's scheme (Gaussian, variance 2 / (nIn + nOut)) whatever the network's
 * weight initialisation, since the identity some schemes would give is not defined for a non-square P.
 * It takes the updater and regularisation (weight decay) of the wrapped layer's input weights.
 *
 * <p>Masks: the feature mask passes through unchanged (same T). The output is multiplied by the mask
 * (zero at padded steps, as the recurrent layers' own outputs are), and padded steps cannot reach valid
 * ones: the skip path works step by step, and the wrapped layer handles its mask itself.
 *
 * <p><b>Why a wrapper layer and not a {@code ComputationGraph}.</b> A graph with an {@code ElementWiseVertex}
 * (add) would express the sum, but rnnlab's networks are {@code MultiLayerNetwork}s throughout: the
 * model bundle rebuilds them with {@code NetworkFactory} and loads one flat parameter vector, the
 * training loop, truncated BPTT, {@code rnnTimeStep}, {@code calculateGradients} (input gradients for the
 * gradient-flow probes; {@code ComputationGraph} has no such method in 1.0.0-M2.1), the
 * {@code LastTimeStep} and pooling heads all work on a {@code MultiLayerNetwork}. A configuration that
 * wraps the recurrent layer, as DL4J's {@code LastTimeStep} and {@code Bidirectional} do, keeps all of
 * that: the network stays a list of layers, the wrapped layer keeps its class, parameter keys and kernel
 * ({@link #instantiate} instantiates it with its own configuration), and the skip path adds one
 * parameter array at the end of the layer's block.
 *
 * <p>It extends DL4J's {@code Layer} directly, as {@code Bidirectional} does, not DL4J's
 * {@code BaseWrapperLayer}: DL4J's {@code LastTimeStep} (the LAST head, around the top layer) counts its
 * parameters with {@code WrapperLayerParamInitializer}, which unwraps every {@code BaseWrapperLayer} down to
 * the innermost layer and would miss the projection. The price: DL4J's builder does not pass the network's
 * defaults (updater, weight initialisation, regularisation, gradient normalisation) into a layer wrapped
 * this way, so {@link #wrap} applies them to the wrapped layer first; use it, not the constructor, inside
 * a network builder.
 *
 * <p>Parameters: the wrapped layer's, under their own keys and in their own order, then {@value
 * #PROJECTION_KEY} ({@code [nIn, nOut]}, Fortran order) when the widths differ. Computed by
 * {@link ResidualLayer}; parameters laid out by {@link ResidualParamInitializer}.
 *
 * <p>The class name and package are stored in every saved model's DL4J configuration: never rename or
 * move this class, nor rename its JSON properties ({@code underlying}, {@code nin}, {@code nout}: the setters).
 */
public class Residual extends Layer {

    /** Key of the projection's parameter array (present only when the widths differ). */
    public static final String PROJECTION_KEY = "P";

    /** The wrapped recurrent layer. */
    private Layer underlying;
    /** Width of the input sequence. */
    private long nIn;
    /** Width of the wrapped layer's output, and so of this layer's output. */
    private long nOut;

    /** For Jackson (DL4J's configuration JSON). */
    private Residual() {
    }

    /**
     * A residual connection around {@code layer}, whose input and output widths are read from its
     * configuration (a bidirectional {@code CONCAT} layer's output is twice its directions' width).
     */
    public Residual(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Residual needs a layer to wrap, got null");
        }
        this.underlying = layer;
        this.nIn = inputWidth(layer);
        this.nOut = outputWidth(layer);
        if (nIn < 1 || nOut < 1) {
            throw new IllegalArgumentException("Residual: the wrapped layer's nIn and nOut must be set, got nIn=" + nIn
                    + ", nOut=" + nOut + " for " + layer);
        }
    }

    /**
     * A residual connection around {@code layer} after giving {@code layer} the defaults of the network's
     * builder ({@code global}), as DL4J's list builder does for the layers it can see into.
     */
    public static Residual wrap(NeuralNetConfiguration.Builder global, Layer layer) {
        global.clone().layer(layer).build(); // configures the layer object in place
        return new Residual(layer);
    }

    /** Input width of a recurrent layer configuration (the forward direction's for a bidirectional one). */
    static long inputWidth(Layer layer) {
        if (layer instanceof Bidirectional bi) {
            return inputWidth(bi.getFwd());
        }
        if (layer instanceof FeedForwardLayer ff) {
            return ff.getNIn();
        }
        throw new IllegalArgumentException("Residual wraps a recurrent layer (or a Bidirectional one), got " + layer);
    }

    /** Output width of a recurrent layer configuration (doubled by a bidirectional CONCAT). */
    static long outputWidth(Layer layer) {
        if (layer instanceof Bidirectional bi) {
            long h = outputWidth(bi.getFwd());
            return bi.getMode() == Bidirectional.Mode.CONCAT ? 2 * h : h;
        }
        if (layer instanceof FeedForwardLayer ff) {
            return ff.getNOut();
        }
        throw new IllegalArgumentException("Residual wraps a recurrent layer (or a Bidirectional one), got " + layer);
    }

    /** The wrapped recurrent layer (configuration). */
    public Layer getUnderlying() {
        return underlying;
    }

    /** For Jackson (DL4J's configuration JSON reads properties through setters). */
    public void setUnderlying(Layer underlying) {
        this.underlying = underlying;
    }

    /** For Jackson; {@link #setNIn(InputType, boolean)} sets it from the wrapped layer. */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /** For Jackson. */
    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    /** Width of the input sequence. */
    public long getNIn() {
        return nIn;
    }

    /** Width of the output sequence (that of the wrapped layer). */
    public long getNOut() {
        return nOut;
    }

    /** Whether the skip path has a learned projection (the widths differ). */
    public boolean projected() {
        return nIn != nOut;
    }

    /** Number of projection parameters: nIn x nOut when projected, else 0. */
    public long projectionParams() {
        return projected() ? nIn * nOut : 0;
    }

    /** Key of the wrapped layer's input weights, whose updater and regularisation the projection takes. */
    String inputWeightKey() {
        return underlying instanceof Bidirectional ? BidirectionalParamInitializer.FORWARD_PREFIX + "W" : "W";
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        long wrapped = underlying.initializer().numParams(underlying);
        INDArray row = layerParamsView.reshape(layerParamsView.length());
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(underlying);
        org.deeplearning4j.nn.api.Layer f = underlying.instantiate(inner, listeners, layerIndex,
                row.get(interval(0, wrapped)), initializeParams, networkDataType);
        ResidualLayer layer = new ResidualLayer(conf, f, networkDataType);
        layer.bindParams(row, false); // the wrapped layer has its part already
        if (initializeParams && projected()) {
            initProjection(layer.getParam(PROJECTION_KEY));
        }
        return layer;
    }

    /** Xavier initialisation of the projection view {@code [nIn, nOut]} (in place). */
    void initProjection(INDArray view) {
        new WeightInitXavier().init(nIn, nOut, new long[] {nIn, nOut}, 'f', view);
    }

    @Override
    public ParamInitializer initializer() {
        return ResidualParamInitializer.getInstance();
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        underlying.setNIn(inputType, override);
        nIn = inputWidth(underlying);
        nOut = outputWidth(underlying);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return underlying.getOutputType(layerIndex, inputType);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return underlying.getPreProcessorForInputType(inputType);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return underlying.getMemoryReport(inputType); // the projection's nIn x nOut values are not counted
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return underlying.getRegularizationByParam(PROJECTION_KEY.equals(paramName) ? inputWeightKey() : paramName);
    }

    @Override
    public GradientNormalization getGradientNormalization() {
        return underlying.getGradientNormalization();
    }

    @Override
    public double getGradientNormalizationThreshold() {
        return underlying.getGradientNormalizationThreshold();
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return underlying.getUpdaterByParam(PROJECTION_KEY.equals(paramName) ? inputWeightKey() : paramName);
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return !PROJECTION_KEY.equals(paramName) && underlying.isPretrainParam(paramName);
    }

    @Override
    public void setDataType(DataType dataType) {
        super.setDataType(dataType);
        underlying.setDataType(dataType);
    }

    /** A deep copy: the wrapped configuration is cloned too. */
    @Override
    public Residual clone() {
        Residual r = (Residual) super.clone();
        r.underlying = underlying == null ? null : underlying.clone();
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Residual r && super.equals(o) && Objects.equals(underlying, r.underlying)
                && nIn == r.nIn && nOut == r.nOut;
    }

    /** Lombok's equality hook of DL4J's layers. */
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof Residual;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), underlying, nIn, nOut);
    }

    @Override
    public String toString() {
        return "Residual(" + underlying + (projected() ? ", projection " + nIn + "->" + nOut : "") + ")";
    }
}
