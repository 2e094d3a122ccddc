package org.rnnlab.core.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of an {@link Rnn} layer: DL4J's {@code SimpleRnn} layer with its forward and backward
 * passes on {@link CellKernel} (one product for the input projection of all steps, one per step, the
 * weight gradients as single products after the sweep), so that it also runs either direction of a
 * {@link KernelBidirectional} layer. Same state key ({@value SimpleRnn#STATE_KEY_PREV_ACTIVATION}) for
 * {@code rnnTimeStep} and truncated BPTT; in truncated BPTT the backward pass starts from the state the
 * segment started with (DL4J's {@code SimpleRnn} recomputes the segment from zero). Where the kernel
 * cannot run (a backend other than ND4J's CPU one, or a network in HALF or BFLOAT16), every call goes to
 * DL4J's implementation.
 */
public class RnnLayer extends SimpleRnn implements KernelDirection {

    private transient CellKernel kernel;
    private transient KernelPasses passes;
    /** Start state of the current truncated-BPTT segment (detached). */
    private transient INDArray tbpttSegmentStart;

    public RnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private CellKernel kernel() {
        if (kernel == null) {
            kernel = new CellKernel(layerConf().getNIn(), layerConf().getNOut(), 1, RnnMath::of);
        }
        return kernel;
    }

    @Override
    public boolean kernelAvailable() {
        return HostArray.supported(dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!kernelAvailable()) {
            return super.activate(training, workspaceMgr);
        }
        return forward(null, training, training, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        if (!kernelAvailable()) {
            return super.rnnTimeStep(input, workspaceMgr);
        }
        setInput(input, workspaceMgr);
        INDArray out = forward(stateMap.get(STATE_KEY_PREV_ACTIVATION), false, false, workspaceMgr);
        stateMap.put(STATE_KEY_PREV_ACTIVATION, detached(kernel().lastOutput()));
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        if (!kernelAvailable()) {
            return super.rnnActivateUsingStoredState(input, training, storeLastForTBPTT, workspaceMgr);
        }
        setInput(input, workspaceMgr);
        INDArray start = tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION);
        INDArray out = forward(start, training, training, workspaceMgr);
        tbpttSegmentStart = start;
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, detached(kernel().lastOutput()));
        }
        return out;
    }

    @Override
    public void rnnClearPreviousState() {
        super.rnnClearPreviousState();
        tbpttSegmentStart = null;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!kernelAvailable()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        return backprop(permuteIfNWC(epsilon), null, 0, false, null, false, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
        if (!kernelAvailable()) {
            return super.tbpttBackpropGradient(epsilon, tbpttBackLength, workspaceMgr);
        }
        return backprop(permuteIfNWC(epsilon), tbpttSegmentStart, tbpttBackLength, false, null, false, workspaceMgr);
    }

    @Override
    public void forwardPass(boolean training, boolean reversed, LayerWorkspaceMgr workspaceMgr) {
        run(null, training, training, reversed, workspaceMgr);
    }

    @Override
    public void writeOutput(INDArray target, boolean reversed, boolean accumulate) {
        kernel().writeOutput(SequenceView.of(target).reversedIf(reversed), accumulate);
    }

    @Override
    public Gradient backwardPass(INDArray epsilon, boolean reversed, INDArray epsOut, boolean accumulate,
                                 LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, null, 0, reversed, epsOut, accumulate, workspaceMgr).getFirst();
    }

    /**
     * Back-propagation through the last {@code backLength} steps (all if {@code <= 0}) of the kept forward
     * pass (recomputed from {@code initialState} if there is none for this input, mask and direction).
     * {@code epsilon} is NCW; the input gradient goes into {@code target} (NCW, written or with
     * {@code accumulate} added) or, if it is null, into a new array, returned in the layer's format.
     */
    private Pair<Gradient, INDArray> backprop(INDArray epsilon, INDArray initialState, int backLength, boolean reversed,
                                              INDArray target, boolean accumulate, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        CellKernel k = kernel();
        if (!passes().reusable(k.backpropReady(), input, maskArray, reversed)) {
            run(initialState, true, true, reversed, mgr);
        }
        INDArray in = permuteIfNWC(input);
        long mb = in.size(0);
        long steps = in.size(2);
        INDArray w = getParamWithNoise(SimpleRnnParamInitializer.WEIGHT_KEY, true, mgr);
        INDArray rw = getParamWithNoise(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, true, mgr);
        INDArray wg = gradientViews.get(SimpleRnnParamInitializer.WEIGHT_KEY);
        INDArray rwg = gradientViews.get(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bg = gradientViews.get(SimpleRnnParamInitializer.BIAS_KEY);
        boolean direct = KernelPasses.direct(target, accumulate, layerConf().getIDropout() != null);
        INDArray epsOut = direct ? target
                : SequenceView.createTimeMajor(mgr, ArrayType.ACTIVATION_GRAD, dataType, mb, layerConf().getNIn(), steps);
        long first = backLength > 0 ? Math.max(0, steps - backLength) : 0;
        k.backward(SequenceView.of(epsilon.castTo(dataType)).reversedIf(reversed), first, w, rw, wg, rwg, bg,
                SequenceView.of(epsOut).reversedIf(reversed), direct && accumulate);
        passes().consumed();
        weightNoiseParams.clear();
        Gradient g = KernelPasses.gradient(gradientsFlattened, gradientViews);
        return new Pair<>(g, KernelPasses.finishInputGradient(epsOut, target, direct, this::backpropDropOutIfPresent,
                this::permuteIfNWC));
    }

    /** Runs the kernel (see {@link #run}) and returns the output in the activations workspace. */
    private INDArray forward(INDArray initialState, boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
        run(initialState, training, forBackprop, false, mgr);
        INDArray in = permuteIfNWC(input);
        INDArray out = SequenceView.createTimeMajor(mgr, ArrayType.ACTIVATIONS, dataType, in.size(0), layerConf().getNOut(), in.size(2));
        writeOutput(out, false, false);
        return permuteIfNWC(out);
    }

    /**
     * Runs the kernel over the input (time reversed if {@code reversed}) from {@code initialState}
     * ({@code [mb, H]}, zero if null); with {@code forBackprop} the kernel keeps its intermediates.
     */
    private void run(INDArray initialState, boolean training, boolean forBackprop, boolean reversed, LayerWorkspaceMgr mgr) {
        assertInputSet(forBackprop);
        Preconditions.checkState(input.rank() == 3, "Rnn layer %s expects 3d input [mb, nIn, T] (or NWC), got shape %s",
                layerId(), input.shape());
        applyDropOutIfNecessary(training, mgr);
        INDArray in = permuteIfNWC(input).castTo(dataType);
        Preconditions.checkState(in.size(1) == layerConf().getNIn(), "Rnn layer %s has nIn=%s but got input of shape %s (%s)",
                layerId(), layerConf().getNIn(), input.shape(), getDataFormat());
        if (initialState != null) {
            Preconditions.checkState(initialState.size(0) == in.size(0), "Rnn layer %s: stored state has minibatch %s, input %s"
                    + " (call rnnClearPreviousState() between minibatches of different size)", layerId(), initialState.size(0), in.size(0));
        }
        INDArray w = getParamWithNoise(SimpleRnnParamInitializer.WEIGHT_KEY, training, mgr);
        INDArray rw = getParamWithNoise(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, training, mgr);
        INDArray b = getParamWithNoise(SimpleRnnParamInitializer.BIAS_KEY, training, mgr);
        SequenceView mask = maskArray == null ? null : SequenceView.ofMask(maskArray.castTo(dataType)).reversedIf(reversed);
        kernel().forward(SequenceView.of(in).reversedIf(reversed), mask, initialState, null, w, rw, b, forBackprop);
        passes().ran(forBackprop, input, maskArray, reversed);
    }

    private KernelPasses passes() {
        if (passes == null) {
            passes = new KernelPasses();
        }
        return passes;
    }

    /** A copy outside any workspace, to be kept between calls. */
    @SuppressWarnings("try")
    private static INDArray detached(INDArray array) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return array.dup();
        }
    }
}
