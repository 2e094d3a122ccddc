package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.function.BiFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward sweeps, over host memory, of a recurrent cell whose step is one recurrent matrix
 * product followed by element-wise arithmetic: the LSTM ({@link Lstm}, 4 blocks of H pre-activations per
 * step, {@link LstmMath}) and the vanilla RNN ({@link Rnn}, 1 block, {@link RnnMath}). With {@code G = blocks·H},
 * everything is time-major, row {@code t·mb + b} holding example {@code b} at step {@code t}:
 * <ul>
 *   <li>the input projection of all steps is one product {@code Z = [X 1] [W; b]}, {@code [T·mb, G]} (rows 16 columns
 *       wider, zero in {@code RW}, where oneDNN computes the LSTM's step products at a width it runs at half speed,
 *       {@link StepProduct#paddedWidth});</li>
 *   <li>each step adds one product {@code h_{t-1} RW} to its block of Z; the element-wise part (gates,
 *       cell, output) is then computed by the cell's {@link CellMath} on Java arrays (fused loops the JIT
 *       vectorizes);</li>
 *   <li>the backward sweep needs one product per step ({@code dZ_{t+1} RWᵀ}) and one fused loop, which
 *       writes the pre-activation gradients {@code dZ} over Z; after it, the weight gradients are
 *       single large products {@code [X 1]ᵀ dZ} (weights and bias), {@code Hᵀ dZ} and the input gradient
 *       {@code dZ Wᵀ}.</li>
 * </ul>
 * Buffers are reused across steps and minibatches ({@link KernelBuffers}). A forward pass kept for
 * back-propagation is consumed by {@link #backward}.
 *
 * <p>Threads: one instance computes on the calling thread. With {@code --threads} > 1 the driver runs
 * {@link BatchSplitKernel}, which gives each range of examples of a minibatch an instance of its own and runs
 * each instance's whole sweep on its own thread; an instance shares nothing writable with the others (its
 * buffers, its {@link CellMath}), reads the parameters only, and leaves its input gradient in place
 * ({@code epsOut} null) for {@link #writeInputGradient}, which the split kernel calls afterwards.
 */
final class CellKernel implements RecurrentKernel {

    private final long nIn;
    private final long h;
    private final int blocks;
    private final BiFunction<HostArray, Integer, CellMath> mathFor;
    private final KernelBuffers buffers = new KernelBuffers();
    private final StepProduct forwardProduct = new StepProduct(true);    // Z_t += h_{t-1} RW
    private final StepProduct backwardProduct = new StepProduct(false);  // dZ_{t+1} RWᵀ
    private final SweepProduct sweepProduct = new SweepProduct();        // the backward sweep's weight and input gradients
    private CellMath math;

    // the last forward pass
    private DataType type;
    private long steps;
    private long mb;
    private INDArray x;       // [T·mb, nIn] input, time-major
    private INDArray z;       // [T·mb, G'] pre-activations (after backward: their gradients) in the first G of G' columns
    private long zWidth;      // G': G, or in single precision StepProduct.paddedWidth(G) for the LSTM
    private INDArray out;     // [T·mb, H] outputs (masked)
    private INDArray h0;      // [mb, H] initial output, or null for zero
    private boolean backpropReady;
    private OneDnnLstm oneDnn; // the LSTM's last pass through oneDNN: one of the two below
    // one for inference and one for training passes, each made on first use and keeping its primitives for its shape,
    // so that evaluation between training epochs does not rebuild the training primitives (and the reverse)
    private OneDnnLstm oneDnnInference;
    private OneDnnLstm oneDnnTraining;
    private boolean byOneDnn;  // whether the last forward pass ran there (outputs in `out`, last cell in `lastCell`)
    private boolean outputsLent; // whether that pass wrote its outputs into the caller's outputRows (then `out`)
    private INDArray lastCell; // [mb, H] last cell of a pass through oneDNN
    private INDArray lastOut;  // [mb, H] last output of a pass through oneDNN
    private boolean gradientByOneDnn; // whether the last backward pass ran through oneDNN (input gradient in `dx`)
    private INDArray dx;       // [T·mb, nIn] its input gradient
    private INDArray lastStepBuffer; // the output-gradient buffer a last-step gradient was last written into, zero but at
    private long[] lastStepRows;     // these element offsets (SequenceView.LastSteps#gatherIntoZeroBut)
    // a training pass through oneDNN: what a truncated backward pass needs to rerun it on the kernel
    private SequenceView passInput;
    private SequenceView passMask;
    private INDArray passInitialOut;
    private INDArray passInitialCell;
    private boolean outInArrayOrder; // a reversed view's pass through oneDNN: `out` in the array's time order, not the view's

    /**
     * @param blocks   pre-activation blocks of H per step (LSTM 4, RNN 1)
     * @param mathFor  the cell's element-wise part for a sample array's precision and H
     */
    CellKernel(long nIn, long h, int blocks, BiFunction<HostArray, Integer, CellMath> mathFor) {
        this.nIn = nIn;
        this.h = h;
        this.blocks = blocks;
        this.mathFor = mathFor;
    }

    @Override
    public boolean forward(SequenceView input, SequenceView maskArray, INDArray[] initialState, CellWeights weights,
                           boolean forBackprop, INDArray outputRows) {
        INDArray initialOut = initialState == null ? null : initialState[0];
        INDArray initialCell = initialState == null || initialState.length < 2 ? null : initialState[1];
        INDArray w = weights.input();
        type = w.dataType();
        mb = input.mb;
        steps = input.steps;
        long rows = steps * mb;
        long g = blocks * h;
        // the LSTM's rows padded where oneDNN's step products would run at half speed (StepProduct.paddedWidth); the
        // padding columns' products are zeros added to whatever those columns hold, and nothing reads them
        zWidth = blocks == 4 && StepProduct.throughOneDnn(type == DataType.FLOAT, mb, h, g) ? StepProduct.paddedWidth(g) : g;
        if (rows * Math.max(zWidth, nIn + 1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("recurrent layer: minibatch x steps x max(" + blocks + " x hidden, inputs + 1) = "
                    + rows * Math.max(zWidth, nIn + 1) + " exceeds 2^31 - 1 elements; use smaller minibatches or shorter sequences");
        }
        byOneDnn = blocks == 4 && OneDnn.appliesToLstm(type, forBackprop, maskArray);
        outputsLent = false;
        if (byOneDnn) {
            forwardByOneDnn(input, maskArray, initialOut, initialCell, weights, forBackprop ? null : outputRows, forBackprop);
            backpropReady = forBackprop;
            // kept for a truncated backward pass (BPTT over the last steps only), which reruns the pass on this kernel
            passInput = forBackprop ? input : null;
            passMask = forBackprop ? maskArray : null;
            passInitialOut = forBackprop ? initialOut : null;
            passInitialCell = forBackprop ? initialCell : null;
            return outputsLent;
        }
        forwardByKernel(input, maskArray, initialOut, initialCell, weights, forBackprop);
        return false;
    }

    /** The pass on rnnlab's own steps: one input product, then per step a recurrent product and the cell's arithmetic. */
    private void forwardByKernel(SequenceView input, SequenceView maskArray, INDArray initialOut, INDArray initialCell,
                                 CellWeights weights, boolean forBackprop) {
        INDArray w = weights.input();
        long rows = steps * mb;
        long g = blocks * h;
        // X with a column of ones, W with the bias as its last row: the projection adds the bias
        long n1 = nIn + 1;
        x = buffers.get("x", type, rows, n1);
        input.gatherInto(HostArray.of(x), (int) n1);
        z = buffers.get("z", type, rows, zWidth);
        out = buffers.get("out", type, rows, h);
        h0 = initialOut == null ? null : buffers.get("h0", type, mb, h).assign(initialOut);
        INDArray c0 = initialCell == null ? null : buffers.get("c0", type, mb, h).assign(initialCell);
        INDArray rwc = buffers.get("rw", type, h, zWidth);
        HostArray.assignPadded(weights.recurrent(), rwc);
        INDArray wc = buffers.get("w", type, n1, g);
        HostArray.assignAcrossOrders(w, wc.get(interval(0, nIn), all()));
        wc.get(interval(nIn, n1), all()).assign(weights.bias());

        HostArray xs = HostArray.of(x);
        HostArray zs = HostArray.of(z);
        HostArray hs = HostArray.of(out);
        HostArray rws = HostArray.of(rwc);
        HostArray h0s = h0 == null ? null : HostArray.of(h0);
        if (math == null || math.singlePrecision() != zs instanceof HostArray.F32) {
            math = mathFor.apply(zs, (int) h);
        }
        math.begin((int) steps, (int) mb, (int) zWidth, maskArray, c0 == null ? null : HostArray.of(c0));

        HostArray.gemm(false, false, rows, g, n1, 1, xs.matrix(0, n1), HostArray.of(wc).matrix(0, g), 0, zs.matrix(0, zWidth));
        long block = mb * zWidth;
        long cellBlock = mb * h;
        forwardProduct.prepare(mb, h, zWidth, rws.matrix(0, zWidth));
        for (long t = 0; t < steps; t++) {
            if (t > 0) {
                forwardProduct.multiply(hs.matrix((t - 1) * cellBlock, h), zs.matrix(t * block, zWidth));
            } else if (h0s != null) {
                forwardProduct.multiply(h0s.matrix(0, h), zs.matrix(0, zWidth));
            }
            math.forwardStep((int) t, zs, hs);
        }
        backpropReady = forBackprop;
    }

    /**
     * The LSTM's inference pass through oneDNN ({@link OneDnnLstm}): outputs into {@code out}, last output and cell into
     * {@code lastOut}, {@code lastCell}. A reversed view without a mask (the backward direction of a bidirectional
     * layer) runs as oneDNN's right-to-left pass over the array in its own time order, read in place; {@code out} is
     * then in that order ({@link #outInArrayOrder}). Given the caller's {@code outputRows} (rows of one stride, in the
     * array's time order: a one-directional layer's activations, or one half of a bidirectional layer's
     * concatenation), oneDNN writes the outputs straight into them, and {@code out} is that array until the next pass
     * ({@link #outputsLent}).
     */
    private void forwardByOneDnn(SequenceView input, SequenceView mask, INDArray initialOut, INDArray initialCell,
                                 CellWeights weights, INDArray outputRows, boolean training) {
        if (training) {
            oneDnnTraining = oneDnnTraining == null ? new OneDnnLstm(nIn, h) : oneDnnTraining;
            oneDnn = oneDnnTraining;
        } else {
            oneDnnInference = oneDnnInference == null ? new OneDnnLstm(nIn, h) : oneDnnInference;
            oneDnn = oneDnnInference;
        }
        long rows = steps * mb;
        outInArrayOrder = mask == null && input.timeReversed();
        x = buffers.get("xd", type, rows, nIn);
        // outputRows are in the input array's time order: a reversed view's pass writes them only when it runs in
        // that order (right to left over the array), not when a masked reversed view is read in the view's order
        outputsLent = outputRows != null && (outInArrayOrder || !input.timeReversed()) && outputRows.dataType() == type
                && outputRows.rank() == 2 && outputRows.rows() == rows && outputRows.columns() == h
                && (h == 1 || outputRows.stride(1) == 1) && outputRows.stride(0) >= h;
        out = outputsLent ? outputRows : buffers.get("out", type, rows, h);
        // a training pass always gets an initial state (zero if none): without one, oneDNN's reference backward (3.8.1, 3.13)
        // pass (left to right, its recurrent weights' gradient as one GEMM over all steps, states read from dst_layer)
        // paired each step's gate gradient with h_t instead of h_{t-1} (the recurrent weights' gradient was 5% off)
        h0 = initialOut == null ? training ? HostArray.zero(buffers.get("h0", type, mb, h)) : null
                : buffers.get("h0", type, mb, h).assign(initialOut);
        INDArray c0 = h0 == null ? null
                : initialCell == null ? HostArray.zero(buffers.get("c0", type, mb, h)) : buffers.get("c0", type, mb, h).assign(initialCell);
        lastCell = buffers.get("cT", type, mb, h);
        lastOut = buffers.get("hT", type, mb, h);
        oneDnn.forward((int) steps, (int) mb, outInArrayOrder ? input.reversed() : input, outInArrayOrder, training, x, h0, c0,
                weights.input(), weights.recurrent(), weights.bias(), out, lastOut, lastCell);
        if (mask != null) {
            // right-padded (OneDnn.rightPadded): padded steps are zero in output and cell, as in LstmMath. A backward
            // pass reads `out` and the last cell as dst_layer and dst_iter_c; zeroing them changes nothing there, since
            // they are read only at padded steps, whose gate gradients are zero (their output gradients are masked)
            INDArray rowMask = buffers.get("mask", type, rows, 1);
            OneDnn.readMask(mask, rowMask);
            out.muliColumnVector(rowMask);
            INDArray lastRows = rowMask.get(interval((steps - 1) * mb, steps * mb), all());
            lastCell.muliColumnVector(lastRows);
            lastOut.muliColumnVector(lastRows);
        }
    }

    @Override
    public void writeOutput(SequenceView target, boolean accumulate) {
        if (outputsLent) {
            throw new IllegalStateException("recurrent kernel: the last pass wrote its outputs into the caller's array");
        }
        if (byOneDnn) {
            SequenceView inOrder = target.reversedIf(outInArrayOrder);
            // a time-major target takes one memcpy; another (a half of a bidirectional concatenation) a oneDNN reorder
            if (accumulate || inOrder.timeMajor((int) h) || !oneDnn.scatter(out, inOrder)) {
                inOrder.scatterFrom(HostArray.of(out), (int) h, accumulate);
            }
        } else {
            math.writeOutput(target, HostArray.of(out), accumulate);
        }
    }

    /** {output} (RNN) or {output, cell} (LSTM) after the last step, copies outside any workspace. */
    @Override
    public INDArray[] lastState() {
        INDArray lastOut = KernelBuffers.detached(byOneDnn ? this.lastOut : out.get(interval((steps - 1) * mb, steps * mb), all()));
        INDArray lastCell = byOneDnn ? KernelBuffers.detached(this.lastCell) : math.lastCell();
        return lastCell == null ? new INDArray[] {lastOut} : new INDArray[] {lastOut, lastCell};
    }

    @Override
    public long stepMultiplyAdds() {
        return blocks * h * h;
    }

    @Override
    public boolean backpropReady() {
        return backpropReady;
    }

    @Override
    public void backward(SequenceView epsilon, long firstStep, CellWeights weights, CellWeights gradients, SequenceView epsOut,
                         boolean accumulate) {
        if (!backpropReady) {
            throw new IllegalStateException("recurrent kernel: backward without a forward pass kept for back-propagation");
        }
        backpropReady = false;
        gradientByOneDnn = false;
        if (byOneDnn) {
            if (firstStep == 0) {
                backwardByOneDnn(epsilon, gradients, epsOut, accumulate);
                return;
            }
            // oneDNN's backward pass runs through all steps: a truncated one reruns the forward pass on the kernel
            byOneDnn = false;
            forwardByKernel(passInput, passMask, passInitialOut, passInitialCell, weights, true);
            backpropReady = false;
        }
        long rows = steps * mb;
        long g = blocks * h;
        long block = mb * zWidth;
        INDArray rec = buffers.get("rec", type, mb, h);
        INDArray rwT = buffers.get("rwT", type, g, h).assign(weights.recurrent().transpose());
        HostArray zs = HostArray.of(z);
        HostArray recs = HostArray.of(rec);
        HostArray rwTs = HostArray.of(rwT);
        math.beginBackward(epsilon);
        backwardProduct.prepare(mb, g, h, rwTs.matrix(0, h), zWidth, h);
        for (long t = steps - 1; t >= firstStep; t--) {
            if (t < steps - 1) {
                backwardProduct.multiply(zs.matrix((t + 1) * block, zWidth), recs.matrix(0, h));
            }
            math.backwardStep((int) t, t < steps - 1 ? recs : null, zs);
        }
        long first = firstStep * mb;
        long used = rows - first;
        HostArray xs = HostArray.of(x);
        HostArray hs = HostArray.of(out);
        long n1 = nIn + 1;
        // [dW; db] = [X 1]ᵀ Z: the ones column gives the bias gradient; [X 1]ᵀ Z rather than (Zᵀ [X 1])ᵀ, which oneDNN
        // computed 1.3-2x slower at these shapes (n1 = nIn + 1 columns of X against the 4H of Z)
        INDArray dW = buffers.get("dW", type, n1, g);
        sweepProduct.multiply(true, false, n1, g, used, xs.matrix(first * n1, n1), zs.matrix(first * zWidth, zWidth), 0, HostArray.of(dW).matrix(0, g));
        HostArray.assignAcrossOrders(dW.get(interval(0, nIn), all()), gradients.input());
        gradients.bias().assign(dW.get(interval(nIn, n1), all()).reshape(gradients.bias().shape()));

        // dRW = H_{t-1}ᵀ Z, in the recurrent weights' own [H, 4H] layout, rather than (Zᵀ H_{t-1})ᵀ and a transpose copy:
        // oneDNN computed it in 0.93 of the time at hidden 128 and 0.85-0.89 at 256, the same at 64 (8192 rows, one process)
        INDArray dRW = buffers.get("dRW", type, h, g).assign(0);
        HostArray dRWs = HostArray.of(dRW);
        long withPrevious = Math.max(first, mb); // rows whose previous output is in `out`
        sweepProduct.multiply(true, false, h, g, rows - withPrevious, hs.matrix((withPrevious - mb) * h, h), zs.matrix(withPrevious * zWidth, zWidth), 0, dRWs.matrix(0, g));
        if (firstStep == 0 && h0 != null) {
            sweepProduct.multiply(true, false, h, g, mb, HostArray.of(h0).matrix(0, h), zs.matrix(0, zWidth), 1, dRWs.matrix(0, g));
        }
        HostArray.assignAcrossOrders(dRW, gradients.recurrent());

        // input gradient dZ Wᵀ, written over X (no longer needed), in its first nIn columns
        INDArray wT = buffers.get("wT", type, g, nIn).assign(weights.input().transpose());
        sweepProduct.multiply(false, false, used, nIn, g, zs.matrix(first * zWidth, zWidth), HostArray.of(wT).matrix(0, nIn), 0, xs.matrix(first * n1, n1));
        if (firstStep > 0) {
            x.get(interval(0, first), all()).assign(0);
        }
        if (epsOut != null) {
            epsOut.scatterFrom(xs, (int) n1, accumulate);
        }
    }

    /**
     * The backward pass of a training pass through oneDNN ({@link OneDnnLstm#backward}): dL/d(output) of every step,
     * time-major in the pass's order and zero at padded steps (as {@link LstmMath} masks it), in; the parameter
     * gradients into {@code gradients}, the input gradient into {@code epsOut} (or kept in {@link #dx}).
     */
    private void backwardByOneDnn(SequenceView epsilon, CellWeights gradients, SequenceView epsOut, boolean accumulate) {
        long rows = steps * mb;
        long g = blocks * h;
        INDArray eps = buffers.get("epsd", type, rows, h);
        SequenceView inOrder = epsilon.reversedIf(outInArrayOrder);
        HostArray epsMemory = HostArray.of(eps);
        if (inOrder instanceof SequenceView.LastSteps last && last.gathersNatively(epsMemory, (int) h)) {
            // a last-step gradient: the buffer is still zero but at the rows the previous one wrote (oneDNN only reads
            // it; the mask below, 0 or 1 on this route, keeps zeros zero), so only those are zeroed; any other gradient,
            // or a new buffer, starts from a full fill
            long[] written = eps == lastStepBuffer ? lastStepRows : null;
            lastStepBuffer = null; // no record while the buffer is being written
            lastStepRows = last.gatherIntoZeroBut(epsMemory, written);
            lastStepBuffer = eps;
        } else {
            lastStepBuffer = null;
            lastStepRows = null;
            if (!oneDnn.gatherGradient(inOrder, eps)) {
                inOrder.gatherInto(epsMemory, (int) h);
            }
        }
        if (passMask != null) { // right-padded: the forward pass left its rows in the buffer "mask"
            eps.muliColumnVector(buffers.get("mask", type, rows, 1));
        }
        dx = buffers.get("dxd", type, rows, nIn);
        // the weight gradients straight into the layer's gradient views where those are dense ('f' in DL4J)
        boolean direct = OneDnnLstm.gradientTarget(gradients.input(), nIn, g) && OneDnnLstm.gradientTarget(gradients.recurrent(), h, g);
        INDArray dW = direct ? gradients.input() : buffers.get("dWd", type, nIn, g);
        INDArray dRW = direct ? gradients.recurrent() : buffers.get("dRWd", type, h, g);
        INDArray db = buffers.get("dbd", type, 1, g);
        oneDnn.backward(eps, x, out, dx, dW, dRW, db);
        if (!direct) {
            HostArray.assignAcrossOrders(dW, gradients.input());
            HostArray.assignAcrossOrders(dRW, gradients.recurrent());
        }
        HostArray.copyVector(db, gradients.bias());
        gradientByOneDnn = true;
        passInput = null;
        passMask = null;
        passInitialOut = null;
        passInitialCell = null;
        if (epsOut != null) {
            writeInputGradient(epsOut, accumulate);
        }
    }

    @Override
    public void writeInputGradient(SequenceView epsOut, boolean accumulate) {
        if (gradientByOneDnn) {
            epsOut.reversedIf(outInArrayOrder).scatterFrom(HostArray.of(dx), (int) nIn, accumulate);
        } else {
            epsOut.scatterFrom(HostArray.of(x), (int) (nIn + 1), accumulate);
        }
    }
}
