package org.rnnlab.evaluation.gradients;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code random}: N(0, 1) inputs; the label (2 classes) is the sign of the sum of feature 0 over the first
 * {@link #DECIDING_STEPS} steps, so the answer lies at the far end of the sequence from the step the
 * classifier reads. Deterministic by seed and batch index.
 *
 * @param steps    T, at least {@link #DECIDING_STEPS}
 * @param features inputs per step, at least 1
 * @param seed     seed
 */
public record RandomFirstStepsData(int steps, int features, long seed) implements GradientDataSource {

    public static final String NAME = "random";
    /** The label is decided by the first this many steps. */
    public static final int DECIDING_STEPS = 3;

    public RandomFirstStepsData {
        if (steps < DECIDING_STEPS || steps > 100_000) {
            throw new IllegalArgumentException("RandomFirstStepsData.steps must be in [" + DECIDING_STEPS + ", 100000], got " + steps);
        }
        if (features < 1 || features > 4096) {
            throw new IllegalArgumentException("RandomFirstStepsData.features must be in [1, 4096], got " + features);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int classes() {
        return 2;
    }

    @Override
    public Batch batch(int index, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        SplittableRandom rnd = new SplittableRandom(seed * 7_919L + index);
        double[] v = new double[size * features * steps];
        INDArray y = Nd4j.zeros(DataType.FLOAT, size, 2);
        for (int b = 0; b < size; b++) {
            int off = b * features * steps;
            for (int i = 0; i < features * steps; i++) {
                double u1 = 1.0 - rnd.nextDouble();
                double u2 = rnd.nextDouble();
                v[off + i] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
            double s = 0;
            for (int t = 0; t < DECIDING_STEPS; t++) {
                s += v[off + t]; // feature 0, step t
            }
            y.putScalar(b, s > 0 ? 1 : 0, 1.0);
        }
        INDArray x = Nd4j.create(v, new long[] {size, features, steps}, DataType.DOUBLE).castTo(DataType.FLOAT);
        return new Batch(x, y, null);
    }
}
