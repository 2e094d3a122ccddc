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
import org.rnnlab.datasets.CrossValidation;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.TrainingConfig;

/**
 * With --cv and several seeds the paired differences pair the folds, each configuration's mean over the seeds of a fold
 * (a bioacoustics trial: 2 seeds x 4 site folds paired run by run gave p = 0.031 "reliably worse"; the 4 fold means cannot
 * go below p = 0.125), and every output says so: the terminal table, differences.csv, summary.md and results.json.
 */
class FoldPairedDifferencesTest {

    private static final List<String> LABELS = List.of("a", "b");

    /** A run of fold {@code fold} whose test confusion has {@code right} of 20 'a' and 20 of 20 'b' right. */
    private static RunResult run(String configuration, long seed, int fold, int right) {
        long[][] confusion = {{right, 20 - right}, {0, 20}};
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1),
                1, 1, 100, 10, null, List.of(), List.of(), fold, null);
    }

    /** gru right on more 'a's than lstm in every (seed, fold) run: p = 2/256 run by run, 2/16 by fold. */
    private static ComparisonResult crossValidated(int folds) {
        List<RunResult> runs = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        for (String c : List.of("gru", "lstm")) {
            List<RunResult> mine = new ArrayList<>();
            for (int seed = 1; seed <= 2; seed++) {
                for (int fold = 0; fold < folds; fold++) {
                    mine.add(run(c, seed, fold, (c.equals("gru") ? 14 : 10) + fold % 3 + seed));
                }
            }
            runs.addAll(mine);
            aggregates.add(Aggregate.of(mine));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 2, 1, 0)
                .withCrossValidation(new CrossValidation(folds, null, 1));
        return new ComparisonResult("d", LABELS, null, config, runs, aggregates, 1);
    }

    @Test
    void fourFoldsOfTwoSeedsGiveNoVerdictAndEveryOutputSaysWhy(@TempDir Path dir) throws Exception {
        ComparisonResult result = crossValidated(4);
        double[] runByRun = result.runsOf("gru").stream().mapToDouble(r -> r.test().accuracy()).toArray();
        double[] lstm = result.runsOf("lstm").stream().mapToDouble(r -> r.test().accuracy()).toArray();
        for (int i = 0; i < runByRun.length; i++) {
            runByRun[i] -= lstm[i];
        }
        assertThat(PairedDifference.signFlipP(runByRun, PairedDifference.RESAMPLES, PairedDifference.BOOTSTRAP_SEED))
                .as("the 8 (seed, fold) pairs, as compare paired them before").isLessThan(0.05);

        String table = ComparisonFiles.table(result);
        assertThat(table).contains("paired accuracy differences (a - b, paired by fold: each configuration's mean over the 2 seeds "
                        + "of a fold, which share its test examples; 95% interval of a shift common to all pairs (the sign-flip test inverted), n/a below 6 folds")
                .containsPattern("gru\\s+- lstm\\s+\\+0\\.1000 n/a n=4 folds, each the mean of 2 seeds p=0\\.125  too few folds \\(4 < 6\\)")
                .contains("no verdict of \"reliably\" is possible with 4 folds", "p = 2/16 = 0.125", "give --cv 6 or more",
                        "more --seeds do not add pairs")
                .doesNotContain("reliably worse", "reliably better", "--seeds 2", "--seeds 6");

        ComparisonFiles.write(result, dir);
        List<String> csv = Files.readAllLines(dir.resolve("differences.csv"));
        assertThat(csv.get(0)).isEqualTo(ComparisonFiles.DIFFERENCES_HEADER).endsWith(",verdict,unit,n,seeds_per_unit,unfinished,scope,p_holm,definition");
        assertThat(csv.get(1)).startsWith("gru,lstm,accuracy,4,").endsWith(",false,too few folds (4 < 6),fold,4,2,,,,"); // then an empty scope: folds, no Holm p: no verdict, no definition: accuracy
        String summary = Files.readString(dir.resolve(ComparisonSummary.MARKDOWN));
        assertThat(summary).contains("Paired differences (a - b, paired by fold: each configuration's mean over the 2 seeds")
                .contains("| accuracy | gru | lstm | +0.1000 | n/a | 4 folds, each the mean of 2 seeds | 0.125 | too few folds (4 < 6) |")
                .contains("No verdict of \"reliably\" is possible with 4 folds");
        JsonNode json = Json.mapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.at("/differences/0/unit").asText()).isEqualTo("fold");
        assertThat(json.at("/differences/0/pairs").asInt()).isEqualTo(4);
        assertThat(json.at("/differences/0/seedsPerUnit").asInt()).isEqualTo(2);
        // the best line: no verdict, and more folds, not seeds
        assertThat(result.best().standing()).contains("n=4 folds, each the mean of 2 seeds, p=0.125")
                .endsWith("4 folds, a verdict needs 6 (more --cv folds; more seeds do not add pairs)");
    }

    @Test
    void sixFoldsGiveAVerdictByFoldWithTheNoteOnWhatItPairs() {
        ComparisonResult result = crossValidated(6);
        assertThat(ComparisonFiles.table(result)).containsPattern("gru\\s+- lstm\\s+\\+0\\.1000 \\[\\+0\\.\\d{4}, \\+0\\.\\d{4}\\] "
                + "n=6 folds, each the mean of 2 seeds p=0\\.031  reliably better").doesNotContain("no verdict");
        assertThat(ComparisonCaveats.foldsShareTestData(result, PairedDifference.all(result, org.rnnlab.evaluation.metrics.Metric.ACCURACY)))
                .hasValueSatisfying(w -> assertThat(w).contains("the test's n is the 6 folds, not 12 runs"));
    }
}
