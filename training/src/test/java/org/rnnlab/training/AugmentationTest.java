package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.core.Json;

/** The settings of {@link Augmentation}: text form, validation, and their place in {@link TrainingConfig}'s JSON. */
class AugmentationTest {

    @Test
    void noneIsTheDefaultAndTurnsEverythingOff() {
        Augmentation none = Augmentation.none();
        assertThat(none.enabled()).isFalse();
        assertThat(none).isEqualTo(new Augmentation(0, 0, 0, 0, 1, 4));
        assertThat(none.toString()).isEqualTo("none");
        assertThat(TrainingConfig.defaults().augmentation()).isEqualTo(none);
        assertThat(Augmentation.parse("none")).isEqualTo(none);
        assertThat(Augmentation.parse(" NONE ")).isEqualTo(none);
        assertThat(Augmentation.parse("")).isEqualTo(none);
        assertThat(Augmentation.parse(null)).isEqualTo(none);
        assertThat(none.withKnots(6).enabled()).as("knots alone turn nothing on").isFalse();
    }

    @Test
    void theTextFormParsesAndIsWrittenBack() {
        String text = "jitter=0.03,scale=0.1,magwarp=0.2,timewarp=0.2,slice=0.9";
        Augmentation a = Augmentation.parse(text);
        assertThat(a).isEqualTo(new Augmentation(0.03, 0.1, 0.2, 0.2, 0.9, 4));
        assertThat(a.enabled()).isTrue();
        assertThat(a.toString()).isEqualTo(text);
        assertThat(Augmentation.parse(" Slice = 0.5 , JITTER=1, knots=6")).isEqualTo(new Augmentation(1, 0, 0, 0, 0.5, 6));
        assertThat(Augmentation.parse("slice=0.5,jitter=1,knots=6").toString()).isEqualTo("jitter=1,slice=0.5,knots=6");
        for (Augmentation each : new Augmentation[] {Augmentation.none().withJitter(0.05), Augmentation.none().withScale(0.25),
                Augmentation.none().withMagWarp(1), Augmentation.none().withTimeWarp(0.125).withKnots(1),
                Augmentation.none().withSlice(1e-3), Augmentation.none().withKnots(9), a}) {
            assertThat(Augmentation.parse(each.toString())).as(each.toString()).isEqualTo(each);
            assertThat(each.enabled()).isEqualTo(!each.toString().equals("none") && !each.toString().startsWith("knots"));
        }
    }

    @Test
    void unknownKeysAreRefusedNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> Augmentation.parse("jitter=0.1,warp=0.2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown augmentation key 'warp', accepted: jitter, scale, magwarp, timewarp, slice, knots, prefix");
        assertThatThrownBy(() -> Augmentation.parse("jitter"))
                .hasMessageContaining("'jitter' must be KEY=VALUE").hasMessageContaining("jitter, scale, magwarp, timewarp, slice, knots");
        assertThatThrownBy(() -> Augmentation.parse("jitter=0.1,")).hasMessageContaining("must be KEY=VALUE");
        assertThatThrownBy(() -> Augmentation.parse("scale=0.1,scale=0.2")).hasMessage("augmentation key 'scale' given twice");
        assertThatThrownBy(() -> Augmentation.parse("jitter=lots")).hasMessage("augmentation key 'jitter' needs a number, got 'lots'");
        assertThatThrownBy(() -> Augmentation.parse("knots=2.5")).hasMessage("augmentation key 'knots' needs a whole number, got '2.5'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "jitter=-0.1; Augmentation.jitter must be in [0, 10] (σ of the added Gaussian noise; 0 = off), got -0.1",
        "jitter=NaN; Augmentation.jitter must be in [0, 10]",
        "jitter=11; Augmentation.jitter must be in [0, 10]",
        "scale=1.5; Augmentation.scale must be in [0, 1] (σ of the per-channel factor around 1; 0 = off), got 1.5",
        "magwarp=-1; Augmentation.magWarp must be in [0, 1]",
        "timewarp=Infinity; Augmentation.timeWarp must be in [0, 1]",
        "slice=0; Augmentation.slice must be in (0, 1] (ratio of the valid steps kept; 1 = off), got 0.0",
        "slice=1.1; Augmentation.slice must be in (0, 1]",
        "knots=0; Augmentation.knots must be in [1, 100] (interior knots of the warping curves), got 0",
        "knots=101; Augmentation.knots must be in [1, 100]"})
    void valuesOutOfRangeAreRefusedNamingTheField(String text, String message) {
        assertThatThrownBy(() -> Augmentation.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void trainingConfigRefusesANullAugmentation() {
        assertThatThrownBy(() -> TrainingConfig.defaults().withAugmentation(null))
                .hasMessage("TrainingConfig.augmentation must be given (Augmentation.none() for none), got null");
    }

    @Test
    void trainingConfigRoundTripsThroughJsonWithAndWithoutAugmentation() {
        TrainingConfig plain = TrainingConfig.defaults();
        TrainingConfig augmented = plain.withEpochs(3).withAugmentation(Augmentation.parse("jitter=0.03,timewarp=0.2,knots=5"));
        for (TrainingConfig c : new TrainingConfig[] {plain, augmented}) {
            assertThat(Json.read(Json.write(c), TrainingConfig.class)).isEqualTo(c);
        }
        assertThat(augmented.withSeed(7).augmentation()).as("kept by the other withers").isEqualTo(augmented.augmentation());
        assertThat(Json.write(augmented)).contains("\"augmentation\" : {", "\"jitter\" : 0.03", "\"timeWarp\" : 0.2", "\"knots\" : 5");
    }

    @Test
    void aConfigWrittenBeforeTheFieldExistedReadsAsNoAugmentation() throws Exception {
        TrainingConfig c = TrainingConfig.defaults().withEpochs(4).withBatchSize(16);
        ObjectNode old = (ObjectNode) Json.mapper().readTree(Json.write(c));
        old.remove("augmentation");
        assertThat(old.has("schedule")).isTrue();
        TrainingConfig read = Json.read(Json.mapper().writeValueAsString(old), TrainingConfig.class);
        assertThat(read).isEqualTo(c);
        assertThat(read.augmentation()).isEqualTo(Augmentation.none());
    }

    @Test
    void theJsonStaysStrict() throws Exception {
        ObjectNode json = (ObjectNode) Json.mapper().readTree(Json.write(TrainingConfig.defaults()));
        ((ObjectNode) json.get("augmentation")).put("wobble", 1.0);
        assertThatThrownBy(() -> Json.read(Json.mapper().writeValueAsString(json), TrainingConfig.class))
                .hasMessageContaining("wobble");
        ObjectNode bad = (ObjectNode) Json.mapper().readTree(Json.write(TrainingConfig.defaults()));
        ((ObjectNode) bad.get("augmentation")).put("slice", 0.0);
        assertThatThrownBy(() -> Json.read(Json.mapper().writeValueAsString(bad), TrainingConfig.class))
                .hasMessageContaining("Augmentation.slice must be in (0, 1]");
    }
}
