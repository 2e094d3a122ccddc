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

    /** Standard output is a pipe whose reader closed it: the command ends quietly with {@link #CLOSED_PIPE}. */
    static final class ReaderClosed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReaderClosed() {
            super("the reader of standard output closed the pipe");
        }
    }

    /**
     * Flushes the command's standard output and fails with {@link WriteFailed} if anything written to it was lost
     * ({@link ReaderClosed} when it is a pipe).
     */
    static void check(CommandLine cl) {
        if (failed(cl)) {
            throw readerClosed() ? new ReaderClosed() : new WriteFailed();
        }
    }

    /** The process's standard output as {@link Main} set it up (null when a command runs embedded, as in tests). */
    static volatile java.io.PrintStream processOut;

    /**
     * Whether the lost output went to the process's standard output and that is a pipe: its reader closed it. Output to
     * a file, a full disk or a command's own writer still fails loudly.
     */
    static boolean readerClosed() {
        java.io.PrintStream out = processOut;
        return out != null && System.out == out && out.checkError() && isPipe();
    }

    /** The exit code of a command whose reader closed the pipe: that of a process ended by SIGPIPE (128 + 13), as shells give. */
    static final int CLOSED_PIPE = 141;

    /**
     * Whether standard output is a pipe (Linux: {@code /proc/self/fd/1} names {@code pipe:[...]}): a failed write there
     * means the reader closed it ({@code rnnlab predict ... | head -1}), which tools end on quietly.
     */
    static boolean isPipe() {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString().startsWith("pipe:");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
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
