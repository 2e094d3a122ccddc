package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;

/**
 * A real run whose validation accuracy saturates at 1.0 in the first epochs (trial 71c: macro-F1 0.9955 from epoch 1, log-loss
 * 0.43 there and 0.0076 at epoch 6, and epoch 1 was kept): the epoch kept is, of those at the best score, the one of the
 * lowest validation log-loss.
 */
class TiedEpochTrainerTest {

    /** Two classes, the first feature at +3 or -3 over every step: separable at once. */
    static SequenceDataset easy(long seed) {
        Random r = new Random(seed);
        List<List<Sequence>> splits = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<Sequence> list = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int label = i % 2;
                float[][] v = new float[5][2];
                for (int t = 0; t < 5; t++) {
                    v[t][0] = (float) (0.3 * r.nextGaussian() + (label == 1 ? 3 : -3));
                    v[t][1] = (float) r.nextGaussian();
                }
                list.add(new Sequence(v, label));
            }
            splits.add(list);
        }
        return new InMemorySequenceDataset("easy", InputDescription.dense(List.of("a", "b"), 5), List.of("left", "right"),
                new SequenceSet(splits.get(0)), new SequenceSet(splits.get(1)), new SequenceSet(splits.get(2)),
                new DatasetProvenance("easy", "generated", Map.of(), List.of(), seed));
    }

    @Test
    void ofEpochsTiedAtTheBestAccuracyTheOneOfLowestLogLossIsKept() {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(6).withBatchSize(20).withEarlyStopping(0, 0.0)
                .withSelection(EpochSelection.ACCURACY);
        TrainedModel m = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)).withUpdater(UpdaterKind.ADAM, 0.02),
                config, easy(71), new Trainer.Listener() {
                });
        List<EpochStats> h = m.history();
        double best = h.stream().mapToDouble(EpochStats::validationAccuracy).max().orElseThrow();
        assertThat(best).isEqualTo(1.0);
        List<EpochStats> tied = h.stream().filter(e -> e.validationAccuracy() == best).toList();
        assertThat(tied).as("the accuracy saturates: several epochs tie").hasSizeGreaterThan(1);
        EpochStats lowest = tied.stream().min(java.util.Comparator.comparingDouble(EpochStats::validationLogLoss)).orElseThrow();
        assertThat(m.bestEpoch()).as(h.toString()).isEqualTo(lowest.epoch()).isGreaterThan(tied.get(0).epoch());
    }

    /**
     * A config.json of a run made before the tie-break ({@link SelectionTies#FIRST}, which {@code train --config} replays such a
     * run with: trial 78a) keeps the first epoch of the best score, as that rnnlab did.
     */
    @Test
    void theFirstEpochRuleKeepsTheFirstOfTheTiedEpochs() {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(6).withBatchSize(20).withEarlyStopping(0, 0.0)
                .withSelection(EpochSelection.ACCURACY).withSelectionTies(SelectionTies.FIRST);
        TrainedModel m = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)).withUpdater(UpdaterKind.ADAM, 0.02),
                config, easy(71), new Trainer.Listener() {
                });
        List<EpochStats> h = m.history();
        double best = h.stream().mapToDouble(EpochStats::validationAccuracy).max().orElseThrow();
        List<EpochStats> tied = h.stream().filter(e -> e.validationAccuracy() == best).toList();
        assertThat(tied).as("the accuracy saturates: several epochs tie").hasSizeGreaterThan(1);
        assertThat(m.bestEpoch()).as(h.toString()).isEqualTo(tied.get(0).epoch());
    }

    /** A config written before the rule was recorded reads as not recording it; one written now records it and reads back. */
    @Test
    void theTieRuleIsRecordedInTheConfigAndAbsentInOlderOnes() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode now = org.rnnlab.core.Json.mapper().valueToTree(TrainingConfig.defaults());
        assertThat(now.get("selectionTies").asText()).isEqualTo("LOWER_LOG_LOSS");
        assertThat(org.rnnlab.core.Json.read(now.toString(), TrainingConfig.class)).isEqualTo(TrainingConfig.defaults());
        String older = now.deepCopy().without("selectionTies").toString();
        assertThat(org.rnnlab.core.Json.read(older, TrainingConfig.class).selectionTies()).isNull();
    }
}
