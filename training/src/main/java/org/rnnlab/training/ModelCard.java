package org.rnnlab.training;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.text.TextEncoder;

/**
 * What a saved model is: stored as {@code model-card.json} inside every {@link ModelBundle}.
 *
 * @param formatVersion     bundle format version that wrote it
 * @param spec              the model spec
 * @param labelNames        class names, index = output column
 * @param input             what a time step holds (feature names, or the token vocabulary size)
 * @param minLength         shortest sequence seen in training
 * @param maxLength         longest sequence seen in training (longer inputs still work; see {@code input})
 * @param training          how it was trained
 * @param bestEpoch         epoch whose parameters were kept
 * @param metrics           named results, e.g. {@code validation_accuracy}, {@code test_accuracy}
 * @param normalized        whether a feature standardiser is stored with the network
 * @param dataset           dataset name
 * @param provenance        how it was made
 * @param textEncoder       tokenizer settings, length limit and vocabulary of text models, in
 *                          {@code TextEncoder.toJson()} form (null otherwise)
 * @param dataSchema        the CSV data contract of models trained on CSV sequences (layout, column
 *                          roles, missing values), used by evaluate and predict to read new files the
 *                          same way; null for other data and for models saved before it existed
 * @param exactStandardization false for a model whose features were standardised during training with ND4J's standardiser
 *                          (which divides deviations below about 1e-5 by 1): a run begun before checkpoint format 4, or a
 *                          model of bundle format 1 to 3 saved again; its stored deviations are those that standardiser
 *                          divided by, so it predicts as it was trained. Null (not written) otherwise, and in cards written
 *                          before it was recorded: then the format says (4 on: exactly)
 * @param trainingClassCounts the training split's sequences per class, by label in the order of {@code labelNames}, so that
 *                          evaluate and predict can compare new data's class shares with training's (a weld-QA trial:
 *                          evaluate on a new month's labelled welds could not say that their shares had moved). Null (not
 *                          written) in cards written before it was recorded, and for models saved through the Java API
 *                          without it: the comparison is then skipped, with a note
 * @param temperature       the temperature T of {@code train --calibrate temperature} ({@link TemperatureScaling}), by which
 *                          {@link SequenceClassifier} divides the logits, so that predict, evaluate and serve agree; null (not
 *                          written) for an uncalibrated model, T = 1
 * @param heldOutPredictions how often the model predicted each class on the run's validation split (test without one),
 *                          {@link HeldOutPredictions}: predict compares the shares it predicts with these, predicted with
 *                          predicted (review 66a: against the true training shares, a model biased toward the majority class
 *                          "drifted" on its own training file). Null (not written) in cards written before it was recorded
 *                          and for runs without held-out data: predict then compares nothing, with a note
 * @param trainingRange     the smallest and largest training value of each feature ({@link TrainingRange}), so that
 *                          predict, evaluate, serve and the Java API never call a value the training data held far outside
 *                          them ({@link FarFromTraining#far}); null (not written) for text models, in cards written before it
 *                          was recorded and for models saved through the Java API without it: the sd rule alone then decides
 * @param majorityBaseline  what always predicting the most frequent training class scored on the run's test split
 *                          ({@link MajorityBaselineScores}), read against the card's test metrics by
 *                          {@link #notAboveMajorityBaseline()}; null (not written) in older cards and runs without a test split
 * @param priorCorrection   the class weights {@code --calibrate prior} divides the probabilities by ({@link PriorCorrection}),
 *                          in label order; null (not written) without
 * @param summaryBaseline   the summary-feature baseline of the run ({@link SummaryBaselineModel}: a logistic regression on each
 *                          sequence's mean and sd of each feature, fitted on the training split), its coefficients and its
 *                          scores on the run's test and validation splits, so that evaluate scores it on new data beside the
 *                          model and a Java program reads its scores; null (not written) for text models, runs without a test
 *                          split or whose fit of it failed, and cards written before it was stored
 */
