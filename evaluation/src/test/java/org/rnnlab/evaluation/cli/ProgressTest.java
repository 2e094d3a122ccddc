package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rnnlab.training.EpochStats;

/**
 * Training progress written to a log (standard error not a terminal, as under the test runner): no bars, but a line
 * per epoch unless --quiet (a user's try: a redirected train printed nothing until its summary).
 */
class ProgressTest {

    private static String written(boolean quiet) {
        return written(quiet, 0.75);
    }

    private static String written(boolean quiet, double validationAccuracy) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (Progress p = new Progress("train", quiet)) {
            p.onIteration(1, 1, 2, 0.7);
            p.onIteration(1, 2, 2, 0.6);
            p.onEpoch(new EpochStats(1, 0.65, validationAccuracy, 1.5, 128));
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLogGetsOneLinePerEpochAndNoBars() {
        assertThat(Progress.standardErrorIsATerminal()).as("the test runner's standard error is not a terminal").isFalse();
        assertThat(written(false)).isEqualTo("train epoch 1: loss 0.6500, validation accuracy 0.7500, 1.5 s, 128 samples/s"
                + System.lineSeparator());
        assertThat(written(true)).isEmpty();
    }

    @Test
    void theEpochLineShowsTheValueOfAThresholdFreeSelection() {
        // trial 65c: the line showed a macro-F1 flat at 0.4923, nothing of what was moving
        EpochStats stats = new EpochStats(2, 0.30, 0.97, 1.5, 128, null, 0.4923, 0.1234, 0.8123, 0.4567);
        for (var e : java.util.Map.of(org.rnnlab.training.EpochSelection.LOG_LOSS, ", log-loss 0.1234",
                org.rnnlab.training.EpochSelection.ROC_AUC, ", ROC AUC 0.8123",
                org.rnnlab.training.EpochSelection.AVERAGE_PRECISION, ", average precision 0.4567",
                org.rnnlab.training.EpochSelection.MACRO_F1, "").entrySet()) {
            PrintStream saved = System.err;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            try (Progress p = new Progress("train", false)) {
                p.onStart(org.rnnlab.training.TrainingConfig.defaults().withSelection(e.getKey()));
                p.onEpoch(stats);
            } finally {
                System.setErr(saved);
            }
            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("train epoch 2: loss 0.3000, validation accuracy 0.9700, "
                    + "macro-F1 0.4923" + e.getValue() + ", 1.5 s, 128 samples/s" + System.lineSeparator());
        }
    }

    @Test
    void withoutValidationDataTheLineSaysSoInsteadOfNaN() {
        assertThat(written(false, Double.NaN)).isEqualTo("train epoch 1: loss 0.6500, no validation data, 1.5 s, 128 samples/s"
                + System.lineSeparator());
    }
}
