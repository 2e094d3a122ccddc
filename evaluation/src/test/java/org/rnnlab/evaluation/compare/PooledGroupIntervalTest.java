package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.CrossValidation;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.ScoreIntervals;
import org.rnnlab.training.TrainingConfig;

/**
 * Trial 75a F4: compare --cv by bridge pooled 420 vehicles of 6 bridges (folds 0.21 to 0.63) into 198/420 with the Wilson
 * interval [0.424, 0.519], "the interval of the estimate", a fourth of the between-bridge spread. With folds by group the
 * pooled line now has the folds' mean with its t interval beside it, and a caveat as evaluate's; both are in summary.md,
 * summary.csv, results.json and the console table.
 */
class PooledGroupIntervalTest {

    private static final List<String> LABELS = List.of("car", "truck");
    /** The trial's leave-one-bridge-out gru: right of 70 vehicles per bridge (198/420). */
    private static final int[] RIGHT = {44, 42, 30, 42, 15, 25};
    /** Student's t(0.975, 5), scipy.stats.t.ppf(0.975, 5). */
    private static final double T5 = 2.5705818366;

    private static RunResult run(long seed, int fold, int right) {
        long[][] confusion = {{right, 70 - right}, {0, 0}};
        return new RunResult("gru", "gru", "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1),
                1, 1, 100, 10, null, List.of(), List.of(), fold, null);
    }

    private static ComparisonResult result(String group) {
        List<RunResult> runs = new ArrayList<>();
        for (int fold = 0; fold < RIGHT.length; fold++) {
            runs.add(run(1, fold, RIGHT[fold]));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 1, 1, 0)
                .withCrossValidation(new CrossValidation(RIGHT.length, group, 1));
        List<List<String>> foldGroups = group == null ? null : List.of(List.of("B1"), List.of("B2"), List.of("B3"), List.of("B4"),
                List.of("B5"), List.of("B6"));
        return new ComparisonResult("csv", LABELS, null, config, runs, List.of(Aggregate.of(runs)), 1, null, null, foldGroups);
    }

    /** {mean, low, high} of the folds' accuracies, recomputed here. */
    private static double[] foldsInterval() {
        double mean = 0;
        for (int r : RIGHT) {
            mean += r / 70.0 / RIGHT.length;
        }
        double ss = 0;
        for (int r : RIGHT) {
            ss += (r / 70.0 - mean) * (r / 70.0 - mean);
        }
        double half = T5 * Math.sqrt(ss / (RIGHT.length - 1)) / Math.sqrt(RIGHT.length);
        return new double[] {mean, mean - half, mean + half};
    }

