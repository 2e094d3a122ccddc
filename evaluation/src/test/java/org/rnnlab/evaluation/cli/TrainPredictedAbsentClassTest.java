package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * train's result line and verdict against the baseline when the model predicts a class its test split holds none of: a
 * wind-farm trial's time split left one fault out of the test period, the model predicted it 26 times, and rnnlab's macro-F1
 * (over the classes present) read 0.3397 against the baseline's 0.3266, where scikit-learn's f1_score(average='macro')
 * said 0.2548. Both are now given, and the verdict takes the lower.
 */
class TrainPredictedAbsentClassTest {

    @TempDir
    Path dir;

    /**
     * 'a' and 'c' look alike (x near 0), 'b' stands apart (x near 3); training holds more 'c' than 'a', the later test file
     * no 'c' at all: the model calls the test's 'a' sequences 'c', finds every 'b', and 'b' is the majority.
     */
    private static String data(Random r, int a, int b, int c, String prefix) {
        StringBuilder sb = new StringBuilder();
        int s = 0;
        for (int[] n : new int[][] {{a, 0}, {b, 1}, {c, 2}}) {
            for (int i = 0; i < n[0]; i++, s++) {
                String label = n[1] == 0 ? "a" : n[1] == 1 ? "b" : "c";
                double level = n[1] == 1 ? 3 : 0;
                for (int t = 0; t < 6; t++) {
                    sb.append(String.format(Locale.ROOT, "%s%d,%.4f,%s%n", prefix, s, level + 0.3 * r.nextGaussian(), label));
                }
            }
        }
        return sb.toString();
    }

    /** {@link #data}'s model: trained on 'a', 'b' and 'c', tested on a file of 'a' and 'b' only (run/, train.csv, test.csv). */
    private Run trainOnTheFiles() throws Exception {
        Random r = new Random(3);
        Path train = Files.writeString(dir.resolve("train.csv"), "sequence_id,x,label\n" + data(r, 15, 70, 60, "tr"));
        Path test = Files.writeString(dir.resolve("test.csv"), "sequence_id,x,label\n" + data(r, 20, 20, 0, "te"));
        return run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "4",
                "--epochs", "6", "--seed", "1", "--threads", "1", "--quiet", "--out", dir.resolve("run").toString());
    }

    @Test
    void theScikitLearnMacroF1IsGivenAndTheVerdictTakesIt() throws Exception {
        Run run = trainOnTheFiles();
        assertThat(run.code()).as(run.err()).isZero();
        // the result line: rnnlab's macro-F1 over the classes present ('a' 0, 'b' 1), then scikit-learn's, 'c' counted at 0
        assertThat(run.out()).contains("test accuracy 0.5000, macro-F1 0.5000 (macro-F1 0.3333 counting the class(es) predicted "
                + "here but absent, F1 0 each, as scikit-learn's f1_score(average='macro') does; rnnlab's macro-F1 averages the "
                + "classes present; predicted here but absent: 'c' (20 predictions))");
        assertThat(run.out()).contains("baseline: always 'b' (the most frequent training class): test accuracy 0.5000, macro-F1 0.3333\n");
        // 0.5000 read as above the baseline's 0.3333; the verdict takes the lower figure, and says so
        assertThat(run.out()).contains("(test accuracy 0.5000 and macro-F1 0.3333 (counting the class(es) predicted here but "
                + "absent, F1 0 each, as scikit-learn's f1_score(average='macro') does; 0.5000 over the classes present, which "
                + "leaves those predictions out: the verdict takes the lower) are not above the baseline's 0.5000 and 0.3333: no "
                + "evidence that this model learned anything always 'b' does not do")
                .doesNotContain("says whether the other classes are found");
    }

    /**
     * The same model and test file (trial 68e): predict, the card (and so serve and the Java API) and evaluate judge by the
     * lower, scikit-learn macro-F1 as train did; evaluate names the class predicted but absent.
     */
    @Test
    void predictTheCardAndEvaluateJudgeByTheLowerFigureToo() throws Exception {
        Run run = trainOnTheFiles();
        Path test = dir.resolve("test.csv");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("no evidence that this model learned anything always 'b' does not do");
        Path model = dir.resolve("run").resolve("model.rnnlab");
        org.rnnlab.training.ModelCard card = org.rnnlab.training.ModelBundle.readCard(model);
        // the card: macro-F1 over the classes present 0.5000 above the baseline's 0.3333, scikit-learn's 0.3333 not
        assertThat(card.metrics().get("test_macro_f1")).isEqualTo(0.5);
        assertThat(card.metrics().get(org.rnnlab.training.ModelCard.TEST_MACRO_F1_PRESENT_OR_PREDICTED))
                .isCloseTo(1 / 3.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(card.notAboveMajorityBaseline().orElseThrow()).startsWith("this model did not beat always predicting 'b' on "
                + "its run's test split (test accuracy 0.5000 against 0.5000, macro-F1 0.3333 counting the class(es) predicted "
                + "there but absent, F1 0 each, as scikit-learn does (0.5000 over the classes present) against 0.3333)");
        Run p = run("predict", "--model", model.toString(), "--input", test.toString(), "--threads", "1");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.err()).contains("predict: warning: this model did not beat always predicting 'b'");
        // an older card, without the key: judged by the macro-F1 over the classes present, as before (it loads)
        Path old = dir.resolve("old.rnnlab");
        HeldOutPredictedSharesTest.rewriteCard(model, old, c -> ((com.fasterxml.jackson.databind.node.ObjectNode) c.get("metrics"))
                .remove(org.rnnlab.training.ModelCard.TEST_MACRO_F1_PRESENT_OR_PREDICTED));
        assertThat(org.rnnlab.training.ModelBundle.readCard(old).notAboveMajorityBaseline()).isEmpty();
        // evaluate on the very file train tested on: not "macro-F1 reliably higher", and the class named
        Run e = run("evaluate", "--model", model.toString(), "--input", test.toString(), "--threads", "1");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("(macro-F1 0.3333 counting the class(es) predicted here but absent, F1 0 each, as "
                + "scikit-learn's f1_score(average='macro') does; rnnlab's macro-F1 averages the classes present; predicted here "
                + "but absent: 'c' (20 predictions))");
        assertThat(e.out()).doesNotContain("macro-F1 reliably higher")
                .contains("and macro-F1 counting the class(es) predicted here but absent (0.3333, scikit-learn's) is not above "
                        + "the baseline's 0.3333: the verdict takes the lower: no evidence here that the model beats always 'a'");
    }
}
