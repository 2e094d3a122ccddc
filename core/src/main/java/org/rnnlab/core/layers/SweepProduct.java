package org.rnnlab.core.layers;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;

/**
 * The once-per-sweep products of a recurrent kernel's backward sweep over all its rows ({@code T·mb}): the weight
 * gradients {@code [X 1]ᵀ Z}, {@code Zᵀ H} and the input gradient {@code Z Wᵀ}, {@code C = op(A) op(B) + beta C} with
 * {@code beta} 0 or 1.
 *
 * <p>In single precision they go through oneDNN's {@code matmul} primitive, a transposed operand given by its strides
 * (no copy). OpenBLAS's {@code cblas_sgemm} is slow at these shapes, which are long ({@code K} or {@code M} =
 * {@code T·mb}) and narrow on the other side (the inputs, 9 or 10 columns): for an LSTM of 256 units over 64 x 128
 * steps ({@code ./rnnlab bench}'s hidden-256 shape), in one process, medians of 7 blocks: {@code Zᵀ X} [1024 x 8192] x
 * [8192 x 10] 9.0 ms against OpenBLAS's 16.1, {@code Z Wᵀ} [8192 x 1024] x [1024 x 9] 5.1 against 9.9, {@code Zᵀ H}
 * [1024 x 8192] x [8192 x 256] 61.6 against 64.5 (oneDNN's {@code brg:avx512_core} here). The forward input projection
 * {@code X W} stays on OpenBLAS: [8192 x 10] x [10 x 1024] took 14.8 ms in oneDNN against 10.0 (faster in oneDNN only
 * for narrow {@code W}, 1.1 against 1.4 ms at [10 x 256]). Double precision (gradient checks), products below
 * {@link #MIN_MULTIPLY_ADDS} and {@code -Drnnlab.onednn=off} use {@link HostArray#gemm}. Whole training updates, in one
 * process alternating the two routes (11 blocks, median [range] of the per-block speed-ups, batch 64 x 128 steps):
 * LSTM 1.08 [1.04-1.12] at hidden 64 and 1.05 [0.98-1.11] at 256, GRU 1.02 [0.99-1.49] and 1.05 [0.91-1.15].
 * The input weight gradient was first computed as {@code Zᵀ [X 1]} ([4H x T·mb] x [T·mb x 10]); {@code [X 1]ᵀ Z}
 * ([10 x T·mb] x [T·mb x 4H]) is the same product transposed and took oneDNN 0.5-0.8 of its time (in one process on a
 * loaded machine, minima of 5-9 blocks: 0.49 against 2.30 ms at 4096 rows and hidden 64, 1.24 against 1.88 at hidden
 * 128, 3.81 against 4.02 at 8192 rows and hidden 128). Likewise the recurrent weight gradient is {@code H_{t-1}ᵀ Z} ([H x
 * T·mb] x [T·mb x 4H]), not {@code Zᵀ H_{t-1}} transposed: on a quiet machine, one process, minima of 9 blocks at 8192 rows,
 * 12.6 against 13.6 ms at hidden 128, 46.8 against 52.9 at 256, 3.85 against 3.92 at 64 (GRU's 3H: 9.07 against 9.84).
 *
 * <p>A primitive is made per shape, transposition, leading dimensions and {@code beta}, and the last
 * {@value #KEPT} are kept (a kernel's sweeps use four or five; padded text batches of varying length add more, and
 * oneDNN's own primitive cache makes a re-creation cheap). Not thread-safe: one per kernel instance.
 */
final class SweepProduct {

    private static final memory.data_type F32 = memory.data_type.f32;
    /** Products of fewer multiply-adds ({@code m·n·k}) stay on OpenBLAS, where oneDNN's call would cost more than it saves. */
    static final long MIN_MULTIPLY_ADDS = 1L << 20;
    private static final int KEPT = 16;
    /** Products computed by oneDNN in this process (tests check the route). */
    private static final AtomicLong BY_ONEDNN = new AtomicLong();

