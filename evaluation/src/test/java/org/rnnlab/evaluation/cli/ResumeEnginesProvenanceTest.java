package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/**
 * Trial 76g F5: a comparison started on Spark local[*] and resumed in-process said so on the console, but its provenance.json
 * still named only Spark, though 2 of its 16 runs were trained in-process. Now provenance.json lists every engine as
 * {@code engines}. (Spark is not started here: the comparison's provenance.json is made to say it started there.)
 */
class ResumeEnginesProvenanceTest {

    private static final String SPARK = "spark local[*] (2 slots)";

    @Test
    void aResumeOnAnotherEngineRecordsEveryEngine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        TrainEvaluatePredictTest.Run first = TrainEvaluatePredictTest.run("compare", "--bands", "none", "--cells", "rnn", "--seeds",
                "2", "--hidden", "4", "--epochs", "1", "--patience", "0", "--probe", "0", "--set", "trainSize=60", "--set",
                "validationSize=20", "--set", "testSize=20", "--quiet", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Path provenance = out.resolve("provenance.json");
        assertThat(Json.mapper().readTree(provenance.toFile()).has("engines")).as("one engine: engine alone").isFalse();
        ObjectNode started = (ObjectNode) Json.mapper().readTree(provenance.toFile());
        started.put("engine", SPARK);
        Files.writeString(provenance, Json.mapper().writeValueAsString(started));
        Files.delete(out.resolve("runs/rnn-seed2.json"));

        TrainEvaluatePredictTest.Run resumed = TrainEvaluatePredictTest.run("compare", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("trained on Spark (master local[*], 2 slots), these in-process");
        JsonNode json = Json.mapper().readTree(provenance.toFile());
        assertThat(json.get("engine").asText()).isEqualTo(SPARK);
        assertThat(json.get("engines").toString()).isEqualTo("[\"" + SPARK + "\",\"in-process\"]");
        assertThat(Json.readFile(provenance, org.rnnlab.training.Provenance.class).enginesSoFar()).containsExactly(SPARK, "in-process");
        // the report's header names both (trial 76g F8: only its command line named the engine)
        assertThat(Files.readString(out.resolve("index.html"))).contains("; the runs were trained on Spark (master local[*], 2 slots), "
                + "then in-process.");
    }
}
