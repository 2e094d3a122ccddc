package org.rnnlab.spark;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.evaluation.engine.TaskExecutor;

/**
 * The function of every Spark job of the engine, run on an executor: a {@link org.rnnlab.evaluation.compare.RunTask}
 * as JSON in, its {@link org.rnnlab.evaluation.compare.RunResult} as JSON out ({@link TaskExecutor}). It holds
 * only strings and an int, so it is all that Spark Java-serializes of rnnlab. The first call in an executor
 * process sets ND4J's threads and the process-wide deserialization filter ({@link SparkSerialFilter}); a
 * cancelled task (the driver was stopped) ends its training at the next minibatch. A failure of the run itself (its
 * data, divergence) goes back as a result that starts with {@link #FAILED} and holds the message of its root cause,
 * not as a failed task, which Spark would retry to the same end.
 */
final class RunTaskFunction implements Function<String, String> {
    private static final long serialVersionUID = 1L;
    /**
     * How a result that is a failure of the run itself starts, followed by its message (a result is otherwise JSON, which
     * never starts so). An executor lost, or an error of the JVM, still fails the task for Spark to retry.
     */
    static final String FAILED = "rnnlab-run-failed: ";
    private static final AtomicBoolean CONFIGURED = new AtomicBoolean();
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rnnlab-spark-task-watch");
        t.setDaemon(true);
        return t;
    });

    /**
     * How a result starts: this marker, the backend the executor computed with ({@link Nd4jRuntime#backend}), a newline, then
     * the result (JSON, or {@link #FAILED} and the message), so the driver can say when it differs from its own.
     */
    static final String BACKEND = "rnnlab-backend: ";

    /**
     * How the line after the backend's starts, followed by the attempt of Spark's task that computed the result (1 for the
     * first; {@code TaskContext.attemptNumber() + 1}) and a newline: the driver keeps it in the run's result when more than one
     * ({@link org.rnnlab.evaluation.compare.RunResult#attempts}). A driver that finds no such line takes one attempt.
     */
    static final String ATTEMPT = "rnnlab-attempt: ";

    /**
     * Tests only (package-private, set by no option or property): called with the task's attempt number (0 for the first)
     * before the run, in this process; a test throws from it to fail an attempt the way an executor's error does, which Spark
     * retries. Null (always, outside this module's tests): nothing.
     */
    static volatile java.util.function.IntConsumer beforeAttempt;

    private final String sourceJson;
    private final int threads;
    private final String propertiesJson;

    /**
     * @param sourceJson     the {@link org.rnnlab.evaluation.engine.DataSource} as JSON
     * @param threads        {@code --threads} of the executor process (its kernels' threads)
     * @param propertiesJson the driver's {@code rnnlab.*} system properties as a JSON object, set in the executor's process
     *                       before each run ({@link SparkEngine#forwardedProperties})
     */
    RunTaskFunction(String sourceJson, int threads, String propertiesJson) {
        this.sourceJson = sourceJson;
        this.threads = threads;
        this.propertiesJson = propertiesJson;
    }

    /**
     * Sets the driver's {@code rnnlab.*} properties in this process (an executor of a cluster started without them; in local
     * mode the driver's own process, where they are already set). Every task of a comparison sends the same ones.
     */
    static void applyProperties(String propertiesJson) {
        java.util.Map<?, ?> properties = org.rnnlab.core.Json.read(propertiesJson, java.util.Map.class);
        properties.forEach((k, v) -> {
            if (!String.valueOf(v).equals(System.getProperty(String.valueOf(k)))) {
                System.setProperty(String.valueOf(k), String.valueOf(v));
            }
        });
    }

    @Override
    public String call(String taskJson) {
        applyProperties(propertiesJson);
        configureProcess(threads);
        TaskContext context = TaskContext.get();
        AtomicBoolean stop = new AtomicBoolean();
        ScheduledFuture<?> watch = context == null ? null : WATCH.scheduleWithFixedDelay(() -> {
            if (context.isInterrupted()) {
                stop.set(true);
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        int attempt = context == null ? 0 : context.attemptNumber();
        java.util.function.IntConsumer hook = beforeAttempt;
        if (hook != null) {
            hook.accept(attempt);
        }
        try {
            String result = TaskExecutor.run(sourceJson, taskJson, stop);
            return BACKEND + Nd4jRuntime.backend() + "\n" + ATTEMPT + (attempt + 1) + "\n" + result;
        } catch (org.rnnlab.training.TrainingInterruptedException e) {
            throw failure(e); // cancelled: Spark knows what to do with its own task
        } catch (RuntimeException e) {
            // the run's own failure (data missing or different on this worker, bad data, divergence): the same on a retry,
            // which Spark made 4 times on a cluster with a stack trace each; sent back as the result instead
            return FAILED + failure(e).getMessage();
        } finally {
            if (watch != null) {
                watch.cancel(false);
            }
        }
    }

    /** Once per process: the threads (Nd4jRuntime.configureThreads) and the deserialization filter (the driver's process has both already in local mode). */
    static void configureProcess(int threads) {
        if (CONFIGURED.compareAndSet(false, true)) {
            SparkSerialFilter.install();
            Nd4jRuntime.configureThreads(threads);
        }
    }

    /** {@code e} as an exception of the JDK with its root cause's class and message, and that cause's stack trace. */
    static IllegalStateException failure(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        IllegalStateException out = new IllegalStateException(root.getClass().getName().startsWith("java.")
                ? message : root.getClass().getSimpleName() + ": " + message);
        out.setStackTrace(root.getStackTrace());
        return out;
    }
}
