package org.rnnlab.evaluation.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.compare.RunTask;
import org.rnnlab.evaluation.engine.DataSource;
import org.rnnlab.evaluation.engine.RunEngine;
import org.rnnlab.training.TrainingConfig;

/**
 * Tunes every architecture of a comparison: draws the trials once with the tuning's seed, then runs
 * {@link SuccessiveHalving} rung by rung; each rung's trials of all architectures are one batch of
 * independent tasks for the engine, trained on the training split and scored on the validation split
 * (never the test split). Trials are seeded, so the same command gives the same trials and (without a
 * time budget that is reached) the same choice.
 */
public final class Tuner {

    private Tuner() {
    }

    /**
     * The trials every architecture races: {@code config.trials()} draws from the space with the tuning's seed
     * ({@link SearchSpace#trials(int, Random)}: distinct combinations of a finite space).
     */
    public static List<Trial> trials(TuningConfig config) {
        return config.space().trials(config.trials(), new Random(config.seed()));
    }

    /** The display name of a trial's run, e.g. {@code lstm trial 3 rung 1}. */
    public static String trialName(Architecture arch, int trial, int rung) {
        return arch.id() + " trial " + trial + " rung " + rung;
    }

    /**
     * Tunes each architecture of {@code comparison} (its base model and training budget; the full budget's
     * epochs are the last rung's) with {@code tuning}.
     *
     * @param finished trial results kept from an earlier, interrupted attempt (by {@link RunTask#key()}); not trained again
     * @throws IllegalArgumentException when the dataset has no validation data to score trials on
     */
    public static TuningResult tune(ComparisonConfig comparison, TuningConfig tuning, SequenceDataset data, DataSource source,
                                    RunEngine engine, Comparison.Listener listener, Map<String, RunResult> finished, AtomicBoolean stop) {
        if (data.split(Split.VALIDATION).size() == 0) {
            throw new IllegalArgumentException("tuning scores trials on validation data, and dataset " + data.name() + " has none: "
                    + "give --validation FILE or --set validationFraction=F");
        }
        long t0 = System.nanoTime();
        List<Trial> trials = trials(tuning);
        List<SuccessiveHalving.Rung> rungs = SuccessiveHalving.rungs(tuning.trials(), tuning.eta(), comparison.training().epochs());
        List<Architecture> archs = comparison.architectures();
        Map<Architecture, List<Trial>> alive = new LinkedHashMap<>();
        Map<Architecture, List<TuningResult.TrialScore>> scores = new LinkedHashMap<>();
        Map<Architecture, Double> spent = new HashMap<>();
        Map<Architecture, Boolean> stoppedByBudget = new HashMap<>();
        Map<Architecture, List<TuningResult.TrialScore>> lastRung = new HashMap<>();
        for (Architecture a : archs) {
            alive.put(a, trials);
            scores.put(a, new ArrayList<>());
            spent.put(a, 0.0);
            stoppedByBudget.put(a, false);
        }
        int[] startIndex = {0};
        int plannedTotal = archs.size() * rungs.stream().mapToInt(SuccessiveHalving.Rung::trials).sum();
        for (SuccessiveHalving.Rung rung : rungs) {
            List<RunTask> tasks = new ArrayList<>();
            Map<String, Trial> trialOf = new HashMap<>();
            Map<String, Architecture> archOf = new HashMap<>();
            for (Architecture a : archs) {
                if (rung.index() > 0 && tuning.budgetSeconds() > 0 && spent.get(a) >= tuning.budgetSeconds()) {
                    stoppedByBudget.put(a, true);
                    continue;
                }
                for (Trial t : alive.get(a)) {
                    RunTask task = task(comparison, tuning, a, t, rung);
                    tasks.add(task);
                    trialOf.put(task.key(), t);
                    archOf.put(task.key(), a);
                }
            }
            if (tasks.isEmpty()) {
                break;
            }
            Map<String, RunResult> results = new HashMap<>();
            List<RunTask> todo = new ArrayList<>();
            for (RunTask task : tasks) {
                RunResult kept = finished.get(task.key());
                if (kept != null) {
                    results.put(task.key(), kept);
                } else {
                    todo.add(task);
                }
            }
            int base = startIndex[0] + tasks.size() - todo.size();
            engine.run(source, data, todo, new Comparison.ForwardingListener(listener) {
                @Override
                public void onRunStart(int index, int total, String configuration, long seed) {
                    delegate.onRunStart(base + index, plannedTotal, configuration, seed);
                }

                @Override
                public void onRunsStatus(String engine, int finishedHere, int total, int submitted, int active, long seconds) {
                    delegate.onRunsStatus(engine, base + finishedHere, plannedTotal, submitted, active, seconds); // as onRunStart numbers them
                }

                @Override
                public void onRunEnd(RunResult result) {
                    results.put(result.key(), result);
                    delegate.onRunEnd(result);
                }
            }, stop);
            startIndex[0] += tasks.size();
            for (Architecture a : archs) {
                List<TuningResult.TrialScore> rungScores = new ArrayList<>();
                for (RunTask task : tasks) {
                    if (archOf.get(task.key()) != a) {
                        continue;
                    }
                    RunResult r = results.get(task.key());
                    org.rnnlab.training.EpochSelection by = comparison.training().selection();
                    double selected = by.thresholdFree() ? r.keptValidation(by) : Double.NaN; // the kept epoch's, as it was judged
                    rungScores.add(new TuningResult.TrialScore(trialOf.get(task.key()), rung.index(), rung.epochs(), r.test().accuracy(),
                            r.trainSeconds(), false, r.test().macroF1(), Double.isNaN(selected) ? null : selected));
                    spent.merge(a, r.trainSeconds(), Double::sum);
                }
                if (rungScores.isEmpty()) {
                    continue;
                }
                List<TuningResult.TrialScore> ranked = new ArrayList<>(rungScores);
                // by what the runs keep their epoch by (a reviewer's try: imbalanced classes kept each run's epoch by macro-F1,
                // and the trials were still ranked by accuracy)
                org.rnnlab.training.EpochSelection selection = comparison.training().selection();
                // higher first; a log-loss lower first (EpochSelection.oriented)
                ranked.sort(Comparator.comparingDouble((TuningResult.TrialScore s) -> -s.rankingScore(selection))
                        .thenComparingInt(s -> s.trial().index()));
                boolean more = rung.index() + 1 < rungs.size();
                int keep = more ? rungs.get(rung.index() + 1).trials() : 0;
                List<Trial> next = ranked.subList(0, Math.min(keep, ranked.size())).stream().map(TuningResult.TrialScore::trial).toList();
                for (TuningResult.TrialScore s : rungScores) {
                    scores.get(a).add(new TuningResult.TrialScore(s.trial(), s.rung(), s.epochs(), s.validationAccuracy(),
                            s.trainSeconds(), next.contains(s.trial()), s.validationMacroF1(), s.validationSelected()));
                }
                alive.put(a, next);
                lastRung.put(a, ranked);
            }
        }
        List<TuningResult.ArchitectureTuning> out = new ArrayList<>();
        for (Architecture a : archs) {
            TuningResult.TrialScore best = lastRung.get(a).get(0);
            out.add(new TuningResult.ArchitectureTuning(a.id(), best.trial(), best.validationAccuracy(), scores.get(a), spent.get(a),
                    stoppedByBudget.get(a)));
        }
        return new TuningResult(tuning, rungs, out, (System.nanoTime() - t0) / 1e9);
    }

    /** The task of one trial of one architecture in one rung: trained with the tuning's seed, scored on validation. */
    static RunTask task(ComparisonConfig comparison, TuningConfig tuning, Architecture arch, Trial trial, SuccessiveHalving.Rung rung) {
        ModelSpec spec = trial.apply(Comparison.specOf(comparison.base(), arch))
                .withSeed(tuning.seed());
        TrainingConfig training = comparison.training().withEpochs(rung.epochs()).withSeed(tuning.seed());
        return new RunTask(trialName(arch, trial.index(), rung.index()), arch.id(), trial.clip(), tuning.seed(), null, spec, training,
                0, Split.VALIDATION);
    }
}
