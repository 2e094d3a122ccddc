package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;

class CheckpointResumeTest {
    static TrainedModel uninterrupted;

    static SequenceDataset data() {
        return TrainerTest.firstStepSign(48, 21);
    }

    @BeforeAll
    static void trainWithoutInterruption() {
        uninterrupted = Trainer.train(ResumeChild.SPEC, ResumeChild.CONFIG, data());
    }

    @Test
    void stoppedAndResumedEndsWithIdenticalParameters(@TempDir Path dir) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> checkpoints = new ArrayList<>();
        Trainer.Listener stopMidEpoch2 = new Trainer.Listener() {
            @Override
            public void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
                if (epoch == 2 && batch == 3) {
                    stop.set(true);
                }
            }

            @Override
            public void onCheckpoint(TrainingState state) {
                checkpoints.add(state.progress().iteration());
            }
        };
        assertThatThrownBy(() -> Trainer.train(ResumeChild.SPEC, ResumeChild.CONFIG.withCheckpoints(0, 0), data(),
                new Trainer.Options(stopMidEpoch2, dir, stop)))
                .isInstanceOf(TrainingInterruptedException.class).hasMessageContaining("epoch 2, batch 3");
        assertThat(checkpoints).containsExactly(6L, 9L); // end of epoch 1 (6 batches), then the stop
        TrainedModel resumed = Trainer.resume(dir, data(), Trainer.Options.none());
        assertThat(resumed.network().params().toFloatVector()).containsExactly(uninterrupted.network().params().toFloatVector());
        assertThat(resumed.history()).extracting(EpochStats::trainLoss)
                .containsExactlyElementsOf(uninterrupted.history().stream().map(EpochStats::trainLoss).toList());
        assertThat(resumed.history()).extracting(EpochStats::validationAccuracy)
                .containsExactlyElementsOf(uninterrupted.history().stream().map(EpochStats::validationAccuracy).toList());
        assertThat(resumed.bestEpoch()).isEqualTo(uninterrupted.bestEpoch());
    }

    /**
     * Early stopping survives a resume: with patience 3 and a minimum gain no epoch can reach (1.0 of accuracy), only an
     * exact tie of epoch 1's accuracy at a lower validation log-loss is a gain (the epoch kept), and the run stops 3 epochs
     * after the last such epoch. Resumed from the checkpoint written at the end of epoch 2 or from one in the middle of
     * epoch 3, it stops after the same epoch, with the same history and parameters; a resume that forgot the count (or the
     * kept epoch's log-loss) would train on longer or keep another epoch.
     */
    @Test
    void aResumedRunStopsEarlyAfterTheSameEpochAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        ModelSpec spec = ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(20).withBatchSize(8).withEarlyStopping(3, 1.0).withCheckpoints(1, 0);
        Path run = Files.createDirectories(dir.resolve("run"));
        Path atEpochEnd = Files.createDirectories(dir.resolve("end-of-epoch-2"));
        Path midEpoch = Files.createDirectories(dir.resolve("epoch-3-batch-2"));
        Trainer.Listener snapshots = new Trainer.Listener() {
            @Override
            public void onCheckpoint(TrainingState state) {
                Path copy = state.progress().epoch() == 3 && state.progress().batchesDone() == 0 ? atEpochEnd
                        : state.progress().epoch() == 3 && state.progress().batchesDone() == 2 ? midEpoch : null;
                if (copy != null) {
                    try {
                        Files.copy(Checkpoint.file(run), Checkpoint.file(copy));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        TrainedModel full = Trainer.train(spec, config, data(), new Trainer.Options(snapshots, run, null));
        // trial 77a F4: the rule that stops a run and the one that keeps an epoch agree: three epochs without a gain after
        // the epoch kept, never a stop "without gain" at it
        assertThat(full.history()).as(full.history().toString()).hasSize(full.bestEpoch() + 3).hasSizeLessThan(20);
        // no epoch gains 1.0 on epoch 1's accuracy: of the epochs at exactly that accuracy, the one of lowest validation
        // log-loss is kept (an exact tie is broken by it), and a resumed run must keep the same
        double first = full.history().get(0).validationAccuracy();
        int tieBroken = full.history().stream().filter(e -> e.validationAccuracy() == first)
                .min(java.util.Comparator.comparingDouble(EpochStats::validationLogLoss)).orElseThrow().epoch();
        assertThat(full.bestEpoch()).as(full.history().toString()).isEqualTo(tieBroken);

        for (Path from : List.of(atEpochEnd, midEpoch)) {
            assertThat(Checkpoint.exists(from)).as("checkpoint copied to %s", from).isTrue();
            TrainedModel resumed = Trainer.resume(from, data(), Trainer.Options.none());
            assertThat(resumed.history()).as("epochs of the run resumed from %s", from.getFileName()).hasSameSizeAs(full.history());
            assertThat(resumed.history()).extracting(EpochStats::trainLoss)
                    .containsExactlyElementsOf(full.history().stream().map(EpochStats::trainLoss).toList());
            assertThat(resumed.bestEpoch()).isEqualTo(full.bestEpoch());
            assertThat(resumed.network().params().toFloatVector()).containsExactly(full.network().params().toFloatVector());
        }
    }

    @Test
    void aProcessKilledWithSigkillResumesToTheSameParameters(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ResumeChild.class.getName(),
                dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // wait until training is well under way (checkpoint of iteration >= 8), then kill -9 at once
            while (System.nanoTime() < deadline && child.isAlive()) {
                if (Checkpoint.exists(dir) && iterationOf(dir) >= 8) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("child still training when killed; log: %s", Files.readString(dir.resolve("child.log")))
                    .isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
        long at = iterationOf(dir);
        assertThat(at).isBetween(8L, 30L * 6 - 1); // killed mid-run: 30 epochs of 6 minibatches
        TrainedModel resumed = Trainer.resume(dir, data(), Trainer.Options.none());
        assertThat(resumed.network().params().toFloatVector()).containsExactly(uninterrupted.network().params().toFloatVector());
    }

    @Test
    void resumeRefusesOtherData(@TempDir Path dir) throws Exception {
        AtomicBoolean stop = new AtomicBoolean(true);
        assertThatThrownBy(() -> Trainer.train(ResumeChild.SPEC, ResumeChild.CONFIG, data(), new Trainer.Options(null, dir, stop)))
                .isInstanceOf(TrainingInterruptedException.class);
        assertThatThrownBy(() -> Trainer.resume(dir, TrainerTest.firstStepSign(48, 22), Trainer.Options.none()))
                .hasMessageContaining("resume with the same data");
        assertThatThrownBy(() -> Trainer.resume(dir.resolve("nothing"), data(), Trainer.Options.none()))
                .hasMessageContaining("no checkpoint in");
    }

    private static long iterationOf(Path dir) {
        try {
            return Checkpoint.read(dir).state().progress().iteration();
        } catch (Exception e) {
            return -1; // a file being replaced right now: read again next time
        }
    }
}
