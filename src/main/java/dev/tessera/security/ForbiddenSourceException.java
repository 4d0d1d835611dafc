package dev.tessera.security;

/** A remote source the service may not reach: a refused scheme, host or address (403 {@code forbidden_source}). */
public final class ForbiddenSourceException extends RuntimeException {
    public ForbiddenSourceException(String message) {
        super(message, null, false, false);
    }
}
