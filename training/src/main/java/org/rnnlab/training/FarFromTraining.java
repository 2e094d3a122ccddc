package org.rnnlab.training;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rnnlab.datasets.FeatureStandardizer;
import org.rnnlab.datasets.UnitFactors;

/**
 * Features of new sequences whose values lie far outside the training data, judged by the model's standardiser (the
 * training mean and standard deviation of each feature): at least 3 values, and 2% or more of them, over {@value #FAR}
 * standard deviations from the training mean. A model's output for such inputs is an extrapolation that looks like any
 * other prediction (a trial's pressures in kPa for a model trained in bar: every sequence classed alike, without a word).
 * By Chebyshev's inequality at most 1% of any training data lie that far out, so data drawn like the training data do not
 * reach 2% but by chance in short inputs (a first rule, 1% over 6 sd or the mean over 3 sd away, fired on the training data
 * itself for a rare 0/1 flag and for one sequence of a rare one-hot machine type). Features with two distinct values (flags,
 * one-hot columns, a per-sequence code) are not judged, nor features constant in training; one value throughout several
 * sequences is (and within one sequence when it is 0, written as a code is, or beyond the card's training range by over a
 * quarter of its span), unless it is 0 or 1 of a 0/1 feature (its training variance mean·(1 − mean)): a dead channel
 * filled in. Values that another unit shrinks are {@link #narrow}'s. Not caught: a few-fold change of a widely spread feature. {@code predict} and {@code evaluate} warn of what this finds; {@code serve} marks it in
 * each prediction.
 *
 * <p>Where the model card keeps the training data's range of each feature ({@link TrainingRange}, cards written since it
 * was recorded), a value is far only when it also lies beyond that range by a quarter of its width ({@link #far}): a value
 * the training data held is never far outside them. 10 sd of a pooled deviation is no bound for a feature that is about 0
 * for most classes and large for a few (a glove trial's gyroscope, 0 for 22 static letters and 180 deg/s for the moving J:
 * sd 16, and 28 of the model's own 40 training J recordings were called far outside the training data). Without a range
 * (older cards, callers that pass null) the sd rule alone decides, as before. With a range, one sequence ({@link #judgeOne})
 * is also marked for a feature whose every value lies beyond it by over that quarter, however few sd out
 * ({@link #allOutside}): a feature spread wide by its classes (a temperature of 17-41 °C, sd 6.9) sent in °F lies only 6.6 sd
 * out. One sequence judged alone leaves the cells of a code for a missing value ({@link #codes}) out of both rules: they are
 * a code's, not another unit's.
 */
public final class FarFromTraining {

    /** Standard deviations from the training mean beyond which a value is far outside the training data. */
    public static final double FAR = 10;

    private FarFromTraining() {
    }

    /**
     * A feature found far outside the training data.
     *
     * @param index  the feature's position
     * @param values its values judged (not missing)
     * @param beyond those over {@link #FAR} training sd from the training mean
     * @param mean   their mean
     * @param low    the smallest
     * @param high   the largest
     * @param farMean the mean of the values over {@link #FAR} training sd only: those of the sequences in another unit when
     *                a mix of units puts the whole mean between both (a ward's °F among °C: mean 49); the cells of the
     *                feature's code for a missing value ({@link #codes}) left out, which are no unit's values (trial 76e: a
     *                carrier's -99 dropouts among another's °F brought the far values' mean 44.5 down to 37.6, and the °F
     *                hint's (x − 32) / 1.8 to 3.1 for 6.95); NaN when every far value is such a code
     * @param outside whether {@link #judgeOne} marked it by the range rule alone ({@link #allOutside}): every value beyond
     *                the training range by over a quarter of its span, too few over {@link #FAR} training sd for the sd rule
     */
    public record Feature(int index, long values, long beyond, double mean, double low, double high, double farMean,
                          boolean outside) {

        /** A feature marked by the sd rule ({@link #outside} false). */
        public Feature(int index, long values, long beyond, double mean, double low, double high, double farMean) {
            this(index, values, beyond, mean, low, high, farMean, false);
        }

        /**
         * {@code 'name' (N% of its values over 10 training sd from the training mean M, sd S; here mean X, L to H}, without the
         * closing parenthesis, for the caller's further words: predict's and evaluate's warning, and train's of held-out data.
         */
        public String describe(String name, float trainMean, float trainStd) {
            return String.format(java.util.Locale.ROOT, "'%s' (%.0f%% of its values over %.0f training sd from the training mean %.4g, "
                    + "sd %.4g; here mean %.4g, %.4g to %.4g", name, 100.0 * beyond / values, FAR, trainMean, trainStd, mean, low, high);
        }

        /**
         * As {@link #describe(String, float, float)}, with the training range the far values also lie beyond ({@code , and
         * beyond the training values -8.3 to 190 by over a quarter of their span}) when {@code range} is given.
         */
        public String describe(String name, float trainMean, float trainStd, TrainingRange range) {
            if (outside && range != null) {
                return String.format(java.util.Locale.ROOT, "'%s' (all %d of its values beyond the training values %s by over a "
                        + "quarter of their span, %d of them over %.0f training sd from the training mean %.4g, sd %.4g (values "
                        + "spread wide in training); here mean %.4g, %.4g to %.4g", name, values, range.text(index), beyond,
                        FAR, trainMean, trainStd, mean, low, high);
            }
            String text = describe(name, trainMean, trainStd);
            if (range == null) {
                return text;
            }
            int cut = text.indexOf("; here mean ");
            return text.substring(0, cut) + ", and beyond the training values " + range.text(index)
                    + " by over a quarter of their span" + text.substring(cut);
        }
    }

