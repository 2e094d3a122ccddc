package org.rnnlab.training;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.List;
import org.rnnlab.core.Json;

/**
 * The summary-feature baseline of a model's run, kept in its {@link ModelCard} ({@code summaryBaseline}) as data, so that
 * {@code evaluate} scores it on new labelled data beside the model (a user evaluating a deployed model on a new month learns
 * whether the network still beats it there), and a Java program reads its scores. It is the multinomial logistic regression
 * {@code train} fits on each training sequence's mean and population sd of each feature ({@code
 * org.rnnlab.evaluation.compare.SummaryFeatures}): a sequence's {@code summaries} (the means of the features in their order,
 * then their sds, over the steps whose value is a number: a missing, NaN step is left out of that feature's two, and a
 * feature without one has 0 and 0; a sequence's own steps only, no padding), each standardised as {@code (x - centre) /
 * scale}, then class {@code c}'s score {@code intercepts[c] + sum_j coefficients[c][j] * z[j]} and the softmax over the
 * classes; the most probable class is the prediction (the first on a tie).
 *
 * <p>Read with the values as the model reads them before its own feature standardiser: the data contract's missing-value
 * policy and per-sequence scaling applied. Every number is stored as JSON writes a double (the shortest text that reads back
 * as the same double), so that evaluate on the run's own test split gives the scores recorded here exactly.
 *
 * @param method             what the regression is, in words
 * @param features           the features per step, in the input's order
 * @param summaries          the regression's inputs in their order: {@code mean(F)} of each feature, then {@code sd(F)}
 * @param centre             the training sequences' mean of each summary, subtracted before the regression
 * @param scale              the training sequences' population sd of each summary (1 for a summary of one value), divided by
 * @param classes            the classes in the order of the coefficients' rows (the model's labelNames)
 * @param coefficients       one row per class, one weight per summary (scikit-learn's {@code coef_} layout), on the
 *                           standardised summaries
 * @param intercepts         one per class
 * @param testAccuracy       its accuracy on the run's test split
 * @param testMacroF1        its macro-F1 there, computed as the model's is (over the classes present)
 * @param validationAccuracy on the run's validation split; null without one
 * @param validationMacroF1  likewise
 * @param testSequences      the test sequences it was scored on (1 or more)
 * @param testMacroF1PresentOrPredicted its macro-F1 on the run's test split as scikit-learn's {@code f1_score(average='macro')}
 *                           computes it (a class it predicted that the split holds none of counted at F1 0), the figure the
 *                           verdicts compare; equal to {@code testMacroF1} where it predicted no such class; null in cards
 *                           written before it was stored (review 80a R1)
 */
