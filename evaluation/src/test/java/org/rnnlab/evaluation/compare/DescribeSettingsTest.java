package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Conv1d;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.training.Augmentation;
import org.rnnlab.training.EpochSelection;
import org.rnnlab.training.LearningRateSchedule;
import org.rnnlab.training.TrainingConfig;

/**
 * The "every configuration" line names every shared setting that changes the runs (a user's line for {@code --layers 2
 * --residual --head attention --updater rmsprop --dropout 0.3 --weight-decay 1e-3 --lr-schedule step:2:0.5} left out the
 * weight decay and the schedule), and the budget line the epochs, patience and time budget.
 */
class DescribeSettingsTest {

    private static ComparisonConfig config(String cells, ModelSpec base, TrainingConfig training) {
        return new ComparisonConfig(Architecture.parseList(cells), ClipSetting.parseList("none"), base, training, 1, 1, 0);
    }

    @Test
    void everySettingThatChangesTheRunsIsNamed() {
        ModelSpec base = ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(8, 8)).withResidual(true)
                .withHead(SequenceHead.ATTENTION).withUpdater(UpdaterKind.RMSPROP, 0.005).withDropout(0.3).withWeightDecay(1e-3)
                .withConvolutions(List.of(Conv1d.parse("5x16/2"))).withImplementation(Implementation.RNNLAB);
        TrainingConfig training = TrainingConfig.defaults().withBatchSize(16).withSchedule(LearningRateSchedule.parse("step:2:0.5"))
                .withAugmentation(Augmentation.parse("jitter=0.03")).withSelection(EpochSelection.MACRO_F1);
        String line = config("lstm,gru", base, training).describeModel();
        assertThat(line).isEqualTo("causal convolution(s) 5x16/2, then 2 recurrent layers of 8 units with skip connections, "
                + "attention head, dropout 0.3, rmsprop at lr 0.005 times 0.5 every 2 epochs, weight decay 0.001, minibatches of "
                + "16, augmentation jitter=0.03, epoch kept by validation macro-F1");
        assertThat(config("lstm", base.withClassWeights(List.of(1.0, 10.0)), training).describeModel(List.of("a", "b")))
                .endsWith(", class weights a=1.00, b=10.0");

        // the defaults add only the minibatch size; cosine decay and DL4J's layers are named
        ModelSpec plain = ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)).withUpdater(UpdaterKind.ADAM, 0.005)
                .withImplementation(Implementation.RNNLAB);
        assertThat(config("gru", plain, TrainingConfig.defaults().withBatchSize(32)).describeModel())
                .isEqualTo("1 recurrent layer of 4 units, last head, adam at lr 0.005, minibatches of 32");
        assertThat(config("lstm", plain.withCell(CellType.LSTM).withImplementation(Implementation.DL4J),
                TrainingConfig.defaults().withBatchSize(32).withSchedule(LearningRateSchedule.parse("cosine"))).describeModel())
                .isEqualTo("1 recurrent layer of 4 units, last head, adam at lr 0.005 with cosine decay, minibatches of 32, "
                        + "DL4J's LSTM and RNN layers (--impl dl4j)");
    }

    @Test
    void theBudgetNamesEpochsPatienceAndTimeBudget() {
        ModelSpec base = ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4));
        assertThat(config("gru", base, TrainingConfig.defaults().withEpochs(20).withEarlyStopping(5, 0).withTimeBudgetSeconds(2))
                .describeBudget()).isEqualTo("up to 20 epochs, early stopping after 5 epochs without validation gain, time budget 2 s");
        assertThat(config("gru", base, TrainingConfig.defaults().withEpochs(1).withEarlyStopping(0, 0)).describeBudget())
                .isEqualTo("up to 1 epoch");
    }
}
