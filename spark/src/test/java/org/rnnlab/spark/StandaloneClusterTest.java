package org.rnnlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.ComparisonResult;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.engine.DataSource;
import org.rnnlab.evaluation.engine.EngineOptions;
import org.rnnlab.evaluation.engine.InProcessEngine;

/**
 * {@link SparkEngine} on a real Spark standalone cluster on loopback: a master and two workers of one core each,
 * started as child JVMs with this test's class path; one executor JVM is killed while it runs a task, Spark
 * retries the task on a new executor, and the comparison still gives every run, equal to the in-process runs.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StandaloneClusterTest {
    private static final String LOOPBACK = "127.0.0.1";
    private static final List<Process> CLUSTER = Collections.synchronizedList(new ArrayList<>());

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // the cluster's logs stay when the test fails
    static Path tmp;
    private static String master;

    @BeforeAll
    static void startCluster() throws Exception {
        Nd4jRuntime.configureThreads(1);
        Path sparkHome = Files.createDirectories(tmp.resolve("spark-home/jars")).getParent(); // Spark's jars come from the class path
        int port = freePort();
        master = "spark://" + LOOPBACK + ":" + port;
        start("master", sparkHome, "org.apache.spark.deploy.master.Master", "--host", LOOPBACK, "--port", Integer.toString(port),
                "--webui-port", "0");
        awaitPort(port);
        for (int i = 1; i <= 2; i++) {
            start("worker" + i, sparkHome, "org.apache.spark.deploy.worker.Worker", "--host", LOOPBACK, "--port", "0", "--webui-port", "0",
                    "--cores", "1", "--memory", "2g", "--work-dir", Files.createDirectories(tmp.resolve("work" + i)).toString(), master);
        }
    }

    @AfterAll
    static void stopCluster() {
        for (Process p : CLUSTER) {
            p.descendants().forEach(ProcessHandle::destroyForcibly); // executors
            p.destroyForcibly();
        }
        for (Process p : CLUSTER) {
            try {
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The test's class path (surefire's, not its booter jar). */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static void start(String name, Path sparkHome, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "@" + Path.of("jvm-options").toAbsolutePath(), "-cp", classPath(), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().putAll(Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP", LOOPBACK,
                "SPARK_LOCAL_HOSTNAME", LOOPBACK, "SPARK_LOCAL_DIRS", tmp.resolve("local").toString(), "OMP_NUM_THREADS", "1"));
        CLUSTER.add(pb.start());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(LOOPBACK, port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Spark master did not start; see " + tmp.resolve("master.log") + ":\n"
                            + Files.readString(tmp.resolve("master.log")));
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * The executor JVM (a child of a worker) that runs Spark executor {@code id}, found by its command line, read from
     * /proc (ProcessHandle.Info has only the first page of it on Linux, and the class path is longer).
     */
    private static Optional<ProcessHandle> executor(String id) {
        return CLUSTER.stream().flatMap(Process::descendants).filter(p -> {
            List<String> args = arguments(p);
            int i = args.indexOf("--executor-id");
            return args.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend") && i >= 0 && i + 1 < args.size()
                    && args.get(i + 1).equals(id);
        }).findFirst();
    }

    private static List<String> arguments(ProcessHandle p) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).split("\0"));
        } catch (IOException ended) {
            return List.of();
        }
    }

    @Test
    void aKilledExecutorsTaskIsRetriedAndEveryRunEqualsTheInProcessRun() {
        SequenceDataset data = Fixtures.open();
        ComparisonConfig config = Fixtures.config(2);
        DataSource source = Fixtures.source(config, data);
        ComparisonResult local = Comparison.run(config, data, source, new InProcessEngine(), new Comparison.Listener() { }, Map.of(), null);

        List<String> killed = new CopyOnWriteArrayList<>();
        List<String> lost = new CopyOnWriteArrayList<>();
        List<String> lookups = new CopyOnWriteArrayList<>();
        AtomicBoolean armed = new AtomicBoolean(true);
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        try (SparkEngine engine = new SparkEngine(new EngineOptions("spark", master, 1), Map.of(
                "spark.driver.host", LOOPBACK, "spark.driver.bindAddress", LOOPBACK, "spark.ui.enabled", "false",
                "spark.executor.memory", "1g", "spark.executor.extraClassPath", classPath()))) {
            assertThat(engine.describe()).isEqualTo("spark " + master);
            engine.context().sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskStart(SparkListenerTaskStart start) {
                    String id = start.taskInfo().executorId();
                    if (armed.compareAndSet(true, false)) { // the first task: kill its executor while it runs
                        killer.schedule(() -> {
                            Optional<ProcessHandle> p = executor(id);
                            if (p.isPresent()) {
                                killed.add(id + " (pid " + p.get().pid() + ")");
                                p.get().destroyForcibly();
                            } else {
                                lookups.add("executor " + id + " not found among " + CLUSTER.stream().flatMap(Process::descendants)
                                        .map(d -> d.pid() + " " + arguments(d).stream().filter(a -> a.startsWith("org.apache.spark")).toList()).toList());
                            }
                        }, 300, TimeUnit.MILLISECONDS);
                    }
                }

                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (end.reason() instanceof ExecutorLostFailure) {
                        lost.add(end.taskInfo().executorId());
                    }
                }
            });
            List<String> ended = new CopyOnWriteArrayList<>();
            ComparisonResult spark = Comparison.run(config, data, source, engine, new Comparison.Listener() {
                @Override
                public void onRunEnd(RunResult r) {
                    ended.add(r.key());
                }
            }, Map.of(), null);

            assertThat(killed).as("an executor was killed (%s; logs in %s)", lookups, tmp).hasSize(1);
            assertThat(lost).as("a task was lost with the killed executor").isNotEmpty();
            assertThat(ended).hasSize(4);
            assertThat(Fixtures.computed(spark.runs())).isEqualTo(Fixtures.computed(local.runs()));
        } finally {
            killer.shutdownNow();
        }
    }

    @Test
    void aTaskNoExecutorCanTakeIsWarnedOfAndAStopEndsTheWait() throws Exception {
        // a Spark user's try: --threads 2 on workers of one core waited for ever without a word (Spark's own warning did
        // not reach the terminal)
        SequenceDataset data = Fixtures.open();
        ComparisonConfig config = Fixtures.config(1);
        DataSource source = Fixtures.source(config, data);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(SparkEngine.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        System.setProperty("rnnlab.spark.stallSeconds", "3");
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.ExecutorService driver = Executors.newSingleThreadExecutor();
        try (SparkEngine engine = new SparkEngine(new EngineOptions("spark", master, 2), Map.of(
                "spark.driver.host", LOOPBACK, "spark.driver.bindAddress", LOOPBACK, "spark.ui.enabled", "false",
                "spark.executor.memory", "1g", "spark.executor.extraClassPath", classPath()))) {
            var compared = driver.submit(() -> Comparison.run(config, data, source, engine, new Comparison.Listener() { }, Map.of(), stop));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (appender.list.stream().noneMatch(e -> e.getFormattedMessage().contains("no run has started"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(appender.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("spark: no run has started on "
                    + master + " in 3 s", "--threads (2) cores of one executor (spark.task.cpus = 2)", "give fewer --threads"));
            stop.set(true);
            assertThat(org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> compared.get(60, TimeUnit.SECONDS)).getCause())
                    .isInstanceOf(org.rnnlab.training.TrainingInterruptedException.class).hasMessageContaining("0 of 4 runs finished");
        } finally {
            System.clearProperty("rnnlab.spark.stallSeconds");
            logger.detachAppender(appender);
            driver.shutdownNow();
        }
    }
}
