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

    @Override
    public String describe() {
        return "in-process";
    }

    @Override
    public void run(DataSource source, SequenceDataset data, List<RunTask> tasks, Comparison.Listener listener, AtomicBoolean stop) {
        Map<String, SequenceDataset> parts = new HashMap<>(); // each fold or band cut once
        int index = 0;
        for (RunTask task : tasks) {
            SequenceDataset taskData = task.fold() == null && task.band() == null ? data
                    : parts.computeIfAbsent(task.fold() + "/" + task.band(), k -> Comparison.dataOf(task, data, source));
            listener.onRunStart(index++, tasks.size(), task.configuration(), task.seed());
            RunResult r = Comparison.runTask(task, taskData, probe, listener, stop);
            listener.onRunEnd(r);
        }
    }
}
