package org.rnnlab.training;

import java.nio.file.Path;

/** A model bundle that cannot be read: missing, truncated, corrupt, or from a newer format. */
public final class BundleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BundleException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
    }

    public BundleException(Path file, String message) {
        this(file, message, null);
    }
}
