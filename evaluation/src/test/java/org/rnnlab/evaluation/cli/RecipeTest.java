package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.run.CompareRequest;
import org.rnnlab.evaluation.train.TrainRequest;
import picocli.CommandLine;

/**
 * {@code --recipe NAME} stands for a set of options written before the user's: options the user gives win (by any
 * of their names, as {@code --opt=value} or negated), {@code train} takes the recipe's first cell, and the resolved
 * values reach config.json.
 */
class RecipeTest {

    private static List<String> expand(String... args) {
        return Arrays.asList(Recipe.expand(Main.commandLine(), args));
    }

    /** The value following {@code option} in {@code args}, or null. */
    private static String valueOf(List<String> args, String option) {
        int i = args.indexOf(option);
        return i < 0 ? null : args.get(i + 1);
    }

    @Test
    void aRecipeIsItsOptionsBeforeTheUsersOwn() {
        List<String> args = expand("compare", "--dataset", "har", "--recipe", "har", "--data", "x");
        List<String> recipe = Recipe.HAR.arguments("compare");
        assertThat(args.subList(0, 1 + recipe.size())).containsExactlyElementsOf(concat(List.of("compare"), recipe));
        assertThat(args.subList(1 + recipe.size(), args.size())).containsExactly("--dataset", "har", "--recipe", "har", "--data", "x");
        assertThat(recipe).contains("--cells", "--seeds");
        assertThat(Recipe.HAR.arguments("train")).doesNotContain("--cells", "--seeds").contains("--cell");
        assertThat(valueOf(Recipe.HAR.arguments("train"), "--cell")).isEqualTo(valueOf(recipe, "--cells").split(",")[0]);
    }

    @Test
    void optionsTheUserGivesWinInEveryForm() {
        List<String> args = expand("--version-not", "train", "--recipe=har", "--hidden=16", "--lr", "0.1", "--no-residual");
        assertThat(args.stream().filter(a -> a.startsWith("--hidden")).toList()).containsExactly("--hidden=16");
        assertThat(args.stream().filter("--lr"::equals).count()).isEqualTo(1);
        assertThat(valueOf(args, "--lr")).isEqualTo("0.1");
        List<String> seeds = expand("compare", "--recipe", "text", "--seeds", "5");
        assertThat(seeds.stream().filter("--seeds"::equals).count()).isEqualTo(1);
        assertThat(valueOf(seeds, "--seeds")).isEqualTo("5");
    }

    @Test
    void datasetSettingsMergeByKey() {
        List<String> withSet = new ArrayList<>();
        for (Recipe r : Recipe.values()) {
            List<String> a = r.arguments("compare");
            for (int i = 0; i < a.size(); i += 2) {
                if ("--set".equals(a.get(i))) {
                    withSet.add(r.id() + " " + a.get(i + 1));
                }
            }
        }
        assertThat(withSet).as("a recipe that sets a dataset setting").isNotEmpty();
        String[] first = withSet.get(0).split(" ");
        String key = first[1].substring(0, first[1].indexOf('='));
        List<String> mine = expand("compare", "--dataset", "csv", "--recipe", first[0], "--set", key + "=0.25", "--set=other=1");
        assertThat(mine.stream().filter(x -> x.startsWith(key + "=")).toList()).containsExactly(key + "=0.25");
        List<String> theirs = expand("compare", "--dataset=csv", "--recipe", first[0], "--set", "other=1");
        assertThat(theirs).contains(first[1], "other=1");
        assertThat(expand("compare", "--dataset", "csv", "--recipe", first[0], "--validation", "v.csv")).doesNotContain(first[1]);
        assertThat(expand("compare", "--dataset", "agreement", "--recipe", first[0])).doesNotContain(first[1]);
        assertThat(expand("compare", "--recipe", first[0])).as("the default dataset, agreement").doesNotContain(first[1]);
    }

    @Test
    void aLearningRateSweepKeepsTheRecipesModelButNotItsTrainingSchedule() {
        List<String> args = expand("train", "--recipe", "har", "--find-lr");
        assertThat(args).contains("--conv", "--head", "--augment").doesNotContain("--lr", "--epochs", "--lr-schedule", "--patience");
    }

    @Test
    void tuningKeepsTheRecipesFrontEndAndScheduleButLeavesTheTunedOptionsAndValidationToTheTuner() {
        List<String> args = expand("compare", "--dataset", "har", "--recipe", "har", "--tune", "9");
        assertThat(args).contains("--conv", "--augment", "--epochs", "--lr-schedule", "--batch")
                .doesNotContain("--lr", "--hidden", "--head", "--dropout", "validationFraction=0");
        assertThat(expand("compare", "--dataset", "har", "--recipe", "har")).contains("--lr", "validationFraction=0");
    }

