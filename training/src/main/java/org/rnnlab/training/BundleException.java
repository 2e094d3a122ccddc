package org.rnnlab.training;

import java.nio.file.Path;

/**
 * A model bundle or checkpoint that cannot be read: missing, truncated, corrupt, crafted (entries its
 * format does not define, sizes beyond what its model needs), or from a format this version does not read.
 * The message starts with the file and names the entry at fault.
 */
public final class BundleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether the path itself is wrong (missing, a folder): {@link #wrongPath(Path, String)}. */
    private final boolean wrongPath;

    public BundleException(Path file, String message, Throwable cause) {
        this(file, message, cause, false);
    }

    public BundleException(Path file, String message) {
        this(file, message, null, false);
    }

    private BundleException(Path file, String message, Throwable cause, boolean wrongPath) {
        super(file + ": " + message, cause);
        this.wrongPath = wrongPath;
    }

    /**
     * A model path that is not there or is not a file (a folder, a device): nothing was read. The command line calls it a
     * usage error (exit 2), as any other wrong path given to it, where a file that is there and is no valid bundle is an error
     * (exit 1).
     */
    public static BundleException wrongPath(Path file, String message) {
        return new BundleException(file, message, null, true);
    }

    /** Whether the path itself is wrong: {@link #wrongPath(Path, String)}. */
    public boolean wrongPath() {
        return wrongPath;
    }
}
