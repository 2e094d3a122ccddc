package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A few values of a training feature, as written, that lie far from all the others, with an empty gap between: typed
 * wrong (a temperature of 370 for 37.0), a device's error value (an SpO2 of 0), a unit of their own. Read as numbers they
 * set the feature's standardisation, and the model (and {@code predict}'s range checks, which start from the training
 * range) take them, and the same values in new data, as data. A clinical trial: 44 temperatures of 361-384 among values of
 * 35.5-41 (each a different value, so the check of one repeated far value in {@link org.rnnlab.datasets.FeatureStandardizer}
 * missed them) made the standard deviation 17.3 instead of 0.48, and 186 SpO2 values of 0 passed without a word.
 *
 * <p>Judged on robust statistics of the values as written (missing cells left out, before any filling), which the far
 * values themselves do not move: the median, and the 1st and 99th percentiles (the bulk, whose width is {@code W}). A
 * feature's lowest or highest {@code k} values ({@value #MIN_COUNT} &le; k &le; 1% of its values) are named when the gap
 * between them and the next value is {@value #GAP_WIDTHS} times {@code W} or more, {@value #GAP_SHARE} or more of their
 * nearest member's distance from the median, and {@value #GAP_SHARE_ASINH} or more of that distance on the scale of {@code
 * asinh((x - median) / (W / 4.65))}, which grows like a logarithm far out, or else are a decimal point slip ({@link
 * #decimalSlip}: divided, or multiplied, by 10 they all fall within the 1st to 99th percentile, in a bulk of one sign
 * spanning less than a factor of 10). The last two keep heavy tails quiet: in a continuous tail (lognormal, Cauchy,
 * Pareto, Student's t) the gap below the k-th largest value is a small share of that value's distance from the median on
 * a logarithmic scale; values typed 10 times too large, or 0 among values near 96, stand most of their distance apart on
 * both (tested on those tails over 20 seeds of 20,000 values each). The asinh share alone missed a fridge's temperatures
 * typed 10 times too large (8 of 38-91 °C among 2.6-12 °C: a bulk wide for its median, 0.379 of the distance where 0.4 is
 * needed); the decimal slip names them, and cannot hold in those tails, whose bulks span a factor of 10 or more or hold 0.
 * A feature whose bulk is one value ({@code W = 0}: a flag or a count of rare events) is not judged.
 */
public final class FarValues {
    /** How many bulk widths (1st to 99th percentile) the gap before the far values must span at least. */
    static final double GAP_WIDTHS = 3;
    /** What share of the far values' distance from the median the gap before them must span at least. */
    static final double GAP_SHARE = 0.6;
    /** What share of their distance from the median, in asinh of standard units, the gap must span at least. */
    static final double GAP_SHARE_ASINH = 0.4;
    /** The fewest far values named. */
    static final int MIN_COUNT = 3;
    /** The largest share of a feature's values that can be named as far. */
    static final double MAX_SHARE = 0.01;

    private FarValues() {
    }

    /**
     * Far values of one feature.
     *
     * @param feature  the feature's index
     * @param count    how many values are far
     * @param total    how many values the feature has as written (not missing)
     * @param low      the smallest far value
     * @param high     the largest far value
     * @param above    whether they lie above the others (else below)
     * @param edge     the nearest of the other values (their largest when {@code above})
     * @param median   the median of all values
     * @param bulkLow  the 1st percentile
     * @param bulkHigh the 99th percentile
     * @param sdWith   the standard deviation with them
     * @param sdWithout the standard deviation without them
     * @param lines    up to 3 lines of the file holding one
     */
    public record Found(int feature, int count, int total, double low, double high, boolean above, double edge, double median,
                        double bulkLow, double bulkHigh, double sdWith, double sdWithout, List<Long> lines) {

        /** The warning, naming the feature, the values, their share and lines, and what to do. */
        public String warning(String file, List<String> names) {
            String name = names.get(feature);
            double ratio = Math.abs((low + high) / 2 / median);
            // the decimal slip tested on the values themselves: a fridge's 38-91 °C (mean 15 times the median) are each 10
            // times a usual value
            boolean tenfold = decimalSlip(low, high, bulkLow, bulkHigh) && low / 10 >= bulkLow && high / 10 <= bulkHigh;
            boolean tenth = !tenfold && decimalSlip(low, high, bulkLow, bulkHigh);
            String guess = median != 0 && ratio >= 8 && ratio <= 12 || tenfold ? "about 10 times the usual values: a decimal point lost?"
                    : tenth ? "about a tenth of the usual values: a decimal point moved?"
                    : median != 0 && ratio >= 80 && ratio <= 120 ? "about 100 times the usual values: a decimal point lost, or another unit?"
                    : !above && low == 0 && high == 0 ? "0 where no value is near it: a device's error or 'not measured' written as 0?"
                    : "typed wrong, another unit, or a code for a missing value?";
            String values = low == high ? "of " + num(low) : "of " + num(low) + " to " + num(high);
            String where = lines.stream().map(l -> file + ":" + l).reduce((a, b) -> a + ", " + b).orElse("");
            return String.format(Locale.ROOT, "feature '%s': %d of its %d values as written (%.2g%%) are %s, far %s all the others "
                    + "(which %s at %s; median %s, 98%% of the values within %s to %s), e.g. at %s: %s Read as numbers they "
                    + "set the feature's standardisation (standard deviation %.3g with them, %.3g without) and the model, and "
                    + "predict's checks of new data against the training range, take them and such values in new data as normal; "
                    + "fix them in the file, or mark them missing (an empty cell; e.g. pandas df.loc[df['%s'] %s %s, '%s'] = "
                    + "None) and choose a --missing policy",
                    name, count, total, 100.0 * count / total, values, above ? "above" : "below", above ? "end" : "start",
                    num(edge), num(median), num(bulkLow), num(bulkHigh), where, guess, sdWith, sdWithout, name, above ? ">" : "<",
                    num(above ? (edge + low) / 2 : (edge + high) / 2), name);
        }

        private static String num(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
        }
    }

    /**
     * The far values of each feature column ({@code cols}, in feature order) of a table, judged on the cells as written.
     *
     * <p>The rows are decoded once per pass ({@link #BLOCK_VALUES}: all the columns of a table of up to 2.7 million rows
     * of 12 features in one pass), each row's cells of the pass's columns read as floats into one array per column.
     * Before, each column decoded every row again (a packed row is decoded whole): of a 600,000-row file's 77 s of checks,
     * this check took 20 s, mostly in decoding (trial 78c F2).
     */
    public static List<Found> find(CsvTable table, int[] cols) {
        List<Found> out = new ArrayList<>();
        int n = table.rows().size();
        int block = (int) Math.max(1, Math.min(cols.length, BLOCK_VALUES / Math.max(1, n)));
        for (int from = 0; from < cols.length; from += block) {
            int to = Math.min(cols.length, from + block);
            float[][] values = new float[to - from][n]; // NaN: no value as written (missing, text, beyond the float range)
            for (int r = 0; r < n; r++) {
                if ((r & 0xFFF) == 0) {
                    CheckProgress.at("far values", (long) from * n + (long) r * (to - from), (long) cols.length * n, "cells");
                }
                String[] row = table.rows().get(r);
                for (int f = from; f < to; f++) {
                    values[f - from][r] = cols[f] >= row.length ? Float.NaN : asWritten(row[cols[f]]);
                }
            }
            for (int f = from; f < to; f++) {
                float[] column = values[f - from];
                values[f - from] = null;
                out.addAll(find(f, column, table.lines()));
            }
        }
        return out;
    }

    /** How many values (rows times columns) one pass of {@link #find(CsvTable, int[])} holds at most: 128 MB of floats. */
    static final long BLOCK_VALUES = 1L << 25;

    /**
     * A cell as the far-value check reads it: its number as a float, or NaN where it has none (missing, not a plain decimal,
     * not finite as a float), as {@link CsvTable#missing} and {@link CsvTable#number} judge it.
     */
    static float asWritten(String v) {
        if (MissingValues.isMissing(v) || !CsvTable.isDecimal(v)) {
            return Float.NaN;
        }
        float x = (float) Double.parseDouble(v);
        return Float.isFinite(x) ? x : Float.NaN;
    }

    /**
     * The far values of one column of floats ({@code column}, row-aligned, NaN where a row has no value; {@code lines}, each
     * row's line): quickly, by selection ({@link #anyFar}), none in most columns; else the full judgement of {@link #find(int,
     * double[], long[])} on the values, as it always was.
     */
    static List<Found> find(int feature, float[] column, List<Long> lines) {
        int m = 0;
        for (float v : column) {
            m += Float.isNaN(v) ? 0 : 1;
        }
        double[] v = new double[m];
        int i = 0;
        for (float x : column) {
            if (!Float.isNaN(x)) {
                v[i++] = x;
            }
        }
        if (!anyFar(v)) {
            return List.of();
        }
        long[] where = new long[m];
        i = 0;
        for (int r = 0; r < column.length; r++) {
            if (!Float.isNaN(column[r])) {
                where[i++] = lines.get(r);
            }
        }
        return find(feature, v, where);
    }

    private static double asinh(double v) {
        return Math.signum(v) * Math.log(Math.abs(v) + Math.sqrt(v * v + 1));
    }

    /**
     * Whether values from {@code a} to {@code b} are the bulk's values with a decimal point moved by one place: divided by
     * 10 (or multiplied by 10), all of them fall within the bulk ({@code bulkLow} to {@code bulkHigh}, the 1st and 99th
     * percentiles). Judged only where the bulk keeps one sign and spans less than a factor of 10 (a temperature in a
     * fridge, 2.6 to 12 °C; a body temperature): there values 10 times the usual cannot be the same distribution's tail,
     * while in a bulk spanning a factor of 10 or more (a lognormal, an exponential, anything around 0) dividing by 10
     * moves most values into it, and the asinh share judges alone. New data's far values are judged by the same rule against
     * the training percentiles the model card keeps ({@code org.rnnlab.training.FarFromTraining#farCells}).
     */
    public static boolean decimalSlip(double a, double b, double bulkLow, double bulkHigh) {
        double lo = Math.min(Math.abs(bulkLow), Math.abs(bulkHigh));
        double hi = Math.max(Math.abs(bulkLow), Math.abs(bulkHigh));
        if (bulkLow <= 0 && bulkHigh >= 0 || hi >= 10 * lo) {
            return false;
        }
        for (double factor : new double[] {0.1, 10}) {
            double p = Math.min(a, b) * factor;
            double q = Math.max(a, b) * factor;
            if (p >= bulkLow && q <= bulkHigh) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many of the values are far above ({@code above}) or below the others by the rule of the class comment, the gap
     * before them the widest that qualifies; 0 when none. Reads only {@code x}'s lowest and highest {@code maxK + 1} values,
     * which must be in ascending order (the rest may be in any).
     */
    private static int bestK(double[] x, int maxK, boolean above, double median, double bulkLow, double bulkHigh) {
        int n = x.length;
        double width = bulkHigh - bulkLow;
        int bestK = 0;
        double bestGap = 0;
        double scale = width / 4.65; // the 1st to 99th percentile of normal values span 4.65 standard deviations
        for (int k = MIN_COUNT; k <= maxK; k++) {
            double near = above ? x[n - k] : x[k - 1];
            double edge = above ? x[n - k - 1] : x[k];
            double gap = Math.abs(near - edge);
            // on a scale that grows like a logarithm far out (asinh of standard units), where a continuous heavy tail
            // (Cauchy: the top values thousands of units out, each far from the next) has small gaps
            double nearY = Math.abs(asinh((near - median) / scale));
            double gapY = Math.abs(nearY - Math.abs(asinh((edge - median) / scale)));
            double far = above ? x[n - 1] : x[0];
            if (gap >= GAP_WIDTHS * width && gap >= GAP_SHARE * Math.abs(near - median)
                    && (gapY >= GAP_SHARE_ASINH * nearY || decimalSlip(near, far, bulkLow, bulkHigh)) && gap > bestGap) {
                bestGap = gap;
                bestK = k;
            }
        }
        return bestK;
    }

    /**
     * Whether {@link #find(int, double[], long[])} could name far values among {@code values}: the same rule on the same
     * order statistics (median, 1st and 99th percentile, the lowest and highest 1% in order), found by selection in linear
     * time instead of a full sort; only the lowest and highest 1% are sorted. {@code false} means that it names none; the few
     * columns for which it is {@code true} get the full judgement, so the findings are those of the full sort exactly.
     */
    static boolean anyFar(double[] values) {
        int n = values.length;
        int maxK = (int) Math.floor(MAX_SHARE * n);
        if (maxK < MIN_COUNT) {
            return false;
        }
        double[] x = values.clone();
        int high = n - maxK - 1; // x[0..maxK] and x[high..n-1] end in order; maxK >= 3, so n >= 300 and maxK < n/2 - 1 < high
        select(x, 0, n - 1, maxK);
        select(x, maxK + 1, n - 1, high);
        Arrays.sort(x, 0, maxK + 1);
        Arrays.sort(x, high, n);
        select(x, maxK + 1, high - 1, n / 2);
        double median = x[n / 2];
        if (n % 2 == 0) { // the largest of those below n / 2
            double below = x[maxK + 1];
            for (int i = maxK + 2; i < n / 2; i++) {
                below = Double.compare(x[i], below) > 0 ? x[i] : below;
            }
            median = (below + x[n / 2]) / 2;
        }
        // both within the sorted ends: floor(0.01 (n - 1)) <= maxK, and ceil(0.99 (n - 1)) = n - 1 - floor(0.01 (n - 1)) >= high
        double bulkLow = x[(int) Math.floor(0.01 * (n - 1))];
        double bulkHigh = x[(int) Math.ceil(0.99 * (n - 1))];
        if (bulkHigh - bulkLow <= 0) {
            return false;
        }
        return bestK(x, maxK, true, median, bulkLow, bulkHigh) > 0 || bestK(x, maxK, false, median, bulkLow, bulkHigh) > 0;
    }

    /**
     * Puts into {@code x[k]} the value a sort of {@code x[from..to]} would put there, the smaller ones (in {@link
     * Double#compare}'s order, as {@link Arrays#sort(double[])} orders them) before it and the larger after (quickselect with
     * a three-way partition, so that many equal values take no longer).
     */
    static void select(double[] x, int from, int to, int k) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(k);
        int lo = from;
        int hi = to;
        while (lo < hi) {
            double pivot = x[lo + random.nextInt(hi - lo + 1)];
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                int c = Double.compare(x[i], pivot);
                if (c < 0) {
                    double t = x[lt];
                    x[lt++] = x[i];
                    x[i++] = t;
                } else if (c > 0) {
                    double t = x[gt];
                    x[gt--] = x[i];
                    x[i] = t;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return;
            }
        }
    }

    /** The far values of one feature's values ({@code lines}: where each was read, or null), above and below; empty if none. */
    static List<Found> find(int feature, double[] values, long[] lines) {
        int n = values.length;
        int maxK = (int) Math.floor(MAX_SHARE * n);
        if (maxK < MIN_COUNT) {
            return List.of();
        }
        double[] x = values.clone();
        Arrays.sort(x);
        double median = n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
        double bulkLow = x[(int) Math.floor(0.01 * (n - 1))];
        double bulkHigh = x[(int) Math.ceil(0.99 * (n - 1))];
        double width = bulkHigh - bulkLow;
        if (width <= 0) {
            return List.of();
        }
        List<Found> out = new ArrayList<>();
        for (boolean above : new boolean[] {true, false}) {
            int bestK = bestK(x, maxK, above, median, bulkLow, bulkHigh);
            if (bestK == 0) {
                continue;
            }
            int k = bestK;
            int from = above ? n - k : 0;
            int to = above ? n : k;
            if (x[from] == x[to - 1] && MissingValues.codeLike((float) x[from])) {
                continue; // one repeated code (-9999, 65535): the code checks name it, with --set naValues
            }
            double sumAll = 0;
            double sumRest = 0;
            for (int i = 0; i < n; i++) {
                sumAll += x[i];
                sumRest += i >= from && i < to ? 0 : x[i];
            }
            double meanAll = sumAll / n;
            double meanRest = sumRest / (n - k);
            double sqAll = 0;
            double sqRest = 0;
            for (int i = 0; i < n; i++) {
                sqAll += (x[i] - meanAll) * (x[i] - meanAll);
                sqRest += i >= from && i < to ? 0 : (x[i] - meanRest) * (x[i] - meanRest);
            }
            List<Long> where = new ArrayList<>();
            for (int i = 0; i < n && lines != null && where.size() < 3; i++) {
                if (values[i] >= x[from] && values[i] <= x[to - 1]) {
                    where.add(lines[i]); // in file order
                }
            }
            out.add(new Found(feature, k, n, x[from], x[to - 1], above, above ? x[n - k - 1] : x[k], median, bulkLow, bulkHigh,
                    Math.sqrt(sqAll / n), Math.sqrt(sqRest / (n - k)), List.copyOf(where)));
        }
        return out;
    }
}
