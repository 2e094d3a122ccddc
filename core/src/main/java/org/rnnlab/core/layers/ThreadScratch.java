package org.rnnlab.core.layers;

import java.lang.ref.SoftReference;

/**
 * Scratch arrays that each thread keeps between calls, so a kernel does not allocate its copy buffers anew at every
 * step or sweep, held through soft references: the JVM clears them before it would throw an {@link OutOfMemoryError}.
 * A thread keeps the array of the largest request it handled; with plain references every thread of a server's pool
 * kept that much for good, and a pool of threads that had each once classified 256 sequences of 2,000 steps ran out
 * of heap on requests made one at a time (a user's service). The contents are undefined on return; callers overwrite
 * what they read.
 */
final class ThreadScratch {

    private final ThreadLocal<SoftReference<float[]>> floats = new ThreadLocal<>();
    private final ThreadLocal<SoftReference<double[]>> doubles = new ThreadLocal<>();

    /** This thread's float array of at least {@code n} elements. */
    float[] floats(int n) {
        SoftReference<float[]> ref = floats.get();
        float[] a = ref == null ? null : ref.get();
        if (a == null || a.length < n) {
            a = new float[n];
            floats.set(new SoftReference<>(a));
        }
        return a;
    }

    /** This thread's double array of at least {@code n} elements. */
    double[] doubles(int n) {
        SoftReference<double[]> ref = doubles.get();
        double[] a = ref == null ? null : ref.get();
        if (a == null || a.length < n) {
            a = new double[n];
            doubles.set(new SoftReference<>(a));
        }
        return a;
    }
}
