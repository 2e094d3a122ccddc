package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.evaluation.train.TrainRequest;
import org.rnnlab.training.TrainingConfig;

/**
 * A comparison's or run's config.json written before the bidirectional {@code last} head read each direction's final
 * state (no {@code bidirectionalLast} in it) is read with the head its bidirectional runs trained with, {@code last-step}:
 * {@code --resume} does not mix the two heads in one comparison, and {@code --config} trains what it trained (the review
 * of the new head). Files written now carry the marker and read as written.
 */
class OldConfigHeadTest {

    private static ComparisonConfig config(String cells) {
        return new ComparisonConfig(Architecture.parseList(cells), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 2, 1, 0);
    }

    @Test
    void aComparisonConfigWithoutTheMarkerReadsItsBidirectionalLastHeadAsLastStep() throws Exception {
        ComparisonConfig now = config("gru,bigru");
        ObjectNode json = Json.mapper().valueToTree(now);
        assertThat(json.get("bidirectionalLast").asText()).isEqualTo("per-direction");
        assertThat(Json.mapper().treeToValue(json, ComparisonConfig.class).base().head()).isEqualTo(SequenceHead.LAST);

        json.remove("bidirectionalLast");
        ComparisonConfig old = Json.mapper().treeToValue(json, ComparisonConfig.class);
        assertThat(old.base().head()).isEqualTo(SequenceHead.LAST_STEP);
        // written again, it says what it is now
        assertThat(Json.mapper().treeToValue(Json.mapper().valueToTree(old), ComparisonConfig.class).base().head())
                .isEqualTo(SequenceHead.LAST_STEP);

        ObjectNode oneDirection = Json.mapper().valueToTree(config("gru,lstm"));
        oneDirection.remove("bidirectionalLast");
        assertThat(Json.mapper().treeToValue(oneDirection, ComparisonConfig.class).base().head()).isEqualTo(SequenceHead.LAST);
    }

    @Test
    void aRunConfigWithoutTheMarkerReadsABidirectionalLastHeadAsLastStep() throws Exception {
        TrainRequest now = new TrainRequest("agreement", DatasetOptions.defaults(), ModelSpec.of(CellType.GRU).withBidirectional(true),
                TrainingConfig.defaults(), 1);
        ObjectNode json = Json.mapper().valueToTree(now);
        assertThat(Json.mapper().treeToValue(json, TrainRequest.class)).isEqualTo(now);
        json.remove("bidirectionalLast");
        assertThat(Json.mapper().treeToValue(json, TrainRequest.class).spec().head()).isEqualTo(SequenceHead.LAST_STEP);
        ObjectNode gru = Json.mapper().valueToTree(new TrainRequest("agreement", DatasetOptions.defaults(), ModelSpec.of(CellType.GRU),
                TrainingConfig.defaults(), 1));
        gru.remove("bidirectionalLast");
        assertThat(Json.mapper().treeToValue(gru, TrainRequest.class).spec().head()).isEqualTo(SequenceHead.LAST);
    }
}
