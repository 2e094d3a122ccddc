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
 * Trial 76g F7: at the same width, {@code lstm x2} had 996 parameters against {@code lstm}'s 452, and the paired difference
 * was labelled by depth only. A note under the paired differences now names the pairs whose sizes differ by over 1.5x.
 */
class PairedSizesTest {

    private static final List<String> LABELS = List.of("a", "b");

    private static ComparisonResult result(long gruParameters, long lstmParameters) {
        List<RunResult> gru = new ArrayList<>();
        List<RunResult> lstm = new ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            gru.add(run("gru", seed, gruParameters));
            lstm.add(run("lstm", seed, lstmParameters));
        }
        List<RunResult> runs = new ArrayList<>(gru);
        runs.addAll(lstm);
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(8)), TrainingConfig.defaults(), 2, 1, 0);
        return new ComparisonResult("csv", LABELS, null, config, runs, List.of(Aggregate.of(gru), Aggregate.of(lstm)), 1);
    }

    private static RunResult run(String arch, long seed, long parameters) {
        return new RunResult(arch, arch, "none", seed, Evaluator.fromConfusion(LABELS, new long[][] {{5, 5}, {3, 7}}, List.of(), 0.1),
                1, 3, 100, parameters, null, List.of(), List.of(), null, null);
    }

    @Test
    void pairsOfVeryDifferentSizesAreNamedUnderTheDifferences(@TempDir Path dir) throws Exception {
        ComparisonResult result = result(372, 996);
        assertThat(ComparisonFiles.table(result)).contains("(paired configurations of different size, in parameters: gru 372 vs lstm "
                + "996 (2.7x); at the same width and budget");
        ComparisonFiles.write(result, dir);
        assertThat(Files.readString(dir.resolve(ComparisonSummary.MARKDOWN))).contains("Note: paired configurations of different "
                + "size, in parameters: gru 372 vs lstm 996 (2.7x)");
        assertThat(ComparisonFiles.table(result(372, 452))).doesNotContain("of different size");
    }
}
