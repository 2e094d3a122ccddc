package org.rnnlab.evaluation.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.SelectionTies;
import org.rnnlab.training.TrainingConfig;

/** Which tie rule a replay of a config.json that records none takes from its run's history (trial 78a F3, F4). */
class ReplayedTiesTest {
    @TempDir
    Path dir;

    private static EpochStats epoch(int n, double accuracy, double logLoss) {
        return new EpochStats(n, 1.0 / n, accuracy, 1, 1, null, null, logLoss, null, null);
    }

    /** The validation accuracies 0.72, 0.94, 0.98, 0.98, 0.98 with the log-loss falling: a tie of epochs 3 to 5. */
    private static final List<EpochStats> TIED = List.of(epoch(1, 0.72, 0.9), epoch(2, 0.94, 0.5), epoch(3, 0.98, 0.3),
            epoch(4, 0.98, 0.2), epoch(5, 0.98, 0.1));

    private final Path config = Path.of("run", "config.json");

    @Test
    void aRunThatKeptTheFirstOfTiedEpochsWasMadeByTheOldRule() {
        ReplayedTies t = ReplayedTies.ofHistory(TrainingConfig.defaults().withSelectionTies(null), TIED, 3, config, "its run",
                "this run");
        assertThat(t.rule()).isEqualTo(SelectionTies.FIRST);
        assertThat(t.note()).contains("its run kept epoch 3, the first to reach its validation accuracy 0.9800, which epoch(s) 4, 5 "
                + "tied").contains("before 2026-12-06").contains("this run keeps the first of the tied epochs too");
    }

    @Test
    void aRunThatBrokeTheTieOrHadNoneReplaysWithTheCurrentRule() {
        TrainingConfig unrecorded = TrainingConfig.defaults().withSelectionTies(null);
        assertThat(ReplayedTies.ofHistory(unrecorded, TIED, 5, config, "its run", "this run"))
                .isEqualTo(new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null));
        List<EpochStats> rising = List.of(epoch(1, 0.5, 0.9), epoch(2, 0.6, 0.8), epoch(3, 0.7, 0.7));
        assertThat(ReplayedTies.ofHistory(unrecorded, rising, 3, config, "its run", "this run").rule())
                .isEqualTo(SelectionTies.LOWER_LOG_LOSS);
        // a recorded rule is the rule, whatever the history
        assertThat(ReplayedTies.of(TrainingConfig.defaults().withSelectionTies(SelectionTies.FIRST), config).rule())
                .isEqualTo(SelectionTies.FIRST);
    }

    @Test
    void aComparisonIsReadFromItsKeptRuns() throws Exception {
        Path cmp = Files.createDirectories(dir.resolve("cmp").resolve("runs"));
        Path cmpConfig = cmp.getParent().resolve("config.json");
        TrainingConfig unrecorded = TrainingConfig.defaults().withSelectionTies(null);
        Files.writeString(cmp.resolve("gru-seed1.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 5,
                "history", TIED)));
        assertThat(ReplayedTies.ofComparison(unrecorded, cmpConfig).rule()).isEqualTo(SelectionTies.LOWER_LOG_LOSS);
        Files.writeString(cmp.resolve("lstm-seed1.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 3,
                "history", TIED)));
        ReplayedTies t = ReplayedTies.ofComparison(unrecorded, cmpConfig);
        assertThat(t.rule()).isEqualTo(SelectionTies.FIRST);
        assertThat(t.note()).contains("its run runs/lstm-seed1.json kept epoch 3").contains("this comparison keeps the first");
    }
}
