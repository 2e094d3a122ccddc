package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dataset built in memory (the Java API) refuses what training could not use, naming where it is. */
class InMemorySequenceDatasetTest {
    static final InputDescription DENSE = InputDescription.dense(List.of("ax", "ay"), 25);
    static final DatasetProvenance PROVENANCE = new DatasetProvenance("mine", "memory", Map.of(), List.of(), 1L);

    static List<Sequence> examples(int n) {
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[][] v = new float[6][2];
            for (int t = 0; t < v.length; t++) {
                v[t][0] = (i % 2 == 0 ? 1 : -1) * t * 0.1f;
                v[t][1] = t;
            }
            out.add(new Sequence(v, i % 2));
        }
        return out;
    }

    static InMemorySequenceDataset build(List<Sequence> train, List<Sequence> validation) {
        return new InMemorySequenceDataset("mine", DENSE, List.of("down", "up"), new SequenceSet(train), new SequenceSet(validation),
                new SequenceSet(examples(4)), PROVENANCE);
    }

    @Test
    void aNanOrInfinityIsRefusedNamingSplitExampleStepAndFeature() {
        List<Sequence> train = examples(8);
        train.get(3).values()[4][1] = Float.NaN;
        assertThatThrownBy(() -> build(train, examples(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRAIN example 3, step 4, feature ay: NaN is not a finite number")
                .hasMessageNotContaining("--lr");
        List<Sequence> validation = examples(4);
        validation.get(0).values()[2][0] = Float.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> build(examples(8), validation)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VALIDATION example 0, step 2, feature ax: -Infinity is not a finite number");
    }

    @Test
    void everyStepOfEveryExampleIsChecked() {
        List<Sequence> wide = examples(8);
        wide.get(3).values()[4] = new float[5];
        assertThatThrownBy(() -> build(wide, examples(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRAIN example 3, step 4: 5 values, expected 2 [ax, ay]");
        List<Sequence> nullStep = examples(4);
        nullStep.get(1).values()[2] = null;
        assertThatThrownBy(() -> build(examples(8), nullStep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VALIDATION example 1, step 2 is null (expected 2 values [ax, ay])");
        List<Sequence> withNull = new ArrayList<>(examples(8));
        withNull.set(5, null);
        assertThatThrownBy(() -> new SequenceSet(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'examples[5]' is null (expected a Sequence)");
    }

    @Test
    void tokenIdsAreWholeNumbersWithinTheVocabulary() {
        InputDescription tokens = InputDescription.tokens(10, 25);
        java.util.function.Function<Float, InMemorySequenceDataset> withId = id -> {
            List<Sequence> train = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                train.add(new Sequence(new float[][] {{1f}, {2f}, {i == 2 ? id : 3f}}, i % 2));
            }
            return new InMemorySequenceDataset("t", tokens, List.of("a", "b"), new SequenceSet(train), new SequenceSet(List.of()),
                    new SequenceSet(List.of()), PROVENANCE);
        };
        withId.apply(9f);
        assertThatThrownBy(() -> withId.apply(92f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRAIN example 2, step 2: token id 92.0 is outside the vocabulary (expected a whole number in [0, 10))");
        assertThatThrownBy(() -> withId.apply(2.5f)).hasMessageContaining("token id 2.5 is not a whole number");
        assertThatThrownBy(() -> withId.apply(-1f)).hasMessageContaining("token id -1.0 is outside the vocabulary");
    }

    @Test
    void labelAndFeatureNamesAndArgumentsAreChecked() {
        java.util.function.Function<List<String>, InMemorySequenceDataset> withLabels = labels -> new InMemorySequenceDataset("m",
                DENSE, labels, new SequenceSet(examples(4)), new SequenceSet(examples(2)), new SequenceSet(examples(2)), PROVENANCE);
        assertThatThrownBy(() -> withLabels.apply(List.of("up", "up"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labelNames[1] 'up' is labelNames[0] again (expected each class named once)");
        assertThatThrownBy(() -> withLabels.apply(List.of("u\np", "down"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labelNames[0]").hasMessageContaining("U+000A");
        assertThatThrownBy(() -> withLabels.apply(java.util.Arrays.asList("up", null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labelNames[1] is null (expected a class name");
        assertThatThrownBy(() -> new InMemorySequenceDataset("m", InputDescription.dense(List.of("ax", "ax"), 25), List.of("a", "b"),
                new SequenceSet(examples(4)), new SequenceSet(examples(2)), new SequenceSet(examples(2)), PROVENANCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 1 'ax' is feature 0 again (expected each feature named once)");
        assertThatThrownBy(() -> new InMemorySequenceDataset("m", DENSE, List.of("a", "b"), new SequenceSet(examples(4)),
                new SequenceSet(examples(2)), new SequenceSet(examples(2)), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'provenance' is null (expected a DatasetProvenance");
        assertThatThrownBy(() -> new InMemorySequenceDataset("m", DENSE, List.of("a", "b"), null,
                new SequenceSet(examples(2)), new SequenceSet(examples(2)), PROVENANCE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'train' is null");
    }
}
