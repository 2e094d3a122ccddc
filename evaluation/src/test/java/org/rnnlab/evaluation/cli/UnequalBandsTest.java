package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.TagBands;

/**
 * A user's try: {@code --set maxDistance=10} cut the distances into 1-4, 5-8 and 9-10, so the far band (where the RNN is
 * expected to fail) trained on half the examples, and nothing said so. The bands are now as equal as the distances allow
 * (TagBandsTest), and bands whose training sets still differ by more than a quarter are warned of.
 */
class UnequalBandsTest {

    /** Ten examples of every distance 1..maxDistance in training, two in test. */
    private static SequenceDataset data(int maxDistance) {
        List<Sequence> train = new ArrayList<>();
        List<Sequence> test = new ArrayList<>();
        for (int d = 1; d <= maxDistance; d++) {
            for (int i = 0; i < 12; i++) {
                (i < 10 ? train : test).add(new Sequence(new float[d][1], i % 2, Map.of("distance", d)));
            }
        }
        return new InMemorySequenceDataset("toy", InputDescription.dense(List.of("x"), maxDistance), List.of("a", "b"),
                new SequenceSet(train), new SequenceSet(List.of()), new SequenceSet(test),
                new DatasetProvenance("toy", "generated", Map.of(), List.of(), 1));
    }

    @Test
    void bandsOfUnequalTrainingSetsAreWarnedOfEqualOnesAreNot() {
        SequenceDataset ten = data(10);
        TagBands old = TagBands.parse("distance:1-4,5-8,9-10"); // the cut before: 40/40/20 training examples
        assertThat(CompareCommand.unequalBands(old, old.selectAll(ten))).isNotNull()
                .contains("20 examples in distance 9-10 against 40 in distance 1-4").contains("50% of the updates");
        TagBands now = TagBands.equalWidth("distance", ten, 3); // 1-4, 5-7, 8-10: 40/30/30, still more than a quarter apart
        assertThat(CompareCommand.unequalBands(now, now.selectAll(ten))).contains("30 examples in distance 5-7 against 40 in distance 1-4");
        SequenceDataset twelve = data(12);
        TagBands even = TagBands.equalWidth("distance", twelve, 3);
        assertThat(CompareCommand.unequalBands(even, even.selectAll(twelve))).isNull();
        TagBands nearlyEven = TagBands.parse("distance:1-5,6-9"); // 50 against 40: within a quarter
        assertThat(CompareCommand.unequalBands(nearlyEven, nearlyEven.selectAll(data(9)))).isNull();
    }
}
