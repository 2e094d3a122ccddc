package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of a {@link KernelBidirectional} layer. Both directions read the same input and mask;
 * the backward one runs its kernel from the last step to the first ({@link KernelDirection}), so
 * nothing is reversed by copying. In {@code CONCAT} mode each direction writes its half of the output
 * {@code [mb, 2H, T]} directly and reads its half of the output gradient as a view; {@code ADD} and
 * {@code AVERAGE} add the backward direction's output onto the forward one's; {@code MUL} keeps both
 * outputs for the backward pass. The input gradient of the backward direction is added straight onto
 * the forward one's. Outputs and gradients equal those of DL4J's {@code BidirectionalLayer} around the
 * same layers, which whole-sequence reversal defines (padding included).
 *
 * <p>When a direction is not a {@link KernelDirection} whose kernel can run here, every call goes to
 * DL4J's implementation.
 */
public class KernelBidirectionalLayer extends BidirectionalLayer {

    private final Layer fwd;
    private final Layer bwd;
    private final Bidirectional.Mode mode;
    private final RNNFormat format;
    private INDArray input;
    /** Outputs of both directions, kept for the backward pass in MUL mode. */
    private INDArray outFwd;
    private INDArray outBwd;
    /**
     * The output array of this layer's last forward pass where it is single precision, NCW and in CONCAT mode (compared
     * by identity: {@link #producerOf}); else null.
     */
    private INDArray concatOutput;
    /** The last-step gradient a {@link BidirectionalLastStepLayer} handed over for its input gradient array. */
    private LastStepGradient pending;

    /**
     * The layer whose forward pass on this thread made the array a {@link BidirectionalLastStepLayer} reads: DL4J
     * hands a layer's output to the next one as it is, so identity with the last output says the head reads this
     * layer's output directly, with nothing (no preprocessor) in between; with the layer indices (one above the other)
     * and not in a {@code ComputationGraph} (whose fan-out adds other gradients into the head's array: {@link
     * BidirectionalLastStepLayer}), its input gradient comes back here unchanged.
     */
    private static final ThreadLocal<WeakReference<KernelBidirectionalLayer>> LAST_CONCAT = new ThreadLocal<>();

    /** Backward passes that took a head's last-step gradient instead of an array of all steps (tests check the route). */
    private static final AtomicLong LAST_STEP_PASSES = new AtomicLong();

    /**
     * A head's gradient with respect to this layer's output, zero but at one step per example and direction: the
     * forward direction's rows {@code [mb·H]} at steps {@code last}, the backward direction's at steps {@code first}
     * (the input's time order), standing for the {@code epsilon} array the head returned, which holds nothing.
     */
    private record LastStepGradient(INDArray epsilon, float[] forward, int[] last, float[] backward, int[] first) {
    }

    public KernelBidirectionalLayer(NeuralNetConfiguration conf, Layer fwd, Layer bwd, INDArray paramsView) {
        super(conf, fwd, bwd, paramsView);
        this.fwd = fwd;
        this.bwd = bwd;
        Bidirectional layerConf = (Bidirectional) conf.getLayer();
        this.mode = layerConf.getMode();
        this.format = layerConf.getRNNDataFormat();
    }

    /** Whether both directions run on rnnlab's kernels (else DL4J's implementation runs). */
    boolean fused() {
        return fwd instanceof KernelDirection f && f.kernelAvailable()
                && bwd instanceof KernelDirection b && b.kernelAvailable();
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        this.input = input;
        if (!fused()) {
            super.setInput(input, workspaceMgr);
            return;
        }
        fwd.setInput(input, workspaceMgr);
        bwd.setInput(input, workspaceMgr);
    }

    @Override
    public INDArray input() {
        return input;
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        if (!fused()) {
            super.setMaskArray(maskArray);
            return;
        }
        fwd.setMaskArray(maskArray);
        bwd.setMaskArray(maskArray);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        if (!fused()) {
            return super.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        }
        Pair<INDArray, MaskState> ret = fwd.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        bwd.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        return ret;
    }

