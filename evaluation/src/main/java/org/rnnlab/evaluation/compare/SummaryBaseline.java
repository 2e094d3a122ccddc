package org.rnnlab.evaluation.compare;

import static org.rnnlab.evaluation.compare.MajorityBaseline.round4;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * The second baseline beside the {@link MajorityBaseline}: a logistic regression on each sequence's mean and standard
 * deviation of each feature ({@link SummaryFeatures}), fitted on the training split only and scored on the same test
 * (and validation) sequences as the model. It sees no order of the steps, so a sequence model not above it has not shown
 * that it learned anything a sequence model is needed for. A trial (79a F3) read a GRU's 0.6167 test accuracy against
 * the majority baseline's 0.3667 as a clear win, where such a regression scored 0.7167 on the same split (this one 0.7000).
 *
 * <p>Measured as the majority baseline is: on the test split, or with {@code --cv} on each fold's test part after
 * fitting on that fold's training part (without its validation carve), or with bands on each band; then the mean over
 * those parts. Its macro-F1 is computed as the model's is ({@link Evaluator#fromConfusion}, over the classes present), and
 * as scikit-learn's {@code f1_score(average='macro')} computes it ({@code macroF1PresentOrPredicted}, lower where the
 * regression predicted a class a test part holds none of): the verdicts compare that figure on both sides, the run's and
 * this baseline's ({@link #judgedMacroF1}, {@link PresentOrPredicted}).
 * Only for data of numeric features per step (CSV, sensor data): for text (token ids) it does not apply, and none is
 * measured.
 *
 * @param features           the features per step (the regression reads twice as many summaries)
 * @param accuracy           test accuracy, mean over the parts
 * @param macroF1            test macro-F1, mean over the parts
 * @param validationAccuracy validation accuracy, mean over the parts; null when a part has no validation data
 * @param validationMacroF1  validation macro-F1, likewise
 * @param parts              the test sets it was measured on: 1 (the test split), the folds, or the bands
 * @param macroF1PresentOrPredicted test macro-F1 as scikit-learn's {@code f1_score(average='macro')} computes it (a class
 *                           predicted but absent from a test part at F1 0), mean over the parts; equal to {@code macroF1}
 *                           where the regression predicted no such class; null in results written before it was recorded
 *                           (then taken as {@code macroF1})
 */
