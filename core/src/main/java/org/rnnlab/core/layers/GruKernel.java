package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward sweeps of a {@link Gru} layer over host memory, organised like
 * {@link CellKernel}: time-major rows {@code t·mb + b}; the input projection of all steps is one
 * product {@code P = [X 1] [W; b]}; each step one product {@code [h 1] [RW; b_h]} and fused
 * element-wise loops ({@link GruMath}); backwards one product {@code dR_{t+1} RWᵀ} per step, then
 * {@code [X 1]ᵀ dP} (W and b), {@code [H 1]ᵀ dR} (RW and b_h) and {@code dP Wᵀ} (input gradient) as
 * single products. Buffers are reused across steps and minibatches. Used on ND4J's CPU backend; the
 * layer's ND4J-op implementation serves other backends.
 */
final class GruKernel {

    private final long nIn;
    private final long h;
    private final KernelBuffers buffers = new KernelBuffers();
    private GruMath math;

    private DataType type;
    private long steps;
    private long mb;
    private INDArray x;       // [T·mb, nIn + 1] input with a ones column, time-major
    private INDArray p;       // [T·mb, 3H] input projections (after backward: their gradients)
    private INDArray states;  // [(T+1)·mb, H + 1] carried states with a ones column, block 0 the initial one
    private boolean backpropReady;

    GruKernel(long nIn, long h) {
        this.nIn = nIn;
        this.h = h;
    }

    /**
     * Runs the layer over {@code input} ({@code [mb, nIn, T]}; a time-reversed view runs it from the end)
     * from {@code initial} ({@code [mb, H]}, or null for zero), with the mask as a sequence
     * ({@link SequenceView#ofMask}, reversed with the input) or null; parameters as in
     * {@link GruParamInitializer}.
     */
    void forward(SequenceView input, SequenceView maskArray, INDArray initial, INDArray w, INDArray rw, INDArray b, INDArray rb,
                 boolean forBackprop) {
        type = w.dataType();
        mb = input.mb;
        steps = input.steps;
        long rows = steps * mb;
        long g = 3 * h;
        if ((rows + mb) * Math.max(g, nIn + 1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Gru layer: minibatch x (steps + 1) x max(3 x hidden, inputs + 1) = "
                    + (rows + mb) * Math.max(g, nIn + 1) + " exceeds 2^31 - 1 elements; use smaller minibatches or shorter sequences");
        }
        long n1 = nIn + 1;
        x = buffers.get("x", type, rows, n1);
        input.gatherInto(HostArray.of(x), (int) n1);
        p = buffers.get("p", type, rows, g);
        states = buffers.get("states", type, rows + mb, h + 1);
        INDArray rec = buffers.get("rec", type, mb, g);
        INDArray start = states.get(interval(0, mb), all());
        if (initial == null) {
            start.get(all(), interval(0, h)).assign(0);
        } else {
            start.get(all(), interval(0, h)).assign(initial);
        }
        start.get(all(), interval(h, h + 1)).assign(1);
        INDArray wc = buffers.get("w", type, n1, g);
        wc.get(interval(0, nIn), all()).assign(w);
        wc.get(interval(nIn, n1), all()).assign(b);
        INDArray rwc = buffers.get("rw", type, h + 1, g);
        rwc.get(interval(0, h), all()).assign(rw);
        rwc.get(interval(h, h + 1), all()).assign(rb);

        HostArray ps = HostArray.of(p);
        HostArray ss = HostArray.of(states);
        HostArray recs = HostArray.of(rec);
        HostArray rws = HostArray.of(rwc);
        if (math == null || !math.getClass().equals(GruMath.of(ps, (int) h).getClass())) {
            math = GruMath.of(ps, (int) h);
        }
        math.begin((int) steps, (int) mb, maskArray,
                initial == null ? null : HostArray.of(buffers.get("h0", type, mb, h).assign(initial)));
        HostArray.gemm(false, false, rows, g, n1, 1, HostArray.of(x), 0, n1, HostArray.of(wc), 0, g, 0, ps, 0, g);
        for (long t = 0; t < steps; t++) {
            HostArray.gemm(false, false, mb, g, h + 1, 1, ss, t * mb * (h + 1), h + 1, rws, 0, g, 0, recs, 0, g);
            math.forwardStep((int) t, ps, recs, ss);
        }
        backpropReady = forBackprop;
    }

