package org.rnnlab.evaluation.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.TrainingConfig;

/** results.json says why training ended (a user could tell a time budget from early stopping only by the log). */
class TrainOutcomeTest {

    private static List<EpochStats> epochs(int n) {
        List<EpochStats> h = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            h.add(new EpochStats(e, 1.0 / e, 0.5, 1, 100));
        }
        return h;
    }

    @Test
    void theReasonFollowsFromTheEpochsThePatienceAndTheKeptEpoch() {
        TrainingConfig ten = TrainingConfig.defaults().withEpochs(10).withEarlyStopping(3, 0);
        assertThat(TrainOutcome.stoppedBy(ten, epochs(10), 4, true)).isEqualTo("epochs");
        assertThat(TrainOutcome.stoppedBy(ten, epochs(7), 4, true)).isEqualTo("early stopping");
        assertThat(TrainOutcome.stoppedBy(ten.withTimeBudgetSeconds(60), epochs(6), 4, true)).isEqualTo("time budget");
        // without a time budget only early stopping ends a run early, even when a tie broken by the validation log-loss kept its
        // last epoch (a run stopped at epoch 4 of 12, kept 4, was recorded as "time budget")
        assertThat(TrainOutcome.stoppedBy(ten, epochs(6), 4, true)).isEqualTo("early stopping");
        assertThat(TrainOutcome.stoppedBy(ten, epochs(4), 4, true)).isEqualTo("early stopping");
        assertThat(TrainOutcome.stoppedBy(ten, epochs(7), 4, false)).as("no validation: no early stopping").isEqualTo("time budget");
        assertThat(TrainOutcome.stoppedBy(ten.withEarlyStopping(0, 0), epochs(7), 4, true)).isEqualTo("time budget");
    }
}
