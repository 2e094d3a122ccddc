package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.training.TrainingState.BestEpoch;
import org.rnnlab.training.TrainingState.EpochTotals;
import org.rnnlab.training.TrainingState.Progress;

class TrainingStateTest {
    static final SequenceDataset DATA = TrainerTest.firstStepSign(8, 9);
    static final ModelSpec SPEC = ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(2));

    @Test
    void minibatchesAddUpAndAnEpochEndMovesOn() {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2);
        TrainingState state = TrainingState.start(SPEC, config, DATA).afterBatch(0.5, 4, 0.25).afterBatch(0.25, 2, 0.5);
        assertThat(state.progress()).isEqualTo(new Progress(1, 2, 2, 0.75));
        assertThat(state.epochSoFar()).isEqualTo(new EpochTotals(0.75, 6, 0.75));
        EpochStats stats = state.epochStats(0.9);
        assertThat(stats).isEqualTo(new EpochStats(1, 0.375, 0.9, 0.75, 8.0));
        assertThat(state.epochStats(0.9, 0.7)).isEqualTo(new EpochStats(1, 0.375, 0.9, 0.75, 8.0, null, 0.7));
        assertThat(state.epochSoFar().stats(1, 2, 0.9, 0.7, false).validationMacroF1()).isEqualTo(0.7);

        TrainingState next = state.afterEpoch(stats, BestEpoch.at(1, 0.9), false);
        assertThat(next.progress()).isEqualTo(new Progress(2, 0, 2, 0.75));
        assertThat(next.epochSoFar()).isEqualTo(EpochTotals.none());
        assertThat(next.history()).containsExactly(stats);
        assertThat(next.best()).isEqualTo(BestEpoch.at(1, 0.9));
        assertThat(next.finished()).isFalse();
        assertThat(next.afterEpoch(stats, next.best(), false).finished()).as("after the last epoch").isTrue();
        assertThat(state.afterEpoch(stats, BestEpoch.at(1, 0.9), true).finished()).as("stopped by a policy").isTrue();
    }

    @Test
    void anEpochWithoutMinibatchesHasNoThroughputAndNoLoss() {
        assertThat(EpochTotals.none().stats(3, 0, Double.NaN)).isEqualTo(new EpochStats(3, 0.0, Double.NaN, 0, 0));
        assertThat(EpochTotals.none().stats(3, 0, Double.NaN, true).clipped()).as("no update, no share").isNull();
    }

    @Test
    void stateJsonIsOneFlatObjectInTheOrderOfFormat2() {
        TrainingState state = TrainingState.start(SPEC, TrainingConfig.defaults(), DATA).afterBatch(0.5, 4, 0.25);
        JsonNode json = Json.read(Json.write(state), JsonNode.class);
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("spec", "config", "dataset", "datasetChecksum", "epoch", "batchesDone", "iteration",
                "epochLossSum", "epochSamples", "epochSeconds", "epochClipped", "history", "hasBest", "bestEpoch", "bestScore", "sinceImprovement",
                "trainSeconds", "finished");
        assertThat(json.get("dataset").asText()).isEqualTo(DATA.name());
        assertThat(json.get("iteration").asLong()).isEqualTo(1);
        assertThat(Json.read(Json.write(state), TrainingState.class)).isEqualTo(state);
    }

    @Test
    void clippedUpdatesAreCountedAndACheckpointWithoutTheCountLeavesItsEpochUnknown() {
        ModelSpec clipped = SPEC.withGradientNormalization(org.deeplearning4j.nn.conf.GradientNormalization.ClipL2PerLayer, 1.0);
        TrainingState state = TrainingState.start(clipped, TrainingConfig.defaults(), DATA).afterBatch(0.5, 4, 0.25, true)
                .afterBatch(0.5, 4, 0.25, false).afterBatch(0.5, 4, 0.25, true).afterBatch(0.5, 4, 0.25, true);
        assertThat(state.epochStats(0.5).clipped()).isEqualTo(0.75);
        assertThat(Json.read(Json.write(state), TrainingState.class)).isEqualTo(state);
        ObjectNode old = (ObjectNode) Json.read(Json.write(state), JsonNode.class);
        old.remove("epochClipped");
        TrainingState resumed = Json.read(old.toString(), TrainingState.class).afterBatch(0.5, 4, 0.25, true);
        assertThat(resumed.epochSoFar().clippedUpdates()).isEqualTo(-1);
        assertThat(resumed.epochStats(0.5).clipped()).as("the epoch's first minibatches were not counted").isNull();
        TrainingState next = resumed.afterEpoch(resumed.epochStats(0.5), BestEpoch.at(1, 0.5), false).afterBatch(0.5, 4, 0.25, true);
        assertThat(next.epochStats(0.5).clipped()).as("the next epoch is counted").isEqualTo(1.0);
        assertThat(state.afterEpoch(state.epochStats(0.5), BestEpoch.at(1, 0.5), false).afterBatch(0.5, 4, 0.25, false)
                .epochStats(0.5).clipped()).isEqualTo(0.0);
        assertThat(TrainingState.start(SPEC, TrainingConfig.defaults(), DATA).afterBatch(0.5, 4, 0.25, true).epochStats(0.5).clipped())
                .as("no threshold: not counted").isNull();
    }

    @Test
    void everyFieldOfStateJsonIsRequired() {
        TrainingState state = TrainingState.start(SPEC, TrainingConfig.defaults(), DATA);
        ObjectNode json = (ObjectNode) Json.read(Json.write(state), JsonNode.class);
        json.remove("sinceImprovement");
        assertThatThrownBy(() -> Json.read(json.toString(), TrainingState.class)).hasMessageContaining("sinceImprovement");
    }
}
