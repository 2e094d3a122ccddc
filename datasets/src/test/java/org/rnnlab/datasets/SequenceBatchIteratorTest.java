package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class SequenceBatchIteratorTest {

    private static SequenceSet ragged(int n) {
        List<Sequence> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 1 + i % 3;
            float[][] v = new float[len][2];
            for (int t = 0; t < len; t++) {
                v[t][0] = i;
                v[t][1] = t;
            }
            list.add(new Sequence(v, i % 2));
        }
        return new SequenceSet(list);
    }

    @Test
    void padsAtTheEndAndMasksRealSteps() {
        DataSet ds = SequenceBatchIterator.batch(ragged(3).examples(), 2, 2);
        assertThat(ds.getFeatures().shape()).containsExactly(3, 2, 3);
        assertThat(ds.getFeaturesMaskArray().toFloatMatrix())
                .isEqualTo(new float[][] {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}});
        // example 2, feature 1 (time index) over steps 0..2
        assertThat(ds.getFeatures().getFloat(2, 1, 2)).isEqualTo(2f);
        assertThat(ds.getFeatures().getFloat(1, 0, 1)).isEqualTo(1f);
        assertThat(ds.getLabels().toFloatMatrix()).isEqualTo(new float[][] {{1, 0}, {0, 1}, {1, 0}});
    }

    @Test
    void equalLengthsNeedNoMask() {
        List<Sequence> same = List.of(new Sequence(new float[2][1], 0), new Sequence(new float[2][1], 1));
        assertThat(SequenceBatchIterator.batch(same, 1, 2).getFeaturesMaskArray()).isNull();
    }

    @Test
    void epochOrderIsAFunctionOfSeedAndEpoch() {
        SequenceSet data = ragged(10);
        SequenceBatchIterator a = new SequenceBatchIterator(data, 2, List.of("a", "b"), 4, true, 7);
        SequenceBatchIterator b = new SequenceBatchIterator(data, 2, List.of("a", "b"), 4, true, 7);
        List<Float> first = firstValues(a);
        a.reset();
        List<Float> second = firstValues(a);
        assertThat(second).isNotEqualTo(first);
        b.setEpoch(1);
        assertThat(firstValues(b)).isEqualTo(second);
        assertThat(a.batchesPerEpoch()).isEqualTo(3);
    }

    @Test
    void rejectsLabelsOutsideTheClassCount() {
        List<Sequence> bad = List.of(new Sequence(new float[1][1], 5));
        assertThatThrownBy(() -> SequenceBatchIterator.batch(bad, 1, 2))
                .hasMessageContaining("label 5 outside [0, 2)");
    }

    private static List<Float> firstValues(SequenceBatchIterator it) {
        List<Float> out = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            for (int i = 0; i < ds.numExamples(); i++) {
                out.add(ds.getFeatures().getFloat(i, 0, 0));
            }
        }
        return out;
    }
}
