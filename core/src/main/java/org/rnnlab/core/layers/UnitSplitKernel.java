package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * {@link CellKernel}'s sweeps for training with {@code --threads} > 1, split across the layer's <em>units</em> instead
 * of the minibatch's examples ({@link BatchSplitKernel}): thread p computes units {@code [u_p, u_{p+1})} of every step
 * for all examples, so every product keeps the whole minibatch's rows.
 *
 * <p>Splitting the examples halves the rows of every product, and at a minibatch of 64 a half trained at 0.78-0.80 of
 * the whole's rate per example (README, <em>Two threads</em>), which bounded two threads near 1.5x one. Here each
 * thread's step is {@code Z_t[:, p] += h_{t-1} RW[:, p]} ({@code [mb, H] x [H, blocks·H_p]}, its gates' columns of the
 * recurrent weights) and its units' element-wise part ({@link CellMath} over {@code H_p} units, placed in the whole rows
 * by {@link CellMath#layout}); since the next step's product reads every unit of {@code h_t}, the threads meet at a
 * {@link StepBarrier} once per step. Backwards, {@code dh_{t}[:, p] = dZ_{t+1} RWᵀ[:, p]} reads every thread's
 * {@code dZ_{t+1}}, again one barrier per step. The weight gradients of a thread's columns ({@code [X 1]ᵀ Z[:, p]},
 * {@code H_{t-1}ᵀ Z[:, p]}) are its own, with nothing to sum across threads; the input gradient {@code dZ Wᵀ} is split by
 * rows.
 *
 * <p>Layout: the pre-activations {@code Z} ({@code [T·mb, G]}, {@code G = blocks·H}) hold the threads' column blocks side
 * by side, thread p's {@code blocks} gate blocks of {@code H_p} columns from column {@code blocks·u_p} ("part-major");
 * the outputs {@code [T·mb, H]} are in unit order. The weights are copied into that order per pass (each thread its
 * columns, and the transposed recurrent weights' rows in part-major order for the backward product).
 *
 * <p>Results: each output is the same sum of products as in {@link CellKernel} (the products' blocking differs, so the
 * last bits may), the weight gradients are each computed once (no sum across threads).
 */
final class UnitSplitKernel implements RecurrentKernel {

    /**
     * Fewest units per thread: below 64 a step's product and element-wise work (about 10 µs at hidden 64, minibatch 64)
     * are too short for a barrier per step; measured in the README (<em>Two threads</em>).
     */
    static final int MIN_UNITS_PER_PART = 64;

    /** Fewest units per thread (tests lower it to split small layers). */
    static volatile int minUnitsPerPart = Integer.getInteger("rnnlab.unitsPerThread", MIN_UNITS_PER_PART);

    /** Forward and backward passes run split by units in this process (tests check the route). */
    private static final AtomicLong PASSES = new AtomicLong();

    private final long nIn;
    private final long h;
    private final int blocks;
    private final BiFunction<HostArray, Integer, CellMath> mathFor;
    private final KernelBuffers buffers = new KernelBuffers();
    private Part[] parts = new Part[0];
    private StepBarrier barrier;

    // the last forward pass
    private DataType type;
    private long steps;
    private long mb;
    private INDArray x;    // [T·mb, nIn + 1] input with a column of ones, time-major
    private INDArray out;  // [T·mb, H] outputs
    private INDArray h0;   // [mb, H] initial output, or null
    private INDArray dx;   // [T·mb, nIn] input gradient of the last backward pass
    private boolean backpropReady;

    /** One thread's units and its own products, element-wise part and buffers. */
    private static final class Part {
        final int index;
        final int u0;
        final int hp;
        final KernelBuffers buffers = new KernelBuffers();
        final StepProduct forwardProduct = new StepProduct(true);
        /** dh_t[:, p] = Σ_q dZ_{t+1}[q] RWᵀ[q, p]: one product per part q, the first written, the others added */
        StepProduct[] backwardProducts = new StepProduct[0];
        INDArray z; // [T·mb, blocks·H_p] this part's pre-activations (after backward: their gradients)
        final SweepProduct sweepProduct = new SweepProduct();
        CellMath math;

        Part(int index, int u0, int u1) {
            this.index = index;
            this.u0 = u0;
            this.hp = u1 - u0;
        }
    }

    /**
     * @param blocks  pre-activation blocks of H per step (LSTM 4, RNN 1)
     * @param mathFor the cell's element-wise part for a sample array's precision and a number of units
     */
    UnitSplitKernel(long nIn, long h, int blocks, BiFunction<HostArray, Integer, CellMath> mathFor) {
        this.nIn = nIn;
        this.h = h;
        this.blocks = blocks;
        this.mathFor = mathFor;
    }

    /** How many threads a layer of {@code h} units is split over (1: not split): at most {@link KernelThreads#threads()}. */
    static int parts(long h) {
        int threads = KernelThreads.threads();
        return (int) Math.max(1, Math.min(threads, h / Math.max(1, minUnitsPerPart)));
    }

    /** How many forward and backward passes ran split by units in this process. */
    static long passes() {
        return PASSES.get();
    }

    /** Whether this layer is split at the current thread count ({@link #parts(long)} > 1). */
    boolean splits() {
        return parts(h) > 1;
    }

    private void ensureParts(int count) {
        if (parts.length == count) {
            return;
        }
        int[] bounds = KernelThreads.bounds((int) h, count);
        parts = new Part[count];
        for (int p = 0; p < count; p++) {
            parts[p] = new Part(p, bounds[p], bounds[p + 1]);
            parts[p].backwardProducts = new StepProduct[count];
            for (int q = 0; q < count; q++) {
                parts[p].backwardProducts[q] = new StepProduct(q > 0);
            }
        }
        barrier = new StepBarrier(count);
    }

    /** Units {@code [u0, u0 + hp)} of gate block {@code j}: columns of the layer's own weight layout. */
    private INDArray gateColumns(INDArray a, int j, Part q) {
        long from = j * h + q.u0;
        return a.rank() == 1 ? a.get(interval(from, from + q.hp)) : a.get(all(), interval(from, from + q.hp));
    }

    @Override
    public boolean forward(SequenceView input, SequenceView mask, INDArray[] initialState, CellWeights weights,
                           boolean forBackprop, INDArray outputRows) {
        ensureParts(parts(h));
        INDArray initialOut = initialState == null ? null : initialState[0];
        INDArray initialCell = initialState == null || initialState.length < 2 ? null : initialState[1];
        type = weights.input().dataType();
        mb = input.mb;
        steps = input.steps;
        long rows = steps * mb;
        long g = blocks * h;
        long n1 = nIn + 1;
        if (rows * Math.max(g, n1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("recurrent layer: minibatch x steps x max(" + blocks + " x hidden, inputs + 1) = "
                    + rows * Math.max(g, n1) + " exceeds 2^31 - 1 elements; use smaller minibatches or shorter sequences");
        }
        x = buffers.get("x", type, rows, n1);
        input.gatherInto(HostArray.of(x), (int) n1);
        out = buffers.get("out", type, rows, h);
        h0 = initialOut == null ? null : buffers.get("h0", type, mb, h).assign(initialOut);
        INDArray c0 = initialCell == null ? null : buffers.get("c0", type, mb, h).assign(initialCell);
        barrier.reset();
        Runnable[] tasks = new Runnable[parts.length];
        for (Part part : parts) {
            tasks[part.index] = guarded(() -> forwardPart(part, mask, c0, weights));
        }
        KernelThreads.run(tasks);
        PASSES.incrementAndGet();
        backpropReady = forBackprop;
        return false;
    }

    /** A part's task: a failure breaks the barrier, so that the other parts stop waiting for it. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                barrier.breakBarrier();
                throw e;
            }
        };
    }

    private void forwardPart(Part part, SequenceView mask, INDArray c0, CellWeights weights) {
        long rows = steps * mb;
        long g = blocks * h;
        long n1 = nIn + 1;
        long gp = (long) blocks * part.hp;
        // this part's columns of every gate block: [W; b] and RW
        INDArray wp = part.buffers.get("w", type, n1, gp);
        INDArray rwp = part.buffers.get("rw", type, h, gp);
        INDArray bias = weights.bias().reshape(1, g);
        for (int j = 0; j < blocks; j++) {
            INDArrayIndex cols = interval((long) j * part.hp, (long) (j + 1) * part.hp);
            wp.get(interval(0, nIn), cols).assign(gateColumns(weights.input(), j, part));
            wp.get(interval(nIn, n1), cols).assign(gateColumns(bias, j, part));
            rwp.get(all(), cols).assign(gateColumns(weights.recurrent(), j, part));
        }
        part.z = part.buffers.get("z", type, rows, gp);
        HostArray zs = HostArray.of(part.z);
        HostArray hs = HostArray.of(out);
        if (part.math == null || part.math.singlePrecision() != zs instanceof HostArray.F32) {
            part.math = mathFor.apply(zs, part.hp);
            part.math.layout(0, 0, (int) h, part.u0);
        }
        INDArray c0p = c0 == null ? null : part.buffers.get("c0", type, mb, part.hp).assign(c0.get(all(), interval(part.u0, part.u0 + part.hp)));
        part.math.begin((int) steps, (int) mb, mask, c0p == null ? null : HostArray.of(c0p));
        HostArray.gemm(false, false, rows, gp, n1, 1, HostArray.of(x).matrix(0, n1), HostArray.of(wp).matrix(0, gp), 0,
                zs.matrix(0, gp));
        StepProduct product = part.forwardProduct;
        product.prepare(mb, h, gp, HostArray.of(rwp).matrix(0, gp));
        HostArray h0s = h0 == null ? null : HostArray.of(h0);
        for (long t = 0; t < steps; t++) {
            if (t > 0) {
                barrier.await(); // every part's outputs of step t - 1 are written
                product.multiply(hs.matrix((t - 1) * mb * h, h), zs.matrix(t * mb * gp, gp));
            } else if (h0s != null) {
                product.multiply(h0s.matrix(0, h), zs.matrix(0, gp));
            }
            part.math.forwardStep((int) t, zs, hs);
        }
    }

    @Override
    public void writeOutput(SequenceView target, boolean accumulate) {
        target.scatterFrom(HostArray.of(out), (int) h, accumulate);
    }

    @Override
    @SuppressWarnings("try")
    public INDArray[] lastState() {
        INDArray lastOut = KernelBuffers.detached(out.get(interval((steps - 1) * mb, steps * mb), all()));
        INDArray[] cells = new INDArray[parts.length];
        for (Part part : parts) {
            cells[part.index] = part.math.lastCell();
            if (cells[part.index] == null) {
                return new INDArray[] {lastOut};
            }
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new INDArray[] {lastOut, Nd4j.hstack(cells)};
        }
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
        long rows = steps * mb;
        long g = blocks * h;
        // Wᵀ's rows of each part's columns, for the input gradient dZ Wᵀ = Σ_q dZ[q] Wᵀ[q]
        INDArray[] wT = new INDArray[parts.length];
        for (Part q : parts) {
            wT[q.index] = buffers.get("wT" + q.index, type, (long) blocks * q.hp, nIn);
            for (int j = 0; j < blocks; j++) {
                wT[q.index].get(interval((long) j * q.hp, (long) (j + 1) * q.hp), all())
                        .assign(gateColumns(weights.input(), j, q).transpose());
            }
        }
        dx = buffers.get("dx", type, rows, nIn);
        barrier.reset();
        Runnable[] tasks = new Runnable[parts.length];
        for (Part part : parts) {
            SequenceView eps = epsilon.units(part.u0, part.u0 + part.hp);
            tasks[part.index] = guarded(() -> backwardPart(part, eps, firstStep, weights, gradients, wT));
        }
        KernelThreads.run(tasks);
        PASSES.incrementAndGet();
        if (firstStep > 0) {
            dx.get(interval(0, firstStep * mb), all()).assign(0);
        }
        if (epsOut != null) {
            writeInputGradient(epsOut, accumulate);
        }
    }

    private void backwardPart(Part part, SequenceView epsilon, long firstStep, CellWeights weights, CellWeights gradients,
                              INDArray[] wT) {
        long rows = steps * mb;
        long g = blocks * h;
        long n1 = nIn + 1;
        long gp = (long) blocks * part.hp;
        // RWᵀ's columns of this part's units, its rows those of part q's columns: dh_t[:, p] = Σ_q dZ_{t+1}[q] rwT[q]
        INDArray myRows = weights.recurrent().get(interval(part.u0, part.u0 + part.hp), all());
        HostArray[] zq = new HostArray[parts.length];
        for (Part q : parts) {
            INDArray rwT = part.buffers.get("rwT" + q.index, type, (long) blocks * q.hp, part.hp);
            for (int j = 0; j < blocks; j++) {
                rwT.get(interval((long) j * q.hp, (long) (j + 1) * q.hp), all()).assign(gateColumns(myRows, j, q).transpose());
            }
            part.backwardProducts[q.index].prepare(mb, (long) blocks * q.hp, part.hp, HostArray.of(rwT).matrix(0, part.hp));
            zq[q.index] = HostArray.of(q.z);
        }
        INDArray rec = part.buffers.get("rec", type, mb, part.hp);
        HostArray zs = zq[part.index];
        HostArray recs = HostArray.of(rec);
        part.math.beginBackward(epsilon);
        for (long t = steps - 1; t >= firstStep; t--) {
            if (t < steps - 1) {
                barrier.await(); // every part's dZ of step t + 1 is written
                for (Part q : parts) {
                    long gq = (long) blocks * q.hp;
                    part.backwardProducts[q.index].multiply(zq[q.index].matrix((t + 1) * mb * gq, gq), recs.matrix(0, part.hp));
                }
            }
            part.math.backwardStep((int) t, t < steps - 1 ? recs : null, zs);
        }
        barrier.await(); // all of dZ is written: the input gradient reads every part's columns

        long first = firstStep * mb;
        long used = rows - first;
        HostArray xs = HostArray.of(x);
        SweepProduct sweep = part.sweepProduct;
        // [dW; db] of this part's columns = [X 1]ᵀ Z[:, p]
        INDArray dW = part.buffers.get("dW", type, n1, gp);
        sweep.multiply(true, false, n1, gp, used, xs.matrix(first * n1, n1), zs.matrix(first * gp, gp), 0,
                HostArray.of(dW).matrix(0, gp));
        // dRW of this part's columns = H_{t-1}ᵀ Z[:, p]
        INDArray dRW = part.buffers.get("dRW", type, h, gp).assign(0);
        HostArray dRWs = HostArray.of(dRW);
        long withPrevious = Math.max(first, mb);
        sweep.multiply(true, false, h, gp, rows - withPrevious, HostArray.of(out).matrix((withPrevious - mb) * h, h),
                zs.matrix(withPrevious * gp, gp), 0, dRWs.matrix(0, gp));
        if (firstStep == 0 && h0 != null) {
            sweep.multiply(true, false, h, gp, mb, HostArray.of(h0).matrix(0, h), zs.matrix(0, gp), 1, dRWs.matrix(0, gp));
        }
        for (int j = 0; j < blocks; j++) {
            INDArrayIndex cols = interval((long) j * part.hp, (long) (j + 1) * part.hp);
            gateColumns(gradients.input(), j, part).assign(dW.get(interval(0, nIn), cols));
            INDArray biasColumns = gateColumns(gradients.bias(), j, part);
            biasColumns.assign(dW.get(interval(nIn, n1), cols).reshape(biasColumns.shape()));
            gateColumns(gradients.recurrent(), j, part).assign(dRW.get(all(), cols));
        }
        // this part's rows of the input gradient dZ Wᵀ
        int[] share = KernelThreads.bounds((int) used, parts.length);
        long r0 = first + share[part.index];
        long r1 = first + share[part.index + 1];
        for (Part q : parts) {
            long gq = (long) blocks * q.hp;
            sweep.multiply(false, false, r1 - r0, nIn, gq, zq[q.index].matrix(r0 * gq, gq), HostArray.of(wT[q.index]).matrix(0, nIn),
                    q.index == 0 ? 0 : 1, HostArray.of(dx).matrix(r0 * nIn, nIn));
        }
    }

    @Override
    public void writeInputGradient(SequenceView epsOut, boolean accumulate) {
        epsOut.scatterFrom(HostArray.of(dx), (int) nIn, accumulate);
    }
}
