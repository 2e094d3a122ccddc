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

    @Test
    void theByGroupVerdictIsPerScore() {
        // a trial: accuracy [-0.04, +0.42] with macro-F1 [+0.22, +0.62] was "above it across groups"
        assertThat(EvaluateCommand.acrossGroups(new double[] {-0.0417, 0.4167}, new double[] {0.2180, 0.6227}))
                .isEqualTo(": accuracy not reliably different, macro-F1 reliably higher across groups");
        assertThat(EvaluateCommand.acrossGroups(new double[] {0.01, 0.2}, new double[] {0.02, 0.3}))
                .isEqualTo(": accuracy and macro-F1 reliably higher across groups");
        assertThat(EvaluateCommand.acrossGroups(new double[] {-0.3, -0.01}, new double[] {-0.1, 0.05}))
                .isEqualTo(": accuracy reliably lower, macro-F1 not reliably different across groups");
    }
}
