package org.rnnlab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rnnlab.core.Json;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.ComparisonResult;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.engine.DataSource;
import org.rnnlab.evaluation.engine.EngineOptions;
import org.rnnlab.evaluation.engine.InProcessEngine;
import org.slf4j.LoggerFactory;

/**
 * Trial 80d F1 and F3 on an embedded Spark that retries ({@code local[2,2]}: 2 slots, 2 attempts per task). F1: a task that
 * failed and was retried (an executor lost, here an error of its first attempt from a test hook) left no trace on the console
 * or in the run's record. F3: after a failed run, Spark's late "Could not find CoarseGrainedScheduler" ERROR with its stack
 * trace followed rnnlab's failure message.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SparkRetryTest {
    private static SparkEngine engine;
    private static SequenceDataset data;

    @BeforeAll
    static void start() {
        Nd4jRuntime.configureThreads(1);
        engine = new SparkEngine(new EngineOptions("spark", "local[2,2]", 1));
        data = Fixtures.open();
    }

    @AfterAll
    static void stop() {
        RunTaskFunction.beforeAttempt = null;
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aRetriedTaskIsSaidOnTheConsoleWithItsRunAndItsResultKeepsTheAttempts() throws Exception {
        ComparisonConfig config = Fixtures.config(1);
        DataSource source = Fixtures.source(config, data);
        ComparisonResult local = Comparison.run(config, data, source, new InProcessEngine(), new Comparison.Listener() { }, Map.of(), null);
        AtomicInteger failures = new AtomicInteger();
        RunTaskFunction.beforeAttempt = attempt -> { // the first task's first attempt fails, as an executor's error does
            if (attempt == 0 && failures.getAndIncrement() == 0) {
                throw new AssertionError("test hook: the first attempt fails");
            }
        };
        ListAppender<ILoggingEvent> console = attach(SparkEngine.class.getName());
        ComparisonResult spark;
        try {
            spark = Comparison.run(config, data, source, engine, new Comparison.Listener() { }, Map.of(), null);
        } finally {
            RunTaskFunction.beforeAttempt = null;
        }
        // the same numbers: the result is the second attempt's
        assertThat(Fixtures.computed(spark.runs())).isEqualTo(Fixtures.computed(local.runs()));
        List<RunResult> retried = spark.runs().stream().filter(r -> r.attempts() != null).toList();
        assertThat(retried).as("runs with attempts recorded").hasSize(1);
        assertThat(retried.get(0).attempts()).isEqualTo(2);
        assertThat(spark.runs()).filteredOn(r -> r.attempts() == null).hasSize(3);
        // kept in the run's record (runs/*.json, results.json): written, and read back
        String json = Json.write(retried.get(0).withoutPredictions());
        assertThat(json).contains("\"attempts\" : 2");
        assertThat(Json.read(json, RunResult.class).attempts()).isEqualTo(2);
        assertThat(Json.write(spark.runs().stream().filter(r -> r.attempts() == null).findFirst().orElseThrow())).doesNotContain("attempts");

        // the console line, from Spark's listener bus (asynchronous): the run, the executor, the attempt, what happens next
        String key = retried.get(0).key();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (engine.retries().said.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(engine.retries().said).hasSize(1);
        assertThat(engine.retries().said.get(0)).matches(java.util.regex.Pattern.quote(key) + " failed on executor driver on \\S+ "
                + "\\(attempt 1 of 2: java\\.lang\\.AssertionError: test hook: the first attempt fails.*\\); Spark retries it");
        assertThat(console.list).extracting(ILoggingEvent::getFormattedMessage).contains("spark: " + engine.retries().said.get(0));
        detach(SparkEngine.class.getName(), console);
    }

    @Test
    void linesSayALostExecutorAndTheLastAttempt() {
        assertThat(SparkEngine.RetryReporter.line("rnn seed 1", "0", "10.0.0.7", 1, 4, true,
                "ExecutorLostFailure (executor 0 exited caused by one of the running tasks) Reason: Command exited with code 137\nmore"))
                .isEqualTo("executor 0 on 10.0.0.7 was lost during rnn seed 1 (attempt 1 of 4: ExecutorLostFailure (executor 0 exited "
                        + "caused by one of the running tasks) Reason: Command exited with code 137); Spark retries it");
        assertThat(SparkEngine.RetryReporter.line("gru seed 2", "1", "w2", 4, 4, true, "lost"))
                .endsWith("(attempt 4 of 4: lost); no attempt is left (spark.task.maxFailures 4), so the comparison fails");
        // review 80c R1: a failure Spark does not count toward spark.task.maxFailures claims no attempt number
        assertThat(SparkEngine.RetryReporter.uncountedLine("lstm seed 1", "2", "w3", true, "ExecutorLostFailure (executor 2 exited "
                + "unrelated to the running tasks) Reason: worker lost\nmore"))
                .isEqualTo("executor 2 on w3 was lost during lstm seed 1 (ExecutorLostFailure (executor 2 exited unrelated to the "
                        + "running tasks) Reason: worker lost; not counted toward spark.task.maxFailures); Spark retries it");
        assertThat(SparkEngine.maxFailures("local[2,3]", 4)).isEqualTo(3);
        assertThat(SparkEngine.maxFailures("local[2 ,3]", 4)).as("review 80c R4: Spark allows a space before the comma").isEqualTo(3);
        assertThat(SparkEngine.maxFailures("local[* , 5]", 4)).isEqualTo(5);
        assertThat(SparkEngine.maxFailures("local[2]", 4)).isEqualTo(1);
        assertThat(SparkEngine.maxFailures("local[*]", 4)).isEqualTo(1);
        assertThat(SparkEngine.maxFailures("local", 4)).isEqualTo(1);
        assertThat(SparkEngine.maxFailures("spark://127.0.0.1:7077", 4)).isEqualTo(4);
        assertThat(SparkEngine.maxFailures("spark://127.0.0.1:7077", 8)).isEqualTo(8);
    }

    /** An executor lost while the runs go on is said, with the runs it trained or that it had none; not outside a comparison. */
    @Test
    void aLostExecutorIsSaidDuringAComparisonOnly() {
        SparkEngine.RetryReporter reporter = new SparkEngine.RetryReporter(4);
        reporter.onExecutorRemoved(new org.apache.spark.scheduler.SparkListenerExecutorRemoved(0L, "3", "Command exited with code 137"));
        assertThat(reporter.said).as("no comparison running (the context's own stop)").isEmpty();
        reporter.running = true;
        reporter.onExecutorRemoved(new org.apache.spark.scheduler.SparkListenerExecutorRemoved(0L, "3", "Command exited with code 137"));
        assertThat(reporter.said).containsExactly("executor 3 was lost (Command exited with code 137), with no run of this comparison "
                + "on it; the runs wait for the other executors, or for one the cluster starts");
        assertThat(SparkEngine.RetryReporter.lost("0", "10.0.0.7", "worker lost\nmore", List.of("rnn seed 1")))
                .isEqualTo("executor 0 on 10.0.0.7 was lost (worker lost) while training rnn seed 1: Spark retries it on another executor");
    }

    @Test
    void afterAFailedRunSparksStoppedSchedulerErrorIsDroppedAndOtherErrorsStillShow() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getTurboFilterList().removeIf(f -> f instanceof SparkEngine.StoppedSchedulerFilter); // as in a fresh process
        String rpc = "org.apache.spark.network.server.TransportRequestHandler";
        ListAppender<ILoggingEvent> console = attach(rpc);
        ListAppender<ILoggingEvent> netty = attach("org.apache.spark.rpc.netty.NettyRpcEnv");
        org.slf4j.Logger spark = LoggerFactory.getLogger(rpc);
        org.apache.spark.SparkException gone = new org.apache.spark.SparkException("Could not find CoarseGrainedScheduler.");
        spark.error("Error while invoking RpcHandler#receive() for one-way message.", gone);
        assertThat(console.list).as("before any failed run the message shows").hasSize(1);

        ComparisonConfig config = Fixtures.config(1);
        DataSource wrong = new DataSource("agreement", Fixtures.options(), null, "0123456789abcdef");
        assertThatThrownBy(() -> Comparison.run(config, data, wrong, engine, new Comparison.Listener() { }, Map.of(), null))
                .hasMessageContaining("failed on Spark: dataset agreement opened on this worker differs from the driver's");

        spark.error("Error while invoking RpcHandler#receive() for one-way message.", gone);
        spark.error("Error while invoking RpcHandler#receive() for one-way message.", new org.apache.spark.SparkException("Other"));
        Logger rpcLogger = (Logger) LoggerFactory.getLogger(rpc);
        ch.qos.logback.classic.Level was = rpcLogger.getLevel();
        rpcLogger.setLevel(ch.qos.logback.classic.Level.INFO);
        spark.info("below WARN the filter lets everything through", gone);
        rpcLogger.setLevel(was);
        LoggerFactory.getLogger("org.apache.spark.rpc.netty.NettyRpcEnv").warn("Message RequestMessage(127.0.0.1:51986, "
                + "StatusUpdate(0,0,KILLED,1,Map())) dropped due to sparkEnv is stopped. Could not deliver it");
        assertThat(console.list).extracting(e -> e.getThrowableProxy().getMessage())
                .as("after a failed run: the stopped scheduler's message dropped, another error kept")
                .containsExactly("Could not find CoarseGrainedScheduler.", "Other", "Could not find CoarseGrainedScheduler.");
        assertThat(netty.list).as("the stopped environment's dropped status update").isEmpty();
        detach(rpc, console);
        detach("org.apache.spark.rpc.netty.NettyRpcEnv", netty);
    }

    /** Trial 80d F5: Spark's "Initial job has not accepted any resources" stood alone for 25 s before rnnlab's stall line. */
    @Test
    void theWaitingLineComesWithSparksStarvationWarning() {
        assertThat(SparkEngine.waiting(15, 0, 1, 60)).isEqualTo("no run has started in 15 s; no executor has registered with this "
                + "driver yet: the workers are still starting them (slow on a busy machine), or no worker has the cores and memory "
                + "for one. Spark's 'Initial job has not accepted any resources' warning says the same; rnnlab says more at 60 s if "
                + "it lasts");
        assertThat(SparkEngine.waiting(15, 2, 2, 60)).contains("; 2 executors have registered, none has taken a run yet (each needs "
                + "--threads 2 free cores of one executor).");
    }

    private static ListAppender<ILoggingEvent> attach(String logger) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
        return appender;
    }

    private static void detach(String logger, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(logger)).detachAppender(appender);
    }
}