    /**
     * Share of one sequence's values that must lie that far out for it to be judged far alone ({@link #judgeOne}): a
     * tenth, as a unit or sentinel reaches, not the spikes of a jump's landing (a trial's training trials had 5 of 191
     * values of an ankle's acceleration over 10 sd, and 21 of 660 trials, most of them training data, were flagged at 2%).
     */
    public static final double ONE_SEQUENCE_SHARE = 0.10;

    /**
     * Whether {@code x}, a value of feature {@code f}, lies far outside the training data: over {@link #FAR} training sd from
     * the training mean and, when {@code range} is given (null: the sd rule alone), outside the training range widened by
     * {@link TrainingRange#MARGIN} of its width on each side ({@link TrainingRange#holds}).
     */
    public static boolean far(float x, int f, float[] mean, float[] std, TrainingRange range) {
        return Math.abs(x - mean[f]) > FAR * std[f] && (range == null || !range.holds(f, x));
    }

    /** The features of {@code sequences} ({@code [time][feature]} each) far outside the training data of {@code mean}, {@code std}. */
    public static List<Feature> judge(List<float[][]> sequences, float[] mean, float[] std) {
        return judge(sequences, mean, std, null);
    }

    /** {@link #judge(List, float[], float[])}, a value far only when also beyond the training {@code range} ({@link #far}; null: none). */
    public static List<Feature> judge(List<float[][]> sequences, float[] mean, float[] std, TrainingRange range) {
        return judge(sequences, mean, std, range, 0.02, false);
    }

    /** {@link #judge} of one sequence alone: {@link #ONE_SEQUENCE_SHARE} of its values or more far out. */
    public static List<Feature> judgeOne(float[][] sequence, float[] mean, float[] std) {
        return judgeOne(sequence, mean, std, null);
    }

    /**
     * {@link #judgeOne(float[][], float[], float[])} with the training {@code range} ({@link #far}; null: none), which also
     * marks a feature whose every value (3 or more) lies beyond the training range by over {@link TrainingRange#MARGIN} of
     * its span ({@link #allOutside}), however few training sd that is.
     */
    public static List<Feature> judgeOne(float[][] sequence, float[] mean, float[] std, TrainingRange range) {
        return judge(List.<float[][]>of(sequence), mean, std, range, ONE_SEQUENCE_SHARE, true);
    }

    /**
     * Whether {@code n} values of a feature, {@code outside} of them beyond the training range by over {@link
     * TrainingRange#MARGIN} of its span ({@link TrainingRange#holds}), lie there all: {@link #judgeOne}'s second rule, for a
     * sequence whose whole level is not the training data's. The sd rule misses a feature whose classes spread it wide: a
     * trial's temperature, 17-41 °C over its classes (mean 26.1, sd 6.93), sent in °F (21 °C as 70 °F) lay 6.6 sd out, under
     * {@link #FAR}, though every value lay beyond the training maximum 40.7 by more than the range's whole span; 8 of 12 such
     * sequences were classed wrong with no mark. A quarter of the span beyond the range is the margin the range already gives
     * ({@link #far}): no value of the training data lies there, and a sequence of new data whose every value does is at
     * another level than any the model saw (a unit, a swapped column), not a stronger sequence of a known one, which reaches
     * there in some values only.
     */
    static boolean allOutside(long n, long outside) {
        return n >= 3 && outside == n;
    }

    /**
     * The features one sequence is marked far outside the training data for, in feature order: {@link #judgeOne}'s, every
     * value tiny next to the training data's ({@link #narrow}: volts for microvolts) and a code for a missing value in a cell
     * or a few ({@link #codes}: a -999 at one step). serve's {@code farFromTraining} and predict's {@code far_from_training}
     * column both take it from here, so that a sequence is marked alike in a file of predictions and in an answer (trial
     * 74d: serve marked a depot's sequences in °F, predict's CSV carried no such mark).
     */
    public static java.util.SortedSet<Integer> ofSequence(float[][] sequence, float[] mean, float[] std, TrainingRange range) {
        java.util.SortedSet<Integer> far = new java.util.TreeSet<>();
        judgeOne(sequence, mean, std, range).forEach(x -> far.add(x.index()));
        narrow(List.<float[][]>of(sequence), mean, std, range).forEach(x -> far.add(x.index()));
        codes(List.<float[][]>of(sequence), mean, std, range).forEach(x -> far.add(x.index()));
        return far;
    }

