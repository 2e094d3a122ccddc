package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.report.ComparisonReport;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.TrainingConfig;

/**
 * Trial 79j F3: index.html left out the summary-feature baseline and its accuracy chart said "every configuration is above"
 * the majority one, where a regression on each feature's mean and sd was above every network. The report now gives the
 * second baseline and its warning beside the first, and the chart's text names who is not above it.
 */
class SummaryBaselineReportTest {

    private static final List<String> LABELS = List.of("a", "b");

    private static RunResult run(String configuration, long seed, int right) {
        List<EpochStats> history = List.of(new EpochStats(1, 1.0, 0.8, 1, 100), new EpochStats(2, 0.9, 0.79, 1, 100));
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(LABELS,
                new long[][] {{right, 10 - right}, {0, 10}}, List.of(), 0.1), 1, 1, 100, 10, null, history, List.of(), null, null);
    }

    @Test
    void theReportGivesTheSummaryBaselineBesideTheMajorityOneAndNamesWhoIsNotAboveIt(@TempDir Path dir) throws Exception {
        List<RunResult> runs = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        for (String c : List.of("gru", "lstm")) {
            List<RunResult> own = List.of(run(c, 1, c.equals("gru") ? 10 : 8), run(c, 2, c.equals("gru") ? 10 : 8));
            runs.addAll(own);
            aggregates.add(Aggregate.of(own));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(org.rnnlab.core.CellType.GRU).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(2).withBatchSize(16), 2, 1, 0);
        // majority 0.5: both above it; the summary-feature baseline 0.95: gru (1.0) above, lstm (0.9) not
        ComparisonResult r = new ComparisonResult("d", LABELS, new org.rnnlab.datasets.DatasetProvenance("d", "generated",
                java.util.Map.of(), List.of(), 1), config, runs, aggregates, 1, null, new MajorityBaseline(List.of("b"), 0.5, 0.3333, 1),
                null, null, new SummaryBaseline(1, 0.95, 0.94, null, null, 1));
        ComparisonReport.write(r, Provenance.capture(List.of("rnnlab", "compare"), "d", "x", List.of(1L)), dir);
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("<p>Majority-class baseline: ")
                .contains("<p>Summary-feature baseline: logistic regression on each sequence&#39;s mean and sd of each feature")
                .contains("<b>Warning:</b> lstm&#39;s mean test accuracy and macro-F1 (0.9000, ")
                .contains("; majority-class baseline 0.500; summary-feature baseline 0.950 (not above it: lstm)")
                .contains("the second dashed line, labelled at its left end, is the summary-feature baseline (0.950")
                .doesNotContain("(every configuration is above it)");
        assertThat(html.indexOf("<p>Majority-class baseline: ")).isLessThan(html.indexOf("<p>Summary-feature baseline: "));
    }
}