    @Test
    void foldsByGroupGetTheFoldsTIntervalAndACaveatInEveryOutput(@TempDir Path dir) throws Exception {
        ComparisonResult result = result("bridge");
        double[] w = ScoreIntervals.wilson(198, 420);
        double[] t = foldsInterval();
        assertThat(t[1]).as("the trial's t over the 6 folds").isCloseTo(0.297, within(0.0005));
        assertThat(t[2]).isCloseTo(0.646, within(0.0005));
        String line = String.format(Locale.ROOT, "gru: pooled 198/420 0.4714 [%.3f, %.3f]; by group: mean of the 6 folds %.4f "
                + "[%.3f, %.3f], t over the folds", w[0], w[1], t[0], t[1], t[2]);

        String table = ComparisonFiles.table(result);
        assertThat(table).contains(line).contains("by group, the mean of the folds' accuracies (each the mean over its seeds) "
                        + "with its 95% t interval over the folds")
                .contains("but the 420 sequences come from 6 groups of the column bridge, and each fold tests whole groups")
                .contains("the Wilson interval is too narrow").doesNotContain("the interval of the estimate");

        ComparisonFiles.write(result, dir);
        assertThat(Files.readString(dir.resolve(ComparisonSummary.MARKDOWN))).contains("- " + line)
                .contains("the 420 sequences come from 6 groups of the column bridge");
        List<String> csv = Files.readAllLines(dir.resolve(ComparisonSummary.CSV));
        List<String> header = List.of(csv.get(0).split(","));
        assertThat(csv.get(0)).startsWith("configuration,runs,accuracy_mean,accuracy_sd,error_rate_mean,macro_f1_mean,")
                .endsWith(",log_loss_mean,log_loss_sd,pooled_correct,pooled_predictions,pooled_accuracy,pooled_wilson_low,"
                        + "pooled_wilson_high,folds_mean,folds_t_low,folds_t_high,layers,hidden");
        String[] row = csv.get(1).split(",", -1);
        assertThat(row).hasSize(header.size());
        assertThat(row[header.indexOf("pooled_correct")]).isEqualTo("198");
        assertThat(row[header.indexOf("pooled_predictions")]).isEqualTo("420");
        assertThat(Double.parseDouble(row[header.indexOf("pooled_wilson_low")])).isCloseTo(w[0], within(1e-12));
        assertThat(Double.parseDouble(row[header.indexOf("folds_t_low")])).isCloseTo(t[1], within(1e-6));
        assertThat(Double.parseDouble(row[header.indexOf("folds_t_high")])).isCloseTo(t[2], within(1e-6));

        JsonNode json = Json.mapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.at("/pooledAccuracy/0/correct").asLong()).isEqualTo(198);
        assertThat(json.at("/pooledAccuracy/0/wilsonHigh").asDouble()).isCloseTo(w[1], within(1e-12));
        assertThat(json.at("/pooledAccuracy/0/folds").asInt()).isEqualTo(6);
        assertThat(json.at("/pooledAccuracy/0/foldsLow").asDouble()).isCloseTo(t[1], within(1e-6));
        assertThat(json.at("/pooledAccuracyCaveat").asText()).contains("too narrow");
    }

    @Test
    void aSingleSplitGetsThePooledLineOverItsTestSequencesWithTheFewGroupsCaveat(@TempDir Path dir) throws Exception {
        // trial 76c F4: "bigru 2 0.5714 +- 0.0000" over 2 seeds of 42 test dives of 3 whales read as precise
        List<RunResult> runs = new ArrayList<>();
        List<org.rnnlab.evaluation.metrics.GroupTable.Row> groups = org.rnnlab.evaluation.metrics.GroupTable.rows(LABELS,
                List.of("W01", "W05", "W11", "W01"), new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1});
        for (long seed = 1; seed <= 2; seed++) {
            long[][] confusion = {{14, 7}, {11, 10}}; // 24 of 42 right with both seeds: an sd of 0
            runs.add(new RunResult("bigru", "bigru", "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1), 1, 1, 100,
                    10, null, List.of(), List.of(), null, null, null, null, null, groups));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("bigru"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(16)), TrainingConfig.defaults(), 2, 1, 0);
        org.rnnlab.datasets.DatasetProvenance data = new org.rnnlab.datasets.DatasetProvenance("csv", "dives.csv",
                java.util.Map.of("group", "column whale"), List.of(), 1);
        ComparisonResult result = new ComparisonResult("csv", LABELS, data, config, runs, List.of(Aggregate.of(runs)), 1);
        double[] w = ScoreIntervals.wilson(48 / 84.0, 42);
        String line = String.format(Locale.ROOT, "bigru: pooled 48/84 0.5714 [%.3f, %.3f] (summed over 2 seeds; interval over the "
                + "42 test sequences)", w[0], w[1]);
        assertThat(w[1] - w[0]).as("an interval, where the sd over seeds is 0").isGreaterThan(0.25);

        String table = ComparisonFiles.table(result);
        assertThat(table).contains("0.5714 +- 0.0000").contains(line)
                .contains("with its 95% Wilson interval over the test sequences (the interval of the estimate; +- above is the "
                        + "seed-to-seed spread")
                .contains("the 42 test sequences come from 3 groups of the column whale").contains("--cv K --group-column whale");
        ComparisonFiles.write(result, dir);
        assertThat(Files.readString(dir.resolve(ComparisonSummary.MARKDOWN))).contains("- " + line).contains("3 groups of the column whale");
        List<String> csv = Files.readAllLines(dir.resolve(ComparisonSummary.CSV));
        List<String> header = List.of(csv.get(0).split(","));
        String[] row = csv.get(1).split(",", -1);
        assertThat(row[header.indexOf("pooled_correct")]).isEqualTo("48");
        assertThat(row[header.indexOf("pooled_predictions")]).isEqualTo("84");
        assertThat(Double.parseDouble(row[header.indexOf("pooled_wilson_low")])).isCloseTo(w[0], within(1e-12));
        assertThat(row[header.indexOf("folds_mean")]).isEmpty();
        JsonNode json = Json.mapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.at("/pooledAccuracy/0/sequences").asLong()).isEqualTo(42);
        assertThat(json.at("/pooledAccuracy/0/wilsonHigh").asDouble()).isCloseTo(w[1], within(1e-12));
        assertThat(json.at("/pooledAccuracyCaveat").asText()).contains("3 groups");

        // without a group column: the line, no caveat
        List<RunResult> ungrouped = runs.stream().map(r -> new RunResult(r.configuration(), r.architecture(), r.clip(), r.seed(),
                r.test(), 1, 1, 100, 10, null, List.of(), List.of(), null, null)).toList();
        ComparisonResult plain = new ComparisonResult("csv", LABELS, null, config, ungrouped, List.of(Aggregate.of(ungrouped)), 1);
        assertThat(ComparisonFiles.table(plain)).contains(line).doesNotContain("groups of");
        assertThat(ComparisonSummary.groupCaveat(plain)).isEmpty();
    }

    @Test
    void foldsStratifiedByClassKeepTheWilsonLineAlone(@TempDir Path dir) throws Exception {
        ComparisonResult result = result(null);
        assertThat(ComparisonFiles.table(result)).contains("gru: pooled 198/420 0.4714 [")
                .contains("with its 95% Wilson interval (the interval of the estimate;").doesNotContain("by group", "too narrow");
        ComparisonFiles.write(result, dir);
        List<String> csv = Files.readAllLines(dir.resolve(ComparisonSummary.CSV));
        assertThat(csv.get(1)).contains(",198,420,").endsWith(",,,,1,4"); // no t interval; then the depth and width
        assertThat(Json.mapper().readTree(dir.resolve("results.json").toFile()).at("/pooledAccuracy/0/foldsMean").isNull()).isTrue();
    }

    @Test
    void tQuantilesMatchStudentsT() {
        // scipy.stats.t.ppf(0.975, df)
        assertThat(ComparisonSummary.t975(1)).isCloseTo(12.7062047, within(1e-6));
        assertThat(ComparisonSummary.t975(5)).isCloseTo(T5, within(1e-6));
        assertThat(ComparisonSummary.t975(31)).isCloseTo(2.0395134464, within(1e-6));
        assertThat(ComparisonSummary.t975(60)).isCloseTo(2.0002978220, within(1e-6));
        assertThat(ComparisonSummary.t975(100)).isCloseTo(1.9839715185, within(1e-6));
    }
}
