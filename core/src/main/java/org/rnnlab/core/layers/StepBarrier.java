package org.rnnlab.core.layers;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The barrier at every step of {@link UnitSplitKernel}'s sweeps: each thread computes its units of step t, and
 * no thread starts step t + 1 (whose product reads every unit of step t) before all have arrived. A step's work
 * is tens of microseconds, so waiting threads spin ({@link Thread#onSpinWait}) rather than park, which would cost
 * a wake-up of several microseconds per step; after {@link #SPINS} spins they yield, so that a thread whose
 * partner has lost its core (more threads than cores, a busy machine) gives the core back.
 *
 * <p>A part that fails {@link #breakBarrier breaks} the barrier: the others stop waiting and throw, and
 * {@link KernelThreads#run} rethrows the first failure.
 */
final class StepBarrier {

    /** Spins before a waiting thread starts yielding: about 10-50 µs, a step's product at hidden 128-256. */
    private static final int SPINS = 1 << 13;

    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int generation;
    private volatile boolean broken;

    StepBarrier(int parties) {
        this.parties = parties;
    }

    /** Waits until all parties have called this (for this step). */
    void await() {
        int gen = generation;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            generation = gen + 1;
            return;
        }
        int spins = 0;
        while (generation == gen) {
            if (broken) {
                throw new IllegalStateException("recurrent kernel: another thread of the split failed");
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Releases the waiting parties with a failure (a part threw). */
    void breakBarrier() {
        broken = true;
    }

    /** Readies the barrier for the next sweep (all parties idle). */
    void reset() {
        arrived.set(0);
        broken = false;
    }
}
