package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * The difference of a test metric between two configurations, paired by seed and fold: each pair was
 * trained with the same seed (same data order and initial-weight stream) and tested on the same examples,
 * so the pair's difference removes what the seed and the fold did to both. The interval is the 95%
 * percentile bootstrap of the mean difference (Efron and Tibshirani, An Introduction to the Bootstrap,
 * 1993, ch. 13): the pairs are resampled with replacement {@code resamples} times with a fixed seed, and
 * the 2.5th and 97.5th percentiles of the resampled means are the bounds.
 *
 * <p>In plain words: if the interval does not contain 0, {@code a} and {@code b} differ reliably in this
 * comparison's data and budget; if it does, the comparison cannot tell them apart. With few pairs the
 * bootstrap interval is too narrow (with 3 seeds it is at most the range of the 3 differences), so a
 * difference is called reliable only with at least {@link #MIN_PAIRS} pairs: use 5 or more seeds, or
 * cross-validation folds, for a verdict.
 *
 * @param a              first configuration
 * @param b              second configuration
 * @param metric         the metric compared
 * @param pairs          number of (seed, fold) pairs both have
 * @param meanDifference mean of metric(a) - metric(b) over the pairs
 * @param low            2.5th percentile of the bootstrap means
 * @param high           97.5th percentile of the bootstrap means
 * @param reliable       true when there are at least {@link #MIN_PAIRS} pairs and the interval excludes 0
 */
public record PairedDifference(String a, String b, Metric metric, int pairs, double meanDifference, double low, double high,
                               boolean reliable) {

    /** Fewest pairs for a verdict of "reliably different". */
    public static final int MIN_PAIRS = 4;
    /** Bootstrap resamples. */
    public static final int RESAMPLES = 10_000;
    /** Seed of the bootstrap, fixed so the same runs give the same intervals. */
    public static final long BOOTSTRAP_SEED = 20_061_993L;

    /**
     * The bootstrap interval of the mean of {@code differences} (at least one value).
     *
     * @return {low, high}
     */
    public static double[] interval(double[] differences, int resamples, long seed) {
        int n = differences.length;
        if (n == 0) {
            throw new IllegalArgumentException("a paired difference needs at least one pair");
        }
        Random random = new Random(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += differences[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return new double[] {percentile(means, 0.025), percentile(means, 0.975)};
    }

    /** The {@code q} quantile of sorted values, nearest rank (the smallest value with at least q of the mass at or below). */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The paired difference of {@code metric} between two configurations' runs, matched by seed and fold. */
    public static PairedDifference of(String a, List<RunResult> runsA, String b, List<RunResult> runsB, Metric metric) {
        Map<String, RunResult> byPair = new LinkedHashMap<>();
        for (RunResult r : runsB) {
            byPair.put(pairKey(r), r);
        }
        List<Double> d = new ArrayList<>();
        for (RunResult r : runsA) {
            RunResult other = byPair.get(pairKey(r));
            if (other != null) {
                d.add(r.test().metric(metric) - other.test().metric(metric));
            }
        }
        if (d.isEmpty()) {
            return new PairedDifference(a, b, metric, 0, Double.NaN, Double.NaN, Double.NaN, false);
        }
        double[] values = d.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = Arrays.stream(values).average().orElseThrow();
        double[] ci = interval(values, RESAMPLES, BOOTSTRAP_SEED);
        boolean reliable = values.length >= MIN_PAIRS && (ci[0] > 0 || ci[1] < 0);
        return new PairedDifference(a, b, metric, values.length, mean, ci[0], ci[1], reliable);
    }

    /** Every pair of configurations of a comparison (in the order of its aggregates), on {@code metric}. */
    public static List<PairedDifference> all(ComparisonResult result, Metric metric) {
        Map<String, List<RunResult>> byConfiguration = new LinkedHashMap<>();
        for (RunResult r : result.runs()) {
            byConfiguration.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r);
        }
        List<String> names = new ArrayList<>(byConfiguration.keySet());
        List<PairedDifference> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                out.add(of(names.get(i), byConfiguration.get(names.get(i)), names.get(j), byConfiguration.get(names.get(j)), metric));
            }
        }
        return out;
    }

    /** A short verdict: {@code reliably better}, {@code reliably worse}, {@code not reliably different} or {@code too few pairs}. */
    public String verdict() {
        if (pairs < MIN_PAIRS) {
            return "too few pairs (" + pairs + " < " + MIN_PAIRS + ")";
        }
        return reliable ? (meanDifference > 0 ? "reliably better" : "reliably worse") : "not reliably different";
    }

    private static String pairKey(RunResult r) {
        return r.seed() + "/" + r.fold() + "/" + r.band();
    }
}