    private final Map<List<Long>, Prepared> primitives = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Long>, Prepared> eldest) {
            return size() > KEPT;
        }
    };
    private stream strm;

    /**
     * {@code C = op(A) op(B) + beta C} for row-major matrices ({@link HostArray#gemm} with {@code alpha} 1): {@code
     * op(A)} is m × k, {@code op(B)} k × n, {@code C} m × n; {@code beta} is 0 or 1.
     */
    void multiply(boolean transA, boolean transB, long m, long n, long k, HostArray.Matrix a, HostArray.Matrix b, double beta,
                  HostArray.Matrix c) {
        if (m == 0 || n == 0) {
            return;
        }
        if (!(c.data() instanceof HostArray.F32) || (beta != 0 && beta != 1) || k == 0 || m * n * k < MIN_MULTIPLY_ADDS
                || !OneDnn.usable()) {
            HostArray.gemm(transA, transB, m, n, k, 1, a, b, beta, c);
            return;
        }
        List<Long> key = List.of(transA ? 1L : 0L, transB ? 1L : 0L, m, n, k, a.rowStride(), b.rowStride(), c.rowStride(),
                (long) beta);
        Prepared p = primitives.get(key);
        if (p == null) {
            p = prepare(transA, transB, m, n, k, a.rowStride(), b.rowStride(), c.rowStride(), beta != 0);
            primitives.put(key, p);
        }
        OneDnn.singleThreaded();
        p.src.set_data_handle(a.data().bytesAt(a.offset()));
        p.weights.set_data_handle(b.data().bytesAt(b.offset()));
        p.dst.set_data_handle(c.data().bytesAt(c.offset()));
        p.primitive.execute(strm, p.args);
        strm._wait();
        BY_ONEDNN.incrementAndGet();
    }

    /** How many products oneDNN computed in this process. */
    static long byOneDnnCount() {
        return BY_ONEDNN.get();
    }

    private Prepared prepare(boolean transA, boolean transB, long m, long n, long k, long lda, long ldb, long ldc,
                             boolean accumulate) {
        engine eng = OneDnn.engine();
        if (strm == null) {
            strm = new stream(eng);
        }
        // a transposed operand is the stored row-major matrix read with its strides swapped
        memory.desc srcDesc = new memory.desc(new long[] {m, k}, F32, transA ? new long[] {1, lda} : new long[] {lda, 1});
        memory.desc weightsDesc = new memory.desc(new long[] {k, n}, F32, transB ? new long[] {1, ldb} : new long[] {ldb, 1});
        memory.desc dstDesc = new memory.desc(new long[] {m, n}, F32, new long[] {ldc, 1});
        primitive_attr attr = OneDnnLstm.ownScratchpad();
        if (accumulate) {
            post_ops sum = new post_ops();
            sum.append_sum(); // C += op(A) op(B)
            attr.set_post_ops(sum);
        }
        matmul.primitive_desc pd = new matmul.primitive_desc(eng, srcDesc, weightsDesc, dstDesc, attr, false);
        Prepared p = new Prepared(new matmul(pd), new IntMemoryMap(), OneDnn.unbound(srcDesc),
                OneDnn.unbound(weightsDesc), OneDnn.unbound(dstDesc));
        p.args.put(DNNL_ARG_SRC, p.src);
        p.args.put(DNNL_ARG_WEIGHTS, p.weights);
        p.args.put(DNNL_ARG_DST, p.dst);
        if (pd.scratchpad_desc().get_size() > 0) {
            p.args.put(DNNL_ARG_SCRATCHPAD, new memory(pd.scratchpad_desc(), eng));
        }
        return p;
    }

    /** A primitive for one shape, with the memory objects whose data handles each call sets. */
    private record Prepared(matmul primitive, IntMemoryMap args, memory src, memory weights, memory dst) {
    }
}
