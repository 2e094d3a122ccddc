package org.rnnlab.evaluation.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
import org.rnnlab.training.EpochSelection;
import org.rnnlab.training.SelectionTies;
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
        EpochSelection selection = comparison.training().selection();
        // ties of the ranking score as the runs break ties of their epochs: by the lower validation log-loss (trial 81f F3:
        // trials were ordered by index, epochs by log-loss); a comparison of before that rule (its runs' FIRST) by index
        Comparator<TuningResult.TrialScore> order = comparison.training().selectionTies() == SelectionTies.FIRST
                ? TuningResult.TrialScore.rankingByIndex(selection) : TuningResult.TrialScore.ranking(selection);
        double budget = tuning.budgetSeconds();
        Map<Architecture, List<Trial>> alive = new LinkedHashMap<>();
        Map<Architecture, List<TuningResult.TrialScore>> scores = new LinkedHashMap<>();
        Map<Architecture, Double> spent = new HashMap<>();
        Map<Architecture, Boolean> stoppedByBudget = new HashMap<>();
        Map<Architecture, List<TuningResult.TrialScore>> lastRung = new HashMap<>();
        Map<Architecture, List<Set<Trial>>> selected = new HashMap<>(); // by rung: the trials chosen to go on
        Map<Architecture, List<String>> ran = new HashMap<>(); // by rung: what trained, for the budget's note
        for (Architecture a : archs) {
            alive.put(a, trials);
            scores.put(a, new ArrayList<>());
            spent.put(a, 0.0);
            stoppedByBudget.put(a, false);
            selected.put(a, new ArrayList<>());
            ran.put(a, new ArrayList<>());
        }
        int[] startIndex = {0};
        int plannedTotal = archs.size() * rungs.stream().mapToInt(SuccessiveHalving.Rung::trials).sum();
        for (SuccessiveHalving.Rung rung : rungs) {
            List<RunTask> tasks = new ArrayList<>();
            Map<String, Trial> trialOf = new HashMap<>();
            Map<String, Architecture> archOf = new HashMap<>();
            Map<Architecture, Integer> planned = new HashMap<>();
            for (Architecture a : archs) {
                if (rung.index() > 0 && (alive.get(a).isEmpty() || budget > 0 && spent.get(a) >= budget)) {
                    stoppedByBudget.put(a, true);
                    continue;
                }
                for (Trial t : alive.get(a)) {
                    RunTask task = task(comparison, tuning, a, t, rung);
                    tasks.add(task);
                    trialOf.put(task.key(), t);
                    archOf.put(task.key(), a);
                    planned.merge(a, 1, Integer::sum);
                }
            }
            if (tasks.isEmpty()) {
                break;
            }
            Map<String, RunResult> results = new HashMap<>();
            Map<Architecture, Integer> done = new HashMap<>();
            Map<Architecture, Double> rungSeconds = new HashMap<>();
            List<RunTask> todo = new ArrayList<>();
            for (RunTask task : tasks) {
                RunResult kept = finished.get(task.key());
                if (kept != null) {
                    results.put(task.key(), kept);
                    Architecture a = archOf.get(task.key());
                    spent.merge(a, kept.trainSeconds(), Double::sum);
                    rungSeconds.merge(a, kept.trainSeconds(), Double::sum);
                    done.merge(a, 1, Integer::sum);
                } else {
                    todo.add(task);
                }
            }
            int base = startIndex[0] + tasks.size() - todo.size();
            // a spent budget starts no further trial of the architecture, once one of its trials of this rung has trained (trial
            // 81f F1: the whole first rung ran, 57 s of a 30 s budget); an engine that starts every task at once runs them all
            java.util.function.Predicate<RunTask> overBudget = task -> {
                Architecture a = archOf.get(task.key());
                return budget > 0 && done.getOrDefault(a, 0) > 0 && spent.get(a) >= budget;
            };
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
                    Architecture a = archOf.get(result.key());
                    if (a != null) {
                        spent.merge(a, result.trainSeconds(), Double::sum);
                        rungSeconds.merge(a, result.trainSeconds(), Double::sum);
                        done.merge(a, 1, Integer::sum);
                    }
                    delegate.onRunEnd(result);
                    if (a != null) {
                        delegate.onTuningProgress(new TuningProgress(a.id(), rung, planned.get(a), done.get(a), rungSeconds.get(a),
                                spent.get(a), budget, (System.nanoTime() - t0) / 1e9));
                    }
                }
            }, stop, overBudget);
            startIndex[0] += tasks.size();
            for (Architecture a : archs) {
                List<TuningResult.TrialScore> rungScores = new ArrayList<>();
                for (RunTask task : tasks) {
                    RunResult r = results.get(task.key());
                    if (archOf.get(task.key()) != a || r == null) { // null: not started, the budget spent
                        continue;
                    }
                    EpochSelection by = comparison.training().selection();
                    double kept = by.thresholdFree() ? r.keptValidation(by) : Double.NaN; // the kept epoch's, as it was judged
                    double logLoss = r.keptValidation(EpochSelection.LOG_LOSS);
                    rungScores.add(new TuningResult.TrialScore(trialOf.get(task.key()), rung.index(), rung.epochs(), r.test().accuracy(),
                            r.trainSeconds(), false, r.test().macroF1(), Double.isNaN(kept) ? null : kept,
                            Double.isNaN(logLoss) ? null : logLoss, null));
                }
                if (rungScores.isEmpty()) {
                    continue;
                }
                ran.get(a).add(String.format(Locale.ROOT, "rung %d trained %s%d trial%s x %d epoch%s in %.0f s", rung.index(),
                        rungScores.size() < planned.get(a) ? rungScores.size() + " of " : "", planned.get(a),
                        planned.get(a) == 1 ? "" : "s", rung.epochs(), rung.epochs() == 1 ? "" : "s", rungSeconds.getOrDefault(a, 0.0)));
                List<TuningResult.TrialScore> ranked = new ArrayList<>(rungScores);
                // by what the runs keep their epoch by (a reviewer's try: imbalanced classes kept each run's epoch by macro-F1,
                // and the trials were still ranked by accuracy); higher first, a log-loss lower first (EpochSelection.oriented)
                ranked.sort(order);
                boolean cut = rungScores.size() < planned.get(a); // trials the spent budget did not start: no rung after it
                if (cut) {
                    stoppedByBudget.put(a, true);
                }
                boolean more = !cut && rung.index() + 1 < rungs.size();
                int keep = more ? rungs.get(rung.index() + 1).trials() : 0;
                List<Trial> next = ranked.subList(0, Math.min(keep, ranked.size())).stream().map(TuningResult.TrialScore::trial).toList();
                scores.get(a).addAll(rungScores);
                selected.get(a).add(Set.copyOf(next));
                alive.put(a, next);
                lastRung.put(a, ranked);
            }
        }
        List<TuningResult.ArchitectureTuning> out = new ArrayList<>();
        for (Architecture a : archs) {
            TuningResult.TrialScore best = lastRung.get(a).get(0);
            // promoted: selected and trained in the next rung (trial 81f F2: selected ones the budget stopped were marked promoted)
            List<TuningResult.TrialScore> all = new ArrayList<>();
            for (TuningResult.TrialScore s : scores.get(a)) {
                boolean chosenToGoOn = s.rung() < selected.get(a).size() && selected.get(a).get(s.rung()).contains(s.trial());
                boolean trainedOn = scores.get(a).stream().anyMatch(o -> o.rung() == s.rung() + 1 && o.trial().equals(s.trial()));
                all.add(s.withPromotion(chosenToGoOn && trainedOn, chosenToGoOn && !trainedOn));
            }
            String note = budgetNote(budget, spent.get(a), stoppedByBudget.get(a), ran.get(a), rungs.size(), best.epochs(),
                    comparison.training().epochs());
            if (note != null) {
                listener.onTuningNote(a.id() + ": " + note);
            }
            out.add(new TuningResult.ArchitectureTuning(a.id(), best.trial(), best.validationAccuracy(), all, spent.get(a),
                    stoppedByBudget.get(a), best.score(selection), best.epochs(), note));
        }
        return new TuningResult(tuning, rungs, out, (System.nanoTime() - t0) / 1e9, selection);
    }

    /**
     * What the {@code --tune-budget} did to an architecture's tuning, or null when it was not reached: e.g. {@code --tune-budget
     * 30 s exceeded (57 s of trial training): rung 0 trained 9 trials x 1 epoch in 57 s, and no later rung started; the choice
     * rests on trials of 1 epoch, the runs train 9} (trial 81f F1: the choice came from 1-epoch trials without a word).
     *
     * @param stopped whether the budget left trials or rungs untrained
     * @param ran     each rung's {@code rung 0 trained 5 of 9 trials x 1 epoch in 34 s}, in order
     * @param rungs   the rungs planned
     */
    static String budgetNote(double budget, double spent, boolean stopped, List<String> ran, int rungs, int chosenEpochs,
                             int runEpochs) {
        if (budget <= 0 || !stopped && spent <= budget) {
            return null;
        }
        return String.format(Locale.ROOT, "--tune-budget %s s %s (%.0f s of trial training): %s%s%s", budget >= 1
                        ? String.format(Locale.ROOT, "%.0f", budget) : String.format(Locale.ROOT, "%.3g", budget),
                spent > budget ? "exceeded" : "spent", spent, String.join(", ", ran), ran.size() < rungs ? ", and no later rung started" : "",
                chosenEpochs < runEpochs ? String.format(Locale.ROOT, "; the choice rests on trials of %d epoch%s, the runs train %d",
                        chosenEpochs, chosenEpochs == 1 ? "" : "s", runEpochs) : "");
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
