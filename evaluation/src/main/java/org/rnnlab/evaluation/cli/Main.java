package org.rnnlab.evaluation.cli;

import org.rnnlab.core.SerializationGuard;
import org.rnnlab.training.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rnnlab} command line: parses arguments, calls the API, prints. Java deserialization is
 * turned off for the whole process before anything runs ({@link SerializationGuard}).
 */
@Command(name = "rnnlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Train, compare and reuse recurrent sequence classifiers (RNN, LSTM, GRU, bidirectional, stacked) "
                + "on Deeplearning4j."},
        subcommands = {CompareCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class, GradientsCommand.class,
                DataCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        SerializationGuard.install(); // before anything runs: no Java deserialization in this process
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 success, 1 failure, 2 usage error). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line (for tests and embedding). */
    public static CommandLine commandLine() {
        SerializationGuard.install();
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("rnnlab " + commandLine.getCommandName() + ": " + messageOf(ex));
            if (System.getenv("RNNLAB_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cl;
    }

    private static String messageOf(Throwable ex) {
        Throwable t = ex;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --version}: rnnlab, DL4J and Java versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rnnlab " + Provenance.currentRnnlabVersion(),
                    "Deeplearning4j " + Provenance.currentDl4jVersion(),
                    "Java " + System.getProperty("java.version")};
        }
    }
}
