package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;

/** The summary-feature baseline a model card keeps ({@link SummaryBaselineModel}): as data, read back exactly, checked. */
class SummaryBaselineModelTest {

    private static SummaryBaselineModel stored(List<String> classes, List<List<Double>> coefficients) {
        return new SummaryBaselineModel("logistic regression", List.of("x"), List.of("mean(x)", "sd(x)"), List.of(0.1, 1.0 / 3),
                List.of(2.0, 0.7), classes, coefficients, List.of(0.25, -0.25), 0.8, 0.7916666666666666, null, null, 30);
    }

    private static ModelCard card() {
        return new ModelCard(ModelBundle.FORMAT_VERSION, org.rnnlab.core.ModelSpec.of(org.rnnlab.core.CellType.GRU), List.of("up", "down"),
                org.rnnlab.datasets.InputDescription.dense(List.of("x"), 4), 1, 4, TrainingConfig.defaults(), 1, Map.of(), false,
                "csv", null, null, null);
    }

    @Test
    void aCardKeepsItAsJsonAndReadsBackTheSameNumbers() throws Exception {
        SummaryBaselineModel s = stored(List.of("up", "down"), List.of(List.of(1.0 / 7, -2.5e-9), List.of(-1.0 / 7, 2.5e-9)));
        ModelCard card = card().withSummaryBaseline(s);
        String json = Json.write(card);
        assertThat(json).contains("\"summaryBaseline\"").contains("\"coefficients\"").contains("\"centre\"");
        ModelCard back = Json.mapper().readValue(json, ModelCard.class);
        assertThat(back.storedSummaryBaseline()).contains(s);
        assertThat(back.storedSummaryBaseline().orElseThrow().coefficients().get(0).get(0)).isEqualTo(1.0 / 7);
        // a card without it (written before it was stored) reads as before, and writes no such key
        assertThat(Json.write(card())).doesNotContain("summaryBaseline");
        assertThat(Json.mapper().readValue(Json.write(card()), ModelCard.class).storedSummaryBaseline()).isEmpty();
    }

    @Test
    void classesOtherThanTheCardsOrARowOfTheWrongLengthAreRefusedNamingTheField() {
        SummaryBaselineModel other = stored(List.of("down", "sideways"), List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)));
        assertThatThrownBy(() -> card().withSummaryBaseline(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'summaryBaseline.classes' is [down, sideways] (expected the classes of labelNames [up, down]");
        assertThatThrownBy(() -> stored(List.of("up", "down"), List.of(List.of(1.0, 2.0), List.of(3.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'summaryBaseline.coefficients[1]' holds 1 weights (expected one for each of the 2 summaries)");
    }
}
