package org.rnnlab.training;

import java.nio.file.Path;

/**
 * A model bundle or checkpoint that cannot be read: missing, truncated, corrupt, crafted (entries its
 * format does not define, sizes beyond what its model needs), or from a format this version does not read.
 * The message starts with the file and names the entry at fault.
 */
public final class BundleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BundleException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
    }

    public BundleException(Path file, String message) {
        this(file, message, null);
    }
}
