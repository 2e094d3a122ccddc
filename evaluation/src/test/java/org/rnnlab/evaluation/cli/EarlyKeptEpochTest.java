package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.train.TrainOutcome;
import org.rnnlab.training.EpochStats;

/**
 * train warns when the epoch it keeps comes early in the run and scored below perfect on validation (a sleep-lab trial's
 * --config run kept epoch 1 of 16, macro-F1 0.50, with no word), and not when that epoch was perfect or the run short.
 */
class EarlyKeptEpochTest {

    private static TrainOutcome outcome(int best, int epochs, long[][] validationConfusion, String keptBy) {
        List<EpochStats> history = IntStream.rangeClosed(1, epochs).mapToObj(e -> new EpochStats(e, 1.0 / e, 0.5, 1, 100)).toList();
        EvaluationResult validation = validationConfusion == null ? null
                : Evaluator.fromConfusion(List.of("a", "b"), validationConfusion, List.of(), 0.1);
        return new TrainOutcome(Path.of("run"), Path.of("run/model.rnnlab"), "gru-16", best, 10, history, validation, null,
                "early stopping", keptBy);
    }

    @Test
    void anEarlyImperfectEpochIsWarnedOf() {
        long[][] half = {{5, 5}, {5, 5}};
        assertThat(TrainCommand.earlyKept(outcome(1, 16, half, "highest validation macro-F1"))).hasValueSatisfying(w ->
                assertThat(w).startsWith("the epoch kept is 1 of 16: no later epoch scored a higher validation macro-F1 than its "
                        + "0.5000 on the 20 validation sequences").contains("--set validationFraction=0.25"));
        assertThat(TrainCommand.earlyKept(outcome(3, 16, half, "highest validation accuracy"))).isPresent(); // 3 x 5 <= 16
        assertThat(TrainCommand.earlyKept(outcome(4, 16, half, "highest validation accuracy"))).isEmpty();
        assertThat(TrainCommand.earlyKept(outcome(1, 4, half, "highest validation accuracy"))).as("a short run").isEmpty();
        long[][] perfect = {{10, 0}, {0, 10}};
        assertThat(TrainCommand.earlyKept(outcome(1, 16, perfect, "highest validation accuracy"))).as("nothing to beat").isEmpty();
        assertThat(TrainCommand.earlyKept(outcome(1, 16, null, "lowest training loss"))).as("no validation data").isEmpty();
    }

    @Test
    void byLogLossTheWarningSaysLowerAndGivesTheKeptLogLoss() {
        // trial 65c: --select log-loss, lower is better; its kept value is the history's, not an accuracy
        List<EpochStats> history = IntStream.rangeClosed(1, 16).mapToObj(e -> new EpochStats(e, 1.0 / e, 0.5, 1, 100, null, 0.5,
                e == 1 ? 0.2 : 0.3, 0.7, 0.4)).toList();
        long[][] half = {{5, 5}, {5, 5}};
        TrainOutcome byLogLoss = new TrainOutcome(Path.of("run"), Path.of("run/model.rnnlab"), "gru-16", 1, 10, history,
                Evaluator.fromConfusion(List.of("a", "b"), half, List.of(), 0.1), null, "early stopping", "lowest validation log-loss");
        assertThat(byLogLoss.selection()).isEqualTo(org.rnnlab.training.EpochSelection.LOG_LOSS);
        assertThat(TrainCommand.earlyKept(byLogLoss)).hasValueSatisfying(w -> assertThat(w).startsWith("the epoch kept is 1 of 16: "
                + "no later epoch scored a lower validation log-loss than its 0.2000 on the 20 validation sequences"));
        assertThat(TrainCommand.keptThresholdFree(byLogLoss)).isEqualTo(", log-loss 0.2000");
        assertThat(TrainCommand.keptThresholdFree(outcome(1, 16, half, "highest validation macro-F1"))).isEmpty();
    }

