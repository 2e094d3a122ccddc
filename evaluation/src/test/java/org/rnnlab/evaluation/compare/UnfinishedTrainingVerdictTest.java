package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.report.ComparisonReport;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.TrainingConfig;

/**
 * A verdict between configurations one of which was still improving when its epoch budget ended is qualified wherever it is
 * written, and the warning itself is in every saved output (trial 71e: the terminal warned that lstm kept its last epoch in
 * 4 of 6 runs, while index.html, summary.md, results.json and data-warnings.txt said only "gru reliably better than lstm";
 * tuned with more epochs the two were not reliably different).
 */
class UnfinishedTrainingVerdictTest {

    private static final List<String> LABELS = List.of("a", "b");
    private static final int BUDGET = 6;
    private static final String QUALIFIER = "reliably better (lstm still improving at its last epoch in 4 of 6 runs: the difference "
            + "may be the budget's)";

    /** A run of 6 epochs whose validation accuracy is {@code validation}, kept epoch {@code best}, {@code right} of 10 'a' right. */
    private static RunResult run(String configuration, long seed, int right, int best, double... validation) {
        List<EpochStats> history = new ArrayList<>();
        for (int e = 0; e < validation.length; e++) {
            history.add(new EpochStats(e + 1, 1.0 - 0.1 * e, validation[e], 1, 100));
        }
        long[][] confusion = {{right, 10 - right}, {0, 10}};
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1),
                best, 1, 100, 10, null, history, List.of(), null, null);
    }

    /** gru ahead of lstm in every seed; lstm keeps its last epoch in {@code lstmLast} of its 6 runs. */
    private static ComparisonResult result(int lstmLast) {
        int[] lstmRight = {8, 7, 9, 8, 7, 9};
        List<RunResult> gru = new ArrayList<>();
        List<RunResult> lstm = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            gru.add(run("gru", s + 1, 10, 3, 0.8, 0.9, 0.95, 0.94, 0.93, 0.92));
            boolean last = s < lstmLast;
            lstm.add(run("lstm", s + 1, lstmRight[s], last ? 6 : 5, 0.5, 0.6, 0.65, 0.7, 0.8, last ? 0.85 : 0.75));
        }
        List<RunResult> runs = new ArrayList<>(gru);
        runs.addAll(lstm);
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(BUDGET).withBatchSize(16), 6, 1, 0);
        return new ComparisonResult("d", LABELS, new org.rnnlab.datasets.DatasetProvenance("d", "generated", java.util.Map.of(),
                List.of(), 1), config, runs, List.of(Aggregate.of(gru), Aggregate.of(lstm)), 1);
    }

    @Test
    void aReliableVerdictAgainstAConfigurationStillImprovingIsQualifiedInEveryOutput(@TempDir Path dir) throws Exception {
        ComparisonResult r = result(4);
        assertThat(TrainingLengths.stillImproving(r)).hasValueSatisfying(w -> assertThat(w).contains("(lstm: 4 of 6 runs)"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("still improving when it ended (lstm: 4 of 6 runs)"));

        String table = ComparisonFiles.table(r);
        assertThat(table).contains("p=0.031  " + QUALIFIER);
        assertThat(table).contains("best: gru (").contains("reliably better on the test data than lstm, the runner-up by validation "
                + "accuracy (").contains("p=0.031) (lstm still improving at its last epoch in 4 of 6 runs: the difference may be the "
                + "budget's)");

        ComparisonFiles.write(r, dir);
        JsonNode json = Json.mapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.get("warnings")).anySatisfy(w -> assertThat(w.asText()).contains("still improving when it ended (lstm: 4 of 6 runs)"));
        assertThat(Files.readString(dir.resolve(ComparisonFiles.WARNINGS))).contains("still improving when it ended (lstm: 4 of 6 runs)");
        String summary = Files.readString(dir.resolve(ComparisonSummary.MARKDOWN));
        assertThat(summary).contains("Warnings:\n\n- runs kept the last epoch of the 6-epoch budget, still improving").contains(QUALIFIER);
        List<String> differences = Files.readAllLines(dir.resolve("differences.csv"));
        assertThat(differences.get(0)).endsWith(",seeds_per_unit,unfinished,scope,p_holm,definition");
        assertThat(differences.get(1)).startsWith("gru,lstm,accuracy,6,").endsWith(",reliably better,seed,6,1,lstm still improving at "
                + "its last epoch in 4 of 6 runs: the difference may be the budget's,,0.03125,"); // no scope: no group column; one pair: its Holm p is its p; no definition: accuracy

        Provenance provenance = Provenance.capture(List.of("rnnlab", "compare"), "d", "x", List.of(1L));
        ComparisonReport.write(r, provenance, dir);
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("<b>Warning:</b> runs kept the last epoch of the 6-epoch budget, still improving when it ended")
                .contains("<td>" + QUALIFIER.replace("'", "&#39;") + "</td>")
                .contains("p=0.031) (lstm still improving at its last epoch in 4 of 6 runs")
                .contains("Wall time of the runs (reading and checking the data before them not counted): 1 s; the runs were trained in-process.");
    }

    @Test
    void finishedTrainingLeavesTheVerdictAsItIs(@TempDir Path dir) throws Exception {
        ComparisonResult r = result(2); // 2 of 6: not half, not warned of
        assertThat(TrainingLengths.stillImproving(r)).isEmpty();
        assertThat(ComparisonFiles.table(r)).contains("p=0.031  reliably better\n").doesNotContain("still improving");
        ComparisonFiles.write(r, dir);
        assertThat(dir.resolve(ComparisonFiles.WARNINGS)).doesNotExist();
        assertThat(Files.readString(dir.resolve(ComparisonSummary.MARKDOWN))).doesNotContain("Warnings:").doesNotContain("still improving");
        assertThat(Files.readAllLines(dir.resolve("differences.csv")).get(1)).endsWith(",reliably better,seed,6,1,,,0.03125,"); // then an empty scope: no groups, and the Holm p
        assertThat(Json.mapper().readTree(dir.resolve("results.json").toFile()).get("warnings")).isEmpty();
    }
}
