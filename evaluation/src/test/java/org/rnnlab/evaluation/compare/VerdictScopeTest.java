package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.GroupTable;
import org.rnnlab.training.TrainingConfig;

/**
 * Trial 76g F1: "lstm - lstm x2 reliably worse" at p = 0.031 rested on 6 seeds tested on one split of 5 sites, and the
 * verdict did not say so (the group caveat was only under the pooled lines). Without --cv, with a group column, a reliable
 * verdict now names its scope on the console, in summary.md, in differences.csv (scope) and on the best line.
 */
class VerdictScopeTest {

    private static final List<String> LABELS = List.of("car", "truck");
    private static final String SCOPE = "on this test split (3 groups of the column site; the pairs are seeds; --cv K "
            + "--group-column site for a verdict across groups)";

    private static ComparisonResult result(boolean grouped) {
        List<GroupTable.Row> groups = GroupTable.rows(LABELS, List.of("S1", "S2", "S3", "S1"), new int[] {0, 0, 1, 1},
                new int[] {0, 1, 1, 1});
        List<RunResult> gru = new ArrayList<>();
        List<RunResult> lstm = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            // gru right 10 more of 42 than lstm with every seed: reliably better, p = 2/64
            gru.add(run("gru", seed, 30 + (int) seed, grouped ? groups : null));
            lstm.add(run("lstm", seed, 20 + (int) seed, grouped ? groups : null));
        }
        List<RunResult> runs = new ArrayList<>(gru);
        runs.addAll(lstm);
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(8)), TrainingConfig.defaults(), 6, 1, 0);
        org.rnnlab.datasets.DatasetProvenance data = new org.rnnlab.datasets.DatasetProvenance("csv", "cells.csv",
                java.util.Map.of("group", "column site"), List.of(), 1);
        return new ComparisonResult("csv", LABELS, data, config, runs, List.of(Aggregate.of(gru), Aggregate.of(lstm)), 1);
    }

    private static RunResult run(String arch, long seed, int right, List<GroupTable.Row> groups) {
        long[][] confusion = {{right / 2, 21 - right / 2}, {21 - (right - right / 2), right - right / 2}};
        return new RunResult(arch, arch, "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1), 1, 1, 100, 10,
                null, List.of(), List.of(), null, null, null, null, null, groups);
    }

    @Test
    void aReliableVerdictOnOneSplitOfFewGroupsNamesItsScopeEverywhere(@TempDir Path dir) throws Exception {
        ComparisonResult result = result(true);
        String table = ComparisonFiles.table(result);
        assertThat(table).containsPattern("gru +- lstm .* p=0\\.031  reliably better " + java.util.regex.Pattern.quote(SCOPE));
        assertThat(TrainAgain.hint(result, null, List.of())).hasValueSatisfying(h -> assertThat(h).contains("reliably better than "
                + "the runner-up lstm").contains(SCOPE));

        ComparisonFiles.write(result, dir);
        assertThat(Files.readString(dir.resolve(ComparisonSummary.MARKDOWN))).contains("reliably better " + SCOPE);
        List<String> csv = Files.readAllLines(dir.resolve("differences.csv"));
        assertThat(csv.get(0)).endsWith(",unfinished,scope,p_holm,definition");
        assertThat(csv.subList(1, csv.size())).isNotEmpty().allSatisfy(row -> assertThat(row).contains("," + SCOPE + ",")
                .contains(",reliably better,"));
    }

    @Test
    void withoutGroupsTheVerdictStaysBare(@TempDir Path dir) throws Exception {
        ComparisonResult result = result(false);
        assertThat(ComparisonFiles.table(result)).contains("p=0.031  reliably better").doesNotContain("on this test split");
        ComparisonFiles.write(result, dir);
        assertThat(Files.readAllLines(dir.resolve("differences.csv")).get(1)).matches(".*,,[0-9.]+,"); // an empty scope, then the Holm p, then no definition (accuracy)
    }
}
