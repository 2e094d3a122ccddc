package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.tune.Trial;

/** Trial 78d F1: train --config of a tuned comparison fills the tuned settings left out and names every one given that differs. */
class TunedSettingsTest {

    private static final Trial CHOSEN = new Trial(3, 0.003936289463109258, 32, 2, 0.0, "l2:1.0", "mean", true);

    @Test
    void settingsLeftOutAreTheTunedOnes() {
        TunedSettings s = TunedSettings.of(CHOSEN, null, null, null, null, null, null, null);
        assertThat(s.same()).isTrue();
        assertThat(s.trial().residual()).isTrue();
        assertThat(s.trial().apply(org.rnnlab.core.ModelSpec.of(org.rnnlab.core.CellType.LSTM)))
                .isEqualTo(CHOSEN.apply(org.rnnlab.core.ModelSpec.of(org.rnnlab.core.CellType.LSTM)));
        assertThat(s.filled()).containsExactly("--lr 0.003936289463109258", "--hidden 32", "--layers 2", "--dropout 0.0",
                "--clip l2:1.0", "--head mean", "--residual");
    }

    @Test
    void theBestLinesOptionsWithoutResidualAreNoRepeat() {
        // the trial's command: every tuned option given but --residual, which the tuned lstm had
        TunedSettings s = TunedSettings.of(CHOSEN, 0.003936289463109258, 32, 2, 0.0, "l2:1.0", "mean", false);
        assertThat(s.same()).isFalse();
        assertThat(s.differences()).containsExactly("--no-residual (tuned --residual)");
        assertThat(s.trial().residual()).isFalse();
    }

    @Test
    void aLearningRateOffByMoreThanARelativeBillionthDiffersAndOneReadBackDoesNot() {
        assertThat(TunedSettings.of(CHOSEN, 0.004, null, null, null, null, null, null).differences())
                .containsExactly("--lr 0.004 (tuned 0.003936289463109258)");
        assertThat(TunedSettings.of(CHOSEN, 0.003936289463109258 * (1 + 1e-12), null, null, null, null, null, null).same()).isTrue();
        assertThat(TunedSettings.of(CHOSEN, null, 16, 1, 0.2, "none", "last", null).differences()).containsExactly(
                "--hidden 16 (tuned 32)", "--layers 1 (tuned 2)", "--dropout 0.2 (tuned 0.0)", "--clip none (tuned l2:1.0)",
                "--head last (tuned mean)");
    }
}
