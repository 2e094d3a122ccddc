package org.rnnlab.core;

import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.layers.OneDnn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide ND4J settings that must be made before the first array operation: the number of
 * threads (one by default: on a small machine ND4J's two OpenMP threads made LSTM training three
 * times slower, see DL4J-NOTES.md) and a description of the backend for provenance.
 */
public final class Nd4jRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(Nd4jRuntime.class);

    /** Default number of threads ({@code --threads}). */
    public static final int DEFAULT_THREADS = 1;

    private static volatile int threads = -1;

    private Nd4jRuntime() {
    }

    /**
     * Sets the number of threads ({@code --threads}). On the CPU backend with rnnlab's kernels (the default) this is
     * the number of Java threads a recurrent layer may split its minibatch over ({@link #configuredThreads()}), and
     * ND4J's own operations and BLAS stay on one thread: ND4J's OpenMP and BLAS threads at 2 made every cell slower
     * at hidden 64 (LSTM 0.78x of one thread, RNN 0.71x) and gained less than the split alone at larger sizes (LSTM at
     * hidden 128: 1.10x against 1.33x with ND4J on one thread; docs/PERFORMANCE.md, *Two threads*). Without rnnlab's kernels (GPU
     * backend, or {@code -Drnnlab.kernels=off}) it is the number of ND4J threads (OpenMP, BLAS and master threads).
     * Call it before the first ND4J operation of the process; later calls still take effect for OpenMP and BLAS but
     * may leave already-started pools as they are.
     *
     * @param n threads, at least 1
     */
    public static synchronized void configureThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        int nd4j = nd4jThreadsFor(n, kernelsEnabled());
        Nd4j.getEnvironment().setMaxThreads(nd4j);
        Nd4j.getEnvironment().setMaxMasterThreads(nd4j);
        Nd4j.factory().blas().setMaxThreads(nd4j);
        threads = n;
        LOG.debug("threads set to {} (ND4J's own operations and BLAS: {})", n, nd4j);
    }

    /**
     * ND4J's own thread count (OpenMP, BLAS, master threads) for {@code --threads n}: 1 while rnnlab's kernels run
     * (they split the minibatch over {@code n} threads themselves), {@code n} without them.
     */
    static int nd4jThreadsFor(int n, boolean kernels) {
        return kernels ? 1 : n;
    }

    /** Applies the default thread count unless {@link #configureThreads(int)} was called already. */
    public static synchronized void ensureConfigured() {
        if (threads < 0) {
            configureThreads(DEFAULT_THREADS);
        }
    }

    /** The thread count set by this class, or the environment's if it never set one. */
    public static int threads() {
        return threads > 0 ? threads : Nd4j.getEnvironment().maxThreads();
    }

    /**
     * The thread count set with {@link #configureThreads(int)} ({@code --threads}), or 1 if none was set: how many
     * Java threads rnnlab's recurrent kernels may split a minibatch over (a process that never chose a count keeps
     * the single-threaded kernels, whatever ND4J's own default).
     */
    public static int configuredThreads() {
        return threads > 0 ? threads : 1;
    }

    /**
     * System property that switches rnnlab's CPU kernels off ({@code -Drnnlab.kernels=off}): every layer then
     * computes with DL4J's code or ND4J operations, as on a GPU backend (tests use it to check that path).
     */
    public static final String KERNELS_PROPERTY = "rnnlab.kernels";

    /** Whether rnnlab's CPU kernels may run: the CPU backend, and not switched off with {@link #KERNELS_PROPERTY}. */
    public static boolean kernelsEnabled() {
        return Nd4j.getEnvironment().isCPU() && !"off".equals(System.getProperty(KERNELS_PROPERTY));
    }

    /**
     * The backend's name, e.g. {@code CpuBackend} or {@code CudaBackend}, with {@code (rnnlab kernels off)} when
     * they were switched off (the computation, and so the float rounding, differs), or on the CPU with what computes
     * an LSTM's passes ({@link OneDnn#describe}: {@code CpuBackend (oneDNN 3.13.0 for LSTM training, inference and step products)},
     * {@code (oneDNN off)}), as provenance records it.
     */
    public static String backend() {
        String name = Nd4j.getBackend().getClass().getSimpleName();
        if ("off".equals(System.getProperty(KERNELS_PROPERTY))) {
            return name + " (rnnlab kernels off)";
        }
        return kernelsEnabled() ? name + " (" + OneDnn.describe() + ")" : name;
    }
}
