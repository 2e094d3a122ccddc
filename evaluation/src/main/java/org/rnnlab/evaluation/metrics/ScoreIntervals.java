package org.rnnlab.evaluation.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How far the scores of one evaluation could move by chance, and whether they beat always predicting one class: the
 * 95% Wilson interval of the accuracy (Wilson 1927, JASA 22: 209-212), a percentile bootstrap interval of macro-F1 over
 * the examples (Efron and Tibshirani 1993, ch. 13) and one of Cohen's kappa from the same resamples, and against the baseline that always predicts class {@code m}:
 * McNemar's exact test of the accuracy difference (McNemar 1947, Psychometrika 12: 153-157; the two-sided binomial
 * test on the examples where exactly one of the two is right) and a paired bootstrap interval of the macro-F1 difference
 * (the baseline's predictions follow from each resampled example's class, so both are scored on the same resample).
 *
 * <p>Everything comes from the confusion matrix: an example is a (true, predicted) cell, and a resample draws as many
 * cells with replacement (above a million examples, each cell's count as a Poisson variable of its count: the Poisson
 * bootstrap, whose cost does not grow with the examples). The bootstrap is seeded ({@link #SEED}), so the same evaluation prints the same interval. A trial
 * had to write its own bootstrap to learn that a macro-F1 of 0.33 against the baseline's 0.26 was no accident.
 *
 * @param accuracyLow       lower end of the accuracy's 95% Wilson interval
 * @param accuracyHigh      upper end
 * @param macroF1Low        2.5th percentile of macro-F1 over the resamples
 * @param macroF1High       97.5th percentile
 * @param resamples         bootstrap resamples drawn
 * @param baselineClass     the class the baseline always predicts (index), or -1 without a baseline
 * @param modelOnlyRight    examples the model got right and the baseline wrong
 * @param baselineOnlyRight examples the baseline got right and the model wrong
 * @param mcnemarP          two-sided exact McNemar p of the accuracy difference (1 when both are right on the same examples)
 * @param macroF1DifferenceLow  2.5th percentile of (model - baseline) macro-F1 over the resamples
 * @param macroF1DifferenceHigh 97.5th percentile
 * @param kappaLow          2.5th percentile of Cohen's kappa over the same resamples ({@link Metric#COHEN_KAPPA}); NaN when
 *                          some resample leaves it undefined (every example drawn of one class and predicted as it)
 * @param kappaHigh         97.5th percentile; NaN as {@code kappaLow}
 */
public record ScoreIntervals(double accuracyLow, double accuracyHigh, double macroF1Low, double macroF1High, int resamples,
                             int baselineClass, long modelOnlyRight, long baselineOnlyRight, double mcnemarP,
                             double macroF1DifferenceLow, double macroF1DifferenceHigh, double kappaLow, double kappaHigh) {

    /** The bootstrap's seed. */
    public static final long SEED = 20261205L;
    /** Resamples drawn (fewer for very many examples: {@link #resamplesFor}). */
    public static final int RESAMPLES = 1000;

    /** The intervals of {@code r}, against always predicting class {@code baseline} (-1: none), or null without examples. */
    public static ScoreIntervals of(EvaluationResult r, int baseline) {
        long[][] confusion = r.confusion();
        int k = confusion.length;
        long n = r.examples();
        if (n == 0) {
            return null;
        }
        long correct = 0;
        for (int c = 0; c < k; c++) {
            correct += confusion[c][c];
        }
        double[] wilson = wilson(correct, n);
        // the examples as cells (true · k + predicted), for drawing; above EXACT examples each cell's count is drawn as a
        // Poisson variable of its count instead (the Poisson bootstrap: O(k²) a resample, whatever the examples)
        boolean exact = n <= EXACT;
        int[] cells = new int[exact ? (int) n : 0];
        int at = 0;
        for (int t = 0; t < k && exact; t++) {
            for (int p = 0; p < k; p++) {
                for (long i = 0; i < confusion[t][p]; i++) {
                    cells[at++] = t * k + p;
                }
            }
        }
        int resamples = resamplesFor(n);
        SplittableRandom random = new SplittableRandom(SEED);
        double[] f1 = new double[resamples];
        double[] kappa = new double[resamples];
        double[] difference = new double[resamples];
        List<String> labels = r.labelNames();
        for (int b = 0; b < resamples; b++) {
            long[][] drawn = new long[k][k];
            if (exact) {
                for (int i = 0; i < cells.length; i++) {
                    int cell = cells[random.nextInt(cells.length)];
                    drawn[cell / k][cell % k]++;
                }
            } else {
                for (int t = 0; t < k; t++) {
                    for (int p = 0; p < k; p++) {
                        drawn[t][p] = poisson(confusion[t][p], random);
                    }
                }
            }
            EvaluationResult scored = Evaluator.fromConfusion(labels, drawn, List.of(), 0);
            f1[b] = scored.macroF1();
            kappa[b] = scored.metric(Metric.COHEN_KAPPA); // the same resample: no draws of its own
            if (baseline >= 0) {
                long[][] always = new long[k][k];
                for (int t = 0; t < k; t++) {
                    for (int p = 0; p < k; p++) {
                        always[t][baseline] += drawn[t][p];
                    }
                }
                difference[b] = f1[b] - Evaluator.fromConfusion(labels, always, List.of(), 0).macroF1();
            }
        }
        Arrays.sort(f1);
        Arrays.sort(difference);
        double[] kappaInterval = definedInterval(kappa);
        long modelOnly = 0;
        long baselineOnly = 0;
        if (baseline >= 0) {
            for (int t = 0; t < k; t++) {
                if (t != baseline) {
                    modelOnly += confusion[t][t]; // right, where the baseline (predicting another class) is wrong
                }
            }
            for (int p = 0; p < k; p++) {
                if (p != baseline) {
                    baselineOnly += confusion[baseline][p]; // of the baseline's class, taken for another
                }
            }
        }
        return new ScoreIntervals(wilson[0], wilson[1], percentile(f1, 0.025), percentile(f1, 0.975), resamples, baseline,
                modelOnly, baselineOnly, baseline >= 0 ? mcnemar(modelOnly, baselineOnly) : Double.NaN,
                baseline >= 0 ? percentile(difference, 0.025) : Double.NaN, baseline >= 0 ? percentile(difference, 0.975) : Double.NaN,
                kappaInterval[0], kappaInterval[1]);
    }

    /**
     * The 2.5th and 97.5th percentiles of the defined (not NaN) {@code values}, when at most 2.5% of them are undefined, else
     * two NaN: a resample that drew no sequence of a rare class and no prediction of it has no kappa (p_e = 1), and with a
     * 5% class in 100 sequences some of 1000 resamples almost surely do (a review: a kappa of 0.884 lost its interval while
     * macro-F1 kept one); beyond a tail's share of them the percentile would mean nothing.
     */
    private static double[] definedInterval(double[] values) {
        double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (defined.length == 0 || (values.length - defined.length) > 0.025 * values.length) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {percentile(defined, 0.025), percentile(defined, 0.975)};
    }

    /**
     * Intervals that resample whole groups (a cluster bootstrap): sequences of one group (an engine, a subject, an
     * instrument's overlapping windows) are not independent, so the groups are drawn with replacement and all of each drawn
     * group's sequences scored. Percentile 95% intervals of accuracy, macro-F1 and their differences from always predicting
     * class {@code baseline}.
     *
     * @param groups         the distinct groups drawn from
     * @param accuracy       [low, high] of accuracy
     * @param macroF1        [low, high] of macro-F1
     * @param accuracyDifference [low, high] of (model - baseline) accuracy
     * @param macroF1Difference  [low, high] of (model - baseline) macro-F1
     * @param kappa          [low, high] of Cohen's kappa; NaN, NaN when some resample leaves it undefined
     */
    public record ByGroup(int groups, double[] accuracy, double[] macroF1, double[] accuracyDifference, double[] macroF1Difference,
                          double[] kappa) {
    }

    /** {@link ByGroup} of sequences with classes {@code actual}, predictions {@code predicted} and {@code group}s (non-null). */
    public static ByGroup byGroup(List<String> labels, int[] actual, int[] predicted, List<String> group, int baseline) {
        int k = labels.size();
        java.util.Map<String, List<Integer>> members = new java.util.LinkedHashMap<>();
        for (int i = 0; i < actual.length; i++) {
            members.computeIfAbsent(group.get(i), g -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> clusters = new ArrayList<>(members.values());
        int resamples = resamplesFor(actual.length);
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] values = new double[5][resamples];
        for (int b = 0; b < resamples; b++) {
            long[][] drawn = new long[k][k];
            long[][] always = new long[k][k];
            for (int c = 0; c < clusters.size(); c++) {
                for (int i : clusters.get(random.nextInt(clusters.size()))) {
                    drawn[actual[i]][predicted[i]]++;
                    always[actual[i]][baseline]++;
                }
            }
            EvaluationResult model = Evaluator.fromConfusion(labels, drawn, List.of(), 0);
            EvaluationResult base = Evaluator.fromConfusion(labels, always, List.of(), 0);
            values[0][b] = model.accuracy();
            values[1][b] = model.macroF1();
            values[2][b] = model.accuracy() - base.accuracy();
            values[3][b] = model.macroF1() - base.macroF1();
            values[4][b] = model.metric(Metric.COHEN_KAPPA);
        }
        double[][] intervals = new double[4][];
        for (int m = 0; m < 4; m++) {
            Arrays.sort(values[m]);
            intervals[m] = new double[] {percentile(values[m], 0.025), percentile(values[m], 0.975)};
        }
        return new ByGroup(clusters.size(), intervals[0], intervals[1], intervals[2], intervals[3], definedInterval(values[4]));
    }

    /** Examples up to which a resample draws each example ({@link #of}); above, each cell's count is drawn as a Poisson variable. */
    static final long EXACT = 1_000_000L;

    /** A Poisson variable of mean {@code lambda}: by counting below 30, else by its normal approximation (rounded, at least 0). */
    static long poisson(long lambda, SplittableRandom random) {
        if (lambda == 0) {
            return 0;
        }
        if (lambda < 30) {
            double limit = Math.exp(-lambda);
            double product = random.nextDouble();
            long count = 0;
            while (product > limit) {
                product *= random.nextDouble();
                count++;
            }
            return count;
        }
        double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
    }

    /** Resamples for {@code n} examples: {@link #RESAMPLES}, fewer above 100,000 examples (at least 200). */
    static int resamplesFor(long n) {
        return (int) Math.max(200, Math.min(RESAMPLES, 100_000_000L / Math.max(1, n)));
    }

    /**
     * Examples of a class below which its scores are said to rest on few ({@code evaluate}'s "few sequences" caveat, and
     * {@code compare}'s for a class with so few test examples in some run).
     */
    public static final int FEW_SEQUENCES = 10;

    /** The 95% Wilson score interval of {@code correct} successes in {@code n} trials. */
    public static double[] wilson(long correct, long n) {
        return wilson((double) correct / n, n);
    }

    /**
     * The 95% Wilson score interval of a proportion {@code p} observed over {@code n} trials ({@link #wilson(long, long)} for a
     * share that need not be a whole count over {@code n}, e.g. summed over several seeds' predictions of the same n examples).
     */
    public static double[] wilson(double p, long n) {
        double z = 1.959963984540054;
        double denominator = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * Two-sided exact McNemar p: twice the binomial(b + c, 1/2) probability of min(b, c) or fewer, at most 1 (1 when b + c
     * is 0). Computed in logs, so that thousands of discordant examples do not underflow.
     */
    public static double mcnemar(long b, long c) {
        long n = b + c;
        if (n == 0) {
            return 1;
        }
        long low = Math.min(b, c);
        double logHalfN = n * Math.log(0.5);
        double sum = 0;
        double logChoose = 0; // log C(n, 0)
        List<Double> terms = new ArrayList<>();
        for (long i = 0; i <= low; i++) {
            if (i > 0) {
                logChoose += Math.log((double) (n - i + 1) / i);
            }
            terms.add(logChoose + logHalfN);
        }
        double max = terms.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return Math.min(1, 2 * Math.exp(max) * sum);
    }

    private static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
