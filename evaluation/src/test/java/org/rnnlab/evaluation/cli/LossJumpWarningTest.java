package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.compare.TrainingLengths;
import org.rnnlab.evaluation.train.TrainOutcome;
import org.rnnlab.training.EpochStats;

/**
 * train warns when an epoch's training loss jumped to more than twice the previous epoch's without gradient clipping (a
 * trial's text run: 0.157 to 0.759 in epoch 4, no word; --clip l2:1 trained smoothly), and not of ordinary noisy runs.
 */
class LossJumpWarningTest {

    private static TrainOutcome outcome(int best, double... losses) {
        List<EpochStats> history = new ArrayList<>();
        for (int e = 0; e < losses.length; e++) {
            history.add(new EpochStats(e + 1, losses[e], 0.5, 1, 100));
        }
        return new TrainOutcome(Path.of("run"), Path.of("run/model.rnnlab"), "lstm-32", best, 10, history, null, null,
                "epochs", "highest validation accuracy");
    }

    @Test
    void aJumpOfTheTrainingLossWithoutClippingIsWarnedOf() {
        TrainOutcome jumped = outcome(3, 1.19, 0.42, 0.1571, 0.7585);
        assertThat(TrainCommand.lossJumped(jumped, GradientNormalization.None)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("the training loss rose 4.8x in epoch 4 (0.1571 in epoch 3, then 0.7585) with no gradient clipping")
                .contains("(the epoch kept is 3)").contains("--clip l2:1").contains("a lower --lr"));
        // with clipping on, nothing to suggest
        assertThat(TrainCommand.lossJumped(jumped, GradientNormalization.ClipL2PerLayer)).isEmpty();
    }

    @Test
    void ordinaryNoisyRunsAreNotWarnedOf() {
        // falling with wobbles, a rise of 1.8x, and a doubling of a tiny loss (0.01 to 0.03): none is a jump
        assertThat(TrainCommand.lossJumped(outcome(5, 1.2, 0.8, 0.85, 0.5, 0.45), GradientNormalization.None)).isEmpty();
        assertThat(TrainCommand.lossJumped(outcome(2, 0.5, 0.2, 0.36, 0.3), GradientNormalization.None)).isEmpty();
        assertThat(TrainCommand.lossJumped(outcome(3, 0.2, 0.05, 0.01, 0.03), GradientNormalization.None)).isEmpty();
        assertThat(TrainingLengths.lossJump(List.of())).isEmpty();
    }
}
