package org.rnnlab.evaluation.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reduction of one cell's rounds against one peer, on hand-computed values. */
class RoundAggregateTest {

    @Test
    void mediansOfEachSideAndOfThePerRoundRatios() {
        // rounds: 100/50 = 2.0, 300/100 = 3.0, 200/160 = 1.25
        RoundAggregate a = RoundAggregate.of(List.of(100.0, 300.0, 200.0), List.of(50.0, 100.0, 160.0));
        assertThat(a.rnnlabSamplesPerS()).isEqualTo(200.0);
        assertThat(a.peerSamplesPerS()).isEqualTo(100.0);
        assertThat(a.ratios()).containsExactly(2.0, 3.0, 1.25);
        // the median ratio is a round's ratio (2.0), not the ratio of the medians (200 / 100 = 2.0 here by chance)
        assertThat(a.ratio()).isEqualTo(2.0);
        assertThat(a.ratioMin()).isEqualTo(1.25);
        assertThat(a.ratioMax()).isEqualTo(3.0);
    }

    @Test
    void evenRoundCountsAverageTheMiddleTwoAndTheMedianRatioDiffersFromTheRatioOfMedians() {
        // rounds: 120/40 = 3.0, 80/80 = 1.0
        RoundAggregate a = RoundAggregate.of(List.of(120.0, 80.0), List.of(40.0, 80.0));
        assertThat(a.rnnlabSamplesPerS()).isEqualTo(100.0);
        assertThat(a.peerSamplesPerS()).isEqualTo(60.0);
        assertThat(a.ratio()).isEqualTo(2.0);
        assertThat(a.rnnlabSamplesPerS() / a.peerSamplesPerS()).isCloseTo(1.667, offset(0.001));
        assertThat(a.ratioMin()).isEqualTo(1.0);
        assertThat(a.ratioMax()).isEqualTo(3.0);
    }

    @Test
    void aMissingPeerGivesNoRatioButKeepsRnnlabsMedian() {
        RoundAggregate a = RoundAggregate.of(List.of(10.0, 30.0, 20.0), List.of(Double.NaN, Double.NaN, Double.NaN));
        assertThat(a.rnnlabSamplesPerS()).isEqualTo(20.0);
        assertThat(a.peerSamplesPerS()).isNaN();
        assertThat(a.ratios()).isEmpty();
        assertThat(a.ratio()).isNaN();
        assertThat(a.ratioMin()).isNaN();
        assertThat(a.ratioMax()).isNaN();
    }

    @Test
    void refusesRoundsOfDifferentCounts() {
        assertThatThrownBy(() -> RoundAggregate.of(List.of(1.0, 2.0), List.of(1.0)))
                .hasMessageContaining("one rnnlab and one peer rate per round");
    }
}
