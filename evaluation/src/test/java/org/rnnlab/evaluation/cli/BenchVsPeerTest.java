package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.bench.PeerComparison;

/** {@code bench --vs-peer --peer ...}: peer choice and what happens when the DJL peer is not built (a real rnnlab child JVM). */
class BenchVsPeerTest {

    private static final String[] TINY = {"--cells", "rnn", "--batch", "2", "--steps", "3", "--features", "2", "--hidden", "4",
        "--warmup", "0", "--batches", "1", "--repeats", "1"};

    @Test
    void djlPeerNotBuiltSaysHowToBuildItAndMeasuresRnnlabOnly(@TempDir Path emptyHome) throws Exception {
        TrainEvaluatePredictTest.Run r = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(
                new String[] {"bench", "--vs-peer", "--peer", "djl", "--djl-home", emptyHome.toString(), "--rounds", "1", "--json"},
                TINY));
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

    @Test
    void refusesAnUnknownPeerNamingTheChoices() {
        TrainEvaluatePredictTest.Run r = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(
                new String[] {"bench", "--vs-peer", "--peer", "tensorflow"}, TINY));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--peer: expected pytorch, djl or both, got 'tensorflow'");
    }
}
