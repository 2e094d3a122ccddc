package org.rnnlab.datasets;

import java.nio.file.Path;

/**
 * A dataset file that cannot be read as its format says: missing, empty, wrong column count,
 * non-numeric or non-finite value, unknown label, counts that disagree between files. The message
 * reads {@code file:line: message} (or {@code file: message} when no line applies), and the message
 * part says what was expected, so a user can fix the file without reading code.
 *
 * <p>Loaders throw it before constructing any dataset: nothing is half-loaded.
 */
public class DatasetFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Marks "no line number". */
    public static final long NO_LINE = -1;

    private final transient Path file;
    private final long line;

    /**
     * @param file    the file at fault
     * @param line    1-based line number in that file
     * @param message what is wrong and what was expected
     */
    public DatasetFormatException(Path file, long line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    /**
     * A problem with a file as a whole (missing, empty, count mismatch).
     *
     * @param file    the file at fault
     * @param message what is wrong and what was expected
     */
    public DatasetFormatException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
        this.line = NO_LINE;
    }

    private DatasetFormatException(String fullMessage, Path file, long line, Throwable cause) {
        super(fullMessage, cause);
        this.file = file;
        this.line = line;
    }

    /** The same problem, with {@code hint} (a sentence) added to its message. */
    public DatasetFormatException withHint(String hint) {
        return new DatasetFormatException(getMessage() + " (" + hint + ")", file, line, this);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line, or {@link #NO_LINE} when the problem is not on one line. */
    public long line() {
        return line;
    }
}
