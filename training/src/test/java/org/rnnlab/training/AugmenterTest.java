package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** What each transform of {@link Augmenter} does, its respect of the mask, and its seeding. */
class AugmenterTest {
    private static final Augmentation ALL = Augmentation.parse("jitter=0.1,scale=0.2,magwarp=0.3,timewarp=0.3,slice=0.8");

    /** [channel][step] of standard normal values. */
    private static double[][] noise(int channels, int steps, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[channels][steps];
        for (double[] c : x) {
            for (int k = 0; k < steps; k++) {
                c[k] = r.nextGaussian();
            }
        }
        return x;
    }

    /** Features [batch, features, time] of standard normal values. */
    private static INDArray features(int b, int f, int t, long seed) {
        Random r = new Random(seed);
        float[] v = new float[b * f * t];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(v, new long[] {b, f, t}, DataType.FLOAT);
    }

    private static float[] values(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    @Test
    void jitterAddsNoiseOfTheGivenSigma() {
        INDArray zeros = Nd4j.zeros(DataType.FLOAT, 256, 4, 64);
        float[] y = values(Augmenter.apply(Augmentation.none().withJitter(0.5), zeros, null, 11));
        double sum = 0;
        double sq = 0;
        for (float v : y) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / y.length;
        double sd = Math.sqrt(sq / y.length - mean * mean);
        assertThat(mean).isCloseTo(0, within(0.01));
        assertThat(sd).isCloseTo(0.5, within(0.01)); // 65536 values: the sd's own sd is about 0.0014
    }

    @Test
    void scalingMultipliesEachChannelByOneFactorOverTime() {
        double[][] x = noise(3, 50, 1);
        double[][] y = Augmenter.scale(x, 0.2, new SplittableRandom(5));
        double[] factors = new double[3];
        for (int c = 0; c < 3; c++) {
            factors[c] = y[c][0] / x[c][0];
            for (int k = 0; k < 50; k++) {
                assertThat(y[c][k]).isCloseTo(x[c][k] * factors[c], within(1e-12));
            }
        }
        assertThat(factors[0]).isNotEqualTo(factors[1]).isNotEqualTo(factors[2]);
        // the factors are ~ N(1, 0.2²): over many sequences their mean is 1 and their sd 0.2
        SplittableRandom rng = new SplittableRandom(9);
        double[][] ones = new double[1][1];
        ones[0][0] = 1;
        int n = 20_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double f = Augmenter.scale(ones, 0.2, rng)[0][0];
            sum += f;
            sq += f * f;
        }
        assertThat(sum / n).isCloseTo(1, within(0.01));
        assertThat(Math.sqrt(sq / n - (sum / n) * (sum / n))).isCloseTo(0.2, within(0.01));
    }

    @Test
    void sliceOfRatioOneAndWarpsOfSigmaZeroAreTheIdentity() {
        double[][] x = noise(4, 37, 2);
        assertThat(Augmenter.slice(x, 1.0, new SplittableRandom(1))).isDeepEqualTo(x);
        assertThat(Augmenter.timeWarp(x, 0.0, 4, new SplittableRandom(1))).isDeepEqualTo(x);
        assertThat(Augmenter.magnitudeWarp(x, 0.0, 4, new SplittableRandom(1))).isDeepEqualTo(x);
        assertThat(Augmenter.scale(x, 0.0, new SplittableRandom(1))).isDeepEqualTo(x);
        assertThat(Augmenter.jitter(x, 0.0, new SplittableRandom(1))).isDeepEqualTo(x);
        INDArray f = features(3, 2, 9, 3);
        assertThat(values(Augmenter.apply(Augmentation.none(), f, null, 1))).containsExactly(values(f));
        DataSet batch = new DataSet(f, Nd4j.zeros(DataType.FLOAT, 3, 2));
        Augmenter.apply(Augmentation.none(), batch, 42, 1, 0);
        assertThat(batch.getFeatures()).as("nothing on: the same array").isSameAs(f);
    }

