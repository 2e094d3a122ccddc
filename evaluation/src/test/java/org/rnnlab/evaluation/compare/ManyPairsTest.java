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
import org.rnnlab.training.TrainingConfig;

/**
 * Trial 76g F3: 8 crossed configurations gave 28 pairs, of which 4 changed the depth alone, buried among pairs that change
 * two or three factors at once, and only fair-comparisons.md said that no correction is made for how many are tested. The
 * console now lists the one-factor pairs first and says so under the differences.
 */
class ManyPairsTest {

    private static final List<String> LABELS = List.of("a", "b");

    private static ComparisonResult result() {
        List<RunResult> runs = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        int right = 5;
        for (String arch : List.of("gru", "lstm")) {
            for (String clip : List.of("none", "l2:1.0")) {
                String name = clip.equals("none") ? arch : arch + " clip=" + clip;
                List<RunResult> own = new ArrayList<>();
                for (long seed = 1; seed <= 2; seed++) {
                    own.add(new RunResult(name, arch, clip, seed, Evaluator.fromConfusion(LABELS, new long[][] {{right, 10 - right},
                            {3, 7}}, List.of(), 0.1), 1, 3, 100, 10, null, List.of(), List.of(), null, null));
                }
                right++;
                runs.addAll(own);
                aggregates.add(Aggregate.of(own));
            }
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none,l2:1.0"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(8)), TrainingConfig.defaults(), 2, 1, 0);
        return new ComparisonResult("csv", LABELS, null, config, runs, aggregates, 1);
    }

    @Test
    void oneFactorPairsComeFirstAndTheMissingCorrectionIsSaid(@TempDir Path dir) throws Exception {
        ComparisonResult result = result();
        String table = ComparisonFiles.table(result);
        int oneFactor = table.indexOf("  gru clip=l2:1.0        - lstm clip=l2:1.0");
        int twoFactors = table.indexOf("  gru                    - lstm clip=l2:1.0");
        assertThat(oneFactor).isPositive();
        assertThat(twoFactors).as("a two-factor pair after every one-factor pair").isGreaterThan(oneFactor);
        assertThat(table).contains("(each of the 6 pairs is tested on its own, with no correction for how many are tested")
                .contains("the 4 pairs that differ in one factor (cell, clip or depth) are listed first");
        ComparisonFiles.write(result, dir);
        assertThat(Files.readString(dir.resolve(ComparisonSummary.MARKDOWN))).contains("Note: each of the 6 pairs is tested on its own");
    }
}
