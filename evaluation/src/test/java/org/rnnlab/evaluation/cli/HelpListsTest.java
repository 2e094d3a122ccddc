package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What every command's {@code --help} must say besides its options: the exit codes it can end with. */
class HelpListsTest {

    /** Every command and sub-command (data fetch, ...), not picocli's own help. */
    static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                collect(sub, into);
            }
        });
    }

    @Test
    void everyCommandsHelpListsItsExitCodes() {
        // only train listed them (in its description), and none listed 129 (SIGHUP) or 141 (a closed pipe); a script author
        // running compare or predict unattended had nothing to go by
        for (CommandLine cl : commands()) {
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String name = cl.getCommandSpec().qualifiedName();
            assertThat(help).as(name).contains("Exit codes:");
            String codes = help.substring(help.indexOf("Exit codes:"));
            assertThat(codes).as(name).containsPattern("(?m)^  0 ").containsPattern("(?m)^  1 ").containsPattern("(?m)^  2 +usage error");
        }
        String train = Main.commandLine().getSubcommands().get("train").getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(train).containsPattern("(?m)^  3 +training diverged").contains("129, 130, 143").contains("checkpoint");
        for (String scoring : List.of("predict", "evaluate")) {
            assertThat(Main.commandLine().getSubcommands().get(scoring).getUsageMessage(CommandLine.Help.Ansi.OFF)).as(scoring)
                    .containsPattern("(?m)^  4 +done, but part of the input was not scored");
        }
        assertThat(Main.commandLine().getSubcommands().get("compare").getUsageMessage(CommandLine.Help.Ansi.OFF))
                .contains("129, 130, 143").contains("--resume continues");
    }

    /**
     * picocli formats every description line with {@code String.format}: a bare {@code %} ("95% of those sequences")
     * failed to format and printed four {@code [picocli WARN] Could not format} lines above predict's help (a README
     * auditor's trial); {@code %%} is the way to write one, and the help shows it as {@code %}.
     */
    @Test
    void everyHelpRendersWithoutPicocliWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        List<String> helps = new ArrayList<>();
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            for (CommandLine cl : commands()) {
                helps.add(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
        assertThat(String.join("\n", helps).replaceAll("\\s+", " ")).contains("less confident than 95% of those sequences")
                .doesNotContain("%%");
    }

    @Test
    void everyRangedOptionsHelpNamesItsRangeBesideItsDefault() {
        // --lr 1e30 was refused with "--lr must be at most 10", a limit --help did not show; so were --batch, --epochs, --seeds...
        java.util.Set<OptionRanges.Allowed> shown = new java.util.HashSet<>();
        for (CommandLine cl : commands()) {
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (CommandLine.Model.OptionSpec option : cl.getCommandSpec().options()) {
                OptionRanges.of(option).ifPresent(allowed -> {
                    String name = cl.getCommandSpec().qualifiedName() + " " + allowed.option();
                    // the option's own line in the list (not the synopsis): "  -x, --name=..." or "      --name=..."
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^ {2}(-\\w, | {4})" + java.util.regex.Pattern
                            .quote(option.longestName()) + "[= ]").matcher(help);
                    assertThat(m.find()).as(name).isTrue();
                    int at = m.start();
                    int next = help.indexOf("\n  -", at + 1); // the next option's line
                    String block = help.substring(at, next < 0 ? help.length() : next);
                    assertThat(block).as(name).contains(allowed.text());
                    shown.add(allowed);
                });
            }
        }
        // every limit listed is on some command (a renamed option would leave its check without help)
        OptionRanges.BY_CLASS.values().forEach(list -> assertThat(shown).containsAll(list));
        assertThat(OptionRanges.LR.text()).isEqualTo("allowed: > 0 and <= 10");
        assertThat(OptionRanges.BATCH.text()).isEqualTo("allowed: 1 to 65536");
        assertThat(OptionRanges.PATIENCE.text()).isEqualTo("allowed: 0 or more");
    }

    @Test
    void theErrorSaysTheLimitTheHelpShows() {
        TrainEvaluatePredictTest.Run lr = TrainEvaluatePredictTest.run("train", "--lr", "1e30", "--epochs", "1");
        assertThat(lr.code()).isEqualTo(2);
        assertThat(lr.err()).contains("--lr must be a finite number > 0 and <= 10, got 1.0E30");
        TrainEvaluatePredictTest.Run ten = TrainEvaluatePredictTest.run("train", "--lr", "10.5", "--epochs", "1");
        assertThat(ten.err()).contains("--lr must be a finite number > 0 and <= 10");
        TrainEvaluatePredictTest.Run seeds = TrainEvaluatePredictTest.run("compare", "--seeds", "1001");
        assertThat(seeds.code()).isEqualTo(2);
        assertThat(seeds.err()).contains("--seeds must be in [1, 1000], got 1001");
    }

    @Test
    void missingsHelpListsEveryMarkerOfAMissingValue() {
        // the help listed 7 of the 19 markers; a port of the reading to JavaScript, written from it, took NULL and -nan for
        // numbers where predict read them as missing
        java.util.Set<String> listed = new java.util.HashSet<>(List.of(DatasetOptionsMixin.MISSING_MARKERS
                .replace(" (case-sensitive)", "").split(", ")));
        java.util.Set<String> markers = new java.util.HashSet<>(org.rnnlab.datasets.csv.MissingValues.MARKERS);
        markers.remove("");
        assertThat(listed).isEqualTo(markers);
        assertThat(Main.commandLine().getSubcommands().get("train").getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\s+", "")).as("(picocli may wrap a line inside a marker)")
                .contains("nan(snan),-nan(snan),<NA>,NaT,null,NULL,None(case-sensitive)");
    }

    @Test
    void setsHelpNamesEveryKeyTheDatasetsAccept() {
        // train --help's --set list named neither decimal nor labelMap, both accepted and in the README (trial 69f): the
        // list is checked against the keys Datasets accepts, so that it cannot drift again
        for (String command : List.of("train", "compare")) {
            CommandLine.Model.OptionSpec set = Main.commandLine().getSubcommands().get(command).getCommandSpec().findOption("--set");
            assertThat(set).as(command).isNotNull();
            String description = String.join(" ", set.description());
            for (String dataset : org.rnnlab.datasets.Datasets.names()) {
                for (String key : org.rnnlab.datasets.Datasets.settings(dataset)) {
                    assertThat(description).as(command + " --set, dataset " + dataset)
                            .containsPattern("(?<![A-Za-z])" + java.util.regex.Pattern.quote(key) + "(?![A-Za-z])");
                }
            }
        }
    }
}
