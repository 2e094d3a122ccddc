package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.metrics.ClassMetrics;
import org.rnnlab.evaluation.metrics.EvaluationResult;

/** train's line of per-class precision and recall when a class is rare in the test split (a fraud trial's 6 of 200). */
class RareClassLineTest {

    private static EvaluationResult result(long fraud, long legit, double fraudPrecision) {
        return new EvaluationResult(List.of("fraud", "legit"), Map.of(org.rnnlab.evaluation.metrics.Metric.ACCURACY, 0.9), List.of(
                new ClassMetrics("fraud", fraudPrecision, 0.5, 0.5, fraud), new ClassMetrics("legit", 0.99, 1.0, 0.99, legit)),
                new long[][] {{1, 1}, {0, legit}}, List.of(), fraud + legit, 0);
    }

    @Test
    void aRareClassGetsEveryClassesPrecisionAndRecallAndBalancedClassesDoNot() {
        assertThat(TrainCommand.rareClassLine(result(6, 194, 0.75))).contains(
                "test per class, precision/recall (sequences): 'fraud' 0.75/0.50 (6), 'legit' 0.99/1.00 (194)");
        assertThat(TrainCommand.rareClassLine(result(6, 194, Double.NaN)).orElseThrow()).contains("'fraud' -/0.50 (6)");
        assertThat(TrainCommand.rareClassLine(result(90, 110, 0.75))).isEmpty();
        assertThat(TrainCommand.rareClassLine(null)).isEmpty();
    }

    @Test
    void evaluateSaysWhichClassesRestOnFewSequences() {
        // a trial's failure class of 2 cycles: recall, ROC AUC and average precision 1.0000 with no word of how little that says
        EvaluationResult two = new EvaluationResult(List.of("failure", "ok"), Map.of(org.rnnlab.evaluation.metrics.Metric.ACCURACY, 1.0),
                List.of(new ClassMetrics("failure", 1.0, 1.0, 1.0, 2), new ClassMetrics("ok", 1.0, 1.0, 1.0, 82)),
                new long[][] {{2, 0}, {0, 82}}, List.of(), 84, 0);
        assertThat(EvaluateCommand.fewSequences(two)).hasValueSatisfying(l -> assertThat(l)
                .startsWith("(few sequences: failure 2 of 2 recalled, 95% interval [0.34, 1.00]; their precision")
                .doesNotContain("ok "));
        assertThat(EvaluateCommand.fewSequences(result(60, 140, 0.75))).isEmpty();
    }
}
