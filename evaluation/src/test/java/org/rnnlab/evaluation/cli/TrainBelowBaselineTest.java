package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * train says when its test scores are not above the majority baseline's: a trial's run scored test accuracy 0.1429,
 * macro-F1 0.1059 under always 'none''s 0.6000, 0.1875, and train printed the baseline with no verdict, where compare
 * marks such a configuration and evaluate says there is no evidence it beats the baseline.
 */
class TrainBelowBaselineTest {

    @TempDir
    Path dir;

    @Test
    void aModelOfNoiseWithClassWeightsIsSaidNotToBeAboveTheBaseline() throws Exception {
        // 80% ok, 20% fault, a feature of noise: balanced class weights make it call about half of everything fault
        Random r = new Random(5);
        StringBuilder b = new StringBuilder("sequence_id,x,label\n");
        for (int s = 0; s < 150; s++) {
            String label = s % 5 == 0 ? "fault" : "ok";
            for (int t = 0; t < 6; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%.4f,%s%n", s, r.nextGaussian(), label));
            }
        }
        Path train = Files.writeString(dir.resolve("noise.csv"), b.toString());
        Run run = run("train", "--dataset", "csv", "--train", train.toString(), "--class-weights", "balanced", "--hidden", "4",
                "--epochs", "2", "--seed", "1", "--quiet", "--out", dir.resolve("run").toString());
        assertThat(run.code()).as(run.err()).isZero();
        Matcher test = Pattern.compile("test accuracy (\\d\\.\\d{4}), macro-F1 (\\d\\.\\d{4})").matcher(run.out());
        assertThat(test.find()).as(run.out()).isTrue();
        Matcher base = Pattern.compile("baseline: always 'ok' \\(the most frequent training class\\): test accuracy (\\d\\.\\d{4}), "
                + "macro-F1 (\\d\\.\\d{4})").matcher(run.out());
        assertThat(base.find()).as(run.out()).isTrue();
        double accuracy = Double.parseDouble(test.group(1));
        double macroF1 = Double.parseDouble(test.group(2));
        double baseAccuracy = Double.parseDouble(base.group(1));
        double baseMacroF1 = Double.parseDouble(base.group(2));
        assertThat(accuracy).as("noise: not above always 'ok'").isLessThanOrEqualTo(baseAccuracy);
        // the note follows the baseline's line, with the scores as printed; which wording depends on macro-F1
        String note = macroF1 <= baseMacroF1
                ? "(test accuracy " + test.group(1) + " and macro-F1 " + test.group(2) + " are not above the baseline's "
                + base.group(1) + " and " + base.group(2) + ": no evidence that this model learned anything always 'ok' does not do"
                : "(test accuracy " + test.group(1) + " is not above the baseline's " + base.group(1) + ", that of always 'ok': its "
                + "accuracy shows nothing learned; macro-F1 (" + test.group(2) + " against the baseline's " + base.group(2) + ") says "
                + "whether the other classes are found; trained with class weights, which trade accuracy for the rare classes' "
                + "recall, macro-F1 is the score to read)\n";
        assertThat(run.out()).contains(base.group() + "\n" + note).doesNotContain("the sequences are long"); // 6 steps
    }

    /**
     * Trial 74c F2: long sequences read at their last step (the default head) learned nothing, and nothing pointed to the
     * pooling heads: after the verdict, a hint of --head max, mean or attention. Noise of 120 steps a sequence, 80% ok.
     */
    @Test
    void longSequencesReadAtTheLastStepGetTheHintOfThePoolingHeads() throws Exception {
        Random r = new Random(7);
        StringBuilder b = new StringBuilder("sequence_id,x,label\n");
        for (int s = 0; s < 60; s++) {
            String label = s % 5 == 0 ? "fault" : "ok";
            for (int t = 0; t < 120; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%.4f,%s%n", s, r.nextGaussian(), label));
            }
        }
        Path train = Files.writeString(dir.resolve("long.csv"), b.toString());
        Run run = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "2", "--epochs", "1", "--seed", "1",
                "--quiet", "--out", dir.resolve("long").toString());
        assertThat(run.code()).as(run.err()).isZero();
        Matcher verdict = Pattern.compile("\\((test accuracy \\d\\.\\d{4}[^\\n]*)\\)\n").matcher(run.out());
        assertThat(verdict.find()).as(run.out()).isTrue();
        assertThat(verdict.group(1)).contains("not above the baseline's");
        assertThat(run.out().substring(verdict.end())).startsWith("(the sequences are long (median 120 steps, over 100) and the "
                + "last head reads the last step only: what happened earlier in a sequence reaches it only through the cell's "
                + "state; an event somewhere in a long run is found better pooled over every step: try --head max (or mean, or "
                + "attention), or --tune, which searches the head too)\n");
        // trial 77a F1: and before training, a warning of how far back the last head reads, kept with the run's data warnings
        String warning = "the sequences are long (median 120 steps, over 100) and the last head reads the last step only: what "
                + "happened earlier reaches the answer only through the cell's state, which in a small GRU or LSTM typically "
                + "carries back tens to hundreds of steps and in a vanilla RNN fewer, so an event thousands of steps before the "
                + "end cannot reach the answer (a trial's 16-unit GRU gave the same probabilities to 6 decimals from the last 100 "
                + "steps of a 20,000-step recording as from all of it); --head max (or mean) pools every step, so an event "
                + "anywhere in the sequence counts. This is said from the length alone: an event that leaves a lasting trace, a "
                + "level shift or a running count that keeps its total to the end, does reach the last step; to see which head "
                + "reads these data better, run the same compare with --head last and with --head max (with --cv K for a "
                + "steadier verdict) and keep the better";
        int started = run.err().indexOf(" test sequences) -> "); // the line that opens the run
        assertThat(started).as(run.err()).isNotNegative();
        assertThat(run.err().indexOf("train: warning: " + warning + "\n")).as(run.err()).isGreaterThan(started);
        // data-warnings.txt is written before the first epoch: the warning was there before training began
        assertThat(Files.readAllLines(dir.resolve("long").resolve("data-warnings.txt"))).contains(warning);
        // a pooling head: no hint, no warning
        Run max = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "2", "--epochs", "1", "--seed", "1",
                "--head", "max", "--quiet", "--out", dir.resolve("max").toString());
        assertThat(max.code()).as(max.err()).isZero();
        assertThat(max.out()).doesNotContain("the sequences are long");
        assertThat(max.err()).doesNotContain("the sequences are long");
        assertThat(org.rnnlab.evaluation.run.DataWarnings.read(dir.resolve("max"))).noneMatch(w -> w.contains("the sequences are long"));
    }
}
