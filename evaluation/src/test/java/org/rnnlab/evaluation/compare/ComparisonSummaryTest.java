package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.training.TrainingConfig;

/**
 * summary.csv and summary.md: the per-configuration table a UCR benchmark trial computed by hand from results.csv (error
 * rate, mean and sample sd of accuracy and macro-F1), equal to what results.csv's rows give.
 */
class ComparisonSummaryTest {

    private static ComparisonResult compare(int seeds) {
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn,gru"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(3)), TrainingConfig.defaults().withEpochs(2).withBatchSize(16),
                seeds, 100, 0);
        return Comparison.run(config, ComparisonTest.tiny(), null, new Comparison.Listener() {
        });
    }

    /** The cells of a CSV file's column, by configuration (first column), rows in file order. */
    private static Map<String, List<String>> column(Path csv, String name) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        int at = Arrays.asList(lines.get(0).split(",")).indexOf(name);
        assertThat(at).as(name + " in " + lines.get(0)).isNotNegative();
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            out.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells[at]);
        }
        return out;
    }

    private static double mean(List<String> cells) {
        return cells.stream().mapToDouble(Double::parseDouble).average().orElseThrow();
    }

    private static double sampleSd(List<String> cells) {
        double m = mean(cells);
        double ss = cells.stream().mapToDouble(Double::parseDouble).map(v -> (v - m) * (v - m)).sum();
        return Math.sqrt(ss / (cells.size() - 1));
    }

    @Test
    void summaryRowsAreTheMeanAndSampleSdOfResultsCsvRows(@TempDir Path dir) throws Exception {
        ComparisonResult result = compare(3);
        ComparisonFiles.write(result, dir);
        Path results = dir.resolve("results.csv");
        Path summary = dir.resolve(ComparisonSummary.CSV);
        assertThat(Files.readAllLines(summary).get(0)).isEqualTo(ComparisonSummary.CSV_HEADER);
        Map<String, List<String>> accuracy = column(results, "accuracy");
        Map<String, List<String>> f1 = column(results, "macro_f1");
        Map<String, List<String>> auc = column(results, "macro_roc_auc");
        assertThat(column(summary, "runs")).containsOnlyKeys("rnn", "gru");
        for (String c : List.of("rnn", "gru")) {
            assertThat(column(summary, "runs").get(c)).containsExactly("3");
            double acc = Double.parseDouble(column(summary, "accuracy_mean").get(c).get(0));
            assertThat(acc).as(c).isCloseTo(mean(accuracy.get(c)), within(1e-12));
            assertThat(Double.parseDouble(column(summary, "accuracy_sd").get(c).get(0))).isCloseTo(sampleSd(accuracy.get(c)), within(1e-12));
            assertThat(Double.parseDouble(column(summary, "error_rate_mean").get(c).get(0))).isCloseTo(1 - mean(accuracy.get(c)), within(1e-12));
            assertThat(Double.parseDouble(column(summary, "macro_f1_mean").get(c).get(0))).isCloseTo(mean(f1.get(c)), within(1e-12));
            assertThat(Double.parseDouble(column(summary, "macro_f1_sd").get(c).get(0))).isCloseTo(sampleSd(f1.get(c)), within(1e-12));
            assertThat(Double.parseDouble(column(summary, "macro_roc_auc_mean").get(c).get(0))).isCloseTo(mean(auc.get(c)), within(1e-12));
            assertThat(Double.parseDouble(column(summary, "macro_roc_auc_sd").get(c).get(0))).isCloseTo(sampleSd(auc.get(c)), within(1e-12));
            double[] values = accuracy.get(c).stream().mapToDouble(Double::parseDouble).toArray();
            assertThat(Double.parseDouble(column(summary, "accuracy_min").get(c).get(0))).isEqualTo(Arrays.stream(values).min().orElseThrow());
            assertThat(Double.parseDouble(column(summary, "accuracy_max").get(c).get(0))).isEqualTo(Arrays.stream(values).max().orElseThrow());
        }
        // the Markdown version: the same numbers to 4 decimals, and what +- is, as under the console table
        String md = Files.readString(dir.resolve(ComparisonSummary.MARKDOWN));
        Aggregate rnn = result.aggregates().get(0);
        assertThat(md).contains("| configuration | runs | test accuracy | error rate | macro-F1 |", String.format(java.util.Locale.ROOT,
                "| rnn | 3 | %.4f ± %.4f | %.4f |", rnn.mean(org.rnnlab.evaluation.metrics.Metric.ACCURACY),
                rnn.metrics().get(org.rnnlab.evaluation.metrics.Metric.ACCURACY).sd(),
                1 - rnn.mean(org.rnnlab.evaluation.metrics.Metric.ACCURACY)), "± is the sample standard deviation (n-1) over seeds");
        assertThat(ComparisonFiles.table(result)).contains("(+- is the sample standard deviation (n-1) over seeds; these rows are in "
                + "summary.csv and summary.md)");
    }

    @Test
    void oneSeedHasEmptySdCellsAndNoSpreadNote(@TempDir Path dir) throws Exception {
        ComparisonResult result = compare(1);
        ComparisonFiles.write(result, dir);
        Path summary = dir.resolve(ComparisonSummary.CSV);
        assertThat(column(summary, "accuracy_sd").get("rnn")).containsExactly("");
        assertThat(column(summary, "macro_f1_sd").get("gru")).containsExactly("");
        assertThat(column(summary, "accuracy_mean").get("rnn").get(0)).isNotEmpty();
        assertThat(Files.readString(dir.resolve(ComparisonSummary.MARKDOWN))).doesNotContain("± 0");
        assertThat(ComparisonFiles.table(result)).doesNotContain("+-").doesNotContain("standard deviation");
    }

    /** Groups from a folder level are the column 'group': "on the group(s) it held out", not "the group group(s)" (trial 68e). */
    @Test
    void theHeldOutGroupsOfTheColumnGroupAreNotTheGroupGroups() {
        assertThat(ComparisonSummary.heldOutGroups("group")).isEqualTo("group(s)");
        assertThat(ComparisonSummary.heldOutGroups("machine")).isEqualTo("machine group(s)");
    }
}
