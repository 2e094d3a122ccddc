package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * What a model that always predicts the most frequent class of its training data scores on the test data: the least a
 * trained configuration must beat. A user's try on fault data (90% ok) read {@code gru 0.8667 +- 0.0118} as good, and
 * 0.8667 was the share of the majority class in the test split. Measured on the same test examples as the runs: the
 * test split, or with {@code --cv} each fold's test part after training on that fold's training part, or with bands
 * each band; then the mean over those parts, as the runs' rows are means over them. Its macro-F1 is computed as the
 * runs' is ({@link Evaluator#fromConfusion}): the majority class's F1, every other class present at 0, over the classes
 * present in the test data (the majority class too is left out where the test data hold none of it). That is scikit-learn's
 * {@code f1_score(average='macro')} too, which the verdicts compare the runs' scikit-learn figure with ({@link
 * PresentOrPredicted}): the baseline predicts one class only, so either that class is present (nothing is predicted but
 * absent, and the two definitions agree) or it is absent, and then every class present has F1 0 and so do both means.
 *
 * <p>When several classes share the highest training count there is no most frequent class: the baseline then takes the
 * first of them in the classes' order (label text order unless {@code --set labelNames} gave one), and says so
 * ({@link #ties}), since another of them would score otherwise on the test data (a trial's three classes of 68 training
 * sequences each were reported as "always '-3' (the most frequent training class)").
 *
 * @param labels   the class always predicted (the most frequent training class, the first in the classes' order on a tie);
 *                 several when the folds or bands have different ones, in order of first appearance
 * @param accuracy test accuracy, mean over the parts
 * @param macroF1  test macro-F1, mean over the parts
 * @param parts    the test sets it was measured on: 1 (the test split), the folds, or the bands
 * @param ties     the parts whose most frequent training class was tied, in part order; empty when none was (and in results
 *                 written before ties were recorded)
 * @param sharesAccuracy the test accuracy, mean over the parts, of guessing each class at its share of the part's training
 *                 data (the sum over classes of training share times test share; 1/k for k classes of equal shares): with
 *                 folds that keep groups together and stratify the classes, each part's most frequent training class is the
 *                 one its test part holds fewer of, and the majority baseline falls below this (a trial's 4 classes of about
 *                 equal size: majority 0.15 against 0.25), so beating it says little; null in results written before it
 * @param trainingCounts the training sequences of each class, in the classes' order, summed over the parts: whether a class
 *                 a configuration never predicted is rare in training ({@link PerClassResults#neverPredicted}: a trial's
 *                 'travel', 34 of 126 training sequences, was told to try class weights for rare classes); null in results
 *                 written before it
 */
public record MajorityBaseline(List<String> labels, double accuracy, double macroF1, int parts, List<Tie> ties,
                               Double sharesAccuracy,
                               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                               List<Long> trainingCounts) {

    /** A baseline whose training counts are not recorded. */
    public MajorityBaseline(List<String> labels, double accuracy, double macroF1, int parts, List<Tie> ties,
                            Double sharesAccuracy) {
        this(labels, accuracy, macroF1, parts, ties, sharesAccuracy, null);
    }

    /**
     * Classes tied for the highest training count in one part.
     *
     * @param part      0-based part (fold or band; 0 for the test split)
     * @param classes   the tied classes, in the classes' order
     * @param sequences the training sequences each of them has
     * @param chosen    the class the baseline predicts there: the first of {@code classes}
     * @param classCount the classes of the data, so that "all N classes tied" can be said
     */
    public record Tie(int part, List<String> classes, int sequences, String chosen, int classCount) {
        public Tie {
            classes = List.copyOf(classes);
        }

        /** {@code all 3 classes tied at 68 training sequences} or {@code 'a', 'b' tied at 68 training sequences}. */
        public String describe() {
            return (classes.size() == classCount ? "all " + classCount + " classes"
                    : String.join(", ", classes.stream().map(l -> "'" + l + "'").toList())) + " tied at " + sequences
                    + " training sequences each";
        }
    }

    public MajorityBaseline {
        labels = List.copyOf(labels);
        ties = ties == null ? List.of() : List.copyOf(ties);
        trainingCounts = trainingCounts == null ? null : List.copyOf(trainingCounts);
    }

    /** A baseline without ties. */
    public MajorityBaseline(List<String> labels, double accuracy, double macroF1, int parts) {
        this(labels, accuracy, macroF1, parts, List.of());
    }

    /** A baseline without the class-share guess's accuracy. */
    public MajorityBaseline(List<String> labels, double accuracy, double macroF1, int parts, List<Tie> ties) {
        this(labels, accuracy, macroF1, parts, ties, null);
    }

    /**
     * The baseline of a comparison's data (the whole dataset, before folds or bands), or empty when it cannot be measured
     * (a band without test examples, no test data).
     */
    public static Optional<MajorityBaseline> of(ComparisonConfig config, SequenceDataset data) {
        return comparedParts(config, data).flatMap(parts -> of(data.labelNames(), parts));
    }

    /**
     * The train/test parts a comparison's runs are scored on, which both baselines are scored on too: each fold (its
     * training part without its validation carve, and its test part), each band, or the whole data; empty when one cannot
     * be cut (the runs' own checks name the problem, and the baselines are left out).
     */
    static Optional<List<SequenceDataset>> comparedParts(ComparisonConfig config, SequenceDataset data) {
        List<SequenceDataset> parts = new ArrayList<>();
        try {
            if (config.crossValidation() != null) {
                for (int f = 0; f < config.crossValidation().folds(); f++) {
                    parts.add(config.crossValidation().fold(data, f));
                }
            } else if (config.bands() != null) {
                for (int b = 0; b < config.bands().size(); b++) {
                    parts.add(config.bands().select(data, b));
                }
            } else {
                parts.add(data);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(parts);
    }

    /** The baseline over the given train/test parts, or empty when one has no training or no test example. */
    public static Optional<MajorityBaseline> of(List<String> labelNames, List<SequenceDataset> parts) {
        int k = labelNames.size();
        Set<String> labels = new LinkedHashSet<>();
        List<Tie> ties = new ArrayList<>();
        double accuracy = 0;
        double macroF1 = 0;
        double shares = 0;
        long[] trainingCounts = new long[k];
        for (int p = 0; p < parts.size(); p++) {
            SequenceDataset part = parts.get(p);
            int[] train = part.split(Split.TRAIN).classCounts(k);
            for (int c = 0; c < k; c++) {
                trainingCounts[c] += train[c];
            }
            int[] test = part.split(Split.TEST).classCounts(k);
            int majority = 0;
            for (int c = 1; c < k; c++) {
                if (train[c] > train[majority]) {
                    majority = c;
                }
            }
            if (train[majority] == 0 || java.util.Arrays.stream(test).sum() == 0) {
                return Optional.empty();
            }
            double trainTotal = java.util.Arrays.stream(train).sum();
            double testTotal = java.util.Arrays.stream(test).sum();
            for (int c = 0; c < k; c++) {
                shares += train[c] / trainTotal * (test[c] / testTotal);
            }
            List<String> tied = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                if (train[c] == train[majority]) {
                    tied.add(labelNames.get(c));
                }
            }
            if (tied.size() > 1) {
                ties.add(new Tie(p, tied, train[majority], labelNames.get(majority), k));
            }
            long[][] confusion = new long[k][k];
            for (int c = 0; c < k; c++) {
                confusion[c][majority] = test[c];
            }
            var scored = Evaluator.fromConfusion(labelNames, confusion, List.of(), 0);
            labels.add(labelNames.get(majority));
            accuracy += scored.metric(Metric.ACCURACY);
            macroF1 += scored.metric(Metric.MACRO_F1);
        }
        return parts.isEmpty() ? Optional.empty()
                : Optional.of(new MajorityBaseline(List.copyOf(labels), accuracy / parts.size(), macroF1 / parts.size(), parts.size(),
                ties, shares / parts.size(), java.util.Arrays.stream(trainingCounts).boxed().toList()));
    }

    /**
     * The configurations whose mean test accuracy is not above the baseline's, in the order of the aggregates: they learned
     * nothing accuracy can show (they may still find some of the rare classes: their macro-F1 says).
     */
    public static List<String> notAbove(ComparisonResult result) {
        MajorityBaseline b = result.baseline();
        if (b == null) {
            return List.of();
        }
        return notAboveAccuracy(result, b.accuracy());
    }

    /**
     * The configurations whose mean test accuracy is not above {@code accuracy} (a baseline's), in the order of the
     * aggregates; rounded as printed: 0.86666 against 0.86667 is "the same" to a reader of 4 digits.
     */
    static List<String> notAboveAccuracy(ComparisonResult result, double accuracy) {
        return result.aggregates().stream().filter(a -> round4(a.mean(Metric.ACCURACY)) <= round4(accuracy))
                .map(Aggregate::configuration).toList();
    }

    static double round4(double v) { // as printed, 4 digits; SummaryBaseline compares the same way
        return Math.round(v * 10_000) / 10_000.0;
    }

    /**
     * One line, e.g. {@code always 'ok' (the most frequent training class): test accuracy 0.8667, macro-F1 0.3095}; on a tie
     * {@code always '-3' (no class is the most frequent in training: all 3 classes tied at 68 training sequences each; it
     * takes '-3', the first in the classes' order, and another of them would score differently on the test data): ...}.
     */
    public String describe() {
        String which;
        if (ties.isEmpty()) {
            which = labels.size() > 1 ? " (the most frequent training class of each part)" : " (the most frequent training class)";
        } else if (parts == 1) {
            Tie t = ties.get(0);
            which = " (no class is the most frequent in training: " + t.describe() + "; it takes '" + t.chosen() + "', the first "
                    + "in the classes' order, and another of them would score differently on the test data)";
        } else {
            which = " (the most frequent training class of each part; tied in " + ties.size() + " of the " + parts + " parts, e.g. "
                    + "part " + (ties.get(0).part() + 1) + ": " + ties.get(0).describe() + ", where it takes the first in the "
                    + "classes' order, '" + ties.get(0).chosen() + "'; another would score differently on the test data)";
        }
        return "always " + String.join(" / ", labels.stream().map(l -> "'" + l + "'").toList()) + which
                + String.format(Locale.ROOT, ": test accuracy %.4f, macro-F1 %.4f", accuracy, macroF1)
                + (parts > 1 ? " (mean over " + parts + " test parts)" : "") + belowShares();
    }

    /**
     * What {@link #describe} adds when this baseline's accuracy is below guessing by the class shares (as printed, 4
     * decimals), else nothing: {@code ; below guessing each class at its training share (0.2500): ...}.
     */
    String belowShares() {
        if (sharesAccuracy == null || round4(accuracy) >= round4(sharesAccuracy)) {
            return "";
        }
        return String.format(Locale.ROOT, "; below guessing each class at its training share (test accuracy %.4f)%s, a bar to "
                + "read the scores against too", sharesAccuracy, parts > 1 ? ": in each part the most frequent training class "
                + "is one its test part holds fewer of (class shares that differ between a part's training and test data do "
                + "that: folds of whole groups, or shares that change over time under walk-forward folds)" : "");
    }

    /**
     * The note of one run's test scores against this baseline, or empty when both are above it: {@code train} printed the
     * baseline's line and no verdict, and a trial's run of test accuracy 0.1429, macro-F1 0.1059 under always 'none''s
     * 0.6000, 0.1875 (cumulative register readings mixed into a kW feature) was left for the reader to catch; compare
     * marks such a configuration ({@link #warning}), evaluate says there is no evidence it beats the baseline. Compared
     * rounded to the 4 digits printed, as {@link #notAbove}. Accuracy alone not above it is read as compare reads it
     * (class weights trade accuracy for the rare classes' recall: macro-F1 is the score to read then); macro-F1 alone
     * not above it says the other classes are found no better than by the baseline, which finds none of them.
     *
     * @param accuracy the run's test accuracy
     * @param macroF1  the run's test macro-F1
     * @param weighted whether the run was trained with class weights
     */
    public Optional<String> notAbove(double accuracy, double macroF1, boolean weighted) {
        return notAbove(accuracy, macroF1, null, weighted);
    }

    /**
     * {@link #notAbove(double, double, boolean)} for a run that predicted some class its test data hold none of: its macro-F1
     * over the classes present leaves those predictions out, and {@code presentOrPredicted}, the macro-F1 counting such a
     * class at F1 0 as scikit-learn's {@code f1_score(average='macro')} does ({@link
     * org.rnnlab.evaluation.metrics.EvaluationResult#macroF1PresentOrPredicted}), is lower: the verdict takes the lower, and
     * says so (a wind-farm trial's 0.3397 read as beating the baseline's 0.3266, where scikit-learn said 0.2548: 26 false
     * alarms of a fault absent from the test period counted for nothing).
     *
     * @param presentOrPredicted the scikit-learn figure, or null when no class is predicted but absent
     */
    public Optional<String> notAbove(double accuracy, double macroF1, Double presentOrPredicted, boolean weighted) {
        double judged = presentOrPredicted == null ? macroF1 : Math.min(macroF1, presentOrPredicted);
        boolean a = round4(accuracy) <= round4(this.accuracy);
        boolean f = round4(judged) <= round4(this.macroF1);
        String always = "always " + String.join(" / ", labels.stream().map(l -> "'" + l + "'").toList());
        String f1 = f1Words(macroF1, presentOrPredicted);
        if (a && f) {
            return Optional.of(String.format(Locale.ROOT, "test accuracy %.4f and macro-F1 %s are not above the baseline's %.4f "
                    + "and %.4f: no evidence that this model learned anything %s does not do; read the data warnings, then "
                    + "train it otherwise (cells, sizes, epochs) or on other features", accuracy, f1, this.accuracy,
                    this.macroF1, always));
        }
        if (a) {
            return Optional.of(String.format(Locale.ROOT, "test accuracy %.4f is not above the baseline's %.4f, that of %s: its "
                    + "accuracy shows nothing learned; macro-F1 (%s against the baseline's %.4f) says whether the other classes "
                    + "are found%s", accuracy, this.accuracy, always, f1, this.macroF1, weighted ? "; trained with class "
                    + "weights, which trade accuracy for the rare classes' recall, macro-F1 is the score to read" : ""));
        }
        if (f) {
            return Optional.of(String.format(Locale.ROOT, "test macro-F1 %s is not above the baseline's %.4f, that of %s, which "
                    + "finds none of the other classes: they are found no better than that, whatever the accuracy (%.4f against "
                    + "%.4f)", f1, this.macroF1, always, accuracy, this.accuracy));
        }
        return Optional.empty();
    }

    /**
     * A macro-F1 as a verdict names it: {@code 0.4100}, or with a class predicted but absent the lower, scikit-learn figure
     * first and what it is, e.g. {@code 0.2548 (counting the class(es) predicted here but absent, F1 0 each, as scikit-learn's
     * f1_score(average='macro') does; 0.3397 over the classes present, which leaves those predictions out: the verdict
     * takes the lower)}.
     */
    static String f1Words(double macroF1, Double presentOrPredicted) {
        if (presentOrPredicted == null) {
            return String.format(Locale.ROOT, "%.4f", macroF1);
        }
        return String.format(Locale.ROOT, "%.4f (counting the class(es) predicted here but absent, F1 0 each, as scikit-learn's "
                + "f1_score(average='macro') does; %.4f over the classes present, which leaves those predictions out: the verdict "
                + "takes the lower)", Math.min(macroF1, presentOrPredicted), macroF1);
    }

    /** Sequences longer than this many steps (the median) are "long" to {@link #longSequenceHint}. */
    public static final int LONG_STEPS = 100;

    /**
     * The hint that follows a verdict of nothing learned when the sequences are long and the head reads the last step only: a
     * fermentation trial's 240-336 hourly steps gave every configuration of the default {@code --head last} at or below the
     * baseline (gru 0.4722 under 0.5972), where {@code --head max} gave 0.8750, and nothing pointed there. Empty when the
     * median sequence is at most {@link #LONG_STEPS} steps or the head pools over the steps.
     *
     * @param medianSteps the median number of steps of the data's sequences
     * @param head        the head trained
     * @param tuned       whether a tuning chose the configurations (it searches the head and refuses --head: the heads to try
     *                    go in its --space file)
     */
    public static Optional<String> longSequenceHint(int medianSteps, org.rnnlab.core.SequenceHead head, boolean tuned) {
        if (medianSteps <= LONG_STEPS || head == null || !head.readsLastStep()) {
            return Optional.empty();
        }
        return Optional.of("the sequences are long (median " + medianSteps + " steps, over " + LONG_STEPS + ") and the " + head.id()
                + " head reads the last step only: what happened earlier in a sequence reaches it only through the cell's "
                + "state; an event somewhere in a long run is found better pooled over every step: " + (tuned
                // --tune refuses --head (trial 81f F6: the advice under --tune was an option it refuses)
                ? "add \"head\": [\"max\", \"mean\", \"attention\"] to the --space file (--tune refuses --head: it tunes the head)"
                : "try --head max (or mean, or attention), or --tune, which searches the head too"));
    }

    /**
     * The warning {@code train} gives before it trains when the sequences are long (the median over {@link #LONG_STEPS}
     * steps, {@link #longSequenceHint}'s rule) and the head reads the last step only: how far back such a model reads, and
     * the head that reads every step. A trial's 16-unit GRU on engine logs of 2,000-8,900 steps gave the same probabilities
     * to 6 decimals from the last 100 of a 20,000-step recording as from all of it, and a fault burst 500 or 8,500 steps
     * into a 9,000-step one changed nothing; a vanilla RNN moved only for a burst ending 40 steps before the end, where
     * {@code --head max} found the burst wherever it was. {@link #longSequenceHint} said "try --head max" only after
     * training, and only when the test scores were at or below the baseline. It is said from the length alone, so it names
     * what does reach the last step and points to comparing the heads rather than to one: a beekeeping trial's swarm burst
     * left a weight drop and a running count's total to the end of the day, and cross-validation by hive found the last
     * head better (macro-F1 0.93 against 0.75-0.79), while the warning said "train with --head max". Empty when the hint's
     * rule is not met.
     *
     * @param medianSteps   the median number of steps of the data's sequences ({@link #medianSteps})
     * @param head          the head to be trained
     * @param bidirectional whether the recurrent layers read both ways (the last head then reads each direction's end)
     */
    public static Optional<String> lastHeadWarning(int medianSteps, org.rnnlab.core.SequenceHead head, boolean bidirectional) {
        if (medianSteps <= LONG_STEPS || head == null || !head.readsLastStep()) {
            return Optional.empty();
        }
        boolean ends = bidirectional && head == org.rnnlab.core.SequenceHead.LAST;
        return Optional.of("the sequences are long (median " + medianSteps + " steps, over " + LONG_STEPS + ") and the " + head.id()
                + " head reads " + (ends ? "each direction's last step only (the last step forwards, the first backwards): "
                + "what happened in between" : "the last step only: what happened earlier") + " reaches the answer only through "
                + "the cell's state, which in a small GRU or LSTM typically carries back tens to hundreds of steps and in a vanilla "
                + "RNN fewer, so an event thousands of steps " + (ends ? "from both ends" : "before the end") + " cannot reach "
                + "the answer (a trial's 16-unit GRU gave the same probabilities to 6 decimals from the last 100 steps of a "
                + "20,000-step recording as from all of it); --head max (or mean) pools every step, so an event anywhere in the "
                + "sequence counts. This is said from the length alone: an event that leaves a lasting trace, a level shift or a "
                + "running count that keeps its total to the end, does reach the last step; to see which head reads these data "
                + "better, run the same compare with --head last and with --head max (with --cv K for a steadier verdict) and "
                + "keep the better");
    }

    /**
     * {@link #longSequenceHint(int, org.rnnlab.core.SequenceHead, boolean)} after a comparison in which every configuration is
     * at or below a baseline: this one ({@link #notAbove(ComparisonResult)}) or the summary-feature one
     * ({@link SummaryBaseline#notAbove(ComparisonResult)}), either for each; empty when some configuration is above both. A
     * music trial's 305-step pieces left lstm at 0.3000 and gru at 0.5417 under the summary-feature baseline's 1.0000, only
     * gru at or below the majority's 0.5000, and compare said nothing of the head (trial 79k F3).
     *
     * @param data the data compared on (null: no hint)
     */
    public static Optional<String> longSequenceHint(ComparisonResult result, SequenceDataset data) {
        java.util.Set<String> below = new java.util.HashSet<>(notAbove(result));
        below.addAll(SummaryBaseline.notAbove(result));
        if (below.isEmpty() || below.size() < result.aggregates().size() || result.config() == null
                || result.config().base() == null || data == null) {
            return Optional.empty();
        }
        return longSequenceHint(medianSteps(data), result.config().base().head(), result.tuning() != null);
    }

    /** The median number of steps of a dataset's sequences, over all its splits (0 when it has none). */
    public static int medianSteps(SequenceDataset data) {
        List<Integer> lengths = new ArrayList<>();
        for (Split s : Split.values()) {
            data.split(s).examples().forEach(e -> lengths.add(e.length()));
        }
        if (lengths.isEmpty()) {
            return 0;
        }
        java.util.Collections.sort(lengths);
        int n = lengths.size();
        return n % 2 == 1 ? lengths.get(n / 2) : (lengths.get(n / 2 - 1) + lengths.get(n / 2)) / 2;
    }

    /** The warning for {@link #notAbove} configurations, or empty when there are none. */
    public static Optional<String> warning(ComparisonResult result) {
        List<String> below = notAbove(result);
        if (below.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", below) + (below.size() == 1 ? " has" : " have") + " a mean test accuracy not above "
                + String.format(Locale.ROOT, "%.4f", result.baseline().accuracy()) + ", that of always predicting the most frequent "
                + "training class" + (result.baseline().ties().isEmpty() ? "" : " (of the classes tied for it, the first in the "
                + "classes' order)") + ": " + (below.size() == 1 ? "its" : "their") + " accuracy shows nothing learned; macro-F1 "
                + "(the baseline's is " + String.format(Locale.ROOT, "%.4f", result.baseline().macroF1()) + ") says whether the "
                + "other classes are found" + (result.config().base() != null && !result.config().base().classWeights().isEmpty()
                ? "; trained with class weights, which trade accuracy for the rare classes' recall, macro-F1 is the score to read"
                : ""));
    }
}
