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
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.training.EpochSelection;
import org.rnnlab.training.TrainingConfig;
import org.rnnlab.training.ValidationScores;

/**
 * A comparison selected by a threshold-free score shows that score's test mean in its tables and pairs it between
 * configurations (a purchase trial selected by average precision on a 4% class: the console table, summary.csv and
 * summary.md had accuracy, macro-F1 and macro ROC AUC only, and no difference of average precision between the
 * configurations).
 */
class SelectedScoreColumnTest {

    private static final List<String> LABELS = List.of("no", "yes");

    /** gru's average precision 0.1 above lstm's and its log-loss 0.05 below, seed by seed, with the same confusion. */
    private static ComparisonResult result(EpochSelection selection, int seeds) {
        List<RunResult> runs = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        for (String c : List.of("gru", "lstm")) {
            List<RunResult> mine = new ArrayList<>();
            for (int seed = 1; seed <= seeds; seed++) {
                double ap = 0.5 + 0.01 * seed + (c.equals("gru") ? 0.1 : 0);
                double logLoss = 0.3 + 0.01 * seed - (c.equals("gru") ? 0.05 : 0);
                long[][] confusion = {{90, 2}, {5, 3}};
                mine.add(new RunResult(c, c, "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1)
                        .withSelectionScores(new ValidationScores(Double.NaN, Double.NaN, logLoss, Double.NaN, ap)),
                        1, 1, 100, 10, null, List.of(), List.of(), null, null));
            }
            runs.addAll(mine);
            aggregates.add(Aggregate.of(mine));
        }
        TrainingConfig training = TrainingConfig.defaults().withSelection(selection);
        if (selection == EpochSelection.AVERAGE_PRECISION) {
            training = training.withAveragePrecisionClass(1);
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), training, seeds, 1, 0);
        return new ComparisonResult("d", LABELS, null, config, runs, aggregates, 1);
    }

    @Test
    void selectedByAveragePrecisionItIsATableColumnASummaryColumnAndADifference(@TempDir Path dir) throws Exception {
        ComparisonResult r = result(EpochSelection.AVERAGE_PRECISION, 6);
        String table = ComparisonFiles.table(r);
        assertThat(table).contains("AP of 'yes'").containsPattern("(?m)^gru\\s+6 .* 0\\.6350 \\+- 0\\.0187")
                .containsPattern("(?m)^lstm\\s+6 .* 0\\.5350 \\+- 0\\.0187")
                .contains("paired average precision of 'yes' differences")
                .containsPattern("gru\\s+- lstm\\s+\\+0\\.1000 .* reliably better");

        ComparisonFiles.write(r, dir);
        List<String> summary = Files.readAllLines(dir.resolve(ComparisonSummary.CSV));
        assertThat(summary.get(0)).contains(",macro_f1_present_or_predicted_mean,average_precision_mean,average_precision_sd,"
                + "log_loss_mean,log_loss_sd,"); // then the pooled accuracy's columns, appended
        List<String> header = List.of(summary.get(0).split(","));
        List<String> gru = List.of(summary.get(1).split(",", -1));
        assertThat(gru.get(0)).isEqualTo("gru");
        assertThat(Double.parseDouble(gru.get(header.indexOf("average_precision_mean")))).isCloseTo(0.635, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Double.parseDouble(gru.get(header.indexOf("log_loss_mean")))).isCloseTo(0.285, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Files.readString(dir.resolve(ComparisonSummary.MARKDOWN))).contains("| average precision of 'yes' |")
                .contains("0.6350 ± 0.0187").contains("| average precision of 'yes' | gru | lstm | +0.1000");
        assertThat(Files.readAllLines(dir.resolve("differences.csv"))).anySatisfy(l -> assertThat(l)
                .startsWith("gru,lstm,average_precision,6,").contains(",true,reliably better,seed,6,1"));
    }

    @Test
    void selectedByLogLossLowerIsBetterInTheVerdict() {
        ComparisonResult r = result(EpochSelection.LOG_LOSS, 6);
        assertThat(ComparisonFiles.table(r)).contains("log-loss").contains("paired log-loss differences")
                .containsPattern("gru\\s+- lstm\\s+-0\\.0500 .* reliably better");
        PairedDifference d = PairedDifference.all(r, Metric.LOG_LOSS).get(0);
        assertThat(d.verdict()).isEqualTo("reliably better");
        assertThat(PairedDifference.all(r, Metric.ACCURACY).get(0).verdict()).isEqualTo("not reliably different");
    }

    @Test
    void selectedByMacroF1TheTablesAreAsBefore() {
        ComparisonResult r = result(EpochSelection.MACRO_F1, 6);
        assertThat(ComparisonFiles.table(r)).doesNotContain("AP of").doesNotContain("paired log-loss")
                .doesNotContain("paired average precision");
        assertThat(ComparisonFiles.differences(r)).extracting(PairedDifference::metric).containsOnly(Metric.ACCURACY, Metric.MACRO_F1);
        // the summary's columns are there either way, for scripts
        List<String> row = List.of(ComparisonSummary.csv(r).lines().skip(1).findFirst().orElseThrow().split(",", -1));
        List<String> header = List.of(ComparisonSummary.CSV_HEADER.split(",")); // by name: columns are appended (the pooled accuracy)
        assertThat(Double.parseDouble(row.get(header.indexOf("average_precision_mean")))).isCloseTo(0.635,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Double.parseDouble(row.get(header.indexOf("log_loss_mean")))).isCloseTo(0.285,
                org.assertj.core.data.Offset.offset(1e-9));
    }
}
