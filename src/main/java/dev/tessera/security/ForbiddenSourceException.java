package dev.tessera.security;

/**
 * A remote source the service may not reach: a refused scheme, host or address (403 {@code forbidden_source}).
 * {@link #reason()} names the refused class (an address class such as {@code loopback}, or {@code host-not-allowed})
 * for the refusal metrics.
 */
public final class ForbiddenSourceException extends RuntimeException {
    private final String reason;

    public ForbiddenSourceException(String message) {
        this("forbidden", message);
    }

    public ForbiddenSourceException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The refused class: a short, fixed label (a metrics tag value). */
    public String reason() {
        return reason;
    }
}