    @Test
    void timeWarpKeepsTheEndpointsTheLengthAndTheOrder() {
        double[][] ramp = new double[2][40];
        for (int k = 0; k < 40; k++) {
            ramp[0][k] = k;
            ramp[1][k] = 2 * k;
        }
        double[][] y = Augmenter.timeWarp(ramp, 0.5, 4, new SplittableRandom(3));
        assertThat(y[0]).hasSize(40);
        assertThat(y[0][0]).isEqualTo(0);
        assertThat(y[0][39]).isEqualTo(39);
        assertThat(y[1][39]).isEqualTo(78);
        for (int k = 1; k < 40; k++) {
            assertThat(y[0][k]).as("strictly increasing distortion").isGreaterThan(y[0][k - 1]);
            assertThat(y[1][k]).as("all channels warped alike").isCloseTo(2 * y[0][k], within(1e-9));
        }
        assertThat(y[0]).isNotEqualTo(ramp[0]);
        // even speeds far below 0 keep the distortion increasing
        double[] tau = Augmenter.distortedTimes(new double[] {1, -3, -3, 2, 1});
        assertThat(tau[0]).isZero();
        assertThat(tau[4]).isEqualTo(4);
        for (int k = 1; k < 5; k++) {
            assertThat(tau[k]).isGreaterThan(tau[k - 1]);
        }
        assertThat(Augmenter.distortedTimes(new double[] {1, 1, 1, 1})).containsExactly(0, 1, 2, 3);
    }

