package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;
import org.rnnlab.training.TrainingInterruptedException;

/**
 * A run stopped after an epoch and resumed prints the epoch lines of the uninterrupted run (trial 79b F1: the resumed run lost
 * epoch 4's tie note and said "early stopping may end sooner" to epoch 11, where the uninterrupted one stopped saying it at 7).
 */
class ResumedEpochLinesTest {

    private static final ModelSpec SPEC = ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(8));
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(8).withBatchSize(16).withEarlyStopping(3, 0);

    /**
     * The sign of the first step gives the class, under noise: in 8 epochs a GRU-8 learns it slowly, its validation accuracy
     * tied over several epochs with a falling log-loss (tie notes, and a best epoch late enough to end "early stopping may
     * end sooner").
     */
    private static SequenceDataset firstStepSign() {
        Random r = new Random(5);
        List<Sequence> all = new ArrayList<>();
        for (int i = 0; i < 112; i++) {
            int label = i % 2;
            float[][] v = new float[6][1];
            v[0][0] = label == 1 ? 1 : -1;
            for (int t = 1; t < v.length; t++) {
                v[t][0] = (float) (0.3 * r.nextGaussian());
            }
            all.add(new Sequence(v, label));
        }
        return new InMemorySequenceDataset("first-step-sign", InputDescription.dense(List.of("x"), 6), List.of("neg", "pos"),
                new SequenceSet(all.subList(0, 64)), new SequenceSet(all.subList(64, 96)), new SequenceSet(all.subList(96, 112)),
                new DatasetProvenance("first-step-sign", "generated", Map.of(), List.of(), 5));
    }

    /** The epoch lines {@code training} writes, without their times (seconds, samples/s and the time left). */
    private static List<String> epochLines(Runnable training) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            training.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("train epoch "))
                .map(l -> l.replaceAll(", [0-9.]+ s, [0-9]+ samples/s", ", T s").replaceAll("about [0-9:]+ left", "about T left")).toList();
    }

    /** Progress as train shows it in a log, stopping the run (as a SIGTERM does) after epoch {@code stopAfter} (0: never). */
    private static Trainer.Listener progress(int stopAfter) {
        Progress progress = new Progress("train", false, false, System::nanoTime);
        return new Trainer.Listener() {
            @Override
            public void onStart(TrainingConfig config) {
                progress.onStart(config);
            }

            @Override
            public void onResumed(List<EpochStats> finished) {
                progress.onResumed(finished);
            }

            @Override
            public void onEpoch(EpochStats stats) {
                progress.onEpoch(stats);
                if (stats.epoch() == stopAfter) {
                    Thread.currentThread().interrupt(); // stops with this epoch's checkpoint
                }
            }
        };
    }

    @Test
    void aRunStoppedAfterAnEpochAndResumedPrintsTheUninterruptedRunsEpochLines(@TempDir Path dir) {
        SequenceDataset data = firstStepSign();
        List<String> whole = epochLines(() -> Trainer.train(SPEC, CONFIG, data,
                new Trainer.Options(progress(0), dir.resolve("whole"), null)));
        assertThat(whole).hasSize(8);
        // what depends on the best epoch so far: a tie note, or early stopping no longer said before the last epoch
        assertThat(whole.subList(3, 7)).as("the test's data give lines that depend on the epochs before the stop")
                .anySatisfy(l -> assertThat(l).containsPattern("tied with the best|^(?!.*early stopping may end sooner).*$"));

        Path checkpoints = dir.resolve("stopped");
        List<String> first = new ArrayList<>(epochLines(() -> assertThatThrownBy(() -> Trainer.train(SPEC, CONFIG, data,
                new Trainer.Options(progress(3), checkpoints, null))).isInstanceOf(TrainingInterruptedException.class)));
        assertThat(Thread.interrupted()).as("the stop's interrupt, cleared for the resume").isTrue();
        List<String> resumed = epochLines(() -> {
            try {
                Trainer.resume(checkpoints, data, new Trainer.Options(progress(0), checkpoints, null));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(first).hasSize(3);
        first.addAll(resumed);
        assertThat(first).containsExactlyElementsOf(whole);
    }
}
