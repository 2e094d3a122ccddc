package org.rnnlab.core.layers;

import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access to oneDNN (Intel's deep neural network library, {@code org.bytedeco:dnnl} 3.13, the JavaCPP 1.5.14 preset;
 * ND4J 1.0.0-M2.1, built on JavaCPP 1.5.7, runs on JavaCPP 1.5.14, see docs/dl4j-findings.md), which rnnlab uses for
 * three things in single precision:
 * the LSTM's inference pass ({@link OneDnnLstm}), whose RNN primitive runs the whole sequence in native code with its
 * own JIT-compiled GEMM, about four times faster than OpenBLAS's small per-step products at hidden 64 (README,
 * <i>Throughput</i>); and the per-step recurrent products of the kernels' other sweeps ({@link StepProduct}: oneDNN's
 * matmul on weights kept in its blocked layout for a whole sweep, where OpenBLAS packs them again at every step); and
 * the backward sweep's whole-sequence weight and input gradient products ({@link SweepProduct}).
 *
 * <p>Loaded on first use. Where the native library cannot be loaded (another platform, a missing system
 * library), one warning says why and the LSTM infers with rnnlab's own kernel, as it does with
 * {@code -Drnnlab.onednn=off} ({@link #PROPERTY}). oneDNN's OpenMP threads come from the same {@code libgomp}
 * as ND4J's: each call sets the calling thread's OpenMP count to 1 ({@link #singleThreaded}), so oneDNN never
 * takes more cores than the thread that calls it, whatever {@code OMP_NUM_THREADS} says; {@code --threads}
 * splits a minibatch over Java threads as for the other kernels.
 */
public final class OneDnn {

    /**
     * System property: {@code -Drnnlab.onednn=off} keeps the LSTM's inference on rnnlab's own kernel and the step
     * products on OpenBLAS.
     */
    public static final String PROPERTY = "rnnlab.onednn";

    /**
     * System property: {@code -Drnnlab.onednn.training=off} keeps the LSTM's training passes (forward and backward) on
     * rnnlab's own kernel while inference still goes through oneDNN: for comparing the two routes ({@code bench}).
     */
    public static final String TRAINING_PROPERTY = "rnnlab.onednn.training";

    private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);
    private static volatile engine cpu;
    private static volatile String failure;
    private static volatile String version;

    private OneDnn() {
    }

    /** Whether the property leaves oneDNN on (it is unless {@code -Drnnlab.onednn=off}). */
    public static boolean enabled() {
        return !"off".equalsIgnoreCase(System.getProperty(PROPERTY, "on").trim());
    }

    /** Whether the properties leave the LSTM's training passes on oneDNN (unless either is {@code off}). */
    public static boolean trainingEnabled() {
        return enabled() && !"off".equalsIgnoreCase(System.getProperty(TRAINING_PROPERTY, "on").trim());
    }

    /**
     * Whether an LSTM pass can go through oneDNN ({@link OneDnnLstm}) here: single precision (double, as in the
     * gradient checks, stays on rnnlab's kernel), no mask or a right-padded one ({@link #rightPadded}: oneDNN has no
     * per-example lengths), oneDNN enabled and loadable, and for a pass that back-propagation follows, training on
     * oneDNN enabled ({@link #TRAINING_PROPERTY}). Decided here, before any class of the preset is touched, so that a
     * class path without it falls back instead of failing.
     */
    static boolean appliesToLstm(DataType type, boolean forBackprop, SequenceView mask) {
        return type == DataType.FLOAT && (!forBackprop || trainingEnabled()) && (mask == null || rightPadded(mask)) && usable();
    }

    /**
     * Whether every example's mask ({@code [mb, 1, T]} view) is 1 up to its length and 0 after it (right padding,
     * time running forwards). rnnlab's LSTM zeroes output and cell at a masked step, so a valid step after a masked
     * one starts from a zero state; with right padding no valid step follows a masked one, oneDNN's outputs at the
     * valid steps are rnnlab's, and the padded steps only need zeroing ({@link #readMask}). A 0 before a 1 (left
     * padding, a gap, right padding seen by the backward direction of a bidirectional layer) or a value other than
     * 0 and 1 keeps the pass on the kernel.
     */
    static boolean rightPadded(SequenceView mask) {
        int mb = mask.mb;
        float[] m = maskRows(mask);
        for (int e = 0; e < mb; e++) {
            boolean ended = false;
            for (int t = 0; t < mask.steps; t++) {
                float v = m[t * mb + e];
                if (v == 0f) {
                    ended = true;
                } else if (v != 1f || ended) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Writes the mask ({@code [mb, 1, T]} view) into {@code target} ({@code [T·mb, 1]} FLOAT, time-major rows). */
    static void readMask(SequenceView mask, INDArray target) {
        ((HostArray.F32) HostArray.of(target)).write(0, maskRows(mask), 0, mask.mb * mask.steps);
    }

    /** The mask's values, time-major ({@code [t·mb + e]}), in this thread's scratch array. */
    private static float[] maskRows(SequenceView mask) {
        int n = mask.mb * mask.steps;
        float[] m = MASK_ROWS.floats(n);
        mask.read(m, 1);
        return m;
    }

    private static final ThreadScratch MASK_ROWS = new ThreadScratch();

    /** Whether oneDNN is enabled and loads here; the first call loads it (a warning if it cannot). */
    static boolean usable() {
        return enabled() && engine() != null;
    }

    /** The CPU engine, loaded on first call; null if oneDNN cannot be loaded here. */
    static engine engine() {
        engine e = cpu;
        if (e != null || failure != null) {
            return e;
        }
        synchronized (OneDnn.class) {
            if (cpu == null && failure == null) {
                try {
                    Loader.load(org.bytedeco.dnnl.global.dnnl.class);
                    dnnl_version_t v = org.bytedeco.dnnl.global.dnnl.dnnl_version();
                    version = v.major() + "." + v.minor() + "." + v.patch();
                    cpu = new engine(engine.kind.cpu, 0);
                } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, dnnl's error: never fatal here
                    failure = t.getClass().getSimpleName() + ": " + t.getMessage();
                    LOG.warn("oneDNN could not be loaded ({}); LSTM inference uses rnnlab's own kernel (slower, same results"
                            + " to about 1e-6)", failure);
                }
            }
            return cpu;
        }
    }

    /**
     * Whether oneDNN runs here on an instruction set below AVX-512 (AVX2 or older), whose {@code matmul} ran products
     * of widths that are multiples of 512 at half speed ({@link StepProduct#paddedWidth}); false if oneDNN is not usable.
     */
    static boolean belowAvx512() {
        Boolean below = belowAvx512;
        if (below == null) {
            below = usable() && org.bytedeco.dnnl.global.dnnl.get_effective_cpu_isa().ordinal()
                    < org.bytedeco.dnnl.global.dnnl.cpu_isa.avx512_core.ordinal();
            belowAvx512 = below;
        }
        return below;
    }

    private static volatile Boolean belowAvx512;

    /**
     * A memory of {@code desc} on the CPU engine without a buffer of its own ({@code DNNL_MEMORY_NONE}): its data handle
     * is set ({@code set_data_handle}) before each primitive that reads or writes it. JavaCPP 1.5.14 refuses a null
     * {@code void*} handle, so the handle goes in as a one-element vector holding null.
     */
    static memory unbound(memory.desc desc) {
        PointerPointer<Pointer> noHandle = new PointerPointer<>(1); // per call: JavaCPP's adapter writes back into it
        noHandle.put(0, (Pointer) null);
        return new memory(desc, engine(), noHandle);
    }

    /** Sets the calling thread's OpenMP thread count to 1 (oneDNN and ND4J share one {@code libgomp}). */
    static void singleThreaded() {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    }

    /**
     * What computes an LSTM's passes in this process, for provenance (loading oneDNN if it is enabled):
     * {@code oneDNN 3.13.0 for LSTM training, inference and step products} (or without {@code training, } where {@link
     * #TRAINING_PROPERTY} is off), with {@code , widths of multiples of 512 padded} where
     * {@link StepProduct#paddedWidth} pads (the float results differ from unpadded products in the last bits), {@code
     * oneDNN off}, or {@code oneDNN unavailable (...)}.
     */
    public static String describe() {
        if (!enabled()) {
            return "oneDNN off";
        }
        engine();
        return failure != null ? "oneDNN unavailable (" + failure + ")" : "oneDNN " + version
                + (trainingEnabled() ? " for LSTM training, inference and step products" : " for LSTM inference and step products")
                + (StepProduct.paddedWidth(StepProduct.PAD_PERIOD) != StepProduct.PAD_PERIOD ? ", widths of multiples of 512 padded" : "");
    }
}
