package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.TrainingConfig;

/**
 * Trial 80d F2: differences.csv had {@code verdict}, {@code unfinished} and {@code scope}, differences.json none of them, and
 * the CSV's metric {@code accuracy} was {@code ACCURACY} in the JSON. The JSON now has the three, and {@code metricKey} as
 * the CSV spells the metric, row for row; its {@code metric} stays as existing readers know it.
 */
class DifferencesJsonTest {

    private static final List<String> LABELS = List.of("a", "b");

    /** A run of 2 epochs whose kept epoch is the last, below a perfect validation score: still improving at the budget's end. */
    private static RunResult run(String configuration, long seed, int right) {
        List<EpochStats> history = List.of(new EpochStats(1, 1.0, 0.7, 1, 100), new EpochStats(2, 0.9, 0.8, 1, 100));
        long[][] confusion = {{right, 10 - right}, {0, 10}};
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1),
                2, 1, 100, 10, null, history, List.of(), null, null);
    }

    private static ComparisonResult result() {
        int[] gruRight = {10, 10, 10, 10, 10, 10};
        int[] lstmRight = {8, 7, 9, 8, 7, 9};
        List<RunResult> runs = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        for (String cell : List.of("gru", "lstm")) {
            List<RunResult> own = new ArrayList<>();
            for (int s = 0; s < 6; s++) {
                own.add(run(cell, s + 1, cell.equals("gru") ? gruRight[s] : lstmRight[s]));
            }
            runs.addAll(own);
            aggregates.add(Aggregate.of(own));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(org.rnnlab.core.CellType.GRU).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(2).withBatchSize(16), 6, 1, 0);
        return new ComparisonResult("d", LABELS, new org.rnnlab.datasets.DatasetProvenance("d", "generated", Map.of(), List.of(), 1),
                config, runs, aggregates, 1);
    }

    @Test
    void differencesJsonHoldsTheCsvColumnsVerdictUnfinishedScopeAndItsMetricSpelling(@TempDir Path dir) throws Exception {
        ComparisonResult r = result();
        ComparisonFiles.write(r, dir);
        List<CSVRecord> csv;
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(dir.resolve("differences.csv")))) {
            csv = parser.getRecords();
        }
        JsonNode json = Json.mapper().readTree(dir.resolve("differences.json").toFile());
        assertThat(json.size()).as("differences.json rows against differences.csv rows").isEqualTo(csv.size()).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < csv.size(); i++) {
            CSVRecord row = csv.get(i);
            JsonNode node = json.get(i);
            assertThat(node.get("metricKey").asText()).as("row %d metricKey against the CSV's metric", i).isEqualTo(row.get("metric"));
            assertThat(node.get("metric").asText()).as("row %d metric, the enum name", i).isEqualTo(row.get("metric").toUpperCase());
            assertThat(node.get("verdict").asText()).as("row %d verdict", i).isEqualTo(row.get("verdict"));
            for (String field : List.of("unfinished", "scope", "definition")) {
                assertThat(node.has(field)).as("row %d has %s", i, field).isTrue();
                assertThat(node.get(field).isNull() ? "" : node.get(field).asText()).as("row %d %s", i, field).isEqualTo(row.get(field));
            }
        }
        // both configurations kept their last epoch in every run: the CSV's unfinished cell is filled, and so is the JSON's
        assertThat(json.get(0).get("unfinished").asText()).isNotEmpty();
        assertThat(json.get(0).get("verdict").asText()).isEqualTo("reliably better");
        // existing readers: the file still reads back as PairedDifference rows, equal to those computed
        PairedDifference[] back = Json.mapper().readValue(dir.resolve("differences.json").toFile(), PairedDifference[].class);
        assertThat(List.of(back)).isEqualTo(ComparisonFiles.differences(r));
    }

    @Test
    void aScopeIsWrittenAsGivenAndAnEmptyOneAsNull() {
        List<PairedDifference> differences = ComparisonFiles.differences(result());
        JsonNode scoped = ComparisonFiles.differencesJson(differences, Map.of(), "on this test split (4 groups of the column machine)");
        assertThat(scoped.get(0).get("scope").asText()).isEqualTo("on this test split (4 groups of the column machine)");
        assertThat(scoped.get(0).get("unfinished").isNull()).isTrue();
        assertThat(ComparisonFiles.differencesJson(differences, Map.of(), null).get(0).get("scope").isNull()).isTrue();
    }
}
