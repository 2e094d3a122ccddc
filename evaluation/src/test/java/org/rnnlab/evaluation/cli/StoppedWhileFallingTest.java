package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.train.TrainOutcome;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.TrainingConfig;

/**
 * train warns, as compare does of its runs, when early stopping ended the run while its training loss was still falling (a
 * power-quality trial: stopped at epoch 8 of 15, the loss 1.855 falling to 1.694, with only an INFO line), with the losses and
 * the remedies; and not when the validation accuracy reached 1.0 (nothing left to gain), nor when the run used its epochs.
 */
class StoppedWhileFallingTest {

    private static String[] train(Path dir, String... more) {
        String[] base = {"train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(), "--set", "sequenceId=series_id",
            "--set", "time=timestamp", "--set", "label=class", "--quiet"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aRealRunStoppedWhileItsLossFellIsWarnedOfWithItsLosses(@TempDir Path dir) throws Exception {
        // a fast learning rate on 8 units: the training loss falls from epoch 2 on (3.2911 to 0.1586) while the 5 validation
        // sequences' accuracy stays at 0.8 from epoch 7 and their log-loss rises after epoch 8, so patience 3 ends the run at
        // epoch 11 of 12
        ExampleArchive.write(dir, 12, 4, 3);
        Run r = run(train(dir, "--hidden", "8", "--epochs", "12", "--patience", "3", "--lr", "1.0", "--out", dir.resolve("run").toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("kept epoch 8 of 11");
        // the losses of a learning rate of 1.0 part in the 4th decimal between CPUs from epoch 5 on (0.8862 on an AMD EPYC,
        // 0.8863 on an Intel Xeon with AVX-512; 0.1586 and 0.1531 at epoch 11): the first four and the shape are checked
        assertThat(r.err()).contains("train: warning: early stopping ended the run at epoch 11 of 12 (no validation gain for 3 "
                + "epochs; epoch 8 kept) while its training loss was still falling (0.8899, 3.2911, 1.6666, 1.2122, ")
                .containsPattern("still falling \\(0\\.8899, 3\\.2911, 1\\.6666, 1\\.2122(, 0\\.\\d{4}){7}, the last the lowest\\)")
                .contains("a larger --patience (6, say) lets it train on, --patience 0 trains all 12 epochs")
                .contains("with a validation split of only 5 sequences, a larger one (--set validationFraction=0.25");
        assertThat(org.rnnlab.core.Json.mapper().readTree(dir.resolve("run/results.json").toFile()).get("stoppedBy").asText())
                .isEqualTo("early stopping");
        // trial 77a F4: a slow learning rate keeps the validation accuracy at 0.2 while the validation log-loss falls every
        // epoch; each epoch ties the best accuracy at a lower log-loss, is kept, and is a gain for the patience too, so the run
        // trains all 12 epochs (it stopped at epoch 4 "without gain for 3 epochs", keeping epoch 4)
        Run slow = run(train(dir, "--hidden", "4", "--epochs", "12", "--patience", "3", "--lr", "0.01", "--out",
                dir.resolve("slow").toString()));
        assertThat(slow.code()).as(slow.err()).isZero();
        assertThat(slow.out()).contains("kept epoch 12 of 12");
        assertThat(slow.err()).doesNotContain("early stopping ended the run").doesNotContain("early stop after");
    }

    @Test
    void aRealRunWhoseValidationAccuracyReachedOneOrThatUsedItsEpochsIsNot(@TempDir Path dir) throws Exception {
        // a faster learning rate: validation accuracy 1.0 from epoch 3 and the validation log-loss falling to the end, each
        // epoch kept: the run trains all 12 epochs (patience 2), nothing to warn of (a run stopped at 1.0 is not warned of
        // either: no more epochs could raise the validation score, as compare does not warn of such runs)
        ExampleArchive.write(dir, 12, 4, 3);
        Run solved = run(train(dir, "--hidden", "4", "--epochs", "12", "--patience", "2", "--lr", "0.3", "--out",
                dir.resolve("solved").toString()));
        assertThat(solved.code()).as(solved.err()).isZero();
        assertThat(solved.out()).contains("kept epoch 12 of 12").contains("validation accuracy 1.0000");
        assertThat(solved.err()).doesNotContain("early stopping ended the run");
        // the slow run of the test above, without early stopping: all 4 epochs trained, nothing to warn of
        Run whole = run(train(dir, "--hidden", "4", "--patience", "0", "--lr", "0.01", "--epochs", "4", "--out",
                dir.resolve("whole").toString()));
        assertThat(whole.code()).as(whole.err()).isZero();
        assertThat(whole.out()).contains("of 4 (");
        assertThat(whole.err()).doesNotContain("early stopping ended the run");
    }

    @Test
    void theTrialsRunIsWarnedOfWithItsLossesAndALongHistoryIsShortened() {
        double[] trial = {1.855, 1.783, 1.787, 1.789, 1.763, 1.743, 1.730, 1.694};
        TrainingConfig fifteen = TrainingConfig.defaults().withEpochs(15).withEarlyStopping(5, 0);
        // validation = one substation of 50 records: not tiny, so no word of a larger split
        assertThat(TrainCommand.stoppedWhileFalling(outcome(3, trial), fifteen)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("early stopping ended the run at epoch 8 of 15 (no validation gain for 5 epochs; epoch 3 kept) while its "
                        + "training loss was still falling (1.8550, 1.7830, 1.7870, 1.7890, 1.7630, 1.7430, 1.7300, 1.6940, the last "
                        + "the lowest)").contains("--patience (10, say)").doesNotContain("validationFraction"));
        double[] twenty = new double[20];
        for (int i = 0; i < twenty.length; i++) {
            twenty[i] = 2.0 - 0.05 * i;
        }
        assertThat(TrainCommand.stoppedWhileFalling(outcome(15, twenty), TrainingConfig.defaults().withEpochs(40)
                .withEarlyStopping(5, 0))).hasValueSatisfying(w -> assertThat(w).contains("(2.0000, 1.9500, 1.9000, ..., 1.3000, "
                + "1.2500, 1.2000, 1.1500, 1.1000, 1.0500, the last the lowest)"));
        // a loss that rose at the end, a time budget, no early stopping: no warning (compare's rule)
        assertThat(TrainCommand.stoppedWhileFalling(outcome(3, 1.855, 1.783, 1.79), fifteen)).isEmpty();
        assertThat(TrainCommand.stoppedWhileFalling(outcome(3, trial), fifteen.withTimeBudgetSeconds(60))).isEmpty();
        assertThat(TrainCommand.stoppedWhileFalling(outcome(3, trial), fifteen.withEarlyStopping(0, 0))).isEmpty();
    }

    private static TrainOutcome outcome(int best, double... losses) {
        List<EpochStats> history = new ArrayList<>();
        for (int e = 0; e < losses.length; e++) {
            history.add(new EpochStats(e + 1, losses[e], 0.4, 1, 100));
        }
        return new TrainOutcome(Path.of("run"), Path.of("run/model.rnnlab"), "conv2-gru-16-max", best, 10, history,
                org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{20, 5}, {10, 15}}, List.of(),
                        0.1), null, "early stopping", "highest validation accuracy");
    }
}
