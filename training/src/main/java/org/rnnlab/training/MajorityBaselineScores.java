package org.rnnlab.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What always predicting the most frequent training class scored on the run's own test split, kept in the {@link ModelCard}
 * ({@code majorityBaseline}) beside the model's test scores ({@code metrics.test_accuracy}, {@code test_macro_f1}), so that
 * whoever uses the model later (predict, serve, the Java API: {@link ModelCard#notAboveMajorityBaseline()}) learns that
 * it did not beat that baseline. A trial (67a #1): train said "no evidence that this model learned anything" of a model
 * (test accuracy 0.5335, macro-F1 0.2252 against the baseline's 0.9547, 0.2442), and predict then labelled 12 of 12 wind
 * turbines as faulty without a word.
 *
 * @param always       the class the baseline always predicts (the most frequent training class; on a tie the first of the
 *                     tied classes in the classes' order)
 * @param testAccuracy the baseline's accuracy on the test split
 * @param testMacroF1  the baseline's macro-F1 on the test split, computed as the model's is
 */
public record MajorityBaselineScores(String always, double testAccuracy, double testMacroF1) {

    public MajorityBaselineScores {
        if (always == null) {
            throw new IllegalArgumentException("'majorityBaseline.always' is null (expected the class the majority baseline "
                    + "always predicts)");
        }
        if (!(testAccuracy >= 0 && testAccuracy <= 1) || !(testMacroF1 >= 0 && testMacroF1 <= 1)) {
            throw new IllegalArgumentException("'majorityBaseline' scores are " + testAccuracy + " and " + testMacroF1
                    + " (expected a test accuracy and macro-F1 between 0 and 1)");
        }
    }

    @JsonCreator
    static MajorityBaselineScores fromJson(@JsonProperty("always") String always, @JsonProperty("testAccuracy") double testAccuracy,
                                           @JsonProperty("testMacroF1") double testMacroF1) {
        return new MajorityBaselineScores(always, testAccuracy, testMacroF1);
    }
}
