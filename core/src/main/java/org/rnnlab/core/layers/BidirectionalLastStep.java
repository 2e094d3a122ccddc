package org.rnnlab.core.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the last-step head of a bidirectional layer: each direction is read where it has read the
 * whole sequence. The input is the bidirectional layer's output in {@code CONCAT} form, {@code [mb, 2H, T]} (NCW):
 * channels {@code 0..H-1} are the forward direction {@code →h_t}, channels {@code H..2H-1} the backward direction
 * {@code ←h_t}; an optional feature mask {@code [mb, T]} marks each sequence's valid steps (right padding: steps
 * {@code 0..L-1} valid). With {@code L} the valid length and {@code merge} the layer's merge mode:
 * <pre>
 *   CONCAT:  y = [ →h_{L-1} ; ←h_0 ]            ([mb, 2H])
 *   ADD:     y = →h_{L-1} + ←h_0                 ([mb, H])
 *   AVERAGE: y = (→h_{L-1} + ←h_0) / 2
 *   MUL:     y = →h_{L-1} ⊙ ←h_0
 * </pre>
 * {@code →h_{L-1}} is the forward direction's final state and {@code ←h_0} the backward direction's final state,
 * after it has read steps {@code L-1 … 0}: the bidirectional RNN's summary of the whole sequence (Schuster and
 * Paliwal 1997, "Bidirectional Recurrent Neural Networks", IEEE Trans. Signal Processing 45(11)). It is PyTorch's
 * {@code h_n} of a bidirectional {@code nn.LSTM}/{@code nn.GRU}/{@code nn.RNN} on a packed sequence, ONNX's
 * {@code Y_h} with {@code sequence_lens}, and Keras' {@code Bidirectional(..., return_sequences=False)}, which merges
 * the two final states by its {@code merge_mode} as the non-CONCAT modes here do. DL4J's {@code LastTimeStep}
 * around a {@code Bidirectional} layer instead reads both directions at step {@code L-1}, where the backward one
 * has read one step only ({@code SequenceHead.LAST_STEP}, kept for models trained that way).
 *
 * <p>The merge is done here, not by the bidirectional layer: a merged output cannot be split into its directions
 * again, so {@code NetworkFactory} builds the layer below in {@code CONCAT} mode whatever the spec's mode (its
 * parameters do not depend on the mode) and gives the spec's mode to this head. The head consumes the mask (it
 * passes none on) and has no parameters; padded steps get no gradient. The backward pass scatters the output
 * gradient into a zero {@code [mb, 2H, T]} at the two positions of each example
 * ({@link BidirectionalLastStepLayer}).
 *
 * <p>The class name and package are stored in saved model configurations (DL4J's JSON names the class): never
 * rename or move this class, nor rename its fields ({@code hidden}, {@code merge}).
 */
public class BidirectionalLastStep extends NoParamLayer {

    /** Width H of one direction (the input has 2H channels). */
    private long hidden;
    /** How the two directions' final states are merged. */
    private Bidirectional.Mode merge = Bidirectional.Mode.CONCAT;

    /** For Jackson (DL4J's configuration JSON). */
    public BidirectionalLastStep() {
        super();
    }

    /**
     * The head of a bidirectional layer of {@code hidden} units per direction, merging the final states by
     * {@code merge}.
     */
    public BidirectionalLastStep(long hidden, Bidirectional.Mode merge) {
        super();
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden (one direction's width) must be >= 1, got " + hidden);
        }
        if (merge == null) {
            throw new IllegalArgumentException("merge must be one of CONCAT, ADD, MUL, AVERAGE, got null");
        }
        this.hidden = hidden;
        this.merge = merge;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        if (hidden < 1) {
            throw new IllegalStateException("BidirectionalLastStep layer " + layerIndex + " (" + getLayerName()
                    + "): hidden must be >= 1, got " + hidden);
        }
        BidirectionalLastStepLayer layer = new BidirectionalLastStepLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /** The output width: {@code 2H} for CONCAT, else {@code H}. */
    public long outputWidth() {
        return merge == Bidirectional.Mode.CONCAT ? 2 * hidden : hidden;
    }

    /** Recurrent input {@code [mb, 2H, T]} becomes feed-forward output {@code [mb, 2H]} or {@code [mb, H]}. */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent rec) || rec.getSize() != 2 * hidden) {
            throw new IllegalStateException("BidirectionalLastStep layer " + layerIndex + " (" + getLayerName()
                    + ") expects recurrent input [mb, " + 2 * hidden + ", T], got " + inputType);
        }
        return InputType.feedForward(outputWidth());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType instanceof InputType.InputTypeRecurrent rec && (override || hidden <= 0)) {
            hidden = rec.getSize() / 2;
        }
    }

    /** None: the layer reads the recurrent activations {@code [mb, 2H, T]} as they are. */
    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    /** No parameters; the output, and in training the input gradient {@code [2H, T]} per example. */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long t = inputType instanceof InputType.InputTypeRecurrent rec && rec.getTimeSeriesLength() > 0
                ? rec.getTimeSeriesLength() : 1;
        return new LayerMemoryReport.Builder(getLayerName(), BidirectionalLastStep.class, inputType, outputType)
                .standardMemory(0, 0)
                .workingMemory(0, outputWidth(), 0, 2 * hidden * t)
                .cacheMemory(0, 0)
                .build();
    }

    /** Width H of one direction. */
    public long getHidden() {
        return hidden;
    }

    public void setHidden(long hidden) {
        this.hidden = hidden;
    }

    /** How the two final states are merged. */
    public Bidirectional.Mode getMerge() {
        return merge;
    }

    public void setMerge(Bidirectional.Mode merge) {
        this.merge = merge;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BidirectionalLastStep other && super.equals(o) && hidden == other.hidden && merge == other.merge;
    }

    /** Lombok's equality hook of DL4J's layers. */
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof BidirectionalLastStep;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Long.hashCode(hidden)) + merge.hashCode();
    }

    @Override
    public String toString() {
        return "BidirectionalLastStep(hidden=" + hidden + ", merge=" + merge + ")";
    }
}