    /**
     * Trial 80e F1: with --calibrate prior the epochs are scored on the uncorrected probabilities (epoch 1 macro-F1 1.0000,
     * then 0.6615, 0.6069, 0.6293, 0.7591, 0.6853), and the validation result is of the corrected ones (0.6045). The warning
     * said "no later epoch scored a higher validation macro-F1 than its 0.6045", false of epochs 2, 5 and 6: it now gives
     * 1.0000, the value the epoch was chosen by, then the corrected one; the kept line gives both too.
     */
    @Test
    void withAPriorCorrectionTheWarningQuotesTheScoreTheEpochWasChosenByThenTheCorrectedOne() {
        double[] f1 = {1.0, 0.6615, 0.6069, 0.6293, 0.7591, 0.6853};
        double[] accuracy = {1.0, 0.8869, 0.7003, 0.7798, 0.9847, 0.9388};
        List<EpochStats> history = IntStream.rangeClosed(1, 6).mapToObj(e -> new EpochStats(e, 1.0 / e, accuracy[e - 1], 1, 100,
                null, f1[e - 1], 0.5, null, null)).toList();
        // the corrected validation predictions: 'A' 0 of 1, 'N' 295 of 295, 'V' 22 of 31 (the trial's confusion matrix)
        long[][] corrected = {{0, 1, 0}, {0, 295, 0}, {0, 9, 22}};
        EvaluationResult validation = Evaluator.fromConfusion(List.of("A", "N", "V"), corrected, List.of(), 0.1);
        org.rnnlab.evaluation.train.PriorEffect effect = org.rnnlab.evaluation.train.PriorEffect.of(List.of("A", "N", "V"),
                actual(corrected), actual(corrected), predicted(corrected), 1.0, validation.macroF1());
        TrainOutcome outcome = new TrainOutcome(Path.of("run"), Path.of("run/model.rnnlab"), "gru-32-max", 1, 10, history,
                validation, null, "early stopping", "highest validation macro-F1", null, false, false, null, List.of(), null, null,
                effect);
        String macroF1After = String.format(java.util.Locale.ROOT, "%.4f", validation.macroF1());
        assertThat(macroF1After).isEqualTo("0.6045");
        assertThat(TrainCommand.earlyKept(outcome)).hasValueSatisfying(w -> assertThat(w).startsWith("the epoch kept is 1 of 6: "
                + "no later epoch scored a higher validation macro-F1 than its 1.0000 (before the prior correction, as every "
                + "epoch was scored; 0.6045 after it, the score of the model's predictions) on the 327 validation sequences"));
        assertThat(TrainCommand.keptValidationPart(outcome)).isEqualTo("validation accuracy 1.0000, macro-F1 1.0000 before the "
                + "prior correction (the epochs were scored on these), 0.9694 and 0.6045 after it (the model's predictions)");
        // and the line's counts: 10 moved, all from right to wrong
        assertThat(effect.words()).isEqualTo("10 validation sequence(s) changed predicted class, 0 from a wrong class to the "
                + "right one and 10 from the right class to a wrong one: validation accuracy 1.0000 -> 0.9694, macro-F1 1.0000 -> "
                + "0.6045, recall 'A' 1/1 -> 0/1, 'V' 31/31 -> 22/31 ('N' unchanged)");
        assertThat(effect.worseDecisions()).isTrue();
    }

    /** The true class of each sequence of a confusion matrix (rows: actual), in row order. */
    private static int[] actual(long[][] confusion) {
        return IntStream.range(0, confusion.length).flatMap(a -> IntStream.range(0, confusion.length)
                .flatMap(p -> IntStream.generate(() -> a).limit(confusion[a][p]))).toArray();
    }

    /** The predicted class of each sequence of a confusion matrix, in the order of {@link #actual}. */
    private static int[] predicted(long[][] confusion) {
        return IntStream.range(0, confusion.length).flatMap(a -> IntStream.range(0, confusion.length)
                .flatMap(p -> IntStream.generate(() -> p).limit(confusion[a][p]))).toArray();
    }

    @Test
    void aTieBrokenByTheLowerLogLossIsSaid() {
        // trial 71c: macro-F1 0.9955 at epochs 1, 3, 4, 5, 6; the log-loss fell from 0.43 to 0.0076: epoch 6 is kept, and said why
        double[] f1 = {0.9955, 0.99, 0.9955, 0.9955, 0.9955, 0.9955};
        double[] loss = {0.4320, 0.2, 0.1, 0.05, 0.02, 0.0076};
        List<EpochStats> history = IntStream.rangeClosed(1, 6).mapToObj(e -> new EpochStats(e, 1.0 / e, 0.99, 1, 100, null,
                f1[e - 1], loss[e - 1], null, null)).toList();
        long[][] confusion = {{10, 0}, {0, 10}};
        TrainOutcome kept6 = new TrainOutcome(Path.of("run"), Path.of("run/model.rnnlab"), "bigru-32", 6, 10, history,
                Evaluator.fromConfusion(List.of("a", "b"), confusion, List.of(), 0.1), null, "epochs", "highest validation macro-F1");
        assertThat(TrainCommand.tieBroken(kept6)).hasValue("epoch 6 kept: its validation macro-F1 0.9955 equals that of epoch(s) "
                + "1, 3, 4, 5; the tie is broken by the lower validation log-loss, 0.0076 against 0.4320 at epoch 1");
        TrainOutcome kept1 = new TrainOutcome(Path.of("run"), Path.of("run/model.rnnlab"), "bigru-32", 1, 10, history,
                Evaluator.fromConfusion(List.of("a", "b"), confusion, List.of(), 0.1), null, "epochs", "highest validation macro-F1");
        assertThat(TrainCommand.tieBroken(kept1)).as("no earlier epoch tied").isEmpty();
    }
}
