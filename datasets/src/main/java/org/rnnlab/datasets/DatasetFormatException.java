package org.rnnlab.datasets;

import java.nio.file.Path;

/**
 * A data file that does not have the expected format: names the file, the line (1-based; 0 when the
 * problem concerns the file as a whole) and what was expected. Its message reads
 * {@code file:line: message} (or {@code file: message} without a line).
 */
public class DatasetFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /**
     * @param file    the offending file
     * @param line    1-based line number
     * @param message what was found and what was expected
     */
    public DatasetFormatException(Path file, long line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    /**
     * A problem with the file as a whole (missing, empty, wrong number of lines).
     *
     * @param file    the offending file
     * @param message what was found and what was expected
     */
    public DatasetFormatException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
        this.line = 0;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }
}
