package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.training.EpochStats;

/**
 * Training progress written to a log (standard error not a terminal, as under the test runner): no bars, but a line
 * per epoch unless --quiet (a user's try: a redirected train printed nothing until its summary).
 */
class ProgressTest {

    private static String written(boolean quiet) {
        return written(quiet, 0.75);
    }

    private static String written(boolean quiet, double validationAccuracy) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (Progress p = new Progress("train", quiet)) {
            p.onIteration(1, 1, 2, 0.7);
            p.onIteration(1, 2, 2, 0.6);
            p.onEpoch(new EpochStats(1, 0.65, validationAccuracy, 1.5, 128));
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLogGetsOneLinePerEpochAndNoBars() {
        assertThat(Progress.standardErrorIsATerminal()).as("the test runner's standard error is not a terminal").isFalse();
        assertThat(written(false)).isEqualTo("train epoch 1: loss 0.6500, validation accuracy 0.7500, 1.5 s, 128 samples/s"
                + System.lineSeparator());
        assertThat(written(true)).isEmpty();
    }

    @Test
    void theEpochLineShowsTheValueOfAThresholdFreeSelection() {
        // trial 65c: the line showed a macro-F1 flat at 0.4923, nothing of what was moving
        EpochStats stats = new EpochStats(2, 0.30, 0.97, 1.5, 128, null, 0.4923, 0.1234, 0.8123, 0.4567);
        for (var e : java.util.Map.of(org.rnnlab.training.EpochSelection.LOG_LOSS, ", log-loss 0.1234",
                org.rnnlab.training.EpochSelection.ROC_AUC, ", ROC AUC 0.8123",
                org.rnnlab.training.EpochSelection.AVERAGE_PRECISION, ", average precision 0.4567",
                org.rnnlab.training.EpochSelection.MACRO_F1, "").entrySet()) {
            PrintStream saved = System.err;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            try (Progress p = new Progress("train", false)) {
                // the last epoch of the run: no time left on its line
                p.onStart(org.rnnlab.training.TrainingConfig.defaults().withEpochs(2).withSelection(e.getKey()));
                p.onEpoch(stats);
            } finally {
                System.setErr(saved);
            }
            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("train epoch 2: loss 0.3000, validation accuracy 0.9700, "
                    + "macro-F1 0.4923" + e.getValue() + ", 1.5 s, 128 samples/s" + System.lineSeparator());
        }
    }

    @Test
    void withoutValidationDataTheLineSaysSoInsteadOfNaN() {
        assertThat(written(false, Double.NaN)).isEqualTo("train epoch 1: loss 0.6500, no validation data, 1.5 s, 128 samples/s"
                + System.lineSeparator());
    }

    /** What a log gets of {@code epochs} epochs of a run of {@code config}, each taking {@code seconds} on the given clock. */
    private static String logged(org.rnnlab.training.TrainingConfig config, int epochs, double validationAccuracy, boolean terminal,
                                 double seconds) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        long[] now = {1_000_000_000L};
        try (Progress p = new Progress("train", false, terminal, () -> now[0])) {
            p.onStart(config);
            for (int e = 1; e <= epochs; e++) {
                now[0] += (long) (seconds * 1e9);
                p.onEpoch(new EpochStats(e, 0.5, validationAccuracy, 1.5, 128));
            }
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLogsEpochLinesEndWithTheTimeLeftForTheRemainingEpochs() {
        // trial 72b: redirected to a file, a run said nothing of how long its remaining epochs would take
        org.rnnlab.training.TrainingConfig fifteen = org.rnnlab.training.TrainingConfig.defaults().withEpochs(15)
                .withEarlyStopping(5, 0);
        String log = logged(fifteen, 3, 0.75, false, 2.1);
        // 2.1 s an epoch x the 12 epochs left of 15
        assertThat(log.lines().toList()).hasSize(3).last().asString().isEqualTo("train epoch 3: loss 0.5000, validation accuracy "
                + "0.7500, 1.5 s, 128 samples/s; about 0:00:25 left for the remaining 12 epochs at most (early stopping may end sooner)");
        assertThat(log.lines().toList().get(0)).endsWith("; about 0:00:29 left for the remaining 14 epochs at most (early stopping "
                + "may end sooner)");
        // the last epoch: nothing left; one epoch left: singular
        assertThat(logged(fifteen, 15, 0.75, false, 2).lines().toList()).satisfies(lines -> {
            assertThat(lines.get(13)).endsWith("; about 0:00:02 left for the remaining 1 epoch at most (early stopping may end sooner)");
            assertThat(lines.get(14)).endsWith("128 samples/s");
        });
        // an hour's epochs, no early stopping (no validation data), a time budget
        assertThat(logged(org.rnnlab.training.TrainingConfig.defaults().withEpochs(4).withEarlyStopping(5, 0).withTimeBudgetSeconds(9000),
                1, Double.NaN, false, 3725).lines().toList().get(0)).endsWith("no validation data, 1.5 s, 128 samples/s; about 3:06:15 "
                + "left for the remaining 3 epochs at most (the time budget may end sooner)");
        assertThat(logged(org.rnnlab.training.TrainingConfig.defaults().withEpochs(4), 1, 0.75, false, 1).lines().toList().get(0))
                .endsWith("; about 0:00:03 left for the remaining 3 epochs");
        // a terminal has its bars (with the epoch's time left): the epoch line stays as it was
        assertThat(logged(fifteen, 3, 0.75, true, 2.1).lines().toList().get(2)).isEqualTo("train epoch 3: loss 0.5000, validation "
                + "accuracy 0.7500, 1.5 s, 128 samples/s");
    }

    @Test
    void aRealTrainingLogsTheTimeLeftConsistentWithItsEpochs(@TempDir java.nio.file.Path dir) throws Exception {
        org.rnnlab.datasets.synthetic.ExampleArchive.write(dir, 12, 4, 3);
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        TrainEvaluatePredictTest.Run r;
        try {
            r = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(), "--set",
                    "sequenceId=series_id", "--set", "time=timestamp", "--set", "label=class", "--hidden", "4", "--epochs", "3",
                    "--patience", "0", "--out", dir.resolve("run").toString());
        } finally {
            System.setErr(saved);
        }
        assertThat(r.code()).as(r.err()).isZero();
        List<String> epochs = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("train epoch ")).toList();
        assertThat(epochs).hasSize(3);
        assertThat(epochs.get(0)).containsPattern("^train epoch 1: .*; about \\d+:\\d\\d:\\d\\d left for the remaining 2 epochs$");
        assertThat(epochs.get(1)).containsPattern("^train epoch 2: .*; about \\d+:\\d\\d:\\d\\d left for the remaining 1 epoch$");
        assertThat(epochs.get(2)).startsWith("train epoch 3: ").doesNotContain("left for");
    }