    private static List<Feature> judge(List<float[][]> sequences, float[] mean, float[] std, TrainingRange range, double share,
                                       boolean whole) {
        checkRange(range, std);
        List<Feature> far = new ArrayList<>();
        // each feature's code for a missing value, if any: its cells are far, but left out of the far values' mean
        float[] code = new float[std.length];
        java.util.Arrays.fill(code, Float.NaN);
        codes(sequences, mean, std, range).forEach(c -> code[c.index()] = c.value());
        for (int f = 0; f < std.length; f++) {
            if (FeatureStandardizer.isConstant(std[f])) {
                continue;
            }
            long n = 0;
            long beyond = 0;
            long outside = 0; // beyond the training range widened by its margin (TrainingRange#holds)
            long codeCells = 0; // cells of the feature's code for a missing value (far, and outside any range)
            double sum = 0;
            double farSum = 0;
            long farCount = 0;
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            Set<Float> distinct = new HashSet<>();
            for (float[][] sequence : sequences) {
                for (float[] step : sequence) {
                    float x = step[f];
                    if (Float.isNaN(x)) {
                        continue;
                    }
                    n++;
                    if (distinct.size() < 3) {
                        distinct.add(x);
                    }
                    sum += x;
                    low = Math.min(low, x);
                    high = Math.max(high, x);
                    if (range != null && !range.holds(f, x)) {
                        outside++;
                    }
                    if (far(x, f, mean, std, range)) {
                        beyond++;
                        if (x != code[f]) {
                            farSum += x;
                            farCount++;
                        } else {
                            codeCells++;
                        }
                    }
                }
            }
            // one value throughout is judged too (a dead channel filled with 0, far from a training mean of 9050: a trial's
            // predictions all flipped without a word), unless it is 0 or 1 of a feature whose training mean lies in [0, 1]
            // (a flag or one-hot column, constant in these data)
            float only = distinct.size() == 1 ? distinct.iterator().next() : Float.NaN;
            double variance = (double) std[f] * std[f];
            boolean binary = mean[f] >= 0 && mean[f] <= 1 && Math.abs(variance - mean[f] * (1.0 - mean[f])) <= 1e-3
                    && (only == 0f || only == 1f); // a 0/1 column's variance is p(1 - p)
            // one value throughout: judged across several sequences (a dead channel filled in), and within one sequence
            // when it is 0 or written as a code is (a dead z-axis reading 0 for a training mean of 9.8, sd 0.19, in the one
            // window a dispatch system sends per request flipped serve's answer without a mark: a trial), or lies beyond
            // the card's training range by over a quarter of its span (TrainingRange#holds, allOutside's margin: trial 81e's
            // pressure stuck at 100000 for a training range of 963-1115 got a confident answer without a mark, where predict's
            // file-level warning named it); not any other level (a review: a z-scored rare machine type, 14 sd from its mean,
            // is a level the training data held, within any range of them)
            boolean levelJudged = only == 0f || org.rnnlab.datasets.csv.MissingValues.codeLike(only)
                    || range != null && distinct.size() == 1 && !range.holds(f, only);
            // two values are judged too, unless they are a 0/1 flag's (a 1 Hz heart-rate strap repeated at 10 Hz gives one or
            // two values per 2 s segment: beats per second for beats per minute turned a sprint into a walk, unflagged: a trial)
            boolean flagValues = mean[f] >= 0 && mean[f] <= 1 && distinct.stream().allMatch(v -> v == 0f || v == 1f);
            boolean judged = distinct.size() > 2 || distinct.size() == 2 && !flagValues
                    || distinct.size() == 1 && (sequences.size() > 1 || levelJudged) && !binary;
            // one sequence judged alone (judgeOne: serve's UNIT reason) leaves the cells of a code for a missing value out of
            // the count as the far values' mean leaves them out: codes() names those (CODE), and a -999 in 3 of 30 steps was
            // also called "another unit or scale?" from the code cells alone (trial 81e); a file's rule counts them, as its
            // warning words them (a code for a missing value?)
            long counted = whole ? beyond - codeCells : beyond;
            long judgedValues = whole ? n - codeCells : n;
            boolean bySd = counted >= 3 && counted >= share * judgedValues;
            // one sequence's every value beyond the training range (allOutside): its mean is then the far values' mean
            boolean byRange = !bySd && whole && range != null && allOutside(judgedValues, outside - codeCells);
            if (n > 0 && judged && (bySd || byRange)) {
                far.add(new Feature(f, n, beyond, sum / n, low, high, byRange ? sum / n : farCount == 0 ? Double.NaN
                        : farSum / farCount, byRange));
            }
        }
        return far;
    }

