package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
