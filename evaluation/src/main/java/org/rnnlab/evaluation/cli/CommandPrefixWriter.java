package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Standard error of a command whose shared checks ({@link ModelData}'s warnings and notes about new data) write lines
 * starting {@code "warning: "} or {@code "note: "}: such a line gets the command's name in front, as the command's own lines
 * have it ({@code predict: warning: ...}), so that {@code grep '^predict:'} over a log finds every line (a README auditor's
 * trial found the new-data warnings missing from such a grep). Other lines pass unchanged. Lines are held until their end
 * or a {@link #flush()}, which writes a partial line as it is.
 */
final class CommandPrefixWriter extends Writer {

    private final PrintWriter target;
    private final String prefix;
    private final StringBuilder line = new StringBuilder();
    /** Whether the current line was already partly written by a flush: it is not prefixed any more. */
    private boolean started;

    CommandPrefixWriter(PrintWriter target, String command) {
        this.target = target;
        this.prefix = command + ": ";
    }

    /** A writer over {@code target} that prefixes {@code command}'s bare warning and note lines. */
    static PrintWriter over(PrintWriter target, String command) {
        return new PrintWriter(new CommandPrefixWriter(target, command), true);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            line.append(chars[i]);
            if (chars[i] == '\n') {
                emit();
                started = false;
            }
        }
    }

    private void emit() {
        if (line.length() == 0) {
            return;
        }
        if (!started && (startsWith("warning: ") || startsWith("note: "))) {
            target.write(prefix);
        }
        target.write(line.toString());
        line.setLength(0);
    }

    private boolean startsWith(String s) {
        return line.length() >= s.length() && line.substring(0, s.length()).equals(s);
    }

    @Override
    public void flush() {
        if (line.length() > 0) {
            emit();
            started = true;
        }
        target.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
