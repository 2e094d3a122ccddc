package org.rnnlab.serving;

/** A request the server refuses: an HTTP status (4xx) and a message that says exactly what is wrong. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }
}