    /** Writes (or adds) the outputs of the last forward pass into {@code target} ({@code [mb, H, T]}). */
    void writeOutput(SequenceView target, boolean accumulate) {
        math.writeOutput(target, accumulate);
    }

    /** The state after the last step of the last forward pass, {@code [mb, H]}, outside any workspace. */
    INDArray lastState() {
        return math.lastState();
    }

    boolean backpropReady() {
        return backpropReady;
    }

    /**
     * Back-propagation through the steps {@code [firstStep, T)} of the last forward pass (run with
     * {@code forBackprop}); the gradient targets are the layer's gradient views, {@code epsOut}
     * {@code [mb, nIn, T]} receives (or with {@code accumulate} adds) the input gradient; {@code epsilon}
     * and {@code epsOut} are reversed if the input was.
     */
    void backward(SequenceView epsilon, long firstStep, INDArray w, INDArray rw,
                  INDArray dW, INDArray dRW, INDArray db, INDArray drb, SequenceView epsOut, boolean accumulate) {
        if (!backpropReady) {
            throw new IllegalStateException("GRU kernel: backward without a forward pass kept for back-propagation");
        }
        backpropReady = false;
        long rows = steps * mb;
        long g = 3 * h;
        long n1 = nIn + 1;
        INDArray dRec = buffers.get("dRec", type, rows, g);
        INDArray recGrad = buffers.get("recGrad", type, mb, h);
        INDArray rwT = buffers.get("rwT", type, g, h).assign(rw.transpose());
        HostArray ps = HostArray.of(p);
        HostArray drs = HostArray.of(dRec);
        HostArray rgs = HostArray.of(recGrad);
        HostArray rwTs = HostArray.of(rwT);
        math.beginBackward(epsilon);
        for (long t = steps - 1; t >= firstStep; t--) {
            if (t < steps - 1) {
                HostArray.gemm(false, false, mb, h, g, 1, drs, (t + 1) * mb * g, g, rwTs, 0, h, 0, rgs, 0, h);
            }
            math.backwardStep((int) t, t < steps - 1 ? rgs : null, ps, drs);
        }

        long first = firstStep * mb;
        long used = rows - first;
        INDArray dWt = buffers.get("dWt", type, g, n1);
        HostArray.gemm(true, false, g, n1, used, 1, ps, first * g, g, HostArray.of(x), first * n1, n1, 0, HostArray.of(dWt), 0, n1);
        dW.assign(dWt.get(all(), interval(0, nIn)).transpose());
        db.assign(dWt.get(all(), interval(nIn, n1)).reshape(db.shape()));
        INDArray dRWt = buffers.get("dRWt", type, g, h + 1);
        HostArray.gemm(true, false, g, h + 1, used, 1, drs, first * g, g, HostArray.of(states), first * (h + 1), h + 1,
                0, HostArray.of(dRWt), 0, h + 1);
        dRW.assign(dRWt.get(all(), interval(0, h)).transpose());
        drb.assign(dRWt.get(all(), interval(h, h + 1)).reshape(drb.shape()));

        INDArray wT = buffers.get("wT", type, g, nIn).assign(w.transpose());
        HostArray xs = HostArray.of(x);
        HostArray.gemm(false, false, used, nIn, g, 1, ps, first * g, g, HostArray.of(wT), 0, nIn, 0, xs, first * n1, n1);
        if (firstStep > 0) {
            x.get(interval(0, first), all()).assign(0);
        }
        epsOut.scatterFrom(xs, (int) n1, accumulate);
    }
}
