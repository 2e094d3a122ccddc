package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.text.TextNormalization;

/**
 * {@link SequenceClassifier#predictTexts} on the committed text model of bundle format 2: a text it cannot classify
 * (null, empty, white space only) is an {@link IllegalArgumentException} naming its index, and the model, written
 * before tokenizers recorded a Unicode normalization, keeps tokenizing without one.
 */
class PredictTextsTest {

    @Test
    void aNullOrEmptyTextIsRefusedNamingItsIndex(@TempDir Path dir) throws IOException {
        SequenceClassifier model = ModelBundle.load(Crafted.resource(BundleFixtureTest.text(2), dir));
        assertThatThrownBy(() -> model.predictTexts(Arrays.asList("the writer", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("text 1 is null (expected a string with some words)");
        assertThatThrownBy(() -> model.predictText(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("text 0 is null");
        for (String empty : new String[] {"", "  ", "\u00a0\t"}) {
            assertThatThrownBy(() -> model.predictTexts(Arrays.asList("the writer", "the doctor", empty)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("text 2 has no tokens: it is empty or white space only (expected some words)");
        }
        assertThat(model.predictTexts(Arrays.asList("the writer", "the doctor"))).hasSize(2);
        // a user's try: null lists and null steps were raw NullPointerExceptions, a null element 'empty'
        assertThatThrownBy(() -> model.predictTexts(null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("texts is null");
        assertThatThrownBy(() -> model.predict((java.util.List<float[][]>) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sequences is null");
        assertThatThrownBy(() -> model.predict((float[][]) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sequence 0 is null");
        assertThatThrownBy(() -> model.predict(Arrays.asList(new float[][] {{1f}}, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sequence 1 is null");
        assertThatThrownBy(() -> model.predict(new float[][] {{1f}, null}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sequence 0, step 1 is null");
        assertThatThrownBy(() -> model.predict(new float[][] {{0.5f}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token id 0.5 is not a whole number").hasMessageContaining("predictTexts(texts)");
        // a user's feature rows given to a text model: the message says where texts go
        assertThatThrownBy(() -> model.predict(new float[][] {{0.1f, 0.2f, 0.3f, 0.4f}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 values, expected 1")
                .hasMessageContaining("this model reads text: classify strings with predictTexts(texts)");
    }

    @Test
    void predictionsAreValuesAndTheArgumentsAreNamed(@TempDir Path dir) throws IOException {
        SequenceClassifier model = ModelBundle.load(Crafted.resource(BundleFixtureTest.text(2), dir));
        SequenceClassifier.Prediction a = model.predictText("the writer");
        SequenceClassifier.Prediction b = model.predictText("the writer");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        double first = a.probabilities()[0];
        a.probabilities()[0] = 42; // a copy: the prediction stays as it was
        assertThat(a.probabilities()[0]).isEqualTo(first);
        double[] given = {0.25, 0.75};
        SequenceClassifier.Prediction made = new SequenceClassifier.Prediction(1, "b", given);
        given[1] = 0;
        assertThat(made.probabilities()).containsExactly(0.25, 0.75);
        assertThat(made).isNotEqualTo(new SequenceClassifier.Prediction(1, "b", new double[] {0.25, 0.5}));
        assertThatThrownBy(() -> model.predictUnwarned(java.util.Collections.singletonList(new float[][] {{1f}}), -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("first is -5 (expected");
        assertThatThrownBy(() -> ModelBundle.load(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file is null (expected the path of a model.rnnlab)");
    }

    @Test
    void aModelSavedBeforeNormalizationWasRecordedDoesNotNormalize(@TempDir Path dir) throws IOException {
        SequenceClassifier model = ModelBundle.load(Crafted.resource(BundleFixtureTest.text(2), dir));
        assertThat(model.card().textEncoder().has("normalization")).isFalse();
        assertThat(model.card().encoder().orElseThrow().tokenizer().normalization()).isEqualTo(TextNormalization.NONE);
    }

    @Test
    void aDeviceIsNotAModelFile() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(Path.of("/dev/null")), "no /dev/null here");
        assertThatThrownBy(() -> ModelBundle.load(Path.of("/dev/null"))).isInstanceOf(BundleException.class)
                .hasMessageContaining("is not a regular file (a device or pipe?)");
    }
}
