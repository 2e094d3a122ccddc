package org.rnnlab.core.layers;

/**
 * The activation functions the recurrent kernels compute, in the two precisions they compute in.
 *
 * <p>Single precision uses a rational approximation of tanh, Eigen's {@code ptanh_float} (a 13/6 minimax
 * form on [-7.9, 7.9], absolute error below 3e-7, i.e. a few float ulps), written as plain arithmetic
 * that the JIT compiles to SIMD instructions inside the cells' element-wise loops: five times faster than
 * ND4J's native transform ops. The sigmoid follows from it, σ(x) = (1 + tanh(x/2)) / 2. Double precision
 * uses {@code Math.tanh} and {@code Math.exp}, exact to double precision, for gradient checks and the
 * equivalence tests against DL4J's layers.
 *
 * <p>Public (the single-precision pair) for {@code org.rnnlab.training.PredictionStream}, which steps a model's cells one
 * sample at a time in plain Java and must compute the very function the kernels compute, so that a stream's step gives
 * what {@code predict} gives on the same prefix.
 */
public final class Activations {

    /** Beyond ±this, the rational form is clamped: tanh is ±1 to float precision there. */
    private static final float TANH_CLAMP = 7.90531110763549805f;

    private Activations() {
    }

    /** tanh(x) in single precision, the vectorizable rational approximation (see the class comment). */
    public static float tanh(float v) {
        float x = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, v));
        float x2 = x * x;
        float p = -2.76076847742355e-16f;
        p = p * x2 + 2.00018790482477e-13f;
        p = p * x2 + -8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        p = p * x;
        float q = 1.19825839466702e-06f;
        q = q * x2 + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        return p / q;
    }

    /** σ(x) = (1 + tanh(x/2)) / 2 in single precision, on the rational tanh. */
    public static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }

    /** tanh(x) in double precision, exact. */
    static double tanh(double x) {
        return Math.tanh(x);
    }

    /** σ(x) = 1 / (1 + e^(−x)) in double precision, exact. */
    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
