package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.rnnlab.datasets.LabelCheck;

/**
 * Class shares of the test data that differ clearly from the training data's: the majority baseline and the accuracy
 * move with them, and the test data may come from another period or population. A quant's trial: {@code up} was 55% of
 * the training windows and 46.6% of the test quarter, so the training majority scored below a coin flip and the printed
 * baseline made a gap of about 0 look like 0.18, with no word that the label distribution had shifted.
 *
 * <p>Said when both the total variation distance between the two share vectors is {@value #MIN_DISTANCE} or more and a
 * chi-square test of the 2 x K table of counts gives p below {@value #MAX_P}. The distance keeps large data sets quiet
 * about differences too small to matter (with 100,000 sequences a shift of one point is "significant"); the test keeps
 * small ones quiet about chance (5 test sequences of 3 classes differ by 0.2 or more by rounding alone). A stratified
 * carve gives each class its share of the test set up to one sequence, a distance below K / (2 n_test), which with
 * p &lt; 0.001 required never reaches both; a carve at random of the same population has p &lt; 0.001 one time in a
 * thousand, and then the distance rarely reaches 0.10 unless the test set is small, where the test needs a larger shift.
 *
 * <p>After a carve by group the test data come from the same source: whole groups went to test, and the shares moved with
 * which did, so the warning says how many of a named class's groups (the one of fewest groups) the carve put in test and
 * that another {@code --data-seed}
 * or a split column chooses others ({@link ByGroup}; a review: a rural class at 22.2% of training and 0.0% of test was
 * said to "come from another period or population").
 */
final class ClassShareDrift {
    /** The smallest total variation distance between the training and test class shares that is said. */
    static final double MIN_DISTANCE = 0.10;
    /** The largest chi-square p-value of the two count vectors that is said. */
    static final double MAX_P = 0.001;

    /** The words that start the warning (after the test data's name), by which a comparison's folds drop it. */
    static final String WORDS = "data differ from the training data's (total variation distance";

    private ClassShareDrift() {
    }

    /**
     * The test was carved by whole groups of group column {@code column}: per class (in the order of the labels), how many
     * groups hold it ({@code groups}) and how many of those the carve put in test ({@code inTest}).
     */
    record ByGroup(String column, long[] inTest, long[] groups) {
    }

    /**
     * The warning for these counts per class (same order as {@code labels}), or null when the shares do not differ clearly
     * or either side is empty.
     */
    static String warning(List<String> labels, long[] train, long[] test, String testWhat) {
        return warning(labels, train, test, testWhat, null);
    }

    /**
     * {@link #warning(List, long[], long[], String)}, worded for a test carved by group when {@code byGroup} is given (null:
     * given files, a split column or a carve by time, where the data may come from another period or population).
     */
    static String warning(List<String> labels, long[] train, long[] test, String testWhat, ByGroup byGroup) {
        long nTrain = java.util.Arrays.stream(train).sum();
        long nTest = java.util.Arrays.stream(test).sum();
        if (nTrain == 0 || nTest == 0) {
            return null;
        }
        double distance = 0;
        for (int k = 0; k < labels.size(); k++) {
            distance += Math.abs((double) train[k] / nTrain - (double) test[k] / nTest);
        }
        distance /= 2;
        double p = chiSquareP(train, test);
        if (distance < MIN_DISTANCE || !(p < MAX_P)) {
            return null;
        }
        List<Integer> byChange = IntStream.range(0, labels.size()).boxed().filter(k -> Math.abs((double) train[k] / nTrain - (double) test[k] / nTest) >= 0.005)
                .sorted(Comparator.comparingDouble((Integer k) -> -Math.abs((double) train[k] / nTrain - (double) test[k] / nTest))
                        .thenComparingInt(k -> k)).toList();
        List<String> named = new ArrayList<>();
        for (int k : byChange.subList(0, Math.min(3, byChange.size()))) {
            named.add(String.format(Locale.ROOT, "%s %.1f%% of training, %.1f%% of %s", LabelCheck.quoted(labels.get(k)),
                    100.0 * train[k] / nTrain, 100.0 * test[k] / nTest, testWhat));
        }
        String cause;
        if (byGroup != null) {
            // of the classes named, the one of fewest groups: whole groups move its share most (a rural class of 3 stations
            // beside 12 urban ones, both moved by the same points)
            int k = byChange.subList(0, Math.min(3, byChange.size())).stream().min(Comparator.comparingLong((Integer c) -> byGroup.groups()[c])
                    .thenComparingInt(c -> c)).orElseThrow();
            cause = String.format(Locale.ROOT, "the %s groups' class shares differ from the training groups': the carve by group "
                    + "column %s put %d of the %d groups holding %s in %s; another --data-seed carves other groups, or a split "
                    + "column (--set split=NAME) chooses them", testWhat, byGroup.column(), byGroup.inTest()[k], byGroup.groups()[k],
                    LabelCheck.quoted(labels.get(k)), testWhat);
        } else {
            cause = "the " + testWhat + " data may come from another period or population than the training data";
        }
        return String.format(Locale.ROOT, "the class shares of the %s " + WORDS + " %.2f, chi-square p = %.2g over %d training and %d %s sequences): %s; the majority baseline and the "
                + "accuracy move with the shares, and %s", testWhat, distance, p, nTrain, nTest, testWhat, String.join("; ", named), cause);
    }

    /** The p-value of Pearson's chi-square test of independence of the 2 x K table of counts (classes with none left out). */
    static double chiSquareP(long[] a, long[] b) {
        double na = java.util.Arrays.stream(a).sum();
        double nb = java.util.Arrays.stream(b).sum();
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
