package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.training.TrainingConfig;

/**
 * Trial 79j F8: under --cv the pairs are folds, and the ties note said "more seeds lower the floor" one line above the
 * fold note's "more --seeds do not add pairs". By fold it says more folds; by seed it still says more seeds.
 */
class FoldTiesNoteTest {

    private static final List<String> LABELS = List.of("a", "b");

    /** gru and lstm over 6 folds (1 seed) or 6 seeds (no folds): gru ahead in 5, the same in the first. */
    private static ComparisonResult result(boolean folds) {
        List<RunResult> runs = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        for (String c : List.of("gru", "lstm")) {
            List<RunResult> own = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                int right = 44 + k + (c.equals("gru") && k > 0 ? 3 : 0);
                own.add(new RunResult(c, c, "none", folds ? 1 : k + 1, Evaluator.fromConfusion(LABELS,
                        new long[][] {{30, 0}, {60 - right, right - 30}}, List.of(), 0.1), 1, 3, 100, 10, null, List.of(),
                        List.of(), folds ? k : null, null));
            }
            runs.addAll(own);
            aggregates.add(Aggregate.of(own));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(8)), TrainingConfig.defaults(), folds ? 1 : 6, 1, 0);
        if (folds) {
            config = config.withCrossValidation(new org.rnnlab.datasets.CrossValidation(6, null, 1));
        }
        return new ComparisonResult("d", LABELS, null, config, runs, aggregates, 1);
    }

    @Test
    void byFoldTheTiesNoteAsksForMoreFoldsBySeedForMoreSeeds() {
        ComparisonResult byFold = result(true);
        List<PairedDifference> d = PairedDifference.all(byFold, Metric.ACCURACY);
        assertThat(d.get(0).byFold()).isTrue();
        assertThat(d.get(0).pValue()).isEqualTo(2 / 32.0); // 5 untied folds of one sign: the floor
        assertThat(SignFlipNotes.ties(byFold, d)).hasValueSatisfying(n -> assertThat(n)
                .contains("1 of 6 pairs tie exactly").contains("(more folds lower the floor)").doesNotContain("more seeds"));
        ComparisonResult bySeed = result(false);
        assertThat(SignFlipNotes.ties(bySeed, PairedDifference.all(bySeed, Metric.ACCURACY))).hasValueSatisfying(n -> assertThat(n)
                .contains("(more seeds lower the floor)"));
    }
}
