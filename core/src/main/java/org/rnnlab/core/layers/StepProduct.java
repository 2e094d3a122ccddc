package org.rnnlab.core.layers;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;

/**
 * The per-step products of a recurrent sweep, {@code C = A B} or {@code C += A B} with one fixed right-hand matrix
 * {@code B} ({@code [k, n]}: the recurrent weights, or their transpose in the backward sweep) and a new {@code A}
 * ({@code [m, k]}: the minibatch's previous outputs or gradients) at every step.
 *
 * <p>In single precision they go through oneDNN's {@code matmul} primitive with {@code B} reordered once per sweep
 * ({@link #prepare}) into the blocked layout its JIT kernel reads ({@code format_tag::any}). OpenBLAS's
 * {@code cblas_sgemm} instead packs {@code B} on every call, which at these shapes costs as much as a large part of
 * the product: measured with {@code ./rnnlab bench --gemm}, [32 x 128] x [128 x 512] ran at 62 GFLOP/s in OpenBLAS
 * against 124 in oneDNN's matmul with {@code B} kept blocked, [64 x 128] x [128 x 512] at 91 against 124 (the
 * halves of a minibatch split over two threads are the small-{@code m} case). Accumulating products ({@code C +=})
 * use oneDNN's {@code sum} post-op. A product {@link #paddedWidth} widens is computed into an output of this class's own,
 * with {@code B} copied into zero-padded rows at {@link #prepare}, and its first {@code n} columns are copied into (or
 * added to) {@code C} by a oneDNN reorder: some 20 µs for a [64 x 1024] output against the 0.4-1.5 ms the padding
 * saves in the product (callers whose {@code C} rows are already wide enough, the LSTM's, pass the padded width and
 * skip the copy). Double precision (gradient checks), strided operands that oneDNN cannot take, small
 * products ({@link #MIN_WEIGHTS}, {@link #MIN_MULTIPLY_ADDS}) and {@code -Drnnlab.onednn=off} use {@link HostArray#gemm}.
 *
 * <p>The primitive is made for a shape ({@code m}, {@code k}, {@code n}, the row strides, accumulate or not, padded or
 * not) and kept until one of them changes. Not thread-safe: one per kernel instance and direction of sweep.
 */
final class StepProduct {

    private static final memory.data_type F32 = memory.data_type.f32;
    /**
     * Products with fewer elements in {@code B} stay on OpenBLAS: at [64 x 64] x [64 x 64] (a vanilla RNN of 64 units)
     * oneDNN's call costs more than its blocked layout saves (training 0.96-0.98x in-process A/B), from an LSTM's
     * [64 x 64] x [64 x 256] on it gains (1.07x).
     */
    static final long MIN_WEIGHTS = 1L << 14;
    /**
     * Products of fewer multiply-adds ({@code m·k·n}) also stay on OpenBLAS: one sequence at a time (serving, {@code m = 1})
     * through an RNN of 128 units ([1 x 128] x [128 x 128]) inferred at 0.75x through oneDNN, a GRU of 256 ([1 x 257] x
     * [257 x 768]) at 1.41x (in-process A/B, {@code output} calls alternating the route).
     */
    static final long MIN_MULTIPLY_ADDS = 1L << 16;
    /**
     * Row widths (in floats) that are a multiple of this get {@link #PAD} more in {@link #paddedWidth}: 2 KiB.
     */
    static final long PAD_PERIOD = 512;
    /** The columns {@link #paddedWidth} adds: one 64-byte cache line of floats. */
    static final long PAD = 16;
    /** Products computed by oneDNN in this process (tests check the route). */
    private static final AtomicLong BY_ONEDNN = new AtomicLong();

    private final boolean accumulate;
    private boolean byOneDnn;
    private HostArray.Matrix b;
    // the prepared shape
    private long m;
    private long k;
    private long n;
    // the shape the primitive was made for
    private long builtM = -1;
    private long builtK = -1;
    private long builtN = -1;
    // the row strides of A and C the prepared products take (and the primitive was made for)
    private long lda;
    private long ldc;
    private long builtLda = -1;
    private long builtLdc = -1;

    // oneDNN's primitive for the current shape
    private stream strm;
    private matmul primitive;
    private IntMemoryMap args;
    private memory src;
    private memory dst;
    private memory weights;      // B in oneDNN's layout
    private memory userWeights;  // B as given, row-major
    private reorder weightsReorder;
    private IntMemoryMap weightsArgs;
    // a product computed wider than n (paddedWidth): B copied into zero-padded rows, C from the primitive's own output
    private boolean padded;
    private memory plainWeights; // [k, width] row-major, columns n.. zero
    private memory plainView;    // its first n columns
    private reorder padReorder;  // B -> plainView
    private IntMemoryMap padArgs;
    private memory outView;      // the first n columns of the primitive's own [m, width] output
    private memory userOut;      // C as given
    private reorder outReorder;  // outView -> C (or C += outView)
    private IntMemoryMap outArgs;

