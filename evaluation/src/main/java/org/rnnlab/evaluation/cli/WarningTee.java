package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard error that also keeps the warnings written to it, so that {@code evaluate --json} can carry them: a trial's
 * script read the JSON and never saw that the scored sequences had been in training (the warning went to standard error
 * only). A warning is a line that holds {@code "warning: "}; its text is kept from there on. Notes ({@code "note: "}: the
 * split of training, a class-weighted model's shifted probabilities, split ids not found) are kept apart, for
 * {@code --json}'s {@code "notes"}.
 */
final class WarningTee extends Writer {

    private final PrintWriter target;
    private final StringBuilder line = new StringBuilder();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    WarningTee(PrintWriter target) {
        this.target = target;
    }

    /** A writer over this tee, for the commands' {@code err}. */
    PrintWriter writer() {
        return new PrintWriter(this, true);
    }

    /** The notes written so far, each without its {@code "...note: "} prefix. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** The warnings written so far, each without its {@code "...warning: "} prefix. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        target.write(chars, offset, length);
        for (int i = offset; i < offset + length; i++) {
            if (chars[i] == '\n') {
                int at = line.indexOf("warning: ");
                int note = line.indexOf("note: ");
                if (at >= 0) {
                    warnings.add(line.substring(at + "warning: ".length()).strip());
                } else if (note >= 0) {
                    notes.add(line.substring(note + "note: ".length()).strip());
                }
                line.setLength(0);
            } else {
                line.append(chars[i]);
            }
        }
    }

    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