    /**
     * The cells of one feature of new data over the far limit ({@link #far}), counted over the whole file: how many, in how
     * many sequences, which ones.
     *
     * @param index     the feature's position
     * @param cells     the cells far out
     * @param values    the feature's values judged (not missing)
     * @param sequences the sequences holding one or more
     * @param first     the first few of them (positions in the list judged, in order), at most {@link #FAR_CELLS_SHOWN}
     * @param counts    the far cells of each of {@code first}
     * @param low       the smallest far value
     * @param high      the largest
     * @param sdLow     the fewest training sd a far value lies from the training mean
     * @param sdHigh    the most
     * @param slip      {@code 10} when the far values divided by 10 all fall within the training values (smallest to
     *                  largest) and the training 1st to 99th percentiles are of one sign and span under a factor of 10
     *                  ({@link org.rnnlab.datasets.csv.FarValues#decimalSlip}'s guard, the training file's rule; a card
     *                  without the percentiles: its range), {@code 0.1} when multiplied by 10 they do, else 0 (no range: 0)
     */
    public record FarCells(int index, long cells, long values, int sequences, List<Integer> first, List<Long> counts, double low,
                           double high, double sdLow, double sdHigh, double slip) {

        /**
         * {@code 'co2': 112 cells in 4 of the 140 sequences are over 10 training sd from the training mean 563 (sd 133) ...},
         * naming the first sequences by {@code ids} (aligned with the sequences judged), and the decimal point slip when
         * {@link #slip} says so; {@code range}: the card's, or null.
         */
        public String describe(String name, List<String> ids, int total, float trainMean, float trainStd, TrainingRange range) {
            List<String> named = new ArrayList<>();
            for (int i = 0; i < first.size(); i++) {
                named.add("'" + ids.get(first.get(i)) + "' (" + counts.get(i) + ")");
            }
            boolean percentiles = range != null && range.hasPercentiles();
            String bulk = range == null ? "" : "the training values (" + range.text(index) + (percentiles ? String.format(
                    java.util.Locale.ROOT, "; 1st to 99th percentiles %.4g to %.4g", range.p01()[index], range.p99()[index]) : "") + ")";
            String guess = slip == 10 ? " Divided by 10 they all fall within " + bulk + ": about 10 times the usual values, a "
                    + "decimal point lost?"
                    : slip == 0.1 ? " Multiplied by 10 they all fall within " + bulk + ": about a tenth of the usual values, a "
                    + "decimal point moved?" : "";
            double share = 100.0 * cells / values;
            String sds = String.format(java.util.Locale.ROOT, Math.abs(sdHigh - sdLow) < 0.05 ? "%.3g" : "%.3g to %.3g", sdLow, sdHigh);
            return String.format(java.util.Locale.ROOT, "'%s': %d cell(s) (%s%% of its %d values) in %d of the %d sequences are over "
                    + "%.0f training sd from the training mean %.4g (sd %.4g)%s: %s, %s training sd out; in %s%s.%s",
                    name, cells, String.format(java.util.Locale.ROOT, share >= 10 ? "%.0f" : "%.2g", share), values, sequences,
                    total, FAR, trainMean, trainStd, range == null ? ""
                    : " and beyond the training values " + range.text(index) + " by over a quarter of their span",
                    low == high ? num(low) : num(low) + " to " + num(high), sds, String.join(", ", named),
                    sequences > named.size() ? " and " + (sequences - named.size()) + " more" : "", guess);
        }

        private static String num(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.4g", v);
        }
    }

    /** Sequences named in a {@link FarCells}' words; the rest are counted. */
    public static final int FAR_CELLS_SHOWN = 5;

    /**
     * Per feature, the cells of {@code sequences} over the far limit ({@link #far}) counted over the whole file, 3 or more of
     * them, whatever their share: the file's rule ({@link #judge}, 2% of the values) and each sequence's ({@link #judgeOne},
     * a tenth of its values) miss a few sequences' cells typed wrong (a greenhouse trial's CO2 typed 10 times too large in
     * 112 cells of 4 test days, 25-52 training sd out: 0.3% of the file, and 9.0% and 9.5% of two of the days, which were
     * confidently mislabelled without a word). Not judged, as in {@link #judge}: a feature constant in training, and the
     * values 0 and 1 of a feature whose training mean lies in [0, 1] (a flag or one-hot column). Cells written as codes for a
     * missing value ({@link org.rnnlab.datasets.csv.MissingValues#codeLike}) are {@link #codes}' and not counted. With the
     * card's percentiles ({@link TrainingRange#hasPercentiles}) of one sign and spanning under a factor of 10 (the guard of
     * the training file's rule, {@link org.rnnlab.datasets.csv.FarValues#decimalSlip}: a heavy tail is not judged), far values
     * that divided or multiplied by 10 all fall within the training values (smallest to largest) are called a decimal point
     * slip; a card written before the percentiles is guarded by its range (the trial's own model). One sequence holding one value throughout (not 0 or a code) is a level,
     * judged as {@link #judge} judges it: without a range not at all (a z-scored rare machine type held through a sequence is
     * data), with one when far (beyond it by over a quarter of its span).
     */
    public static List<FarCells> farCells(List<float[][]> sequences, float[] mean, float[] std, TrainingRange range) {
        checkRange(range, std);
        List<FarCells> out = new ArrayList<>();
        for (int f = 0; f < std.length; f++) {
            if (FeatureStandardizer.isConstant(std[f])) {
                continue;
            }
            boolean unit = mean[f] >= 0 && mean[f] <= 1;
            long values = 0;
            long cells = 0;
            int holding = 0;
            List<Integer> first = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            double sdLow = Double.POSITIVE_INFINITY;
            double sdHigh = 0;
            Set<Float> distinct = new HashSet<>();
            for (int i = 0; i < sequences.size(); i++) {
                long here = 0;
                for (float[] step : sequences.get(i)) {
                    float x = step[f];
                    if (Float.isNaN(x)) {
                        continue;
                    }
                    values++;
                    if (distinct.size() < 3) {
                        distinct.add(x);
                    }
                    if (!far(x, f, mean, std, range) || unit && (x == 0f || x == 1f)
                            || org.rnnlab.datasets.csv.MissingValues.codeLike(x)) {
                        continue;
                    }
                    here++;
                    low = Math.min(low, x);
                    high = Math.max(high, x);
                    double sd = Math.abs(x - mean[f]) / std[f];
                    sdLow = Math.min(sdLow, sd);
                    sdHigh = Math.max(sdHigh, sd);
                }
                if (here > 0) {
                    cells += here;
                    holding++;
                    if (first.size() < FAR_CELLS_SHOWN) {
                        first.add(i);
                        counts.add(here);
                    }
                }
            }
            // one value throughout one sequence is a level, not cells typed wrong, unless 0 or a code, or far with a training
            // range (then beyond it by over a quarter of its span), as judge() holds it
            float only = distinct.size() == 1 ? distinct.iterator().next() : Float.NaN;
            boolean deadLike = only == 0f || org.rnnlab.datasets.csv.MissingValues.codeLike(only);
            if (cells < 3 || distinct.size() == 1 && sequences.size() == 1 && !deadLike && range == null) {
                continue;
            }
            double slip = 0;
            if (range != null) {
                // the bulk (1st to 99th percentile; a card before them: the range) of one sign spanning under a factor of 10,
                // FarValues' guard, and the far values divided (or multiplied) by 10 all within the training values: the
                // percentiles alone missed trial 73a's slip, whose smallest, 3890, is 389 for a 1st percentile of 398
                double p01 = range.hasPercentiles() ? range.p01()[f] : range.low()[f];
                double p99 = range.hasPercentiles() ? range.p99()[f] : range.high()[f];
                double rangeLow = range.low()[f];
                double rangeHigh = range.high()[f];
                double near = Math.min(Math.abs(p01), Math.abs(p99));
                double far = Math.max(Math.abs(p01), Math.abs(p99));
                if (!(p01 <= 0 && p99 >= 0) && far < 10 * near) {
                    slip = low / 10 >= rangeLow && high / 10 <= rangeHigh ? 10 : low * 10 >= rangeLow && high * 10 <= rangeHigh
                            ? 0.1 : 0;
                }
            }
            out.add(new FarCells(f, cells, values, holding, List.copyOf(first), List.copyOf(counts), low, high, sdLow, sdHigh,
                    slip));
        }
        return out;
    }