public record ModelCard(int formatVersion, ModelSpec spec, List<String> labelNames, InputDescription input, int minLength,
                        int maxLength, TrainingConfig training, int bestEpoch, Map<String, Double> metrics,
                        boolean normalized, String dataset, Provenance provenance,
                        JsonNode textEncoder, CsvSchema dataSchema,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Boolean exactStandardization,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Map<String, Long> trainingClassCounts,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Double temperature,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        HeldOutPredictions heldOutPredictions,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        TrainingRange trainingRange,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        MajorityBaselineScores majorityBaseline,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        List<Double> priorCorrection,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        SummaryBaselineModel summaryBaseline) {

    /** A card without a stored summary-feature baseline (older cards, text models, runs without a test split). */
    public ModelCard(int formatVersion, ModelSpec spec, List<String> labelNames, InputDescription input, int minLength,
                     int maxLength, TrainingConfig training, int bestEpoch, Map<String, Double> metrics,
                     boolean normalized, String dataset, Provenance provenance,
                     JsonNode textEncoder, CsvSchema dataSchema, Boolean exactStandardization, Map<String, Long> trainingClassCounts,
                     Double temperature, HeldOutPredictions heldOutPredictions, TrainingRange trainingRange,
                     MajorityBaselineScores majorityBaseline, List<Double> priorCorrection) {
        this(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized, dataset,
                provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature, heldOutPredictions,
                trainingRange, majorityBaseline, priorCorrection, null);
    }

    /** A card without a prior correction (older cards, models not calibrated by {@code --calibrate prior}). */
    public ModelCard(int formatVersion, ModelSpec spec, List<String> labelNames, InputDescription input, int minLength,
                     int maxLength, TrainingConfig training, int bestEpoch, Map<String, Double> metrics,
                     boolean normalized, String dataset, Provenance provenance,
                     JsonNode textEncoder, CsvSchema dataSchema, Boolean exactStandardization, Map<String, Long> trainingClassCounts,
                     Double temperature, HeldOutPredictions heldOutPredictions, TrainingRange trainingRange,
                     MajorityBaselineScores majorityBaseline) {
        this(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized, dataset,
                provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature, heldOutPredictions,
                trainingRange, majorityBaseline, null);
    }

    /** A card without the majority baseline's test scores (older cards, runs without a test split). */
    public ModelCard(int formatVersion, ModelSpec spec, List<String> labelNames, InputDescription input, int minLength,
                     int maxLength, TrainingConfig training, int bestEpoch, Map<String, Double> metrics,
                     boolean normalized, String dataset, Provenance provenance,
                     JsonNode textEncoder, CsvSchema dataSchema, Boolean exactStandardization, Map<String, Long> trainingClassCounts,
                     Double temperature, HeldOutPredictions heldOutPredictions, TrainingRange trainingRange) {
        this(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized, dataset,
                provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature, heldOutPredictions,
                trainingRange, null);
    }

    /** A card without a training range (older cards, text models). */
    public ModelCard(int formatVersion, ModelSpec spec, List<String> labelNames, InputDescription input, int minLength,
                     int maxLength, TrainingConfig training, int bestEpoch, Map<String, Double> metrics,
                     boolean normalized, String dataset, Provenance provenance,
                     JsonNode textEncoder, CsvSchema dataSchema, Boolean exactStandardization, Map<String, Long> trainingClassCounts,
                     Double temperature, HeldOutPredictions heldOutPredictions) {
        this(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized, dataset,
                provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature, heldOutPredictions, null);
    }

    /** A card without held-out predictions (older cards, runs without held-out data). */
    public ModelCard(int formatVersion, ModelSpec spec, List<String> labelNames, InputDescription input, int minLength,
                     int maxLength, TrainingConfig training, int bestEpoch, Map<String, Double> metrics,
                     boolean normalized, String dataset, Provenance provenance,
                     JsonNode textEncoder, CsvSchema dataSchema, Boolean exactStandardization, Map<String, Long> trainingClassCounts,
                     Double temperature) {
        this(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized, dataset,
                provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature, null);
    }

    /** A card without a temperature (an uncalibrated model). */
    public ModelCard(int formatVersion, ModelSpec spec, List<String> labelNames, InputDescription input, int minLength,
                     int maxLength, TrainingConfig training, int bestEpoch, Map<String, Double> metrics,
                     boolean normalized, String dataset, Provenance provenance,
                     JsonNode textEncoder, CsvSchema dataSchema, Boolean exactStandardization, Map<String, Long> trainingClassCounts) {
        this(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized, dataset,
                provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, null);
    }

    /** A card without training class counts. */
    public ModelCard(int formatVersion, ModelSpec spec, List<String> labelNames, InputDescription input, int minLength,
                     int maxLength, TrainingConfig training, int bestEpoch, Map<String, Double> metrics,
                     boolean normalized, String dataset, Provenance provenance,
                     JsonNode textEncoder, CsvSchema dataSchema, Boolean exactStandardization) {
        this(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized, dataset,
                provenance, textEncoder, dataSchema, exactStandardization, null);
    }

    /** A card without {@code exactStandardization} (its format says how the model was standardised). */
    public ModelCard(int formatVersion, ModelSpec spec, List<String> labelNames, InputDescription input, int minLength,
                     int maxLength, TrainingConfig training, int bestEpoch, Map<String, Double> metrics,
                     boolean normalized, String dataset, Provenance provenance,
                     JsonNode textEncoder, CsvSchema dataSchema) {
        this(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized, dataset,
                provenance, textEncoder, dataSchema, null, null);
    }

    public ModelCard {
        // a card is a file: a null where a value belongs is named with what belongs there, not left to a NullPointerException
        labelNames = Json.requireList(labelNames, "labelNames", "a list of label names", "a label name");
        if (metrics == null) {
            throw new IllegalArgumentException("'metrics' is null (expected an object of named results, e.g. {\"test_accuracy\": 0.9})");
        }
        metrics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics)); // sorted: the card's bytes do not vary between runs
        if (labelNames.size() < 2 || new java.util.HashSet<>(labelNames).size() != labelNames.size()) {
            throw new IllegalArgumentException("labelNames must name two or more classes, each once, got " + labelNames);
        }
        if (minLength < 0 || maxLength < minLength) {
            throw new IllegalArgumentException("minLength and maxLength must satisfy 0 <= minLength <= maxLength, got " + minLength
                    + " and " + maxLength);
        }
        trainingClassCounts = inLabelOrder(trainingClassCounts, labelNames, "trainingClassCounts", "training sequences of that class");
        if (heldOutPredictions != null) {
            heldOutPredictions = new HeldOutPredictions(heldOutPredictions.split(), inLabelOrder(heldOutPredictions.classCounts(),
                    labelNames, "heldOutPredictions.classCounts", heldOutPredictions.split() + " sequences predicted as that class"),
                    heldOutPredictions.confidence());
            if (heldOutPredictions.confidence() != null) {
                for (String label : heldOutPredictions.confidence().byClass().keySet()) {
                    if (!labelNames.contains(label)) {
                        throw new IllegalArgumentException("'heldOutPredictions.confidence.byClass' names '" + label + "', which is "
                                + "not one of the labelNames " + labelNames + " (expected the quantiles of classes of the model)");
                    }
                }
            }
        }
        if (temperature != null && !(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("'temperature' is " + temperature + " (expected a number above 0, the T of "
                    + "temperature scaling, or no 'temperature' for an uncalibrated model)");
        }
        if (priorCorrection != null) {
            priorCorrection = Json.requireList(priorCorrection, "priorCorrection", "a list of class weights", "a class weight");
            if (priorCorrection.size() != labelNames.size()) {
                throw new IllegalArgumentException("'priorCorrection' holds " + priorCorrection.size() + " weights (expected one for "
                        + "each of the " + labelNames.size() + " labelNames " + labelNames + ", the class weights the probabilities "
                        + "are divided by, or no 'priorCorrection' for a model without prior correction)");
            }
            for (int c = 0; c < priorCorrection.size(); c++) {
                double w = priorCorrection.get(c);
                if (!(w > 0 && Double.isFinite(w))) {
                    throw new IllegalArgumentException("'priorCorrection[" + c + "]' is " + w + " (expected a number above 0, the "
                            + "training weight of class '" + labelNames.get(c) + "')");
                }
            }
        }
        if (majorityBaseline != null && !labelNames.contains(majorityBaseline.always())) {
            throw new IllegalArgumentException("'majorityBaseline.always' is '" + majorityBaseline.always() + "' (expected one of "
                    + "labelNames " + labelNames + ", the class the majority baseline always predicts)");
        }
        // the same classes, each once; their order is the coefficients' rows', read by name (a card whose labelNames were
        // reordered by hand is the content digest's to refuse, with its own message)
        if (summaryBaseline != null && (summaryBaseline.classes().size() != labelNames.size()
                || !new java.util.HashSet<>(summaryBaseline.classes()).equals(new java.util.HashSet<>(labelNames)))) {
            throw new IllegalArgumentException("'summaryBaseline.classes' is " + summaryBaseline.classes() + " (expected the "
                    + "classes of labelNames " + labelNames + ", each once: the rows of its coefficients)");
        }
        // by name and in order: evaluate applies the coefficients to the input's columns in the input's order (review 80a R5)
        if (summaryBaseline != null && input != null && !summaryBaseline.features().equals(input.featureNames())) {
            throw new IllegalArgumentException("'summaryBaseline.features' is " + summaryBaseline.features() + " (expected the "
                    + "features of 'input' in their order, " + input.featureNames() + ")");
        }
        if (trainingRange != null && input != null && trainingRange.size() != input.featureCount()) {
            throw new IllegalArgumentException("'trainingRange' holds " + trainingRange.size() + " features' ranges (expected one "
                    + "for each of the " + input.featureCount() + " features of 'input')");
        }
    }

    /** The temperature the logits are divided by: the card's, or 1 for an uncalibrated model. */
    public double probabilityTemperature() {
        return temperature == null ? 1 : temperature;
    }

    /**
     * {@code p} (one sequence's probabilities as the network gives them) as predict, evaluate, serve and the Java API give
     * them: the prior correction ({@link PriorCorrection}) where the card holds one, then the temperature
     * ({@link TemperatureScaling}); {@code p} itself for an uncalibrated model.
     */
    public double[] calibrated(double[] p) {
        return TemperatureScaling.apply(PriorCorrection.apply(p, priorCorrection), probabilityTemperature());
    }

    /** Whether {@link #calibrated(double[])} changes any probability (a temperature or a prior correction is stored). */
    public boolean recalibrates() {
        return temperature != null || priorCorrection != null;
    }

    /** The same card, with its probabilities corrected for the class weights {@code weights} (label order). */
    public ModelCard withPriorCorrection(List<Double> weights) {
        return new ModelCard(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized,
                dataset, provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature, heldOutPredictions,
                trainingRange, majorityBaseline, weights == null ? null : List.copyOf(weights), summaryBaseline);
    }

    /** The same card, calibrated by temperature scaling with {@code t}. */
    public ModelCard withTemperature(double t) {
        return new ModelCard(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized,
                dataset, provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, t, heldOutPredictions, trainingRange,
                majorityBaseline, priorCorrection, summaryBaseline);
    }

    /**
     * The counts by label in the order of the labels (the card's bytes do not vary), or null for null; refuses counts of
     * other labels, missing labels and negative or null counts, naming them.
     */
    private static Map<String, Long> inLabelOrder(Map<String, Long> counts, List<String> labelNames, String key, String what) {
        if (counts == null) {
            return null;
        }
        if (!counts.keySet().equals(new java.util.HashSet<>(labelNames))) {
            throw new IllegalArgumentException("'" + key + "' counts the labels " + new java.util.TreeSet<>(counts.keySet())
                    + " (expected one count for each of labelNames " + labelNames + ")");
        }
        Map<String, Long> ordered = new java.util.LinkedHashMap<>();
        for (String label : labelNames) {
            Long n = counts.get(label);
            if (n == null || n < 0) {
                throw new IllegalArgumentException("'" + key + "." + label + "' is " + n + " (expected the number of " + what
                        + ", 0 or more)");
            }
            ordered.put(label, n);
        }
        return java.util.Collections.unmodifiableMap(ordered);
    }

    /** Reads a card from JSON; {@code dataSchema} is absent (null) in cards written before it was stored. */
    @JsonCreator
    static ModelCard fromJson(@JsonProperty("formatVersion") int formatVersion, @JsonProperty("spec") ModelSpec spec,
                              @JsonProperty("labelNames") List<String> labelNames, @JsonProperty("input") InputDescription input,
                              @JsonProperty("minLength") int minLength, @JsonProperty("maxLength") int maxLength,
                              @JsonProperty("training") TrainingConfig training, @JsonProperty("bestEpoch") int bestEpoch,
                              @JsonProperty("metrics") Map<String, Double> metrics, @JsonProperty("normalized") boolean normalized,
                              @JsonProperty("dataset") String dataset, @JsonProperty("provenance") Provenance provenance,
                              @JsonProperty("textEncoder") JsonNode textEncoder,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("dataSchema") CsvSchema dataSchema,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("exactStandardization") Boolean exactStandardization,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("trainingClassCounts") Map<String, Long> trainingClassCounts,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("temperature") Double temperature,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("heldOutPredictions") HeldOutPredictions heldOutPredictions,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("trainingRange") TrainingRange trainingRange,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("majorityBaseline") MajorityBaselineScores majorityBaseline,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("priorCorrection") List<Double> priorCorrection,
                              @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                              @JsonProperty("summaryBaseline") SummaryBaselineModel summaryBaseline) {
        return new ModelCard(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized,
                dataset, provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature, heldOutPredictions,
                trainingRange, majorityBaseline, priorCorrection, summaryBaseline);
    }

    /** The same card, recording the training split's range of each feature ({@link TrainingRange}; null: none). */
    public ModelCard withTrainingRange(TrainingRange range) {
        return new ModelCard(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized,
                dataset, provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature, heldOutPredictions,
                range, majorityBaseline, priorCorrection, summaryBaseline);
    }

    /** The same card, recording the training split's sequences per class ({@code counts[k]} of {@code labelNames[k]}). */
    public ModelCard withTrainingClassCounts(long[] counts) {
        return new ModelCard(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized,
                dataset, provenance, textEncoder, dataSchema, exactStandardization, byLabel(counts), temperature, heldOutPredictions, trainingRange,
                majorityBaseline, priorCorrection, summaryBaseline);
    }

    /** {@code counts} (one per label, in label order) by label. */
    private Map<String, Long> byLabel(long[] counts) {
        if (counts.length != labelNames.size()) {
            throw new IllegalArgumentException(counts.length + " class counts for the " + labelNames.size() + " labels " + labelNames);
        }
        Map<String, Long> byLabel = new java.util.LinkedHashMap<>();
        for (int k = 0; k < counts.length; k++) {
            byLabel.put(labelNames.get(k), counts[k]);
        }
        return byLabel;
    }

    /**
     * The training split's sequences per class in the order of {@code labelNames}, or empty for a card written before they
     * were recorded.
     */
    public Optional<long[]> trainingCounts() {
        return trainingClassCounts == null ? Optional.empty()
                : Optional.of(labelNames.stream().mapToLong(trainingClassCounts::get).toArray());
    }

    /**
     * The same card, recording how often the model predicted each class on the held-out {@code split} ({@code counts[k]} of
     * {@code labelNames[k]}).
     */
    public ModelCard withHeldOutPredictions(String split, long[] counts) {
        return withHeldOutPredictions(split, counts, null);
    }

    /**
     * The same card, recording how often the model predicted each class on the held-out {@code split} and how confident it
     * was there ({@link HeldOutConfidence}; null: not recorded).
     */
    public ModelCard withHeldOutPredictions(String split, long[] counts, HeldOutConfidence confidence) {
        return new ModelCard(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized,
                dataset, provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature,
                new HeldOutPredictions(split, byLabel(counts), confidence), trainingRange, majorityBaseline, priorCorrection,
                summaryBaseline);
    }

    /**
     * The top-class probability quantiles of the run's held-out split ({@link HeldOutConfidence}), or empty for a card
     * without them (written before they were recorded, or by a run without held-out data).
     */
    public Optional<HeldOutConfidence> heldOutConfidence() {
        return heldOutPredictions == null ? Optional.empty() : Optional.ofNullable(heldOutPredictions.confidence());
    }

    /** The held-out split's predicted classes per class in the order of {@code labelNames}, or empty when not recorded. */
    public Optional<long[]> heldOutPredictedCounts() {
        return heldOutPredictions == null ? Optional.empty()
                : Optional.of(labelNames.stream().mapToLong(heldOutPredictions.classCounts()::get).toArray());
    }

    /** The same card, recording what always predicting {@code always} scored on the run's test split. */
    public ModelCard withMajorityBaseline(String always, double testAccuracy, double testMacroF1) {
        return new ModelCard(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized,
                dataset, provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature, heldOutPredictions,
                trainingRange, new MajorityBaselineScores(always, testAccuracy, testMacroF1), priorCorrection,
                summaryBaseline);
    }

    /** The same card, keeping the run's summary-feature baseline ({@link SummaryBaselineModel}; null: none). */
    public ModelCard withSummaryBaseline(SummaryBaselineModel baseline) {
        return new ModelCard(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized,
                dataset, provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature, heldOutPredictions,
                trainingRange, majorityBaseline, priorCorrection, baseline);
    }

    /**
     * The summary-feature baseline stored with the model (its coefficients, and its scores on the run's test split:
     * {@link SummaryBaselineModel#testAccuracy()}, {@link SummaryBaselineModel#testMacroF1()}, and scikit-learn's macro-F1
     * the verdicts compare, {@link SummaryBaselineModel#judgedTestMacroF1()}), or empty for a card without
     * one (a text model, a run without a test split or whose fit of it failed, a model file written before it was
     * stored).
     */
    public Optional<SummaryBaselineModel> storedSummaryBaseline() {
        return Optional.ofNullable(summaryBaseline);
    }

    /**
     * The {@code metrics} key of the test macro-F1 counting a class predicted but absent from the test split at F1 0, as
     * scikit-learn's {@code f1_score(average='macro')} does: written only where it differs from {@code test_macro_f1} (over
     * the classes present), which it is then below; {@link #notAboveMajorityBaseline()} judges by the lower, as train does.
     */
    public static final String TEST_MACRO_F1_PRESENT_OR_PREDICTED = "test_macro_f1_present_or_predicted";

    /**
     * Why this model's own test scores are no evidence that its labels beat always predicting its most frequent training
     * class, or empty when they are (or the card cannot say: no {@code majorityBaseline}, or no test metrics). Read as train
     * reads them, rounded to the 4 digits it prints, the test macro-F1 being the lower of {@code test_macro_f1} and
     * {@link #TEST_MACRO_F1_PRESENT_OR_PREDICTED} where the card holds the latter: test macro-F1 not above the baseline's says the classes other than the
     * baseline's are found no better than by it (with test accuracy not above too: nothing learned that the scores show);
     * test accuracy alone not above it is not reported, since a model trained with class weights trades accuracy for the
     * rare classes' recall and its macro-F1 then says whether it finds them. predict prints this as a {@code warning:},
     * serve logs it at start and gives it in {@code GET /model} ({@code baselineWarning}); a Java program reads it here.
     */
    public Optional<String> notAboveMajorityBaseline() {
        Double accuracy = metrics.get("test_accuracy");
        Double macroF1 = metrics.get("test_macro_f1");
        if (majorityBaseline == null || accuracy == null || macroF1 == null) {
            return Optional.empty();
        }
        // with a class predicted but absent from the test split, the lower, scikit-learn figure, as train's verdict takes it
        // (trial 68e: train called a model no better than the baseline by it, and predict said nothing)
        Double withPredicted = metrics.get(TEST_MACRO_F1_PRESENT_OR_PREDICTED);
        double judged = withPredicted == null ? macroF1 : Math.min(macroF1, withPredicted);
        if (round4(judged) > round4(majorityBaseline.testMacroF1())) {
            return Optional.empty();
        }
        String always = "always predicting " + org.rnnlab.datasets.LabelCheck.quoted(majorityBaseline.always());
        String f1 = withPredicted == null || withPredicted >= macroF1 ? String.format(java.util.Locale.ROOT, "%.4f", macroF1)
                : String.format(java.util.Locale.ROOT, "%.4f counting the class(es) predicted there but absent, F1 0 each, as "
                + "scikit-learn does (%.4f over the classes present)", withPredicted, macroF1);
        String scores = String.format(java.util.Locale.ROOT, "test accuracy %.4f against %.4f, macro-F1 %s against %.4f", accuracy,
                majorityBaseline.testAccuracy(), f1, majorityBaseline.testMacroF1());
        if (round4(accuracy) <= round4(majorityBaseline.testAccuracy())) {
            return Optional.of("this model did not beat " + always + " on its run's test split (" + scores + "): no evidence that "
                    + "it learned anything that baseline does not; do not act on its labels as they are (train it otherwise, or on "
                    + "other features)");
        }
        return Optional.of("this model found the classes other than " + org.rnnlab.datasets.LabelCheck.quoted(
                majorityBaseline.always()) + " no better than " + always + " on its run's test split (" + scores + "): its "
                + "labels of those classes are no evidence of them");
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /**
     * Whether the model's features were standardised exactly when it was trained: {@code exactStandardization} where the
     * card records it, else as its format says (bundle format {@value ModelBundle#FIRST_FORMAT_WITH_EXACT_STANDARDIZATION}
     * on). True for a model without a standardiser.
     */
    public boolean trainedWithExactStandardization() {
        if (!normalized) {
            return true;
        }
        return exactStandardization != null ? exactStandardization
                : formatVersion >= ModelBundle.FIRST_FORMAT_WITH_EXACT_STANDARDIZATION;
    }

    /** The same card, recording whether its model was trained with exact standardisation (null: as its format says). */
    public ModelCard withExactStandardization(Boolean exact) {
        return new ModelCard(formatVersion, spec, labelNames, input, minLength, maxLength, training, bestEpoch, metrics, normalized,
                dataset, provenance, textEncoder, dataSchema, exact, trainingClassCounts, temperature, heldOutPredictions, trainingRange,
                majorityBaseline, priorCorrection, summaryBaseline);
    }

    /** The CSV data contract, for models trained on CSV sequences. */
    public Optional<CsvSchema> csvSchema() {
        return Optional.ofNullable(dataSchema);
    }

    /** The same card, as written by bundle format {@code version}. */
    public ModelCard withFormatVersion(int version) {
        return version == formatVersion ? this : new ModelCard(version, spec, labelNames, input, minLength, maxLength, training, bestEpoch,
                metrics, normalized, dataset, provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature,
                heldOutPredictions, trainingRange,
                majorityBaseline, priorCorrection, summaryBaseline);
    }

    /**
     * The same card with its spec as rnnlab built it when bundles of format 2 and older were written (a bidirectional
     * {@code last} head reads both directions at the last valid step: head {@code last-step},
     * {@link ModelSpec#asBuiltBeforeBidirectionalLastHead()}), so that such a model is rebuilt as it was trained.
     */
    public ModelCard withSpecAsBuiltBeforeBidirectionalLastHead() {
        ModelSpec built = spec == null ? null : spec.asBuiltBeforeBidirectionalLastHead();
        return built == spec ? this : new ModelCard(formatVersion, built, labelNames, input, minLength, maxLength, training, bestEpoch,
                metrics, normalized, dataset, provenance, textEncoder, dataSchema, exactStandardization, trainingClassCounts, temperature,
                heldOutPredictions, trainingRange,
                majorityBaseline, priorCorrection, summaryBaseline);
    }

    /** The text encoder of a text model. */
    public Optional<TextEncoder> encoder() {
        return textEncoder == null || textEncoder.isNull() ? Optional.empty()
                : Optional.of(TextEncoder.fromJson(textEncoder.toString()));
    }
}
