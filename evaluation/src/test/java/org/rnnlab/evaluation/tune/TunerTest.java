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
    void aSpentBudgetStartsNoFurtherTrialAndSaysWhatTheChoiceRestsOn() {
        // trial 81f F1: a 30 s budget let the whole first rung run (57 s), and the choice from 1-epoch trials was not said
        ComparisonConfig tiny = config(5);
        ComparisonConfig budgeted = tiny.withTuning(new TuningConfig(5, 3, 1e-9, 5, tiny.tuning().space()));
        List<String> started = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<TuningProgress> progress = new ArrayList<>();
        ComparisonResult r = Comparison.run(budgeted, ComparisonTestData.tiny(), null, new Comparison.Listener() {
            @Override
            public void onRunStart(int index, int total, String configuration, long seed) {
                started.add(configuration);
            }

            @Override
            public void onTuningNote(String note) {
                notes.add(note);
            }

            @Override
            public void onTuningProgress(TuningProgress p) {
                progress.add(p);
            }
        });
        // one trial per architecture trains, the rest of the rung does not start
        assertThat(started.stream().filter(c -> c.contains(" trial ")).toList()).containsExactly("rnn trial 0 rung 0", "gru trial 0 rung 0");
        for (TuningResult.ArchitectureTuning a : r.tuning().architectures()) {
            assertThat(a.stoppedByBudget()).isTrue();
            assertThat(a.trials()).hasSize(1);
            assertThat(a.chosenAccuracy()).isEqualTo(a.trials().get(0).validationAccuracy());
            assertThat(a.chosenEpochs()).isEqualTo(1);
            assertThat(a.trials().get(0).promoted()).isFalse();
            assertThat(a.budgetNote()).isEqualTo("--tune-budget 1.00e-09 s exceeded (" + String.format(java.util.Locale.ROOT, "%.0f",
                    a.trainSeconds()) + " s of trial training): rung 0 trained 1 of 5 trials x 1 epoch in " + String.format(
                    java.util.Locale.ROOT, "%.0f", a.trainSeconds()) + " s, and no later rung started; the choice rests on trials of "
                    + "1 epoch, the runs train 3");
        }
        assertThat(notes).hasSize(2).allSatisfy(n -> assertThat(n).contains("--tune-budget 1.00e-09 s exceeded"));
        assertThat(notes.get(0)).startsWith("rnn: ");
        assertThat(progress).extracting(TuningProgress::architecture, TuningProgress::trained, TuningProgress::rungTrials,
                TuningProgress::remaining, TuningProgress::budgetSpent).containsExactly(
                org.assertj.core.groups.Tuple.tuple("rnn", 1, 5, 4, true), org.assertj.core.groups.Tuple.tuple("gru", 1, 5, 4, true));
        assertThat(r.runs()).hasSize(4); // the chosen trials still get every seed
    }

    @Test
    void anEngineThatRunsTheWholeRungIsSaidToHaveExceededTheBudgetAndNoTrialIsMarkedPromotedThatDidNotTrainOn() {
        // an engine that starts every task at once (a cluster's) runs the whole rung: the overrun is said, and the trials
        // selected for a rung the budget did not start are not marked promoted (trial 81f F2)
        ComparisonConfig tiny = config(5);
        ComparisonConfig budgeted = tiny.withTuning(new TuningConfig(5, 3, 1e-9, 5, tiny.tuning().space()));
        org.rnnlab.evaluation.engine.InProcessEngine inProcess = new org.rnnlab.evaluation.engine.InProcessEngine(null);
        org.rnnlab.evaluation.engine.RunEngine allAtOnce = new org.rnnlab.evaluation.engine.RunEngine() {
            @Override
            public String describe() {
                return "all at once";
            }

            @Override
            public void run(org.rnnlab.evaluation.engine.DataSource source, SequenceDataset data, List<org.rnnlab.evaluation.compare.RunTask> tasks,
                            Comparison.Listener listener, java.util.concurrent.atomic.AtomicBoolean stop) {
                inProcess.run(source, data, tasks, listener, stop);
            }
        };
        SequenceDataset data = ComparisonTestData.tiny();
        TuningResult t = Tuner.tune(budgeted, budgeted.tuning(), data, new org.rnnlab.evaluation.engine.DataSource(data.name(),
                org.rnnlab.datasets.DatasetOptions.defaults(), null, data.provenance().checksum()), allAtOnce,
                new Comparison.Listener() { }, Map.of(), null);
        for (TuningResult.ArchitectureTuning a : t.architectures()) {
            assertThat(a.trials()).hasSize(5).allSatisfy(s -> assertThat(s.rung()).isZero());
            assertThat(a.trials()).noneMatch(TuningResult.TrialScore::promoted);
            assertThat(a.trials().stream().filter(s -> Boolean.TRUE.equals(s.notRunByBudget())).map(TuningResult.TrialScore::trial)
                    .toList()).containsExactly(a.chosen());
            assertThat(a.budgetNote()).contains("exceeded", "rung 0 trained 5 trials x 1 epoch in ", "and no later rung started",
                    "the choice rests on trials of 1 epoch, the runs train 3");
        }
        String csv = org.rnnlab.evaluation.compare.ComparisonFiles.trialsCsv(t);
        assertThat(csv.lines().skip(1).filter(l -> l.split(",")[8].equals("true"))).hasSize(2)
                .allSatisfy(l -> assertThat(l.split(",")[6]).as("promoted").isEqualTo("false"));
    }

    @Test
    void tiedTrialsGoByTheLowerValidationLogLossThenTheLowerIndex() {
        // trial 81f F3: tied trials went by index, tied epochs by the lower log-loss; a trial of a higher index and lower
        // log-loss now goes first, as a run's tied epoch of lower log-loss is kept
        Trial t1 = new Trial(1, 0.01, 8, 1, 0, "none", "last", false);
        Trial t3 = new Trial(3, 0.01, 16, 1, 0, "none", "last", false);
        Trial t5 = new Trial(5, 0.01, 32, 1, 0, "none", "last", false);
        TuningResult.TrialScore s1 = new TuningResult.TrialScore(t1, 0, 1, 0.5, 1, false, 0.4, null, 1.303, null);
        TuningResult.TrialScore s3 = new TuningResult.TrialScore(t3, 0, 1, 0.5, 1, false, 0.4, null, 1.108, null);
        TuningResult.TrialScore s5 = new TuningResult.TrialScore(t5, 0, 1, 0.5, 1, false, 0.4, null, 1.108, null);
        List<TuningResult.TrialScore> ranked = new ArrayList<>(List.of(s1, s5, s3));
        ranked.sort(TuningResult.TrialScore.ranking(org.rnnlab.training.EpochSelection.ACCURACY));
        assertThat(ranked).containsExactly(s3, s5, s1); // lower log-loss first; equal log-loss: lower index
        ranked.sort(TuningResult.TrialScore.ranking(org.rnnlab.training.EpochSelection.MACRO_F1));
        assertThat(ranked).containsExactly(s3, s5, s1);
        // a higher score still goes first whatever its log-loss
        TuningResult.TrialScore better = new TuningResult.TrialScore(new Trial(7, 0.01, 8, 2, 0, "none", "last", false), 0, 1, 0.5625,
                1, false, 0.5, null, 2.5, null);
        ranked.add(better);
        ranked.sort(TuningResult.TrialScore.ranking(org.rnnlab.training.EpochSelection.ACCURACY));
        assertThat(ranked.get(0)).isEqualTo(better);
        // a comparison whose runs keep the first tied epoch (made before the tie-break) keeps the index order for trials too
        ranked.sort(TuningResult.TrialScore.rankingByIndex(org.rnnlab.training.EpochSelection.ACCURACY));
        assertThat(ranked).containsExactly(better, s1, s3, s5);
    }

    @Test
    void theTunerPromotesByTheRankingWithItsLogLossTieBreak() {
        ComparisonResult a = Comparison.run(config(9), ComparisonTestData.tiny(), null, new Comparison.Listener() { });
        int ties = 0;
        for (TuningResult.ArchitectureTuning x : a.tuning().architectures()) {
            List<TuningResult.TrialScore> rung0 = x.trials().stream().filter(s -> s.rung() == 0).toList();
            assertThat(rung0).allSatisfy(s -> assertThat(s.validationLogLoss()).isNotNull().isPositive());
            List<TuningResult.TrialScore> ranked = new ArrayList<>(rung0);
            ranked.sort(TuningResult.TrialScore.ranking(org.rnnlab.training.EpochSelection.ACCURACY));
            int keep = a.tuning().rungs().get(1).trials();
            assertThat(rung0.stream().filter(TuningResult.TrialScore::promoted).map(TuningResult.TrialScore::trial).toList())
                    .containsExactlyInAnyOrderElementsOf(ranked.subList(0, keep).stream().map(TuningResult.TrialScore::trial).toList());
            // on these data the cut of rung 0 falls in a tie of validation accuracy (rnn: trials 0, 1, 3, 5, 8 at 0.9375 for one
            // place; gru: 3, 4, 5, 6, 8 for two): by index trial 0 (rnn) and 3 (gru) would have gone on, by log-loss 3 and 4, 5
            List<TuningResult.TrialScore> byIndex = new ArrayList<>(rung0);
            byIndex.sort(TuningResult.TrialScore.rankingByIndex(org.rnnlab.training.EpochSelection.ACCURACY));
            assertThat(ranked.get(keep - 1).validationAccuracy()).as(x.architecture() + ": a tie at the cut")
                    .isEqualTo(ranked.get(keep).validationAccuracy());
            assertThat(ranked.subList(0, keep)).as(x.architecture() + ": the log-loss tie-break promotes other trials than the index")
                    .isNotEqualTo(byIndex.subList(0, keep));
            ties++;
        }
        assertThat(ties).isEqualTo(2);
    }

    @Test
    void aTuningReadsBackWithAndWithoutTheFieldsAddedSince() throws Exception {
        Trial t = new Trial(0, 0.01, 8, 1, 0, "none", "last", false);
        TuningResult now = new TuningResult(new TuningConfig(3, 3, 30, 1, null), List.of(new SuccessiveHalving.Rung(0, 3, 1)),
                List.of(new TuningResult.ArchitectureTuning("gru", t, 0.5, List.of(new TuningResult.TrialScore(t, 0, 1, 0.5, 2, false,
                        0.4, null, 1.2, true)), 2, true, 0.4, 1, "--tune-budget 30 s exceeded")), 3,
                org.rnnlab.training.EpochSelection.MACRO_F1);
        String json = org.rnnlab.core.Json.write(now);
        assertThat(org.rnnlab.core.Json.read(json, TuningResult.class)).isEqualTo(now);
        // a tuning.json of before: no selection, chosenScore, chosenEpochs, budgetNote, validationLogLoss, notRunByBudget
        String before = json.replaceAll(",\\s*\"(selection|chosenScore|chosenEpochs|budgetNote|validationLogLoss|notRunByBudget)\"\\s*:"
                + "\\s*(\"[^\"]*\"|[^,}\\s]+)", "");
        assertThat(before).doesNotContain("chosenScore", "notRunByBudget", "selection");
        TuningResult old = org.rnnlab.core.Json.read(before, TuningResult.class);
        assertThat(old.selection()).isNull();
        assertThat(old.architectures().get(0).chosenScore()).isNull();
        assertThat(old.architectures().get(0).trials().get(0).notRunByBudget()).isNull();
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
