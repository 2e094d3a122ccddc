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
        old.remove("band");
        old.put("peakRssMb", 2420);
        RunResult read = Json.mapper().readValue(old.toString(), RunResult.class);
        assertThat(read.runMemoryMb()).isNull();
        assertThat(Aggregate.of(List.of(read, result(7L))).runMemoryMb()).isEqualTo(7L);
        assertThat(Aggregate.of(List.of(read)).runMemoryMb()).isNull();
    }

    @Test
    void theGroupScoresRoundTripAndFilesWithoutThemReadAsNotRecorded() throws Exception {
        RunResult r = result(1L);
        List<org.rnnlab.evaluation.metrics.GroupTable.Row> groups = org.rnnlab.evaluation.metrics.GroupTable.rows(List.of("a", "b"),
                List.of("g1", "g1", "g1", "g2"), new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1});
        RunResult grouped = new RunResult(r.configuration(), r.architecture(), r.clip(), r.seed(), r.test(), r.bestEpoch(),
                r.trainSeconds(), r.samplesPerSecond(), r.parameters(), r.runMemoryMb(), r.history(), r.gradientNorms(), null, null,
                null, "host", "epochs", groups);
        ObjectNode json = Json.mapper().valueToTree(grouped);
        assertThat(json.get("groups").get(0).get("classCounts").toString()).isEqualTo("[2,1]");
        RunResult read = Json.mapper().treeToValue(json, RunResult.class); // as a Spark executor's run comes back
        assertThat(read.groups()).isEqualTo(groups);
        assertThat(read.groups().get(0).accuracy()).isEqualTo(2 / 3.0);
        json.remove("groups");
        assertThat(Json.mapper().treeToValue(json, RunResult.class).groups()).isNull();
    }

    @Test
    void theTestPredictionsRoundTripAsASparkExecutorsRunComesBackAndResultsJsonLeavesThemOut() throws Exception {
        RunResult r = result(1L);
        RunPredictions predictions = new RunPredictions(List.of("s1", "s2"), List.of("g1", "g2"), List.of(0, 1), List.of(0, 0),
                List.of(List.of(0.75, 0.25), List.of(0.6, 0.4)));
        RunResult kept = new RunResult(r.configuration(), r.architecture(), r.clip(), r.seed(), r.test(), r.bestEpoch(),
                r.trainSeconds(), r.samplesPerSecond(), r.parameters(), r.runMemoryMb(), r.history(), r.gradientNorms(), 0, null,
                null, "host", "epochs", List.of(), predictions);
        RunResult read = Json.read(Json.write(kept), RunResult.class); // JSON is all that crosses from an executor, and runs/*.json
        assertThat(read.predictions()).isEqualTo(predictions);
        assertThat(read).isEqualTo(kept);
        ObjectNode json = Json.mapper().valueToTree(kept.withoutPredictions());
        assertThat(json.has("predictions")).isFalse();
        assertThat(Json.mapper().treeToValue(json, RunResult.class).predictions()).isNull();
        ComparisonResult comparison = new ComparisonResult("d", List.of("a", "b"), null, null, List.of(kept),
                List.of(Aggregate.of(List.of(kept))), 1);
        assertThat(comparison.withoutPredictions().runs()).singleElement().isEqualTo(kept.withoutPredictions()); // results.json's
        assertThat(ComparisonFiles.testPredictionsCsv(comparison)).isEqualTo("configuration,seed,fold,group,id,actual,predicted,p_a,p_b\n"
                + "lstm,1,0,g1,s1,a,a,0.75,0.25\nlstm,1,0,g2,s2,b,a,0.6,0.4\n");
        assertThat(ComparisonFiles.testPredictionsCsv(comparison.withoutPredictions())).isNull();
    }

    @Test
    void theStopReasonAndEpochsTrainedRoundTripAndFilesWithoutThemRead() throws Exception {
        RunResult r = result(1L);
        RunResult stopped = new RunResult(r.configuration(), r.architecture(), r.clip(), r.seed(), r.test(), r.bestEpoch(),
                r.trainSeconds(), r.samplesPerSecond(), r.parameters(), r.runMemoryMb(), List.of(new org.rnnlab.training.EpochStats(
                        1, 0.5, 0.6, 0.1, 1.0)), r.gradientNorms(), null, null, null, "host", "time budget");
        ObjectNode json = Json.mapper().valueToTree(stopped);
        assertThat(json.get("stoppedBy").asText()).isEqualTo("time budget");
        assertThat(json.get("epochsTrained").asInt()).isEqualTo(1);
        RunResult read = Json.mapper().treeToValue(json, RunResult.class);
        assertThat(read.stoppedBy()).isEqualTo("time budget");
        assertThat(read.epochsTrained()).isEqualTo(1);
        json.remove("stoppedBy");
        json.remove("epochsTrained");
        RunResult old = Json.mapper().treeToValue(json, RunResult.class);
        assertThat(old.stoppedBy()).isNull();
        assertThat(old.epochsTrained()).isEqualTo(1);
        assertThat(ComparisonFiles.CSV_HEADER).endsWith(",epochs_trained,stopped_by,validation_accuracy,validation_macro_f1,"
                + "macro_roc_auc,macro_average_precision,cohen_kappa,validation_log_loss,validation_roc_auc,validation_average_precision,"
                + "log_loss,average_precision,test_groups,macro_f1_present_or_predicted,layers,hidden,learning_rate,dropout,head,residual");
    }

    @Test
    void aRunWrittenBeforeKappaWasMeasuredHasNoneAndNoAggregateOfIt() throws Exception {
        // scored now: (20 * 15 - (10 * 7 + 10 * 13)) / (400 - 200) = 0.5
        EvaluationResult test = org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{6, 4}, {1, 9}},
                List.of(), 0.1);
        RunResult r = new RunResult("lstm", "lstm", "none", 1, test, 1, 1.5, 100, 10, 1L, List.of(), List.of());
        assertThat(r.test().cohenKappa()).isEqualTo(0.5);
        ObjectNode json = Json.mapper().valueToTree(r);
        assertThat(json.at("/test/metrics/COHEN_KAPPA").asDouble()).isEqualTo(r.test().cohenKappa());
        ((ObjectNode) json.at("/test/metrics")).remove("COHEN_KAPPA"); // an rnnlab before 2026-12-05
        RunResult old = Json.mapper().treeToValue(json, RunResult.class);
        assertThat(old.test().cohenKappa()).isNaN();
        // resumed beside a run that has it: no mean over the one run, an empty cell for the old one, the other's value
        assertThat(Aggregate.of(List.of(old, r)).metrics()).doesNotContainKey(Metric.COHEN_KAPPA);
        assertThat(Aggregate.of(List.of(r, r)).mean(Metric.COHEN_KAPPA)).isEqualTo(r.test().cohenKappa());
    }

    @Test
    void aRunOfABandKeepsItInItsKeyAndFile() throws Exception {
        RunResult plain = result(1L);
        RunResult banded = new RunResult(plain.configuration(), plain.architecture(), plain.clip(), plain.seed(), plain.test(),
                plain.bestEpoch(), plain.trainSeconds(), plain.samplesPerSecond(), plain.parameters(), plain.runMemoryMb(),
                plain.history(), plain.gradientNorms(), null, null, "distance 9-12");
        assertThat(plain.key()).isEqualTo("lstm seed 1");
        assertThat(banded.key()).isEqualTo("lstm seed 1 distance 9-12");
        RunResult read = Json.mapper().readValue(Json.mapper().writeValueAsString(banded), RunResult.class);
        assertThat(read.band()).isEqualTo("distance 9-12");
        assertThat(read.key()).isEqualTo(banded.key());
        assertThat(org.rnnlab.evaluation.run.CompareRun.runFile(java.nio.file.Path.of("d"), banded))
                .isEqualTo(java.nio.file.Path.of("d", "runs", "lstm-seed1-distance_9-12.json"));
    }
}
