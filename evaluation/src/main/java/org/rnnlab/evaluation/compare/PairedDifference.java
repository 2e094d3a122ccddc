package org.rnnlab.evaluation.compare;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rnnlab.core.NanAsNull;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * The difference of a test metric between two configurations, paired by seed and fold: each pair was
 * trained with the same seed (same data order and initial-weight stream) and tested on the same examples,
 * so the pair's difference removes what the seed and the fold did to both.
 *
 * <p>The verdict is the paired sign-flip (randomization) test of a mean difference of 0 (Fisher 1935; Good,
 * Permutation Tests, 2000, ch. 3): if the two configurations were alike, each pair's difference would be as likely
 * with either sign, so {@code pValue} is the share of the 2<sup>n</sup> sign assignments whose mean is at least as far
 * from 0 as the observed one (all of them up to {@value #EXACT_PAIRS} pairs; beyond, {@value #RESAMPLES} drawn with a
 * fixed seed). The test keeps its 5%: with 5 pairs or fewer even all differences of one sign have {@code pValue >= 2/32},
 * so no verdict is given below {@link #MIN_PAIRS} pairs: use 6 or more seeds (or seeds x bands), or 6 or more folds, for a verdict.
 * The pairs of one comparison are tested one pair of configurations at a time, without a correction for how many pairs
 * there are: the console, summary.md and the report say so from 2 pairs on and give each pair's Holm-adjusted p
 * ({@link SignFlipNotes#holm}). Pairs whose difference is exactly 0 (a ceiling band) add nothing to the test: with m
 * untied pairs its smallest p is 2/2<sup>m</sup> ({@link SignFlipNotes#ties}).
 *
 * <p>The 95% interval is that test inverted into a confidence set for one shift common to every pair (each pair's
 * difference symmetric about the same delta), not an interval around the mean: where the pairs have different effects
 * (bands), it assumes one for all ({@link SignFlipNotes#byBand}), and with 6 pairs it is their range
 * ({@link SignFlipNotes#sixPairs}) (Lehmann and Romano, Testing Statistical Hypotheses,
 * 3rd ed. 2005, sec. 3.5 and ch. 5, confidence sets as the parameter values a family of tests accepts; Good, Permutation
 * Tests, 2000, ch. 3): the shifts {@code delta} for which the same sign-flip test of the shifted differences
 * {@code d_i - delta} (the same exact enumeration, or the same {@value #RESAMPLES} sign assignments drawn with the same
 * seed) does not reject at 5%, i.e. {@code p(delta) >= 0.05}. For each sign assignment the shifts where it is at least as
 * extreme as the observed one form an interval around the mean difference (|S(delta)| >= |T(delta)| squared is a concave
 * quadratic in delta, 0 or more at the mean), so {@code p(delta)} is a step function that does not increase away from the
 * mean on either side (up to rounding), and the accepted shifts form one interval; {@link #interval} finds its two ends by
 * bisection. Before, the interval was the 95% percentile bootstrap (Efron and Tibshirani, An Introduction to the
 * Bootstrap, 1993, ch. 13), which is too narrow with few pairs: it left 0 out next to a verdict "not reliably different"
 * (9 pairs with p = 0.156; 6 pairs with p = 0.094, where a t-interval contained 0).
 *
 * <p>What holds exactly: {@code low} and {@code high} are accepted shifts ({@code p >= 0.05}), each within
 * {@value #RESOLUTION} times (1 + the largest |d_i|) of a rejected shift beyond it (as the test counts sums within 1e-9
 * of the observed one as extreme, an end can lie that little beyond the step of exact arithmetic). Since the bisection
 * tests the shift 0 itself whenever it lies on a side, the interval {@code [low, high]} contains 0 if and only if
 * {@code pValue >= 0.05}, with {@code pValue} computed as above (an end within 1e-8 of 0 on a side where 0 is accepted
 * is stored as 0, so the interval contains 0 either way; like every value of the record, a bound within 1e-12 of 0 is
 * 0). A difference is called reliable when there are at least {@link #MIN_PAIRS} pairs and {@code pValue < 0.05}, which
 * is the same as the interval excluding 0. Below {@link #MIN_PAIRS} pairs every shift has {@code p >= 2/2^n >= 0.0625},
 * so no finite 95% interval exists: {@code low} and {@code high} are then NaN ({@code null} in JSON, empty in CSV,
 * {@code n/a} in tables and text).
 *
 * <p>What a pair is ({@code unit}): without cross-validation a seed ({@code seed}), or a seed's run on one band
 * ({@code seed x band}). With cross-validation ({@code --cv}) the pairs are the folds ({@code fold}): each configuration's
 * differences over the seeds both ran on a fold are averaged into one per fold, and the test and interval run on those K
 * fold means. The seeds of a fold share its test examples, so treating each (seed, fold) run as its own pair tested the
 * seeds' noise on these K folds as if it were K x seeds independent samples (a bioacoustics trial: 2 seeds x 4 site folds
 * gave p = 0.031, "reliably worse", where the 4 fold means give 0.125, the smallest p 4 values can give). With fewer than
 * {@link #MIN_PAIRS} folds no verdict is possible, whatever the seeds: more folds give one, more seeds do not.
 *
 * @param a              first configuration
 * @param b              second configuration
 * @param metric         the metric compared; {@link Metric#MACRO_F1} is compared as scikit-learn's {@code
 *                       f1_score(average='macro')} computes it ({@link PresentOrPredicted#compared}), equal to rnnlab's
 *                       figure unless a run predicted a class its test data hold none of
 * @param pairs          number of units the test ran on (n): seeds, seeds x bands, or folds ({@code unit})
 * @param meanDifference mean of metric(a) - metric(b) over the pairs (NaN without pairs)
 * @param low            lower end of the 95% interval from inverting the sign-flip test, NaN below {@link #MIN_PAIRS} pairs
 * @param high           upper end of that interval, NaN below {@link #MIN_PAIRS} pairs
 * @param pValue         two-sided p-value of the paired sign-flip test of a mean difference of 0 (NaN without pairs)
 * @param reliable       true when there are at least {@link #MIN_PAIRS} pairs and {@code pValue < 0.05} (so the interval
 *                       excludes 0)
 * @param unit           what one pair is: {@value #SEED}, {@value #SEED_X_BAND} or {@value #FOLD}; null in files written
 *                       before it was recorded (pairs of seed, fold and band)
 * @param seedsPerUnit   with {@value #FOLD}: the most seeds a fold's mean difference averages (1 with one seed); 1 otherwise
 * @param pHolm          the Holm-adjusted p ({@link Holm}) over the pairs of this metric that have a verdict ({@link
 *                       #MIN_PAIRS} pairs or more), as {@link #all} gives them; null for a pair without a verdict, a pair
 *                       made alone ({@link #of}) and files written before it was recorded. {@link #reliable} stays the
 *                       uncorrected verdict; {@link #verdict} says when the correction does not keep it (trial 79j F1: the
 *                       rows said "reliably worse" at p = 0.031 while the Holm note under them said none of 3 survived)
 */
// n is written by its getter; metricKey, verdict, unfinished, scope and definition are differences.json's (ComparisonFiles.differencesJson)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"n", "metricKey", "verdict", "unfinished", "scope", "definition"}, allowGetters = true)
public record PairedDifference(String a, String b, Metric metric, int pairs,
                               @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                               double meanDifference,
                               @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                               double low,
                               @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                               double high,
                               @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                               double pValue,
                               boolean reliable, String unit, int seedsPerUnit,
                               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
                               Double pHolm) {

    /** The unit of a comparison without folds or bands: one pair per seed. */
    public static final String SEED = "seed";
    /** The unit of a comparison by bands: one pair per seed and band. */
    public static final String SEED_X_BAND = "seed x band";
    /** The unit of a cross-validated comparison: one pair per fold, each configuration's mean over the fold's seeds. */
    public static final String FOLD = "fold";

    /** Values within rounding of 0 (a sum of differences such as 0.1 - 0.1 + ... = -2.8e-17) are 0, not printed as -0.0000. */
    public PairedDifference {
        meanDifference = zeroIfRounding(meanDifference);
        low = zeroIfRounding(low);
        high = zeroIfRounding(high);
        seedsPerUnit = Math.max(1, seedsPerUnit);
    }

    /** A difference whose pairs' unit is not recorded (as files written before it was). */
    public PairedDifference(String a, String b, Metric metric, int pairs, double meanDifference, double low, double high,
                            double pValue, boolean reliable) {
        this(a, b, metric, pairs, meanDifference, low, high, pValue, reliable, null, 1);
    }

    /** A difference without a Holm-adjusted p (made alone, or read from a file written before it was recorded). */
    public PairedDifference(String a, String b, Metric metric, int pairs, double meanDifference, double low, double high,
                            double pValue, boolean reliable, String unit, int seedsPerUnit) {
        this(a, b, metric, pairs, meanDifference, low, high, pValue, reliable, unit, seedsPerUnit, null);
    }

    /** Read from JSON: {@code pHolm} absent (files written before it was recorded) is null. */
    @com.fasterxml.jackson.annotation.JsonCreator
    static PairedDifference fromJson(@JsonProperty("a") String a, @JsonProperty("b") String b, @JsonProperty("metric") Metric metric,
                                     @JsonProperty("pairs") int pairs,
                                     @JsonProperty("meanDifference") @JsonDeserialize(using = NanAsNull.Reader.class) double meanDifference,
                                     @JsonProperty("low") @JsonDeserialize(using = NanAsNull.Reader.class) double low,
                                     @JsonProperty("high") @JsonDeserialize(using = NanAsNull.Reader.class) double high,
                                     @JsonProperty("pValue") @JsonDeserialize(using = NanAsNull.Reader.class) double pValue,
                                     @JsonProperty("reliable") boolean reliable, @JsonProperty("unit") String unit,
                                     @JsonProperty("seedsPerUnit") int seedsPerUnit,
                                     @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                             useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                     @JsonProperty("pHolm") Double pHolm) {
        return new PairedDifference(a, b, metric, pairs, meanDifference, low, high, pValue, reliable, unit, seedsPerUnit, pHolm);
    }

    /** This difference with its Holm-adjusted p over the pairs it was tested beside. */
    public PairedDifference withHolm(Double adjusted) {
        return new PairedDifference(a, b, metric, pairs, meanDifference, low, high, pValue, reliable, unit, seedsPerUnit, adjusted);
    }

    /**
     * Whether the uncorrected verdict "reliably" does not hold after Holm's correction over the pairs of its metric: p below
     * 0.05, its Holm-adjusted p not.
     */
    public boolean reliableOnlyUncorrected() {
        return reliable && pHolm != null && pHolm >= ALPHA;
    }

    /** {@code  (uncorrected; Holm p 0.094)} where {@link #reliableOnlyUncorrected()}, else "". */
    public String uncorrectedWords() {
        return reliableOnlyUncorrected() ? String.format(java.util.Locale.ROOT, " (uncorrected; Holm p %.3f)", pHolm) : "";
    }

    /**
     * The number of units the test ran on, the same as {@link #pairs}: {@code n} in differences.json as in differences.csv
     * (trial 71d F8: the docs list it, and only the CSV had it); written, ignored when read back.
     */
    @com.fasterxml.jackson.annotation.JsonProperty("n")
    public int n() {
        return pairs;
    }

    /** Whether the pairs are cross-validation folds ({@value #FOLD}). */
    public boolean byFold() {
        return FOLD.equals(unit);
    }

    /**
     * The pairs as printed: {@code n=8} for seeds (or seeds x bands); {@code n=4 folds}, and with several seeds
     * {@code n=4 folds, each the mean of 2 seeds}.
     */
    public String nText() {
        if (!byFold()) {
            return "n=" + pairs;
        }
        return "n=" + pairs + (pairs == 1 ? " fold" : " folds") + (seedsPerUnit > 1 ? ", each the mean of " + seedsPerUnit + " seeds" : "");
    }

    private static double zeroIfRounding(double x) {
        return Math.abs(x) < 1e-12 ? 0.0 : x;
    }

    /** Fewest pairs for a verdict of "reliably different" and for an interval: with 5, the sign-flip test's smallest p is 2/32. */
    public static final int MIN_PAIRS = 6;
    /** Up to this many pairs the sign-flip test enumerates every sign assignment. */
    public static final int EXACT_PAIRS = 16;
    /** Significance level of the verdict; the interval is at 1 - ALPHA. */
    public static final double ALPHA = 0.05;
    /** Sign assignments drawn beyond {@link #EXACT_PAIRS} pairs. */
    public static final int RESAMPLES = 10_000;
    /** Seed of the drawn sign assignments, fixed so the same runs give the same p-values and intervals. */
    public static final long BOOTSTRAP_SEED = 20_061_993L;
    /** Bisection stops when the accepted and the rejected shift are this close, relative to 1 + the largest |difference|. */
    public static final double RESOLUTION = 1e-12;

    /** Whether the interval exists ({@link #MIN_PAIRS} pairs or more): without it {@link #low} and {@link #high} are NaN. */
    public boolean hasInterval() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** The interval as printed in text and tables: {@code [+0.0004, +0.0052]}, or {@code n/a} without one. */
    public String intervalText() {
        return hasInterval() ? "[" + signed(low) + ", " + signed(high) + "]" : "n/a";
    }

    /** The mean difference as printed: {@link #signed}. */
    public String meanText() {
        return signed(meanDifference());
    }

    /**
     * {@code x} with its sign and 4 decimals, as {@code %+.4f} but a value that rounds to zero is {@code +0.0000}: an
     * interval's end of -2e-7 (the bisection's resolution around an exact 0) printed as -0.0000.
     */
    public static String signed(double x) {
        return String.format(java.util.Locale.ROOT, "%+.4f", Math.abs(x) < 5e-5 ? 0.0 : x);
    }

    /**
     * The 95% interval of a shift common to all {@code differences} (at least one value) from inverting the sign-flip test: the
     * shifts {@code delta} with {@code signFlipP(d - delta) >= ALPHA}, each end found by bisection between the mean
     * (p = 1) and a shift beyond every difference (where p = 2/2<sup>n</sup>, or about 1/(resamples + 1) when drawn). The
     * shift 0, when it lies between, is tested first, so the interval contains 0 exactly when {@code signFlipP(d) >= ALPHA}.
     *
     * @return {low, high}; {NaN, NaN} when no shift is rejected (fewer than {@link #MIN_PAIRS} values: no finite interval)
     */
    public static double[] interval(double[] differences, int resamples, long seed) {
        int n = differences.length;
        if (n == 0) {
            throw new IllegalArgumentException("a paired difference needs at least one pair");
        }
        double mean = Arrays.stream(differences).average().orElseThrow();
        double min = Arrays.stream(differences).min().orElseThrow();
        double max = Arrays.stream(differences).max().orElseThrow();
        double scale = 1 + Math.max(Math.abs(min), Math.abs(max));
        double reach = (max - min) + scale; // beyond every difference: only the two all-one-sign assignments are as extreme
        double lowFar = min - reach;
        double highFar = max + reach;
        SignFlip test = new SignFlip(differences, resamples, seed);
        if (test.accepted(lowFar) || test.accepted(highFar)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double tolerance = RESOLUTION * scale;
        return new double[] {end(test, mean, lowFar, tolerance), end(test, mean, highFar, tolerance)};
    }

    /** The accepted shift farthest from {@code mean} towards {@code far} (rejected), to within {@code tolerance}. */
    private static double end(SignFlip test, double mean, double far, double tolerance) {
        double in = mean;
        double out = far;
        boolean zeroAccepted = mean == 0; // all differences 0 (runs that came out the same): the mean, always accepted
        if (0 != mean && (0 > mean) == (far > mean) && Math.abs(0 - mean) < Math.abs(far - mean)) {
            // 0 is on this side: its own test decides which side of the end it is on, so the interval contains 0 exactly
            // when pValue >= ALPHA (the bisection below never moves past it)
            zeroAccepted = test.accepted(0);
            if (zeroAccepted) {
                in = 0;
            } else {
                out = 0;
            }
        }
        while (Math.abs(out - in) > tolerance) {
            double mid = in + (out - in) / 2;
            if (mid == in || mid == out) {
                break;
            }
            if (test.accepted(mid)) {
                in = mid;
            } else {
                out = mid;
            }
        }
        // an end at 0 (a smallest difference of 0) lies up to the test's rounding tolerance beyond it: 0, not -0.0000
        return zeroAccepted && Math.abs(in) <= 1e-8 * (1 + Math.abs(far)) ? 0.0 : in;
    }

    /**
     * Two-sided p-value of the paired sign-flip test that the differences' mean is 0: the share of sign assignments
     * {@code ±d_1, ..., ±d_n} whose sum is at least as far from 0 as the observed sum (every assignment up to
     * {@link #EXACT_PAIRS} values; beyond, {@code resamples} random ones with {@code seed}, counting the observed one).
     */
    public static double signFlipP(double[] differences, int resamples, long seed) {
        return new SignFlip(differences, resamples, seed).p(0);
    }

    /**
     * The sign-flip test of one set of differences, shifted by any {@code delta}: each sign assignment's sum
     * {@code A = Σ ±d_i} and count of plus signs less minus signs {@code B} are kept, so the assignment's sum of the shifted
     * differences {@code Σ ±(d_i - delta)} is {@code A - delta B}, one step per assignment instead of n (the bisection tests
     * some 100 shifts). At {@code delta = 0} the sums are those of the unshifted test, to the bit.
     */
    private static final class SignFlip {
        private final double[] differences;
        private final double[] sums;
        private final int[] signs;
        private final boolean drawn;

        SignFlip(double[] differences, int resamples, long seed) {
            int n = differences.length;
            if (n == 0) {
                throw new IllegalArgumentException("a paired difference needs at least one pair");
            }
            this.differences = differences.clone();
            this.drawn = n > EXACT_PAIRS;
            int count = drawn ? resamples : 1 << n;
            sums = new double[count];
            signs = new int[count];
            Random random = drawn ? new Random(seed) : null;
            for (int r = 0; r < count; r++) {
                double sum = 0;
                int sign = 0;
                for (int i = 0; i < n; i++) {
                    boolean plus = drawn ? random.nextBoolean() : (r >> i & 1) == 0;
                    sum += plus ? differences[i] : -differences[i];
                    sign += plus ? 1 : -1;
                }
                sums[r] = sum;
                signs[r] = sign;
            }
        }

        /** The p-value of the test of the differences minus {@code shift}. */
        double p(double shift) {
            double observed = 0;
            double scale = 0;
            for (double d : differences) {
                observed += d - shift;
                scale += Math.abs(d - shift);
            }
            double bound = Math.abs(observed) - 1e-9 * (1 + scale); // sums of the same values in another order: rounding
            long extreme = drawn ? 1 : 0; // drawn: the observed assignment counts
            for (int r = 0; r < sums.length; r++) {
                if (Math.abs(sums[r] - shift * signs[r]) >= bound) {
                    extreme++;
                }
            }
            return drawn ? (double) extreme / (sums.length + 1) : (double) extreme / sums.length;
        }

        boolean accepted(double shift) {
            return p(shift) >= ALPHA;
        }
    }

    /**
     * The paired difference of {@code metric} between two configurations' runs: matched by seed (and band); with folds
     * (runs with a {@link RunResult#fold}), by fold, each fold's difference the mean of the differences of the seeds both
     * ran on it (the mean of a's scores less the mean of b's over those seeds), so that the test's n is the number of folds.
     */
    public static PairedDifference of(String a, List<RunResult> runsA, String b, List<RunResult> runsB, Metric metric) {
        boolean folds = runsA.stream().anyMatch(r -> r.fold() != null) || runsB.stream().anyMatch(r -> r.fold() != null);
        boolean bands = runsA.stream().anyMatch(r -> r.band() != null);
        Map<String, List<Double>> byUnit = byUnit(runsA, runsB, metric);
        String unit = folds ? FOLD : bands ? SEED_X_BAND : SEED;
        if (byUnit.isEmpty()) {
            return new PairedDifference(a, b, metric, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, unit, 1);
        }
        double[] values = byUnit.values().stream().mapToDouble(l -> l.stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                .toArray();
        int seedsPerUnit = byUnit.values().stream().mapToInt(List::size).max().orElse(1);
        double mean = Arrays.stream(values).average().orElseThrow();
        double[] ci = interval(values, RESAMPLES, BOOTSTRAP_SEED);
        double p = signFlipP(values, RESAMPLES, BOOTSTRAP_SEED);
        // p < ALPHA is the same as the interval excluding 0 (interval tests the shift 0 itself)
        boolean reliable = values.length >= MIN_PAIRS && p < ALPHA;
        return new PairedDifference(a, b, metric, values.length, mean, ci[0], ci[1], p, reliable, unit, seedsPerUnit);
    }

    /**
     * The differences {@code d} was tested on, one per pair (seed, seed and band, or fold) in the order of {@code a}'s runs:
     * what {@link SignFlipNotes} counts ties and band means from (the record keeps only their summary).
     */
    public static double[] unitDifferences(ComparisonResult result, PairedDifference d) {
        return byUnit(result.runsOf(d.a()), result.runsOf(d.b()), d.metric()).values().stream()
                .mapToDouble(l -> l.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toArray();
    }

    /**
     * The mean difference of {@code d} within each band (over the seeds), in the order of the bands of {@code a}'s runs;
     * empty without bands. The test and its interval pool the seeds x bands pairs as if one shift held in every band.
     */
    public static Map<String, Double> bandMeans(ComparisonResult result, PairedDifference d) {
        Map<String, RunResult> byPair = new LinkedHashMap<>();
        for (RunResult r : result.runsOf(d.b())) {
            byPair.put(pairKey(r), r);
        }
        Map<String, List<Double>> byBand = new LinkedHashMap<>();
        for (RunResult r : result.runsOf(d.a())) {
            RunResult other = byPair.get(pairKey(r));
            if (other != null && r.band() != null) {
                byBand.computeIfAbsent(r.band(), k -> new ArrayList<>()).add(PresentOrPredicted.compared(r, d.metric())
                        - PresentOrPredicted.compared(other, d.metric()));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        byBand.forEach((band, l) -> out.put(band, zeroIfRounding(l.stream().mapToDouble(Double::doubleValue).average().orElseThrow())));
        return out;
    }

    /**
     * Per unit (a fold, or a seed's run, with its band): the differences of a's and b's matched runs. Macro-F1 is
     * scikit-learn's on both sides ({@link PresentOrPredicted#compared}): where a run predicted a class its test data hold
     * none of, rnnlab's figure over the classes present leaves those predictions out, and the verdicts against the
     * baselines take scikit-learn's (a music trial read the two a line apart for the same runs).
     */
    private static Map<String, List<Double>> byUnit(List<RunResult> runsA, List<RunResult> runsB, Metric metric) {
        Map<String, RunResult> byPair = new LinkedHashMap<>();
        for (RunResult r : runsB) {
            byPair.put(pairKey(r), r);
        }
        boolean folds = runsA.stream().anyMatch(r -> r.fold() != null) || runsB.stream().anyMatch(r -> r.fold() != null);
        Map<String, List<Double>> byUnit = new LinkedHashMap<>();
        for (RunResult r : runsA) {
            RunResult other = byPair.get(pairKey(r));
            if (other != null) {
                String unit = folds ? r.fold() + "/" + r.band() : pairKey(r);
                byUnit.computeIfAbsent(unit, k -> new ArrayList<>()).add(PresentOrPredicted.compared(r, metric)
                        - PresentOrPredicted.compared(other, metric));
            }
        }
        return byUnit;
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
        return withHolm(out);
    }

    /**
     * {@code family} (the pairs of one metric) each with its Holm-adjusted p over those of them with a verdict ({@link
     * #MIN_PAIRS} pairs or more); null for the others.
     */
    public static List<PairedDifference> withHolm(List<PairedDifference> family) {
        double[] adjusted = Holm.adjust(family.stream().mapToDouble(d -> d.pairs() >= MIN_PAIRS ? d.pValue() : Double.NaN).toArray());
        List<PairedDifference> out = new ArrayList<>();
        for (int i = 0; i < family.size(); i++) {
            out.add(family.get(i).withHolm(Double.isNaN(adjusted[i]) ? null : adjusted[i]));
        }
        return out;
    }

    /**
     * A short verdict: {@code reliably better}, {@code reliably worse}, {@code not reliably different}, or {@code too few pairs}
     * ({@code too few folds} when the pairs are folds); a "reliably" that Holm's correction over the metric's pairs does not
     * keep says so, {@code reliably worse (uncorrected; Holm p 0.094)}.
     */
    public String verdict() {
        if (pairs < MIN_PAIRS) {
            // folds: more seeds do not add pairs (a trial's advice asked for them)
            return "too few " + (byFold() ? "folds" : "pairs") + " (" + pairs + " < " + MIN_PAIRS + ")";
        }
        // a log-loss is better lower: a - b below 0 is a better
        boolean higherBetter = metric != Metric.LOG_LOSS;
        return reliable ? (meanDifference > 0 == higherBetter ? "reliably better" : "reliably worse") + uncorrectedWords()
                : "not reliably different";
    }

    private static String pairKey(RunResult r) {
        return r.seed() + "/" + r.fold() + "/" + r.band();
    }
}
