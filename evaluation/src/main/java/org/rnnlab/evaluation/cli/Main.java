package org.rnnlab.evaluation.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnnlab.core.SerializationGuard;
import org.rnnlab.training.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rnnlab} command line: parses arguments, calls the API, prints. Java deserialization is
 * turned off for the whole process before anything runs ({@link SerializationGuard}).
 */
@Command(name = "rnnlab", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.ERROR, ExitCodes.USAGE, ExitCodes.DIVERGED, ExitCodes.SKIPPED + "; serve: stopped, but --drain ran out and requests in flight were cut off", "129, 130, 143:stopped by SIGHUP, Ctrl-C (SIGINT) or SIGTERM (train writes a checkpoint, compare keeps its finished runs: --resume continues)", ExitCodes.NOT_A_REPEAT + " (train, compare)", ExitCodes.PIPE}, versionProvider = Main.Version.class,
        description = {"Train, compare and reuse recurrent sequence classifiers (RNN, LSTM, GRU, bidirectional, stacked) "
                + "on Deeplearning4j."},
        subcommands = {CompareCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ExportCommand.class, GradientsCommand.class,
                DataCommand.class, BenchCommand.class, ServeCommand.class, LoadtestCommand.class, ModelInfoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // before JavaCPP loads: its two expected warnings filtered (by Logback's filter, where Logback is the back end); not
        // through JavaCppVersionWarnings, a Logback class, which a spark-submit without Logback cannot load
        org.rnnlab.core.JavaCppLogging.routeToSlf4j();
        SerializationGuard.install(); // before anything runs: no Java deserialization in this process
        // DL4J writes a memory report into the working directory when a network runs out of memory: not the user's folder
        org.deeplearning4j.util.CrashReportingUtil.crashDumpsEnabled(false);
        utf8StandardStreams();
        rootLocale();
        System.exit(execute(args));
    }

    /**
     * Sets this process's default locale to {@link java.util.Locale#ROOT}: numbers in messages as in the files, Latin digits
     * and a decimal point whatever the user's locale (a trial's Arabic locale printed "(٧٦ train / ١٤ validation ..." and
     * confusion matrices in Arabic-Indic digits beside Latin ones, which log scrapers and grep could not read). The whole
     * default, not only its FORMAT category: PrintWriter.printf formats with Locale.getDefault(). rnnlab's text is English.
     * Only for rnnlab's own process ({@link #main}): a program embedding the command line ({@link #commandLine}) keeps its
     * locale.
     */
    static void rootLocale() {
        java.util.Locale.setDefault(java.util.Locale.ROOT);
    }

    /**
     * Standard output and error in UTF-8, whatever the locale: under a C or POSIX locale (containers, cron, CI) Java 17
     * wrote them in ASCII, and a label such as {@code marché} came out as {@code march?} in {@code predict}'s CSV (two
     * labels could even print alike). picocli's writers follow {@code sun.stdout.encoding} and {@code
     * sun.stderr.encoding}; {@code System.out} and {@code System.err} are replaced by UTF-8 streams over the same
     * descriptors (buffered, flushed at each line, as the JDK's own are).
     */
    static void utf8StandardStreams() {
        System.setProperty("sun.stdout.encoding", "UTF-8");
        System.setProperty("sun.stderr.encoding", "UTF-8");
        System.setOut(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192), true,
                StandardCharsets.UTF_8));
        StandardOutput.processOut = System.out;
        System.setErr(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 8192), true,
                StandardCharsets.UTF_8));
    }

    /** Runs the command line and returns its exit code ({@link ExitCodes}: 0 success, 1 failure, 2 usage error, ...). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line (for tests and embedding). */
    public static CommandLine commandLine() {
        SerializationGuard.install();
        AtomicReference<RecipeAdded> recipeAdded = new AtomicReference<>(RecipeAdded.NONE); // of the last execute
        CommandLine cl = new Typed(new Main()) {
            @Override
            public int execute(String... args) {
                typed = List.of(args); // before the recipe's options: provenance records what was typed (CommandLines)
                String[] expanded = Recipe.expand(this, args); // a --recipe is the options it stands for
                int added = expanded.length - args.length;
                if (added > 0) {
                    int sub = 0;
                    while (args[sub].startsWith("-")) {
                        sub++;
                    }
                    List<String> adds = Arrays.asList(expanded).subList(sub + 1, sub + 1 + added);
                    getErr().println("rnnlab " + args[sub] + ": the recipe adds " + String.join(" ", adds)
                            + " (options given on the command line win)");
                    getErr().flush();
                    recipeAdded.set(recipeNote(args).map(note -> new RecipeAdded(adds.stream()
                            .filter(a -> a.startsWith("--") && !a.equals("--set")).toList(), note)).orElse(RecipeAdded.NONE)); // --set: the user's too
                } else {
                    recipeAdded.set(RecipeAdded.NONE);
                }
                return super.execute(expanded);
            }
        };
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // each ranged option's allowed values under its description, from the limits its check uses (OptionRanges)
        cl.setHelpFactory(RangedHelp::new);
        cl.setExecutionStrategy(Main::runAndCheckOutput);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof StandardOutput.ReaderClosed) {
                return StandardOutput.CLOSED_PIPE; // rnnlab predict ... | head: quietly, as other tools end
            }
            if (ex instanceof CommandLine.ParameterException pe) {
                return usageError(pe.getCommandLine(), pe.getMessage() + recipeAdded.get().blame(pe.getMessage()));
            }
            boolean usage = ex instanceof IllegalArgumentException || wrongPath(ex);
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": "
                    + shorten(messageOf(ex, commandLine.getCommandSpec())) + recipeAdded.get().blame(messageOf(ex))
                    + (usage ? " (see " + commandLine.getCommandSpec().qualifiedName() + " --help)" : ""));
            if (System.getenv("RNNLAB_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return usage ? USAGE : 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> usageError(ex.getCommandLine(), ex.getMessage()
                + (ex instanceof CommandLine.UnmatchedArgumentException u ? unknownOptionHints(u) + splitListHint(u, args) : "")
                + compareListHint(ex)
                + recipeAdded.get().blame(ex.getMessage())));
        return cl;
    }

    /**
     * Whether {@code ex} (or a cause) says that a path given on the command line is missing or of the wrong kind (a data
     * file or folder, a model): a usage error, exit 2, as a missing --resume folder or an --out that is a file are (exit 1
     * is for work that failed: a file that is there but cannot be read as data or a model).
     */
    static boolean wrongPath(Throwable ex) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof org.rnnlab.datasets.DatasetFormatException d && d.wrongPath()
                    || c instanceof org.rnnlab.training.BundleException b && b.wrongPath()) {
                return true;
            }
        }
        return false;
    }

    /**
     * picocli's help with a line {@code allowed: ...} under the description of each option that {@link OptionRanges} limits:
     * the help cannot say other limits than the check applies, since both come from one {@link OptionRanges.Allowed}.
     */
    static final class RangedHelp extends CommandLine.Help {
        RangedHelp(CommandLine.Model.CommandSpec spec, CommandLine.Help.ColorScheme scheme) {
            super(spec, scheme);
        }

        @Override
        public IOptionRenderer createDefaultOptionRenderer() {
            IOptionRenderer base = super.createDefaultOptionRenderer();
            return (option, labels, scheme) -> {
                CommandLine.Help.Ansi.Text[][] rows = base.render(option, labels, scheme);
                Optional<OptionRanges.Allowed> allowed = OptionRanges.of(option);
                if (allowed.isEmpty() || rows.length == 0) {
                    return rows;
                }
                CommandLine.Help.Ansi.Text[][] more = Arrays.copyOf(rows, rows.length + 1);
                CommandLine.Help.Ansi.Text[] row = new CommandLine.Help.Ansi.Text[rows[0].length];
                Arrays.fill(row, scheme.text(""));
                row[row.length - 1] = scheme.text(allowed.get().text());
                more[rows.length] = row;
                return more;
            };
        }
    }

    /** The recipe a command line names, said as "--recipe NAME is for ..." (empty when it names none or an unknown one). */
    private static Optional<String> recipeNote(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--recipe=") ? args[i].substring("--recipe=".length())
                    : args[i].equals("--recipe") && i + 1 < args.length ? args[i + 1] : null;
            if (name != null) {
                try {
                    Recipe r = Recipe.parse(name);
                    return Optional.of("--recipe " + r.id() + " is for " + r.forWhat());
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The options a {@code --recipe} added to the command line (not typed by the user) and what the recipe is for.
     *
     * @param options the added option names ({@code --set} left out: the user's own settings use it too)
     * @param note    "--recipe NAME is for ..."
     */
    record RecipeAdded(List<String> options, String note) {
        static final RecipeAdded NONE = new RecipeAdded(List.of(), "");

        /**
         * When an error names one of the added options, which recipe added it and what it is for (the user never typed
         * that option); else empty.
         */
        String blame(String message) {
            if (message == null) {
                return "";
            }
            for (String option : options) {
                if (message.contains(option + " ") || message.contains(option + ":") || message.endsWith(option)) {
                    return " [" + option + " was added by the recipe: " + note + "; leave --recipe out, or override " + option
                            + " on the command line" + (option.equals("--augment") || option.equals("--conv") ? " (" + option
                            + " none leaves it out)" : "") + "]";
                }
            }
            return "";
        }
    }

    /**
     * Runs the command (picocli's {@link CommandLine.RunLast}), then checks that what it wrote to standard
     * output was written: if not, the command fails (exit 1, or its own non-zero code) with
     * {@link StandardOutput#FAILED} on standard error, whatever it wrote there before.
     */
    private static int runAndCheckOutput(CommandLine.ParseResult parseResult) {
        int code;
        try {
            code = new CommandLine.RunLast().execute(parseResult);
        } catch (OutOfMemoryError e) { // an Error passes picocli's handler: a raw stack trace reached the user
            CommandLine.ParseResult last = parseResult;
            while (last.subcommand() != null) {
                last = last.subcommand();
            }
            throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), outOfMemory(last.commandSpec()), e);
        }
        CommandLine.ParseResult last = parseResult;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        CommandLine ran = last.commandSpec().commandLine();
        if (StandardOutput.failed(ran)) {
            if (StandardOutput.readerClosed()) {
                return StandardOutput.CLOSED_PIPE; // the reader closed the pipe (| head): quietly, as other tools end
            }
            ran.getErr().println((ran.getParent() == null ? "rnnlab" : "rnnlab " + ran.getCommandName()) + ": " + StandardOutput.FAILED);
            ran.getErr().flush();
            return code == 0 ? 1 : code;
        }
        return code;
    }

    /** The root command line, which keeps the arguments as typed, before a recipe adds its options. */
    static class Typed extends CommandLine {
        List<String> typed;

        Typed(Object command) {
            super(command);
        }
    }

    /** Exit code of a usage error (a bad option or an option that does not apply). */
    static final int USAGE = 2;

    /**
     * For options a command does not know: the close names it has (within one or two edits: {@code --cells} to train, which
     * has {@code --cell}) and the other commands that have the option as given (a trial's {@code compare --cell},
     * {@code predict --epochs} got a bare "Unknown options"); empty when there is neither.
     */
    static String unknownOptionHints(CommandLine.UnmatchedArgumentException ex) {
        CommandLine here = ex.getCommandLine();
        List<String> hints = new ArrayList<>();
        // close names by edit distance (picocli's own suggestions are the options sharing the first two letters)
        List<String> close = new ArrayList<>();
        for (String arg : ex.getUnmatched()) {
            if (!arg.startsWith("--")) {
                continue;
            }
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            int allowed = Math.min(2, (option.length() - 2) / 4);
            // or an abbreviation of one (--cel, --valid): the options it begins, as picocli suggests
            here.getCommandSpec().options().stream().filter(o -> !o.hidden()).flatMap(o -> java.util.Arrays.stream(o.names()))
                    .filter(n -> n.startsWith("--") && !n.equals(option)
                            && (org.rnnlab.datasets.csv.Column.editDistance(option, n, allowed) <= allowed
                            || option.length() >= 5 && n.startsWith(option)))
                    .filter(n -> !close.contains(n)).limit(3).forEach(close::add);
        }
        if (!close.isEmpty()) {
            hints.add("did you mean " + String.join(" or ", close));
        }
        CommandLine root = here;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        for (String arg : ex.getUnmatched()) {
            if (!arg.startsWith("--")) {
                continue;
            }
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            List<String> others = new ArrayList<>();
            for (Map.Entry<String, CommandLine> c : root.getSubcommands().entrySet()) {
                if (c.getValue() != here && !c.getKey().equals("help") && c.getValue().getCommandSpec().findOption(option) != null) {
                    others.add(c.getKey());
                }
            }
            if (option.equals("--delimiter") && here.getCommandSpec().findOption("--set") != null) {
                hints.add("a CSV separator for training is --set delimiter=CHAR (or tab)");
            } else if (option.equals("--decimal") && here.getCommandSpec().findOption("--set") != null) {
                hints.add("decimal commas in training files are read with --set decimal=comma");
            } else if (!others.isEmpty()) {
                hints.add(option + " is an option of " + String.join(", ", others.stream().distinct().toList()) + ", not of "
                        + here.getCommandSpec().qualifiedName());
            }
        }
        return hints.isEmpty() ? "" : " (" + String.join("; ", hints) + ")";
    }

    /**
     * A word left over after a value that ends in a comma ({@code --set features=mag, mag_err}: a trial's "Unmatched argument
     * at index 20"): the shell split the list at the space; empty otherwise.
     */
    static String splitListHint(CommandLine.UnmatchedArgumentException ex, String[] args) {
        for (String word : ex.getUnmatched()) {
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals(word) && !word.startsWith("-") && args[i - 1].endsWith(",")) {
                    return " ('" + args[i - 1] + "' ends in a comma and '" + word + "' came as a word of its own: a list is one "
                            + "word, without spaces after its commas, " + args[i - 1] + word + ", or quoted)";
                }
            }
        }
        return "";
    }

    /** picocli's refusal of a value of {@code --lr}, {@code --hidden} or {@code --dropout} that is not one number. */
    private static final Pattern ONE_VALUE_OPTION = Pattern.compile("^Invalid value for option '(--lr|--hidden|--dropout)': '([^']*,[^']*)'");

    /**
     * After compare's refusal of a list for {@code --lr}, {@code --hidden} or {@code --dropout} (picocli's "is not a double"),
     * which options do take lists and how those three are searched (trial 78d F4: {@code --lr 0.001,0.01} said only that it
     * was not a double); empty otherwise.
     */
    static String compareListHint(CommandLine.ParameterException ex) {
        if (ex.getCommandLine() == null || !"compare".equals(ex.getCommandLine().getCommandName()) || ex.getMessage() == null) {
            return "";
        }
        java.util.regex.Matcher m = ONE_VALUE_OPTION.matcher(ex.getMessage());
        if (!m.find()) {
            return "";
        }
        return " (" + m.group(1) + " takes one value: compare takes lists for --cells, --clip and --layers, each value a "
                + "configuration of its own; --lr, --hidden and --dropout are searched with --tune N --space FILE, e.g. {\"hidden\": "
                + "[16, 32], \"dropout\": [0.0, 0.2], \"learningRate\": {\"min\": 0.001, \"max\": 0.01}} (random search raced by "
                + "successive halving on the validation split; a fixed learningRate, min = max, makes the space a finite grid of the "
                + "lists, whose every combination --tune N with N their number tries), or with one compare per value, each "
                + "with its own --out)";
    }

    private static int usageError(CommandLine commandLine, String message) {
        String name = commandLine.getCommandSpec().qualifiedName(); // rnnlab, rnnlab train, rnnlab data fetch
        if (!commandLine.getSubcommands().isEmpty() && message.matches("(?s)^Unmatched argument at index \\d+: '[^-].*")) {
            // a word that is neither a command nor an option where a command is expected: say so, with the commands
            message = message.replaceFirst("^Unmatched argument at index \\d+: ", "unknown command ") + " (expected one of: "
                    + String.join(", ", commandLine.getSubcommands().keySet().stream().filter(c -> !c.equals("help")).toList()) + ")";
        }
        commandLine.getErr().println(name + ": " + shorten(message));
        commandLine.getErr().println("(see " + name + " --help)");
        return USAGE;
    }

    /**
     * A quoted value of over 100 characters: a quote that opens a value (at the start or after a space or an opening
     * bracket, '=' or ':') up to one that closes it (at the end or before a space or punctuation). The text between two
     * short quoted values ({@code value '1,5' ... with '.' as}) is not one: cutting it lost the message's advice.
     */
    private static final Pattern QUOTED_LONG = Pattern.compile("(?<=^|[\\s(\\[{=:,])'([^']{80})[^']{20,}'(?=$|[\\s)\\]},.:;!?])");

    /**
     * A message fit for a terminal: a tab shown as {@code \t} (a tab-separated header read as one name was printed as
     * {@code [seq?t?f1]}), other control and non-printable characters as '?', every quoted value and the whole message cut
     * to a readable length, so a huge or binary value is not echoed.
     */
    static String shorten(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        message.codePoints().forEach(c -> {
            if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.appendCodePoint(c == '\n' || (!Character.isISOControl(c) && Character.isDefined(c) && c != 0xFFFD) ? c : '?');
            }
        });
        String clean = QUOTED_LONG.matcher(sb).replaceAll("'$1...'");
        if (clean.length() <= MESSAGE_CHARS) {
            return clean;
        }
        String wholeLines = wholeLines(clean);
        return wholeLines != null ? wholeLines : clean.substring(0, MESSAGE_CHARS) + "... (message cut)";
    }

    /** How much of a message is printed: a huge or binary value is not echoed whole. */
    static final int MESSAGE_CHARS = 2000;

    /** A list's last line as a folder's refusal ends it: {@code   and 12 more file(s)}. */
    private static final Pattern MORE_FILES = Pattern.compile("\\s*and (\\d+) more file\\(s\\)");

    /**
     * A long message of several lines (a folder's files that could not be read, one a line) cut after its last whole line
     * that fits, with how many lines (files, for a folder's list) are left out; null when its first line alone is too long.
     * A trial (76f F1): the list of three wafer files was cut in the third file's advice, mid-sentence.
     */
    private static String wholeLines(String message) {
        List<String> lines = message.lines().toList();
        if (lines.size() < 2 || lines.get(0).length() > MESSAGE_CHARS) {
            return null;
        }
        Matcher last = MORE_FILES.matcher(lines.get(lines.size() - 1));
        boolean counted = last.matches(); // "and 5 more file(s)" ends the list: its files are added to those cut
        List<String> listed = counted ? lines.subList(0, lines.size() - 1) : lines;
        StringBuilder kept = new StringBuilder(listed.get(0));
        int n = 1;
        while (n < listed.size() && kept.length() + 1 + listed.get(n).length() <= MESSAGE_CHARS) {
            kept.append(System.lineSeparator()).append(listed.get(n++));
        }
        int left = listed.size() - n + (counted ? Integer.parseInt(last.group(1)) : 0);
        if (left == 0) {
            return kept.toString();
        }
        boolean files = counted || message.contains(" sequence files could not be read");
        return kept + System.lineSeparator() + "  and " + left + (files ? " more file(s)" : " more line(s)") + " (message cut "
                + "at a line's end, each line shown whole" + (files ? "; fix these, and run again to see the rest)" : ")");
    }

    /**
     * What running out of heap means for the user, with the heap this JVM has and only the options of {@code command} that
     * lower it ({@code --hidden}, {@code --batch}): predict was told to lower --hidden and --batch, which it does not have.
     * The heap is raised as the launcher documents it, through RNNLAB_JAVA_OPTS. {@code command} null: any command.
     */
    static String outOfMemory(CommandLine.Model.CommandSpec command) {
        List<String> lower = new ArrayList<>();
        for (String option : List.of("--hidden", "--batch")) {
            if (command == null || command.findOption(option) != null) {
                lower.add(option);
            }
        }
        return "out of memory: the work did not fit in the Java heap of " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MiB; " + (lower.isEmpty() ? "give it shorter sequences or a smaller input"
                : "lower " + String.join(", ", lower) + " or the sequences' length")
                + ", or give the JVM more heap (e.g. RNNLAB_JAVA_OPTS=-Xmx8g ./rnnlab ...)";
    }

    static String messageOf(Throwable ex) {
        return messageOf(ex, null);
    }

    /** The message of a failure of {@code command} (null: any command) for the user. */
    static String messageOf(Throwable ex, CommandLine.Model.CommandSpec command) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) { // DL4J wraps it as "Error during neural network forward pass"
                return outOfMemory(command);
            }
        }
        Throwable t = ex;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // java.nio's file errors say only the path ("/data/runs"): add what went wrong with it
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof FileSystemException fse && fse.getReason() == null && fse.getMessage() != null) {
                String what = fse instanceof AccessDeniedException ? "permission denied"
                        : fse instanceof NoSuchFileException ? "no such file or directory"
                        : fse instanceof FileAlreadyExistsException ? "already exists"
                        : fse instanceof NotDirectoryException ? "not a directory"
                        : fse instanceof DirectoryNotEmptyException ? "directory not empty"
                        : fse.getClass().getSimpleName();
                if (message.contains(what)) {
                    return message;
                }
                if (message.endsWith(fse.getMessage())) {
                    String path = message.equals(fse.toString()) ? fse.getMessage() : message; // an UncheckedIOException's
                    return path + ": " + what;
                }
                return message + " (" + fse.getMessage() + ": " + what + ")"; // e.g. "cannot remove X from the earlier run"
            }
        }
        return message;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --version}: rnnlab, DL4J and Java versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rnnlab " + Provenance.currentRnnlabVersion() + " (git commit " + Provenance.currentGitCommit()
                    + ", as model cards record it in provenance.gitCommit)",
                    "Deeplearning4j " + Provenance.currentDl4jVersion(),
                    "Java " + System.getProperty("java.version")};
        }
    }
}
