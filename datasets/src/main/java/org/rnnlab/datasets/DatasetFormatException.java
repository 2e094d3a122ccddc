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
    /** Whether the path itself is wrong (missing, a folder for a file): {@link #wrongPath()}. */
    private final boolean wrongPath;

    /**
     * @param file    the file at fault
     * @param line    1-based line number in that file
     * @param message what is wrong and what was expected
     */
    public DatasetFormatException(Path file, long line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
        this.wrongPath = false;
    }

    /**
     * A problem with a file as a whole (missing, empty, count mismatch).
     *
     * @param file    the file at fault
     * @param message what is wrong and what was expected
     */
    public DatasetFormatException(Path file, String message) {
        this(file + ": " + message, file, NO_LINE, null, false);
    }

    private DatasetFormatException(String fullMessage, Path file, long line, Throwable cause, boolean wrongPath) {
        super(fullMessage, cause);
        this.file = file;
        this.line = line;
        this.wrongPath = wrongPath;
    }

    /**
     * A path that is not there or is of the wrong kind (a folder where a file is expected, or the reverse): nothing of the
     * data was read. The command line says it is a usage error (exit 2), as it says of any other wrong path given to it, where
     * a file that is there and cannot be read as data is an error (exit 1).
     */
    public static DatasetFormatException wrongPath(Path file, String message) {
        return new DatasetFormatException(file + ": " + message, file, NO_LINE, null, true);
    }

    /** Whether the path itself is wrong (missing, or a folder for a file): {@link #wrongPath(Path, String)}. */
    public boolean wrongPath() {
        return wrongPath;
    }

    /** The same problem, with {@code hint} (a sentence) added to its message. */
    public DatasetFormatException withHint(String hint) {
        return new DatasetFormatException(getMessage() + " (" + hint + ")", file, line, this, wrongPath);
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
