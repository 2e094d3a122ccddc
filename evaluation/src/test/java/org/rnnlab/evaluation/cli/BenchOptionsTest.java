package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;
import org.rnnlab.core.Nd4jRuntime;

/** {@code bench} runs one measurement and refuses options that measurement would not read (usage error, exit 2). */
class BenchOptionsTest {

    private static TrainEvaluatePredictTest.Run bench(String... args) {
        return TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(new String[] {"bench"}, args));
    }

    @Test
    void anOptionOfAnotherMeasurementIsAUsageErrorNamingIt() {
        TrainEvaluatePredictTest.Run latency = bench("--latency", "--cells", "gru", "--rounds", "5");
        assertThat(latency.code()).isEqualTo(2);
        assertThat(latency.err()).contains("--cells, --rounds do not apply to bench --latency").contains("--latency-calls");
        TrainEvaluatePredictTest.Run training = bench("--rounds", "2", "--cells", "rnn");
        assertThat(training.code()).isEqualTo(2);
        assertThat(training.err()).contains("--rounds does not apply to bench (training throughput reads");
        TrainEvaluatePredictTest.Run gemm = bench("--gemm", "--layers", "2");
        assertThat(gemm.code()).isEqualTo(2);
        assertThat(gemm.err()).contains("--layers does not apply to bench --gemm");
        TrainEvaluatePredictTest.Run analysis = bench("--analysis", "--hidden", "3");
        assertThat(analysis.code()).isEqualTo(2);
        assertThat(analysis.err()).contains("--hidden does not apply to bench --analysis");
    }

    @Test
    void twoMeasurementsAtOnceAreAUsageError() {
        TrainEvaluatePredictTest.Run r = bench("--latency", "--gemm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--latency and --gemm cannot be combined: run them one at a time");
        TrainEvaluatePredictTest.Run analysisPeer = bench("--analysis", "--vs-peer");
        assertThat(analysisPeer.code()).isEqualTo(2);
        assertThat(analysisPeer.err()).contains("--analysis and --vs-peer cannot be combined");
    }

    @Test
    void streamLatencyTimesStepsOfAStreamAndRefusesWhatItCannotTime() {
        TrainEvaluatePredictTest.Run alone = bench("--stream", "--hidden", "8");
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.err()).contains("--stream applies to bench --latency only");
        TrainEvaluatePredictTest.Run two = bench("--latency", "--stream", "--cells", "lstm,gru");
        assertThat(two.code()).isEqualTo(2);
        assertThat(two.err()).contains("give one cell");
        // the untrained network's options apply to --stream without --model only
        TrainEvaluatePredictTest.Run modelAndHidden = bench("--latency", "--stream", "--model", "x.rnnlab", "--hidden", "8");
        assertThat(modelAndHidden.code()).isEqualTo(2);
        assertThat(modelAndHidden.err()).contains("--hidden does not apply to bench --latency");
        TrainEvaluatePredictTest.Run bidirectional = bench("--latency", "--stream", "--cells", "bilstm", "--hidden", "4",
                "--latency-calls", "10");
        assertThat(bidirectional.code()).isEqualTo(2);
        assertThat(bidirectional.err()).contains("bench --latency --stream: untrained bilstm network").containsIgnoringCase("bidirectional");
        TrainEvaluatePredictTest.Run gru = bench("--latency", "--stream", "--cells", "gru", "--hidden", "8", "--features", "3",
                "--latency-steps", "16", "--latency-calls", "400", "--json");
        assertThat(gru.code()).as(gru.err()).isEqualTo(0);
        assertThat(gru.out()).contains("\"call\":\"stream step\"").contains("\"steps\":16").contains("\"features\":3")
                .contains("\"samples\":400").contains("gru [8]");
    }

    /** The memory table ends with its reading (trial 79d F5: the table alone read like a leak). */
    @Test
    void latencyMemoryTableEndsWithItsVerdict() {
        TrainEvaluatePredictTest.Run r = bench("--latency", "--stream", "--cells", "gru", "--hidden", "4", "--features", "2",
                "--latency-steps", "8", "--latency-calls", "2400", "--latency-warmup", "100");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("retained heap after GC: ").contains(" MiB after 1000, 1200, 2400 calls")
                .contains("; RSS ").contains("includes the heap the JVM committed");
        assertThat(lines.get(lines.size() - 2).strip()).startsWith("2400 ");
    }

    private static final String[] TINY = {"--batch", "2", "--steps", "3", "--features", "2", "--hidden", "4", "--warmup", "0",
        "--batches", "1", "--repeats", "1"};

    /** --steps is not the length of --latency's sequence: refused with the option that is (it was accepted and ignored). */
    @Test
    void latencyRefusesStepsPointingToLatencySteps() {
        TrainEvaluatePredictTest.Run r = bench("--latency", "--steps", "10", "--latency-calls", "10");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--steps does not apply to bench --latency").contains("--latency-steps");
        TrainEvaluatePredictTest.Run model = bench("--latency", "--stream", "--model", "x.rnnlab", "--steps", "10");
        assertThat(model.code()).isEqualTo(2);
        assertThat(model.err()).contains("--steps does not apply to bench --latency --stream with --model").contains("--latency-steps");
    }

    /**
     * --latency --stream without --model still takes --steps (its default length); --threads 2 is said to split nothing
     * there (one sequence), and the JSON names the backend that ran.
     */
    @Test
    void streamWithoutModelTakesStepsAndSaysThreadsSplitNothing() throws Exception {
        TrainEvaluatePredictTest.Run r = bench("--latency", "--stream", "--cells", "gru", "--hidden", "8", "--features", "3",
                "--steps", "16", "--latency-calls", "400", "--json", "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"steps\":16");
        assertThat(r.err()).contains("--threads 2 splits nothing in bench --latency: each call is one sequence")
                .contains("at least 8 examples");
        JsonNode line = Json.mapper().readTree(r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(line.path("backend").asText()).isEqualTo(Nd4jRuntime.backend()).startsWith("CpuBackend");
    }

    /**
     * The training bench's header and JSON name the backend (as train's provenance.json), its line gives the repeats'
     * [min-max] and the 1-minute load before and after, and --threads 2 where no layer reaches the split threshold is
     * said (it was accepted without a word); a layer that splits gives no such warning.
     */
    @Test
    void trainingSaysBackendRangeLoadAndWhenThreadsSplitNothing() throws Exception {
        TrainEvaluatePredictTest.Run table = bench(TrainEvaluatePredictTest.concat(new String[] {"--cells", "rnn,gru", "--threads",
            "2"}, TINY));
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.err()).contains("2 thread(s), backend " + Nd4jRuntime.backend())
                .contains("--threads 2 splits no layer here (rnn, gru at --hidden 4, --batch 2)").contains("at least 8 examples");
        assertThat(table.out()).contains("[min-max]").contains("load 1m");
        String rnn = table.out().lines().filter(l -> l.startsWith("rnn ")).findFirst().orElseThrow();
        assertThat(rnn).matches(".*\\[[0-9.]+-[0-9.]+\\].*");
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/loadavg"))) {
            assertThat(rnn).matches(".* [0-9.]+->[0-9.]+$");
        }

        TrainEvaluatePredictTest.Run json = bench(TrainEvaluatePredictTest.concat(new String[] {"--cells", "rnn", "--json"}, TINY));
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode line = Json.mapper().readTree(json.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(line.path("backend").asText()).isEqualTo(Nd4jRuntime.backend());
        assertThat(line.path("inference_runs").size()).isEqualTo(1);
        assertThat(line.has("load_1m_start")).isTrue();
        assertThat(line.has("load_1m_end")).isTrue();

        // an LSTM at hidden 256 splits a minibatch of 16 into two parts of 8 (2^21 multiply-adds each per step)
        TrainEvaluatePredictTest.Run splits = bench("--cells", "lstm", "--hidden", "256", "--batch", "16", "--steps", "2",
                "--features", "2", "--warmup", "0", "--batches", "1", "--repeats", "1", "--threads", "2");
        assertThat(splits.code()).as(splits.err()).isZero();
        assertThat(splits.err()).doesNotContain("splits no layer");
    }
}
