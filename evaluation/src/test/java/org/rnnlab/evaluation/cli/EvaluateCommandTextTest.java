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
    void cohensKappaStandsBesideAccuracyAndMacroF1WithItsBootstrapInterval() {
        // a sleep trial computed kappa from the JSON's confusion matrix by hand: (100 * 70 - 5400) / (10000 - 5400) = 8/23
        EvaluationResult r = Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{20, 20}, {10, 50}}, List.of(), 0);
        String text = EvaluateCommand.text(r, "title");
        assertThat(text).contains("accuracy 0.7000, macro-F1 0.6703, Cohen's kappa 0.3478 on 100 examples\n");
        org.rnnlab.evaluation.metrics.ScoreIntervals i = EvaluateCommand.intervals(r);
        assertThat(i.kappaLow()).isLessThan(8.0 / 23);
        assertThat(i.kappaHigh()).isGreaterThan(8.0 / 23);
        assertThat(text).contains(String.format(java.util.Locale.ROOT, "macro-F1 [%.4f, %.4f] and Cohen's kappa [%.4f, %.4f], "
                + "bootstrap over the 100 examples, 1000 resamples)", i.macroF1Low(), i.macroF1High(), i.kappaLow(), i.kappaHigh()));
        // undefined (every sequence of one class and predicted as it): said, not NaN, and no interval
        EvaluationResult one = Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{12, 0}, {0, 0}}, List.of(), 0);
        assertThat(EvaluateCommand.text(one, "title")).contains("accuracy 1.0000, macro-F1 1.0000, Cohen's kappa - (undefined: one "
                + "class holds every sequence and every prediction) on 12 examples\n").doesNotContain("NaN")
                .contains("macro-F1 [1.0000, 1.0000], bootstrap over");
    }

    @Test
    void unknownLabelsAreTabledAgainstTheClassesTheModelGaveThem() {
        java.util.Map<String, java.util.Map<String, Integer>> unknown = new java.util.TreeMap<>();
        unknown.put("Sleep stage 1", new java.util.TreeMap<>(java.util.Map.of("N1", 10, "N2", 2)));
        unknown.put("Sleep stage W", new java.util.TreeMap<>(java.util.Map.of("W", 3, "N1", 3)));
        assertThat(EvaluateCommand.unknownLabelTable(unknown, List.of("W", "N1", "N2"))).isEqualTo("\n"
                + "sequences of labels the model does not know, left out of the scores (rows: their label, columns: the class the "
                + "model gave them)\n"
                + "                   W     N1     N2  total  mostly\n"
                + "Sleep stage 1      0     10      2     12  N1 83%\n"
                + "Sleep stage W      3      3      0      6  W, N1 50% each\n");
        // class names with white space: numbered, as in the confusion matrix
        String spaced = EvaluateCommand.unknownLabelTable(java.util.Map.of("x", java.util.Map.of("walking up", 1)),
                List.of("walking up", "walking down"));
        assertThat(spaced).contains("numbered as the model's classes: 1 walking up, 2 walking down)\n")
                .contains("\nx             1      0      1  walking up 100%\n");
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
