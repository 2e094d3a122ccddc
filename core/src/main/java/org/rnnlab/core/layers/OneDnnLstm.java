package org.rnnlab.core.layers;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST_ITER_C;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC_ITER_C;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST_ITER_C;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_ITER_C;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.global.dnnl.rnn_direction;
import org.bytedeco.dnnl.global.dnnl.scratchpad_mode;
import org.bytedeco.dnnl.lstm_backward;
import org.bytedeco.dnnl.lstm_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An LSTM's pass (no mask or a right-padded one, single precision, one layer, one direction) through oneDNN's LSTM
 * primitive: {@code lstm_forward} ({@code forward_inference}, or {@code forward_training}, which keeps the gates in a
 * workspace) and, after a training pass, {@code lstm_backward}, which computes the input and parameter gradients of
 * the whole sequence in one call. This is what {@link CellKernel} runs instead of its own steps when {@link
 * OneDnn#appliesToLstm} says so. The equations are the same as rnnlab's and DL4J's LSTM without peepholes
 * (Hochreiter and Schmidhuber 1997; Gers et al. 2000):
 * <pre>
 *   i = σ(x W_i + h_{t-1} R_i + b_i)   f = σ(x W_f + h_{t-1} R_f + b_f)   o = σ(x W_o + h_{t-1} R_o + b_o)
 *   g = tanh(x W_g + h_{t-1} R_g + b_g)   c_t = f ∘ c_{t-1} + i ∘ g   h_t = o ∘ tanh(c_t)
 * </pre>
 * and the backward pass is their back-propagation through time (Werbos 1990), the same sums as {@link LstmMath}'s.
 * Only the gates' order differs: DL4J's parameter blocks are {@code [g, f, o, i]}, oneDNN's {@code [i, f, g, o]}
 * ({@code ldigo}: layer, direction, input, gate, output), so the weights are copied block by block into oneDNN's
 * order, then reordered into the layout oneDNN chooses for its GEMM ({@code format_tag::any}); the gradients come
 * back the same way, reversed. The reorder is skipped while the parameters stay the same (compared element by
 * element), as in serving and evaluation.
 *
 * <p>Everything is time-major, as in {@link CellKernel}: the input {@code [T·mb, nIn]} ({@code tnc}), the
 * outputs {@code [T·mb, H]} (rows of one stride: H, or 2H when a bidirectional layer's direction writes its half of
 * the concatenation in place), the states {@code [mb, H]} ({@code ldnc} with one layer and direction). A
 * bidirectional layer runs two of these, one per direction ({@link KernelDirection}). The primitive is made for a
 * shape (minibatch, steps, with or without an initial state, training or not) and kept until the shape changes. Not
 * thread-safe: one per kernel instance.
 */
final class OneDnnLstm {

    private static final memory.data_type F32 = memory.data_type.f32;
    private static final org.nd4j.linalg.api.buffer.DataType F32_TYPE = org.nd4j.linalg.api.buffer.DataType.FLOAT;
    /** oneDNN gate k ({@code i, f, g, o}) is DL4J's parameter block {@code DL4J_BLOCK[k]} ({@code g, f, o, i}). */
    private static final int[] DL4J_BLOCK = {3, 1, 0, 2};
    /** Passes run through oneDNN in this process (tests check which route a pass took). */
    private static final AtomicLong PASSES = new AtomicLong();
    /** Of those, the passes run right to left. */
    private static final AtomicLong RIGHT_TO_LEFT = new AtomicLong();
    /** Outputs copied by {@link #scatter} after a pass (none where the pass wrote them in place). */
    private static final AtomicLong SCATTERS = new AtomicLong();
    /** Output gradients copied into time-major order by a oneDNN reorder ({@link #gatherGradient}). */
    private static final AtomicLong GRADIENT_GATHERS = new AtomicLong();
    /** Backward passes run through oneDNN in this process. */
    private static final AtomicLong BACKWARD_PASSES = new AtomicLong();

    private final int nIn;
    private final int h;
    private final engine eng;
    private final stream strm;

    // the primitive for the current shape
    private int mb = -1;
    private int steps = -1;
    private long outRowStride = -1; // of the outputs' rows: H, or 2H for a half of a bidirectional concatenation
    private boolean withState;
    private boolean rightToLeft;
    private boolean training;
    private lstm_forward.primitive_desc forwardDesc;
    private lstm_forward primitive;
    private IntMemoryMap args;
    private memory workspace;
    private memory src;
    private memory dst;
    private memory srcIter;
    private memory srcIterC;
    private memory dstIter;
    private memory dstIterC;
    private memory weightsLayer;   // oneDNN's layout
    private memory weightsIter;    // oneDNN's layout
    private memory bias;
    private memory userLayer;      // ldigo, over userLayerData
    private memory userIter;       // ldigo, over userIterData
    private FloatPointer userLayerData;
    private FloatPointer userIterData;
    private FloatPointer biasData;
    private Step reorderLayer;
    private Step reorderIter;
    // the copies between strided views and time-major rows, each kept for its strides until the shape changes: the input
    // into rows, the output gradient into rows (a half of a bidirectional layer's), the outputs into a strided target
    private final StridedCopy gatherCopy = new StridedCopy(true);
    private final StridedCopy gradientCopy = new StridedCopy(true);
    private final StridedCopy scatterCopy = new StridedCopy(false);
    // the parameters the reordered weights hold ([W, R, b] as they lie in memory), to skip reordering them again
    private float[] loaded = new float[0];
    private float[] raw = new float[0];
    private float[] ordered = new float[0];
    private boolean weightsValid;
    // the backward pass for the current shape (made on the first backward after a training pass)
    private lstm_backward backwardPrimitive;
    private IntMemoryMap backwardArgs;
    private memory diffSrc;
    private memory diffDst;
    private memory diffWeightsLayer;  // oneDNN's layout
    private memory diffWeightsIter;   // oneDNN's layout
    private FloatPointer diffBiasData;
    private FloatPointer diffUserLayerData;
    private FloatPointer diffUserIterData;
    private Step reorderBackwardLayer; // user weights into the backward pass's layout
    private Step reorderBackwardIter;
    private Step reorderDiffLayer;     // the weight gradients into the user layout (ldigo)
    private Step reorderDiffIter;
    private memory backwardLayer;
    private memory backwardIter;
    private long diffWeightsLayerBytes;
    private long diffWeightsIterBytes;
    // what oneDNN allocated for the current shape's primitives, released when the shape changes
    private final java.util.List<Pointer> shapeResources = new java.util.ArrayList<>();
    private float[] diffOrdered = new float[0];
    private float[] diffDl4j = new float[0];
    // the arrays last given per slot and their addresses (address())
    private static final int SLOT_X = 0;
    private static final int SLOT_OUT = 1;
    private static final int SLOT_LAST_OUT = 2;
    private static final int SLOT_LAST_CELL = 3;
    private static final int SLOT_H0 = 4;
    private static final int SLOT_C0 = 5;
    private static final int SLOT_SCATTER = 6;
    private static final int SLOT_DIFF_DST = 7;
    private static final int SLOT_DIFF_SRC = 8;
    private final INDArray[] addressed = new INDArray[9];
    private final Pointer[] addresses = new Pointer[9];

    OneDnnLstm(long nIn, long h) {
        this.nIn = (int) nIn;
        this.h = (int) h;
        this.eng = OneDnn.engine();
        this.strm = new stream(eng);
    }

    /**
     * Runs the LSTM over {@code input} ({@code [mb, nIn, T]}, copied into {@code x}, {@code [T·mb, nIn]}, time-major,
     * contiguous FLOAT) from {@code h0}, {@code c0} ({@code [mb, H]} each, or both null for zero), writing every step's
     * output into {@code out} ({@code [T·mb, H]}) and the last output and cell into {@code lastOut}, {@code lastCell}
     * ({@code [mb, H]}). With {@code rightToLeft} the steps run from the last to the first ({@code
     * unidirectional_right2left}: the backward direction of a bidirectional layer, given its input in the array's own
     * time order, which the reorder reads in place); {@code out} then stays in that order too, and the last output and
     * cell are those after step 0. With {@code training} the pass keeps what {@link #backward} needs: the gates in
     * oneDNN's workspace; and {@code x}, {@code out}, {@code h0}, {@code c0} and {@code lastCell}, which the backward
     * pass reads as src_layer, dst_layer, src_iter, src_iter_c and dst_iter_c, must stay as they are until then.
     *
     * @param w  input weights {@code [nIn, 4H]}, DL4J's block order
     * @param rw recurrent weights {@code [H, 4H]}
     * @param b  bias {@code [1, 4H]}
     */
    void forward(int steps, int mb, SequenceView input, boolean rightToLeft, boolean training, INDArray x, INDArray h0,
                 INDArray c0, INDArray w, INDArray rw, INDArray b, INDArray out, INDArray lastOut, INDArray lastCell) {
        boolean state = h0 != null;
        long rowStride = out.stride(0);
        if (primitive == null || mb != this.mb || steps != this.steps || state != withState || rightToLeft != this.rightToLeft
                || rowStride != outRowStride || training != this.training) {
            build(steps, mb, state, rightToLeft, rowStride, training);
        }
        OneDnn.singleThreaded(); // for the reorders and the pass below, all on this thread
        loadWeights(w, rw, b);
        gather(input, x);
        src.set_data_handle(address(SLOT_X, x, false));
        dst.set_data_handle(address(SLOT_OUT, out, true));
        dstIter.set_data_handle(address(SLOT_LAST_OUT, lastOut, false));
        dstIterC.set_data_handle(address(SLOT_LAST_CELL, lastCell, false));
        if (state) {
            srcIter.set_data_handle(address(SLOT_H0, h0, false));
            srcIterC.set_data_handle(address(SLOT_C0, c0, false));
        }
        primitive.execute(strm, args);
        strm._wait();
        PASSES.incrementAndGet();
        if (rightToLeft) {
            RIGHT_TO_LEFT.incrementAndGet();
        }
    }

    /**
     * Copies the input sequence into the time-major {@code x}: with a oneDNN reorder that reads the view in place
     * where its strides allow (the usual NCW input), else through {@link SequenceView#gatherInto} (a reversed view,
     * the backward direction of a bidirectional layer).
     */
    private void gather(SequenceView input, INDArray x) {
        long[] strides = input.timeMajorStrides();
        if (strides == null) {
            input.gatherInto(HostArray.of(x), nIn);
            return;
        }
        gatherCopy.run(strides, nIn, input.firstElement(), address(SLOT_X, x, false));
    }

    /**
     * Copies an output gradient {@code epsilon} ({@code [mb, H, T]} in the pass's time order, any non-negative strides)
     * into the time-major {@code rows} ({@code [T·mb, H]}) with a oneDNN reorder that reads the view in place: the
     * halves of a bidirectional layer's gradient, whose rows are {@code 2H} apart, which {@link SequenceView#gatherInto}
     * reads whole and transposes in Java. False (nothing copied) where the view's strides do not allow it (time
     * reversed, a gradient of last steps alone) or it is not of the last pass's shape.
     */
    boolean gatherGradient(SequenceView epsilon, INDArray rows) {
        long[] strides = epsilon.timeMajorStrides();
        if (strides == null || epsilon.mb != mb || epsilon.steps != steps || epsilon.n != h || rows.dataType() != F32_TYPE) {
            return false;
        }
        OneDnn.singleThreaded();
        gradientCopy.run(strides, h, epsilon.firstElement(), address(SLOT_DIFF_DST, rows, false));
        strm._wait();
        GRADIENT_GATHERS.incrementAndGet();
        return true;
    }

    /**
     * Copies the last pass's outputs ({@code out}, {@code [T·mb, H]} time-major) into {@code target} (a view in time
     * order, {@code [mb, H, T]}) with a oneDNN reorder that writes only the view's elements, in place; false (nothing
     * copied) if time runs backwards in the view.
     */
    boolean scatter(INDArray out, SequenceView target) {
        long[] strides = target.timeMajorStrides();
        if (strides == null) {
            return false;
        }
        OneDnn.singleThreaded();
        scatterCopy.run(strides, h, target.firstElement(), address(SLOT_SCATTER, out, false));
        strm._wait();
        SCATTERS.incrementAndGet();
        return true;
    }

    /**
     * Back-propagates through the last pass (run with {@code training}): {@code epsRows} holds dL/d(output) of every
     * step ({@code [T·mb, H]}, time-major, in the pass's array order, zero at padded steps), {@code x} and {@code out}
     * the pass's input and outputs as it left them. Writes dL/d(input) into {@code dx} ({@code [T·mb, nIn]}) and the
     * parameter gradients, in DL4J's block order and row-major, into {@code dW} ({@code [nIn, 4H]}), {@code dRW}
     * ({@code [H, 4H]}) and {@code db} ({@code [1, 4H]}), all contiguous FLOAT arrays. The gradient of the pass's last
     * state is zero (the outputs' gradients carry it) and that of its initial state is not kept.
     */
    void backward(INDArray epsRows, INDArray x, INDArray out, INDArray dx, INDArray dW, INDArray dRW, INDArray db) {
        if (!training) {
            throw new IllegalStateException("oneDNN LSTM: backward without a training pass");
        }
        if (backwardPrimitive == null) {
            buildBackward();
        }
        OneDnn.singleThreaded();
        reorderBackwardLayer.run(strm); // the parameters of the forward pass, still in the user layout
        reorderBackwardIter.run(strm);
        src.set_data_handle(address(SLOT_X, x, false));
        dst.set_data_handle(address(SLOT_OUT, out, false));
        diffDst.set_data_handle(address(SLOT_DIFF_DST, epsRows, false));
        diffSrc.set_data_handle(address(SLOT_DIFF_SRC, dx, false));
        long g = 4L * h;
        Pointer.memset(diffWeightsLayer.get_data_handle(), 0, diffWeightsLayerBytes); // the pass adds to them
        Pointer.memset(diffWeightsIter.get_data_handle(), 0, diffWeightsIterBytes);
        Pointer.memset(diffBiasData, 0, g * Float.BYTES);
        backwardPrimitive.execute(strm, backwardArgs);
        reorderDiffLayer.run(strm);
        reorderDiffIter.run(strm);
        strm._wait();
        int nw = nIn * (int) g;
        int nr = h * (int) g;
        int total = nw + nr + (int) g;
        if (diffOrdered.length != total) {
            diffOrdered = new float[total];
            diffDl4j = new float[total];
        }
        diffUserLayerData.get(diffOrdered, 0, nw);
        diffUserIterData.get(diffOrdered, nw, nr);
        diffBiasData.get(diffOrdered, nw + nr, (int) g);
        writeGradient(diffOrdered, 0, nIn, dW, 0);
        writeGradient(diffOrdered, nw, h, dRW, nw);
        unpermute(diffOrdered, nw + nr, 1, diffDl4j, nw + nr);
        ((HostArray.F32) HostArray.of(db)).write(0, diffDl4j, nw + nr, (int) g);
        BACKWARD_PASSES.incrementAndGet();
    }

    /** The backward primitive for the current shape, its memories and the reorders of weights and gradients. */
    private void buildBackward() {
        long g = 4L * h;
        memory.desc srcDesc = src.get_desc();
        memory.desc dstDesc = dst.get_desc();
        memory.desc iterDesc = dstIter.get_desc();
        memory.desc biasDesc = bias.get_desc();
        memory.desc state = withState ? iterDesc : new memory.desc();
        memory.desc layerAny = new memory.desc(new long[] {1, 1, nIn, 4, h}, F32, memory.format_tag.any);
        memory.desc iterAny = new memory.desc(new long[] {1, 1, h, 4, h}, F32, memory.format_tag.any);
        rnn_direction direction = rightToLeft ? rnn_direction.unidirectional_right2left : rnn_direction.unidirectional_left2right;
        lstm_backward.primitive_desc pd = new lstm_backward.primitive_desc(eng, prop_kind.backward, direction,
                srcDesc, state, state, layerAny, iterAny, biasDesc, dstDesc, iterDesc, iterDesc,
                srcDesc, state, state, layerAny, iterAny, biasDesc, dstDesc, iterDesc, iterDesc,
                forwardDesc, ownScratchpad(), false);
        backwardPrimitive = held(new lstm_backward(pd));
        backwardLayer = held(new memory(pd.weights_layer_desc(), eng));
        backwardIter = held(new memory(pd.weights_iter_desc(), eng));
        reorderBackwardLayer = reorder(userLayer, backwardLayer);
        reorderBackwardIter = reorder(userIter, backwardIter);
        diffWeightsLayer = held(new memory(pd.diff_weights_layer_desc(), eng));
        diffWeightsIter = held(new memory(pd.diff_weights_iter_desc(), eng));
        diffWeightsLayerBytes = pd.diff_weights_layer_desc().get_size();
        diffWeightsIterBytes = pd.diff_weights_iter_desc().get_size();
        diffUserLayerData = new FloatPointer((long) nIn * g);
        diffUserIterData = new FloatPointer((long) h * g);
        diffBiasData = new FloatPointer(g);
        memory diffBias = held(new memory(biasDesc, eng, diffBiasData));
        reorderDiffLayer = reorder(diffWeightsLayer,
                new memory(new memory.desc(new long[] {1, 1, nIn, 4, h}, F32, memory.format_tag.ldigo), eng, diffUserLayerData));
        reorderDiffIter = reorder(diffWeightsIter,
                new memory(new memory.desc(new long[] {1, 1, h, 4, h}, F32, memory.format_tag.ldigo), eng, diffUserIterData));
        diffSrc = OneDnn.unbound(srcDesc);
        diffDst = OneDnn.unbound(dstDesc);
        memory zeroLast = zeroed(iterDesc);   // dL/d(last output): carried by the outputs' gradients
        memory zeroLastC = zeroed(iterDesc);  // dL/d(last cell): nothing reads the last cell in training
        backwardArgs = passArguments(backwardLayer, backwardIter, withState);
        backwardArgs.put(DNNL_ARG_DIFF_SRC_LAYER, diffSrc);
        backwardArgs.put(DNNL_ARG_DIFF_DST_LAYER, diffDst);
        backwardArgs.put(DNNL_ARG_DIFF_DST_ITER, zeroLast);
        backwardArgs.put(DNNL_ARG_DIFF_DST_ITER_C, zeroLastC);
        backwardArgs.put(DNNL_ARG_DIFF_WEIGHTS_LAYER, diffWeightsLayer);
        backwardArgs.put(DNNL_ARG_DIFF_WEIGHTS_ITER, diffWeightsIter);
        backwardArgs.put(DNNL_ARG_DIFF_BIAS, diffBias);
        if (withState) {
            backwardArgs.put(DNNL_ARG_DIFF_SRC_ITER, held(new memory(iterDesc, eng)));   // not kept: the initial state is no parameter
            backwardArgs.put(DNNL_ARG_DIFF_SRC_ITER_C, held(new memory(iterDesc, eng)));
        }
        if (pd.scratchpad_desc().get_size() > 0) {
            backwardArgs.put(DNNL_ARG_SCRATCHPAD, held(new memory(pd.scratchpad_desc(), eng)));
        }

    }

    /**
     * The arguments the forward and the backward pass share: input, outputs, bias, the initial state if any and the
     * workspace if any, with the weights in the layout of the pass ({@code layer}, {@code iter}).
     */
    private IntMemoryMap passArguments(memory layer, memory iter, boolean state) {
        IntMemoryMap m = held(new IntMemoryMap());
        m.put(DNNL_ARG_SRC_LAYER, src);
        m.put(DNNL_ARG_DST_LAYER, dst);
        m.put(DNNL_ARG_DST_ITER, dstIter);
        m.put(DNNL_ARG_DST_ITER_C, dstIterC);
        m.put(DNNL_ARG_WEIGHTS_LAYER, layer);
        m.put(DNNL_ARG_WEIGHTS_ITER, iter);
        m.put(DNNL_ARG_BIAS, bias);
        if (state) {
            m.put(DNNL_ARG_SRC_ITER, srcIter);
            m.put(DNNL_ARG_SRC_ITER_C, srcIterC);
        }
        if (workspace != null) {
            m.put(DNNL_ARG_WORKSPACE, workspace);
        }
        return m;
    }

    /** {@code p}, released ({@link Pointer#close}) when the next shape's primitives are built. */
    private <T extends Pointer> T held(T p) {
        shapeResources.add(p);
        return p;
    }

    /** A library-allocated memory of {@code desc}, set to zero. */
    private memory zeroed(memory.desc desc) {
        memory m = held(new memory(desc, eng));
        Pointer.memset(m.get_data_handle(), 0, desc.get_size());
        return m;
    }

    /**
     * The inverse of {@link #permute}: a {@code [rows, 4H]} gradient in oneDNN's gate order ({@code src} from {@code
     * from}, row-major) into DL4J's block order ({@code dst} from {@code to}, row-major).
     */
    /**
     * Writes the {@code [rows, 4H]} gradient block at {@code from} of {@code ordered} (oneDNN's gate order, rows one after
     * the other) into {@code target} in DL4J's gate order: a dense 'c' array row by row, a dense 'f' array (DL4J's
     * gradient views) column by column, so that no transposing copy follows ({@link CellKernel} hands either).
     */
    private void writeGradient(float[] ordered, int from, int rows, INDArray target, int at) {
        int g = 4 * h;
        boolean columns = rows > 1 && target.stride(0) == 1 && target.stride(1) == rows;
        if (!columns) {
            unpermute(ordered, from, rows, diffDl4j, at);
        } else {
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < 4; k++) {
                    int source = from + r * g + k * h;
                    int column = DL4J_BLOCK[k] * h;
                    for (int j = 0; j < h; j++) {
                        diffDl4j[at + (column + j) * rows + r] = ordered[source + j];
                    }
                }
            }
        }
        ((HostArray.F32) HostArray.of(target)).write(0, diffDl4j, at, rows * g);
    }

    /** Whether {@code a} ({@code [rows, 4H]}) is dense in 'c' or 'f' order: {@link #backward} writes its gradients there. */
    static boolean gradientTarget(INDArray a, long rows, long g) {
        return a.rank() == 2 && a.size(0) == rows && a.size(1) == g && a.dataType() == F32_TYPE
                && (a.stride(1) == 1 && a.stride(0) == g || a.stride(0) == 1 && a.stride(1) == rows || rows == 1)
                && HostArray.isContiguous(a);
    }

    private void unpermute(float[] src, int from, int rows, float[] dst, int to) {
        int g = 4 * h;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < 4; k++) {
                System.arraycopy(src, from + r * g + k * h, dst, to + r * g + DL4J_BLOCK[k] * h, h);
            }
        }
    }

    /** How many backward passes ran through oneDNN in this process. */
    static long backwardPasses() {
        return BACKWARD_PASSES.get();
    }

    /** How many passes ran through oneDNN in this process. */
    static long passes() {
        return PASSES.get();
    }

    /** How many passes' outputs {@link #scatter} copied into a strided target in this process. */
    static long scatters() {
        return SCATTERS.get();
    }

    /** How many output gradients {@link #gatherGradient} copied by a reorder. */
    static long gradientGathers() {
        return GRADIENT_GATHERS.get();
    }

    /** How many of {@link #passes()} ran right to left (reversed views without a mask). */
    static long rightToLeftPasses() {
        return RIGHT_TO_LEFT.get();
    }

    private void build(int steps, int mb, boolean state, boolean rightToLeft, long rowStride, boolean training) {
        gatherCopy.reset();
        gradientCopy.reset();
        scatterCopy.reset();
        backwardPrimitive = null;
        // the previous shape's primitives, workspace and scratchpads: released now rather than when the garbage
        // collector finds them (oneDNN's allocations are invisible to the Java heap and to JavaCPP's byte count)
        for (Pointer p : shapeResources) {
            p.close();
        }
        shapeResources.clear();
        long g = 4L * h;
        memory.desc srcDesc = new memory.desc(new long[] {steps, mb, nIn}, F32, memory.format_tag.tnc);
        // the outputs' rows may be wider than H (a half of a bidirectional layer's [T, mb, 2H] concatenation)
        memory.desc dstDesc = rowStride == h ? new memory.desc(new long[] {steps, mb, h}, F32, memory.format_tag.tnc)
                : new memory.desc(new long[] {steps, mb, h}, F32, new long[] {mb * rowStride, rowStride, 1});
        memory.desc iterDesc = new memory.desc(new long[] {1, 1, mb, h}, F32, memory.format_tag.ldnc);
        memory.desc layerAny = new memory.desc(new long[] {1, 1, nIn, 4, h}, F32, memory.format_tag.any);
        memory.desc iterAny = new memory.desc(new long[] {1, 1, h, 4, h}, F32, memory.format_tag.any);
        memory.desc biasDesc = new memory.desc(new long[] {1, 1, 4, h}, F32, memory.format_tag.ldgo);
        memory.desc none = new memory.desc();
        rnn_direction direction = rightToLeft ? rnn_direction.unidirectional_right2left : rnn_direction.unidirectional_left2right;
        lstm_forward.primitive_desc pd = new lstm_forward.primitive_desc(eng,
                training ? prop_kind.forward_training : prop_kind.forward_inference, direction,
                srcDesc, state ? iterDesc : none, state ? iterDesc : none, layerAny, iterAny, biasDesc,
                dstDesc, iterDesc, iterDesc, ownScratchpad(), false);
        primitive = held(new lstm_forward(pd));
        forwardDesc = held(pd);
        src = OneDnn.unbound(srcDesc);
        dst = OneDnn.unbound(dstDesc);
        dstIter = OneDnn.unbound(iterDesc);
        dstIterC = OneDnn.unbound(iterDesc);
        srcIter = state ? OneDnn.unbound(iterDesc) : null;
        srcIterC = state ? OneDnn.unbound(iterDesc) : null;
        if (weightsLayer == null || !weightsLayer.get_desc().equals(pd.weights_layer_desc())
                || !weightsIter.get_desc().equals(pd.weights_iter_desc())) { // the layout oneDNN chose for this shape
            weightsLayer = new memory(pd.weights_layer_desc(), eng);
            weightsIter = new memory(pd.weights_iter_desc(), eng);
            biasData = new FloatPointer(g);
            userLayerData = new FloatPointer(nIn * g);
            userIterData = new FloatPointer((long) h * g);
            bias = new memory(biasDesc, eng, biasData);
            userLayer = new memory(new memory.desc(new long[] {1, 1, nIn, 4, h}, F32, memory.format_tag.ldigo), eng, userLayerData);
            userIter = new memory(new memory.desc(new long[] {1, 1, h, 4, h}, F32, memory.format_tag.ldigo), eng, userIterData);
            reorderLayer = reorder(userLayer, weightsLayer);
            reorderIter = reorder(userIter, weightsIter);
            weightsValid = false;
        }
        // a training pass's gates, for the backward pass
        workspace = pd.workspace_desc().get_size() > 0 ? held(new memory(pd.workspace_desc(), eng)) : null;
        args = passArguments(weightsLayer, weightsIter, state);
        if (pd.scratchpad_desc().get_size() > 0) {
            args.put(DNNL_ARG_SCRATCHPAD, held(new memory(pd.scratchpad_desc(), eng)));
        }
        this.mb = mb;
        this.steps = steps;
        this.withState = state;
        this.rightToLeft = rightToLeft;
        this.outRowStride = rowStride;
        this.training = training;
    }

    /**
     * Copies the parameters into oneDNN's gate order and layout, unless they equal the ones already there (compared
     * as they lie in memory, before any rearrangement).
     */
    private void loadWeights(INDArray w, INDArray rw, INDArray b) {
        int g = 4 * h;
        int nw = nIn * g;
        int nr = h * g;
        int total = nw + nr + g;
        if (raw.length != total) {
            raw = new float[total];
        }
        INDArray[] mats = {contiguous(w), contiguous(rw), contiguous(b)};
        int[] at = {0, nw, nw + nr};
        for (int i = 0; i < 3; i++) {
            ((HostArray.F32) HostArray.of(mats[i])).read(0, raw, at[i], (int) mats[i].length());
        }
        if (weightsValid && Arrays.equals(raw, loaded)) {
            return;
        }
        if (ordered.length != total) {
            ordered = new float[total];
        }
        int[] rows = {nIn, h, 1};
        for (int i = 0; i < 3; i++) {
            permute(raw, at[i], mats[i].stride(0), mats[i].stride(1), rows[i], ordered, at[i]);
        }
        userLayerData.put(ordered, 0, nw);
        userIterData.put(ordered, nw, nr);
        biasData.put(ordered, nw + nr, g);
        reorderLayer.run(strm);
        reorderIter.run(strm);
        strm._wait();
        float[] swap = loaded;
        loaded = raw;
        raw = swap.length == total ? swap : new float[total];
        weightsValid = true;
    }

    private static INDArray contiguous(INDArray a) {
        return HostArray.isContiguous(a) ? a : a.dup('c');
    }

    /**
     * Rearranges a {@code [rows, 4H]} parameter matrix (DL4J's block order) held in {@code src} from {@code from}
     * with strides {@code s0}, {@code s1} (DL4J's parameter views are column-major) into {@code dst} from {@code to},
     * row-major in oneDNN's gate order.
     */
    private void permute(float[] src, int from, long s0, long s1, int rows, float[] dst, int to) {
        int g = 4 * h;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < 4; k++) {
                long first = from + r * s0 + (long) DL4J_BLOCK[k] * h * s1;
                int row = to + r * g + k * h;
                for (int j = 0; j < h; j++) {
                    dst[row + j] = src[(int) (first + j * s1)];
                }
            }
        }
    }

    /**
     * A oneDNN reorder between a strided view {@code [T, mb, width]} (time-major strides of an NCW array, {@link
     * SequenceView#timeMajorStrides}) and time-major rows ({@code tnc}), in the direction given; made for the view's
     * strides and the current shape, and kept while they stay.
     */
    private final class StridedCopy {
        private final boolean intoRows;
        private Step step;
        private memory from;
        private memory to;
        private long[] strides;

        StridedCopy(boolean intoRows) {
            this.intoRows = intoRows;
        }

        /** Copies the view at {@code view} into the rows at {@code rows} ({@code intoRows}), or the rows into the view. */
        void run(long[] viewStrides, long width, Pointer view, Pointer rows) {
            if (step == null || !Arrays.equals(viewStrides, strides)) {
                memory.desc strided = new memory.desc(new long[] {steps, mb, width}, F32, viewStrides);
                memory.desc tnc = new memory.desc(new long[] {steps, mb, width}, F32, memory.format_tag.tnc);
                from = OneDnn.unbound(intoRows ? strided : tnc);
                to = OneDnn.unbound(intoRows ? tnc : strided);
                step = reorder(from, to);
                strides = viewStrides;
            }
            from.set_data_handle(intoRows ? view : rows);
            to.set_data_handle(intoRows ? rows : view);
            step.run(strm);
        }

        /** Forgets the reorder (the shape changed). */
        void reset() {
            step = null;
        }
    }

    /** A primitive and its arguments. */
    private record Step(primitive prim, IntMemoryMap args) {
        void run(stream strm) {
            prim.execute(strm, args);
        }
    }

    /**
     * Attributes that give a primitive a scratchpad of its own (passed as {@code DNNL_ARG_SCRATCHPAD}): in oneDNN's
     * default mode primitives share one library scratchpad, and two threads running primitives at once (the parts of
     * a minibatch split over {@code --threads}) crashed in {@code libdnnl}.
     */
    static primitive_attr ownScratchpad() {
        primitive_attr attr = new primitive_attr();
        attr.set_scratchpad_mode(scratchpad_mode.user);
        return attr;
    }

    /** A reorder from {@code from} to {@code to} (their data handles as set when it runs), with its own scratchpad. */
    private Step reorder(memory from, memory to) {
        reorder.primitive_desc pd = new reorder.primitive_desc(eng, from.get_desc(), eng, to.get_desc(), ownScratchpad(), false);
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_FROM, from);
        args.put(DNNL_ARG_TO, to);
        if (pd.scratchpad_desc().get_size() > 0) {
            args.put(DNNL_ARG_SCRATCHPAD, new memory(pd.scratchpad_desc(), eng));
        }
        return new Step(new reorder(pd), args);
    }

    /**
     * The address of an array's first element (a contiguous FLOAT array, or with {@code spanning} one of any strides),
     * kept per slot while the same array object comes again: the kernel's buffers are the same objects from pass to pass
     * ({@link KernelBuffers}), and asking ND4J for an address makes a new pointer through JNI each time.
     */
    private Pointer address(int slot, INDArray a, boolean spanning) {
        if (addressed[slot] != a) {
            addresses[slot] = (spanning ? HostArray.spanning(a) : HostArray.of(a)).bytesAt(0);
            addressed[slot] = a;
        }
        return addresses[slot];
    }
}
