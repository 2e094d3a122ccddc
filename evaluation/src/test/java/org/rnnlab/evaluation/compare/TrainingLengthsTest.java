package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.TrainingConfig;

/**
 * What a comparison's report says of the epochs its runs trained: the budget is an upper bound, early stopping is
 * named, and a configuration stopped while its training loss was still falling is warned of (the user's case: an RNN
 * stopped at epoch 6 of 10, best epoch 1, against LSTM and GRU that trained all 10).
 */
class TrainingLengthsTest {

    private static RunResult run(String configuration, long seed, int bestEpoch, double... losses) {
        List<EpochStats> history = new ArrayList<>();
        for (int e = 0; e < losses.length; e++) {
            history.add(new EpochStats(e + 1, losses[e], 0.5 + 0.01 * e, 1, 100));
        }
        return new RunResult(configuration, configuration, "none", seed, null, bestEpoch, 1, 100, 10, null, history, List.of(),
                null, null);
    }

    private static ComparisonResult result(int patience, RunResult... runs) {
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(10).withBatchSize(32).withEarlyStopping(patience, 0), 2, 1, 16);
        return new ComparisonResult("csv", List.of("a", "b"), null, config, List.of(runs), List.of(), 1);
    }

    @Test
    void runsWhoseLossJumpedWithoutClippingAreWarnedOf() {
        RunResult lstm = run("lstm-32", 1, 3, 1.19, 0.42, 0.157, 0.759);
        RunResult gru = run("gru-32", 1, 4, 1.1, 0.5, 0.3, 0.2);
        assertThat(TrainingLengths.lossJumped(result(0, lstm, gru))).hasValueSatisfying(w -> assertThat(w)
                .contains("(lstm-32: seed 1 4.8x in epoch 4 (0.1570 in epoch 3, then 0.7590))").doesNotContain("gru-32")
                .contains("--clip l2:1"));
        assertThat(TrainingLengths.lossJumped(result(0, gru))).isEmpty();
        RunResult clipped = new RunResult("lstm-32-l2", "lstm-32", "l2:1.0", 1, null, 3, 1, 100, 10, null, lstm.history(), List.of(),
                null, null);
        assertThat(TrainingLengths.lossJumped(result(0, clipped))).as("clipped already").isEmpty();
    }

    @Test
    void aRunStoppedWhileItsLossStillFellIsWarnedOf() {
        RunResult rnn = run("rnn-16", 1, 1, 0.716, 0.689, 0.673, 0.669, 0.652, 0.645);  // stopped at 6, loss still falling
        RunResult lstm = run("lstm-16", 1, 9, 0.7, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.09, 0.08, 0.07);
        ComparisonResult r = result(5, rnn, lstm);
        assertThat(TrainingLengths.describe(r)).isEqualTo("up to 10 epochs of batch 32; early stopping after 5 epochs without "
                + "validation gain; the runs trained 6-10 epochs");
        assertThat(TrainingLengths.stoppedWhileLearning(r)).hasValueSatisfying(w -> assertThat(w)
                .contains("before the 10-epoch budget (rnn-16: seed 1 at epoch 6 (best 1))").contains("--patience 0")
                .doesNotContain("lstm-16"));
    }

    @Test
    void aRunStoppedOnAPlateauOrOneThatUsedTheBudgetIsNot() {
        RunResult plateau = run("rnn-16", 2, 2, 0.7, 0.5, 0.51, 0.52, 0.53, 0.55, 0.56); // its loss rose after epoch 2
        RunResult whole = run("lstm-16", 2, 10, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.09, 0.08, 0.07);
        ComparisonResult r = result(0, plateau, whole);
        assertThat(TrainingLengths.stoppedWhileLearning(r)).isEmpty();
        assertThat(TrainingLengths.describe(r)).isEqualTo("up to 10 epochs of batch 32; the runs trained 7-10 epochs");
        assertThat(TrainingLengths.describe(result(0, whole))).endsWith("the runs trained 10 epochs");
        // without early stopping (or with a time budget) a short run was not stopped by patience: no such warning
        RunResult falling = run("rnn-16", 1, 6, 0.716, 0.689, 0.673, 0.669, 0.652, 0.645);
        assertThat(TrainingLengths.stoppedWhileLearning(result(0, falling))).isEmpty();
        assertThat(TrainingLengths.stoppedWhileLearning(result(5, falling))).isPresent();
        // a run whose validation accuracy reached 1.0 had nothing left to gain from more epochs: not warned of
        List<EpochStats> perfect = new ArrayList<>();
        for (int e = 0; e < 6; e++) {
            perfect.add(new EpochStats(e + 1, 0.7 - 0.1 * e, e == 0 ? 1.0 : 0.9 + 0.01 * e, 1, 100));
        }
        RunResult solved = new RunResult("rnn-16", "rnn-16", "none", 3, null, 1, 1, 100, 10, null, perfect, List.of(), null, null);
        assertThat(TrainingLengths.stoppedWhileLearning(result(5, solved))).isEmpty();
    }

    @Test
    void runsThatKeptAnEarlyEpochAreNamedAsTrainNamesOne() {
        RunResult early = run("gru-16", 2, 1, 0.7, 0.69, 0.68, 0.67, 0.66, 0.65);         // kept 1 of 6, validation below 1
        RunResult late = run("lstm-16", 2, 5, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2);             // kept 5 of 6
        RunResult short4 = run("rnn-16", 2, 1, 0.7, 0.6, 0.5, 0.4);                      // 4 epochs: too few to judge
        assertThat(TrainingLengths.keptEarly(result(5, early, late, short4))).hasValueSatisfying(w -> assertThat(w)
                .contains("(gru-16: seed 2 kept 1 of 6)").doesNotContain("lstm-16").doesNotContain("rnn-16"));
        assertThat(TrainingLengths.keptEarly(result(5, late, short4))).isEmpty();
    }

    @Test
    void underLogLossTheKeptEarlyWarningAndTheLearningCurvesAltTextSpeakOfTheLowest() {
        // a review: compare's warning said "no later epoch scoring higher on validation", and the alt text named the highest
        // point, the worst epoch of a log-loss
        RunResult early = run("gru-16", 2, 1, 0.7, 0.69, 0.68, 0.67, 0.66, 0.65);
        ComparisonResult byLogLoss = new ComparisonResult("csv", List.of("a", "b"), null, new ComparisonConfig(
                Architecture.parseList("rnn,lstm"), ClipSetting.parseList("none"), ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(10).withBatchSize(32).withEarlyStopping(5, 0)
                        .withSelection(org.rnnlab.training.EpochSelection.LOG_LOSS), 2, 1, 16), List.of(early), List.of(), 1);
        assertThat(TrainingLengths.keptEarly(byLogLoss)).hasValueSatisfying(w -> assertThat(w)
                .contains("no later epoch scoring a lower validation log-loss (gru-16: seed 2 kept 1 of 6)").doesNotContain("higher"));
        assertThat(TrainingLengths.keptEarly(result(5, early))).hasValueSatisfying(w -> assertThat(w)
                .contains("no later epoch scoring higher on validation"));
        List<org.rnnlab.evaluation.report.Charts.Line> curve = List.of(org.rnnlab.evaluation.report.Charts.Line.of("gru",
                new double[] {1, 2, 3, 4}, new double[] {0.62, 0.41, 0.48, 0.55}));
        assertThat(org.rnnlab.evaluation.report.ComparisonReport.lineAlt(curve, "epoch", false, true))
                .isEqualTo("gru: 0.620 at epoch 1, 0.550 at epoch 4, lowest 0.410 at epoch 2");
        // higher is better (accuracy): the highest point, as before
        List<org.rnnlab.evaluation.report.Charts.Line> rising = List.of(org.rnnlab.evaluation.report.Charts.Line.of("gru",
                new double[] {1, 2, 3, 4}, new double[] {0.52, 0.81, 0.74, 0.70}));
        assertThat(org.rnnlab.evaluation.report.ComparisonReport.lineAlt(rising, "epoch", false, false))
                .isEqualTo("gru: 0.520 at epoch 1, 0.700 at epoch 4, highest 0.810 at epoch 2");
        assertThat(org.rnnlab.evaluation.report.ComparisonReport.lineAlt(curve, "epoch", false, true))
                .doesNotContain("highest");
    }

    @Test
    void configurationsStillImprovingAtTheEndOfTheBudgetAreNamed() {
        double[] ten = {0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.09, 0.08};
        RunResult last1 = run("gru-16", 1, 10, ten);
        RunResult last2 = run("gru-16", 2, 10, ten);
        RunResult settled = run("lstm-16", 1, 4, ten);
        RunResult settled2 = run("lstm-16", 2, 10, ten); // 1 of 2 lstm runs: half, named too
        RunResult rnn = run("rnn-16", 1, 3, ten);
        assertThat(TrainingLengths.stillImproving(result(0, last1, last2, settled, settled2, rnn))).hasValueSatisfying(w ->
                assertThat(w).contains("last epoch of the 10-epoch budget").contains("gru-16: 2 of 2 runs; lstm-16: 1 of 2 runs")
                        .doesNotContain("rnn-16"));
        assertThat(TrainingLengths.stillImproving(result(0, settled, rnn))).isEmpty();
    }
}