    /**
     * A feature whose values in new data are all tiny next to the training data's (another unit, such as volts for a model
     * trained in microvolts).
     *
     * @param index  the feature's position
     * @param values its values judged (not missing)
     * @param maxAbs the largest of their absolute values
     * @param scale  the training data's typical magnitude, sqrt(mean² + sd²)
     */
    public record Narrow(int index, long values, double maxAbs, double scale) {

        /** {@code 'name' (every value within ±X, 1/N of the training data's magnitude M (mean A, sd S)}, without the closing parenthesis. */
        public String describe(String name, float trainMean, float trainStd) {
            return String.format(java.util.Locale.ROOT, "'%s' (every value within ±%.2g, 1/%s of the training data's magnitude %.4g "
                    + "(mean %.4g, sd %.4g)", name, maxAbs, ratioText(), scale, trainMean, trainStd);
        }

        /** How many times smaller than the training magnitude the values are: {@code 150}, or {@code 1e+06} from 10,000. */
        public String ratioText() {
            double ratio = scale / Math.max(maxAbs, Double.MIN_VALUE);
            return ratio >= 1e4 ? String.format(java.util.Locale.ROOT, "%.0e", ratio) : Long.toString(Math.round(ratio));
        }
    }

    /** How many times smaller than the training data's magnitude every value must be for {@link #narrow} to name a feature. */
    public static final double NARROW = 100;

    /**
     * Features whose every value in {@code sequences} lies within 1/{@value #NARROW} of the training data's magnitude
     * (sqrt(mean² + sd²)) of zero, with at least 10 values, not all one: the other side of {@link #judge}, which a unit that
     * shrinks the values never reaches (a sleep trial's site exported its EEG in volts for a model trained in microvolts:
     * values of 1e-5 against a training sd of 20, none of them 10 sd from a training mean near 0, and evaluate scored kappa
     * 0.10 against 0.95 without a word). A quiet stretch of a signal in its own unit stays well above 1/100 of its training
     * magnitude (a standing subject's body acceleration is about 1/15 of an active one's); one value throughout is a flat
     * line, {@link org.rnnlab.datasets.csv.FlatSequences}' and {@link #judge}'s case. Not judged: a feature whose training
     * mean is under its sd and whose values here are all 0 or more (bytes, counts, amounts: small values are ordinary
     * there). Judged over whatever is given: a file, or one sequence (serve).
     */
    public static List<Narrow> narrow(List<float[][]> sequences, float[] mean, float[] std) {
        return narrow(sequences, mean, std, null);
    }

    /**
     * {@link #narrow(List, float[], float[])}, with the training {@code range} (null: none): a feature whose training values
     * all lay on one side of 0 (coordinates from 0 m, counts) is not named when the training data held values as near 0 as
     * these ({@code low <= maxAbs}): they are values the model saw, not another unit (a football trial's walk along the
     * touchline, y 0.00-0.02 m, was called far outside the training data, whose y ran from 0.0 to 68 m, 3.6% of it under
     * 0.05). Of a feature whose training values lay on both sides of 0, values near 0 lie inside the range however another unit
     * shrank them (volts for microvolts), so the range says nothing there and the magnitude rule alone decides.
     */
    public static List<Narrow> narrow(List<float[][]> sequences, float[] mean, float[] std, TrainingRange range) {
        checkRange(range, std);
        List<Narrow> out = new ArrayList<>();
        for (int f = 0; f < std.length; f++) {
            if (FeatureStandardizer.isConstant(std[f])) {
                continue;
            }
            double scale = Math.sqrt((double) mean[f] * mean[f] + (double) std[f] * std[f]);
            long n = 0;
            double maxAbs = 0;
            float first = Float.NaN;
            boolean varies = false;
            boolean nonNegative = true;
            for (float[][] sequence : sequences) {
                for (float[] step : sequence) {
                    float x = step[f];
                    if (Float.isNaN(x)) {
                        continue;
                    }
                    n++;
                    maxAbs = Math.max(maxAbs, Math.abs(x));
                    nonNegative &= x >= 0;
                    if (Float.isNaN(first)) {
                        first = x;
                    } else if (x != first) {
                        varies = true;
                    }
                }
            }
            // a skewed feature of values 0 or more (bytes, counts, amounts: training mean under its sd) holds small values
            // among its ordinary ones (a review: an idle session of 0-40 bytes, for a training mean of 1113 and sd 4449, was
            // called another unit); a unit's shrink of such a feature is not told from a quiet stretch of it
            boolean skewedNonNegative = nonNegative && mean[f] >= 0 && mean[f] < std[f];
            if (n >= 10 && varies && maxAbs * NARROW < scale && !skewedNonNegative && !heldAsSmall(range, f, maxAbs)) {
                out.add(new Narrow(f, n, maxAbs, scale));
            }
        }
        return out;
    }

