package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.run.CompareRequest;

/**
 * A recipe's learning rate was chosen for Adam: with {@code --updater sgd} or {@code nesterovs} and no {@code --lr} it is
 * left out and the updater's default applies, said as without a recipe (a user's {@code --updater nesterovs --recipe small}
 * trained at 0.01 without a word); a {@code --find-lr} sweep, which ignores --lr, says nothing of a default rate.
 */
class RecipeLearningRateTest {

    private static List<String> expand(String... args) {
        return Arrays.asList(Recipe.expand(Main.commandLine(), args));
    }

    @Test
    void plainGradientUpdatersLeaveOutTheRecipesRate() {
        assertThat(expand("compare", "--recipe", "small", "--updater", "nesterovs")).doesNotContain("--lr").contains("--batch");
        assertThat(expand("train", "--recipe", "har", "--updater=SGD")).doesNotContain("--lr");
        assertThat(expand("compare", "--recipe", "small", "--updater", "rmsprop")).contains("--lr", Recipe.SMALL.learningRate());
        assertThat(expand("compare", "--recipe", "small")).contains("--lr", "0.01");
        List<String> mine = expand("compare", "--recipe", "small", "--updater", "sgd", "--lr", "0.3");
        assertThat(mine.stream().filter("--lr"::equals).count()).as("only the user's").isEqualTo(1);
        assertThat(mine).containsSubsequence("--lr", "0.3");
    }

    @Test
    void theCommandSaysTheUpdatersDefaultAndUsesIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        Run c = run("compare", "--dataset", "temporal-order", "--set", "trainSize=40", "--set", "validationSize=12", "--set",
                "testSize=12", "--recipe", "small", "--updater", "nesterovs", "--cells", "gru", "--seeds", "1", "--hidden", "3",
                "--epochs", "1", "--probe", "0", "--quiet", "--out", out.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.err()).contains("compare: --updater nesterovs without --lr: learning rate 0.1 (--recipe small's --lr 0.01, "
                + "chosen for Adam, is far too small for plain gradient steps and is left out); --lr sets it");
        assertThat(Json.readFile(out.resolve("config.json"), CompareRequest.class).comparison().base().learningRate()).isEqualTo(0.1);
    }

    @Test
    void aSweepSaysNothingOfTheDefaultRate(@TempDir Path dir) {
        Run sweep = run("train", "--dataset", "temporal-order", "--set", "trainSize=40", "--set", "validationSize=12", "--set",
                "testSize=12", "--hidden", "3", "--updater", "sgd", "--find-lr", "--find-lr-steps", "20", "--quiet", "--out",
                dir.resolve("lr").toString());
        assertThat(sweep.code()).as(sweep.err()).isZero();
        assertThat(sweep.err()).contains("train --find-lr: ").doesNotContain("without --lr").doesNotContain("--lr sets it");
        Run train = run("train", "--dataset", "temporal-order", "--set", "trainSize=40", "--set", "validationSize=12", "--set",
                "testSize=12", "--hidden", "3", "--updater", "sgd", "--epochs", "1", "--quiet", "--out", dir.resolve("t").toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.err()).contains("train: --updater sgd without --lr: learning rate 0.1 (the default 0.005 is Adam's, far too "
                + "small for plain gradient steps); --lr sets it");
    }
}
