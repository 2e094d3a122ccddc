package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.training.BundleException;
import org.rnnlab.training.ModelBundle;

/** serve --model-sha256: a model file of another SHA-256 than the one pinned is refused before it is served (trial 71f F1). */
class ModelPinTest {

    @Test
    void aPinnedModelIsServedOnlyWithItsOwnHash() {
        Path file = TestModels.dense();
        String sha = ModelBundle.fileSha256(file);
        List<ServedModel> served = ServedModel.loadAll(List.of("m=" + file), List.of(sha));
        assertThat(served).singleElement().satisfies(m -> assertThat(m.sha256()).isEqualTo(sha));
        served.forEach(m -> m.classifier().close());
        assertThat(ServedModel.loadAll(List.of("m=" + file), List.of("m=" + sha.toUpperCase(java.util.Locale.ROOT)))).hasSize(1);
        String other = "f".repeat(64);
        assertThatThrownBy(() -> ServedModel.loadAll(List.of("m=" + file), List.of(other))).isInstanceOf(BundleException.class)
                .hasMessageContaining("has SHA-256 " + sha + ", not the expected " + other + " (--model-sha256)");
        assertThatThrownBy(() -> ServedModel.loadAll(List.of("m=" + file), List.of("n=" + sha)))
                .hasMessageContaining("no model is named 'n'");
        assertThatThrownBy(() -> ServedModel.loadAll(List.of("a=" + file, "b=" + file), List.of(sha)))
                .hasMessageContaining("with 2 models, say which one it pins");
    }
}
