package org.rnnlab.evaluation.compare;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory one run of a comparison adds to its process while it trains, is evaluated and probed, in MiB:
 * <ul>
 *   <li><b>heap</b>: the largest JVM heap in use after a garbage collection during the run (from the collector's
 *       notifications: live objects and, until an old-generation collection, old garbage; not the garbage a young
 *       collection removes, whose amount depends on the heap's size and not on the run), or, when no collection
 *       happened in the run, the largest heap in use sampled every {@value #INTERVAL_MS} ms;</li>
 *   <li><b>native</b>: the largest off-heap memory ND4J held through JavaCPP ({@link Pointer#totalBytes()}: array
 *       buffers), sampled every {@value #INTERVAL_MS} ms, plus the size of the run's thread's ND4J workspaces at its
 *       end (DL4J's training scratch memory; not counted by JavaCPP);</li>
 * </ul>
 * minus the heap and JavaCPP bytes in use at the run's start, after a full collection that {@link #start()} asks
 * for (the data set and whatever else the process holds before the run; tens of milliseconds). The run's thread's
 * workspaces are destroyed first: a workspace keeps its size, so an earlier, larger run would otherwise lend its
 * memory to a later one. It is not the process's resident memory (RSS), which only grows over a comparison (the JVM
 * keeps the heap it committed) and also holds code, native libraries and freed memory the allocators keep.
 * <p>
 * Collections and JavaCPP's counter are the process's: when several runs share a process at once (Spark's
 * {@code local[N]}), the number covers what all of them added during this run.
 */
public final class RunMemory implements AutoCloseable {
    /** Sampling interval. */
    static final long INTERVAL_MS = 20;

    private static final long MIB = 1024 * 1024;
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());

    private final long baselineHeap;
    private final long baselineNative;
    private final Thread sampler;
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private volatile boolean running = true;
    private volatile long peakSampledHeap;
    private final AtomicLong peakAfterGcHeap = new AtomicLong(-1);
    private volatile long peakNative;
    private long resultMb = -1;

    private RunMemory() {
        System.gc();
        baselineHeap = heapUsed();
        baselineNative = Pointer.totalBytes();
        peakSampledHeap = baselineHeap;
        peakNative = baselineNative;
        NotificationListener onGc = this::onGc;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(onGc, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(onGc);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
        sampler = new Thread(this::sample, "rnnlab-run-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Destroys the calling thread's ND4J workspaces (DL4J recreates them as it trains), asks for a full garbage
     * collection, takes the baseline and starts measuring. Call it on the thread that trains.
     */
    public static RunMemory start() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        return new RunMemory();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long heap = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (HEAP_POOLS.contains(e.getKey())) {
                heap += e.getValue().getUsed();
            }
        }
        if (running) {
            long h = heap;
            peakAfterGcHeap.accumulateAndGet(h, Math::max);
        }
    }

    private void sample() {
        while (running) {
            record();
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record() {
        long heap = heapUsed();
        long off = Pointer.totalBytes();
        if (heap > peakSampledHeap) {
            peakSampledHeap = heap;
        }
        if (off > peakNative) {
            peakNative = off;
        }
    }

    /** Stops measuring (on the thread that trained) and returns the run's memory, MiB (the same on every later call). */
    public synchronized long stopMb() {
        if (resultMb >= 0) {
            return resultMb;
        }
        record();
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unsubscribe.forEach(Runnable::run);
        long workspaces = 0;
        for (MemoryWorkspace w : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            workspaces += w.getCurrentSize();
        }
        long afterGc = peakAfterGcHeap.get();
        long heap = afterGc >= 0 ? afterGc : peakSampledHeap;
        long bytes = Math.max(0, heap - baselineHeap) + Math.max(0, peakNative - baselineNative) + workspaces;
        resultMb = Math.round(bytes / (double) MIB);
        return resultMb;
    }

    @Override
    public void close() {
        stopMb();
    }
}
