package org.rnnlab.core.layers;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a {@link RecurrentKernel} as a DL4J recurrent layer, once for every cell: what {@link LstmLayer},
 * {@link RnnLayer} and {@link GruLayer} delegate to (they differ only in their kernel, parameter keys and
 * state keys). It checks the input, applies input dropout and weight noise, converts between the layer's data
 * format (NCW or NWC) and the kernel's NCW, carries the state of {@code rnnTimeStep} and truncated BPTT, keeps a
 * training forward pass for the backward pass that follows (recomputing it when the input, mask or direction
 * differ) and hands DL4J the gradients and dL/d(input). It also runs one direction of a
 * {@link KernelBidirectionalLayer} ({@link KernelDirection}).
 *
 * <p>Truncated BPTT: a segment starts from the state the previous one ended with ({@code tbpttState}) and its
 * backward pass covers its last {@code tbpttBackLength} steps; gradients do not flow into earlier segments.
 */
final class RecurrentDriver {

    private final KernelHost host;
    private final Layer layer;
    private final DataType dataType;
    private final CellWeights.Keys keys;
    private final List<String> stateKeys;
    private final Supplier<RecurrentKernel> newKernel;
    private final KernelPasses passes = new KernelPasses();
    private RecurrentKernel kernel;
    /** Start state of the current truncated-BPTT segment (detached). */
    private INDArray[] tbpttSegmentStart;

    /**
     * @param host      the layer computed, with its protected DL4J machinery
     * @param dataType  the network's data type (FLOAT or DOUBLE)
     * @param keys      the layer's parameter keys
     * @param stateKeys the keys of the carried state arrays in DL4J's state maps, in the kernel's
     *                  {@link RecurrentKernel#lastState} order
     * @param newKernel makes the kernel (on first use, and one more for each part of a minibatch split across
     *                  threads: {@link BatchSplitKernel})
     */
    RecurrentDriver(KernelHost host, DataType dataType, CellWeights.Keys keys, List<String> stateKeys,
                    Supplier<RecurrentKernel> newKernel) {
        this.host = host;
        this.layer = host.layer();
        this.dataType = dataType;
        this.keys = keys;
        this.stateKeys = List.copyOf(stateKeys);
        this.newKernel = newKernel;
    }

