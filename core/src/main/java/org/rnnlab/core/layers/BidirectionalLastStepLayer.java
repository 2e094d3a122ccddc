package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import java.util.Arrays;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of a {@link BidirectionalLastStep} head. Input {@code x [mb, 2H, T]} (NCW, forward channels first)
 * and the feature mask {@code [mb, T]} (or none: every step valid). For example {@code b} with valid steps
 * {@code first_b .. last_b} (right padding: {@code first_b = 0}, {@code last_b = L_b - 1}):
 * <pre>
 *   f_b = x[b, 0:H, last_b]     (the forward direction's final state)
 *   k_b = x[b, H:2H, first_b]   (the backward direction's final state)
 *   y_b = [f_b ; k_b] | f_b + k_b | (f_b + k_b) / 2 | f_b ⊙ k_b      (CONCAT | ADD | AVERAGE | MUL)
 * </pre>
 * The backward pass puts dL/df_b and dL/dk_b into a zero {@code [mb, 2H, T]} at those two positions (for ADD both
 * get dL/dy_b, for AVERAGE half of it, for MUL {@code dL/dy_b ⊙ k_b} and {@code dL/dy_b ⊙ f_b}); every other step gets
 * no gradient. An example with no valid step gives zeros and gets no gradient. In single precision, directly above
 * rnnlab's bidirectional layer in a {@code MultiLayerNetwork}, those positions go to that layer as rows instead and the
 * array returned is left unfilled ({@link #backpropFloats}).
 */
public class BidirectionalLastStepLayer extends AbstractLayer<BidirectionalLastStep> {

    /**
     * Whether this layer runs inside a {@code ComputationGraph} (found from the caller's stack at the first backward
     * pass): there a layer's output may feed several vertices, whose gradients DL4J adds into the first one returned,
     * so the unfilled array of the last-step route would be summed with; the route is then not taken.
     */
    private Boolean inGraph;

    public BidirectionalLastStepLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = in();
        ValidSteps steps = ValidSteps.of(maskArray, x.size(0), x.size(2));
        long h = layerConf().getHidden();
        long mb = x.size(0);
        if (inHostFloats(x)) {
            return activateFloats(x, steps, workspaceMgr);
        }
        INDArray f = finalStates(x, steps, true);
        INDArray k = finalStates(x, steps, false);
        if (layerConf().getMerge() == Bidirectional.Mode.CONCAT) {
            INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, new long[] {mb, 2 * h}, 'c');
            out.get(all(), interval(0, h)).assign(f);
            out.get(all(), interval(h, 2 * h)).assign(k);
            return out;
        }
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, new long[] {mb, h}, 'c');
        switch (layerConf().getMerge()) {
            case ADD -> out.assign(f.addi(k));
            case AVERAGE -> out.assign(f.addi(k).muli(0.5));
            case MUL -> out.assign(f.muli(k));
            default -> throw new IllegalStateException("unknown merge mode " + layerConf().getMerge());
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = in();
        long mb = x.size(0);
        long h = layerConf().getHidden();
        ValidSteps steps = ValidSteps.of(maskArray, mb, x.size(2));
        INDArray eps = epsilon.castTo(dataType);
        if (inHostFloats(x) && eps.dataType() == DataType.FLOAT && eps.rank() == 2) {
            return new Pair<>(new DefaultGradient(), backpropFloats(x, eps, steps, workspaceMgr));
        }
        INDArray gF;
        INDArray gB;
        switch (layerConf().getMerge()) {
            case CONCAT -> {
                gF = eps.get(all(), interval(0, h));
                gB = eps.get(all(), interval(h, 2 * h));
            }
            case ADD -> {
                gF = eps;
                gB = eps;
            }
            case AVERAGE -> {
                gF = eps.mul(0.5);
                gB = gF;
            }
            case MUL -> {
                gF = eps.mul(finalStates(x, steps, false));
                gB = eps.mul(finalStates(x, steps, true));
            }
            default -> throw new IllegalStateException("unknown merge mode " + layerConf().getMerge());
        }
        INDArray epsIn = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        for (int b = 0; b < mb; b++) {
            if (steps.valid(b)) {
                epsIn.get(point(b), interval(0, h), point(steps.last[b])).assign(gF.getRow(b));
                epsIn.get(point(b), interval(h, 2 * h), point(steps.first[b])).assign(gB.getRow(b));
            }
        }
        return new Pair<>(new DefaultGradient(), epsIn);
    }

    /**
     * Whether the FLOAT route applies: single precision in host memory (the CPU backend), each step's channels contiguous
     * (the kernels' time-major output; other layouts, e.g. DL4J's own bidirectional layer's, keep the views). It
     * reads the final states straight from the input's memory and writes the input gradient's two steps per example
     * into a time-major array, where DL4J's views cost two operations per example (17% of a BiLSTM minibatch at 64
     * examples, async-profiler); DOUBLE (the gradient checks) keeps the views.
     */
    private static boolean inHostFloats(INDArray x) {
        return x.dataType() == DataType.FLOAT && Nd4j.getEnvironment().isCPU() && x.stride(0) >= 0 && (x.stride(1) == 1 || x.size(1) == 1)
                && x.stride(2) >= 0 && x.length() > 0;
    }

    /** Passes (forward or backward) through the single-precision route in this process (tests check the route). */
    private static final java.util.concurrent.atomic.AtomicLong FLOAT_PASSES = new java.util.concurrent.atomic.AtomicLong();

    /** How many passes took the single-precision route in this process. */
    public static long floatPasses() {
        return FLOAT_PASSES.get();
    }

    /** {@code f}, {@code k} rows ({@code [mb·H]} each, zero for an example without a valid step) from {@code x}. */
    private static void readStates(INDArray x, ValidSteps steps, int h, float[] f, float[] k) {
        int mb = (int) x.size(0);
        long s0 = x.stride(0);
        long s1 = x.stride(1);
        long s2 = x.stride(2);
        HostArray.F32 memory = (HostArray.F32) HostArray.spanning(x);
        FLOAT_PASSES.incrementAndGet();
        for (int b = 0; b < mb; b++) {
            if (!steps.valid(b)) {
                Arrays.fill(f, b * h, (b + 1) * h, 0f);
                Arrays.fill(k, b * h, (b + 1) * h, 0f);
                continue;
            }
            long atF = b * s0 + steps.last[b] * s2;
            long atK = b * s0 + h * s1 + steps.first[b] * s2;
            memory.read(atF, f, b * h, h); // the channels of a step are contiguous (inHostFloats)
            memory.read(atK, k, b * h, h);
        }
    }

    private INDArray activateFloats(INDArray x, ValidSteps steps, LayerWorkspaceMgr workspaceMgr) {
        int h = (int) layerConf().getHidden();
        int mb = (int) x.size(0);
        float[] f = new float[mb * h];
        float[] k = new float[mb * h];
        readStates(x, steps, h, f, k);
        Bidirectional.Mode merge = layerConf().getMerge();
        int width = merge == Bidirectional.Mode.CONCAT ? 2 * h : h;
        float[] y = new float[mb * width];
        for (int b = 0; b < mb; b++) {
            for (int c = 0; c < h; c++) {
                float fv = f[b * h + c];
                float kv = k[b * h + c];
                switch (merge) {
                    case CONCAT -> {
                        y[b * width + c] = fv;
                        y[b * width + h + c] = kv;
                    }
                    case ADD -> y[b * width + c] = fv + kv;
                    case AVERAGE -> y[b * width + c] = (fv + kv) * 0.5f;
                    case MUL -> y[b * width + c] = fv * kv;
                    default -> throw new IllegalStateException("unknown merge mode " + merge);
                }
            }
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {mb, width}, 'c');
        ((HostArray.F32) HostArray.of(out)).write(0, y, 0, y.length);
        return out;
    }

    /**
     * The input gradient: zero but at each example's two final steps, written into a time-major array ({@code [T, mb, 2H]}
     * in memory, an NCW view), where each example's two rows are contiguous and the recurrent layer below reads its
     * own layout. Where that layer is rnnlab's bidirectional layer whose output this head read, the one just below it in
     * a {@code MultiLayerNetwork} ({@link KernelBidirectionalLayer#producerOf}), the two rows per example go to it
     * directly and the returned array is left unfilled: its backward pass reads the rows alone (a fill of zeros of {@code T·mb·2H} values and each direction's
     * copy of its half were 4-8% of a BiLSTM minibatch at the default shape, async-profiler).
     */
    private INDArray backpropFloats(INDArray x, INDArray eps, ValidSteps steps, LayerWorkspaceMgr workspaceMgr) {
        int h = (int) layerConf().getHidden();
        int mb = (int) x.size(0);
        int t = (int) x.size(2);
        Bidirectional.Mode merge = layerConf().getMerge();
        int width = merge == Bidirectional.Mode.CONCAT ? 2 * h : h;
        float[] g = new float[mb * width];
        ((HostArray.F32) HostArray.of(SoftmaxOutputLayer.rowMajor(eps, width))).read(0, g, 0, g.length);
        float[] f = null;
        float[] k = null;
        if (merge == Bidirectional.Mode.MUL) {
            f = new float[mb * h];
            k = new float[mb * h];
            readStates(x, steps, h, f, k);
        }
        FLOAT_PASSES.incrementAndGet();
        float[] gF = new float[mb * h]; // zero rows (at step 0) for an example without a valid step
        float[] gB = new float[mb * h];
        int[] last = new int[mb];
        int[] first = new int[mb];
        for (int b = 0; b < mb; b++) {
            if (!steps.valid(b)) {
                continue;
            }
            last[b] = (int) steps.last[b];
            first[b] = (int) steps.first[b];
            for (int c = 0; c < h; c++) {
                int at = b * h + c;
                switch (merge) {
                    case CONCAT -> {
                        gF[at] = g[b * width + c];
                        gB[at] = g[b * width + h + c];
                    }
                    case ADD -> {
                        gF[at] = g[b * width + c];
                        gB[at] = gF[at];
                    }
                    case AVERAGE -> {
                        gF[at] = g[b * width + c] * 0.5f;
                        gB[at] = gF[at];
                    }
                    case MUL -> {
                        gF[at] = g[b * width + c] * k[at];
                        gB[at] = g[b * width + c] * f[at];
                    }
                    default -> throw new IllegalStateException("unknown merge mode " + merge);
                }
            }
        }
        if (inGraph == null) {
            inGraph = StackWalker.getInstance().walk(frames -> frames.anyMatch(
                    frame -> frame.getClassName().startsWith("org.deeplearning4j.nn.graph.")));
        }
        KernelBidirectionalLayer producer = x == input && !inGraph ? KernelBidirectionalLayer.producerOf(x, getIndex()) : null;
        if (producer != null) {
            INDArray unfilled = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                    new long[] {t, mb, 2L * h}, 'c').permute(1, 2, 0);
            producer.takeLastStepGradient(unfilled, gF, last, gB, first);
            return unfilled;
        }
        INDArray timeMajor = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, new long[] {t, mb, 2L * h}, 'c');
        HostArray.F32 memory = (HostArray.F32) HostArray.of(timeMajor);
        for (int b = 0; b < mb; b++) {
            if (steps.valid(b)) {
                memory.write(((long) last[b] * mb + b) * 2L * h, gF, b * h, h);
                memory.write(((long) first[b] * mb + b) * 2L * h + h, gB, b * h, h);
            }
        }
        return timeMajor.permute(1, 2, 0);
    }

    /** Keeps the feature mask for picking the steps and passes none on: the time axis ends here. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = null;
        return null;
    }

    /** Each example's forward ({@code forward = true}) or backward final state, {@code [mb, H]} (zeros if no valid step). */
    private INDArray finalStates(INDArray x, ValidSteps steps, boolean forward) {
        long mb = x.size(0);
        INDArray states = Nd4j.zeros(dataType, mb, layerConf().getHidden());
        for (int b = 0; b < mb; b++) {
            if (steps.valid(b)) {
                states.getRow(b).assign(forward ? forwardState(x, b, steps) : backwardState(x, b, steps));
            }
        }
        return states;
    }

    private INDArray forwardState(INDArray x, int b, ValidSteps steps) {
        return x.get(point(b), interval(0, layerConf().getHidden()), point(steps.last[b]));
    }

    private INDArray backwardState(INDArray x, int b, ValidSteps steps) {
        long h = layerConf().getHidden();
        return x.get(point(b), interval(h, 2 * h), point(steps.first[b]));
    }

    /** The input in the layer's data type, checked to be {@code [mb, 2H, T]}. */
    private INDArray in() {
        INDArray x = input.castTo(dataType);
        if (x.rank() != 3 || x.size(1) != 2 * layerConf().getHidden()) { // the message built only then (layerId() every pass cost 0.7% of a BiLSTM minibatch)
            throw new IllegalStateException("BidirectionalLastStep layer " + layerId() + " expects input [mb, 2H = "
                    + 2 * layerConf().getHidden() + ", T] (NCW), got shape " + Arrays.toString(x.shape()));
        }
        return x;
    }

    /**
     * Each example's first and last valid step: where its mask is not 0 ({@code -1} for an example with none), or
     * {@code 0} and {@code T - 1} without a mask.
     */
    record ValidSteps(long[] first, long[] last) {

        static ValidSteps of(INDArray mask, long mb, long steps) {
            long[] first = new long[(int) mb];
            long[] last = new long[(int) mb];
            if (mask == null) {
                Arrays.fill(last, steps - 1);
                return new ValidSteps(first, last);
            }
            Preconditions.checkState(mask.length() == mb * steps,
                    "BidirectionalLastStep: mask of shape %s for %s sequences of %s steps (expected [mb, T])", mask.shape(), mb, steps);
            double[][] m = mask.castTo(DataType.DOUBLE).reshape('c', mb, steps).toDoubleMatrix();
            for (int b = 0; b < mb; b++) {
                first[b] = -1;
                last[b] = -1;
                for (int t = 0; t < steps; t++) {
                    if (m[b][t] != 0) {
                        last[b] = t;
                        if (first[b] < 0) {
                            first[b] = t;
                        }
                    }
                }
            }
            return new ValidSteps(first, last);
        }

        boolean valid(int b) {
            return last[b] >= 0;
        }
    }
}
