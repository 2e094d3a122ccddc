package org.rnnlab.evaluation.compare;

import java.util.List;
import java.util.Locale;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * A comparison's per-configuration table to paste into a paper: {@value #CSV} (one row per configuration) and
 * {@value #MARKDOWN}, the numbers of the console table and of results.json's {@code aggregates}. A UCR benchmark trial found
 * them only inside results.json, with no error rate (what UCR tables report), and wrote a script to compute them from
 * results.csv. Every {@code _sd} is the sample standard deviation (n-1) over the configuration's runs (seeds, x folds or
 * bands), as the console's {@code +-}; empty for a single run (its spread is unknown, not 0). The error rate is 1 - accuracy,
 * run by run, so its sd is the accuracy's.
 */
public final class ComparisonSummary {
    /** The CSV file's name in a comparison folder. */
    public static final String CSV = "summary.csv";

    /** The Markdown file's name in a comparison folder. */
    public static final String MARKDOWN = "summary.md";

    /**
     * Columns of {@value #CSV}; the ROC AUC cells are empty where a run of the configuration has none (one class, older runs).
     * Then {@code macro_f1_present_or_predicted_mean}, the mean of results.csv's {@code macro_f1_present_or_predicted}
     * ({@link PresentOrPredicted}): scikit-learn's macro-F1, lower than {@code macro_f1_mean} where a run predicted a class its
     * test data hold none of, else equal to it. Then the threshold-free test scores {@code --select} can choose by, {@code
     * average_precision_mean/_sd} ({@link Metric#AVERAGE_PRECISION}: of two classes the class the comparison fixed from its
     * training pool) and {@code log_loss_mean/_sd} (lower is better), empty where a run lacks them: a purchase trial selected
     * by average precision on a 4% class and found it in no table, only in the best line and run by run. Then the pooled
     * test accuracy of {@link Pooled} (with {@code --cv} over the folds' test parts, without over the test split; empty with
     * bands): {@code pooled_correct}, {@code pooled_predictions} (summed over folds and seeds), {@code pooled_accuracy} and its
     * 95% Wilson interval {@code pooled_wilson_low/_high}, and with folds by group {@code folds_mean}, the mean of the folds'
     * accuracies, with its 95% t interval over the folds {@code folds_t_low/_high}; empty where they do not apply. Last, the
     * configuration's {@code layers} (its depth) and {@code hidden} (the units of each layer, {@code 32;16} where they differ;
     * {@link ComparisonResult#layersAndHidden}), empty where unknown.
     */
    public static final String CSV_HEADER = "configuration,runs,accuracy_mean,accuracy_sd,error_rate_mean,macro_f1_mean,macro_f1_sd,"
            + "macro_roc_auc_mean,macro_roc_auc_sd,accuracy_min,accuracy_max,macro_f1_present_or_predicted_mean,"
            + "average_precision_mean,average_precision_sd,log_loss_mean,log_loss_sd,pooled_correct,pooled_predictions,"
            + "pooled_accuracy,pooled_wilson_low,pooled_wilson_high,folds_mean,folds_t_low,folds_t_high,layers,hidden";

    /** What every {@code +-} and {@code _sd} is, said under the console table and in {@value #MARKDOWN}. */
    public static String sdNote(ComparisonResult result) {
        return "+- is the sample standard deviation (n-1) over " + over(result);
    }

