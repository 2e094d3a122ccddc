package org.rnnlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The thread policy of {@code --threads}: rnnlab's kernels split over N threads, ND4J's own operations stay on one. */
class Nd4jRuntimeTest {

    @Test
    void withKernelsNd4jKeepsOneThreadWhateverTheCount() {
        assertEquals(1, Nd4jRuntime.nd4jThreadsFor(1, true));
        assertEquals(1, Nd4jRuntime.nd4jThreadsFor(2, true));
        assertEquals(1, Nd4jRuntime.nd4jThreadsFor(8, true));
    }

    @Test
    void withoutKernelsNd4jTakesTheCount() {
        assertEquals(1, Nd4jRuntime.nd4jThreadsFor(1, false));
        assertEquals(3, Nd4jRuntime.nd4jThreadsFor(3, false));
    }

    @Test
    void twoThreadsMeanTwoKernelThreadsAndOneNd4jAndBlasThread() {
        assumeTrue(Nd4jRuntime.kernelsEnabled(), "rnnlab's kernels are off in this JVM (GPU backend or -Drnnlab.kernels=off)");
        try {
            Nd4jRuntime.configureThreads(2);
            assertEquals(2, Nd4jRuntime.configuredThreads());
            assertEquals(2, Nd4jRuntime.threads());
            assertEquals(1, Nd4j.getEnvironment().maxThreads());
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
            assertEquals(1, openblas_nolapack.blas_get_num_threads());
        } finally {
            Nd4jRuntime.configureThreads(1);
        }
        assertEquals(1, Nd4jRuntime.configuredThreads());
    }

    @Test
    void refusesFewerThanOneThread() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nd4jRuntime.configureThreads(0));
        assertEquals("threads must be >= 1, got 0", e.getMessage()); // the API's argument, not the CLI's option
    }
}
