package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.TrainingConfig;

/**
 * compare with runs that predict a class their test data hold none of (a wind-farm trial: rnnlab's macro-F1 over the
 * classes present read above the baseline, scikit-learn's did not), and a best configuration level with the baseline (the
 * same trial's 4-fold mean 0.2480 against 0.2438, fold sd 0.036, called "an unbiased estimate" without a word).
 */
class PresentOrPredictedTest {

    private static RunResult run(List<String> labels, String configuration, long seed, long[][] confusion) {
        List<org.rnnlab.training.EpochStats> history = List.of(
                new org.rnnlab.training.EpochStats(1, 0.9, 0.5, 1, 100, null, 0.5),
                new org.rnnlab.training.EpochStats(2, 0.5, 0.6, 1, 100, null, 0.6));
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(labels, confusion, List.of(), 0.1),
                2, 1, 100, 10, null, history, List.of(), null, null);
    }

    private static ComparisonResult result(List<String> labels, MajorityBaseline baseline, RunResult... runs) {
        List<RunResult> all = List.of(runs);
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults()
                .withSelection(org.rnnlab.training.EpochSelection.MACRO_F1), runs.length, 1, 0);
        return new ComparisonResult("d", labels, null, config, all, List.of(Aggregate.of(all)), 1, null, baseline);
    }

    @Test
    void aClassPredictedButAbsentGivesTheScikitLearnFigureAndTheVerdictTakesIt() {
        List<String> labels = List.of("a", "b", "c");
        // 10 'a' and 10 'b' in the test data, no 'c': every 'a' called 'c', every 'b' found
        long[][] confusion = {{0, 0, 10}, {0, 10, 0}, {0, 0, 0}};
        MajorityBaseline always = new MajorityBaseline(List.of("b"), 0.5, 1.0 / 3, 1);
        ComparisonResult r = result(labels, always, run(labels, "gru", 1, confusion), run(labels, "gru", 2, confusion));
        assertThat(r.runs().get(0).test().macroF1()).isEqualTo(0.5);
        assertThat(PresentOrPredicted.mean(r, "gru")).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        String table = ComparisonFiles.table(r);
        assertThat(table).contains("  gru: mean macro-F1 0.3333 counting the class(es) predicted here but absent, F1 0 each, as "
                + "scikit-learn's f1_score(average='macro') does; rnnlab's macro-F1 averages the classes present (2 of its 2 "
                + "run(s) predicted such a class: 'c')");
        // results.csv: the last column, scikit-learn's figure
        List<String> csv = ComparisonFiles.csv(r).lines().toList();
        assertThat(csv.get(0)).endsWith(",test_groups,macro_f1_present_or_predicted,layers,hidden,learning_rate,dropout,head,residual");
        assertThat(csv.get(1)).contains("," + PresentOrPredicted.of(r.runs().get(0)) + ",1,4,").contains(",0.5,");
        // summary.csv's last column and summary.md: the same lower figure (a wind-farm trial's paper table had only the higher)
        List<String> summary = ComparisonSummary.csv(r).lines().toList();
        assertThat(summary.get(0)).contains(",accuracy_max,macro_f1_present_or_predicted_mean,");
        List<String> header = List.of(summary.get(0).split(","));
        assertThat(summary.get(1)).startsWith("gru,2,0.5,").contains(",0.5,");
        assertThat(summary.get(1).split(",", -1)[header.indexOf("macro_f1_present_or_predicted_mean")])
                .isEqualTo(Double.toString(PresentOrPredicted.mean(r, "gru")));
        assertThat(ComparisonSummary.markdown(r)).contains("macro-F1 as scikit-learn computes it, where a run predicted a class its "
                + "test data hold none of", "- gru: mean macro-F1 0.3333 counting the class(es) predicted here but absent");
        // the best line: both figures, and 0.5000 above the baseline's 0.3333 is not taken for learning
        assertThat(TrainAgain.hint(r)).hasValueSatisfying(h -> assertThat(h)
                .contains("mean test macro-F1 0.5000 (mean macro-F1 0.3333 counting the class(es) predicted here but absent")
                .contains("but no configuration scored above always predicting the majority class (best mean test accuracy 0.5000 "
                        + "and macro-F1 0.3333 (counting the class(es) predicted here but absent, F1 0 each, as scikit-learn's "
                        + "f1_score(average='macro') does; 0.5000 over the classes present, which leaves those predictions out: the "
                        + "verdict takes the lower) against the baseline's 0.5000 and 0.3333)"));
        // no class predicted but absent: nothing added, the column equals macro_f1
        long[][] plain = {{5, 5, 0}, {0, 10, 0}, {0, 0, 0}};
        ComparisonResult p = result(labels, always, run(labels, "gru", 1, plain));
        assertThat(PresentOrPredicted.mean(p, "gru")).isNull();
        assertThat(ComparisonFiles.table(p)).doesNotContain("scikit-learn");
        assertThat(ComparisonFiles.csv(p).lines().skip(1).findFirst().orElseThrow()).endsWith("," + p.runs().get(0).test().macroF1() + ",1,4,0.001,0.0,last,false"); // then the model settings
        assertThat(ComparisonSummary.csv(p).lines().skip(1).findFirst().orElseThrow().split(",", -1)[header.indexOf(
                "macro_f1_present_or_predicted_mean")]).isEqualTo(Double.toString(p.runs().get(0).test().macroF1()));
        assertThat(ComparisonSummary.markdown(p)).doesNotContain("scikit-learn");
    }

    @Test
    void aMeanLevelWithTheBaselineIsNotLeftAsAnUnbiasedEstimateAlone() {
        List<String> labels = List.of("a", "b");
        // 6 'a', 4 'b' per test part; always 'a': accuracy 0.6, macro-F1 0.375
        MajorityBaseline always = new MajorityBaseline(List.of("a"), 0.6, 0.375, 1);
        ComparisonResult level = result(labels, always, run(labels, "gru", 1, new long[][] {{3, 3}, {2, 2}}),
                run(labels, "gru", 2, new long[][] {{1, 5}, {3, 1}}), run(labels, "gru", 3, new long[][] {{4, 2}, {2, 2}}),
                run(labels, "gru", 4, new long[][] {{2, 4}, {3, 1}}));
        double f1 = level.aggregates().get(0).mean(org.rnnlab.evaluation.metrics.Metric.MACRO_F1);
        assertThat(f1).isBetween(0.376, 0.42);
        assertThat(TrainAgain.hint(level)).hasValueSatisfying(h -> assertThat(h).contains("an unbiased estimate")
                .containsPattern("but level with always predicting the majority class: its mean test macro-F1 0\\.39\\d\\d is above "
                        + "the baseline's 0\\.3750 by less than its sd over runs \\(0\\.\\d{4}, 4 runs\\), and its mean test accuracy "
                        + "0\\.4000 not above the baseline's 0\\.6000: the estimate does not show it beats always 'a'"));
        // clearly above: nothing added
        long[][] good = {{5, 1}, {0, 4}};
        ComparisonResult above = result(labels, always, run(labels, "gru", 1, good), run(labels, "gru", 2, new long[][] {{6, 0}, {1, 3}}));
        assertThat(TrainAgain.hint(above)).hasValueSatisfying(h -> assertThat(h).contains("an unbiased estimate")
                .doesNotContain("level with").doesNotContain("scored above always"));
    }
}
