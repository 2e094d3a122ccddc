package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.training.TrainingConfig;

/** The summary-feature baseline's notes ({@link SummaryBaseline#warning}, {@link SummaryBaseline#notAbove}) in words. */
class SummaryBaselineTest {

    private static final List<String> LABELS = List.of("bearing_wear", "misalignment", "ok");

    private static RunResult run(String configuration, long seed, long[][] confusion) {
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1),
                1, 1, 100, 10, null, List.of(), List.of(), null, null);
    }

    private static ComparisonResult result(SummaryBaseline summary) {
        long[][] alwaysOk = {{0, 0, 3}, {0, 0, 1}, {0, 0, 26}};
        long[][] finds = {{3, 0, 0}, {0, 1, 0}, {1, 0, 25}};
        List<RunResult> runs = List.of(run("gru", 1, alwaysOk), run("gru", 2, alwaysOk), run("lstm", 1, finds), run("lstm", 2, alwaysOk));
        List<Aggregate> aggregates = List.of(Aggregate.of(runs.subList(0, 2)), Aggregate.of(runs.subList(2, 4)));
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 2, 1, 0);
        return new ComparisonResult("faults", LABELS, null, config, runs, aggregates, 1, null, null, null, null, summary);
    }

    /**
     * Trial 79j F2: with several configurations below it the warning joined "X's ... are; Y's ... are" before one "not
     * above", which read as X and Y being above. Now the baseline comes first, then each configuration not above it.
     */
    @Test
    void severalConfigurationsBelowAreListedAfterTheBaselineNotJoinedBeforeOneNotAbove() {
        ComparisonResult r = result(new SummaryBaseline(1, 0.95, 0.90, null, null, 1));
        Aggregate gru = r.aggregates().get(0);
        Aggregate lstm = r.aggregates().get(1);
        String w = SummaryBaseline.warning(r).orElseThrow();
        assertThat(w).isEqualTo(String.format(Locale.ROOT, "mean test scores not above the summary-feature baseline's accuracy and "
                + "macro-F1 (0.9500, 0.9000): gru's accuracy and macro-F1 (%.4f, %.4f), lstm's accuracy and macro-F1 (%.4f, %.4f): "
                + "no evidence that they use the order of the steps beyond what each feature's mean and sd give",
                gru.mean(Metric.ACCURACY), gru.mean(Metric.MACRO_F1), lstm.mean(Metric.ACCURACY), lstm.mean(Metric.MACRO_F1)))
                .doesNotContain(" are;");
        // one configuration below: the sentence as before
        String one = SummaryBaseline.warning(result(new SummaryBaseline(1, 0.8800, 0.3500, null, null, 1))).orElseThrow();
        assertThat(one).startsWith(String.format(Locale.ROOT, "gru's mean test accuracy and macro-F1 (%.4f, %.4f) are not above the "
                + "summary-feature baseline's (0.8800, 0.3500): no evidence that it uses", gru.mean(Metric.ACCURACY),
                gru.mean(Metric.MACRO_F1)));
    }

    /**
     * Trial 79j F5: a GRU at 0.4000 over 90 test sequences against this baseline's 0.9667 (Wilson intervals [0.30, 0.50] and
     * [0.91, 0.99]) was "no evidence of order ... a small difference either way is not reliable". Far below, the note says the
     * network has not learned even what the summaries give; within the test set's noise, as before.
     */
    @Test
    void farBelowSaysTheNetworkLearnedTooLittleAndWithinTheNoiseThatASmallDifferenceIsNotReliable() {
        SummaryBaseline b = new SummaryBaseline(3, 0.9667, 0.9662, 1.0, 1.0, 1);
        String far = b.notAbove(0.4000, 0.4018, 90).orElseThrow();
        assertThat(far).startsWith("test accuracy 0.4000 and macro-F1 0.4018 are not above the summary-feature baseline's 0.9667 and "
                + "0.9662: far below it (95% intervals over the 90 test sequences do not overlap): the network has not learned even "
                + "what each feature's mean and sd give").doesNotContain("small difference").doesNotContain("no evidence");
        String near = b.notAbove(0.9444, 0.9400, 90).orElseThrow();
        assertThat(near).contains("no evidence that the model uses the order of the steps")
                .endsWith("; with few test sequences a small difference either way is not reliable");
        // the number of test sequences not known: as before
        assertThat(b.notAbove(0.4000, 0.4018)).hasValueSatisfying(n -> assertThat(n).contains("small difference"));
        // over folds (several parts) no small-sample caveat either way
        assertThat(new SummaryBaseline(3, 0.9667, 0.9662, null, null, 3).notAbove(0.4, 0.4, 90))
                .hasValueSatisfying(n -> assertThat(n).doesNotContain("far below").doesNotContain("small difference"));
    }
}
