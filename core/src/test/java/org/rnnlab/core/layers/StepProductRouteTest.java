package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.Nd4jRuntime;

/**
 * {@link StepProductRoute}, the second column of {@code rnnlab bench --gemm}: a call with the same {@code a} wraps
 * neither {@code a} nor the output again (a kernel wraps its arrays once a sweep, and the first column calls
 * {@code cblas_sgemm} on pointers made once). Wrapping both on every call cost 4-10 µs on a loaded machine, beside a
 * square 64 product of about 11 µs on a quiet core; the test counts the bytes a call allocates against those of the two
 * wrappings. It still computes the product of the array's current values, and of another array given.
 */
class StepProductRouteTest {

    private static final int CALLS = 2_000;
    private static Object sink;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void repeatedCallsDoNotWrapTheirArraysAgain() {
        Nd4jRuntime.ensureConfigured();
        INDArray a = Nd4j.rand(DataType.FLOAT, 64, 64);
        INDArray b = Nd4j.rand(DataType.FLOAT, 64, 64);
        StepProductRoute route = new StepProductRoute(64, b);
        INDArray out = Nd4j.zeros(DataType.FLOAT, 64, 64);
        Object[] keep = new Object[2];
        for (int round = 0; round < 2; round++) { // the second round after the JIT has seen both loops
            long t0 = allocated();
            for (int i = 0; i < CALLS; i++) {
                route.multiply(a);
            }
            long byRoute = allocated() - t0;
            t0 = allocated();
            for (int i = 0; i < CALLS; i++) {
                keep[0] = HostArray.of(a).matrix(0, 64);
                keep[1] = HostArray.of(out).matrix(0, 64);
                sink = keep;
            }
            long byWrapping = allocated() - t0;
            assertThat(byRoute).as("bytes allocated by %d products against %d wrappings of the two arrays", CALLS, CALLS)
                    .isLessThan(byWrapping);
        }
    }

    @Test
    void computesTheProductOfTheCurrentValues() {
        Nd4jRuntime.ensureConfigured();
        INDArray a = Nd4j.rand(DataType.FLOAT, 8, 5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 5, 7);
        StepProductRoute route = new StepProductRoute(8, b);
        INDArray c = Nd4j.zeros(DataType.FLOAT, 8, 7);
        route.multiply(a, c);
        assertThat(c.equalsWithEps(a.mmul(b), 1e-5)).isTrue();
        a.muli(2); // in place: the same array, new values
        route.multiply(a, c);
        assertThat(c.equalsWithEps(a.mmul(b), 1e-5)).isTrue();
        INDArray other = Nd4j.rand(DataType.FLOAT, 8, 5);
        route.multiply(other, c);
        assertThat(c.equalsWithEps(other.mmul(b), 1e-5)).isTrue();
    }
}
