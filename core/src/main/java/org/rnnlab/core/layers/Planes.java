package org.rnnlab.core.layers;

import java.util.Arrays;

/**
 * Per-step arrays ("planes") of the single-precision cell math: one {@code float[mb·H]} per quantity
 * and step, so that element-wise loops run over one flat index shared by all their arrays, the form
 * JDK 17's C2 compiles to SIMD instructions (docs/dl4j-findings.md).
 */
final class Planes {

    private Planes() {
    }

    /** {@code count} arrays of {@code size} floats. */
    static float[][] of(int count, int size) {
        float[][] a = new float[count][];
        for (int i = 0; i < count; i++) {
            a[i] = new float[size];
        }
        return a;
    }

    /** Whether {@code planes} holds at least {@code count} arrays of exactly {@code size} floats. */
    static boolean fit(float[][] planes, int count, int size) {
        return planes.length >= count && (count == 0 || planes[0].length == size);
    }

    /**
     * The mask ({@link SequenceView#ofMask}) spread over H per step: plane t holds {@code m[t, e]} in
     * elements {@code [e·H, (e+1)·H)}; reuses {@code reuse} when it fits. Also returns the time-major mask
     * {@code [T·mb]} in {@code timeMajor} if that is not null.
     */
    static float[][] mask(SequenceView mask, int steps, int mb, int h, float[][] reuse, float[] timeMajor) {
        float[] m = timeMajor != null ? timeMajor : new float[steps * mb];
        mask.read(m, 1);
        float[][] planes = fit(reuse, steps, mb * h) ? reuse : of(steps, mb * h);
        for (int t = 0; t < steps; t++) {
            for (int e = 0; e < mb; e++) {
                Arrays.fill(planes[t], e * h, (e + 1) * h, m[t * mb + e]);
            }
        }
        return planes;
    }
}
