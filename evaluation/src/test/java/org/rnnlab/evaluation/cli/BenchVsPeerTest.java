package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.bench.BenchResult;
import org.rnnlab.evaluation.bench.PeerComparison;
import org.rnnlab.evaluation.bench.RoundAggregate;

/** {@code bench --vs-peer --peer ...}: peer choice and what happens when the DJL peer is not built (a real rnnlab child JVM). */
class BenchVsPeerTest {

    private static final String[] TINY = {"--cells", "rnn", "--batch", "2", "--steps", "3", "--features", "2", "--hidden", "4",
        "--warmup", "0", "--batches", "1", "--repeats", "1"};

    @Test
    void djlPeerNotBuiltSaysHowToBuildItAndMeasuresRnnlabOnly(@TempDir Path emptyHome) throws Exception {
        TrainEvaluatePredictTest.Run r = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(
                new String[] {"bench", "--vs-peer", "--peer", "djl", "--djl-home", emptyHome.toString(), "--rounds", "1", "--json",
                    "--allow-no-peer"}, TINY));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("djl peer not available").contains("DJL peer not built")
                .contains(emptyHome.resolve("djl-peer/target/djl-peer.jar").toString())
                .contains("./mvnw -B -Pdjl-peer -pl djl-peer -am -DskipTests package");
        assertThat(PeerComparison.DJL_BUILD).isEqualTo("./mvnw -B -Pdjl-peer -pl djl-peer -am -DskipTests package");
        JsonNode line = Json.mapper().readTree(r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(line.path("cell").asText()).isEqualTo("rnn");
        assertThat(line.path("rounds").asInt()).isEqualTo(1);
        assertThat(line.path("rnnlab_samples_per_s").asDouble()).isPositive();
        assertThat(line.path("rnnlab_rounds").size()).isEqualTo(1);
        assertThat(line.path("rnnlab").path("samples_per_s").asDouble()).isPositive();
        assertThat(line.path("peer").isNull()).isTrue();
        assertThat(line.path("ratio").isNull()).isTrue();
        JsonNode djl = line.path("peers").get(0);
        assertThat(djl.path("peer").asText()).isEqualTo("djl");
        assertThat(djl.path("rounds").size()).isZero();
        assertThat(djl.path("note").asText()).contains("-Pdjl-peer");
        assertThat(line.has("load_1m_start")).isTrue();
    }