    /**
     * Whether the training values of feature {@code f}, all on one side of 0, came as near 0 as {@code maxAbs}: the training
     * range's bound nearer 0 within it. False without a range, and for a range with values on both sides of 0.
     */
    private static boolean heldAsSmall(TrainingRange range, int f, double maxAbs) {
        if (range == null) {
            return false;
        }
        double low = range.low()[f];
        double high = range.high()[f];
        if (low >= 0) {
            return low <= maxAbs;
        }
        if (high <= 0) {
            return -high <= maxAbs;
        }
        return false;
    }

    /**
     * A feature whose new values are the training values' scaled as a whole: their mean and their sd both a unit factor of
     * the training data's.
     *
     * @param index     the feature's position
     * @param meanRatio the new mean over the training mean
     * @param sdRatio   the new sd over the training sd
     * @param unit      the unit change the factor is near
     */
    public record Rescaled(int index, double meanRatio, double sdRatio, String unit) {

        /** {@code 'name' (mean M and sd S here, 1/R1 of the training mean A and 1/R2 of its sd B: the whole feature scaled alike, a factor near F: unit}, without the closing parenthesis. */
        public String describe(String name, float trainMean, float trainStd) {
            return String.format(java.util.Locale.ROOT, "'%s' (mean %.4g and sd %.4g here, %s the training mean %.4g and %s its sd %.4g: "
                    + "the whole feature scaled alike, %s, or data at another level?", name, meanRatio * trainMean, sdRatio * trainStd,
                    times(meanRatio), trainMean, times(sdRatio), trainStd, unit);
        }

        private static String times(double ratio) {
            return ratio >= 1 ? String.format(java.util.Locale.ROOT, "%.3g times", ratio)
                    : String.format(java.util.Locale.ROOT, "1/%.3g of", 1 / ratio);
        }
    }

    /** How near a unit's factor, and each other, a whole feature's mean and sd ratios must be for {@link #rescaled}: within 3%. */
    static final double EXACT = 1.03;

    /**
     * Features of {@code sequences} (5 or more, 500 values or more) whose mean and sd are both the training mean's and sd's
     * times one factor (within 3% of each other), and that factor within 3% of a unit change ({@link UnitFactors}, or 4:
     * energy per quarter-hour against power). A smart-meter trial's kWh per quarter-hour, for a model trained in kW, scored
     * macro-F1 0.37 against 0.82 without a word: a 4-fold change keeps every value within 10 training sd, and the level rule
     * needs a mean 2 sd from 0, which a load profile never has. Data of a scale family (loads, bytes, amounts of a busier
     * population) also move mean and sd alike, so the factor must be a unit's almost exactly, and the words ask rather than
     * tell; a training mean within a quarter sd of 0 gives no ratio to judge.
     */
    public static List<Rescaled> rescaled(List<float[][]> sequences, float[] mean, float[] std) {
        List<Rescaled> out = new ArrayList<>();
        if (sequences.size() < 5) {
            return out;
        }
        for (int f = 0; f < std.length; f++) {
            if (FeatureStandardizer.isConstant(std[f]) || Math.abs(mean[f]) < 0.25 * std[f]) {
                continue;
            }
            long n = 0;
            double sum = 0;
            double sumSquares = 0;
            for (float[][] sequence : sequences) {
                for (float[] step : sequence) {
                    float x = step[f];
                    if (!Float.isNaN(x)) {
                        n++;
                        sum += x;
                        sumSquares += (double) x * x;
                    }
                }
            }
            if (n < 500) {
                continue;
            }
            double m = sum / n;
            double sd = Math.sqrt(Math.max(0, sumSquares / n - m * m));
            double meanRatio = m / mean[f];
            double sdRatio = sd / std[f];
            if (!(meanRatio > 0) || !(sdRatio > 0) || Math.abs(Math.log(meanRatio) - Math.log(sdRatio)) > Math.log(EXACT)) {
                continue;
            }
            double factor = Math.sqrt(meanRatio * sdRatio);
            if (factor < 1.8 && factor > 1 / 1.8) {
                continue;
            }
            // a conversion is exact: within 3% of the unit's factor, not UnitFactors' 12% for levels of groups (a review:
            // gamma-distributed loads at 2.2 times the training level were called pounds against kilograms)
            java.util.Optional<String> unit = Math.abs(Math.abs(Math.log(factor)) - Math.log(4)) < Math.log(EXACT)
                    ? java.util.Optional.of("a factor near 4: energy per quarter-hour (kWh) against power (kW)")
                    : UnitFactors.named(factor, EXACT);
            if (unit.isPresent()) {
                out.add(new Rescaled(f, meanRatio, sdRatio, unit.get()));
            }
        }
        return out;
    }

