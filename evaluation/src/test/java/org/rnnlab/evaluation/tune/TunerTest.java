package org.rnnlab.evaluation.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.compare.ClipSetting;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.ComparisonResult;
import org.rnnlab.evaluation.compare.ComparisonTestData;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.training.TrainingConfig;

class TunerTest {

    private static ComparisonConfig config(int trials) {
        SearchSpace space = new SearchSpace(new SearchSpace.Range(1e-3, 5e-2), List.of(4, 8), List.of(1, 2), null, null, null, null);
        return new ComparisonConfig(Architecture.parseList("rnn,gru"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4)), TrainingConfig.defaults().withEpochs(3).withBatchSize(16),
                2, 5, 0, null, new TuningConfig(trials, 3, 0, 5, space));
    }

    @Test
    void theSameCommandTunesTheSameWayAndTrialsNeverSeeTheTestSplit() {
        List<RunResult> seen = new ArrayList<>();
        ComparisonResult a = Comparison.run(config(5), ComparisonTestData.tiny(), null, new Comparison.Listener() {
            @Override
            public void onRunEnd(RunResult result) {
                seen.add(result);
            }
        });
        ComparisonResult b = Comparison.run(config(5), ComparisonTestData.tiny(), null, new Comparison.Listener() { });
        TuningResult t = a.tuning();
        // 5 trials, eta 3, 3 epochs: rungs 5 x 1 epoch, 1 x 3 epochs; for 2 architectures 12 trial runs, then 2 x 2 seeds
        assertThat(t.rungs()).containsExactly(new SuccessiveHalving.Rung(0, 5, 1), new SuccessiveHalving.Rung(1, 1, 3));
        assertThat(seen).hasSize(12 + 4);
        assertThat(seen.subList(0, 12)).allSatisfy(r -> assertThat(r.evaluatedOn()).isEqualTo(Split.VALIDATION));
        assertThat(seen.subList(12, 16)).allSatisfy(r -> assertThat(r.evaluatedOn()).isEqualTo(Split.TEST));
        assertThat(a.runs()).extracting(RunResult::configuration).containsExactly("rnn", "rnn", "gru", "gru");
        for (int i = 0; i < 2; i++) {
            TuningResult.ArchitectureTuning x = t.architectures().get(i);
            TuningResult.ArchitectureTuning y = b.tuning().architectures().get(i);
            assertThat(x.chosen()).isEqualTo(y.chosen());
            assertThat(x.trials()).extracting(TuningResult.TrialScore::validationAccuracy)
                    .isEqualTo(y.trials().stream().map(TuningResult.TrialScore::validationAccuracy).toList());
            // the promoted trial is the best of rung 0 (ties: lower index), and it is the chosen one
            List<TuningResult.TrialScore> rung0 = x.trials().stream().filter(s -> s.rung() == 0).toList();
            TuningResult.TrialScore best = rung0.stream().sorted(Comparator.comparingDouble((TuningResult.TrialScore s) ->
                    -s.validationAccuracy()).thenComparingInt(s -> s.trial().index())).findFirst().orElseThrow();
            assertThat(rung0.stream().filter(TuningResult.TrialScore::promoted).map(TuningResult.TrialScore::trial).toList())
                    .containsExactly(best.trial());
            assertThat(x.chosen()).isEqualTo(best.trial());
            // the chosen trial's hyperparameters are the ones the final runs trained with
            RunResult run = a.runs().get(2 * i);
            assertThat(run.parameters()).isEqualTo(b.runs().get(2 * i).parameters());
            assertThat(run.clip()).isEqualTo(x.chosen().clip());
        }
        assertThat(a.runs()).extracting(r -> r.test().accuracy())
                .isEqualTo(b.runs().stream().map(r -> r.test().accuracy()).toList());
    }

    @Test
    void trialsKeptFromAnInterruptedAttemptAreNotTrainedAgain() {
        List<String> trained = new ArrayList<>();
        List<RunResult> first = new ArrayList<>();
        Comparison.run(config(3), ComparisonTestData.tiny(), null, new Comparison.Listener() {
            @Override
            public void onRunEnd(RunResult result) {
                first.add(result);
            }
        });
        Map<String, RunResult> kept = new java.util.HashMap<>();
        first.subList(0, 4).forEach(r -> kept.put(r.key(), r));
        Comparison.run(config(3), ComparisonTestData.tiny(), null, new Comparison.Listener() {
            @Override
            public void onRunStart(int index, int total, String configuration, long seed) {
                trained.add(configuration);
            }
        }, kept, null);
        assertThat(trained).doesNotContainAnyElementsOf(first.subList(0, 4).stream().map(RunResult::configuration).toList());
        assertThat(trained).hasSize(first.size() - 4);
    }

    @Test
    void aSpentBudgetStopsBeforeTheNextRungAndChoosesTheBestOfTheLastOne() {
        ComparisonConfig tiny = config(5);
        ComparisonConfig budgeted = tiny.withTuning(new TuningConfig(5, 3, 1e-9, 5, tiny.tuning().space()));
        List<String> started = new ArrayList<>();
        ComparisonResult r = Comparison.run(budgeted, ComparisonTestData.tiny(), null, new Comparison.Listener() {
            @Override
            public void onRunStart(int index, int total, String configuration, long seed) {
                started.add(configuration);
            }
        });
        assertThat(started.stream().filter(c -> c.contains(" trial "))).hasSize(10).allMatch(c -> c.endsWith(" rung 0"));
        for (TuningResult.ArchitectureTuning a : r.tuning().architectures()) {
            assertThat(a.stoppedByBudget()).isTrue();
            assertThat(a.trials()).hasSize(5);
            double best = a.trials().stream().mapToDouble(TuningResult.TrialScore::validationAccuracy).max().orElseThrow();
            assertThat(a.chosenAccuracy()).isEqualTo(best);
        }
        assertThat(r.runs()).hasSize(4); // the chosen trials still get every seed
    }

    @Test
    void tuningNeedsValidationData() {
        SequenceDataset tiny = ComparisonTestData.tiny();
        SequenceDataset noValidation = new InMemorySequenceDataset("tiny", tiny.input(), tiny.labelNames(), tiny.split(Split.TRAIN),
                new SequenceSet(List.of()), tiny.split(Split.TEST), tiny.provenance());
        assertThatThrownBy(() -> Comparison.run(config(3), noValidation, null, new Comparison.Listener() { }))
                .hasMessageContaining("tuning scores trials on validation data, and dataset tiny has none");
    }
    @Test
    void trialsAreRankedByWhatTheRunsKeepTheirEpochBy() {
        // a trial that is more accurate by always predicting the majority, and one that finds the rare class
        TuningResult.TrialScore majority = new TuningResult.TrialScore(null, 0, 1, 0.90, 1, false, 0.47);
        TuningResult.TrialScore finder = new TuningResult.TrialScore(null, 0, 1, 0.85, 1, false, 0.71);
        assertThat(majority.score(org.rnnlab.training.EpochSelection.ACCURACY)).isEqualTo(0.90);
        assertThat(majority.score(org.rnnlab.training.EpochSelection.MACRO_F1)).isEqualTo(0.47);
        assertThat(finder.score(org.rnnlab.training.EpochSelection.MACRO_F1)).isGreaterThan(majority.score(
                org.rnnlab.training.EpochSelection.MACRO_F1));
        // a score read from a file written before macro-F1 was recorded: its accuracy
        assertThat(new TuningResult.TrialScore(null, 0, 1, 0.8, 1, false, null).score(org.rnnlab.training.EpochSelection.MACRO_F1))
                .isEqualTo(0.8);
    }

    @Test
    void byLogLossTheTrialOfLowestValidationLogLossIsPromoted() {
        // trial 65c (finding 4): a ranking model tuned by a threshold-free score; log-loss ranks lower first
        ComparisonConfig byLogLoss = new ComparisonConfig(config(5).architectures(), config(5).clips(), config(5).base(),
                config(5).training().withSelection(org.rnnlab.training.EpochSelection.LOG_LOSS), 2, 5, 0, null, config(5).tuning());
        ComparisonResult a = Comparison.run(byLogLoss, ComparisonTestData.tiny(), null, new Comparison.Listener() { });
        for (TuningResult.ArchitectureTuning x : a.tuning().architectures()) {
            List<TuningResult.TrialScore> rung0 = x.trials().stream().filter(s -> s.rung() == 0).toList();
            assertThat(rung0).allSatisfy(s -> assertThat(s.validationSelected()).isNotNull().isPositive());
            double lowest = rung0.stream().mapToDouble(TuningResult.TrialScore::validationSelected).min().orElseThrow();
            double highest = rung0.stream().mapToDouble(TuningResult.TrialScore::validationSelected).max().orElseThrow();
            assertThat(highest).as("trials that differ").isGreaterThan(lowest);
            assertThat(rung0.stream().filter(TuningResult.TrialScore::promoted).map(TuningResult.TrialScore::validationSelected).toList())
                    .containsExactly(lowest);
        }
        TuningResult.TrialScore low = new TuningResult.TrialScore(null, 0, 1, 0.90, 1, false, 0.47, 0.12);
        TuningResult.TrialScore high = new TuningResult.TrialScore(null, 0, 1, 0.95, 1, false, 0.60, 0.30);
        assertThat(low.rankingScore(org.rnnlab.training.EpochSelection.LOG_LOSS))
                .isGreaterThan(high.rankingScore(org.rnnlab.training.EpochSelection.LOG_LOSS));
        assertThat(low.score(org.rnnlab.training.EpochSelection.LOG_LOSS)).as("as measured").isEqualTo(0.12);
    }
}
