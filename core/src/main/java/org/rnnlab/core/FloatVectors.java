package org.rnnlab.core;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    /** Whether {@code a} is a non-empty FLOAT array whose elements lie one after the other (element stride 1). */
    static boolean applies(INDArray a) {
        return a != null && a.dataType() == DataType.FLOAT && a.length() > 0 && a.length() <= Integer.MAX_VALUE
                && a.elementWiseStride() == 1;
    }

    /** Copies the array's elements into {@code target[0..length)}. */
    static void read(INDArray a, float[] target) {
        pointer(a).get(target, 0, (int) a.length());
    }

    /** Copies {@code source[0..length)} into the array's elements. */
    static void write(float[] source, INDArray a) {
        pointer(a).put(source, 0, (int) a.length());
    }

    /** A pointer to the array's first element (a view's data buffer starts at it, its offset included). */
    private static FloatPointer pointer(INDArray a) {
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        p.capacity(a.length()).limit(a.length()).position(0);
        return p;
    }
}