    /**
     * The width to compute a product of {@code n} output columns with in single precision: {@code n}, or {@code n + }{@value
     * #PAD} for a multiple of {@value #PAD_PERIOD} where oneDNN runs below AVX-512 ({@link #PAD_PROPERTY}), with that many
     * columns of zeros appended to {@code B} and {@code C}'s rows that far apart. oneDNN 3.8.1's matmul on a 2-vCPU AMD EPYC with AVX2 (no AVX-512) ran the LSTM's step products
     * at half speed when {@code n} was a power of two from 512 on (its blocked {@code B} then maps onto the same cache
     * sets; padding {@code C}'s rows alone did not help): {@code [64 x 256] x [256 x 1024]} 40 GFLOP/s against 87 at
     * {@code n} = 1040 and 86 at 1008, {@code [64 x 256] x [256 x 512]} 54 against 86 at 528, while {@code n} = 256 or 768
     * ran at 80-83 (2026-12-04, one thread, in one process, useful multiply-adds only; the same with n a multiple of 512
     * that is not a power of two, [64 x 513] x [513 x 1536] 23 against 44). The padding costs its share of
     * multiply-adds, 1.6% at 1024 and 3.1% at 512.
     */
    static long paddedWidth(long n) {
        if (n % PAD_PERIOD != 0) {
            return n;
        }
        String mode = System.getProperty(PAD_PROPERTY, "auto").trim();
        boolean pad = mode.equalsIgnoreCase("on") || !mode.equalsIgnoreCase("off") && OneDnn.belowAvx512();
        return pad ? n + PAD : n;
    }

    /**
     * {@code -Drnnlab.padRows}: {@code auto} (the default) pads where oneDNN runs below AVX-512 ({@link
     * OneDnn#belowAvx512}; on an AVX-512 machine, a Zen 5 EPYC, [64 x 256] x [256 x 1024] ran at 197 GFLOP/s against
     * 201-205 for square 256, no penalty to remove); {@code off} computes every product at its own width (for measuring the
     * padding's effect), {@code on} pads everywhere (tests, so that the padded paths run on every machine).
     */
    static final String PAD_PROPERTY = "rnnlab.padRows";

    /** @param accumulate whether the products add to {@code C} ({@code C += A B}) or replace it */
    StepProduct(boolean accumulate) {
        this.accumulate = accumulate;
    }

    /**
     * Fixes {@code B} ({@code [k, n]}) for the products of a sweep with {@code m} rows in {@code A}: in single
     * precision through oneDNN, {@code B} is copied into its blocked layout now, so it must not change before the last
     * {@link #multiply} of the sweep.
     */
    void prepare(long m, long k, long n, HostArray.Matrix b) {
        prepare(m, k, n, b, k, n);
    }

    /**
     * As {@link #prepare(long, long, long, HostArray.Matrix)}, for products whose {@code A} rows lie {@code lda} and
     * whose {@code C} rows lie {@code ldc} elements apart.
     */
    void prepare(long m, long k, long n, HostArray.Matrix b, long lda, long ldc) {
        this.b = b;
        this.m = m;
        this.k = k;
        this.n = n;
        this.lda = lda;
        this.ldc = ldc;
        byOneDnn = b.rowStride() == n && throughOneDnn(b.data() instanceof HostArray.F32, m, k, n);
        if (!byOneDnn) {
            return;
        }
        if (primitive == null || m != builtM || k != builtK || n != builtN || lda != builtLda || ldc != builtLdc
                || padded != (paddedWidth(n) != n)) { // the last: -Drnnlab.padRows changed since
            build(m, k, n, lda, ldc);
        }
        OneDnn.singleThreaded();
        userWeights.set_data_handle(b.data().bytesAt(b.offset()));
        if (padded) {
            padReorder.execute(strm, padArgs);
        }
        weightsReorder.execute(strm, weightsArgs);
        strm._wait();
    }

    /** {@code C (+)= A B} for {@code A} ({@code [m, k]}) and {@code C} ({@code [m, n]}) with the prepared shape and B. */
    void multiply(HostArray.Matrix a, HostArray.Matrix c) {
        if (!byOneDnn || a.rowStride() != lda || c.rowStride() != ldc) {
            HostArray.gemm(false, false, m, n, k, 1, a, b, accumulate ? 1 : 0, c);
            return;
        }
        src.set_data_handle(a.data().bytesAt(a.offset()));
        if (padded) {
            primitive.execute(strm, args);
            userOut.set_data_handle(c.data().bytesAt(c.offset()));
            outReorder.execute(strm, outArgs);
        } else {
            dst.set_data_handle(c.data().bytesAt(c.offset()));
            primitive.execute(strm, args);
        }
        strm._wait();
        BY_ONEDNN.incrementAndGet();
    }

    /** Whether the prepared products go through oneDNN (else OpenBLAS). */
    boolean byOneDnn() {
        return byOneDnn;
    }

    /** The number of columns the prepared products are computed with: {@code n}, or {@link #paddedWidth} through oneDNN. */
    long width() {
        return byOneDnn && padded ? paddedWidth(n) : n;
    }

