package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelOrderTest {

    @Test
    void integerCodesAreInNumericOrderOtherLabelsInTextOrder() {
        // a user's try: activity codes 1..10 came out as p_1, p_10, p_2, ... in predict's columns
        assertThat(LabelOrder.sorted(List.of("2", "10", "1", "2", "-3", "9"))).containsExactly("-3", "1", "2", "9", "10");
        assertThat(LabelOrder.sorted(List.of("01", "1", "10"))).containsExactly("01", "1", "10");
        assertThat(LabelOrder.sorted(List.of("123456789012345678901234567890", "7"))).containsExactly("7", "123456789012345678901234567890");
        assertThat(LabelOrder.sorted(List.of("walk", "10", "2", "Sit"))).containsExactly("10", "2", "Sit", "walk");
        assertThat(LabelOrder.sorted(List.of("1.5", "10", "2"))).containsExactly("1.5", "10", "2");
        assertThat(LabelOrder.sorted(List.of())).isEmpty();
    }
}
