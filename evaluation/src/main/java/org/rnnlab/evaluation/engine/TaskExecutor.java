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
        RunResult result = Comparison.runTask(task, taskData, Comparison.groupLookup(data), Comparison.idLookup(data),
                new InputGradientProbe(),
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
                try {
                    data = Datasets.open(source.dataset(), source.options());
                } catch (org.rnnlab.datasets.DatasetFormatException e) {
                    if (e.wrongPath() && readOnDriver(source, e.file())) {
                        // no cause: a Spark executor reports a failure's root cause (RunTaskFunction.failure), which would be e
                        IllegalStateException here = new IllegalStateException(missingHere(e, hostName()));
                        here.addSuppressed(e);
                        throw here;
                    }
                    throw e;
                }
                String checksum = data.provenance().checksum();
                if (!checksum.equals(source.checksum())) {
                    throw new IllegalStateException(differs(source, data.provenance()));
                }
                OPENED.put(key, data);
            }
            return data;
        }
    }

    /** Whether {@code file} is one of the files the driver read (its provenance's; false for a source without it). */
    static boolean readOnDriver(DataSource source, java.nio.file.Path file) {
        if (file == null || source.provenance() == null) {
            return false;
        }
        String path = file.toAbsolutePath().normalize().toString();
        return source.provenance().files().stream().anyMatch(f -> java.nio.file.Path.of(f.path()).toAbsolutePath().normalize().toString()
                .equals(path));
    }

    /**
     * The failure of a worker that cannot find (or read as a file) a data file the driver read: its message, said to be this
     * worker's on {@code host}, and what to do (trial 80d F4: "file not found" alone, a minute after the driver had read the
     * file, left the user wondering on which machine).
     */
    static String missingHere(org.rnnlab.datasets.DatasetFormatException e, String host) {
        return e.getMessage() + ", on the executor on " + host + " (the driver read it): every worker must see the data at the same "
                + "path, in a folder every worker reads (a shared file system) or a copy at that path on each (docs/guide/spark.md, Data)";
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "an unnamed host";
        }
    }

    /**
     * The failure of a worker whose data differ from the driver's: the checksums, then, when the source carries the driver's
     * provenance, which file differs (its path, size and SHA-256 here and on the driver) or which setting, and what to do.
     */
    static String differs(DataSource source, org.rnnlab.datasets.DatasetProvenance here) {
        String head = "dataset " + source.dataset() + " opened on this worker differs from the driver's (checksum " + here.checksum()
                + ", expected " + source.checksum() + ")";
        String todo = "every worker must read the same files: copy the driver's files to this worker (same path) or put the data in "
                + "a folder every worker reads (a shared file system), then run again";
        org.rnnlab.datasets.DatasetProvenance driver = source.provenance();
        if (driver == null) {
            return head + ": " + todo;
        }
        java.util.List<String> files = new java.util.ArrayList<>();
        int n = Math.max(driver.files().size(), here.files().size());
        for (int i = 0; i < n; i++) {
            var d = i < driver.files().size() ? driver.files().get(i) : null;
            var h = i < here.files().size() ? here.files().get(i) : null;
            if (d == null) {
                files.add(h.path() + " is read on this worker but not on the driver");
            } else if (h == null) {
                files.add(d.path() + " is read on the driver but not on this worker");
            } else if (d.bytes() != h.bytes() || !d.sha256().equals(h.sha256())) {
                files.add("file " + h.path() + " differs: " + h.bytes() + " bytes, sha256 " + h.sha256() + " on this worker; " + d.bytes()
                        + " bytes, sha256 " + d.sha256() + " on the driver" + (d.path().equals(h.path()) ? "" : " (" + d.path() + ")"));
            }
        }
        if (!files.isEmpty()) {
            return head + ": " + String.join("; ", files) + ". " + todo.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                    + todo.substring(1);
        }
        java.util.List<String> settings = new java.util.ArrayList<>();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(driver.parameters().keySet());
        keys.addAll(here.parameters().keySet());
        keys.removeIf(org.rnnlab.datasets.DatasetProvenance::isReport);
        for (String k : keys) {
            if (!java.util.Objects.equals(driver.parameters().get(k), here.parameters().get(k))) {
                settings.add(k + " " + here.parameters().getOrDefault(k, "(none)") + " on this worker, "
                        + driver.parameters().getOrDefault(k, "(none)") + " on the driver");
            }
        }
        if (driver.seed() != here.seed()) {
            settings.add("seed " + here.seed() + " on this worker, " + driver.seed() + " on the driver");
        }
        return head + ": the files are the same, the settings read differ (" + (settings.isEmpty() ? "the dataset's name" : String.join(", ",
                settings)) + "): run the same rnnlab version on the driver and every worker";
    }
}
