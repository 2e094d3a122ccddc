package org.rnnlab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.datasets.CrossValidation;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.ComparisonResult;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.compare.RunTask;
import org.rnnlab.evaluation.tune.SearchSpace;
import org.rnnlab.evaluation.tune.TuningConfig;
import org.rnnlab.evaluation.engine.DataSource;
import org.rnnlab.evaluation.engine.EngineOptions;
import org.rnnlab.evaluation.engine.InProcessEngine;
import org.rnnlab.evaluation.engine.RunEngine;
import org.rnnlab.evaluation.engine.RunEngines;
import org.rnnlab.training.TrainingInterruptedException;

/** {@link SparkEngine} on an embedded Spark ({@code local[2]}): the same results as in this process, failures, stop. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SparkEngineTest {
    private static SparkEngine engine;
    private static SequenceDataset data;

    @BeforeAll
    static void start() {
        Nd4jRuntime.configureThreads(1);
        RunEngine e = RunEngines.create(new EngineOptions("spark", "local[2]", 1)); // through the ServiceLoader, as --engine spark
        assertThat(e).isInstanceOf(SparkEngine.class);
        engine = (SparkEngine) e;
        data = Fixtures.open();
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Records the callbacks, checking they come one at a time. */
    private static final class Recorder implements Comparison.Listener {
        final List<String> events = new ArrayList<>();
        private final AtomicBoolean inCallback = new AtomicBoolean();
        private final AtomicBoolean stopAfterFirst;

        Recorder(AtomicBoolean stopAfterFirst) {
            this.stopAfterFirst = stopAfterFirst;
        }

        @Override
        public void onRunStart(int index, int total, String configuration, long seed) {
            assertThat(inCallback.compareAndSet(false, true)).as("callbacks one at a time").isTrue();
            events.add("start " + index + "/" + total + " " + configuration + " " + seed);
            inCallback.set(false);
        }

        @Override
        public void onRunEnd(RunResult r) {
            assertThat(inCallback.compareAndSet(false, true)).as("callbacks one at a time").isTrue();
            events.add("end " + r.key());
            if (stopAfterFirst != null) {
                stopAfterFirst.set(true);
            }
            inCallback.set(false);
        }
    }

    @Test
    void describesItsMasterAndSlots() {
        assertThat(engine.describe()).isEqualTo("spark local[2] (2 slots)");
        assertThat(engine.slots()).isEqualTo(2);
    }

    @Test
    void runsGiveTheSameResultsAsInProcess() {
        ComparisonConfig config = Fixtures.config(2);
        DataSource source = Fixtures.source(config, data);
        ComparisonResult local = Comparison.run(config, data, source, new InProcessEngine(), new Comparison.Listener() { }, Map.of(), null);
        Recorder recorder = new Recorder(null);
        ComparisonResult spark = Comparison.run(config, data, source, engine, recorder, Map.of(), null);

        assertThat(Fixtures.computed(spark.runs())).isEqualTo(Fixtures.computed(local.runs()));
        assertThat(spark.runs()).extracting(RunResult::key).containsExactly("rnn seed 1", "rnn seed 2", "lstm seed 1", "lstm seed 2");
        assertThat(spark.runs()).allSatisfy(r -> assertThat(r.gradientNorms()).isNotEmpty());
        assertThat(recorder.events).hasSize(8);
        // submitted in order, two at a time (two slots); each run ends after it started
        assertThat(recorder.events.stream().filter(e -> e.startsWith("start")).toList()).containsExactly("start 0/4 rnn 1",
                "start 1/4 rnn 2", "start 2/4 lstm 1", "start 3/4 lstm 2");
        assertThat(recorder.events.subList(0, 2)).containsExactly("start 0/4 rnn 1", "start 1/4 rnn 2");
        for (int i = 0; i < 8; i++) {
            String e = recorder.events.get(i);
            if (e.startsWith("end ")) {
                String[] run = e.substring(4).split(" seed ");
                assertThat(recorder.events.subList(0, i)).anyMatch(s -> s.startsWith("start ") && s.endsWith(" " + run[0] + " " + run[1]));
            }
        }
    }

    /** Bidirectional cells with the last head (forward at the last step, backward at step 0): built alike on executors. */
    @Test
    void bidirectionalRunsWithTheLastHeadGiveTheSameResultsAsInProcess() {
        ComparisonConfig base = Fixtures.config(1);
        ComparisonConfig config = new ComparisonConfig(org.rnnlab.core.Architecture.parseList("bigru,birnn"), base.clips(), base.base(),
                base.training(), 1, 1, 16);
        assertThat(config.describeModel()).contains("last head (bidirectional: forward at the last step, backward at the first)");
        DataSource source = Fixtures.source(config, data);
        ComparisonResult local = Comparison.run(config, data, source, new InProcessEngine(), new Comparison.Listener() { }, Map.of(), null);
        ComparisonResult spark = Comparison.run(config, data, source, engine, new Comparison.Listener() { }, Map.of(), null);

        assertThat(spark.runs()).extracting(RunResult::key).containsExactly("bigru seed 1", "birnn seed 1");
        assertThat(Fixtures.computed(spark.runs())).isEqualTo(Fixtures.computed(local.runs()));
        assertThat(spark.runs()).allSatisfy(r -> assertThat(r.gradientNorms()).isNotEmpty());
    }

    @Test
    void depthsSideBySideGiveTheSameGridAndResultsAsInProcess() {
        // compare --layers 1,2 (trial 76c F1): the Spark engine trains the grid Comparison.tasks builds, depths named
        ComparisonConfig base = Fixtures.config(1);
        ComparisonConfig config = new ComparisonConfig(org.rnnlab.core.Architecture.parseList("rnn"), base.clips(), base.base(),
                base.training(), 1, 1, 16, null, null, null, null, List.of(1, 2));
        DataSource source = Fixtures.source(config, data);
        ComparisonResult local = Comparison.run(config, data, source, new InProcessEngine(), new Comparison.Listener() { }, Map.of(), null);
        ComparisonResult spark = Comparison.run(config, data, source, engine, new Comparison.Listener() { }, Map.of(), null);

        assertThat(spark.runs()).extracting(RunResult::key).containsExactly("rnn seed 1", "rnn x2 seed 1");
        assertThat(Fixtures.computed(spark.runs())).isEqualTo(Fixtures.computed(local.runs()));
        assertThat(spark.runs().get(1).parameters()).isGreaterThan(spark.runs().get(0).parameters());
    }

    @Test
    void crossValidationGivesTheSameResultsAsInProcess() {
        ComparisonConfig config = Fixtures.config(1).withCrossValidation(new CrossValidation(3, null, 1));
        DataSource source = Fixtures.source(config, data);
        ComparisonResult local = Comparison.run(config, data, source, new InProcessEngine(), new Comparison.Listener() { }, Map.of(), null);
        ComparisonResult spark = Comparison.run(config, data, source, engine, new Comparison.Listener() { }, Map.of(), null);

        assertThat(spark.runs()).hasSize(12).extracting(RunResult::fold).containsOnly(0, 1, 2);
        assertThat(Fixtures.computed(spark.runs())).isEqualTo(Fixtures.computed(local.runs()));
        // the out-of-fold test predictions come back with the runs' JSON: test-predictions.csv is written on Spark too
        assertThat(spark.runs()).allSatisfy(r -> assertThat(r.predictions()).isNotNull());
        String csv = org.rnnlab.evaluation.compare.ComparisonFiles.testPredictionsCsv(spark);
        assertThat(csv).startsWith("configuration,seed,fold,id,actual,predicted,p_");
        assertThat(withoutProbabilities(csv)).isEqualTo(withoutProbabilities(
                org.rnnlab.evaluation.compare.ComparisonFiles.testPredictionsCsv(local)));
    }

    /** test-predictions.csv's rows up to {@code predicted}. */
    private static java.util.List<String> withoutProbabilities(String csv) {
        return csv.lines().map(l -> String.join(",", java.util.Arrays.asList(l.split(",")).subList(0, 6))).toList();
    }

    @Test
    void tuningGivesTheSameTrialsChoiceAndResultsAsInProcess() {
        SearchSpace space = new SearchSpace(new SearchSpace.Range(3e-3, 3e-2), List.of(4, 8), List.of(1), null, null, null, null);
        ComparisonConfig config = Fixtures.config(3).withTuning(new TuningConfig(4, 3, 0, 1, space));
        DataSource source = Fixtures.source(config, data);
        List<RunResult> localTrials = new ArrayList<>();
        ComparisonResult local = Comparison.run(config, data, source, new InProcessEngine(), new Comparison.Listener() {
            @Override
            public void onRunEnd(RunResult result) {
                localTrials.add(result);
            }
        }, Map.of(), null);
        List<RunResult> sparkTrials = new ArrayList<>();
        ComparisonResult spark = Comparison.run(config, data, source, engine, new Comparison.Listener() {
            @Override
            public void onRunEnd(RunResult result) {
                sparkTrials.add(result);
            }
        }, Map.of(), null);

        assertThat(spark.tuning().architectures()).extracting(t -> t.chosen())
                .isEqualTo(local.tuning().architectures().stream().map(t -> t.chosen()).toList());
        assertThat(Fixtures.computed(spark.runs())).isEqualTo(Fixtures.computed(local.runs()));
        // every trial (any order on Spark) computed the same as in this process
        java.util.Comparator<RunResult> byKey = java.util.Comparator.comparing(RunResult::key);
        assertThat(Fixtures.computed(sparkTrials.stream().sorted(byKey).toList()))
                .isEqualTo(Fixtures.computed(localTrials.stream().sorted(byKey).toList()));
        assertThat(sparkTrials).hasSize(2 * (4 + 1) + 4);
    }

    @Test
    void aWorkerThatReadsOtherDataFailsTheComparisonWithTheChecksumMessage() {
        ComparisonConfig config = Fixtures.config(1);
        DataSource wrong = new DataSource("agreement", Fixtures.options(), null, "0123456789abcdef");
        // a failure of the run itself is the same on a retry: it comes back as the task's result, no task of Spark fails
        java.util.List<String> failedTasks = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (end.taskInfo().failed()) {
                    failedTasks.add(end.reason().toString());
                }
            }
        };
        engine.context().sc().addSparkListener(listener);
        try {
            assertThatThrownBy(() -> Comparison.run(config, data, wrong, engine, new Comparison.Listener() { }, Map.of(), null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("run rnn seed ")
                    .hasMessageContaining("failed on Spark: dataset agreement opened on this worker differs from the driver's")
                    .hasMessageContaining("expected 0123456789abcdef")
                    .hasMessageNotContaining("Job aborted");
            assertThat(failedTasks).isEmpty();
        } finally {
            engine.context().sc().removeSparkListener(listener);
        }
    }

    @Test
    void theStopFlagCancelsTheRunsLeftAndTheEngineRunsOnAfterwards() {
        ComparisonConfig config = Fixtures.config(1);
        AtomicBoolean stop = new AtomicBoolean();
        Recorder recorder = new Recorder(stop);
        assertThatThrownBy(() -> Comparison.run(config, data, Fixtures.source(config, data), engine, recorder, Map.of(), stop))
                .isInstanceOf(TrainingInterruptedException.class);
        assertThat(recorder.events).hasSizeBetween(2, 4);

        ComparisonResult after = Comparison.run(config, data, Fixtures.source(config, data), engine, new Comparison.Listener() { },
                Map.of(), null);
        assertThat(after.runs()).hasSize(4);
    }

    /** The driver's -Drnnlab.* options travel with each task and are set in the executor's process before the run. */
    @Test
    void theDriversRnnlabPropertiesAreSetInTheTasksProcessAndTheBackendComesBack() {
        String key = "rnnlab.spark.testForwarded";
        System.setProperty(key, "driver");
        String home = System.getProperty("rnnlab.home");
        System.setProperty("rnnlab.home", "/driver/checkout");
        java.util.SortedMap<String, String> forwarded;
        try {
            forwarded = SparkEngine.forwardedProperties();
        } finally {
            System.clearProperty(key); // as on an executor started without the driver's options
            if (home == null) {
                System.clearProperty("rnnlab.home");
            } else {
                System.setProperty("rnnlab.home", home);
            }
        }
        assertThat(forwarded).containsEntry(key, "driver").doesNotContainKey("rnnlab.home").allSatisfy((k, v) -> assertThat(k).startsWith("rnnlab."));
        try {
            ComparisonConfig config = Fixtures.config(1);
            DataSource source = Fixtures.source(config, data);
            RunTaskFunction function = new RunTaskFunction(org.rnnlab.core.Json.writeCompact(source), 1,
                    org.rnnlab.core.Json.writeCompact(forwarded));
            String task = org.rnnlab.core.Json.writeCompact(Comparison.tasks(config).get(0));
            List<String> out = engine.context().parallelize(List.of(task), 1).map(function).collect();
            assertThat(System.getProperty(key)).as("set by the task").isEqualTo("driver");
            assertThat(out.get(0)).startsWith(RunTaskFunction.BACKEND + Nd4jRuntime.backend() + "\n" + RunTaskFunction.ATTEMPT + "1\n{");
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void anExecutorsOtherBackendIsWarnedOf() {
        assertThat(SparkEngine.backendDiffers("CpuBackend (oneDNN off)", "CpuBackend (oneDNN off)", "w1")).isEmpty();
        assertThat(SparkEngine.backendDiffers("CpuBackend (oneDNN off)", null, "w1")).isEmpty();
        assertThat(SparkEngine.backendDiffers("CpuBackend (oneDNN off)", "CpuBackend (oneDNN 3.13.0 for LSTM training, inference and "
                + "step products)", "worker1 (x, 4 cores)")).get().asString()
                .startsWith("the executor on worker1 (x, 4 cores) computes with CpuBackend (oneDNN 3.13.0")
                .contains("this driver, whose backend provenance.json records, with CpuBackend (oneDNN off)");
    }

    /** In local mode the tasks take the driver's copy of the data: its warnings were printed a second time by the reopening. */
    @Test
    void inLocalModeTheTasksDoNotOpenTheDataAgain() {
        ComparisonConfig config = Fixtures.config(1);
        org.rnnlab.datasets.DatasetOptions options = new org.rnnlab.datasets.DatasetOptions(null, null, null, 43, 0, null,
                Map.of("trainSize", "120", "validationSize", "30", "testSize", "60", "maxDistance", "4"), null);
        SequenceDataset other = org.rnnlab.datasets.Datasets.open("agreement", options);
        DataSource source = new DataSource("agreement", options, null, other.provenance().checksum());
        int opens = org.rnnlab.evaluation.engine.TaskExecutor.opens();
        ComparisonResult spark = Comparison.run(config, other, source, engine, new Comparison.Listener() { }, Map.of(), null);
        assertThat(spark.runs()).hasSize(4);
        assertThat(org.rnnlab.evaluation.engine.TaskExecutor.opens()).isEqualTo(opens);
    }

    /** The engine's status counts the runs as the "[k/N] ... submitted" lines do: a resume's finished runs among them. */
    @Test
    void theStatusCountsTheRunsOfTheWholeComparison() {
        ComparisonConfig config = Fixtures.config(1);
        DataSource source = Fixtures.source(config, data);
        ComparisonResult first = Comparison.run(config, data, source, new InProcessEngine(), new Comparison.Listener() { }, Map.of(), null);
        Map<String, RunResult> finished = Map.of(first.runs().get(0).key(), first.runs().get(0), first.runs().get(1).key(),
                first.runs().get(1));
        RunEngine reporting = new RunEngine() {
            @Override
            public String describe() {
                return "test";
            }

            @Override
            public void run(DataSource s, SequenceDataset d, List<RunTask> tasks, Comparison.Listener listener, AtomicBoolean stop) {
                listener.onRunsStatus("test", 1, tasks.size(), 1, 0, 30);
                new InProcessEngine().run(s, d, tasks, listener, stop);
            }
        };
        List<String> lines = new ArrayList<>();
        Comparison.run(config, data, source, reporting, new Comparison.Listener() {
            @Override
            public void onRunsStatus(String engine, int done, int total, int submitted, int active, long seconds) {
                lines.add(Comparison.runsStatus(engine, done, total, submitted, active, seconds));
            }
        }, finished, null);
        assertThat(lines).containsExactly("test: 3 of 4 runs finished, 1 submitted (0 running on executors), 0 waiting (30 s elapsed)");
    }
}
