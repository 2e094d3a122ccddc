package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.evaluation.metrics.ClassMetrics;
import org.rnnlab.evaluation.metrics.NamedList;

/**
 * Test precision, recall and F1 of every class for every configuration of a comparison, over its runs: what accuracy and
 * macro-F1 alone hide, such as a rare class that a configuration never predicts (a user's try: a class of 5% of the
 * windows, never predicted, behind an accuracy of 0.925). Written as {@code per-class.csv}, shown in the terminal and the
 * report, and warned of when a class with test examples is never predicted in some run.
 *
 * <p>Conventions, as scikit-learn's with {@code zero_division=0}: a class never predicted has precision 0 (0 of 0
 * predictions right) and F1 0; a run whose test data has no example of a class has no recall for it, and such runs are
 * left out of that class's statistics.
 *
 * <p>The means over runs weigh every run alike, so a run with few predictions of a rare class can lift its precision
 * (a trial's leave-cows-out folds: precisions 2/300, 4/4, 3/78, 0, 10/248 have the mean 0.217, while 19 of the 630
 * predictions were right, 0.030). The {@code pooled_} columns are therefore those of the confusion matrices summed over
 * the configuration's runs (as the confusion chart shows them), see {@link Pooled}, and {@link #pooledBelowMean} warns
 * where a class's pooled precision is under half its mean precision.
 */
public final class PerClassResults {
    /** Columns of {@code per-class.csv}. */
    public static final String CSV_HEADER = "configuration,label,runs,test_examples_per_run_min,test_examples_per_run_max,"
            + "precision_mean,precision_sd,precision_min,recall_mean,recall_sd,recall_min,f1_mean,f1_sd,f1_min,runs_never_predicted,"
            + "pooled_precision,pooled_recall,pooled_f1,pooled_predicted,pooled_true_positives";

    /** Terminal and report tables show every class up to this many; beyond, only per-class.csv and the warnings. */
    public static final int TABLE_CLASSES = 12;

    /**
     * One configuration's results for one class.
     *
     * @param configuration      the configuration
     * @param label              the class
     * @param runs               runs whose test data held the class
     * @param fewestExamples     test examples of the class in the run that had fewest (with one test split, every run's)
     * @param mostExamples       test examples of the class in the run that had most (they differ between folds)
     * @param precision          precision over those runs
     * @param recall             recall over those runs
     * @param f1                 F1 over those runs
     * @param runsNeverPredicted runs that predicted the class for no test example although it had some
     * @param pooled             precision, recall and F1 of the confusion matrices summed over the configuration's runs
     */
    public record Row(String configuration, String label, int runs, long fewestExamples, long mostExamples, Aggregate.Stats precision,
                      Aggregate.Stats recall, Aggregate.Stats f1, int runsNeverPredicted, Pooled pooled) {
    }

    /**
     * One class's scores from the test confusion matrices of a configuration's runs summed (every run, including those
     * without a test example of the class, whose predictions of it are all wrong).
     *
     * @param predicted     test examples predicted as the class, over the runs
     * @param truePositives those of them that were of the class
     * @param examples      test examples of the class, over the runs
     */
    public record Pooled(long predicted, long truePositives, long examples) {
        /** truePositives / predicted; 0 when never predicted (scikit-learn's {@code zero_division=0}). */
        public double precision() {
            return predicted == 0 ? 0.0 : truePositives / (double) predicted;
        }

        /** truePositives / examples; NaN without examples. */
        public double recall() {
            return examples == 0 ? Double.NaN : truePositives / (double) examples;
        }

        /** The harmonic mean of the pooled precision and recall; 0 when both are 0 or the class was never predicted. */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 || !Double.isFinite(r) ? 0.0 : 2 * p * r / (p + r);
        }

