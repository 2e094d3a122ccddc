package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeBudgetTest {

    @Test
    void endsTheRunOnceTheTrainingTimeReachesTheBudget() {
        TimeBudget budget = TimeBudget.of(TrainingConfig.defaults().withTimeBudgetSeconds(10), "rnn-2");
        assertThat(budget.exhaustedAfter(1, 9.99)).isFalse();
        assertThat(budget.exhaustedAfter(2, 10.0)).isTrue();
        assertThat(budget.exhaustedAfter(3, 12.5)).isTrue();
    }

    @Test
    void zeroMeansNoBudget() {
        TimeBudget none = TimeBudget.of(TrainingConfig.defaults(), "rnn-2");
        assertThat(none.seconds()).isZero();
        assertThat(none.exhaustedAfter(100, 1e9)).isFalse();
    }
}
