package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.train.TrainOutcome;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.TrainingConfig;

/**
 * train says, as compare does, that early stopping cannot end a run whose patience outlasts its budget, and warns when the
 * run kept the last epoch of its budget still improving (trial 77f: a --config run of 4 epochs, patience 5, kept epoch 4,
 * validation macro-F1 0.6480 at epoch 3 and 1.0000 at 4, with "early stopping may end sooner" and no warning).
 */
class StillImprovingTrainTest {

    private static TrainOutcome outcome(int best, double... macroF1) {
        List<EpochStats> history = new java.util.ArrayList<>();
        for (int e = 1; e <= macroF1.length; e++) {
            history.add(new EpochStats(e, 1.0 / e, 0.9, 1, 100, null, macroF1[e - 1], 0.5 / e, null, null));
        }
        long[][] confusion = macroF1[best - 1] == 1.0 ? new long[][] {{10, 0}, {0, 10}} : new long[][] {{9, 1}, {2, 8}};
        return new TrainOutcome(Path.of("run"), Path.of("run/model.rnnlab"), "rnn-16-max", best, 3, history,
                Evaluator.fromConfusion(List.of("a", "b"), confusion, List.of(), 0.1), null, "epochs", "highest validation macro-F1");
    }

    @Test
    void theLastEpochOfTheBudgetKeptWhileStillImprovingIsWarnedOf() {
        TrainingConfig four = TrainingConfig.defaults().withEpochs(4).withEarlyStopping(5, 0);
        assertThat(TrainCommand.stillImproving(outcome(4, 0.3049, 0.6384, 0.6480, 1.0), four)).hasValue("the run kept epoch 4, the "
                + "last of its 4-epoch budget, still improving when it ended (validation macro-F1 0.6480 at epoch 3, 1.0000 at "
                + "epoch 4): the model and its scores measure an unfinished training; more --epochs may give a better one");
        // below 1 at the last epoch, even tied with the one before (compare's rule): the log-loss that broke the tie is the
        // gain, said in the same sentence (trial 78b F5: "0.8235 at epoch 7, 0.8235 at epoch 8" read as a contradiction)
        assertThat(TrainCommand.stillImproving(outcome(4, 0.3, 0.6, 0.8, 0.8), four)).hasValueSatisfying(w -> assertThat(w)
                .contains("still improving when it ended (validation macro-F1 0.8000 at epochs 3 and 4, the tie broken by the lower "
                        + "validation log-loss, 0.1250 at epoch 4 against 0.1667 at epoch 3): "));
        // perfect since the epoch before: nothing left to gain; an earlier epoch kept; a run stopped before its budget's end
        assertThat(TrainCommand.stillImproving(outcome(4, 0.3, 0.6, 1.0, 1.0), four)).isEmpty();
        assertThat(TrainCommand.stillImproving(outcome(3, 0.3, 0.6, 0.8, 0.7), four)).isEmpty();
        assertThat(TrainCommand.stillImproving(outcome(3, 0.3, 0.6, 0.8), four)).isEmpty();
        assertThat(TrainCommand.stillImproving(outcome(4, 0.3, 0.6, 0.8, 0.9), null)).isEmpty();
    }

    @Test
    void aPatienceAsLongAsTheBudgetIsNotedInComparesWords() {
        assertThat(TrainCommand.patienceOutlastsBudget(TrainingConfig.defaults().withEpochs(4).withEarlyStopping(5, 0), true))
                .hasValue("early stopping cannot end a run of 4 epochs before its last: config.json's patience is 5 epochs without "
                        + "validation gain; the run trains all 4 epochs and keeps its best one");
        assertThat(TrainCommand.patienceOutlastsBudget(TrainingConfig.defaults().withEpochs(6).withEarlyStopping(5, 0), true)).isPresent();
        assertThat(TrainCommand.patienceOutlastsBudget(TrainingConfig.defaults().withEpochs(7).withEarlyStopping(5, 0), true)).isEmpty();
        assertThat(TrainCommand.patienceOutlastsBudget(TrainingConfig.defaults().withEpochs(4).withEarlyStopping(5, 0), false)).isEmpty();
        assertThat(TrainCommand.patienceOutlastsBudget(TrainingConfig.defaults().withEpochs(4).withEarlyStopping(0, 0), true)).isEmpty();
    }
}
