package org.rnnlab.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.compare.Aggregate;
import org.rnnlab.evaluation.compare.ClipSetting;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.ComparisonResult;
import org.rnnlab.evaluation.compare.PerClassResults;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.TrainingConfig;

/**
 * A comparison of more classes than the terminal's table shows still names every class in the report, one row each (a
 * user's 17 classes were named only in per-class.csv and in a chart whose font could not draw one of them).
 */
class ManyClassesReportTest {

    @Test
    void everyClassHasARowWithEachConfigurationsRecallAndF1() {
        int k = PerClassResults.TABLE_CLASSES + 5;
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            labels.add(i == 0 ? "日本語ラベル" : i == 1 ? "a <b>" : "class " + i);
        }
        long[][] confusion = new long[k][k];
        for (int i = 0; i < k; i++) {
            confusion[i][i] = 9;
            confusion[i][(i + 1) % k] = 1;
        }
        RunResult run = new RunResult("gru", "gru", "none", 1, Evaluator.fromConfusion(labels, confusion, List.of(), 0.1), 1, 1, 100, 10,
                null, List.of(), List.of(), null, null);
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 1, 1, 16);
        ComparisonResult result = new ComparisonResult("csv", labels, null, config, List.of(run), List.of(Aggregate.of(List.of(run))), 1);
        String html = ComparisonReport.perClassTable(result);
        // each class a row header, with its test sequences (support) beside its recall / F1 (an audit: tables for screen readers)
        assertThat(html).contains("each of the " + k + " classes")
                .contains("<th scope=\"col\">class</th><th scope=\"col\">test sequences per run</th><th scope=\"col\">gru</th>")
                .contains("<tr><th scope=\"row\">日本語ラベル</th><td>n = 10</td><td>0.900 / 0.900</td></tr>")
                .contains("<th scope=\"row\">a &lt;b&gt;</th>").containsPattern("<table>\n<caption>[^<]+</caption>");
        assertThat(html.split("<tr><th scope=\"row\">", -1)).hasSize(k + 1);
    }
}
