package org.rnnlab.evaluation.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The command line of a run as the user typed it, for provenance. */
final class CommandLines {

    private CommandLines() {
    }

    /**
     * {@code rnnlab <command> <arguments>}: picocli's original arguments start with the command's name
     * when the command ran under {@code rnnlab}, and without it when the command ran on its own.
     */
    static List<String> of(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        List<String> all = new ArrayList<>(List.of("rnnlab"));
        if (args.isEmpty() || !args.get(0).equals(spec.name())) {
            all.add(spec.name());
        }
        all.addAll(args);
        return all;
    }
}
