package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Metric;

/** runs/*.json: the run's memory round-trips; files written before it (process RSS as peakRssMb) still read, without it. */
class RunResultJsonTest {

    private static RunResult result(Long memory) {
        EvaluationResult test = new EvaluationResult(List.of("a", "b"), Map.of(Metric.ACCURACY, 1.0, Metric.MACRO_F1, 1.0,
                Metric.MACRO_PRECISION, 1.0, Metric.MACRO_RECALL, 1.0), List.of(), new long[2][2], List.of(), 10, 0.1);
        return new RunResult("lstm", "lstm", "none", 1, test, 1, 1.5, 100, 10, memory, List.of(), List.of());
    }

    @Test
    void roundTripsAndReadsOldFiles() throws Exception {
        String json = Json.mapper().writeValueAsString(result(12L));
        assertThat(Json.mapper().readTree(json).get("runMemoryMb").asLong()).isEqualTo(12);
        assertThat(json).doesNotContain("peakRssMb");
        assertThat(Json.mapper().readValue(json, RunResult.class).runMemoryMb()).isEqualTo(12L);

        ObjectNode old = (ObjectNode) Json.mapper().readTree(json);
        old.remove("runMemoryMb");
        old.put("peakRssMb", 2420);
        RunResult read = Json.mapper().readValue(old.toString(), RunResult.class);
        assertThat(read.runMemoryMb()).isNull();
        assertThat(Aggregate.of(List.of(read, result(7L))).runMemoryMb()).isEqualTo(7L);
        assertThat(Aggregate.of(List.of(read)).runMemoryMb()).isNull();
    }
}