        static Pooled of(List<RunResult> runs, int c) {
            long predicted = 0;
            long tp = 0;
            long examples = 0;
            for (RunResult r : runs) {
                long[][] m = r.test().confusion();
                if (c >= m.length) {
                    continue;
                }
                for (long[] row : m) {
                    predicted += c < row.length ? row[c] : 0;
                }
                tp += c < m[c].length ? m[c][c] : 0;
                examples += java.util.Arrays.stream(m[c]).sum();
            }
            return new Pooled(predicted, tp, examples);
        }
    }

    private PerClassResults() {
    }

    /** Every configuration's rows, in the order of the configurations and of the labels; classes no run's test data held are left out. */
    public static List<Row> of(ComparisonResult result) {
        return of(result, false);
    }

    /**
     * As {@link #of(ComparisonResult)}; with {@code predictedAbsent} also a row for each class no run's test data held that
     * some run predicted (as evaluate's table has one): {@code runs} 0, 0 test examples, precision 0 over the runs that
     * predicted it (every such prediction is wrong), no recall or F1 ({@code null} statistics), and the pooled false
     * positives. per-class.csv has them (trial 81c F5: 8 such classes' false positives, the reason scikit-learn's macro-F1
     * was lower, were in no per-class file).
     */
    public static List<Row> of(ComparisonResult result, boolean predictedAbsent) {
        List<Row> rows = new ArrayList<>();
        for (Aggregate a : result.aggregates()) {
            List<RunResult> runs = result.runs().stream().filter(r -> r.configuration().equals(a.configuration())).toList();
            for (int c = 0; c < result.labelNames().size(); c++) {
                List<Double> precision = new ArrayList<>();
                List<Double> recall = new ArrayList<>();
                List<Double> f1 = new ArrayList<>();
                long fewest = Long.MAX_VALUE;
                long most = 0;
                int never = 0;
                for (RunResult r : runs) {
                    if (c >= r.test().perClass().size()) {
                        continue;
                    }
                    ClassMetrics m = r.test().perClass().get(c);
                    if (m.support() == 0) {
                        continue;
                    }
                    fewest = Math.min(fewest, m.support());
                    most = Math.max(most, m.support());
                    boolean neverPredicted = r.test().neverPredicts(c);
                    never += neverPredicted ? 1 : 0;
                    precision.add(neverPredicted ? 0.0 : m.precision());
                    recall.add(m.recall());
                    f1.add(neverPredicted || !Double.isFinite(m.f1()) ? 0.0 : m.f1());
                }
                if (!recall.isEmpty()) {
                    rows.add(new Row(a.configuration(), result.labelNames().get(c), recall.size(), fewest, most, stats(precision),
                            stats(recall), stats(f1), never, Pooled.of(runs, c)));
                } else if (predictedAbsent) {
                    long predictingRuns = 0;
                    for (RunResult r : runs) {
                        predictingRuns += Pooled.of(List.of(r), c).predicted() > 0 ? 1 : 0;
                    }
                    if (predictingRuns > 0) {
                        rows.add(new Row(a.configuration(), result.labelNames().get(c), 0, 0, 0,
                                stats(java.util.stream.LongStream.range(0, predictingRuns).mapToObj(i -> 0.0).toList()), null, null, 0,
                                Pooled.of(runs, c)));
                    }
                }
            }
        }
        return rows;
    }

    private static Aggregate.Stats stats(List<Double> values) {
        return Aggregate.Stats.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A CSV cell of an sd: empty for one run, whose sd is undefined (not 0). */
    private static String sd(Aggregate.Stats stats) {
        return stats.sd() == null ? "" : String.valueOf(stats.sd().doubleValue());
    }

    /**
     * The text of per-class.csv: a row per configuration and class its runs' test data held, and one per class they did
     * not hold that some run predicted ({@link #of(ComparisonResult, boolean)}), whose recall and F1 cells are empty.
     */
    public static String csv(ComparisonResult result) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (Row r : of(result, true)) {
            boolean tested = r.recall() != null;
            sb.append(quote(r.configuration())).append(',').append(quote(r.label())).append(',').append(r.runs()).append(',')
                    .append(r.fewestExamples()).append(',').append(r.mostExamples()).append(',').append(r.precision().mean()).append(',')
                    .append(sd(r.precision())).append(',').append(r.precision().min()).append(',')
                    .append(tested ? r.recall().mean() + "," + sd(r.recall()) + "," + r.recall().min() : ",,").append(',')
                    .append(tested ? r.f1().mean() + "," + sd(r.f1()) + "," + r.f1().min() : ",,").append(',')
                    .append(r.runsNeverPredicted()).append(',').append(r.pooled().precision()).append(',')
                    .append(tested ? String.valueOf(r.pooled().recall()) : "").append(',').append(tested ? String.valueOf(r.pooled().f1()) : "")
                    .append(',').append(r.pooled().predicted()).append(',').append(r.pooled().truePositives()).append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code 104 classes with test sequences (8 more, in no test data, predicted in some run)}: the classes per-class.csv has,
     * said where the table is left out (trial 81c F5: "120 classes, see per-class.csv" over a file of 104 per configuration).
     */
    static String csvClasses(ComparisonResult result) {
        List<Row> rows = of(result, true);
        long tested = rows.stream().filter(r -> r.recall() != null).map(Row::label).distinct().count();
        long absent = rows.stream().filter(r -> r.recall() == null).map(Row::label).distinct().count();
        long none = result.labelNames().size() - tested - absent;
        return tested + " of the " + result.labelNames().size() + " classes with test sequences" + (absent == 0 ? ""
                : ", and " + absent + " more without any, predicted in some run (their false positives)") + (none == 0 ? ""
                : "; the other " + none + " neither in the test data nor predicted are not in it");
    }

    /**
     * The terminal table of test recall by class (mean over runs), one row per configuration; empty with more than
     * {@value #TABLE_CLASSES} classes (per-class.csv has them).
     */
    public static String table(ComparisonResult result) {
        List<String> labels = result.labelNames();
        if (labels.size() > TABLE_CLASSES) {
            return String.format(Locale.ROOT, "%ntest recall by class: see per-class.csv, which has %s%n", csvClasses(result));
        }
        List<Row> rows = of(result);
        int width = Math.max(7, labels.stream().mapToInt(String::length).max().orElse(0));
        width = Math.min(width, 14);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%ntest recall by class (mean over runs; per-class.csv also has precision and F1):%n"));
        sb.append(String.format(Locale.ROOT, "%-26s", "configuration"));
        for (String l : labels) {
            sb.append(' ').append(String.format(Locale.ROOT, "%" + width + "s", l.length() > width ? l.substring(0, width - 1) + "~" : l));
        }
        sb.append('\n');
        for (Aggregate a : result.aggregates()) {
            sb.append(String.format(Locale.ROOT, "%-26s", a.configuration()));
            for (String l : labels) {
                Optional<Row> row = rows.stream().filter(r -> r.configuration().equals(a.configuration()) && r.label().equals(l)).findFirst();
                sb.append(' ').append(String.format(Locale.ROOT, "%" + width + "s", row.map(r -> String.format(Locale.ROOT, "%.4f", r.recall().mean()))
                        .orElse("-")));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * One warning per configuration that, in some run, never predicted a class its test data held; empty when every
     * configuration predicted every class somewhere. A run whose fold had no training example of the class
     * ({@link ComparisonResult#foldUntrainedClasses}) is put down to the fold, which the fold warning at load names: class
     * weights cannot teach a class the model never saw (a handwriting trial's 'x', written by one writer). The hint to try
     * {@code --class-weights balanced} is given only where some run missed a class it trained on that is rare in training
     * (under {@value #RARE_SHARE} of the largest class's training sequences), and never to a comparison that already weighted
     * its classes ({@link #weightSideEffects} says what the weights did instead); a class that is not rare is named with what
     * it was predicted as instead and pointed to the confusion chart and more epochs ({@link #notRare}).
     */
    public static List<String> neverPredicted(ComparisonResult result) {
        return neverPredicted(result, null);
    }

    /**
     * {@link #neverPredicted(ComparisonResult)}, with the classes of each warning cut to {@value NamedList#SHOWN} and
     * {@code and N more (cutTo)} when {@code cutTo} is given (the terminal's, where 120 classes made a line of 8-9 KB: trial 81c
     * F4); every class when it is null (results.json, result-warnings.txt).
     */
    public static List<String> neverPredicted(ComparisonResult result, String cutTo) {
        List<String> out = new ArrayList<>();
        List<Row> rows = of(result);
        boolean weighted = weighted(result);
        for (Aggregate a : result.aggregates()) {
            List<String> missed = new ArrayList<>();
            boolean rareMiss = false;
            boolean commonMiss = false;
            boolean untrainedMiss = false;
            for (Row r : rows) {
                if (r.configuration().equals(a.configuration()) && r.runsNeverPredicted() > 0) {
                    int untrained = untrainedNeverPredicted(result, a.configuration(), r.label());
                    untrainedMiss |= untrained > 0;
                    Optional<String> common = untrained < r.runsNeverPredicted() ? notRare(result, a.configuration(), r.label())
                            : Optional.empty();
                    commonMiss |= common.isPresent();
                    rareMiss |= untrained < r.runsNeverPredicted() && common.isEmpty();
                    String why = untrained == 0 ? ""
                            : untrained == r.runsNeverPredicted()
                            ? (untrained == 1 ? "; it had no training sequence in that run's fold" : "; it had no training sequence in those runs' folds")
                            : String.format(Locale.ROOT, "; in %d of them it had no training sequence in the fold", untrained);
                    missed.add(String.format(Locale.ROOT, "%s in %d of %d runs (%s test example%s per run%s)",
                            org.rnnlab.datasets.LabelCheck.quoted(r.label()),
                            r.runsNeverPredicted(), r.runs(), r.fewestExamples() == r.mostExamples() ? Long.toString(r.fewestExamples())
                                    : r.fewestExamples() + "-" + r.mostExamples(), r.mostExamples() == 1 ? "" : "s",
                            why + common.map(c -> "; " + c).orElse("")));
                }
            }
            if (!missed.isEmpty()) {
                String see = "see the recall by class, per-class.csv"
                        + (untrainedMiss ? ", and the fold warning at load (a model cannot predict a class its fold never trained on: "
                                + "fewer folds, or groups that each hold every class)" : "")
                        + (commonMiss ? (untrainedMiss ? "; " : ", ") + "and the confusion chart (confusion-N-NAME.png in the report): "
                                + "a class that is not rare in training, missed, is one the model has not yet told apart from "
                                + "what it was taken for: more epochs (--epochs), or a model that reads the part of the sequence "
                                + "that differs" : "")
                        + (rareMiss && !weighted ? (commonMiss ? "; for the rare classes, " : untrainedMiss ? "; for the other classes, "
                                : ", and ")
                                + "--class-weights balanced for rare classes" : "");
                out.add(a.configuration() + " never predicted class " + (cutTo == null ? String.join(", class ", missed)
                        : NamedList.join(missed, ", class ", cutTo))
                        + ": its recall there is 0, which accuracy hides (macro-F1 counts it); " + see);
            }
        }
        return out;
    }

    /**
     * A class is rare in training, for the hint of class weights, under this share of the largest class's sequences
     * ({@link org.rnnlab.evaluation.metrics.RareInTraining}, the rule train and evaluate apply too).
     */
    static final double RARE_SHARE = org.rnnlab.evaluation.metrics.RareInTraining.SHARE;

    /**
     * For a class {@code configuration} never predicted in some run, when it is not rare in training (at least
     * {@value #RARE_SHARE} of the largest class's training sequences, {@link MajorityBaseline#trainingCounts}): its count and
     * what its test examples were predicted as instead, from the confusion matrices summed over the configuration's runs,
     * e.g. {@code not rare in training (34 of 126 training sequences; the largest class 57): predicted as 'foraging' in 36 of
     * its 38 pooled test examples}. Class weights are then no cure (a trial's 'travel', 27% of training, differed from
     * 'foraging' only early in the dive, which 3 epochs had not learned). Empty for a rare class, and where the counts are
     * unknown (results written before they were recorded): the hint of class weights stays.
     */
    static Optional<String> notRare(ComparisonResult result, String configuration, String label) {
        List<Long> counts = result.baseline() == null ? null : result.baseline().trainingCounts();
        int c = result.labelNames().indexOf(label);
        if (counts == null || c < 0 || counts.size() != result.labelNames().size()) {
            return Optional.empty();
        }
        long largest = org.rnnlab.evaluation.metrics.RareInTraining.largest(counts);
        if (org.rnnlab.evaluation.metrics.RareInTraining.rare(counts, c)) {
            return Optional.empty();
        }
        long total = counts.stream().mapToLong(Long::longValue).sum();
        long[] predictedAs = new long[counts.size()];
        for (RunResult r : result.runsOf(configuration)) {
            long[][] m = r.test() == null ? null : r.test().confusion();
            if (m != null && c < m.length) {
                for (int j = 0; j < m[c].length && j < predictedAs.length; j++) {
                    predictedAs[j] += m[c][j];
                }
            }
        }
        long examples = java.util.Arrays.stream(predictedAs).sum();
        int most = -1;
        for (int j = 0; j < predictedAs.length; j++) {
            if (j != c && predictedAs[j] > 0 && (most < 0 || predictedAs[j] > predictedAs[most])) {
                most = j;
            }
        }
        String parts = result.config() != null && result.config().crossValidation() != null ? " (summed over the folds)" : "";
        String count = String.format(Locale.ROOT, "not rare in training (%d of %d training sequences%s; the largest class %d)",
                counts.get(c), total, parts, largest);
        return Optional.of(most < 0 ? count : String.format(Locale.ROOT, "%s: predicted as %s in %d of its %d pooled test examples",
                count, org.rnnlab.datasets.LabelCheck.quoted(result.labelNames().get(most)), predictedAs[most], examples));
    }

    /** Whether the comparison's runs trained with class weights ({@code --class-weights}, per fold or one set for all). */
    static boolean weighted(ComparisonResult result) {
        ComparisonConfig config = result.config();
        return config != null && (config.foldClassWeights() != null || config.base() != null && !config.base().classWeights().isEmpty());
    }

    /** The runs of {@code configuration} that never predicted {@code label} although their test data held it, in a fold without a training example of it. */
    private static int untrainedNeverPredicted(ComparisonResult result, String configuration, String label) {
        List<List<String>> untrained = result.foldUntrainedClasses();
        int c = result.labelNames().indexOf(label);
        if (untrained == null || c < 0) {
            return 0;
        }
        int n = 0;
        for (RunResult r : result.runsOf(configuration)) {
            if (r.fold() != null && r.fold() < untrained.size() && untrained.get(r.fold()).contains(label) && c < r.test().perClass().size()
                    && r.test().perClass().get(c).support() > 0 && r.test().neverPredicts(c)) {
                n++;
            }
        }
        return n;
    }

    /** A class weight at or above which {@link #weightSideEffects} looks at how often the class was predicted wrongly. */
    public static final double HEAVY_WEIGHT = org.rnnlab.evaluation.train.ClassWeights.HEAVY;
    /** The fewest wrong predictions of a heavily weighted class in a run that {@link #weightSideEffects} names. */
    static final long SIDE_EFFECT_PREDICTIONS = 5;

    /**
     * One warning per configuration of a comparison with class weights where, in some run, a class weighted {@value
     * #HEAVY_WEIGHT} or more was predicted for at least {@value #SIDE_EFFECT_PREDICTIONS} test examples of other classes and
     * more often wrongly than the run's test data held the class: the weight's side effect (a handwriting trial: 'x', weighted
     * about 38 from 3 training sequences, was predicted for 19 test sequences of other classes in a fold without an 'x').
     * Empty without class weights.
     */
    public static List<String> weightSideEffects(ComparisonResult result) {
        List<String> out = new ArrayList<>();
        if (!weighted(result)) {
            return out;
        }
        for (Aggregate a : result.aggregates()) {
            List<String> said = new ArrayList<>();
            List<RunResult> runs = result.runsOf(a.configuration());
            boolean seeds = runs.stream().map(RunResult::seed).distinct().count() > 1;
            for (RunResult r : runs) {
                List<Double> weights = result.config().withFoldWeights(result.config().base(), r.fold()).classWeights();
                long[][] m = r.test().confusion();
                for (int c = 0; c < weights.size() && c < m.length && c < result.labelNames().size(); c++) {
                    if (weights.get(c) < HEAVY_WEIGHT) {
                        continue;
                    }
                    long predicted = 0;
                    for (long[] row : m) {
                        predicted += c < row.length ? row[c] : 0;
                    }
                    long right = c < m[c].length ? m[c][c] : 0;
                    long support = java.util.Arrays.stream(m[c]).sum();
                    long wrong = predicted - right;
                    if (wrong >= SIDE_EFFECT_PREDICTIONS && wrong > support) {
                        said.add(String.format(Locale.ROOT, "%s (weight %.1f) predicted for %d test example%s of other classes%s, "
                                        + "against %d of its own there", org.rnnlab.datasets.LabelCheck.quoted(result.labelNames().get(c)),
                                weights.get(c), wrong, wrong == 1 ? "" : "s", whichRun(r, seeds), support));
                    }
                }
            }
            if (!said.isEmpty()) {
                out.add(a.configuration() + ": a heavily weighted class was predicted for many examples of other classes: "
                        + String.join("; ", said) + ". Each training sequence of such a class counts as that many ordinary ones, "
                        + "so the model calls other classes by it; a weights file (--class-weights FILE) with a lower weight for it "
                        + "trades some of its recall for the other classes' precision (per-class.csv: pooled_predicted)");
            }
        }
        return out;
    }

    /**
     * Which run of a configuration an entry of {@link #weightSideEffects} is from: its fold, and its seed when the
     * configuration ran more than one (a network-flow trial read the same class twice with 31 and 27 and no seed, as a
     * duplicated or contradictory message).
     */
    private static String whichRun(RunResult r, boolean seeds) {
        return (r.fold() == null ? "" : " in fold " + r.fold()) + (seeds ? " with seed " + r.seed() : "");
    }

    /**
     * One warning per configuration and class of more than one run whose pooled precision is under half its mean
     * precision over runs: the mean is lifted by runs that predicted the class seldom (see the class comment).
     */
    public static List<String> pooledBelowMean(ComparisonResult result) {
        List<String> out = new ArrayList<>();
        boolean several = result.aggregates().size() > 1;
        for (Row r : of(result)) {
            double mean = r.precision().mean();
            if (r.runs() > 1 && r.pooled().predicted() > 0 && r.pooled().precision() < mean / 2) {
                out.add(String.format(Locale.ROOT, "%sclass %s: precision %.3f as a mean over runs, %.3f pooled over them (%d of %d prediction%s right): "
                                + "a few runs with few predictions lift the mean (per-class.csv: pooled_precision)",
                        several ? r.configuration() + ": " : "", org.rnnlab.datasets.LabelCheck.quoted(r.label()), mean, r.pooled().precision(),
                        r.pooled().truePositives(), r.pooled().predicted(), r.pooled().predicted() == 1 ? "" : "s"));
            }
        }
        return out;
    }

    /**
     * One note per configuration whose test data held a class with fewer than {@link
     * org.rnnlab.evaluation.metrics.ScoreIntervals#FEW_SEQUENCES} examples in some run (evaluate's rule for its own caveat), with the
     * recall pooled over the runs and its Wilson 95% interval: a trial's rare blasts had 3-7 test windows per fold, and
     * compare, unlike evaluate, gave no word of how little its per-fold scores say. Empty when every class had more.
     *
     * <p>With several seeds every test sequence is counted once per seed, so the counts are summed over the seeds and the
     * interval is taken over the distinct sequences, as {@link ComparisonSummary#pooledAccuracy} does (a sequence's
     * predictions by the seeds are not independent trials: trial 77f's 61 'pre_swarm' days, 2 seeds, gave "92 of 122" and
     * an interval too narrow by about the square root of 2). Where the sequences come from groups (folds by group, or a test
     * split of a group column: {@link ComparisonSummary#groupCaveat}), the note says from how many groups the class's
     * sequences come and that the interval, which takes each as an independent example, is then too narrow.
     */
    public static List<String> fewSequences(ComparisonResult result) {
        List<String> out = new ArrayList<>();
        boolean several = result.aggregates().size() > 1;
        Optional<String> column = ComparisonSummary.groupCaveat(result).isPresent() ? Optional.of(ComparisonSummary.groupColumnWords(result))
                : Optional.empty();
        for (Aggregate a : result.aggregates()) {
            List<String> few = new ArrayList<>();
            List<RunResult> runs = result.runsOf(a.configuration());
            long seeds = runs.stream().map(RunResult::seed).distinct().count();
            for (Row r : of(result)) {
                if (!r.configuration().equals(a.configuration()) || r.fewestExamples() >= org.rnnlab.evaluation.metrics.ScoreIntervals.FEW_SEQUENCES
                        || r.pooled().examples() == 0) {
                    continue;
                }
                long examples = r.pooled().examples();
                // every test sequence once per seed (cross-validation's folds and a test split alike): the distinct ones
                boolean summed = seeds > 1 && examples % seeds == 0;
                long sequences = summed ? examples / seeds : examples;
                double[] w = org.rnnlab.evaluation.metrics.ScoreIntervals.wilson(r.pooled().truePositives() / (double) examples, sequences);
                String counts = summed
                        ? String.format(Locale.ROOT, "pooled %d of %d recalled (summed over %d seeds), 95%% interval over the %d sequences [%.2f, %.2f]",
                        r.pooled().truePositives(), examples, seeds, sequences, w[0], w[1])
                        : String.format(Locale.ROOT, "pooled %d of %d recalled, 95%% interval [%.2f, %.2f]", r.pooled().truePositives(),
                        examples, w[0], w[1]);
                String groups = column.map(c -> {
                    long g = groupsHolding(runs, result.labelNames().indexOf(r.label()));
                    return g > 0 ? String.format(Locale.ROOT, ", from %d %s of %s", g, g == 1 ? "group" : "groups", c) : ", from groups of " + c;
                }).orElse("");
                few.add(String.format(Locale.ROOT, "%s %s test example%s per run, %s%s",
                        org.rnnlab.datasets.LabelCheck.quoted(r.label()), r.fewestExamples() == r.mostExamples() ? Long.toString(r.fewestExamples())
                                : r.fewestExamples() + "-" + r.mostExamples(), r.mostExamples() == 1 ? "" : "s", counts, groups));
            }
            long tested = of(result).stream().filter(r -> r.configuration().equals(a.configuration()) && r.runs() > 0).count();
            if (!few.isEmpty()) {
                // 104 classes of 1-2 test sequences each made a note of 13 KB (trial 81c F4): one sentence when every class is
                // so, else the first ones and a count
                String named = few.size() == tested && NamedList.cut(few)
                        ? String.format(Locale.ROOT, "every one of the %d classes with test examples has %s per run (each one's pooled "
                        + "recall in per-class.csv)", few.size(), fewRange(result, a.configuration()))
                        : NamedList.join(few, "; ", "per-class.csv");
                out.add(String.format(Locale.ROOT, "%sfew sequences: %s; each run's precision, recall and F1 of %s rest on so few that "
                                + "one sequence moves them far (per-class.csv: their sd and min over runs, and the pooled columns)%s",
                        several ? a.configuration() + ": " : "", named, few.size() == 1 ? "this class" : "these classes",
                        column.isPresent() ? "; the interval takes each sequence as an independent example, but sequences of one group "
                                + "are alike, so it is too narrow, as the pooled accuracy's Wilson interval is" : ""));
            }
        }
        return out;
    }

    /** {@code 1-2 test examples} or {@code 1 test example}: the range of the fewest and most test examples of a configuration's tested classes per run. */
    private static String fewRange(ComparisonResult result, String configuration) {
        List<Row> rows = of(result).stream().filter(r -> r.configuration().equals(configuration) && r.runs() > 0).toList();
        long low = rows.stream().mapToLong(Row::fewestExamples).min().orElse(0);
        long high = rows.stream().mapToLong(Row::mostExamples).max().orElse(0);
        return NamedList.range(low, high) + " test example" + (high == 1 ? "" : "s");
    }

    /**
     * The distinct groups (of the runs' group scores, {@link RunResult#groups}) whose test sequences held class {@code c} in
     * some run; 0 where the runs record no group scores or no class counts.
     */
    private static long groupsHolding(List<RunResult> runs, int c) {
        if (c < 0) {
            return 0;
        }
        return runs.stream().filter(r -> r.groups() != null).flatMap(r -> r.groups().stream())
                .filter(g -> c < g.classCounts().length && g.classCounts()[c] > 0)
                .map(org.rnnlab.evaluation.metrics.GroupTable.Row::group).distinct().count();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
