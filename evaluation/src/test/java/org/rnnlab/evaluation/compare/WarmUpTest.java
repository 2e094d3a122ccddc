package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.engine.InProcessEngine;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;

/**
 * The in-process engine's untimed warm-up before a comparison's runs (so that the first run's train time does not
 * include the JVM's compilation) changes no result: a run trained after it equals the same run trained without it,
 * loss by loss.
 */
class WarmUpTest {

    @Test
    void aRunAfterTheWarmUpEqualsTheSameRunWithout() {
        SequenceDataset data = ComparisonTest.tiny();
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("lstm,gru"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)), TrainingConfig.defaults().withEpochs(2).withBatchSize(16),
                1, 1, 16);
        List<RunTask> tasks = Comparison.tasks(config);
        AtomicBoolean stop = new AtomicBoolean();
        RunResult before = Comparison.runTask(tasks.get(1), data, null, new Trainer.Listener() {
        }, stop);
        InProcessEngine.warmUp(data, tasks, stop);
        RunResult after = Comparison.runTask(tasks.get(1), data, null, new Trainer.Listener() {
        }, stop);
        assertThat(after.history()).hasSize(2);
        for (int e = 0; e < 2; e++) {
            assertThat(after.history().get(e).trainLoss()).isEqualTo(before.history().get(e).trainLoss());
            assertThat(after.history().get(e).validationAccuracy()).isEqualTo(before.history().get(e).validationAccuracy());
        }
        assertThat(after.test().accuracy()).isEqualTo(before.test().accuracy());
    }
}
