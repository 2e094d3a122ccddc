package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Whether a command's results reached standard output. {@link PrintWriter} and {@link java.io.PrintStream}
 * never throw: a failed write (a full disk, {@code > /dev/full}, a closed pipe) only sets an error flag,
 * so a command would report success with its output lost. picocli's writer wraps {@code System.out} (a
 * PrintStream) in a Writer, so the error is recorded by {@code System.out}, not by the writer: both are
 * checked.
 */
final class StandardOutput {
    /** The message (after "rnnlab COMMAND: "). */
    static final String FAILED = "writing standard output failed (a full disk, or the reader closed the pipe)";

    private StandardOutput() {
    }

    /** Standard output could not be written: exit 1 with {@link #FAILED}. */
    static final class WriteFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WriteFailed() {
            super(FAILED);
        }
    }

    /** Flushes the command's standard output and fails with {@link WriteFailed} if anything written to it was lost. */
    static void check(CommandLine cl) {
        if (failed(cl)) {
            throw new WriteFailed();
        }
    }

    /** Flushes the command's standard output and says whether anything written to it was lost. */
    static boolean failed(CommandLine cl) {
        PrintWriter out = cl.getOut();
        out.flush();
        boolean writer = out.checkError();
        return System.out.checkError() | writer;
    }
}
