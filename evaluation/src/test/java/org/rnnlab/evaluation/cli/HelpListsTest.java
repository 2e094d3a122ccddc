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
}
