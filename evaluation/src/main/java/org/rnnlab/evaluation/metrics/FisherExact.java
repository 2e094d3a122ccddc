package org.rnnlab.evaluation.metrics;

/**
 * Fisher's exact test of a 2x2 table (Fisher 1922; Agresti, Categorical Data Analysis, 3rd ed., 3.5.1): the probability,
 * with both margins fixed, of a table as likely as the one seen or less (two-sided, the sum of the hypergeometric
 * probabilities no larger than the observed one's, with R's and SciPy's relative tolerance of 1e-7 for ties). Exact for
 * any counts, also where a two-proportion z-test's normal approximation fails (a proportion of 1.0, a few dozen
 * sequences); conservative, as a test conditioned on both margins is.
 */
public final class FisherExact {

    /**
     * R's and SciPy's tie tolerance in logs: a probability up to 1 + 1e-7 times the observed one's counts as no larger
     * ({@code d <= d_obs * (1 + 1e-7)}). Before, {@code 1e-7 * |log p|} was added, 700 times looser at a log-probability
     * of -700 (review 80b R4).
     */
    public static final double RELATIVE_TIE = Math.log1p(1e-7);

    private FisherExact() {
    }

    /**
     * The two-sided p of the table {@code [[a, b], [c, d]]} (all counts 0 or more); 1 when a row or a column is empty.
     *
     * @throws IllegalArgumentException for a negative count
     */
    public static double twoSided(long a, long b, long c, long d) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("Fisher's exact test of a 2x2 table needs counts of 0 or more (got " + a + ", "
                    + b + ", " + c + ", " + d + ")");
        }
        long row1 = a + b;
        long row2 = c + d;
        long col1 = a + c;
        long n = row1 + row2;
        if (row1 == 0 || row2 == 0 || col1 == 0 || col1 == n) {
            return 1;
        }
        long low = Math.max(0, col1 - row2);
        long high = Math.min(row1, col1);
        double observed = logProbability(a, row1, row2, col1, n);
        double sum = 0;
        for (long x = low; x <= high; x++) {
            double lp = logProbability(x, row1, row2, col1, n);
            if (lp <= observed + RELATIVE_TIE) { // as likely as the observed or less
                sum += Math.exp(lp);
            }
        }
        return Math.min(1, sum);
    }

    /** log P(X = x) of the hypergeometric of {@code col1} draws from {@code row1} and {@code row2}. */
    private static double logProbability(long x, long row1, long row2, long col1, long n) {
        return logChoose(row1, x) + logChoose(row2, col1 - x) - logChoose(n, col1);
    }

    private static double logChoose(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static final double[] SMALL = new double[256];

    static {
        for (int i = 1; i < SMALL.length; i++) {
            SMALL[i] = SMALL[i - 1] + Math.log(i);
        }
    }

    /** ln n!: a table below 256, Stirling's series above (error far below 1e-12 there). */
    static double logFactorial(long n) {
        if (n < SMALL.length) {
            return SMALL[(int) n];
        }
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x)
                + 1 / (1260 * x * x * x * x * x);
    }
}
