package org.rnnlab.evaluation.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The command line of a run as the user typed it, for provenance. */
final class CommandLines {

    private CommandLines() {
    }

    /**
     * {@code rnnlab <command> <arguments>} as typed: under {@link Main} the arguments it was given, before a
     * {@code --recipe} adds its options (the recipe's name is in the line; config.json holds what it set). A command
     * run on its own (tests, embedding) gives picocli's original arguments, with the command's name put first when
     * they do not start with it.
     */
    static List<String> of(CommandSpec spec) {
        List<String> all = new ArrayList<>(List.of("rnnlab"));
        if (spec.root().commandLine() instanceof Main.Typed root && root.typed != null) {
            all.addAll(root.typed);
            return all;
        }
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        if (args.isEmpty() || !args.get(0).equals(spec.name())) {
            all.add(spec.name());
        }
        all.addAll(args);
        return all;
    }

    /** The system property in which the {@code rnnlab} launcher passes how it was invoked ({@link #launcher}). */
    static final String LAUNCHER_PROPERTY = "rnnlab.command";

    /**
     * The launcher as the user invoked it, to start the rnnlab commands printed for pasting (the {@code --resume} hints):
     * {@code ./rnnlab} when run so from the checkout, {@code rnnlab} when found on {@code PATH}, else the path typed; the
     * launcher passes it as {@value #LAUNCHER_PROPERTY}. {@code rnnlab} without it (spark-submit, tests, embedding). Trial 80d
     * F5: a hint printed {@code rnnlab compare --resume ...} to a user running {@code ./rnnlab} with no rnnlab on PATH.
     */
    static String launcher() {
        String invoked = System.getProperty(LAUNCHER_PROPERTY);
        return invoked == null || invoked.isBlank() ? "rnnlab" : quote(invoked);
    }

    /**
     * A word as a POSIX shell reads it back: as it stands when it holds only characters no shell treats specially, else in
     * single quotes (a quote inside written {@code '\\''}), so a suggested command can be pasted as printed.
     */
    static String quote(String word) {
        return org.rnnlab.datasets.TextFiles.shellWord(word);
    }

    /** {@link #quote} of each word, joined by spaces. */
    static String quote(List<String> words) {
        return String.join(" ", words.stream().map(CommandLines::quote).toList());
    }
}
