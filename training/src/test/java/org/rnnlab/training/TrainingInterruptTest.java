package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;

/** Interrupting the training thread ({@code Future.cancel(true)}) stops training as the stop flag does. */
class TrainingInterruptTest {

    @Test
    void anInterruptStopsTrainingAfterTheMinibatchKeepingTheInterruptStatus(@TempDir Path dir) throws Exception {
        SequenceDataset data = TrainerTest.firstStepSign(64, 5);
        ModelSpec spec = ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(8));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(100_000).withBatchSize(8);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Path checkpoints = dir.resolve("checkpoints");
        Thread training = new Thread(() -> {
            try {
                Trainer.train(spec, config, data, new Trainer.Options(new Trainer.Listener() {
                    @Override
                    public void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
                        started.countDown();
                    }
                }, checkpoints, null));
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        training.start();
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        training.interrupt();
        training.join(30_000);
        assertThat(training.isAlive()).as("training ended after the interrupt").isFalse();
        assertThat(thrown.get()).isInstanceOf(TrainingInterruptedException.class)
                .hasMessageContaining("(the training thread was interrupted)")
                .hasMessageContaining("checkpoint written to");
        assertThat(stillInterrupted).as("the interrupt status is kept").isTrue();
        assertThat(Files.exists(checkpoints.resolve("checkpoint.zip"))).as("the checkpoint was written despite the interrupt").isTrue();
    }

    /**
     * A review's case: an interrupt that arrives after an epoch's last minibatch (here from the epoch listener, called after
     * validation) reached the epoch's checkpoint with the thread still interrupted; the interruptible file channel refused
     * it, and the run failed with "cannot write checkpoint" instead of stopping with its checkpoint.
     */
    @Test
    void anInterruptAtAnEpochsEndStopsWithTheEpochsCheckpoint(@TempDir Path dir) throws Exception {
        SequenceDataset data = TrainerTest.firstStepSign(64, 5);
        ModelSpec spec = ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(8));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(5).withBatchSize(8);
        Path checkpoints = dir.resolve("checkpoints");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread training = new Thread(() -> {
            try {
                Trainer.train(spec, config, data, new Trainer.Options(new Trainer.Listener() {
                    @Override
                    public void onEpoch(EpochStats stats) {
                        Thread.currentThread().interrupt();
                    }
                }, checkpoints, null));
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        training.start();
        training.join(120_000);
        assertThat(training.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(TrainingInterruptedException.class)
                .hasMessageContaining("(the training thread was interrupted)").hasMessageContaining("checkpoint written to");
        assertThat(stillInterrupted).isTrue();
        assertThat(Checkpoint.readState(checkpoints).progress().epoch()).as("the epoch's checkpoint").isGreaterThanOrEqualTo(1);
    }
}
