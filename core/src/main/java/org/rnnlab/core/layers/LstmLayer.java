package org.rnnlab.core.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of an {@link Lstm} layer, as a DL4J recurrent layer with explicit back-propagation
 * through time ({@link CellKernel}), so that it works inside {@code LastTimeStep} and
 * {@code Bidirectional}, with masks, {@code rnnTimeStep}, truncated BPTT, input dropout, weight noise,
 * workspaces and model serialization.
 *
 * <p>Input {@code [mb, nIn, T]} (NCW) or {@code [mb, T, nIn]} (NWC, per the configuration), output
 * {@code [mb, H, T]} / {@code [mb, T, H]}. A forward pass in training keeps its intermediates for the
 * backward pass that follows (as DL4J's {@code LSTM} does); a backward pass without one recomputes it.
 *
 * <p>State: {@code rnnTimeStep} and truncated BPTT carry the last output and cell under DL4J's
 * {@code LSTM} keys {@value #STATE_KEY_PREV_ACTIVATION} and {@value #STATE_KEY_PREV_MEMCELL}; in
 * truncated BPTT gradients do not flow into earlier segments.
 *
 * <p>Runs on ND4J's CPU backend only, in FLOAT or DOUBLE (the kernel works on host memory); elsewhere
 * {@link Lstm#instantiate} builds DL4J's {@code LSTM} layer with the same settings and parameters instead.
 */
public class LstmLayer extends BaseRecurrentLayer<Lstm> implements KernelDirection {

    /** State key of the last output (DL4J's {@code LSTM} uses the same). */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";
    /** State key of the last cell (DL4J's {@code LSTM} uses the same). */
    public static final String STATE_KEY_PREV_MEMCELL = "prevMem";

    private transient CellKernel kernel;
    private transient KernelPasses passes;
    /** Start state of the current truncated-BPTT segment (detached). */
    private transient INDArray[] tbpttSegmentStart;

    public LstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        if (!HostArray.supported()) {
            throw new IllegalStateException("rnnlab's Lstm layer runs on ND4J's CPU backend only (backend: "
                    + Nd4j.getBackend().getClass().getSimpleName() + "); use DL4J's LSTM (--impl dl4j) on this backend");
        }
        if (!HostArray.supported(dataType)) {
            throw new IllegalStateException("rnnlab's Lstm layer computes in FLOAT or DOUBLE, the network is " + dataType
                    + "; use DL4J's LSTM (--impl dl4j) for other data types");
        }
    }

    private CellKernel kernel() {
        if (kernel == null) {
            kernel = new CellKernel(layerConf().getNIn(), layerConf().getNOut(), 4, LstmMath::of);
        }
        return kernel;
    }

    private INDArray lastCell() {
        return ((LstmMath) kernel().math()).lastCell(); // already outside workspaces
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forward(null, training, training, workspaceMgr);
    }

    @Override
    public boolean kernelAvailable() {
        return true;
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

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(storedState(stateMap), false, false, workspaceMgr);
        stateMap.put(STATE_KEY_PREV_ACTIVATION, detached(kernel().lastOutput()));
        stateMap.put(STATE_KEY_PREV_MEMCELL, lastCell());
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray[] start = storedState(tBpttStateMap);
        INDArray out = forward(start, training, training, workspaceMgr);
        tbpttSegmentStart = start;
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, detached(kernel().lastOutput()));
            tBpttStateMap.put(STATE_KEY_PREV_MEMCELL, lastCell());
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
        return backprop(permuteIfNWC(epsilon), null, 0, false, null, false, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
        return backprop(permuteIfNWC(epsilon), tbpttSegmentStart, tbpttBackLength, false, null, false, workspaceMgr);
    }

    /**
     * Back-propagation through the last {@code backLength} steps (all if {@code <= 0}) of the kept forward
     * pass (recomputed from {@code initialState} if there is none for this input, mask and direction).
     * {@code epsilon} is NCW; the input gradient goes into {@code target} (NCW, written or with
     * {@code accumulate} added) or, if it is null, into a new array, returned in the layer's format.
     */
    private Pair<Gradient, INDArray> backprop(INDArray epsilon, INDArray[] initialState, int backLength, boolean reversed,
                                              INDArray target, boolean accumulate, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        CellKernel k = kernel();
        if (!passes().reusable(k.backpropReady(), input, maskArray, reversed)) {
            run(initialState, true, true, reversed, mgr);
        }
        INDArray in = permuteIfNWC(input);
        long mb = in.size(0);
        long steps = in.size(2);
        INDArray w = getParamWithNoise(LstmParamInitializer.INPUT_WEIGHT_KEY, true, mgr);
        INDArray rw = getParamWithNoise(LstmParamInitializer.RECURRENT_WEIGHT_KEY, true, mgr);
        INDArray wg = gradientViews.get(LstmParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rwg = gradientViews.get(LstmParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bg = gradientViews.get(LstmParamInitializer.BIAS_KEY);
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
    private INDArray forward(INDArray[] initialState, boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
        run(initialState, training, forBackprop, false, mgr);
        INDArray in = permuteIfNWC(input);
        INDArray out = SequenceView.createTimeMajor(mgr, ArrayType.ACTIVATIONS, dataType, in.size(0), layerConf().getNOut(), in.size(2));
        writeOutput(out, false, false);
        return permuteIfNWC(out);
    }

    /**
     * Runs the kernel over the input (time reversed if {@code reversed}) from {@code initialState}
     * (output, cell; zero if null); with {@code forBackprop} the kernel keeps its intermediates.
     */
    private void run(INDArray[] initialState, boolean training, boolean forBackprop, boolean reversed, LayerWorkspaceMgr mgr) {
        assertInputSet(forBackprop);
        Preconditions.checkState(input.rank() == 3, "Lstm layer %s expects 3d input [mb, nIn, T] (or NWC), got shape %s",
                layerId(), input.shape());
        applyDropOutIfNecessary(training, mgr);
        INDArray in = permuteIfNWC(input).castTo(dataType);
        long mb = in.size(0);
        Preconditions.checkState(in.size(1) == layerConf().getNIn(), "Lstm layer %s has nIn=%s but got input of shape %s (%s)",
                layerId(), layerConf().getNIn(), input.shape(), getDataFormat());
        INDArray h0 = null;
        INDArray c0 = null;
        if (initialState != null) {
            h0 = initialState[0];
            c0 = initialState[1];
            Preconditions.checkState(h0.size(0) == mb, "Lstm layer %s: stored state has minibatch %s, input %s"
                    + " (call rnnClearPreviousState() between minibatches of different size)", layerId(), h0.size(0), mb);
        }
        INDArray w = getParamWithNoise(LstmParamInitializer.INPUT_WEIGHT_KEY, training, mgr);
        INDArray rw = getParamWithNoise(LstmParamInitializer.RECURRENT_WEIGHT_KEY, training, mgr);
        INDArray b = getParamWithNoise(LstmParamInitializer.BIAS_KEY, training, mgr);
        SequenceView mask = maskArray == null ? null : SequenceView.ofMask(maskArray.castTo(dataType)).reversedIf(reversed);
        kernel().forward(SequenceView.of(in).reversedIf(reversed), mask, h0, c0, w, rw, b, forBackprop);
        passes().ran(forBackprop, input, maskArray, reversed);
    }

    /** The (output, cell) state stored under the LSTM keys, or null if none. */
    private static INDArray[] storedState(Map<String, INDArray> map) {
        INDArray out = map.get(STATE_KEY_PREV_ACTIVATION);
        INDArray cell = map.get(STATE_KEY_PREV_MEMCELL);
        return out == null || cell == null ? null : new INDArray[] {out, cell};
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
