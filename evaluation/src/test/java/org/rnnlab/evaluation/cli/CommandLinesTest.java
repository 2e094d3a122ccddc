package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {

    @Test
    void suggestedCommandsQuoteWhatAShellWouldSplitOrExpand() {
        assertThat(CommandLines.quote("/tmp/runs/res3")).isEqualTo("/tmp/runs/res3");
        assertThat(CommandLines.quote("/tmp/runs/res3 ü")).isEqualTo("'/tmp/runs/res3 ü'");
        assertThat(CommandLines.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(CommandLines.quote("")).isEqualTo("''");
        assertThat(CommandLines.quote("$HOME")).isEqualTo("'$HOME'");
        assertThat(CommandLines.quote(List.of("rnnlab", "train", "--set", "labelNames=\"a,b\",c", "--train", "my data.csv")))
                .isEqualTo("rnnlab train --set 'labelNames=\"a,b\",c' --train 'my data.csv'");
    }

    @Test
    void errorsNameTheCommandAsTypedAndAnUnknownCommandIsSaidToBeOne() {
        var bogus = TrainEvaluatePredictTest.run("bogus");
        assertThat(bogus.code()).isEqualTo(2);
        assertThat(bogus.err()).startsWith("rnnlab: unknown command 'bogus' (expected one of: compare, train").contains("(see rnnlab --help)");
        var dataBogus = TrainEvaluatePredictTest.run("data", "bogus");
        assertThat(dataBogus.err()).startsWith("rnnlab data: unknown command 'bogus' (expected one of: fetch, har-from-raw, example, windows)");
        // a subcommand of data names itself as typed (the hint named 'rnnlab example', which does not exist)
        var example = TrainEvaluatePredictTest.run("data", "example", "--like", "basicmotion", "--out", "never");
        assertThat(example.err()).startsWith("rnnlab data example: ").contains("(see rnnlab data example --help)");
    }

    @Test
    void aClassWithNothingToScoreIsShownUndefinedNotAsAFailure() {
        // rows actual, columns predicted: c never occurs and is never predicted; b occurs and is never found
        long[][] confusion = {{3, 1, 0}, {2, 0, 0}, {0, 0, 0}};
        var r = org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(List.of("a", "b", "c"), confusion, List.of(), 0);
        String text = EvaluateCommand.text(r, "t");
        assertThat(text).containsPattern("(?m)^c +- +- +- +0$");
        assertThat(text).containsPattern("(?m)^b +0\\.0000 +0\\.0000 +0\\.0000 +2$");
        assertThat(text).contains("(-: undefined. A class with no sequence here has no recall or F1 and is left out of macro recall "
                + "and macro-F1").contains("undefined if none was)");
        assertThat(r.macroF1()).isCloseTo((2 * 3.0 / (2 * 3 + 1 + 2) + 0) / 2, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aClassPredictedButAbsentGetsScikitLearnsMacroF1Beside() {
        // rows actual, columns predicted: 'flat' absent from the data but predicted 5 times (a trial's month without it)
        long[][] confusion = {{4, 1, 2}, {1, 3, 3}, {0, 0, 0}};
        var r = org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(List.of("up", "down", "flat"), confusion, List.of(), 0);
        double fUp = 2 * 0.8 * (4.0 / 7) / (0.8 + 4.0 / 7);
        double fDown = 2 * 0.75 * (3.0 / 7) / (0.75 + 3.0 / 7);
        assertThat(r.macroF1()).isCloseTo((fUp + fDown) / 2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(EvaluateCommand.macroF1PresentOrPredicted(r)).isCloseTo((fUp + fDown + 0) / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(EvaluateCommand.text(r, "t")).contains(String.format(java.util.Locale.ROOT, "(macro-F1 %.4f counting the class(es) "
                + "predicted here but absent, F1 0 each, as scikit-learn's f1_score(average='macro') does", (fUp + fDown) / 3));
        // nothing predicted but absent: no second number
        var plain = org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(List.of("up", "down", "flat"),
                new long[][] {{4, 1, 0}, {1, 3, 0}, {0, 0, 0}}, List.of(), 0);
        assertThat(EvaluateCommand.macroF1PresentOrPredicted(plain)).isNull();
        assertThat(EvaluateCommand.text(plain, "t")).doesNotContain("scikit-learn");
    }

    @Test
    void intervalsOfSequencesThatAreNotIndependentAreSaidToBeTooNarrow() {
        var r = org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{40, 10}, {5, 45}}, List.of(), 0);
        assertThat(EvaluateCommand.intervalLines(r)).contains("(95% intervals: accuracy [").doesNotContain("too narrow");
        assertThat(EvaluateCommand.intervalLines(r, "the 100 sequences come from 5 groups of the column unit, and sequences of "
                + "one group are not independent")).endsWith("(these intervals and p-values take each sequence as an independent "
                + "example, but the 100 sequences come from 5 groups of the column unit, and sequences of one group are not "
                + "independent: they are too narrow; for ones that hold, score one window per series or windows that do not "
                + "overlap, or compare the groups' scores)\n");
    }

    @Test
    void labelsWithSpacesAreNumberedInTheConfusionMatrixHeaders() {
        long[][] confusion = {{3, 1}, {2, 5}};
        var spaced = org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(List.of("walking up", "walking down"), confusion, List.of(), 0);
        String text = EvaluateCommand.text(spaced, "t");
        // before, the header read "walking up walking down": which words make a column could not be told
        assertThat(text).contains("confusion matrix (rows: actual, columns: predicted, numbered as the rows)");
        assertThat(text).containsPattern("(?m)^ +1 +2$");
        assertThat(text).containsPattern("(?m)^1 walking up +3 +1$");
        assertThat(text).containsPattern("(?m)^2 walking down +2 +5$");
        var plain = org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(List.of("up", "down"), confusion, List.of(), 0);
        assertThat(EvaluateCommand.text(plain, "t")).containsPattern("(?m)^ +up +down$").containsPattern("(?m)^up +3 +1$")
                .doesNotContain("numbered");
    }
}
