package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.training.TrainingState.BestEpoch;

class CheckpointingTest {
    static final SequenceDataset DATA = TrainerTest.firstStepSign(8, 9);
    static final ModelSpec SPEC = Trainer.adaptTo(ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(2)), DATA);

    final MultiLayerNetwork net = NetworkFactory.build(SPEC, 2, 2);
    final List<Long> written = new ArrayList<>();
    final AtomicLong clock = new AtomicLong();

    Checkpointing checkpointing(Path dir, TrainingConfig config) {
        Trainer.Listener listener = new Trainer.Listener() {
            @Override
            public void onCheckpoint(TrainingState state) {
                written.add(state.progress().iteration());
            }
        };
        return new Checkpointing(dir, config, 2, 2, listener, clock::get);
    }

    static TrainingState after(int batches, TrainingConfig config) {
        TrainingState state = TrainingState.start(SPEC, config, DATA);
        for (int i = 0; i < batches; i++) {
            state = state.afterBatch(0.5, 4, 0.01);
        }
        return state;
    }

    @Test
    void writesEveryNthMinibatchAndAtEveryEpochEnd(@TempDir Path dir) {
        TrainingConfig config = TrainingConfig.defaults().withCheckpoints(3, 0);
        Checkpointing checkpoints = checkpointing(dir, config);
        for (int i = 1; i <= 7; i++) {
            checkpoints.afterBatch(after(i, config), net, null, false);
        }
        assertThat(written).containsExactly(3L, 6L);
        checkpoints.afterEpoch(after(7, config), net, null);
        assertThat(written).containsExactly(3L, 6L, 7L);
    }

    @Test
    void writesWhenTheMinutesHavePassedSinceTheLastCheckpoint(@TempDir Path dir) {
        TrainingConfig config = TrainingConfig.defaults().withCheckpoints(0, 1.0);
        Checkpointing checkpoints = checkpointing(dir, config);
        long[] seconds = {30, 61, 90, 120, 122};
        for (int i = 0; i < seconds.length; i++) {
            clock.set(TimeUnit.SECONDS.toNanos(seconds[i]));
            checkpoints.afterBatch(after(i + 1, config), net, null, false);
        }
        assertThat(written).as("at 61 s, then a minute after that").containsExactly(2L, 5L);
    }

    @Test
    void writesBeforeAStopEvenWhenNoneIsDue(@TempDir Path dir) {
        TrainingConfig config = TrainingConfig.defaults().withCheckpoints(0, 0);
        Checkpointing checkpoints = checkpointing(dir, config);
        checkpoints.afterBatch(after(1, config), net, null, false);
        checkpoints.afterBatch(after(2, config), net, null, true);
        assertThat(written).containsExactly(2L);
    }

    @Test
    void withoutAFolderNothingIsWritten() {
        TrainingConfig config = TrainingConfig.defaults().withCheckpoints(1, 0);
        Checkpointing none = checkpointing(null, config);
        none.afterBatch(after(1, config), net, null, true);
        none.afterEpoch(after(1, config), net, null);
        assertThat(none.enabled()).isFalse();
        assertThat(written).isEmpty();
    }

    @Test
    void whatItWritesReadsBackForResuming(@TempDir Path dir) throws IOException {
        TrainingConfig config = TrainingConfig.defaults().withCheckpoints(3, 0);
        TrainingState epoch1 = after(2, config);
        TrainingState state = epoch1.afterEpoch(epoch1.epochStats(0.75), BestEpoch.at(1, 0.75), false).afterBatch(0.5, 4, 0.01);
        checkpointing(dir, config).afterBatch(state, net, net.params().dup(), false);
        assertThat(written).containsExactly(3L);
        Checkpoint.Loaded loaded = Checkpoint.read(dir);
        assertThat(loaded.state()).isEqualTo(state);
        assertThat(loaded.network().params()).isEqualTo(net.params());
        assertThat(loaded.bestParams()).isEqualTo(net.params());
    }
}
