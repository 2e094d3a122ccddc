package org.rnnlab.evaluation.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.InputGradientProbe;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.compare.RunTask;

/**
 * The worker side of a remote engine: a task and its data source as JSON in, the result as JSON out.
 * The dataset is opened once per process and source (a small cache of the last few), its checksum
 * checked against the driver's, and the task's fold or band cut from it. Only JSON crosses the wire: nothing
 * read from the network is Java-deserialized by rnnlab.
 */
public final class TaskExecutor {
    private static final int CACHED = 4;
    private static final Map<String, SequenceDataset> OPENED = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SequenceDataset> eldest) {
            return size() > CACHED;
        }
    };

    /** The architectures this process has warmed up ({@link InProcessEngine#warmUp}). */
    private static final java.util.Set<String> WARMED = new java.util.HashSet<>();

    private TaskExecutor() {
    }

    /**
     * Runs one task: {@code sourceJson} is a {@link DataSource}, {@code taskJson} a {@link RunTask}; returns
     * the {@link RunResult} as JSON.
     *
     * @throws IllegalStateException when the data opened here differ from the driver's (by checksum)
     */
    public static String run(String sourceJson, String taskJson) {
        return run(sourceJson, taskJson, null);
    }

    /**
     * {@link #run(String, String)} with a stop flag: when it is set, training ends with a
     * {@link org.rnnlab.training.TrainingInterruptedException} (a remote engine sets it when the task is cancelled).
     *
     * @param stop null for none
     */
    public static String run(String sourceJson, String taskJson, AtomicBoolean stop) {
        DataSource source = Json.read(sourceJson, DataSource.class);
        RunTask task = Json.read(taskJson, RunTask.class);
        SequenceDataset data = open(sourceJson, source);
        SequenceDataset taskData = Comparison.dataOf(task, data, source);
        // once per worker process and architecture, as in-process: the first run of each otherwise pays the JIT compilation of
        // its code in its train time (a Spark user's try: an rnn at 233 samples/s on a fresh executor, 996 on a warm one)
        boolean cold;
        synchronized (WARMED) {
            cold = WARMED.add(task.architecture());
        }
        if (cold) {
            InProcessEngine.warmUp(taskData, java.util.List.of(task), stop);
        }
        RunResult result = Comparison.runTask(task, taskData, Comparison.groupLookup(data), new InputGradientProbe(),
                new Comparison.Listener() { }, stop);
        return Json.write(result);
    }

    /** How many times this process opened a dataset for tasks ({@link #share}d ones are not opened). */
    private static final java.util.concurrent.atomic.AtomicInteger OPENS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Gives the tasks of this process the driver's copy of the data, where the driver and the worker are one process (Spark's
     * {@code local} mode): the worker then does not open it again, which printed every warning and note of reading it a
     * second time (a Spark trial: each data warning twice, and under {@code --cv} the carved split sizes that no run uses).
     * Only a copy with the source's checksum is taken.
     *
     * @return whether {@code data} is now what tasks of {@code sourceJson} use
     */
    public static boolean share(String sourceJson, SequenceDataset data) {
        DataSource source = Json.read(sourceJson, DataSource.class);
        if (!data.provenance().checksum().equals(source.checksum())) {
            return false;
        }
        synchronized (OPENED) {
            OPENED.putIfAbsent(sourceJson, data);
        }
        return true;
    }

    /** How many times this process opened a dataset for its tasks. */
    public static int opens() {
        return OPENS.get();
    }

    private static SequenceDataset open(String key, DataSource source) {
        synchronized (OPENED) {
            SequenceDataset data = OPENED.get(key);
            if (data == null) {
                OPENS.incrementAndGet();
                data = Datasets.open(source.dataset(), source.options());
                String checksum = data.provenance().checksum();
                if (!checksum.equals(source.checksum())) {
                    throw new IllegalStateException("dataset " + source.dataset() + " opened on this worker differs from the driver's "
                            + "(checksum " + checksum + ", expected " + source.checksum() + "): every worker must read the same files");
                }
                OPENED.put(key, data);
            }
            return data;
        }
    }
}
