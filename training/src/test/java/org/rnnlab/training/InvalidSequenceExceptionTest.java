package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict's refusals of a caller's sequence are an {@link InvalidSequenceException} with the sequence, step and feature as
 * accessors, and their messages as before (trial 81d F4: a service could not tell a client's bad sequence, HTTP 400, from
 * its own bug, since both were plain IllegalArgumentExceptions, the place only in the text).
 */
class InvalidSequenceExceptionTest {

    private static float[][] steps(int n, int width) {
        float[][] s = new float[n][width];
        for (float[] step : s) {
            Arrays.fill(step, 0.5f);
        }
        return s;
    }

    @Test
    void predictsRefusalsNameTheSequenceStepAndFeatureAsData(@TempDir Path dir) throws IOException {
        try (SequenceClassifier model = ModelBundle.load(Crafted.resource(BundleFixtureTest.dense(2), dir))) {
            List<String> features = model.card().input().featureNames();
            assertThat(features).hasSize(2);
            // a step of the wrong width, in a batch: the second sequence
            InvalidSequenceException width = catchThrowableOfType(() -> model.predict(List.of(steps(4, 2), steps(4, 1))),
                    InvalidSequenceException.class);
            assertThat(width).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sequence 1, step 0: 1 values, expected 2 " + features);
            assertThat(width.sequence()).isEqualTo(OptionalInt.of(1));
            assertThat(width.step()).isEqualTo(OptionalInt.of(0));
            assertThat(width.feature()).isEmpty();
            // NaN in the second feature at step 3
            float[][] nan = steps(5, 2);
            nan[3][1] = Float.NaN;
            InvalidSequenceException missing = catchThrowableOfType(() -> model.predict(nan), InvalidSequenceException.class);
            assertThat(missing).hasMessageStartingWith("sequence 0, step 3, feature " + features.get(1) + ": NaN is not a finite number");
            assertThat(missing.sequence()).isEqualTo(OptionalInt.of(0));
            assertThat(missing.step()).isEqualTo(OptionalInt.of(3));
            assertThat(missing.feature()).isEqualTo(Optional.of(features.get(1)));
            // infinity, refused before any preparation
            float[][] inf = steps(5, 2);
            inf[2][0] = Float.POSITIVE_INFINITY;
            InvalidSequenceException infinite = catchThrowableOfType(() -> model.predict(inf), InvalidSequenceException.class);
            assertThat(infinite).hasMessage("sequence 0, step 2, feature " + features.get(0) + ": Infinity is not a finite number");
            assertThat(infinite.feature()).contains(features.get(0));
            // the whole sequence: empty, null
            InvalidSequenceException empty = catchThrowableOfType(() -> model.predict(new float[0][]), InvalidSequenceException.class);
            assertThat(empty).hasMessage("sequence 0 is empty: expected at least one time step");
            assertThat(empty.sequence()).hasValue(0);
            assertThat(empty.step()).isEmpty();
            InvalidSequenceException none = catchThrowableOfType(() -> model.predict(Arrays.asList(steps(3, 2), null)),
                    InvalidSequenceException.class);
            assertThat(none).hasMessage("sequence 1 is null (expected [time][feature] values)");
            assertThat(none.sequence()).hasValue(1);
            // the output overflowing float arithmetic is the caller's values too: the same type
            assertThat(InvalidSequenceException.class).isAssignableFrom(SequenceClassifier.OutputNotANumber.class);
            // a stream's sample: no sequence, its step and feature
            if (model.card().spec().bidirectional()) {
                return;
            }
            PredictionStream stream = model.stream();
            stream.step(new float[] {0.5f, 0.5f});
            InvalidSequenceException sample = catchThrowableOfType(() -> stream.step(new float[] {0.5f, Float.NEGATIVE_INFINITY}),
                    InvalidSequenceException.class);
            assertThat(sample.sequence()).isEmpty();
            assertThat(sample.step()).hasValue(1);
            assertThat(sample.feature()).contains(features.get(1));
        }
    }

    @Test
    void textsWithoutTokensNameTheirIndex(@TempDir Path dir) throws IOException {
        try (SequenceClassifier model = ModelBundle.load(Crafted.resource(BundleFixtureTest.text(2), dir))) {
            InvalidSequenceException blank = catchThrowableOfType(() -> model.predictTexts(List.of("the writer", "  ")),
                    InvalidSequenceException.class);
            assertThat(blank).hasMessageStartingWith("text 1 has no tokens");
            assertThat(blank.sequence()).hasValue(1);
        }
    }
}
