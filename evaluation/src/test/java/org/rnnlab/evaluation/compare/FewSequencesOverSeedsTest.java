package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.CrossValidation;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.GroupTable;
import org.rnnlab.evaluation.metrics.ScoreIntervals;
import org.rnnlab.training.TrainingConfig;

/**
 * Trial 77f F6: compare --cv 5 --seeds 2 by hive said of 61 'pre_swarm' days "pooled 92 of 122 recalled, 95% interval [0.67,
 * 0.82]": every test sequence counted once per seed, an interval too narrow by about the square root of 2, and without the
 * caveat of the hives that the pooled accuracy's line carries. The counts are now said summed over the seeds, the interval
 * is over the distinct sequences, as the accuracy's, and the note names the groups they come from.
 */
class FewSequencesOverSeedsTest {

    private static final List<String> LABELS = List.of("healthy", "queenless", "pre_swarm");
    private static final int FOLDS = 5;

    /**
     * A fold's run: 4 hives of 3 days each; hives 0-2 hold one 'pre_swarm' day each (3 per fold, 15 in all, from 15 hives),
     * of which seed 1 recalls those of hives 0 and 1, seed 2 that of hive 0; every other day is right.
     */
    private static RunResult run(long seed, int fold) {
        List<String> hives = new ArrayList<>();
        int[] actual = new int[12];
        int[] predicted = new int[12];
        for (int h = 0; h < 4; h++) {
            for (int d = 0; d < 3; d++) {
                int i = 3 * h + d;
                hives.add(String.format(Locale.ROOT, "H%02d", 4 * fold + h));
                actual[i] = h < 3 ? d : d == 2 ? 1 : 0;
                boolean missed = actual[i] == 2 && h >= (seed == 1 ? 2 : 1);
                predicted[i] = missed ? 0 : actual[i];
            }
        }
        long[][] confusion = new long[3][3];
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][predicted[i]]++;
        }
        return new RunResult("lstm", "lstm", "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1), 1, 1, 100, 10,
                null, List.of(), List.of(), fold, null, null, null, null, GroupTable.rows(LABELS, hives, actual, predicted));
    }

    private static ComparisonResult result(String group) {
        List<RunResult> runs = new ArrayList<>();
        List<List<String>> foldGroups = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            runs.add(run(1, fold));
            runs.add(run(2, fold));
            List<String> hives = new ArrayList<>();
            for (int h = 0; h < 4; h++) {
                hives.add(String.format(Locale.ROOT, "H%02d", 4 * fold + h));
            }
            foldGroups.add(hives);
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(16)), TrainingConfig.defaults(), 2, 1, 0)
                .withCrossValidation(new CrossValidation(FOLDS, group, 1));
        return new ComparisonResult("csv", LABELS, null, config, runs, List.of(Aggregate.of(runs)), 1, null, null,
                group == null ? null : foldGroups);
    }

    @Test
    void thePooledRecallIntervalIsOverTheDistinctSequencesWithTheGroupsCaveat() {
        // 15 of the 30 predictions of 'pre_swarm' right over 2 seeds; 15 distinct days
        double[] overSequences = ScoreIntervals.wilson(15 / 30.0, 15);
        double[] overPredictions = ScoreIntervals.wilson(15, 30);
        assertThat(overSequences[1] - overSequences[0]).as("the right interval is wider").isGreaterThan(overPredictions[1] - overPredictions[0]);
        String counts = String.format(Locale.ROOT, "'pre_swarm' 3 test examples per run, pooled 15 of 30 recalled (summed over 2 seeds), "
                + "95%% interval over the 15 sequences [%.2f, %.2f], from 15 groups of the column hive", overSequences[0], overSequences[1]);
        assertThat(PerClassResults.fewSequences(result("hive"))).singleElement().satisfies(n -> assertThat(n)
                .startsWith("few sequences: ").contains(counts + ";")
                .contains("the interval takes each sequence as an independent example, but sequences of one group are alike, so it is too narrow")
                .doesNotContain(String.format(Locale.ROOT, "[%.2f, %.2f]", overPredictions[0], overPredictions[1])));
        // folds stratified by class (no group column): the interval over the distinct sequences, no caveat of groups
        assertThat(PerClassResults.fewSequences(result(null))).singleElement().satisfies(n -> assertThat(n)
                .contains(String.format(Locale.ROOT, "pooled 15 of 30 recalled (summed over 2 seeds), 95%% interval over the 15 sequences [%.2f, %.2f];",
                        overSequences[0], overSequences[1]))
                .doesNotContain("groups of", "too narrow"));
    }
}
