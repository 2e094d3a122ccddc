package org.rnnlab.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.Split;

class TemporalOrderTest {

    private static final TemporalOrder.Config SMALL = TemporalOrder.Config.defaults().withSizes(400, 100, 224);

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        TemporalOrder a = TemporalOrder.generate(SMALL);
        TemporalOrder b = TemporalOrder.generate(SMALL);
        TemporalOrder c = TemporalOrder.generate(SMALL.withSeed(3));
        assertThat(a.split(Split.TRAIN).examples().stream().map(TemporalOrder::symbols).toList())
                .isEqualTo(b.split(Split.TRAIN).examples().stream().map(TemporalOrder::symbols).toList())
                .isNotEqualTo(c.split(Split.TRAIN).examples().stream().map(TemporalOrder::symbols).toList());
    }

    @Test
    void labelAndTagsFollowFromTheSymbols() {
        TemporalOrder data = TemporalOrder.generate(SMALL);
        for (Split split : Split.values()) {
            for (Sequence s : data.split(split).examples()) {
                String sym = TemporalOrder.symbols(s);
                assertThat(sym).hasSize(s.length()).startsWith("B").endsWith("E");
                String relevant = sym.replaceAll("[^XY]", "");
                assertThat(relevant).hasSize(2);
                assertThat(TemporalOrder.LABELS.get(s.label())).isEqualTo(relevant);
                int first = sym.indexOf(relevant.charAt(0));
                int second = sym.indexOf(relevant.charAt(1), first + 1);
                assertThat(s.tags()).containsEntry(TemporalOrder.TAG_DISTANCE, s.length() - 1 - first)
                        .containsEntry(TemporalOrder.TAG_LAG, second - first);
                assertThat(s.tags().get(TemporalOrder.TAG_DISTANCE)).isBetween(5, 60);
            }
        }
        // 224 = 4 cycles of the 56 distances: each class once per distance
        assertThat(data.split(Split.TEST).classCounts(4)).containsExactly(56, 56, 56, 56);
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> new TemporalOrder.Config(1, 0, 0, 1, 10, 0, 0)).hasMessageContaining("minDistance must be >= 2");
        assertThatThrownBy(() -> new TemporalOrder.Config(1, 0, 0, 5, 4, 0, 0)).hasMessageContaining("maxDistance must be in [minDistance=5");
    }
}
