package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Evaluator;

/** evaluate's table for a class the data lack: its recall and F1 '-', its precision shown when it was predicted. */
class EvaluateCommandTextTest {

    @Test
    void aClassWithNoSequenceShowsUndefinedRecallAndF1AndTheLegendSaysTheRule() {
        // b has no sequence but is predicted 6 times (a user's audit read its recall 0.0000); d neither present nor predicted
        EvaluationResult r = Evaluator.fromConfusion(List.of("a", "b", "c", "d"),
                new long[][] {{8, 1, 1, 0}, {0, 0, 0, 0}, {1, 5, 4, 0}, {0, 0, 0, 0}}, List.of(), 0);
        String text = EvaluateCommand.text(r, "title");
        assertThat(text).contains("b           0.0000         -         -        0\n")
                .contains("d                -         -         -        0\n")
                .contains("a           0.8889    0.8000    0.8421       10\n")
                .contains("left out of macro recall and macro-F1, the means over the classes present here")
                .contains("its precision is 0 if some sequence was predicted as it")
                .doesNotContain("NaN");
    }

    @Test
    void everyClassPresentHasNoLegend() {
        EvaluationResult r = Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{2, 1}, {0, 3}}, List.of(), 0);
        assertThat(EvaluateCommand.text(r, "title")).doesNotContain("-:").doesNotContain("undefined");
    }
}
