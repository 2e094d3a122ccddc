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
 * none was chosen); a minibatch is split only when every part gets at least {@link #minRowsPerPart} examples, so one
 * thread, or a small minibatch, runs exactly the single kernel as before. The parts run on a shared pool of daemon
 * worker threads and on the calling thread (which takes the last part), one task per part and sweep: each task runs
 * the whole time loop of its examples, with no barrier between steps.
 *
 * <p>While parts run, OpenBLAS (ND4J's pthreads build) is set to one thread: each Java thread then computes its
 * own products on its own core, instead of each product trying to spread over cores the other part already
 * occupies. The previous BLAS thread count is restored when the last concurrent split ends.
 */
final class KernelThreads {

    /** Fewest examples per part: below it a part's per-step products are too small to be worth a thread. */
    static final int DEFAULT_MIN_ROWS_PER_PART = 8;

    /** Fewest examples per part (tests lower it to split small minibatches). */
    static volatile int minRowsPerPart = DEFAULT_MIN_ROWS_PER_PART;

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

    /** How many parts a minibatch of {@code mb} examples is split into (1: not split). */
    static int parts(int mb) {
        int threads = threads();
        if (threads <= 1) {
            return 1;
        }
        return Math.max(1, Math.min(threads, mb / Math.max(1, minRowsPerPart)));
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
        if (tasks.length == 1) {
            tasks[0].run();
            return;
        }
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