    /**
     * A value written as codes for a missing value or a sensor error are, in new data, far outside the training data.
     *
     * @param index     the feature's position
     * @param value     the code
     * @param count     its cells
     * @param sequences the sequences holding it
     * @param first     the first of them (its position in the list judged)
     */
    public record Code(int index, float value, long count, int sequences, int first) {
    }

    /**
     * Codes for a missing value in new data that the model would read as numbers: a value written as such codes are
     * (all nines, 65535, 32767: {@link org.rnnlab.datasets.csv.MissingValues#codeLike}; other whole numbers of -99 or less
     * in 3 cells or more) over {@link #FAR} training sd from the training mean, in any share of the data. Training names
     * such a code in 3 cells or more whatever its share ({@code FeatureStandardizer}); new data went by {@link #judge}'s
     * 2% (a trial's plant exported dropouts as -999 in 0.5% of its cells, and one -999 at the 76th of 77 steps turned a
     * cycle's 'imminent_failure' into 'healthy' without a word). One cell is enough for nines and the 16-bit full scales,
     * which no measurement far from its training values writes by chance. The most frequent code of each feature.
     *
     * <p>A code also stands apart ({@link #apart}): the data judged hold fewer other values within one training sd (or 1% of
     * the value, whichever is wider) of it than cells of it. A reading reaches its value through values near it, and a
     * sensor's noise spreads its readings, where a code is written exactly, with nothing around it. A glove trial's
     * left-handed signer's gyroscope peaked at -178.0 deg/s in 3 cells of a column written with one decimal, among -177.6,
     * -178.3 and dozens more near it, and was called a code with the advice {@code --set naValues=-178}, which would have
     * deleted real data (as the training data's check, {@code FeatureStandardizer}, a code has no value near it).
     */
    public static List<Code> codes(List<float[][]> sequences, float[] mean, float[] std) {
        return codes(sequences, mean, std, null);
    }

