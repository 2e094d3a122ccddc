package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of a {@link Gru} layer (PyTorch's {@code nn.GRU} equations, see {@link Gru}), written as a
 * DL4J recurrent layer with explicit back-propagation through time, so that it works inside
 * {@code LastTimeStep} and {@code Bidirectional}, with masks, {@code rnnTimeStep}, truncated BPTT,
 * dropout on the input, weight noise, workspaces and model serialization.
 *
 * <p><b>Two implementations.</b> Where {@link KernelSupport} lets it (ND4J's CPU backend, FLOAT or DOUBLE,
 * tanh and sigmoid gates) the layer runs {@link GruKernel} (BLAS on host memory, fused and vectorized
 * element-wise loops, about eight times faster) through {@link RecurrentDriver}; elsewhere, and for other
 * activations, it runs the same algorithm as ND4J operations (the code below), which tests compare with the
 * kernel.
 *
 * <p><b>Shapes.</b> Input {@code [mb, nIn, T]} (NCW) or {@code [mb, T, nIn]} (NWC, per the configuration),
 * output {@code [mb, H, T]} / {@code [mb, T, H]}. Internally everything is time-major: the input of all
 * steps is projected with one matrix product {@code [T·mb, nIn] × W}; each step then needs one product
 * {@code h × RW} for the three gates; after the backward sweep the weight gradients are two large
 * products ({@code Xᵀ dG} and {@code Hᵀ dR}) and the input gradient one ({@code dG Wᵀ}).
 *
 * <p><b>Masks</b> ({@code [mb, T]}, 1 for real steps, 0 for padding): at a masked step the carried state
 * is held, {@code h_t = h_{t-1} + m_t (h'_t − h_{t-1})}, and the output is zero, {@code out_t = m_t h_t},
 * as DL4J's {@code SimpleRnn} and {@code LSTM} zero theirs. So a masked step neither changes the state nor
 * receives or produces gradient, and a padded sequence gives exactly the outputs and gradients of the
 * unpadded one, at the end (forward direction) or at the start (the reversed direction of
 * {@code Bidirectional}).
 *
 * <p><b>State.</b> {@code rnnTimeStep} and truncated BPTT carry the last state {@code h_{T-1}} (state key
 * {@value #STATE_KEY_PREV_STATE}). In truncated BPTT the backward pass of a segment restarts from the state
 * the segment started with (DL4J's {@code SimpleRnn} restarts from zero); gradients do not flow into
 * earlier segments.
 */
public class GruLayer extends BaseRecurrentLayer<Gru> implements KernelDirection {

    /** Key of the carried state {@code h} in the state maps ({@code rnnGetPreviousState}, tBPTT state). */
    public static final String STATE_KEY_PREV_STATE = "prevH";

    private static final CellWeights.Keys KEYS = new CellWeights.Keys(GruParamInitializer.INPUT_WEIGHT_KEY,
            GruParamInitializer.RECURRENT_WEIGHT_KEY, GruParamInitializer.BIAS_KEY, GruParamInitializer.RECURRENT_BIAS_KEY);

    /** Start state of the current truncated-BPTT segment on ND4J operations (detached), to recompute it for backprop. */
    private INDArray tbpttSegmentStart;

    private final transient RecurrentDriver driver;

    public GruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        driver = new RecurrentDriver(host(), dataType, KEYS, List.of(STATE_KEY_PREV_STATE),
                () -> new GruKernel(layerConf().getNIn(), layerConf().getNOut()));
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (kernelAvailable()) {
            return driver.activate(training, workspaceMgr);
        }
        return forward(null, training, false, workspaceMgr).output();
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        if (kernelAvailable()) {
            return driver.rnnTimeStep(stateMap, workspaceMgr);
        }
        Forward f = forward(stateMap.get(STATE_KEY_PREV_STATE), false, false, workspaceMgr);
        stateMap.put(STATE_KEY_PREV_STATE, KernelBuffers.detached(f.lastState()));
        return f.output();
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        if (kernelAvailable()) {
            return driver.activateUsingStoredState(tBpttStateMap, training, storeLastForTBPTT, workspaceMgr);
        }
        INDArray start = tBpttStateMap.get(STATE_KEY_PREV_STATE);
        Forward f = forward(start, training, false, workspaceMgr);
        tbpttSegmentStart = start;
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_KEY_PREV_STATE, KernelBuffers.detached(f.lastState()));
        }
        return f.output();
    }

    @Override
    public void rnnClearPreviousState() {
        super.rnnClearPreviousState();
        tbpttSegmentStart = null;
        driver.clearState();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (kernelAvailable()) {
            return driver.backprop(epsilon, workspaceMgr);
        }
        return backprop(epsilon, null, 0, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
        if (kernelAvailable()) {
            return driver.tbpttBackprop(epsilon, tbpttBackLength, workspaceMgr);
        }
        return backprop(epsilon, tbpttSegmentStart, tbpttBackLength, workspaceMgr);
    }

    /**
     * Back-propagation through time on ND4J operations over the last {@code backLength} steps (all if
     * {@code <= 0}), after recomputing the forward pass from {@code initialState} (zero if null).
     */
    private Pair<Gradient, INDArray> backprop(INDArray epsilon, INDArray initialState, int backLength,
                                              LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        Forward f = forward(initialState, true, true, mgr);
        Cache c = f.cache();
        long steps = c.pre().size(0);
        long mb = c.pre().size(1);
        long h = layerConf().getNOut();
        long nIn = c.x().size(1);
        INDArray w = getParamWithNoise(GruParamInitializer.INPUT_WEIGHT_KEY, true, mgr);
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, true, mgr);
        IActivation gateFn = layerConf().getGateActivationFn();
        IActivation fn = layerConf().getActivationFn();
        INDArray maskTm = c.maskTm();
        ArrayType bp = ArrayType.BP_WORKING_MEM;

        // dL/d out as time-major [T, mb, H]; becomes the total gradient w.r.t. each carried state
        INDArray e = mgr.dup(bp, permuteIfNWC(epsilon.castTo(dataType)).permute(2, 0, 1), 'c');
        long end = backLength > 0 ? Math.max(0, steps - backLength) : 0;
        INDArray dRec = mgr.createUninitialized(bp, dataType, new long[] {steps, mb, 3 * h}, 'c');
        INDArray carry = mgr.create(bp, dataType, new long[] {mb, h}, 'c');
        INDArray next = mgr.createUninitialized(bp, dataType, new long[] {mb, h}, 'c');
        INDArray eN = mgr.createUninitialized(bp, dataType, new long[] {mb, h}, 'c');
        INDArray eRz = mgr.createUninitialized(bp, dataType, new long[] {mb, 2 * h}, 'c');
        INDArray cellGrad = maskTm == null ? null : mgr.createUninitialized(bp, dataType, new long[] {mb, h}, 'c');
        INDArray keep = maskTm == null ? null : maskTm.rsub(1.0);
        INDArray eR = eRz.get(all(), interval(0, h));
        INDArray eZ = eRz.get(all(), interval(h, 2 * h));

        for (long t = steps - 1; t >= end; t--) {
            INDArray hPrev = c.states().slice(t);
            INDArray preT = c.pre().slice(t);
            INDArray actT = c.act().slice(t);
            INDArray recT = c.rec().slice(t);
            INDArray dRecT = dRec.slice(t);
            INDArray r = actT.get(all(), interval(0, h));
            INDArray z = actT.get(all(), interval(h, 2 * h));
            INDArray n = actT.get(all(), interval(2 * h, 3 * h));

            INDArray total = e.slice(t);
            INDArray dh;
            if (maskTm == null) {
                dh = total.addi(carry);
            } else {
                INDArray m = maskTm.slice(t);
                total.muli(m).addi(carry);
                dh = cellGrad.assign(total).muli(m);
                total.muli(keep.slice(t)); // held state: straight to h_{t-1}
            }
            // h' = n + z (h - n)
            eZ.assign(hPrev).subi(n).muli(dh);
            eN.assign(z).rsubi(1.0).muli(dh);
            INDArray preN = backpropInPlace(fn, preT.get(all(), interval(2 * h, 3 * h)), eN);
            eR.assign(preN).muli(recT.get(all(), interval(2 * h, 3 * h)));
            INDArray preRz = backpropInPlace(gateFn, preT.get(all(), interval(0, 2 * h)), eRz);
            // preT now holds dL/d(input projection); dRecT gets dL/d(recurrent projection)
            dRecT.get(all(), interval(0, 2 * h)).assign(preRz);
            dRecT.get(all(), interval(2 * h, 3 * h)).assign(preN).muli(r);

            next.assign(dh).muli(z);
            Nd4j.gemm(dRecT, rw, next, false, true, 1.0, 1.0);
            if (maskTm != null) {
                next.addi(total);
            }
            INDArray swap = carry;
            carry = next;
            next = swap;
        }

        long rows = (steps - end) * mb;
        INDArray dG = c.pre().get(interval(end, steps), all(), all()).reshape('c', rows, 3 * h);
        INDArray dR = dRec.get(interval(end, steps), all(), all()).reshape('c', rows, 3 * h);
        INDArray x = c.x().get(interval(end * mb, steps * mb), all());
        INDArray hp = c.states().get(interval(end, steps), all(), all()).reshape('c', rows, h);

        INDArray wg = gradientViews.get(GruParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rwg = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bg = gradientViews.get(GruParamInitializer.BIAS_KEY);
        INDArray rbg = gradientViews.get(GruParamInitializer.RECURRENT_BIAS_KEY);
        Nd4j.gemm(x, dG, wg, true, false, 1.0, 0.0);
        Nd4j.gemm(hp, dR, rwg, true, false, 1.0, 0.0);
        INDArray ones = mgr.create(bp, dataType, new long[] {1, rows}, 'c').assign(1.0);
        Nd4j.gemm(ones, dG, bg, false, false, 1.0, 0.0); // column sums as products: faster than sum(0)
        Nd4j.gemm(ones, dR, rbg, false, false, 1.0, 0.0);

        INDArray dx = mgr.createUninitialized(bp, dataType, new long[] {rows, nIn}, 'c');
        Nd4j.gemm(dG, w, dx, false, true, 1.0, 0.0);
        INDArray epsOut = mgr.create(ArrayType.ACTIVATION_GRAD, dataType, new long[] {mb, nIn, steps}, 'f');
        epsOut.get(all(), all(), interval(end, steps)).assign(dx.reshape('c', steps - end, mb, nIn).permute(1, 2, 0));

        Gradient g = host().finishedGradient();
        // the dropout mask was drawn on the input in the layer's format (NWC or NCW)
        return new Pair<>(g, backpropDropOutIfPresent(permuteIfNWC(epsOut)));
    }

    /**
     * The forward pass from {@code initialState} (zero if null). With {@code forBackprop} every step's gate
     * pre-activations, activations and recurrent projections are kept (in BP working memory) for
     * {@link #backprop}; otherwise a single step's buffers are reused.
     */
    private Forward forward(INDArray initialState, boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
        assertInputSet(forBackprop);
        if (input.rank() != 3) { // messages built only on failure: layerId() makes a string
            throw new IllegalStateException("Gru layer " + layerId() + " expects 3d input [mb, nIn, T] (or NWC), got shape "
                    + java.util.Arrays.toString(input.shape()));
        }
        applyDropOutIfNecessary(training, mgr);
        INDArray in = permuteIfNWC(input.castTo(dataType));
        long mb = in.size(0);
        long nIn = in.size(1);
        long steps = in.size(2);
        long h = layerConf().getNOut();
        if (nIn != layerConf().getNIn()) {
            throw new IllegalStateException("Gru layer " + layerId() + " has nIn=" + layerConf().getNIn()
                    + " but got input of shape " + java.util.Arrays.toString(input.shape()) + " (" + getDataFormat() + ")");
        }
        INDArray w = getParamWithNoise(GruParamInitializer.INPUT_WEIGHT_KEY, training, mgr);
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, training, mgr);
        INDArray b = getParamWithNoise(GruParamInitializer.BIAS_KEY, training, mgr);
        INDArray rb = getParamWithNoise(GruParamInitializer.RECURRENT_BIAS_KEY, training, mgr);
        IActivation gateFn = layerConf().getGateActivationFn();
        IActivation fn = layerConf().getActivationFn();
        ArrayType work = forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.FF_WORKING_MEM;
        INDArray mask = maskArray == null ? null : maskArray.castTo(dataType);

        // input projection of all steps at once: pre = X W + b, time-major [T, mb, 3H]
        INDArray x = mgr.dup(work, in.permute(2, 0, 1), 'c').reshape('c', steps * mb, nIn);
        INDArray pre = mgr.createUninitialized(work, dataType, new long[] {steps, mb, 3 * h}, 'c');
        INDArray pre2d = pre.reshape('c', steps * mb, 3 * h);
        Nd4j.gemm(x, w, pre2d, false, false, 1.0, 0.0);
        pre2d.addiRowVector(b);

        // per-step constants prepared once, so the loop has no broadcast op: the recurrent bias as rows and the
        // mask time-major [T, mb, H]
        INDArray recBias = mgr.create(work, dataType, new long[] {mb, 3 * h}, 'c').addiRowVector(rb);
        INDArray maskTm = mask == null ? null : timeMajor(mask, h);

        long kept = forBackprop ? steps : 1;
        INDArray act = mgr.createUninitialized(work, dataType, new long[] {kept, mb, 3 * h}, 'c');
        INDArray rec = mgr.createUninitialized(work, dataType, new long[] {kept, mb, 3 * h}, 'c');
        INDArray states = mgr.createUninitialized(work, dataType, new long[] {steps + 1, mb, h}, 'c');
        if (initialState == null) {
            states.slice(0).assign(0);
        } else {
            Preconditions.checkState(initialState.size(0) == mb, "Gru layer %s: stored state has minibatch %s, input %s"
                    + " (call rnnClearPreviousState() between minibatches of different size)", layerId(), initialState.size(0), mb);
            states.slice(0).assign(initialState);
        }

        for (long t = 0; t < steps; t++) {
            long s = forBackprop ? t : 0;
            INDArray hPrev = states.slice(t);
            INDArray hNew = states.slice(t + 1);
            INDArray preT = pre.slice(t);
            INDArray actT = act.slice(s);
            INDArray recT = rec.slice(s);
            // recurrent projection of all three gates: rec = h W_h + b_h
            Nd4j.gemm(hPrev, rw, recT.assign(recBias), false, false, 1.0, 1.0);
            INDArray preRz = preT.get(all(), interval(0, 2 * h)).addi(recT.get(all(), interval(0, 2 * h)));
            activateInto(gateFn, preRz, actT.get(all(), interval(0, 2 * h)), training);
            INDArray r = actT.get(all(), interval(0, h));
            INDArray z = actT.get(all(), interval(h, 2 * h));
            INDArray n = actT.get(all(), interval(2 * h, 3 * h));
            INDArray preN = preT.get(all(), interval(2 * h, 3 * h));
            preN.addi(n.assign(recT.get(all(), interval(2 * h, 3 * h))).muli(r));
            activateInto(fn, preN, n, training);
            hNew.assign(hPrev).subi(n).muli(z).addi(n);
            if (maskTm != null) {
                hNew.subi(hPrev).muli(maskTm.slice(t)).addi(hPrev);
            }
        }

        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {mb, h, steps}, 'f');
        out.assign(states.get(interval(1, steps + 1), all(), all()).permute(1, 2, 0));
        if (mask != null) {
            Nd4j.getExecutioner().exec(new BroadcastMulOp(out, mask, out, 0, 2));
        }
        Cache cache = forBackprop ? new Cache(x, pre, act, rec, states, maskTm) : null;
        return new Forward(permuteIfNWC(out), states.slice(steps), cache);
    }

    /**
     * Whether {@link GruKernel} computes this layer here ({@link KernelSupport}): not for activations other than
     * tanh and sigmoid gates, which the ND4J operations honour (the same model on every backend).
     */
    @Override
    public boolean kernelAvailable() {
        return KernelSupport.decide(layerConf(), dataType).kernel();
    }

    @Override
    public RecurrentDriver driver() {
        return driver;
    }

    /** This layer and its protected DL4J machinery, for the driver. */
    private KernelHost host() {
        return new KernelHost(this, this::applyDropOutIfNecessary, this::getParamWithNoise, () -> gradientViews,
                () -> gradientsFlattened, () -> weightNoiseParams, this::backpropDropOutIfPresent);
    }

    /** The mask [mb, T] broadcast to time-major [T, mb, h]. */
    private static INDArray timeMajor(INDArray mask, long h) {
        long mb = mask.size(0);
        long steps = mask.size(1);
        return mask.transpose().dup('c').reshape('c', steps, mb, 1).broadcast(steps, mb, h);
    }

    /** {@code target = fn(source)}, leaving {@code source} as it is. */
    private static void activateInto(IActivation fn, INDArray source, INDArray target, boolean training) {
        target.assign(source);
        INDArray result = fn.getActivation(target, training);
        if (result != target) {
            target.assign(result);
        }
    }

    /** Replaces {@code preActivation} by dL/d(preActivation) given dL/d(activation); returns it. */
    private static INDArray backpropInPlace(IActivation fn, INDArray preActivation, INDArray epsilon) {
        INDArray grad = fn.backprop(preActivation, epsilon).getFirst();
        if (grad != preActivation) {
            preActivation.assign(grad);
        }
        return preActivation;
    }

    /** Output of a forward pass, its last carried state, and (for backprop) the stored intermediates. */
    private record Forward(INDArray output, INDArray lastState, Cache cache) {
    }

    /**
     * Intermediates of a forward pass, time-major: {@code x} [T·mb, nIn]; {@code pre} [T, mb, 3H] the gate
     * pre-activations (r, z: input + recurrent; n: input + r ⊙ recurrent); {@code act} the gate values
     * r, z, n; {@code rec} [T, mb, 3H] the recurrent projections {@code h W_h + b_h}; {@code states}
     * [T+1, mb, H] the carried states from the initial one; {@code maskTm} the mask as [T, mb, H], or null.
     */
    private record Cache(INDArray x, INDArray pre, INDArray act, INDArray rec, INDArray states, INDArray maskTm) {
    }
}
