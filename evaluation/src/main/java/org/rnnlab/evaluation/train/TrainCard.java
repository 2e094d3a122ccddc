package org.rnnlab.evaluation.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.evaluation.compare.MajorityBaseline;
import org.rnnlab.evaluation.compare.SummaryBaseline;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.training.Decision;
import org.rnnlab.training.HeldOutConfidence;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.TrainedModel;
import org.rnnlab.training.TrainingRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model card {@code rnnlab train} writes, for a model trained from Java ({@code Trainer.train}): the validation and test
 * metrics (accuracy, macro-F1, ROC AUC, average precision, Cohen's kappa, each class's support and recall), the training
 * split's class counts and range of each feature (the far-from-training and constant-feature marks), the classes predicted
 * on the held-out split with the quantiles of their top-class probability (the low-confidence mark), the majority baseline
 * and the summary-feature baseline, as {@link TrainRun} fills them; {@link ModelBundle#card} alone leaves all of them out
 * (trial 81d F1: a Java-trained model's {@code lowConfidence()} was always null and a frozen sensor never named).
 *
 * <pre>{@code
 * TrainedModel trained = Trainer.train(spec, config, dataset);
 * ModelBundle.save(trained.network(), trained.normalizer(), TrainCard.of(trained, dataset), path);
 * }</pre>
 */
public final class TrainCard {
    private static final Logger LOG = LoggerFactory.getLogger(TrainCard.class);

    private TrainCard() {
    }

    /**
     * The card of {@code trained}, trained on {@code data}, filled as {@code rnnlab train} fills it: {@code data}'s
     * validation and test splits are predicted and scored here (none of it without them: held-out predictions need a
     * validation or test split, the test metrics and baselines a test split). The CSV layout stored is {@code data}'s, if
     * any ({@link SequenceDataset#csvSchema()}; an {@code InMemorySequenceDataset} has none: see
     * {@link #of(TrainedModel, SequenceDataset, CsvSchema)}).
     *
     * @param trained the model {@code Trainer.train(spec, config, data)} returned
     * @param data    the dataset it was trained on, with its splits as they were
     * @throws IllegalArgumentException when a model or dataset is missing, or their labels or inputs differ
     */
    public static ModelCard of(TrainedModel trained, SequenceDataset data) {
        // the three-argument overload refuses a missing model or dataset with IllegalArgumentException, as documented here
        // (review 81a R4: requireNonNull threw NullPointerException first)
        return of(trained, data, data == null ? null : data.csvSchema().orElse(null));
    }

    /**
     * As {@link #of(TrainedModel, SequenceDataset)}, storing {@code layout} as the model's CSV layout (the columns that
     * {@code rnnlab predict} and {@code evaluate} read new files by: its id, time, label and feature columns), where a
     * model without one reads rnnlab's default names {@code sequence_id, time, label}; null for none.
     */
    public static ModelCard of(TrainedModel trained, SequenceDataset data, CsvSchema layout) {
        if (trained == null || data == null) {
            throw new IllegalArgumentException((trained == null ? "trained" : "data") + " is null (expected the model "
                    + "Trainer.train returned and the dataset it was trained on)");
        }
        if (!trained.labelNames().equals(data.labelNames()) || trained.input().featureCount() != data.input().featureCount()) {
            throw new IllegalArgumentException("the model was not trained on dataset " + data.name() + ": its labels "
                    + trained.labelNames() + " and " + trained.input().featureCount() + " input(s) per step, the dataset's "
                    + data.labelNames() + " and " + data.input().featureCount());
        }
        SequenceSet validationSet = data.split(Split.VALIDATION);
        double[][] validationProbabilities = new double[validationSet.size()][];
        int[] validationPredicted = new int[validationSet.size()];
        EvaluationResult validation = validationSet.size() == 0 ? null
                : Evaluator.evaluate(trained.network(), trained.normalizer().orElse(null), data, Split.VALIDATION,
                data.sequenceIds().getOrDefault(Split.VALIDATION, List.of()), validationPredicted, Decision.ARGMAX,
                validationProbabilities);
        SequenceSet testSet = data.split(Split.TEST);
        double[][] testProbabilities = new double[testSet.size()][];
        int[] testPredicted = new int[testSet.size()];
        EvaluationResult test = testSet.size() == 0 ? null
                : Evaluator.evaluate(trained.network(), trained.normalizer().orElse(null), data, Split.TEST,
                data.sequenceIds().getOrDefault(Split.TEST, List.of()), testPredicted, Decision.ARGMAX, testProbabilities);
        MajorityBaseline baseline = test == null ? null : MajorityBaseline.of(data.labelNames(), List.of(data)).orElse(null);
        SummaryBaseline.Fitted summaryFit = test == null ? null : SummaryBaseline.fitted(data).orElse(null);
        return card(trained, data, Optional.ofNullable(layout), metrics(validation, Map.of(), test),
                validation == null ? null : new HeldOut(validationPredicted, validationProbabilities),
                test == null ? null : new HeldOut(testPredicted, testProbabilities), baseline, summaryFit);
    }

    /** One held-out split's predicted classes and their probabilities (as predict gives them: calibrated, if so). */
    record HeldOut(int[] predicted, double[][] probabilities) {
    }

    /**
     * The card's metrics: the validation accuracy and macro-F1, {@code calibration}'s entries, and the test scores
     * {@code rnnlab train} keeps (each where its split was scored and the score is defined).
     */
    static Map<String, Double> metrics(EvaluationResult validation, Map<String, Double> calibration, EvaluationResult test) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (validation != null) {
            metrics.put("validation_accuracy", validation.accuracy());
            metrics.put("validation_macro_f1", validation.macroF1());
        }
        metrics.putAll(calibration);
        if (test != null) {
            metrics.put("test_accuracy", test.accuracy());
            metrics.put("test_macro_f1", test.macroF1());
            Double withPredicted = test.macroF1PresentOrPredicted(); // a class predicted but absent: the lower, scikit-learn figure,
            if (withPredicted != null && withPredicted < test.macroF1()) { // by which train's verdict and the card's judge
                metrics.put(ModelCard.TEST_MACRO_F1_PRESENT_OR_PREDICTED, withPredicted);
            }
            if (!Double.isNaN(test.metric(Metric.MACRO_ROC_AUC))) {
                metrics.put("test_macro_roc_auc", test.metric(Metric.MACRO_ROC_AUC));
            }
            if (!Double.isNaN(test.metric(Metric.MACRO_AVERAGE_PRECISION))) {
                metrics.put("test_macro_average_precision", test.metric(Metric.MACRO_AVERAGE_PRECISION));
            }
            if (!Double.isNaN(test.cohenKappa())) { // undefined where one class held and got every test sequence
                metrics.put("test_cohen_kappa", test.cohenKappa());
            }
            // the counts behind them: evaluate tests a new file's accuracy against them (trial 80c F3)
            metrics.putAll(TestCounts.metrics(test));
        }
        return metrics;
    }

    /**
     * The card {@code rnnlab train} saves, but for its calibration (the temperature and prior correction {@link TrainRun}
     * adds): {@code metrics}, the training split's class counts, the held-out predictions of the validation split, else the
     * test split's (null: none), the training range, and the baselines given (null: none).
     */
    static ModelCard card(TrainedModel trained, SequenceDataset data, Optional<CsvSchema> layout, Map<String, Double> metrics,
                          HeldOut validation, HeldOut test, MajorityBaseline baseline, SummaryBaseline.Fitted summaryFit) {
        SequenceSet train = data.split(Split.TRAIN);
        int minLength = train.examples().stream().mapToInt(Sequence::length).min().orElse(1);
        ModelCard card = ModelBundle.card(trained, metrics,
                data.name(), trained.provenance(), minLength, train.maxLength(), data.textEncoder(), layout)
                // the training split's classes: evaluate and predict compare new data's class shares with them (a weld-QA
                // trial's evaluate on a new month had nothing to compare with)
                .withTrainingClassCounts(Arrays.stream(train.classCounts(data.classCount())).asLongStream().toArray());
        // the classes the model predicts on held-out data (validation, else test; the temperature moves no argmax): predict
        // compares the classes it predicts on new data with these, the model's own bias on both sides (review 66a #1: against
        // the true training shares, a model that under-predicts a rare class "drifted" on its own training file)
        // with the quantiles of the top-class probability there, as predict gives it (the temperature applied): predict, serve
        // and the Java API mark a new sequence less confident than 95% of them (a keystroke trial's unenrolled typists were
        // each labelled as an enrolled user, p 0.25, with nothing to tell them from one at 0.99)
        if (validation != null) {
            card = card.withHeldOutPredictions("validation", predictedCounts(validation.predicted(), data.classCount()),
                    HeldOutConfidence.of(validation.probabilities(), labels(data.split(Split.VALIDATION)), data.labelNames()));
        } else if (test != null) {
            card = card.withHeldOutPredictions("test", predictedCounts(test.predicted(), data.classCount()),
                    HeldOutConfidence.of(test.probabilities(), labels(data.split(Split.TEST)), data.labelNames()));
        }
        if (trained.normalizer().isPresent()) {
            // the training split's range of each feature, as the standardiser saw them: a value inside it is never called far
            // outside the training data (a glove trial's gyroscope, about 0 for most letters and 180 deg/s for J: the model's own
            // training J recordings lay "over 10 training sd" out)
            // with each class's spread of its sequences' means, by which predict and evaluate judge a file's level against the
            // classes predicted for it (trial 71d: a +2 %RH humidity offset within the 6 sds a group of one class may lie)
            card = card.withTrainingRange(TrainingRange.of(train.examples().stream().map(Sequence::values).toList(),
                    labels(train), data.classCount(), data.input().featureCount()));
        }
        if (baseline != null) { // predict, serve and the Java API say when the model did not beat it (trial 67a #1)
            card = card.withMajorityBaseline(baseline.labels().get(0), baseline.accuracy(), baseline.macroF1());
        }
        // the second baseline's regression, kept in the card so that evaluate scores it on new data beside the model; a
        // failure of the card's checks of it is logged (the model is saved without it, review 79b R3)
        if (summaryFit != null && summaryFit.stored() != null) {
            try {
                card = card.withSummaryBaseline(summaryFit.stored());
            } catch (IllegalArgumentException e) { // the card's checks of it: the model is saved without it, still measured
                LOG.warn("the summary-feature baseline was measured but is not "
                        + "stored in the model file ({}): evaluate will not score it", e.getMessage());
            }
        }
        return card;
    }

    private static int[] labels(SequenceSet set) {
        return set.examples().stream().mapToInt(Sequence::label).toArray();
    }

    /** The sequences predicted as each of {@code classes} classes, in label order. */
    private static long[] predictedCounts(int[] predicted, int classes) {
        long[] counts = new long[classes];
        for (int c : predicted) {
            counts[c]++;
        }
        return counts;
    }
}
