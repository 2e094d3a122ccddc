package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * What the command says of the epoch selection fits what it measured: the weights of a --class-weights file, said after the
 * file was checked (a user's 1/10/100 file was said to "weigh the classes alike", before it was read), and the classes'
 * counts and shares (a user's 34/33/32/1 data were told that always predicting the 34% class "scores well").
 */
class SelectionWordsTest {

    @TempDir
    Path dir;

    /** A CSV of {@code counts[c]} sequences of class {@code labels[c]}, 4 steps of one noisy feature shifted by the class. */
    private Path csv(String name, String[] labels, int[] counts) throws Exception {
        Random r = new Random(5);
        StringBuilder b = new StringBuilder("sequence_id,signal,label\n");
        int id = 0;
        for (int c = 0; c < labels.length; c++) {
            for (int n = 0; n < counts[c]; n++, id++) {
                for (int t = 0; t < 4; t++) {
                    b.append(String.format(Locale.ROOT, "s%d,%.4f,%s%n", id, c + r.nextGaussian(), labels[c]));
                }
            }
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }

    private Run train(Path data, String out, String... more) {
        return run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv", "--train", data.toString(), "--hidden",
            "3", "--epochs", "1", "--quiet", "--out", dir.resolve(out).toString()}, more));
    }

    @Test
    void aClassWeightsFileIsSaidAsItsWeightsAfterItIsChecked() throws Exception {
        Path data = csv("even.csv", new String[] {"a", "b", "c"}, new int[] {40, 40, 40});
        Path unequal = Files.writeString(dir.resolve("w.csv"), "a,1\nb,10\nc,100\n");
        Run weighted = train(data, "w", "--class-weights", unequal.toString());
        assertThat(weighted.code()).as(weighted.err()).isZero();
        String said = "train: the epoch kept is the one of highest validation macro-F1, as --class-weights " + unequal
                + " weighs the classes unequally in the loss (from 1.0 for 'a' to 100.0 for 'c'), which choosing by accuracy, "
                + "where every sequence counts alike, would undo";
        assertThat(weighted.err()).contains(said).doesNotContain("alike (--select").doesNotContain("imbalanced");
        assertThat(weighted.err().indexOf("train: class weights a=1.00, b=10.0, c=100")).as("the weights first")
                .isNotNegative().isLessThan(weighted.err().indexOf(said));
        assertThat(Json.mapper().readTree(dir.resolve("w").resolve("config.json").toFile()).at("/training/selection").asText())
                .isEqualTo("MACRO_F1");

        // a file that names a class it does not have: refused, and nothing said of the epoch selection before
        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "a,1\nb,10\nd,100\n");
        Run refused = train(data, "wrong", "--class-weights", wrong.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--class-weights: " + wrong + ": no weight for class(es) 'c'")
                .doesNotContain("the epoch kept");

        // the same weight for every class weighs none above another: chosen as without the file (accuracy, here)
        Path equal = Files.writeString(dir.resolve("equal.csv"), "a,2\nb,2\nc,2\n");
        Run even = train(data, "equal", "--class-weights", equal.toString());
        assertThat(even.code()).as(even.err()).isZero();
        assertThat(even.err()).contains("train: class weights a=2.00, b=2.00, c=2.00").doesNotContain("the epoch kept");
        assertThat(Json.mapper().readTree(dir.resolve("equal").resolve("config.json").toFile()).at("/training/selection").asText())
                .isEqualTo("ACCURACY");
    }

    @Test
    void theImbalanceIsSaidAsMeasured() throws Exception {
        // 34/33/32/1: the largest class is 34%, and one stray label makes the ratio 3 or more
        Run stray = train(csv("stray.csv", new String[] {"a", "b", "c", "d"}, new int[] {340, 330, 320, 10}), "stray");
        assertThat(stray.code()).as(stray.err()).isZero();
        assertThat(stray.err()).containsPattern("train: the classes are imbalanced: 'a' has \\d+ of the \\d+ training sequences "
                + "\\(34%\\), \\d+ times the \\d+ of 'd' \\(1\\.\\d%\\): the epoch kept is the one of highest validation macro-F1, which "
                + "counts every class alike, not accuracy, of which a model that never predicts 'd' loses only 1\\.\\d%")
                .doesNotContain("always predicting");
        // 90/9/1: the same words, as true
        Run skewed = train(csv("skewed.csv", new String[] {"ok", "warn", "fault"}, new int[] {450, 45, 5}), "skewed");
        assertThat(skewed.code()).as(skewed.err()).isZero();
        assertThat(skewed.err()).containsPattern("train: the classes are imbalanced: 'ok' has \\d+ of the \\d+ training sequences "
                + "\\(90%\\), \\d+ times the \\d+ of 'fault' \\(\\d\\.\\d%\\): the epoch kept is the one of highest validation macro-F1");
    }

    @Test
    void aLabelThatDiffersOnlyByAnInvisibleCharacterIsShownEscapedInEveryWarning() throws Exception {
        // a user's try: the data warning escaped the no-break space of 'normal', the later ones printed it raw: 'normal '
        Run run = train(csv("nbsp.csv", new String[] {"normal", "normal\u00a0", "alarm"}, new int[] {40, 4, 40}), "nbsp");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("times the \\d+ of 'normal\\\\u00A0'").contains("a model that never predicts 'normal\\u00A0' loses")
                .doesNotContain("normal\u00a0");
    }
}
