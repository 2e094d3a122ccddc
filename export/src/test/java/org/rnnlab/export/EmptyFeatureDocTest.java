package org.rnnlab.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.csv.EmptyFeatureFill;
import org.rnnlab.datasets.csv.MissingValues;

/** The exported model's doc says what predict writes into a feature with no value at all in a sequence ({@code --set emptyFeature}). */
class EmptyFeatureDocTest {
    @Test
    void theFallbackAndItsValuesAreSaid() {
        String doc = OnnxExporter.emptyFeatureDoc(MissingValues.FFILL, new EmptyFeatureFill("mean", List.of(0.5, 141.25)),
                List.of("speed", "heart_rate"));
        assertThat(doc).contains("trained with emptyFeature=mean").contains("the training data's mean of that feature")
                .contains("speed 0.5, heart_rate 141.25").doesNotContain("no prediction");
        assertThat(OnnxExporter.emptyFeatureDoc(MissingValues.INTERPOLATE, new EmptyFeatureFill("zero", null), List.of("a")))
                .contains("emptyFeature=zero").contains("write 0 at every step").contains("a 0.0");
        // without one: as before, no prediction
        assertThat(OnnxExporter.emptyFeatureDoc(MissingValues.FFILL, null, List.of("a"))).contains("no prediction");
        assertThat(OnnxExporter.emptyFeatureDoc(MissingValues.ZERO, new EmptyFeatureFill("mean", List.of(1.0)), List.of("a"))).isEmpty();
    }
}