    @Test
    void aLoggedComparisonsRunLinesEndWithTheTimeLeftForTheRemainingRuns(@TempDir java.nio.file.Path dir) {
        // compare prints no epoch lines to a log, one line per run: the estimate over the runs is on it
        TrainEvaluatePredictTest.Run r = TrainEvaluatePredictTest.run("compare", "--bands", "none", "--cells", "rnn", "--seeds", "3",
                "--hidden", "4", "--epochs", "1", "--patience", "0", "--probe", "0", "--set", "trainSize=60", "--set",
                "validationSize=20", "--set", "testSize=20", "--out", dir.resolve("cmp").toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> runs = r.err().lines().filter(l -> l.matches("^  rnn +seed \\d.*")).toList();
        assertThat(runs).hasSize(3);
        assertThat(runs.get(0)).containsPattern("^  rnn +seed 1: .* total\\); about \\d+:\\d\\d:\\d\\d left for the remaining 2 runs$");
        assertThat(runs.get(1)).containsPattern("^  rnn +seed 2: .* total\\); about \\d+:\\d\\d:\\d\\d left for the remaining 1 run$");
        assertThat(runs.get(2)).containsPattern("^  rnn +seed 3: .* total\\)$");
        // --quiet: the run lines without it
        TrainEvaluatePredictTest.Run quiet = TrainEvaluatePredictTest.run("compare", "--bands", "none", "--cells", "rnn", "--seeds", "2",
                "--hidden", "4", "--epochs", "1", "--patience", "0", "--probe", "0", "--set", "trainSize=60", "--set",
                "validationSize=20", "--set", "testSize=20", "--quiet", "--out", dir.resolve("quiet").toString());
        assertThat(quiet.code()).as(quiet.err()).isZero();
        assertThat(quiet.err()).contains("seed 1: ").doesNotContain("left for the remaining");
    }

    @Test
    void aResumedComparisonsTimeLeftCountsTheRunsStillToTrain(@TempDir java.nio.file.Path dir) throws Exception {
        // trial 76g F4: a resume with 1 run left said "the remaining 8 runs" (the run's place in the grid)
        java.nio.file.Path out = dir.resolve("cmp");
        TrainEvaluatePredictTest.Run first = TrainEvaluatePredictTest.run("compare", "--bands", "none", "--cells", "rnn", "--seeds", "4",
                "--hidden", "4", "--epochs", "1", "--patience", "0", "--probe", "0", "--set", "trainSize=60", "--set",
                "validationSize=20", "--set", "testSize=20", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        java.nio.file.Files.delete(out.resolve("runs/rnn-seed1.json"));
        java.nio.file.Files.delete(out.resolve("runs/rnn-seed2.json"));
        TrainEvaluatePredictTest.Run resumed = TrainEvaluatePredictTest.run("compare", "--resume", out.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        List<String> runs = resumed.err().lines().filter(l -> l.matches("^  rnn +seed \\d.*")).toList();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0)).containsPattern("^  rnn +seed 1: .* total\\); about \\d+:\\d\\d:\\d\\d left for the remaining 1 run$");
        assertThat(runs.get(1)).containsPattern("^  rnn +seed 2: .* total\\)$");
    }

    @Test
    void earlyStoppingIsNotSaidToEndSoonerWhenItsPatienceOutlastsTheBudget() {
        // trial 77f: a 4-epoch run of patience 5 said "early stopping may end sooner" on every line, compare that it cannot
        org.rnnlab.training.TrainingConfig four = org.rnnlab.training.TrainingConfig.defaults().withEpochs(4).withEarlyStopping(5, 0);
        assertThat(logged(four, 3, 0.75, false, 1).lines().toList()).allSatisfy(l -> assertThat(l).doesNotContain("early stopping"))
                .first().asString().endsWith("; about 0:00:03 left for the remaining 3 epochs");
        // 10 epochs, patience 3: the best epoch 1 could stop at 4; from a best at epoch 7 on, no stop can come before epoch 10
        org.rnnlab.training.TrainingConfig ten = org.rnnlab.training.TrainingConfig.defaults().withEpochs(10).withEarlyStopping(3, 0);
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (Progress p = new Progress("train", false, false, () -> 0L)) {
            p.onStart(ten);
            for (int e = 1; e <= 8; e++) {
                p.onEpoch(new EpochStats(e, 0.5, e <= 7 ? 0.5 + e * 0.05 : 0.6, 1.5, 128));
            }
        } finally {
            System.setErr(saved);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(5)).as("best epoch 6: a stop at 9 is possible").endsWith("(early stopping may end sooner)");
        assertThat(lines.get(6)).as("best epoch 7: 7 + 3 is the budget's last").doesNotContain("early stopping");
        assertThat(lines.get(7)).doesNotContain("early stopping");
    }

    @Test
    void aTieOfTheSelectionScoreShowsTheLogLossThatBreaksIt() {
        // trial 77f: --patience 2 ran all 15 epochs of a macro-F1 flat at 1.0000: each lower log-loss was a gain, unshown
        org.rnnlab.training.TrainingConfig config = org.rnnlab.training.TrainingConfig.defaults().withEpochs(4).withEarlyStopping(2, 0)
                .withSelection(org.rnnlab.training.EpochSelection.MACRO_F1);
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (Progress p = new Progress("train", false, true, () -> 0L)) {
            p.onStart(config);
            p.onEpoch(new EpochStats(1, 0.5, 0.9, 1.5, 128, null, 0.6480, 0.5363, null, null));
            p.onEpoch(new EpochStats(2, 0.4, 1.0, 1.5, 128, null, 1.0, 0.0760, null, null));
            p.onEpoch(new EpochStats(3, 0.3, 1.0, 1.5, 128, null, 1.0, 0.0500, null, null));
            p.onEpoch(new EpochStats(4, 0.3, 1.0, 1.5, 128, null, 1.0, 0.0600, null, null));
        } finally {
            System.setErr(saved);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).doesNotContain("log-loss");
        assertThat(lines.get(1)).as("a gain by the score: no tie").doesNotContain("log-loss");
        assertThat(lines.get(2)).contains("macro-F1 1.0000, log-loss 0.0500 (macro-F1 tied with the best, epoch 2: a lower log-loss "
                + "than its 0.0760 counts as a gain: the best so far), 1.5 s");
        assertThat(lines.get(3)).contains(", log-loss 0.0600 (macro-F1 tied with the best, epoch 3: no lower than its 0.0500, no gain)");
    }

    /** A replay of a run made before the tie-break (selectionTies FIRST, trial 78a) breaks no tie: its lines say none. */
    @Test
    void theFirstEpochRuleShowsNoTieBreak() {
        org.rnnlab.training.TrainingConfig config = org.rnnlab.training.TrainingConfig.defaults().withEpochs(3)
                .withSelection(org.rnnlab.training.EpochSelection.MACRO_F1)
                .withSelectionTies(org.rnnlab.training.SelectionTies.FIRST);
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (Progress p = new Progress("train", false, true, () -> 0L)) {
            p.onStart(config);
            p.onEpoch(new EpochStats(1, 0.4, 1.0, 1.5, 128, null, 1.0, 0.0760, null, null));
            p.onEpoch(new EpochStats(2, 0.3, 1.0, 1.5, 128, null, 1.0, 0.0500, null, null));
            p.onEpoch(new EpochStats(3, 0.3, 1.0, 1.5, 128, null, 1.0, 0.0400, null, null));
        } finally {
            System.setErr(saved);
        }
        String lines = bytes.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("train epoch 3").doesNotContain("tied with the best").doesNotContain("counts as a gain");
    }
}
