package org.rnnlab.training;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Applies an {@link Augmentation} to the features {@code [batch, features, time]} of a training minibatch.
 *
 * <p>Only the valid steps of each sequence are transformed: those whose feature-mask entry is not 0 (all steps
 * without a mask), taken in order as one sequence of length L. Padded steps keep their values and the lengths do
 * not change. The transforms run in the order slice, time warp, magnitude warp, scaling, jitter; a transform that
 * is off draws no random numbers. Then, with {@link Augmentation#prefix} below 1, each sequence is cut to a random
 * prefix by its mask ({@link #cutToPrefixes}): the one transform that changes lengths.
 *
 * <p>Seeding: the random numbers of a minibatch are a function of (training seed, epoch, minibatch index within
 * the epoch) only ({@link #batchSeed}), and those of example i of a minibatch of (that seed, i), each example
 * having its own {@link SplittableRandom}. A run resumed from a checkpoint in the middle of an epoch therefore
 * sees exactly the augmented minibatches of an uninterrupted run. Gaussian numbers are drawn by the Box–Muller
 * transform written here, so they do not depend on the JDK's {@code nextGaussian}.
 *
 * <p>Curves: the smooth random curves of the warps are natural cubic splines (second derivative 0 at both ends)
 * through {@code knots + 2} evenly spaced knots over the valid steps, both ends included, with values ~ N(1, σ²)
 * (as Um et al. 2017, who use a cubic spline through 4 + 2 knots). Time warping integrates the curve as a local
 * speed (trapezoid rule; speeds below {@value #MIN_SPEED} are raised to it so the distortion is strictly
 * increasing), rescales the integral to run from the first to the last valid step, and resamples the sequence at
 * the distorted times by linear interpolation. Window slicing and time warping both resample by linear
 * interpolation between neighbouring steps.
 */
public final class Augmenter {
    /** Lowest local speed of time warping, so that the time distortion stays strictly increasing. */
    static final double MIN_SPEED = 0.05;

    private Augmenter() {
    }

    /**
     * The seed of the random numbers of minibatch {@code batch} (0 first) of epoch {@code epoch}: a function of the
     * training seed and the position only (SplitMix64's finaliser over the three).
     */
    public static long batchSeed(long seed, int epoch, int batch) {
        return mix(mix(mix(seed) + epoch) + batch);
    }

    /** SplitMix64's finaliser after a golden-ratio step: a well-mixed 64-bit function of {@code z}. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Replaces the features of {@code batch}, minibatch {@code batchIndex} (0 first) of epoch {@code epoch} (the trainer
     * passes its epoch, 1 first), by their
     * augmented copy; labels and masks are kept. Nothing changes when no transform is on.
     */
    public static void apply(Augmentation a, DataSet batch, long seed, int epoch, int batchIndex) {
        if (a.enabled()) {
            long batchSeed = batchSeed(seed, epoch, batchIndex);
            batch.setFeatures(apply(a, batch.getFeatures(), batch.getFeaturesMaskArray(), batchSeed));
            if (a.prefix() < 1) {
                cutToPrefixes(a.prefix(), batch, batchSeed);
            }
        }
    }

    /**
     * Cuts each sequence of {@code batch} to a random prefix ({@link Augmentation#prefix}): of its L valid steps it keeps
     * the first n, n uniform in [max(1, ceil(r L)), L], by setting the feature mask (made if absent) to 0 and the features to
     * 0 at the valid steps after them, as padding is; a labels mask over time ([batch, time]) is cut alike. Example i's n is
     * drawn from its own generator, seeded by (minibatch seed, i) apart from the other transforms', so turning prefix on
     * leaves their random numbers as they were.
     */
    static void cutToPrefixes(double ratio, DataSet batch, long batchSeed) {
        INDArray features = batch.getFeatures();
        int b = (int) features.size(0);
        int f = (int) features.size(1);
        int t = (int) features.size(2);
        INDArray mask = batch.getFeaturesMaskArray();
        double[] m = mask == null ? null : mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] newMask = new double[b * t];
        double[] x = features.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < b; i++) {
            int valid = 0;
            for (int s = 0; s < t; s++) {
                if (m == null || m[i * t + s] != 0) {
                    valid++;
                }
            }
            int shortest = Math.max(1, (int) Math.ceil(ratio * valid - 1e-9));
            int keep = valid <= shortest ? valid
                    : shortest + new SplittableRandom(mix(batchSeed + i) ^ PREFIX_STREAM).nextInt(valid - shortest + 1);
            int seen = 0;
            for (int s = 0; s < t; s++) {
                boolean isValid = m == null || m[i * t + s] != 0;
                if (isValid && seen++ < keep) {
                    newMask[i * t + s] = m == null ? 1 : m[i * t + s];
                } else if (isValid) {
                    for (int c = 0; c < f; c++) {
                        x[(i * f + c) * t + s] = 0;
                    }
                }
            }
        }
        DataType maskType = mask == null ? features.dataType() : mask.dataType();
        INDArray cut = Nd4j.create(newMask, new long[] {b, t}, 'c').castTo(maskType);
        batch.setFeatures(Nd4j.create(x, new long[] {b, f, t}, 'c').castTo(features.dataType()));
        batch.setFeaturesMaskArray(cut);
        INDArray labelsMask = batch.getLabelsMaskArray();
        if (labelsMask != null && labelsMask.rank() == 2 && labelsMask.size(1) == t) {
            batch.setLabelsMaskArray(cut.castTo(labelsMask.dataType()));
        }
    }

    /** Salt of the prefix cut's generator, so its numbers are not those of the other transforms. */
    private static final long PREFIX_STREAM = 0x5DEECE66DL;

    /**
     * The augmented copy of {@code features} {@code [batch, features, time]} (its data type kept); {@code mask}
     * {@code [batch, time]} marks the valid steps (null: all valid).
     */
    public static INDArray apply(Augmentation a, INDArray features, INDArray mask, long batchSeed) {
        if (features.rank() != 3) {
            throw new IllegalArgumentException("augmentation needs features [batch, features, time], got shape "
                    + java.util.Arrays.toString(features.shape()));
        }
        int b = (int) features.size(0);
        int f = (int) features.size(1);
        int t = (int) features.size(2);
        double[] x = features.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] m = mask == null ? null : mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int[] steps = new int[t];
        for (int i = 0; i < b; i++) {
            int len = 0;
            for (int s = 0; s < t; s++) {
                if (m == null || m[i * t + s] != 0) {
                    steps[len++] = s;
                }
            }
            double[][] seq = new double[f][len];
            for (int c = 0; c < f; c++) {
                for (int k = 0; k < len; k++) {
                    seq[c][k] = x[(i * f + c) * t + steps[k]];
                }
            }
            seq = sequence(a, seq, new SplittableRandom(mix(batchSeed + i)));
            for (int c = 0; c < f; c++) {
                for (int k = 0; k < len; k++) {
                    x[(i * f + c) * t + steps[k]] = seq[c][k];
                }
            }
        }
        return Nd4j.create(x, new long[] {b, f, t}, 'c').castTo(features.dataType());
    }

    /** One sequence {@code [channel][step]} (its valid steps only) augmented with the random numbers of {@code rng}. */
    static double[][] sequence(Augmentation a, double[][] x, SplittableRandom rng) {
        double[][] y = x;
        if (a.slice() < 1) {
            y = slice(y, a.slice(), rng);
        }
        if (a.timeWarp() > 0) {
            y = timeWarp(y, a.timeWarp(), a.knots(), rng);
        }
        if (a.magWarp() > 0) {
            y = magnitudeWarp(y, a.magWarp(), a.knots(), rng);
        }
        if (a.scale() > 0) {
            y = scale(y, a.scale(), rng);
        }
        if (a.jitter() > 0) {
            y = jitter(y, a.jitter(), rng);
        }
        return y;
    }

    /** Adds N(0, σ²) noise to every value (a new array). */
    static double[][] jitter(double[][] x, double sigma, SplittableRandom rng) {
        double[][] y = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            y[c] = new double[x[c].length];
            for (int k = 0; k < x[c].length; k++) {
                y[c][k] = x[c][k] + sigma * gaussian(rng);
            }
        }
        return y;
    }

    /** Multiplies each channel by its own factor ~ N(1, σ²), the same at every step (a new array). */
    static double[][] scale(double[][] x, double sigma, SplittableRandom rng) {
        double[][] y = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            double factor = 1 + sigma * gaussian(rng);
            y[c] = new double[x[c].length];
            for (int k = 0; k < x[c].length; k++) {
                y[c][k] = x[c][k] * factor;
            }
        }
        return y;
    }

    /** Multiplies each channel by its own smooth random curve (a natural cubic spline through knots ~ N(1, σ²)). */
    static double[][] magnitudeWarp(double[][] x, double sigma, int knots, SplittableRandom rng) {
        double[][] y = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            int len = x[c].length;
            double[] curve = randomCurve(len, sigma, knots, rng);
            y[c] = new double[len];
            for (int k = 0; k < len; k++) {
                y[c][k] = x[c][k] * curve[k];
            }
        }
        return y;
    }

    /**
     * Resamples all channels at the same smooth random time distortion: the first and last steps stay in place,
     * the length is kept. Sequences shorter than 2 steps are returned unchanged.
     */
    static double[][] timeWarp(double[][] x, double sigma, int knots, SplittableRandom rng) {
        int len = x.length == 0 ? 0 : x[0].length;
        if (len < 2) {
            return x;
        }
        return resample(x, distortedTimes(randomCurve(len, sigma, knots, rng)));
    }

    /**
     * The increasing times 0 = τ(0) < τ(1) < ... < τ(L-1) = L-1 whose local speed is {@code speed} (raised to at least
     * {@link #MIN_SPEED}); a constant speed gives τ(t) = t exactly.
     */
    static double[] distortedTimes(double[] speed) {
        int len = speed.length;
        double[] tau = new double[len];
        for (int k = 1; k < len; k++) {
            tau[k] = tau[k - 1] + (Math.max(MIN_SPEED, speed[k - 1]) + Math.max(MIN_SPEED, speed[k])) / 2;
        }
        double factor = (len - 1) / tau[len - 1];
        for (int k = 1; k < len - 1; k++) {
            tau[k] = tau[k] * factor;
        }
        tau[len - 1] = len - 1;
        return tau;
    }

    /**
     * Window slicing: a random contiguous window of {@code round(ratio * L)} steps (at least 2), starting at a uniformly
     * drawn step, stretched back to L steps by linear interpolation. Sequences shorter than 2 steps are returned unchanged.
     */
    static double[][] slice(double[][] x, double ratio, SplittableRandom rng) {
        int len = x.length == 0 ? 0 : x[0].length;
        if (len < 2) {
            return x;
        }
        int window = Math.min(len, Math.max(2, (int) Math.round(ratio * len)));
        int start = rng.nextInt(len - window + 1);
        double[] at = new double[len];
        for (int k = 0; k < len; k++) {
            at[k] = start + (double) k * (window - 1) / (len - 1);
        }
        return resample(x, at);
    }

    /** Each channel read at the (fractional) positions {@code at} by linear interpolation between neighbouring steps. */
    static double[][] resample(double[][] x, double[] at) {
        double[][] y = new double[x.length][at.length];
        for (int c = 0; c < x.length; c++) {
            for (int k = 0; k < at.length; k++) {
                y[c][k] = interpolate(x[c], at[k]);
            }
        }
        return y;
    }

    /** Linear interpolation of {@code v} at position {@code p} in [0, length - 1]; exact at whole positions. */
    static double interpolate(double[] v, double p) {
        int i = (int) Math.floor(p);
        if (i >= v.length - 1) {
            return v[v.length - 1];
        }
        if (i < 0) {
            return v[0];
        }
        double frac = p - i;
        return frac == 0 ? v[i] : v[i] + frac * (v[i + 1] - v[i]);
    }

    /** A smooth random curve over {@code len} steps: a natural cubic spline through {@code knots + 2} values ~ N(1, σ²). */
    static double[] randomCurve(int len, double sigma, int knots, SplittableRandom rng) {
        double[] values = new double[knots + 2];
        for (int k = 0; k < values.length; k++) {
            values[k] = 1 + sigma * gaussian(rng);
        }
        return spline(values, len);
    }

    /**
     * The natural cubic spline through {@code y.length} (at least 2) values at evenly spaced knots, the first at step 0 and
     * the last at step {@code len - 1}, evaluated at the steps 0 .. len-1. Equal values give that constant exactly.
     */
    static double[] spline(double[] y, int len) {
        int n = y.length;
        double[] out = new double[len];
        if (len == 1) {
            out[0] = y[0];
            return out;
        }
        double h = (len - 1) / (double) (n - 1);
        // second derivatives M: M[0] = M[n-1] = 0, M[i-1] + 4 M[i] + M[i+1] = 6 (y[i+1] - 2 y[i] + y[i-1]) / h² (Thomas algorithm)
        double[] second = new double[n];
        if (n > 2) {
            int inner = n - 2;
            double[] diag = new double[inner];
            double[] rhs = new double[inner];
            for (int i = 0; i < inner; i++) {
                diag[i] = 4;
                rhs[i] = 6 * (y[i + 2] - 2 * y[i + 1] + y[i]) / (h * h);
            }
            for (int i = 1; i < inner; i++) {
                double w = 1 / diag[i - 1];
                diag[i] -= w;
                rhs[i] -= w * rhs[i - 1];
            }
            second[inner] = rhs[inner - 1] / diag[inner - 1];
            for (int i = inner - 2; i >= 0; i--) {
                second[i + 1] = (rhs[i] - second[i + 2]) / diag[i];
            }
        }
        for (int s = 0; s < len; s++) {
            int i = Math.min(n - 2, (int) Math.floor(s / h));
            double u = (s - i * h) / h;
            double v = 1 - u;
            out[s] = y[i] + u * (y[i + 1] - y[i]) + h * h / 6 * ((v * v * v - v) * second[i] + (u * u * u - u) * second[i + 1]);
        }
        return out;
    }

    /** A standard normal number by the Box–Muller transform (two uniform draws). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]: the logarithm stays finite
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
