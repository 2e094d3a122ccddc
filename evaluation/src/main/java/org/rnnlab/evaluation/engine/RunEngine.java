package org.rnnlab.evaluation.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.RunTask;

/**
 * Runs independent training tasks (the seeds, folds and trials of a comparison) somewhere: in this
 * process one after the other ({@link InProcessEngine}, the default) or on a cluster (the Spark engine
 * of the {@code rnnlab-spark} module, found through {@link RunEngines}). Whatever the engine, a task
 * gives the same {@link org.rnnlab.evaluation.compare.RunResult} for the same seed.
 */
public interface RunEngine extends AutoCloseable {

    /** What runs the tasks, for the console and provenance, e.g. {@code in-process} or {@code spark local[2]}. */
    String describe();

    /**
     * Where the runs of engine {@code description} ({@link #describe}) were trained, in words: {@code in-process},
     * {@code on Spark (master spark://h:7077)}, {@code on Spark (master local[*], 2 slots)} (trial 76g F8: "trained by the
     * spark spark://127.0.0.1:7077 engine").
     */
    static String where(String description) {
        if (description == null) {
            return "by an engine not recorded";
        }
        java.util.regex.Matcher spark = java.util.regex.Pattern.compile("spark (\\S+)(?: \\((.*)\\))?").matcher(description);
        if (spark.matches()) {
            return "on Spark (master " + spark.group(1) + (spark.group(2) == null ? "" : ", " + spark.group(2)) + ")";
        }
        return description.equals("in-process") ? "in-process" : "by the " + description + " engine";
    }

    /**
     * Runs every task; {@code listener.onRunEnd} sees each result as soon as it is back (in the order they
     * end), so the caller can keep it. Callbacks are made one at a time. Returns when all tasks ended.
     *
     * @param source where a worker process reopens the data ({@code data} is the caller's copy of it)
     * @param stop   set to stop: tasks not finished are abandoned and a
     *               {@link org.rnnlab.training.TrainingInterruptedException} is thrown
     */
    void run(DataSource source, SequenceDataset data, List<RunTask> tasks, Comparison.Listener listener, AtomicBoolean stop);

    /**
     * {@link #run(DataSource, SequenceDataset, List, Comparison.Listener, AtomicBoolean)}, asking {@code skip} before starting
     * each task: one it accepts is not run (no callback of it), so a tuning's spent {@code --tune-budget} starts no further
     * trial. An engine that starts its tasks at once (the default: a cluster's) runs every task and never asks.
     */
    default void run(DataSource source, SequenceDataset data, List<RunTask> tasks, Comparison.Listener listener, AtomicBoolean stop,
                     java.util.function.Predicate<RunTask> skip) {
        run(source, data, tasks, listener, stop);
    }

    /** Releases the engine's resources (a Spark context); the in-process engine has none. */
    @Override
    default void close() {
    }
}
