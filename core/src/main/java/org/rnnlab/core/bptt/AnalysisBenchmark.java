package org.rnnlab.core.bptt;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.Nd4jRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times a full {@link GradientAnalysis} (forward, BPTT, all T Jacobian products and powers of W_h and
 * their spectral norms) on a random tanh network, deterministic by seed. Meant for {@code rnnlab bench}.
 */
public final class AnalysisBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisBenchmark.class);

    /** Input size of the benchmark network. */
    public static final int INPUTS = 8;

    /**
     * @param hidden        H
     * @param length        T
     * @param repeats       timed runs after one warm-up run
     * @param seconds       wall time of each timed run
     * @param medianSeconds median of {@code seconds}
     */
    public record Result(int hidden, int length, int repeats, double[] seconds, double medianSeconds) {
        public Result {
            seconds = seconds.clone();
        }

        @Override
        public double[] seconds() {
            return seconds.clone();
        }
    }

    private AnalysisBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param hidden  H, in [1, 4096]
     * @param length  T, in [1, 100000]
     * @param repeats timed repeats, in [1, 1000] (one untimed warm-up run comes first)
     * @param seed    seed of the weights and the input
     */
    public static Result run(int hidden, int length, int repeats, long seed) {
        if (hidden < 1 || hidden > 4096) {
            throw new IllegalArgumentException("hidden must be in [1, 4096], got " + hidden);
        }
        if (length < 1 || length > 100_000) {
            throw new IllegalArgumentException("length must be in [1, 100000], got " + length);
        }
        if (repeats < 1 || repeats > 1000) {
            throw new IllegalArgumentException("repeats must be in [1, 1000], got " + repeats);
        }
        Nd4jRuntime.ensureConfigured();
        VanillaRnn net = new VanillaRnn(RnnParameters.random(hidden, INPUTS, 2, seed), RnnActivation.TANH, LossMode.LAST_STEP);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        double[] v = new double[INPUTS * length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Gaussian.next(rnd);
        }
        INDArray x = Nd4j.create(v, new long[] {1, INPUTS, length}, DataType.DOUBLE);
        GradientAnalysis.analyse(net, x, 0); // warm-up (JIT, BLAS)
        double[] secs = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            GradientAnalysis.analyse(net, x, 0);
            secs[r] = (System.nanoTime() - t0) / 1e9;
        }
        double[] sorted = secs.clone();
        Arrays.sort(sorted);
        double median = repeats % 2 == 1 ? sorted[repeats / 2] : 0.5 * (sorted[repeats / 2 - 1] + sorted[repeats / 2]);
        LOG.info("GradientAnalysis T={} H={}: median {} s over {} runs", length, hidden, median, repeats);
        return new Result(hidden, length, repeats, secs, median);
    }
}