    @Override
    public void allowInputModification(boolean allow) {
        if (!fused()) {
            super.allowInputModification(allow);
            return;
        }
        // both directions read the same input array: neither may overwrite it (e.g. with input dropout)
        fwd.allowInputModification(false);
        bwd.allowInputModification(false);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        concatOutput = null;
        pending = null;
        if (!fused()) {
            return super.activate(training, workspaceMgr);
        }
        RecurrentDriver f = ((KernelDirection) fwd).driver();
        RecurrentDriver b = ((KernelDirection) bwd).driver();
        INDArray in = ncw(input);
        long h = hidden();
        DataType type = params().dataType();
        INDArray out;
        if (mode == Bidirectional.Mode.CONCAT && in.rank() == 3) {
            long mb = in.size(0);
            long steps = in.size(2);
            // the concatenation is made first: each direction may write its half of the [T·mb, 2H] rows during its pass
            // (oneDNN's LSTM outside training), in the input's time order, instead of a copy afterwards
            INDArray timeMajor = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, type, new long[] {steps, mb, 2 * h}, 'c');
            out = timeMajor.permute(1, 2, 0);
            // the halves as views made directly over the memory (ND4J's get with indices cost 1.5% of a BiLSTM minibatch)
            if (!f.forwardPass(training, false, half(timeMajor, 0, new long[] {steps * mb, h}, new long[] {2 * h, 1}), workspaceMgr)) {
                f.writeOutput(half(timeMajor, 0, new long[] {mb, h, steps}, new long[] {2 * h, 1, mb * 2 * h}), false, false);
            }
            if (!b.forwardPass(training, true, half(timeMajor, h, new long[] {steps * mb, h}, new long[] {2 * h, 1}), workspaceMgr)) {
                b.writeOutput(half(timeMajor, h, new long[] {mb, h, steps}, new long[] {2 * h, 1, mb * 2 * h}), true, false);
            }
            if (format == RNNFormat.NWC) {
                return out.permute(0, 2, 1);
            }
            if (training && type == DataType.FLOAT) {
                concatOutput = out;
                LAST_CONCAT.set(new WeakReference<>(this));
            }
            return out;
        }
        f.forwardPass(training, false, null, workspaceMgr); // says what is wrong with an input that is not 3d
        b.forwardPass(training, true, null, workspaceMgr);
        long mb = in.size(0);
        long steps = in.size(2);
        switch (mode) {
            case CONCAT -> throw new IllegalStateException("Bidirectional CONCAT expects 3d input, got shape "
                    + java.util.Arrays.toString(input.shape()));
            case ADD, AVERAGE -> {
                out = SequenceView.createTimeMajor(workspaceMgr, ArrayType.ACTIVATIONS, type, mb, h, steps);
                f.writeOutput(out, false, false);
                b.writeOutput(out, true, true);
                if (mode == Bidirectional.Mode.AVERAGE) {
                    out.muli(0.5);
                }
            }
            case MUL -> {
                outFwd = Nd4j.createUninitializedDetached(type, mb, h, steps);
                outBwd = Nd4j.createUninitializedDetached(type, mb, h, steps);
                f.writeOutput(outFwd, false, false);
                b.writeOutput(outBwd, true, false);
                out = workspaceMgr.dup(ArrayType.ACTIVATIONS, outFwd).muli(outBwd);
            }
            default -> throw new IllegalStateException("unknown Bidirectional mode " + mode);
        }
        return format == RNNFormat.NWC ? out.permute(0, 2, 1) : out;
    }

    /**
     * The layer whose last forward pass on this thread returned {@code x} (single precision, NCW, CONCAT, training) and
     * which sits just below the layer at {@code headIndex}, or null: a {@link BidirectionalLastStepLayer} reading
     * {@code x} may then hand its input gradient over as rows of last steps ({@link #takeLastStepGradient}).
     */
    static KernelBidirectionalLayer producerOf(INDArray x, int headIndex) {
        WeakReference<KernelBidirectionalLayer> ref = LAST_CONCAT.get();
        KernelBidirectionalLayer layer = ref == null ? null : ref.get();
        return layer != null && layer.concatOutput == x && x != null && layer.getIndex() + 1 == headIndex && layer.fused()
                ? layer : null;
    }

    /**
     * Takes a head's gradient with respect to this layer's output as rows of last steps (see {@link LastStepGradient}):
     * the next {@link #backpropGradient} of exactly {@code epsilon} reads these rows instead of the array, which the
     * head leaves uninitialized; a backward pass of any other array before it is refused, as that array would have
     * been made from the unfilled one.
     */
    void takeLastStepGradient(INDArray epsilon, float[] forward, int[] last, float[] backward, int[] first) {
        INDArray out = concatOutput;
        long h = hidden();
        if (out == null || !Arrays.equals(epsilon.shape(), out.shape()) || forward.length != last.length * h
                || backward.length != first.length * h || last.length != out.size(0) || first.length != out.size(0)) {
            throw new IllegalArgumentException("a last-step gradient of shape " + Arrays.toString(epsilon.shape())
                    + " for the output " + (out == null ? "(none)" : Arrays.toString(out.shape())) + " of layer " + getIndex());
        }
        pending = new LastStepGradient(epsilon, forward, last, backward, first);
    }

    /** How many backward passes in this process took a head's last-step gradient ({@link #takeLastStepGradient}). */
    static long lastStepPasses() {
        return LAST_STEP_PASSES.get();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        LastStepGradient lastSteps = pending;
        pending = null;
        if (!fused()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        if (lastSteps != null && lastSteps.epsilon() != epsilon) {
            throw new IllegalStateException("bidirectional layer " + getIndex() + ": the layer above handed its gradient "
                    + "over as last-step rows for the array it returned, but the backward pass got another array (something "
                    + "between the two layers changed the gradient, which the last-step route does not allow)");
        }
        if (lastSteps != null) {
            int steps = (int) epsilon.size(2);
            int h = (int) hidden();
            LAST_STEP_PASSES.incrementAndGet();
            return backpropBoth(SequenceView.lastSteps(lastSteps.forward(), h, lastSteps.last(), steps),
                    SequenceView.lastSteps(lastSteps.backward(), h, lastSteps.first(), steps), workspaceMgr);
        }
        INDArray eps = ncw(epsilon);
        long h = hidden();
        INDArray eFwd;
        INDArray eBwd;
        switch (mode) {
            case CONCAT -> {
                eFwd = eps.get(all(), interval(0, h), all());
                eBwd = eps.get(all(), interval(h, 2 * h), all());
            }
            case ADD -> {
                eFwd = eps;
                eBwd = eps;
            }
            case AVERAGE -> {
                eFwd = eps.dup(eps.ordering()).muli(0.5);
                eBwd = eFwd;
            }
            case MUL -> {
                if (outFwd == null) {
                    throw new IllegalStateException("Bidirectional MUL: backpropGradient without a forward pass");
                }
                eFwd = eps.dup(eps.ordering()).muli(outBwd);
                eBwd = eps.dup(eps.ordering()).muli(outFwd);
            }
            default -> throw new IllegalStateException("unknown Bidirectional mode " + mode);
        }
        return backpropBoth(((KernelDirection) fwd).driver().gradientView(eFwd),
                ((KernelDirection) bwd).driver().gradientView(eBwd), workspaceMgr);
    }

    /**
     * Both directions' backward passes of their output gradients ({@code [mb, H, T]} arrays or last-step views, in the
     * input's time order), the input gradients summed into one array.
     */
    private Pair<Gradient, INDArray> backpropBoth(SequenceView eFwd, SequenceView eBwd, LayerWorkspaceMgr workspaceMgr) {
        INDArray in = ncw(input);
        long nIn = ((FeedForwardLayer) fwd.conf().getLayer()).getNIn();
        INDArray epsOut = SequenceView.createTimeMajor(workspaceMgr, ArrayType.ACTIVATION_GRAD, params().dataType(),
                in.size(0), nIn, in.size(2));
        Gradient g1 = ((KernelDirection) fwd).driver().backwardPass(eFwd, false, epsOut, false, workspaceMgr);
        Gradient g2 = ((KernelDirection) bwd).driver().backwardPass(eBwd, true, epsOut, true, workspaceMgr);
        Gradient g = new DefaultGradient(getGradientsViewArray());
        for (Map.Entry<String, INDArray> e : g1.gradientForVariable().entrySet()) {
            g.gradientForVariable().put(BidirectionalParamInitializer.FORWARD_PREFIX + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, INDArray> e : g2.gradientForVariable().entrySet()) {
            g.gradientForVariable().put(BidirectionalParamInitializer.BACKWARD_PREFIX + e.getKey(), e.getValue());
        }
        return new Pair<>(g, format == RNNFormat.NWC ? epsOut.permute(0, 2, 1) : epsOut);
    }

    @Override
    public void clear() {
        super.clear();
        input = null;
        concatOutput = null;
        pending = null;
        outFwd = null;
        outBwd = null;
    }

    /**
     * A view of {@code shape} and {@code strides} over {@code base}'s memory from element {@code offset} on: one
     * direction's half of the concatenation (rows {@code [T·mb, H]} {@code 2H} apart, or {@code [mb, H, T]}).
     */
    private static INDArray half(INDArray base, long offset, long[] shape, long[] strides) {
        return Nd4j.create(base.data(), shape, strides, base.offset() + offset, 'c');
    }

    private long hidden() {
        return ((FeedForwardLayer) fwd.conf().getLayer()).getNOut();
    }

    private INDArray ncw(INDArray a) {
        return format == RNNFormat.NWC ? a.permute(0, 2, 1) : a;
    }
}
