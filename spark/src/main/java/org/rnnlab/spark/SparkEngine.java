package org.rnnlab.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnnlab.core.Json;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.compare.RunTask;
import org.rnnlab.evaluation.engine.DataSource;
import org.rnnlab.evaluation.engine.EngineOptions;
import org.rnnlab.evaluation.engine.RunEngine;
import org.rnnlab.evaluation.engine.TaskExecutor;
import org.rnnlab.training.TrainingInterruptedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a comparison's tasks on Spark: each task is one Spark job of one partition holding the task as JSON,
 * mapped by {@link RunTaskFunction} to the result as JSON on an executor and collected. The driver keeps the
 * task list and submits jobs from its own threads, as many at a time as the cluster has task slots (cores /
 * {@code spark.task.cpus}), so results come back one by one as they finish and the caller can keep each
 * (runs/*.json, for {@code --resume}). The listener hears {@code onRunStart} when a task is submitted and
 * {@code onRunEnd} when its result is back, all from the caller's thread; there is no per-epoch progress. Spark retries a task whose executor died ({@code spark.task.maxFailures},
 * 4 on a cluster); a task that fails by itself (bad data, a checksum mismatch) fails the comparison with the
 * message of its root cause.
 *
 * <p>Settings: {@code spark.task.cpus} and the executors' kernel threads are the {@code --threads} of the command
 * (each task takes that many cores); the master is {@code --master}, else {@code spark.master} (as spark-submit
 * sets it), else {@code local[*]}; other {@code spark.*} settings come from system properties (spark-submit's
 * {@code --conf}, or {@code -Dspark.x=y} in {@code RNNLAB_JAVA_OPTS}). The driver's {@code rnnlab.*} system properties go
 * with every task and are set in the executor's process before its run ({@link #forwardedProperties}); each task reports
 * the backend it computed with, and one that differs from the driver's (which provenance records) is warned of. In
 * {@code local} mode the tasks use the driver's copy of the data ({@link TaskExecutor#share}) instead of opening it again.
 */
public final class SparkEngine implements RunEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SparkEngine.class);
    /** The master URLs Spark 3.5 knows (SparkContext.createTaskScheduler), by their form. */
    private static final java.util.regex.Pattern MASTER_URL = java.util.regex.Pattern.compile(
            "local|local\\[(\\d+|\\*)(\\s*,\\s*\\d+)?]|local-cluster\\[\\d+,\\s*\\d+,\\s*\\d+]|spark://[^\\s/]+(,[^\\s/]+)*|yarn"
                    + "|k8s://\\S+|mesos://\\S+");

    /** The master when neither --master nor spark.master is given: an embedded Spark with one slot per core. */
    public static final String DEFAULT_MASTER = "local[*]";

    private final JavaSparkContext sc;
    private final String master;
    private final int threads;
    private final RetryReporter retries;
    /** Spark's {@code spark.starvation.timeout} in seconds: when it warns that no task has been accepted. */
    private final long starvationSeconds;

    /** A started engine (a Spark context) for {@code options}. */
    public SparkEngine(EngineOptions options) {
        this(options, Map.of());
    }

    /**
     * A started engine for {@code options}, with further Spark settings (they win over system properties).
     *
     * @throws IllegalStateException when Java deserialization is switched off in this process (see {@link SparkSerialFilter})
     */
    public SparkEngine(EngineOptions options, Map<String, String> settings) {
        SparkSerialFilter.install();
        SparkConf conf = new SparkConf();
        String m = options.master() != null ? options.master() : conf.get("spark.master", DEFAULT_MASTER);
        if (!MASTER_URL.matcher(m).matches()) { // Spark's own refusal came after a 22-line stack trace of its context's start
            throw new IllegalArgumentException((options.master() != null ? "--master " : "spark.master ") + m + " is not a Spark "
                    + "master URL (expected local, local[N], local[*], spark://HOST:PORT, yarn, k8s://URL or mesos://HOST:PORT)");
        }
        requireLocalSlots(m, options.threads(), options.master() != null ? "--master" : "spark.master");
        requireClusterManager(m);
        requireReachable(m);
        conf.setMaster(m);
        conf.setIfMissing("spark.app.name", "rnnlab compare");
        if (m.startsWith("local")) { // embedded: nothing listens beyond this machine
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.set("spark.task.cpus", Integer.toString(options.threads()));
        // the task's kernels split minibatches over --threads Java threads; ND4J's own operations stay on one (Nd4jRuntime)
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        conf.setIfMissing("spark.executorEnv.OMP_WAIT_POLICY", "passive");
        settings.forEach(conf::set);
        this.sc = new JavaSparkContext(conf);
        loudStoppedSchedulerMessages(); // a new, live context: its scheduler messages point to real problems (review 80c R2)
        if (QUIET_AT_SHUTDOWN.compareAndSet(false, true)) {
            quietSchedulerAtShutdown();
        }
        this.master = m;
        this.threads = options.threads();
        this.retries = new RetryReporter(maxFailures(m, sc.getConf().getInt("spark.task.maxFailures", 4)));
        sc.sc().addSparkListener(retries);
        this.starvationSeconds = sc.getConf().getTimeAsSeconds("spark.starvation.timeout", "15s");
        LOG.debug("Spark {} context started on {} ({})", sc.version(), m, sc.sc().applicationId());
        LOG.info("spark: {}", where(m, sc.sc().uiWebUrl().isDefined() ? sc.sc().uiWebUrl().get() : null));
    }

    /**
     * Where to watch the runs and read the logs, for the console at start: Spark's web UI ({@code SparkContext.uiWebUrl},
     * none with {@code spark.ui.enabled=false}) and where the executors' logs go (the terminal in local mode, each
     * executor's work folder on a standalone cluster).
     */
    static String where(String master, String uiUrl) {
        return (uiUrl == null ? "no web UI (spark.ui.enabled=false)" : "web UI at " + uiUrl + " (jobs, tasks, executors)") + "; "
                + (master.startsWith("local") ? "the executors' logs are on this terminal"
                : "the executors' logs are in their work folders on the workers (work/app-*/N/stderr, linked from the UI's "
                + "Executors page)");
    }

    /**
     * A {@code local[N]} master gives N task slots of one core, and each run takes {@code --threads} of them
     * ({@code spark.task.cpus}): Spark refused {@code local[0]} and a {@code local[N]} with N below {@code --threads} with a
     * 20-line stack trace ("Asked to run locally with 0 threads", "The number of cores per executor (=1) has to be &gt;= the
     * number of cpus per task = 2"), exit 1. Said here as a usage error naming the option to change.
     *
     * @param option how the master was given ({@code --master} or {@code spark.master})
     */
    static void requireLocalSlots(String master, int threads, String option) {
        java.util.regex.Matcher local = java.util.regex.Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\s*\\d+)?])?").matcher(master);
        if (!local.matches()) {
            return;
        }
        String n = local.group(1);
        int cores = n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
        if (cores < 1) {
            throw new IllegalArgumentException(option + " " + master + " gives Spark no core to run on: use local[N] with N >= "
                    + "--threads (" + threads + "), or local[*] for every core of this machine");
        }
        if (cores < threads) {
            throw new IllegalArgumentException("--threads " + threads + " needs " + threads + " cores for each run (spark.task.cpus), "
                    + "but " + option + " " + master + " gives " + cores + (n == null || !n.equals("*") ? "" : " (this machine's cores)")
                    + ": give " + option + " local[" + threads + "] or more, or fewer --threads");
        }
    }

    private static final AtomicBoolean QUIET_AT_SHUTDOWN = new AtomicBoolean();

    /**
     * A YARN, Kubernetes or Mesos master needs Spark's module for it on the class path, which rnnlab's embedded Spark does
     * not have (a Spark trial's {@code --master yarn} passed the URL check, then failed with Spark's stack trace and "Could
     * not parse Master URL: 'yarn'"); under spark-submit on such a cluster the cluster's own Spark has it.
     */
    static void requireClusterManager(String master) {
        String manager = master.equals("yarn") ? "org.apache.spark.scheduler.cluster.YarnClusterManager"
                : master.startsWith("k8s://") ? "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager"
                : master.startsWith("mesos://") ? "org.apache.spark.scheduler.cluster.mesos.MesosClusterManager" : null;
        if (manager == null) {
            return;
        }
        try {
            Class.forName(manager, false, SparkEngine.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            String kind = master.equals("yarn") ? "YARN" : master.startsWith("k8s://") ? "Kubernetes" : "Mesos";
            throw new IllegalArgumentException("--master " + master + " needs Spark's " + kind + " support, which rnnlab's own "
                    + "Spark (embedded, local[N] or a standalone spark://HOST:PORT) does not have: submit the cluster jar with the "
                    + "cluster's spark-submit instead (docs/guide/spark.md, A real cluster)");
        }
    }

    /**
     * A standalone master ({@code spark://HOST:PORT}, several for a standby master) that no connection reaches is said at
     * once, with what to check: Spark itself retried for 80 s, printed three stack traces of "Connection refused", and
     * rnnlab then said only that the context had stopped before the runs ended (a Spark trial's wrong port).
     */
    static void requireReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        List<String> failures = new java.util.ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--master " + master + ": '" + hostPort.substring(colon + 1) + "' is not a port number");
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(host, port), 5000);
                return; // one master answers: Spark finds the active one
            } catch (java.io.IOException e) {
                failures.add(host + ":" + port + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
        }
        throw new IllegalArgumentException("cannot reach the Spark master of --master " + master + ": " + String.join(", ", failures)
                + ". Is the master running (spark/local-cluster.sh status, or the master's web page), and are the host and port "
                + "those it listens on (its log's line 'Starting Spark master at spark://...')?");
    }

    /**
     * At Ctrl-C, Spark's own shutdown hook stops the context while tasks are still reporting, and its scheduler logs each
     * late report as an ERROR with a stack trace ({@code RejectedExecutionException} in {@code statusUpdate}), between
     * rnnlab's "interrupted" and "partial results" lines, though nothing went wrong. A JVM shutdown hook turns the
     * scheduler's loggers off then (where Logback is SLF4J's backend, as in rnnlab's own launcher; on a cluster, under
     * spark-submit's logging, nothing changes). Best effort: JVM shutdown hooks run in no fixed order, beside Spark's own.
     * Installed once per process. Returns whether the hook was installed.
     */
    private static boolean quietSchedulerAtShutdown() {
        if (!LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback.")) {
            return false;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String name : List.of("org.apache.spark.scheduler.TaskSchedulerImpl", "org.apache.spark.scheduler.TaskResultGetter",
                    "org.apache.spark.scheduler.TaskSetManager", "org.apache.spark.executor.Executor")) {
                ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(ch.qos.logback.classic.Level.OFF);
            }
        }, "rnnlab-spark-quiet-shutdown"));
        return true;
    }

    /** The Spark context (for tests and for settings made after start). */
    public JavaSparkContext context() {
        return sc;
    }

    /** What this engine said of failed task attempts (for tests). */
    RetryReporter retries() {
        return retries;
    }

    /** Task slots of the cluster now: its cores (at least the default parallelism Spark reports) / {@code spark.task.cpus}. */
    public int slots() {
        return sc.sc().isStopped() ? 1 : Math.max(1, sc.defaultParallelism() / threads);
    }

    @Override
    public String describe() {
        return master.startsWith("local") ? "spark " + master + " (" + slots() + " slot" + (slots() == 1 ? "" : "s") + ")"
                : "spark " + master;
    }

    /** One ended job: the task's index and its result as JSON, or the failure. */
    private record Ended(int index, String json, Throwable error) {
    }

    @Override
    public void run(DataSource source, SequenceDataset data, List<RunTask> tasks, Comparison.Listener listener, AtomicBoolean stop) {
        if (tasks.isEmpty()) {
            return;
        }
        String sourceJson = Json.writeCompact(source);
        RunTaskFunction function = new RunTaskFunction(sourceJson, threads, Json.writeCompact(forwardedProperties()));
        if (master.startsWith("local") && TaskExecutor.share(sourceJson, data)) {
            LOG.debug("spark: local mode: the tasks use the driver's copy of the data");
        }
        String driverBackend = Nd4jRuntime.backend();
        java.util.Set<String> backendsWarned = new java.util.HashSet<>();
        String group = "rnnlab-" + UUID.randomUUID();
        LinkedBlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
        Deque<Integer> waiting = new ArrayDeque<>();
        for (int i = 0; i < tasks.size(); i++) {
            waiting.add(i);
        }
        retries.running = true;
        AtomicInteger jobThreads = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "rnnlab-spark-job-" + jobThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int running = 0;
        int done = 0;
        boolean finished = false;
        long started = System.nanoTime();
        long lastStatus = started;
        boolean stallWarned = false;
        boolean waitingSaid = false;
        long waitingSeconds = Math.min(stallSeconds(), starvationSeconds);
        try {
            while (done < tasks.size()) {
                if ((stop != null && stop.get()) || sc.sc().isStopped()) {
                    throw stopped(stop, done, tasks.size(), null);
                }
                for (int slots = slots(); running < slots && !waiting.isEmpty(); running++) {
                    int index = waiting.poll();
                    RunTask task = tasks.get(index);
                    String taskJson = Json.writeCompact(task);
                    listener.onRunStart(index, tasks.size(), task.configuration(), task.seed());
                    pool.execute(() -> ended.add(runJob(group, index, task, taskJson, function)));
                }
                Ended e = ended.poll(200, TimeUnit.MILLISECONDS);
                if (e == null) {
                    long now = System.nanoTime();
                    int active = activeTasks();
                    if (!waitingSaid && !master.startsWith("local") && active == 0 && done == 0
                            && now - started > TimeUnit.SECONDS.toNanos(waitingSeconds) && waitingSeconds < stallSeconds()) {
                        waitingSaid = true; // beside Spark's own warning, which comes then (spark.starvation.timeout)
                        LOG.info("spark: {}", waiting(waitingSeconds, executors(), threads, stallSeconds()));
                    }
                    if (!stallWarned && active == 0 && done == 0 && now - started > TimeUnit.SECONDS.toNanos(stallSeconds())) {
                        stallWarned = true;
                        LOG.warn("spark: no run has started on {} in {} s: no executor has taken a task. Each run needs --threads "
                                + "({}) cores of one executor (spark.task.cpus = {}) and an executor's memory: check the cluster's "
                                + "free cores and memory (its master's web page), or give fewer --threads; Ctrl-C stops", master,
                                stallSeconds(), threads, threads);
                    }
                    if (now - lastStatus > TimeUnit.SECONDS.toNanos(STATUS_SECONDS)) {
                        lastStatus = now;
                        // submitted = the jobs not ended (each said "submitted"); Spark's active tasks are those of them on an executor
                        listener.onRunsStatus("spark", done, tasks.size(), running, Math.min(active, running),
                                java.time.Duration.ofNanos(now - started).toSeconds());
                    }
                    continue;
                }
                running--;
                RunTask task = tasks.get(e.index());
                if (e.error() != null) {
                    if (sc.sc().isStopped() || (stop != null && stop.get())) {
                        throw stopped(stop, done, tasks.size(), e.error());
                    }
                    quietStoppedSchedulerMessages();
                    throw failure(task, e.error());
                }
                if (e.json().startsWith(RunTaskFunction.FAILED)) { // a failure of the run itself: not retried by Spark
                    quietStoppedSchedulerMessages();
                    throw failure(task, new IllegalStateException(e.json().substring(RunTaskFunction.FAILED.length())));
                }
                String json = e.json();
                String backend = null;
                if (json.startsWith(RunTaskFunction.BACKEND)) {
                    int end = json.indexOf('\n');
                    backend = json.substring(RunTaskFunction.BACKEND.length(), end);
                    json = json.substring(end + 1);
                }
                int attempts = 1;
                if (json.startsWith(RunTaskFunction.ATTEMPT)) { // an executor of an older rnnlab sends none: one attempt
                    int end = json.indexOf('\n');
                    attempts = Integer.parseInt(json.substring(RunTaskFunction.ATTEMPT.length(), end));
                    json = json.substring(end + 1);
                }
                RunResult result = Json.read(json, RunResult.class).withAttempts(attempts);
                backendDiffers(driverBackend, backend, result.machine()).filter(backendsWarned::add).ifPresent(w -> LOG.warn("spark: {}", w));
                done++;
                listener.onRunEnd(result);
            }
            finished = true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TrainingInterruptedException("interrupted while waiting for Spark");
        } finally {
            retries.running = false;
            if (!finished && !sc.sc().isStopped()) {
                try {
                    sc.cancelJobGroup(group);
                } catch (IllegalStateException stoppedMeanwhile) {
                    // Spark's own shutdown hook stopped the context (Ctrl-C): its jobs are gone with it
                }
            }
            pool.shutdownNow();
        }
    }

    /**
     * The driver's {@code rnnlab.*} system properties ({@code -Drnnlab.onednn=off} in {@code RNNLAB_JAVA_OPTS}, ...), which
     * {@link RunTaskFunction} sets in the executor's process before each run: on a cluster the executors are other JVMs, which
     * saw none of them (a Spark trial's {@code -Drnnlab.onednn=off} reached only the driver; the executors trained with oneDNN,
     * while provenance.json said "oneDNN off"). {@code rnnlab.home}, the driver's own checkout, and {@code rnnlab.command}, how its launcher was invoked, are not sent.
     */
    static java.util.SortedMap<String, String> forwardedProperties() {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("rnnlab.") && !NOT_FORWARDED.contains(k))
                .forEach(k -> out.put(k, System.getProperty(k)));
        return out;
    }

    /** The properties of the driver's own process that are not sent to executors. */
    private static final java.util.Set<String> NOT_FORWARDED = java.util.Set.of("rnnlab.home", "rnnlab.command");

    /**
     * A warning when an executor computed with another backend than the driver's, which provenance.json records (another
     * oneDNN setting, oneDNN missing on a worker, a worker's own {@code -Drnnlab.*} options): results may then differ from an
     * in-process run's in their last digits. Empty when they agree or the executor said nothing.
     */
    static java.util.Optional<String> backendDiffers(String driver, String executor, String machine) {
        if (executor == null || executor.equals(driver)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the executor on " + machine + " computes with " + executor + ", but this driver, whose backend "
                + "provenance.json records, with " + driver + ": results may differ from an in-process run's in their last digits. "
                + "The driver's -Drnnlab.* options are sent to the executors; check the workers' own options "
                + "(spark.executor.extraJavaOptions) and that oneDNN loads there");
    }

    /**
     * The exception when the runs cannot go on: a {@link TrainingInterruptedException} when the caller asked to stop,
     * else (the Spark context was stopped by something else) an {@link IllegalStateException}. At Ctrl-C Spark's
     * shutdown hook stops the context while the caller's hook sets {@code stop}: the hooks run side by side, so a
     * stopped context gives the flag a moment.
     */
    private RuntimeException stopped(AtomicBoolean stop, int done, int total, Throwable cause) {
        if (stop != null && !stop.get()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stop != null && stop.get()) {
            return new TrainingInterruptedException("stopped: " + done + " of " + total + " runs finished on Spark, the others were "
                    + "cancelled");
        }
        return new IllegalStateException("the Spark context was stopped before the runs ended (" + done + " of " + total
                + " finished)" + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    /** Seconds between the status lines of a comparison on Spark (no per-epoch progress comes back from executors). */
    static final int STATUS_SECONDS = 30;

    /**
     * Seconds without any task running, before the first run ended, after which a stall is warned of (60; the system
     * property {@code rnnlab.spark.stallSeconds} sets it): a standalone cluster whose executors have fewer cores than
     * {@code spark.task.cpus} never runs a task, and Spark's own warning ("Initial job has not accepted any resources")
     * did not reach the terminal.
     */
    static long stallSeconds() {
        return Long.getLong("rnnlab.spark.stallSeconds", 60);
    }

    /**
     * The line said when no run has started after Spark's {@code spark.starvation.timeout} (15 s) on a cluster, when Spark
     * itself warns "Initial job has not accepted any resources; check your cluster UI to ensure that workers are registered
     * and have sufficient resources" (trial 80d F5: under load the executors of ALIVE workers took 35 s to start, and Spark's
     * hint stood alone until rnnlab's stall explanation at 60 s).
     */
    static String waiting(long seconds, int executors, int threads, long stallSeconds) {
        return "no run has started in " + seconds + " s; " + (executors == 0 ? "no executor has registered with this driver yet: "
                + "the workers are still starting them (slow on a busy machine), or no worker has the cores and memory for one"
                : executors + (executors == 1 ? " executor has" : " executors have") + " registered, none has taken a run yet (each "
                + "needs --threads " + threads + " free cores of one executor)") + ". Spark's 'Initial job has not accepted any "
                + "resources' warning says the same; rnnlab says more at " + stallSeconds + " s if it lasts";
    }

    /** Executors registered with this driver now (Spark's status tracker lists the driver too, not counted). */
    private int executors() {
        try {
            return Math.max(0, sc.sc().statusTracker().getExecutorInfos().length - 1);
        } catch (RuntimeException stopped) {
            return 0;
        }
    }

    /** Tasks running on executors now, by Spark's status tracker. */
    private int activeTasks() {
        try {
            int n = 0;
            var tracker = sc.statusTracker();
            for (int id : tracker.getActiveStageIds()) {
                var info = tracker.getStageInfo(id);
                if (info != null) {
                    n += info.numActiveTasks();
                }
            }
            return n;
        } catch (RuntimeException stopped) {
            return 0;
        }
    }

    /** How a job's description starts: then the run's key ({@link RunTask#key}), which {@link RetryReporter} names. */
    static final String JOB_PREFIX = "rnnlab ";

    /**
     * How many attempts Spark gives a task on {@code master}: {@code local[N,M]} M, {@code local} and {@code local[N]} 1
     * (Spark's local mode does not retry), else {@code spark.task.maxFailures} ({@code configured}, 4 by default).
     */
    static int maxFailures(String master, int configured) {
        java.util.regex.Matcher local = java.util.regex.Pattern.compile("local(?:\\[(?:\\d+|\\*)(?:\\s*,\\s*(\\d+))?])?").matcher(master);
        if (local.matches()) {
            return local.group(1) == null ? 1 : Integer.parseInt(local.group(1));
        }
        return configured;
    }

    /**
     * Says on the console when a run's Spark task failed and is retried, or was lost with its executor (trial 80d F1: an
     * executor killed mid-run was retried by Spark without a word; the run's 1m16s stayed unexplained): {@code spark: executor
     * 1 on 10.0.0.7 was lost during rnn seed 1 (attempt 1 of 4: ...); Spark retries it}. The run is found by its job's
     * description ({@link #JOB_PREFIX} and its key); a cancelled task (Ctrl-C, a failed comparison) is not reported. The
     * result keeps the number of attempts ({@link RunResult#attempts}, from the executor that computed it).
     */
    static final class RetryReporter extends org.apache.spark.scheduler.SparkListener {
        private final int maxFailures;
        /** Each run's failures that Spark counted toward spark.task.maxFailures so far. */
        private final java.util.Map<String, Integer> countedFailures = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Integer, String> runOfStage = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, String> hostOf = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, java.util.Set<String>> runsOn = new java.util.concurrent.ConcurrentHashMap<>();
        /** Executors whose loss a failed task's line said (Spark posts the task's end before the executor's removal). */
        private final java.util.Set<String> saidLost = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** Whether a comparison's runs are going on ({@link SparkEngine#run}): executors removed otherwise are not said. */
        volatile boolean running;
        /** The lines said, for tests. */
        final List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();

        RetryReporter(int maxFailures) {
            this.maxFailures = maxFailures;
        }

        @Override
        public void onStageSubmitted(org.apache.spark.scheduler.SparkListenerStageSubmitted submitted) {
            java.util.Properties p = submitted.properties();
            String description = p == null ? null : p.getProperty("spark.job.description");
            if (description != null && description.startsWith(JOB_PREFIX)) {
                runOfStage.put(submitted.stageInfo().stageId(), description.substring(JOB_PREFIX.length()));
            }
        }

        @Override
        public void onStageCompleted(org.apache.spark.scheduler.SparkListenerStageCompleted completed) {
            runOfStage.remove(completed.stageInfo().stageId());
        }

        @Override
        public void onExecutorAdded(org.apache.spark.scheduler.SparkListenerExecutorAdded added) {
            hostOf.put(added.executorId(), added.executorInfo().executorHost());
        }

        @Override
        public void onTaskStart(org.apache.spark.scheduler.SparkListenerTaskStart start) {
            String run = runOfStage.get(start.stageId());
            if (run != null && start.taskInfo() != null) {
                runsOn.computeIfAbsent(start.taskInfo().executorId(), k -> new java.util.concurrent.ConcurrentSkipListSet<>()).add(run);
            }
        }

        /**
         * An executor lost while a comparison runs (trial 80d F1: one killed before it took its run left no word, and the run
         * waited for the cluster to start another): said with its host, Spark's reason and the runs it was training, whose
         * failed attempts {@link #onTaskEnd} says too. Not said outside {@link SparkEngine#run} (the context's own stop).
         */
        @Override
        public void onExecutorRemoved(org.apache.spark.scheduler.SparkListenerExecutorRemoved removed) {
            java.util.Set<String> runs = runsOn.remove(removed.executorId());
            String host = hostOf.remove(removed.executorId());
            if (!running || saidLost.remove(removed.executorId())) { // its lost runs' lines said it already
                return;
            }
            String line = lost(removed.executorId(), host, removed.reason(), runs == null ? List.of() : List.copyOf(runs));
            said.add(line);
            LOG.warn("spark: {}", line);
        }

        /** The console line of an executor lost during a comparison, with the runs it was training (none: it was idle). */
        static String lost(String executor, String host, String reason, List<String> runs) {
            String why = String.valueOf(reason).lines().findFirst().orElse("").trim();
            return "executor " + executor + (host == null ? "" : " on " + host) + " was lost (" + why + ")" + (runs.isEmpty()
                    ? ", with no run of this comparison on it; the runs wait for the other executors, or for one the cluster starts"
                    : " while training " + String.join(", ", runs) + ": Spark retries " + (runs.size() == 1 ? "it" : "them")
                    + " on another executor");
        }

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            String run = runOfStage.get(end.stageId());
            if (run != null && end.taskInfo() != null) {
                java.util.Set<String> on = runsOn.get(end.taskInfo().executorId());
                if (on != null) {
                    on.remove(run);
                }
            }
            if (run == null || end.taskInfo() == null || !end.taskInfo().failed() || end.reason() instanceof org.apache.spark.TaskKilled) {
                return;
            }
            if (end.reason() instanceof org.apache.spark.ExecutorLostFailure) {
                saidLost.add(end.taskInfo().executorId());
            }
            // Spark counts only some failures toward spark.task.maxFailures (an executor lost for reasons outside the task is
            // not counted): the line numbers the counted ones, and says an uncounted one is retried (review 80c R1: the task's
            // attemptNumber could read "attempt 5 of 4" or "no attempt is left" while Spark still retried)
            boolean counted = !(end.reason() instanceof org.apache.spark.TaskFailedReason f) || f.countTowardsTaskFailures();
            int failures = counted ? countedFailures.merge(run, 1, Integer::sum) : countedFailures.getOrDefault(run, 0);
            String why = end.reason() instanceof org.apache.spark.TaskFailedReason f ? f.toErrorString() : String.valueOf(end.reason());
            String line = counted
                    ? line(run, end.taskInfo().executorId(), end.taskInfo().host(), failures, maxFailures,
                            end.reason() instanceof org.apache.spark.ExecutorLostFailure, why)
                    : uncountedLine(run, end.taskInfo().executorId(), end.taskInfo().host(),
                            end.reason() instanceof org.apache.spark.ExecutorLostFailure, why);
            said.add(line);
            LOG.warn("spark: {}", line);
        }

        /** The console line of a failed attempt of {@code run}'s task that Spark does not count toward spark.task.maxFailures. */
        static String uncountedLine(String run, String executor, String host, boolean executorLost, String reason) {
            String why = String.valueOf(reason).lines().findFirst().orElse("").trim();
            return (executorLost ? "executor " + executor + " on " + host + " was lost during " + run
                    : run + " failed on executor " + executor + " on " + host) + " (" + why
                    + "; not counted toward spark.task.maxFailures); Spark retries it";
        }

        /** The console line of a failed attempt of {@code run}'s task ({@code attempt}: the failures counted so far, from 1). */
        static String line(String run, String executor, String host, int attempt, int maxFailures, boolean executorLost, String reason) {
            String why = String.valueOf(reason).lines().findFirst().orElse("").trim();
            String left = attempt < maxFailures ? "Spark retries it" : "no attempt is left (spark.task.maxFailures " + maxFailures
                    + "), so the comparison fails";
            return (executorLost ? "executor " + executor + " on " + host + " was lost during " + run
                    : run + " failed on executor " + executor + " on " + host) + " (attempt " + attempt + " of " + maxFailures + ": "
                    + why + "); " + left;
        }
    }

    /**
     * After a failed run the driver stops the Spark context while executors still report to it, and Spark's RPC layer logged
     * the late message as {@code ERROR Error while invoking RpcHandler#receive() for one-way message.} with
     * {@code SparkException: Could not find CoarseGrainedScheduler.} and 40 lines of netty frames, between rnnlab's failure
     * message and its resume hint, read as a second error (trial 80d F3); or, in the same race, a WARN that a task's status
     * update was "dropped due to sparkEnv is stopped". From the first failed run on, those two messages (a scheduler or RPC
     * environment that is gone) are dropped by a Logback filter, at WARN and ERROR only; every other message of Spark's loggers
     * still shows. The next {@code SparkEngine} of the same JVM (a new context, in an embedding, a notebook or a test JVM)
     * removes the filter ({@link #loudStoppedSchedulerMessages}), so the same messages of a live context show again. Where
     * Logback is not SLF4J's backend (spark-submit's logging) nothing changes. Returns whether the filter is in place.
     */
    static boolean quietStoppedSchedulerMessages() {
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return false;
        }
        synchronized (StoppedSchedulerFilter.class) {
            if (context.getTurboFilterList().stream().noneMatch(f -> f instanceof StoppedSchedulerFilter)) {
                StoppedSchedulerFilter filter = new StoppedSchedulerFilter();
                filter.start();
                context.addTurboFilter(filter);
            }
        }
        return true;
    }

    /** Removes the filter of {@link #quietStoppedSchedulerMessages}, if any; returns whether there was one. */
    static boolean loudStoppedSchedulerMessages() {
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return false;
        }
        synchronized (StoppedSchedulerFilter.class) {
            return context.getTurboFilterList().removeIf(f -> f instanceof StoppedSchedulerFilter);
        }
    }

    /** Drops Spark's log events whose exception says that the scheduler they were sent to is gone ({@link #quietStoppedSchedulerMessages}). */
    static final class StoppedSchedulerFilter extends ch.qos.logback.classic.turbo.TurboFilter {
        static final String GONE = "Could not find CoarseGrainedScheduler";
        /** Spark's WARN of the same race, one line: "Message RequestMessage(...StatusUpdate(...KILLED...)) dropped due to sparkEnv is stopped. ...". */
        static final String STOPPED_ENV = "dropped due to sparkEnv is stopped";

        @Override
        public ch.qos.logback.core.spi.FilterReply decide(org.slf4j.Marker marker, ch.qos.logback.classic.Logger logger,
                                                          ch.qos.logback.classic.Level level, String format, Object[] params, Throwable t) {
            if (logger == null || !logger.getName().startsWith("org.apache.spark.") || level == null
                    || !level.isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)) {
                return ch.qos.logback.core.spi.FilterReply.NEUTRAL;
            }
            if (format != null && format.contains(STOPPED_ENV)) { // a late status report of a task the stop cancelled
                return ch.qos.logback.core.spi.FilterReply.DENY;
            }
            if (t == null) {
                return ch.qos.logback.core.spi.FilterReply.NEUTRAL;
            }
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (String.valueOf(c.getMessage()).startsWith(GONE)) {
                    return ch.qos.logback.core.spi.FilterReply.DENY;
                }
            }
            return ch.qos.logback.core.spi.FilterReply.NEUTRAL;
        }
    }

    /** Runs one task as a Spark job of one partition (on a thread of the driver's pool). */
    private Ended runJob(String group, int index, RunTask task, String taskJson, RunTaskFunction function) {
        try {
            sc.setJobGroup(group, JOB_PREFIX + task.key(), true);
            List<String> out = sc.parallelize(List.of(taskJson), 1).map(function).collect();
            return new Ended(index, out.get(0), null);
        } catch (Throwable t) {
            return new Ended(index, null, t);
        }
    }

    /** The failure of a task for the caller: the root cause's message, with the run and Spark's summary. */
    static RuntimeException failure(RunTask task, Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String spark = String.valueOf(error.getMessage()).lines().findFirst().orElse("");
        int cut = spark.indexOf(", most recent failure");
        String summary = cut > 0 ? spark.substring(0, cut) : spark;
        String message = root == error ? summary : root.getMessage();
        IllegalStateException out = new IllegalStateException("run " + task.key() + " failed on Spark: " + message
                + (root == error ? "" : " (Spark: " + summary + ")"), error);
        return out;
    }

    @Override
    public void close() {
        sc.stop();
    }
}
