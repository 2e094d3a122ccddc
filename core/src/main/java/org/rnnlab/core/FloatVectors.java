package org.rnnlab.core;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between a gap-free single-precision ND4J array (a whole parameter, gradient or updater-state vector, or
 * a contiguous view of one) and a Java {@code float[]}: how {@link FloatAdam}, {@link FloatStep} and {@link
 * ViewGradientUpdater} do the element-wise arithmetic of a training step in Java loops instead of ND4J operations,
 * each of which cost tens of microseconds of fixed work in ND4J 1.0.0-M2.1 (an operation context, shape descriptors,
 * random-generator state) for vectors of a few thousand values.
 */
final class FloatVectors {

    private FloatVectors() {
    }

    /**
     * Whether {@code a} is a non-empty FLOAT array whose elements lie one after the other (element stride 1), in host
     * memory that is its own (the CPU backend: on CUDA the host copy is a cache that ND4J synchronises).
     */
    static boolean applies(INDArray a) {
        return a != null && a.dataType() == DataType.FLOAT && a.length() > 0 && a.length() <= Integer.MAX_VALUE
                && a.elementWiseStride() == 1 && Nd4j.getEnvironment().isCPU();
    }

    /** Elements per chunk: the Java loops work chunk by chunk, so their arrays stay small whatever the model's size. */
    static final int CHUNK = 16384;

    /** Copies elements {@code [from, from + n)} of the array into {@code target[0..n)}. */
    static void read(FloatPointer p, long from, float[] target, int n) {
        p.position(from).get(target, 0, n);
    }

    /** Copies {@code source[0..n)} into elements {@code [from, from + n)} of the array. */
    static void write(float[] source, FloatPointer p, long from, int n) {
        p.position(from).put(source, 0, n);
    }

    /** A pointer to the array's first element (a view's data buffer starts at it, its offset included). */
    static FloatPointer pointer(INDArray a) {
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        p.capacity(a.length()).limit(a.length()).position(0);
        return p;
    }
}
