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
 * <p>The verdict is the paired sign-flip (randomization) test of a mean difference of 0 (Fisher 1935; Good,
 * Permutation Tests, 2000, ch. 3): if the two configurations were alike, each pair's difference would be as likely
 * with either sign, so {@code pValue} is the share of the 2<sup>n</sup> sign assignments whose mean is at least as far
 * from 0 as the observed one (all of them up to {@value #EXACT_PAIRS} pairs; beyond, {@value #RESAMPLES} drawn with a
 * fixed seed). A difference is called reliable when {@code pValue < 0.05} and the interval excludes 0. The bootstrap
 * alone was too optimistic with few pairs: with 4 pairs, 4 differences of one sign always gave an interval without 0,
 * which two configurations that are alike produce 2 times in 16, not the 1 in 20 a 95% interval promises. The test
 * keeps its 5%: with 5 pairs or fewer even all differences of one sign have {@code pValue >= 2/32}, so no verdict is
 * given below {@link #MIN_PAIRS} pairs: use 6 or more seeds, or seeds x folds (or bands), for a verdict. The pairs
 * of one comparison are tested one pair of configurations at a time, without a correction for how many pairs there are.
 *
 * @param a              first configuration
 * @param b              second configuration
 * @param metric         the metric compared
 * @param pairs          number of (seed, fold) pairs both have
 * @param meanDifference mean of metric(a) - metric(b) over the pairs
 * @param low            2.5th percentile of the bootstrap means
 * @param high           97.5th percentile of the bootstrap means
 * @param pValue         two-sided p-value of the paired sign-flip test of a mean difference of 0
 * @param reliable       true when there are at least {@link #MIN_PAIRS} pairs, {@code pValue < 0.05} and the interval
 *                       excludes 0
 */
public record PairedDifference(String a, String b, Metric metric, int pairs, double meanDifference, double low, double high,
                               double pValue, boolean reliable) {

    /** Values within rounding of 0 (a sum of differences such as 0.1 - 0.1 + ... = -2.8e-17) are 0, not printed as -0.0000. */
    public PairedDifference {
        meanDifference = zeroIfRounding(meanDifference);
        low = zeroIfRounding(low);
        high = zeroIfRounding(high);
    }

    private static double zeroIfRounding(double x) {
        return Math.abs(x) < 1e-12 ? 0.0 : x;
    }

    /** Fewest pairs for a verdict of "reliably different": with 5, the sign-flip test's smallest p-value is 2/32. */
    public static final int MIN_PAIRS = 6;
    /** Up to this many pairs the sign-flip test enumerates every sign assignment. */
    public static final int EXACT_PAIRS = 16;
    /** Significance level of the verdict. */
    public static final double ALPHA = 0.05;
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

    /**
     * Two-sided p-value of the paired sign-flip test that the differences' mean is 0: the share of sign assignments
     * {@code ±d_1, ..., ±d_n} whose sum is at least as far from 0 as the observed sum (every assignment up to
     * {@link #EXACT_PAIRS} values; beyond, {@code resamples} random ones with {@code seed}, counting the observed one).
     */
    public static double signFlipP(double[] differences, int resamples, long seed) {
        int n = differences.length;
        if (n == 0) {
            throw new IllegalArgumentException("a paired difference needs at least one pair");
        }
        double observed = 0;
        double scale = 0;
        for (double d : differences) {
            observed += d;
            scale += Math.abs(d);
        }
        double bound = Math.abs(observed) - 1e-9 * (1 + scale); // sums of the same values in another order: rounding
        if (n <= EXACT_PAIRS) {
            long extreme = 0;
            for (int mask = 0; mask < 1 << n; mask++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += (mask >> i & 1) == 0 ? differences[i] : -differences[i];
                }
                if (Math.abs(sum) >= bound) {
                    extreme++;
                }
            }
            return (double) extreme / (1 << n);
        }
        Random random = new Random(seed);
        long extreme = 1; // the observed assignment
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (double d : differences) {
                sum += random.nextBoolean() ? d : -d;
            }
            if (Math.abs(sum) >= bound) {
                extreme++;
            }
        }
        return (double) extreme / (resamples + 1);
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
            return new PairedDifference(a, b, metric, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
        }
        double[] values = d.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = Arrays.stream(values).average().orElseThrow();
        double[] ci = interval(values, RESAMPLES, BOOTSTRAP_SEED);
        ci[0] = zeroIfRounding(ci[0]); // the verdict reads the bounds as printed: -2.8e-17 is 0, inside the interval
        ci[1] = zeroIfRounding(ci[1]);
        double p = signFlipP(values, RESAMPLES, BOOTSTRAP_SEED);
        boolean reliable = values.length >= MIN_PAIRS && p < ALPHA && (ci[0] > 0 || ci[1] < 0);
        return new PairedDifference(a, b, metric, values.length, mean, ci[0], ci[1], p, reliable);
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