    /** The layer's output for its input, from a zero state; in training kept for backprop. */
    INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        return forward(null, training, training, mgr);
    }

    /** {@code rnnTimeStep}: the output from the state in {@code stateMap}, whose state then moves to the last step. */
    INDArray rnnTimeStep(Map<String, INDArray> stateMap, LayerWorkspaceMgr mgr) {
        INDArray out = forward(stored(stateMap), false, false, mgr);
        store(stateMap);
        return out;
    }

    /** A truncated-BPTT segment from the state in {@code tbpttState}; with {@code storeLast} its last state is kept there. */
    INDArray activateUsingStoredState(Map<String, INDArray> tbpttState, boolean training, boolean storeLast,
                                      LayerWorkspaceMgr mgr) {
        INDArray[] start = stored(tbpttState);
        INDArray out = forward(start, training, training, mgr);
        tbpttSegmentStart = start;
        if (storeLast) {
            store(tbpttState);
        }
        return out;
    }

    /** Forgets the truncated-BPTT segment start (with DL4J's {@code rnnClearPreviousState}). */
    void clearState() {
        tbpttSegmentStart = null;
    }

    /** Back-propagation of {@code epsilon} (the layer's format) through all steps. */
    Pair<Gradient, INDArray> backprop(INDArray epsilon, LayerWorkspaceMgr mgr) {
        return backprop(view(toNcw(epsilon)), null, 0, false, null, false, mgr);
    }

    /**
     * Back-propagation through all steps of an output gradient that is zero but at one step per example
     * ({@link KernelLastTimeStepLayer}): {@code last} ({@code [mb, H]}) is example {@code e}'s gradient at step
     * {@code steps[e]}; the same as {@link #backprop} of the full {@code [mb, H, T]} array, without building or reading it.
     */
    Pair<Gradient, INDArray> backpropLastSteps(INDArray last, int[] steps, LayerWorkspaceMgr mgr) {
        requireInput(true);
        return backprop(SequenceView.lastSteps(last.castTo(dataType), steps, (int) layer.input().size(2)), null, 0, false,
                null, false, mgr);
    }

    /**
     * The layer's output at one step per example, {@code [mb, H]} in the activations workspace: example {@code e}'s
     * at step {@code steps[e]} ({@link KernelLastTimeStepLayer}'s forward pass). The same pass as {@link #activate}
     * (kept for back-propagation in training), without writing the other steps' outputs into an array of their own.
     */
    INDArray activateLastSteps(boolean training, int[] steps, LayerWorkspaceMgr mgr) {
        run(null, training, training, false, null, mgr);
        INDArray in = toNcw(layer.input());
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {in.size(0), conf().getNOut()}, 'c');
        kernel().writeOutput(SequenceView.lastStepOutputs(out, steps, (int) in.size(2)), false);
        return out;
    }

    /** Whether the layer's data format is NCW (what {@link #backpropLastSteps} takes the step count from). */
    boolean readsNcw() {
        return conf().getRnnDataFormat() != RNNFormat.NWC;
    }

    /** Back-propagation of {@code epsilon} through the last {@code backLength} steps of the current segment. */
    Pair<Gradient, INDArray> tbpttBackprop(INDArray epsilon, int backLength, LayerWorkspaceMgr mgr) {
        return backprop(view(toNcw(epsilon)), tbpttSegmentStart, backLength, false, null, false, mgr);
    }

    /** The kernels' view of an NCW gradient, in the layer's data type. */
    private SequenceView view(INDArray ncw) {
        return SequenceView.of(ncw.castTo(dataType));
    }

    /**
     * Runs the layer over its input and mask, from the last step back to the first if {@code reversed};
     * in training the pass is kept for {@link #backwardPass} (one direction of a {@link KernelBidirectionalLayer}).
     * Outside training the kernel may write the outputs straight into {@code outputRows} ({@code [T·mb, H]} rows
     * of one stride, unit column stride, in the input array's own time order; null for none) and returns true; else
     * {@link #writeOutput} gives them.
     */
    boolean forwardPass(boolean training, boolean reversed, INDArray outputRows, LayerWorkspaceMgr mgr) {
        return run(null, training, training, reversed, training ? null : outputRows, mgr);
    }

    /**
     * Writes (or with {@code accumulate} adds) the outputs of the last forward pass into {@code target}
     * ({@code [mb, H, T]}, any strides), in the input's time order.
     */
    void writeOutput(INDArray target, boolean reversed, boolean accumulate) {
        kernel().writeOutput(SequenceView.of(target).reversedIf(reversed), accumulate);
    }

    /**
     * Back-propagates {@code epsilon} (the kernels' view of an output gradient {@code [mb, H, T]} in the input's time
     * order: {@link #gradientView} of an array, or one that is zero but at one step per example, {@link
     * SequenceView#lastSteps(float[], int, int[], int)}) through the pass kept by {@link #forwardPass} with the same
     * {@code reversed}, fills the layer's gradient views and writes (or with {@code accumulate} adds) dL/d(input) into
     * {@code epsOut} ({@code [mb, nIn, T]}).
     */
    Gradient backwardPass(SequenceView epsilon, boolean reversed, INDArray epsOut, boolean accumulate, LayerWorkspaceMgr mgr) {
        return backprop(epsilon, null, 0, reversed, epsOut, accumulate, mgr).getFirst();
    }

    /** The kernels' view of an output gradient {@code [mb, H, T]} (NCW), in the layer's data type. */
    SequenceView gradientView(INDArray ncw) {
        return view(ncw);
    }

    /**
     * Back-propagation through the last {@code backLength} steps (all if {@code <= 0}) of the kept forward
     * pass (recomputed from {@code initialState} if there is none for this input, mask and direction).
     * {@code epsilon} is the kernels' view of the NCW output gradient; the input gradient goes into {@code target} (NCW, written or with
     * {@code accumulate} added) or, if it is null, into a new array, returned in the layer's format.
     */
    private Pair<Gradient, INDArray> backprop(SequenceView epsilon, INDArray[] initialState, int backLength, boolean reversed,
                                              INDArray target, boolean accumulate, LayerWorkspaceMgr mgr) {
        requireInput(true);
        RecurrentKernel k = kernel();
        if (!passes.reusable(k.backpropReady(), layer.input(), layer.getMaskArray(), reversed)) {
            run(initialState, true, true, reversed, null, mgr);
        }
        INDArray in = toNcw(layer.input());
        long mb = in.size(0);
        long steps = in.size(2);
        BaseRecurrentLayer conf = conf();
        boolean direct = KernelPasses.direct(target, accumulate, conf.getIDropout() != null);
        INDArray epsOut = direct ? target
                : SequenceView.createTimeMajor(mgr, ArrayType.ACTIVATION_GRAD, dataType, mb, conf.getNIn(), steps);
        long first = backLength > 0 ? Math.max(0, steps - backLength) : 0;
        CellWeights weights = CellWeights.of(keys, key -> host.paramWithNoise().get(key, true, mgr));
        CellWeights gradients = CellWeights.of(keys, host.gradientViews().get()::get);
        k.backward(epsilon.reversedIf(reversed), first, weights, gradients,
                SequenceView.of(epsOut).reversedIf(reversed), direct && accumulate);
        passes.consumed();
        Gradient g = host.finishedGradient();
        return new Pair<>(g, KernelPasses.finishInputGradient(epsOut, target, direct, host.dropoutBackprop(),
                this::toLayerFormat));
    }

    /**
     * Runs the kernel (see {@link #run}) and returns the output, in the layer's format, in the activations workspace.
     * Without back-propagation to follow, the output array is made first and handed to the kernel, which may write
     * into it directly (oneDNN's LSTM does: one copy of {@code [T, mb, H]} less per pass).
     */
    private INDArray forward(INDArray[] initialState, boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
        INDArray input = layer.input();
        if (forBackprop || input == null || input.rank() != 3) { // run() says what is wrong with the input
            run(initialState, training, forBackprop, false, null, mgr);
            return writtenOutput(mgr);
        }
        INDArray in = toNcw(input);
        long mb = in.size(0);
        long steps = in.size(2);
        long h = conf().getNOut();
        INDArray timeMajor = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {steps, mb, h}, 'c');
        if (!run(initialState, training, false, false, timeMajor.reshape('c', steps * mb, h), mgr)) {
            writeOutput(timeMajor.permute(1, 2, 0), false, false);
        }
        return toLayerFormat(timeMajor.permute(1, 2, 0));
    }

    /** A new array of the last pass's outputs, in the layer's format, in the activations workspace. */
    private INDArray writtenOutput(LayerWorkspaceMgr mgr) {
        INDArray in = toNcw(layer.input());
        INDArray out = SequenceView.createTimeMajor(mgr, ArrayType.ACTIVATIONS, dataType, in.size(0), conf().getNOut(), in.size(2));
        writeOutput(out, false, false);
        return toLayerFormat(out);
    }

    /**
     * Runs the kernel over the input (time reversed if {@code reversed}) from {@code initialState} (zero if
     * null); with {@code forBackprop} the kernel keeps its intermediates. Returns whether the kernel wrote the outputs
     * into {@code outputRows} ({@link RecurrentKernel#forward}; null for none).
     */
    private boolean run(INDArray[] initialState, boolean training, boolean forBackprop, boolean reversed, INDArray outputRows,
                        LayerWorkspaceMgr mgr) {
        requireInput(forBackprop);
        if (layer.input().rank() != 3) {
            throw new IllegalStateException(String.format("%s layer %s expects 3d input [mb, nIn, T] (or NWC), got shape %s",
                    cellName(), id(), java.util.Arrays.toString(layer.input().shape())));
        }
        host.applyDropout().accept(training, mgr);
        INDArray in = toNcw(layer.input()).castTo(dataType);
        long mb = in.size(0);
        if (in.size(1) != conf().getNIn()) { // the messages are built only when they are thrown (id() is a string per call)
            throw new IllegalStateException(String.format("%s layer %s has nIn=%s but got input of shape %s (%s)",
                    cellName(), id(), conf().getNIn(), java.util.Arrays.toString(layer.input().shape()), conf().getRnnDataFormat()));
        }
        if (initialState != null && initialState[0].size(0) != mb) {
            throw new IllegalStateException(String.format("%s layer %s: stored state has minibatch %s, input %s"
                    + " (call rnnClearPreviousState() between minibatches of different size)", cellName(), id(), initialState[0].size(0), mb));
        }
        CellWeights weights = CellWeights.of(keys, key -> host.paramWithNoise().get(key, training, mgr));
        INDArray maskArray = layer.getMaskArray();
        SequenceView mask = maskArray == null ? null : SequenceView.ofMask(maskArray.castTo(dataType)).reversedIf(reversed);
        boolean written = kernel().forward(SequenceView.of(in).reversedIf(reversed), mask, initialState, weights, forBackprop,
                outputRows);
        passes.ran(forBackprop, layer.input(), maskArray, reversed);
        return written;
    }

    /** The state stored under the state keys, or null if any is missing. */
    private INDArray[] stored(Map<String, INDArray> map) {
        INDArray[] state = new INDArray[stateKeys.size()];
        for (int i = 0; i < state.length; i++) {
            state[i] = map.get(stateKeys.get(i));
            if (state[i] == null) {
                return null;
            }
        }
        return state;
    }

    /** Stores the kernel's last state under the state keys. */
    private void store(Map<String, INDArray> map) {
        INDArray[] last = kernel().lastState();
        for (int i = 0; i < last.length; i++) {
            map.put(stateKeys.get(i), last[i]);
        }
    }

    private RecurrentKernel kernel() {
        if (kernel == null) {
            kernel = new BatchSplitKernel(newKernel);
        }
        return kernel;
    }

    private BaseRecurrentLayer conf() {
        return (BaseRecurrentLayer) layer.conf().getLayer();
    }

    /** DL4J's check that the input is set, with its words. */
    private void requireInput(boolean backprop) {
        if (layer.input() == null) {
            throw new IllegalStateException("Cannot perform " + (backprop ? "backprop" : "forward pass") + " in layer "
                    + layer.getClass().getSimpleName() + ": layer input field is not set");
        }
    }

    /** The layer's cell class, as the messages name it. */
    private String cellName() {
        return layer.conf().getLayer().getClass().getSimpleName();
    }

    /** The layer's name, index and type, as DL4J names a layer in messages. */
    private String id() {
        String name = layer.conf().getLayer().getLayerName();
        return "(layer name: " + (name == null ? "\"\"" : name) + ", layer index: " + layer.getIndex() + ", layer type: "
                + layer.getClass().getSimpleName() + ")";
    }

    /** An array in the layer's format as NCW (a view). */
    private INDArray toNcw(INDArray array) {
        return toLayerFormat(array);
    }

    /** An NCW array in the layer's format (a view); the permutation is its own inverse. */
    private INDArray toLayerFormat(INDArray array) {
        return array != null && conf().getRnnDataFormat() == RNNFormat.NWC ? array.permute(0, 2, 1) : array;
    }
}