public record SummaryBaselineModel(String method, List<String> features, List<String> summaries, List<Double> centre,
                                   List<Double> scale, List<String> classes, List<List<Double>> coefficients,
                                   List<Double> intercepts, double testAccuracy, double testMacroF1,
                                   @JsonInclude(JsonInclude.Include.ALWAYS) Double validationAccuracy,
                                   @JsonInclude(JsonInclude.Include.ALWAYS) Double validationMacroF1, int testSequences,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) Double testMacroF1PresentOrPredicted) {

    /** A baseline without its scikit-learn test macro-F1 (as cards written before it was stored). */
    public SummaryBaselineModel(String method, List<String> features, List<String> summaries, List<Double> centre,
                                List<Double> scale, List<String> classes, List<List<Double>> coefficients, List<Double> intercepts,
                                double testAccuracy, double testMacroF1, Double validationAccuracy, Double validationMacroF1,
                                int testSequences) {
        this(method, features, summaries, centre, scale, classes, coefficients, intercepts, testAccuracy, testMacroF1,
                validationAccuracy, validationMacroF1, testSequences, null);
    }

    public SummaryBaselineModel {
        features = Json.requireList(features, "summaryBaseline.features", "a list of feature names", "a feature name");
        summaries = Json.requireList(summaries, "summaryBaseline.summaries", "a list of summary names", "a summary name");
        centre = Json.requireList(centre, "summaryBaseline.centre", "a list of numbers", "a number");
        scale = Json.requireList(scale, "summaryBaseline.scale", "a list of numbers", "a number");
        classes = Json.requireList(classes, "summaryBaseline.classes", "a list of class names", "a class name");
        intercepts = Json.requireList(intercepts, "summaryBaseline.intercepts", "a list of numbers", "a number");
        coefficients = Json.requireList(coefficients, "summaryBaseline.coefficients", "a list of rows, one per class",
                "a row of weights");
        int d = 2 * features.size();
        if (features.isEmpty() || summaries.size() != d || centre.size() != d || scale.size() != d) {
            throw new IllegalArgumentException("'summaryBaseline' holds " + features.size() + " features, " + summaries.size()
                    + " summaries, " + centre.size() + " centres and " + scale.size() + " scales (expected 1 or more features and "
                    + "twice as many of each other: a mean and an sd of each feature)");
        }
        if (classes.size() < 2 || coefficients.size() != classes.size() || intercepts.size() != classes.size()) {
            throw new IllegalArgumentException("'summaryBaseline' holds " + classes.size() + " classes, " + coefficients.size()
                    + " coefficient rows and " + intercepts.size() + " intercepts (expected 2 or more classes, one row and one "
                    + "intercept for each)");
        }
        // the layout SummaryFeatures reads: the mean of each feature in their order, then their sds (review 80a R5)
        List<String> layout = new java.util.ArrayList<>();
        features.forEach(f -> layout.add("mean(" + f + ")"));
        features.forEach(f -> layout.add("sd(" + f + ")"));
        if (!summaries.equals(layout)) {
            throw new IllegalArgumentException("'summaryBaseline.summaries' is " + summaries + " (expected " + layout + ": the mean "
                    + "of each of its features in their order, then their sds)");
        }
        List<List<Double>> rows = new java.util.ArrayList<>();
        for (int c = 0; c < coefficients.size(); c++) {
            List<Double> row = Json.requireList(coefficients.get(c), "summaryBaseline.coefficients[" + c + "]", "a row of weights",
                    "a weight");
            if (row.size() != d) {
                throw new IllegalArgumentException("'summaryBaseline.coefficients[" + c + "]' holds " + row.size() + " weights "
                        + "(expected one for each of the " + d + " summaries)");
            }
            finite(row, "summaryBaseline.coefficients[" + c + "]");
            rows.add(row);
        }
        coefficients = List.copyOf(rows);
        finite(centre, "summaryBaseline.centre");
        finite(intercepts, "summaryBaseline.intercepts");
        for (int j = 0; j < d; j++) {
            if (!(scale.get(j) > 0 && Double.isFinite(scale.get(j)))) {
                throw new IllegalArgumentException("'summaryBaseline.scale[" + j + "]' is " + scale.get(j) + " (expected a number "
                        + "above 0, the training sequences' sd of summary " + summaries.get(j) + ")");
            }
        }
        if (!(testAccuracy >= 0 && testAccuracy <= 1) || !(testMacroF1 >= 0 && testMacroF1 <= 1)) {
            throw new IllegalArgumentException("'summaryBaseline' test scores are " + testAccuracy + " and " + testMacroF1
                    + " (expected an accuracy and a macro-F1 between 0 and 1)");
        }
        if (testMacroF1PresentOrPredicted != null && !(testMacroF1PresentOrPredicted >= 0 && testMacroF1PresentOrPredicted <= 1)) {
            throw new IllegalArgumentException("'summaryBaseline.testMacroF1PresentOrPredicted' is " + testMacroF1PresentOrPredicted
                    + " (expected a macro-F1 between 0 and 1)");
        }
        if (testSequences < 1) {
            throw new IllegalArgumentException("'summaryBaseline.testSequences' is " + testSequences + " (expected 1 or more: the "
                    + "test sequences its scores are of)");
        }
    }

    /**
     * The test macro-F1 the verdicts compare: scikit-learn's ({@code testMacroF1PresentOrPredicted}), or {@code testMacroF1}
     * in a card written before it was stored.
     */
    public double judgedTestMacroF1() {
        return testMacroF1PresentOrPredicted == null ? testMacroF1 : testMacroF1PresentOrPredicted;
    }

    private static void finite(List<Double> values, String key) {
        for (int j = 0; j < values.size(); j++) {
            if (!Double.isFinite(values.get(j))) {
                throw new IllegalArgumentException("'" + key + "[" + j + "]' is " + values.get(j) + " (expected a finite number)");
            }
        }
    }

    @JsonCreator
    static SummaryBaselineModel fromJson(@JsonProperty("method") String method, @JsonProperty("features") List<String> features,
                                         @JsonProperty("summaries") List<String> summaries,
                                         @JsonProperty("centre") List<Double> centre, @JsonProperty("scale") List<Double> scale,
                                         @JsonProperty("classes") List<String> classes,
                                         @JsonProperty("coefficients") List<List<Double>> coefficients,
                                         @JsonProperty("intercepts") List<Double> intercepts,
                                         @JsonProperty("testAccuracy") Double testAccuracy,
                                         @JsonProperty("testMacroF1") Double testMacroF1,
                                         @JsonProperty("validationAccuracy") Double validationAccuracy,
                                         @JsonProperty("validationMacroF1") Double validationMacroF1,
                                         @JsonProperty("testSequences") Integer testSequences,
                                         @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                         @JsonProperty("testMacroF1PresentOrPredicted") Double testMacroF1PresentOrPredicted) {
        // required (review 80a R5): absent, the mapper refuses the card (FAIL_ON_MISSING_CREATOR_PROPERTIES); null, this
        for (var e : new Object[][] {{"testAccuracy", testAccuracy}, {"testMacroF1", testMacroF1}, {"testSequences", testSequences}}) {
            if (e[1] == null) {
                throw new IllegalArgumentException("'summaryBaseline." + e[0] + "' is null (expected " + (e[0].equals("testSequences")
                        ? "the number of test sequences it was scored on" : "its score on the run's test split") + ")");
            }
        }
        return new SummaryBaselineModel(method, features, summaries, centre, scale, classes, coefficients, intercepts, testAccuracy,
                testMacroF1, validationAccuracy, validationMacroF1, testSequences, testMacroF1PresentOrPredicted);
    }
}
