package org.rnnlab.core;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam (Kingma and Ba 2015) over single-precision state, computed in Java with the same float operations in the same
 * order as ND4J 1.0.0-M2.1's native {@code adam_updater} op, so the update, {@code m} and {@code v} are the same to
 * the bit ({@code ViewGradientUpdaterTest}):
 * <pre>
 *   α_t = lr · √(1 − β₂^(t+1)) / (1 − β₁^(t+1))         (t: the iteration; ε if that is 0, NaN or infinite)
 *   m ← β₁ m + g (1 − β₁)     v ← β₂ v + g g (1 − β₂)     update = m α_t / (√v + ε)
 * </pre>
 * DL4J's {@link AdamUpdater} calls that op once per minibatch, whose fixed cost (an op context, shape descriptors, a
 * generic loop) was about 2.5% of a default LSTM training minibatch; this reads the three arrays once, computes in a
 * loop HotSpot vectorises, and writes them back. It works on DL4J's own state views (the same memory, so checkpoints
 * hold the same bytes) and is installed by {@link ViewGradientUpdater} in place of DL4J's Adam for float state only;
 * a gradient it cannot read as one float vector (a strided one handed to the updater from elsewhere) goes to DL4J's.
 * The same bits were checked against ND4J's generic x86-64 build (the {@code linux-x86_64} classifier rnnlab uses) over
 * 300 iterations; {@code (float) Math.pow} could in principle differ from C's {@code powf} in the last bit of the bias
 * correction, and a libnd4j built with fused multiply-adds would round the moments differently.
 */
final class FloatAdam implements GradientUpdater<Adam> {

    private final AdamUpdater dl4j;
    private final Adam config;
    private final INDArray m;
    private final INDArray v;
    private final float[] g;
    private final float[] ms;
    private final float[] vs;

    /** Over DL4J's Adam's own state views ({@link #applies}); DL4J's takes the gradients this class cannot read. */
    FloatAdam(AdamUpdater dl4j) {
        this.dl4j = dl4j;
        this.config = dl4j.getConfig();
        this.m = dl4j.getM();
        this.v = dl4j.getV();
        int chunk = (int) Math.min(FloatVectors.CHUNK, m.length());
        this.g = new float[chunk];
        this.ms = new float[chunk];
        this.vs = new float[chunk];
    }

    /** Whether DL4J's Adam here keeps contiguous float state that this class can take over. */
    static boolean applies(GradientUpdater<?> updater) {
        return updater instanceof AdamUpdater a && FloatVectors.applies(a.getM()) && FloatVectors.applies(a.getV())
                && a.getM().length() == a.getV().length();
    }

    @Override
    public Adam getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        throw new UnsupportedOperationException("FloatAdam works on the state views it was made with");
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> state = new HashMap<>();
        state.put(AdamUpdater.M_STATE, m);
        state.put(AdamUpdater.V_STATE, v);
        return state;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        throw new UnsupportedOperationException("FloatAdam works on the state views it was made with");
    }

    @Override
    public synchronized void applyUpdater(INDArray gradient, int iteration, int epoch) {
        long n = m.length();
        if (gradient.length() != n || !FloatVectors.applies(gradient)) {
            dl4j.applyUpdater(gradient, iteration, epoch);
            return;
        }
        float lr = (float) config.getLearningRate(iteration, epoch);
        float beta1 = (float) config.getBeta1();
        float beta2 = (float) config.getBeta2();
        float epsilon = (float) config.getEpsilon();
        float t = (float) iteration;
        float beta1T = (float) Math.pow(beta1, t + 1);
        float beta2T = (float) Math.pow(beta2, t + 1);
        // lr · sqrtf((float) (1.0 − β₂ᵗ)) in float, divided in double by (1.0 − β₁ᵗ), rounded to float: the op's types
        float alpha = (float) ((double) (lr * (float) Math.sqrt((float) (1.0 - beta2T))) / (1.0 - beta1T));
        if (Float.isNaN(alpha) || alpha == 0 || Float.isInfinite(alpha)) {
            alpha = epsilon;
        }
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        FloatPointer gp = FloatVectors.pointer(gradient);
        FloatPointer mp = FloatVectors.pointer(m);
        FloatPointer vp = FloatVectors.pointer(v);
        for (long from = 0; from < n; from += FloatVectors.CHUNK) {
            int len = (int) Math.min(FloatVectors.CHUNK, n - from);
            FloatVectors.read(gp, from, g, len);
            FloatVectors.read(mp, from, ms, len);
            FloatVectors.read(vp, from, vs, len);
            for (int i = 0; i < len; i++) {
                float gi = g[i];
                float mi = beta1 * ms[i] + gi * oneMinusBeta1;
                float vi = beta2 * vs[i] + gi * gi * oneMinusBeta2;
                ms[i] = mi;
                vs[i] = vi;
                g[i] = (mi * alpha) / ((float) Math.sqrt(vi) + epsilon);
            }
            FloatVectors.write(ms, mp, from, len);
            FloatVectors.write(vs, vp, from, len);
            FloatVectors.write(g, gp, from, len);
        }
    }
}
