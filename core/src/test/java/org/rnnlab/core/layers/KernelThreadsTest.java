package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KernelThreads#run}: every part runs, the last on the calling thread and the others on kernel worker threads;
 * it returns only when all have ended, and a part's failure comes back to the caller after that.
 */
class KernelThreadsTest {

    @BeforeEach
    void threeThreads() {
        KernelThreads.threadsOverride = 3;
    }

    @AfterEach
    void restore() {
        KernelThreads.threadsOverride = 0;
    }

    /** Three parts recording where they ran; the workers' parts end last (they sleep longer). */
    private static Runnable[] parts(List<String> ranOn, AtomicInteger finished, long sleepMillis) {
        Runnable[] tasks = new Runnable[3];
        for (int i = 0; i < tasks.length; i++) {
            int part = i;
            tasks[i] = () -> {
                sleep(sleepMillis * (3 - part));
                synchronized (ranOn) {
                    ranOn.add(part + "@" + Thread.currentThread().getName());
                }
                finished.incrementAndGet();
            };
        }
        return tasks;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyPartRunsTheLastOnTheCallerAndRunReturnsWhenAllHaveEnded() {
        for (int round = 0; round < 30; round++) {
            List<String> ranOn = new ArrayList<>();
            AtomicInteger finished = new AtomicInteger();
            KernelThreads.run(parts(ranOn, finished, round < 25 ? 0 : 5));
            assertThat(finished.get()).as("round %d: returns once every part has ended", round).isEqualTo(3);
            assertThat(ranOn).contains("2@" + Thread.currentThread().getName());
            assertThat(ranOn).filteredOn(s -> !s.startsWith("2@")).hasSize(2)
                    .allSatisfy(s -> assertThat(s).contains("@rnnlab-kernel-"));
        }
    }

    @Test
    void aPartsFailureComesBackAfterEveryPartHasEnded() {
        AtomicInteger finished = new AtomicInteger();
        Runnable slow = () -> {
            sleep(50);
            finished.incrementAndGet();
        };
        Runnable failing = () -> {
            throw new IllegalArgumentException("part failed");
        };
        assertThatThrownBy(() -> KernelThreads.run(new Runnable[] {slow, failing, finished::incrementAndGet}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("part failed");
        assertThat(finished.get()).as("the other parts ended before run returned").isEqualTo(2);
        // the caller's own part failing: the workers' parts still end first
        finished.set(0);
        assertThatThrownBy(() -> KernelThreads.run(new Runnable[] {slow, slow, failing})).hasMessage("part failed");
        assertThat(finished.get()).isEqualTo(2);
        // an error, not an exception, of a worker's part
        assertThatThrownBy(() -> KernelThreads.run(new Runnable[] {() -> {
            throw new AssertionError("worker error");
        }, () -> { }, () -> { }})).isInstanceOf(AssertionError.class).hasMessage("worker error");
        // and the workers go on working afterwards
        List<String> ranOn = new ArrayList<>();
        KernelThreads.run(parts(ranOn, new AtomicInteger(), 0));
        assertThat(ranOn).hasSize(3);
    }

    @Test
    void oneThreadRunsTheOnlyPartOnTheCaller() {
        KernelThreads.threadsOverride = 1;
        List<String> ranOn = new ArrayList<>();
        KernelThreads.run(new Runnable[] {() -> ranOn.add(Thread.currentThread().getName())});
        assertThat(ranOn).containsExactly(Thread.currentThread().getName());
    }
}
