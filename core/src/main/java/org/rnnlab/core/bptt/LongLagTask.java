package org.rnnlab.core.bptt;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A long-lag binary task: the class is the sign of feature 0 at the FIRST step (+signal or -signal);
 * every other entry of the sequence is Gaussian noise. To answer at the last step, the network must
 * carry one bit across T-1 steps, so the useful gradient is exactly the long-distance one.
 * Deterministic by seed: batch k of a task is always the same.
 *
 * @param inputs   features per step, at least 1
 * @param length   T, at least 2
 * @param signal   amplitude of the first step's feature 0, &gt; 0
 * @param noiseStd standard deviation of the noise, &gt;= 0
 * @param seed     seed of the task
 */
public record LongLagTask(int inputs, int length, double signal, double noiseStd, long seed) {

    public LongLagTask {
        if (inputs < 1 || inputs > 4096) {
            throw new IllegalArgumentException("LongLagTask.inputs must be in [1, 4096], got " + inputs);
        }
        if (length < 2 || length > 100_000) {
            throw new IllegalArgumentException("LongLagTask.length must be in [2, 100000], got " + length);
        }
        if (!(Double.isFinite(signal) && signal > 0)) {
            throw new IllegalArgumentException("LongLagTask.signal must be finite and > 0, got " + signal);
        }
        if (!(Double.isFinite(noiseStd) && noiseStd >= 0)) {
            throw new IllegalArgumentException("LongLagTask.noiseStd must be finite and >= 0, got " + noiseStd);
        }
    }

    /**
     * A minibatch.
     *
     * @param features [B, D, T]
     * @param labels   one-hot [B, 2]
     */
    public record Batch(INDArray features, INDArray labels) {
    }

    /** Batch number {@code index} of {@code size} sequences. */
    public Batch batch(int index, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + index);
        double[] v = new double[size * inputs * length];
        INDArray y = Nd4j.zeros(DataType.DOUBLE, size, 2);
        for (int b = 0; b < size; b++) {
            int label = rnd.nextInt(2);
            y.putScalar(b, label, 1.0);
            int off = b * inputs * length;
            for (int f = 0; f < inputs; f++) {
                for (int t = 0; t < length; t++) {
                    v[off + f * length + t] = noiseStd * Gaussian.next(rnd);
                }
            }
            v[off] = label == 1 ? signal : -signal; // feature 0, step 0
        }
        return new Batch(Nd4j.create(v, new long[] {size, inputs, length}, DataType.DOUBLE), y);
    }
}