    /**
     * {@link #codes(List, float[], float[])}, a code far only when also beyond the training {@code range} ({@link #far};
     * null: none).
     */
    public static List<Code> codes(List<float[][]> sequences, float[] mean, float[] std, TrainingRange range) {
        checkRange(range, std);
        List<Code> out = new ArrayList<>();
        for (int f = 0; f < std.length; f++) {
            if (FeatureStandardizer.isConstant(std[f])) {
                continue;
            }
            java.util.Map<Float, long[]> counts = null; // cells, sequences, first sequence; made at the first code (serve calls
            // this for every sequence it answers, which seldom holds one)
            for (int i = 0; i < sequences.size(); i++) {
                java.util.Set<Float> here = null;
                for (float[] step : sequences.get(i)) {
                    float x = step[f];
                    if (Float.isNaN(x) || !far(x, f, mean, std, range)
                            || !org.rnnlab.datasets.csv.MissingValues.codeLike(x)) {
                        continue;
                    }
                    if (counts == null) {
                        counts = new java.util.HashMap<>();
                    }
                    if (here == null) {
                        here = new HashSet<>();
                    }
                    countCode(counts, here, x, i);
                }
            }
            if (counts != null) {
                mostFrequentCode(counts, sequences, f, std[f]).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * Counts a cell of code {@code x} in sequence {@code i} into {@code counts} (per code: cells, sequences, first sequence);
     * {@code here} holds the codes already counted in sequence {@code i}.
     */
    static void countCode(java.util.Map<Float, long[]> counts, Set<Float> here, float x, int i) {
        long[] c = counts.computeIfAbsent(x, v -> new long[] {0, 0, -1});
        c[0]++;
        if (here.add(x)) {
            c[1]++;
            if (c[2] < 0) {
                c[2] = i;
            }
        }
    }

    /**
     * Of the codes of feature {@code f} counted by {@link #countCode}, the most frequent that is one: nines and 16-bit full
     * scales in one cell, other codes in 3 cells or more, standing {@link #apart} (within {@code std} or 1% of the value).
     */
    static java.util.Optional<Code> mostFrequentCode(java.util.Map<Float, long[]> counts, List<float[][]> sequences, int f,
                                                     float std) {
        return counts.entrySet().stream()
                .filter(e -> nines(e.getKey()) || e.getValue()[0] >= 3)
                .sorted(java.util.Comparator.comparingLong((java.util.Map.Entry<Float, long[]> e) -> e.getValue()[0]).reversed())
                .filter(e -> apart(sequences, f, e.getKey(), e.getValue()[0], std))
                .findFirst()
                .map(e -> new Code(f, e.getKey(), e.getValue()[0], (int) e.getValue()[1], (int) e.getValue()[2]));
    }

    /**
     * Whether {@code value}, in {@code cells} cells of feature {@code f}, stands apart as a code does: fewer other values (not
     * missing) within {@code max(std, 1% of |value|)} of it than its cells. The 1% is the resolution a column written with a
     * decimal or two has near such values (-178.0 among -177.6 and -178.3); one training sd is a small step next to the
     * {@link #FAR} sd a code lies out.
     */
    static boolean apart(List<float[][]> sequences, int f, float value, long cells, float std) {
        double window = Math.max(std, 0.01 * Math.abs(value));
        long near = 0;
        for (float[][] sequence : sequences) {
            for (float[] step : sequence) {
                float x = step[f];
                if (x != value && !Float.isNaN(x) && Math.abs((double) x - value) <= window && ++near >= cells) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Refuses a training range of another number of features than the standardiser's. */
    private static void checkRange(TrainingRange range, float[] std) {
        if (range != null && range.size() != std.length) {
            throw new IllegalArgumentException("a training range of " + range.size() + " features for a standardiser of "
                    + std.length + " (expected one range per feature)");
        }
    }

    /** All nines (99, -999, 9999, ...) or a 16-bit full scale (65535, 32767): a code whatever how often. */
    private static boolean nines(float v) {
        long a = Math.abs((long) v);
        return v == Math.rint(v) && (a >= 99 && Long.toString(a).chars().allMatch(c -> c == '9') || v == 65535f || v == 32767f);
    }

    /**
     * The feature among {@code others} (feature positions, in order) whose training range, widened by {@link
     * TrainingRange#MARGIN} ({@link TrainingRange#holds}), holds every value of feature {@code f} in {@code sequences} while
     * {@code f}'s holds every value of it: two columns swapped, each far from its own training data and at home in the
     * other's (a trial's temperature and pressure exchanged got the °F hint, "(x − 32) / 1.8 brings its mean to 35.56", for
     * values that were pressures); -1 for none, or without a range.
     */
    public static int swappedWith(List<float[][]> sequences, int f, java.util.Collection<Integer> others, TrainingRange range) {
        if (range == null) {
            return -1;
        }
        for (int g : others) {
            if (g != f && heldBy(sequences, f, g, range) && heldBy(sequences, g, f, range)) {
                return g;
            }
        }
        return -1;
    }

    /** The words of a {@link #swappedWith} pair, for the far values of {@code name} and {@code other}. */
    public static String swapHint(String name, String other) {
        return "columns swapped? (the values of '" + name + "' lie in the training range of '" + other + "' and the reverse): "
                + "send steps by name / check the column order";
    }

    /** Whether every value (not missing, at least one) of feature {@code f} lies within feature {@code g}'s widened training range. */
    private static boolean heldBy(List<float[][]> sequences, int f, int g, TrainingRange range) {
        long n = 0;
        for (float[][] sequence : sequences) {
            for (float[] step : sequence) {
                float x = step[f];
                if (Float.isNaN(x)) {
                    continue;
                }
                if (!range.holds(g, x)) {
                    return false;
                }
                n++;
            }
        }
        return n > 0;
    }

    /**
     * For a feature whose name says it is a temperature (temp, celsius, fahrenheit, °, deg), the words of a Fahrenheit
     * against Celsius mix-up when converting the new mean either way lands within 2 training sd (or 10%) of the training
     * mean: {@code " (°F against °C? (x − 32) / 1.8 brings its mean to 50.4)"}; empty otherwise. The change is affine, so no
     * factor between units catches it (a trial's plant exported °F in a column named temp_c, 2.44-2.70 times the °C level
     * by pump, and only one pump came near 2.2: "pounds against kilograms").
     */
    public static String temperatureHint(String name, double newMean, double trainMean, double trainStd) {
        return temperatureHint(name, newMean, Double.NaN, trainMean, trainStd);
    }

    /**
     * As {@link #temperatureHint(String, double, double, double)}, and when the whole mean fits neither way, the same words
     * for the mean of the far values alone ({@code farMean}, {@link Feature#farMean}): {@code " (°F against °C in some
     * sequences? (x − 32) / 1.8 brings the far values' mean 98.9 to 37.2)"}. A trial's new stays mixed a ward's °F with
     * the other units' °C: the whole mean, 49, fitted neither unit, and the warning gave no °F words.
     */
    public static String temperatureHint(String name, double newMean, double farMean, double trainMean, double trainStd) {
        String whole = wholeHint(name, newMean, trainMean, trainStd);
        if (!whole.isEmpty() || !Double.isFinite(farMean)) {
            return whole;
        }
        String far = wholeHint(name, farMean, trainMean, trainStd);
        return far.isEmpty() ? "" : far.replace("? ", " in some sequences? ").replace("brings its mean", String.format(
                java.util.Locale.ROOT, "brings the far values' mean %.4g", farMean));
    }

    private static String wholeHint(String name, double newMean, double trainMean, double trainStd) {
        if (!org.rnnlab.datasets.csv.TemperatureUnits.temperatureName(name)) { // the training check's own name rule
            return "";
        }
        double near = Math.max(2 * trainStd, 0.1 * Math.abs(trainMean));
        return switch (org.rnnlab.datasets.csv.TemperatureUnits.otherScale(newMean, trainMean, near)) {
            case 1 -> String.format(java.util.Locale.ROOT, " (°F against °C? (x − 32) / 1.8 brings its mean to %.4g)",
                    (newMean - 32) / 1.8);
            case -1 -> String.format(java.util.Locale.ROOT, " (°C against °F? x · 1.8 + 32 brings its mean to %.4g)",
                    newMean * 1.8 + 32);
            default -> "";
        };
    }
}
