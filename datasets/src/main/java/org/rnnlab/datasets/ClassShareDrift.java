package org.rnnlab.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Class shares of other data that differ clearly from the training data's: the majority baseline and the accuracy move
 * with them, and the other data may come from another period or population. A quant's trial: {@code up} was 55% of the
 * training windows and 46.6% of the test quarter, so the training majority scored below a coin flip and the printed
 * baseline made a gap of about 0 look like 0.18, with no word that the label distribution had shifted. A weld-QA trial
 * (stop 65): {@code evaluate} on a new month of labelled welds had nothing to compare with, so the same rule now also
 * compares evaluated data, and predictions, with the training class counts kept in the model card.
 *
 * <p>Said when both the total variation distance between the two share vectors is {@value #MIN_DISTANCE} or more and a
 * chi-square test of the 2 x K table of counts gives p below {@value #MAX_P}. The distance keeps large data sets quiet
 * about differences too small to matter (with 100,000 sequences a shift of one point is "significant"); the test keeps
 * small ones quiet about chance (5 test sequences of 3 classes differ by 0.2 or more by rounding alone). A stratified
 * carve gives each class its share of the test set up to one sequence, a distance below K / (2 n_test), which with
 * p &lt; 0.001 required never reaches both; a carve at random of the same population has p &lt; 0.001 one time in a
 * thousand, and then the distance rarely reaches 0.10 unless the test set is small, where the test needs a larger shift.
 * Used by the CSV reader (test split against the carved training split) and by {@code evaluate} and {@code predict}
 * (scored or predicted classes against the model card's training counts).
 */
public final class ClassShareDrift {
    /** The smallest total variation distance between the training and test class shares that is said. */
    public static final double MIN_DISTANCE = 0.10;
    /** The largest chi-square p-value of the two count vectors that is said. */
    public static final double MAX_P = 0.001;

    /** The words that start the warning (after the test data's name), by which a comparison's folds drop it. */
    public static final String WORDS = "data differ from the training data's (total variation distance";

    private ClassShareDrift() {
    }

    /**
     * The training counts per class against another data set's (both in the order of the labels).
     *
     * @param training the training data's counts per class
     * @param other    the other data's counts per class (test, scored or predicted)
     * @param distance the total variation distance between the two share vectors (0 to 1)
     * @param p        the p-value of Pearson's chi-square test of the 2 x K table
     */
    public record Comparison(long[] training, long[] other, double distance, double p) {
        /** Whether the shares differ clearly: distance {@value #MIN_DISTANCE} or more and p below {@value #MAX_P}. */
        public boolean differs() {
            return distance >= MIN_DISTANCE && p < MAX_P;
        }

        /** Sequences of the training data. */
        public long trainingTotal() {
            return Arrays.stream(training).sum();
        }

        /** Sequences of the other data. */
        public long otherTotal() {
            return Arrays.stream(other).sum();
        }

        /**
         * The numbers and the classes that moved most (up to three, by how far, each by half a point or more), in brackets
         * and after a colon: {@code (total variation distance 0.40, chi-square p = 3.1e-20 over 900 training and 200 scored
         * sequences): 'bad' 10.0% of training, 50.0% of these data; ...}.
         *
         * @param kind the other sequences' word ({@code test}, {@code scored}, {@code predicted})
         * @param of   what the other share is of ({@code test}, {@code these data}, {@code the predictions})
         */
        public String details(List<String> labels, String kind, String of) {
            return details(labels, "training", "training", kind, of);
        }

        /**
         * {@link #details(List, String, String)} with the first counts named otherwise than training's: predict compares the
         * classes it predicts with those the model predicted on its held-out split ({@code validation-predicted}, {@code the
         * validation predictions}).
         *
         * @param baseKind the first sequences' word ({@code training})
         * @param baseOf   what the first share is of ({@code training})
         */
        public String details(List<String> labels, String baseKind, String baseOf, String kind, String of) {
            long nTrain = trainingTotal();
            long nOther = otherTotal();
            List<Integer> byChange = IntStream.range(0, labels.size()).boxed().filter(k -> Math.abs(shift(k)) >= 0.005)
                    .sorted(Comparator.comparingDouble((Integer k) -> -Math.abs(shift(k))).thenComparingInt(k -> k)).toList();
            List<String> named = new ArrayList<>();
            for (int k : byChange.subList(0, Math.min(3, byChange.size()))) {
                named.add(String.format(Locale.ROOT, "%s %.1f%% of %s, %.1f%% of %s", LabelCheck.quoted(labels.get(k)),
                        100.0 * training[k] / nTrain, baseOf, 100.0 * other[k] / nOther, of));
            }
            return String.format(Locale.ROOT, "(total variation distance %.2f, chi-square p = %.2g over %d %s and %d %s "
                    + "sequences): %s", distance, p, nTrain, baseKind, nOther, kind, String.join("; ", named));
        }

        /** The other data's share of class {@code k} less the training data's. */
        private double shift(int k) {
            return (double) other[k] / otherTotal() - (double) training[k] / trainingTotal();
        }
    }

    /**
     * The comparison of two count vectors per class (same order, same length), or empty when either side has no sequence.
     */
    public static Optional<Comparison> compare(long[] training, long[] other) {
        if (training.length != other.length) {
            throw new IllegalArgumentException("counts of " + training.length + " and " + other.length + " classes: not the same classes");
        }
        long nTrain = Arrays.stream(training).sum();
        long nOther = Arrays.stream(other).sum();
        if (nTrain == 0 || nOther == 0) {
            return Optional.empty();
        }
        double distance = 0;
        for (int k = 0; k < training.length; k++) {
            distance += Math.abs((double) training[k] / nTrain - (double) other[k] / nOther);
        }
        return Optional.of(new Comparison(training.clone(), other.clone(), distance / 2, chiSquareP(training, other)));
    }

    /**
     * The test was carved by whole groups of group column {@code column}: per class (in the order of the labels), how many
     * groups hold it ({@code groups}) and how many of those the carve put in test ({@code inTest}).
     */
    public record ByGroup(String column, long[] inTest, long[] groups) {
    }

    /**
     * The CSV reader's warning for these counts per class (same order as {@code labels}), or null when the shares do not
     * differ clearly or either side is empty.
     */
    public static String warning(List<String> labels, long[] train, long[] test, String testWhat) {
        return warning(labels, train, test, testWhat, null);
    }

    /**
     * {@link #warning(List, long[], long[], String)}, worded for a test carved by group when {@code byGroup} is given (null:
     * given files, a split column or a carve by time, where the data may come from another period or population). After a
     * carve by group the test data come from the same source: whole groups went to test, and the shares moved with which
     * did, so the warning says how many of a named class's groups (of the classes named, the one of fewest groups: whole
     * groups move its share most) the carve put in test and that another {@code --data-seed} or a split column chooses
     * others (a review: a rural class at 22.2% of training and 0.0% of test was said to "come from another period or
     * population").
     */
    public static String warning(List<String> labels, long[] train, long[] test, String testWhat, ByGroup byGroup) {
        Comparison c = compare(train, test).filter(Comparison::differs).orElse(null);
        if (c == null) {
            return null;
        }
        String cause;
        if (byGroup != null) {
            List<Integer> byChange = IntStream.range(0, labels.size()).boxed().filter(k -> Math.abs(c.shift(k)) >= 0.005)
                    .sorted(Comparator.comparingDouble((Integer k) -> -Math.abs(c.shift(k))).thenComparingInt(k -> k)).toList();
            int k = byChange.subList(0, Math.min(3, byChange.size())).stream().min(Comparator.comparingLong((Integer x) -> byGroup.groups()[x])
                    .thenComparingInt(x -> x)).orElseThrow();
            cause = String.format(Locale.ROOT, "the %s groups' class shares differ from the training groups': the carve by group "
                    + "column %s put %d of the %d groups holding %s in %s; another --data-seed carves other groups, or a split "
                    + "column (--set split=NAME) chooses them", testWhat, byGroup.column(), byGroup.inTest()[k], byGroup.groups()[k],
                    LabelCheck.quoted(labels.get(k)), testWhat);
        } else {
            cause = "the " + testWhat + " data may come from another period or population than the training data";
        }
        return "the class shares of the " + testWhat + " " + WORDS.substring(0, WORDS.indexOf(" (")) + " "
                + c.details(labels, testWhat, testWhat) + "; the majority baseline and the accuracy move with the shares, and "
                + cause;
    }

    /** A class is rare, for {@link #rareClassShares}, at this share of the training sequences or below, with up to 3 classes. */
    static final double RARE = 0.2;

    /**
     * The share of the training sequences at or below which a class of {@code classes} is rare for {@link #rareClassShares}:
     * {@value #RARE} with up to 3 classes (a clinical trial's 8.5% of 2), else half the share of K equal classes, 1/(2K): with
     * 36 classes every one is under 20%, and a handwriting trial's warning named classes at the average share (2.3%) while the
     * truly rare ones (1.1%) went unnamed.
     */
    public static double rareShare(int classes) {
        return classes <= 3 ? RARE : 1.0 / (2 * classes);
    }
    /** The factor between a part's share of a rare class and training's that {@link #rareClassShares} names. */
    static final double RARE_FACTOR = 1.5;
    /** The largest chi-square p-value of a rare class against the rest that {@link #rareClassShares} names. */
    static final double RARE_P = 0.01;

    /**
     * The warning for a rare class (a share of the training sequences of {@value #RARE} or less with up to 3 classes, of
     * 1/(2K) or less with K above 3: {@link #rareShare}) whose share of a held-out part
     * ({@code parts}, by name: validation, test; counts per class in the order of {@code labels}) is {@value #RARE_FACTOR}
     * times training's or more, or under its inverse, with a chi-square p (the class against the rest) below {@value
     * #RARE_P}; or null. Such a shift is below the total variation distance {@link #warning} needs (a class of 8.5% at 3.1%
     * moves it by 0.05), yet it changes what a part's scores rest on: a clinical trial's carve by patient left 7 transfers of
     * 225 in validation (3.1%) against 8.5% in training, and the epoch kept, a recall cut-off and the calibration were judged
     * on them without a word. Every part's count of the class is said.
     *
     * @param carve  how the parts were made, e.g. {@code The carve by group column patient_id}
     * @param remedy what chooses other parts
     */
    public static String rareClassShares(List<String> labels, long[] train, java.util.Map<String, long[]> parts, String carve,
                                         String remedy) {
        long nTrain = Arrays.stream(train).sum();
        if (nTrain == 0) {
            return null;
        }
        List<String> said = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            double share = (double) train[k] / nTrain;
            if (train[k] == 0 || share > rareShare(labels.size())) {
                continue;
            }
            boolean differs = false;
            List<String> shares = new ArrayList<>();
            for (java.util.Map.Entry<String, long[]> part : parts.entrySet()) {
                long n = Arrays.stream(part.getValue()).sum();
                if (n == 0) {
                    continue;
                }
                long c = part.getValue()[k];
                double other = (double) c / n;
                boolean far = (other >= RARE_FACTOR * share || other * RARE_FACTOR <= share)
                        && chiSquareP(new long[] {train[k], nTrain - train[k]}, new long[] {c, n - c}) < RARE_P;
                differs |= far;
                shares.add(String.format(Locale.ROOT, "%.1f%% of %s (%d of %d)", 100 * other, part.getKey(), c, n));
            }
            if (differs) {
                said.add(String.format(Locale.ROOT, "%s is %.1f%% of training (%d of %d), %s", LabelCheck.quoted(labels.get(k)),
                        100 * share, train[k], nTrain, String.join(", ", shares)));
            }
        }
        if (said.isEmpty()) {
            return null;
        }
        return "a rare class's share differs between the splits: " + String.join("; ", said) + ". " + carve
                + " moves whole groups, so a rare class's share varies by chance from split to split; the scores of a part rest "
                + "on its few sequences of the class (the epoch kept, a --target-recall cut-off and the calibration on validation; "
                + "ROC AUC, average precision and recall on test), and a mean probability is compared with another share than "
                + "training's: " + remedy;
    }

    /** The p-value of Pearson's chi-square test of independence of the 2 x K table of counts (classes with none left out). */
    static double chiSquareP(long[] a, long[] b) {
        double na = Arrays.stream(a).sum();
        double nb = Arrays.stream(b).sum();
        double n = na + nb;
        double chi = 0;
        int classes = 0;
        for (int k = 0; k < a.length; k++) {
            double column = a[k] + b[k];
            if (column == 0) {
                continue;
            }
            classes++;
            double ea = na * column / n;
            double eb = nb * column / n;
            chi += (a[k] - ea) * (a[k] - ea) / ea + (b[k] - eb) * (b[k] - eb) / eb;
        }
        return classes < 2 ? 1 : upperGamma((classes - 1) / 2.0, chi / 2);
    }

    /** The regularized upper incomplete gamma function Q(s, x) (series below s + 1, continued fraction above). */
    static double upperGamma(double s, double x) {
        if (x <= 0) {
            return 1;
        }
        double logPrefix = -x + s * Math.log(x) - logGamma(s);
        if (x < s + 1) {
            double term = 1 / s;
            double sum = term;
            for (int i = 1; i < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-15; i++) {
                term *= x / (s + i);
                sum += term;
            }
            return Math.max(0, 1 - sum * Math.exp(logPrefix));
        }
        double tiny = 1e-300;
        double bb = x + 1 - s;
        double c = 1 / tiny;
        double d = 1 / bb;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - s);
            bb += 2;
            d = an * d + bb;
            d = Math.abs(d) < tiny ? tiny : d;
            c = bb + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return Math.exp(logPrefix) * h;
    }

    /** ln Γ(s) for s &gt; 0 (Lanczos, g = 7, 9 terms). */
    static double logGamma(double s) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
                12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (s < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * s))) - logGamma(1 - s);
        }
        s -= 1;
        double a = c[0];
        double t = s + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (s + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (s + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