    @Test
    void argumentsWithoutARecipeOrOfOtherCommandsAreLeftAlone() {
        String[] plain = {"train", "--hidden", "3"};
        assertThat(Recipe.expand(Main.commandLine(), plain)).isSameAs(plain);
        String[] other = {"predict", "--recipe", "har"};
        assertThat(Recipe.expand(Main.commandLine(), other)).isSameAs(other);
        String[] unknown = {"train", "--recipe", "nope"};
        assertThat(Recipe.expand(Main.commandLine(), unknown)).isSameAs(unknown);
    }

    @Test
    void everyRecipeOptionExistsOnBothCommandsAndPassesTheirChecks() {
        for (Recipe r : Recipe.values()) {
            for (String command : List.of("train", "compare")) {
                CommandLine cl = Main.commandLine();
                List<String> args = r.arguments(command);
                for (int i = 0; i < args.size(); i += 2) {
                    assertThat(cl.getSubcommands().get(command).getCommandSpec().findOption(args.get(i)))
                            .as("%s %s sets %s", r.id(), command, args.get(i)).isNotNull();
                }
            }
        }
    }

    @Test
    void theReadmeShowsEachRecipeAsTheOptionsItStandsFor() throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "RESULTS.md"));
        for (Recipe r : Recipe.values()) {
            assertThat(readme).as("docs/RESULTS.md's recipes table, row %s", r.id())
                    .contains("| `" + r.id() + "` | `" + String.join(" ", r.arguments("compare")) + "`");
        }
    }

    @Test
    void anErrorAboutARecipesOptionSaysTheRecipeAddedIt(@TempDir Path dir) {
        // a user's try: --recipe text on numeric data blamed --embedding, an option the user never typed
        Run r = run("train", "--dataset", "temporal-order", "--set", "trainSize=20", "--recipe", "text", "--out",
                dir.resolve("never").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--embedding").contains("[--embedding was added by the recipe: --recipe text is for short "
                + "texts such as the sentiment sentences");
        assertThat(dir.resolve("never")).doesNotExist();
        Run own = run("train", "--dataset", "temporal-order", "--set", "trainSize=20", "--embedding", "8", "--out",
                dir.resolve("never").toString());
        assertThat(own.code()).isEqualTo(2);
        assertThat(own.err()).contains("--embedding").doesNotContain("added by the recipe");
    }

    @Test
    void anUnknownRecipeIsAUsageErrorNamingTheKnownOnes(@TempDir Path dir) {
        Run r = run("train", "--recipe", "fast", "--out", dir.resolve("never").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--recipe", "unknown recipe 'fast': expected one of har, text, small");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void theRecipesValuesReachConfigJsonAndTheUsersWin(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Run r = run("train", "--dataset", "temporal-order", "--set", "trainSize=40", "--set", "validationSize=12", "--set", "testSize=12",
                "--recipe", "small", "--hidden", "3", "--epochs", "1", "--conv", "none", "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).as("what the recipe added is said").contains("rnnlab train: the recipe adds --cell lstm ")
                .doesNotContain("adds --cell lstm --conv").doesNotContain("--hidden 32");
        TrainRequest request = Json.readFile(out.resolve("config.json"), TrainRequest.class);
        assertThat(request.spec().hiddenSizes()).containsExactly(3);
        assertThat(request.spec().convolutions()).as("--conv none leaves out the recipe's").isEmpty();
        assertThat(request.training().augmentation().toString()).isEqualTo(valueOf(Recipe.SMALL.arguments("train"), "--augment"));
        assertThat(request.datasetOptions().settings()).as("temporal-order sizes its validation split by validationSize")
                .doesNotContainKey("validationFraction");
        assertThat(request.training().epochs()).isEqualTo(1);
        List<String> small = Recipe.SMALL.arguments("train");
        assertThat(request.spec().head()).isEqualTo(SequenceHead.parse(valueOf(small, "--head")));
        assertThat(request.spec().learningRate()).isEqualTo(Double.parseDouble(valueOf(small, "--lr")));
        assertThat(request.training().batchSize()).isEqualTo(Integer.parseInt(valueOf(small, "--batch")));
        assertThat(Files.readString(out.resolve("provenance.json"))).contains("--recipe");

        Path cmp = dir.resolve("cmp");
        Run c = run("compare", "--dataset", "temporal-order", "--set", "trainSize=40", "--set", "validationSize=12", "--set",
                "testSize=12", "--recipe", "small", "--seeds", "1", "--hidden", "3", "--epochs", "1", "--probe", "0", "--quiet",
                "--out", cmp.toString());
        assertThat(c.code()).as(c.err()).isZero();
        CompareRequest compare = Json.readFile(cmp.resolve("config.json"), CompareRequest.class);
        assertThat(compare.comparison().seeds()).isEqualTo(1);
        assertThat(compare.comparison().architectures().stream().map(a -> a.id()).toList())
                .containsExactlyElementsOf(Arrays.asList(valueOf(Recipe.SMALL.arguments("compare"), "--cells").split(",")));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
