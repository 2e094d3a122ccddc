package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A negative label says what it is for and, at -1, the likely cause (trial 81d F4: a loader's indexOf of an unknown name). */
class SequenceLabelTest {

    @Test
    void minusOneIsExplainedAsAnIndexOfMiss() {
        int label = List.of("high", "low", "mid").indexOf("medium");
        assertThatThrownBy(() -> new Sequence(new float[][] {{1f}}, label)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sequence.label must be >= 0 (the class's place in the dataset's label names), got -1 (what "
                        + "List.indexOf returns for a name not in the list: check the spelling of this sequence's label against "
                        + "the names the dataset is built with)");
        assertThatThrownBy(() -> new Sequence(new float[][] {{1f}}, -3))
                .hasMessage("Sequence.label must be >= 0 (the class's place in the dataset's label names), got -3");
    }
}
