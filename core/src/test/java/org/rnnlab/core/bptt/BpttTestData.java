package org.rnnlab.core.bptt;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Deterministic inputs, labels and parameters for the BPTT tests. */
final class BpttTestData {
    private BpttTestData() {
    }

    /** Inputs [B, D, T] of N(0, 1) entries. */
    static INDArray inputs(int batch, int inputs, int length, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[batch * inputs * length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Gaussian.next(rnd);
        }
        return Nd4j.create(v, new long[] {batch, inputs, length}, DataType.DOUBLE);
    }

    /** One-hot labels, [B, C] for LAST_STEP or [B, C, T] for EVERY_STEP. */
    static INDArray labels(LossMode mode, int batch, int classes, int length, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        if (mode == LossMode.LAST_STEP) {
            INDArray y = Nd4j.zeros(DataType.DOUBLE, batch, classes);
            for (int b = 0; b < batch; b++) {
                y.putScalar(b, rnd.nextInt(classes), 1.0);
            }
            return y;
        }
        INDArray y = Nd4j.zeros(DataType.DOUBLE, batch, classes, length);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                y.putScalar(new int[] {b, rnd.nextInt(classes), t}, 1.0);
            }
        }
        return y;
    }

    /** Random parameters with non-zero biases (so the bias gradients are exercised at a generic point). */
    static RnnParameters params(int hidden, int inputs, int classes, long seed) {
        RnnParameters p = RnnParameters.random(hidden, inputs, classes, seed);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        INDArray b = Nd4j.zeros(DataType.DOUBLE, hidden);
        INDArray by = Nd4j.zeros(DataType.DOUBLE, classes);
        for (int i = 0; i < hidden; i++) {
            b.putScalar(i, 0.3 * Gaussian.next(rnd));
        }
        for (int i = 0; i < classes; i++) {
            by.putScalar(i, 0.3 * Gaussian.next(rnd));
        }
        return new RnnParameters(p.wh(), p.wx(), b, p.wy(), by);
    }
}