    /**
     * Whether products of this shape in this precision would go through oneDNN (single precision, {@link #MIN_WEIGHTS},
     * {@link #MIN_MULTIPLY_ADDS}, oneDNN usable): a kernel pads its own rows only for those.
     */
    static boolean throughOneDnn(boolean singlePrecision, long m, long k, long n) {
        return singlePrecision && k * n >= MIN_WEIGHTS && m * k * n >= MIN_MULTIPLY_ADDS && OneDnn.usable();
    }

    /** Gives a reorder the scratchpad it asks for (the attributes of {@code OneDnnLstm.ownScratchpad} make it the caller's). */
    private static void scratchpad(reorder.primitive_desc pd, IntMemoryMap args, engine eng) {
        if (pd.scratchpad_desc().get_size() > 0) {
            args.put(DNNL_ARG_SCRATCHPAD, new memory(pd.scratchpad_desc(), eng));
        }
    }

    /** How many products oneDNN computed in this process. */
    static long byOneDnnCount() {
        return BY_ONEDNN.get();
    }

    private void build(long m, long k, long n, long lda, long ldc) {
        engine eng = OneDnn.engine();
        if (strm == null) {
            strm = new stream(eng);
        }
        long width = paddedWidth(n);
        padded = width != n;
        memory.desc srcDesc = new memory.desc(new long[] {m, k}, F32, new long[] {lda, 1});
        memory.desc anyWeights = new memory.desc(new long[] {k, width}, F32, memory.format_tag.any);
        memory.desc userDst = new memory.desc(new long[] {m, n}, F32, new long[] {ldc, 1});
        memory.desc dstDesc = padded ? new memory.desc(new long[] {m, width}, F32, memory.format_tag.ab) : userDst;
        primitive_attr attr = OneDnnLstm.ownScratchpad();
        if (accumulate && !padded) {
            post_ops sum = new post_ops();
            sum.append_sum(); // scale 1: C += A B
            attr.set_post_ops(sum);
        }
        matmul.primitive_desc pd = new matmul.primitive_desc(eng, srcDesc, anyWeights, dstDesc, attr, false);
        primitive = new matmul(pd);
        src = OneDnn.unbound(srcDesc);
        dst = padded ? new memory(dstDesc, eng) : OneDnn.unbound(dstDesc);
        weights = new memory(pd.weights_desc(), eng);
        args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, src);
        args.put(DNNL_ARG_WEIGHTS, weights);
        args.put(DNNL_ARG_DST, dst);
        if (pd.scratchpad_desc().get_size() > 0) {
            args.put(DNNL_ARG_SCRATCHPAD, new memory(pd.scratchpad_desc(), eng));
        }
        userWeights = OneDnn.unbound(new memory.desc(new long[] {k, n}, F32, memory.format_tag.ab));
        memory reorderFrom = userWeights;
        if (padded) {
            plainWeights = new memory(new memory.desc(new long[] {k, width}, F32, memory.format_tag.ab), eng);
            Pointer.memset(plainWeights.get_data_handle(), 0, k * width * Float.BYTES);
            plainView = new memory(new memory.desc(new long[] {k, n}, F32, new long[] {width, 1}), eng, plainWeights.get_data_handle());
            reorder.primitive_desc padPd = new reorder.primitive_desc(eng, userWeights.get_desc(), eng, plainView.get_desc(),
                    OneDnnLstm.ownScratchpad(), false);
            padReorder = new reorder(padPd);
            padArgs = new IntMemoryMap();
            padArgs.put(DNNL_ARG_FROM, userWeights);
            padArgs.put(DNNL_ARG_TO, plainView);
            scratchpad(padPd, padArgs, eng);
            reorderFrom = plainWeights;
            outView = new memory(new memory.desc(new long[] {m, n}, F32, new long[] {width, 1}), eng, dst.get_data_handle());
            userOut = OneDnn.unbound(userDst);
            primitive_attr outAttr = OneDnnLstm.ownScratchpad();
            if (accumulate) {
                post_ops sum = new post_ops();
                sum.append_sum(); // C += the product's first n columns
                outAttr.set_post_ops(sum);
            }
            reorder.primitive_desc outPd = new reorder.primitive_desc(eng, outView.get_desc(), eng, userDst, outAttr, false);
            outReorder = new reorder(outPd);
            outArgs = new IntMemoryMap();
            outArgs.put(DNNL_ARG_FROM, outView);
            outArgs.put(DNNL_ARG_TO, userOut);
            scratchpad(outPd, outArgs, eng);
        }
        reorder.primitive_desc rpd = new reorder.primitive_desc(eng, reorderFrom.get_desc(), eng, weights.get_desc(),
                OneDnnLstm.ownScratchpad(), false);
        weightsReorder = new reorder(rpd);
        weightsArgs = new IntMemoryMap();
        weightsArgs.put(DNNL_ARG_FROM, reorderFrom);
        weightsArgs.put(DNNL_ARG_TO, weights);
        scratchpad(rpd, weightsArgs, eng);
        builtM = m;
        builtK = k;
        builtN = n;
        builtLda = lda;
        builtLdc = ldc;
    }
}
