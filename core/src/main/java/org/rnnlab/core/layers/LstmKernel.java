package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward and backward sweeps of an {@link Lstm} layer over host memory (see {@link Lstm} for the
 * equations). Everything is time-major, row {@code t·mb + b} holding example {@code b} at step
 * {@code t}:
 * <ul>
 *   <li>the input projection of all steps is one product {@code Z = X W + b}, {@code [T·mb, 4H]};</li>
 *   <li>each step adds one product {@code h_{t-1} RW} to its block of Z, applies one native sigmoid to the
 *       whole contiguous block (the candidate block's weights are doubled beforehand so that
 *       {@code tanh(a) = 2σ(2a) − 1} comes out of the same call), then one loop computes the cell, one
 *       native tanh the squashed cell and one loop the output;</li>
 *   <li>the backward sweep needs one product per step ({@code dZ_{t+1} RWᵀ}) and one loop, which
 *       overwrites the gate values with the gate pre-activation gradients {@code dZ}; after it, the
 *       weight gradients are single large products {@code Xᵀ dZ}, {@code Hᵀ dZ}, {@code 1ᵀ dZ} and the
 *       input gradient {@code dZ Wᵀ}.</li>
 * </ul>
 * Buffers are reused across steps and minibatches ({@link KernelBuffers}). A forward pass kept for
 * back-propagation is consumed by {@link #backward}.
 */
final class LstmKernel {

    private final long nIn;
    private final long h;
    private final KernelBuffers buffers = new KernelBuffers();

    // the last forward pass
    private DataType type;
    private long steps;
    private long mb;
    private INDArray x;       // [T·mb, nIn] input, time-major
    private INDArray z;       // [T·mb, 4H] gate activations (candidate, forget, output, input gate)
    private INDArray c;       // [T·mb, H] cell states (masked)
    private INDArray tc;      // [T·mb, H] tanh of the unmasked cell states
    private INDArray out;     // [T·mb, H] outputs (masked)
    private INDArray mask;    // [T·mb] time-major mask, or null
    private INDArray h0;      // [mb, H] initial output, or null for zero
    private INDArray c0;      // [mb, H] initial cell, or null for zero
    private boolean backpropReady;

    LstmKernel(long nIn, long h) {
        this.nIn = nIn;
        this.h = h;
    }

    /**
     * Runs the layer over {@code input} ({@code [mb, nIn, T]}, any order).
     *
     * @param maskArray    {@code [mb, T]} (1 real step, 0 padding) or null
     * @param initialOut   {@code [mb, H]} output of the step before, or null for zero
     * @param initialCell  {@code [mb, H]} cell of the step before, or null for zero
     * @param w            input weights {@code [nIn, 4H]}
     * @param rw           recurrent weights {@code [H, 4H]}
     * @param b            bias {@code [1, 4H]}
     * @param forBackprop  whether {@link #backward} will follow
     */
    void forward(INDArray input, INDArray maskArray, INDArray initialOut, INDArray initialCell,
                 INDArray w, INDArray rw, INDArray b, boolean forBackprop) {
        type = w.dataType();
        mb = input.size(0);
        steps = input.size(2);
        long rows = steps * mb;
        long g = 4 * h;
        x = buffers.get("x", type, rows, nIn);
        x.reshape('c', steps, mb, nIn).assign(input.permute(2, 0, 1));
        z = buffers.get("z", type, rows, g);
        c = buffers.get("c", type, rows, h);
        tc = buffers.get("tc", type, rows, h);
        out = buffers.get("out", type, rows, h);
        mask = maskArray == null ? null : buffers.get("mask", type, steps, mb).assign(maskArray.transpose());
        h0 = initialOut == null ? null : buffers.get("h0", type, mb, h).assign(initialOut);
        c0 = initialCell == null ? null : buffers.get("c0", type, mb, h).assign(initialCell);

        // weights with the candidate block doubled: sigmoid(2a) gives tanh(a) = 2 sigmoid(2a) - 1
        INDArray w2 = buffers.get("w2", type, nIn, g).assign(w);
        INDArray rw2 = buffers.get("rw2", type, h, g).assign(rw);
        INDArray b2 = buffers.get("b2", type, 1, g).assign(b);
        w2.get(all(), interval(0, h)).muli(2);
        rw2.get(all(), interval(0, h)).muli(2);
        b2.get(all(), interval(0, h)).muli(2);

        HostArray xs = HostArray.of(x);
        HostArray zs = HostArray.of(z);
        HostArray cs = HostArray.of(c);
        HostArray tcs = HostArray.of(tc);
        HostArray hs = HostArray.of(out);
        HostArray ms = mask == null ? null : HostArray.of(mask);
        HostArray h0s = h0 == null ? null : HostArray.of(h0);
        HostArray c0s = c0 == null ? null : HostArray.of(c0);
        HostArray rws = HostArray.of(rw2);

        HostArray.gemm(false, false, rows, g, nIn, 1, xs, 0, nIn, HostArray.of(w2), 0, g, 0, zs, 0, g);
        z.addiRowVector(b2);

        long block = mb * g;
        long cellBlock = mb * h;
        for (long t = 0; t < steps; t++) {
            long zo = t * block;
            long co = t * cellBlock;
            if (t > 0) {
                HostArray.gemm(false, false, mb, g, h, 1, hs, co - cellBlock, h, rws, 0, g, 1, zs, zo, g);
            } else if (h0s != null) {
                HostArray.gemm(false, false, mb, g, h, 1, h0s, 0, h, rws, 0, g, 1, zs, zo, g);
            }
            Nd4j.getExecutioner().exec(new Sigmoid(range(z, zo, block)));
            for (long e = 0; e < mb; e++) {
                long row = zo + e * g;
                long cell = co + e * h;
                double m = ms == null ? 1 : ms.get(t * mb + e);
                for (long k = 0; k < h; k++) {
                    double cand = 2 * zs.get(row + k) - 1;
                    zs.set(row + k, cand);
                    double f = zs.get(row + h + k);
                    double in = zs.get(row + 3 * h + k);
                    double prev = t > 0 ? cs.get(cell - cellBlock + k) : c0s == null ? 0 : c0s.get(e * h + k);
                    double raw = f * prev + in * cand;
                    cs.set(cell + k, m * raw);
                    tcs.set(cell + k, raw);
                }
            }
            Nd4j.getExecutioner().exec(new Tanh(range(tc, co, cellBlock)));
            for (long e = 0; e < mb; e++) {
                long row = zo + e * g + 2 * h;
                long cell = co + e * h;
                double m = ms == null ? 1 : ms.get(t * mb + e);
                for (long k = 0; k < h; k++) {
                    hs.set(cell + k, m * zs.get(row + k) * tcs.get(cell + k));
                }
            }
        }
        backpropReady = forBackprop;
    }

    /** Writes the outputs of the last forward pass into {@code target} ({@code [mb, H, T]}, any order). */
    void writeOutput(INDArray target) {
        target.assign(out.reshape('c', steps, mb, h).permute(1, 2, 0));
    }

    /** Output of the last step of the last forward pass, {@code [mb, H]} (a view of a reused buffer). */
    INDArray lastOutput() {
        return out.get(interval((steps - 1) * mb, steps * mb), all());
    }

    /** Cell of the last step of the last forward pass, {@code [mb, H]} (a view of a reused buffer). */
    INDArray lastCell() {
        return c.get(interval((steps - 1) * mb, steps * mb), all());
    }

    /** Whether a forward pass kept for back-propagation is waiting. */
    boolean backpropReady() {
        return backpropReady;
    }

    /**
     * Back-propagation through the steps {@code [firstStep, T)} of the last forward pass (which must have
     * been run with {@code forBackprop}); gradients do not flow into earlier steps.
     *
     * @param epsilon  dL/d(output), {@code [mb, H, T]}, any order
     * @param w        input weights (as in the forward pass)
     * @param rw       recurrent weights
     * @param dW       receives dL/dW {@code [nIn, 4H]}
     * @param dRW      receives dL/dRW {@code [H, 4H]}
     * @param db       receives dL/db {@code [1, 4H]}
     * @param epsOut   receives dL/d(input), {@code [mb, nIn, T]}, any order
     */
    void backward(INDArray epsilon, long firstStep, INDArray w, INDArray rw,
                  INDArray dW, INDArray dRW, INDArray db, INDArray epsOut) {
        if (!backpropReady) {
            throw new IllegalStateException("LSTM kernel: backward without a forward pass kept for back-propagation");
        }
        backpropReady = false;
        long rows = steps * mb;
        long g = 4 * h;
        long block = mb * g;
        long cellBlock = mb * h;
        INDArray dh = buffers.get("dh", type, rows, h);
        dh.reshape('c', steps, mb, h).assign(epsilon.permute(2, 0, 1));
        INDArray carry = buffers.get("carry", type, mb, h).assign(0);
        INDArray rwT = buffers.get("rwT", type, g, h).assign(rw.transpose());
        HostArray dhs = HostArray.of(dh);
        HostArray zs = HostArray.of(z);
        HostArray cs = HostArray.of(c);
        HostArray tcs = HostArray.of(tc);
        HostArray carrys = HostArray.of(carry);
        HostArray ms = mask == null ? null : HostArray.of(mask);
        HostArray c0s = c0 == null ? null : HostArray.of(c0);
        HostArray rwTs = HostArray.of(rwT);

        for (long t = steps - 1; t >= firstStep; t--) {
            long zo = t * block;
            long co = t * cellBlock;
            if (t < steps - 1) {
                HostArray.gemm(false, false, mb, h, g, 1, zs, zo + block, g, rwTs, 0, h, 1, dhs, co, h);
            }
            for (long e = 0; e < mb; e++) {
                long row = zo + e * g;
                long cell = co + e * h;
                double m = ms == null ? 1 : ms.get(t * mb + e);
                for (long k = 0; k < h; k++) {
                    double cand = zs.get(row + k);
                    double f = zs.get(row + h + k);
                    double o = zs.get(row + 2 * h + k);
                    double in = zs.get(row + 3 * h + k);
                    double squashed = tcs.get(cell + k);
                    double prev = t > 0 ? cs.get(cell - cellBlock + k) : c0s == null ? 0 : c0s.get(e * h + k);
                    double dOut = m * dhs.get(cell + k);
                    double dCell = m * carrys.get(e * h + k) + dOut * o * (1 - squashed * squashed);
                    zs.set(row + k, dCell * in * (1 - cand * cand));
                    zs.set(row + h + k, dCell * prev * f * (1 - f));
                    zs.set(row + 2 * h + k, dOut * squashed * o * (1 - o));
                    zs.set(row + 3 * h + k, dCell * cand * in * (1 - in));
                    carrys.set(e * h + k, dCell * f);
                }
            }
        }

        long first = firstStep * mb;
        long used = rows - first;
        HostArray xs = HostArray.of(x);
        HostArray hs = HostArray.of(out);
        INDArray dWt = buffers.get("dWt", type, g, nIn);
        HostArray.gemm(true, false, g, nIn, used, 1, zs, first * g, g, xs, first * nIn, nIn, 0, HostArray.of(dWt), 0, nIn);
        dW.assign(dWt.transpose());

        INDArray dRWt = buffers.get("dRWt", type, g, h).assign(0);
        HostArray dRWts = HostArray.of(dRWt);
        long withPrevious = Math.max(first, mb); // rows whose previous output is in `out`
        HostArray.gemm(true, false, g, h, rows - withPrevious, 1, zs, withPrevious * g, g, hs, (withPrevious - mb) * h, h,
                0, dRWts, 0, h);
        if (firstStep == 0 && h0 != null) {
            HostArray.gemm(true, false, g, h, mb, 1, zs, 0, g, HostArray.of(h0), 0, h, 1, dRWts, 0, h);
        }
        dRW.assign(dRWt.transpose());

        INDArray ones = buffers.get("ones", type, 1, used).assign(1);
        INDArray dbRow = buffers.get("db", type, 1, g);
        HostArray.gemm(false, false, 1, g, used, 1, HostArray.of(ones), 0, used, zs, first * g, g, 0, HostArray.of(dbRow), 0, g);
        db.assign(dbRow);

        // input gradient dZ Wᵀ, written over X (no longer needed)
        INDArray wT = buffers.get("wT", type, g, nIn).assign(w.transpose());
        HostArray.gemm(false, false, used, nIn, g, 1, zs, first * g, g, HostArray.of(wT), 0, nIn, 0, xs, first * nIn, nIn);
        if (firstStep > 0) {
            x.get(interval(0, first), all()).assign(0);
        }
        epsOut.assign(x.reshape('c', steps, mb, nIn).permute(1, 2, 0));
    }

    /** A 1-d view of {@code length} elements of contiguous {@code array} starting at element {@code from}. */
    private static INDArray range(INDArray array, long from, long length) {
        return Nd4j.create(array.data(), new long[] {length}, new long[] {1}, array.offset() + from, 'c');
    }
}
