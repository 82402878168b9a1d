package io.shoal.admin.internal;

/** A request the API refuses: the status to answer and a message for the person who sent it. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
