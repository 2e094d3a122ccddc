package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.CrossValidation;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.csv.GroupScales;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.GroupTable;
import org.rnnlab.training.TrainingConfig;

/**
 * Trial 75a F6: compare's "lowest groups" line named 'B6' 0.0714 and 'B5' 0.3143, the bridges logged in °F and in strain for
 * microstrain, with no word of the data warning that had named both 40 lines earlier on standard error. Now each group a
 * group-level warning named says so.
 */
class LowestGroupsDataWarningsTest {

    private static final List<String> LABELS = List.of("car", "truck");

    /** Leave-one-bridge-out: fold k tests bridge B(k+1), 14 vehicles, {@code right[k]} of them right. */
    private static ComparisonResult result(int[] right) {
        List<RunResult> runs = new ArrayList<>();
        for (int k = 0; k < right.length; k++) {
            long[][] confusion = {{right[k], 14 - right[k]}, {0, 0}};
            GroupTable.Row group = new GroupTable.Row("B" + (k + 1), 14, right[k], 0.5, "car", 1.0, 0.5, new int[] {14, 0});
            runs.add(new RunResult("gru", "gru", "none", 1, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1), 1, 1, 100,
                    10, null, List.of(), List.of(), k, Split.TEST, null, null, null, List.of(group)));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 1, 1, 0)
                .withCrossValidation(new CrossValidation(right.length, "bridge", 1));
        return new ComparisonResult("csv", LABELS, null, config, runs, List.of(Aggregate.of(runs)), 1);
    }

    @Test
    void aLowestGroupNamedByTheGroupLevelWarningSaysSo() {
        ComparisonResult result = result(new int[] {9, 8, 6, 8, 4, 1});
        // the warning as the data's reader words it: B5's strain at 1/7.36e5 of the others', B6's deck_temp in °F
        GroupScales.Shifted b5 = new GroupScales.Shifted("B5", List.of("strain"), List.of(1 / 7.36e5), List.of(false));
        GroupScales.Shifted b6 = new GroupScales.Shifted("B6", List.of("deck_temp"), List.of(3.55), List.of(false), List.of(false),
                List.of("°F against °C: (x − 32) / 1.8 brings the level of 'B6', 51.22, to 10.68 (the groups' usual: 11.02)"));
        String levels = "csv bridges.csv: " + GroupScales.warning(List.of(b5, b6), "bridge", 6);
        // a warning of another kind naming a group: not taken for a reason
        String shared = "csv: 1 of the 6 groups of group column bridge have sequences in the training and in the test data, e.g. 'B3'";
        List<String> warnings = List.of(shared, levels);

        String line = ByGroupResults.lowestLine(result, ByGroupResults.of(result), warnings).orElseThrow();
        // the group's own majority class, in words that are not read as the printed majority baseline (trial 79k F4)
        assertThat(line).contains("'B6' 0.0714 (its own majority class: 1.0000; named in the data warnings: another temperature "
                        + "scale?)")
                .contains("'B5' 0.2857 (its own majority class: 1.0000; named in the data warnings: another unit?)")
                .contains("'B3' 0.4286 (its own majority class: 1.0000)").doesNotContain("'B3' 0.4286 (its own majority class: 1.0000;")
                .doesNotContain("(majority ");
        assertThat(ComparisonFiles.table(result, null, warnings)).contains(line);
        // without the warnings, the line as before
        assertThat(ByGroupResults.lowestLine(result, ByGroupResults.of(result)).orElseThrow()).doesNotContain("named in");
    }

    @Test
    void aGroupNamedByTheLevelStepWarningIsSaidToStep() {
        String step = "csv train.csv: the level of a feature steps once, for good, within 1 of the 6 groups of group column "
                + "bridge, a step the other groups do not share ('B5': 'strain' from sequence 'v9' (time 3; 4 of its 8 sequences "
                + "from there on) median 10 -> 20 (x2.00, +10)): a sensor moved, replaced or recalibrated?";
        assertThat(ByGroupResults.namedIn("B5", List.of(step))).hasValue("a level step?");
        assertThat(ByGroupResults.namedIn("B50", List.of(step))).isEmpty();
    }
}
