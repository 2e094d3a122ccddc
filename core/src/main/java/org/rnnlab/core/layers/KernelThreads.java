package org.rnnlab.core.layers;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.rnnlab.core.Nd4jRuntime;

/**
 * How many parts {@link BatchSplitKernel} splits a minibatch into, and the threads that run them.
 *
 * <p>The number of threads is the one chosen with {@code --threads} ({@link Nd4jRuntime#configuredThreads()}, 1 if
 * none was chosen); a minibatch is split only when every part gets at least {@link #minRowsPerPart} examples and
 * {@link #minPartWork} multiply-adds of recurrent product per step, so one thread, a small minibatch or a small layer
 * runs the single kernel (with more than one thread, on single-threaded BLAS). The parts run on a shared pool of daemon
 * worker threads and on the calling thread (which takes the last part), one task per part and sweep: each task runs
 * the whole time loop of its examples, with no barrier between steps.
 *
 * <p>While parts run, OpenBLAS (ND4J's pthreads build) is set to one thread: each Java thread then computes its
 * own products on its own core, instead of each product trying to spread over cores the other part already
 * occupies. The previous BLAS thread count is restored when the last concurrent split ends. ({@code --threads} through
 * {@link Nd4jRuntime#configureThreads} already keeps ND4J's BLAS on one thread; this guards the kernels against a BLAS
 * thread count set elsewhere, e.g. by a Java program calling ND4J's own setting after it.)
 */
final class KernelThreads {

    /** Fewest examples per part: below it a part's per-step products are too small to be worth a thread. */
    static final int DEFAULT_MIN_ROWS_PER_PART = 8;

    /** Fewest examples per part (tests lower it to split small minibatches). */
    static volatile int minRowsPerPart = DEFAULT_MIN_ROWS_PER_PART;

    /**
     * Fewest multiply-adds of one part's recurrent product per step ({@code rows x blocks x H x H}) for a split: 2^20.
     * Measured again after the kernels' products moved to oneDNN (2026-12-02, commit 2b85893, {@code bench --cells
     * rnn,lstm,gru,bilstm,bigru --hidden 64|128 --threads 1|2}, 5 rounds of fresh processes, median [range] of the
     * training speed-ups with the threshold then in force, 2^18): an LSTM at H 64 trained 0.85x [0.79-1.24] and an RNN
     * at H 128 0.94x [0.65-1.10] with two threads, slower than one; at H 64 the GRU (0.39M per part) gained 1.16x, the
     * BiLSTM 1.15x, the BiGRU 1.07x, within this machine's noise; from 1.6M (GRU at H 128) every cell gained 1.36-1.49x.
     * So layers below 2^20 per part run on one thread: never slower than it, at the price of those small gains. Before
     * (2^18), with OpenBLAS's products and ND4J's own operations on one thread (docs/PERFORMANCE.md, *Two threads*; batch 64, so
     * parts of 32 examples; median of 2 rounds): at 2^21 a GRU at H 128 (1.6M per part, not split) ran 0.95x, split at
     * 2^19 1.24x; a bidirectional LSTM at H 64 (0.5M) 0.97x unsplit, 1.21-1.32x split; a GRU at H 64 (0.4M) 1.09x split
     * at 2^17; an RNN at H 64 (0.13M) split at 2^17 trained 1.17x but inferred 0.87x, so it stayed below the threshold.
     */
    static final long DEFAULT_MIN_PART_WORK = 1L << 20;

    /** Fewest multiply-adds per part and step (tests lower it to split small layers). */
    static volatile long minPartWork = DEFAULT_MIN_PART_WORK;

    /** A thread count that replaces {@link Nd4jRuntime#configuredThreads()} when positive (tests). */
    static volatile int threadsOverride = 0;

    private static final AtomicInteger WORKER_NUMBER = new AtomicInteger();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rnnlab-kernel-" + WORKER_NUMBER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private static int activeSplits;
    private static int savedBlasThreads;

    private KernelThreads() {
    }

    /** The number of threads kernels may use. */
    static int threads() {
        int override = threadsOverride;
        return override > 0 ? override : Nd4jRuntime.configuredThreads();
    }

    /**
     * How many parts a minibatch of {@code mb} examples is split into (1: not split), for a cell whose recurrent
     * product costs {@code stepMultiplyAdds} per example and step: up to {@link #threads()} parts of at least
     * {@link #minRowsPerPart} examples and {@link #minPartWork} multiply-adds per step each.
     */
    static int parts(int mb, long stepMultiplyAdds) {
        return parts(mb, stepMultiplyAdds, threads());
    }

    /** {@link #parts(int, long)} at {@code threads} threads instead of {@link #threads()} ({@link KernelSupport#minibatchParts}). */
    static int parts(int mb, long stepMultiplyAdds, int threads) {
        if (threads <= 1) {
            return 1;
        }
        int parts = Math.max(1, Math.min(threads, mb / Math.max(1, minRowsPerPart)));
        while (parts > 1 && (long) (mb / parts) * stepMultiplyAdds < minPartWork) {
            parts--;
        }
        return parts;
    }

    /** The example ranges of {@code parts} nearly equal parts: part p is {@code [b[p], b[p + 1])}. */
    static int[] bounds(int mb, int parts) {
        int[] b = new int[parts + 1];
        for (int p = 0; p <= parts; p++) {
            b[p] = (int) ((long) mb * p / parts);
        }
        return b;
    }

    /**
     * Runs the tasks concurrently, the last on the calling thread, and returns when all have finished; the
     * first failure is rethrown (after every task has ended).
     */
    static void run(Runnable[] tasks) {
        if (tasks.length == 1 && threads() <= 1) {
            tasks[0].run();
            return;
        }
        // with more threads, an unsplit sweep also runs its products on single-threaded BLAS: per-step products too
        // small to split across threads were slower divided (docs/PERFORMANCE.md, the two-thread table before the split)
        enterSplit();
        try {
            Future<?>[] futures = new Future<?>[tasks.length - 1];
            for (int i = 0; i < futures.length; i++) {
                futures[i] = WORKERS.submit(tasks[i]);
            }
            Throwable failure = null;
            try {
                tasks[tasks.length - 1].run();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            boolean interrupted = false;
            for (Future<?> f : futures) {
                while (true) {
                    try {
                        f.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // the task uses buffers of the caller's kernel: wait for it anyway
                    } catch (ExecutionException e) {
                        if (failure == null) {
                            failure = e.getCause();
                        }
                        break;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error err) {
                throw err;
            }
            if (failure != null) {
                throw new IllegalStateException("recurrent kernel part failed", failure);
            }
        } finally {
            exitSplit();
        }
    }

    private static synchronized void enterSplit() {
        if (activeSplits++ == 0) {
            savedBlasThreads = openblas_nolapack.blas_get_num_threads();
            if (savedBlasThreads != 1) {
                openblas_nolapack.blas_set_num_threads(1);
            }
        }
    }

    private static synchronized void exitSplit() {
        if (--activeSplits == 0 && savedBlasThreads > 1) {
            openblas_nolapack.blas_set_num_threads(savedBlasThreads);
        }
    }
}
