package org.rnnlab.evaluation.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.InputGradientProbe;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.compare.RunTask;
import org.rnnlab.training.Trainer;

/** Runs the tasks one after the other in this process, with the listener's per-epoch progress. */
public final class InProcessEngine implements RunEngine {
    private final Comparison.GradientProbe probe;

    /** With rnnlab's input-gradient probe. */
    public InProcessEngine() {
        this(new InputGradientProbe());
    }

    /** With the given probe (null: no probe). */
    public InProcessEngine(Comparison.GradientProbe probe) {
        this.probe = probe;
    }

    /** The architectures this engine has warmed up. */
    private final java.util.Set<String> warmed = new java.util.HashSet<>();

    @Override
    public String describe() {
        return "in-process";
    }

    @Override
    public void run(DataSource source, SequenceDataset data, List<RunTask> tasks, Comparison.Listener listener, AtomicBoolean stop) {
        run(source, data, tasks, listener, stop, t -> false);
    }

    /** Runs the tasks one after the other, each unless {@code skip} accepts it when its turn comes. */
    @Override
    public void run(DataSource source, SequenceDataset data, List<RunTask> tasks, Comparison.Listener listener, AtomicBoolean stop,
                    java.util.function.Predicate<RunTask> skip) {
        List<RunTask> cold = tasks.stream().filter(t -> warmed.add(t.architecture())).toList(); // once per engine (tuning rungs)
        warmUp(data, cold, stop);
        Map<String, SequenceDataset> parts = new HashMap<>(); // each fold or band cut once
        Map<org.rnnlab.datasets.Sequence, String> groups = Comparison.groupLookup(data); // kept in every fold and band
        Map<org.rnnlab.datasets.Sequence, String> ids = Comparison.idLookup(data); // and the ids, which a fold's data lack
        int index = 0;
        for (RunTask task : tasks) {
            if (skip.test(task)) {
                continue;
            }
            SequenceDataset taskData = task.fold() == null && task.band() == null ? data
                    : parts.computeIfAbsent(task.fold() + "/" + task.band(), k -> Comparison.dataOf(task, data, source));
            listener.onRunStart(index++, tasks.size(), task.configuration(), task.seed());
            RunResult r = Comparison.runTask(task, taskData, groups, ids, probe, listener, stop);
            listener.onRunEnd(r);
        }
    }

    /**
     * Trains each architecture of {@code tasks} once, untimed and thrown away, for one epoch of at most
     * {@value #WARM_UP_BATCHES} minibatches per split: the first run of a process otherwise pays the JVM's compilation of
     * the code it runs, and its train time and samples/s depended on the order of the architectures (a user's try: an LSTM
     * at 2328 samples/s when it ran first, 3632 second).
     */
    public static void warmUp(SequenceDataset data, List<RunTask> tasks, AtomicBoolean stop) {
        Map<String, RunTask> first = new java.util.LinkedHashMap<>();
        tasks.forEach(t -> first.putIfAbsent(t.architecture(), t));
        for (RunTask t : first.values()) {
            if (stop != null && stop.get()) {
                return;
            }
            RunTask brief = new RunTask(t.configuration(), t.architecture(), t.clip(), t.seed(), null, t.spec(),
                    t.training().withEpochs(1).withTimeBudgetSeconds(0), 0, t.evaluateOn());
            Comparison.runTask(brief, firstExamples(data, WARM_UP_BATCHES * t.training().batchSize()), null, new Trainer.Listener() {
            }, stop);
        }
    }

    /**
     * The first {@code n} examples of each split as they are, not {@link SequenceDataset#limit} (which for text data builds
     * a vocabulary again and logs the result: a user's comparison showed the warm-up's data beside its own, as if a second
     * dataset had been loaded).
     */
    private static SequenceDataset firstExamples(SequenceDataset data, int n) {
        return new org.rnnlab.datasets.InMemorySequenceDataset(data.name(), data.input(), data.labelNames(),
                data.split(org.rnnlab.datasets.Split.TRAIN).limit(n), data.split(org.rnnlab.datasets.Split.VALIDATION).limit(n),
                data.split(org.rnnlab.datasets.Split.TEST).limit(n), data.provenance());
    }

    /** Minibatches per split of the warm-up. */
    static final int WARM_UP_BATCHES = 4;
}
