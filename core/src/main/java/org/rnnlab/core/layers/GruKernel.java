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
 * layer's ND4J-op implementation serves other backends. With {@code --threads} > 1, {@link BatchSplitKernel}
 * runs one instance per range of examples, each on its own thread (as for {@link CellKernel}).
 */
final class GruKernel implements RecurrentKernel {

    private final long nIn;
    private final long h;
    private final KernelBuffers buffers = new KernelBuffers();
    private final StepProduct forwardProduct = new StepProduct(false);   // [h_{t-1} 1] [RW; rb]
    private final StepProduct backwardProduct = new StepProduct(false);  // dRec_{t+1} RWᵀ
    private final SweepProduct sweepProduct = new SweepProduct();        // the backward sweep's weight and input gradients
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

    @Override
    public boolean forward(SequenceView input, SequenceView maskArray, INDArray[] initialState, CellWeights weights,
                           boolean forBackprop, INDArray outputRows) {
        INDArray initial = initialState == null ? null : initialState[0];
        type = weights.input().dataType();
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
        HostArray.assignAcrossOrders(weights.input(), wc.get(interval(0, nIn), all()));
        wc.get(interval(nIn, n1), all()).assign(weights.bias());
        INDArray rwc = buffers.get("rw", type, h + 1, g);
        HostArray.assignAcrossOrders(weights.recurrent(), rwc.get(interval(0, h), all()));
        rwc.get(interval(h, h + 1), all()).assign(weights.recurrentBias());

        HostArray ps = HostArray.of(p);
        HostArray ss = HostArray.of(states);
        HostArray recs = HostArray.of(rec);
        HostArray rws = HostArray.of(rwc);
        if (math == null || !math.getClass().equals(GruMath.of(ps, (int) h).getClass())) {
            math = GruMath.of(ps, (int) h);
        }
        math.begin((int) steps, (int) mb, maskArray,
                initial == null ? null : HostArray.of(buffers.get("h0", type, mb, h).assign(initial)));
        HostArray.gemm(false, false, rows, g, n1, 1, HostArray.of(x).matrix(0, n1), HostArray.of(wc).matrix(0, g), 0, ps.matrix(0, g));
        forwardProduct.prepare(mb, h + 1, g, rws.matrix(0, g));
        for (long t = 0; t < steps; t++) {
            forwardProduct.multiply(ss.matrix(t * mb * (h + 1), h + 1), recs.matrix(0, g));
            math.forwardStep((int) t, ps, recs, ss);
        }
        backpropReady = forBackprop;
        return false;
    }

    @Override
    public void writeOutput(SequenceView target, boolean accumulate) {
        math.writeOutput(target, accumulate);
    }

    /** {output} after the last step, outside any workspace. */
    @Override
    public INDArray[] lastState() {
        return new INDArray[] {math.lastState()};
    }

    @Override
    public long stepMultiplyAdds() {
        return 3 * h * h;
    }

    @Override
    public boolean backpropReady() {
        return backpropReady;
    }

    @Override
    public void backward(SequenceView epsilon, long firstStep, CellWeights weights, CellWeights gradients, SequenceView epsOut,
                         boolean accumulate) {
        if (!backpropReady) {
            throw new IllegalStateException("GRU kernel: backward without a forward pass kept for back-propagation");
        }
        backpropReady = false;
        long rows = steps * mb;
        long g = 3 * h;
        long n1 = nIn + 1;
        INDArray dRec = buffers.get("dRec", type, rows, g);
        INDArray recGrad = buffers.get("recGrad", type, mb, h);
        INDArray rwT = buffers.get("rwT", type, g, h).assign(weights.recurrent().transpose());
        HostArray ps = HostArray.of(p);
        HostArray drs = HostArray.of(dRec);
        HostArray rgs = HostArray.of(recGrad);
        HostArray rwTs = HostArray.of(rwT);
        math.beginBackward(epsilon);
        backwardProduct.prepare(mb, g, h, rwTs.matrix(0, h));
        for (long t = steps - 1; t >= firstStep; t--) {
            if (t < steps - 1) {
                backwardProduct.multiply(drs.matrix((t + 1) * mb * g, g), rgs.matrix(0, h));
            }
            math.backwardStep((int) t, t < steps - 1 ? rgs : null, ps, drs);
        }

        long first = firstStep * mb;
        long used = rows - first;
        // [dW; db] = [X 1]ᵀ Z: the ones column gives the bias gradient; [X 1]ᵀ Z rather than (Zᵀ [X 1])ᵀ, which oneDNN
        // computed 1.3-2x slower at these shapes (n1 = nIn + 1 columns of X against the 4H of Z)
        INDArray dW = buffers.get("dW", type, n1, g);
        sweepProduct.multiply(true, false, n1, g, used, HostArray.of(x).matrix(first * n1, n1), ps.matrix(first * g, g), 0, HostArray.of(dW).matrix(0, g));
        HostArray.assignAcrossOrders(dW.get(interval(0, nIn), all()), gradients.input());
        gradients.bias().assign(dW.get(interval(nIn, n1), all()).reshape(gradients.bias().shape()));
        // [dRW; dRb] = [H_{t-1} 1]ᵀ dR, in the recurrent weights' own [H, 3H] layout (rather than the transpose of dRᵀ [H_{t-1} 1],
        // which oneDNN computed more slowly, as for the LSTM's)
        INDArray dRW = buffers.get("dRW", type, h + 1, g);
        sweepProduct.multiply(true, false, h + 1, g, used, HostArray.of(states).matrix(first * (h + 1), h + 1), drs.matrix(first * g, g), 0, HostArray.of(dRW).matrix(0, g));
        HostArray.assignAcrossOrders(dRW.get(interval(0, h), all()), gradients.recurrent());
        gradients.recurrentBias().assign(dRW.get(interval(h, h + 1), all()).reshape(gradients.recurrentBias().shape()));

        INDArray wT = buffers.get("wT", type, g, nIn).assign(weights.input().transpose());
        HostArray xs = HostArray.of(x);
        sweepProduct.multiply(false, false, used, nIn, g, ps.matrix(first * g, g), HostArray.of(wT).matrix(0, nIn), 0, xs.matrix(first * n1, n1));
        if (firstStep > 0) {
            x.get(interval(0, first), all()).assign(0);
        }
        if (epsOut != null) {
            epsOut.scatterFrom(xs, (int) n1, accumulate);
        }
    }

    @Override
    public void writeInputGradient(SequenceView epsOut, boolean accumulate) {
        epsOut.scatterFrom(HostArray.of(x), (int) (nIn + 1), accumulate);
    }
}