    @Test
    void sliceTakesAContiguousWindowStretchedToTheLength() {
        double[][] ramp = new double[1][21];
        for (int k = 0; k < 21; k++) {
            ramp[0][k] = k;
        }
        boolean[] starts = new boolean[11];
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 200; i++) {
            double[] y = Augmenter.slice(ramp, 0.5, rng)[0]; // a window of round(10.5) = 11 steps
            assertThat(y).hasSize(21);
            assertThat(y[0]).isEqualTo(Math.rint(y[0]));
            assertThat(y[20] - y[0]).isCloseTo(10, within(1e-12));
            for (int k = 0; k < 21; k++) {
                assertThat(y[k]).isCloseTo(y[0] + k * 0.5, within(1e-12)); // stretched linearly
            }
            starts[(int) y[0]] = true;
        }
        boolean[] all = new boolean[11];
        Arrays.fill(all, true);
        assertThat(starts).as("every start from 0 to 10 drawn").isEqualTo(all);
    }

    @Test
    void magnitudeWarpMultipliesEachChannelByASmoothCurveAroundOne() {
        double[][] ones = new double[2][101];
        for (double[] c : ones) {
            Arrays.fill(c, 1.0);
        }
        double[][] y = Augmenter.magnitudeWarp(ones, 0.2, 4, new SplittableRandom(8));
        assertThat(y[0]).isNotEqualTo(y[1]);
        for (double[] c : y) {
            for (int k = 1; k < c.length; k++) {
                assertThat(Math.abs(c[k] - c[k - 1])).as("smooth").isLessThan(0.1);
            }
        }
    }

    @Test
    void theNaturalSplinePassesThroughItsKnotsAndIsConstantForEqualValues() {
        double[] knots = {1.0, 0.7, 1.4, 1.1, 0.9, 1.2};
        double[] curve = Augmenter.spline(knots, 11); // knots at the steps 0, 2, .., 10
        for (int k = 0; k < knots.length; k++) {
            assertThat(curve[2 * k]).isCloseTo(knots[k], within(1e-12));
        }
        // natural: the second difference at both ends is about 0 (a straight line near each end)
        double[] fine = Augmenter.spline(knots, 5001);
        double h = 1.0;
        assertThat(Math.abs(fine[0] - 2 * fine[1] + fine[2]) / (h * h)).isLessThan(1e-5);
        assertThat(Augmenter.spline(new double[] {1.3, 1.3, 1.3}, 17)).containsOnly(1.3);
        assertThat(Augmenter.spline(new double[] {0.5, 2.5}, 5)).containsExactly(0.5, 1.0, 1.5, 2.0, 2.5);
    }

    @Test
    void onlyTheValidStepsAreTransformedAndPaddedStepsStayAsTheyWere() {
        int t = 10;
        int[] lengths = {10, 6, 3, 1};
        INDArray f = features(4, 3, t, 6);
        float[] m = new float[4 * t];
        for (int i = 0; i < 4; i++) {
            for (int s = 0; s < t; s++) {
                if (s < lengths[i]) {
                    m[i * t + s] = 1;
                } else {
                    f.putScalar(new long[] {i, 0, s}, 77f);
                    f.putScalar(new long[] {i, 1, s}, 77f);
                    f.putScalar(new long[] {i, 2, s}, 77f);
                }
            }
        }
        INDArray mask = Nd4j.create(m, new long[] {4, t}, DataType.FLOAT);
        DataSet batch = new DataSet(f.dup(), Nd4j.zeros(DataType.FLOAT, 4, 2), mask, null);
        Augmenter.apply(ALL, batch, 42, 3, 5);
        INDArray y = batch.getFeatures();
        assertThat(y.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(y.shape()).containsExactly(4, 3, t);
        assertThat(batch.getFeaturesMaskArray()).isSameAs(mask);
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                int changed = 0;
                for (int s = 0; s < t; s++) {
                    float before = f.getFloat(i, c, s);
                    float after = y.getFloat(i, c, s);
                    if (s >= lengths[i]) {
                        assertThat(after).as("padded step %d of sequence %d", s, i).isEqualTo(77f);
                    } else {
                        assertThat(after).as("valid step %d of sequence %d", s, i).isNotEqualTo(77f);
                        changed += before != after ? 1 : 0;
                    }
                }
                assertThat(changed).as("sequence %d channel %d", i, c).isEqualTo(lengths[i]);
            }
        }
    }

    @Test
    void theWarpsWorkOnTheValidStepsWhereverTheMaskPutsThem() {
        // valid steps 2..7 of 10 (leading and trailing padding): a time warp keeps the first and last of them
        int t = 10;
        float[] ramp = new float[t];
        float[] m = new float[t];
        for (int s = 0; s < t; s++) {
            ramp[s] = s;
            m[s] = s >= 2 && s <= 7 ? 1 : 0;
        }
        INDArray f = Nd4j.create(ramp, new long[] {1, 1, t}, DataType.FLOAT);
        INDArray mask = Nd4j.create(m, new long[] {1, t}, DataType.FLOAT);
        float[] y = values(Augmenter.apply(Augmentation.none().withTimeWarp(0.5), f, mask, 12));
        assertThat(y[0]).isEqualTo(0f);
        assertThat(y[1]).isEqualTo(1f);
        assertThat(y[2]).isEqualTo(2f);
        assertThat(y[7]).isEqualTo(7f);
        assertThat(y[8]).isEqualTo(8f);
        assertThat(y[9]).isEqualTo(9f);
        for (int s = 3; s <= 7; s++) {
            assertThat(y[s]).isGreaterThan(y[s - 1]).isBetween(2f, 7f);
        }
        assertThat(y).isNotEqualTo(ramp);
    }

    @Test
    void theSameSeedEpochAndBatchGiveTheSameArraysAndAnyOtherGivesOthers() {
        INDArray f = features(8, 3, 16, 7);
        float[] a = values(augmented(f, 42, 2, 3));
        assertThat(values(augmented(f, 42, 2, 3))).containsExactly(a);
        assertThat(values(augmented(f, 42, 2, 4))).isNotEqualTo(a);
        assertThat(values(augmented(f, 42, 3, 3))).isNotEqualTo(a);
        assertThat(values(augmented(f, 43, 2, 3))).isNotEqualTo(a);
        assertThat(values(f)).as("the input is left alone").containsExactly(values(features(8, 3, 16, 7)));
        // each example has its own numbers: the same sequence twice in a batch is augmented differently
        INDArray twice = Nd4j.concat(0, f.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)),
                f.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)));
        INDArray y = Augmenter.apply(ALL, twice, null, 5);
        assertThat(values(y.slice(0))).isNotEqualTo(values(y.slice(1)));
        assertThat(Augmenter.batchSeed(42, 2, 3)).isEqualTo(Augmenter.batchSeed(42, 2, 3))
                .isNotEqualTo(Augmenter.batchSeed(42, 3, 2)).isNotEqualTo(Augmenter.batchSeed(42, 2, 4));
    }

    private static INDArray augmented(INDArray f, long seed, int epoch, int batch) {
        DataSet ds = new DataSet(f, Nd4j.zeros(DataType.FLOAT, f.size(0), 2));
        Augmenter.apply(ALL, ds, seed, epoch, batch);
        return ds.getFeatures();
    }
}