    /**
     * With cross-validation, each configuration's test accuracy pooled over its folds' test predictions (every pooled sequence
     * tested once per seed) and the 95% Wilson interval of that pooled accuracy: the console's and {@value #MARKDOWN}'s
     * {@code +-} is the spread from fold to fold, not an interval of the estimate (a trial of 72 batches in 6 folds read
     * {@code 0.8750 +- 0.1149} as one; pooled, 63/72 gave [0.779, 0.933]). With several seeds the counts are summed over the
     * seeds and the interval is taken over the pooled sequences (a sequence's predictions by the seeds are not independent
     * trials). With folds by group, beside it the mean of the folds' accuracies and its t interval ({@link Pooled}). Empty
     * without cross-validation or where a run has no confusion matrix.
     */
    public static List<String> pooledAccuracy(ComparisonResult result) {
        List<String> out = new java.util.ArrayList<>();
        String sequences = result.config().crossValidation() == null ? "test sequences" : "pooled sequences";
        for (Pooled p : pooled(result)) {
            out.add(String.format(Locale.ROOT, "%s: pooled %d/%d %.4f [%.3f, %.3f]%s%s", p.configuration(), p.correct(),
                    p.predictions(), p.accuracy(), p.wilsonLow(), p.wilsonHigh(), p.seeds() > 1 ? String.format(Locale.ROOT,
                            " (summed over %d seeds; interval over the %d %s)", p.seeds(), p.sequences(), sequences)
                            : result.config().crossValidation() == null ? String.format(Locale.ROOT, " (interval over the %d %s)",
                            p.sequences(), sequences) : "",
                    p.foldsMean() == null ? "" : String.format(Locale.ROOT, "; by group: mean of the %d folds %.4f [%.3f, %.3f], "
                            + "t over the folds", p.folds(), p.foldsMean(), p.foldsLow(), p.foldsHigh())));
        }
        return out;
    }

    /**
     * One configuration's test accuracy pooled over its cross-validation folds, or its seeds' predictions of the test split without them ({@link #pooledAccuracy}'s line, in
     * {@value #CSV} and results.json's {@code pooledAccuracy}).
     *
     * <p>With folds by group ({@code --group-column}, {@code --set group=}) the Wilson interval takes every sequence as an
     * independent example, but a fold's sequences share its held-out groups (a trial's 420 vehicles came from 6 bridges whose
     * folds scored 0.21 to 0.63: Wilson [0.424, 0.519] beside a between-bridge interval 2.5 times as wide). Beside it, then,
     * the mean of the K folds' accuracies (each fold's the mean over its seeds, as the paired differences take them) with the
     * 95% Student t interval over the K folds, mean +- t(0.975, K-1) · sd / sqrt(K), clipped to [0, 1]. Chosen over a
     * percentile bootstrap of the groups' (correct, n) counts because: a comparison by group has few groups (5 to 10 subjects,
     * sites, bridges), where a percentile bootstrap is too narrow (its variance is (G-1)/G of the groups', with normal rather
     * than t quantiles: at 6 bridges [0.343, 0.581] against t's [0.297, 0.646]; evaluate refuses one under 6 groups); it
     * needs only each run's fold and accuracy, which every run has (also when --group-column differs from the data's group
     * column, whose per-group scores the runs record, and for runs of an older rnnlab); it is the unit the paired differences
     * already test on (the folds); and it draws nothing, so it needs no seed. It is no exact interval either: the folds share
     * training data, and it is centred on the folds' mean (each fold weighing the same), not on the pooled count, which differ
     * when folds differ in size.
     *
     * @param configuration the configuration
     * @param correct       test predictions right, summed over folds and seeds
     * @param predictions   test predictions, summed over folds and seeds
     * @param seeds         the seeds summed over
     * @param sequences     the pooled sequences the Wilson interval is taken over (predictions / seeds)
     * @param accuracy      correct / predictions
     * @param wilsonLow     lower end of the 95% Wilson interval of {@code accuracy} over {@code sequences}
     * @param wilsonHigh    upper end
     * @param folds         with folds by group, the folds with runs (the t interval's n), else null
     * @param foldsMean     with folds by group, the mean over the folds of each fold's accuracy (the mean over its seeds), else null
     * @param foldsLow      with folds by group, the lower end of the 95% t interval of {@code foldsMean}, else null
     * @param foldsHigh     the upper end, else null
     */
    public record Pooled(String configuration, long correct, long predictions, int seeds, long sequences, double accuracy,
                         double wilsonLow, double wilsonHigh, Integer folds, Double foldsMean, Double foldsLow, Double foldsHigh) {
    }