public record SummaryBaseline(int features, double accuracy, double macroF1,
                              @JsonInclude(JsonInclude.Include.ALWAYS) Double validationAccuracy,
                              @JsonInclude(JsonInclude.Include.ALWAYS) Double validationMacroF1, int parts,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Double macroF1PresentOrPredicted) {

    /** A baseline without its scikit-learn macro-F1 (as results written before it was recorded): taken as {@code macroF1}. */
    public SummaryBaseline(int features, double accuracy, double macroF1, Double validationAccuracy, Double validationMacroF1,
                           int parts) {
        this(features, accuracy, macroF1, validationAccuracy, validationMacroF1, parts, null);
    }

    /**
     * The test macro-F1 the verdicts compare: scikit-learn's ({@code macroF1PresentOrPredicted}), as the runs' figure they
     * are compared with ({@link PresentOrPredicted#of}); {@code macroF1} in results written before it was recorded.
     */
    public double judgedMacroF1() {
        return macroF1PresentOrPredicted == null ? macroF1 : macroF1PresentOrPredicted;
    }

    /** Whether the regression predicted a class some test part holds none of, so that its two macro-F1 figures differ. */
    public boolean differs() {
        return macroF1PresentOrPredicted != null && round4(macroF1PresentOrPredicted) != round4(macroF1);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SummaryBaseline.class);

    /** What the regression reads, in words, for the lines that print it. */
    public static final String WHAT = "logistic regression on each sequence's mean and sd of each feature";

    /**
     * The baseline of a comparison's data (its test split, each fold or each band, as {@link MajorityBaseline#of(
     * ComparisonConfig, SequenceDataset)} takes them), or empty when it does not apply (text) or cannot be measured.
     */
    public static Optional<SummaryBaseline> of(ComparisonConfig config, SequenceDataset data) {
        if (data.input().kind() != InputDescription.Kind.DENSE) {
            return Optional.empty();
        }
        return MajorityBaseline.comparedParts(config, data).flatMap(parts -> of(data.labelNames(), parts));
    }

    /**
     * The baseline over the given train/test parts, or empty when the data are not numeric features per step (text) or a
     * part has no training or no test sequence.
     */
    public static Optional<SummaryBaseline> of(List<String> labelNames, List<SequenceDataset> parts) {
        if (parts.isEmpty() || parts.stream().anyMatch(p -> p.input().kind() != InputDescription.Kind.DENSE)) {
            return Optional.empty();
        }
        try {
            return measure(labelNames, parts);
        } catch (RuntimeException e) { // a bar to read the scores against: its failure must not cost the trained model
            LOG.warn("the summary-feature baseline could not be measured ({}): left out", String.valueOf(e.getMessage()));
            return Optional.empty();
        }
    }

    private static Optional<SummaryBaseline> measure(List<String> labelNames, List<SequenceDataset> parts) {
        return measure(labelNames, parts, null);
    }

    /**
     * The baseline of a training run's data (its one test split) with the regression fitted, as the model card keeps it
     * ({@link org.rnnlab.training.SummaryBaselineModel}), or empty where {@link #of(List, List)} gives none (text, no test
     * data, a failure, which is logged).
     */
    public static Optional<Fitted> fitted(SequenceDataset data) {
        if (data.input().kind() != InputDescription.Kind.DENSE) {
            return Optional.empty();
        }
        SummaryFeatures[] model = new SummaryFeatures[1];
        Optional<SummaryBaseline> measured;
        try {
            measured = measure(data.labelNames(), List.of(data), model);
        } catch (RuntimeException e) { // as of(): a bar to read the scores against, whose failure must not cost the trained model
            LOG.warn("the summary-feature baseline could not be measured ({}): left out", String.valueOf(e.getMessage()));
            return Optional.empty();
        }
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        // measured, so train prints it and results.json records it even when the regression cannot be kept as card data
        // (review 80a R4: a failure here cost the baseline's line and record too)
        try {
            return Optional.of(new Fitted(measured.get(), model[0].stored(data.input().featureNames(), data.labelNames(),
                    measured.get(), data.split(Split.TEST).size())));
        } catch (RuntimeException e) {
            LOG.warn("the summary-feature baseline was measured but is not stored in the model file ({}): evaluate will not "
                    + "score it", String.valueOf(e.getMessage()));
            return Optional.of(new Fitted(measured.get(), null));
        }
    }

    /**
     * A run's baseline and its regression as stored.
     *
     * @param baseline its scores, as results.json's {@code summaryBaseline}
     * @param stored   the regression and those scores, as the model card's {@code summaryBaseline}; null when it was
     *                 measured but could not be kept as card data (the failure is logged)
     */
    public record Fitted(SummaryBaseline baseline, org.rnnlab.training.SummaryBaselineModel stored) {
    }

    /**
     * {@link #measure(List, List)}, the regression of the one part written into {@code fitted[0]} when given (the last part's
     * where there are several).
     */
    private static Optional<SummaryBaseline> measure(List<String> labelNames, List<SequenceDataset> parts, SummaryFeatures[] fitted) {
        double accuracy = 0;
        double macroF1 = 0;
        double presentOrPredicted = 0;
        double validationAccuracy = 0;
        double validationMacroF1 = 0;
        boolean validated = true;
        for (SequenceDataset part : parts) {
            List<Sequence> train = part.split(Split.TRAIN).examples();
            List<Sequence> test = part.split(Split.TEST).examples();
            if (train.isEmpty() || test.isEmpty()) {
                return Optional.empty();
            }
            SummaryFeatures model = SummaryFeatures.fit(train, labelNames.size());
            if (fitted != null) {
                fitted[0] = model;
            }
            double[] scored = score(labelNames, model, test);
            accuracy += scored[0];
            macroF1 += scored[1];
            presentOrPredicted += scored[2];
            List<Sequence> validation = part.split(Split.VALIDATION).examples();
            if (validation.isEmpty()) {
                validated = false;
            } else {
                double[] v = score(labelNames, model, validation);
                validationAccuracy += v[0];
                validationMacroF1 += v[1];
            }
        }
        int n = parts.size();
        return Optional.of(new SummaryBaseline(parts.get(0).input().featureCount(), accuracy / n, macroF1 / n,
                validated ? validationAccuracy / n : null, validated ? validationMacroF1 / n : null, n, presentOrPredicted / n));
    }

    /**
     * Accuracy, macro-F1 and scikit-learn's macro-F1 of the model's classes for {@code sequences}, computed as the runs' are
     * ({@link PresentOrPredicted#of}).
     */
    private static double[] score(List<String> labelNames, SummaryFeatures model, List<Sequence> sequences) {
        int k = labelNames.size();
        long[][] confusion = new long[k][k];
        int[] predicted = model.predict(sequences);
        for (int i = 0; i < predicted.length; i++) {
            confusion[sequences.get(i).label()][predicted[i]]++;
        }
        var result = Evaluator.fromConfusion(labelNames, confusion, List.of(), 0);
        Double withPredicted = result.macroF1PresentOrPredicted();
        return new double[] {result.metric(Metric.ACCURACY), result.metric(Metric.MACRO_F1),
                withPredicted == null ? result.metric(Metric.MACRO_F1) : withPredicted};
    }

    /**
     * One line, e.g. {@code logistic regression on each sequence's mean and sd of each feature (16 summaries of 8 features,
     * no step order; fitted on the training split): test accuracy 0.7000, macro-F1 0.6400 (validation 0.5833, 0.4447)}
     * (trial 79a's data and split).
     */
    public String describe() {
        return WHAT + " (" + 2 * features + " summaries of " + features + " feature" + (features == 1 ? "" : "s") + ", no step "
                + "order; fitted on " + (parts > 1 ? "each part's training data" : "the training split") + ")"
                + String.format(Locale.ROOT, ": test accuracy %.4f, macro-F1 %.4f", accuracy, macroF1)
                + (differs() ? String.format(Locale.ROOT, " (%s; it predicted a class %s holds none of)",
                org.rnnlab.evaluation.metrics.EvaluationResult.presentOrPredictedWords(macroF1PresentOrPredicted),
                parts > 1 ? "a test part" : "the test split") : "")
                + (validationAccuracy == null ? "" : String.format(Locale.ROOT, " (validation %.4f, %.4f)", validationAccuracy,
                validationMacroF1))
                + (parts > 1 ? " (mean over " + parts + " test parts)" : "");
    }

    /**
     * The note of one run's (or configuration's mean) test scores against this baseline, or empty when both are above it
     * (rounded to the 4 digits printed, as the majority baseline's verdicts): {@code (test accuracy 0.6167 and macro-F1
     * 0.5220 are not above the summary-feature baseline's 0.7000 and 0.6400: no evidence that the model uses the order of
     * the steps beyond what each feature's mean and sd give)}.
     */
    public Optional<String> notAbove(double accuracy, double macroF1) {
        return notAbove(accuracy, macroF1, 0);
    }

    /**
     * {@link #notAbove(double, double)} for a model tested on {@code testSequences} sequences of the one test split: where the
     * 95% Wilson intervals of its test accuracy and this baseline's over those sequences do not overlap, the note says the
     * model is far below and has not learned even what the summaries give, instead of no evidence of order and that a small
     * difference is not reliable (trial 79j F5: a GRU's 0.4000 against this baseline's 0.9667 over 90 test sequences,
     * intervals [0.30, 0.50] and [0.91, 0.99], was called "a small difference either way"). 0 sequences: not known.
     */
    public Optional<String> notAbove(double accuracy, double macroF1, long testSequences) {
        return notAbove(accuracy, macroF1, null, testSequences);
    }

    /**
     * {@link #notAbove(double, double, long)} with the run's scikit-learn macro-F1 ({@code presentOrPredicted}, null where it
     * predicted no class its test data hold none of): the verdict compares it with this baseline's scikit-learn figure
     * ({@link #judgedMacroF1}), like with like, and where either differs from rnnlab's figure says which macro-F1 it is
     * ({@link PresentOrPredicted#LABEL}).
     */
    public Optional<String> notAbove(double accuracy, double macroF1, Double presentOrPredicted, long testSequences) {
        double judged = presentOrPredicted == null ? macroF1 : presentOrPredicted;
        boolean a = round4(accuracy) <= round4(this.accuracy);
        boolean f = round4(judged) <= round4(judgedMacroF1());
        if (!a && !f) {
            return Optional.empty();
        }
        String name = differs() || presentOrPredicted != null && round4(presentOrPredicted) != round4(macroF1)
                ? PresentOrPredicted.LABEL : "macro-F1";
        String scores = a && f ? String.format(Locale.ROOT, "test accuracy %.4f and %s %.4f are not above the summary-feature "
                + "baseline's %.4f and %.4f", accuracy, name, judged, this.accuracy, judgedMacroF1())
                : a ? String.format(Locale.ROOT, "test accuracy %.4f is not above the summary-feature baseline's %.4f", accuracy,
                this.accuracy)
                : String.format(Locale.ROOT, "test %s %.4f is not above the summary-feature baseline's %.4f", name, judged,
                judgedMacroF1());
        if (parts == 1 && testSequences > 0 && farBelow(accuracy, testSequences)) {
            return Optional.of(scores + String.format(Locale.ROOT, ": far below it (95%% intervals over the %d test sequences do not "
                    + "overlap): the network has not learned even what each feature's mean and sd give; train longer, or check the "
                    + "model's settings and the data", testSequences));
        }
        return Optional.of(scores + ": no evidence that the model uses the order of the steps beyond what each feature's mean "
                + "and sd give" + (parts == 1 ? "; with few test sequences a small difference either way is not reliable" : ""));
    }

    /** Whether the Wilson 95% interval of {@code accuracy} over n sequences lies wholly below this baseline's over the same n. */
    private boolean farBelow(double accuracy, long n) {
        double[] model = org.rnnlab.evaluation.metrics.ScoreIntervals.wilson(accuracy, n);
        double[] baseline = org.rnnlab.evaluation.metrics.ScoreIntervals.wilson(this.accuracy, n);
        return model[1] < baseline[0];
    }

    /**
     * The note under compare's table (and in summary.md) naming the configurations whose mean test accuracy or macro-F1 is
     * not above this baseline's, or empty when none is (or the result has no such baseline): {@code gru's mean test
     * accuracy and macro-F1 (0.5925, 0.4715) are not above the summary-feature baseline's (0.6600, 0.5615): no evidence
     * that it uses the order of the steps beyond what each feature's mean and sd give}; with several, the baseline first and
     * then each of them: {@code mean test scores not above the summary-feature baseline's accuracy and macro-F1 (0.9667,
     * 0.9662): rnn's accuracy and macro-F1 (0.4944, 0.4796), gru's macro-F1 (0.9601): no evidence that they use ...}.
     */
    public static Optional<String> warning(ComparisonResult result) {
        SummaryBaseline b = result.summaryBaseline();
        if (b == null) {
            return Optional.empty();
        }
        List<String> below = new ArrayList<>();
        List<String> named = new ArrayList<>();
        // the macro-F1 compared: scikit-learn's on both sides, named so where it differs from the table's (PresentOrPredicted)
        String f1Name = PresentOrPredicted.label(result);
        for (Aggregate a : result.aggregates()) {
            double f1Mean = PresentOrPredicted.judged(result, a.configuration());
            boolean acc = round4(a.mean(Metric.ACCURACY)) <= round4(b.accuracy());
            boolean f1 = round4(f1Mean) <= round4(b.judgedMacroF1());
            if (acc || f1) {
                below.add(acc && f1 ? String.format(Locale.ROOT, "%s's mean test accuracy and %s (%.4f, %.4f) are",
                        a.configuration(), f1Name, a.mean(Metric.ACCURACY), f1Mean)
                        : acc ? String.format(Locale.ROOT, "%s's mean test accuracy (%.4f) is", a.configuration(), a.mean(Metric.ACCURACY))
                        : String.format(Locale.ROOT, "%s's mean test %s (%.4f) is", a.configuration(), f1Name, f1Mean));
                named.add(acc && f1 ? String.format(Locale.ROOT, "%s's accuracy and macro-F1 (%.4f, %.4f)", a.configuration(),
                        a.mean(Metric.ACCURACY), f1Mean)
                        : acc ? String.format(Locale.ROOT, "%s's accuracy (%.4f)", a.configuration(), a.mean(Metric.ACCURACY))
                        : String.format(Locale.ROOT, "%s's macro-F1 (%.4f)", a.configuration(), f1Mean));
            }
        }
        if (below.isEmpty()) {
            return Optional.empty();
        }
        String tail = "the order of the steps beyond what each feature's mean and sd give";
        if (below.size() == 1) {
            return Optional.of(below.get(0) + String.format(Locale.ROOT, " not above the summary-feature baseline's "
                    + "(%.4f, %.4f): no evidence that it uses ", b.accuracy(), b.judgedMacroF1()) + tail);
        }
        // one clause per configuration before a single "not above" read as "X are; Y are; Z are not" (trial 79j F2): the
        // baseline first, then the list of those not above it
        return Optional.of(String.format(Locale.ROOT, "mean test scores not above the summary-feature baseline's accuracy and "
                + "%s (%.4f, %.4f): ", f1Name, b.accuracy(), b.judgedMacroF1()) + String.join(", ", named) + ": no evidence that they use "
                + tail);
    }

    /**
     * The configurations whose mean test accuracy or macro-F1 is not above the baseline's (rounded to the 4 digits printed),
     * those {@link #warning} names, in the order of the aggregates; empty without a summary-feature baseline. For
     * {@link MajorityBaseline#longSequenceHint(ComparisonResult, org.rnnlab.datasets.SequenceDataset)}.
     */
    public static List<String> notAbove(ComparisonResult result) {
        SummaryBaseline b = result.summaryBaseline();
        if (b == null) {
            return List.of();
        }
        return result.aggregates().stream().filter(a -> round4(a.mean(Metric.ACCURACY)) <= round4(b.accuracy())
                || round4(PresentOrPredicted.judged(result, a.configuration())) <= round4(b.judgedMacroF1()))
                .map(Aggregate::configuration).toList();
    }

    /**
     * The configurations whose mean test accuracy is not above the baseline's (rounded to the 4 digits printed), in the order
     * of the aggregates; empty without a summary-feature baseline. For the accuracy chart, which draws it as a line.
     */
    public static List<String> notAboveAccuracy(ComparisonResult result) {
        SummaryBaseline b = result.summaryBaseline();
        if (b == null) {
            return List.of();
        }
        return MajorityBaseline.notAboveAccuracy(result, b.accuracy());
    }
}
