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

    /** Review 80a R1: scikit-learn's test macro-F1 is kept beside rnnlab's; a card written before it reads with none. */
    @Test
    void itsScikitLearnTestMacroF1IsKeptAndOptional() throws Exception {
        SummaryBaselineModel s = new SummaryBaselineModel("logistic regression", List.of("x"), List.of("mean(x)", "sd(x)"),
                List.of(0.1, 0.2), List.of(2.0, 0.7), List.of("up", "down"), List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)),
                List.of(0.25, -0.25), 0.8, 0.79, null, null, 30, 0.61);
        ModelCard back = Json.mapper().readValue(Json.write(card().withSummaryBaseline(s)), ModelCard.class);
        assertThat(back.storedSummaryBaseline().orElseThrow().testMacroF1PresentOrPredicted()).isEqualTo(0.61);
        assertThat(back.storedSummaryBaseline().orElseThrow().judgedTestMacroF1()).isEqualTo(0.61);
        SummaryBaselineModel old = stored(List.of("up", "down"), List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)));
        String oldJson = Json.write(card().withSummaryBaseline(old));
        assertThat(oldJson).doesNotContain("testMacroF1PresentOrPredicted");
        SummaryBaselineModel read = Json.mapper().readValue(oldJson, ModelCard.class).storedSummaryBaseline().orElseThrow();
        assertThat(read.testMacroF1PresentOrPredicted()).isNull();
        assertThat(read.judgedTestMacroF1()).isEqualTo(old.testMacroF1());
    }

    /**
     * Review 80a R5: features checked by name and order against the input's (evaluate applies the coefficients to the input's
     * columns in its order), summaries against the layout mean(F)... then sd(F)..., and the test scores required, not read as 0.
     */
    @Test
    void featuresOtherThanTheInputsSummariesOfAnotherLayoutAndMissingTestScoresAreRefused() throws Exception {
        ModelCard twoFeatures = new ModelCard(ModelBundle.FORMAT_VERSION, org.rnnlab.core.ModelSpec.of(org.rnnlab.core.CellType.GRU),
                List.of("up", "down"), org.rnnlab.datasets.InputDescription.dense(List.of("x", "y"), 4), 1, 4,
                TrainingConfig.defaults(), 1, Map.of(), false, "csv", null, null, null);
        List<List<Double>> rows = List.of(List.of(1.0, 2.0, 3.0, 4.0), List.of(5.0, 6.0, 7.0, 8.0));
        SummaryBaselineModel swapped = new SummaryBaselineModel("logistic regression", List.of("y", "x"),
                List.of("mean(y)", "mean(x)", "sd(y)", "sd(x)"), List.of(0.0, 0.0, 1.0, 1.0), List.of(1.0, 1.0, 1.0, 1.0),
                List.of("up", "down"), rows, List.of(0.0, 0.0), 0.8, 0.8, null, null, 30);
        assertThatThrownBy(() -> twoFeatures.withSummaryBaseline(swapped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'summaryBaseline.features' is [y, x] (expected the features of 'input' in their order, [x, y])");
        assertThatThrownBy(() -> new SummaryBaselineModel("logistic regression", List.of("x", "y"),
                List.of("mean(x)", "sd(x)", "mean(y)", "sd(y)"), List.of(0.0, 0.0, 1.0, 1.0), List.of(1.0, 1.0, 1.0, 1.0),
                List.of("up", "down"), rows, List.of(0.0, 0.0), 0.8, 0.8, null, null, 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'summaryBaseline.summaries' is [mean(x), sd(x), "
                        + "mean(y), sd(y)] (expected [mean(x), mean(y), sd(x), sd(y)]");
        String json = Json.write(card().withSummaryBaseline(stored(List.of("up", "down"),
                List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)))));
        for (String key : List.of("testAccuracy", "testMacroF1", "testSequences")) {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(json);
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("summaryBaseline")).remove(key);
            String without = tree.toString();
            assertThatThrownBy(() -> Json.mapper().readValue(without, ModelCard.class)).as("a card without %s", key)
                    .hasStackTraceContaining("Missing creator property '" + key + "'");
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("summaryBaseline")).putNull(key);
            String withNull = tree.toString();
            assertThatThrownBy(() -> Json.mapper().readValue(withNull, ModelCard.class)).as("a card with %s null", key)
                    .hasStackTraceContaining("'summaryBaseline." + key + "' is null");
        }
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(json);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("summaryBaseline")).put("testSequences", 0);
        assertThatThrownBy(() -> Json.mapper().readValue(tree.toString(), ModelCard.class))
                .hasStackTraceContaining("'summaryBaseline.testSequences' is 0 (expected 1 or more");
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