    /**
     * Each configuration's {@link Pooled} accuracy: over its folds' test parts with cross-validation, over the test split's
     * sequences without (its seeds' predictions summed, the interval over the test sequences: a trial read {@code 0.5714 +-
     * 0.0000} over 2 seeds as precise, where 42 test dives gave [0.465, 0.672]); empty with bands (each band is its own test
     * set; the band table scores them) and where a run has no confusion matrix.
     */
    public static List<Pooled> pooled(ComparisonResult result) {
        if (result.config().bands() != null) {
            return List.of();
        }
        boolean byGroup = byGroup(result);
        List<Pooled> out = new java.util.ArrayList<>();
        for (Aggregate a : result.aggregates()) {
            List<RunResult> runs = result.runsOf(a.configuration());
            long correct = 0;
            long n = 0;
            java.util.Map<Integer, List<Double>> byFold = new java.util.TreeMap<>();
            for (RunResult r : runs) {
                long[][] m = r.test() == null ? null : r.test().confusion();
                if (m == null) {
                    return List.of();
                }
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m[i].length; j++) {
                        n += m[i][j];
                        correct += i == j ? m[i][j] : 0;
                    }
                }
                if (r.fold() != null) {
                    byFold.computeIfAbsent(r.fold(), k -> new java.util.ArrayList<>()).add(r.test().accuracy());
                }
            }
            long seeds = runs.stream().map(RunResult::seed).distinct().count();
            if (n == 0 || seeds == 0) {
                continue;
            }
            long sequences = Math.max(1, n / seeds);
            double p = correct / (double) n;
            double[] w = org.rnnlab.evaluation.metrics.ScoreIntervals.wilson(p, sequences);
            double[] foldMeans = byFold.values().stream().mapToDouble(l -> l.stream().mapToDouble(Double::doubleValue).average()
                    .orElse(Double.NaN)).toArray();
            double[] t = byGroup && foldMeans.length >= 2 ? tInterval(foldMeans) : null;
            out.add(new Pooled(a.configuration(), correct, n, (int) seeds, sequences, p, w[0], w[1],
                    t == null ? null : foldMeans.length, t == null ? null : t[0], t == null ? null : t[1], t == null ? null : t[2]));
        }
        return out;
    }

    /** Whether the comparison's folds keep each group in one fold (not walk-forward by time, not stratified by example). */
    static boolean byGroup(ComparisonResult result) {
        org.rnnlab.datasets.CrossValidation cv = result.config().crossValidation();
        return cv != null && cv.group() != null && !cv.byTime();
    }

    /** {mean, low, high}: the mean of {@code x} and its 95% Student t interval, mean +- t(0.975, n-1) sd / sqrt(n), in [0, 1]. */
    static double[] tInterval(double[] x) {
        int k = x.length;
        double mean = java.util.Arrays.stream(x).average().orElse(Double.NaN);
        double ss = java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum();
        double half = t975(k - 1) * Math.sqrt(ss / (k - 1)) / Math.sqrt(k);
        return new double[] {mean, Math.max(0, mean - half), Math.min(1, mean + half)};
    }

    /** The 97.5th percentile of Student's t with {@code df} degrees of freedom (Apache Commons Math). */
    static double t975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom " + df + " < 1");
        }
        return new org.apache.commons.math3.distribution.TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    /**
     * What {@link #pooledAccuracy} is without cross-validation, said above its lines: the seeds' predictions of the test
     * split, with the interval of the estimate over its sequences, which the spread over seeds is not.
     */
    public static String singleSplitNote() {
        return "test accuracy pooled over the seeds' predictions of the test split, with its 95% Wilson interval over the test "
                + "sequences (the interval of the estimate; +- above is the seed-to-seed spread, which says nothing of how "
                + "few sequences were tested: a sd of 0 is no certainty)";
    }

    /** {@link #singleSplitNote()}, or with one run per configuration (no spread shown) the same without the spread. */
    static String singleSplitNote(ComparisonResult result) {
        return result.aggregates().stream().anyMatch(a -> a.runs() > 1) ? singleSplitNote()
                : "test accuracy on the test split, with its 95% Wilson interval over the test sequences (the interval of the "
                + "estimate)";
    }

    /** What {@link #pooledAccuracy} is, said above its lines. */
    public static String pooledNote() {
        return "test accuracy pooled over the folds' test predictions, with its 95% Wilson interval (the interval of the estimate; "
                + "+- above is the fold-to-fold spread, not an interval)";
    }

    /**
     * {@link #pooledNote()}, and with folds by group what the second interval is: the Wilson interval is then no interval of
     * the estimate ({@link #groupCaveat} says why).
     */
    public static String pooledNote(ComparisonResult result) {
        if (result.config().crossValidation() == null) {
            return singleSplitNote(result);
        }
        return !byGroup(result) || pooled(result).stream().allMatch(p -> p.foldsMean() == null) ? pooledNote()
                : "test accuracy pooled over the folds' test predictions, with its 95% Wilson interval (+- above is the fold-to-fold "
                + "spread, not an interval); by group, the mean of the folds' accuracies (each the mean over its seeds) with its "
                + "95% t interval over the folds";
    }

    /**
     * With folds by group, the caveat under {@link #pooledAccuracy}'s lines, as evaluate's for sequences of few groups: the
     * pooled sequences come from G groups, so the Wilson interval, which takes each as an independent example, is too narrow;
     * empty otherwise.
     */
    public static java.util.Optional<String> groupCaveat(ComparisonResult result) {
        List<Pooled> pooled = pooled(result);
        if (result.config().crossValidation() == null && !pooled.isEmpty()) {
            return testGroupCaveat(result, pooled);
        }
        if (!byGroup(result) || pooled.isEmpty()) {
            return java.util.Optional.empty();
        }
        String column = result.config().crossValidation().group();
        long sequences = pooled.stream().mapToLong(Pooled::sequences).max().orElse(0);
        long groups = result.foldGroups() == null ? -1 : result.foldGroups().stream().flatMap(List::stream).distinct().count();
        String from = groups > 0 ? groups + (groups == 1 ? " group" : " groups") : "the groups";
        return java.util.Optional.of(String.format(Locale.ROOT, "the Wilson interval takes each sequence as an independent example, "
                + "but the %d sequences come from %s of %s, and each fold tests whole groups: sequences of one group are "
                + "alike, so the Wilson interval is too narrow; read the t interval over the folds beside it, which takes each "
                + "fold as one example (wide with few folds: that is how little %s tell)", sequences, from,
                column.equals("group") ? "the group column" : "the column " + column, groups > 0 ? from : "the groups"));
    }

    /**
     * The group column's name of data without cross-validation, as the loader recorded it, or null where it names none (a
     * folder level).
     */
    private static String testGroupColumn(ComparisonResult result) {
        // the CSV loader records its group column as "column NAME" (a folder level otherwise, which has no column to name)
        String group = result.data() == null || result.data().parameters() == null ? null : result.data().parameters().get("group");
        // a text file's loader records the column's name itself (--set group=imprint), which compare --cv folds by
        return group != null && group.startsWith("column ") ? group.substring("column ".length())
                : group != null && org.rnnlab.datasets.text.TextDataset.TSV_NAME.equals(result.dataset()) ? group : null;
    }

    /**
     * The group column in words, as {@link #groupCaveat} names it ({@code the column hive}, or {@code the group column} where
     * its name is not known), for the notes that carry the same caveat ({@link PerClassResults#fewSequences}).
     */
    static String groupColumnWords(ComparisonResult result) {
        String column = result.config().crossValidation() != null ? result.config().crossValidation().group() : testGroupColumn(result);
        return column == null || column.equals("group") ? "the group column" : "the column " + column;
    }

    /**
     * Without cross-validation, where the data have a group column: the test split's sequences come from a few groups (those
     * of the runs' group scores, {@link RunResult#groups}), so the Wilson interval, which takes each sequence as an
     * independent example, is too narrow, and the scores move with which groups are held out; empty without groups.
     */
    private static java.util.Optional<String> testGroupCaveat(ComparisonResult result, List<Pooled> pooled) {
        long groups = result.runs().stream().filter(r -> r.groups() != null).flatMap(r -> r.groups().stream())
                .map(org.rnnlab.evaluation.metrics.GroupTable.Row::group).distinct().count();
        if (groups == 0) {
            return java.util.Optional.empty();
        }
        String column = testGroupColumn(result);
        long sequences = pooled.stream().mapToLong(Pooled::sequences).max().orElse(0);
        return java.util.Optional.of(String.format(Locale.ROOT, "the Wilson interval takes each test sequence as an independent "
                + "example, but the %d test sequences come from %d %s of %s: sequences of one group are alike, so it is too "
                + "narrow, and the scores move with which groups are held out; compare --cv K%s scores every group once", sequences,
                groups, groups == 1 ? "group" : "groups", column == null ? "the group column" : "the column " + column,
                column == null ? "" : " --group-column " + column));
    }

    /** What a configuration's runs are: seeds, and the folds or bands of each. */
    static String over(ComparisonResult result) {
        return result.config().crossValidation() != null ? "seeds x folds" : result.config().bands() != null ? "seeds x bands" : "seeds";
    }

    private ComparisonSummary() {
    }

    /** The text of {@value #CSV}: one row per configuration, in the order of the console table. */
    public static String csv(ComparisonResult result) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        List<Pooled> pooled = pooled(result);
        java.util.Map<String, List<Integer>> sizes = result.hiddenSizes();
        for (Aggregate a : result.aggregates()) {
            Aggregate.Stats accuracy = a.metrics().get(Metric.ACCURACY);
            Aggregate.Stats f1 = a.metrics().get(Metric.MACRO_F1);
            Aggregate.Stats auc = a.metrics().get(Metric.MACRO_ROC_AUC);
            sb.append(quote(a.configuration())).append(',').append(a.runs()).append(',').append(accuracy.mean()).append(',')
                    .append(sd(accuracy)).append(',').append(1 - accuracy.mean()).append(',').append(f1.mean()).append(',')
                    .append(sd(f1)).append(',').append(auc == null ? "" : Double.toString(auc.mean())).append(',')
                    .append(auc == null ? "" : sd(auc)).append(',').append(accuracy.min()).append(',').append(accuracy.max())
                    .append(',').append(presentOrPredicted(result, a));
            for (Metric m : List.of(Metric.AVERAGE_PRECISION, Metric.LOG_LOSS)) {
                Aggregate.Stats st = a.metrics().get(m);
                sb.append(',').append(st == null ? "" : Double.toString(st.mean())).append(',').append(st == null ? "" : sd(st));
            }
            Pooled p = pooled.stream().filter(q -> q.configuration().equals(a.configuration())).findFirst().orElse(null);
            sb.append(',').append(p == null ? "" : Long.toString(p.correct())).append(',')
                    .append(p == null ? "" : Long.toString(p.predictions())).append(',').append(p == null ? "" : Double.toString(p.accuracy()))
                    .append(',').append(p == null ? "" : Double.toString(p.wilsonLow())).append(',')
                    .append(p == null ? "" : Double.toString(p.wilsonHigh()));
            for (Double d : p == null ? java.util.Arrays.<Double>asList(null, null, null) : java.util.Arrays.asList(p.foldsMean(),
                    p.foldsLow(), p.foldsHigh())) {
                sb.append(',').append(d == null ? "" : Double.toString(d));
            }
            sb.append(',').append(ComparisonResult.layersAndHidden(sizes, a.configuration()));
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The threshold-free test score the comparison selected by, shown as a column of its own beside accuracy and macro-F1
     * (average precision, log-loss), where every configuration has it; null for the other selections (ROC AUC has its
     * column already) and where a run lacks it.
     */
    public static Metric selectedColumn(ComparisonResult result) {
        Metric m = Metric.selected(result.config().training().selection());
        return m == null || m == Metric.MACRO_ROC_AUC ? null : selectedEverywhere(result, m);
    }

    /**
     * The threshold-free test score the comparison selected by (log-loss, ROC AUC, average precision), to pair between
     * configurations beside accuracy and macro-F1, where every configuration has it; else null.
     */
    public static Metric selectedPaired(ComparisonResult result) {
        Metric m = Metric.selected(result.config().training().selection());
        return m == null ? null : selectedEverywhere(result, m);
    }

    private static Metric selectedEverywhere(ComparisonResult result, Metric m) {
        return !result.aggregates().isEmpty() && result.aggregates().stream().allMatch(a -> a.metrics().containsKey(m)) ? m : null;
    }

    /**
     * A short name of a metric for table headers: {@code average precision of '1'} for {@link Metric#AVERAGE_PRECISION} of two
     * classes (the class the comparison fixed), {@code macro average precision} of more, {@code log-loss}, {@code ROC AUC
     * (macro)}, {@code accuracy}, {@code macro-F1} ({@link PresentOrPredicted#label}: scikit-learn's, which the paired tests
     * compare, named so where a run predicted a class its test data hold none of).
     */
    public static String label(ComparisonResult result, Metric m) {
        return switch (m) {
            case ACCURACY -> "accuracy";
            case MACRO_F1 -> PresentOrPredicted.label(result); // scikit-learn's, named so where it differs from the table's
            case LOG_LOSS -> "log-loss";
            case MACRO_ROC_AUC -> "ROC AUC (macro)";
            case AVERAGE_PRECISION -> {
                Integer fixed = result.config().training().averagePrecisionClass();
                List<String> labels = result.runs().isEmpty() ? List.of() : result.runs().get(0).test().labelNames();
                yield labels.size() == 2 && fixed != null ? "average precision of " + org.rnnlab.datasets.LabelCheck.quoted(labels.get(fixed))
                        : labels.size() == 2 ? "average precision" : "macro average precision";
            }
            default -> m.key();
        };
    }

    /**
     * The text of {@value #MARKDOWN}: the same rows as a Markdown table, to 4 decimals ({@code mean ± sd}; the mean alone for
     * one run), with the sd's definition under it; with cross-validation by group, then one row per fold: the groups it held
     * out ({@link FoldGroups#text}) and each configuration's test accuracy on them; last, with two or more configurations, the
     * paired differences, what they pair (seeds, seeds x bands or folds) and the notes on them
     * ({@link ComparisonFiles#differencesMarkdown}).
     */
    public static String markdown(ComparisonResult result) {
        boolean ranked = result.aggregates().stream().anyMatch(a -> a.metrics().containsKey(Metric.MACRO_ROC_AUC));
        Metric selected = selectedColumn(result);
        StringBuilder sb = new StringBuilder("| configuration | runs | test accuracy | error rate | macro-F1 |")
                .append(ranked ? " ROC AUC (macro) |" : "").append(selected == null ? "" : " " + label(result, selected)
                        .replace("|", "\\|") + " |").append(" accuracy min-max |\n")
                .append("|---|---:|---:|---:|---:|").append(ranked ? "---:|" : "").append(selected == null ? "" : "---:|")
                .append("---:|\n");
        for (Aggregate a : result.aggregates()) {
            Aggregate.Stats accuracy = a.metrics().get(Metric.ACCURACY);
            Aggregate.Stats auc = a.metrics().get(Metric.MACRO_ROC_AUC);
            sb.append("| ").append(a.configuration().replace("|", "\\|")).append(" | ").append(a.runs()).append(" | ")
                    .append(meanSd(accuracy)).append(" | ").append(String.format(Locale.ROOT, "%.4f", 1 - accuracy.mean())).append(" | ")
                    .append(meanSd(a.metrics().get(Metric.MACRO_F1))).append(" |");
            if (ranked) {
                sb.append(' ').append(auc == null ? "-" : meanSd(auc)).append(" |");
            }
            if (selected != null) {
                sb.append(' ').append(meanSd(a.metrics().get(selected))).append(" |");
            }
            sb.append(String.format(Locale.ROOT, " %.4f-%.4f |%n", accuracy.min(), accuracy.max()));
        }
        sb.append("\n").append(sdNote(result).replace("+-", "±")).append("; error rate = 1 - test accuracy.\n");
        List<String> pooled = pooledAccuracy(result);
        if (!pooled.isEmpty()) {
            sb.append('\n').append(pooledNote(result).replace("+-", "±")).append(":\n\n");
            pooled.forEach(l -> sb.append("- ").append(l).append('\n'));
            groupCaveat(result).ifPresent(c -> sb.append("\n(").append(c).append(")\n"));
        }
        if (result.baseline() != null || result.summaryBaseline() != null) { // what the table is read against, as printed
            sb.append("\nBaselines (the same test data as the table):\n\n");
            if (result.baseline() != null) {
                sb.append("- majority class: ").append(result.baseline().describe()).append('\n');
            }
            if (result.summaryBaseline() != null) {
                sb.append("- summary features: ").append(result.summaryBaseline().describe()).append('\n');
                SummaryBaseline.warning(result).ifPresent(w -> sb.append("  (").append(w).append(")\n"));
            }
        }
        String lower = PresentOrPredicted.tableLines(result); // the console's lines under its table, where they apply
        if (!lower.isEmpty()) {
            sb.append('\n').append(lower.replace("\n  ", "\n- "));
        }
        if (result.foldGroups() != null) {
            // the per-held-out-group table of a "does it work for new signers?" study: each fold's groups beside its scores
            String group = result.config().crossValidation().group().replace("|", "\\|");
            sb.append("\n| fold | test ").append(group).append(" |");
            result.aggregates().forEach(a -> sb.append(' ').append(a.configuration().replace("|", "\\|")).append(" |"));
            sb.append("\n|---:|---|").append("---:|".repeat(result.aggregates().size())).append('\n');
            for (int k = 0; k < result.foldGroups().size(); k++) {
                int fold = k;
                sb.append("| ").append(k).append(" | ").append(FoldGroups.text(result.foldGroups(), k).replace("|", "\\|")).append(" |");
                for (Aggregate a : result.aggregates()) {
                    double[] accuracies = result.runsOf(a.configuration()).stream().filter(r -> r.fold() != null && r.fold() == fold)
                            .mapToDouble(r -> r.test().accuracy()).toArray();
                    sb.append(' ').append(accuracies.length == 0 ? "-" : meanSd(Aggregate.Stats.of(accuracies))).append(" |");
                }
                sb.append('\n');
            }
            // groups from a folder level are the column 'group': not "the group group(s)" (trial 68e)
            sb.append("\nTest accuracy of each fold on the ").append(heldOutGroups(group)).append(" it held out (mean ± sd over the seeds).\n");
        }
        // the warnings of the runs before the verdicts they qualify (a trial's summary.md said "reliably better" of a
        // comparison whose terminal warned that lstm was still improving when its budget ended)
        List<String> warnings = result.warnings();
        if (!warnings.isEmpty()) {
            sb.append("\nWarnings:\n\n");
            warnings.forEach(w -> sb.append("- ").append(w).append(".\n"));
        }
        // the verdicts and what they pair (a trial found neither in the file "to paste into a paper")
        sb.append(ComparisonFiles.differencesMarkdown(result));
        return sb.toString();
    }

    /** The groups of {@code column} a fold held out, in words: {@code machine group(s)}, or {@code group(s)} for the column 'group'. */
    public static String heldOutGroups(String column) {
        return column.equals("group") ? "group(s)" : column + " group(s)";
    }

    /** The configuration's mean scikit-learn macro-F1, its mean macro-F1 where no run predicted a class absent from its test data. */
    private static double presentOrPredicted(ComparisonResult result, Aggregate a) {
        Double lower = PresentOrPredicted.mean(result, a.configuration());
        return lower == null ? a.mean(Metric.MACRO_F1) : lower;
    }

    private static String meanSd(Aggregate.Stats s) {
        return s.sd() == null ? String.format(Locale.ROOT, "%.4f", s.mean()) : String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.sd());
    }

    private static String sd(Aggregate.Stats s) {
        return s.sd() == null ? "" : Double.toString(s.sd());
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
