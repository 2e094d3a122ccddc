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

    /** {@code n} sequences of uneven lengths (3 to several hundred steps), label by parity, the step values their index. */
    private static SequenceSet uneven(int n) {
        java.util.Random random = new java.util.Random(3);
        List<Sequence> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int length = 3 + (int) Math.min(600, Math.exp(4 + 1.2 * random.nextGaussian()));
            float[][] v = new float[length][1];
            v[0][0] = i; // which sequence it is
            list.add(new Sequence(v, i % 2));
        }
        return new SequenceSet(list);
    }

    @Test
    void byLengthEpochsArePermutationsOfSimilarLengthsInARandomOrderAndRepeatable() {
        // a learning-analytics trial: enrolments of 3 to 2,051 events made random minibatches of 32 mostly padding
        SequenceSet data = uneven(1000);
        SequenceBatchIterator a = new SequenceBatchIterator(data, 1, List.of("a", "b"), 32, true, 7, true);
        SequenceBatchIterator b = new SequenceBatchIterator(data, 1, List.of("a", "b"), 32, true, 7, true);
        java.util.Set<Float> seen = new java.util.HashSet<>();
        List<Integer> firstEpoch = new ArrayList<>();
        int batches = 0;
        while (a.hasNext()) {
            DataSet x = a.next();
            DataSet y = b.next();
            assertThat(x.getFeatures()).isEqualTo(y.getFeatures()); // a pure function of (seed, epoch), as random batches are
            batches++;
            long rows = x.getFeatures().size(0);
            assertThat(rows == 32 || !a.hasNext()).as("only the last minibatch is partial").isTrue();
            for (int r = 0; r < rows; r++) {
                assertThat(seen.add(x.getFeatures().getFloat(r, 0, 0))).isTrue();
            }
            firstEpoch.add((int) x.getFeatures().size(2));
        }
        assertThat(seen).hasSize(1000);
        assertThat(batches).isEqualTo(a.batchesPerEpoch());
        // far less padding than random minibatches, and still random: epochs differ, longest minibatches not all at the end
        double sorted = SequenceBatchIterator.paddingShare(data, 32, true, 7);
        double random = SequenceBatchIterator.paddingShare(data, 32, false, 7);
        assertThat(random).isGreaterThan(0.5);
        assertThat(sorted).isLessThan(random / 3);
        a.setEpoch(1);
        List<Integer> secondEpoch = new ArrayList<>();
        while (a.hasNext()) {
            secondEpoch.add((int) a.next().getFeatures().size(2));
        }
        assertThat(secondEpoch).isNotEqualTo(firstEpoch);
        // and their contents change: of the pairs of sequences one minibatch holds in an epoch, most are apart in the next (a
        // review: one chunk sorted by length alone gave nearly the same minibatches every epoch)
        SequenceSet small = uneven(300); // one chunk of 50 minibatches
        java.util.Map<Float, Integer> epoch0 = batchOf(new SequenceBatchIterator(small, 1, List.of("a", "b"), 32, true, 7, true), 0);
        java.util.Map<Float, Integer> epoch1 = batchOf(new SequenceBatchIterator(small, 1, List.of("a", "b"), 32, true, 7, true), 1);
        long together = 0;
        long again = 0;
        List<Float> ids = new ArrayList<>(epoch0.keySet());
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                if (epoch0.get(ids.get(i)).equals(epoch0.get(ids.get(j)))) {
                    together++;
                    again += epoch1.get(ids.get(i)).equals(epoch1.get(ids.get(j))) ? 1 : 0;
                }
            }
        }
        assertThat((double) again / together).as(again + " of " + together + " pairs together again").isLessThan(0.6);
        List<Integer> full = firstEpoch.subList(0, firstEpoch.size() - 1);
        assertThat(full).isNotEqualTo(full.stream().sorted().toList());
        // resuming mid-epoch skips whole minibatches of the same order
        SequenceBatchIterator resumed = new SequenceBatchIterator(data, 1, List.of("a", "b"), 32, true, 7, true);
        resumed.skipBatches(5);
        SequenceBatchIterator whole = new SequenceBatchIterator(data, 1, List.of("a", "b"), 32, true, 7, true);
        for (int i = 0; i < 5; i++) {
            whole.next();
        }
        assertThat(resumed.next().getFeatures()).isEqualTo(whole.next().getFeatures());
    }

    /** Each sequence's minibatch (by its first value, its index) in epoch {@code e}. */
    private static java.util.Map<Float, Integer> batchOf(SequenceBatchIterator it, int e) {
        it.setEpoch(e);
        java.util.Map<Float, Integer> out = new java.util.HashMap<>();
        for (int b = 0; it.hasNext(); b++) {
            DataSet x = it.next();
            for (int r = 0; r < x.getFeatures().size(0); r++) {
                out.put(x.getFeatures().getFloat(r, 0, 0), b);
            }
        }
        return out;
    }
}
