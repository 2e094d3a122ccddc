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
}