    /**
     * Without --allow-no-peer, a comparison none of whose peers can run stops before measuring, with exit 1 (it measured
     * rnnlab alone and exited 0: a script's half hour of dashes that looked like success).
     */
    @Test
    void noPeerAbleToRunStopsWithExitOne(@TempDir Path emptyHome) {
        TrainEvaluatePredictTest.Run r = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(
                new String[] {"bench", "--vs-peer", "--peer", "djl", "--djl-home", emptyHome.toString(), "--rounds", "1", "--json"},
                TINY));
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("djl peer not available").contains("DJL peer not built")
                .contains("none of the peers (--peer djl) can run here").contains("--allow-no-peer");
        assertThat(r.out().lines().filter(l -> l.startsWith("{"))).isEmpty();
    }

    /**
     * With an even --rounds the median is the mean of the two middle rounds: the legacy "rnnlab" object carries the same
     * median as rnnlab_samples_per_s (it carried the lower middle round's own rate: 779.0 beside 2687.2).
     */
    @Test
    void legacyRnnlabObjectCarriesTheMedianOfAnEvenNumberOfRounds() {
        List<BenchResult> mine = new ArrayList<>();
        double[][] rates = {{779.0, 1500.0}, {4595.3, 2500.0}};
        for (double[] v : rates) {
            mine.add(new BenchResult("rnnlab", "CpuBackend", "rnn", 1, 64, 128, 9, 64, 1, 6, v[0], List.of(v[0]), v[0] / 100, v[1],
                    List.of(v[1]), 200, 5126, null, null));
        }
        PeerComparison.Row row = new PeerComparison.Row(mine, List.of(), 1.0, 1.1);
        JsonNode line = Json.mapper().valueToTree(BenchCommand.jsonLine(row));
        assertThat(line.path("rnnlab_samples_per_s").asDouble()).isEqualTo(2687.2);
        assertThat(line.path("rnnlab").path("samples_per_s").asDouble()).isEqualTo(line.path("rnnlab_samples_per_s").asDouble());
        assertThat(line.path("rnnlab").path("inference_samples_per_s").asDouble())
                .isEqualTo(line.path("rnnlab_inference_samples_per_s").asDouble()).isEqualTo(2000.0);
        assertThat(line.path("rnnlab").path("gflop_per_s").asDouble()).isEqualTo(26.87);
    }

    @Test
    void refusesAnUnknownPeerNamingTheChoices() {
        TrainEvaluatePredictTest.Run r = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(
                new String[] {"bench", "--vs-peer", "--peer", "tensorflow"}, TINY));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--peer: expected pytorch, djl or both, got 'tensorflow'");
    }

    /**
     * Inference is compared round by round, as training is: the median of the per-round ratios and their range, in
     * the table's columns and the JSON line; a peer without an inference rate (PyTorch's script) gives none.
     */
    @Test
    void inferenceRatiosArePerRoundWithTheirRange() throws Exception {
        // rnnlab infers 900, 1200, 1000; DJL 1000, 800, 1250: ratios 0.9, 1.5, 0.8 -> median 0.9 (the ratio of the
        // medians would be 1000 / 1000 = 1.0)
        List<BenchResult> mine = new ArrayList<>();
        double[] infer = {900, 1200, 1000};
        for (double v : infer) {
            mine.add(new BenchResult("rnnlab", "CpuBackend", "lstm", 1, 64, 128, 9, 64, 1, 6, 100, List.of(100.0), 1, v, List.of(v), 200,
                    19334, null, null));
        }
        List<JsonNode> djlRounds = new ArrayList<>();
        for (double v : new double[] {1000, 800, 1250}) {
            djlRounds.add(Json.mapper().valueToTree(Map.of("peer", "djl-0.36.0", "samples_per_s", 50.0, "inference_samples_per_s", v)));
        }
        List<JsonNode> torchRounds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            torchRounds.add(Json.mapper().valueToTree(Map.of("peer", "pytorch-1.13", "samples_per_s", 80.0)));
        }
        List<Double> mineRates = List.of(100.0, 100.0, 100.0);
        PeerComparison.PeerCell djl = new PeerComparison.PeerCell("djl", djlRounds,
                RoundAggregate.of(mineRates, List.of(50.0, 50.0, 50.0)), 250, "");
        PeerComparison.PeerCell torch = new PeerComparison.PeerCell("pytorch", torchRounds,
                RoundAggregate.of(mineRates, List.of(80.0, 80.0, 80.0)), 300, "");
        PeerComparison.Row row = new PeerComparison.Row(mine, List.of(djl, torch), 1.0, 1.1);

        RoundAggregate inf = row.inferenceAgainst(djl);
        assertThat(inf.ratios()).containsExactly(0.9, 1.5, 0.8);
        assertThat(inf.ratio()).isEqualTo(0.9);
        assertThat(inf.ratioMin()).isEqualTo(0.8);
        assertThat(inf.ratioMax()).isEqualTo(1.5);
        assertThat(row.inferenceAgainst(torch).ratios()).isEmpty();

        JsonNode line = Json.mapper().valueToTree(BenchCommand.jsonLine(row));
        assertThat(line.path("rnnlab_inference_rounds").toString()).isEqualTo("[900.0,1200.0,1000.0]");
        JsonNode d = line.path("peers").get(0);
        assertThat(d.path("inference_rounds").toString()).isEqualTo("[1000.0,800.0,1250.0]");
        assertThat(d.path("inference_ratio").asDouble()).isEqualTo(0.9);
        assertThat(d.path("inference_ratio_min").asDouble()).isEqualTo(0.8);
        assertThat(d.path("inference_ratio_max").asDouble()).isEqualTo(1.5);
        assertThat(d.path("inference_ratios").toString()).isEqualTo("[0.9,1.5,0.8]");
        JsonNode t = line.path("peers").get(1);
        assertThat(t.path("inference_rounds").toString()).isEqualTo("[null,null,null]");
        assertThat(t.path("inference_ratio").isNull()).isTrue();
        assertThat(t.path("inference_ratios").size()).isZero();
    }
}
