package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.synthetic.Agreement;

/** The trainer with {@link Augmentation}: it changes training, is resume-exact, and is refused for token input. */
class AugmentedTrainingTest {
    static final ModelSpec SPEC = ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(6));
    static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(3).withBatchSize(8).withCheckpoints(0, 0)
            .withAugmentation(Augmentation.parse("jitter=0.1,scale=0.1,magwarp=0.2,timewarp=0.2,slice=0.8"));

    static SequenceDataset data() {
        return TrainerTest.firstStepSign(48, 21); // lengths 3..6: masked minibatches
    }

    @Test
    void aRunStoppedMidEpochAndResumedEndsWithTheParametersOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
        TrainedModel uninterrupted = Trainer.train(SPEC, CONFIG, data());
        TrainedModel again = Trainer.train(SPEC, CONFIG, data());
        assertThat(again.network().params().toFloatVector()).as("same seed: same run")
                .containsExactly(uninterrupted.network().params().toFloatVector());
        TrainedModel plain = Trainer.train(SPEC, CONFIG.withAugmentation(Augmentation.none()), data());
        assertThat(plain.network().params().toFloatVector()).as("augmentation changes what is trained")
                .isNotEqualTo(uninterrupted.network().params().toFloatVector());
        TrainedModel otherSeed = Trainer.train(SPEC, CONFIG.withSeed(43), data());
        assertThat(otherSeed.network().params().toFloatVector()).isNotEqualTo(uninterrupted.network().params().toFloatVector());

        AtomicBoolean stop = new AtomicBoolean();
        List<Long> checkpoints = new ArrayList<>();
        Trainer.Listener stopMidEpoch2 = new Trainer.Listener() {
            @Override
            public void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
                stop.set(epoch == 2 && batch == 3);
            }

            @Override
            public void onCheckpoint(TrainingState state) {
                checkpoints.add(state.progress().iteration());
            }
        };
        assertThatThrownBy(() -> Trainer.train(SPEC, CONFIG, data(), new Trainer.Options(stopMidEpoch2, dir, stop)))
                .isInstanceOf(TrainingInterruptedException.class).hasMessageContaining("epoch 2, batch 3");
        assertThat(checkpoints).containsExactly(6L, 9L); // end of epoch 1 (6 minibatches), then the stop
        assertThat(Checkpoint.read(dir).state().config().augmentation()).isEqualTo(CONFIG.augmentation());
        TrainedModel resumed = Trainer.resume(dir, data(), Trainer.Options.none());
        assertThat(resumed.config().augmentation()).isEqualTo(CONFIG.augmentation());
        assertThat(resumed.network().params().toFloatVector()).containsExactly(uninterrupted.network().params().toFloatVector());
        assertThat(resumed.history()).extracting(EpochStats::trainLoss)
                .containsExactlyElementsOf(uninterrupted.history().stream().map(EpochStats::trainLoss).toList());
        assertThat(resumed.history()).extracting(EpochStats::validationAccuracy)
                .containsExactlyElementsOf(uninterrupted.history().stream().map(EpochStats::validationAccuracy).toList());
    }

    @Test
    void tokenInputIsRefused() {
        SequenceDataset tokens = Agreement.generate(Agreement.Config.defaults().withSizes(20, 10, 10).withDistances(1, 3));
        assertThatThrownBy(() -> Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), CONFIG, tokens))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TrainingConfig.augmentation (jitter=0.1,scale=0.1,magwarp=0.2,timewarp=0.2,slice=0.8)")
                .hasMessageContaining("dense (numeric) inputs only")
                .hasMessageContaining("dataset " + tokens.name() + " is read as token ids");
        TrainedModel plain = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)),
                CONFIG.withEpochs(1).withAugmentation(Augmentation.none()), tokens);
        assertThat(plain.history()).hasSize(1);
    }
}
