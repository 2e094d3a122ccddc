package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class DivergenceGuardTest {
    final DivergenceGuard guard = new DivergenceGuard();

    @Test
    void aFiniteLossPasses() {
        guard.check(EarlyStoppingTest.network(), 0.69, 1, 1);
    }

    @Test
    void aNonFiniteLossEndsTheRunWithTheMessageOfBefore() {
        MultiLayerNetwork fresh = EarlyStoppingTest.network(); // no gradient before the first fit
        assertThatThrownBy(() -> guard.check(fresh, Double.NaN, 2, 5)).isInstanceOf(TrainingDivergedException.class)
                .hasMessage("training diverged at epoch 2, iteration 5: loss is NaN; try a lower learning rate (--lr) or gradient "
                        + "clipping (--clip l2:1.0)")
                .satisfies(e -> assertThat(List.of(((TrainingDivergedException) e).epoch(), ((TrainingDivergedException) e).iteration()))
                        .containsExactly(2, 5));
        assertThatThrownBy(() -> guard.check(fresh, Double.POSITIVE_INFINITY, 1, 1)).hasMessageContaining("loss is Infinity;");
    }

    @Test
    void theMessageNamesTheLayerWithTheLargestGradientNormAndANanNormCountsAsInfinite() {
        DefaultGradient g = new DefaultGradient();
        g.setGradientFor("0_W", Nd4j.create(new double[] {3, 4}));
        g.setGradientFor("0_b", Nd4j.create(new double[] {0}));
        g.setGradientFor("1_W", Nd4j.create(new double[] {1}));
        assertThat(DivergenceGuard.worstLayer(g)).isEqualTo("; largest gradient norm in layer 0 (5.0)");
        g.setGradientFor("1_b", Nd4j.create(new double[] {Double.NaN}));
        assertThat(DivergenceGuard.worstLayer(g)).isEqualTo("; largest gradient norm in layer 1 (Infinity)");
        assertThat(DivergenceGuard.worstLayer(null)).isEmpty();
    }
}
