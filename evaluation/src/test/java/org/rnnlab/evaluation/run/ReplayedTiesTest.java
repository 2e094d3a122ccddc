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
        assertThat(t.note()).contains("its run kept epoch 3, the first to reach its validation accuracy 0.9800, which epoch(s) "
                + "4, 5 tied at a lower validation log-loss (0.2000, 0.1000 against 0.3000)").contains("before 2026-12-06").contains("this run keeps the first of the tied epochs too");
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

    /** Epochs 3 to 5 tied at 0.98, the first of lower log-loss than the others: both rules keep epoch 3. */
    private static final List<EpochStats> TIED_FIRST_LOWEST = List.of(epoch(1, 0.72, 0.9), epoch(2, 0.94, 0.5),
            epoch(3, 0.98, 0.1), epoch(4, 0.98, 0.2), epoch(5, 0.98, 0.3));

    @Test
    void aRunOfTheCurrentRuleWhoseFirstTiedEpochHadTheLowestLossIsNotReadAsOld() {
        // review 78 R1: the current rule keeps epoch 3 here too, so the history proves nothing about the old rule
        assertThat(ReplayedTies.ofHistory(TrainingConfig.defaults().withSelectionTies(null), TIED_FIRST_LOWEST, 3, config,
                "its run", "this run")).isEqualTo(new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null));
        // a tie in a history without log-loss was written before rnnlab recorded it, which was before the new rule
        List<EpochStats> noLoss = List.of(new EpochStats(1, 1, 0.9, 1, 1), new EpochStats(2, 1, 0.9, 1, 1));
        ReplayedTies old = ReplayedTies.ofHistory(TrainingConfig.defaults().withSelectionTies(null), noLoss, 1, config, "its run",
                "this run");
        assertThat(old.rule()).isEqualTo(SelectionTies.FIRST);
        assertThat(old.note()).contains("which epoch(s) 2 tied, in a history without validation log-loss (recorded since commit "
                + "cdae6c33");
    }

    @Test
    void aComparisonWithARunThatKeptALaterTiedEpochWasMadeByTheCurrentRule() throws Exception {
        Path cmp = Files.createDirectories(dir.resolve("cmp").resolve("runs"));
        Path cmpConfig = cmp.getParent().resolve("config.json");
        TrainingConfig unrecorded = TrainingConfig.defaults().withSelectionTies(null);
        Files.writeString(cmp.resolve("a-seed1.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 3,
                "history", TIED_FIRST_LOWEST)));
        assertThat(ReplayedTies.ofComparison(unrecorded, cmpConfig))
                .isEqualTo(new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null));
        Files.writeString(cmp.resolve("b-seed1.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 3,
                "history", TIED)));
        assertThat(ReplayedTies.ofComparison(unrecorded, cmpConfig).rule()).isEqualTo(SelectionTies.FIRST);
        // a run that kept a later tied epoch (which the first-epoch rule never does) contradicts it: the current rule
        Files.writeString(cmp.resolve("c-seed1.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 5,
                "history", TIED)));
        assertThat(ReplayedTies.ofComparison(unrecorded, cmpConfig))
                .isEqualTo(new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null));
    }

    @Test
    void aStartTimeBeforeTheRuleCameInIsTheOldRule() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path runConfig = run.resolve("config.json");
        TrainingConfig unrecorded = TrainingConfig.defaults().withSelectionTies(null);
        Files.writeString(run.resolve("results.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 3,
                "history", TIED_FIRST_LOWEST)));
        Files.writeString(run.resolve("provenance.json"), "{\"startedAt\": \"2026-12-07T10:00:00Z\", \"gitCommit\": \"abc\"}");
        assertThat(ReplayedTies.of(unrecorded, runConfig)).isEqualTo(new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null));
        // a commit this checkout's git does not hold: dated by its start
        String elsewhere = "fedcba9876543210fedcba9876543210fedcba98";
        Files.writeString(run.resolve("provenance.json"), "{\"startedAt\": \"2026-12-05T10:00:00Z\", \"gitCommit\": \""
                + elsewhere + "\"}");
        ReplayedTies t = ReplayedTies.of(unrecorded, runConfig);
        assertThat(t.rule()).isEqualTo(SelectionTies.FIRST);
        assertThat(t.note()).contains("started at 2026-12-05T10:00:00Z (rnnlab commit " + elsewhere + ")")
                .contains("commit 62dd0b01").contains("this run keeps the first of the tied epochs too");
    }

    @Test
    void aCommitThisGitHoldsIsDatedByIt() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path runConfig = run.resolve("config.json");
        TrainingConfig unrecorded = TrainingConfig.defaults().withSelectionTies(null);
        // the tie of TIED kept at its first epoch although the later ones had a lower log-loss: the old rule by the history
        Files.writeString(run.resolve("results.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 3,
                "history", TIED)));
        String since = "62dd0b011ee97518b706e46b979ac2dee3744b5d"; // the rule's own commit (tests run in rnnlab's checkout)
        org.junit.jupiter.api.Assumptions.assumeTrue(org.rnnlab.training.Provenance.commitTime(since).isPresent(),
                "rnnlab's git checkout with its history");
        Files.writeString(run.resolve("provenance.json"), "{\"startedAt\": \"2026-12-07T10:00:00Z\", \"gitCommit\": \""
                + since + "\"}");
        // the rule's own commit is before the patience change (35658db4): its tie counted no gain for --patience (trial 78j)
        assertThat(ReplayedTies.of(unrecorded, runConfig).rule()).isEqualTo(SelectionTies.LOWER_LOG_LOSS_NO_PATIENCE_GAIN);
        Files.writeString(run.resolve("provenance.json"), "{\"startedAt\": \"2026-12-07T13:00:00Z\", \"gitCommit\": "
                + "\"35658db40af0637de862057df3e1129641c30a76\"}");
        assertThat(ReplayedTies.of(unrecorded, runConfig)).isEqualTo(new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null));
        // 522cfbf (2026-12-01), run today (trial 78a made its old runs so): the commit's date decides, not the start's
        Files.writeString(run.resolve("results.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 3,
                "history", TIED_FIRST_LOWEST)));
        Files.writeString(run.resolve("provenance.json"), "{\"startedAt\": \"2026-12-07T15:32:46Z\", \"gitCommit\": "
                + "\"522cfbfdc1b60131e58d6c45d7a2f7809f758c5b\"}");
        ReplayedTies t = ReplayedTies.of(unrecorded, runConfig);
        assertThat(t.rule()).isEqualTo(SelectionTies.FIRST);
        assertThat(t.note()).contains("was made by rnnlab commit 522cfbfdc1b60131e58d6c45d7a2f7809f758c5b of 2026-12-01T15:04:38Z");
        // both the commit and the history find the old rule: the note names the tied epochs
        Files.writeString(run.resolve("results.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 3,
                "history", TIED)));
        assertThat(ReplayedTies.of(unrecorded, runConfig).note()).contains("which epoch(s) 4, 5 tied at a lower validation log-loss");
    }

    @Test
    void aCommitBetweenTheTieRuleAndThePatienceChangeGivesTheRuleOfThatWindow() throws Exception {
        // trial 78j F4: a run of ceb1bf21 (2026-12-07 12:43, before 35658db4) kept epoch 3 of a tie at epochs 1-3 and stopped
        // early; its replay counted the ties as gains for --patience, trained 12 epochs and still called itself a repeat
        Path run = Files.createDirectories(dir.resolve("mid"));
        Path runConfig = run.resolve("config.json");
        TrainingConfig unrecorded = TrainingConfig.defaults().withSelectionTies(null);
        String window = "ceb1bf21f8631691c84d1b8841a08e912d13c77a";
        org.junit.jupiter.api.Assumptions.assumeTrue(org.rnnlab.training.Provenance.commitTime(window).isPresent(),
                "rnnlab's git checkout with its history");
        Files.writeString(run.resolve("results.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 3,
                "history", List.of(epoch(1, 0.9167, 0.6), epoch(2, 0.9167, 0.5), epoch(3, 0.9167, 0.4)))));
        Files.writeString(run.resolve("provenance.json"), "{\"startedAt\": \"2026-12-07T13:00:00Z\", \"gitCommit\": \""
                + window + "\"}");
        ReplayedTies t = ReplayedTies.of(unrecorded, runConfig);
        assertThat(t.rule()).isEqualTo(SelectionTies.LOWER_LOG_LOSS_NO_PATIENCE_GAIN);
        assertThat(t.note()).contains("was made by rnnlab commit " + window).contains("commit 35658db4")
                .contains("this run keeps " + SelectionTies.LOWER_LOG_LOSS_NO_PATIENCE_GAIN.words() + " too")
                .contains("selectionTies LOWER_LOG_LOSS_NO_PATIENCE_GAIN");
        // the same for a comparison one of whose runs kept a later tied epoch
        Path cmp = Files.createDirectories(dir.resolve("midcmp").resolve("runs"));
        Files.writeString(cmp.resolve("gru-seed1.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 3,
                "history", List.of(epoch(1, 0.9167, 0.6), epoch(2, 0.9167, 0.5), epoch(3, 0.9167, 0.4)))));
        Files.copy(run.resolve("provenance.json"), cmp.getParent().resolve("provenance.json"));
        ReplayedTies c = ReplayedTies.ofComparison(unrecorded, cmp.getParent().resolve("config.json"));
        assertThat(c.rule()).isEqualTo(SelectionTies.LOWER_LOG_LOSS_NO_PATIENCE_GAIN);
        assertThat(c.note()).contains("this comparison keeps");
        // a commit since 35658db4 (a6610534, 2026-12-07 16:34) is the current rule, without a note
        String since = "a6610534";
        org.junit.jupiter.api.Assumptions.assumeTrue(org.rnnlab.training.Provenance.commitTime(since).isPresent());
        Files.writeString(run.resolve("provenance.json"), "{\"startedAt\": \"2026-12-07T16:00:00Z\", \"gitCommit\": \""
                + since + "\"}");
        assertThat(ReplayedTies.of(unrecorded, runConfig)).isEqualTo(new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null));
    }

    @Test
    void aComparisonIsReadFromItsKeptRuns() throws Exception {
        Path cmp = Files.createDirectories(dir.resolve("cmp").resolve("runs"));
        Path cmpConfig = cmp.getParent().resolve("config.json");
        TrainingConfig unrecorded = TrainingConfig.defaults().withSelectionTies(null);
        // a run without a tie shows no rule (review 78 R1: a run that kept a later tied epoch shows the current one)
        Files.writeString(cmp.resolve("gru-seed1.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 3,
                "history", List.of(epoch(1, 0.5, 0.9), epoch(2, 0.6, 0.8), epoch(3, 0.7, 0.7)))));
        assertThat(ReplayedTies.ofComparison(unrecorded, cmpConfig).rule()).isEqualTo(SelectionTies.LOWER_LOG_LOSS);
        Files.writeString(cmp.resolve("lstm-seed1.json"), Json.mapper().writeValueAsString(java.util.Map.of("bestEpoch", 3,
                "history", TIED)));
        ReplayedTies t = ReplayedTies.ofComparison(unrecorded, cmpConfig);
        assertThat(t.rule()).isEqualTo(SelectionTies.FIRST);
        assertThat(t.note()).contains("its run runs/lstm-seed1.json kept epoch 3").contains("this comparison keeps the first");
    }
}
