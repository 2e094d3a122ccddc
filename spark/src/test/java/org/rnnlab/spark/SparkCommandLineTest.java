package org.rnnlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.Main;
import picocli.CommandLine;

/** {@code rnnlab compare --engine spark} as {@link SparkMain} runs it: the same results files as {@code --engine local}. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SparkCommandLineTest {

    private static final String[] COMPARE = {"compare", "--cells", "rnn,lstm", "--seeds", "2", "--epochs", "1", "--hidden", "6",
        "--set", "trainSize=120", "--set", "validationSize=40", "--set", "testSize=60", "--set", "maxDistance=4", "--probe", "16",
        "--quiet"};

    @BeforeAll
    static void filter() {
        SparkSerialFilter.install(); // what SparkMain does before Main
    }

    record Run(int code, String out, String err) {
    }

    private static Run run(List<String> extra, Path out) {
        List<String> args = new ArrayList<>(List.of(COMPARE));
        args.addAll(extra);
        args.addAll(List.of("--out", out.toString()));
        CommandLine cl = Main.commandLine();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        return new Run(cl.execute(args.toArray(String[]::new)), o.toString(), e.toString());
    }

    /** results.csv without its last four columns (time, throughput, parameters, memory). */
    private static List<String> metricColumns(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(l -> String.join(",", List.of(l.split(",")).subList(0, 9))).toList();
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void compareOnSparkWritesTheSameResultsAsLocally(@TempDir Path dir) throws Exception {
        Run spark = run(List.of("--engine", "spark", "--master", "local[2]"), dir.resolve("spark"));
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(SparkSerialFilter.installed()).as("Main kept the Spark filter").isTrue();
        // agreement's default bands of distance (1-2, 3-4 here) travel to the executors with the data source
        assertThat(spark.err()).contains("compare: 8 runs").contains("x 2 bands of distance")
                .contains("the runs are trained on Spark (master local[2], 2 slots)").contains("lstm                   seed 2, distance 3-4: test accuracy");
        assertThat(files(dir.resolve("spark/runs"))).containsExactly("lstm-seed1-distance_1-2.json", "lstm-seed1-distance_3-4.json",
                "lstm-seed2-distance_1-2.json", "lstm-seed2-distance_3-4.json", "rnn-seed1-distance_1-2.json", "rnn-seed1-distance_3-4.json",
                "rnn-seed2-distance_1-2.json", "rnn-seed2-distance_3-4.json");
        JsonNode provenance = Json.mapper().readTree(dir.resolve("spark/provenance.json").toFile());
        assertThat(provenance.get("commandLine").toString()).contains("--engine").contains("spark");
        // where the runs were trained: the engine with its master, and each run's machine (an executor's on a cluster)
        assertThat(provenance.get("engine").asText()).isEqualTo("spark local[2] (2 slots)");
        assertThat(Json.mapper().readTree(dir.resolve("spark/runs/lstm-seed1-distance_1-2.json").toFile()).get("machine").asText())
                .isEqualTo(org.rnnlab.training.Provenance.machine()).contains(" cores)");

        Run local = run(List.of(), dir.resolve("local"));
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(local.err()).contains("the runs are trained in-process");
        assertThat(Json.mapper().readTree(dir.resolve("local/provenance.json").toFile()).get("engine").asText()).isEqualTo("in-process");
        assertThat(metricColumns(dir.resolve("spark/results.csv"))).isEqualTo(metricColumns(dir.resolve("local/results.csv")));
    }

    @Test
    void aMasterThatIsNoSparkUrlIsNamedWithoutSparksStackTrace(@TempDir Path dir) {
        Run r = run(List.of("--engine", "spark", "--master", "bogus://x"), dir.resolve("x"));
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--master bogus://x is not a Spark master URL (expected local, local[N], local[*], "
                + "spark://HOST:PORT").doesNotContain("at org.apache.spark");
    }

    @Test
    void aMasterNothingListensOnAndAClusterManagerSparkLacksAreSaidAtOnce(@TempDir Path dir) throws Exception {
        // a Spark trial: a wrong port took 80 s of stack traces and ended in "the Spark context was stopped"; --master yarn
        // passed the URL check and failed in Spark's stack trace
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        long t0 = System.nanoTime();
        Run r = run(List.of("--engine", "spark", "--master", "spark://127.0.0.1:" + port), dir.resolve("x"));
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("cannot reach the Spark master of --master spark://127.0.0.1:" + port + ": 127.0.0.1:" + port)
                .contains("Is the master running").doesNotContain("at org.apache.spark");
        assertThat((System.nanoTime() - t0) / 1e9).as("said at once, not after Spark's retries").isLessThan(30);
        assertThat(dir.resolve("x")).doesNotExist();
        Run yarn = run(List.of("--engine", "spark", "--master", "yarn"), dir.resolve("y"));
        assertThat(yarn.code()).isNotZero();
        assertThat(yarn.err()).contains("--master yarn needs Spark's YARN support, which rnnlab's own Spark").doesNotContain("at org.apache.spark");
    }

    @Test
    void masterWithoutSparkIsAUsageError(@TempDir Path dir) {
        Run r = run(List.of("--master", "local[2]"), dir.resolve("x"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--master does not apply to the local engine (add --engine spark)");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    /** Spark refused these with a 20-line stack trace and exit 1, naming no option of rnnlab. */
    @Test
    void aLocalMasterWithoutEnoughCoresForThreadsIsAUsageError(@TempDir Path dir) {
        Run zero = run(List.of("--engine", "spark", "--master", "local[0]"), dir.resolve("x"));
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--master local[0] gives Spark no core to run on: use local[N] with N >= --threads (1)")
                .doesNotContain("at org.apache.spark");
        Run threads = run(List.of("--engine", "spark", "--master", "local[1]", "--threads", "2"), dir.resolve("y"));
        assertThat(threads.code()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads 2 needs 2 cores for each run (spark.task.cpus), but --master local[1] gives 1: "
                + "give --master local[2] or more, or fewer --threads").doesNotContain("at org.apache.spark");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("y")).doesNotExist();
    }
}
