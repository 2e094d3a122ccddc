package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.TrainingConfig;

/**
 * Review 79b R3: compare's stop path ({@link Comparison#partial}, run in the JVM's shutdown hook) fitted the summary-feature
 * baseline even when no run was kept, where the result is thrown away. Without a run it now fits none.
 */
class PartialSummaryBaselineTest {

    @Test
    void aPartialResultWithoutRunsFitsNoSummaryBaselineOneWithARunDoes() {
        List<Sequence> examples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            examples.add(new Sequence(new float[][] {{i % 2 * 3 + i % 5 * 0.1f}, {i % 2 * 3f}}, i % 2, Map.of()));
        }
        SequenceSet set = new SequenceSet(examples);
        SequenceDataset data = new InMemorySequenceDataset("levels", InputDescription.dense(List.of("x"), 2), List.of("a", "b"), set,
                set, set, new DatasetProvenance("levels", "generated", Map.of(), List.of(), 1));
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(3)), TrainingConfig.defaults(), 1, 1, 0);

        assertThat(Comparison.partial(config, data, List.of(), 1).summaryBaseline()).isNull();

        RunResult run = new RunResult("gru", "gru", "none", 1, Evaluator.fromConfusion(data.labelNames(),
                new long[][] {{10, 0}, {0, 10}}, List.of(), 0.1), 1, 1, 100, 10,
                null, List.of(), List.of(), null, null, null, null, null, null);
        assertThat(Comparison.partial(config, data, List.of(run), 1).summaryBaseline()).isNotNull()
                .extracting(SummaryBaseline::accuracy).isEqualTo(1.0);
    }
}
